"""Products for the current state: hybrid retrieval under the hard filters, brand exclusions also
matched in titles, reordered for this shopper by behaviour, sorted as asked; and, when nothing
satisfies a hard constraint, the nearest alternatives with the constraint that was relaxed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
import Stemmer

from assistant.cues import (
    BOOK_KINDS,
    DEPARTMENT_CUES,
    DESCRIBED_KINDS,
)
from assistant.fits import (
    NOUN_FORMS,
    PLURAL_KINDS,
    QUALITIES,
    REFILLS,
    about_it,
    compound_asked,
    compound_noun,
    for_a_child,
    for_children,
    grown_up,
    grown_up_reading,
    interests_named,
    is_reading,
    is_replica,
    model_codes,
    named_as,
    names_compound,
    names_model,
    names_side,
    numbered_lines,
    numbers_other,
    of_kind,
    of_size,
    poorly_rated,
    says_code,
    shows_kind,
    size_pattern,
    title_says,
    wants_replica,
)
from assistant.kinds import COMPARATIVES, not_product_word
from assistant.prices import strip_price_phrases
from assistant.query import Sort
from assistant.state import ConversationState
from assistant.unwanted import says_unwanted
from ranking.rerank import candidates_from_hits
from ranking.service import RecommendationService
from retrieval.ages import age_fit
from retrieval.catalog import Catalog, Product
from retrieval.multilingual import PLACES
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
#: Per thing the person loves that the title names (up to two).
INTEREST_MATCH = 0.04
COMPOUND_MATCH = 0.05
RATED = 0.05
#: Below this, a card that fits is still not recommended when another that fits is rated at least
#: this: "alto sax reeds" starred a 2.8-star reed as fitting best beside a 4.6-star box of them.
FAIR_RATING = 3.5
POORLY_RATED = 0.15
#: A title made for children, when the shopper buys for a grown-up.
FOR_CHILDREN = 0.1


#: The department of lab and workshop supplies: no child's gift.
LAB = "Industrial & Scientific"


#: A price said as "around" it: those within the range gain this much over cheaper ones.
AROUND_FIT = 0.08
#: "cheap headphones": the cheapest of the candidates gains this much, the dearest loses it.
CHEAP = 0.1
#: A toy or miniature version of what was asked for ("washing machine" -> a dollhouse washing
#: machine, "running shoes" -> doll shoes) when nothing in the request asks for one.
REPLICA = 0.3
#: A book or lesson about the kind asked, where the thing itself was asked for.
ABOUT_IT = 0.15
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


def _unasked(state: ConversationState) -> bool:
    """A gift's kind the shopper did not ask for, read off what the person likes: "regalo per mia
    nonna che adora fare le parole crociate" asked only a gift ("regalo"; it had said "Non sembra
    che abbiamo regalo")."""
    if not (state.gift and state.kind and state.asked):
        return False
    # (in English what they like is read as such: `interests`; the words asked in another
    # language are not the kind's English ones, but a lone word asked is the gift)
    return state.language != "en" and len(state.asked.split()) == 1


