"""Multi-turn state: the constraints in force and what is on screen, revised by each query.
Pure: `advance` takes the state, a query and the catalog, and returns the next state."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from decimal import Decimal

import Stemmer
from pydantic import BaseModel, ConfigDict, Field

from assistant.cues import FOR_IT, GEAR, LOOKS, asked_phrase, siblings
from assistant.kinds import FILLER, MATERIALS, SPEC_MATERIALS, not_product_word
from assistant.needs import WORN_SIZE, age_toys
from assistant.people import RECIPIENTS, age_span
from assistant.prices import PriceBounds, in_dollars
from assistant.query import Intent, ShoppingQuery, Sort, age_word
from assistant.unwanted import COLORS
from retrieval import units
from retrieval.catalog import Catalog, Money, Product
from retrieval.filters import Filters

CENT = Decimal("0.01")


class ConversationState(BaseModel):
    """Constraints carried from turn to turn, and the products on screen."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    need: str = ""
    department: str | None = None
    min_price: Money | None = None
    max_price: Money | None = None
    price_around: bool = Field(
        default=False, description="The price range was read about one amount: 'around $100'"
    )
    tells_problem: bool = Field(
        default=False, description="The request told a problem and named no product for it"
    )
    exclude_brands: tuple[str, ...] = ()
    attributes: tuple[str, ...] = ()
    sort: Sort = Sort.relevance
    language: str = "en"
    search: str = Field(default="", description="The product words searched for")
    original: str = Field(
        default="", description="The shopper's words when `search` translates them"
    )
    asked: str = Field(default="", description="The shopper's own words for the product (notices)")
    by_dictionary: bool = Field(default=False, description="`search` was read with a dictionary")
    min_rating: float | None = None
    min_rating_count: int | None = None
    prefer_rated: bool = False
    prefer_cheap: bool = False
    brands: tuple[str, ...] = Field(default=(), description="Brands asked for (preferred)")
    age_min: float | None = None
    age_max: float | None = None
    sizes: tuple[str, ...] = ()
    kind: str | None = Field(default=None, description="The word naming the kind of product")
    alternatives: tuple[str, ...] = Field(
        default=(), description="Things set against each other, each shown when carried"
    )
    interests: tuple[str, ...] = Field(
        default=(), description="What the person it is for loves (the picks prefer it)"
    )
    unwanted: tuple[str, ...] = Field(
        default=(), description="What the product should not be or have (soft: pushed down)"
    )
    department_hint: str | None = None
    recipient: str | None = None
    gift: bool = False
    shown: tuple[str, ...] = Field(default=(), description="Product ids on screen, in order")
    seen: tuple[str, ...] = Field(default=(), description="Every product shown for this need")
    shown_before: tuple[str, ...] = Field(
        default=(), description="Every product shown in the talk, first shown first (at most 60)"
    )
    looked_up: tuple[str, ...] = Field(
        default=(), description="Cards on screen looked up beside it, named by the shopper"
    )
    picked: tuple[str, ...] = Field(
        default=(), description="The shown products the answer recommended, in screen order"
    )
    focus: tuple[str, ...] = Field(
        default=(), description="The card a close look was last about (what a later 'it' means)"
    )
    picked_before: tuple[str, ...] = Field(
        default=(), description="Products recommended on earlier screens, latest first (at most 60)"
    )

    def filters(self) -> Filters:
        """The hard filters in force (brand exclusions are also matched in titles, see candidates)."""
        # ("around 40" keeps its ceiling; below it is cheaper, ranked after those around it, not
        # gone: "a real yoyo, 40ish" had shown no yoyo, the $29 ones were under the $32 floor)
        return Filters(
            min_price=None if self.price_around else self.min_price, max_price=self.max_price,
            departments=(self.department,) if self.department else (),
            exclude_brands=self.exclude_brands, min_rating=self.min_rating,
            min_rating_count=self.min_rating_count,
        )  # fmt: skip

    @property
    def age(self) -> tuple[float, float] | None:
        return age_span(self.age_min, self.age_max)

    def asked_for(self) -> str:
        """What a notice says back to the shopper: their own words for the product."""
        return self.asked or self.original or self.search_text()

    def search_text(self) -> str:
        base = self.search or self.need
        return " ".join([base, *[a for a in self.attributes if a not in base.lower()]]).strip()


