"""Understanding one message: the typed ShoppingQuery, read by the model under a JSON schema and
confirmed by the shopper's own words. A hard constraint (price bound, department, excluded brand,
sort) is kept only if the words support it; the model contributes the need and the language."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from assistant.cues import (
    _STOP,
    ACCEPTS,
    ACK,
    ADD_TO_CART,
    ASKS_PICK,
    BETTER_RATED,
    BOOK_KINDS,
    BY_WHOM,
    CART_ASKED,
    CHEAPER,
    CLOSING,
    DO_WITH,
    FOR_CARD,
    FOR_IT,
    GIFT_WRAP,
    GO_WITH,
    GREETING,
    LEAVING,
    LOOKS,
    NAMED_THEN_TOTAL,
    NO_BUDGET,
    NONE_RIGHT,
    NOT_RECORDED,
    PRICE_SORT,
    PRICIER,
    RATING_SORT,
    REMOVE_FROM_CART,
    STORE_RANGE,
    TAKES,
    THE_PICK,
    VARIANT_WORDS,
    YES_NO,
    BrandLexicon,
    Cues,
    alternatives,
    asked_makers,
    asked_phrase,
    asks_cards,
    asks_for_more,
    asks_of_it,
    asks_question,
    brand_asked,
    few_by,
    looked_one,
    plain_need,
    quantity_said,
    read_cues,
    reading_department,
    says_it,
    why_other,
)
from assistant.errors import LLMUnavailable
from assistant.followups import (
    only_tells,
    tells,
    tells_elsewhere,
    tells_in_any,
    told_unwanted,
    told_wants,
)
from assistant.glossary import available as glossary_available
from assistant.glossary import chinese_to_english
from assistant.kinds import (
    COMPARATIVES,
    MATERIALS,
    MAX_LISTED,
    PACKAGING,
    SPEC_MATERIALS,
    STORY_AFTER,
    listed_products,
    not_product_word,
    product_kind,
    wanted_part,
)
from assistant.llm import ChatMessage, LLMBackend
from assistant.messages import clean_message
from assistant.needs import (
    PURPOSE,
    STORY_CLAUSE,
    WHO_THEY_ARE,
    WORN_SIZE,
    Needs,
    dressed_as,
    follow_up_ask,
    named_star,
    read_needs,
)
from assistant.people import RECIPIENTS, age_span, read_age, strip_ages
from assistant.prices import PRICED_AT_ONE, extract_price_bounds, strip_price_phrases
from assistant.prompts import examples, render
from assistant.ratings import (
    RATING_BOUNDS,
    SOFT_RATING,
    read_rating,
    strip_matches,
    strip_rating_phrases,
)
from assistant.starters import asked as asked_starter
from assistant.starters import taking_up
from assistant.stories import is_story
from assistant.unwanted import ALREADY_HAS, CHILDISH, NOT_THIS, unwanted_words
from retrieval import units
from retrieval.catalog import Money
from retrieval.multilingual import names_nothing, read_words, said_words
from retrieval.vocabulary import Vocabulary

log = logging.getLogger(__name__)


class Sort(StrEnum):
    relevance = "relevance"
    cheapest = "cheapest"
    best_rated = "best_rated"


class Intent(StrEnum):
    new = "new"  # a new request: constraints start afresh
    refine = "refine"  # adjust the previous request: constraints carry over and are revised
    more = "more"  # the same request, products not shown yet
    compare = "compare"  # compare products on screen
    detail = "detail"  # one product on screen ("the second one", "the Yamaha")


#: A turn of the talk that is no search (see `ShoppingQuery.move`); "" for every other turn.
Move = Literal["", "thanks", "leaving", "ack", "chosen", "any price", "store", "cart", "remove", "quantity"]


class ShoppingQuery(BaseModel):
    """What the shopper asked for in one message, after cross-checking."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str = Field(description="The message as written")
    need: str = Field(description="What they are looking for, free text, no prices")
    intent: Intent = Intent.new
    department: str | None = None
    category: str | None = None
    min_price: Money | None = None
    max_price: Money | None = None
    currency: str | None = None
    price_around: bool = Field(
        default=False, description="The price range was read about one amount: 'around $50'"
    )
    tells_problem: bool = Field(
        default=False,
        description="A problem told, no product named: 'my prints keep lifting off the bed'",
    )
    brands: tuple[str, ...] = ()
    exclude_brands: tuple[str, ...] = ()
    attributes: tuple[str, ...] = ()
    sort: Sort = Sort.relevance
    cheaper: bool = Field(default=False, description="Asked for cheaper than what is on screen")
    pricier: bool = False
    compare: bool = False
    references: tuple[int, ...] = Field(default=(), description="1-based positions on screen")
    language: str = "en"
    search: str = Field(
        default="", description="The product words searched for (English, spelling corrected)"
    )
    original: str = Field(
        default="",
        description="The shopper's own words in their language when `search` is the model's "
        "translation: searched too (multilingual model), since a small model's translation "
        "can be wrong",
    )
    by_dictionary: bool = Field(
        default=False, description="`search` was read with a dictionary, not the model"
    )
    min_rating: float | None = Field(default=None, description="Hard: 'at least 4.5 stars'")
    min_rating_count: int | None = Field(default=None, description="Hard: 'at least 300 reviews'")
    prefer_rated: bool = Field(default=False, description="Soft: 'well reviewed'")
    prefer_cheap: bool = Field(default=False, description="Soft: 'cheap', 'nothing too pricey'")
    recipient: str | None = Field(default=None, description="Who it is for: 'niece', 'toddler'")
    age_min: float | None = Field(default=None, description="Age in years of who it is for")
    age_max: float | None = None
    sizes: tuple[str, ...] = Field(
        default=(), description="'1000 pieces', '1/2 size', 'pack of 100'"
    )
    kind: str | None = Field(
        default=None, description="The word naming the kind of product: 'shoes' in 'running shoes'"
    )
    alternatives: tuple[str, ...] = Field(
        default=(), description="Things set against each other: 'dunlop crybaby or vox?'"
    )
    interests: tuple[str, ...] = Field(
        default=(), description="What the person it is for loves: 'space' of 'who's into space'"
    )
    unwanted: tuple[str, ...] = Field(
        default=(),
        description="Soft: what the product should not be or have: 'glitter' of 'nothing with "
        "glitter', 'black' and 'white' of 'except black or white'",
    )
    starter: str | None = Field(
        default=None,
        description="The activity whose starting kit was asked for: 'saxophone' of 'what do I "
        "need to start the sax?' (see assistant/starters.toml)",
    )
    starter_owned: bool = Field(
        default=False, description="The shopper has the thing itself: 'besides the sax itself'"
    )
    items: tuple[str, ...] = Field(
        default=(),
        description="The products one message lists, each its own request: 'a desk organizer' "
        "and 'a stapler' of '2 things: a desk organizer and also a stapler'",
    )
    gift: bool = False
    occasion: str | None = None
    move: Move = Field(
        default="",
        description="A turn of the talk, not a search: thanks ('ok thx'), leaving ('ok nvm'), a "
        "card chosen ('i'll "
        "take the second'), the price limit dropped ('forget the budget'), what the store sells",
    )
    narrows: str = Field(
        default="", description="Words added to the search in force: 'baritone' in 'for a baritone'"
    )
    told: bool = Field(
        default=False, description="A follow-up that only tells ('she already has rosin'): no search"
    )
    asks_how: bool = Field(
        default=False,
        description="A question of know-how about a product ('how often should i change my "
        "ukulele strings'): its product is searched, and the answer says what the listings say of it",
    )
    department_hint: str | None = Field(
        default=None, description="Soft: the department the product words belong to"
    )
    corrected: tuple[tuple[str, str], ...] = Field(
        default=(), description="Spelling corrected against the catalog: (written, searched)"
    )
    notes: tuple[str, ...] = Field(
        default=(), description="How soft phrasings were read, e.g. 'around $50 read as $40-$60'"
    )
    unknown: tuple[str, ...] = Field(
        default=(), description="Product words no catalog product uses: the store does not carry it"
    )

    @property
    def age(self) -> tuple[float, float] | None:
        return age_span(self.age_min, self.age_max)

    @property
    def unknown_product(self) -> bool:
        """A new request naming a product with a word no catalog product uses, in the words
        that name the product ("a ream of printer paper", "a gaming laptop with an RTX card",
        "a theremin"), not in what it is for ("a cookbook for quick weeknight dinners")."""
        if self.intent is not Intent.new or not self.unknown:
            return False
        named = set(re.findall(r"[a-z]+", asked_phrase(self.text, story=True).lower()))
        # what the person loves is no product named: "a gift ..., she loves birds, like
        # birdwatching" had said "We don't seem to carry like birdwatching"
        liked = {w.lower() for w in self.interests}
        return any(word in named and word not in liked for word in self.unknown)


class Understanding(BaseModel):
    """The query and how it was reached: what the model proposed and what the words overruled."""

    model_config = ConfigDict(frozen=True)

    query: ShoppingQuery
    model_reading: dict[str, Any] | None = Field(
        default=None, description="The model's structured reading, as generated"
    )
    overruled: tuple[str, ...] = Field(
        default=(), description="Model proposals dropped for lack of support in the words"
    )
    model_error: str | None = Field(
        default=None, description="Why the model could not be asked (words-only reading)"
    )
    english: str | None = Field(
        default=None, description="The message in English: as written, or the checked translation"
    )


def reading_schema() -> type[BaseModel]:
    """The JSON schema the model fills: only what the words cannot settle (the product in
    catalog words, and whether a short message adjusts the last request). Department, sort and
    language are read from the words and the catalog; every generated token costs ~0.2 s on a
    2-core CPU, so the model is not asked for what would be overruled anyway."""
    intent: Any = Literal["new", "refine", "more", "compare"]
    fields: dict[str, Any] = {
        "product": (str, Field(max_length=60)),
        "intent": (intent, "new"),
    }
    return create_model("Reading", **fields)


#: A count said to be too many, then the most wanted said bare: "1000 pieces is too much for her,
#: like 300 max".
_FEWER_PIECES = re.compile(
    r"\b\d{2,5}\s*(?:pieces?|pcs|pc)\b[^.?!]*?\btoo\s+(?:much|many|big|hard|long)\b[^.?!]*?"
    r"\b(?:like\s+|about\s+|around\s+|maybe\s+)?(\d{2,5})\s*(?:max|tops|or\s+(?:less|fewer|under))\b",
    re.I,
)
#: Money said as such: a currency mark or word.
_MONEY = re.compile(r"[$€£¥]|\b(?:dollars?|bucks|euros?|usd|eur)\b", re.I)
#: Where a request turns from the product to what it is for: "headphones for practicing electric
#: drums" asks for no electric headphones.
#: (not "looking for": "looking for PETG filament 1.75mm, black" had lost the colour asked)
_PURPOSE = re.compile(
    r"(?<!looking)(?<!searching)(?<!shopping)(?<!hunting)(?<!asking)(?<!\bgo)(?<!going)\sfor\s", re.I
)


def _of_product(attributes: Sequence[str], text: str) -> tuple[str, ...]:
    """The features said of the product, before the request turns to what it is for."""
    # (not what the person is like: "it's our IT guy, super quiet" asks for no quiet product)
    head = WHO_THEY_ARE.sub(" ", _PURPOSE.split(text, maxsplit=1)[0])
    return tuple(a for a in attributes if re.search(rf"\b{re.escape(a)}\b", head, re.I))


#: What may come before a message's first words: "ok", "and", "but also".
_SAID_FIRST = re.compile(
    r"^\W*(?:(?:and|but|ok|okay|also|oh|so|hmm|actually|please|pls|maybe|nah|nope|no|well|wait|"
    r"yeah|um|uh)\W+)*",
    re.I,
)


def _says_only_unwanted(text: str) -> bool:
    """Whether the message says only what is not wanted, and maybe why: "nah not a book, something
    she can actually use", "hes not into gadgets", "ok actually maybe not slime, her mom says the
    last batch ended up in the carpet" (each had been a new search for its other words)."""
    first = re.split(r"[,;.!?]|\s[-–]\s", text, maxsplit=1)[0]
    if not unwanted_words(first, shown=True):
        return False  # "not sure what to get, ..." names nothing unwanted

    def plain(words: str) -> bool:
        return all(not_product_word(w) for w in re.findall(r"[a-z][a-z']*", words.lower()))

    def told(words: str) -> bool:  # "..., her mom says ...", "hes 11 and i dont trust him"
        said, *then = _JOINED.split(words)  # (not "i mean a real bed not the doll one")
        return plain(said) and all(plain(part) or STORY_CLAUSE.match(part) for part in then)

    rest = text[len(first) :]
    first = ALREADY_HAS.sub(" ", NOT_THIS.sub(" ", first))
    # (a story told after it: "no nerf stuff, the school doesn't allow it")
    # (or why, said with no one doing it: "no hatchbox please, had a bad experience")
    why = rest.lstrip(" ,;.!?-")
    told_after = bool(STORY_AFTER.match(rest)) or tells(why) or bool(_WHY_NOT_THEM.match(why))
    return told(first) and (plain(rest) or told_after)


#: Where a sentence joins another clause: "not the lipo one hes 11 and i dont trust him".
_JOINED = re.compile(r"\b(?:and|but|because|since|cause|bc|so)\b", re.I)


#: A question asking which of the cards: "¿cuál aguanta calor directo en la hornilla?".
_WHICH = re.compile(
    r"^\W*¿?\s*(?:which|cu[aá]l(?:es)?|qual|quel(?:le)?|laquelle|lequel|welche[rs]?|哪)", re.I
)


def _intent(cues: Cues, has_screen: bool, model_intent: str | None) -> Intent:
    if not has_screen:
        return Intent.new
    if cues.about_shown or (cues.compare and (cues.references or not cues.content_words)):
        return Intent.compare  # "which one is better for small hands?": the cards on screen

    adjusts = (
        cues.cheaper
        or cues.pricier
        or cues.more
        or cues.exclude_brands
        or cues.attributes
        or cues.price_bound
        or cues.rating_bound
    )
    if (
        cues.yes_no
        and len(cues.references) <= 1
        and not (adjusts and not cues.attributes)
        and not (
            cues.cheapest or cues.better_rated or cues.more
        )  # "is this the cheapest you have?"
    ):
        # "does the second one come with a case?": about that card; "is it waterproof?" asks
        # whether it is, not for another one; "does it ..." is about the card last looked at
        return Intent.detail
    if (cues.references or cues.priced) and not adjusts and len(cues.content_words) <= 1:
        return Intent.detail
    if cues.more and not cues.content_words:
        return Intent.more
    if cues.refinement:
        return Intent.refine
    if len(cues.content_words) <= 1 and model_intent in ("refine", "more", "compare"):
        return Intent(model_intent)
    return Intent.new


