"""One chat turn, as a small pipeline of separate steps: understand -> revise the state -> find
candidates -> cards (sent at once) -> the model picks among the candidates (JSON-schema enum) ->
the model writes short prose with [n] marks (streamed) -> the checker reads it against the
catalog -> regenerate once, else a templated answer that says so. Each step lives in its own
module; this one only composes them and times them."""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Collection, Generator, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from decimal import Decimal
from functools import cached_property
from typing import cast

import Stemmer

from assistant.advice import (
    Card,
    Comparison,
    DepartmentPrices,
    asked_about,
    asked_answer,
    asks_size_extreme,
    checklist,
    compare,
    detail_lead,
    details_lead,
    length_named,
    lists_unpriced,
    not_carried,
    said_on,
    silent_on,
    spelling_notice,
    states_length,
    why,
)
from assistant.basket import (
    Listed,
    by_words,
    cart_list,
    choice_then_more,
    chosen_list,
    listed,
    thing_said,
)
from assistant.candidates import Candidates, asked_product, by_maker, find_candidates
from assistant.cart import (
    MAX_QUANTITY,
    Cart,
    CartError,
    add_to_cart,
    cart_of,
    last_added,
    remove_from_cart,
    set_quantity,
)
from assistant.conversations import ANYONE, Conversation, ConversationStore, Message
from assistant.cues import (
    ADD_TO_CART,
    ANY_OF,
    ASKS_PICK,
    BOOK_KINDS,
    CART_COUNT,
    CART_UNIT,
    CHEAPER,
    EMPTY_CART,
    FOR_CARD,
    FOR_IT,
    LIKE_IT,
    LOOKS,
    PRICED_ONE,
    PRICIER,
    REMOVE_FROM_CART,
    BrandLexicon,
    absent_maker,
    asks_of_it,
    asks_question,
    brand_asked,
    cart_quantity,
    choice_and_more,
    count_of,
    few_by,
    looked_one,
    priced_one,
    quantity_said,
    question_parts,
    removal_and_more,
    says_it,
    why_other,
)
from assistant.fits import (
    compound_noun,
    names_compound,
    of_kind,
    of_size,
    poorly_rated,
    shows_kind,
    title_kind,
    title_says,
)
from assistant.kinds import not_product_word, product_kind
from assistant.leads import about_lead, sizes_said
from assistant.llm import LLMBackend
from assistant.messages import clean_message
from assistant.people import read_age
from assistant.phrases import phrase
from assistant.prices import PRICED_AT_ONE, bare_price, priced_at
from assistant.query import Intent, ShoppingQuery, Sort, Understanding, understand
from assistant.reasons import title_reason
from assistant.recall import asked_of_it, earlier_card, priced_before
from assistant.sizing import size_guide
from assistant.starters import (
    StarterAsk,
    Thing,
    listed_lead,
    says_all,
    starter_lead,
    things_for,
    with_article,
)
from assistant.state import (
    ConversationState,
    advance,
    asks_maker,
    compared,
    for_card,
    named_cards,
    picked_so_far,
    priced_card,
    shown_after,
    swapped_size,
    taken_thing,
    told_of_them,
    unnamed_one,
)
from assistant.turn import (
    AnswerMeta,
    CardsShown,
    ChatRequest,
    ChatResponse,
    Done,
    QueryRead,
    Retract,
    Started,
    Token,
    TurnEvent,
    collect,
)
from assistant.unwanted import COLORS, says_unwanted
from assistant.writer import AnswerWriter, Written, by_age_only, clarifying_question
from ranking.events import Event, EventContext, EventStore, EventType
from ranking.service import RecommendationService
from retrieval.catalog import Price, Product
from retrieval.multilingual import read_words
from retrieval.search import Hit, HybridSearcher
from retrieval.vocabulary import Vocabulary

log = logging.getLogger(__name__)

CARDS = 5
#: How many of each starting thing's nearest products are weighed for its one card.
KIT_DEPTH = 8


#: Where one sentence of a message ends and the next begins.
_SENTENCES = re.compile(r"(?<=[.!;?])\s+")


@dataclass(frozen=True)
class Kit:
    """Cards for several things at once (a starting kit, the products one message lists): the
    hits, the state a follow-up revises, the lead naming each thing, and the marks recommended."""

    hits: list[Hit]
    state: ConversationState
    lead: str
    picks: list[int]


@dataclass(frozen=True)
class _Meant:
    """The cards on screen a message about them means: those it names (`named`: by number,
    price, title words or look), those it is about (`refs`: the named, else what a question
    about the cards weighs), and a look or a maker it names that no card has."""

    named: tuple[int, ...]
    refs: tuple[int, ...]
    look: str | None
    absent: str | None
    on_screen: int

    @property
    def bad(self) -> list[int]:
        """Numbers said that no card on screen has ("compare 2 and 7" under five cards)."""
        return [r for r in self.refs if not 1 <= r <= self.on_screen]


#: The cart said as where from: "from my cart", "out of the basket".
_CART_SAID = re.compile(r"\b(?:from|out\s+of|in)\s+(?:my|the)\s+(?:cart|basket)\b|\b(?:please|pls|too)\b", re.I)
#: Where a clause ends and why it is said begins: ", thats too much", " because ...".
_WHY_CLAUSE = re.compile(
    # ("remove the sticky notes i dont need them after all" had looked for all of it in the cart)
    r"[,.;!?]|\s(?:because|bc|since|cause|cuz|as)\s|\s(?:i|we)\s+(?:dont|don't|do\s+not|no\s+longer|already|changed)\b",
    re.I,
)


def _taken_out(message: str) -> str:
    """The words naming what a message takes out of the cart, not why nor anything else it says:
    "the microscope" of "actually remove the microscope, thats too much $$", "it" of "gonna wait
    for payday actually, take it out" (the wait had been looked for in the cart)."""
    if taken := re.search(r"\btake\s+(.+?)(?:\s+back)?\s+out\b", message, re.I):
        return taken.group(1)  # ("take the bag back out": the bag)
    # (the verb and the cart said are no thing: "goggles out of my cart please")
    rest = _CART_SAID.sub(" ", REMOVE_FROM_CART.sub(" ", message)).strip()
    # (nor how it is said: "remove the gems then" had said "The gems then is not in your cart")
    return re.sub(r"(?:\s+(?:then|too|also|instead|now|pls|please|thanks|thx))+\s*$", "",
                  _WHY_CLAUSE.split(rest, maxsplit=1)[0], flags=re.I)


#: A card's place on screen, said: "the second one", "the 3rd", "the last".
_PLACE_WORD = re.compile(r"first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th|one|ones")
#: Putting in the cart, said around the thing put there.
_CART_VERB = re.compile(
    rf"\b(?:add|put|throw\s+in|in(?:to)?\s+(?:my|the)\s+cart|ok(?:ay)?|please|pls"
    rf"|{CART_COUNT}\s+(?:{CART_UNIT}\s+)?of)\b",
    re.I,
)


#: A maker named as the card's: "not that brand, we have like 4 of theirs already".
_THAT_BRAND = re.compile(
    r"\b(?:not|no|nothing\s+(?:from|by)|anything\s+but|avoid|except|skip)\s+(?:that|this|the\s+same)\s+"
    r"(?:brand|company|manufacturer)\b", re.I
)


def _brand_named(
    message: str, state: ConversationState, shown: Sequence[Product], made: Callable[[str], bool]
) -> str:
    """The message with "that brand" said as the maker of the card the talk is about, else of
    the first recommended ("not that brand, ..." had searched "not 4 theirs"): its brand, else
    the word its title starts with where that is a maker's (`made`)."""
    said = _THAT_BRAND.search(message)
    card = next((p for p in shown if p.id in state.focus), None) or next(
        (p for p in shown if p.id in state.picked), None
    )
    if said is None or card is None:
        return message
    first = card.title.split()[0]
    name = card.brand or (first if made(first) else None)
    return f"{message[: said.start()]}not {name}{message[said.end() :]}" if name else message


def _short(title: str, words: int = 6) -> str:
    """A product's title cut to its first words, for a lead that names it off the screen."""
    head = title.split()
    return " ".join(head[:words]) + ("…" if len(head) > words else "")


#: A card named by a count its title says: "the 4 pair one", "the 75 piece set".
_THE_COUNT_ONE = re.compile(r"\bthe\s+\d+[\s-]?[a-z]{2,}(?:\s+(?:one|ones|set|sets|pack|packs))?\b", re.I)


@dataclass(frozen=True)
class _Shown:
    """What a turn shows before the answer is written: the cards, the state they leave, the
    notice and comparison beside them, whether they are what was asked (`close`), the lead the
    turn already knows (`known`), and whether they are a close look at cards on screen (`focus`:
    the list on screen stays as it was)."""

    cards: list[Card]
    state: ConversationState
    notice: str | None = None
    comparison: Comparison | None = None
    found: Candidates = field(default_factory=lambda: Candidates(()))
    close: bool = True
    known: str | None = None
    focus: bool = False
    #: The cards the known lead recommends (default: those recommended before).
    picks: tuple[int, ...] | None = None
    #: The card the shopper chose ("ok i'll take the second"), and the mark of the card that
    #: best fits what else they asked beside it (`_chosen_and_more`).
    chosen: Card | None = None
    more: int | None = None

    @property
    def checklist(self) -> tuple[str, ...]:
        """What to check before buying in the first card's department."""
        return checklist(self.cards[0].product.department) if self.cards else ()


def _product_words(said: str) -> list[str]:
    """The words of what a cart change names that could name a product: not places on screen
    ("the second one") nor words that name none ("it", "those", "too")."""
    return [w for w in re.findall(r"[a-z0-9]{3,}", said.lower())
            if not not_product_word(w) and not _PLACE_WORD.fullmatch(w)]  # fmt: skip


@dataclass(frozen=True)
class _Taken:
    """A card taken out of the cart before the rest of the message (`rest`) is read: what the
    removal said (`known`), and the cart before and after it."""

    rest: str
    known: str
    before: Cart
    after: Cart | None

    def said_with(self, shown: _Shown, cart: Cart | None, language: str) -> tuple[_Shown, Cart | None]:
        """The turn's screen and cart with the removal said: before the lead where the rest
        changed the cart too (its count and total said once, after both), else beside the
        cards as the turn's notice."""
        if cart is not None and shown.known and self.after is not None:
            kept = {line.product_id for line in self.after.lines}
            gone = [line for line in self.before.lines if line.product_id not in kept]
            took = phrase(language, "taken_out", what=_short(gone[0].title)) if gone else self.known
            return replace(shown, known=f"{took} {shown.known}"), cart
        notice = " ".join(x for x in (self.known, shown.notice) if x)
        return replace(shown, notice=notice or None), cart if cart is not None else self.after


@dataclass
class _Timer:
    started: float = field(default_factory=time.perf_counter)

    def now(self) -> float:
        return round(time.perf_counter() - self.started, 3)


def _in_budget(product: Product, state: ConversationState) -> bool:
    """Whether a product's price lies within the bounds the shopper set."""
    if product.price is None:
        return False
    amount = float(product.price.amount)
    low, high = state.min_price, state.max_price
    return (low is None or amount >= float(low)) and (high is None or amount <= float(high))