def _size_unit(size: str) -> str:
    """What a size measures: "61 keys" and "88 keys" both "keys"; "size M" and "in large" both a
    worn size."""
    if size.lower().startswith("key of"):
        return "key"  # "key of C", "key of A or G": a key
    unit = re.sub(rf"[\d.,/]+|\b(?:{WORN_SIZE}|[sml])\b|\bor\s+(?:fewer|more)$", " ", size.lower())
    # (a unit however written: '12"' after "6 inch" is another length, not a second size)
    unit = re.sub(r"(?<=\S)(?=[\"”])", " ", unit)
    unit = re.sub(r"\b(?:a|of|size|talla)\b|^\s*in\s+", " ", unit)
    return " ".join(units.measure_of(w) or w.rstrip("s") for w in unit.split()) or "size"


def _with_sizes(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
    """The sizes after a refinement: a new size replaces the one of the same unit ("what about 88
    keys?" after "61 keys"; "in large" after "size M"), others add up."""
    units = {_size_unit(s) for s in new}
    return tuple(dict.fromkeys([*(s for s in old if _size_unit(s) not in units), *new]))


#: Another key said for the same product: "one in A or G instead", "in the key of D?" (notes are
#: capitals, or said after "key of": "in a" is no key).
_OTHER_KEY = re.compile(
    r"\bin\s+(?:the\s+)?(?:key\s+of\s+([a-gA-G](?:b|#)?)|([A-G](?:b|#)?))(?:\s+or\s+([A-G](?:b|#)?))?(?![\w#])"
)
#: A number said alone after a request with a size: "what about 3 instead", "2.5?", "how about 1/4".
_BARE_NUMBER = re.compile(
    r"^\W*(?:(?:and|ok|okay|hmm|so|or)\W+)*(?:(?:what|how)\s+about\s+|maybe\s+)?(?:a\s+|the\s+)?"
    r"(\d+(?:\.\d+)?(?:/\d+)?)(?:\s+(?:ones?|instead))*\W*$",
    re.I,
)
_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:/\d+)?")


def _value(number: str) -> float:
    top, _, bottom = number.partition("/")
    return float(top) / float(bottom or 1) if float(bottom or 1) else 0.0


def swapped_size(text: str, state: ConversationState) -> str | None:
    """The size a number said alone asks for instead: "what about 3 instead" after "clarinet
    reeds strength 2.5 box of 10" is strength 3 (of the sizes with a number, the one it is
    nearest to; it had been searched as "what", and a book starred); None for any other message,
    or where the number is nearer the budget than any size."""
    if any(size.lower().startswith("key of") for size in state.sizes) and (
        notes := _OTHER_KEY.search(text)
    ):
        # "get me one in A or G instead" after harmonicas in the key of C (it had kept C)
        return "key of " + " or ".join(n for n in notes.groups() if n)
    said = _BARE_NUMBER.match(text)
    if said is None or not (value := _value(said.group(1))):
        return None
    numbered = [(size, _value(n.group(0))) for size in state.sizes if (n := _NUMBER.search(size))]
    numbered = [(size, v) for size, v in numbered if v]
    budget = [float(x) for x in (state.max_price, state.min_price) if x]
    if not numbered:
        return None

    def far(v: float) -> float:
        return abs(math.log(value / v))

    size, nearest = min(numbered, key=lambda x: far(x[1]))
    if any(far(b) < far(nearest) for b in budget):
        return None  # "what about 30" after "under 20": a budget, not a size
    return _NUMBER.sub(said.group(1), size, count=1)


#: A message about the person a gift is for: "shes a biology grad student", "he loves fishing".
_OF_THEM = re.compile(
    r"^\W*(?:(?:uh|um|well|so|oh|and|ok|okay|hmm)\W+)*(?:he|she|they)(?:'s|s|'re|\s+is|\s+are|\s+loves?|"
    r"\s+likes?|\s+does|\s+do|\s+plays?|\s+has|\s+have|\s+collects?|\s+reads?|\s+enjoys?|\s+just|"
    r"\s+keeps?|\s+always|\s+still|\s+never|\s+works?|\s+builds?|\s+spends?|\s+says?|\s+got)\b",
    re.I,
)


#: What a gift should be like, naming no product: "so something precise maybe".
_SO_LIKE = re.compile(
    r"^\W*(?:(?:maybe|ok|okay|hmm|and|or|so|well|ideally)\W+)*(?:something|anything)\s+(?:\w+\s+)?[a-z-]{3,}"
    r"(?:\s+(?:maybe|please|pls|i\s+guess|i\s+think))?\W*$",
    re.I,
)


