"""Keeping the written answer honest: the product list the model sees, the checker that reads
its text against the catalog, and the templated answer used when the model cannot be trusted."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from functools import cache

from pydantic import BaseModel, ConfigDict

from assistant.advice import Card
from assistant.phrases import languages, phrases_of
from retrieval import units
from retrieval.vocabulary import common_english

_PRICE = re.compile(
    r"(?:[$€£]\s?(\d[\d,]*(?:\.\d{1,2})?))|(?:\b(\d[\d,]*(?:\.\d{1,2})?)\s?(?:dollars|usd|bucks|euros?)\b)",
    re.I,
)  # fmt: skip
_RATING = re.compile(
    r"(?:\b(\d(?:\.\d)?)\s?(?:/\s?5|out of 5|stars?)\b)|(?:\brated\s+(\d(?:\.\d)?)\b)", re.I
)
_MARK = re.compile(r"\[(\d{1,2})\]")
_QUOTED = re.compile(r"[\"“]([^\"”]{4,120})[\"”]")
# Markup a browser or a markdown renderer would act on: a link or an image fetched from elsewhere,
# an HTML tag. Answers are plain sentences about the cards; none of this belongs in them.
_TLD = (
    "com|net|org|io|co|ru|cn|info|biz|xyz|ly|me|app|dev|shop|store|top|site|online|tk|de|ai|do|"
    "uk|us|gg|to|cc|ws|link|click|eu|fr|it|es|nl|pl|in|au|ca|jp|br|tv|ml|ga|cf|gq|su|pw"
)
_MARKUP = (
    # an image inline or by reference; a link (its text may span lines; "[2] (cheaper)" is no link)
    (re.compile(r"!\[[^\]]{0,300}\][(\[]"), "a markdown image"),
    (re.compile(r"\[[^\]]{0,300}\]\([^)\s]+\)|^\s{0,3}\[[^\]]+\]:\s*\S", re.M), "a markdown link"),
    (re.compile(r"</?[a-z][a-z0-9-]*(?=[\s/>])|<!--", re.I), "an HTML tag"),
    (re.compile(r"\b(?:https?|ftp|file)://\S+|\b(?:data|javascript|vbscript|mailto):\S+|\bwww\.\S+"
                r"|(?<![\w:])//[\w-]+\.[\w.-]+|\b[\w.+-]+@[\w-]+\.[a-z]{2,}", re.I), "a web address"),
    # a bare domain: lowercase ending only, so "for beginners.Top pick" (a missing space) is prose
    (re.compile(rf"\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:{_TLD})\b(?:/\S*)?"), "a web address"),
)  # fmt: skip


class Violation(BaseModel):
    """Something in the text that the catalog does not back."""

    model_config = ConfigDict(frozen=True)

    kind: str  # price | rating | mark | name | markup | truncated | repeated | contradiction | echo | unsupported
    text: str
    detail: str


def product_lines(cards: Sequence[Card], description_chars: int = 160) -> str:
    """The numbered list the model reads: short titles, value notes in words (no prices to copy),
    descriptions cut short and quoted as data."""
    lines = []
    for c in cards:
        p = c.product
        desc = " ".join(p.description.split())[:description_chars]
        lines.append(f"[{c.mark}] {p.title[:80]} ({c.value}) «{desc}»")
    return "\n".join(lines)


def check(text: str, cards: Sequence[Card], allowed_numbers: Iterable[Decimal] = (),
          other_names: Iterable[str] = (), prompt_grams: frozenset[str] = frozenset()) -> list[Violation]:  # fmt: skip
    """Every price, rating, reference mark and product name in `text` must match the cards.
    `allowed_numbers` are amounts the shopper wrote (their own budget may be repeated);
    `other_names` are catalog brands that must not appear unless a card carries them;
    `prompt_grams` are word runs of the prompts, which must not be repeated to the shopper."""
    out: list[Violation] = []
    if prompt_grams:
        words = re.findall(r"[a-z']+", text.lower())
        n = len(next(iter(prompt_grams)).split())
        leaked = [" ".join(words[i : i + n]) for i in range(len(words) - n + 1)
                  if " ".join(words[i : i + n]) in prompt_grams]  # fmt: skip
        if leaked:
            out.append(
                Violation(
                    kind="leak", text=leaked[0], detail="repeats the assistant's instructions"
                )
            )
    prices = {c.product.price.amount for c in cards if c.product.price is not None}
    allowed = prices | set(allowed_numbers)
    for m in _PRICE.finditer(text):
        raw = (m.group(1) or m.group(2)).replace(",", "")
        try:
            value = Decimal(raw)
        except InvalidOperation:
            continue
        if not any(value == a for a in allowed):
            out.append(
                Violation(
                    kind="price", text=m.group(0), detail=f"{value} is no shown product's price"
                )
            )
    ratings = {round(c.product.rating, 1) for c in cards if c.product.rating is not None}
    ratings |= {round(float(a), 1) for a in allowed_numbers if 0 < a <= 5}  # "at least 4.5 stars"
    for m in _RATING.finditer(text):
        stars = round(float(m.group(1) or m.group(2)), 1)
        if stars not in ratings:
            out.append(
                Violation(
                    kind="rating", text=m.group(0), detail=f"{stars} is no shown product's rating"
                )
            )
    shown_text = " ".join(f"{c.product.title} {c.product.brand or ''} {' '.join(c.product.category)} {c.value}"
                          for c in cards).lower()  # fmt: skip
    out += markup(text, shown_text)
    marks = {c.mark for c in cards}
    for m in _MARK.finditer(text):
        if int(m.group(1)) not in marks:
            out.append(
                Violation(kind="mark", text=m.group(0), detail="refers to no product on screen")
            )
    described = " ".join(
        " ".join(re.sub(r"[*_#`>]+", " ", c.product.description or "").split()) for c in cards
    ).lower()
    for m in _QUOTED.finditer(text):
        quoted = m.group(1).strip(" ,.;:!?…").lower()
        # '"Crossing Lines,"' names "Crossing Lines"; a card's own words may be quoted (a question
        # about the cards is answered with what a listing says)
        if quoted not in shown_text and quoted not in described:
            out.append(Violation(kind="name", text=m.group(0), detail="names no product on screen"))
    for name in _proper_names(text):
        if _not_carried(name, shown_text):
            out.append(
                Violation(kind="name", text=name, detail="a name that no product on screen carries")
            )
    for name in other_names:
        if _names_brand(text, name) and name.lower() not in shown_text:
            out.append(Violation(kind="name", text=name, detail="a brand of no product on screen"))
    return out


def markup(text: str, allowed: str = "") -> list[Violation]:
    """Links, images, web addresses and HTML in `text`; one a card carries (a title naming
    "Amazon.com") is the catalog's words, not markup, when it appears in `allowed` (lowercase)."""
    found: list[Violation] = []
    for pattern, what in _MARKUP:
        for m in pattern.finditer(text):
            if m.group(0).lower().strip(".,;:!?") in allowed:
                continue
            found.append(Violation(kind="markup", text=m.group(0)[:80],
                                   detail=f"{what}; answers are plain text about the cards"))  # fmt: skip
    return found


