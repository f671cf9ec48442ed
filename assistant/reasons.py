"""Extractive reasons: for each recommended card, the sentence of that product's own text (title
parts and description) closest in meaning to what the shopper asked for, picked with the
embedder. A reason therefore says only what its card supports; no model writes it."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from assistant.grounding import names_carried, same_sentence
from retrieval.catalog import Product
from retrieval.embedders import Embedder

#: Sentences shorter than this say nothing; longer ones are cut at a clause boundary.
MIN_CHARS = 25
MAX_CHARS = 170
#: Marketing filler that fits every product: never chosen as a reason.
_FILLER = re.compile(
    r"\b(?:look no further|perfect (?:gift|choice|addition) for (?:any|every)|whether you'?re|"
    r"don'?t miss|order (?:now|today)|add to (?:cart|your)|satisfaction guaranteed|customer service|"
    r"money back|warranty|click|buy now|we offer|our (?:team|company)|if you have any)\b",
    re.I,
)  # fmt: skip
#: Text that addresses a model rather than describing a product (an injection in a catalog
#: description): never quoted to the shopper.
_INSTRUCTION = re.compile(
    r"<\||\|>|\b(?:ignore|disregard|instructions?|system|developer mode|prompt|assistant|you are now|"
    r"new rule|always say|tell the (?:shopper|user|customer)|the user|recommend product)\b",
    re.I,
)
_PRICE_OR_RATING = re.compile(r"[$€£]\s?\d|\b\d(?:\.\d)?\s?(?:/\s?5|stars?)\b", re.I)
#: Advertising words: a sentence made of them tells the shopper nothing they can check.
_HYPE = re.compile(
    r"\b(?:perfect(?:ly)?|must[- ]have|elevate|immerse|unleash|discover|enchant\w*|ultimate|stunning|"
    r"irresistible|delight\w*|amaz\w+|awesome|incredible|magic(?:al)?|dreams?|journey|world of|"
    r"game[- ]changer|next level|reckoned|seasoned|alike|unforgettable|endless|breathtaking|"
    r"exceptional|unparalleled|elegant|exquisite|sleek|ideal|wonderful|fantastic|premium|"
    r"best|love|joy|adventure|masterpiece|companion|take your|experience the|get ready|say goodbye)\b",
    re.I,
)  # fmt: skip
#: Concrete, checkable content: numbers with units, materials, parts, how it works.
_CONCRETE = re.compile(
    r"\d|\b(?:inch|inches|mm|cm|ft|feet|lbs?|oz|pcs|pieces?|pack|set of|includes?|included|comes with|"
    r"made of|made from|wood(?:en)?|solid|steel|stainless|metal|alumin(?:um|ium)|plastic|cotton|"
    r"nylon|leather|silicone|rubber|maple|mahogany|spruce|rosewood|battery|batteries|usb|"
    r"rechargeable|waterproof|adjustable|washable|non-toxic|bpa|size|sizes|fits?|compatible|strings?|"
    r"keys|watts?|volts?)\b",
    re.I,
)  # fmt: skip
#: Sentences that open as a sales question with its "?" gone, or address nobody in particular.
_OPENER = re.compile(
    r"^(?:looking (?:for|to)|are you|want to|need a|searching for|tired of|ready to)\b", re.I
)
#: The advertising tail many description sentences end with: cut, the fact before it kept.
_TAIL = re.compile(
    r",\s+(?:and\s+)?(?:(?:it|they|this)\s+)?(?:is\s+|are\s+)?(?:making|which makes|"
    r"perfect(?:ly)?|ideal|great|so you can|ensuring|allowing you|guaranteed to|sure to)\b[^.!?]*(?=[.!?]?$)",
    re.I,
)  # fmt: skip
#: A generated description's preamble ("Sure, here is a creative description for the item "..."
#: in under 80 words:"), which quotes the title's keywords.
_PREAMBLE = re.compile(
    r"(?im)^\s*(?:sure|certainly|here is|here's|okay)\b[^\n]*?(?:description|words)[^\n]*:\s*$"
)
#: A sentence that opens as an advert ("Immerse yourself in ...", "Calling all drummers ..."):
#: chosen only when nothing plainer is left.
_AD_OPENER = re.compile(
    r"^(?:calling all|embrace|unlock|immerse|unleash|discover|get ready|introducing|meet the|step into|"
    r"experience|journey|prepare for|say hello|elevate|transform|indulge|treat your|bring (?:home|out))\b",
    re.I,
)  # fmt: skip
_CHILD = re.compile(
    r"\b(?:child|children|kids?|toddlers?|bab(?:y|ies)|little ones?|preschool\w*|boys|girls|infants?)\b",
    re.I,
)
_ADULT = re.compile(
    r"\b(?:adults?|dad|mom|father|mother|husband|wife|grown-?ups?|men|women|him|her)\b", re.I
)


#: A quotation in a description ("you'll be saying "Finally!"") reads as a name the card does not
#: carry, to the shopper and to the checker alike: such a sentence is not a reason.
_QUOTED = re.compile(r"[\"“”«»]")


#: Praise said as an adjective before what it praises ("This stunning soprano ukulele is made
#: of mahogany"): dropped, the fact kept. Only after a determiner that needs no agreement ("a"/"an"
#: would) and before two more words, so "perfect for beginners", "is stunning" or "has a stunning
#: finish" are left as they are.
_PRAISE = re.compile(
    r"\b((?:the|this|these|its|their|your) )(?:stunning|sleek|elegant|exquisite|premium|"
    r"ultimate|amazing|awesome|incredible|fantastic|wonderful|breathtaking|irresistible|exceptional|"
    r"unparalleled|beautiful|gorgeous|magnificent|superb)(?:,? and|,)? (?!(?:for|to|and|of|in|with)\b)(?=\w+ \w)",
    re.I,
)  # fmt: skip
#: A sentence that opens with a clause of praise and then states its facts ("This guitar is a
#: force to be reckoned with, crafted with a solid maple body"): the facts alone.
_FACTS_AFTER = re.compile(
    r"^[^,]*,\s+((?:crafted|made|built|designed|constructed|featuring|equipped|fitted|including|"
    r"complete|powered|handcrafted|molded|moulded)\b.*)$",
    re.I,
)


#: Praise that qualifies who or what a product is for: the "for" is kept, the praise is not
#: ("is perfect for kids ages 4-8" -> "is for kids ages 4-8", "beginners and pros alike" ->
#: "beginners and pros").
_PRAISED_FOR = re.compile(
    r"\b(?:(?:absolutely|simply|just) )?(?:perfect(?:ly suited)?|ideal|great|excellent) for\b", re.I
)
_ALIKE = re.compile(r",? alike\b", re.I)


def _plainer(sentence: str) -> str:
    """The sentence without its praise (see `_PRAISE`, `_FACTS_AFTER`), where what is left still
    says something."""
    facts = _FACTS_AFTER.match(sentence)
    if facts and _HYPE.search(sentence[: facts.start(1)]) and not _CONCRETE.search(
        sentence[: facts.start(1)]
    ) and len(facts.group(1)) >= MIN_CHARS:  # fmt: skip
        sentence = facts.group(1)[:1].upper() + facts.group(1)[1:]
    return _PRAISE.sub(r"\1", sentence)


def _unpraised(sentence: str) -> str:
    """The chosen reason without "perfect for" / "alike" (see `_PRAISED_FOR`): applied once the
    sentence is chosen, so the praise still counts against it in the ranking. Not after "makes
    it": "makes it perfect for any space" would lose its verb's sense."""

    def plain(m: re.Match[str]) -> str:
        if re.search(
            r"\b(?:makes?|making|made)\s+(?:it|them|this|these)\s+$", sentence[: m.start()], re.I
        ):
            return m.group(0)
        return "For" if m.group(0)[:1].isupper() else "for"

    return _ALIKE.sub("", _PRAISED_FOR.sub(plain, sentence))