def told_of_gift(state: ConversationState) -> bool:
    """Whether the state is an open gift: for someone, nothing yet said of what."""
    said = (state.search or "").lower().split()
    # (whom alone, said in the search, is nothing of what: "kid kids" of "a 4 year old girl for
    # her bday, its my friends kid and i dont have kids")
    whom = all(w in RECIPIENTS or w.rstrip("s") in RECIPIENTS for w in said)
    return bool(state.gift or state.recipient) and whom and not (state.kind or state.interests)


def told_of_them(query: ShoppingQuery, state: ConversationState) -> ShoppingQuery | None:
    """What the shopper says of the person an open gift is for, answering "what are they into"
    ("need a gift for my grandma", then "she does crosswords every morning and reads a ton"): the
    same gift for the same person, narrowed by what they are into; None for any other message.
    (It had been a new request: the kind "morning", "We don't seem to carry crosswords ...", and
    whom it was for forgotten by the budget said next.)"""
    if not (told_of_gift(state) or (
        state.gift and state.recipient and not state.kind and _OF_THEM.match(query.text)
    ) or (
        # a budget and what the gift should be like, naming no product nor anyone: "$20 cap, clever or nerdy"
        # after a white elephant gift for the office (had said "We don't seem to carry clever
        # or nerdy")
        state.gift and not state.kind and not query.kind and not query.recipient and not query.gift
        and (query.max_price is not None or query.min_price is not None or _SO_LIKE.match(query.text))
    )):  # fmt: skip
        # not an open gift, nor one for someone named by a role that the message goes on to say
        # more of ("a little present for my lab partner", then "shes a biology grad student ...")
        return None
    if query.intent is not Intent.new or not query.search.strip():
        return None
    other = query.recipient and query.recipient != state.recipient
    if (query.gift and query.recipient) or (other and re.search(
        rf"\bfor\s+(?:my|our|his|her|a|an)\s+(?:\w+\s+)?{re.escape(query.recipient or '')}", query.text, re.I
    )):  # fmt: skip
        # another gift ("and one for my mom who likes tea"); not a word said of the same person
        # ("hes into music, plays bass in some dad cover band")
        return None
    words = [w for w in query.search.split() if w.lower() not in RECIPIENTS]
    if not words:
        return None
    return query.model_copy(update={
        "intent": Intent.refine, "narrows": " ".join(words), "kind": None,
        "recipient": state.recipient or query.recipient,
        "interests": query.interests or tuple(w.lower() for w in words[:2]),
    })  # fmt: skip


def _prices(ids: tuple[str, ...], catalog: Catalog) -> list[Decimal]:
    found = [catalog.get(i).price for i in ids if i in catalog]
    return [p.amount for p in found if p is not None]


#: A new thing asked for the product on screen: "what slides should i get with it?", "a case
#: for it", "do i need batteries for them?".
def _in_dollars(query: ShoppingQuery) -> tuple[Decimal | None, Decimal | None]:
    """The bounds the shopper said, in the store's dollars: the query keeps them as said ("max 20
    euros": 20 EUR), the filter converts them (about $24; "500块以内" had filtered at $500)."""
    bounds = in_dollars(PriceBounds(query.min_price, query.max_price, query.currency))
    return bounds.min_price, bounds.max_price


def asks_maker(query: ShoppingQuery) -> bool:
    """The query asks the request on screen to be by these makers ("any by kala?"), in place of
    any asked before."""
    return bool(query.brands) and query.narrows.lower().split() == [b.lower() for b in query.brands]