def _names_brand(text: str, name: str) -> bool:
    """The text names the brand. A brand that is also a common word ("Ideal", "Gorilla") counts
    only as written, capitalised, and not as the first word of a sentence ("ideal for ...")."""
    if name.lower() not in common_english():
        return bool(re.search(rf"\b{re.escape(name)}\b", text, re.I))
    return any(
        not re.search(r"(?:^|[.!?:\]]\s*|^-\s*)$", text[: m.start()])
        for m in re.finditer(rf"\b{re.escape(name)}\b", text)
    )


_CAP = r"(?:[A-Z][\w'-]*|[A-Z0-9]+(?:-[A-Z0-9]+)*|[A-Z]-?\d+)"
_NAME = re.compile(rf"(?<![.!?:]\s)(?<!^)\b{_CAP}(?:\s+{_CAP})+")


#: A quantity with its unit, as a title or a spec writes it ("9v", "20mm", "500ml", "2x").
_MEASURE = re.compile(
    rf"\d+(?:{units.alternation('length', 'weight', 'volume', 'power', names=('piece',))}|x)", re.I
)


def names_carried(text: str, carrier: str) -> bool:
    """Every capitalised name in `text` is carried by `carrier` (a product's title and brand)."""
    lower = carrier.lower()
    # (as a rendered reason line reads, its first word included)
    return not any(_not_carried(name, lower) for name in _proper_names(f"- {text}"))