def _refined_notice(
    query: ShoppingQuery, cards: Sequence[Card], shown: Sequence[Product], notice: str | None
) -> str | None:
    """What a refinement's new cards should say (`notice`: what the search said of them):
    nothing priced to go by for "cheaper" (said over anything else), the search's own notice, no
    card of the size or look asked (not shown silently), a list that already fitted (the request
    was heard); None when the cards answer it."""
    if (query.cheaper or query.pricier) and shown and not any(p.price for p in shown):
        return phrase(query.language, "unpriced")  # "cheaper" than products that list no price
    if notice is not None:
        return notice
    if (
        query.sizes
        and cards
        and not any(of_size([c.product for c in cards], ConversationState(sizes=query.sizes)))
    ):  # "and in a 12 inch size?" after 6 inch calipers: say none is, not show them silently
        return phrase(query.language, "no_size", sizes=sizes_said(query.sizes, query.language))
    looks = [w for w in query.narrows.lower().split() if w in LOOKS]  # a colour, a material
    if (
        looks
        and query.language == "en"
        and cards
        and not any(all(title_says(c.product.title, w) for w in looks) for c in cards)
    ):  # "any in dark green" after blue-ink pens: say none is, not "the list already fits"
        return phrase(query.language, "no_size", sizes=" ".join(looks))
    if asks_maker(query) and cards:
        # "or cordoba?" where no card is by Cordoba: say so, not show others silently
        missing = [m for m in query.brands if not any(by_maker(c.product, (m,)) for c in cards)]
        if missing:
            makers = phrase(query.language, "list_last").join(m.title() for m in missing)
            key = "no_maker" if len(missing) == len(query.brands) else "no_maker_some"
            return phrase(query.language, key, makers=makers)
    if cards and shown and [c.product.id for c in cards] == [p.id for p in shown[: len(cards)]]:
        # "not Kyser" when none was: say the request was heard (a quality asked more of, "bigger
        # ones", is no list that already fits: the search for it found nothing else)
        return phrase(query.language, "refined_any" if query.narrows else "unchanged")
    return None


def _one_named(
    comparison: Comparison, query: ShoppingQuery, cards: Sequence[Card], picks: set[int]
) -> tuple[str, ...]:
    """The one card a comparison's answer is about: the one it recommends, else the cheapest or
    best rated one the shopper asked for; none when it weighed several."""
    if len(picks) == 1:
        return tuple(c.product.id for c in cards if c.mark in picks)
    winner = {Sort.cheapest: comparison.cheapest, Sort.best_rated: comparison.best_rated}.get(
        query.sort
    )
    return (winner,) if winner else ()


#: Two things put in the cart at once, each with its count: "12 of the first beaker and 2 boxes
#: of the first gloves".
_TWO_COUNTS = re.compile(
    r"\b\d{1,3}\s+(?:[\w-]+\s+){0,3}?of\s+the\b.*\band\s+\d{1,3}\s+(?:[\w-]+\s+){0,3}?of\s+the\b", re.I
)


#: A sentence asking, question mark or not: "LMAO the snl one. can he actually put it on his
#: drum set or is it just a shelf thing".
_ASKED_AFTER = re.compile(
    r"(?:^|[.!?;,]\s+)(?:can|could|does|do|is|are|will|would|what|whats|what's|how|which|why|where)\s", re.I
)
#: How many products a card named but not on screen is looked for among.
_LOOKED_UP = 20
#: At most this many titles carry a word that names one card wherever it is ("snl", "banjira").
_RARE_TITLES = 5


#: A card named by its words, and nothing more: "the scottie one", "the red ones too".
_A_CARD_NAMED = re.compile(r"^\W*(?:(?:and|also)\s+)*(?:(?:need|want|get|add)\s+)?(?:the|that)\s+(?:[\w'-]+\s+){1,3}ones?(?:\s+too)?\W*$", re.I)
#: A card taken, said first: "ok the 20 dollar 2 pack then", "fine, the $13 one".
_TAKEN_BY_PRICE = re.compile(r"^\W*(?:(?:ok(?:ay)?|fine|alright|yeah|yes|so|then|k)\W+)*(?:just\s+)?(?:the|that)\s+\$?\d", re.I)


def _priced_card(text: str, shown: Sequence[Product]) -> int | None:
    """The one card on screen a message names by its price ("the 20 dollar 2 pack" of the
    $19.98 pair), by a price said or a bare number that is one card's; None otherwise."""
    if (at := priced_at(text)) is None:
        return _bare_priced(text, shown)
    near = [i + 1 for i, p in enumerate(shown) if p.price and abs(p.price.amount - at) < 1]
    return near[0] if len(near) == 1 else None


def _bare_priced(text: str, shown: Sequence[Product]) -> int | None:
    """The card a message names by a bare number that is its price and no title's ("the 278
    one" of the $278 handpan), None where it names none so."""
    if (bare := bare_price(text)) is None:
        return None
    number, typed = bare
    near = [i + 1 for i, p in enumerate(shown) if p.price and abs(p.price.amount - number) < 1]
    said = re.compile(rf"(?<![\d.]){re.escape(typed)}(?![\d])")
    return near[0] if len(near) == 1 and not any(said.search(p.title) for p in shown) else None


def _of_kind(title: str, kind: str | None) -> bool:
    """Whether a title names the kind talked of, as a word's start ("board" is no "Keyboard";
    "string" is "Strings"; "pedalboard" is "Pedal Board")."""
    word = (kind or "").lower().removesuffix("s")
    # (a compound written apart: a "pedalboard" is a "Pedal Board")
    forms = [re.escape(word), *(rf"{re.escape(word[:i])}[\s-]{re.escape(word[i:])}" for i in range(3, len(word) - 2))]
    return bool(kind) and bool(re.search(rf"\b(?:{'|'.join(forms)})", title, re.I))


def _says_look(title: str, word: str) -> bool:
    """Whether a title says a look or material the shopper named, "wooden" of a "Wood Case" too."""
    return title_says(title, word) or (word.endswith("en") and title_says(title, word[:-2]))