def advance(state: ConversationState, query: ShoppingQuery, catalog: Catalog) -> ConversationState:
    """The state after this query. New requests start afresh; refinements revise what is in force."""
    if query.intent is Intent.new:
        search, need = query.search, query.need
        if (
            state.kind
            and query.kind
            and query.kind != state.kind
            and (
                FOR_IT.search(query.text)
                or (len(words := search.lower().split()) == 1 and words[0] in GEAR)
            )
            and state.kind.lower() not in search.lower().split()
        ):
            # (gear asked for alone: "ok show me stands then" after a keyboard piano is keyboard
            # stands; it had shown microphone and saxophone stands)
            # "what slides should i get with it" after a microscope: microscope slides (it had
            # starred a guitar slide), "a case for it" or "show me cases" after a ukulele: a ukulele case
            search, need = f"{state.kind} {search}".strip(), f"{state.kind} {need}".strip()
        kind = query.kind
        if (
            state.kind
            and not kind
            and len(query.alternatives) == 2
            and all(len(side.split()) == 1 for side in query.alternatives)
            and query.language == "en"
        ):
            # two sorts of what is on screen weighed, naming no kind: "soprano or concert?" after
            # ukuleles is those ukuleles (it had shown a strap, a recorder and saxophone reeds);
            # two things named are no sorts of it ("do you have jump ropes or outdoor stuff" after
            # running shoes had searched "jump ropes outdoor kids shoes", a shoelace toy first)
            search, need = f"{search} {state.kind}".strip(), f"{need} {state.kind}".strip()
            kind = state.kind
        low, high = _in_dollars(query)
        return ConversationState(
            need=need, department=query.department, min_price=low,
            max_price=high, price_around=query.price_around, tells_problem=query.tells_problem, exclude_brands=query.exclude_brands,
            attributes=query.attributes, sort=query.sort, language=query.language,
            search=search, original=query.original, asked=query.need if query.asks_how else asked_phrase(query.text, language=query.language), by_dictionary=query.by_dictionary, min_rating=query.min_rating, min_rating_count=query.min_rating_count,
            prefer_rated=query.prefer_rated, prefer_cheap=query.prefer_cheap, brands=query.brands, age_min=query.age_min,
            age_max=query.age_max, sizes=query.sizes, department_hint=query.department_hint,
            recipient=query.recipient, gift=query.gift, kind=kind,
            alternatives=query.alternatives, interests=query.interests, unwanted=query.unwanted,
            shown_before=state.shown_before,
            picked_before=picked_so_far(state),
        )  # fmt: skip
    changes: dict[str, object] = {"language": query.language}
    if query.narrows:  # "for a baritone" after "ukulele strings": baritone ukulele strings
        adds = [
            w for w in query.narrows.split() if w.lower() not in state.search_text().lower().split()
        ]
        # a variety replaces its sibling: "concert" after "soprano ukulele" (not both)
        gone = {s for w in adds for s in siblings(w)}
        if said_colours := {w.lower() for w in adds} & set(COLORS):
            # a colour asked replaces the one before: "any in matte black instead?" after white
            # filament (the white spools had stayed first)
            gone |= {a.lower() for a in state.attributes} & set(COLORS) - said_colours
        if asks_maker(query):  # "or cordoba" after "any by kala?": Cordoba's, not Kala's
            gone |= {b.lower() for b in state.brands}
        if made := {w.lower() for w in adds} & _MADE_OF:
            # a material replaces the one before: "plastic is fine" after glass beakers
            gone |= {w.lower() for w in state.search_text().split()} & _MADE_OF - made

        def kept(words: str) -> str:
            return " ".join(w for w in words.split() if w.lower() not in gone)

        # (what an open gift's person is into is the search: not "crosswords need a gift for
        # my grandma", whose "grandma" had kept the Grandma books first)
        base = "" if told_of_gift(state) else state.search or state.need
        changes |= {"search": " ".join([*adds, kept(base)]).strip(),
                    "need": " ".join([kept(state.need), *adds]).strip()}  # fmt: skip
        if told_of_gift(state):
            changes["interests"] = query.interests
    if query.intent is Intent.refine and (
        gone_words := {w.lower() for w in (*query.exclude_brands, *query.unwanted)}
        & set(state.search_text().lower().split())
    ):
        # what is no longer wanted leaves the search, and what is wanted in its place joins it:
        # "wait i meant petg not pla" after "pla filament 1.75 black" (PLA had stayed searched,
        # every card left out, "Nothing we carry meets the brand exclusions you set")
        joining = [w for w in query.search.split() if w.lower() not in gone_words
                   and w.lower() not in state.search_text().lower().split()]  # fmt: skip
        for field in ("search", "need"):
            text = str(changes.get(field, getattr(state, field)))
            staying = [w for w in text.split() if w.lower() not in gone_words]
            changes[field] = " ".join([*joining, *staying])
    if query.intent is Intent.more:
        # (what is not wanted among the others: "show me something different, maybe no marbles")
        changes["unwanted"] = tuple(dict.fromkeys(state.unwanted + query.unwanted))
        return state.model_copy(update=changes)
    if query.intent in (Intent.compare, Intent.detail):
        return state.model_copy(update=changes)
    low, high = state.min_price, state.max_price
    sizes = _with_sizes(state.sizes, query.sizes)
    shown_prices = _prices(state.shown, catalog)
    around = state.price_around
    if query.cheaper and shown_prices:
        high = shown_prices[0] - CENT  # cheaper than the first product on screen
        if low is not None and (low > high or around):
            # a floor said before stays ("at least $10 and under $40", then "cheaper"); one read
            # off "around $100" was never said (it had kept "cheaper" than $144 above $80)
            low, around = None, False
    if query.pricier and shown_prices:
        low, around = max(shown_prices) + CENT, False
        if high is not None and high < low:
            high = None
    if query.min_price is not None or query.max_price is not None:
        low, high = _in_dollars(query)
        around = query.price_around
    any_price = query.move == "any price"  # "forget the budget": no limit, the better rated
    if any_price:
        low = high = None
        around = False
    # (a variety replaces its sibling: "electric instead" after acoustic guitars)
    replaced = {s for b in query.attributes for s in siblings(b)}
    if said_colours := {a.lower() for a in query.attributes} & set(COLORS):
        replaced |= set(COLORS) - said_colours  # (a colour asked replaces the one before)
    attributes = tuple(
        dict.fromkeys(
            [a for a in state.attributes if a.lower() not in replaced] + list(query.attributes)
        )
    )
    changes |= {
        "min_price": low, "max_price": high, "price_around": around,
        "exclude_brands": tuple(dict.fromkeys(state.exclude_brands + query.exclude_brands)),
        # (what is asked for now is wanted again: "ok, white is fine")
        "unwanted": tuple(w for w in dict.fromkeys(state.unwanted + query.unwanted)
                          if w not in query.search.lower().split()),
        "attributes": attributes,
        "department": query.department or state.department,
        "sort": query.sort if query.sort is not Sort.relevance else state.sort,
        "min_rating": query.min_rating if query.min_rating is not None else state.min_rating,
        "min_rating_count": query.min_rating_count if query.min_rating_count is not None else state.min_rating_count,
        # a budget raised ("y si subo el presupuesto a 40") asks for better, not the same cheap one
        "prefer_rated": state.prefer_rated or query.prefer_rated or any_price
        or (high is not None and state.max_price is not None and high > state.max_price),
        "prefer_cheap": state.prefer_cheap or query.prefer_cheap,
        "brands": query.brands if asks_maker(query) else tuple(dict.fromkeys(state.brands + query.brands)),
        "sizes": sizes,
        "age_min": query.age_min if query.age_min is not None else state.age_min,
        "age_max": query.age_max if query.age_max is not None else state.age_max,
        # whom it is for, said after a broad start ("need a gift idea", then "for my brother")
        "recipient": query.recipient or state.recipient,
        "gift": state.gift or query.gift,
        "seen": (),
    }  # fmt: skip
    if query.age is not None and state.age is not None and query.age != state.age:
        # "what about for a 3 year old instead" after a 5-year-old's dinosaurs: the age's word
        # in the search ("kids") becomes the new age's ("toddler")
        old, new = age_word(state.age), age_word(query.age) or ""
        for field in ("search", "need") if old and old != new else ():
            text = re.sub(rf"\b{old}\b", new, str(changes.get(field, getattr(state, field))))
            changes[field] = " ".join(text.split())
    if (
        query.intent is Intent.refine
        and query.age is not None
        and told_of_gift(after := state.model_copy(update=changes))
        and (toys := age_toys(query.age, after.recipient))
    ):
        # the child's age told after a gift for nobody said ("birthday present for my friend's
        # daughter, something fun", then "that's for babies, she's 10!"): toys for that age
        # (the cards had stayed, or "babies toys" been searched)
        changes |= {"search": toys, "need": toys, "gift": True}
    if chosen := _one_of(state.alternatives, query.search):
        # "soprano or concert ukulele?", then "ok show me concert ones": the other is no longer
        # searched for (the soprano ones had stayed first)
        others = {w for side in state.alternatives if side != chosen for w in side.lower().split()}
        drop = others - set(chosen.lower().split())
        for field in ("search", "need"):
            text = str(changes.get(field, getattr(state, field)))
            changes[field] = " ".join(w for w in text.split() if w.lower() not in drop)
        changes["alternatives"] = ()
        if state.kind and state.kind.lower() in drop:
            changes["kind"] = None
    if dropped := [z for z in state.sizes if z not in sizes]:
        # "what about 88 keys?" after "61 keys": the new size takes the old one's place in the
        # search words too
        swap = {
            z: next((n for n in query.sizes if _size_unit(n) == _size_unit(z)), "") for z in dropped
        }
        for field in ("search", "need"):
            text = str(changes.get(field, getattr(state, field)))
            for old, new in swap.items():
                text = re.sub(re.escape(old), new, text, flags=re.I)
            changes[field] = " ".join(text.split())
    return state.model_copy(update=changes)


