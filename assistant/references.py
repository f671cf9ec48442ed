"""What a customer's message says about their own history: which past product it refers to ("the
last thing I bought", "the gloves I ordered", "my usual filament") and what they want done about
it (another size, something cheaper, another brand, the same again, a question about it).

Pure: the past products come in as data (newest last); no model reads the reference, so an agent
sees the same resolution every time and the bench can check it."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

import Stemmer

from retrieval.catalog import Product


class Ask(StrEnum):
    """What the customer wants done about the product they refer to."""

    size = "size"  # another size or variant of the same line
    cheaper = "cheaper"  # a cheaper product of the same kind
    brand = "brand"  # the same kind from another brand
    same = "same"  # the same product again
    question = "question"  # a question about the product itself
    other = "other"  # nothing about a past product: search as usual


#: (pattern, ask, size direction). The first match wins, so the specific asks come first.
_ASKS: tuple[tuple[str, Ask, int], ...] = (
    (r"\btoo (?:small|tight|short|narrow|thin|little)\b|\b(?:bigger|larger|longer|wider) (?:size|one)s?\b|\bsize up\b|\bnext size up\b", Ask.size, 1),
    (r"\btoo (?:big|large|loose|long|wide|baggy)\b|\bsmaller (?:size|one)s?\b|\bsize down\b|\bnext size down\b", Ask.size, -1),
    (r"\b(?:wrong size|does(?:n't| not) fit|did(?:n't| not) fit|other sizes?|another size|different size|what sizes?)\b", Ask.size, 0),
    (r"\b(?:cheaper|less expensive|lower[- ]priced?|more affordable|too expensive|too pricey|costs? less|budget (?:option|alternative|version))\b", Ask.cheaper, 0),
    (r"\b(?:other|another|different|better|sturdier|stronger|more reliable|more durable|higher quality|quality) (?:brand|make|manufacturer|maker)s?\b|\bbrands? other than\b|\bnot (?:from )?(?:that|this) brand\b", Ask.brand, 0),
    (r"\b(?:arrived|came|was|were|is|are) (?:broken|cracked|damaged|defective|leaking)\b|\b(?:broke|cracked|snapped|stopped working|fell apart|poor quality|flimsy)\b", Ask.brand, 0),
    (r"\b(?:same (?:ones?|things?|items?|products?|again|as (?:last|before))|the same\b.*\bagain|re-?order|order (?:it |them |that |those )?again|buy (?:it |them )?again|another (?:box|pack|bag|roll|spool|set|one) of|more of (?:the|that|those|my)|ran out|running out|run out|restock)\b", Ask.same, 0),
)  # fmt: skip
_QUESTION = re.compile(
    r"^\s*(?:is|are|does|do|did|can|could|will|would|should|how|what|which|where|why)\b|\?\s*$",
    re.IGNORECASE,
)

#: Phrases that point at the customer's own past products.
_RECENT = re.compile(
    r"\b(?:last|latest|most recent|previous|recent)\b(?! (?:week|month|year|night|time i (?:checked|looked)))",
    re.IGNORECASE,
)
_USUAL = re.compile(r"\b(?:usual|regular|always (?:buy|get|order))\b", re.IGNORECASE)
_MINE = re.compile(
    r"\b(?:i|we) (?:bought|ordered|purchased|got|received|buy|order|get)\b|\bmy (?:order|purchase|usual|last|regular)\b"
    r"|\b(?:bought|ordered|purchased) (?:from you|here|last)\b|\bthe same\b|\bagain\b|\breorder\b",
    re.IGNORECASE,
)

#: Words of a message that never name the product: reference cues, asks, filler.
_NOT_PRODUCT_WORDS = """a an the i me my we our you your it its they them this that these those of to for in on at by
    with from and or but not no so do does did is are was were be been am have has had can could
    will would should may might must shall get got getting give need needs want wanted like please
    hi hello hey thanks thank there here what which who whom how why when where any some something
    anything one ones thing things item items product products stuff order orders ordered ordering
    bought buy buying purchase purchased purchases usual regular last latest recent recently previous
    most time times before ago week weeks month months year years day days again same instead
    alternative alternatives option options cheaper cheap expensive pricey price less more lower
    affordable budget brand brands make maker manufacturer other another different better sturdier
    stronger reliable durable quality suggest recommend recommendation have sell carry stock small
    smaller big bigger large larger tight loose short long wide narrow size sizes fit fits fitting
    too very really just also arrived came broken broke cracked damaged defective leaking snapped
    stopped working fell apart poor flimsy ran run running out restock reorder received keep kept
    use used using work works new version kind type sort look looking find help able know tell
    way much lot bit little pair box pack set kindly still either anyone someone than then into
    about over under after because since until while both each few such only own all every once
    off if as up down been being yes okay ok sure maybe perhaps actually anymore already soon asap"""
_NOT_PRODUCT = frozenset(_NOT_PRODUCT_WORDS.split())

_SIZES = ("xx-small", "x-small", "small", "medium", "large", "x-large", "xx-large", "xxx-large")
_SIZE_ALIASES = {"xxs": "xx-small", "xs": "x-small", "s": "small", "m": "medium", "l": "large",
                 "xl": "x-large", "xxl": "xx-large", "xxxl": "xxx-large", "extra small": "x-small",
                 "extra large": "x-large", "extra-large": "x-large", "extra-small": "x-small",
                 "2xl": "xx-large", "3xl": "xxx-large", "med": "medium", "lg": "large", "sm": "small"}  # fmt: skip
_SIZE_WORD = re.compile(
    r"(?<![\w-])(xx-small|x-small|xx-large|xxx-large|x-large|extra[- ](?:small|large)|small|medium|large|xxxl|xxl|xl|xs|xxs|2xl|3xl)(?![\w-])"
    r"|(?:^|,\s*|\s)(s|m|l|med|lg|sm)\s*(?:,|$|\(|/)",
    re.IGNORECASE,
)


@cache
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def stems(text: str) -> set[str]:
    """The stems of a text's words (digits and one-letter words dropped)."""
    words = re.findall(r"[a-z][a-z'-]+", text.lower())
    return set(_stemmer().stemWords([w.strip("'-") for w in words if w.strip("'-")]))