def _balanced(s: str) -> bool:
    return s.count("(") == s.count(")") and s.count("[") == s.count("]") and s.count('"') % 2 == 0


def _usable(s: str) -> bool:
    """A sentence that reads as a reason: whole, starting with a word, long enough to say something."""
    return (
        len(s) >= MIN_CHARS
        and len(s.split()) >= 5
        and s[:1].isalnum()
        and _balanced(s)
        and not _QUOTED.search(s)
        and not _OPENER.search(s)
        and not _FILLER.search(s)
        and not _PRICE_OR_RATING.search(s)
        and not _INSTRUCTION.search(s)
    )


def _sentences(product: Product) -> list[str]:
    """Candidate reason sentences: the description's sentences, each without its advertising tail
    (", perfect for ..."). Not the title's parts: the card shows the title, and past its name a
    title is mostly search keywords."""
    text = re.sub(r"^\s*#+[^\n]*\n", "", product.description or "")  # the "## <title>" heading
    text = _PREAMBLE.sub("", text)
    text = re.sub(r"[*_#`>]+", " ", text)
    parts = re.split(r"(?<=[.!?])\s+|\n+|\s+[•·▶]\s*|\s-\s", text)
    out = []
    for raw in parts:
        s = _plainer(_TAIL.sub("", " ".join(raw.split())).strip(" -:;,"))
        if len(s) > MAX_CHARS:
            cut = max(s.rfind(", ", 0, MAX_CHARS), s.rfind("; ", 0, MAX_CHARS))
            s = s[:cut] if cut >= MIN_CHARS else ""
        if s.endswith("?"):
            continue  # a sales question ("Are you having problems with ...?"): it asserts nothing
        if not _usable(s) or same_sentence(s, product.title) or s.rstrip(".") in product.title:
            continue  # a description that is the title again: the card already says it
        if not names_carried(
            s, f"{product.title} {product.brand or ''} {' '.join(product.category)}"
        ):
            continue  # a name the card does not show (another product, a film, a brand): not quoted
        out.append(s.rstrip(".!?") + ".")
    return list(dict.fromkeys(out))