#: A message that only says what the products on screen should be for: "for a baritone",
#: "something more for a beginner", "what about for a left-handed player?".
_FOR_ONLY = re.compile(
    r"^\W*(?:(?:and|so|ok|okay|now|what|how)\s+(?:about\s+)?)?(?:(?:something|anything|any|ones?|some)"
    r"\s+)?(?:(?:more|else|better|that'?s|suitable|good)\s+)?(?:suited\s+|made\s+)?for\b"
    # the same in Spanish: "¿y para 2 jugadores nomás?", "¿y qué tal para un niño de 5?"
    r"|^\W*y\s+(?:qu[eé]\s+tal\s+)?para\b",
    re.I,
)
#: A card asked for by what it is for or has, none named: "the one for complete beginners"
#: after Python books (it had searched "complete beginners": a fly-fishing guide).
_THE_ONE_FOR = re.compile(
    r"^\W*(?:(?:and|ok|okay|so|hmm)\W+)?(?:what about\s+|how about\s+)?the\s+ones?\s+"
    r"(?:for|with|that'?s?\s+(?:for|good for|better for))\s+[a-z]",
    re.I,
)
#: The same for someone else: "actually make it for a 5 year old", "change it to a girl".
_MAKE_IT_FOR = re.compile(
    r"^\W*(?:(?:actually|ok|okay|so|and|hmm|oh|wait|no)\W+)*(?:make|change|switch)\s+(?:it|that|this|them)\s+"
    r"(?:to\s+|into\s+)?(?:for|a|an)\b",
    re.I,
)
#: Someone of another age than the one asked for: "what about for an older kid, like 14, ...".
_OTHER_AGE = re.compile(
    r"\b(?:older|younger|bigger|smaller)\s+(?:kids?|child|children|boys?|girls?|ones?)\b", re.I
)
#: A message asking for the same with another quality: "something shorter", "a lighter one".
#: A message that is a request of its own, though it opens with "for": "For my son, I need a
#: baseball glove", "for a 5 year old who loves dinosaurs".
_OWN_REQUEST = re.compile(
    r"[,;.]|\b(?:i|we)\b|\b(?:want|need|looking|get|buy|who|that|which|loves?|likes?|into)\b"
    r"|^(?:\S+\s+){6,}\S",
    re.I,
)
_QUALITY_MORE = r"(?:(?:a bit|a little|slightly|much|way|even)\s+)?(?:more\s+[a-z-]+|less\s+[a-z-]+|(?!other\b)[a-z]{2,}er)"
_OTHER_ONE = re.compile(
    rf"^\W*(?:(?:maybe|ok|okay|hmm|and|or|actually|no|nah|then|so)\W+)*(?:(?:do\s+you\s+have|got|is\s+there)\s+)?"
    rf"(?:(?:something|anything)\s+{_QUALITY_MORE}|(?:(?:a|an|one|any|some)\s+)?{_QUALITY_MORE}\s+ones?"
    # "actually i need bigger, like 1000ml and up"
    rf"|(?:i|we)\s+(?:need|want)\s+(?:(?:a|an|one|some|something)\s+)?{_QUALITY_MORE}(?:\s+ones?)?)"
    # what it is more so for: "something quicker to learn?", "anything easier for little kids?"
    r"(?:\s+(?:to|for)\s+[a-z]+(?:\s+[a-z]+)?)?"
    # and how else: "something slower and hard to break"
    r"(?:\s+(?:and|but)\s+(?:more\s+|less\s+)?[a-z]+(?:\s+to\s+[a-z]+)?)?"
    # ("something more strategic, less dice luck")
    r"(?:\s*,\s*(?:and\s+|but\s+)?(?:more|less|fewer)\s+[a-z]+(?:\s+[a-z]+)?)?"
    r"(?:\s+(?:please|pls|then|instead|maybe|perhaps|"
    rf"though|tho|if possible))*"
    # how much more so: "anything shorter, like under 200 pages"
    r"(?:\s*,?\s*(?:like|say|ideally|maybe)\s+[^?]{1,40})?"
    # and why, said as what the person can do: "something bigger he can't swallow"
    r"(?:\s+(?:that\s+)?(?:he|she|they|we|i|it)\s+(?:can'?t|cannot|won'?t|can|will|could|couldn'?t)\s+[a-z' ]{1,30})?\W*$",
    re.I,
)
#: Why, said last as what the person can or cannot do: "... he can't swallow".
_CAN_CLAUSE = re.compile(
    r"\s+(?:that\s+)?(?:he|she|they|we|i|it)\s+(?:can'?t|cannot|won'?t|can|will|could|couldn'?t)\s+[a-z' ]{1,30}\W*$", re.I
)
#: A product said by what it should be like alone: "something fun and nerdy", "anything more
#: practical", "something educational but not boring".
_SOMETHING_SO = re.compile(
    r"^\W*(?:(?:maybe|ok|okay|hmm|and|or|so|well|ideally)\W+)*(?:something|anything|smth|sth)\s+"
    r"(?:(?:more|less|really|very|super|kinda|a\s+bit)\s+)?[a-z-]{3,}+(?:\s*,?\s*(?:and|but|or)\s+"
    r"(?:(?:more|less|not)\s+)?[a-z-]{3,}+)?+"
    # ("hmm something co-op maybe")
    r"(?:\s+(?:maybe|perhaps|please|pls|instead|though|tho))*+"
    # (and nothing more, but what it should not be: not "something not messy? friendship
    # bracelet kit maybe", which names the kind)
    r"(?=\s*(?:[,.;!-]+\s*(?:not|no|nothing|never|but\s+not)\b|[.!?\s]*$))",
    re.I,
)
#: Asking what else the product on screen takes: "do i need anything else to use it", "what else
#: would she need", "anything else i need to buy for it".
_ELSE_NEEDED = re.compile(
    r"\b(?:do|will|would|should|does)\s+(?:i|we|you|u|he|she|they)\s+(?:also\s+|still\s+)?need\s+"
    r"(?:anything|something|any\s+\w+)\s+else\b|\bwhat\s+else\b[^?.!]*\bneeds?\b"
    r"|\banything\s+else\s+(?:i|we|he|she|they)\s+(?:would\s+|will\s+)?(?:need|needs)\b",
    re.I,
)
_ARTICLE = re.compile(r"^(?:a|an|some|the)\s+", re.I)
#: Words that name no particular thing: "a special cable", "a power thing", "some kind of stand".
_VAGUE = re.compile(
    r"\b(?:special|certain|particular|extra|other|(?:some\s+)?(?:kind|sort|type)\s+of|things?|stuff|thingy)\b",
    re.I,
)
#: Things made to fit one instrument, listed after it: "a ukulele + a clip-on tuner + a soft case"
#: (a tuner or a cable fits any, and is searched as said).
_GEAR_FOR = frozenset(["case", "cases", "bag", "bags", "strap", "straps", "stand", "strings",
                       "picks", "capo", "cover", "rosin", "bow", "mute", "gig"])  # fmt: skip


#: Things that are gear themselves, listed first: what follows them is not theirs.
_GEAR_ITSELF = frozenset(["cable", "cables", "cord", "cords", "tuner", "tuners", "pedal", "pedals",
                          "adapter", "adapters", "charger", "chargers", "battery", "batteries",
                          "reeds", "sticks", "drumsticks", "metronome", "metronomes"])  # fmt: skip


def _gear_for_the_first(items: tuple[str, ...]) -> tuple[str, ...]:
    """Listed things, the gear among them for the first ("a soft case" after "a ukulele": a
    ukulele's soft case; a harmonica's had been shown)."""
    first = product_kind(items[0]) if items else None
    if not first or first.lower() in _GEAR_FOR | _GEAR_ITSELF:
        return items  # (picks are no cable's: "a guitar cable, 10 ft, and some picks")
    return (items[0], *(
        f"{first} {_ARTICLE.sub('', item)}"
        if (product_kind(item) or "").lower() in _GEAR_FOR and first.lower() not in item.lower()
        and not _whose_gear_said(item)
        else item
        for item in items[1:]
    ))  # fmt: skip


def _whose_gear_said(item: str) -> bool:
    """Whether the gear listed names what it is for ("a music stand", "some guitar picks": not
    the metronome's, listed first; "a gig bag" and "a soft case" are the first's)."""
    kind = (product_kind(item) or "").lower()
    before = re.findall(r"[a-z][\w-]*", item.lower().split(kind, 1)[0]) if kind else []
    return any(w != "gig" and product_kind(w) == w for w in before)


#: A thing the shopper says they lack: "i don't own a mic yet", "we dont have any cables".
_LACKING = re.compile(
    r"\b(?:don'?t|dont|do\s+not|doesn'?t|does\s+not)\s+(?:own|have)\s+(?:a|an|any)\s+"
    r"([a-z][\w-]*(?:\s+(?!yet\b|either\b|though\b|tho\b)[a-z][\w-]*)?)",
    re.I,
)
#: The things named after it: "..., like rosin or a tuner", "such as a special cable".
_NAMED_THINGS = re.compile(r"\b(?:like|such\s+as|e\.?g\.?|maybe)\s+([^?.!]+)", re.I)
#: The same kind with a change: "something similar but bigger", "anything like that but with a
#: bigger lens", "one like it but in blue" (each had been a new search for the change).
_SIMILAR_BUT = re.compile(
    r"^\W*(?:(?:ok|okay|so|hmm|and|or|maybe|actually)\W+)*(?:(?:do\s+you\s+have|is\s+there|got)\s+)?"
    r"(?:(?:something|anything|one|ones|some)\s+(?:similar|like\s+(?:that|this|it|those|these|them))"
    r"\s*,?\s*(?:but|just|only|except)"
    # "algo parecido pero en rosa", "uno igual pero más grande"
    r"|(?:algo|alguno|alguna|uno|una)\s+(?:parecid[oa]|similar|igual|as[ií])\s*,?\s*pero)\s+\w",
    re.I,
)
#: A card named first, then what it is, has or does: "the first one isnt just a decoration right",
#: "the 2nd one has a case?", "#3 looks cheap".
#: Two cards named as "the X one", one against the other: "the black one vs the silver one".
_ONE_VS_ONE = re.compile(
    r"\bthe\s+(?:[\w'-]+\s+){1,3}?ones?\s*(?:,\s*)?(?:vs\.?|versus|or|and|compared\s+to)\s+"
    r"(?:the\s+)?(?:[\w'-]+\s+){1,4}?ones?\b",
    re.I,
)
#: A yes/no question of a card named, said last after a comma: "..., is the crossfire metal?".
_ASKED_OF_THE_CARD = re.compile(
    r"[,;]\s*(?:(?:so|but|and|ok)\s+)?(?:is|are|does|do|can|will|would|has|was)\s+(?:the|that|this)\s+"
    r"[\w'-]+(?:\s+[\w'-]+)?(?:\s+ones?)?\s+[^,.;!?]{1,40}\?+\W*$",
    re.I,
)
_CARD_SUBJECT = re.compile(
    r"^\W*(?:(?:ok|okay|so|and|but|wait|hmm)\W+)*(?:the\s+)?(?:(?:first|second|third|fourth|fifth|last|"
    r"\d(?:st|nd|rd|th)?)\s+(?:one|pick|option)|#\d|no\.?\s*\d|number\s+\d|\[\d\])\s*[,:-]?\s+"
    r"(?:is|isn'?t|was|has|hasn'?t|does|doesn'?t|can|can'?t|will|won'?t|would|looks?|seems?|comes?|"
    r"needs?|works?|fits?|should|uses?|takes?|holds?|runs?|plays?|sounds?|feels?"
    # ... or a question of it: "the third one how long does a game take" (had searched "game")
    r"|how|what|why)\b"
    # a card named by its look, then a question of it: "ok and the silver one, will it scratch
    # the neck", "the red ones are they safe" (each had been a new search or a narrowing)
    r"|^\W*(?:(?:ok|okay|so|and|but|wait|hmm)\W+)*the\s+[a-z]+\s+ones?\s*[,:-]?\s*"
    r"(?:(?:is|are|does|do|will|would|can|could)\s+(?:it|they|that|this|these|those)|how|what|why)\b",
    re.I,
)
#: The same with a look or make said before "one(s)": "clear one, not pink or glittery",
#: "ceramic ones not semi metallic", "a wooden one?" (each had been a new search for the word);
#: "the green one" names a card (see `cues.THE_LOOK_ONE`), "the first one" a card by its place.
_LOOK_ONES = re.compile(
    r"^\W*(?:(?:ok|okay|so|hmm|maybe|actually|and|or|but|prefer(?:ably)?|ideally)\W+)*"
    r"(?:(?:a|an|any|some|only)\s+)?(?!(?:the|that|this|which|other|same|first|second|third|last|"
    r"next|new|old|one|cheaper|cheapest|\d+\w*)\b)([a-z][a-z-]+(?:\s+[a-z][a-z-]+)?)\s+ones?\b"
    r"(?!\s+(?:of|for|by|you|i|we|that|which)\b)",
    re.I,
)
#: The same kind with a quality, said as someone's need: "he needs a magnetic one".
_NEEDS_A_ONE = re.compile(
    r"\b(?:needs?|wants?|would\s+like|prefers?|asked\s+for|asking\s+for)\s+(?:a|an|some)\s+"
    r"(?!(?:new|other|different|better|good|nice|real|proper|decent)\b)([a-z][a-z-]+)\s+ones?\b"
    r"(?!\s+(?:of|for|by|that|which)\b)",
    re.I,
)
#: Words around a variety said alone: "should i go concert instead?", "tenor size then".
_AROUND_VARIANT = frozenset(["go", "get", "try", "switch", "instead", "then", "size", "one", "ones",
                             "maybe", "rather", "better", "kids", "kid", "toddler", "teen",
                             "adult", "adults"])  # fmt: skip


#: Only the cards of one make or look: "only ebony, nothing plastic", "just the wooden ones".
#: A material said to do after all: "eh plastic is fine actually, the students keep breaking them".
_FINE_WITH = re.compile(
    r"^\W*(?:(?:eh|ok|okay|actually|oh|well|hmm|so|nah|no)\W+)*([a-z-]+)\s+(?:is|are|would\s+be|'s)\s+"
    r"(?:fine|ok|okay|good|better|better\s+actually)\b",
    re.I,
)
_ONLY_MADE = re.compile(r"^\W*(?:only|just)\s+(?:the\s+)?([a-z-]+)(?:\s+ones?)?\b(?=\s*(?:[,.!?]|$|please|pls))", re.I)


def _only_variant(search: str) -> str:
    """The one variety a message says and nothing more ("concert" of "should i go concert
    instead?"); "" when it says anything else, or weighs two ("soprano or concert?")."""
    words = [w for w in search.lower().split() if w not in _AROUND_VARIANT]
    return words[0] if len(words) == 1 and words[0] in VARIANT_WORDS else ""


#: A message asking for the same with something more: "any in 0.5 fine tip?", "anything with a
#: metal body?", "ones that are waterproof?", "and a multi color pack?" (when it names no kind).
_ANY_IN = re.compile(
    r"^\W*(?:(?:and|or|ok|okay|so|but|hmm|also|ideally|preferably|maybe|well)\W+)*(?:(?:only|just)\s+)?"  # "only ones with ..."
    # "is there one thats left handed" (it had looked for "left handed" in one listing)
    r"(?:(?:do|does)\s+(?:you|it)\s+(?:have|come)\s+|(?:is|are)\s+there\s+)?"
    # "ok what do you have that goes higher, sub 150" (after magnifiers: a search for "goes higher")
    # ("only the ones that take AA batteries" had searched batteries)
    # ("ideally stuff that washes off walls and hands" had made the kind "hands")
    r"(?:(?:any|anything|(?:the\s+)?ones?|some|something|stuff|things?|them|it|one|those|these)\s+"
    r"(?:in|with|without|that'?s?|which)\b"
    r"|what\s+(?:else\s+)?(?:do|does)\s+(?:you|u|y'?all)\s+(?:have|got|carry)\s+(?:that|which)\b"
    r"|(?:in|with)\s+(?:a|an)\b"
    # "¿hay alguno que funcione con pilas?", "¿alguna en azul?", "¿alguno ambientado en ...?"
    r"|(?:hay\s+)?algun[oa]s?\s+(?:\w+\s+)?(?:que|con|en|sin|de|m[aá]s|menos)\b"
    # "¿hay algo parecido pero más corto?" (anything like it but shorter?)
    r"|(?:hay\s+)?algo\s+(?:parecido|similar|igual|as[ií]|del estilo)?\s*(?:pero\s+)?(?:m[aá]s|menos)\s"
    # "¿y en tapa dura?" (and in hardcover?), "and in black?"
    r"|(?:y|and)\s+(?:en|con|sin|in|with|without)\s"
    # "有粉色的吗？" (any in pink?), "有没有便宜一点的" (any a bit cheaper?)
    r"|有(?:没有)?[^，。？?]{1,8}的(?:吗|呢|嘛)?\W*$)",
    re.I,
)