def _one_of(alternatives: Sequence[str], said: str) -> str | None:
    """The one of the things set against each other that a follow-up's words name alone."""
    words = set(said.lower().split())
    common = (
        set.intersection(*(set(a.lower().split()) for a in alternatives)) if alternatives else set()
    )
    named = [a for a in alternatives if (set(a.lower().split()) - common) & words]
    return named[0] if len(named) == 1 else None


def for_card(
    state: ConversationState, product: Product, before: ConversationState
) -> ConversationState:
    """The state of a request for something to go with one card ("sticks that go with the first
    one", "una correa que vaya con la segunda"): searched in that card's department, and for the
    kind asked before where the card is one ("a case for the second one" after ukuleles: ukulele
    cases; it had been asked of the card, "Its listing does not mention case")."""
    changes: dict[str, object] = {}
    if not state.department:
        changes["department_hint"] = product.department
    kind = before.kind
    if (
        kind
        and re.search(rf"\b{re.escape(kind)}", product.title, re.I)
        and kind.lower() not in state.search.lower().split()
    ):
        changes |= {
            "search": f"{kind} {state.search}".strip(),
            "need": f"{kind} {state.need}".strip(),
        }
    return state.model_copy(update=changes)


def shown_after(state: ConversationState, shown: list[str]) -> ConversationState:
    """Record what is now on screen (which of it is recommended is known after the answer)."""
    return state.model_copy(update={
        "shown": tuple(shown), "seen": tuple(dict.fromkeys(state.seen + tuple(shown))), "picked": (),
        "focus": (), "looked_up": (),
        "shown_before": tuple(dict.fromkeys(state.shown_before + tuple(shown)))[:SHOWN_BEFORE],
        "picked_before": picked_so_far(state),
    })  # fmt: skip


