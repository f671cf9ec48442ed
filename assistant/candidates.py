"""Products for the current state: hybrid retrieval under the hard filters, brand exclusions also
matched in titles, reordered for this shopper by behaviour, sorted as asked; and, when nothing
satisfies a hard constraint, the nearest alternatives with the constraint that was relaxed."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher
from itertools import takewhile

import numpy as np
import Stemmer

from assistant.cues import (
    ATTRIBUTE,
    BOOK_KINDS,
    DEPARTMENT_CUES,
    DESCRIBED_KINDS,
    reading_department,
)
from assistant.kinds import ACCESSORY as _ACCESSORY
from assistant.kinds import COMPARATIVES, not_product_word
from assistant.needs import ROOM_OF
from assistant.people import RECIPIENTS
from assistant.query import Sort
from assistant.state import ConversationState
from assistant.unwanted import denies, says_unwanted
from ranking.rerank import candidates_from_hits
from ranking.service import RecommendationService
from retrieval import units
from retrieval.ages import TEEN, age_fit, age_statement
from retrieval.catalog import Catalog, Product
from retrieval.search import Hit, HybridSearcher

#: Below this cosine similarity, with no more than half of the query words matched, the best hit is
#: not what was asked for: the answer says the store does not carry it.
CLOSE_MATCH_COSINE = 0.45
#: A hit after the first answers the words only this close in meaning too: "55 inch tv" is not
#: met by a "... Diode FM AM TV Radio" (0.31), "a thriller" is by "Westwind: The classic lost
#: thriller" (0.40) behind "Darker Space".
NEAR_MATCH_COSINE = 0.35
POOL = 60
# Soft need-fit adjustments, in units of the fused score (TM2C2 puts the best hit near 1 and the
# 20th typically 0.1-0.2 below it). A clearly wrong stated age outweighs any retrieval margin;
# the other fits move a product a few places at most. Chosen by hand, measured by
# `shoptalk bench retrieval` on the natural-request dev set (see README).
AGE_FIT = 0.05
AGE_WRONG = 0.5
OTHER_DEPARTMENT = 0.08
SIZE_MATCH = 0.08
BRAND_MATCH = 0.1
FEATURE_MATCH = 0.05
COMPOUND_MATCH = 0.05
RATED = 0.05
#: Fewest ratings behind a rating worth quoting or acting on (one 5-star review says little).
MIN_RATINGS = 5
#: A rating below this (from at least MIN_RATINGS ratings, or an unknown count) is pushed down
#: this much, asked or not, and not recommended when another card fits: a product rated 1 of 5
#: is seldom the one to show first.
POOR_RATING = 2.5
#: Below this, a card that fits is still not recommended when another that fits is rated at least
#: this: "alto sax reeds" starred a 2.8-star reed as fitting best beside a 4.6-star box of them.
FAIR_RATING = 3.5
POORLY_RATED = 0.15
#: A title made for children, when the shopper buys for a grown-up.
FOR_CHILDREN = 0.1
_FOR_CHILDREN = re.compile(
    r"\b(?:kids?|children|child'?s|toddlers?|bab(?:y|ies)|preschool(?:ers)?|boys|girls)\b", re.I
)
_FOR_GROWN_UPS = re.compile(
    r"\b(?:adults?|grown[- ]ups?|teens?|teenagers?|tweens?|men|women|all ages)\b", re.I
)
#: ... or what only a child plays with: "Bob Tomato Plush Toy", "Toy Hospital Playset".
_CHILDS_THING = re.compile(
    r"\b(?:toys?|plush(?:ies)?|playsets?|play\s+sets?|stuffed|rattles?|teethers?|montessori)\b"
    r"|\b(?:little|small)\s+(?:hands|ones)\b",
    re.I,
)
#: ... or said to be in a listing's words: "safe for little hands", "your child will love".
_CHILDS_WORDS = re.compile(
    r"\b(?:little|small)\s+(?:hands|ones)\b|\byour\s+(?:child|kids?|little\s+one|toddler|baby)\b"
    r"|\btoddlers?\b|\bpreschool",
    re.I,
)


#: The department of lab and workshop supplies: no child's gift.
LAB = "Industrial & Scientific"


def child_gift(state: ConversationState) -> bool:
    """Whether the request is a gift for a child (under a teen, by the age said)."""
    return state.gift and state.age is not None and state.age[1] < TEEN


def grown_up(state: ConversationState) -> bool:
    """Whether the request is for a teen or a grown-up (by the age said or read off whom)."""
    return state.age is not None and state.age[0] >= TEEN


def for_children(product: Product) -> bool:
    """Whether the product is made for children (its title says so, or what it is, or the ages
    it states stop under a teen's), not for a grown-up: "Doc McStuffins Toy Hospital Doc" is no
    gift for a nurse, nor "Building Blocks ... for little hands" for a dad who does woodwork."""
    if _FOR_GROWN_UPS.search(product.title):
        return False
    if _FOR_CHILDREN.search(product.title) or _CHILDS_THING.search(product.title):
        return True
    if _CHILDS_WORDS.search(product.description or "") and not _FOR_GROWN_UPS.search(
        product.description or ""
    ):
        return True
    stated = age_statement(product.title, product.description)
    return bool(stated and stated[0][1] < TEEN)


#: "cheap headphones": the cheapest of the candidates gains this much, the dearest loses it.
CHEAP = 0.1
#: A toy or miniature version of what was asked for ("washing machine" -> a dollhouse washing
#: machine, "running shoes" -> doll shoes) when nothing in the request asks for one.
REPLICA = 0.3
#: A title saying what the shopper does not want ("nothing with glitter", "not steel").
UNWANTED = 0.3
#: Party supplies for a gift ("my son turns 9 and is into robots" starred robot birthday
#: decorations): a present is not the party's tablecloth, unless the party is asked for.
PARTY_SUPPLIES = 0.15
_PARTY = re.compile(
    r"\b(?:party (?:supplies|decorations?|favou?rs?|bags?)|decorations?|banners?|tablecloths?|"
    r"backdrops?|balloons?|napkins|plates|cake toppers?|invitations|centerpieces?|pinata)\b",
    re.I,
)
_ASKS_PARTY = re.compile(
    r"\b(?:party|parties|decorat\w*|favou?rs?|balloons?|banner|pinata|goody bags?)\b", re.I
)
#: A title that names the kind of product asked for as what it is (not a thing for it).
KIND_MATCH = 0.06
#: A title that names another variant of the same thing than the one asked, and not the one
#: asked: "a replacement reed for my alto sax" -> "Tenor Sax Reed"; "electric guitar strings" ->
#: "Acoustic Guitar Strings". Like a size missed.
VARIANT_OTHER = 0.1
_VARIANTS = (
    frozenset(["alto", "tenor", "soprano", "baritone"]),
    frozenset(["acoustic", "electric", "classical"]),
    frozenset(["left-handed", "right-handed", "lefty"]),
    frozenset(["aa", "aaa"]),
    frozenset(["nitrile", "latex", "vinyl"]),  # gloves
    frozenset(["nylon", "steel"]),  # guitar strings
)
#: Cable ends: a title naming another end than the one asked is an adapter cable ("xlr cable"
#: starred "1/4\" TS Right Angle to XLR Female Cable"), whether or not it names the asked one.
_CONNECTORS = re.compile(
    r"(?<![\w/.])(xlr|trs|ts|rca|speakon|midi|toslink|optical|usb|1/4(?:\"|”|''| inch|-inch)?|"
    r"1/8(?:\"|”|''| inch|-inch)?|3\.5 ?mm|6\.35 ?mm)(?![\w/])",
    re.I,
)
_REPLICA = re.compile(
    r"\b(?:doll ?house|miniature|dolls?|pretend play|1:\d+ scale|play kitchen)\b", re.I
)
_WANTS_REPLICA = re.compile(
    r"\b(?:toys?|dolls?|doll ?house|miniature|pretend|play|kids?|child|"
    r"children|baby|toddlers?|boys?|girls?|niece|nephew|son|daughter|"
    r"grandson|granddaughter|figures?|scale|model|rc|r/c|remote[- ]control(?:led)?|radio[- ]control(?:led)?)\b",
    re.I,
)


@dataclass(frozen=True)
class Candidates:
    """What to show, and how it was found."""

    hits: tuple[Hit, ...]
    personalised_by: str | None = None  # "learned reranker" or "fixed blend" when history reordered
    relaxed: str | None = None  # the hard constraint dropped to find anything, if one was
    close_match: bool = True
    notices: tuple[str, ...] = field(default=())

    @property
    def products(self) -> tuple[Product, ...]:
        return tuple(h.product for h in self.hits)


def _excluded(product: Product, names: Sequence[str]) -> bool:
    """A product made by an excluded brand: its brand field, or its title naming the brand."""
    for name in names:
        if product.brand and product.brand.strip().lower() == name.lower():
            return True
        if re.search(rf"\b{re.escape(name)}\b", product.title, re.I):
            return True
    return False


#: Where a title stops naming the product and starts listing features or uses: the first dash
#: or bar after its first few words ("Crank It UP! Dj System - Great for parties - Connect your
#: Laptop" is a DJ system, not a laptop). Commas do not end it: "Toddler Toys, Wooden Puzzles"
#: is a puzzle.
_TITLE_BREAK = re.compile(r"\s[-|–—]\s|\|")
_HEAD_WORDS = 3


def title_head(title: str) -> str:
    """The part of a title that names the product (see `_TITLE_BREAK`)."""
    for m in _TITLE_BREAK.finditer(title):
        if len(re.findall(r"\w+", title[: m.start()])) >= _HEAD_WORDS:
            return title[: m.start()]
    return title


#: Kinds said only in the plural whose singular is another thing ("safety glasses" are no "Glass
#: Test Tube"), with the words titles name them by.
_PLURAL_KINDS = {"glasses": r"glasses|eyewear|goggles|spectacles|sunglasses",
                 "shorts": r"shorts", "pants": r"pants|trousers", "scissors": r"scissors"}  # fmt: skip


def shows_kind(title: str, kind: str, stem: Callable[[str], str], asked: str) -> bool:
    """Whether a title names that kind of product itself, not a thing for it ("Laptop Case"
    does not show a laptop unless a case was asked for), in the part that names the product.
    `title` may hold more names after " ; " (a product's category names), each read alone."""
    if kind in _PLURAL_KINDS:
        return bool(re.search(rf"\b(?:{_PLURAL_KINDS[kind]})\b", title.split(" ; ")[0], re.I))
    names = title.split(" ; ")
    return any(
        _names_kind(part, kind, stem, asked) for part in _naming_parts(names[0], kind, stem)
    ) or any(_heads_category(name, kind, stem) for name in names[1:])


#: How things come, named after them in a category ("Drum Sets", "Science Kits").
_PACKED = frozenset(["kit", "kits", "set", "sets", "pack", "packs", "bundle", "bundles", "combo"])


def _heads_category(name: str, kind: str, stem: Callable[[str], str]) -> bool:
    """Whether a category name ("Filter Housings", "Guitar Kits", "Picks & Pick Holders") is of
    the kind: a category is a plain noun phrase, each of its items named by its last word ("Filter
    Housings" are housings: a wrench filed there had been starred as a water filter), or the word
    before a kit or set ("Drum Sets")."""
    target = stem(kind)
    for item in re.split(r"\s*(?:&|,|\band\b)\s*", name.lower()):
        words = re.findall(r"[a-z]+", item)
        while len(words) > 1 and words[-1] in _PACKED:
            words.pop()
        head = words[-1] if words else ""
        if head and (
            stem(head) == target
            or ((len(kind) >= 4 or kind in _SHORT_STEMS) and head.startswith(kind)
                and not _compound_of(head, kind))  # "Amplifiers" of "amp", not "Drumsticks" of "drum"
            or (len(kind) >= 5 and head.endswith(kind))
        ):  # fmt: skip
            return True
    return False


def _naming_parts(title: str, kind: str, stem: Callable[[str], str]) -> list[str]:
    """The title's head; and when the head is only a name that never says the kind ("Looney Labs
    Get The MacGuffin - Best Card Games for Adults"), the part after the first break too."""
    head = title_head(title)
    if head == title or any(stem(w) == stem(kind) for w in re.findall(r"[a-z]+", head.lower())):
        return [head]
    rest = title[len(head) :]
    return [head, _TITLE_BREAK.split(rest.lstrip(" -|–—"), maxsplit=1)[0]]


def _counted(phrase: str, word: str) -> bool:
    """Whether every `word` in the phrase follows a small count ("4 String", "61-key"; not
    "USB 2.0 Interface")."""
    if word.endswith("s"):
        return False  # "24 Crayons", "6 Strings Set": a count of the thing itself
    found = list(re.finditer(rf"\b{re.escape(word)}\b", phrase))
    return bool(found) and all(
        re.search(r"(?:^|[^\d.])\d{1,2}[\s-]?$", phrase[: m.start()]) for m in found
    )


def _compound_of(word: str, kind: str) -> bool:
    """'drumsticks' of 'drum(s)': the kind, then a thing for it, in one word."""
    rest = word[len(kind.removesuffix("s")) :]
    return rest in _ACCESSORY or f"{rest}s" in _ACCESSORY


def _adjective_of(word: str, kind: str) -> bool:
    """'telescopic' of 'telescope', 'microscopic' of 'microscope': same stem, not the thing; and
    for a thing named by what it does, the doing ('controllable', 'Remote Control' of
    'controller'; 'organized' of 'organizer'; DJ lights had been starred for a DJ controller)."""
    base, said = kind.removesuffix("s"), word.removesuffix("s")
    return (word.endswith(("ic", "ical")) and not base.endswith(("ic", "ical"))) or (
        base.endswith(("er", "or")) and not said.endswith(("er", "or"))
    )


def _names_kind(name: str, kind: str, stem: Callable[[str], str], asked: str) -> bool:
    target = stem(kind)
    # Inside "... with A, B, Headphones" the kind is an item in the box; after "Tuner for
    # Ukulele, Guitar" it is what the product serves. Both run on through short comma items.
    bundled = serves = False
    name = re.sub(
        r"\([^)]*\)", ",", name
    )  # "(Fit for 21 inch Soprano Ukulele)": a note, not the name
    for at, phrase in enumerate(re.split(r",\s*", name.lower())):
        # "TV/Monitor Stand": the words joined by a slash are one slot, so "stand" follows "tv"
        words = re.findall(r"[a-z]+(?:/[a-z]+)*", phrase)
        if len(words) > _LIST_ITEM_WORDS:
            bundled = serves = False  # a long phrase after a comma names a product again
        said_about = False
        for i, group in enumerate(words):
            parts = set(group.split("/"))
            if parts & _BUNDLE and not (parts == {"plus"} and i <= _MODEL_WORDS):
                # ("OWON B35T Plus Multimeter": a "Plus" among the first words is a model's name)
                # a starter kit is what it holds: "DJ Learning Kit w/ Inpulse 200 DJ Controller"
                # is a DJ controller with what a beginner needs ("Drum Set with Sticks" is no sticks)
                bundled = not (i >= 2 and words[i - 1] in _KITS and words[i - 2] in _STARTING)
                continue
            said_about = said_about or bool(parts & _ABOUT)
            # "drumsticks" is sticks: a compound ending in the kind names it too
            # ("Telescopic Butterfly Nets" are no telescope: an adjective of the kind shares its stem)
            if bundled or serves or not any(
                (stem(w) == target and not _adjective_of(w, kind))
                # "amplifier" for "amp", not "drumsticks" (sticks) for "drums"
                # ("card", "carven", "caramel" start like "car": of three letters, only "amp")
                or ((len(kind) >= 4 or kind in _SHORT_STEMS) and w.startswith(kind)
                    and not _compound_of(w, kind))
                or (len(kind) >= 5 and w.endswith(kind)) for w in parts
            ):  # fmt: skip
                continue
            if _counted(phrase, group):
                continue  # "Bass Guitar, 4 String": a count of it, not the thing
            if kind not in _HEAD_KINDS and _served(words[:i]):
                continue  # "Brushless Motor ... for 1/10 Remote Control Car": a part for a car
            # the compound's head comes after the kind: "Guitar Amplifier Audio Cable" is a
            # cable, "Violin Finger Guide Fingerboard Sticker" a sticker (up to three words on,
            # until a word that starts another part: "Violin Set with Case" is a violin)
            following = list(takewhile(lambda w: w not in _ABOUT and w not in ("and", "or"),
                                       words[i + 1 : i + 1 + _COMPOUND_WORDS]))  # fmt: skip
            after = next((w for w in following if w in _ACCESSORY), "")
            before = next(
                (b for b in words[i - 1 :: -1] if b not in ("the", "a", "an", "your", "all")), ""
            ) if i else ""  # fmt: skip
            # a slash group counts by its parts: "Rack w/Gliding Laptop" holds a laptop
            if (
                (after not in _ACCESSORY or after in asked.lower())
                and not (set(before.split("/")) & _ABOUT)
                and not (i == len(words) - 1 and _comma_accessory(name.lower(), phrase, asked))
            ):
                return True
            if at == 0 and after in _ACCESSORY and after not in asked.lower():
                # the name opens as an accessory of the kind ("Featherweight Case, 1/2 Size
                # Violin", "Microphone Stand Tray Mount Clamp, Microphone Stand Desk"): the kind
                # said again after a comma is what it fits, not what it is
                return False
        if at == 0 and words and words[-1] in _ACCESSORY and words[-1] not in asked.lower():
            return False  # "Featherweight Case, 1/2 Size Violin": a case, for a violin
        serves = serves or said_about
    return False


#: Who a product is for, as titles say it: a kind after "for" and these is still the product.
_PEOPLE = frozenset(RECIPIENTS) | {"men", "women", "man", "woman", "year", "years", "old", "ages",
                                   "age", "him", "her", "them", "everyone", "family", "teenage"}  # fmt: skip
#: How far after the kind a compound's head noun is looked for.
_COMPOUND_WORDS = 3
#: Words that open a list of what comes in the box ("Drum Set with Headphones, Sticks"); the
#: list runs on through short comma-separated items.
_BUNDLE = frozenset(["with", "w", "includes", "including", "plus"])
#: A kit for starting, whose title then names what it holds ("Learning Kit w/ ... DJ Controller").
_KITS = frozenset(["kit", "set", "bundle", "pack", "package", "combo"])
_STARTING = frozenset(["learning", "starter", "beginner", "beginners", "complete", "essentials",
                       "essential", "deluxe", "ultimate", "practice", "student"])  # fmt: skip
#: How many words a title's model name may take ("OWON B35T Plus").
_MODEL_WORDS = 3
_LIST_ITEM_WORDS = 3


#: Kinds of three letters that longer words name by starting with them ("amplifier").
_SHORT_STEMS = frozenset(["amp"])
#: Words after which a kind is what the product fits ("Motor ... for 1/10 Remote Control Car").
_SERVES = frozenset(["for", "fits", "fit", "compatible"])
#: Kinds that end a compound after "for": "40 Studies for Clarinet Book" is a book, "Resin for
#: Coating Wood 1 Gallon Kit" a kit.
_HEAD_KINDS = frozenset(["book", "books", "kit", "kits", "set", "sets", "pack", "bundle"])


def _served(before: Sequence[str]) -> bool:
    """Whether the words before a kind, in its phrase, put it after "for" (or "fits") with no one
    in between: "Upgrade Metal Parts for Wltoys 12428 Remote Control Car" is parts for a car, and
    "Gifts for Teen Boys Science Kit" a kit for teen boys (a person between: still the kind)."""
    for at in range(len(before) - 1, -1, -1):
        parts = set(before[at].split("/"))
        if parts & _BUNDLE:
            return False  # "Set with Cable for Guitar, Guitar": after "with", items again
        if parts & _SERVES:
            between = {p for w in before[at + 1 :] for p in w.split("/")}
            return not between & _PEOPLE
    return False


def _comma_accessory(name: str, phrase: str, asked: str) -> bool:
    """ "Creator Laptop, Controller Stand for DJ's": the phrase after the comma says what the
    product is when it is a short name ending in an accessory."""
    rest = name[name.find(phrase) + len(phrase) :].lstrip(", ")
    head = re.split(r"\b(?:for|with|w/|to|of|fits)\b", rest.split(",")[0])[0]
    words = re.findall(r"[a-z]+", head)
    return 0 < len(words) <= _LIST_ITEM_WORDS and words[-1] in _ACCESSORY and words[-1] not in asked


#: A kind named after these is what the product is for, about or holds, not what it is: "Tuner
#: for Ukulele", "The ABC's of Violin", "Case with Laptop Shelf", "Walk a Mile in the Shoes".
_ABOUT = frozenset(["for", "of", "about", "to", "fits", "fit", "compatible", "with", "w", "in", "on",
                    "from", "like"])  # fmt: skip


#: Kinds that titles rarely name (a novel's title does not say "novel"): not checked in titles.


def _named_as(product: Product) -> str:
    """The words that say what a product is: its title (`shows_kind` reads its head, and the part
    after it when the head is only a name: "Buffalo Games - Night at The Drive-in - 1500 Piece
    Jigsaw Puzzle" is a puzzle) and its category names."""
    return " ; ".join([product.title, *(product.category or [])])


def of_kind(products: Sequence[Product], state: ConversationState) -> list[bool]:
    """Which products are the kind the shopper asked for (all True when no kind was read, or one
    that titles rarely name)."""
    if not state.kind:
        return [True] * len(products)
    if state.kind in ("cookbook", "cookbooks"):  # a reading of recipes, not any novel
        return [
            is_reading(p) and bool(_COOKING.search(f"{p.title} {p.description}")) for p in products
        ]
    if state.kind in BOOK_KINDS:  # a reading: a title seldom says "book", its shelf does
        return [is_reading(p) for p in products]
    if state.kind in DESCRIBED_KINDS:  # "Toy Story stuff": a story may be a toy's name
        return [True] * len(products)
    stem = Stemmer.Stemmer("english").stemWord
    asked = state.search_text()
    # a reading is no other kind: "beginner watercolor set" starred "Creative Watercolor: A
    # Step-by-Step Guide" from the Kindle Store (unless a reading is what the words point to: "a
    # cozy mystery to read on my kindle")
    shelf = state.department or state.department_hint
    readings = shelf is not None and reading_department([shelf]) is not None
    return [shows_kind(_named_as(p), state.kind, stem, asked) and (readings or not _on_reading_shelf(p))
            for p in products]  # fmt: skip


def _on_reading_shelf(product: Product) -> bool:
    return bool(product.category) and reading_department(product.category[:1]) is not None


#: A cookbook says what it cooks: "mexican cookbooks" had starred a Spanish-language novel.
_COOKING = re.compile(
    r"\b(?:cook\w*|recipes?|kitchen|bak(?:e|ing)|meals?|cuisine|dishes|food)\b", re.I
)
#: A title that says it is a reading: "(Land of Hope and Glory Book 3)", "A Novel", "Paperback".
_READING = re.compile(r"\b(?:book|novel|paperback|hardcover|edition|volume|vol\.|ebook|kindle|"
                      r"series|trilogy|saga|stories|cookbook|guide)\b", re.I)  # fmt: skip


def is_reading(product: Product) -> bool:
    """Whether a product is something to read: on the shelf that sells readings, or its title
    says so ("a book like the hunger games" is not a Funko figure of Katniss)."""
    return _on_reading_shelf(product) or bool(_READING.search(product.title))


def of_size(products: Sequence[Product], state: ConversationState) -> list[bool]:
    """Which products' titles carry every size or quantity the shopper asked for ("10 foot",
    "1000 pieces"); all True when none was asked."""
    patterns = [_size_pattern(size) for size in state.sizes]
    return [all(rx.search(p.title) for rx in patterns) for p in products]


def says_attributes(products: Sequence[Product], state: ConversationState) -> list[bool]:
    """Which titles say every colour or feature the shopper asked for ("any in black" after
    nitrile gloves had kept the star on blue ones, a black box shown fourth)."""
    patterns = [re.compile(rf"\b{re.escape(a)}\b", re.I) for a in state.attributes]
    return [all(rx.search(p.title) for rx in patterns) for p in products]


def wants_replica(state: ConversationState) -> bool:
    """Whether a toy or miniature of the product would do: the shopper said toy/doll/kid words,
    a child's age or recipient, or the request is a gift (toys are the store's gifts)."""
    said = " ".join([state.search_text(), state.need, state.recipient or ""])
    # a room is named by whom it is for, not the product: "a bunk bed for my boys room" is a
    # real bed (a doll's bunk bed had been starred)
    said = ROOM_OF.sub(" room", said)
    child = state.age_max is not None and state.age_max < 13
    return bool(_WANTS_REPLICA.search(said)) or child or state.gift


def is_replica(product: Product, kind: str | None = None) -> bool:
    """A doll's or a miniature version of a product, or a title saying "toy" before the kind
    asked for ("Toy Lawn Mower with Bubble Solution" had been starred for "do you sell lawn
    mowers")."""
    if _REPLICA.search(product.title):
        return True
    stem = re.escape(kind.lower().removesuffix("s")) if kind else None
    return bool(stem and re.search(rf"\btoy\s+(?:[\w-]+\s+)?{stem}", product.title, re.I))


#: Features that say how a product is, not which product it is (titles rarely say them).
_QUALITIES = frozenset(["quiet", "silent", "lightweight", "portable", "adjustable", "foldable",
                        "washable", "rechargeable", "sturdy", "durable", "comfortable",
                        "special", "small", "large", "compact", "thin", "simple", "easy"])  # fmt: skip


def _is_close(hits: Sequence[Hit], text: str, state: ConversationState) -> bool:
    if not hits:
        return False
    if state.gift and not state.kind:
        return True  # "a retirement gift for our lab manager, something fun": ideas, not a product
    # "something for a 4 year old who won't stop drawing on walls": no product named to be missing
    if not state.kind and state.asked and all(map(not_product_word, state.asked.lower().split())):
        return True
    # a toy version is not the product asked for: "washing machines?" -> a dollhouse washer
    real = [h for h in hits[:3] if wants_replica(state) or not is_replica(h.product, state.kind)]
    if not real or real[0] is not hits[0]:
        return False
    kind = state.kind if state.kind not in DESCRIBED_KINDS else None
    stem = Stemmer.Stemmer("english").stemWord  # one per call: a stemmer is not thread-safe
    if kind is not None and not any(shows_kind(_named_as(h.product), kind, stem, text)
                                    for h in real):  # fmt: skip
        return False  # "running shoes" -> shoe laces, a rubber stopper "size 10"
    noun = _compound_noun(state) if kind is not None and kind not in BOOK_KINDS else None
    if noun == "laboratory":  # (as "lab", which says "laboratory" too)
        noun = "lab"
    # "lab": "laboratory" too; "microphone": "Mic Stand" (a test store's titles say only "Mic")
    said = re.compile(rf"\b{_NOUN_FORMS.get(noun, re.escape(noun))}", re.I) if noun else None
    # a description says it of the product, next to its kind: "graph paper notebooks" are not
    # met by a notebook "made with high-quality paper", nor "cut resistant gloves" by exam gloves
    # "three times more puncture resistant than latex" (both had been starred)
    phrase = _compound_asked(state, prefix=True) if said else None
    if noun in _PLACES:  # where it is used, said anywhere: "pipettes for the lab"
        phrase = said
    noun_stem = stem(noun) if noun else ""

    def titled(title: str) -> bool:
        # the noun (its stem: "controll" (sic) is a "Control") with the kind in one title: a
        # "Label Tape" is no label maker
        stems = {stem(w) for w in re.findall(r"[a-z]+", title.lower())}
        if kind is not None and re.search(
            rf"\b{re.escape(noun or '')}[\s-]?{re.escape(stem(kind))}", title, re.I
        ):
            return True  # the two written as one: "Flashcards" for "flash cards"
        return bool((said and said.search(title)) or noun_stem in stems) and (
            kind is None
            or kind in BROAD_KINDS  # "a plush toy": a "Baby Plush, Teddi Pink"
            or stem(kind) in stems
            or shows_kind(title, kind, stem, text)
        )

    if said and not any(titled(h.product.title)
                        or (phrase is not None and phrase.search(h.product.description))
                        for h in hits[:5]):  # fmt: skip
        return False  # "a nice fountain pen" -> a pen light: no text near the top says "fountain"
    if (codes := _model_codes(state)) and not any(
        _says_code(h.product, code) for h in hits[:5] for code in codes
    ):
        return False  # "a phone case for samsung galaxy s23": no Galaxy S7 case is one
    lines = numbered_lines(state)
    if (
        lines
        and not any(_names_model(h.product, w, c) for h in hits[:5] for w, c in lines)
        and any(numbers_other(h.product, lines) for h in hits[:5])
    ):
        # "a case for iphone 15" where the titles say "iPhone 7": not carried; a nozzle whose
        # title names no printer may still fit an "ender 3"
        return False
    top = hits[0].parts
    # the product words, not its sizes: in "55 inch tv" a "Super 55" microphone matches nothing
    for size in state.sizes:
        text = re.sub(re.escape(size), " ", text, flags=re.I)
    # a quality is a preference, not what the product is: "a quiet keyboard" is carried when
    # keyboards are, quiet or not (the fit ranks the quiet ones first); "mini fridge" is a kind
    words = {w for w in re.findall(r"[a-z0-9]+", text.lower())
             if (len(w) > 2 or w == state.kind) and not w.isdigit() and w not in _QUALITIES
             and w not in COMPARATIVES
             and (w not in _PLACES or w == state.kind)}  # fmt: skip
    # the words naming the product, not what it is for: "headphones for my son's drum
    # practice" is answered by headphones that say nothing of drums
    # (a misspelled or run-together asked word names its correction: "chemestry" chemistry)
    asked = set(re.findall(r"[a-z0-9]+", state.asked.lower()))
    # a model no listing names is no word to miss: an "ender 3 nozzle" may be any 3D printer's
    # nozzle (one that names another model was taken care of above)
    words -= {w for w, _ in lines if not any(title_says(h.product.title, w) for h in hits[:5])}

    def says_most(hit: Hit) -> bool:
        found = set(hit.parts.matched_terms)
        said = words
        if is_reading(hit.product):
            # a book's title seldom says "book" or its shelf: "kindle books for learning python"
            # is answered by a Python book (where the title says them, they still count)
            said = {w for w in said if stem(w) in found
                    or (w not in DESCRIBED_KINDS and not DEPARTMENT_CUES["Kindle Store"].fullmatch(w))}  # fmt: skip
        named = {
            w for w in said if w in asked or any(len(a) >= 4 and a[:4] == w[:4] for a in asked)
        }
        said = named or said
        matched = sum(stem(w) in found or w in found for w in said)
        # most of the words, not half: "queen mattress" is not answered by a pool-float mattress
        return bool(said) and matched * 2 > len(said)

    # (a real product's title and text are usually 0.45 close anyway: the word count is the
    # fallback, of any of the first real ones: "something darker, more like a thriller" led with
    # "Darker Space", the thrillers after it, and had been "not carried")
    return (top.semantic or 0.0) >= CLOSE_MATCH_COSINE or any(
        says_most(h) for h in real if h is hits[0] or (h.parts.semantic or 0.0) >= NEAR_MATCH_COSINE
    )


#: Kinds that name a whole class of things: a title seldom says them ("Giraffe Stacking Cups" are
#: stacking toys), so a title without the word does not miss the request.
BROAD_KINDS = frozenset(["toy", "toys", "gift", "gifts", "stuff", "things", "set", "sets", "kit",
                         "kits", "supplies", "accessories", "items", "products", "games", "ideas"])  # fmt: skip
#: Where a product is used, said before its kind ("lab pipettes", "office calculator"): a
#: description saying it anywhere says it of the product.
_PLACES = frozenset(["lab", "laboratory", "office", "kitchen", "classroom", "school", "home",
                     "workshop", "garage", "studio", "car", "outdoor", "garden", "travel", "desk",
                     "bathroom", "bedroom", "church", "stage", "party", "camping"])  # fmt: skip


#: A model's code as shoppers type it: letters then two or more digits ("s23", "m404n", "sm58").
_MODEL_CODE = re.compile(r"(?<![\w./-])([a-z]{1,4})-?(\d{2,5}[a-z]{0,3})(?![\w/])", re.I)
#: Letters before a number that make it a measure, not a model ("pack50", "no2" aside; not the
#: "m" or "l" that open models too: "m404n").
_MEASURE_LETTERS = (
    units.words("length", "weight", "volume", "power", names=("piece",), marks=True) - {"m", "l"}
) | {"x", "no", "size", "ages", "age", "ad", "ce"}


#: A product line and its number, as shoppers type it: "iphone 15", "ender 3", "pixel 8".
#: (not a height: "a 6'3 guy" named no "throne 6")
_LINE_NUMBER = re.compile(r"\b([a-z]{3,})\s+([a-z]{0,2}\d{1,4}[a-z]?)(?![\w./'’\"-])", re.I)
#: Words a number follows that make it a time or an amount, never a model ("after 15 years").
_BEFORE_AMOUNT = frozenset(["after", "before", "until", "within", "over", "under", "every", "per",
                            "than", "last", "next", "past", "nearly", "almost", "only"])  # fmt: skip


def _model_codes(state: ConversationState) -> list[str]:
    """The model codes the request names ("galaxy s23", "laserjet pro m404n"), squeezed."""
    # (the product's words, not what it is for: "tips for my p1000 pipette" may fit one that does
    # not say "p1000"; see `numbers_other` for a title that names another model)
    said = state.asked.split(" for ")[0] or state.search_text()
    return [f"{m.group(1)}{m.group(2)}".lower() for m in _MODEL_CODE.finditer(said)
            if m.group(1).lower() not in _MEASURE_LETTERS]  # fmt: skip


#: A measure's unit after a number: "Filament 1.75mm" numbers no model.
_UNIT_AFTER = (
    rf"(?:{units.alternation('length', 'weight', 'volume', 'power', names=('piece', 'pack'))}|x\b)"
)
#: Numbers with a letter that name a kind of thing, not a model: "3d", "4k", "5g", "1080p".
_NO_MODEL = re.compile(r"\d[dkg]|\d{3,4}p", re.I)


def numbered_lines(state: ConversationState) -> list[tuple[str, str]]:
    """A word and the number the request gives it ("iphone 15", "ender 3", "galaxy s23"),
    squeezed as a code: [("iphone", "iphone15")]; not a count, size or age ("pack 100", "size
    10"). Read in what it is for too ("a case for iphone 15")."""
    # (apart: "... walked off" then "7a 2b sticks" had named a model "off 7a")
    said = f"{state.asked} | {state.search_text()}"
    # (a number a size gives is no model's: "space 100 pieces", "box of 100")
    counts = {m.group(0) for size in state.sizes if (m := re.search(r"\d[\d.,/]*", size))}
    lines = []
    for m in _LINE_NUMBER.finditer(said):
        word, number = m.group(1).lower(), m.group(2)
        after = re.match(r"\s*([a-z]+)", said[m.end() :].lower())
        unit = after.group(1) if after else ""
        if not (word in _MEASURE_LETTERS or units.is_unit(word) or number in counts
                or word in _BEFORE_AMOUNT
                # (a plural or a person counts or ages: "kids 8+", "sleeps 4", "batteries 24")
                or (word.endswith("s") and not word.endswith("ss")) or word in RECIPIENTS
                or _NO_MODEL.fullmatch(number)  # "filament 3d printer", "a 4k tv": no model
                or re.fullmatch(r"\d+x", number, re.I)  # a magnification: "is 40x enough"
                or re.fullmatch(r"(?:19|20)\d\d", number)  # a year: "a 2017 ford", "pads 2017"
                or not_product_word(word) or units.is_unit(unit)):  # fmt: skip
            lines.append((word, f"{word}{number}"))
    return list(dict.fromkeys(lines))


def fits_model(products: Sequence[Product], state: ConversationState) -> str | None:
    """The model the shopper named that none of these listings names ("ender 3" beside nozzles
    whose titles name no printer), as typed; None when one does or none was named."""
    named = [*((code, code) for code in _model_codes(state)),
             *((code, f"{w} {code[len(w):]}") for w, code in numbered_lines(state))]  # fmt: skip
    for code, typed in named:
        word = typed.split()[0] if " " in typed else ""
        if not any(_says_code(p, code) or (word and _names_model(p, word, code)) for p in products):
            return typed
    return None


def _names_model(product: Product, word: str, code: str) -> bool:
    """Whether a title names the model, alone or in a list of them ("iPhone 13/14/15")."""
    number = re.escape(code[len(word) :])
    listed = rf"\b{re.escape(word)}[\s-]*(?:[a-z]{{0,2}}\d+[a-z]*\s*(?:/|,|&|and)\s*)*{number}\b"
    return _says_code(product, code) or bool(re.search(listed, product.title, re.I))


def numbers_other(product: Product, lines: Sequence[tuple[str, str]]) -> bool:
    """Whether the title numbers a line the shopper numbered, and never with their number: a
    "Case for iPhone 7" for "a case for iphone 15" (cases for other phones had been starred)."""
    return any(
        re.search(
            rf"\b{re.escape(word)}[\s-]?[a-z]{{0,2}}\d(?![\d.,/]*\s?{_UNIT_AFTER})",
            product.title,
            re.I,
        )
        and not _names_model(product, word, code)
        for word, code in lines
    )


def _says_code(product: Product, code: str) -> bool:
    text = re.sub(r"[\s-]+", "", f"{product.title} {product.description[:500]}".lower())
    return code in text


def _search(state: ConversationState, searcher: HybridSearcher, exclude_seen: bool) -> list[Hit]:
    found: Sequence[Hit] = searcher.search(state.search_text(), state.filters(), k=POOL).hits
    if state.original:  # the model translated: its words and the shopper's own, side by side
        own = searcher.search(state.original, state.filters(), k=POOL, language=state.language)
        weight = OWN_WORDS_AFTER_DICTIONARY if state.by_dictionary else 1.0
        found = merge_hits(found, own.hits, weight)
    found = _with_kind_search(found, state, searcher)
    seen = set(state.seen) if exclude_seen else set()
    hits = [h for h in found
            if h.product.id not in seen and not _excluded(h.product, state.exclude_brands)]  # fmt: skip
    return fit_to_need(hits, state, searcher.catalog)


def _kind_first(hits: list[Hit], state: ConversationState) -> list[Hit]:
    """The asked kind first among the top ten: "rc car that can handle grass and dirt", then
    "cheaper?", had led with all-terrain tires for RC cars (they matched "dirt" and "rc") once the
    car that had led was dearer than the bound."""
    if not state.kind or state.kind in DESCRIBED_KINDS or state.by_dictionary:
        return hits  # (a dictionary's kind may be any word of the message: "声卡" a "card")
    top = [h.product for h in hits[:10]]
    # the kind said with its noun is that compound: "soldering iron kit ... around 40 bucks" had
    # put an Iron Man figure and an "Iron Label" guitar before the soldering kit
    head = [k and n for k, n in zip(of_kind(top, state), names_compound(top, state), strict=True)]
    # (of those, a maker asked for first: "any by cordoba?" after concert ukuleles)
    by = [by_maker(p, state.brands) for p in top]
    order = sorted(range(len(top)), key=lambda i: (not head[i], not by[i]))
    return [*(hits[i] for i in order), *hits[10:]]


def by_maker(product: Product, makers: Sequence[str]) -> bool:
    """Whether the product is by one of the makers (its brand field or its title names it)."""
    return any(
        re.search(rf"\b{re.escape(m)}\b", f"{product.brand or ''} {product.title}", re.I)
        for m in makers
    )


#: When fewer than this many of the top ten are the asked kind, the kind is searched on its own
#: too ("headphones for practicing electric drums" found drum kits: the use outweighed the kind).
KIND_SHOWN = 3


def _with_kind_search(
    found: Sequence[Hit], state: ConversationState, searcher: HybridSearcher
) -> Sequence[Hit]:
    """When the request's other words crowded the asked kind out of the top ten, the products
    that are the kind, from both the request's search and a search of the kind and its modifiers
    alone ("headphones", "distortion pedal"), in merged order, ahead of the rest: a product of
    another kind does not answer the request, however well it matches its other words."""
    if not state.kind or state.kind in DESCRIBED_KINDS or state.original:
        return found
    words = state.search_text().split()
    at = next((i for i, w in enumerate(words) if w.lower() == state.kind.lower()), None)
    plural = _PLURAL_KINDS.get(state.kind)
    if at is None or (at == len(words) - 1 and plural is None):
        return found  # the kind is the request's last word: the search already centres on it
    if sum(of_kind([h.product for h in found[:10]], state)) >= KIND_SHOWN:
        return found
    # a plural kind is searched by the words titles name it by too ("safety glasses": eyewear)
    alone = searcher.search(" ".join([*words[: at + 1], *(plural or "").split("|")[1:]]),
                            state.filters(), k=POOL).hits  # fmt: skip
    merged = merge_hits(found, alone)
    fits = of_kind([h.product for h in merged], state)
    if not any(fits):
        return found  # the store has none: the not-carried check says so
    return [h for h, f in zip(merged, fits, strict=True) if f] + [
        h for h, f in zip(merged, fits, strict=True) if not f
    ]


#: A dictionary's reading of the message is trusted over the multilingual model's search of the
#: shopper's own words: its list counts half (the model's translation, often wrong, counts equal).
#: On the 35 Chinese dev requests: 0.410 NDCG@10 at 1.0, 0.488 at 0.6, 0.502 at 0.3, 0.499 at 0.
OWN_WORDS_AFTER_DICTIONARY = 0.5
#: What a product found by both searches gains: two readings agreeing beat either alone.
BOTH_SEARCHES = 0.15


def merge_hits(first: Sequence[Hit], second: Sequence[Hit], weight: float = 1.0) -> list[Hit]:
    """Two searches' hits as one list: each list's fused scores scaled to 0-1 (they come from
    different queries; the second's then times `weight`), a product's best kept, a product both
    found raised by BOTH_SEARCHES."""

    def scaled(hits: Sequence[Hit]) -> dict[str, float]:
        if not hits:
            return {}
        scores = np.array([h.parts.fused for h in hits])
        low, span = scores.min(), float(np.ptp(scores)) or 1.0
        return {h.product.id: float((h.parts.fused - low) / span) for h in hits}

    a, b = scaled(first), {pid: weight * v for pid, v in scaled(second).items()}
    hit = {h.product.id: h for h in [*second, *first]}
    score = {pid: max(a.get(pid, 0.0), b.get(pid, 0.0)) + BOTH_SEARCHES * (pid in a and pid in b)
             for pid in hit}  # fmt: skip
    order = sorted(hit, key=lambda pid: -score[pid])
    out = []
    for rank, pid in enumerate(order, start=1):
        parts = hit[pid].parts.model_copy(update={"fused": score[pid]})
        out.append(hit[pid].model_copy(update={"rank": rank, "parts": parts}))
    return out


def fit_to_need(hits: list[Hit], state: ConversationState, catalog: Catalog) -> list[Hit]:
    """Reorder search hits by how well each fits what the shopper said beyond the product words
    (see `need_fit`); a stable sort, so equal fits keep the search order."""
    if not hits:
        return hits
    rows = np.array([catalog.position(h.product.id) for h in hits])
    fused = np.array([h.parts.fused for h in hits], dtype=np.float64)
    bonus = need_fit(catalog, rows, [h.product for h in hits], state)
    if not bonus.any():
        return hits
    order = np.argsort(-(fused + bonus), kind="stable")
    return [hits[i] for i in order]


def need_fit(catalog: Catalog, rows: np.ndarray, products: Sequence[Product],
             state: ConversationState) -> np.ndarray:  # fmt: skip
    """Score adjustments (in units of the fused score) from the soft parts of a request: the age
    range a product states against who it is for (a clearly wrong age is pushed down hard), the
    department the product words belong to, sizes/quantities and brands named in the title, and
    a better rating when the shopper asked for well-reviewed products (a poor one always counts
    against), a lower price when they asked for cheap ones, features and the compound named
    before the kind when the title says them, and a title naming another variant than asked."""
    columns = catalog.columns
    bonus = np.zeros(len(rows), dtype=np.float64)
    if state.age is not None:
        low, high = catalog.ages
        fit = age_fit(low[rows], high[rows], state.age)
        bonus += np.where(fit > 0, AGE_FIT, np.where(fit < 0, -AGE_WRONG, 0.0))
    if grown_up(state):
        # for a grown-up or a teen, a title made for children ("Acrylic Paint for Kids") is the wrong one
        bonus -= np.array([FOR_CHILDREN if for_children(p) else 0.0 for p in products])
    if state.department_hint and not state.department:
        code = columns.departments.index(state.department_hint)
        bonus += np.where(columns.department[rows] == code, 0.0, -OTHER_DEPARTMENT)
    for size in state.sizes:
        pattern = _size_pattern(size)
        bonus += np.array([SIZE_MATCH if pattern.search(p.title) else 0.0 for p in products])
    for feature in state.attributes[:2]:  # "digital thermometer": the digital ones first
        bonus += np.array(
            [FEATURE_MATCH if title_says(p.title, feature) else 0.0 for p in products]
        )
    for brand in state.brands:
        bonus += np.array([BRAND_MATCH if by_maker(p, (brand,)) else 0.0 for p in products])
    if state.prefer_rated:
        rating = np.nan_to_num(columns.rating[rows], nan=3.5)
        bonus += RATED * np.clip(rating - 4.0, -1.0, 1.0)
    bonus -= np.array([POORLY_RATED if poorly_rated(p) else 0.0 for p in products])
    if state.prefer_cheap:
        bonus += CHEAP * _cheapness(products)
    if state.unwanted:  # "nothing with glitter": the glitter banner down the list
        bonus -= np.array([UNWANTED if says_unwanted(p.title, state.unwanted) else 0.0
                           for p in products])  # fmt: skip
    if not wants_replica(state):
        bonus -= np.array([REPLICA if is_replica(p, state.kind) else 0.0 for p in products])
    if state.gift and not _ASKS_PARTY.search(state.search_text()):
        bonus -= np.array([PARTY_SUPPLIES if _PARTY.search(p.title) else 0.0 for p in products])
    said = set(re.findall(r"[a-z0-9]+(?:-[a-z]+)?", state.search_text().lower()))
    for group in _VARIANTS:
        if wanted := group & said:
            bonus -= np.array([VARIANT_OTHER if _other_variant(p.title, group, wanted) else 0.0
                               for p in products])  # fmt: skip
    if (state.kind or "").removesuffix("s") in _CABLES and (
        wanted_ends := _ends(state.search_text())
    ):
        wanted_ends |= {_JACK.get(e, e) for e in wanted_ends}
        bonus -= np.array([VARIANT_OTHER if any(e not in wanted_ends and _JACK.get(e, e) not in wanted_ends
                                                for e in _ends(p.title)) else 0.0
                           for p in products])  # fmt: skip
    if compound := _compound_asked(state):  # "card game": a card game over "Family Games"
        bonus += np.array([COMPOUND_MATCH if compound.search(p.title) else 0.0 for p in products])
    if state.kind and state.kind not in DESCRIBED_KINDS:
        stem = Stemmer.Stemmer("english").stemWord
        asked = state.search_text()
        bonus += np.array([KIND_MATCH if shows_kind(p.title, state.kind, stem, asked) else 0.0
                           for p in products])  # fmt: skip
    elif state.kind in BOOK_KINDS:  # a reading asked for: the readings
        bonus += np.array([KIND_MATCH if is_reading(p) else 0.0 for p in products])
    return bonus


def asked_product(state: ConversationState) -> str:
    """The product asked for, in the shopper's words: the kind with the noun said before it
    ("desk organizer", "stapler"); the search words when no kind was read."""
    if not state.kind:
        return state.search_text()
    noun = _compound_noun(state)
    return f"{noun} {state.kind}" if noun else state.kind


def _compound_noun(state: ConversationState) -> str | None:
    """The noun said right before the kind ("card" of "card game", "fountain" of "fountain pen");
    None when the kind stands alone or follows a feature or filler word."""
    if not state.kind:
        return None
    words = re.findall(r"[a-z0-9]+", state.search_text().lower())
    at = next((i for i, w in enumerate(words) if w == state.kind), None)
    if not at:
        return None
    before = words[at - 1]
    if any(before in side.lower().split() for side in state.alternatives):
        return None  # the other thing set against it: "petg vs abs", no "petg abs" asked
    # (two letters may be a noun: "rc car", "uv lamp", "dj controller"; not "go", "no")
    if ((len(before) < 3 and (len(before) < 2 or before in _TWO_LETTER_WORDS)) or before.isdigit() or ATTRIBUTE.fullmatch(before) or before == state.kind
            or not_product_word(before) or before in _QUALITIES or before in _JUDGED or before in COMPARATIVES
            # the kind misspelled, then spelled ("acoustic guitar strngs strings")
            or SequenceMatcher(None, before, state.kind).ratio() >= 0.75
            or before in _SIZE_UNITS  # a size: "1000 piece puzzle"
            # where it is read, no kind of it: "a kindle thriller" (no title says "kindle")
            or before in _READ_ON
            or before in _HEAD_KINDS  # how it comes: "(glass beakers) set borosilicate"
            # a plural before the kind ends another phrase: "(starts piano) lessons keyboard"
            or (before.endswith("s") and not before.endswith(("ss", "us", "is")))):  # fmt: skip
        return None
    return before


#: Two-letter words that are no noun before a kind ("go kart" aside).
_TWO_LETTER_WORDS = frozenset(["go", "no", "be", "do", "he", "hi", "if", "me", "am", "as", "yo", "ya",
                               "ur", "im", "id", "ll", "ve", "re"])  # fmt: skip
#: What a reading is read on, said before its kind.
_READ_ON = frozenset(["kindle", "ebook", "e-book", "paperback", "hardcover"])
#: Units a size is counted in: "1000 piece puzzle" names no "piece puzzle".
_SIZE_UNITS = units.words(
    "length", "weight", "volume", "power", names=("piece", "pack", "key", "string", "note")
)
#: Words that judge a product rather than name a kind of it: "decent headphones" are headphones.
_JUDGED = frozenset(["decent", "quality", "solid", "reliable", "simple", "basic", "fancy", "proper",
                     "real", "serious", "nice", "good", "great", "cheap", "cheaper", "expensive",
                     "pro", "professional", "beginner", "beginners", "starter", "student", "cute",
                     "fun", "cool", "new", "used", "small", "smaller", "large", "larger", "big",
                     "bigger", "mini", "light", "lighter", "heavy", "easy", "first", "best",
                     "top", "high", "low", "budget", "affordable", "durable", "strong",
                     "assorted", "replacement", "spare", "extra", "different", "various", "mixed",
                     "collector", "collectible", "vintage"])  # fmt: skip


def _compound_asked(state: ConversationState, prefix: bool = False) -> re.Pattern[str] | None:
    """The kind with the noun said right before it ("card game", "snare drumhead", "xlr cable"),
    as a title pattern (a word or two may come between in a title); None when the kind stands alone or follows a feature or filler word."""
    before = _compound_noun(state)
    if before is None or not state.kind:
        return None
    stem = re.escape(state.kind.removesuffix("s"))
    noun = _NOUN_FORMS.get(before, re.escape(before))
    if state.kind in _PLURAL_KINDS:  # "safety glasses": "Safety Eyewear", "Safety Goggles"
        stem = f"(?:{_PLURAL_KINDS[state.kind]})"
    # up to two words between: "Guitar Wah Effects Pedal", "Nitrile Exam Gloves" (a wah pedal
    # had been starred only where a title wrote the two words together)
    ending = r"\w*" if prefix else "s?"  # `prefix`: "controll" (sic) says "controlled" too
    return re.compile(rf"\b{noun}{ending}(?:[\s/-]+[\w'.]+){{0,2}}?[\s/-]*{stem}(?:s|es)?\b", re.I)


#: Nouns titles write more than one way ("RC Cars", "R/C Mustang", "Remote Control Car").
_NOUN_FORMS = {"rc": r"(?:rc|r/c|remote[- ]control(?:led)?)", "microphone": r"(?:microphone|mic)",
               "mic": r"(?:microphone|mic)",
               # "safety glasses" are "Protective Eyewear" in a title (had been "not carried")
               "safety": r"(?:safety|protective)"}  # fmt: skip


def keeps_asked(products: Sequence[Product], state: ConversationState) -> list[bool]:
    """Which titles do not deny a word the shopper asked for: "latex gloves" is not met by a
    "Nitrile Exam Glove (non-latex)" nor by "Latex Rubber Free" vinyl gloves (both had been
    starred for "guantes de látex talla M", their size matching)."""
    said = state.search_text().lower()
    # (what the shopper wants it free of is no word they asked for: "powder free" gloves are met
    # by "Powder-Free" ones, which had been taken as denying "powder")
    words = [w for w in said.split() if len(w) >= 4 and w.isalpha()
             and not re.search(rf"\b{w}[- ]+free\b", said)]  # fmt: skip
    return [not denies(p.title, words) for p in products]


def title_says(title: str, word: str) -> bool:
    """Whether the title carries the word (or phrase) whole, in any case."""
    return bool(re.search(rf"\b{re.escape(word)}\b", title, re.I))


def poorly_rated(product: Product, floor: float = POOR_RATING) -> bool:
    """Rated below `floor` by enough shoppers (or an unknown count) for the rating to count."""
    return (
        product.rating is not None
        and product.rating < floor
        and (product.rating_count is None or product.rating_count >= MIN_RATINGS)
    )


def _cheapness(products: Sequence[Product]) -> np.ndarray:
    """Each product's price rank among the priced ones, from 1 (cheapest) to -1 (dearest); 0 for
    the unpriced."""
    prices = [float(p.price.amount) if p.price else None for p in products]
    priced = sorted(x for x in prices if x is not None)
    if len(priced) < 2:
        return np.zeros(len(products))
    span = len(priced) - 1
    return np.array([0.0 if x is None else 1.0 - 2.0 * priced.index(x) / span for x in prices])


#: The kinds whose ends are asked for ("midi keyboard", "usb mic" name no cable end).
_CABLES = frozenset(["cable", "cord", "lead", "patch", "extension", "adapter"])
#: The jack a plug is ("1/4\" TS" is a 1/4-inch jack): a 1/4-inch cable may say TS or TRS.
_JACK = {"ts": "1/4", "trs": "1/4", "6.35mm": "1/4", "3.5mm": "1/8", "toslink": "optical"}


def _ends(text: str) -> set[str]:
    """The cable ends a text names ("1/4\" TRS to XLR" -> {"1/4", "trs", "xlr"})."""
    return {
        re.sub(r"[\"”']+| ?inch|-inch| ", "", m.group(1).lower())
        for m in _CONNECTORS.finditer(text)
    }


def _other_variant(title: str, group: frozenset[str], asked: frozenset[str]) -> bool:
    """Whether the title names a variant of `group` but none of those asked."""
    words = set(
        re.findall(r"[a-z0-9]+(?:-[a-z]+)?", title.lower().replace("left handed", "left-handed"))
    )
    return bool(words & group) and not words & asked


#: Letter and word sizes as titles write them: "size large" is "Large" or "(L)", not "X-Large".
_WORN_SIZES = {"xs": "x-?small|extra[- ]small|xs", "s": "small", "m": "medium", "l": "large",
               "xl": "x-?large|extra[- ]large|xl", "xxl": "xx-?large|2xl|xxl"}  # fmt: skip
_WORN_NAMES = {"small": "s", "medium": "m", "med": "m", "large": "l", "x-large": "xl",
               "xlarge": "xl", "extra large": "xl", "x-small": "xs", "xsmall": "xs"}  # fmt: skip


def _worn_size(size: str) -> re.Pattern[str] | None:
    """A letter or word size ("size large", "talla M", "small"), as a title pattern."""
    word = re.sub(r"^(?:size|talla)\s+|\s+size$", "", size.strip().lower())
    key = _WORN_NAMES.get(word, word)
    if key not in _WORN_SIZES:
        return None
    words = _WORN_SIZES[key]
    letter = re.escape(key)
    return re.compile(
        rf"(?<![\w-])(?<!extra )(?<!extra-)(?:{words})(?![\w-])"  # "Large", not "X-Large"
        rf"|\bsize\s*:?\s*{letter}\b|[(/,]\s?{letter}\s?[)/,]",  # "Size L", "(L)", "S/M/L"
        re.I,
    )


def _size_pattern(size: str) -> re.Pattern[str]:
    """'1000 pieces' matches '1000 Piece' and '1000pcs'; '1/2 size' matches '1/2'; 'pack of 100'
    matches '100 pack' and '100-count'; 'size large' matches 'Large' and '(L)', not 'X-Large'."""
    if key := re.fullmatch(
        r"key\s+of\s+([a-g](?:b|#)?)(?:\s+or\s+([a-g](?:b|#)?))?", size.strip(), re.I
    ):
        # "key of C": "Key of C", "C Key", "in C", "Two Keys C & G" (not "Key of C#"); "key of
        # A or G": either
        note = "(?:" + "|".join(re.escape(n) for n in key.groups() if n) + ")"
        return re.compile(rf"\bkeys?\s+(?:of\s+)?{note}(?![\w#])|(?<![\w#]){note}\s+(?:major\s+)?key\b"
                          rf"|\bin\s+{note}(?![\w#])", re.I)  # fmt: skip
    if sides := re.fullmatch(r"(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)", size.strip()):
        # two sides, as titles write them: "6x9" matches "6 x 9", '6" x 9"', "6X9 Inches"
        a, b = (re.escape(g) for g in sides.groups())
        return re.compile(
            rf"(?<![\d.]){a}\s*(?:\"|”|''|in\b|inch(?:es)?)?\s*[x×]\s*{b}(?![\d])", re.I
        )
    number = re.search(r"\d+(?:[.,/]\d+)*", size)
    if number is None:
        return _worn_size(size) or re.compile(rf"\b{re.escape(size)}\b", re.I)
    n = re.escape(number.group(0).replace(",", ""))
    # the number in another unit is another size: "1 inch" is not "1 Mil Kapton Tape", "20mm"
    # not "1/2-20 Threads" (the lead had said "the 1 inch you asked for" of a 4 inch roll)
    said = size[: number.start()] + " " + size[number.end() :]
    own = next(
        (u for u, forms in _UNITS.items() if re.search(rf"(?<![a-z])(?:{forms})", said, re.I)), None
    )
    if own is None:
        # (a slash between words is no fraction: "Box/100", "100/Box")
        return re.compile(rf"(?<!\d)(?<!\d/){n}(?!\d|/\d)", re.I)
    if own == "player" and n.isdigit() and len(n) == 1:
        # how many play, said with its word, alone or in a span: "2 Player", "2-4 Players", "Two
        # Player" for two ("6 Unique Colorful" decks are no 6-player game)
        word = _PLAYER_WORDS.get(n, n)
        return re.compile(
            rf"(?<![\d/.])(?:{n}|{word})\s*-?\s*players?\b"
            rf"|(?<![\d/.])[1-{n}]\s*(?:-|–|to)\s*(?:[{n}-9]|1\d)\s*-?\s*players?\b",
            re.I,
        )
    others = "|".join(forms for u, forms in _UNITS.items() if u != own)
    return re.compile(rf"(?<![\d.])(?<!\d/){n}(?!\d|/\d|\.\d)(?!\s*-?\s*(?:{others}))", re.I)


#: How many play, in words as titles write them ("Two Player Game").
_PLAYER_WORDS = {"1": "one", "2": "two", "3": "three", "4": "four", "5": "five", "6": "six"}
#: What a size is said in, each with the ways titles write it (see `_size_pattern`).
_UNITS = units.measures("length", "weight", "volume", "power", "count", "time",
                        names=("key", "string", "thread", "player"))  # fmt: skip


def _reorder(
    hits: list[Hit], state: ConversationState, searcher: HybridSearcher,
    behaviour: RecommendationService | None, user_id: str | None, session_id: str | None,
) -> tuple[list[Hit], str | None]:  # fmt: skip
    used = None
    if behaviour is not None and hits and (user_id or session_id):
        found = behaviour.personalise(
            candidates_from_hits(hits, searcher.catalog), user_id, session_id
        )
        if found is not None:
            scores, used = found
            hits = [hits[i] for i in np.argsort(-scores, kind="stable")]
    if state.sort in (Sort.cheapest, Sort.best_rated):
        # the cheapest (best rated) of the relevant ones, not of anything: of the first twenty,
        # those that are what was asked first ("500 nitrile gloves, cheapest": nitrile gloves
        # before a cheaper pair of drummer's gloves), then the price or rating
        head = hits[:20]
        tier = dict(
            zip((id(h) for h in head), _match_tiers([h.product for h in head], state), strict=True)
        )
        kinded = min(tier.values(), default=2) < 2
        if state.kind and not kinded:
            # none is what was asked ("cheapest one pls" after "we don't carry staplers"): the
            # nearest few re-sorted, not a pick and a figurine because they share "heavy duty"
            head = head[:5]
        rest = hits[len(head) :]
        order = {id(h): i for i, h in enumerate(head)}

        def value(h: Hit) -> float | Decimal:
            """Price or (negated) rating; what is not the asked kind keeps the search order
            ("the cheapest" after drums had put a $0.25 trading card third)."""
            if kinded and tier[id(h)] == 2:
                return order[id(h)]
            if state.sort is Sort.cheapest:
                return h.product.price.amount if h.product.price else float("inf")
            return -(h.product.rating or 0.0)

        head.sort(key=lambda h: (tier[id(h)], value(h)))
        hits = head + rest
    return hits, used


def shows_interest(products: Sequence[Product], state: ConversationState) -> list[bool]:
    """Which titles name what the person loves ("space" for "a puzzle for a 6yo who's really
    into space": "Outer Space 3D Puzzles"); all of them when no interest was said."""
    stem = Stemmer.Stemmer("english").stemWord
    loved = [
        stem(w.lower()) for w in state.interests if len(w) >= 3 and w.lower() not in _SIZE_UNITS
    ]
    if not loved:
        return [True] * len(products)
    # (said as what the product fits is no theme: "Shock Absorbers for Volcano-18" for a
    # 9-year-old into volcanoes)
    return [
        any(
            not _SERVES & set(p.title[: m.start()].lower().split()[-1:])
            for w in loved
            for m in re.finditer(rf"\b{re.escape(w)}", p.title, re.I)
        )
        for p in products
    ]


#: Whom a request is for, by sex, and how titles say a product is for the other.
_MALE = frozenset(["son", "sons", "nephew", "grandson", "godson", "boy", "boys", "dad", "father",
                   "husband", "hubby", "brother", "bro", "boyfriend", "bf", "grandpa",
                   "grandfather", "uncle", "papa"])  # fmt: skip
_FEMALE = frozenset(["daughter", "daughters", "niece", "granddaughter", "goddaughter", "girl",
                     "girls", "mom", "mum", "mother", "wife", "wifey", "sister", "sis",
                     "girlfriend", "gf", "grandma", "grandmother", "aunt", "nana"])  # fmt: skip
_FOR_GIRLS = re.compile(r"\b(?:girls?|girl's|girls'|women'?s?|ladies|lady's|womens)\b", re.I)
_FOR_BOYS = re.compile(r"\b(?:boys?|boy's|boys'|men'?s|mens)\b", re.I)


def fits_whom(products: Sequence[Product], state: ConversationState) -> list[bool]:
    """Which titles are not said to be for the other sex than whom the request is for ("Witch
    Costume for Girls" had been starred for a son); a title naming both ("Boys Girls") fits."""
    whom = (state.recipient or "").lower()
    mine, other = (
        (_FOR_BOYS, _FOR_GIRLS) if whom in _MALE else (_FOR_GIRLS, _FOR_BOYS) if whom in _FEMALE
        else (None, None)
    )  # fmt: skip
    if mine is None or other is None:
        return [True] * len(products)
    return [not other.search(p.title) or bool(mine.search(p.title)) for p in products]


def names_compound(
    products: Sequence[Product], state: ConversationState, anywhere: bool = False,
    described: bool = False,
) -> list[bool]:  # fmt: skip
    """Which titles say the kind with the noun named before it ("nitrile gloves", "dry erase
    markers"); all of them when the kind was said alone. `anywhere`: the noun anywhere in the
    title ("Classic Guitar Musical Instrument Toy" for "toy guitar"); `described`: anywhere in
    the title or description ("Spun Polypropylene Filter Cartridge" is a water filter)."""
    if anywhere or described:
        noun = _compound_noun(state)
        # (by its root: "magnifying glass" is said by a "Magnifier", not by glass marbles)
        root = re.sub(r"(?:ying|ing|ers?|ed)$", "", noun or "")
        form = _NOUN_FORMS.get(noun or "", re.escape(root if len(root) >= 5 else noun or ""))
        said = re.compile(rf"\b{form}", re.I) if noun else None
        return [said is None or bool(said.search(f"{p.title} {p.description}" if described else p.title))
                for p in products]  # fmt: skip
    compound = _compound_asked(state)
    return [compound is None or bool(compound.search(p.title)) for p in products]


def _match_tiers(products: Sequence[Product], state: ConversationState) -> list[int]:
    """How well each product is what was asked: 0 when its title says the kind with the noun
    named before it ("nitrile gloves") and every size asked, 1 when it is the kind, 2 otherwise."""
    kinds, sizes = of_kind(products, state), of_size(products, state)
    named = names_compound(products, state)
    return [(0 if compound and size else 1) if kind else 2
            for kind, size, compound in zip(kinds, sizes, named, strict=True)]  # fmt: skip


def find_candidates(
    state: ConversationState, searcher: HybridSearcher, behaviour: RecommendationService | None,
    user_id: str | None = None, session_id: str | None = None, k: int = 5, more: bool = False,
) -> Candidates:  # fmt: skip
    """The k products to show for this state (see module docstring)."""
    if state.gift and not state.kind and state.department:
        # an open gift's department is read from words about the person ("a retirement gift for
        # our lab manager" is no lab supply, and the lab's supplies list no price): preferred,
        # not required, so the budget the shopper typed holds
        state = state.model_copy(update={"department": None, "department_hint": state.department})
    hits = _search(state, searcher, exclude_seen=more)
    relaxed = None
    # (a refinement's best text match may be what fits the product: "cheaper?" after an RC car
    # for grass and dirt led with all-terrain tires; the product first is read too)
    close = _is_close(hits, state.search_text(), state) or bool(
        state.shown and _is_close(_kind_first(hits, state), state.search_text(), state)
    )
    # Nothing at all under the hard constraints, or, for a new request (not "cheaper", which asks
    # for exactly that bound), only other things ("PLA filament under $22" finds a Nerf kit when
    # every spool costs more): the store may carry the product outside them. One constraint is
    # relaxed, and kept relaxed only where that finds the product.
    # (a refinement finding none of the product at all, "any cheaper?" after the cheapest walkie
    # talkies, keeps the product: other toys under $19.98 had been shown as "the closest")
    none_of_kind = bool(state.shown and state.kind) and not any(
        of_kind([h.product for h in hits[:10]], state)
    )
    if not more and (not hits or (not close and (not state.shown or none_of_kind))):
        for constraint, looser in (
            ("price", state.model_copy(update={"min_price": None, "max_price": None})),
            ("rating", state.model_copy(update={"min_rating": None, "min_rating_count": None})),
            ("excluded brands", state.model_copy(update={"exclude_brands": ()})),
            ("department", state.model_copy(update={"department": None})),
        ):
            if looser == state:
                continue
            found = _search(looser, searcher, exclude_seen=False)
            # (the product first, as it would be shown: "multimeter for car stuff, checking
            # battery and fuses, around 30 bucks" finds batteries first, and the store's
            # multimeters, none priced, had been "not carried")
            if not found or (hits and not (_is_close(found, looser.search_text(), looser) or _is_close(
                    _kind_first(found, looser), looser.search_text(), looser))):  # fmt: skip
                continue
            relaxed = constraint
            # the product first ("goggles" relaxed out of the lab: goggles, then their skins)
            ranked = list(zip(of_kind([h.product for h in found], state), found, strict=True))
            if constraint == "price":  # of the first 20, nearest to the bound the shopper set
                bound = state.max_price if state.max_price is not None else state.min_price
                ranked = sorted(ranked[:20], key=lambda x: (not x[0], abs(x[1].product.price.amount - bound)
                                if x[1].product.price and bound is not None else float("inf")))  # fmt: skip
            else:
                ranked.sort(key=lambda x: not x[0])  # stable: search order within each
            hits = [h for _, h in ranked]
            break
        close = _is_close(hits, state.search_text(), state)
    # (after the closeness check, which reads the best text match)
    hits, used = _reorder(_kind_first(hits, state), state, searcher, behaviour, user_id, session_id)
    return Candidates(_with_alternatives(hits, state, searcher, k), used, relaxed, close)


_SQUEEZE = re.compile(r"[\s'’-]+")
#: A string gauge said as a plural number: "9s", "10s", "11's".
_GAUGE_SAID = re.compile(r"0?(\d{1,2})'?s", re.I)


def names_side(title: str, side: str) -> bool:
    """Whether a title carries every word of a thing the shopper named ("dunlop crybaby" in
    "Dunlop CRY BABY 535Q Wah Pedal": read with spaces and hyphens squeezed out)."""
    if gauge := _GAUGE_SAID.fullmatch(side.strip()):
        # "9s or 10s?" of strings: the set's gauges as titles write them ("9-42", "10-46"); "CPR-10"
        # is a name, not a gauge
        return bool(re.search(rf"(?<![\d.]){gauge.group(1)}\s*-\s*\d{{2,3}}(?!\d)", title))
    squeezed = _SQUEEZE.sub("", title.lower())
    # a plural said names the singular in a title: "distortion pedals", "... Distortion Pedal"
    words = [_SQUEEZE.sub("", w.lower()) for w in side.split()]
    return all((w[:-1] if w.endswith("s") and len(w) > 3 else w) in squeezed for w in words)


def _with_alternatives(
    hits: Sequence[Hit], state: ConversationState, searcher: HybridSearcher, k: int
) -> tuple[Hit, ...]:
    """The k hits, with the best match of each thing the shopper set against another ("yamaha vs
    casio keyboard", "dunlop crybaby or vox?") in place of the last cards when none of them is
    it: the shopper asked to see both (only Casio keyboards had been shown, and "vox: none
    here" said of a store that carries a Vox wah). A thing the store does not carry is left out."""
    shown = list(hits[:k])
    if not state.alternatives:
        return tuple(shown)
    stem = Stemmer.Stemmer("english").stemWord
    asked = state.search_text()
    # a Vox wah pedal, not a Vox delay pedal (but "casio keyboard" names a side, not a compound)
    compound, noun = _compound_asked(state), _compound_noun(state) or ""
    if noun and any(noun in side.lower().split() for side in state.alternatives):
        compound, noun = None, ""
    for side in state.alternatives:
        if any(names_side(h.product.title, side) for h in shown):
            continue
        query = " ".join(dict.fromkeys(f"{side} {noun} {state.kind or ''}".split()))
        found = [h for h in searcher.search(query, state.filters(), k=20).hits
                 if names_side(h.product.title, side) and not _excluded(h.product, state.exclude_brands)
                 and (compound is None or compound.search(h.product.title))
                 and (not state.kind or state.kind in DESCRIBED_KINDS
                      or shows_kind(_named_as(h.product), state.kind, stem, asked))]  # fmt: skip
        if not found:
            continue
        found.sort(key=lambda h: poorly_rated(h.product))  # its best rated first, else search order
        if len(shown) < k:
            shown.append(found[0])
            continue
        # in place of the last card that is none of the named things, else the last of a named
        # thing shown more than once
        sides = [[s for s in state.alternatives if names_side(h.product.title, s)] for h in shown]
        spare = [i for i, named in enumerate(sides) if not named] or [
            i for i, named in enumerate(sides)
            if all(sum(s in other for other in sides) > 1 for s in named)
        ]  # fmt: skip
        if spare:
            shown[spare[-1]] = found[0]
    return tuple(shown)
