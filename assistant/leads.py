"""A lead written from the catalog's facts, in the shopper's language: which card fits best and
why in the shopper's own terms (the age they gave, the size they asked for, their budget, what
other shoppers rated it), e.g. "[1] fits best for your daughter: for ages 5 and up, $9.99,
within your $35 budget, the best rated of these (4.8 of 5)."

The default lead in every language (`LLMConfig.model_lead_languages`): the 0.5B model's leads
were marketing filler that invented the very fit the shopper asked about ("can be set up alone",
"designed for curious 12-year-olds"), contradicted the request ("perfect for guitar practice" for a
piano metronome), and in Spanish were nonsense in good grammar ("es una comida divertida" for a
jigsaw puzzle), none of which a check can catch; a blind reader of the same answers preferred
this lead. Every clause is a catalog field or a number the shopper typed; a clause with nothing
behind it is left out."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from assistant.advice import Card
from assistant.candidates import BROAD_KINDS
from assistant.fits import MIN_RATINGS, of_kind, of_size, title_says
from assistant.phrases import phrase
from assistant.prices import money, typed_amounts
from assistant.state import ConversationState
from retrieval.ages import UP, age_statement, implied_ages, lowest_start
from retrieval.catalog import Product

#: A rating worth giving as a reason to pick the product.
GOOD_RATING = 4.0


def years_said(age: float) -> str:
    """An age said in years, to the half year: a listing's "19 months and up" is 1.5 (it had been
    said "1.58333")."""
    half = round(age * 2) / 2
    # (to a tenth where the half year is far from it: "12-15 months" is 1-1.2, not "1-1")
    return f"{half:g}" if abs(half - age) < 0.1 else f"{round(age, 1):g}"


def _ages(card: Card, state: ConversationState, language: str) -> str | None:
    """The product's stated ages, when the shopper gave an age and it falls inside them."""
    age = state.age
    found = age_statement(card.product.title, card.product.description)
    if age is None or not found:
        return None
    (lo, hi), words = found
    if not re.search(r"\d", words) or lo < 1 or not (lo <= age[0] and age[1] <= hi):
        return None  # a range that misses the age is the tip's to say, not the lead's praise
    if lo < lowest_start(age[0]):
        return None  # "ages 3 and up" is no reason to pick it for a grown-up or a teen
    if hi >= UP:
        return phrase(language, "fact_ages_up", lo=years_said(lo))
    return phrase(language, "fact_ages", lo=years_said(lo), hi=years_said(hi))


def _size(card: Card, state: ConversationState, language: str) -> str | None:
    """The sizes or quantities the shopper asked for, when the product's title carries them."""
    if not state.sizes or not of_size([card.product], state)[0] or language != "en":
        return None  # the sizes are read as titles write them, in English ("1000 pieces")
    return phrase(language, "fact_size", sizes=sizes_said(state.sizes, language))


def _features(
    card: Card, shown: Sequence[Card], state: ConversationState, language: str
) -> str | None:
    """The features the shopper asked for ("wireless", "thin", "left-handed") that the title
    carries and not every card on screen does ("electric" of "an electric guitar" is no reason
    to pick one electric guitar over another): English only, as the words are read in English."""
    said = [
        a
        for a in state.attributes
        if title_says(card.product.title, a)
        and not all(title_says(c.product.title, a) for c in shown)
    ]
    if not said or language != "en":
        return None
    return phrase(language, "fact_said", words=" and ".join(said))


def sizes_said(sizes: Sequence[str], language: str = "en") -> str:
    """The sizes asked for, said back: "box of 100 and size large" ("large" was said alone)."""
    if language != "en":
        return ", ".join(sizes)
    # ("key of C" is no size: "the key of C you asked for")
    return " and ".join(
        f"size {s}" if not re.search(r"\d|size|\bkey\b", s, re.I) else s for s in sizes
    )


def _budget(card: Card, state: ConversationState, language: str, said: str) -> str | None:
    """The price against the budget the shopper set, named only when they typed that number
    ("around $50" is read as up to $60: the lead does not say "your $60 budget")."""
    price = card.product.price
    if price is None or state.max_price is None or price.amount > Decimal(str(state.max_price)):
        return None
    budget = Decimal(str(state.max_price))
    if budget not in typed_amounts(said):
        return phrase(language, "fact_price", price=card.price)
    return phrase(language, "fact_budget", price=card.price, budget=money(budget))


def _rated(card: Card, shown: Sequence[Card], language: str) -> str | None:
    """What shoppers rated it, and whether that is the best of the cards on screen."""
    p = card.product
    if (
        p.rating is None
        or p.rating < GOOD_RATING
        or (p.rating_count is not None and p.rating_count < MIN_RATINGS)
    ):
        return None  # a 2.7 is on the card; the lead says why to pick it, not why not to
    others = [
        c.product.rating for c in shown if c.mark != card.mark and c.product.rating is not None
    ]
    if others and all(r < p.rating for r in others):
        return phrase(language, "fact_rated_best", rating=f"{p.rating:g}")
    return phrase(language, "fact_rated", rating=f"{p.rating:g}")