def picked_so_far(state: ConversationState) -> tuple[str, ...]:
    """Every product the talk's answers recommended, the latest first (at most SHOWN_BEFORE)."""
    return tuple(dict.fromkeys(state.picked + state.picked_before))[:SHOWN_BEFORE]


#: What a product is made of, one of which replaces another when said.
_MADE_OF = MATERIALS | SPEC_MATERIALS
#: How many products of the talk are kept to go back to.
SHOWN_BEFORE = 60


def compared(
    state: ConversationState,
    shown: Sequence[str],
    references: tuple[int, ...],
    it: bool = False,
    whole: bool = False,
) -> tuple[int, ...]:
    """The 1-based positions in `shown` (the ids on screen) a question about the cards is about:
    those it names; for a question about "it" the card last looked at closely ("tell me about the
    second one", then "does it come with a tripod?") or else the first recommended (every card
    when none was); for the cheapest or best rated (`whole`), every card on screen; else the
    recommended ones ("which one is easier for a beginner?" weighs the picks, not a card the
    answer passed over), else the first three."""
    if references:
        return references
    if whole:  # "which one is the cheapest?": every card on screen, not only the recommended
        return tuple(range(1, len(shown) + 1))
    if it and (focus := tuple(i + 1 for i, pid in enumerate(shown) if pid in state.focus)):
        return focus
    if it and not any(pid in state.picked for pid in shown):
        # none was recommended ("we don't carry staplers"), then "what staples does it take?":
        # no card is "it", so every card's listing is read (the first card had been taken)
        return tuple(range(1, len(shown) + 1))
    if it:  # "the cheapest violin you have", then "is it any good?": the one recommended first
        first = next((i + 1 for i, pid in enumerate(shown) if pid in state.picked), 1)
        return (first,) if shown else ()
    picks = tuple(i + 1 for i, pid in enumerate(shown) if pid in state.picked)
    return picks if len(picks) >= 2 else tuple(range(1, min(len(shown), 3) + 1))