def _clean(sentence: str) -> str:
    """A sentence as a reason: its praise of whom it suits dropped, first letter capitalised."""
    s = _unpraised(sentence.strip())
    return (s[:1].upper() + s[1:]) if s else s


def _quality(sentence: str, need: str) -> float:
    """What makes a sentence worth reading beyond its closeness to the need: checkable facts
    (+), advertising (-), and a reader other than the one the shopper named (-)."""
    score = 0.08 * min(3, len(_CONCRETE.findall(sentence)))
    score -= 0.1 * min(3, len(_HYPE.findall(sentence))) + 0.25 * bool(_AD_OPENER.search(sentence))
    if (
        _ADULT.search(need)
        and not _CHILD.search(need)
        and _CHILD.search(sentence)
        and not _ADULT.search(sentence)
    ):
        score -= 0.3
    if (
        _CHILD.search(need)
        and not _ADULT.search(need)
        and _ADULT.search(sentence)
        and not _CHILD.search(sentence)
    ):
        score -= 0.3
    return score


def ranked_reasons(
    products: Sequence[Product], need: str, embedder: Embedder | None
) -> list[list[str]]:
    """Per product, its usable sentences best first: closest in meaning to `need` (the
    embedder; without one, most need words shared), raised for facts, lowered for advertising."""
    candidates = [_sentences(p) for p in products]
    need_words = {w for w in re.findall(r"[a-z]{3,}", need.lower())}
    flat = [s for group in candidates for s in group]
    scores: np.ndarray
    if embedder is not None and flat and need.strip():
        vectors = embedder.embed_batch([need, *flat])
        scores = vectors[1:] @ vectors[0]
    else:
        scores = np.array(
            [0.1 * len(need_words & set(re.findall(r"[a-z]{3,}", s.lower()))) for s in flat],
            dtype=float,
        )
    scores = scores + np.array([_quality(s, need) for s in flat])
    out, at = [], 0
    for group in candidates:
        order = np.argsort(-scores[at : at + len(group)], kind="stable")
        out.append([_clean(group[i]) for i in order])
        at += len(group)
    return out


def title_reason(product: Product) -> str:
    """The start of the title, for a product whose text has no usable sentence."""
    parts = [p for p in re.split(r"\s*[,(|)]\s*", product.title) if len(p.split()) >= 2]
    head = parts[0] if parts else product.title  # "(50) Gorilla Supply ...": not the empty "(" head
    return _clean(head[:MAX_CHARS].strip().rstrip(".") + ".")


def extract_reasons(products: Sequence[Product], need: str, embedder: Embedder | None) -> list[str]:
    """One reason per product (in order): its best sentence (see `ranked_reasons`); the start of
    its title when it has no usable sentence."""
    ranked = ranked_reasons(products, need, embedder)
    return [
        group[0] if group else title_reason(p) for p, group in zip(products, ranked, strict=True)
    ]