def _not_carried(name: str, carried: str) -> bool:
    """Whether a capitalised name is one `carried` (lowercase text) lacks. A measure is no part
    of a name: "Standard 9V battery", "Duracell 9V" is Duracell (the checker and the quoting of
    listings had read measures differently)."""
    tokens = name.split()
    if len(tokens) - sum(1 for t in tokens if _MEASURE.fullmatch(t)) < 2 and len(tokens) > 1:
        return False  # one capitalised word beside a measure ("Standard 9V") is no name
    words = [w for w in re.findall(r"[a-z0-9]+", name.lower())
             if (len(w) >= 3 or any(ch.isdigit() for ch in w)) and not _MEASURE.fullmatch(w)]  # fmt: skip
    return bool(words) and not all(w in carried for w in words)


def _proper_names(text: str) -> list[str]:
    """Runs of two or more capitalised words that do not start a sentence ("Les Paul",
    "Yamaha P-45"): what an invented product name looks like in prose."""
    found = []
    for line in text.splitlines():
        for m in _NAME.finditer(line.strip()):
            found.append(m.group(0))
    return found


def templated_answer(cards: Sequence[Card], need: str, notice: str | None = None) -> str:
    """An answer written by code from catalog fields, for when the model's text failed the check."""
    if not cards:
        return notice or f"I found nothing for {need}."
    picked = [c for c in cards if c.recommended] or list(cards[:1])
    first = picked[0]
    parts = [notice] if notice else []
    parts.append(f"[{first.mark}] is the closest match to your request ({first.value}).")
    for c in picked[1:3]:
        parts.append(f"[{c.mark}] is also worth a look ({c.value}).")
    parts.append("Compare the cards for price and rating before you buy.")
    return " ".join(parts)