#: Words said with "the" that name no card: what a card has, not which card it is.
_NOT_NAMES = frozenset(["price", "size", "sizes", "color", "colour", "same", "box", "set", "pack",
                        "case", "batteries", "battery", "rest", "others", "other", "cheapest",
                        "best", "last", "first", "second", "third", "fourth", "fifth", "next",
                        "bigger", "smaller", "kit", "way", "difference", "quality", "sound"])  # fmt: skip
#: A card named by a word of its title: "the binder", "the hohner one", "the brother one".
_THE_NAMED = re.compile(r"\bthe\s+(\d+[\s-]?[a-z]{2,}|[a-z][a-z'-]{2,})(?:\s+one)?\b", re.I)


def named_cards(text: str, titles: Sequence[str], picked: Sequence[bool]) -> tuple[int, ...]:
    """The 1-based card a question names by a word of its title ("how many cards does the binder
    hold" after sleeves and a binder had been answered of the sleeves; "which tape size does the
    brother one use"): the one title saying it, or the one recommended of several; () when no
    word names a card, or names every card. Several words narrow it together ("the concert one
    w the gig bag": the concert ukulele that comes with a gig bag)."""
    words = [[w.lower() for w in re.findall(r"[a-z0-9]+", t, re.I)] for t in titles]
    together: set[int] | None = None
    several: tuple[int, ...] = ()
    for m in _THE_NAMED.finditer(text):
        word = m.group(1).lower()
        said_one = m.group(0).lower().endswith(" one")  # "the brother one": a maker's name
        people = not_product_word(word) or word in RECIPIENTS  # "for the kids"
        if (people and not said_one) or word in _NOT_NAMES:
            continue
        forms = {word, word + "s", word.removesuffix("s")}
        named = [i for i, ws in enumerate(words) if forms & set(ws)]
        if counted := re.fullmatch(r"(\d+)[\s-]?([a-z]+)", word):
            # a count named: "the 4 pair one", "the 75 piece sets" ("4 Pair", "75 PCS" in titles)
            unit = counted.group(2).removesuffix("s")
            unit = "(?:pcs|pieces?)" if unit in ("piece", "pc", "pcs") else rf"{unit}s?"
            said = re.compile(rf"\b{counted.group(1)}\s*-?\s*{unit}\b", re.I)
            named = [i for i, t in enumerate(titles) if said.search(t)]
        if not named or len(named) == len(titles):
            continue
        if together is not None and (both := together & set(named)):
            named = sorted(both)
        together = set(named)
        matched = named
        if len(named) > 1 and not (named := [i for i in named if picked[i]]):
            # (several, none recommended: each of them, not another card: "does the Yamaha one
            # come with a sustain pedal?" beside two Yamahas had been answered of the Alesis)
            several = several or tuple(i + 1 for i in matched)
        if len(named) == 1:
            return (named[0] + 1,)
    if not several and (opening := _OPENING_NAME.match(text)):
        # a name the message opens with, said of one card: "al cass is 82??? for oil???" (had
        # been answered of the trumpet shown first)
        name = opening.group(1).lower()
        plain = [w for w in name.split() if w not in FILLER and w not in RECIPIENTS]
        said = re.compile(rf"\b{re.escape(name)}\b", re.I)
        named = [i for i, t in enumerate(titles) if said.search(t)]
        if plain and len(" ".join(plain)) >= 4 and len(named) == 1:
            return (named[0] + 1,)
    return several


#: A name a message opens with, then what is said of it: "al cass is 82???", "roc n soc has a
#: back?" (one, two or three words before the verb).
_OPENING_NAME = re.compile(
    r"^\W*(?:(?:ok|okay|so|and|but|wait|hmm+|wow|omg|lol|the)\W+)*"
    r"((?!(?:it|this|that|these|those|they|he|she|which|what|who|there|one|mine)\b)[a-z][a-z'&-]*"
    r"(?:\s+[a-z][a-z'&-]*){0,2})\s+(?:is|are|was|has|have|does|do|comes?|looks?|seems?|costs?)\b",
    re.I,
)


