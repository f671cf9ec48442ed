"""What a product's own title and listing say against the need (pure): of the kind asked, of the size,
with the qualities, for whom (a child, a grown-up, a girl or boy), for the model it must fit, a replica
or the real thing, poorly rated. Each predicate reads one product; `assistant.candidates` weighs them."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from itertools import takewhile

import Stemmer

from assistant.cues import (
    ATTRIBUTE,
    BOOK_KINDS,
    DESCRIBED_KINDS,
    reading_department,
)
from assistant.kinds import ACCESSORY as _ACCESSORY
from assistant.kinds import COMPARATIVES, not_product_word, product_kind
from assistant.needs import ROOM_OF
from assistant.people import RECIPIENTS
from assistant.state import ConversationState
from assistant.unwanted import denies
from retrieval import units
from retrieval.ages import TEEN, age_statement
from retrieval.catalog import Product
from retrieval.lexical import stopwords

#: Fewest ratings behind a rating worth quoting or acting on (one 5-star review says little).
MIN_RATINGS = 5
#: A rating below this (from at least MIN_RATINGS ratings, or an unknown count) is pushed down
#: this much, asked or not, and not recommended when another card fits: a product rated 1 of 5
#: is seldom the one to show first.
POOR_RATING = 2.5
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


_REPLICA = re.compile(
    r"\b(?:doll ?house|miniature|dolls?|pretend play|1:\d+ scale|play kitchen)\b", re.I
)
_WANTS_REPLICA = re.compile(
    r"\b(?:toys?|dolls?|doll ?house|miniature|pretend|play|kids?|child|"
    r"children|baby|toddlers?|boys?|girls?|niece|nephew|son|daughter|"
    r"grandson|granddaughter|figures?|scale|model|rc|r/c|remote[- ]control(?:led)?|radio[- ]control(?:led)?)\b",
    re.I,
)


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


def title_kind(title: str) -> str | None:
    """The kind a product's title names in its head ("Karacha Violin Strings for Full Size 4/4 -
    3/4 Violins": strings)."""
    return product_kind(title_head(title))


#: Kinds said only in the plural whose singular is another thing ("safety glasses" are no "Glass
#: Test Tube"), with the words titles name them by.
PLURAL_KINDS = {"glasses": r"glasses|eyewear|goggles|spectacles|sunglasses",
                 "shorts": r"shorts", "pants": r"pants|trousers", "scissors": r"scissors"}  # fmt: skip


#: Kinds shoppers name by another word than titles do: a toy gun is a "Blaster".
_TITLED_AS = {"gun": "blaster", "guns": "blasters"}


def shows_kind(title: str, kind: str, stem: Callable[[str], str], asked: str) -> bool:
    """Whether a title names that kind of product itself, not a thing for it ("Laptop Case"
    does not show a laptop unless a case was asked for), in the part that names the product.
    `title` may hold more names after " ; " (a product's category names), each read alone."""
    if kind in PLURAL_KINDS:
        return bool(re.search(rf"\b(?:{PLURAL_KINDS[kind]})\b", title.split(" ; ")[0], re.I))
    if (also := _TITLED_AS.get(kind.lower())) and shows_kind(title, also, stem, also):
        return True  # "nerf guns": a Nerf "Blaster" (the store had been said not to carry them)
    names = title.split(" ; ")
    shelves = names[1:]
    # (a shelf of things for it holds no such thing: "Microscopes & Equipment ; Microscope
    # Accessories ; Slides" are slides, starred for "a microscope")
    if under := [i for i, name in enumerate(shelves) if _FOR_IT_SHELF.search(name)]:
        shelves = shelves[under[-1] + 1 :]
    return any(
        _names_kind(part, kind, stem, asked) for part in _naming_parts(names[0], kind, stem)
    ) or any(_heads_category(name, kind, stem) for name in shelves)


#: A category of things for another: "Microscope Accessories", "Replacement Parts".
_FOR_IT_SHELF = re.compile(r"\b(?:accessories|parts|consumables|replacement)\b", re.I)


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


#: Parts of a thing, named after it: "RC Car Front Rocker Arms ... Spare Parts", "RC Car Air
#: Filter", "Toy Car Shock Damper" (each had been starred as an RC car under $60).
_PART_WORDS = frozenset(["spare", "spares", "upgrade", "filter", "damper", "dampers", "shock",
                         "shocks", "arms", "arm", "servo", "servos", "wheels", "shell", "esc",
                         "gears", "axle", "chassis", "bearings", "screws", "skid"])  # fmt: skip