def _is_close(hits: Sequence[Hit], text: str, state: ConversationState) -> bool:
    if not hits:
        return False
    # (nor when the kind is only what the person is into: "a teacher appreciation gift, she
    # teaches the science part" had said "We don't seem to carry teacher appreciation gift")
    if (state.gift or state.tells_problem) and (
        not state.kind or (state.gift and state.kind.lower() in state.interests) or _unasked(state)
    ):
        # "a retirement gift for our lab manager, something fun": ideas, not a product; "my prints
        # keep lifting off the bed": what may fix it, no product to be missing
        return True
    # "something for a 4 year old who won't stop drawing on walls": no product named to be missing
    if not state.kind and state.asked and all(map(not_product_word, state.asked.lower().split())):
        return True
    # a toy version is not the product asked for: "washing machines?" -> a dollhouse washer
    real = [h for h in hits[:3] if wants_replica(state) or not is_replica(h.product, state.kind)]
    # (a toy version first is no proof when the real thing follows it: "una tastiera per mia
    # figlia" had a toy keyboard first, real keyboards after, and "we don't carry" it)
    if not real:
        return False
    kind = state.kind if state.kind not in DESCRIBED_KINDS else None
    stem = Stemmer.Stemmer("english").stemWord  # one per call: a stemmer is not thread-safe
    if kind is not None and not any(shows_kind(named_as(h.product), kind, stem, text)
                                    for h in real):  # fmt: skip
        return False  # "running shoes" -> shoe laces, a rubber stopper "size 10"
    noun = compound_noun(state) if kind is not None and kind not in BOOK_KINDS else None
    if noun == "laboratory":  # (as "lab", which says "laboratory" too)
        noun = "lab"
    # "lab": "laboratory" too; "microphone": "Mic Stand" (a test store's titles say only "Mic")
    forms = NOUN_FORMS.get(noun, re.escape(noun)) if noun else ""
    said = re.compile(rf"\b{forms}", re.I) if noun else None
    # a description says it of the product, next to its kind: "graph paper notebooks" are not
    # met by a notebook "made with high-quality paper", nor "cut resistant gloves" by exam gloves
    # "three times more puncture resistant than latex" (both had been starred)
    phrase = compound_asked(state, prefix=True) if said else None
    if noun in PLACES:  # where it is used, said anywhere: "pipettes for the lab"
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

    if (
        said
        and kind in REFILLS
        and (before := _word_before(state, noun or ""))
        and any(re.search(rf"\b{re.escape(before)}[\s-]+{forms}", h.product.title, re.I) for h in hits[:5])
    ):
        # what is refilled, said in the title's own words: "bubble juice refill" is met by a
        # "Bubble Solution Refill" where "Bubble Juice" is sold (it had been "not carried" beside
        # two refills); "pen ink refill" is not met by a 3D pen's filament refill
        said = re.compile(rf"\b(?:{forms}|{re.escape(before)})", re.I)
    # (where it is used may be said by the product's shelf: "lab beakers" are on "Lab &
    # Scientific Products", though no title says "lab": it had been "not carried")
    if said and not any(titled(h.product.title)
                        or (phrase is not None and phrase.search(h.product.description))
                        or (noun in PLACES and said.search(" ".join(h.product.category)))
                        for h in hits[:5]):  # fmt: skip
        return False  # "a nice fountain pen" -> a pen light: no text near the top says "fountain"
    if (codes := model_codes(state)) and not any(
        says_code(h.product, code) for h in hits[:5] for code in codes
    ):
        return False  # "a phone case for samsung galaxy s23": no Galaxy S7 case is one
    lines = numbered_lines(state)
    if (
        lines
        and not any(names_model(h.product, w, c) for h in hits[:5] for w, c in lines)
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
             if (len(w) > 2 or w == state.kind) and not w.isdigit() and w not in QUALITIES
             and w not in COMPARATIVES
             and (w not in PLACES or w == state.kind)}  # fmt: skip
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
        # (the shopper's own words in another language share few with the English search's)
        said = (named or said) if state.language == "en" else said
        matched = sum(stem(w) in found or w in found for w in said)
        # most of the words, not half: "queen mattress" is not answered by a pool-float mattress
        return bool(said) and matched * 2 > len(said)

    # (a real product's title and text are usually 0.45 close anyway: the word count is the
    # fallback, of any of the first real ones: "something darker, more like a thriller" led with
    # "Darker Space", the thrillers after it, and had been "not carried")
    # a model number asked and said by a title with two more of the words asked: "$97 for a DW
    # 8000 double?? is that legit lol" (its chatter had outweighed "DW ... 8000 Series Double
    # Bass Drum Pedal" first on screen: "We don't seem to carry that")
    # (a price is no model: "$120 for a kids drum set?")
    tokens = {w for w in re.findall(r"[a-z0-9]+", strip_price_phrases(text).lower()) if not not_product_word(w)}
    numbers = {w for w in tokens if re.fullmatch(r"[a-z]{0,3}\d{3,}[a-z]{0,3}", w)}

    def names_model_with(hit: Hit) -> bool:
        title_words = set(re.findall(r"[a-z0-9]+", hit.product.title.lower()))
        return bool(numbers & title_words) and len(tokens & title_words) >= 3

    return (
        (top.semantic or 0.0) >= CLOSE_MATCH_COSINE
        or any(names_model_with(h) for h in real)
        or any(says_most(h) for h in real if h is hits[0] or (h.parts.semantic or 0.0) >= NEAR_MATCH_COSINE)
        # (a title near the top saying the noun just before the kind is the thing: "Child's
        # Veterinarian Costume" third for "the vet costume, what size is large?" had been "not
        # carried"; a "Hot Seat ... Die Cast Car" is no car seat)
        or (said is not None and kind is not None and any(_noun_then_kind(said, stem(kind), h) for h in real))
    )