def misses(card: Card, state: ConversationState) -> bool:
    """Whether the card plainly misses the request: it is not the kind asked for, its stated ages
    exclude the shopper's, or a size asked for is not in its title (the lead then says it is the
    nearest match, not that it fits)."""
    product = card.product
    named = state.kind not in BROAD_KINDS and not of_kind([product], state)[0]
    if named or not of_size([product], state)[0]:
        return True
    return age_misses(product, state)


def age_misses(product: Product, state: ConversationState) -> bool:
    """Whether the ages the product states, or its title implies (a 1000-piece jigsaw), exclude
    the shopper's ("ages 12+" for an 11-year-old)."""
    if not state.age:
        return False
    stated = age_statement(product.title, product.description)
    ages = stated[0] if stated else implied_ages(product.title)
    return bool(ages and (ages[1] < state.age[0] or ages[0] > state.age[1]))


#: The cheapest said as not wanted: "not the super cheap ones", "que no sean las más baratas" (the
#: lead had praised "the cheapest here").
_NOT_CHEAP = re.compile(
    r"\bnot\s+(?:the\s+|some\s+|a\s+)?(?:super\s+|too\s+|very\s+|really\s+|ultra\s+)?cheap(?:est|o)?\b"
    r"|\bno\s+cheap\b|\bque\s+no\s+(?:sean?|est[eé]n?)\s+(?:l[oa]s?\s+)?(?:m[aá]s\s+)?barat[oa]s?\b"
    r"|\bpas\s+(?:les?\s+|la\s+)?(?:moins\s+cher|bon\s+march[ée])|\bnicht\s+(?:die\s+|das\s+)?billig",
    re.I,
)


def _cheapest(card: Card, shown: Sequence[Card], language: str) -> str | None:
    """Whether it is the cheapest of the priced cards on screen (two or more)."""
    price = card.product.price
    others = [c.product.price.amount for c in shown if c.mark != card.mark and c.product.price]
    if price is None or not others or not all(price.amount < o for o in others):
        return None
    return phrase(language, "fact_cheapest", price=card.price)


def fact_lead(card: Card, shown: Sequence[Card], state: ConversationState, language: str,
              who: str, said: str = "") -> str:  # fmt: skip
    """The lead for `card` from catalog facts and the shopper's own numbers (module docstring).
    `shown` are all the cards on screen; `who` is whom the shopper buys for, in their terms
    ("your nephew"), or ""; `said` is what the shopper typed. The product is not named: its card,
    beside the mark, does that (a name in the text only repeats it)."""
    budget = _budget(card, state, language, said)
    clauses = [
        c
        for c in (
            _ages(card, state, language),
            _size(card, state, language) or _features(card, shown, state, language),
            budget or (None if _NOT_CHEAP.search(said) else _cheapest(card, shown, language)),
            _rated(card, shown, language),
        )
        if c
    ]
    for_whom = phrase(language, "for_whom", who=who) if who else ""
    near = misses(card, state)
    if not clauses:
        return phrase(language, "near_lead" if near else "lead", mark=card.mark, for_whom=for_whom)
    return phrase(
        language,
        "fact_near" if near else "fact_lead",
        mark=card.mark,
        for_whom=for_whom,
        facts=phrase(language, "fact_joiner").join(clauses),
    )


def about_lead(card: Card, state: ConversationState, language: str, said: str = "") -> str:
    """The lead for a look at one card ("tell me about the second one"): its stated ages, its
    price (against the budget when the shopper typed one) and its rating, whatever they are: there
    is no other card to pick it over, so no "fits best", and a low rating is said, not left out."""
    p = card.product
    found = age_statement(p.title, p.description)
    ages = None
    if found and re.search(r"\d", found[1]) and found[0][0] >= 1:
        (lo, hi), _ = found
        ages = (phrase(language, "fact_ages_up", lo=years_said(lo)) if hi >= UP
                else phrase(language, "fact_ages", lo=years_said(lo), hi=years_said(hi)))  # fmt: skip
    price = _budget(card, state, language, said) or (
        phrase(language, "fact_price", price=card.price) if p.price is not None else None
    )
    rated = phrase(language, "fact_rated", rating=f"{p.rating:g}") if p.rating is not None else None
    clauses = [c for c in (ages, price, rated) if c]
    if not clauses:
        return phrase(language, "about_bare", mark=card.mark)
    return phrase(
        language, "about_lead", mark=card.mark, facts=phrase(language, "fact_joiner").join(clauses)
    )