#: What a title names after the kind that makes it a thing for the kind, not the kind itself
#: (the accessories already name parts, motors, tires and replacements).
_NOT_ITSELF = _ACCESSORY | _PART_WORDS
#: Words that name one thing twice: a "Power Adapter Supply Wall Charger" is an adapter (its
#: "supply" and "charger" had made it no adapter, and a 9V adapter for a Casio "not carried").
_POWER_NAMES = frozenset(["adapter", "adaptor", "supply", "charger", "psu"])


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
            after = next((w for w in following if w in _NOT_ITSELF
                          and not (w in _POWER_NAMES and kind.lower() in _POWER_NAMES)), "")  # fmt: skip
            before = next(
                (b for b in words[i - 1 :: -1] if b not in ("the", "a", "an", "your", "all")), ""
            ) if i else ""  # fmt: skip
            # a slash group counts by its parts: "Rack w/Gliding Laptop" holds a laptop
            if (
                (after not in _NOT_ITSELF or after in asked.lower())
                and not (set(before.split("/")) & _ABOUT)
                and not (i == len(words) - 1 and _comma_accessory(name.lower(), phrase, asked))
            ):
                return True
            if at == 0 and after in _NOT_ITSELF and after not in asked.lower():
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


def named_as(product: Product) -> str:
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
    return [shows_kind(named_as(p), state.kind, stem, asked) and (readings or not _on_reading_shelf(p))
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


#: A book, method or lesson about a thing, titled by the thing: "Violin For Dummies Learner's
#: Package", "Building Violin Skills by Edmund Sprunger", "... Performance and Play-along CD".
_ABOUT_IT = re.compile(
    # (not "with online lessons", "with DVD": a beginner's kit says them of the thing itself; not
    # "Electronic Drum Set for Dummies", nor a maker's name after "by")
    r"^\W*(?:[\w'-]+\s+){1,2}for dummies\b|\bplay-?along\b|\bmethod\b|\btutor\b|\bsongbook\b|\bskills\s+by\b",
    re.I,
)
#: Words asking for such a reading: "violin method book", "a beginner's guitar dvd".
_ASKS_ABOUT_IT = re.compile(
    r"\b(?:books?|ebooks?|method|dvd|cd|lessons?|tutor|guide|songbook|learn|learning|teach|course)\b", re.I
)


def about_it(product: Product, state: ConversationState) -> bool:
    """A reading or lesson about the kind asked, not the thing ("violin" had starred "Violin For
    Dummies Learner's Package" and a violin method book first), where no reading is asked."""
    if not state.kind or _ASKS_ABOUT_IT.search(state.search_text()) or state.kind.lower() in _READING_KINDS:
        return False
    # (not a title saying "book" alone: "Ukulele Bundle with Fast Learn Book" is a ukulele)
    return bool(_ABOUT_IT.search(product.title))


#: Kinds that are readings themselves.
_READING_KINDS = frozenset(["book", "books", "novel", "novels", "ebook", "ebooks", "cookbook",
                            "cookbooks", "guide", "guides", "songbook", "songbooks", "method"])  # fmt: skip


#: What marks a reading as for grown-ups only: its genre said in the title or description, or a
#: description that is a generator's refusal to describe it ("the content is inappropriate").
_GROWN_UP_READING = re.compile(
    r"\b(?:romance|romances|erotic\w*|steamy|smut\w*|sissy|bdsm|submissive|taboo|"
    r"new\s+adult|seduc\w+|billionaire)\b"
    r"|\bcontent\s+is\s+inappropriate\b|\bunable\s+to\s+(?:provide|generate|write)\b|\bfamily-friendly\s+content\b",
    re.I,
)


def grown_up_reading(product: Product) -> bool:
    """Whether a reading is for grown-ups only (romance and the like): never shown for a child
    ("bedtime story ebooks for my 2 year old" had shown an erotic title)."""
    return _on_reading_shelf(product) and bool(
        _GROWN_UP_READING.search(f"{product.title} {product.description or ''}")
    )


def for_a_child(state: ConversationState) -> bool:
    """Whether the request is for a child: the age read (said, or of a child named: "kids",
    "toddler") is under a teen's."""
    return state.age is not None and state.age[1] < TEEN


def is_reading(product: Product) -> bool:
    """Whether a product is something to read: on the shelf that sells readings, or its title
    says so ("a book like the hunger games" is not a Funko figure of Katniss)."""
    return _on_reading_shelf(product) or bool(_READING.search(product.title))


def of_size(products: Sequence[Product], state: ConversationState) -> list[bool]:
    """Which products' titles carry every size or quantity the shopper asked for ("10 foot",
    "1000 pieces"); all True when none was asked."""
    patterns = [size_pattern(size) for size in state.sizes]
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
QUALITIES = frozenset(["quiet", "silent", "lightweight", "portable", "adjustable", "foldable",
                        "washable", "rechargeable", "sturdy", "durable", "comfortable",
                        "special", "small", "large", "compact", "thin", "simple", "easy"])  # fmt: skip


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
                            "than", "last", "next", "past", "nearly", "almost", "only",
                            # a count asked ("make it 3 decks" had tipped "that it fits your make 3")
                            "make", "add", "get", "buy", "order", "take", "need", "want", "just",
                            "another", "about", "around", "like", "maybe"])  # fmt: skip