def _word_before(state: ConversationState, noun: str) -> str | None:
    """The product word said before the noun that comes before the kind ("bubble" of "bubble
    juice refill"); None where there is none."""
    words = re.findall(r"[a-z0-9]+", state.search_text().lower())
    at = next((i for i, w in enumerate(words) if w == noun), 0)
    before = words[at - 1] if at >= 1 else None
    return before if before and len(before) > 2 and not not_product_word(before) else None


def _noun_then_kind(noun: re.Pattern[str], kind_stem: str, hit: Hit) -> bool:
    """Whether a title says the noun just before the kind ("Veterinarian Costume" for "vet
    costume"; a "Hot Seat ... Die Cast Car" is no car seat)."""
    return bool(re.search(rf"{noun.pattern}[\w'-]*[\s-]+{re.escape(kind_stem)}", hit.product.title, re.I))


#: Kinds that name a whole class of things: a title seldom says them ("Giraffe Stacking Cups" are
#: stacking toys), so a title without the word does not miss the request.
BROAD_KINDS = frozenset(["toy", "toys", "gift", "gifts", "stuff", "things", "set", "sets", "kit",
                         "kits", "supplies", "accessories", "items", "products", "games", "ideas"])  # fmt: skip


#: Where a book is read, said beside what it is about: no word of its title or text.
_READ_ON = re.compile(r"\b(?:kindle|e-?books?|e-?readers?)\b", re.I)


def searched_text(state: ConversationState) -> str:
    """The words searched for: on the Kindle shelf, without where the book is read ("baking books
    kindle" had led with "Achieve Your Dreams" and "1606", every ebook saying "Kindle")."""
    text = state.search_text()
    # (not where it names the kind: "68 dollars for an ebook?? typo?" is of ebooks)
    if (state.department == "Kindle Store" and not _READ_ON.fullmatch(state.kind or "")
            and (bare := " ".join(_READ_ON.sub(" ", text).split()))):  # fmt: skip
        return bare
    return text


def _search(state: ConversationState, searcher: HybridSearcher, exclude_seen: bool) -> list[Hit]:
    found: Sequence[Hit] = searcher.search(searched_text(state), state.filters(), k=POOL).hits
    if state.original:  # the model translated: its words and the shopper's own, side by side
        own = searcher.search(state.original, state.filters(), k=POOL, language=state.language)
        found = merge_hits(found, own.hits, own_words_weight(state))
    found = _with_kind_search(found, state, searcher)
    seen = set(state.seen) if exclude_seen else set()
    child = for_a_child(state)
    hits = [h for h in found
            if h.product.id not in seen and not _excluded(h.product, state.exclude_brands)
            and not (child and grown_up_reading(h.product))]  # fmt: skip
    return fit_to_need(hits, state, searcher.catalog)