#: A question of know-how, anywhere in the message: "how do i keep my guitar strings from going
#: dead so fast", "..., how often are you actually supposed to change them", "is 40x enough".
_KNOW_HOW = re.compile(
    r"\bhow\s+(?:do|does|can|should|would)\s+(?:i|you|we|u|one)\s+(?!(?:get|buy|order|find|pick|choose)\b)\w+"
    r"|\bhow\s+(?:often|long|frequently)\b|\bwhy\s+(?:do|does|is|are|did|would|won'?t|doesn'?t)\s+(?:my|the|it|they)\b"
    r"|\b(?:is|are)\s+(?:it|that|this|they)\s+(?:safe|normal|bad|ok|okay)\s+to\b"
    r"|\b(?:is|are)\s+(?:it|that|this|they)\s+(?:normal|broken|defective)\b"
    r"|\bdo\s+(?:i|you|we)\s+(?:really\s+)?have\s+to\b"
    r"|\bcan\s+i\s+(?:just\s+)?(?:leave|keep|store|wash|clean|put|use)\s+(?:my|the|it|them)\b"
    r"|\bcan\s+(?:my|our)\s+(?:[\w-]+\s+){1,3}?(?:print|play|handle|run|take|do|cut|read|hold)\b"
    r"|\b(?:is|are)\s+[\w.-]+\s+(?:really\s+)?enough\b",
    re.I,
)


#: A question whose subject is the shopper's own product, its verb after it: "why does my capo
#: buzz on the low e" (the kind had been "buzz"), "why won't my violin stay in tune", "why does my
#: 3d printer keep clogging"; group 1 is the subject and its verbs, up to where the question goes on.
_WHY_DOES_MY = re.compile(
    r"\bwhy\s+(?:do|does|did|would|won'?t|doesn'?t|don'?t|can'?t)\s+(?:my|our)\s+"
    r"([\w-]+(?:\s+[\w-]+){1,4}?)\s*(?=\b(?:on|in|at|when|whenever|after|if|every|all|so|with|while|"
    r"of|out|up|off|and|or|but)\b|[,.?!]|$)",
    re.I,
)
#: Verbs that carry another after a subject: "my printer keeps clogging", "my guitar won't stay"
_CARRYING = frozenset(["keep", "keeps", "stay", "stays", "go", "goes", "get", "gets", "start",
                       "starts", "sound", "sounds", "feel", "feels", "look", "looks", "seem",
                       "seems", "always", "never", "still", "just", "not", "so"])  # fmt: skip


def _asked_of_mine(text: str) -> str | None:
    """The kind of the shopper's own product a "why does my X do Y" question is about."""
    if not (m := _WHY_DOES_MY.search(text)):
        return None
    words = m.group(1).split()[:-1]  # its last word is what it does: "capo buzz"
    while len(words) > 1 and words[-1].lower() in _CARRYING:
        words.pop()
    return product_kind(" ".join(words)) if words else None


#: A problem told, with no product named to fix it: "prints keep lifting off the bed at the
#: corners", "the kick drum slides forward across the floor every song", "my solder joints come
#: out all lumpy", "my violin wont stay in tune" (each had made a kind of the story's noun, "not
#: carried", and none of the fixes found was recommended).
_PROBLEM = re.compile(
    r"\b(?:keeps?|kept)\s+(?:on\s+)?(?!(?:talking|asking|begging|saying|mentioning|bringing|"
    r"looking|watching|playing|singing|drawing|reading|building)\b)[a-z]+ing\b"
    # (not a liking: "wont stop talking about fountain pens" had been told a problem)
    r"|\b(?:won'?t|wont|doesn'?t|doesnt|don'?t|dont|can'?t|cant)\s+(?:stay|stop(?!\s+(?:talking|asking|begging|saying|"
    r"mentioning|playing|singing|drawing|reading|building|watching|looking|practi[cs]ing))|work|hold|stick|fit"
    r"|charge|connect|grip)\b"
    # (said as what it does, not a thing's name: "a guitar slide", "garden clogs" are products)
    r"|\b(?:slides?|sliding|slips?|slipping|wobbles?|wobbling|moves?|creeps?)\s+(?:forward|around|off"
    r"|down|back|out|across|away|all\s+over|every|when|whenever)\b"
    r"|\b(?:buzz(?:es|ing)|rattl(?:es|ing)|crackl(?:es|ing)|warp(?:s|ing|ed)|curl(?:s|ing)?\s+up|lift(?:s|ing)?\s+off"
    r"|clog(?:s\s+up|ging|ged)|squeaking|comes?\s+out\s+(?:all\s+)?[a-z]+|falls?\s+(?:off|over|apart))\b"
    r"|\b(?:driving|drives)\s+me\s+(?:nuts|crazy|insane)\b|\bso\s+annoying\b",
    re.I,
)
#: What a fix may be asked as, naming no kind: "any supplies that help", "what do i need".
_ANY_FIX = frozenset(["supplies", "products", "tips", "ideas", "accessories"])


def _tells_problem(text: str, kind: str | None) -> bool:
    """A problem told whose clause holds the kind read, if any (the story's noun: "prints keep
    lifting off the bed"); a product asked for elsewhere is asked for ("my toddler keeps chewing
    on everything, any safe stacking toys?", "my guitar keeps falling over, need a stand")."""
    # (not what is not wanted: "not one of those toy ones that can't stay in tune")
    said = NOT_THIS.sub(" ", text)
    problem = _PROBLEM.search(said)
    if problem is None:
        return False
    wanted = wanted_part(text)
    if wanted and (named := product_kind(wanted)) and named.lower() not in _ANY_FIX:
        return False
    if kind is None:
        return True
    start = max((m.end() for m in _CLAUSE_END.finditer(said, 0, problem.start())), default=0)
    end = next((m.start() for m in _CLAUSE_END.finditer(said, problem.end())), len(said))
    return bool(re.search(rf"\b{re.escape(kind)}\b", said[start:end], re.I))


#: Where a clause ends: "my toddler keeps chewing on everything, any safe stacking toys?"
_CLAUSE_END = re.compile(r"[,.;!?]|\s(?:but|so|and then)\s", re.I)


#: A first message telling of someone, asking for nothing: "grandpa is 78 and still out in his
#: woodshop every morning making birdhouses", "my aunt just retired after 35 yrs teaching
#: kindergarten" (a gift for them, what they are into said; the kind had been "out" or
#: "kindergarten", and the next message forgot them).
_TELLS_OF = re.compile(
    r"^\W*(?:(?:so|ok|okay|well|hi|hey|um|uh)\W+)*(?:my\s+|our\s+)?(?:(?:best|old|little|big|older|younger)\s+)?"
    rf"(?:{'|'.join(RECIPIENTS)})(?:'s|s)?\s+(?:is|just|has|loves|likes|spends|retired|turned|started|finished|"
    r"keeps|was|got|gets|plays|collects|builds|works|moved|lives)\b",
    re.I,
)
#: ... where it asks for something after all.
_ASKS_FOR = re.compile(
    r"\b(?:needs?|wants?|looking|searching|shopping|recommend|suggest|ideas?|gift|present|get\s+(?:him|her|them))\b|\?",
    re.I,
)


#: "What about" before another one, more so: read as the rest alone.
_WHAT_ABOUT_MORE = re.compile(
    r"^\W*(?:(?:ok|okay|so|and|hmm)\W+)?(?:what|how)\s+about\s+(?=(?:a|an|something)\s+(?:[a-z]+er|more\s+[a-z]+|less\s+[a-z]+)"
    r"(?:\s+(?:one|ones))?\W*$)",
    re.I,
)
#: Doing words said before a product in a question: "change", "tune", "clean" are no part of it.
_DOING = frozenset(["change", "tune", "clean", "keep", "store", "use", "fix", "replace", "wash",
                    "restring", "oil", "stop", "leave", "put", "get", "buy", "tell"])  # fmt: skip


def _product_said(text: str, kind: str) -> str:
    """The product a question is about, as said ("my guitar strings" -> "guitar strings"); the
    kind alone when it is said with no article or possessive before it."""
    m = re.search(
        rf"\b(?:my|the|a|an|your|our|his|her|their|these|those)\s+((?:[\w-]+\s+){{0,2}}?{re.escape(kind)})\b",
        text,
        re.I,
    )
    if not m:
        # (the word before it, said with it: "change guitar strings" is of guitar strings)
        m = re.search(rf"\b([a-z]+\s+{re.escape(kind)})\b", text, re.I)
        if (
            not m
            or not_product_word(m.group(1).split()[0])
            or m.group(1).split()[0].lower() in _DOING
        ):
            return kind
    return " ".join(w for w in m.group(1).split() if not not_product_word(w)) or kind


#: A comparative with nothing before it to compare with ("cheaper sticks"; not "cheaper than a
#: fender", which names what it compares with).
_FIRST_CHEAPER = re.compile(
    r"\b(?:cheaper|less expensive|lower[- ]priced|more affordable)\b(?!\s+than\b)", re.I
)


#: Another thing said by how many or with its article, as a list goes on: "and 2 rolls of packing
#: tape".
_MORE_OF = re.compile(r"^\W*(?:and|also|plus|oh\s+and)\s+(?:\d{1,3}|a|an|some|one|two|three)\s+", re.I)


#: A thing asked for, said with its verb: "need beach towels for the family".
_ASKS_FOR = re.compile(r"\b(?:need|needs|want|wants|looking\s+for|show\s+me|find\s+me|get\s+me|buy|any)\b", re.I)
#: The store's lack said back before something else is asked: "wait really no skates at all?? ok
#: then decorations ...", "oh u dont have machines? what about a kids sewing kit then" (not "ok no
#: glitter please.": that is what is not wanted)
_NONE_THEN = re.compile(
    r"^\W*(?:(?:wait|oh|ah|hm+|so|aw+|ugh|dang|damn)\W+)*"
    r"(?:(?:really\s+)?(?:no|none|not\s+any|zero)\s+(?!(?:more|less|over|under|higher|lower|cheaper|pricier|bigger|smaller|"
    r"problem|problems|worries|rush|pressure|budget|limit|need|idea|clue|thanks|way|one|kids|pets)\b)"
    # (said in surprise or let go: not "no pink, she hates pink", which is what is not wanted)
    r"(?:(?:[\w'-]+\s+){0,3}?[\w'-]+\s+at\s+all\s*\?+|(?:[\w'-]+\s+){0,3}?[\w'-]+\s*\?\?+)"
    r"|(?:you|u)\s+(?:don'?t|dont|do\s+not)\s+(?:have|carry|sell)\s+(?:any\s+)?(?:[\w'-]+\s+){0,2}?[\w'-]+(?:\s+at\s+all)?\s*\?+)"
    r"\s*(?:(?:bummer|oh\s+well|too\s+bad|shame|dang|damn|lol|fine|alright)\W+)*"
    # (then something else asked: not "no assembly at all? my husband is hopeless with tools")
    r"(?=(?:ok(?:ay)?\W+)?(?:then\b|what\s+about|how\s+about|any\b|anything|do\s+(?:you|u)|what\s+do|maybe|instead|"
    r"so\s+|add\b|show\b|i'?ll|not\s+even\b|she\s+also|he\s+also|also\b)|ok(?:ay)?\W+\w+(?:\s+\w+)?\s+(?:for|then)\b)",
    re.I,
)
#: A card's material asked of, as the subject of a question: "is ceramic gonna shatter", "will
#: plastic hold up outside", "does wood warp".
_MADE_OF_ASKED = re.compile(
    rf"\b(?:is|are|will|would|does|do|can|could)\s+(?P<made>{'|'.join(sorted(MATERIALS))})\s+"
    r"(?:gonna|going\s+to|likely\s+to|really|actually|still|even|ever|hold\s+up|last|break|shatter|crack|chip|"
    r"warp|rust|scratch|dent|survive|bend|snap|fade|peel|tarnish|get|be|sound|hold|feel)\b",
    re.I,
)