def model_codes(state: ConversationState) -> list[str]:
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
        after = re.match(r"\s*([a-z]+)(?:\s+([a-z]+))?", said[m.end() :].lower())
        unit = after.group(1) if after else ""
        # (a word may come between a count and its unit: "lab 50 white pieces", read off
        # "almeno 50 pezzi, bianche", and "puzzle 1000 mountain pieces" are no models)
        if (
            after
            and after.group(2)
            and units.is_unit(after.group(2), "count", names=("piece", "pack"))
        ):
            unit = after.group(2)
        if not (word in _MEASURE_LETTERS or units.is_unit(word) or number in counts
                or word in _BEFORE_AMOUNT
                # (a plural or a person counts or ages: "kids 8+", "sleeps 4", "batteries 24")
                or (word.endswith("s") and not word.endswith("ss")) or word in RECIPIENTS
                or _NO_MODEL.fullmatch(number)  # "filament 3d printer", "a 4k tv": no model
                or re.fullmatch(r"\d+x", number, re.I)  # a magnification: "is 40x enough"
                or re.fullmatch(r"(?:19|20)\d\d", number)  # a year: "a 2017 ford", "pads 2017"
                or re.fullmatch(r"ww[12i]+", number, re.I)  # a war: "reads ww2 history"
                or not_product_word(word) or units.is_unit(unit)):  # fmt: skip
            lines.append((word, f"{word}{number}"))
    return list(dict.fromkeys(lines))


def fits_model(products: Sequence[Product], state: ConversationState) -> str | None:
    """The model the shopper named that none of these listings names ("ender 3" beside nozzles
    whose titles name no printer), as typed; None when one does or none was named."""
    named = [*((code, code) for code in model_codes(state)),
             *((code, f"{w} {code[len(w):]}") for w, code in numbered_lines(state))]  # fmt: skip
    for code, typed in named:
        word = typed.split()[0] if " " in typed else ""
        if not any(says_code(p, code) or (word and names_model(p, word, code)) for p in products):
            return typed
    return None


def names_model(product: Product, word: str, code: str) -> bool:
    """Whether a title names the model, alone or in a list of them ("iPhone 13/14/15")."""
    number = re.escape(code[len(word) :])
    listed = rf"\b{re.escape(word)}[\s-]*(?:[a-z]{{0,2}}\d+[a-z]*\s*(?:/|,|&|and)\s*)*{number}\b"
    return says_code(product, code) or bool(re.search(listed, product.title, re.I))


def numbers_other(product: Product, lines: Sequence[tuple[str, str]]) -> bool:
    """Whether the title numbers a line the shopper numbered, and never with their number: a
    "Case for iPhone 7" for "a case for iphone 15" (cases for other phones had been starred)."""
    return any(
        re.search(
            rf"\b{re.escape(word)}[\s-]?[a-z]{{0,2}}\d(?![\d.,/]*\s?{_UNIT_AFTER})",
            product.title,
            re.I,
        )
        and not names_model(product, word, code)
        for word, code in lines
    )


def says_code(product: Product, code: str) -> bool:
    text = re.sub(r"[\s-]+", "", f"{product.title} {product.description[:500]}".lower())
    return code in text


