"""Purchase advice built from catalog fields only: product cards with a one-line why, value notes
(price against the department's median, rating and its count), comparison tables, what to check
before buying, and the honest "we don't carry that"."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Mapping, Sequence
from decimal import Decimal
from functools import cache
from pathlib import Path

import numpy as np
import Stemmer
from pydantic import BaseModel, ConfigDict, Field

from assistant.cues import (
    ASKS_ABOUT,
    ASKS_COUNT,
    ASKS_SIZE,
    FOREIGN_COUNT,
    GIFT_WRAP,
    NAMED_FIRST,
    NOT_RECORDED,
    THE_PICK,
    THEN_YES_NO,
    YES_NO,
    asks_question,
    count_of,
    why_other,
)
from assistant.kinds import not_product_word
from assistant.phrases import phrase
from assistant.prices import PRICED_AT_ONE
from assistant.ratings import strip_rating_phrases
from assistant.unwanted import denies
from ranking.service import Reason
from retrieval import units
from retrieval.ages import age_statement
from retrieval.catalog import Catalog, Price, Product
from retrieval.multilingual import in_their_words
from retrieval.search import Hit

CHECKLISTS = Path(__file__).with_name("checklists.toml")


class Card(BaseModel):
    """One product as the shopper sees it: every field comes from the catalog."""

    model_config = ConfigDict(frozen=True)

    mark: int = Field(description="The [n] the written answer uses for this product")
    product: Product
    price: str = Field(description="The price as shown, or 'price not listed'")
    why: str = Field(description="One line: what matched or what the ranker saw")
    value: str = Field(description="Price against the department median, rating and its count")
    recommended: bool = Field(default=False, description="Picked by the model from the candidates")


class ComparisonRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    field: str
    values: tuple[str, ...]


class Comparison(BaseModel):
    """Side by side, 2 to 4 products, from catalog fields."""

    model_config = ConfigDict(frozen=True)

    product_ids: tuple[str, ...]
    rows: tuple[ComparisonRow, ...]
    cheapest: str | None = Field(default=None, description="Id of the cheapest listed price")
    best_rated: str | None = None


class DepartmentPrices:
    """Median listed price per department, computed once from the catalog."""

    def __init__(self, catalog: Catalog) -> None:
        cols = catalog.columns
        self.median: dict[str, float] = {}
        for code, name in enumerate(cols.departments):
            prices = cols.price[(cols.department == code) & ~np.isnan(cols.price)]
            if len(prices):
                self.median[name] = float(np.median(prices))

    def note(self, product: Product) -> str:
        parts = []
        median = self.median.get(product.department)
        if product.price is not None and median:
            ratio = float(product.price.amount) / median
            if ratio < 0.8:
                parts.append(f"{(1 - ratio):.0%} below the typical {product.department} price")
            elif ratio > 1.25:
                parts.append(f"{(ratio - 1):.0%} above the typical {product.department} price")
            else:
                parts.append(f"about the typical {product.department} price")
        if product.rating is not None:
            count = f" from {product.rating_count:,} ratings" if product.rating_count else ""
            parts.append(f"rated {product.rating:.1f}/5{count}")
            if product.rating_count is not None and product.rating_count < 10:
                parts.append("few ratings so far")
        else:
            parts.append("no rating yet")
        return "; ".join(parts)


def why(hit: Hit, query: str, reasons: Sequence[Reason] = ()) -> str:
    """One line: the ranker's first reason when behaviour shaped the order, else the query words
    that matched (the shopper's words, not their stems)."""
    if reasons and reasons[0].kind != "ranker":
        return reasons[0].text
    words = [w for w in re.findall(r"[\w'-]+", query.lower())
             if any(w.startswith(t) for t in hit.parts.matched_terms)]  # fmt: skip
    if words:
        return "matches: " + ", ".join(dict.fromkeys(words[:4]))
    return "close in meaning to your request"


def compare(products: Sequence[Product]) -> Comparison:
    """A comparison table of 2-5 products (a screen's worth) from catalog fields."""
    ps = list(products)[:5]
    attrs = sorted({k for p in ps for k in p.attributes if k != "quantity"})[:4]
    rows = [
        ComparisonRow(field="price", values=tuple(p.price_label for p in ps)),
        ComparisonRow(field="rating", values=tuple(f"{p.rating:.1f}/5" if p.rating is not None else "no rating" for p in ps)),
        ComparisonRow(field="ratings", values=tuple(f"{p.rating_count:,}" if p.rating_count is not None else "unknown" for p in ps)),
        ComparisonRow(field="brand", values=tuple(p.brand or "not listed" for p in ps)),
        ComparisonRow(field="department", values=tuple(p.department for p in ps)),
        ComparisonRow(field="in stock", values=tuple({True: "yes", False: "no", None: "unknown"}[p.in_stock] for p in ps)),
        *[ComparisonRow(field=a, values=tuple(p.attributes.get(a, "-") for p in ps)) for a in attrs],
    ]  # fmt: skip
    priced = [p for p in ps if p.price is not None]
    rated = [p for p in ps if p.rating is not None]
    return Comparison(
        product_ids=tuple(p.id for p in ps), rows=tuple(rows),
        cheapest=min(priced, key=lambda p: p.price.amount if p.price else Decimal(0)).id if priced else None,
        best_rated=max(rated, key=lambda p: (p.rating or 0, p.rating_count or 0)).id if rated else None,
    )  # fmt: skip


def compare_lead(comparison: Comparison, cards: Sequence[Card], language: str = "en") -> str:
    """One sentence read off a comparison table, in the shopper's language: which is cheapest and
    which best rated, with the figures, and only among those that list one (a missing price is
    said, not ranked)."""
    mark = {c.product.id: c.mark for c in cards}
    by_id = {c.product.id: c.product for c in cards}
    shown = [by_id[i] for i in comparison.product_ids if i in by_id]
    unpriced = [p for p in shown if p.price is None]
    unrated = [p for p in shown if p.rating is None]
    cheap = comparison.cheapest if len(shown) - len(unpriced) >= 2 else None
    rated = comparison.best_rated if len(shown) - len(unrated) >= 2 else None
    values: dict[str, object] = {}
    if cheap:
        values |= {"cheap": mark[cheap], "price": by_id[cheap].price_label}
    if rated:
        p = by_id[rated]
        count = phrase(language, "cmp_count", n=f"{p.rating_count:,}") if p.rating_count else ""
        values |= {"rated": mark[rated], "rating": f"{p.rating:.1f}", "count": count}
    if cheap and rated:
        key = "cmp_both" if cheap == rated else "cmp_cheap_rated"
    else:
        key = "cmp_cheap" if cheap else "cmp_rated" if rated else "cmp_none"
    lead = phrase(language, key, **values)
    missing = [f"[{mark[p.id]}]" for p in unpriced if p.id in mark]
    if missing and key != "cmp_none":
        many = "cmp_unpriced_many" if len(missing) > 1 else "cmp_unpriced_one"
        lead += " " + phrase(language, many, marks=phrase(language, "joiner").join(missing))
    return lead


#: A thing asked about said as not wanted: "which one is stranded not solid" (had quoted a
#: title's "Solid" as speaking to it).
_NOT_THAT = re.compile(
    r"\b(?:not|rather than|instead of)\s+(?!too\b|very\b|so\b|that\b|sure\b|as\b|the\b|a\b)[a-z][\w-]*",
    re.I,
)


def said_wanted(question: str) -> str:
    """A question without what it says is not wanted ("stranded not solid" -> "stranded")."""
    return _NOT_THAT.sub(" ", question)


def asked_about(text: str) -> str:
    """What a question about the cards on screen asks after ("small hands" of "which one is
    better for small hands?"); "" when it names nothing ("compare 1 and 2")."""
    # the question after a clause naming the card: "the second one looks cool, does it come with
    # the glitter" asks for the glitter (it had asked what "looks" meant)
    if not YES_NO.search(text) and (then := THEN_YES_NO.search(text)):
        text = text[then.start() + 1 :]
    # (the card named first, then the question: "the second one, does it need batteries?" had
    # asked nothing, and been answered with the card's price)
    text = NAMED_FIRST.sub("", text, count=1)
    # "does it come with a tuner or do i need to buy one seperately": the tuner; the other
    # half only asks the same the other way round
    text = _OR_ELSE.split(text)[0]
    # what follows is why it is asked: "is it safe if she chews on it, she puts everything in her
    # mouth" asks whether it is safe (the answer had looked for "safe chews puts mouth")
    text = _WHY_ASKED.split(text)[0]
    # the words that name the card are not asked of it: "does the black one work on a 12 string"
    text = re.sub(r"\bthe\s+[a-z][\w'-]*\s+ones?\b", " ", text, flags=re.I)
    text = PRICED_AT_ONE.sub(" ", text)  # (nor its price: "is the 54 dollar one any good")
    # "which would last longer": how durable, as listings say it (it had quoted "4-1/4 long")
    text = re.sub(r"\blasts?\s+(?:longer|long|the longest)\b", " durable ", text, flags=re.I)
    if _HOW_LONG_TAKES.search(text):
        return "minutes"  # "how long does a game usually take?": its playing time, as listed
    # (a size said with its number is asked whole: "does it come in 4T?" had asked for "t")
    words = [w.removesuffix("'s") for w in _ASKED_WORD.findall(text.lower())]
    return " ".join(w for w in words if not not_product_word(w) and w not in _COMPARING)


#: A word of a question; a size said with its number whole ("4T", "10ft"), not an ordinal ("2nd").
_ASKED_WORD = re.compile(
    # a model's code whole: "an M2 chip" (it had asked for "m"), "a Casio LK-110" ("lk-")
    r"\b[a-z]{1,4}-\d{1,5}[a-z]?\b|"
    r"\b[a-z]{1,3}\d{1,4}[a-z]?\b(?<!\d(?:st|nd|rd|th)\b)|"
    r"\b\d+[- ](?:strings?|pieces?|keys?|inch(?:es)?|feet|ft|mm|cm|oz|lbs?|pack|count|players?)\b"
    r"|\b\d+(?!st\b|nd\b|rd\b|th\b)[a-z]{1,2}\b|\b[a-z][a-z'-]*"
    # a size said as a fraction: "will it fit a 4/4 cello" (the 4/4 had been dropped)
    r"|(?<![\w/])\d/\d{1,2}(?![\w/])"
)
#: A question of how long something takes: a listing says it in minutes ("30-minute playtime").
_HOW_LONG_TAKES = re.compile(r"\bhow long\b.*\btakes?\b", re.I)
#: Where a question turns to why it is asked: "..., she puts everything in her mouth", "if ...".
_WHY_ASKED = re.compile(r"\s*[,;?!]+\s+|\s+(?:if|because|since|cause|bc)\s+", re.I)
#: An "or" that turns a yes/no question round: "... or do I need to buy one", "... or is it".
_OR_ELSE = re.compile(
    r"[,;]?\s+or\s+(?=(?:do|does|did|is|are|will|would|should|can|could|must|have|has|not|no)\b"
    r"|(?:i|we|you)\s+(?:need|have|must|should)\b)",
    re.I,
)


#: Words of comparing, beside the request reader's filler (`not_product_word`).
_COMPARING = frozenset(["better", "compare", "vs", "versus", "between", "first", "second", "third",
                        "last", "difference", "pick", "choose", "recommend", "tell", "number",
                        "come", "comes", "use", "used", "two", "three", "four", "both", "all",
                        "them", "these", "those", "products", "items", "go", "get", "buy",
                        # price and rating are the table's: "which is the highest rated"
                        "cheap", "cheaper", "cheapest", "expensive", "price", "priced", "rated",
                        "rating", "ratings", "highest", "lowest", "reviewed", "reviews",
                        "popular",
                        # how it is asked: "is the cheaper one still ok for a beginner"
                        "still", "ok", "okay", "alright",
                        # bought with it or apart: "do I need to buy solder separately"
                        "separately", "separate", "extra", "additional",
                        # the nearest to what was asked: "ok whichever is closest then, i want a
                        # maple neck" asks for the maple neck
                        "closest", "nearest", "want", "whichever",
                        # how a question is put: "will it work on an M2 chip without installing
                        # drivers" asks for the chip and the drivers
                        "will", "installing", "install"])  # fmt: skip
#: Words a listing says for the same reader ("for a kid": "Kids", "children").
#: How light a product is, as listings say it (the root "light" of "lighter" is also a lamp).
_WEIGHT_WORDS = frozenset(["lighter", "lightest", "lightweight", "ultralight", "weight", "weighs"])
_SAME_READER = (
    frozenset(["kid", "kids", "child", "children", "childrens", "youth", "junior"]),
    # a gig bag is the case a listing most often includes ("do any of them come with a case?"
    # had found none beside a kit "with Bag")
    frozenset(["case", "cases", "bag", "bags", "gigbag"]),
    # how far it reaches, said as its range ("how far do they actually reach?": "3 Miles Range")
    frozenset(
        ["far", "reach", "reaches", "range", "distance", "miles", "mile", "feet", "km", "kms"]
    ),
    # how long it takes, as a listing says it ("30-minute playtime", "15 min")
    frozenset(["minutes", "minute", "min", "mins", "playtime", "hour", "hours"]),
    # how long it lasts, as a listing says it ("which would last longer")
    frozenset(["durable", "durability", "long-lasting", "sturdy", "heavy-duty", "rugged"]),
    # safe for a child's mouth, as a listing says it ("is it safe if she chews on it?")
    frozenset(["safe", "safety", "non-toxic", "nontoxic", "bpa", "bpa-free", "toxic"]),
    # big pieces, as a listing says them ("whichever set has the biggest pieces": "Jumbo ... Large")
    frozenset(["big", "large", "jumbo", "giant", "oversized", "huge", "xl"]),
    frozenset(["small", "mini", "compact", "tiny", "little", "pocket"]),
    # how loud, as a listing says it ("whichever is loudest": "adjustable volume")
    frozenset(["loud", "volume", "loudness", "loudspeaker"]),
    frozenset(["quiet", "silent", "low-noise", "noiseless", "whisper"]),
)
#: Words asking for a verdict on a product, which its rating answers: "is it any good?".
_VERDICT = frozenset(["any", "good", "worth", "quality", "decent", "reliable", "ok", "okay",
                      "well", "made", "money", "great", "nice", "it", "many", "much", "stars",
                      "star", "cost", "costs", "price"])  # fmt: skip
#: A question of the age a product is for: "what age is it for", "how old do they need to be".
_ASKS_AGE = re.compile(
    r"\bwhat ages?\b|\bhow old\b|\bage range\b|\bages? (?:is it|are they)\b"
    # "is 3 too young for these", "ok for a newborn or is it for older babies"
    r"|\btoo (?:young|old|little)\b|\bfor (?:a )?newborns?\b|\bfor older (?:babies|kids|children)\b"
    r"|\bright age\b|\bage[- ]appropriate\b",
    re.I,
)
#: A quoted fragment of a listing is at most this many words.
QUOTE_WORDS = 9


def _forms(word: str, stem: Stemmer.Stemmer) -> set[str]:
    """The stems a listing may say a question's word with: "easier" is "easy", "safest" "safe",
    "quieter" "quiet", "bigger" "big"; "kid" is also "children"."""
    out = {word}
    if word in _WEIGHT_WORDS:  # "which is lighter": its weight, not "DJ Lights"
        return set(stem.stemWords(sorted(_WEIGHT_WORDS)))
    for suffix, base in (("iest", "y"), ("ier", "y"), ("est", ""), ("er", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            root = word[: -len(suffix)] + base
            out |= {root, root + "e"} | ({root[:-1]} if root[-1] == root[-2] else set())
    for family in _SAME_READER:
        if out & family:  # (of its root too: "biggest" is said "large")
            out |= family
    out |= set(_MADE_OF.get(word, ()))  # "is it wood or plastic": a "Wooden" title says wood
    return set(stem.stemWords(sorted(out)))


#: A material and the word titles make of it: "Wooden", "Golden", "Metallic".
_MADE_OF = {"wood": ("wooden",), "wooden": ("wood",), "gold": ("golden",), "golden": ("gold",),
            "metal": ("metallic",), "metallic": ("metal",), "wool": ("woolen", "woollen"),
            "silk": ("silken",)}  # fmt: skip


def _fragments(product: Product) -> list[str]:
    """A listing in quotable pieces: the title's parts and the description's sentences (those
    naming nothing the card does not show: another product or brand is not quoted)."""
    from assistant.grounding import names_carried  # grounding reads cards: imported late

    title = [" ".join(x.split()) for x in re.split(r"\s*[,|;]\s*|\s+[-–]\s+", product.title)]
    text = re.sub(r"[*_#`>]+", " ", product.description or "")
    # sentences and list items run together ("14 hours of use;5.Auto-shutoff after 15 seconds to
    # increase battery life;6.Instant-read"): apart, so "battery" is a word of its own (the
    # listing had been said not to mention batteries)
    text = re.sub(
        r"(?<=[a-z)])([;!?]|\.(?=[A-Z0-9]))(?=[A-Za-z0-9])|(?<=\d)([.;])(?=[A-Za-z])",
        r"\1\2 ",
        text,
    )
    carrier = f"{product.title} {product.brand or ''} {' '.join(product.category)}"
    described = [" ".join(x.split()) for x in re.split(r"(?<=[.!?;])\s+|\n+", text)]
    return [f for f in title if f] + [f for f in described if f and names_carried(f, carrier)]


def _stems_of(word: str, stem: Stemmer.Stemmer) -> set[str]:
    clean = re.sub(r"[^\w'/-]+", "", word).lower().strip("'-/")
    parts = [p for p in re.split(r"[-/]", clean) if p] if re.search(r"\d", clean) else []
    # (a fraction whole as well: "4/4" is asked as "4/4")
    return {stem.stemWord(clean.replace("/", "")), clean, *stem.stemWords(parts)}


def _evidence(product: Product, forms: list[set[str]], stem: Stemmer.Stemmer) -> tuple[int, str]:
    """How many of the question's words the listing says, and the shortest piece of it saying
    the most of them, cut to QUOTE_WORDS words around the first ("" when it says none)."""
    best: tuple[int, int, str] = (0, 0, "")
    for piece in _fragments(product):
        words = piece.split()
        # each word, and its parts where a size joins them ("6M-4T", "Small/2T": 4T is said)
        stems = [_stems_of(w, stem) for w in words]
        said = [i for i, s in enumerate(stems) if any(s & f for f in forms)]
        count = sum(any(s & f for s in stems) for f in forms)
        if count and (count, -len(words)) > (best[0], -best[1]):
            start = max(0, min(said[0] - 2, len(words) - QUOTE_WORDS))
            quote = " ".join(words[start : start + QUOTE_WORDS]).strip(" ,;:-")
            if start > 0:
                quote = "…" + quote
            if start + QUOTE_WORDS < len(words):
                quote += "…"
            best = (count, len(words), quote)
    return best[0], best[2]


#: Cards pointed at by a word each, set against each other: "the doll or the backpack".
_POINTING = re.compile(
    r"\b(?:the|el|la|los|las|le|les)\s+([\w'-]+)(?:\s+ones?)?\s+(?:or|vs\.?|versus|and|o|ou)\s+"
    r"(?:the|el|la|los|las|le|les)\s+([\w'-]+)",
    re.I,
)


def asked_lead(
    question: str, comparison: Comparison, cards: Sequence[Card], language: str = "en"
) -> str:
    """The lead of `asked_answer`."""
    return asked_answer(question, comparison, cards, language)[0]


#: A question of how the cards differ: "whats the diffrence between the first and third",
#: "was ist der unterschied zwischen dem ersten und dem dritten".
_DIFFERENCE = re.compile(
    r"\b(?:dif+e?rences?|diff|how (?:are|do) (?:they|these|those|the two) differ|"
    r"diferencias?|diferença|différences?|unterschied|differenza)\b|区别|不同",
    re.I,
)
#: Where a title's parts part: commas, bars, brackets, dashes between words.
_TITLE_PARTS = re.compile(r"\s*(?:[,|()\[\]:;/]|\s[-–—]\s)\s*")
#: The most parts quoted per card, and words per part.
_DIFFERING_PARTS = 3
_PART_WORDS = 6
#: A part this short is quoted whole ("Box of 100"); a longer one only where it differs.
_SHORT_PART = 3


def differing_parts(title: str, others: Sequence[str]) -> list[str]:
    """The parts of a title ("Kimberly-Clark Professional 55083", "242 mm Length") that the other
    titles do not say, each cut to a few words: what sets the product apart, in its own words."""
    said = {w for t in others for w in re.findall(r"[a-z0-9]+", t.lower())}
    parts = []
    for part in _TITLE_PARTS.split(title):
        words = part.split()
        new = [w for w in re.findall(r"[a-z0-9]+", part.lower()) if w not in said]
        if (
            not words
            or not new
            or (all(not_product_word(w) for w in new) and not any(re.search(r"\d", w) for w in new))
        ):
            continue  # (a new count or model number sets it apart: "Box of 200")
        if len(words) > _SHORT_PART:  # a long part, cut to the run the others do not say
            apart = [i for i, w in enumerate(words)
                     if any(t not in said for t in re.findall(r"[a-z0-9]+", w.lower()))]  # fmt: skip
            words = words[apart[0] : apart[-1] + 1]
        parts.append(" ".join(words[:_PART_WORDS]) + (" …" if len(words) > _PART_WORDS else ""))
        if len(parts) == _DIFFERING_PARTS:
            break
    return parts


def difference_lead(compared: Sequence[Product], mark: Mapping[str, int], language: str) -> str:
    """ "what's the difference between the first and third?": what each title says that the
    others do not, quoted; empty where the titles differ in nothing said."""
    said = []
    for p in compared:
        others = [o.title for o in compared if o.id != p.id]
        if parts := differing_parts(p.title, others):
            said.append(f"[{mark[p.id]}] " + ", ".join(f'"{x}"' for x in parts))
    if not said:
        return ""
    return phrase(language, "differences", parts="; ".join(said))


def asked_answer(question: str, comparison: Comparison, cards: Sequence[Card], language: str = "en",
                 pickable: Collection[str] | None = None, read: str = "") -> tuple[str, tuple[int, ...]]:  # fmt: skip
    """The lead for a question about the cards on screen ("which one is easier for a
    beginner?"): which listings speak to what it asks, quoted, then the table's cheapest and best
    rated; a question that names nothing gets the table's sentence alone. Read off the
    listings' words, so "which is safest?" is never answered by a guess. With it, the marks the
    lead points to (the listings that say it, or the pick; every compared card where it names
    none). `pickable`: the products the lead may pick by its rating where no listing says it
    (default: any compared); those recommended before, so none where none of the cards was what
    the shopper asked for (a rubber stamp had been picked "going by the ratings" for a question
    about fountain pens the store does not carry, a plush bunny for a ukulele's gig bag). `read`:
    the English words of a question in another language ("cual tiene las piezas mas grandes" ->
    "large pieces"), looked for the same way (it had been answered with the table alone)."""
    table = compare_lead(comparison, cards, language)
    mark = {c.product.id: c.mark for c in cards}
    compared = [c.product for c in cards if c.product.id in comparison.product_ids]
    every = tuple(mark[p.id] for p in compared)
    # (why one and not the other, or why its price: what sets them apart, as a difference)
    asks_apart = _DIFFERENCE.search(question) or (language == "en" and why_other(question))
    if asks_apart and (apart := difference_lead(compared, mark, language)):
        # what sets them apart, from their titles ("whats the diffrence between the first and
        # third" of two glove boxes had been answered "None of these is what you asked for")
        telling = not table.rstrip().endswith((":", "："))  # (a table with no price nor rating)
        return (f"{apart} {table}" if telling else apart), every
    # (the listings are English: a question in another language is read in its English words)
    asked = (
        asked_about(said_wanted(question))
        if language == "en"
        else asked_about(read)
        if read
        else ""
    )
    if not asked:
        return table, every
    if language == "en" and (counted := _counted_lead(question, compared, mark)):
        return counted  # "which one has the fewest pieces", "the most stickers for the price"
    if language == "en" and (sized := _sized_lead(question, compared, mark)):
        return sized  # "which board is the biggest"
    if measured := _measure_lead(question, compared, mark):  # "how many pieces do they have?"
        return f"{measured} {table}", every
    # (the words that point at the cards are no part of the question: "the doll or the backpack,
    # which has better reviews?" had looked for "doll backpack" in each listing; in another
    # language the English words read are those two: "la muñeca o el disfraz, ¿cuál ...?")
    pointing = {w.lower() for m in _POINTING.finditer(question) for w in m.groups()}
    if language != "en" and _POINTING.search(question) and len(asked.split()) <= 2:
        return table, every
    subject = [w for w in _subject(asked) if w.lower() not in pointing]
    if not subject:
        return table, every
    stem = Stemmer.Stemmer("english")  # one per call: a stemmer is not thread-safe
    forms = [_forms(w, stem) for w in subject]
    found = {p.id: _evidence(p, forms, stem) for p in compared}
    most = max((n for n, _ in found.values()), default=0)
    if most < len(forms) and len(compared) > 1 and all(n == most for n, _ in found.values()):
        # every listing says the same part of it and none the rest: "which has the biggest
        # pieces" is not answered by each title's "1000 Pieces"
        most = 0
    if most == 0:
        # literal words only: "holds the most weight" is said "load capacity" in a listing, so
        # not "says nothing about it"; the reasons below are each one's line closest to it
        allowed = [p for p in compared if pickable is None or p.id in pickable]
        rated = (
            max(allowed, key=lambda p: (p.rating or 0, p.rating_count or 0)).id if allowed else None
        )
        if not allowed:
            return f"{phrase(language, 'asked_none')} {table}", ()
        # (the best rated of all may be another: "[5] is the best rated" follows)
        among = " of the ones recommended" if len(allowed) < len(compared) else ""
        if rated in mark and sum(p.rating is not None for p in allowed) >= 2:
            # a pick all the same, said as what it rests on: "which is best for a beginner?" had
            # been answered with the cheapest and the best rated, and no choice
            picked = phrase(language, "asked_rated", mark=mark[rated], among=among)
            return f"{picked} {table}", (mark[rated],)
        whose = "each one's" if len(allowed) > 1 else f"[{mark[allowed[0].id]}]'s"
        return f"{phrase(language, 'asked_closest', whose=whose)} {table}", tuple(
            mark[p.id] for p in allowed
        )
    saying = [p for p in compared if found[p.id][0] == most]
    quotes = "; ".join(f'[{mark[p.id]}] "{found[p.id][1]}"' for p in saying)
    # a listing saying it has none ("No Pump" for "do any come with a pump?") is quoted, not starred
    said = tuple(mark[p.id] for p in saying if not denies(found[p.id][1], subject))
    if len(saying) == len(compared):
        # each one's words, for the shopper to weigh ("which has the longest range?": '[1] "3
        # Miles Range"; [2] "3 KMs"'), not "All of these listings speak to that"
        return f"{phrase(language, 'asked_all', quotes=quotes)} {table}", said
    if len(saying) == 1:
        p = saying[0]
        return (
            f"{phrase(language, 'asked_one', mark=mark[p.id], quote=found[p.id][1])} {table}",
            said,
        )
    marks = phrase(language, "joiner").join(f"[{mark[p.id]}]" for p in saying)
    return f"{phrase(language, 'asked_some', marks=marks, quotes=quotes)} {table}", said


#: Questions of measure about one card, and how a listing states the measure.
_MEASURES = (
    (ASKS_COUNT,
     re.compile(r"\b(?:pack|set|box|bag|case|lot|bundle) of \d[\d,]*|\b\d[\d,]*\s?-?\s?"
                rf"(?:{units.alternation('count', names=('string',))}|units?\b|sticks?\b)", re.I),
     "how many"),
    (ASKS_SIZE,
     # (not "4-in-1", "3 in 1": how many things in one)
     re.compile(rf"\b\d+(?:[./]\d+)?\s?-?\s?(?:{units.alternation('length', 'weight', 'volume')})(?![-\s]?\d)"
                r"|\b(?:full|half|3/4|1/2|1/4|4/4|7/8)[- ]size\b", re.I),
     "a size"),
    # how much it holds: "how much weight can the second one hold" (had been 'does not mention
    # "much weight"'), said in the weights listings give ("holds up to 30 lbs")
    (re.compile(r"\bhow\s+(?:much|heavy)\s+(?:weight|load|of\s+a\s+\w+)\b|\bweight\s+(?:capacity|limit|rating)\b"
                r"|\bhow\s+(?:much|many\s+(?:lbs|pounds|kg|kilos))\s+(?:can|will|does)\s+(?:it|they|the\s+\w+(?:\s+one)?)\s+(?:hold|support|carry|take)\b", re.I),
     re.compile(r"\b\d+(?:[.,]\d+)?\s?-?\s?(?:lbs?|pounds?|kgs?|kilograms?|kilos?)\b", re.I),
     "how much it holds"),
    # how much it magnifies: "which one magnifies more?" ("60x-100x", "1200X")
    (re.compile(r"\bmagnif\w*|\bzoom\b", re.I),
     re.compile(r"\b\d{1,4}\s?[xX](?:\s?-\s?\d{1,4}\s?[xX])?(?![\w])", re.I),
     "how much it magnifies"),
)  # fmt: skip


#: What "how many" asks of: "how many darts", not "how many do I get".
_COUNTED_THING = re.compile(
    r"\bhow many\s+(?!(?:do|does|did|are|is|come|comes|can|will|would|in|of|per|you|they|i)\b)([a-z]{3,})",
    re.I,
)


def _measured(question: str, product: Product) -> tuple[str, str] | None:
    """For a question of measure ("how many do I get?", "how big is it?"): what it asks ("how
    many") and the listing's own statement of it, cut around it ("…Karter Scientific (Pack of
    500)"; "" when the listing does not say); None when the question asks no measure."""
    for asks, states, what in _MEASURES:
        if not asks.search(question):
            continue
        # the thing counted, said after "how many", counted in the listing: "how many darts come
        # with each" is answered by "4 darts" (it had said the listing does not say)
        if asks is ASKS_COUNT and (thing := _COUNTED_THING.search(question)):
            noun = re.escape(thing.group(1).lower().rstrip("s"))
            states = re.compile(
                rf"{states.pattern}|\b\d[\d,]*\s*(?:[a-z-]+\s+){{0,2}}{noun}s?\b", re.I
            )
        for piece in _fragments(product):
            if m := states.search(piece):
                words = piece.split()
                at = len(piece[: m.start()].split())
                start = max(0, min(at - 2, len(words) - QUOTE_WORDS))
                quote = " ".join(words[start : start + QUOTE_WORDS]).strip(" ,;:-")
                quote = ("…" if start else "") + quote
                return what, quote + ("…" if start + QUOTE_WORDS < len(words) else "")
        return what, ""
    return None


#: A question weighing the cards by a count: "which one has the fewest pieces", "which pack has
#: the most stickers for the price".
_COUNTED = re.compile(
    r"\b(most|fewest|least|more|fewer|biggest number of|highest number of|lowest number of)\s+([a-z]{3,})"
    r"(?P<per>\s+(?:for the (?:price|money)|per dollar|for (?:my|your|the) (?:buck|money)))?",
    re.I,
)
#: How listings write a count of pieces: "1000 Pieces", "496 Pcs", "100 ct", "Set of 50".
_PIECE_WORDS = units.alternation(names=("piece", "pack"))
#: Units between a number and the thing that make it no count of it ("100 Days of School").
_NOT_COUNTED = units.alternation("time", "length", marks=False)


def _count_in(product: Product, unit: str) -> int | None:
    """The count of `unit` a listing states ("Bulk Pack of 1000 Stickers", "496 Pieces"), title
    first; None when it states none."""
    one = unit.lower().removesuffix("s")
    # the unit itself first, then a count of pieces ("300 pcs" of stickers)
    for said in (rf"{re.escape(one)}s?", _PIECE_WORDS):
        counted = re.compile(
            # (one word may come between: "1,200 Reward Stickers"; not "100 Days of School Stickers")
            rf"(?<![\d.,])(\d{{1,3}}(?:,\d{{3}})+|\d+)\s*(?:-\s*)?(?:(?!{_NOT_COUNTED})[a-z]+\s+)?(?:{said})\b"
            rf"|\b(?:set|pack|box|bag|lot) of (\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\s+(?:{said}))?\b",
            re.I,
        )
        for text in (product.title, product.description):
            if m := counted.search(text):
                return int((m.group(1) or m.group(2)).replace(",", ""))
    return None


def _counted_lead(
    question: str, products: Sequence[Product], mark: Mapping[str, int]
) -> tuple[str, tuple[int, ...]] | None:
    """ "which one has the fewest pieces": each listing's own count, the most or fewest first (per
    dollar where it asks "for the price"); the marks of the first. None for any other question,
    or where no listing states the count."""
    m = _COUNTED.search(question)
    if m is None or len(products) < 2:
        return None
    fewest = m.group(1).lower() in ("fewest", "least", "fewer", "lowest number of")
    unit = m.group(2).lower()
    if unit in ("reviews", "ratings", "stars", "rated", "expensive", "popular"):
        return None  # the table's to answer
    per = bool(m.group("per"))
    counts = {p.id: n for p in products if (n := _count_in(p, unit)) is not None}
    if not counts:
        return None

    def value(p: Product) -> float:
        n = counts[p.id]
        return n / float(p.price.amount) if per and p.price and p.price.amount else float(n)

    said = sorted(
        (p for p in products if p.id in counts and (not per or p.price)),
        key=value,
        reverse=not fewest,
    )
    if not said:
        return None
    best = said[0]
    each = ", ".join(
        f"[{mark[p.id]}] {counts[p.id]:,}"
        + (f" for ${p.price.amount:,.2f} ({value(p):,.0f} a dollar)" if per and p.price else "")
        for p in said
    )
    silent = [f"[{mark[p.id]}]" for p in products if p not in said]
    lead = (
        f"[{mark[best.id]}] has the {'fewest' if fewest else 'most'} {unit}"
        + (" for the price" if per else "")
        + f", by the counts the listings give: {each}."
    )
    if silent:
        lead += f" {' and '.join(silent)} {'do' if len(silent) > 1 else 'does'} not say."
    return lead, (mark[best.id],)


#: A question weighing the cards by their size: "which board is the biggest", "the smallest one?".
_SIZED = re.compile(r"\b(biggest|largest|longest|tallest|widest|smallest|shortest|tiniest)\b", re.I)
#: A length a title states: "18-Inch", "15\"", "21 inch", "40 cm", "3 ft".
_LENGTH = re.compile(
    rf"(?<![\d.])(\d+(?:\.\d+)?)\s*-?\s*({units.alternation('length')})(?![a-z])(?!\s*\d)", re.I
)  # (not "3 in 1")
#: Inches in each length unit.
_INCHES = {"inch": 1.0, "ft": 12.0, "yd": 36.0, "mm": 1 / 25.4, "cm": 1 / 2.54, "m": 39.37}


def _length_of(product: Product) -> tuple[float, str] | None:
    """The largest length a title states, in inches, with the words saying it; None without one."""
    found = [
        (float(m.group(1)) * _INCHES[unit], m.group(0).strip())
        for m in _LENGTH.finditer(product.title)
        if (unit := units.measure_of(m.group(2).lower())) in _INCHES
    ]
    return max(found) if found else None


#: A card named by the length its title would state: "that 21 inch wood one", "the 18\" board".
_LENGTH_NAMED = re.compile(
    rf"\b(?:the|that|this)\s+(\d+(?:\.\d+)?)\s*-?\s*({units.alternation('length')})(?![a-z])(?!(?<=\bin)\s+(?:one|1)\b)"
    r"((?:\s+(?!ones?\b)[a-z]+){0,2}?)\s+(?:one|board|set|size)\b",
    re.I,
)


def length_named(text: str) -> tuple[float, str] | None:
    """The length, in inches, and the words of a card named by its length ("that 21 inch wood
    one": 21.0, "21 inch wood"); None where no card is named so."""
    m = _LENGTH_NAMED.search(text)
    unit = units.measure_of(m.group(2).lower()) if m else None
    if m is None or unit not in _INCHES:
        return None
    gap = "" if unit == "inch" and not m.group(2)[0].isalpha() else " "  # 18" and 21 inch
    return float(m.group(1)) * _INCHES[unit], f"{m.group(1)}{gap}{m.group(2)}{m.group(3)}".strip()


def states_length(product: Product, inches: float) -> bool:
    """Whether a title states a length (within a half inch)."""
    return any(
        abs(float(m.group(1)) * _INCHES[unit] - inches) <= 0.5
        for m in _LENGTH.finditer(product.title)
        if (unit := units.measure_of(m.group(2).lower())) in _INCHES
    )


def asks_size_extreme(question: str) -> bool:
    """Whether a question asks which card is the biggest or smallest: one weighing every card."""
    return bool(_SIZED.search(question))


def _sized_lead(
    question: str, products: Sequence[Product], mark: Mapping[str, int]
) -> tuple[str, tuple[int, ...]] | None:
    """ "which board is the biggest": the card whose title states the largest (or smallest) size,
    with each title's own words for it; None for any other question, or where fewer than two
    titles state one ("Only [5]'s listing speaks to that: 'Wood Veneer Board'" had been said)."""
    m = _SIZED.search(question)
    if m is None or len(products) < 2:
        return None
    small = m.group(1).lower() in ("smallest", "shortest", "tiniest")
    sizes = {p.id: n for p in products if (n := _length_of(p)) is not None}
    if len(sizes) < 2:
        return None
    said = sorted((p for p in products if p.id in sizes), key=lambda p: sizes[p.id][0], reverse=not small)
    # (alike, all of them: "[1] is the biggest ... [1] 15-inch, [2] 15\", [3] 15-inch" had been said)
    tied = [p for p in said if sizes[p.id][0] == sizes[said[0].id][0]]
    each = ", ".join(f"[{mark[p.id]}] {sizes[p.id][1]}" for p in said)
    silent = [f"[{mark[p.id]}]" for p in products if p.id not in sizes]
    named = " and ".join(f"[{mark[p.id]}]" for p in tied)
    word = m.group(1).lower()
    lead = (
        f"{named} {'are tied for the' if len(tied) > 1 else 'is the'} {word}, by the sizes the titles give: {each}."
    )
    if silent:
        lead += f" {' and '.join(silent)} {'do' if len(silent) > 1 else 'does'} not say."
    return lead, tuple(mark[p.id] for p in tied)


def _measure_lead(
    question: str, products: Sequence[Product], mark: Mapping[str, int]
) -> str | None:
    """ "how many do I get with the second one?": each listing's own count, quoted, or that it
    does not say; None when the question asks no measure."""
    said = [(p, found) for p in products if (found := _measured(question, p)) is not None]
    if not said:
        return None
    what = said[0][1][0]
    if len(products) == 1:
        quote = said[0][1][1]
        return f'Its listing says: "{quote}".' if quote else f"Its listing does not say {what}."
    quoted = "; ".join(f'[{mark[p.id]}] "{q}"' for p, (_, q) in said if q)
    silent = [f"[{mark[p.id]}]" for p, (_, q) in said if not q]
    if not quoted:
        return f"None of these listings says {what}."
    if not silent:
        return f"The listings say: {quoted}."
    named = " and ".join([", ".join(silent[:-1]), silent[-1]] if len(silent) > 1 else silent)
    return (
        f"The listings say: {quoted}. {named} {'do' if len(silent) > 1 else 'does'} not say {what}."
    )


#: A question of a book's series, in the shop's languages.
_ASKS_SERIES = re.compile(
    r"\b(?:series|standalone|stand[- ]alone|sequels?|prequels?|first\s+(?:book|one\s+in)|book\s+(?:1|one)|"
    r"serie|saga|s[ée]rie|reihe|fortsetzung|tomo|volume)\b|系列|第一本",
    re.I,
)
#: Where a title names its series and place in it: "(The Maggie and Pepper Mysteries Book 1)",
#: "(Georgie Shaw Cozy Mystery Series)", "(A Waterman & Stark Thriller Book 4)".
_SERIES_OF = re.compile(
    r"\(([^()]*?(?:\b(?:book|volume|vol\.|part)\s*\d+|#\s*\d+|\b(?:series|saga|trilogy)\b)[^()]*)\)",
    re.I,
)


#: A card named by its words before what is asked of it: "does the pioneer come with ...".
_NAMED_BY_TITLE = re.compile(
    r"\b(?:the|that|this)\s+([\w'-]+(?:\s+[\w'-]+)?)(?:\s+ones?)?(?=\s+(?:come|comes|have|has|need|needs|"
    r"include|includes|work|works|fit|fits|use|uses|take|takes|run|runs|hold|holds)\b)",
    re.I,
)


#: The price asked of several of a card: "how much for 3 sets", "how much would 2 of the first one
#: be", "whats the price for 10 of them", "combien pour 3 jeux", "¿cuánto por 2?" (each had
#: been answered with a listing that does not mention "much sets", or the price of one).
_PRICE_FOR = re.compile(
    r"(?:\bhow\s+much|\bwhat(?:'s|s|\s+is|\s+would\s+be|\s+will\s+be)?\s+(?:the\s+)?(?:price|cost|total)"
    r"|\bcu[aá]nto|\bcombien|\bquanto|\bwie\s*viel)\b[^?.!]{0,24}?(?<!\bthe\s)(?<!\bel\s)(?<!\ble\s)\b"
    rf"(?P<n>{FOREIGN_COUNT}|two|three|four|five|six|ten|twelve)\b(?!\s*(?:%|-|pack\b|pk\b|pc\b|piece\b|inch|in\b|ft\b|mm\b|cm\b|oz\b|lbs?\b|ct\b|count\b|"
    r"years?\b|yrs?\b|months?\b|stars?\b|dollars?\b|bucks\b|euros?\b|\$|€|x\b))",
    re.I,
)
#: A measure asked with "how much": what several weigh or hold is no price.
_MEASURED = re.compile(r"\b(?:weigh\w*|weight|hold|holds|carry|carries|long|big|tall|wide|heavy|capacity|"
                       r"pesa\w*|mide|gewicht|wiegt|p[eè]se|poids|peso)\b", re.I)


def price_for_several(question: str, card: Card, language: str) -> str | None:
    """What several of a card come to, where the question asks it ("how much for 3 sets": 3 ×
    $27.50 = $82.50); that its price is not listed where it is not; None for any other question."""
    m = _PRICE_FOR.search(question)
    if m is None or _MEASURED.search(question):
        return None  # ("how much weight can it hold, 2 people?" asks a measure, not a price)
    n = count_of(m.group("n"))
    if n < 2:
        return None
    price = card.product.price
    if price is None:
        return phrase(language, "several_unpriced", mark=card.mark)
    total = Price(amount=price.amount * n, currency=price.currency)
    return phrase(language, "several_price", n=n, mark=card.mark, each=str(price), total=str(total))


def detail_lead(question: str, card: Card, language: str = "en", read: str = "",
                age: tuple[float, float] | None = None) -> str | None:  # fmt: skip
    """The lead for a yes/no question about one card ("is the first one good for kids?"): what
    its listing says about it, quoted, or that it does not mention it; for a question
    of measure ("how many do I get?", "how big is it?") the listing's count or size; None for
    anything else ("tell me about the second one"). `read`: the English words of a question in
    another language ("¿trae funda?" -> "case"), looked for the same way. `age`: the age the
    question names ("is it too hard for a 9 year old?"), answered by the ages the listing states
    (it had looked for "hard")."""
    if GIFT_WRAP.search(question):
        # "can you gift wrap it and put in a card": no service the catalog lists
        return phrase(language, "no_wrapping")
    if NOT_RECORDED.search(question):
        # "are you sure that's in stock", "the one that's on sale": the catalog does not say (it
        # had answered 'Its listing does not mention "stock"')
        return phrase(language, "not_recorded")
    if several := price_for_several(question, card, language):
        return several
    # the words naming the card are not asked of it: "el que me recomendaste, ¿necesita pilas?"
    # asks for batteries; "why did you pick that one" asks nothing more (its facts and reasons)
    question = THE_PICK.sub(" ", question).strip(" ,;:-")
    # nor the card's own words it is named by: "does the pioneer come with headphones" asks for
    # headphones (it had been 'does not mention "pioneer headphones"')
    question = _NAMED_BY_TITLE.sub(
        lambda m: " " if all(re.search(rf"\b{re.escape(re.sub(r'(?:es|s)$', '', w))}(?:es|s)?\b", card.product.title, re.I)
                             for w in m.group(1).split()) else m.group(0),
        question,
    )
    if age is not None or _ASKS_AGE.search(question):  # "what age is it for"
        stated = age_statement(card.product.title, card.product.description)
        if stated is None:
            return phrase(language, "listing_no_ages")
        if age is not None and age[0] == age[1]:
            # "hes 2 ..., is that ok for his age": whether the age asked is in the listing's
            # range, said with its words (it had quoted "Ages 4" and left the sum to the shopper)
            (low, high), quote = stated
            open_ended = re.search(r"\+|\bup\b|\bolder\b|\bover\b", quote, re.I)
            where = (
                "age_below" if age[0] < low else "age_above" if age[0] > high and not open_ended
                else "age_within"
            )  # fmt: skip
            return phrase(language, where, quote=quote, age=f"{age[0]:g}")
        return phrase(language, "listing_says", quote=stated[1])
    if _ASKS_SERIES.search(question) and (series := _SERIES_OF.search(card.product.title)):
        # "is the first one part of a series?" of "... (The Maggie and Pepper Mysteries Book 1)":
        # its title says so (it had been 'does not mention "part of a series"')
        return phrase(language, "listing_says", quote=series.group(1).strip())
    if language == "en" and (
        measured := _measure_lead(question, [card.product], {card.product.id: card.mark})
    ):
        return measured
    asked = (asked_about(said_wanted(question)) if language == "en" and (YES_NO.search(question) or ASKS_ABOUT.search(question)
                                                            or THEN_YES_NO.search(question)
                                                            or asks_question(question))
             else read.lower() if language != "en" else "")  # fmt: skip
    if not asked or set(asked.split()) <= _VERDICT:
        return None  # "is it any good?": its facts and rating say that, not a quote of "good"
    stem = Stemmer.Stemmer("english")  # one per call: a stemmer is not thread-safe
    pair = (
        either(question, asked, card.product.title) if language == "en"
        # in another language, its two English words: "¿es inalámbrico o con cable?"
        else tuple(asked.split()) if _OR_SAID.search(question) and len(asked.split()) == 2
        else None
    )  # fmt: skip
    if pair:
        # "is the hohner one diatonic or chromatic?": which of the two its listing says (it had
        # answered 'does not mention "hohner diatonic chromatic"')
        quotes = []
        for alternative in pair:
            words = alternative.split()
            count, quote = _evidence(card.product, [_forms(w, stem) for w in words], stem)
            if count == len(words):
                quotes.append(quote)
        if quotes:
            return phrase(language, "listing_says", quote='", "'.join(dict.fromkeys(quotes)))
        if language == "en":
            return phrase(language, "listing_neither", a=pair[0], b=pair[1])
        # said back in their words ("¿es inalámbrico o con cable?"), not the English read
        theirs = [in_their_words(question, alternative, language) for alternative in pair]
        if theirs[0] and theirs[1]:
            return phrase(language, "listing_neither", a=theirs[0], b=theirs[1])
        return phrase(language, "listing_silent_any")
    # what it asks about, not how ("does it fit letter size paper?" had quoted "One size fits
    # all"; "is that compatible with a chromebook?" named "compatible chromebook")
    words = _subject(asked)
    count, quote = _evidence(card.product, [_forms(w, stem) for w in words], stem)
    if count and len(words) > 1 and not _evidence(card.product, [_forms(words[-1], stem)], stem)[0]:
        count = 0  # "test leads are included right?": a "Test Tool" is no test leads
    if count == 1 and len(words) == 2:
        # both words of a two-word thing: "does it need phantom power?" is not answered by
        # "powerful features", nor "weighted keys" by a title's "Large Key Keyboard"
        count = 0
    if count:
        return phrase(language, "listing_says", quote=quote)
    # said plainly ("does it come with a case?": 'Its listing does not mention "case"'), not as a
    # dodge; a blind reader took "does not say it in those words" for one
    if language != "en" and set(re.findall(r"\w+", " ".join(words))) <= set(
        re.findall(r"\w+", question.lower())
    ):
        # nothing of it read in English ("¿el primero trae fuente de poder o usa pilas?"): the
        # whole question had been quoted back as what the listing does not mention
        return phrase(language, "listing_silent_any")
    # (the word it does not say, where it says the others: "will it fit a Casio LK-110?" of an
    # adapter "for Casio Piano Keyboard" had been 'does not mention "casio"')
    missing = [w for w in words if re.search(r"\d", w)
               and not _evidence(card.product, [_forms(w, stem)], stem)[0]]  # fmt: skip
    if missing and len(missing) < len(words):
        codes = [m.group(0) for w in missing
                 if (m := re.search(rf"[\w-]*{re.escape(w)}[\w-]*", question, re.I))]  # fmt: skip
        return phrase(language, "listing_silent", named=" ".join(codes or missing))
    # in another language, what they asked in their words ('erwähnt „Schlägel“ nicht'; it had
    # quoted the English "mallets" back), else plainly that it does not say
    named = _as_said(question, words) if language == "en" else in_their_words(question, " ".join(words), language)
    if not named:
        return phrase(language, "listing_silent_any")
    return phrase(language, "listing_silent", named=named)


#: How many of the shopper's own words may join what is asked, said back as they said it, and
#: which words they may be.
_JOINING_WORDS = 3
_JOINING = frozenset(["a", "an", "the", "it", "in", "on", "of", "for", "with", "to", "my", "your",
                      "his", "her", "their", "and", "or", "at", "by"])  # fmt: skip


def _as_said(question: str, words: Sequence[str]) -> str:
    """What a question asks about, in the shopper's own words where they said it in one short
    run ("leave it outside in the rain", not the keywords "leave outside rain")."""
    tokens = re.findall(r"[a-z0-9][a-z0-9'-]*", question.lower())
    at = [i for i, t in enumerate(tokens) if t.removesuffix("'s") in set(words)]
    span = tokens[min(at) : max(at) + 1] if at else []
    joining = [t for t in span if t.removesuffix("'s") not in set(words)]
    if not span or len(joining) > _JOINING_WORDS or not set(joining) <= _JOINING | _HOW:
        return " ".join(words)  # ("how long does the charge last": not "long does the charge")
    return " ".join(span)


def _filled(lead: str, language: str, key: str, slot: str) -> str | None:
    """What fills `slot` of the phrase `key` where `lead` is that phrase, else None."""
    before, _, after = phrase(language, key, **{slot: "\0"}).partition("\0")
    if lead.startswith(before) and lead.endswith(after) and len(lead) > len(before) + len(after):
        return lead[len(before) : len(lead) - len(after)]
    return None


def silent_on(lead: str, language: str) -> str | None:
    """What a `detail_lead` says the listing does not mention (its "named"), None for any other
    lead."""
    return _filled(lead, language, "listing_silent", "named")


def said_on(lead: str, language: str) -> str | None:
    """The quote of a `detail_lead` that says what the listing says of it, None for any other."""
    return _filled(lead, language, "listing_says", "quote")


def details_lead(leads: Sequence[str], language: str) -> str:
    """The leads of a message asking two things of one card, as one: two things its listing does
    not mention said once ("mentions neither ... nor ..."), not the same sentence twice."""
    silent = [s for lead in leads if (s := silent_on(lead, language)) is not None]
    if len(silent) == 2 == len(leads) and silent[0] == silent[1]:
        # both questions read as the same words ("precisa calibrar? já vem com o pó de
        # calibração?" had said 'neither "calibration" nor "calibration"'): said once
        return leads[0]
    if len(silent) == 2 == len(leads):
        return phrase(language, "listing_silent_both", a=silent[0], b=silent[1])
    return " ".join(dict.fromkeys(leads))


#: The most words one side of an either/or question is read with ("solid wood or laminate").
_EITHER_WORDS = 3


def either(question: str, asked: str, title: str) -> tuple[str, str] | None:
    """The two things an either/or question about a card asks between ("is the hohner one
    diatonic or chromatic?": diatonic, chromatic; "does it run on batteries or usb?"), each as
    the asked words (`asked`, from `asked_about`) beside its "or"; the words naming the card
    (those of its `title`) are not asked. None for any other question ("does it come with a case
    or do I need to buy one?" asks one thing, the other way round)."""
    if _OR_ELSE.search(question) or " or " not in f" {question.lower()} ":
        return None
    before, after = re.split(r"\s+or\s+", question.lower(), maxsplit=1)
    wanted = set(asked.split())
    named = set(re.findall(r"[a-z][a-z'-]*", title.lower()))
    left: list[str] = []
    for w in reversed(_ASKED_WORD.findall(before)):
        if not left and w in _ONE_OF:
            continue  # "is that an official one or a knockoff": official, knockoff
        # (the word beside "or" is asked even where the title says it: "is the pink one a
        # soprano or concert?" of a "... Soprano Ukulele" had been 'does not mention "soprano or
        # concert"'; a title's word before it names the card: "is the hohner diatonic or ...")
        if w not in wanted or (w in named and left) or len(left) == _EITHER_WORDS:
            break
        left.insert(0, w)
    right: list[str] = []
    for w in _ASKED_WORD.findall(after):
        if not right and w in _ONE_OF:
            continue
        if w not in wanted or len(right) == min(len(left), 2):
            break
        right.append(w)
    if not left or not right:
        return None
    return " ".join(left), " ".join(right)


#: Words around either side of an "or" that name neither ("an official one or a knockoff").
_ONE_OF = frozenset(["one", "ones", "a", "an", "the"])
#: "Or" in the shoppers' other languages, between two things asked of a card.
_OR_SAID = re.compile(r"\s(?:o|ou|oder|oppure)\s|还是|或者|或", re.I)
#: Doing words a yes/no question asks with, not what it asks about ("does it work with an iPhone?").
_DOING = frozenset(["work", "works", "fit", "fits", "have", "has", "hold", "holds", "play", "plays",
                    "need", "needs", "make", "makes", "take", "takes", "include", "includes",
                    "get", "gets", "last", "lasts", "compatible", "compatibility", "support",
                    "supports", "connect", "connects", "included", "right", "correct",
                    "actually", "really", "own"])  # fmt: skip
#: Words of measure a fit question asks with, beside what it measures ("letter size paper").
_HOW = frozenset(["size", "sizes", "sized", "type", "kind"])


def _subject(asked: str) -> list[str]:
    """What a question asks about, not how it asks ("fit letter size paper" -> letter paper;
    "compatible chromebook" -> chromebook); all its words when that leaves none."""
    return [w for w in asked.split() if w not in _DOING and w not in _HOW] or asked.split()


@cache
def _checklists() -> dict[str, list[str]]:
    data = tomllib.loads(CHECKLISTS.read_text())["departments"]
    return {str(k): [str(x) for x in v] for k, v in data.items()}


def checklist(department: str) -> tuple[str, ...]:
    """What to check before buying in this department."""
    lists = _checklists()
    return tuple(lists.get(department, lists["default"]))


#: The notice names what was asked for only when it is this short ("gaming laptop rtx card").
ECHOED_NEED_WORDS = 6
#: ... and, in Chinese (no spaces), this many characters ("节拍器", not a whole question).
ECHOED_NEED_HAN = 6
#: Words only: no ids, numbers or symbols ("B07XJ8C8F5", "1000 piece", "<b>").
_PLAIN_WORDS = re.compile(r"(?:[^\W\d_]|[' -])*")


#: A search this short is said back whole when a word of it was corrected ("Showing results for
#: harmonica"); a longer one names the corrected words alone.
SHORT_SEARCH = 4


def spelling_notice(
    corrected: Sequence[tuple[str, str]], searched: str, language: str = "en"
) -> str | None:
    """What the shopper is told of words read otherwise than typed, or None: the search when it
    is short ("Showing results for harmonica."), else each corrected word, unquoted ("Showing
    results for demo instead of dymo."; the whole search had been said back: "label maker
    organizing pantry demo better"). A slip of a filler word, not searched, is no correction."""
    words = searched.lower().split()
    # (a word read as itself is no correction: "Showing results for lmao instead of lmao")
    fixes = [(a, b) for a, b in corrected if b.lower() in words and a.lower() != b.lower()]
    if not fixes:
        return None
    if len(words) <= SHORT_SEARCH:
        return phrase(language, "showing", corrected=searched)
    return " ".join(phrase(language, "showing_word", corrected=b, written=a) for a, b in fixes)


def lists_unpriced(cards: Sequence[Card]) -> bool:
    """Whether any card lists no price (a price no notice can say it goes past)."""
    return any(c.product.price is None for c in cards)


def not_carried(need: str, relaxed: str | None, close: bool, language: str = "en",
                refined: bool = False, unpriced: bool = False, cheaper: bool = False) -> str | None:  # fmt: skip
    """The honest notice when nothing satisfies the request, or None when something does, in the
    shopper's language. The shopper's words are echoed without any amounts in them (only catalog
    prices are shown). After a refinement ("cheaper please") the store does carry the product,
    just none that also fits the change: the notice says that, not "we don't carry". Where the
    price was relaxed and cards shown list no price (`unpriced`), they are not said to "go past
    it": their price is unknown, not over. `cheaper`: the shopper asked for cheaper than the
    cards on screen, and none is (the cheapest are shown)."""
    # (nor a rating: "No pipettes with at least 300 reviews we carry meets the rating you set")
    need = re.sub(
        r"\s+",
        " ",
        re.sub(
            r"[$€£]\s?\d[\d,.]*|\b\d[\d,.]*\s?(?:dollars|bucks|usd|euros?)\b",
            "",
            strip_rating_phrases(need),
            flags=re.I,
        ),
    ).strip(" ,")
    # (the words that had joined what was taken out: "portable keyboard with and")
    joins = r"(?:with|w/|and|or|rated|that|is|are|atleast|at\s+least)"
    while (shorter := re.sub(rf"\s+{joins}(?=\s+{joins}\b|\s*$)", "", need, flags=re.I)) != need:
        need = shorter
    han = len(re.findall(r"[\u3400-\u9fff]", need))
    # (a model's number may be said back: "a case for iphone 15", "nozzle for ender 3")
    plain = re.sub(r"(?<=[^\W\d_])\s?\d{1,4}[a-z]{0,2}\b", "", need, flags=re.I)
    if (len(need.split()) > ECHOED_NEED_WORDS or not re.fullmatch(_PLAIN_WORDS, plain)
            # a sentence in Chinese, not its product ("我们似乎没有想买个自动变光的焊接面罩")
            or han > ECHOED_NEED_HAN or re.search(r"[吗呢吧么]$", need)):  # fmt: skip
        # a long or odd request (ids, numbers, symbols) is not repeated back
        need = phrase(language, "that")
    else:
        need = need.lower()  # the shopper's words, not a name the notice would seem to give
    # "no other wooden puzzle", "no retirement gift we carry", not "no other a wooden puzzle"
    bare = re.sub(
        r"^(?:a|an|the|some|any|un|una|unos|unas|el|la|los|las|le|les|des|ein|eine)\s+", "", need
    )
    if relaxed == "price" and unpriced:
        if need == phrase(language, "that"):
            return phrase(language, "relaxed_unpriced_any")
        return phrase(language, "relaxed_unpriced", need=bare)
    if relaxed == "price" and cheaper:
        if need == phrase(language, "that"):
            return phrase(language, "relaxed_cheaper_any")
        return phrase(language, "relaxed_cheaper", need=bare)
    if relaxed:
        constraint = phrase(language, f"constraint_{RELAXED_KEYS[relaxed]}")
        if need == phrase(language, "that"):  # "Nothing we carry meets", not "No that we carry"
            return phrase(language, "relaxed_any", constraint=constraint)
        return phrase(language, "relaxed", need=bare, constraint=constraint)
    if not close:
        if refined:  # "We have nothing else that ...", not "no other that that also fits that"
            if need == phrase(language, "that"):
                return phrase(language, "refined_any")
            return phrase(language, "refined_none", need=bare)
        return phrase(language, "not_carried", need=need)
    return None


#: The hard constraints a search may relax (assistant/candidates.py), as phrase keys.
RELAXED_KEYS = {
    "price": "price",
    "rating": "rating",
    "price and rating": "price_rating",
    "excluded brands": "brands",
    "department": "department",
}