#: Words any honest shopping sentence may use without a card or the shopper saying them.
_GENERIC = set(
    ["this", "that", "these", "those", "with", "from", "your", "their", "there", "which", "will", "would", "could", "great", "good", "perfect", "ideal", "nice", "best", "better", "suits", "suit", "suited", "fits", "fit", "fitting", "choice", "option", "pick", "recommend", "recommended", "because", "since", "also", "just", "really", "very", "well", "make", "makes", "made", "help", "helps", "keep", "keeps", "love", "loves", "enjoy", "enjoys", "want", "wants", "need", "needs", "looking", "look", "find", "finding", "offers", "offer", "features", "feature", "includes", "include", "including", "comes", "come", "provides", "provide", "gives", "give", "designed", "design", "great", "excellent", "quality", "easy", "simple", "fun", "favorite", "favourite", "anyone", "someone", "everyone", "something", "product", "item", "products", "items", "shopper", "request", "asked", "asking", "what", "they", "them", "it's", "its", "into", "about", "more", "most", "than", "other", "others", "while", "both", "each", "every", "many", "much", "some", "such", "only", "even", "still", "like", "alike", "here", "right", "first", "second", "third"]
)  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?。！？]['\")\]]*$")


def sentences(text: str) -> list[str]:
    """The text's sentences (split after . ! ? and their CJK forms, and at line breaks; a list's
    next number glued to a full stop, "partially clogged.3. Check the", is no part of either)."""
    parts = re.split(r"(?<=[.!?。！？])\s+|\n+|(?<=[a-z]{2}\.)\d{1,2}\.(?:\s+|$)", text)
    return [s.strip() for s in parts if s.strip()]


#: A clause a cut sentence may end at has at least this many words.
CLAUSE_WORDS = 8


def at_clause(text: str) -> str:
    """A sentence the token budget cut, ended at its last whole clause (the last comma or
    semicolon after at least CLAUSE_WORDS words) with a full stop; "" when it has none."""
    text = " ".join(text.split())
    if not text or _SENTENCE_END.search(text):
        return ""
    cut = max(text.rfind(", "), text.rfind("; "), text.rfind("，"))
    head = text[:cut].rstrip() if cut > 0 else ""
    if len(head.split()) < CLAUSE_WORDS or not head[-1:].isalnum():
        return ""
    return head + ("。" if re.search(r"[\u3400-\u9fff]$", head) else ".")


def finish_at_sentence(text: str, max_sentences: int = 2) -> str:
    """The text cut after its last whole sentence (at most `max_sentences`): never mid-word or
    mid-sentence. Empty when not even one sentence was finished."""
    text = " ".join(text.split())
    whole = []
    for s in sentences(text):
        if not _SENTENCE_END.search(s):
            break
        whole.append(s)
    return " ".join(whole[:max_sentences])


#: Words that carry no claim about a product either, beyond `_GENERIC` and its inflections.
_NO_CLAIM = frozenset(
    ["specifically", "variety", "various", "convenient", "conveniently", "convenience", "ensure",
     "allow", "ready", "everything", "anything", "whether", "plus", "range", "task", "tasks",
     "option", "options", "choose", "reliable", "suitable", "sure"]
)  # fmt: skip


@cache
def _own_words() -> frozenset[str]:
    """The words of the answer's fixed phrases (phrases.toml, every language): the code's own sentences
    ("We don't seem to carry ...", "within your $35 budget") say what the catalog and the search
    found, so their words are no claim a card must support."""
    text = " ".join(v for language in languages() for v in phrases_of(language).values())
    return frozenset(re.findall(r"[a-z][a-z'-]{3,}", re.sub(r"\{\w+\}", " ", text.lower())))


def _generic(word: str) -> bool:
    """A word any honest shopping sentence may use: in `_GENERIC` or `_NO_CLAIM`, the answer's
    own fixed phrases, or an inflection of one ("offering", "making", "ensures")."""
    if word in _GENERIC or word in _NO_CLAIM or word in _own_words():
        return True
    bases = [word[: -len(e)] for e in ("ing", "ed", "es", "s", "ly") if word.endswith(e)]
    return any(
        b in _GENERIC or b in _NO_CLAIM
        for base in bases
        if len(base) >= 3
        for b in (base, f"{base}e", base[:-1])
    )


def _content(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z][a-z'-]{3,}", text.lower()) if not _generic(w)]


def _supported(word: str, source: str) -> bool:
    """The word (each part of a hyphenated one: "heavy-duty" beside "Heavy Duty") is in the
    shopper's message or the cards, give or take an ending."""
    parts = [p for p in word.split("-") if p] or [word]
    for part in parts:
        stem = part[:-1] if part.endswith("s") else part
        if stem[: max(4, len(stem) - 2)] not in source:
            return False
    return True


#: An echo: the text repeats a run of at least this many of the message's words, covering 90% of
#: the message, or a shorter run in the customer's first person ("the gloves I ordered last time
#: were too small"). Restating the need ("[1] suits a 10 year old who likes science") is not one;
#: handing the customer's own sentence back, whole or quoted in part, is.
ECHO_WORDS = 6
_FIRST_PERSON = frozenset(["i", "my", "me", "im", "we", "our", "us", "mine"])


def echoed(text: str, message: str) -> str | None:
    """The run of the message's words that the text hands back, if it is an echo."""
    said = re.findall(r"\w+", message.lower())
    written = " " + " ".join(re.findall(r"\w+", text.lower())) + " "
    whole = max(ECHO_WORDS, -(-9 * len(said) // 10))
    for need, voiced in ((whole, False), (ECHO_WORDS, True)):
        for i in range(len(said) - need + 1):
            run = said[i : i + need]
            if voiced and not _FIRST_PERSON & set(run):
                continue
            if f" {' '.join(run)} " in written:
                return " ".join(run)
    return None


#: A lead that describes the request ("The shopper wants a gift for ...") instead of answering it.
_NARRATION = re.compile(
    r"\bthe (?:shopper|customer|user|buyer)(?:'s)?\b|\b(?:they|he|she) (?:want|wants|is looking|are looking)\b"
    r"|\b(?:shopper|customer|user|buyer) (?:asked|asks|wrote|writes|said|says|wants|needs)\b",
    re.I,
)


#: A number as written: "12", "4.5", and ".046" (a string gauge) with its point.
_NUMBER = r"(?<![\d.])\.?\d+(?:\.\d+)?"


def same_sentence(a: str, b: str) -> bool:
    """Whether two sentences say the same: at least 80% of the longer one's words shared."""
    x, y = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    return bool(x and y) and len(x & y) >= 0.8 * max(len(x), len(y))


def check_sense(text: str, message: str, cards: Sequence[Card], age: tuple[float, float] | None = None,
                min_support: float = 0.6) -> list[Violation]:  # fmt: skip
    """What a reader notices and the catalog check does not: a text cut mid-sentence, one that
    narrates the request instead of answering it, a repeated sentence, a number or age the shopper did not say and no card carries, and content words
    that neither the shopper's message nor the cards support (an invented use or feature)."""
    out: list[Violation] = []
    if text and not _SENTENCE_END.search(text.strip()):
        out.append(Violation(kind="truncated", text=text[-30:], detail="ends mid-sentence"))
    if found := _NARRATION.search(text):
        out.append(Violation(kind="narration", text=found.group(0),
                             detail="talks about the shopper instead of to them"))  # fmt: skip
    seen: list[str] = []
    for s in sentences(text):
        if any(same_sentence(s, w) for w in seen):
            out.append(
                Violation(kind="repeated", text=s[:80], detail="says the same sentence twice")
            )
        seen.append(s)
    source = " ".join([message, *(f"{c.product.title} {c.product.description} {' '.join(c.product.category)} "
                                  f"{c.product.brand or ''} {c.price} {c.product.rating or ''} "
                                  f"{c.product.rating_count or ''} {c.product.rating_count or 0:,}" for c in cards)]).lower()  # fmt: skip
    for ident in set(re.findall(r"\b[a-z]+[-_]\d+\b", text.lower())):  # "cust-123"
        if ident not in source.replace(message.lower(), " "):
            out.append(Violation(kind="identifier", text=ident,
                                 detail="repeats an id that no product on screen carries"))  # fmt: skip
    said = set(re.findall(_NUMBER, message))
    # a rating written "4.7/5" or "4.7 of 5" says 4.7 (checked against the cards); the 5 is the
    # scale (also as the answer's other languages write it: "de 5", "sur 5", "满分5")
    plain = re.sub(r"(\d(?:\.\d)?)\s?(?:/|of|out of|de|sur|von|su)\s?5\b|满分5", r"\1",
                   re.sub(r"\[\d{1,2}\]", " ", text))  # fmt: skip
    for m in re.finditer(_NUMBER, plain):
        if m.group(0) not in said and not re.search(
            rf"(?<![\d.]){re.escape(m.group(0))}(?![\d])", source
        ):
            out.append(
                Violation(kind="contradiction", text=m.group(0), detail="a number nobody said")
            )
    if age is not None:
        # (one end of a range, "any 3-7 year old", is read with the range below)
        for m in re.finditer(
            r"(?<!\d-)(?<!\d–)(?<!\d to )\b(\d{1,2})[- ]?(?:years?|yrs?)[- ]?old", text, re.I
        ):
            if not age[0] <= int(m.group(1)) <= age[1]:
                out.append(
                    Violation(kind="contradiction", text=m.group(0), detail="not the shopper's age")
                )
        # "perfect for musicians aged 5-12" written for a shopper's mum
        for m in re.finditer(
            r"\b(?:aged?|ages)\s*(\d{1,2})\s*(?:-|to|–)\s*(\d{1,2})\b"
            r"|\b(\d{1,2})\s*(?:-|to|–)\s*(\d{1,2})[- ]?(?:years?|yrs?)[- ]?old",
            text,
            re.I,
        ):
            lo, hi = (int(g) for g in (m.groups()[:2] if m.group(1) else m.groups()[2:]))
            if hi < age[0] or lo > age[1]:
                out.append(
                    Violation(kind="contradiction", text=m.group(0), detail="not the shopper's age")
                )
    tokens = re.findall(r"\w+", text.lower())
    grams = {" ".join(tokens[i : i + 5]) for i in range(len(tokens) - 4)}
    for c in cards:
        title = re.findall(r"\w+", c.product.title.lower())
        copied = [
            " ".join(title[i : i + 5])
            for i in range(len(title) - 4)
            if " ".join(title[i : i + 5]) in grams
        ]
        if copied:
            out.append(
                Violation(
                    kind="name",
                    text=copied[0],
                    detail="copies the product's name (the card shows it)",
                )
            )
            break
    if run := echoed(text, message):
        out.append(Violation(kind="echo", text=run, detail="repeats the customer's own words back"))
    content = _content(re.sub(r"\[\d{1,2}\]", " ", text))
    if content:
        unsupported = [w for w in content if not _supported(w, source)]
        if len(unsupported) > (1 - min_support) * len(content):
            out.append(Violation(kind="unsupported", text=", ".join(unsupported[:5]),
                                 detail="words neither the shopper nor the cards use"))  # fmt: skip
    return out