def compound_noun(state: ConversationState) -> str | None:
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
            or not_product_word(before) or before in QUALITIES or before in _JUDGED or before in COMPARATIVES
            # the kind misspelled, then spelled ("acoustic guitar strngs strings")
            or SequenceMatcher(None, before, state.kind).ratio() >= 0.75
            or before in _SIZE_UNITS  # a size: "1000 piece puzzle"
            # where it is read, no kind of it: "a kindle thriller" (no title says "kindle")
            or before in _READ_ON
            or before in _HEAD_KINDS  # how it comes: "(glass beakers) set borosilicate"
            # a plural before the kind ends another phrase: "(starts piano) lessons keyboard"
            or (before.endswith("s") and not before.endswith(("ss", "us", "is")))
            or before in _DOING_WITH
            # whom it is for: "teen ukulele pastel colors" (had led with markers "for teens", and
            # ukuleles "not carried"); a baby's or a toddler's thing is one ("baby doll")
            or (before in RECIPIENTS and before not in _MADE_FOR_THEM)):  # fmt: skip
        return None
    return before


#: People whose word names a kind of product before it: "baby doll", "toddler bed".
_MADE_FOR_THEM = frozenset(["baby", "babies", "toddler", "infant", "newborn", "kid", "student",
                            "classroom", "class"])  # fmt: skip
#: What is done with the product, said right before it: "wants to try harmonica" (had been the
#: compound "try harmonica", met by no title, and harmonicas "not carried").
_DOING_WITH = frozenset(["try", "learn", "start", "get", "buy", "use", "want", "need", "make",
                         "collect", "teach", "like", "love", "into"])  # fmt: skip


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


def compound_asked(state: ConversationState, prefix: bool = False) -> re.Pattern[str] | None:
    """The kind with the noun said right before it ("card game", "snare drumhead", "xlr cable"),
    as a title pattern (a word or two may come between in a title); None when the kind stands alone or follows a feature or filler word."""
    before = compound_noun(state)
    if before is None or not state.kind:
        return None
    stem = re.escape(state.kind.removesuffix("s"))
    noun = NOUN_FORMS.get(before, re.escape(before))
    if state.kind in PLURAL_KINDS:  # "safety glasses": "Safety Eyewear", "Safety Goggles"
        stem = f"(?:{PLURAL_KINDS[state.kind]})"
    # up to two words between: "Guitar Wah Effects Pedal", "Nitrile Exam Gloves" (a wah pedal
    # had been starred only where a title wrote the two words together)
    ending = r"\w*" if prefix else "s?"  # `prefix`: "controll" (sic) says "controlled" too
    return re.compile(rf"\b{noun}{ending}(?:[\s/-]+[\w'.]+){{0,2}}?[\s/-]*{stem}(?:s|es)?\b", re.I)


#: Nouns titles write more than one way ("RC Cars", "R/C Mustang", "Remote Control Car").
NOUN_FORMS = {"rc": r"(?:rc|r/c|remote[- ]control(?:led)?)", "microphone": r"(?:microphone|mic)",
               "mic": r"(?:microphone|mic)",
               # "safety glasses" are "Protective Eyewear" in a title (had been "not carried")
               "safety": r"(?:safety|protective)",
               # short forms titles spell out: "concert uke strings" are "Concert Ukulele Strings"
               # (had been "not carried" over the Aquila set)
               "uke": r"(?:uke|ukulele)", "sax": r"(?:sax|saxophone)", "amp": r"(?:amp|amplifier)"}  # fmt: skip


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


def says_most_asked(products: Sequence[Product], state: ConversationState) -> list[bool]:
    """Which titles carry the most of the other words the shopper asked the kind with ("a globe
    with a light": the LED globes, not a decorative one rated better; "keyboard with weighted
    keys": a title saying "Weighted"); all of them when no title carries one, or no kind was
    said (a story's words are no product's: "something super easy and relaxing" had starred a
    kalimba "for an easy carrying"). Not the kind, whom it is for, what the person loves
    (`shows_interest`) nor numbers (`of_size`)."""
    # (in English: another language's request may be searched in its own words, which no title
    # says, but a model number's letters may: "cumple 80" had starred an "FA-80" guitar)
    if not state.kind or state.language != "en":
        return [True] * len(products)
    stem = Stemmer.Stemmer("english").stemWord
    kind = {stem(k) for k in state.kind.lower().split()}
    asked = {
        stem(w)
        for w in re.findall(r"[a-z][a-z'-]+", state.search_text().lower())
        if len(w) >= 3 and w not in stopwords("en") and w not in RECIPIENTS and not not_product_word(w)
    } - kind - {stem(w.lower()) for w in state.interests}
    if not asked:
        return [True] * len(products)

    def says(title: str) -> int:
        words = re.findall(r"[a-z]+", title.lower())
        stems = {stem(t) for t in words}
        # (said joined to the kind: "Drumsticks" says "drum sticks")
        joined = {st[: -len(rest)] for st in stems for rest in kind if len(st) > len(rest) and st.endswith(rest)}
        return sum(w in stems or w in joined for w in asked)

    said = [says(p.title) for p in products]
    most = max(said)
    return [n == most for n in said] if most else [True] * len(products)


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