class ChatPipeline:
    """Composes the steps of a turn over the services it is given (see module docstring)."""

    def __init__(
        self, searcher: HybridSearcher, conversations: ConversationStore, llm: LLMBackend | None,
        behaviour: RecommendationService | None = None, events: EventStore | None = None,
        answer_tokens: int = 120, model_picks: bool = False,
        model_lead_languages: Sequence[str] = (),
    ) -> None:  # fmt: skip
        self.searcher = searcher
        self.catalog = searcher.catalog
        self.conversations = conversations
        self.llm = llm
        self.behaviour = behaviour
        self.events = events
        self.answer_tokens = answer_tokens
        self.departments = list(self.catalog.columns.departments)
        self.brands = BrandLexicon((p.brand for p in self.catalog), (p.title for p in self.catalog))
        self.prices = DepartmentPrices(self.catalog)
        self.brand_names = sorted(
            {p.brand.strip() for p in self.catalog if p.brand and len(p.brand.strip()) >= 4}
        )
        self.writer = AnswerWriter(llm, searcher.embedder, self.brand_names, answer_tokens,
                                   model_picks=model_picks,
                                   model_lead_languages=model_lead_languages)  # fmt: skip

    @cached_property
    def vocabulary(self) -> Vocabulary:
        """The catalog's words, built on the first message (a few seconds at 29k products)."""
        return Vocabulary(self.catalog)

    def read(
        self, message: str, shown: Sequence[Product] = (), before: str = "en", model: bool = True
    ) -> Understanding:
        """Understanding one message: the model's reading checked by the words and the catalog
        (`before`: the conversation's language so far; `model`: False reads the words alone)."""
        channel = self.searcher.multilingual  # attached once built: until then the model translates
        llm = self.llm if model else None
        return understand(message, llm, self.departments, [p.title for p in shown], self.brands,
                          vocabulary=self.vocabulary,
                          aligner=channel.align if channel is not None else None, before=before)  # fmt: skip

    def find(self, state: ConversationState, user_id: str | None = None,
             session_id: str | None = None, k: int = CARDS, more: bool = False) -> Candidates:  # fmt: skip
        """The products for a state: retrieval, need fit, behaviour, sort (see candidates.py)."""
        return find_candidates(state, self.searcher, self.behaviour, user_id, session_id, k, more)

    def starter_kit(
        self, query: ShoppingQuery, user_id: str | None = None, session_id: str | None = None
    ) -> Kit:
        """ "What do I need to start the saxophone?": the best carried product of each thing it
        takes (the thing itself under the shopper's age and recipient; every thing under their
        budget and rating), the state of the thing itself (what a later "cheaper" revises), and
        the lead that names each thing beside its card and says which the store lacks."""
        assert query.starter is not None
        ask = StarterAsk(query.starter, query.starter_owned)
        things = things_for(StarterAsk(ask.activity, owned=False))
        hits, itself, found = self._kit(query, things, ask.owned, 1, user_id, session_id)
        return Kit(
            hits, itself, starter_lead(ask, found, query.language), [m for _, m in found if m]
        )

    def listed_kit(
        self, query: ShoppingQuery, user_id: str | None = None, session_id: str | None = None
    ) -> Kit:
        """ "2 things: a desk organizer for pens and also a stapler that doesnt jam": the best of
        each product asked for (two of each when two are asked), each under the message's budget,
        rating, age and recipient, the first of each recommended; the state of the first."""
        things = tuple(Thing(search=item, names=()) for item in query.items)
        per = max(1, CARDS // len(things))
        hits, itself, found = self._kit(query, things, False, per, user_id, session_id)
        return Kit(hits, itself, listed_lead(found, query.language), [m for _, m in found if m])

    def _kit(
        self, query: ShoppingQuery, things: Sequence[Thing], owned: bool, per: int,
        user_id: str | None, session_id: str | None,
    ) -> tuple[list[Hit], ConversationState, list[tuple[Thing, int | None]]]:  # fmt: skip
        """The best `per` carried products of each thing (the first thing's under the shopper's
        age, recipient and preferences; `owned`: the shopper has it, so it is not shown), the
        first thing's state, and each thing with the mark of its first card (None: not carried)."""
        kept = {
            f: getattr(query, f)
            for f in ("min_price", "max_price", "min_rating", "min_rating_count", "language")
        }
        hits: list[Hit] = []
        found: list[tuple[Thing, int | None]] = []
        itself = None
        listed = bool(query.items)
        if listed and len(things) > 1:
            # a budget said of several things is for them all: no floor for each ("a ukulele + a
            # clip-on tuner + a soft case, around 80 for the whole thing" had shown a $87 harmonica
            # case, the ukulele cases being under the $64 floor)
            kept["min_price"] = None
        for thing in things:
            reading = understand(
                thing.search, None, self.departments, (), self.brands, vocabulary=self.vocabulary
            )
            state = advance(ConversationState(), reading.query, self.catalog)
            state = state.model_copy(update=kept)
            if itself is None:
                itself = state = state.model_copy(update={
                    f: getattr(query, f)
                    for f in ("age_min", "age_max", "recipient", "gift", "prefer_cheap", "prefer_rated")
                })  # fmt: skip
                if owned:
                    continue
            candidates = self.find(state, user_id, session_id, k=KIT_DEPTH)
            taken = {h.product.id for h in hits}
            fresh = [h for h in candidates.hits if h.product.id not in taken]
            # the thing itself, not what fits it (a guitar pickup had been "a guitar"), and
            # not a beginner's reeds rated 2.8 of 5: the nearest of its kind rated fairly
            products = [h.product for h in fresh]
            named = (
                names_compound(products, state)
                if listed
                else [says_all(p, thing) for p in products]
            )
            kind = [h for h, ok, said in zip(fresh, of_kind(products, state), named, strict=True)
                    if ok and said]  # fmt: skip
            kind.sort(key=lambda h: poorly_rated(h.product))  # stable: the search order within
            room = CARDS - len(hits)
            if listed:  # named in the lead as the shopper said it: "stapler", "desk organizer"
                thing = Thing(thing.search, (("en", with_article(asked_product(state))),))
            if not kind or not candidates.close_match:
                found.append((thing, None))
            elif room > 0:
                found.append((thing, len(hits) + 1))
                hits.extend(kind[: min(per, room)])
        assert itself is not None
        return hits, itself, found

    # -- steps -------------------------------------------------------------------------------

    def cards_for(self, hits: Sequence[Hit] | Sequence[Product], query: str = "",
                  history: list[int] | None = None, marks: Sequence[int] = ()) -> list[Card]:  # fmt: skip
        """The cards for these products, numbered from 1 or by `marks` (a close look at cards on
        screen keeps the numbers the shopper saw them under)."""
        cards = []
        for mark, item in zip(marks or range(1, len(hits) + 1), hits, strict=True):
            product = item.product if isinstance(item, Hit) else cast(Product, item)
            reasons = (self.behaviour.reasons(self.catalog.position(product.id), history)
                       if self.behaviour is not None and history else ())  # fmt: skip
            # (a card named is one asked about; the cards a turn leaves as they were, "thanks!" or
            # a look no card has, are still on screen, not each "asked about")
            line = (
                why(item, query, reasons) if isinstance(item, Hit)
                else "you asked about this one" if marks else "still on screen"
            )  # fmt: skip
            cards.append(Card(mark=mark, product=product, price=product.price_label, why=line,
                              value=self.prices.note(product)))  # fmt: skip
        return cards

    def _log_shown(self, request: ChatRequest, cards: Sequence[Card], query: ShoppingQuery) -> None:
        if self.events is None or not request.user_id or not cards:
            return
        now = datetime.now(UTC)
        self.events.append([
            Event(user_id=request.user_id, session_id=request.session_id, product_id=c.product.id,
                  type=EventType.recommendation_shown, timestamp=now,
                  context=EventContext(query=query.text[:1000], position=c.mark - 1, source="chat"))
            for c in cards])  # fmt: skip

    def _departments(self) -> str:
        """The store's departments, as a list said in words ("Kindle Store, Musical Instruments and
        Toys & Games")."""
        names = list(self.catalog.columns.departments)
        return (
            " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)
        )

    def _written(self, request: ChatRequest, shown: _Shown, query: ShoppingQuery, timer: _Timer,
                 cancelled: threading.Event | None, kit: Kit | None = None,
                 ) -> Generator[Token | Retract, None, Written]:  # fmt: skip
        """The written answer, its streamed pieces turned into events (`kit`: cards for several
        things, whose lead names each and whose picks are recommended; `shown.known`: the lead
        the turn already has, the cards recommended before staying so)."""
        cards, state, comparison, known = shown.cards, shown.state, shown.comparison, shown.known
        notice, close = shown.notice, shown.close
        picks = lead = reasons = None
        if known is not None:  # the turn knows what to say: "None of these is by Meinl."
            picks = (
                list(shown.picks)
                if shown.picks is not None
                else [c.mark for c in cards if c.product.id in state.picked]
            )
            lead = known
        elif kit is not None:
            picks, lead = list(kit.picks), kit.lead
        elif comparison is not None and (pick := self._pick(cards, state, query, comparison)):
            picks, lead = pick
        elif comparison is not None:  # the table says it all: the lead is read off the comparison
            # the stars follow the lead: the listings that say what was asked, or its pick; none
            # where no card was recommended before (none is what the shopper asked for)
            recommended = any(c.product.id in state.picked for c in cards)
            lead, marks = asked_answer(query.text, comparison, cards, query.language, state.picked,
                                       # (one about price or rating: the table answers it)
                                       read=query.search if query.language != "en"
                                       and query.sort is Sort.relevance else "")  # fmt: skip
            picks = list(marks) if recommended else []
            table_only = lead.rstrip().endswith((":", "："))  # the table had nothing to read
            if table_only and query.sort in (Sort.cheapest, Sort.best_rated):
                # "which is the cheapest one" where none lists a price (or "which has the best
                # reviews" where none is rated): say so, and star none
                lead = phrase(
                    query.language, "unpriced" if query.sort is Sort.cheapest else "unrated"
                )
                picks = []
            elif not recommended and table_only:
                # none of the cards was what the shopper asked for, and the table has no price or
                # rating to read ("Side by side, from the catalog:" had starred every card); of
                # cards asked about, what was asked is what no listing says ("the digital one,
                # does it need batteries" of two digital ones)
                lead = phrase(query.language, "asked_none" if query.intent is Intent.detail else "none_close")
        elif query.intent is Intent.detail and len(cards) == 1:
            # "is the first one good for kids?": what its listing says about that; "tell me about
            # the second one": its facts (there is no other card for it to fit best among)
            picks = [cards[0].mark]
            lead = self._detail(query, cards[0]) or about_lead(
                cards[0], state, query.language, request.message
            )
        elif (
            query.intent in (Intent.new, Intent.refine)
            and cards
            and (not (state.search or state.kind or state.interests) or by_age_only(state))
            and (question := clarifying_question(state, query.language))
        ):
            # "gift ideas?": nothing to fit, so no card "fits best" (a bottle-cap tree had been
            # starred as the cheapest): a start, and what would narrow it
            picks, lead = [], f"{phrase(query.language, 'broad')} {question}"
        elif not close and cards:  # not what was asked: no "[1] suits you because", the nearest
            # "the closest we have" only in the request's own department: a toy plane is no
            # near thing to an air fryer, nor shoelaces to running shoes
            near = cards[0].product.department == (state.department or state.department_hint)
            lead = phrase(query.language, "closest" if near else "none_close", mark=cards[0].mark)
            # one nearest card in the department, not three unrelated ones recommended; outside
            # it none (a toy plane starred for an air fryer)
            picks = [cards[0].mark] if near else []
            # what that card is, not its advert: its best sentence for a request it does not
            # answer was nonsense ("it is very perfect for the other electronic build" for a tv)
            reasons = [title_reason(cards[0].product)]
        if query.intent in (Intent.compare, Intent.detail) and (
            guide := size_guide(query.text, query.age or state.age,
                                [(c.mark, c.product.title) for c in cards], state.kind, query.language)
        ):  # fmt: skip
            # "is 3/4 size ok for a 9 year old?": no listing says, a sizing guide does
            lead = (
                f"{guide} {lead}"
                if lead and lead != phrase(query.language, "listing_no_ages")
                else guide
            )
            picks = (
                picks
                if picks is not None
                else [c.mark for c in cards if c.product.id in state.picked]
            )
        said = (state.min_price, state.max_price, state.min_rating)
        allowed = [Decimal(str(x)) for x in said if x is not None]
        gen = self.writer.write(request.message, cards, state, query, notice, picks, timer,
                                cancelled, allowed, lead, reasons=reasons,
                                # (a question about the cards on screen: the tip was said with them)
                                tips=(close or kit is not None)
                                and query.intent not in (Intent.compare, Intent.detail),
                                recommend=picks != [])  # fmt: skip
        while True:
            try:
                piece = next(gen)
            except StopIteration as stop:
                return cast(Written, stop.value)
            if piece.kind == "token":
                yield Token(text=piece.text)
            else:
                yield Retract(violations=piece.violations, reason=piece.reason)

    def _detail(self, query: ShoppingQuery, card: Card) -> str | None:
        """What the card's listing says to a question about it (see `detail_lead`); a message
        asking two things is answered on each ("does the second one need phantom power? and does
        it come with a stand" had looked for "phantom power" alone; "la seconda ha i tasti pesati?
        e quanto costa con il supporto" for "weighted keys stand" together)."""
        # (the question, not what was told before it: "the teacher said 3/4 size. does that one
        # come with a bow and a case?" had been answered on its size: "gives no age range")
        # (a sentence ended by "." or "!" tells; one ended by "?" or by nothing may ask: "does the
        # first one come with a case? and does it have a warp drive" asks both)
        sentences = [s for s in _SENTENCES.split(query.text.strip()) if s]
        asked = [s for s in sentences if not s.rstrip().endswith((".", "!", "。", "！"))]
        text = " ".join(asked) if asked and len(asked) < len(sentences) else query.text
        parts = question_parts(text)
        if len(parts) < 2:
            return detail_lead(text, card, query.language, query.search, query.age)
        leads = []
        for part in parts:
            # (each part's English words, read off the words alone: no second model call)
            read = "" if query.language == "en" else self.read(
                part, [card.product], query.language, model=False).query.search  # fmt: skip
            # (the age a part says is its own: "ok for a 4 year old? and does it need batteries")
            age = query.age if read_age(part) is not None else None
            if (said := detail_lead(part, card, query.language, read, age)) is not None:
                leads.append(said)
        return details_lead(leads, query.language) or None

    def _pick(self, cards: Sequence[Card], state: ConversationState, query: ShoppingQuery,
              comparison: Comparison) -> tuple[list[int], str] | None:  # fmt: skip
        """For "which one would you pick for him?" (asking nothing else of the cards): the card
        the answer found best for the request, said with why in the shopper's terms, and the
        cheapest beside it when that is another card; None for any other question, or when no
        card was recommended (none is what was asked: no pick to stand by). It had been answered
        with the cheapest and the best rated, and no choice."""
        best = next((c for c in cards if c.product.id in state.picked), None)
        if best is None or not ASKS_PICK.search(query.text):
            return None
        if query.language == "en" and asked_about(query.text):
            return None  # "what would you choose for hot yoga": what the listings say of it
        lead = self.writer.templated_lead(best, cards, state, query)
        cheap = next((c for c in cards if c.product.id == comparison.cheapest), None)
        if cheap is not None and cheap.mark != best.mark:
            lead += " " + phrase(query.language, "pick_cheaper", mark=cheap.mark, price=cheap.price)
        return [best.mark], lead

    # -- the turn ----------------------------------------------------------------------------

    def open(self, request: ChatRequest, staff: bool = False) -> Conversation:
        """The request's conversation, or a new one owned by its user. Continuing one needs its
        owner's user id (`staff`: any conversation, for agents)."""
        if request.conversation_id:
            owner = ANYONE if staff else request.user_id
            return self.conversations.get(request.conversation_id, owner, messages=False)
        return self.conversations.create(request.user_id, request.session_id)

    def turn(
        self,
        request: ChatRequest,
        conv: Conversation | None = None,
        cancelled: threading.Event | None = None,
    ) -> Iterator[TurnEvent]:
        """Run one turn, yielding events as they happen; the last is `done` with the ChatResponse.
        `conv`: the conversation already opened with `open` (so a bad id fails before streaming).
        The steps: record the message, read it, revise the state, show the cards (a kit, a close
        look at the cards on screen, or a search), write the answer, record it."""
        timer = _Timer()
        conv = conv or self.open(request)
        yield Started(conversation_id=conv.id)
        self.conversations.record_turn(conv.id, conv.state, [
            Message(role="user", content=request.message, timestamp=datetime.now(UTC))])  # fmt: skip
        shown = [self.catalog.get(i) for i in conv.state.shown if i in self.catalog]
        conv, shown, message, bare = self._went_back(request.message, conv, shown)
        message = _brand_named(message, conv.state, shown, self.brands.made)
        taken = self._taken_first(request, message, conv.state, shown)
        if taken is not None:
            message = taken.rest  # "remove the gems then. is there a float ...": the float
        kit = None
        then: ShoppingQuery | None = None  # a question asked of the cards the turn shows
        several = self._several_to_cart(request, message, conv.state, shown)
        if isinstance(several, str):
            message, several = several, None  # one card and something more: read as such
        if several is not None:
            reading, query, shown_now, cart = several  # "add the 2nd one and the value pack"
            yield QueryRead(query=query, overruled=reading.overruled)
        elif chosen := self._chosen_and_more(message, conv.state, shown, request):
            reading, query, shown_now = chosen  # "ok the 3rd one. also need picks"
            yield QueryRead(query=query, overruled=reading.overruled)
        else:
            reading, query = self._read_turn(message, conv.state, shown)
            if (asked_after := self._asked_after(message, query, conv.state, shown)) is not None:
                told, query, then = asked_after  # "not the travel one. which is the biggest"
                reading = told or reading
            if bare:  # "go back to the first puzzle you showed": that card, its facts
                query = query.model_copy(update={"intent": Intent.detail, "references": (bare,),
                                                 "move": "", "search": ""})  # fmt: skip
            yield QueryRead(query=query, overruled=reading.overruled)
            state = advance(conv.state, query, self.catalog)
            if (
                query.intent is Intent.new
                and len(query.references) == 1
                and (0 < query.references[0] <= len(shown))
                # (not any ordinal: "is there a first aid kit for kids" is for no card)
                and FOR_CARD.search(query.text)
            ):  # "and sticks that go with the first one?": for that card
                state = for_card(state, shown[query.references[0] - 1], conv.state)
            kit = self._kit_asked(query, request)
            if kit is not None:
                cards = self.cards_for(kit.hits, kit.state.search_text())
                # (the talk's earlier products stay the talk's: "go back to ..." after a kit)
                talk = kit.state.model_copy(update={"shown_before": conv.state.shown_before,
                                                    "picked_before": picked_so_far(conv.state)})
                shown_now = _Shown(cards, shown_after(talk, [c.product.id for c in cards]))
            elif query.intent in (Intent.compare, Intent.detail):
                shown_now = self._look(query, state, shown)
            elif (kept := self._told_kept(query, conv.state, state, shown)) is not None:
                shown_now = kept  # "she already has rosin": the same cards, less the rosin
            else:
                shown_now = self._search(query, state, shown, request)
        if then is not None and len(shown_now.cards) >= 2 and not shown_now.focus:
            looked = self._look(then, shown_now.state, [c.product for c in shown_now.cards])
            shown_now = replace(looked, notice=shown_now.notice or looked.notice, found=shown_now.found)
        else:
            then = None  # (not asked of these cards: the answer is the narrowing's)
        if several is None:
            shown_now, cart = self._put_in_cart(request, message, query, shown_now)
        if taken is not None:
            shown_now, cart = taken.said_with(shown_now, cart, query.language)
        first_cards = timer.now()
        yield CardsShown(cards=tuple(shown_now.cards), notice=shown_now.notice,
                         comparison=shown_now.comparison, checklist=shown_now.checklist,
                         relaxed=shown_now.found.relaxed)  # fmt: skip
        self._log_shown(request, shown_now.cards, query)
        written = yield from self._written(request, shown_now, then or query, timer, cancelled, kit)
        answer, state = self._answered(conv, query, reading, shown_now, written, first_cards, timer)
        answer = answer.model_copy(update={"cart": cart}) if cart is not None else answer
        self.conversations.record_turn(conv.id, state, [Message(
            role="assistant", content=answer.text, timestamp=datetime.now(UTC),
            data={"cards": [c.product.id for c in answer.cards],
                  "recommended": [c.product.id for c in answer.cards if c.recommended],
                  "notice": answer.notice, "meta": answer.meta.model_dump(mode="json")})])  # fmt: skip
        yield Done(response=answer)

    def _told_kept(
        self, query: ShoppingQuery, before: ConversationState, state: ConversationState,
        shown: Sequence[Product],
    ) -> _Shown | None:  # fmt: skip
        """A follow-up that only tells what is not wanted ("she already has rosin lol the teacher
        gave her some" after what a violin beginner needs; "he'd never sit still for a puzzle"):
        the cards on screen less those saying it, in their order, where two or more stay and
        nothing else (price, age, sizes, makers, look) changed; None otherwise (searched). The
        rosin card had gone, and the violin kit with it: a violin book and an electric violin
        were shown."""
        if not (query.told and query.intent is Intent.refine and len(shown) >= 2 and not query.narrows):
            return None
        same = ("min_price", "max_price", "age_min", "age_max", "sizes", "attributes", "brands",
                "exclude_brands", "min_rating", "sort", "prefer_cheap", "prefer_rated")  # fmt: skip
        if any(getattr(state, f) != getattr(before, f) for f in same):
            return None
        if state.unwanted == before.unwanted:
            # nothing to change: the cards stay as they were ("the neighbors already complained
            # so anything to make it quieter" after what a drum kit needs had shown drum sets)
            cards = self.cards_for(shown)
            return _Shown(cards, shown_after(state, [c.product.id for c in cards]),
                          notice=phrase(query.language, "unchanged"))  # fmt: skip
        kept = [p for p in shown if not says_unwanted(p.title, state.unwanted)]
        if len(kept) < 2 or len(kept) == len(shown):
            return None
        cards = self.cards_for(kept)
        return _Shown(cards, shown_after(state, [c.product.id for c in cards]))

    def _went_back(
        self, message: str, conv: Conversation, shown: list[Product]
    ) -> tuple[Conversation, list[Product], str, int | None]:
        """A card of an earlier answer asked for again ("go back to the first puzzle you showed",
        "the plush one you showed first, does it need batteries?"): on screen again, alone, and
        what else the message asks is asked of it ("tell me about it", and its mark, where nothing
        is); a card still on screen stays where it is, the one the talk is about. The
        conversation, screen and message unchanged where the message goes back to no card."""
        earlier = [self.catalog.get(i) for i in conv.state.shown_before if i in self.catalog]
        product = earlier_card(message, earlier) or priced_before(message, earlier, shown)
        if product is None and (product := self._put_in_before(message, conv.state, earlier, shown)):
            # put in the cart as said: "add the gretsch too" after the amps followed the basses
            # (the Gretsch had been searched for beside the amps)
            state = conv.state.model_copy(update={
                "shown": (product.id,), "picked": (product.id,), "focus": (product.id,),
                "looked_up": (), "picked_before": picked_so_far(conv.state)})  # fmt: skip
            return conv.model_copy(update={"state": state}), [product], message, None
        if (
            product is None
            and (asks_question(message) or _ASKED_AFTER.search(message))
            and not re.search(ADD_TO_CART, message, re.I)
            and (looked := self._sized_elsewhere(message, conv.state, shown)
                 or self._named_elsewhere(message, conv.state, shown, earlier))
        ):  # fmt: skip
            # a card asked about that is not on screen, looked up: beside the cards on screen
            # (which later turns may still name: "those schleich horses"), the one the talk is
            # about now
            state = conv.state.model_copy(update={"shown": (*conv.state.shown, looked.id),
                                                  "looked_up": (*conv.state.looked_up, looked.id),
                                                  "focus": (looked.id,)})  # fmt: skip
            asked = asked_of_it(message)
            back = conv.model_copy(update={"state": state})
            mark = len(state.shown)
            return back, [*shown, looked], asked or phrase(state.language, "about_it"), None if asked else mark
        if product is None:
            return conv, shown, message, None
        # (a put-in stays one: "add the microscope you showed first" had been told about it)
        asked = message if re.search(ADD_TO_CART, message, re.I) else asked_of_it(message)
        if product.id in conv.state.shown:
            # (on screen still: the screen stays, the card is the one the talk is about)
            state = conv.state.model_copy(update={"focus": (product.id,)})
            mark = conv.state.shown.index(product.id) + 1
        else:
            state = conv.state.model_copy(update={
                "shown": (product.id,), "picked": (product.id,), "focus": (product.id,),
                "looked_up": (), "picked_before": picked_so_far(conv.state)})  # fmt: skip
            shown, mark = [product], 1
        back = conv.model_copy(update={"state": state})
        return back, shown, asked or phrase(state.language, "about_it"), None if asked else mark

    def _sized_elsewhere(
        self, message: str, state: ConversationState, shown: Sequence[Product]
    ) -> Product | None:
        """The product a message names by a length no card on screen states ("that 21 inch wood
        one is gorgeous tho. does it come with the dice" beside 15- and 18-inch boards, answered
        of the first 15-inch one): the first of the kind talked of whose title states it, looked
        up whatever the budget (the shopper named it); None where a card on screen states it."""
        if state.language != "en" or not shown or not state.kind or not (said := length_named(message)):
            return None
        inches, words = said
        if any(states_length(p, inches) for p in shown):
            return None
        return self._look_up(state, words, lambda p: states_length(p, inches) and _of_kind(p.title, state.kind))

    def _named_elsewhere(
        self, message: str, state: ConversationState, shown: Sequence[Product], earlier: Sequence[Product]
    ) -> Product | None:  # fmt: skip
        """A card the message names by words no title on screen carries ("how does the monkey one
        'wrap around your waist'", "what does redblemished mean on the banjira one": said to be
        on no card, or answered of another): the first of an earlier screen whose title says
        them, else the first the catalog finds for them with the kind talked of, whatever the
        budget (the shopper named it); None where a look alone names it ("the blue one" is said
        to be on no card), where the message turns it down ("not the monkey one"), or where
        nothing carries them."""
        if state.language != "en" or not shown:
            return None
        titles = [p.title for p in shown]
        maker = absent_maker(message, titles, self.brands)
        words = maker or unnamed_one(message, titles)
        said = (words or "").lower().split()
        # (common words only of the kind talked of, rare ones ("the snl one", a maker) whatever
        # it is: "the monkey one" after a story read as "voice kids" had found a monkey plush for
        # a ventriloquist's dummy)
        counts = self.vocabulary.title_counts
        rare = bool(maker) or (bool(said) and min(counts.get(w, 0) for w in said) <= _RARE_TITLES)
        if not said or all(w in LOOKS or w in COLORS for w in said) or re.search(
            rf"\b(?:not|no|without|except|skip|minus|instead\s+of)\s+(?:the\s+|that\s+)?{re.escape(words or '')}",
            message,
            re.I,
        ):
            return None

        def says(product: Product) -> bool:
            # (a maker's with its look, anywhere: "the yellow gator one" is the "Gator ... Pedal
            # Board ..., Overdrive Yellow")
            if len(said) > 1 and any(self.brands.made(w) for w in said) and all(
                self.brands.made(w) or w in LOOKS or w in COLORS for w in said
            ):
                return all(title_says(product.title, w) for w in said)
            # (words said together, together: "the red box ones" is no "Red Son ... Box Set")
            if len(said) > 1:
                together = r"[\s-]+".join(rf"{re.escape(w)}(?:s|es)?" for w in said)
                return bool(re.search(rf"\b{together}\b", product.title, re.I))
            return title_says(product.title, said[0])

        if before := next((p for p in earlier if p.id not in state.shown and says(p)), None):
            return before
        kind = state.kind or ""
        noun = compound_noun(state)

        def of_talk(product: Product) -> bool:
            # (of the kind talked of, with its noun: "the ernie ball ones ok?" of violin strings
            # is no Ernie Ball guitar string; a book's title seldom says "book")
            shelf = product.department in {p.department for p in shown}
            # (a rare word that is no maker's, on the shelf of the cards on screen, whatever
            # kind was read: "the snl one" after drum gear read "drum set" is the SNL cowbell;
            # "the mirage one" after concertinas is no Magic card of the Mirage set)
            if rare and not maker and shelf:
                return True
            # (a maker's, of the kind talked of: "is the stanley one any good" after magnetic
            # hooks is no Stanley corner brace)
            if kind and kind.lower() not in BOOK_KINDS:
                return _of_kind(product.title, kind) and (noun is None or noun in product.title.lower())
            return rare and shelf

        return self._look_up(state, words or "", lambda p: says(p) and of_talk(p))

    def _look_up(self, state: ConversationState, words: str, keep: Callable[[Product], bool]) -> Product | None:
        """The first product the catalog finds for words a card was named by, with the kind
        talked of, that `keep` takes; whatever the budget or what was turned down (the shopper
        named it)."""
        looked = state.model_copy(update={"search": f"{words} {state.kind or ''}".strip(), "min_price": None,
                                          "max_price": None, "unwanted": ()})  # fmt: skip
        return next((h.product for h in self.find(looked, k=_LOOKED_UP).hits if keep(h.product)), None)

    @staticmethod
    def _put_in_before(
        message: str, state: ConversationState, earlier: Sequence[Product], shown: Sequence[Product]
    ) -> Product | None:
        """The card of an earlier screen a put-in in the cart names where no card on screen is
        it ("add the gretsch too"), the one recommended first of several; None for any other
        message."""
        if state.language != "en" or not re.search(ADD_TO_CART, message, re.I) or cart_list(message):
            return None
        thing = taken_thing(message, [p.title for p in shown])
        if not thing:
            return None
        # (read as a thing listed is: by its maker, or of its kind and recommended; a label tape
        # "for BMP21 printers" is no "the printer")
        pool = [*shown, *(p for p in earlier if p.id not in state.shown)]
        item = ChatPipeline._of_its_kind(Listed(None, 1, thing), pool, len(shown), state.picked_before)
        return pool[item.mark - 1] if item.mark else None

    def _read_turn(
        self, message: str, state: ConversationState, shown: Sequence[Product]
    ) -> tuple[Understanding, ShoppingQuery]:
        """The message read in the conversation's language, and the query it makes: a size
        swapped for the one asked before ("what about 3 instead" after "reeds strength 2.5") is
        the same request in that size."""
        language = state.language if state.shown else "en"
        reading = self.read(message, shown, language)
        query = reading.query
        if (
            state.shown
            and query.intent in (Intent.new, Intent.refine)
            and len(parts := question_parts(message)) > 1
        ):
            # two questions, one narrowing the cards on screen, the other asking of them: "gibt
            # es die auch in blau statt schwarz? und wie viele sind in der Packung" had searched
            # "blue many pack" (party bags in place of the gloves); the narrowing is done (read
            # off the words alone), by its own words
            readings = [self.read(p, shown, language, model=False) for p in parts]
            narrowing = [r for r in readings if r.query.intent in (Intent.refine, Intent.more)]
            # (the other part asking of the cards, not for another thing: "any cheaper ones? and
            # do you have picks?" is read whole)
            # (not one asking for a thing to go with it: "is there an amp that goes with it? under
            # 80" had narrowed the guitars by price)
            asking = [r for p, r in zip(parts, readings, strict=True)
                      if (r.query.intent in (Intent.detail, Intent.compare) or says_it(p))
                      and not (r.query.kind and FOR_IT.search(p))]  # fmt: skip
            if len(narrowing) == 1 and len(narrowing) + len(asking) == len(readings):
                reading, query = narrowing[0], narrowing[0].query
        if (
            query.intent is Intent.new
            and query.language == "en"
            and shown
            and not query.items
            and asks_question(message)
            and _THE_COUNT_ONE.search(message)
            and named_cards(message, [p.title for p in shown], [False] * len(shown))
        ):
            # a card named by a count its title says, asked about: "and the 4 pair one, is that 4
            # pairs or 4 sticks?" (had searched "4 pair pairs sticks": other sticks; its count is
            # no card's number)
            query = query.model_copy(update={"intent": Intent.detail, "search": "", "references": ()})
        if (
            query.intent is Intent.new
            and shown
            and not query.items
            and (asks_question(message) or re.search(r"[?？]", message) or _ASKED_AFTER.search(message))
            and (PRICED_AT_ONE.search(message) or _priced_card(message, shown))
        ):
            # a card named by its price, asked of, in any language: "el de 2 dólares es real?? o
            # es una sola carta" (had searched "real card": playing cards)
            query = query.model_copy(update={"intent": Intent.detail, "references": ()})
        if (
            query.intent in (Intent.new, Intent.refine)
            and shown
            and not query.items
            and _TAKEN_BY_PRICE.match(message)
            and (mark := _priced_card(message, shown))
        ):
            # a card taken by its price: "ok the 20 dollar 2 pack then" (had searched 2-packs
            # between $16 and $24)
            query = query.model_copy(update={"intent": Intent.detail, "move": "chosen", "references": (mark,),
                                             "search": "", "min_price": None, "max_price": None})  # fmt: skip
        if (
            query.move == "chosen"
            and query.language == "en"
            and not query.references
            and (thing := taken_thing(query.text, [p.title for p in shown]))
        ):
            # a card taken by what it is where none on screen is it: "get him 4 pairs of the vic
            # firth" beside other 5A sticks (another card had been put in the cart) is a look
            # for it, a maker's of the kind asked, within the budget, age and sizes asked ("get me
            # 12 of the bubble wands" after party favors: bubble wands, under $3 if any is)
            taken = self.read(thing, shown, language, model=False).query
            made = bool(taken.brands) or self.brands.made(thing.split()[0])
            search = f"{thing} {state.search_text()}" if made and state.kind else taken.search
            query = taken.model_copy(update={
                "text": query.text, "intent": Intent.new, "search": search, "need": search,
                "kind": state.kind if made else taken.kind, "min_price": state.min_price,
                "max_price": state.max_price, "currency": None, "age_min": state.age_min,
                "age_max": state.age_max, "recipient": state.recipient, "gift": state.gift,
                "sizes": state.sizes})  # fmt: skip
        elif state.shown and (size := swapped_size(message, state)):
            query = ShoppingQuery(text=query.text, need=state.need, intent=Intent.refine,
                                  sizes=(size,), language=query.language)  # fmt: skip
        elif state.shown and (told := told_of_them(query, state)):
            query = told
        return reading, query

    def _asked_after(
        self, message: str, query: ShoppingQuery, state: ConversationState, shown: Sequence[Product]
    ) -> tuple[Understanding | None, ShoppingQuery, ShoppingQuery] | None:
        """A narrowing told and then a question asked of all the cards it leaves ("not the little
        travel one, their eyes arent great. which board is the biggest" had only been narrowed,
        the question left unanswered): the narrowing's reading and query, read without the
        question, and the question's query; None for any other message."""
        # (the card turned down may be named: "not the little travel one" read as card 4)
        if not (shown and query.intent is Intent.refine):
            return None
        sentences = [s for s in _SENTENCES.split(message.strip()) if s]
        if len(sentences) < 2:
            return None
        language = state.language if state.shown else "en"
        last = sentences[-1]
        asked = self.read(last, shown, language, model=False).query
        # (of all the cards: "which is the biggest", "do any of them come with dice"; not of one:
        # "kalimba?? never heard of it. is it hard to learn", "is that book actual star trek",
        # nor a card named by its place, which meant the screen before the narrowing)
        whole = (asks_size_extreme(last) or asked.sort is not Sort.relevance or ANY_OF.search(last)
                 or re.match(r"\W*which\b", last, re.I))  # fmt: skip
        if (
            asked.intent not in (Intent.compare, Intent.detail)
            or asked.references
            or asked.move
            or not whole
        ):
            return None
        # (read off the words alone, as the question is: the model had read a search into it;
        # where the told part alone reads as no narrowing, the whole message's reading, less the
        # question: "... their eyes aren't great." alone had been asked of the travel set)
        told = self.read(" ".join(sentences[:-1]), shown, language, model=False)
        alone = told.query.intent is Intent.refine
        narrowed = told.query if alone else query
        # (a narrowing of these cards, not another thing: "what about for the kick drum?")
        if narrowed.search or not (
            narrowed.unwanted or narrowed.min_price or narrowed.max_price or narrowed.min_rating
        ):
            return None
        return (told if alone else None), narrowed, asked

    def _kit_asked(self, query: ShoppingQuery, request: ChatRequest) -> Kit | None:
        """Cards for several things, where the message asks for a starting kit or lists products;
        None otherwise, or where the store carries none of them (then it is searched as typed)."""
        kit = (
            self.starter_kit(query, request.user_id, request.session_id) if query.starter
            else self.listed_kit(query, request.user_id, request.session_id) if query.items
            else None
        )  # fmt: skip
        return kit if kit is not None and kit.hits else None

    def _meant(
        self, query: ShoppingQuery, state: ConversationState, shown: Sequence[Product]
    ) -> _Meant:
        """Which cards on screen a message about them means: by number, price, title words or
        look; else by what a question about the cards weighs (see `compared`); with a look or a
        maker the message names that no card has."""
        # "do any of them come with a case?": every card's listing, not the first one's
        every = query.intent is Intent.detail and bool(ANY_OF.search(query.text))
        picked = [p.id in state.picked for p in shown]
        named: tuple[int, ...] = ()
        unpriced: str | None = None  # a price said of "the ... one" that no card on screen has
        if not query.references and (at := priced_at(query.text)) is not None:
            # a card named by its price: "ok fine, the $13 mat" (had searched mats under $13)
            near = tuple(i + 1 for i, p in enumerate(shown) if p.price and abs(p.price.amount - at) < 1)
            named = near if len(near) == 1 else named
            if not near and (query.intent is Intent.detail or PRICED_AT_ONE.search(query.text)):
                # "wait is the 17 dollar one a real instrument" where no card costs $17: said, not
                # answered of the first card
                unpriced = f"${at:g}"
        if not (named or unpriced) and (bare := _bare_priced(query.text, shown)):
            named = (bare,)  # "the 278 one", "il da 96": a number no title says, one card's price
        if not named and len(query.references) != 1 and (which := priced_one(query.text)):
            # (the cheaper of those recommended, else of those that are what was asked: "is
            # the cheaper one ok" after violin strings is not about a violin shown beside them)
            kinds = of_kind(shown, state)
            pool = picked if sum(picked) >= 2 else kinds if sum(kinds) >= 2 else [True] * len(shown)
            if (
                not re.search(r"\b(?:one|option|model|pick)\b", query.text, re.I)
                or (re.search(r"\b(?:cheapest|least\s+expensive|most\s+expensive|priciest)\b", query.text, re.I)
                    and not re.search(r"\b(?:recommend\w*|suggest\w*|picked|picks?|starred)\b", query.text, re.I))
            ) and sum(kinds) >= 2:
                # "the cheapest tuner is fine": of every tuner on screen; "the cheapest one, add 8
                # of them" too (the cheapest of those recommended had been added, $35 beside $18.98)
                pool = kinds
            if len(query.references) > 1:
                # "get the cheaper of the first two": of those two
                pool = [i + 1 in query.references for i in range(len(shown))]
            elif (among := PRICED_ONE.search(query.text)) and among.group("among"):
                # "the cheapest of the wooden ones": of the cards whose titles say it
                said_of = [_says_look(p.title, among.group("among").lower()) for p in shown]
                pool = said_of if any(said_of) else pool
            named = priced_card(which, shown, pool)
            if len(query.references) > 1 and len(named) == 1:
                query = query.model_copy(update={"references": named})  # the cheaper of those two
        if not (named or query.references or query.language != "en"):
            named = named_cards(query.text, [p.title for p in shown], picked)
        elsewhere_absent = None
        if not (named or query.references) and query.language != "en":
            # a maker's name is said alike in every language: "pon dos cajas del de AmScope", "ich
            # nehme das Korg" (the card the talk was about had been put in the cart, or chosen)
            named, elsewhere_absent = self._maker_named(query.text, shown, picked)
        if (few := few_by(query.text)) and not (query.references or named):
            # "the two cheapest, what's the difference?": those cards, by price or rating
            n, which = few
            if which == "rated":
                ranked = sorted((i for i in range(len(shown)) if shown[i].rating is not None),
                                key=lambda i: -(shown[i].rating or 0))  # fmt: skip
            else:
                ranked = sorted((i for i in range(len(shown)) if shown[i].price is not None),
                                key=lambda i: shown[i].price.amount)  # type: ignore[union-attr]
            named = tuple(i + 1 for i in ranked[:n]) if len(ranked) >= 2 else named
        against = why_other(query.text)
        if against and query.language == "en":
            # (two named: "the Fender ones vs the PRS ones, why is one so much cheaper?" had
            # read "one" as the first card)
            said = named_cards(query.text, [p.title for p in shown], picked)
            named = said if len(said) >= 2 else named
        if against and len(query.references or named) < 2:
            # why that card and not another: the one asked of (named, else the one recommended
            # first) set beside the cheapest (or the dearest) of its kind on screen
            # ("... and not the cheaper one": the cheaper of its kind, not of those recommended)
            first = next((i + 1 for i, p in enumerate(picked) if p), 1)
            kinds = of_kind(shown, state)
            # ("why is that one so much more expensive": the dearest, where none is named)
            dearest = priced_card("high", shown, kinds if any(kinds) else [True] * len(shown))
            base = (first if priced_one(query.text)
                    else (query.references or named or (dearest if against == "low" else ()) or (first,))[0])  # fmt: skip
            pool = [k and i + 1 != base for i, k in enumerate(kinds)]
            other = priced_card(against, shown, pool if any(pool) else
                                [i + 1 != base for i in range(len(shown))])  # fmt: skip
            named = tuple(dict.fromkeys((base, *other)))
        if against and len(named) >= 2:
            query = query.model_copy(update={"references": ()})  # (the two set apart, said above)
        # "the green one", "el de madera", "木头的那个": the cards saying that look, if any
        look = None if query.references or named else looked_one(query.text)
        # (in another language, the look's own words read in English: "de madera" of "vale, el
        # de madera, añádelo" is wooden, the whole's search is not)
        said_look = ((look if query.language == "en"
                      else read_words(look, query.language, None, partial=True) or query.search).lower()
                     if look else "")  # fmt: skip
        if said_look in LOOKS and query.language != "en":
            named = tuple(
                i + 1 for i, p in enumerate(shown) if re.search(rf"\b{said_look}", p.title, re.I)
            )
        look = look if said_look in LOOKS and not named else None
        if (
            look is None
            and query.language == "en"
            and (
                not query.references
                or (query.intent is Intent.compare and len(query.references) == 1)
            )
        ):
            # "does the blue one come with a stand", "the round one vs the saddle one" where no
            # card says it: said, not answered of another card
            look = unnamed_one(query.text, [p.title for p in shown])
        refs = compared(state, [p.id for p in shown], query.references or named,
                        it=query.intent is Intent.detail and not every,
                        # ("which board is the biggest": every card, not the first three)
                        whole=every or asks_size_extreme(query.text)
                        or (query.intent is Intent.compare and query.sort is not Sort.relevance))  # fmt: skip
        # "the one by meinl, is it tunable?" where no card is a Meinl: said, not answered of [1]
        # (or weighed against one that is: "casio vs the yamaha one, which weighs less?")
        one_named = query.intent is Intent.compare and len(query.references or named) == 1
        absent = None if (query.references or named) and not one_named else absent_maker(
            query.text, [p.title for p in shown], self.brands)  # fmt: skip
        absent = absent or elsewhere_absent
        return _Meant(query.references or named, refs, look or unpriced, absent, len(shown))

    def _maker_named(
        self, text: str, shown: Sequence[Product], picked: Sequence[bool]
    ) -> tuple[tuple[int, ...], str | None]:
        """The card a message in another language names by its maker (a capitalised name the
        store's brands hold: the recommended one of several), or the maker where no card on
        screen is theirs."""
        named: list[int] = []
        for name in re.findall(r"(?<=\s)([A-Z][\w&'-]{2,})", text):
            if name.lower() not in self.brands.names:
                continue
            theirs = [i for i, p in enumerate(shown) if re.search(rf"\b{re.escape(name)}\b", p.title, re.I)]
            if not theirs:
                return (), name
            named.append(next((i for i in theirs if picked[i]), theirs[0]) + 1)
        return tuple(dict.fromkeys(named)), None  # ("el de AmScope o el de American Labs": both)

    def _look(
        self, query: ShoppingQuery, state: ConversationState, shown: Sequence[Product]
    ) -> _Shown:
        """A close look at the cards on screen (a comparison, a question about one, a choice):
        the cards meant (see `_meant`), and what the turn already knows to say where none is (a
        maker or look no card has, thanks, the store's range). The list on screen stays as it
        was."""
        meant = self._meant(query, state, shown)
        refs, look, absent, bad = meant.refs, meant.look, meant.absent, meant.bad
        known = notice = comparison = None
        brand_refs: tuple[int, ...] = ()  # the cards of a maker asked about
        products = list(shown)
        if query.move in ("thanks", "leaving", "ack"):  # "ok thx", "ok nvm", "ok": the same cards
            said = {"thanks": "welcome", "leaving": "no_problem", "ack": "what_next"}[query.move]
            known = phrase(query.language, said)
            refs = ()
        elif query.move == "store":  # "oh ok what do you sell then": the store's departments
            known, refs = phrase(query.language, "store_range", departments=self._departments()), ()
        elif (maker := brand_asked(query.text)) and (
            theirs := [i + 1 for i, p in enumerate(shown) if by_maker(p, (maker,))]
        ):
            # "is meinl a good brand?": that maker's cards, by what shoppers rated them (it had
            # been 'Its listing does not mention "meinl"')
            refs = brand_refs = tuple(theirs[:3])
            products = [shown[r - 1] for r in refs]
            known = " ".join([*(self._brand_rated(r, shown[r - 1], maker, query.language) for r in refs),
                              phrase(query.language, "brand_note")])  # fmt: skip
        elif absent:
            known = phrase(query.language, "maker_absent", name=absent.title())
        elif look:  # "the green one" where no card says green: said, not answered of [1]
            known = phrase(query.language, "look_absent", look=look.lower())
        elif bad or not refs:
            notice = (f"There {'is' if len(shown) == 1 else 'are'} only {len(shown)} product(s) on screen; "
                      f"say which ones to compare, e.g. 'compare 1 and 2'.")  # fmt: skip
        else:
            products = [shown[r - 1] for r in refs]
            comparison = compare(products) if len(products) >= 2 else None
        unmarked = not brand_refs and (absent or look or bad or not refs)
        cards = self.cards_for(products, marks=() if unmarked else refs)
        picks = None
        chosen = None
        refused = (query.move == "chosen" and len(refs) == 1 and bool(query.unwanted)
                   and all(re.search(rf"\b{re.escape(w)}\b(?![\s-]*free\b)", shown[refs[0] - 1].title, re.I)
                           for w in query.unwanted))  # fmt: skip
        if refused:
            # the card the same message turns down is not put in: "va bene, niente teatrino
            # allora. mettimi nel carrello il bradipo e il cane" with only the puppet theater on
            # screen (it had been put in the cart): asked which
            known = phrase(query.language, "chosen_which")
            cards = self.cards_for(shown, marks=())
        elif query.move == "chosen" and len(refs) == 1 and not (absent or bad or look):
            # "ok i'll take the second" (not "add the green one to my cart" where no card is
            # green: that is said, not [1] taken)
            known = phrase(query.language, "chosen", mark=refs[0])
            chosen = cards[0]
        elif query.move == "chosen" and not query.references and not (absent or bad or look):
            # "ok add it to cart" when "it" is no one card (the last answer was about them all):
            # asked which, not answered as a question of its words
            known = phrase(query.language, "chosen_which")
            cards = self.cards_for(shown, marks=())
        elif (
            query.intent is Intent.detail
            and query.move == ""
            and len(refs) == 1
            and known is None
            and not bad
            # (not from a card looked up beside the screen: "the snl one. can he put it on his
            # drum set" had pointed to drum lugs whose title says "Drum Set")
            and cards[0].product.id not in state.looked_up
            and (other := self._said_by_another(query, cards[0], shown, state.picked))
        ):
            # "is the second one in the key of C?" of a harmonica case: not that one, but the
            # fourth one says it (it had been only "Its listing does not mention")
            mark, known = other
            cards = [*cards, *self.cards_for([shown[mark - 1]], marks=(mark,))]
            picks = (mark,)
        return _Shown(cards, state, notice=notice, comparison=comparison, known=known, focus=True,
                      picks=picks, chosen=chosen)  # fmt: skip

    @staticmethod
    def _brand_rated(mark: int, product: Product, maker: str, language: str) -> str:
        """One card of a maker asked about, by its rating ("[2] is by Meinl: rated 4.6 of 5 by
        120 shoppers")."""
        name = maker.title() if maker.islower() else maker
        if product.rating is None:
            return phrase(language, "brand_unrated", mark=mark, name=name)
        if not product.rating_count:
            return phrase(language, "brand_rated_plain", mark=mark, name=name, rating=f"{product.rating:g}")
        return phrase(language, "brand_rated", mark=mark, name=name, rating=f"{product.rating:g}",
                      count=product.rating_count)  # fmt: skip

    def _several_to_cart(
        self, request: ChatRequest, message: str, state: ConversationState,
        shown: Sequence[Product],
    ) -> tuple[Understanding, ShoppingQuery, _Shown, Cart | None] | str | None:  # fmt: skip
        """Several cards put in the cart in one message ("add the paw patrol one and the value
        pack", "add 2 of the 25 packs and one rack"; see `assistant.basket`): each in the cart
        with its count, the screen as it was, the lead saying so (for a shopper the turn acts
        for; else they are chosen, each card's button does it). Where one card and something on
        no card are listed, the message to read instead (a choice, then what more is asked);
        None for any other message."""
        english = bool(shown) and state.language == "en"
        things = cart_list(message) if english else ()
        chosen = () if things or not english else chosen_list(message)
        things = things or chosen
        if not things:
            return None
        # (a thing of an earlier screen is one of its cards: "add the pedal + a 9v supply" after
        # supplies had followed the pedals had put two supplies in the cart)
        on_screen = {p.id for p in shown}
        earlier = [p for p in (self.catalog.get(i) for i in dict.fromkeys(state.picked_before + state.shown_before)
                               if i in self.catalog)
                   if p.id not in on_screen]  # fmt: skip
        pool = [*shown, *earlier]
        picked = [p.id in state.picked for p in shown]
        focus = next((i + 1 for i, p in enumerate(shown) if p.id in state.focus), None)
        on_it = listed(things, shown, picked, focus)
        stem = Stemmer.Stemmer("english").stemWord
        kinds = [stem((product_kind(x.said) or "").lower()) for x in on_it]
        items = tuple(
            self._of_its_kind(
                x, pool, len(shown), state.picked_before, {k for j, k in enumerate(kinds) if j != i and k}
            )
            for i, x in enumerate(on_it)
        )
        if any(x.mark is None for x in items):
            # something more looked for beside: what the screen shows is put in the cart with it
            # (things chosen with no word putting them in are cards, or the message is read)
            return None if chosen else choice_then_more(on_it)
        marks = tuple(dict.fromkeys(x.mark for x in items if x.mark is not None))
        if len(marks) < 2 or any(x.mark is None for x in items):
            return None
        reading, query = self._read_turn(message, state, shown)
        if any(m > len(shown) for m in marks):
            # the things put in the cart are the screen now, in the order said
            renumbered = {m: i for i, m in enumerate(marks, start=1)}
            items = tuple(replace(x, mark=renumbered[x.mark]) for x in items)  # type: ignore[index]
            shown = [pool[m - 1] for m in marks]
            state = shown_after(state, [p.id for p in shown])
            marks = tuple(range(1, len(shown) + 1))
        query = query.model_copy(update={"intent": Intent.detail, "references": marks,
                                         "move": "chosen", "search": ""})  # fmt: skip
        cards = self.cards_for([shown[m - 1] for m in marks], marks=marks)
        cart = None
        if any(x.quantity > MAX_QUANTITY for x in items):
            return None  # (more than one call may add: each card's button does it)
        if self.events is not None and request.user_id:
            try:
                for x in items:
                    cart = add_to_cart(self.events, self.catalog, request.user_id,
                                       shown[x.mark - 1].id, x.quantity, source="chat",  # type: ignore[operator]
                                       session_id=request.session_id)  # fmt: skip
            except CartError:
                cart = None
        if cart is None:
            known = phrase(query.language, "chosen_which")
        else:
            named = phrase(query.language, "joiner").join(f"[{m}]" for m in marks)
            known = phrase(query.language, "added_several", marks=named, items=cart.items,
                           total=self._cart_total(cart, query.language))  # fmt: skip
        return reading, query, _Shown(cards, state, known=known, focus=True, picks=marks), cart

    @staticmethod
    def _of_its_kind(
        item: Listed, pool: Sequence[Product], on_screen: int, recommended: Sequence[str] = (),
        besides: Collection[str] = (),
    ) -> Listed:
        """A thing listed, read as a card on screen whose title merely mentions it ("the pedal"
        of a "9V Effect Pedal Power Supply"), moved to the earlier card of that kind an answer
        recommended, the latest (the distortion pedal shown before the supplies); one on no card
        of the screen, to such a card its words name. `besides`: the stemmed kinds of the other
        things listed (an "Ernie Ball Volt Pedal Power Supply" is a supply, not the pedal)."""
        stem = Stemmer.Stemmer("english").stemWord
        thing = thing_said(item.said)
        if item.mark is not None and item.mark <= on_screen and not by_words(thing, [pool[item.mark - 1].title], [False]):
            # a card on screen that says only some of the words, where an earlier one says them
            # all: "add the tunnel tent one" after castle tents followed the tunnel tent (the castle
            # tent had been put in the cart)
            titles = [p.title for p in pool[on_screen:]]
            if said := by_words(thing, titles, [p.id in recommended for p in pool[on_screen:]]):
                return replace(item, mark=on_screen + said)
        kind = (product_kind(item.said) or "").lower()
        if not kind and item.mark is None:
            return _said_before(item, pool, on_screen, recommended)
        if not kind or (item.mark is not None and shows_kind(pool[item.mark - 1].title, kind, stem, kind)):
            return item
        # (only what an answer recommended: a card of a screen that said none was what was
        # asked is no "the calculator", a toy cash register)
        marks = [i for i, p in enumerate(pool[on_screen:], start=on_screen + 1)
                 if p.id in recommended and shows_kind(p.title, kind, stem, kind)
                 and stem((title_kind(p.title) or "").lower()) not in besides]  # fmt: skip
        order = list(recommended)
        marks.sort(key=lambda i: order.index(pool[i - 1].id))  # the latest recommended first
        if item.mark is None:
            # (on no card of the screen: an earlier card its words name, of its kind)
            said = by_words(item.said, [pool[i - 1].title for i in marks], [False] * len(marks))
            if said:
                return replace(item, mark=marks[said - 1])
            # (any earlier card by the maker it names: "the gretsch"; of a kind, only one
            # recommended is, as above)
            return _said_before(item, pool, on_screen, recommended, lambda t: t.lower().startswith(f"{kind} "))
        return replace(item, mark=marks[0]) if marks else item

    def _cart_total(self, cart: Cart, language: str) -> str:
        """The cart's total as the lead says it (what lists no price is no $0.00: "Items in
        your cart: 12 ($0.00)" of lab beakers had been said)."""
        total = str(Price(amount=cart.total))
        if cart.unpriced:
            total = (phrase(language, "cart_unpriced") if not cart.total else
                     phrase(language, "cart_part_priced", total=total, count=cart.unpriced))  # fmt: skip
        return total

    def _put_in_cart(
        self, request: ChatRequest, message: str, query: ShoppingQuery, shown: _Shown
    ) -> tuple[_Shown, Cart | None]:
        """A card chosen in words that put it in the cart ("add the second one to my cart",
        "añádelo al carrito"): put there for the shopper (the same add-to-cart event as its
        button), and the lead says so with the cart's count and total. Unchanged where the turn
        acts for no shopper (an anonymous call) or keeps no events: the card's button does it;
        a choice alone ("ok i'll take the second") puts nothing in the cart."""
        if query.move in ("remove", "quantity"):
            return self._cart_changed(request, message, query, shown)
        if query.move == "cart":  # "how much is that altogether?": the cart as it stands
            if self.events is None or not request.user_id:
                return replace(shown, known=phrase(query.language, "cart_nobody")), None
            cart = cart_of(self.events, self.catalog, request.user_id)
            known = (phrase(query.language, "cart_now", items=cart.items,
                            total=self._cart_total(cart, query.language))
                     if cart.items else phrase(query.language, "cart_empty"))  # fmt: skip
            return replace(shown, known=known), cart
        # (in the sentence that says it: "the first one's perfect, add it. ok and something for
        # her brother" had only chosen it)
        adding = next((part for part in (message, *_SENTENCES.split(message))
                       if re.search(ADD_TO_CART, part, re.I)), None)  # fmt: skip
        if shown.chosen is None or self.events is None or not request.user_id or adding is None:
            return shown, None
        message = adding
        if _TWO_COUNTS.search(message):
            # two things with their counts ("add 12 of the first beaker and 2 boxes of the first
            # gloves" had put 12 boxes of gloves in the cart): each from its card, not a guess
            return replace(shown, known=phrase(query.language, "chosen_which")), None
        try:
            cart = add_to_cart(self.events, self.catalog, request.user_id, shown.chosen.product.id,
                               cart_quantity(message), source="chat",
                               session_id=request.session_id)  # fmt: skip
        except CartError:
            return shown, None  # "add 50 of them": more than one call may add; the button does it
        total = self._cart_total(cart, query.language)
        known = phrase(query.language, "added", mark=shown.chosen.mark, items=cart.items,
                       total=total)  # fmt: skip
        if shown.more is not None:
            known = f"{known} {phrase(query.language, 'also_best', more=shown.more)}"
        return replace(shown, known=known), cart

    def _taken_first(
        self, request: ChatRequest, message: str, state: ConversationState,
        shown: Sequence[Product],
    ) -> _Taken | None:  # fmt: skip
        """A card taken out of the cart and something else asked in one message ("take the tins
        out and get 2 of the 3rd instead", "add the black stapler and remove the sticky notes";
        see `removal_and_more`): taken out now, the rest read as the turn's message. None for
        any other message, or where the turn acts for no shopper."""
        parts = removal_and_more(message) if state.language == "en" else None
        if parts is None or self.events is None or not request.user_id:
            return None
        removal, rest = parts
        before = cart_of(self.events, self.catalog, request.user_id)
        said = _taken_out(removal)
        names = _product_words(said)
        seen = [x.title for x in before.lines] + [p.title for p in shown] + [
            self.catalog.get(i).title for i in state.shown_before if i in self.catalog]
        if names and not by_words(said, seen, [False] * len(seen)):
            # (nothing the talk has shown named: "remove the rust from my bike chain, what should
            # i use?" is a request, read whole)
            return None
        # (read and looked at as the removal alone would be: "remove the second one" is card 2's)
        _, query = self._read_turn(removal, state, shown)
        query = query.model_copy(update={"intent": Intent.detail, "move": "remove"})
        looked = self._look(query, advance(state, query, self.catalog), shown) if shown else _Shown([], state)
        took, cart = self._cart_changed(request, removal, query, looked)
        return _Taken(rest, took.known or "", before, cart)

    def _cart_changed(
        self, request: ChatRequest, message: str, query: ShoppingQuery, shown: _Shown
    ) -> tuple[_Shown, Cart | None]:
        """A card taken out of the cart ("remove the goggles too": the line its words name, else
        the card the talk is about or the one last put in), or the count of the one last put in
        changed ("actually make it 2"); the lead says what the cart holds now."""
        language = query.language
        if self.events is None or not request.user_id:
            return replace(shown, known=phrase(language, "cart_nobody")), None
        cart = cart_of(self.events, self.catalog, request.user_id)
        titles = [line.title for line in cart.lines]
        last = last_added(self.events, request.user_id)
        if query.move == "remove" and EMPTY_CART.search(message):
            if not cart.lines:
                return replace(shown, known=phrase(language, "cart_empty")), cart
            try:
                for each in cart.lines:
                    cart = remove_from_cart(self.events, self.catalog, request.user_id,
                                            each.product_id, source="chat",
                                            session_id=request.session_id)  # fmt: skip
            except CartError:
                return shown, None
            what = phrase(language, "cart_all")
            return replace(shown, known=phrase(language, "removed_empty", what=what)), cart
        said_count = quantity_said(clean_message(message)) if query.move == "quantity" else None
        # (the line whose count is changed, where named: "drop the tuners to 6")
        said = (_taken_out(message) if query.move == "remove" else
                (said_count.group("thing") or said_count.group("named") or "") if said_count else "")  # fmt: skip
        # ("take those out" had said "Those is not in your cart")
        said = "" if said.lower() in ("it", "that", "them", "those", "these", "em", "'em", "those ones", "these ones") else said
        named = by_words(said, titles, [False] * len(titles)) if said.strip() else None
        focus = next((c.product.id for c in shown.cards if c.product.id in shown.state.focus), None)
        if len(query.references) == 1 and len(shown.cards) == 1:
            focus = shown.cards[0].product.id  # the card its place names: "remove the second one"
        # (a thing named that no line is, is not in the cart: "remove the microscope" had taken
        # out the science kit put in before it)
        # (a place on screen names no line: "remove the second one" is the card there)
        says = bool(_product_words(said))
        product_id = (cart.lines[named - 1].product_id if named else None if says
                      else focus if focus in {x.product_id for x in cart.lines} else last)  # fmt: skip
        line = next((x for x in cart.lines if x.product_id == product_id), None)
        what = _short(line.title if line else (said.strip() or "that"))
        if line is None or product_id is None:
            key = "not_in_cart_count" if query.move == "quantity" else "not_in_cart"
            return replace(shown, known=phrase(language, key, what=what[:1].upper() + what[1:])), cart
        try:
            if query.move == "quantity":
                count = count_of(said_count.group("count")) if said_count else 1
                cart = set_quantity(self.events, self.catalog, request.user_id, product_id, count,
                                    source="chat", session_id=request.session_id)  # fmt: skip
                known = phrase(language, "quantity_set", quantity=count, what=what, items=cart.items,
                               total=self._cart_total(cart, language))  # fmt: skip
            else:
                cart = remove_from_cart(self.events, self.catalog, request.user_id, product_id,
                                        source="chat", session_id=request.session_id)  # fmt: skip
                known = (phrase(language, "removed", what=what, items=cart.items,
                                total=self._cart_total(cart, language))
                         if cart.items else phrase(language, "removed_empty", what=what))  # fmt: skip
        except CartError:
            return shown, None
        return replace(shown, known=known), cart

    def _said_by_another(
        self, query: ShoppingQuery, card: Card, shown: Sequence[Product],
        picked: Collection[str] = (),
    ) -> tuple[int, str] | None:  # fmt: skip
        """Where a question about one card is one its listing does not answer, another card on
        screen whose listing does: its mark and the lead saying both; None otherwise. The other
        is one recommended before (`picked`) or of the card's own kind (a violin set is no answer
        to whether the first strings are ok for a beginner)."""
        if len(question_parts(query.text)) > 1:
            return None
        lead = self._detail(query, card)
        if lead is None or silent_on(lead, query.language) is None:
            return None
        stem = Stemmer.Stemmer("english").stemWord  # (one per call: not thread-safe)
        kind = stem((title_kind(card.product.title) or "").lower())
        for mark, product in enumerate(shown, start=1):
            if mark == card.mark or not (
                product.id in picked
                or (kind and stem((title_kind(product.title) or "").lower()) == kind)
            ):
                continue
            other = self.cards_for([product], marks=(mark,))[0]
            if quote := said_on(self._detail(query, other) or "", query.language):
                return (
                    mark,
                    f"{lead} {phrase(query.language, 'other_says', mark=mark, quote=quote)}",
                )
        return None

    def _chosen_and_more(
        self, message: str, state: ConversationState, shown: Sequence[Product],
        request: ChatRequest,
    ) -> tuple[Understanding, ShoppingQuery, _Shown] | None:  # fmt: skip
        """A card chosen and something more asked in one message ("ok grabbing the 100ct box.
        also any of those squeeze wash bottles"; see `choice_and_more`): the chosen card first,
        recommended, then the best of what else was asked, read and searched as a request of its
        own (in the chosen card's department unless it names one), with a notice where the store
        has none of it. None where the message is no such pair, or its choice names no one card
        (then the message is read whole); the other part asking of the card ("the pocket synth
        is perfect. does it need batteries") is read whole too."""
        parts = choice_and_more(message) if shown else None
        if parts is None:
            return None
        language = state.language if state.shown else "en"
        reading = self.read(parts[1], shown, language)
        query = reading.query.model_copy(update={"intent": Intent.new, "references": ()})
        # others like the card chosen: "get that, and one more like it"
        like = bool(LIKE_IT.search(parts[1]))
        # or the same a step up or down: "ok add the first one. money's not really an issue
        # actually, is there anything better i should look at?" (had searched "better")
        step = reading.query.intent is Intent.refine and bool(PRICIER.search(parts[1]) or CHEAPER.search(parts[1]))
        if like:
            query = query.model_copy(update={"intent": Intent.more, "search": "", "narrows": "",
                                             "kind": None})  # fmt: skip
        elif step:
            query = reading.query.model_copy(update={"references": ()})
        elif not query.search or says_it(parts[1]) or asks_of_it(parts[1]):
            return None  # "the pocket synth is perfect. does it need batteries": of the card
        # (which card is chosen is read off its words: no second model call on the turn)
        said = self.read(parts[0], shown, language, model=False).query
        meant = self._meant(said.model_copy(update={"intent": Intent.detail}), state, shown)
        if (
            not meant.named
            and len(meant.refs) == 1
            and re.search(r"\b(?:it|that|this)\b", parts[0], re.I)
        ):
            # "add it please. do you also have sleeves ...": "it" is the card the talk is about
            meant = replace(meant, named=meant.refs)
        if (
            not meant.named
            and len(meant.refs) == 1
            and by_words(_CART_VERB.sub(" ", parts[0]), [shown[meant.refs[0] - 1].title], [False])
        ):
            # the card's kind named ("ok add the strings and the book" of strings on screen): the
            # card the talk is about (the choice had been dropped, the book alone looked for)
            meant = replace(meant, named=meant.refs)
        more = advance(state, query, self.catalog)
        looks = [w for w in re.findall(r"[a-z]+", parts[0].lower()) if w in LOOKS]
        if (
            len(meant.named) != 1
            or meant.look
            or meant.absent
            or meant.bad
            # "taking the silk gold" where the one silk card is rose red: not that one
            # ("wooden" said of a "Wood Case")
            or not all(_says_look(shown[meant.named[0] - 1].title, w) for w in looks)
        ):
            # which card was chosen is not clear ("the concert one w the gig bag" of three such):
            # what else was asked, on its own
            return reading, query, self._search(query, more, shown, request)
        chosen = shown[meant.named[0] - 1]
        if not more.department and (FOR_IT.search(parts[1]) or _A_CARD_NAMED.match(parts[1])):
            # "a pack of light 12s to go with it": of the chosen card's department (LED lights
            # had been shown beside a capo); a card named so ("add the 15 minute a day one and
            # the scottie one" of dog books had found a Littlest Pet Shop "Scottie" toy)
            more = more.model_copy(update={"department": chosen.department})
        elif not (more.department or more.department_hint):
            more = more.model_copy(update={"department_hint": chosen.department})
        kit = self._kit_asked(query, request) if query.starter else None
        found = None if kit is not None else self.find(more, request.user_id, request.session_id, more=like)
        # ("ok add the first one. does she need anything else on day one?": the violin, then
        # what a beginner needs besides it; "else day" had been searched, straps shown)
        hits = [h for h in (kit.hits if kit is not None else found.hits if found else [])
                if h.product.id != chosen.id][: CARDS - 1]  # fmt: skip
        more = kit.state if kit is not None else more
        first = self.cards_for([chosen], marks=(1,))[0].model_copy(
            update={"why": "you chose this one"}
        )
        cards = [first, *self.cards_for(hits, more.search_text(), marks=range(2, len(hits) + 2))]
        close = bool(hits) and (kit is not None or bool(found and found.close_match and not query.unknown_product))
        # (others like it are of a product shown before: never "not carried")
        notice = None if found is None or like or step else not_carried(
            more.asked_for(), found.relaxed, close, query.language, unpriced=lists_unpriced(cards[1:]))  # fmt: skip
        lead = phrase(query.language, "chosen_more" if close else "chosen", mark=1, more=2)
        picked = (chosen.id, hits[0].product.id) if close else (chosen.id,)
        more = shown_after(more, [c.product.id for c in cards]).model_copy(
            update={"picked": picked}
        )
        return (
            reading,
            query,
            _Shown(
                cards,
                more,
                notice=notice,
                found=found if found is not None else Candidates(()),
                close=close,
                known=lead,
                chosen=first,
                more=2 if close else None,
            ),
        )

    def _search(
        self, query: ShoppingQuery, state: ConversationState, shown: Sequence[Product],
        request: ChatRequest,
    ) -> _Shown:  # fmt: skip
        """New cards for the request (retrieval, need fit, behaviour; see `find`), with the notice
        that says what the shopper should know of them: not carried, a spelling read, no card of
        the size or look asked, a refinement that changed nothing, nothing priced to go by."""
        found = self.find(
            state, request.user_id, request.session_id, more=query.intent is Intent.more
        )
        history = (
            self.behaviour.history(request.user_id, request.session_id)
            if self.behaviour is not None and found.personalised_by
            else None
        )
        hits, relaxed = list(found.hits), found.relaxed
        if relaxed == "price" and query.cheaper:
            # none cheaper fits all that was asked: the cheapest of the product, cheapest first
            hits = sorted(
                hits, key=lambda h: h.product.price.amount if h.product.price else Decimal("inf")
            )
        elif relaxed == "price" and any(_in_budget(h.product, state) for h in hits[:3]):
            # a card near the top meets it ("no ... meets the price you set" was false of a
            # $10.94 kit under $40): those first, and no notice
            hits = sorted(hits, key=lambda h: not _in_budget(h.product, state))
            relaxed = None
        cards = self.cards_for(hits, state.search_text(), history)
        close = found.close_match and not query.unknown_product
        notice = not_carried(state.asked_for(), relaxed, close, query.language,
                             refined=query.intent is Intent.refine, unpriced=lists_unpriced(cards),
                             cheaper=query.cheaper)  # fmt: skip
        if notice is None:
            notice = spelling_notice(query.corrected, state.search_text(), query.language)
        if query.intent is Intent.more and not cards:
            notice = phrase(query.language, "everything", need=state.need)
        if query.intent is Intent.refine and (state.search or state.kind or state.interests):
            # (a gift for no one thing, narrowed by whom: no "the list already fits that")
            notice = _refined_notice(query, cards, shown, notice)
        if cards:
            state = shown_after(state, [c.product.id for c in cards])
        return _Shown(cards, state, notice=notice, found=found, close=close)

    def _answered(
        self, conv: Conversation, query: ShoppingQuery, reading: Understanding, shown: _Shown,
        written: Written, first_cards: float, timer: _Timer,
    ) -> tuple[ChatResponse, ConversationState]:  # fmt: skip
        """The turn's response (cards starred as the answer recommends them) and the state a
        later turn starts from: the cards recommended (what "which one ..." weighs), or, after a
        close look, the cards it was about (what "does it ..." asks of)."""
        degraded = (f"the model could not read the message ({reading.model_error}); "
                    "understood from the words alone") if reading.model_error else None  # fmt: skip
        if written.degraded:
            degraded = f"{degraded}; {written.degraded}" if degraded else written.degraded
        elif self.llm is None and shown.cards:
            degraded = degraded or "no language model is configured; the answer is templated"
        picks = set(written.picks)
        cards = [c.model_copy(update={"recommended": c.mark in picks}) for c in shown.cards]
        state = shown.state
        if not shown.focus:
            state = state.model_copy(
                update={"picked": tuple(c.product.id for c in cards if c.recommended)}
            )
        elif shown.comparison is None and not shown.notice:
            state = state.model_copy(update={"focus": tuple(c.product.id for c in cards)})
        elif shown.comparison is not None and (one := _one_named(shown.comparison, query, cards,
                                                                  picks)):  # fmt: skip
            # the one card a comparison named: "¿cuál es el más barato?", then "¿y cuánto dura
            # una partida de ese?" or "vale, me llevo esa" asks of that one (it had been the
            # first pick)
            state = state.model_copy(update={"focus": one})
        found = shown.found
        answer = ChatResponse(
            conversation_id=conv.id, query=query, cards=tuple(cards), comparison=shown.comparison,
            checklist=shown.checklist, notice=shown.notice, relaxed=found.relaxed, text=written.text,
            meta=AnswerMeta(
                llm=self.llm.name if self.llm else None, grounded=True,
                regenerated=written.regenerated, fallback=written.fallback and bool(cards),
                degraded=degraded, trimmed=written.trimmed, violations=tuple(written.violations),
                overruled=reading.overruled, behaviour_used=found.personalised_by is not None,
                lead_by_model=written.lead_by_model, lead_from_facts=written.from_facts,
                personalised_by=found.personalised_by,
                parsed_by_model=reading.model_reading is not None,
                tokens=written.tokens, first_cards_s=first_cards, first_token_s=written.first_token_s,
                total_s=timer.now()),
        )  # fmt: skip
        return answer, state

    def answer(self, request: ChatRequest) -> ChatResponse:
        """The whole turn as one object (the non-streaming API and the benchmark)."""
        return collect(self.turn(request))


def _said_before(
    item: Listed, pool: Sequence[Product], on_screen: int, recommended: Sequence[str],
    of_it: Callable[[str], bool] = lambda title: True,
) -> Listed:  # fmt: skip
    """A thing listed on no card of the screen, read as the card of an earlier screen its words
    name, recommended or not: "put the gretsch and the cheapest amp in" after the amps followed
    the basses (the Gretsch had been searched for again). `of_it`: which titles may be it."""
    earlier = [(i, p) for i, p in enumerate(pool[on_screen:], start=on_screen + 1) if of_it(p.title)]
    said = by_words(item.said, [p.title for _, p in earlier], [p.id in recommended for _, p in earlier])
    return replace(item, mark=earlier[said - 1][0]) if said else item