def product_words(message: str) -> list[str]:
    """The words of a message that may name a product ("nitrile gloves", "pipette tips")."""
    words = re.findall(r"[a-z][a-z'-]+", message.lower())
    return [w for w in words if w not in _NOT_PRODUCT and len(w) > 2 and "'" not in w]


def size_of(title: str) -> str | None:
    """The garment-style size a title states ("Small", "X-Large", ", M"), normalised."""
    for match in _SIZE_WORD.finditer(title):
        word = (match.group(1) or match.group(2) or "").lower().replace(" ", "-")
        size = _SIZE_ALIASES.get(word, word)
        if size in _SIZES:
            return size
    return None


def size_step(size: str | None, other: str | None) -> int | None:
    """How many sizes `other` is above `size` (negative: below); None when either is unknown."""
    if size is None or other is None:
        return None
    return _SIZES.index(other) - _SIZES.index(size)


@dataclass(frozen=True)
class AskReading:
    ask: Ask
    direction: int = 0  # for sizes: +1 larger, -1 smaller, 0 unsaid


def read_ask(message: str) -> AskReading:
    """What the customer wants done (English; callers pass a checked translation otherwise)."""
    for pattern, ask, direction in _ASKS:
        if re.search(pattern, message, re.IGNORECASE):
            return AskReading(ask, direction)
    if _QUESTION.search(message) and _MINE.search(message):
        return AskReading(Ask.question)
    return AskReading(Ask.other)


@dataclass(frozen=True)
class Reference:
    """The past product a message refers to, how it was found, and the others it could be."""

    product: Product
    how: str  # "your most recent purchase", "matches 'gloves'", ...
    sure: bool  # False when another past product matched as well
    others: tuple[Product, ...] = ()  # other past products it may be, best first
    bought: int = 1  # how many times it appears in the history


def resolve(message: str, past: Sequence[Product]) -> Reference | None:
    """The past product (newest last in `past`) the message refers to, or None when it names
    none. Product words are matched against past titles and categories; "last"/"latest" picks
    the newest match, "usual" the most often bought; without product words a reference cue
    ("the last thing I bought", "the same again") means the newest purchase."""
    if not past:
        return None
    counts = Counter(p.id for p in past)
    newest: dict[str, int] = {p.id: i for i, p in enumerate(past)}  # last position of each
    distinct = sorted({p.id: p for p in past}.values(), key=lambda p: -newest[p.id])
    words = product_words(message)
    wanted = stems(" ".join(words))
    recent = bool(_RECENT.search(message))
    usual = bool(_USUAL.search(message))
    cue = recent or usual or bool(_MINE.search(message))
    scored: list[tuple[float, Product]] = []
    if wanted:
        for p in distinct:
            title, kind = stems(p.title), stems(" ".join(p.category[-2:]))
            score = len(wanted & title) + 0.5 * len((wanted - title) & kind)
            if score:
                scored.append((score, p))
    if scored:
        best = max(s for s, _ in scored)
        top = [p for s, p in scored if s == best]
        if usual and not recent:
            top.sort(key=lambda p: (-counts[p.id], -newest[p.id]))
        # top is newest first already (distinct is sorted that way and sort is stable)
        chosen = top[0]
        shared = sorted(wanted & (stems(chosen.title) | stems(" ".join(chosen.category[-2:]))))
        how = ("your usual " if usual else "your most recent " if recent else "") + (
            "purchase matching '" + " ".join(w for w in words if stems(w) & set(shared)) + "'"
        )
        others = tuple(p for _, p in sorted(scored, key=lambda sp: -sp[0]) if p.id != chosen.id)
        return Reference(chosen, how, sure=len(top) == 1 or recent or usual, others=others[:5],
                         bought=counts[chosen.id])  # fmt: skip
    if words or not (cue and (recent or _generic_reference(message))):
        return None  # names a product they never bought, or points at nothing
    chosen = distinct[0]
    return Reference(chosen, "your most recent purchase", sure=True,
                     others=tuple(distinct[1:6]), bought=counts[chosen.id])  # fmt: skip


_GENERIC = re.compile(
    r"\b(?:last|latest|previous|recent|same)\b.{0,20}\b(?:thing|item|one|order|purchase|product|again)\b"
    r"|\bwhat i (?:bought|ordered|got)\b|\bmy (?:last )?(?:order|purchase)\b|\breorder\b|\bagain\b",
    re.IGNORECASE,
)


def _generic_reference(message: str) -> bool:
    """A reference that names no product: "the last thing I bought", "my order", "the same again"."""
    return bool(_GENERIC.search(message))