def own_words_weight(state: ConversationState) -> float:
    """How much the multilingual search of the shopper's own words counts beside the English
    reading of them: half where a dictionary read them all, or read the kind of product (by the
    lexicon or a spelling: "cerco una tastiera per mia figlia di 8 anni" had led with "8ct" treat
    bags and an 8" plush at full weight, and keyboards were "not carried"); else as much."""
    return OWN_WORDS_AFTER_DICTIONARY if state.by_dictionary or state.kind else 1.0


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
    plural = PLURAL_KINDS.get(state.kind)
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
        pattern = size_pattern(size)
        bonus += np.array([SIZE_MATCH if pattern.search(p.title) else 0.0 for p in products])
    for feature in state.attributes[:2]:  # "digital thermometer": the digital ones first
        bonus += np.array(
            [FEATURE_MATCH if title_says(p.title, feature) else 0.0 for p in products]
        )
    for brand in state.brands:
        bonus += np.array([BRAND_MATCH if by_maker(p, (brand,)) else 0.0 for p in products])
    if state.interests:  # "a 7 year old who loves unicorns and painting": the titles naming both
        bonus += INTEREST_MATCH * np.minimum(np.array(interests_named(products, state)), 2)
    if state.price_around and state.min_price is not None:
        # "40ish": those around it first, cheaper ones after (the floor is no filter)
        price = columns.price[rows]
        bonus += np.where(np.isnan(price) | (price < float(state.min_price)), 0.0, AROUND_FIT)
    if state.prefer_rated:
        rating = np.nan_to_num(columns.rating[rows], nan=3.5)
        bonus += RATED * np.clip(rating - 4.0, -1.0, 1.0)
    bonus -= np.array([POORLY_RATED if poorly_rated(p) else 0.0 for p in products])
    kind_said = None
    if state.kind and state.kind not in DESCRIBED_KINDS:
        stem = Stemmer.Stemmer("english").stemWord
        asked = state.search_text()
        kind_said = [shows_kind(p.title, state.kind, stem, asked) for p in products]
    if state.prefer_cheap:
        # the cheap ones of the kind asked: "acoustic guitar strings", then "it doesn't need to
        # be fancy" (a cheap bridge clamp and a guitar had come before the strings)
        bonus += CHEAP * _cheapness(products, kind_said)
    if state.unwanted:  # "nothing with glitter": the glitter banner down the list
        bonus -= np.array([UNWANTED if says_unwanted(p.title, state.unwanted) else 0.0
                           for p in products])  # fmt: skip
    if not wants_replica(state):
        bonus -= np.array([REPLICA if is_replica(p, state.kind) else 0.0 for p in products])
    # a book or lesson about what was asked, not it ("violin": a violin method book first)
    bonus -= np.array([ABOUT_IT if about_it(p, state) else 0.0 for p in products])
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
    if compound := compound_asked(state):  # "card game": a card game over "Family Games"
        bonus += np.array([COMPOUND_MATCH if compound.search(p.title) else 0.0 for p in products])
    if kind_said is not None:
        bonus += np.array([KIND_MATCH if said else 0.0 for said in kind_said])
    elif state.kind in BOOK_KINDS:  # a reading asked for: the readings
        bonus += np.array([KIND_MATCH if is_reading(p) else 0.0 for p in products])
    return bonus


def asked_product(state: ConversationState) -> str:
    """The product asked for, in the shopper's words: the kind with the noun said before it
    ("desk organizer", "stapler"); the search words when no kind was read."""
    if not state.kind:
        return state.search_text()
    noun = compound_noun(state)
    return f"{noun} {state.kind}" if noun else state.kind


def _cheapness(products: Sequence[Product], of_kind: Sequence[bool] | None = None) -> np.ndarray:
    """Each product's price rank among the priced ones, from 1 (cheapest) to -1 (dearest); 0 for
    the unpriced, and for those not of the kind asked where some are (`of_kind`)."""
    ranked = of_kind is not None and sum(of_kind) >= 2
    prices = [float(p.price.amount) if p.price and (not ranked or of_kind[i]) else None  # type: ignore[index]
              for i, p in enumerate(products)]  # fmt: skip
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


def _match_tiers(products: Sequence[Product], state: ConversationState) -> list[int]:
    """How well each product is what was asked: 0 when its title says the kind with the noun
    named before it ("nitrile gloves") and every size asked, 1 when it is the kind, 2 otherwise."""
    kinds, sizes = of_kind(products, state), of_size(products, state)
    named = names_compound(products, state)
    return [(0 if compound and size else 1) if kind else 2
            for kind, size, compound in zip(kinds, sizes, named, strict=True)]  # fmt: skip


#: A state's price and rating bounds, all dropped.
_NO_PRICE_NOR_RATING = {"min_price": None, "max_price": None, "min_rating": None,
                        "min_rating_count": None}  # fmt: skip


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
    # (a rating asked of the cards on screen that none of their kind meets: "anything with good
    # reviews, like 4.5 stars+" after PETG spools that list no rating had shown audio wire as
    # "the closest"; the spools are, and the rating is said not met)
    rated_only = bool(state.shown) and not none_of_kind and state.min_rating is not None
    if not more and (not hits or (not close and (not state.shown or none_of_kind or rated_only))):
        for constraint, looser in (
            ("price", state.model_copy(update={"min_price": None, "max_price": None})),
            ("rating", state.model_copy(update={"min_rating": None, "min_rating_count": None})),
            # both: "only want 4 stars and up" after PETG filament around $45, where no spool
            # lists a price or a rating (dice bags had been shown, rated and in the budget)
            ("price and rating", state.model_copy(update=_NO_PRICE_NOR_RATING)),
            ("excluded brands", state.model_copy(update={"exclude_brands": ()})),
            ("department", state.model_copy(update={"department": None})),
        ):
            if looser == state or (rated_only and hits and "rating" not in constraint):
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
    compound, noun = compound_asked(state), compound_noun(state) or ""
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
                      or shows_kind(named_as(h.product), state.kind, stem, asked))]  # fmt: skip
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