class _Bounded:
    """A count with a bound ("500 pieces or fewer"): found in a title that gives a count of that
    unit within the bound ("300 Piece", "500pcs"), as a pattern is."""

    def __init__(self, count: float, forms: str, fewer: bool) -> None:
        self.count, self.fewer = count, fewer
        self.rx = re.compile(rf"(?<![\d.])(\d[\d,]*)\s*-?\s*(?:{forms})", re.I)

    def search(self, title: str) -> re.Match[str] | None:
        for m in self.rx.finditer(title):
            said = float(m.group(1).replace(",", ""))
            if (said <= self.count) if self.fewer else (said >= self.count):
                return m
        return None


def size_pattern(size: str) -> re.Pattern[str] | _Bounded:
    """'1000 pieces' matches '1000 Piece' and '1000pcs'; '1/2 size' matches '1/2'; 'pack of 100'
    matches '100 pack' and '100-count'; 'size large' matches 'Large' and '(L)', not 'X-Large';
    '500 pieces or fewer' matches '300 Piece'."""
    if bound := re.fullmatch(r"(\d[\d,]*)\s*\S+\s+or\s+(fewer|more)", size.strip(), re.I):
        # (pieces, not packs or sets: a "3 Pack" of 1000-piece puzzles has no 3 pieces)
        forms = units.alternation(names=("piece",))
        return _Bounded(float(bound.group(1).replace(",", "")), forms, bound.group(2) == "fewer")
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
#: What a size is said in, each with the ways titles write it (see `size_pattern`).
_UNITS = units.measures("length", "weight", "volume", "power", "count", "time",
                        names=("key", "string", "thread", "player"))  # fmt: skip


def interests_named(products: Sequence[Product], state: ConversationState) -> list[int]:
    """How many of the things the person loves each title names ("space" for "a puzzle for a
    6yo who's really into space": "Outer Space 3D Puzzles"; unicorns and painting: "Paint Your
    Own Unicorn" names both)."""
    stem = Stemmer.Stemmer("english").stemWord
    loved = [
        stem(w.lower()) for w in state.interests if len(w) >= 3 and w.lower() not in _SIZE_UNITS
    ]
    # (said as what the product fits is no theme: "Shock Absorbers for Volcano-18" for a
    # 9-year-old into volcanoes)
    return [
        sum(
            any(
                not _SERVES & set(p.title[: m.start()].lower().split()[-1:])
                for m in re.finditer(rf"\b{re.escape(w)}", p.title, re.I)
            )
            for w in dict.fromkeys(loved)
        )
        for p in products
    ]


def shows_interest(products: Sequence[Product], state: ConversationState) -> list[bool]:
    """Which titles name what the person loves (see `interests_named`); all of them when no
    interest was said."""
    if not state.interests:
        return [True] * len(products)
    return [n > 0 for n in interests_named(products, state)]


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


#: Kinds that are more of something else, named before them in the shopper's words and the
#: title's own ("bubble juice refill" and a "Bubble Solution Refill"): a title saying the kind is
#: one, whatever it says of what it refills.
REFILLS = frozenset(["refill", "refills", "replacement", "replacements", "cartridge", "cartridges"])


def names_compound(
    products: Sequence[Product], state: ConversationState, anywhere: bool = False,
    described: bool = False,
) -> list[bool]:  # fmt: skip
    """Which titles say the kind with the noun named before it ("nitrile gloves", "dry erase
    markers"); all of them when the kind was said alone. `anywhere`: the noun anywhere in the
    title ("Classic Guitar Musical Instrument Toy" for "toy guitar"); `described`: anywhere in
    the title or description ("Spun Polypropylene Filter Cartridge" is a water filter)."""
    if anywhere or described:
        noun = compound_noun(state)
        # (by its root: "magnifying glass" is said by a "Magnifier", not by glass marbles)
        root = re.sub(r"(?:ying|ing|ers?|ed)$", "", noun or "")
        form = NOUN_FORMS.get(noun or "", re.escape(root if len(root) >= 5 else noun or ""))
        said = re.compile(rf"\b{form}", re.I) if noun else None
        return [said is None or bool(said.search(f"{p.title} {p.description}" if described else p.title))
                for p in products]  # fmt: skip
    compound = compound_asked(state)
    return [compound is None or bool(compound.search(p.title)) for p in products]


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