def _talk_move(
    text: str, intent: Intent, cues: Cues, kind: str | None, english: str = ""
) -> tuple[Intent, Move]:
    """A turn of the talk about the cards on screen, not a search of its words: thanks, a card
    chosen, the card recommended or one named by its look (asked about), none of them right
    (others), the price limit dropped (the same, any price)."""
    if CLOSING.match(text):
        return Intent.compare, "thanks"  # "ok thx" had searched for thank-you cards
    if LEAVING.match(text):
        return Intent.compare, "leaving"  # "ok nvm" had searched "ok nvm"
    if ACK.match(text):
        return Intent.compare, "ack"  # "ok", "hmm", "cool": the same cards, what to do next
    if STORE_RANGE.search(text) or GREETING.match(text):
        # "oh ok what do you sell then", and a greeting ("hi"): the store's departments
        return Intent.compare, "store"
    if GIFT_WRAP.search(text):
        # gift wrap or a note asked of the card chosen: answered of it, not searched
        return Intent.detail, ""
    if (asked := CART_ASKED.search(text)) and not re.match(NAMED_THEN_TOTAL, text, re.I) and not any(
        (re.search(ADD_TO_CART, part, re.I) or (_MORE_OF.match(part) and product_kind(part)))
        and not CART_ASKED.search(part)
        # ("put the gretsch and the cheapest amp in, hows the total looking": put in, then said;
        # "and 2 rolls of packing tape, then give me a total": the tape too; "the cheap one with
        # the clip, add. whats it all come to": what is before the ask, whole)
        for part in [*re.split(r"(?<=[.!?;,])\s+|\s+then\s+", text), text[: asked.start()]]
    ):
        # (one put in first is put in, the cart said with it: "add the first one for him. total
        # for both?" had been asked of the card)
        return Intent.detail, "cart"  # "how much is that altogether?": the cart, as it stands
    if REMOVE_FROM_CART.search(text) and not asks_question(text):
        return Intent.detail, "remove"  # "remove the goggles too": out of the cart
    if (count := quantity_said(text)) and (
        count.string.strip() == text.strip()
        or not (_ASKS_FOR.search(head := text[: text.rfind(count.string)]) and product_kind(head))
    ):
        # (a count after why, not after a thing asked: "need beach towels for the family, make it
        # 4" asks for towels)
        return Intent.detail, "quantity"  # "actually make it 2": of what was just put in
    if few_by(text):
        return Intent.compare, ""  # "die zwei günstigsten, was ist der Unterschied?": those two
    if why_other(text):
        return Intent.compare, ""  # "why that one and not the cheaper one?": the two side by side
    if (
        NOT_RECORDED.search(text)
        and all(not_product_word(w) or len(w) < 3 or w in _ONLY_THOSE
                for w in re.findall(r"[^\W\d_]+", NOT_RECORDED.sub(" ", text).lower()))
    ):
        # what the catalog does not record, asked of the cards and nothing more: "only the ones
        # in stock", "r they in stock" (had searched "stock": a stock market game)
        return Intent.detail, ""
    if _JUST_THE_ONE.match(text):
        # "the ocean one" and nothing more: a card named, asked of (or said where none is: it
        # had searched the store for "ocean")
        return Intent.detail, ""
    if (
        TAKES.search(text)
        # (the sentence taking it asks nothing: "Ich nehme an, die zweite ist aus Holz?" does;
        # "add the first one for him. total for both?" takes it)
        and (not _taking(text).rstrip().endswith(("?", "？")) or re.match(NAMED_THEN_TOTAL, text, re.I))
        and (
            cues.references
            or cues.priced
            or THE_PICK.search(text)
            or GO_WITH.search(text)  # "nah go with the padded bag, cheaper"
            or re.search(r"\bjust\s+(?:the|that)\b.*\bthen\W*$", text, re.I)  # "just the X then"
            # "ill take the meinl" (had been read as said of the request on screen)
            or re.search(r"\b(?:take|get|grab|buy|order)\s+the\s+[a-z0-9][\w'-]*(?:\s+[a-z][\w'-]*){0,3}\W*$", text, re.I)
            or re.search(ADD_TO_CART, text, re.I)  # "add to cart"
            # (in the shop's other languages too: "ok me quedo con ese gracias", "gut, nehm ich")
            or re.search(
                r"\b(?:it|that|this|ese|esa|este|esta|eso|le|la|lo|quell[oa]|quest[oa]|esse|essa|das|den|"
                r"celui|celle)\b"
                r"|\bnehm(?:e)?\s+ich\W*$",
                text,
                re.I,
            )
        )
    ) or (ACCEPTS.search(text) and cues.priced and not YES_NO.search(text)):
        # (a question is no choice: "does the cheapest one work with an ender 3" had been
        # answered "Good choice: [1]")
        return Intent.detail, "chosen"  # "ok i'll take the second", "the cheapest tuner is fine"
    # (a look said in another language is read off its English words: "el de madera" is wooden)
    look = looked_one(text)
    if (
        THE_PICK.search(text)
        or BY_WHOM.search(text)  # "the one by martha wells" (had searched "Get Well Soon")
        or (look and (look if english == text else english).lower() in LOOKS)
    ):
        return Intent.detail, ""  # "the one you recommended", "the green one", "el de madera"
    if _MORE_LIKE.search(text) and len(cues.references) == 1:
        return Intent.more, ""  # "more like the second one": others like it (see `_like_card`)
    if (none := NONE_RIGHT.match(text)) and not (cues.price_bound or cues.exclude_brands) and all(
        # (what is not wanted beside it: "show me something different, maybe no marbles at all")
        not_product_word(w) or w in _NOT_WHAT or w in unwanted_words(text[none.end() :])
        for w in re.findall(r"[a-z']+", text[none.end() :].lower())
    ):
        # "none of these are right": others ("none of those, she hates pink": others, not pink)
        return Intent.more, ""
    if none and not cues.references and not (cues.price_bound or cues.exclude_brands or cues.rating_bound):
        # others as they should be: "none of these, something more architectural", "not that
        # kind, he wants a real trick one"; or another thing: "none of these, try again. pastel,
        # fine tip, NO glitter" (it had been asked of the first card)
        rest = text[none.end() :]
        return (Intent.new if product_kind(rest) and not _A_KIND_OF_ONE.search(rest) else Intent.more), ""
    if NO_BUDGET.search(text) and intent in (Intent.new, Intent.refine) and not kind:
        return Intent.refine, "any price"  # "forget the budget, whats the best one"
    return intent, ""


#: Another one of the kind on screen, said by what it should be: "a real trick one", "the
#: wooden kind", "an electric one".
_A_KIND_OF_ONE = re.compile(
    r"\b(?:a|an|the|some)\s+(?:real|proper|actual|true|more)?\s*(?P<what>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+(?:ones?|kind|type)\b",
    re.I,
)
#: How others should differ, said beside "none of these": "something more architectural".
_MORE_SO_WORDS = frozenset(["more", "less", "bit", "little", "lot", "way", "much", "something"])
#: Words beside "none of these" or "something different" that name nothing wanted.
_NOT_WHAT = frozenset(["right", "it", "no", "all", "at", "then", "try", "again", "style", "thing", "taste", "vibe"])
def _asks_only_rating(text: str, counts: Mapping[str, int] | None) -> bool:
    """Whether the words ask only how well rated the cards should be ("only stuff people
    actually liked pls", "good reviews only, 4.5 and up"), naming no product."""
    if not (SOFT_RATING.search(text) or read_rating(text)[0] is not None):
        return False
    rest = strip_matches(text, [*RATING_BOUNDS, SOFT_RATING])
    return not read_needs(rest, counts).product_words.strip()


#: A thing asked to go with the card on screen: "a book to go with it", "a case for it", "a strap
#: that fits them" (not "for that price").
_GOES_WITH_IT = re.compile(
    r"\b(?:(?:to\s+)?go(?:es)?\s+with|fits?|fitting)\s+(?:it|this|that|them|those|these)\b"
    r"(?!\s+(?:price|much|money|budget|age|reason|matter|one|ones|kind|size|long|bad|good)\b)"
    # ("for it" only where it ends the clause: not "a swimsuit for this summer", "a game for them?
    # they're twins")
    r"|\bfor\s+(?:it|them)(?=\s*(?:[?.!,;]|$|too\b|as\s+well\b|then\b))",
    re.I,
)


def _screen_kind(shown_titles: Sequence[str]) -> str:
    """The kind most cards on screen name ("" for none): a "Kids Toy Violin" among violins is a
    violin's."""
    from assistant.fits import title_head

    kinds = [k for k in (product_kind(title_head(t)) for t in shown_titles) if k]
    return max(kinds, key=lambda k: (kinds.count(k), -kinds.index(k)), default="")


def _taking(text: str) -> str:
    """The sentence of a message that takes a card ("add the first one for him" of "add the first
    one for him. total for both?"); the whole where none alone does."""
    return next((p for p in re.split(r"(?<=[.!;])\s+", text) if TAKES.search(p)), text)


#: Others like one card: "more like the second one", "anything similar to [2]".
_MORE_LIKE = re.compile(
    r"\b(?:more|something|anything|others?|ones?)\s+(?:(?:a\s+bit|kind\s+of|sort\s+of)\s+)?"
    r"(?:like|similar\s+to)\s+(?:the\s+)?(?:first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th"
    r"|number\s+\d|#\d|\[\d\]|\d)(?!\w)",
    re.I,
)
#: At most this many words of a card's title lead a search for others like it.
_LIKE_WORDS = 5


def _like_card(title: str) -> str:
    """The words of a card's title a search for others like it adds: the part naming the product
    ("Folkmanis Snail Hand Puppet" of "Folkmanis Snail Hand Puppet - Plush"), its first words."""
    head = re.split(r"\s[-|–—(]\s?|[,(|]", title, maxsplit=1)[0]
    words = [w for w in re.findall(r"[A-Za-z][\w'-]+", head) if not not_product_word(w)]
    return " ".join(words[:_LIKE_WORDS])


#: A sort asked, in words that name no product (see `cues.CHEAPEST`, `cues.BETTER_RATED`).
_SORT_SAID = re.compile(
    rf"{PRICE_SORT}|{RATING_SORT}"
    r"|\b(?:cheapest|lowest[- ]priced?)\s+first\b"
    # (the verb alone in the shop's other languages: "ordénalas de menor a mayor precio")
    r"|\b(?:ord[eé]n[ae]l[oa]s|ordenar|ord[eé]n[ae]|trie[rz]?|sortier\w*|ordina(?:li|le|re|rli))(?:\s+(?:por|par|nach|per|pelo|los|las|les))?(?:\s+(?:le\s+)?(?:precio|prix|prezzo|preço|preis|valoraci[oó]n|note|bewertung))?\b"
    r"|\bao\s+mais\s+caro\b|\bau\s+plus\s+cher\b",
    re.I,
)
#: Words that keep a question to the cards on screen: "only the ones in stock", "nur Artikel, die
#: auf Lager sind".
_ONLY_THOSE = frozenset(["only", "just", "ones", "items", "nur", "artikel", "die", "sind", "bitte",
                         "solo", "los", "que", "estén", "esten", "seulement", "ceux", "qui", "sont",
                         "só", "os", "estão", "estao", "quelli", "sono", "show", "right",
                         "now", "currently", "are", "they", "them", "still", "physical"])  # fmt: skip
#: A card named by a word of it and nothing more: "the ocean one", "ok the beach one please".
_JUST_THE_ONE = re.compile(
    r"^\W*(?:(?:and|ok|okay|so|hmm|um|i\s+like|i\s+love)\W+)*the\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s+"
    r"ones?(?:\W+(?:please|pls|then|thanks|thx))?\W*$",
    re.I,
)


#: Someone said to be left-handed: "oh wait he's left handed", "she's a lefty".
_LEFTY = re.compile(
    r"\b(?:he|she|i|they|we)(?:'s|'m|'re|\s+is|\s+am|\s+are)\s+(?:also\s+|actually\s+)?(?:a\s+)?"
    r"(?:left[- ]?handed|lefty|leftie|southpaw)\b",
    re.I,
)
#: What a product must work with, said of the shopper's own: "i'm on a mac", "we use windows".
_PLATFORM_NAMES = r"mac|macbook|imac|windows|pc|linux|chromebook|ipad|iphone|android"
_PLATFORM = re.compile(
    rf"\b(?:i'?m|i\s+am|we'?re|we\s+are)\s+on\s+(?:a\s+|an\s+)?({_PLATFORM_NAMES})\b"
    rf"|\b(?:i|we)\s+(?:use|have|got|run|own)\s+(?:a\s+|an\s+)?({_PLATFORM_NAMES})\b",
    re.I,
)
#: The name titles use for a platform said otherwise.
_PLATFORMS = {"macbook": "mac", "imac": "mac"}


def _no_kind_but_platform(needs: Needs) -> bool:
    return needs.kind is None or bool(re.fullmatch(_PLATFORM_NAMES, needs.kind, re.I))


#: Playing an instrument, in the shop's other languages ("que toca el bajo", "qui joue de la
#: guitare", "der Gitarre spielt", "che suona il piano", "que toca violão", "弹吉他").
_PLAYS_IT = re.compile(
    r"\b(?:toca|tocar|tocando|tocaba|joue|jouer|joué|spielt|spielen|gespielt|suona|suonare|"
    r"suonato|tocou)\b|弹|拉",
    re.I,
)


#: Words said around a size that name no product: "show me only 1/2 size then".
_AROUND_SIZES = frozenset(["size", "sizes", "only", "show", "then", "pieces", "piece", "pcs", "of",
                           "count", "ct", "instead", "please", "pls"])  # fmt: skip


def _only_sizes(search: str, needs: Needs) -> bool:
    """The words searched are a size or count said (and words around one), no product's."""
    said = {w.lower() for s in needs.sizes for w in re.findall(r"[\w/.]+", s)}
    words = [w.lower() for w in search.split()]
    return (
        bool(needs.sizes and words)
        and (needs.kind is None or needs.kind.lower() in PACKAGING)
        and all(w in said or w in _AROUND_SIZES or w in PACKAGING for w in words)
    )


#: Shoppers' short words for a title's: "co-op" games are "Cooperative" in their titles.
_SHORT_FOR = {
    "co-op": "cooperative",
    "coop": "cooperative",
    "multiplayer": "players",
    "lighter": "light",
    "thinner": "thin",
}


def _plain_degree(word: str, vocabulary: Vocabulary | None) -> str:
    """A comparative no title uses as the plain word a title does ("something quicker to learn":
    quick; "easier": easy; "bigger": big; "simpler": simple), else the word."""
    w = word.lower()
    if w in _SHORT_FOR:  # "something co-op": cooperative (titles' word; had narrowed by nothing)
        return _SHORT_FOR[w]
    if vocabulary is None or vocabulary.knows(w) or not w.endswith("er") or len(w) < 5:
        return word
    stems = [w[:-3] + "y", w[:-2], w[:-1]] if w.endswith("ier") else [w[:-2], w[:-1]]
    if len(w) > 5 and w[-3] == w[-4]:
        stems.append(w[:-3])  # bigger -> big
    return next((s for s in stems if vocabulary.knows(s)), word)


#: A message opening with what the products should not be too much of: "not too long either,
#: like under 30 min a game" (had been a new search for "either 30 game"), and the word titles
#: say for its opposite.
_NOT_TOO_FIRST = re.compile(
    r"^\W*(?:(?:and|but|ok|okay|also|maybe|so|hmm|oh)\W+)*(?:not|nothing|none)\s+(?:too|very|so|overly|super)"
    r"\s+([a-z-]+)",
    re.I,
)
#: The cards said to be too much of something: "those are too long", "they're way too big".
_THOSE_TOO = re.compile(
    r"\b(?:those|these|they|them|that|it|this\s+one|that\s+one|all\s+of\s+them)(?:'re|'s|\s+are|\s+is|\s+r|\s+look|\s+seem|\s+were|\s+was)\s+"
    r"(?:way\s+|a\s+bit\s+|a\s+little\s+|kinda\s+|all\s+|just\s+|much\s+|soo*\s+)?too\s+([a-z-]+)",
    re.I,
)
_OPPOSITE = {"long": "short", "loud": "quiet", "noisy": "quiet", "big": "small", "large": "small",
             "heavy": "lightweight", "hard": "easy", "difficult": "easy", "complicated": "simple",
             "complex": "simple", "bulky": "compact", "bright": "soft", "fragile": "durable"}  # fmt: skip
_AND_A = re.compile(r"^\W*(?:and|also|plus)\s+(?:a|an|some|one)\b", re.I)
#: Words a message asking for the same in another size says around the size.
_AROUND_A_SIZE = frozenset(["what", "about", "how", "them", "it", "they", "these", "those", "this",
                            "that", "one", "ones", "any", "some", "do", "does", "you", "have", "got",
                            "in", "too", "also", "instead", "please", "pls", "ok", "okay", "and",
                            "or", "a", "an", "the", "come", "comes", "version", "is", "there", "are",
                            "maybe", "then", "with", "same", "but", "size", "brand", "from", "by",
                            # filler is no more: "key of C i guess?" says only a key
                            "i", "guess", "think", "probably", "prob", "lol", "thanks", "thx",
                            # asked around it: "show me the same but in 2kg" (had searched "2kg")
                            "show", "me", "can", "could", "get", "want", "need", "would", "like",
                            "prefer", "rather", "id", "i'd", "exact", "exactly", "thing",
                            # and how it compares: "the big ones pls, 14 inch or bigger" after
                            # squishmallows (had searched "14 inch bigger": finger cymbals)
                            "big", "bigger", "biggest", "larger", "smaller", "longer", "shorter",
                            "taller", "wider", "more", "at", "least", "plus", "over", "something"])  # fmt: skip