#: A card named as "the X one" ("does the blue one come with a stand", "the saddle one", "the tiger
#: tribe doodle one": three words, where no card says them, had put card 1 in the cart).
_THE_X_ONE = re.compile(r"\bthe\s+((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)\s+ones?\b", re.I)
#: A card taken by what it is: "get me 12 of the bubble wands", "add the balloons", "4 pairs of the
#: vic firth" (where no card said it, another card had been put in the cart).
_THE_THING_TAKEN = re.compile(
    r"(?:\b(?:\d{1,3}|a\s+dozen|a\s+couple)\s+(?:[a-z]+\s+)?of|(?:^|[.!?]\s+)\W*(?:(?:ok(?:ay)?|k|cool|great|then|so|pls|"
    # (only that one: "meh. just the hatingtoy then" had chosen the battery on screen)
    r"please|and|meh|eh|fine|alright|hmm+)\W+)*(?:add|get|take|grab|put|i'?ll\s+take|just))\s+the\s+"
    r"([a-z0-9][\w'-]*(?:\s+[a-z][\w'-]*){0,3}?)"
    r"(?=\s*(?:$|[,.!?]|\s(?:to|in|into|please|pls|too|and|then|for|thx|thanks)\b))",
    re.I,
)
#: Units a size is said in, beside its number.
_MEASURES = frozenset(["ft", "feet", "foot", "in", "inch", "inches", "mm", "cm", "m", "oz", "lb", "lbs",
                       "pc", "pcs", "ct", "count", "ml", "l", "g", "kg", "gauge", "watt", "w"])  # fmt: skip
#: Words before "one" that judge or place a card, naming no look of it.
_NOT_A_LOOK = frozenset(["cheap", "cheaper", "cheapest", "expensive", "pricier", "priciest", "big",
                         "bigger", "biggest", "small", "smaller", "smallest", "good", "better",
                         "best", "right", "wrong", "new", "old", "other", "same", "last", "first",
                         "second", "third", "fourth", "fifth", "next", "top", "only", "original",
                         "real", "nice", "nicer", "pretty", "cute", "cool", "fancy", "basic",
                         "simple", "recommended", "highest", "lowest", "rated", "popular"])  # fmt: skip


def unnamed_one(text: str, titles: Sequence[str]) -> str | None:
    """The words of "the X one" that no title on screen says ("saddle" of "the round one vs the
    saddle one" where no throne says saddle), to be said rather than answered of another card
    (it had answered of the round throne); None when a title says them or none is said."""
    return _unsaid([*_THE_X_ONE.finditer(text), *_THE_THING_TAKEN.finditer(text)], titles)


def taken_thing(text: str, titles: Sequence[str]) -> str | None:
    """What a card taken is said to be where no title on screen says it ("vic firth" of "get him
    4 pairs of the vic firth" beside other sticks); None when a title says it or none is said."""
    thing = _unsaid(list(_THE_THING_TAKEN.finditer(text)), titles)
    # (a look no card has is said, not looked for: "add the purple one to my cart")
    return None if thing is None or all(w in LOOKS or w in COLORS for w in thing.lower().split()) else thing


def _unsaid(found: Sequence[re.Match[str]], titles: Sequence[str]) -> str | None:
    stem = Stemmer.Stemmer("english").stemWord
    said = [{stem(w) for w in re.findall(r"[a-z0-9]+", t.lower())} for t in titles]
    for m in found:
        phrase = re.sub(r"\s+ones?$", "", m.group(1).lower())
        # (the words that name a thing, not those that judge or place it: "the medium shoulder
        # rest" is a shoulder rest, "the first one" nothing)
        # (nor sizes and model numbers, which titles write their own ways: "the 100mm ones" are
        # "100 x 15Mm", "the 10 ft audio2000" an "Audio2000's 10ft.")
        words = [w for w in phrase.split() if not (w in _NOT_A_LOOK or w in _NOT_NAMES
                 or not_product_word(w) or re.search(r"\d", w) or w in _MEASURES)]  # fmt: skip
        if not words:
            continue
        if not any(all(stem(w) in s for w in words) for s in said):
            return phrase
    return None


def priced_card(
    which: str | None, products: Sequence[Product], among: Sequence[bool]
) -> tuple[int, ...]:
    """The 1-based card a question names by its price or rating (`which` of cues.priced_one: "is
    the cheaper one still ok for a beginner"): of the cards `among` marks, the cheapest ("low"),
    the dearest ("high") or the best rated; () when none of them lists it."""
    if which is None:
        return ()
    pool = [i for i, p in enumerate(among) if p]
    if which == "rated":
        rated = [i for i in pool if products[i].rating is not None]
        best = max(
            rated,
            key=lambda i: (products[i].rating or 0, products[i].rating_count or 0),
            default=None,
        )
    else:
        priced = {i: p.amount for i in pool if (p := products[i].price) is not None}
        best = (min if which == "low" else max)(priced, key=priced.__getitem__, default=None)
    return () if best is None else (best + 1,)