def _beyond_sizes(text: str, sizes: Sequence[str]) -> bool:
    """Whether the message says more than a size ("what about 88 keys?" says only a size)."""
    rest = text.lower()
    for size in sizes:
        rest = rest.replace(size.lower(), " ")
    rest = re.sub(rf"\d[\d.,/]*\s*-?\s*(?:{units.alternation()})?", " ", rest)
    rest = re.sub(rf"\b(?:{WORN_SIZE})\b", " ", rest)
    return any(w not in _AROUND_A_SIZE for w in re.findall(r"[a-z']+", rest))


#: Something to do a thing with what is on screen: "something to roll them in", "a case to keep
#: it in", "anything to store them".
_TO_DO_WITH_THEM = re.compile(
    rf"\b(?:something|anything|a|an|some)\s+(?:\w+\s+){{0,2}}?to\s+(?:{DO_WITH})\s+(?:it|them|those|these)\b",
    re.I,
)
#: A thing named as an example: "like a tray", "maybe a case".
_LIKE_A = re.compile(r"\b(?:like|maybe|e\.?g\.?|say)\s+(?:a|an|some)\s+[a-z]", re.I)
#: Hint share above which the department the product words belong to is preferred (soft).
HINT_SHARE = 0.7


def _english_words(text: str) -> list[str]:
    return re.findall(r"[a-z][a-z'-]*[a-z]|[a-z0-9/]+", text.lower())


def _stems(words: Sequence[str]) -> set[str]:
    """Crude stems (plural and -ing trimmed) for "does the rewrite share a word" checks."""
    return {re.sub(r"(?:ies|es|s|ing)$", "", w) or w for w in words if len(w) > 2}


def rewrite_words(
    proposal: str, own_words: str, vocabulary: Vocabulary | None, english: bool
) -> str:
    """The model's product-type rewrite, kept only where it is checked: every word known to the
    catalog, and (for an English message) sharing a word with the shopper's own product words,
    so "likes science" may become "science kit" but a request can never turn into the prompt's
    or the model's own idea. For another language the words only need to be the catalog's."""
    words = [
        w
        for w in _english_words(proposal)
        if w not in _STOP and len(w) > 1 and not not_product_word(w)
    ]
    if not words or vocabulary is None:
        return ""
    if not all(vocabulary.knows(w) for w in words):
        return ""
    if english and not (_stems(words) & _stems(_english_words(own_words))):
        return ""
    return " ".join(dict.fromkeys(words))


#: The word product titles use for an age group ("science kit for kids"), added to the search
#: text when the shopper gives an age but no such word: "my 10 year old niece" -> "kids". None for
#: a teen: what suits a 16-year-old is mostly sold to grown-ups, and "teens" found the few titles
#: that say it ("Guitar Picks for Teen Girls" for "my nephew turns 16 and plays guitar").
AGE_WORDS = ((2.0, "baby"), (4.0, "toddler"), (12.0, "kids"))


def _with_age_word(search: str, age: tuple[float, float]) -> str:
    words = set(search.lower().split())
    if words & {
        "baby",
        "babies",
        "toddler",
        "toddlers",
        "kid",
        "kids",
        "child",
        "children",
        "teen",
        "teens",
        "adult",
        "adults",
        "boys",
        "girls",
    }:
        return search
    word = age_word(age)
    if word is None and age[0] >= 13 and age[1] <= 17 and words & BOOK_KINDS and not words - BOOK_KINDS - {"english", "kindle"}:
        # a teenager's reading, nothing else said of it: "an ebook for my 16 year old son" (a
        # cookbook and a business guide had come first; "fantasy" said is searched alone)
        word = "young adult"
    return f"{search} {word}" if word else search


def _first_clause_kind(text: str, counts: Mapping[str, int]) -> str | None:
    """The kind the first clause of a Chinese request that names one names."""
    for clause in re.split(r"[，,。？?！!；;]", text):
        if re.search(r"喜欢|爱|迷|感兴趣", clause):
            continue  # what someone loves is no kind: "她特别喜欢小动物，也爱拼拼图" is a puzzle
        english = chinese_to_english(strip_ages(strip_price_phrases(clause)), counts)
        if english and (kind := read_needs(english, counts).kind):
            return kind
    return None


def age_word(age: tuple[float, float]) -> str | None:
    """The word titles use for children of that age (see `AGE_WORDS`); None for older."""
    return next((w for limit, w in AGE_WORDS if age[1] <= limit), None)


def _translate(text: str, llm: LLMBackend | None, vocabulary: Vocabulary | None) -> str | None:
    """The message in English (the model translates, after a few worked examples), kept only if
    it reads as English and is not one of the examples. Characters of another script that the
    model left in ("guitar弦") are dropped."""
    if llm is None or vocabulary is None:
        return None
    messages = [ChatMessage(role="system", content=render("translate"))]
    for message, reply in examples("translate"):
        messages += [
            ChatMessage(role="user", content=message),
            ChatMessage(role="assistant", content=reply),
        ]
    messages.append(ChatMessage(role="user", content=text))
    try:
        raw = llm.generate(messages, 40)
    except LLMUnavailable as exc:
        log.warning("no translation: %s", exc)
        return None
    first = next((line for line in raw.splitlines() if line.strip()), "")
    english = " ".join(_NOT_LATIN.sub(" ", first).split())
    english = english.strip().strip('"').strip()
    if not english or vocabulary.language(english) != "en":
        return None
    if any(english.lower().strip(".") == reply.lower() and text != message
           for message, reply in examples("translate")):  # fmt: skip
        log.warning("translation %r repeats a prompt example; not used", english)
        return None
    return english


def _spelled_kind(kind: str | None, spelled: Mapping[str, str]) -> str | None:
    """The kind word as the catalog spells it; of a word split in two ("micropipette" -> "micro
    pipette"), the second names the kind."""
    if kind is None:
        return None
    word = spelled.get(kind, kind).split()[-1]
    return None if not_product_word(word) else word


#: Letters outside the Latin script (with digits, punctuation and spaces kept).
_NOT_LATIN = re.compile(r"[^\x00-\u024f\u2000-\u206f$€£]+")


#: Others asked for by how they should differ, then a word on the card: "something lighter,
#: that hard one looks like it weighs a ton", "a smaller one pls, those are huge".
_THEN_OF_THE_CARD = re.compile(
    r"^(?P<ask>\W*(?:(?:ok|hmm|no|nah|maybe|um)\W+)*(?:something|anything|one|ones|a|an|maybe)?\s*(?:a\s+(?:bit|little|lot)\s+)?"
    rf"(?:much\s+)?(?:{'|'.join(sorted(COMPARATIVES))})(?:\s+ones?)?(?:\s+(?:please|pls))?)\s*[,;.!-]+\s*"
    r"(?:(?:that|this|those|these|it|they)\b(?:\s+[\w-]+)?(?:\s+ones?)?\s+(?:is|are|looks?|seems?|feels?|'s|'re|weighs?)|"
    r"those\s+are|they'?re\s+(?:too|so|way)|that'?s\s+(?:too|so|way))\b.*$",
    re.I,
)
#: A question, then a story after it: "any small parts? his sister is 2".
_ASKED_THEN_TOLD = re.compile(r"^\W*(?P<asked>[^?？]*\w[^?？]*[?？])\s*(?P<told>[^?？]*\w[^?？]*?)\W*$")
#: Whom the cards are for, set right: "not for me, for my dad", "oh it's not for me, it's for
#: my son".
#: What is owned, then what is lacking: "she's got the dominoes already, just not those holder
#: things you put them in", "he has the guitar already but not a case" (the lacking thing had
#: been read as not wanted).
#: Why a maker is not wanted, said with no one doing it: "had a bad roll from them", "bad
#: experience", "broke after a week".
_WHY_NOT_THEM = re.compile(
    r"(?:(?:i|we)\s+)?(?:had|got|bought|ordered|tried|returned|used)\b|(?:a\s+)?bad\s+(?:experience|luck|reviews?)\b"
    r"|(?:broke|broken|failed|died|jammed|cracked)\b",
    re.I,
)
#: More said of the kind on screen, named by a pronoun or by what it must have: "one that sits
#: on top of the piano", "ones with a headphone jack", "needs temperature control".
_OF_THE_KIND = re.compile(
    r"(?:^|[,.;!?]\s*)(?:(?:ok|okay|so|and|but|hmm|maybe|ideally|preferably|just)\W+)*"
    r"(?:(?:one|ones|the\s+(?:kind|type|sort))\s+(?:that|which|where|with|without)\b"
    r"|(?P<must>(?:(?:it|they)\s+)?(?:needs|must\s+have|has\s+to\s+(?:have|be)|should\s+(?:have|be)|"
    r"needs\s+to\s+(?:have|be))\b)(?!\s+(?:a|an|some|the|my|his|her|to\s+buy|one)\b))",
    re.I,
)
_HAS_BUT_NOT = re.compile(
    r"\b(?:got|has|have|owns?|already\s+(?:has|have|got|owns?))\s+(?:the\s+|a\s+|an\s+|some\s+)?"
    r"(?!(?:it|them|that|this|one|ones|those|these|any)\b)(?P<has>[\w-]+(?:\s+[\w-]+)?)\s+(?:already\s*)?,?\s*(?:just\s+|but\s+|only\s+)+not\s+"
    r"(?:the\s+|a\s+|an\s+|any\s+|those\s+|one\s+of\s+those\s+)?(?P<lacks>[\w-]+(?:\s+[\w-]+)?)"
    r"(?:\s+(?:things?|thingies))?",
    re.I,
)
_NOT_FOR_ME = re.compile(
    r"^\W*(?:(?:oh|lol|no|nah|sorry|actually|well|ah|haha|wait)\W+)*(?:it'?s\s+|its\s+|this\s+is\s+)?"
    r"not\s+(?:for\s+me|mine)\W+(?:(?:it'?s|its|this\s+is|actually|but|it's\s+actually)\s+)*for\s+",
    re.I,
)


#: The cards said to be for a younger child, before who the person is: "that's for babies,
#: she's 10!", "those are for little kids, he's 12", "way too babyish, she's 9".
_TOO_YOUNG = re.compile(
    r"^\W*(?:(?:no|nah|ugh|um+|hmm+|lol|oh|omg|haha)\W+)*(?:(?:that|those|these|they|all\s+of\s+these)"
    r"(?:'s|'re|s|\s+are|\s+is|\s+looks?|\s+seems?|\s+are\s+all)?\s+(?:\w+\s+)?(?:for|like)\s+"
    r"(?:babies|a\s+baby|toddlers|a\s+toddler|little\s+kids|small\s+kids|young\s+kids|younger\s+kids|kids|"
    r"preschoolers|little\s+ones)|(?:(?:that|this|those|these|they|it)(?:'s|'re|s|\s+are|\s+is)?\s+)?"
    r"(?:too|way\s+too|so)\s+(?:babyish|childish|young|kiddy|kiddie))\W*(?:(?:and|but|because|bc)\s+)?",
    re.I,
)


#: The Kindle store's department, and the words that name its books as a kind.
KINDLE = "Kindle Store"
_BOOK_KINDS = frozenset(["book", "books", "ebook", "ebooks", "novel", "novels", "series", "biography",
                         "memoir", "cookbook", "guide", "kindle",
                         # and its sorts, which titles say ("Georgie Shaw Cozy Mystery #3")
                         "mystery", "mysteries", "thriller", "thrillers", "romance", "romances",
                         "fantasy", "fiction", "horror", "poetry", "poems", "western", "westerns",
                         "history", "memoirs", "stories", "saga", "anthology", "comics"])  # fmt: skip


def understand(
    text: str, llm: LLMBackend | None, departments: Sequence[str], shown_titles: Sequence[str] = (),
    brands: BrandLexicon | None = None, max_tokens: int = 64, vocabulary: Vocabulary | None = None,
    aligner: Callable[[str], str | None] | None = None, before: str = "en",
) -> Understanding:  # fmt: skip
    """Read a message: model proposal (when a model is configured) cross-checked by the words.
    A message in another language is read by a dictionary first: CC-CEDICT for Chinese, else
    `aligner` (a word's nearest catalog word off the multilingual model, see
    retrieval/multilingual.py); the model translates only when neither reads a product word.
    `before`: the language the conversation was in (a follow-up with no English word keeps it)."""
    said_first = text  # (as typed: cleaning drops "to go with it")
    text = clean_message(text) or text
    whole = text
    counts = vocabulary.title_counts if vocabulary is not None else None
    if (lack := _NONE_THEN.match(text)) and re.search(r"[a-z]{3,}", text[lack.end() :], re.I):
        # what the store turned out not to have, said back before the next ask: "wait really no
        # skates at all?? ok then decorations for the roller disco theme" (had said "We don't
        # seem to carry really no skates"), "ok no car seats. he screams in the car ..."
        text = whole = text[lack.end() :]
        if even := re.match(r"^\W*not\s+even\s+(?:any\s+|a\s+|an\s+)?(?P<x>[^?]+?)\s*\?+\W*$", text, re.I):
            # "no pet stuff at all? not even cat toys?": any cat toys (not cat toys unwanted)
            text = whole = f"any {even['x']}?"
    if shown_titles and (more := _WHAT_ABOUT_MORE.match(text)):
        text = text[more.end() :]  # "what about a bigger one": "a bigger one" (had been a search)
    if (lacking := _HAS_BUT_NOT.search(text)) and product_kind(lacking.group("lacks")):
        # "she's got the dominoes already, just not those holder things": holders for them
        text = whole = f"need a {lacking.group('has')} {lacking.group('lacks')}"
    if shown_titles and (other := _NOT_FOR_ME.match(text)):
        # the cards' person set right: "not for me, for my dad. he's 68 and finally wants to
        # learn" after digital pianos is "it's for my dad" (it had searched "not beginner")
        text = whole = "it's for " + text[other.end() :]
    if shown_titles and (young := _TOO_YOUNG.match(text)) and re.search(r"\w", text[young.end() :]):
        # the cards set right by the person's age: "that's for babies, she's 10!", "those are for
        # little kids, she's 15 and ..." is what follows (it had searched "babies toys", "kids")
        text = text[young.end() :]  # (the whole still says it: the young ones go down the list)
    if shown_titles and (made := _MADE_OF_ASKED.search(text)) and any(
        re.search(rf"\b{made['made']}\b", t, re.I) for t in shown_titles
    ):
        # what a card is made of, asked of it: "she drops everything lol, is ceramic gonna shatter
        # the first week" after ocarinas (had searched "drops ceramic shatter": dropper bottles)
        # (the question alone: "she drops everything" is why it is asked, no kind "drops")
        opens = max((m.end() for m in re.finditer(r"[,.;!?]\s*|\s(?:lol|haha|but|so)\s", text[: made.start()])), default=0)
        if not re.match(r"\W*(?:she|he|they|i|we|my|our|his|her|the\s+kids?)\b", text, re.I):
            opens = 0  # (what is asked before it stays: "show me cheaper ones, does plastic break easily")
        text = whole = f"{text[opens: made.start('made')]}the {made['made']} one{text[made.end('made') :]}"
    if shown_titles and (commented := _THEN_OF_THE_CARD.match(text)):
        # others as they should be, then what is wrong with the card: "something lighter, that
        # hard one looks like it weighs a ton" after cello cases (it had searched "lighter hard
        # looks weighs": calibration weights)
        text = commented.group("ask")
    if (
        shown_titles
        and (asked := _ASKED_THEN_TOLD.match(text))
        and tells_in_any(asked.group("told"))
        and not tells_in_any(asked.group("asked"))
        # (not said to the assistant: "plush or something interactive? idk you pick")
        and not ASKS_PICK.search(asked.group("told"))
        # (what they lack is what else they need: "do I need anything else? I don't own a mic")
        and not _ELSE_NEEDED.search(asked.group("asked"))
        # (nor one asking for someone: "what do you have for a 6 year old? my niece turns 6")
        and read_age(asked.group("asked")) is None
    ):
        # a question, then why it is asked: "any small parts? his sister is 2" (it had searched
        # marbles for a baby), "é usb? não tenho interface de áudio" (audio interfaces); the
        # story's age and budget are read from the whole
        text, asked_first = asked.group("asked"), True
    else:
        asked_first = False
    if shown_titles and (ask := follow_up_ask(text)):
        # a story then what it asks: the ask is read for the product, the whole for the age and
        # budget ("hold on hes 5 not 12 lol my brain. something slower and hard to break" had
        # made the kind "brain")
        text = ask
    cues = read_cues(text, shown_titles, brands)
    # (a sort asked names no product: "cheapest first please", "sort by price, low to high" had
    # searched "first", "low high")
    needs = read_needs(_SORT_SAID.sub(" ", text), counts)
    if (
        shown_titles
        and not dressed_as(text)
        and dressed_as(
            text, sum("costume" in t.lower() for t in shown_titles) * 2 >= len(shown_titles)
        )
    ):
        # what the child will be, said over costumes on screen: "now he wants to be a shark"
        # (had searched sharks: party favors, a shark capo)
        needs = read_needs(f"{text} (costume)", counts)
    if text != whole:
        # (whom the story names is no recipient: "the mom hosting says NO slime" is about a
        # party of 9-year-olds; an age the story says in numbers is theirs: "hes 5 not 12")
        told = read_needs(whole, counts)
        told = replace(told, recipient=None, age=told.age if re.search(r"\d", whole) else None)
        needs = needs.merged(told)
    # (a card named by its price is no budget: "el de 2 dólares es real??" had searched up to $2)
    bounds = extract_price_bounds(strip_rating_phrases(PRICED_AT_ONE.sub(" ", whole) if shown_titles else whole))
    if (fewer := _FEWER_PIECES.search(whole)) and not _MONEY.search(whole):
        # a count too many, then the most said bare: "1000 pieces is too much for her, like 300
        # max" asks for 300 pieces or fewer (it had been a $300 budget)
        bounds = replace(bounds, max_price=None, around=False, note=None)
        too_many = re.match(r"\d+", fewer.group(0)).group(0)  # type: ignore[union-attr]
        kept = tuple(z for z in needs.sizes if not z.startswith(too_many))
        needs = replace(needs, sizes=(*kept, f"{fewer.group(1)} pieces or fewer"))
    if (
        not shown_titles
        and _TELLS_OF.match(text)
        and not _ASKS_FOR.search(text)
        and needs.recipient
        and not dressed_as(text)  # "my nephew is going as a pirate to a party": his costume
    ):
        needs = replace(needs, gift=True, kind=None)  # told of someone: a gift for them
    reading: dict[str, Any] | None = None
    error = None
    if llm is not None:
        messages = [
            ChatMessage(role="system", content=render("understand")),
            ChatMessage(role="user", content=text),
        ]  # fmt: skip
        try:
            reading = llm.structured(messages, reading_schema(), max_tokens).model_dump()
        except LLMUnavailable as exc:
            error = str(exc)
            log.warning("query understanding without the model: %s", exc)
    overruled: list[str] = []
    language = vocabulary.language(text, before) if vocabulary is not None else "en"
    english = language == "en"
    translation, by_dictionary, dictionary, nothing_named = None, False, "", False
    if not english:  # Chinese is read with the dictionary first: the small model invents
        if language == "zh" and vocabulary:
            # the price is read above: "预算一百美元左右" left "all kinds" (左右) in the search
            dictionary = chinese_to_english(
                strip_ages(strip_price_phrases(text)), vocabulary.title_counts
            )
        else:  # the price is read above: "que no pase de 150" is no "passive"
            # (and the age: "para mi hija de 12" had searched "drawing notebook 12 kids")
            said = _SORT_SAID.sub(" ", strip_ages(strip_price_phrases(text)))
            dictionary = read_words(said, language, aligner)
        by_dictionary = bool(dictionary)
        translation = dictionary or None
        if not translation and language != "zh" and vocabulary is not None:
            # the words the lexicon reads ("cuerdas ligeras ... fingerstyle" had been searched as
            # typed) and those a catalog word is a spelling of ("trampolin"), the multilingual
            # model aligning the rest ("... los trenes, algo que pueda armar el mismo" had been
            # searched as typed for the one word nothing read), beside the shopper's own words at
            # full weight; before the 0.5B model's translation, which read "batería" as
            # "battery" and "cajón" as "bag" where the lexicon reads a drum and a cajon
            spelling = vocabulary.spelled

            def either(word: str) -> str | None:
                return spelling(word) or (aligner(word) if aligner is not None else None)

            translation = read_words(said, language, either, partial=True) or None
        # every word passed over ("¿hay algo más barato?", "有没有性价比高一点的"): no product
        # named, and none for the model to make up ("something else cheaper", "better offer")
        nothing_named = names_nothing(strip_price_phrases(text), language) or (
            language == "zh" and vocabulary is not None and not dictionary and glossary_available()
        )
        if not nothing_named:
            translation = translation or _translate(text, llm, vocabulary)
    if translation:
        # a name the shopper does not want, read in English ("乐高以外的积木" -> "not lego")
        excluded = read_cues(translation, (), brands).exclude_brands
        cues = replace(cues, exclude_brands=tuple(dict.fromkeys(cues.exclude_brands + excluded)))
        # the English words stand in for the shopper's; what only the shopper's own words say
        # ("评分4.5以上": a rating the dictionary reads as "4.5 grade") is kept
        needs = read_needs(translation, counts).merged(needs)
        if (
            needs.gift
            and needs.kind
            and _PLAYS_IT.search(text)
            and [w.lower() for w in needs.product_words.split()] == [needs.kind.lower()]
        ):
            # a gift for someone who plays it, in another language: gear for it, as in English
            # ("regalo para mi cuñado que empezó a tocar el bajo" had shown basses)
            needs = replace(needs, product_words=f"{needs.kind} accessories", kind=None)
        if language == "zh" and by_dictionary and needs.kind and vocabulary is not None:
            # the thing a Chinese request names first is the kind, not a later clause's noun:
            # "有没有适合新手的吉他拨片？……好几种厚度的" had the kind "thickness",
            # "想给我侄子买个遥控飞机，……之前玩过遥控车" a car
            first = _first_clause_kind(text, vocabulary.title_counts)
            needs = replace(needs, kind=first or needs.kind)
    own = needs.product_words if (english or translation) else ""
    set_against = alternatives(text)  # "dunlop crybaby or vox?": the things weighed, as typed
    corrected: tuple[tuple[str, str], ...] = ()
    spelled: dict[str, str] = {}  # the kind word as the catalog spells it
    if english and vocabulary is not None and own:
        # the things set against each other are names, kept as typed ("brother or dymo" had
        # been searched as "demo")
        named = tuple(w for side in set_against for w in side.split())
        theirs = re.findall(r"\b(?:my|our|his|her|their|your)\s+([a-z]+)\b", text, re.I)
        fixed = vocabulary.correct(own, keep=(*cues.brands, *named), theirs=theirs)
        # a slip of a filler word is filler once spelled ("somthing to keep a 3 yr old busy")
        fixed_words = fixed.corrected.split()
        own = " ".join(w for at, w in enumerate(fixed_words)
                       if not not_product_word(w) or named_star(fixed_words, at))  # fmt: skip
        corrected = fixed.changes
        spelled = {a.lower(): b for a, b in (*fixed.changes, *fixed.variants)}
    # (a message naming no product has none for the model to propose: "第二个多少钱", how much
    # is the second one, had been read "second" and answered that its listing does not say it)
    proposed = "" if nothing_named else (reading or {}).get("product") or ""
    rewrite = rewrite_words(
        proposed, " ".join([own, *needs.interests]), vocabulary, english or bool(translation)
    )
    if proposed and not rewrite and proposed.strip().lower() not in own.lower():
        overruled.append(f"product {proposed!r} (not the shopper's words nor the catalog's)")
    search = " ".join(dict.fromkeys((own + " " + rewrite).split())).strip()
    if search and needs.age is not None:
        search = _with_age_word(search, needs.age)
    typed = False  # searched as typed: no reader knew its words
    if not search and not english and not nothing_named and not translation:
        # no checked translation: the words as written (dense copes); not where the words read
        # name whom and why and no product ("busco regalo para mi sobrino de 12 años" had been
        # searched as typed, a Spanish banner starred for a 12-year-old)
        search = plain_need(text)
        typed = True
    # (a message in another language naming no product is read in English all the same: "um
    # presente pra minha sobrinha de 7 anos" had been searched as typed, "Anos" guitars first)
    # (`translation` is only ever another language's reading)
    if not search and translation and needs.age:
        need = _with_age_word(translation, needs.age)
    elif not search and english and needs.gift and is_story(text):
        # a story asking for a gift and naming nothing it does: a gift for whom, not the story
        # ("Secret Santa at work ... I drew the office minimalist, a yoga teacher type ..." had
        # been searched whole)
        need = " ".join(["gift", *([needs.recipient] if needs.recipient else [])])
    else:
        need = search or translation or plain_need(text)
    department = cues.departments[0] if len(cues.departments) == 1 else None
    hint = None
    if department is None and vocabulary is not None and search:
        hint, share = vocabulary.department_hint(
            [
                w
                for w in _english_words(search)
                if not not_product_word(w) and not any(ch.isdigit() for ch in w)
            ]
        )
        hint = hint if share >= HINT_SHARE else None
        if hint is None and needs.kind in BOOK_KINDS:
            # "a book like the hunger games": a reading, though its title's words are a game's
            hint = reading_department(vocabulary.departments)
    sort = (
        Sort.cheapest if cues.cheapest else Sort.best_rated if cues.better_rated else Sort.relevance
    )
    intent = _intent(cues, bool(shown_titles), (reading or {}).get("intent"))
    said_kind = (needs.kind or "").lower()
    of_kind = sum(bool(said_kind) and said_kind in t.lower() for t in shown_titles)
    if (
        intent in (Intent.more, Intent.refine)
        and not cues.more
        and needs.kind
        # (a refinement naming a kind most cards are not: "ok then show me some keyboards under
        # 200" after weighted keys, gram weights and a toy piano had "already fit")
        and (
            (not of_kind and not cues.refinement)
            or (cues.refinement and english and 0 < of_kind * 2 < len(shown_titles))
            # a thing to go with the card: "is there an amp that goes with it? under 80" after
            # guitar packs (one "with Amp") had narrowed the guitars by price
            or (english and bool(FOR_IT.search(text)) and of_kind * 2 < len(shown_titles))
        )
    ):
        # the model's "more" of a message naming another kind: "节拍器怎么样" (how about a
        # metronome?) after pianos had shown more pianos
        intent = Intent.new
    ordering = cues.cheaper or cues.pricier or cues.cheapest or cues.better_rated
    if (
        intent is Intent.new
        and shown_titles
        and not english
        # (a kind read off words no dictionary read is none: "welche ist am günstigsten?")
        and (
            not search or (ordering and (needs.kind is None or not translation) and not needs.gift)
        )
    ):
        # no product named in another language ("¿hay algo más barato?", "¿de qué tamaño tiene
        # que ser?", "¿cuanto cuesta la opcion mas barata?", which had searched its own words):
        # the same products, cheaper, more of them, or asked about
        # (or a thing not wanted: "qualcosa che non sia un peluche" had asked of the cards)
        changes = (ordering or cues.price_bound or cues.rating_bound or bool(needs.age)
                   or bool(translation and unwanted_words(translation, shown=True)))  # fmt: skip
        intent = Intent.refine if changes else Intent.more if cues.more else Intent.compare
        if intent is Intent.refine and (cues.cheapest or cues.better_rated) and _WHICH.match(text):
            intent = Intent.compare  # "welche ist am günstigsten?": which of these, not others
            search = ""
    if intent is Intent.more and shown_titles and (needs.age or needs.recipient or needs.sizes):
        intent = Intent.refine  # "换成适合4岁的呢？" read by the model as "more": another age
    if (
        intent is Intent.new
        and shown_titles
        and (needs.age or needs.recipient)
        # "那8岁的孩子用哪款好" (and for an 8-year-old child?): "child" names whom, not what
        and all(w in RECIPIENTS or not_product_word(w) for w in needs.product_words.lower().split())
        and not needs.gift
        # (asked of the cards: "hes 2 and still chews on everything, is that ok for his age")
        and not asks_of_it(text)
        # (what they like is a request of its own: "what DO you have that a 60 yr old woman would
        # like lol, she does puzzles and gardens" after air fryers had looked for air fryers)
        and not needs.interests
    ):
        intent = Intent.refine  # "for a 12 year old" after "kids science kit": the same kit
    if (
        intent is Intent.new
        and shown_titles
        and needs.sizes
        and (
            not _beyond_sizes(text, needs.sizes)
            # how many play, and nothing else named: "it should be something the two of us can
            # play, just two people" after board games (had searched "two us")
            or (all(z.endswith("players") for z in needs.sizes)
                and all(not_product_word(w) for w in needs.product_words.split()))
        )
    ):
        intent = Intent.refine  # "what about 88 keys?", "do you have them in large too?": the same
    if (
        intent is Intent.new
        and shown_titles
        and bounds.numbers()
        and not needs.product_words.strip()
        and not needs.recipient
    ):
        # a budget and why, naming no product: "$15-20, its just a thank you for covering my shifts"
        intent = Intent.refine
    narrows = ""
    story = False
    too = None
    if (
        shown_titles
        and intent is Intent.new
        and (only := _ONLY_MADE.match(text) or _FINE_WITH.match(text))
        and only.group(1).lower() in (MATERIALS | SPEC_MATERIALS | LOOKS)
    ):
        # what the cards on screen are to be made of or look like: "only ebony, nothing plastic"
        # after chin rests (it had searched the store for ebony: a guitar first)
        intent, narrows, search = Intent.refine, only.group(1).lower(), ""
    # "should i go concert instead?" after soprano ukuleles: a variety of the same
    # (what it lets them do aside: "what about electronic so we can turn it down")
    variant = (
        _only_variant(search)
        or (
            _only_variant(read_needs(PURPOSE.sub(" ", text), counts).product_words)
            if PURPOSE.search(text)
            else ""
        )
        if shown_titles and intent in (Intent.new, Intent.refine)
        else ""
    )
    if (
        shown_titles
        and intent is Intent.new
        and unwanted_words(text, shown=True)  # "not sure what to get, ..." is no refinement
        and (
            (story := _says_only_unwanted(text) or bool(CHILDISH.search(text)))
            or ((opening := _SAID_FIRST.match(text)) and NOT_THIS.match(text, opening.end()))
        )
    ):
        # a message that opens with what is not wanted leaves it out of what is on screen: "not
        # mugs or candles" had said "We don't seem to carry not mugs or candles" (and showed mugs)
        intent = Intent.refine
        if story:
            # what follows is why, not what: "..., her mom says the last batch ended up in the
            # carpet" (had searched "last batch ended carpet" for a mother)
            search, need = "", plain_need(text)
            needs = replace(needs, recipient=None, age=None, interests=(), kind=None)
    # what is wrong with the cards, said as too much of it: "those are too long" (short ones)
    those_too = _THOSE_TOO.search(text) if shown_titles else None
    if those_too is not None and those_too.group(1).lower() not in _OPPOSITE:
        those_too = None
    # the message up to a story told after it ("..., he finishes the small ones in 20 min")
    story_at = STORY_AFTER.search(text)
    asked_part = text[: story_at.start()] if story_at else text
    if asked_part == text and (last := re.split(r",\s*", text.strip())[-1]) != text.strip():
        # what is asked after why: "26 pieces isn't enough for two, anything bigger?" (had been
        # asked of the cards: 'does not mention "26"')
        asked_part = last if _OTHER_ONE.match(last) else asked_part
    if (
        shown_titles
        and intent in (Intent.new, Intent.refine)
        and not needs.gift
        # (what someone likes is a request of its own, unless said as like the cards: "what DO
        # you have that a 60 yr old woman would like lol, she does puzzles and gardens" after air
        # fryers had looked for air fryers)
        and not (needs.interests and not (
            _SIMILAR_BUT.match(text) or _LOOK_ONES.match(text)
            or (_ANY_IN.match(text) and not re.search(r"\bwhat\s+(?:else\s+)?(?:do|does)\s+(?:you|u)\b", text, re.I))
            or _OTHER_ONE.match(re.split(r"[,.;!?]\s*", text.strip())[0])))
        and (
            # (its first sentence: "smaller ones? they live in an apartment"; its first clause
            # before a story: "something quieter, he uses it in class")
            _OTHER_ONE.match(re.split(r"(?<=[?!.])\s+", text.strip())[0])
            or _SIMILAR_BUT.match(text)
            # (or before a story: "something bigger, like 500+ pieces, he finishes the small ones
            # in 20 min" had searched 500-piece jigsaws in place of building sets)
            or (asked_part != text and bool(_OTHER_ONE.match(asked_part)))
            or _THE_ONE_FOR.match(text)
            or (
                _FOR_ONLY.match(text) and (not _OWN_REQUEST.search(text) or _OTHER_AGE.search(text))
            )
            or _ANY_IN.match(text)
            or _LOOK_ONES.match(text)
            # after a story: "he has a normal 3x3 from the supermarket, keeps saying he needs a
            # magnetic one" after speed cubes (had searched "3x3 supermarket saying magnetic")
            or (bool(_NEEDS_A_ONE.search(text)) and needs.kind is None)
            or variant
            # only how it should look, in any language: "que no sea negro, a ella le encanta el
            # morado" (purple, not black) after witch costumes had searched purple things
            or (
                not needs.kind
                and bool(search.split())
                and all(w.lower() in LOOKS for w in search.split())
            )
            or (_AND_A.match(text) and needs.kind is None)
            # whose hand it is for: "oh wait he's left handed" after electric guitars (had searched
            # left-handed anything: a violin, a banjo)
            or bool(_LEFTY.search(text))
            # what the cards must work with: "I'm on a Mac if that matters" after audio
            # interfaces (had searched "Mac": iPod software)
            or (bool(_PLATFORM.search(text)) and _no_kind_but_platform(needs))
            # only a size or a count of the cards on screen: "size 4T" after costumes, "ok show
            # me only 1/2 size then" after violins, "tem em caixa com 500?" after pipettes (each
            # had searched the store for the size alone)
            or _only_sizes(search, needs)
            # what it should be like, naming no kind: "something fun and nerdy, NOT a mug" after a
            # chemistry teacher's gift (it had searched "nerdy" alone and said not carried)
            # ("hmm something co-op maybe, we get way too competitive" after board games)
            or (
                bool(_SOMETHING_SO.match(text) or _SOMETHING_SO.match(asked_part))
                and needs.kind is None
                and bool(needs.product_words)
            )
            or (too := _NOT_TOO_FIRST.match(text))
            or those_too is not None
            or _MAKE_IT_FOR.match(text)
            # only how well rated, then why: "only stuff people actually liked pls, i've heard
            # horror stories about cheap flutes" (it had searched "heard horror stories")
            or (asked_part != text and _asks_only_rating(asked_part, counts))
        )
    ):
        # "for a baritone" after "ukulele strings": baritone ukulele strings (it had searched for
        # baritones: a saxophone's reeds, a horn); "something more for a beginner", "something
        # shorter" likewise (it had said "We don't seem to carry something shorter")
        intent = Intent.refine
        # the words the cues acted on are not searched ("something cheaper"), nor a comparative
        # no title uses ("something quieter")
        # (in another language, its English reading: "¿hay alguno que funcione con pilas?")
        acted = text if english else (translation or "")
        # (not why: "something bigger he can't swallow" narrows to bigger ones)
        acted = _CAN_CLAUSE.sub("", acted)
        # (nor what stays the same: "any stainless steel in the same gauges" narrows to stainless)
        acted = re.sub(r"\b(?:in|with|of)\s+the\s+same\s+[\w-]+", " ", acted, flags=re.I)
        if (
            english
            and asked_part != text
            and (_OTHER_ONE.match(asked_part) or _SOMETHING_SO.match(asked_part)
                 or _asks_only_rating(asked_part, counts))
        ):
            # only what the first clause asks: "something smaller, were flying to see her and it
            # has to fit in my carry on" narrows to small ones (not "were flying see fit")
            acted = asked_part
        # (nor what is not wanted: "something more strategic, less dice luck" narrows to
        # strategic ones, without dice)
        acted = re.sub(r"\bless\s+[\w-]+\s+(?:luck|based|heavy|focused|driven)\b", " ", acted)
        for rx in (CHEAPER, PRICIER, BETTER_RATED, NOT_THIS):
            acted = rx.sub(" ", acted)
        plain = [
            _plain_degree(w, vocabulary)
            for w in own.split()
            if w.lower() in re.findall(r"[\w'-]+", acted.lower())
        ]
        narrows = " ".join(w for w in plain if w and (vocabulary is None or vocabulary.knows(w))
                           # (in another language, the words read in English, not those kept as
                           # typed: "¿hay algo parecido pero más corto?" narrows to "short")
                           and (english or w.lower() not in re.findall(r"[\w'-]+", text.lower()))
                           # (title words are latin: no run of Chinese read as one "word")
                           and re.fullmatch(r"[a-z0-9][a-z0-9'/.-]*", w.lower()))  # fmt: skip
        if variant:  # "should i go concert instead?": the same kind in that variety
            narrows = variant
        elif _LEFTY.search(text):
            narrows = "left handed"
            needs = replace(needs, kind=None)
        elif (platform := _PLATFORM.search(text)) and _no_kind_but_platform(needs):
            narrows = _PLATFORMS.get(said := next(g for g in platform.groups() if g).lower(), said)
            needs = replace(needs, kind=None)  # ("we use windows" names no windows to sell)
        elif _only_sizes(search, needs):
            narrows = ""  # "size 4T": the size narrows, not the word "size"
        elif (one := _NEEDS_A_ONE.search(text)) and needs.kind is None:
            narrows, search = one.group(1), ""  # "he needs a magnetic one": magnetic ones, not the story
        if _LOOK_ONES.match(text) or _OTHER_ONE.match(text) or _ANY_IN.match(text) or variant:
            # "clear one": a look of the same kind, not "clear"; "something slower and hard to
            # break" after RC cars: slower RC cars (the kind had been "hard": skid plates starred)
            needs = replace(needs, kind=None)
        if too:  # "not too long either, like under 30 min a game": short ones (not "long")
            narrows = _OPPOSITE.get(too.group(1).lower(), "")
        elif those_too is not None:  # "those are too long, she lasts like 5 pages": short ones
            narrows = _OPPOSITE[those_too.group(1).lower()]
    notes = tuple(n for n in (bounds.note,) if n)
    # "what do I need to start the saxophone?": one card for each thing it takes
    starter = asked_starter(text) or (asked_starter(translation) if translation else None)
    if (
        starter is None
        and intent is Intent.new
        and english
        and (taken := taking_up(text, needs.kind)) is not None
    ):
        # someone taking up an activity, no product named after it: "my grandson (9) found an
        # old quarter and now he wants to collect coins lol" (had searched "found quarter")
        starter = taken
    items: tuple[str, ...] = ()
    if starter is None and shown_titles and english and _ELSE_NEEDED.search(text):
        # "do i need anything else to play it, like rosin or a tuner": what goes with the card on
        # screen (each had been a search for "else" and "We don't seem to carry do i need
        # anything else"); the things the shopper named, else what the activity takes
        like = _NAMED_THINGS.search(text)
        things = (
            [t for t in re.split(r",\s*|\s+(?:or|and|/)\s+", like.group(1)) if t.strip()]
            if like
            else []
        )
        # and what they say they lack: "do I need anything else? I don't own a mic yet"
        things += [m.group(1) for m in _LACKING.finditer(text)]
        # each for the product on screen: "pedal special cable", "violin rosin"
        mine = _screen_kind(shown_titles)
        set_against = ()  # "like rosin or a tuner" names things to show, not to set side by side
        wanted = [_VAGUE.sub(" ", _ARTICLE.sub("", t.strip(" ?.!"))).strip() for t in things]
        wanted = [t for t in wanted if product_kind(t)]
        items = tuple(t if not mine or mine.lower() in t.lower() else f"{mine} {t}" for t in wanted)
        items = items[:MAX_LISTED]
        needs = replace(needs, kind=None)  # (no kind "else")
        search = need = " ".join(items) or search  # (searched as typed where none is carried)
        if len(items) == 1:
            search, need, intent = items[0], items[0], Intent.new
            needs = replace(needs, kind=product_kind(items[0]))
            items = ()
        elif items:
            intent = Intent.new
        else:
            starter = asked_starter(f"what else do i need besides the {mine or shown_titles[0]}")
            intent = Intent.new if starter is not None else Intent.detail
    if starter is not None and intent in (Intent.new, Intent.refine, Intent.more):
        intent, narrows = Intent.new, ""
    elif starter is not None:
        starter = None
    if (
        intent is Intent.new
        and starter is None
        and not (needs.gift or bounds.numbers())
        # "is it too hard for a 9 year old" asks about the card; "for a 5 year old?" asks for others
        and (not (needs.age or needs.recipient) or asks_of_it(text) or asked_first)
        and not (ordering or cues.more)  # "is it possible to get a cheaper keyboard": another
        # "yamaha or casio?": both shown, one card each; "¿se puede programar desde la compu o
        # solo con el control?" asks it of the card
        and (len(set_against) < 2 or says_it(text) or asks_of_it(text))
        # (a kind read off words in another language no dictionary read is none: "hornilla")
        and asks_cards(text, needs.kind if english or translation else None, shown_titles)
    ):
        # a question naming no other product, with cards on screen, is about them: "how far do
        # they actually reach", "¿sirve también para bajo?", "需要装电池吗" had each been a new
        # search, and "We don't seem to carry" the question; "¿cuál aguanta calor directo?"
        # weighs them
        intent = Intent.compare if _WHICH.match(text) else Intent.detail
    if (
        intent in (Intent.new, Intent.refine, Intent.detail)
        and shown_titles
        and _ONE_VS_ONE.search(text)
    ):
        # two cards named by how they look or cost, set against each other: "battery life on the
        # black one vs the silver one?", "the wooden one vs the white plastic one, which is
        # taller?" (each had been a new search for its words)
        intent = Intent.compare
    if intent is Intent.new and shown_titles and cues.references and _CARD_SUBJECT.match(text):
        # a card said first, then what it is or does: "the first one isnt just a decoration right
        # lol" (had searched decorations)
        intent = Intent.detail
    if (
        intent in (Intent.new, Intent.refine)
        and english
        and len(cues.references) == 1
        and _ASKED_OF_THE_CARD.search(text)
    ):
        # what must be, told, then asked of a card: "he keeps saying it has to be metal, is the
        # crossfire metal?" (had narrowed the yoyos to metal things: a kazoo and a harmonica)
        intent = Intent.detail
    only_told = bool(
        (
            intent is Intent.new
            # (what is told after a refinement read off its words: "she has one at school but
            # nothing at home, so ..." had narrowed the ukuleles to "school nothing home")
            or (intent is Intent.refine and not (variant or too or _LEFTY.search(text)
                                                 or _PLATFORM.search(text) or _only_sizes(search, needs)))
        )
        and shown_titles
        and starter is None
        and not items
        and (
            only_tells(text, unwanted_words(text, shown=True))
            if english
            else tells_elsewhere(text, translation or "")
        )
    )
    if only_told:
        # a follow-up that only tells, about the person, the use or the budget: "she has one at
        # school but nothing at home, so it doesn't need to be fancy", "my budget just went up to
        # 60, my brother is chipping in" revise what is on screen (each had been searched with
        # its own words: school things, casino chips); what they are into narrows it ("she'd
        # never use the kitchen one, she's obsessed with paw patrol")
        intent, search, need = Intent.refine, "", plain_need(text)
        narrows = " ".join(w for w in needs.interests if w.isalpha())
        if vocabulary is not None:
            # what it should be, said beside the story: "we're not competitive, ideally cooperative"
            # (in other languages read in English: "no le gustan los digitales, prefiere uno de
            # madera" is "wooden, not digital")
            wished = told_wants(text if english else translation or "")
            liked = [w for w in wished if vocabulary.knows(w) and w not in narrows.split()]
            narrows = " ".join([*narrows.split(), *liked[:2]])
        # (an age only where one is said: "the teacher gave her some" makes no grown-up of her)
        needs = replace(needs, recipient=None, interests=(), kind=None,
                        age=needs.age if re.search(r"\d", text) else None)  # fmt: skip
    if shown_titles and english and intent is Intent.new and not search.strip() and needs.prefer_cheap and not needs.kind:
        # cheap said of the cards on screen: "something cheap so i can get a bunch" after nerf
        # blasters (had been a new search of nothing: "I need a bit more to go on")
        intent = Intent.refine
    if fewer and shown_titles and intent is Intent.new and not needs.kind:
        # (of the cards on screen: "1000 pieces is too much for her, like 300 max" after puzzles)
        intent, search, need = Intent.refine, "", plain_need(text)
    if (
        shown_titles
        and intent in (Intent.new, Intent.refine)
        and cues.exclude_brands
        and search
        and len(halves := re.split(r"[,;.!?]|\s[-–]\s", text, maxsplit=1)) == 2
        and all(
            not_product_word(w) or w in {"not", "no", *(b.lower() for b in cues.exclude_brands)}
            for w in re.findall(r"[a-z][a-z']*", halves[0].lower())
        )
        and (tells(why := halves[1].strip()) or _WHY_NOT_THEM.match(why))
    ):
        # a maker not wanted, and why: "not hatchbox pls, had a bad roll from them" after PETG
        # spools (had searched "bad roll": audio wire, then put in the cart as the spool)
        intent, search, need = Intent.refine, "", plain_need(text)
        needs = replace(needs, kind=None, interests=(), recipient=None, age=None)
    if (
        shown_titles
        and intent is Intent.new
        and (same := _OF_THE_KIND.search(text))
        # (its "one" is no card's place: "..., one that sits on top" had been the first card)
        and (not cues.references or re.search(r"\bones?\b", same.group(0), re.I))
        and not FOR_IT.search(text)
    ):
        # more said of the kind on screen: "for my daughters piano lessons, one that sits on top
        # of the piano is fine" after metronomes, "needs temperature control" after soldering
        # kits (each had searched its own words: a digital piano, fridge thermostats); what it
        # must have or come with narrows them (not what it must be without)
        has = same.group("must") or re.search(r"\bwith\s*$", same.group(0), re.I)
        said = read_needs(text[same.end() :], counts).product_words if has else ""
        intent, search, need = Intent.refine, "", plain_need(text)
        narrows = " ".join([*narrows.split(), *said.split()[:3]])
        needs = replace(needs, kind=None, interests=())
        cues = replace(cues, references=())
    if (
        intent is Intent.detail
        and english
        and shown_titles
        and not cues.references
        and _TO_DO_WITH_THEM.search(text)
        and (needs.kind or _LIKE_A.search(text))
        # (not whether the card has it: "does this include a charger to charge it")
        and not re.search(r"\b(?:include[sd]?|come\s+with|comes\s+with|came\s+with)\b", text, re.I)
        and not re.match(r"\W*(?:does|do|did|will|would|can|could)\s+(?:it|this|that|they|these|those|the)\b", text, re.I)
        and not any(re.search(rf"\b{re.escape(needs.kind or '')}", t, re.I) for t in shown_titles if needs.kind)
    ):
        # a thing to use the cards with, which no card is: "is there something to roll them in?
        # like a tray" after dice (had been asked of the dice: "Its listing says ... rolled")
        intent = Intent.new
    if (
        intent in (Intent.detail, Intent.compare)
        and len(cues.references) == 1
        and needs.kind
        and (for_card := FOR_CARD.search(text))
        and (not YES_NO.search(text) or re.match(r"\W*(?:is|are)\s+there\b", text, re.I))
    ):
        # something to go with one card: "and sticks that go with the first one?", "is there a
        # case for the second one?", "una correa que vaya con la segunda" (each had been asked
        # of the card: "does not mention sticks")
        intent = Intent.new
        pointing = {*for_card.group(0).lower().split(), "one"}
        search = " ".join(w for w in search.split() if w.lower() not in pointing)
        need = " ".join(w for w in need.split() if w.lower() not in pointing) or search
    move: Move = ""
    if not shown_titles and GREETING.match(text):
        # "hi" to start: the store's departments, and what to ask (it had searched hi-hats)
        intent, move, search, need = Intent.compare, "store", "", ""
    if shown_titles:
        intent, move = _talk_move(text, intent, cues, needs.kind, text if english else search)
        if (maker := brand_asked(text)) and any(
            re.search(rf"\b{re.escape(maker)}\b", t, re.I) for t in shown_titles
        ):
            # whether a maker on screen is any good: "¿Meinl es buena marca?" (had been searched)
            intent, move = Intent.detail, ""
        elif maker:
            # a maker no card is by: that maker's of the kind on screen ("¿Wittner es buena
            # marca?" after metronomes had searched its words: Wittner cello pegs, and "No
            # parece que tengamos wittner es buena marca")
            mine = _screen_kind(shown_titles)
            intent, move = Intent.new, ""
            search = need = f"{maker} {mine}".strip()
            needs = replace(needs, kind=mine or None)
        if move == "chosen" and (go := GO_WITH.search(text)) and not cues.references:
            from assistant.basket import by_words

            # (a card taken by words no card has is looked for: "nah go with the padded bag"
            # among hard cases had chosen a hard case)
            said = re.split(r"[,.;!?]", text[go.end() :])[0]
            # (a card said by how it stands is no words to find: "the one you recommended")
            # (nor a pronoun: "let's go with that", "ok go for it")
            if said.strip() and not re.search(r"\bones?\b", said, re.I) and by_words(said, shown_titles, [False] * len(shown_titles)) is None:
                intent, move = Intent.new, ""
        if (
            intent is Intent.more
            and _MORE_LIKE.search(text)
            and 1 <= cues.references[0] <= len(shown_titles)
        ):
            # "more like the second one": others like that card (it had been a close look at it)
            narrows = _like_card(shown_titles[cues.references[0] - 1])
        if move == "any price" and intent is Intent.refine:
            search = ""  # "forget the budget, whats the best one": the same, any price
        if intent in (Intent.more, Intent.new) and (none := NONE_RIGHT.match(text)):
            # others: "show me something different, mesh isn't really my style" searches no
            # mesh, and keeps none; "none of these, try again. pastel, fine tip, NO glitter" are
            # others, pastel and fine-tipped
            rest = text[none.end() :]
            # (not why: "try again but under $20, he'll probably leave it at school within a
            # week" had searched "leave school within week"; nor the bound, set by the cues)
            if (after := STORY_AFTER.search(rest)) and re.search(r"[a-z]{3,}", rest[: after.start()], re.I):
                rest = rest[: after.start()]
            rest = strip_price_phrases(rest)
            if one_of := _A_KIND_OF_ONE.search(rest):
                rest = one_of.group("what")  # "he wants a real trick one, the kind that ...": trick
            search, narrows = "", " ".join(dict.fromkeys(
                w for w in re.findall(r"[a-z][a-z'-]+", rest.lower())
                if "'" not in w  # ("mesh isn't my style": no "isn")
                and not (not_product_word(w) or w in _NOT_WHAT or w in unwanted_words(rest)
                        or w in _MORE_SO_WORDS)))  # fmt: skip
            if (too_much := _THOSE_TOO.search(rest)) and too_much.group(1).lower() in _OPPOSITE:
                # "something different, those are too long, she lasts like 5 pages": others,
                # short ones (it had searched "long": a Walk-A-Long Croc)
                intent, search, narrows = Intent.more, "", _OPPOSITE[too_much.group(1).lower()]
            if intent is Intent.new and not narrows and cues.price_bound:
                intent = Intent.refine  # "try again but under $20": the same, in the budget
            elif intent is Intent.new:
                search, need, narrows = narrows, narrows, ""
        if (
            intent is Intent.new
            and translation
            and search
            and not (needs.kind or needs.gift or needs.recipient or cues.references)
            # (a measure asked of the cards is no narrowing: "und wie viele sind in der Packung")
            and not re.match(r"\W*how\b", translation, re.I)
            and not asks_for_more(text)
        ):
            # a follow-up in another language read as no product, only what it should be: the
            # cards on screen narrowed by it ("gibts das auch breiter", "tem algum que brilha no
            # escuro" had been new searches for "wider", "glow dark")
            intent, narrows = Intent.refine, search
        if typed and intent is Intent.new and not asks_for_more(text):
            # a follow-up no reader knows the words of narrows what is on screen by them, as
            # typed for the multilingual model ("tem algum que brilha no escuro", "gibts das auch
            # breiter" had been new searches of their words: dice, a bingo game, a Tigger plush)
            intent, narrows, search = (
                Intent.refine, said_words(_SORT_SAID.sub(" ", strip_ages(text)), language), "")
    if intent is Intent.new and not shown_titles and english and _FIRST_CHEAPER.search(text):
        # nothing on screen to be cheaper than: "do you have cheaper sticks?" asks for cheap ones
        # (it had searched "cheaper sticks" and said the store does not carry them)
        needs = replace(needs, prefer_cheap=True)
        search = _FIRST_CHEAPER.sub(" ", search).strip() or search
        need = _FIRST_CHEAPER.sub(" ", need).strip() or need
    if shown_titles and english and (makers := asked_makers(text, brands)):
        # a maker asked of the request on screen: "any by kala?" after concert ukuleles with a
        # pickup is those by Kala ("Its listing does not mention kala" had been said of card [1],
        # a Kala ukulele being [2]); "or cordoba, she said cordoba is good" had searched the name
        # alone (a Cordoba T-shirt and gig bag)
        intent, narrows, search, need = Intent.refine, " ".join(makers), "", plain_need(text)
        cues = replace(cues, brands=makers)
        needs = replace(needs, kind=None)
    of_mine = _asked_of_mine(text) if english and intent is Intent.new else None
    if of_mine:
        needs = replace(needs, kind=of_mine)
    problem = bool(
        english
        and intent is Intent.new
        and not shown_titles
        and not of_mine
        and _tells_problem(text, needs.kind)
    )
    if problem:
        # what fixes it is not the story's noun: its words are searched, no kind is missing,
        # and a look told is the symptom, not one wanted ("the iron tip has gone kind of black")
        needs = replace(needs, kind=None)
        cues = replace(cues, attributes=())
    elif english and intent is Intent.new and not needs.kind and _KNOW_HOW.search(text):
        # the thing the question is about, said as theirs: "is it bad to keep my pla spools in
        # the garage over winter" (no kind had been read; "We don't seem to carry it gets")
        for said_mine in re.finditer(
            r"\bmy\s+((?:[\w-]+\s+){0,2}?[\w-]+)(?=\s+(?:in|on|at|for|from|over|is|are|keeps?|goes|to)\b|[,.?!]|$)",
            text,
            re.I,
        ):
            if kind_said := product_kind(said_mine.group(1)):
                needs = replace(needs, kind=kind_said)
                break
    asks_how = bool(
        english
        and intent is Intent.new
        and needs.kind
        and starter is None
        and not items
        and len(set_against) < 2
        and _KNOW_HOW.search(text)
    )
    if asks_how and needs.kind:
        # the product the question is about is searched, not the question's words ("keep
        # guitar strings going dead fast" had said "We don't seem to carry that")
        # (its other words still rank: "going dead" finds the strings said to last)
        need = _product_said(text, needs.kind)
    kind = _spelled_kind(needs.kind, spelled) if (english or translation) else None
    if (
        shown_titles
        and not english
        and intent in (Intent.detail, Intent.compare)
        and not cues.references
        and move == ""
        and search
        and all(w.lower() in COMPARATIVES for w in search.split())
        # (not which of them is: "¿cuál es más pequeño?" asks of the cards)
        and not re.search(
            r"\b(?:cu[aá]les?|lequel|laquelle|lesquels|quel|quelle|welche[rsnm]?|quale|quali|qual|quais)\b|哪",
            text,
            re.I,
        )
    ):
        # only "smaller", "lighter" read, in another language: "etwas kleinere?", "quelque chose
        # de plus petit ?" narrow the cards on screen (they had been asked of them)
        intent = Intent.refine
        narrows = " ".join(_plain_degree(w, vocabulary) for w in search.split())
    sides = set_against if intent is Intent.new else ()
    # "soprano or concert ukulele": both are ukuleles, not sopranos
    if kind and len(sides) == 2 and kind.lower() == sides[0].lower() and len(sides[1].split()) > 1:
        kind = sides[1].split()[-1]
    elif (
        kind
        and len(sides) == 2
        # ("petg vs abs": the kind read off the second, each its own all the same)
        and kind.lower() in (sides[0].split()[-1].lower(), sides[1].lower())
        and len(sides[1].split()) == 1
        and sides[1].lower() not in {b.lower() for b in cues.brands}
    ):
        # "the difference between a cajon and bongos": two kinds, each its own (only cajons had
        # been shown, and a mallet named bongos)
        kind = None
    # (a comparative names no product: "cheaper sticks" is no unknown "cheaper"; nor does a
    # model's name with its number: a nozzle for an "ender 3" may be any printer's)
    # (of a know-how question, the product it is about: "dull and thuddy" names no product)
    # (nor a problem told: "my solder joints come out all lumpy and crusty" asks for no "crusty")
    unknown = () if problem else tuple(
        w for w in re.findall(r"[a-z]{3,}", (need if asks_how else own).lower())
        if vocabulary is not None and not vocabulary.knows(w) and w not in COMPARATIVES
        and not re.search(rf"\b{w}\s?\d", own.lower()))  # fmt: skip
    if (
        shown_titles
        and english
        and intent is Intent.new
        and kind
        and search
        and _GOES_WITH_IT.search(said_first)
        and (mine := _screen_kind(shown_titles))
        # (the kind most cards are: one odd title's is no screen's kind, "Summer Attractions")
        and 2 * sum(mine.lower() in t.lower() for t in shown_titles) > len(shown_titles) >= 2
        and mine.lower() not in search.lower()
        and kind.lower() != mine.lower()
    ):
        # a thing to go with the cards, of their kind: "is there a beginner book to go with it?"
        # after tin whistles (had searched "beginner book": a criminal psychology guide first)
        search = need = f"{mine} {search}"
    if department == KINDLE and kind and kind.lower() not in _BOOK_KINDS and not listed_products(text):
        # books told by what they are about: "mostly fantasy w dragons and magic schools, she has
        # a kindle" names no kind "schools" (had been "We don't seem to carry that" over dragon
        # fantasy ebooks)
        kind = None
    query = ShoppingQuery(
        text=text, need=need, intent=intent, department=department,
        min_price=bounds.min_price, max_price=bounds.max_price, currency=bounds.currency,
        price_around=bounds.around,
        tells_problem=problem,
        brands=cues.brands, exclude_brands=cues.exclude_brands, attributes=_of_product(cues.attributes, text), sort=sort,
        cheaper=cues.cheaper, pricier=cues.pricier, compare=cues.compare,
        references=cues.references, language=language, search=search,
        original=plain_need(text) if translation and search else "",
        by_dictionary=by_dictionary and bool(translation and search),
        min_rating=needs.min_rating, min_rating_count=needs.min_rating_count,
        prefer_rated=needs.prefer_rated, prefer_cheap=needs.prefer_cheap, recipient=needs.recipient,
        age_min=needs.age[0] if needs.age else None, age_max=needs.age[1] if needs.age else None,
        sizes=needs.sizes, gift=needs.gift, occasion=needs.occasion, department_hint=hint,
        corrected=corrected, notes=notes, unknown=unknown, kind=kind, narrows=narrows, move=move,
        told=only_told and intent is Intent.refine,
        asks_how=asks_how,
        alternatives=sides,
        interests=tuple(w for w in needs.interests if w.isalpha()),
        # (a maker left out is left out altogether; its words are no feature to push down; a
        # word left out as a title's first word is one: "not one of the tiny ones")
        # (the story before a follow-up's ask says it too: "too babyish honestly shes almost 3,
        # anything more like a puzzle?")
        unwanted=unwanted_words(whole if english else translation or "", [
            *search.split(), *(w for b in cues.exclude_brands if brands is None or b.lower() in brands.makers
                               for w in b.split())],
            # (what a gift's person has already is not wanted: "a gift for my mom ..., she
            # already has a keyboard tho" had shown keyboards)
            shown=bool(shown_titles) or (needs.gift and kind is None)) + (told_unwanted(text) if only_told else ()),
        starter=starter.activity if starter else None,
        starter_owned=starter.owned if starter else False,
        # "2 things: a desk organizer ... and also a stapler": each shown (English words only)
        # (a gift told as a story lists no products: "his first place, a studio, ..." had been two)
        items=items or (_gear_for_the_first(listed_products(text)) if english and starter is None and intent is Intent.new
                        and not (needs.gift and is_story(text)) else ()),
    )  # fmt: skip
    return Understanding(
        query=query, model_reading=reading, overruled=tuple(overruled), model_error=error,
        english=text if english else translation,
    )  # fmt: skip
