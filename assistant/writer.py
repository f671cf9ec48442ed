"""The one answer writer (the shopper chat and the customer-service draft both use it): pick the
cards to recommend, write, check, repair, fall back.

A small model cannot be trusted with free prose, so it fills one small slot: a lead of one or two
sentences on why the best card suits the request, streamed, cut at a sentence boundary and read
by both checkers (catalog facts in `grounding.check`, sense in `grounding.check_sense`). The rest
is written by code from data: one reason per recommended card taken from that product's own text
(`reasons.py`), one thing to check before buying when it helps (stated age ranges, sizes, the
department's checklist), and one clarifying question when the request is broad. A lead that
fails a check is regenerated (up to LEAD_ATTEMPTS tries in all; not when it only ran out of
tokens: another try would too, so one long sentence the budget cut ends at its last whole clause
instead, if that passes), then replaced by a templated lead; only that slot falls back.
Telling the retry what was refused was tried and rescued fewer leads (1 of 13 against 5 of 14
on the bench's 162 turns): the 0.5B model reads the longer prompt worse."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from assistant.advice import Card, asked_about
from assistant.candidates import FAIR_RATING, LAB
from assistant.errors import LLMUnavailable
from assistant.fits import (
    REFILLS,
    child_gift,
    fits_model,
    fits_whom,
    for_children,
    grown_up,
    keeps_asked,
    names_compound,
    names_side,
    numbered_lines,
    numbers_other,
    of_kind,
    of_size,
    poorly_rated,
    says_attributes,
    says_most_asked,
    shows_interest,
)
from assistant.grounding import (
    Violation,
    at_clause,
    check,
    check_sense,
    finish_at_sentence,
    product_lines,
    same_sentence,
    sentences,
)
from assistant.kinds import not_product_word
from assistant.leads import age_misses, fact_lead, sizes_said, years_said
from assistant.llm import ChatMessage, LLMBackend
from assistant.people import RECIPIENTS
from assistant.phrases import article_for, has_phrases, phrase
from assistant.prices import dollars, money, typed_amounts
from assistant.prompts import prompt_ngrams, render
from assistant.query import Intent, ShoppingQuery, Sort
from assistant.reasons import ranked_reasons, title_reason
from assistant.state import ConversationState
from assistant.unwanted import says_unwanted
from retrieval.ages import ADULT, UP, age_statement
from retrieval.embedders import Embedder
from retrieval.vocabulary import english_leftovers, language_of

log = logging.getLogger(__name__)

MAX_PICKS = 3
#: The lead is one short sentence (two at most): at most this many tokens are generated for it
#: (a 25-word sentence is ~35 tokens; each token costs ~0.26 s on a 2-core CPU).
LEAD_TOKENS = 48
#: Tries at the lead: the first greedy, the rest sampled (temperature 0.7). A failed try costs
#: ~1 s on a 2-core AVX-512 machine, ~17 s on an AVX2-only one. Three tries left 8 and 9 of the
#: bench's 162 turns templated in two runs of the same code (sampling varies), over the 5% bar.
LEAD_ATTEMPTS = 4
#: English words a lead in a Latin-script language may not reach (one loanword passes: "kit",
#: "puzzle"); in Chinese, Japanese or Korean one is too many.
MIXED_WORDS = 2
LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "fr": "French", "de": "German", "zh": "Chinese",
                  "pt": "Portuguese", "it": "Italian", "nl": "Dutch", "ja": "Japanese", "ko": "Korean",
                  "ru": "Russian", "pl": "Polish"}  # fmt: skip


def _overlap(a: str, b: str) -> float:
    """The share of `b`'s words that `a` also has."""
    words = set(re.findall(r"\w+", b.lower()))
    return len(words & set(re.findall(r"\w+", a.lower()))) / max(1, len(words))


def _enough(raw: str) -> bool:
    """The lead has its two whole sentences and has begun another (which would be cut)."""
    kept = finish_at_sentence(raw)
    return len(sentences(kept)) >= 2 and len(" ".join(raw.split())) > len(kept)


class Written(BaseModel):
    """The written answer and how it was made."""

    model_config = ConfigDict(frozen=True)

    text: str
    picks: tuple[int, ...] = Field(description="Marks of the recommended cards, best first")
    lead: str = ""
    lead_by_model: bool = Field(
        default=False, description="The lead is the model's (it passed the checks)"
    )
    reasons: tuple[tuple[int, str], ...] = Field(
        default=(), description="(mark, reason from that product's text)"
    )
    tip: str | None = None
    question: str | None = None
    violations: tuple[Violation, ...] = ()
    regenerated: bool = False
    trimmed: bool = Field(
        default=False, description="The model's lead kept only its sentences that passed the checks"
    )
    fallback: bool = Field(
        default=False, description="The model was to write the lead, and it failed or none ran"
    )
    from_facts: bool = Field(
        default=False, description="The lead is written from the catalog's facts (leads.py)"
    )
    degraded: str | None = None
    tokens: int = 0
    first_token_s: float | None = None
    cancelled: bool = False


@dataclass(frozen=True)
class Piece:
    """Something the writer reports while writing: streamed text, or a retraction of it."""

    kind: Literal["token", "retract"]
    text: str = ""
    violations: tuple[Violation, ...] = ()
    reason: str | None = None


#: Recipient words that say a group or a role, not a person: "for kids" is not "your kids",
#: "for beginners" not "your beginner" ("" for the shopper themself: no "for" at all).
_GROUPS = {"kid": "a child", "child": "a child", "kids": "kids", "children": "children",
           "adult": "adults", "adults": "adults", "beginner": "a beginner", "beginners": "beginners",
           "student": "a student", "students": "students", "class": "a class", "classroom": "a class",
           "myself": "", "toddlers": "toddlers", "babies": "babies", "teens": "teens",
           "teenagers": "teenagers"}  # fmt: skip


#: What tells two near-identical products apart in a way a shopper reads at once.
_COLOURS = frozenset(["black", "white", "blue", "red", "green", "yellow", "orange", "purple", "pink", "brown", "grey", "gray", "silver", "gold", "natural", "clear", "transparent", "beige", "navy", "teal", "violet", "ivory", "rose"])  # fmt: skip


def _distinct(reasons: Sequence[str], ranked: Sequence[Sequence[str]], marks: Sequence[int] = (),
              language: str = "en") -> list[str]:  # fmt: skip
    """One reason per card, none saying what an earlier one said: two products of one maker often
    share a description ("a quality stainless steel ... screw assortment kit"), so a later card
    takes its own next sentence that differs. A card with no other sentence says how it differs
    from the earlier one in its own words ("3D PLA 1.75MM BLUE Plastic Filament" after the same
    title in BLACK: "Like [1], but blue."), or keeps its sentence when the difference is longer."""
    out: list[str] = []
    for i, reason in enumerate(reasons):
        earlier = next((j for j, o in enumerate(out) if same_sentence(reason, o)), None)
        if earlier is not None:
            others = ranked[i] if i < len(ranked) else ()
            other = next((r for r in others if not any(same_sentence(r, o) for o in out)), None)
            if other is not None:
                reason = other
            elif i < len(marks):
                seen = {w.lower() for w in re.findall(r"[\w.-]+", out[earlier].rstrip("."))}
                diff = [
                    w for w in re.findall(r"[\w.-]+", reason.rstrip(".")) if w.lower() not in seen
                ]
                if 0 < len(diff) <= 3 and all(
                    w.lower() in _COLOURS or any(c.isdigit() for c in w) for w in diff
                ):
                    reason = phrase(
                        language, "same_but", mark=marks[earlier], diff=" ".join(diff).lower()
                    )
        out.append(reason)
    return out


#: Recipient words that name no relation to the shopper.
_ANYONE = frozenset(["boy", "girl"])


def _who(state: ConversationState, language: str) -> str:
    """Who the shopper buys for, in their terms: "your niece", "a 10-year-old", "kids"."""
    person = state.recipient if state.recipient not in _GROUPS else None
    if person in _ANYONE and state.age is not None:
        person = None  # "a 13 yr old girl" is no "your girl": her age says whom
    elif person in _ANYONE and language == "en":
        return f"a {person}"
    if person and language == "en":
        # (a plural is said as is: "twins"; "boss" is one person: "your boss", not "for boss")
        return person if person.endswith("s") and not person.endswith("ss") else f"your {person}"
    age = state.age
    if age is not None and age[0] == age[1] and age[0] >= 1:
        if age[0] != int(age[0]):  # "18 month old" is not "a 1-year-old"
            months = round(age[0] * 12)
            return f"{article_for(months)} {months}-month-old" if language == "en" else ""
        article = f"{article_for(int(age[0]))} " if language == "en" else ""
        return article + phrase(language, "age_word", age=int(age[0]))
    if state.recipient in _GROUPS and language == "en":
        return _GROUPS[state.recipient]
    return ""


def _range_text(lo: float, hi: float, language: str = "en") -> str:
    """An age range as a title would say it: "ages 8-12", "ages 3+", "6 months to 4 years"; in
    years, in the shopper's language ("8-12 años")."""
    if lo >= 1:
        key = "range_ages_up" if hi >= UP else "range_ages"
        return phrase(language, key, lo=years_said(lo), hi=years_said(hi))
    if hi >= UP:
        return f"{lo * 12:g} months and up" if 0 < lo < 1 else f"ages {lo:g}+"
    if hi < 1:
        return f"{lo * 12:g}-{hi * 12:g} months"
    if lo == 0:
        return f"up to {hi:g} years"
    if lo < 1:
        return f"{lo * 12:g} months to {years_said(hi)} years"
    return f"ages {years_said(lo)}-{years_said(hi)}"


def _price_of(cards: Sequence[Card], mark: int) -> float:
    """A card's price for ordering; one without a price last."""
    price = next(c.product.price for c in cards if c.mark == mark)
    return float(price.amount) if price is not None else float("inf")


def _tip(cards: Sequence[Card], state: ConversationState, language: str) -> str | None:
    """One thing worth checking, only when it helps: the ages the recommended cards state (when
    the shopper gave an age), or the sizes asked for."""
    if state.age is not None:
        ranges = []
        for c in cards:
            found = age_statement(c.product.title, c.product.description)
            if found:
                (lo, hi), words = found
                if state.age[0] >= ADULT and hi >= ADULT:
                    continue  # "puzzle for adults" said back to an adult is no check
                said = (
                    _range_text(lo, hi, language)
                    if re.search(r"\d", words)
                    else f'"{words.lower()}"'
                )
                ranges.append(phrase(language, "states", mark=c.mark, range=said))
        if ranges:
            return phrase(
                language, "check", tip=phrase(language, "age_tip", ranges="; ".join(ranges))
            )
    if (model := fits_model([c.product for c in cards], state)) is not None:
        # "ender 3 nozzle": a nozzle may fit, but no listing here says it does
        return phrase(language, "check", tip=phrase(language, "model_tip", model=model))
    if state.sizes and not all(of_size([c.product for c in cards], state)):
        # (not when every title says it: "1000 pc" beside five "1000 pc" puzzles adds nothing)
        return phrase(
            language,
            "check",
            tip=phrase(language, "size_tip", sizes=sizes_said(state.sizes, language)),
        )
    return None  # the department's checklist is shown beside the answer, not repeated in it


def _confirmed(cards: Sequence[Card], query: ShoppingQuery, language: str) -> str | None:
    """The hard bounds the shopper set in this message, confirmed from the cards' own data when
    every recommended card meets them ("All of them are $40 or less and rated 4.5 or higher"):
    a shopper who asked for them reads that they were kept, not only sees it on the cards."""
    clauses = []
    prices = [c.product.price.amount for c in cards if c.product.price is not None]
    low, high = query.min_price, query.max_price
    said = typed_amounts(query.text)
    # only the shopper's own numbers: "around $50" (read as $45-$55) or "under 1k" are not
    # said back as numbers they did not type
    bounds_said = all(b is None or b in said for b in (low, high))
    fits = all((low is None or p >= low) and (high is None or p <= high) for p in prices)
    if (low is not None or high is not None) and bounds_said and fits and len(prices) == len(cards) \
            and query.currency in (None, "USD"):  # fmt: skip
        if low is not None and high is not None:
            clauses.append(phrase(language, "between", low=money(low), high=money(high)))
        elif high is not None:
            clauses.append(phrase(language, "at_most", price=money(high)))
        elif low is not None:
            clauses.append(phrase(language, "at_least", price=money(low)))
    ratings = [c.product.rating for c in cards if c.product.rating is not None]
    minimum = query.min_rating
    if minimum is not None and len(ratings) == len(cards) and all(r >= minimum for r in ratings):
        clauses.append(phrase(language, "rated", rating=f"{minimum:g}"))
    if not clauses:
        return None
    return phrase(language, "confirm", clauses=phrase(language, "joiner").join(clauses))


def _named_marks(cards: Sequence[Card], side: str) -> list[int]:
    """The cards that are a thing the shopper named (see `names_side`)."""
    return [c.mark for c in cards if names_side(c.product.title, side)]


def _one_per_side(marks: Sequence[int], cards: Sequence[Card], sides: Sequence[str]) -> list[int]:
    """The marks with the first card of each thing set against another in front, one naming it
    alone where one does ("overdrive vs distortion pedals" had starred three overdrives)."""
    titles = {c.mark: c.product.title for c in cards}
    front: list[int] = []
    for side in sides:
        named = [m for m in marks if names_side(titles[m], side)]
        alone = [m for m in named if not any(names_side(titles[m], o) for o in sides if o != side)]
        pick = next((m for m in alone + named if m not in front), None)
        if pick is not None:
            front.append(pick)
    return front + [m for m in marks if m not in front]


def _one_each(
    marks: Sequence[int], cards: Sequence[Card], sides: Sequence[str], language: str
) -> str | None:
    """ "whats the difference between a cajon and bongos": one recommended card of each thing,
    named beside its mark ("[1] fits best" answered a question of difference); None unless every
    side has one."""
    front = _one_per_side(marks, cards, sides)[: len(sides)]
    titles = {c.mark: c.product.title for c in cards}
    if len(front) < len(sides) or not all(
        names_side(titles[m], s) for m, s in zip(front, sides, strict=True)
    ):
        return None
    named = [f"{side} [{mark}]" for side, mark in zip(sides, front, strict=True)]
    parts = (
        phrase(language, "list_sep").join(named[:-1]) + phrase(language, "list_last") + named[-1]
    )
    return phrase(language, "one_each", parts=parts)


def _named(cards: Sequence[Card], sides: Sequence[str], language: str) -> str | None:
    """Which cards are each of the things the shopper set against each other ("elixir vs
    d'addario", "dunlop crybaby or vox?"), and which they named is not among them; None unless
    one of them is on screen."""
    found = [(side, _named_marks(cards, side)) for side in sides]
    if not any(marks for _, marks in found):
        return None
    none = phrase(language, "named_none")
    parts = [
        f"{side}: {', '.join(f'[{m}]' for m in marks) if marks else none}" for side, marks in found
    ]
    return phrase(language, "named", parts="; ".join(parts))


#: The words of a gift searched by the person's age alone (see `assistant.needs`).
_AGE_TOYS = frozenset(["baby", "toddler", "kids", "toys"])


def by_age_only(state: ConversationState) -> bool:
    """Whether the search is a gift by the person's age alone ("toddler toys" for "birthday
    present for a 3 yo girl"), nothing they are into said."""
    words = set((state.search or "").lower().split())
    return bool(state.gift and words and words <= _AGE_TOYS and not state.interests and state.kind is None)


def clarifying_question(state: ConversationState, language: str) -> str | None:
    """One clarifying question for a broad request: a gift for nobody in particular, or no product."""
    words = (state.search or "").lower().split()
    # (a baby is into nothing yet: "baby shower at work, baby boy due in june" had been asked)
    if by_age_only(state) and not (state.age and (state.age[1] <= 1 or (state.age[0] < 1 and state.age[1] <= 2))):
        # toys for their age, shown while asked what they are into ("bday present for a 6 year
        # old girl, ideas?")
        return phrase(language, "ask_likes")
    if not words and (state.recipient or state.age) and not (state.age and state.age[1] <= 2):
        # "for my brother in law, hes impossible to shop for": whom, and nothing of what (a
        # baby is into nothing yet)
        return phrase(language, "ask_likes")
    if not words:
        return phrase(language, "ask_what")
    if state.kind is None and all(
        w in RECIPIENTS or not_product_word(w) or w.isdigit() for w in words
    ):
        # "something fun for a rainy day for 2 kids aged 5 and 7": whom, not what
        return phrase(language, "ask_what")
    if state.gift and state.recipient is None and state.age is None:
        return phrase(language, "ask_who")
    return None


class AnswerWriter:
    """Pick, write, check, repair, fall back (see the module docstring)."""

    def __init__(self, llm: LLMBackend | None, embedder: Embedder | None, brand_names: Sequence[str],
                 answer_tokens: int = 80, voice: Literal["shopper", "agent"] = "shopper",
                 history: str = "", model_picks: bool = False,
                 model_lead_languages: Sequence[str] = ()) -> None:  # fmt: skip
        self.llm = llm
        self.model_lead_languages = tuple(model_lead_languages)
        self.model_picks = model_picks
        self.voice = voice
        self.history = history
        self.embedder = embedder
        self.brand_names = list(brand_names)
        self.answer_tokens = answer_tokens

    def pick(self, need: str, cards: Sequence[Card]) -> list[int]:
        """The cards to recommend: the ranking's top ones, or with `model_picks` the model's
        choice among the candidates (its schema only admits their marks)."""
        if self.llm is None or not self.model_picks or len(cards) <= 1:
            return [c.mark for c in cards[:MAX_PICKS]]  # the ranking's order
        marks = tuple(c.mark for c in cards)
        choice: Any = Literal[marks]
        schema = create_model(
            "Picks", picks=(list[choice], Field(min_length=1, max_length=MAX_PICKS))
        )
        prompt = render("choose", need=need, products=product_lines(cards, 80))
        chosen = self.llm.structured(
            [ChatMessage(role="user", content=prompt)], schema, max_tokens=24
        )
        return list(dict.fromkeys(chosen.picks))  # type: ignore[attr-defined]

    def _lead_prompt(self, message: str, card: Card, reason: str, language: str) -> str:
        p = card.product
        # Whole sentences only (a fact cut mid-word is copied cut), and not the sentence already
        # shown as the card's reason (the lead would repeat it).
        facts, said = "", " ".join(reason.split())
        core = said.rstrip(".").lower()  # the reason may be a sentence's facts without its praise
        for sentence in sentences(" ".join(p.description.split())):
            if (
                sentence.strip()
                and sentence.strip() not in said
                and core not in sentence.lower()
                and len(facts) + len(sentence) <= 360
            ):
                facts = f"{facts} {sentence}".strip()
        facts = facts or reason
        values = dict(language=LANGUAGE_NAMES.get(language, "English"), message=message[:300],
                      mark=str(card.mark), product=p.title[:90], facts=facts)  # fmt: skip
        if self.voice == "agent":
            return render("agent", history=self.history or "none recorded", **values)
        return render("answer", **values)

    def for_agent(self, history: str) -> AnswerWriter:
        """The same writer in the customer-service voice (drafts an agent edits and sends)."""
        return AnswerWriter(
            self.llm,
            self.embedder,
            self.brand_names,
            self.answer_tokens,
            "agent",
            history,
            self.model_picks,
            self.model_lead_languages,
        )

    def templated_lead(self, card: Card, shown: Sequence[Card], state: ConversationState,
                       query: ShoppingQuery, said: str = "") -> str:  # fmt: skip
        """The lead when the model writes none: from the catalog's facts (leads.py)."""
        language = query.language
        if self.voice == "agent":
            return phrase(language, "agent_lead", mark=card.mark)
        return fact_lead(card, shown, state, language, _who(state, language), said)

    def write(
        self, message: str, cards: Sequence[Card], state: ConversationState, query: ShoppingQuery,
        notice: str | None = None, picks: Sequence[int] | None = None, timer: Any = None,
        cancelled: threading.Event | None = None, allowed_numbers: Sequence[Any] = (),
        lead: str | None = None, fallback_lead: str | None = None,
        reasons: Sequence[str] | None = None, ask_back: bool = True, tips: bool = True,
        recommend: bool = True,
    ) -> Generator[Piece, None, Written]:  # fmt: skip
        """Write the answer for these cards; yields streamed pieces, returns the `Written`.
        `lead` is a lead read off data (no model runs); `fallback_lead` replaces the templated
        lead when the model's fails; `reasons` (one per pick) replace the extracted ones;
        `ask_back=False` never adds a clarifying question (the request was specific); `tips=False`
        no "check before you buy" (the cards are not what was asked: shoe glue for running shoes);
        `recommend=False` stars no card: none is the thing asked for (a toy plane for an air fryer),
        and the answer is the notice and `lead` alone."""
        language = query.language
        if not cards:
            # (what the turn knows to say stands alone: "hi" is answered with the store's range)
            said = " ".join(x for x in (notice, lead) if x)
            if lead:
                yield Piece("token", lead)
            return Written(text=said, picks=(), lead=lead or "")
        if not recommend:
            first = timer.now() if timer is not None else None
            yield Piece("token", lead or "")
            text = self.render(lead or "", [], None, None, notice, language)
            return Written(text=text, picks=(), lead=lead or "", first_token_s=first)
        degraded = None
        chosen = list(picks or [])
        sides = query.alternatives
        if not chosen:
            try:
                chosen = self.pick(state.search_text() or query.need, cards)
            except LLMUnavailable as exc:
                degraded = f"the written advice is unavailable ({exc}); the answer is templated from the catalog"
                chosen = [cards[0].mark]
            if not self.model_picks:
                products = [c.product for c in cards]
                named = {m for side in sides for m in _named_marks(cards, side)}
                # recommend only the asked kind when some cards are it, then narrow step by step
                # where some cards pass: "drum sticks" does not star a tongue drum the search
                # ranked third; "10 foot" does not star a 20 ft cable; "dry erase markers" does
                # not star washable markers rated better; "a science kit for an 11 year old" does
                # not star one for ages 12+; and a card shoppers rated poorly, then one rated only
                # fairly, stays on screen with its rating, not recommended
                # (what the person loves before the size: a space puzzle of another count for
                # a space fan, not a 100-piece Santa puzzle)
                kinds, compound = of_kind(products, state), names_compound(products, state)
                # (the noun said anywhere in a title of the kind will do: "Guitar ... Toy" for "a
                # toy guitar"; a clown stacker had been starred when no title wrote "toy guitar")
                loose = names_compound(products, state, anywhere=True)
                described = names_compound(products, state, described=True)
                lines = numbered_lines(state)
                if not any(k and c for k, c in zip(kinds, loose, strict=True)):
                    # no card is the kind said with its noun in its title: those whose listing
                    # says the noun ("water filter": a "Filter Cartridge" for drinking water, not
                    # a fridge container, had been starred); else the kind word alone names other
                    # things ("soldering iron kit" had starred an Iron Man figure)
                    told = [k and d for k, d in zip(kinds, described, strict=True)]
                    kinds = (
                        told
                        if any(told)
                        # (a refill is one, whatever it calls what it refills: a 4-gallon "Bubble
                        # Juice" had been starred for "bubble juice refill" beside two refills)
                        else [True] * len(products)
                        if not all(compound) and (state.kind or "").lower() not in REFILLS
                        else kinds
                    )
                steps = [kinds,
                         # the kind said with its noun anywhere ("Magnifier Loupe ... Glasses" for
                         # a magnifying glass, not "Glass Marbles")
                         [k and c for k, c in zip(kinds, loose, strict=True)],
                         keeps_asked(products, state),
                         [not numbers_other(p, lines) for p in products],  # another phone's case
                         [not says_unwanted(p.title, state.unwanted) for p in products],
                         shows_interest(products, state), of_size(products, state),
                         says_attributes(products, state),
                         names_compound(products, state),
                         [not age_misses(p, state) for p in products],
                         # (for a grown-up, no child's thing: a toy hospital for a nurse; for a
                         # child's gift, no lab supply: a 3D printer's "Volcano" hotend for a
                         # 9-year-old into volcanoes)
                         [not (grown_up(state) and for_children(p)) for p in products],
                         [not (child_gift(state) and p.department == LAB and not for_children(p))
                          for p in products],
                         fits_whom(products, state),
                         # (then the other words asked, where cards fit alike: "a globe with a
                         # light", "weighted keys")
                         says_most_asked(products, state),
                         [not poorly_rated(p) for p in products],
                         [not poorly_rated(p, FAIR_RATING) for p in products],
                         # of those, the ones the shopper named ("dunlop crybaby or vox?")
                         [c.mark in named for c in cards]]  # fmt: skip
                fits = steps[0]
                for passes in steps[1:]:
                    narrower = [f and ok for f, ok in zip(fits, passes, strict=True)]
                    fits = narrower if any(narrower) else fits
                if any(fits):
                    fitting = [c.mark for c, f in zip(cards, fits, strict=True) if f]
                    if state.prefer_cheap or state.sort is Sort.cheapest:
                        # "algo económico" had led with the dearest guitar; "cheapest one pls"
                        # had kept the star on the card recommended before the sort
                        fitting.sort(key=lambda m: _price_of(cards, m))
                    chosen = _one_per_side(fitting, cards, sides)[:MAX_PICKS]
        by_mark = {c.mark: c for c in cards}
        chosen = [m for m in chosen if m in by_mark] or [cards[0].mark]
        recommended = [by_mark[m] for m in chosen]
        need = " ".join(
            x for x in (state.search_text(), query.text if language == "en" else "") if x
        )
        if query.intent is Intent.compare and language == "en" and asked_about(query.text):
            need = asked_about(query.text)  # "which one is better for small hands?": about that
        ranked: list[list[str]] = []
        if reasons is None or len(reasons) != len(recommended):
            ranked = ranked_reasons(
                [c.product for c in recommended], need or query.text, self.embedder
            )
            # a product's own sentence may name another maker ("pan head Philips drive screw" for
            # Phillips screws): a name its card does not carry is no reason, as the checker reads it
            ranked = [
                self._names_carried(group, c) for c, group in zip(recommended, ranked, strict=True)
            ]
            reasons = [
                g[0] if g else title_reason(c.product)
                for c, g in zip(recommended, ranked, strict=True)
            ]
            reasons = _distinct(reasons, ranked, chosen, language)
        best = recommended[0]
        if query.intent in (Intent.more, Intent.refine) and state.asked_for():
            # "show me more" or "cheaper" says nothing of what the product is for: the lead is
            # written (and checked) for the request they follow ("show me more" was narrated,
            # "the shopper's", or copied back as the lead)
            message = f"{state.asked_for()} ({message.strip()})"
        if lead is None and query.compare and query.intent is Intent.new and len(sides) >= 2:
            lead = _one_each(chosen, cards, sides, language)  # "the difference between X and Y"
        if lead is None and query.asks_how and query.intent is Intent.new:
            # "how often should i change my ukulele strings": know-how no listing settles, said
            # so, with the line of each listing that bears on it (not "[1] fits best")
            lead = phrase(language, "know_how")
        if lead is None and state.tells_problem and query.intent is Intent.new:
            # "my prints keep lifting off the bed at the corners": what may fix it, each with its
            # listing's line that bears on it (not "[1] fits best" of a bed adhesive)
            lead = phrase(language, "may_help")
        given = lead is not None  # a lead read off data (a comparison): no model needed
        lead = lead or ""
        by_model, regenerated, tokens, first_token = False, False, 0, None
        violations: list[Violation] = []
        trimmed, dropped = False, list[Violation]()
        model_writes = language in self.model_lead_languages or self.voice == "agent"
        if self.llm is not None and degraded is None and not given and model_writes:
            prompt = self._lead_prompt(message, best, reasons[0], language)
            # The shopper's lead is begun for the model in the shopper's language ("[1] suits
            # you because", "[1] te conviene porque"): it continues with why, in that language,
            # instead of narrating the request ("The shopper wants ...") or reciting the
            # product's name, the 0.5B model's habits.
            # a language without phrases gets no opening (an English one would be rejected)
            own = has_phrases(language)
            opening = (
                phrase(language, "opening", mark=best.mark)
                if self.voice == "shopper" and own
                else ""
            )
            start = [ChatMessage(role="assistant", content=opening)] if opening else []
            for attempt in range(LEAD_ATTEMPTS):
                pieces: list[str] = [opening] if opening else []
                try:
                    stream = self.llm.stream(
                        [ChatMessage(role="user", content=prompt), *start],
                        min(self.answer_tokens, LEAD_TOKENS), 0.0 if attempt == 0 else 0.7,
                    )  # fmt: skip
                    try:
                        for piece in stream:
                            if cancelled is not None and cancelled.is_set():
                                return Written(text="", picks=tuple(chosen), cancelled=True, tokens=tokens,
                                               degraded="the client disconnected; generation was stopped")  # fmt: skip
                            if first_token is None and timer is not None:
                                first_token = timer.now()
                            tokens += 1
                            pieces.append(piece)
                            yield Piece(
                                "token", opening + piece if len(pieces) == 2 and opening else piece
                            )
                            if any(c in piece for c in ".!?。！？") and _enough("".join(pieces)):
                                break  # two whole sentences and a third begun: the rest is cut anyway
                    finally:
                        close = getattr(stream, "close", None)
                        if close is not None:
                            close()  # ends the HTTP stream, so the server stops generating
                except LLMUnavailable as exc:
                    log.warning("written advice unavailable: %s", exc)
                    degraded = f"the written advice is unavailable ({exc}); the answer is templated from the catalog"
                    if pieces:
                        yield Piece("retract", reason=str(exc))
                    break
                raw = "".join(pieces)
                lead = finish_at_sentence(raw)
                violations = self.check_lead(lead or raw, message, [best], query, allowed_numbers)
                if violations and lead:  # a bad second sentence is dropped, not the whole lead
                    kept = self._checked_sentences(lead, message, best, query, allowed_numbers)
                    if kept:
                        dropped, violations, lead, trimmed = violations, [], kept, True
                elif not lead and (clause := at_clause(raw)):
                    # one long sentence the budget cut: it ends at its last whole clause instead
                    # ("... a remote control car with LED lights, [cut]" -> "... LED lights.")
                    found = self.check_lead(clause, message, [best], query, allowed_numbers)
                    if not found:
                        dropped, violations, lead, trimmed = violations, [], clause, True
                if lead and f"[{best.mark}]" not in lead and not violations:
                    # not "[1]: ...": at the start of a line that is a markdown link definition
                    lead = f"[{best.mark}] {lead}" if language == "en" else lead
                if not violations and lead:
                    by_model = True
                    if lead != raw.strip():  # the client shows the lead as kept, not the cut tail
                        yield Piece("retract", reason="cut at the last whole sentence")
                        yield Piece("token", lead)
                    break
                yield Piece("retract", violations=tuple(violations))
                if all(v.kind == "truncated" for v in violations):
                    break  # the budget ran out mid-sentence: a second try would too (~17 s on CPU)
                regenerated = True
        from_facts = False
        if not by_model and not given:
            # a budget said in another currency ("100元以内") is not named back as dollars
            said = message if query.currency in (None, "USD") else ""
            lead = fallback_lead or self.templated_lead(best, cards, state, query, said)
            from_facts = fallback_lead is None and self.voice == "shopper"
        elif ranked and _overlap(lead, reasons[0]) >= 0.6:  # the lead already says the first reason
            others = ranked[0][1:]
            reasons = [others[0] if others else title_reason(best.product), *reasons[1:]]
            reasons = _distinct(reasons, ranked, chosen, language)
        if not by_model and lead:  # written by code: sent at once, shown with the cards
            if first_token is None and timer is not None:
                first_token = timer.now()
            yield Piece("token", lead)
        tip = _tip(recommended, state, language) if tips else None
        confirmed = (
            _confirmed(recommended, query, language)
            if not notice and len(recommended) > 1
            else None
        )
        converted = (
            phrase(language, "in_dollars", usd=dollars(state.min_price, state.max_price))
            if query.currency not in (None, "USD") and (query.min_price or query.max_price)
            else None
        )  # "max 20 euros" is filtered at about $24: the shopper reads how it was taken
        tip = (
            " ".join(x for x in (converted, _named(cards, sides, language), confirmed, tip) if x)
            or None
        )
        question = clarifying_question(state, language) if ask_back else None
        text = self.render(
            lead, list(zip(chosen, reasons, strict=True)), tip, question, notice, language
        )
        if self.voice == "agent":
            text = "\n".join([phrase(language, "greeting"), text, phrase(language, "closing")])
        return Written(
            text=text, picks=tuple(chosen), lead=lead, lead_by_model=by_model,
            reasons=tuple(zip(chosen, reasons, strict=True)), tip=tip, question=question,
            violations=tuple(violations) if not by_model else tuple(dropped), regenerated=regenerated, trimmed=trimmed,
            fallback=not (by_model or given) and (model_writes or self.llm is None), from_facts=from_facts,
            degraded=degraded, tokens=tokens, first_token_s=first_token,
        )  # fmt: skip

    def _names_carried(self, group: list[str], card: Card) -> list[str]:
        """The ranked sentences without those, up to the first that passes, that name a brand
        the card does not carry (each check reads ~1,500 brand names: ~20 ms, so the rest of the
        list, read only when an earlier card already said the same, is left as it is)."""
        for i, sentence in enumerate(group):
            if not any(v.kind == "name" for v in check(sentence, [card], (), self.brand_names)):
                return group[i:]
        return []

    def _checked_sentences(self, lead: str, message: str, card: Card, query: ShoppingQuery,
                           allowed_numbers: Sequence[Any]) -> str:  # fmt: skip
        """The lead's leading sentences that pass the checks together, up to the first that does
        not (empty when the first fails: the lead's reason is gone, so it falls back whole)."""
        kept: list[str] = []
        parts = [s.strip() for s in sentences(lead)]
        for sentence in parts:
            if self.check_lead(
                " ".join([*kept, sentence]), message, [card], query, allowed_numbers
            ):
                break
            kept.append(sentence)
        return " ".join(kept) if kept and len(kept) < len(parts) else ""

    def check_lead(self, text: str, message: str, cards: Sequence[Card], query: ShoppingQuery,
                   allowed_numbers: Sequence[Any] = ()) -> list[Violation]:  # fmt: skip
        """Both checkers on the model's lead."""
        if not text.strip():
            return [Violation(kind="truncated", text="", detail="not one whole sentence")]
        bare = re.sub(r"\[\d{1,2}\]", " ", text)
        if (
            len(re.findall(r"[^\W\d_]+", bare)) < 3
            and len(re.findall(r"[\u3040-\u30ff\u4e00-\u9fff]", bare)) < 4
        ):
            # "1." from the model once became the lead "[1]: 1."
            return [Violation(kind="truncated", text=text[:30], detail="not one whole sentence")]
        found = check(text, cards, allowed_numbers, self.brand_names, prompt_ngrams())
        found += check_sense(text, message, cards, query.age if query.age else None,
                             min_support=0.6 if query.language == "en" else 0.0)  # fmt: skip
        bare = re.sub(r"\[\d{1,2}\]", " ", text)
        if query.language != "en" and language_of(bare) == "en" and len(bare.split()) >= 4:
            found.append(Violation(kind="language", text=text[:60],
                                   detail=f"written in English, not the shopper's {query.language}"))  # fmt: skip
        elif query.language != "en":
            names = " ".join(
                f"{c.product.title} {c.product.brand or ''} {c.product.description}" for c in cards
            )
            mixed = english_leftovers(bare, query.language, names)
            # "es compacto y perfecto para beginners y seasoned musicians"; in Chinese one English
            # word already reads as a slip ("适合汽车 enthusiast")
            if len(mixed) >= (1 if query.language in ("zh", "ja", "ko") else MIXED_WORDS):
                found.append(Violation(kind="language", text=", ".join(mixed[:5]),
                                       detail=f"English words in a {query.language} answer"))  # fmt: skip
        return found

    @staticmethod
    def render(lead: str, reasons: Sequence[tuple[int, str]], tip: str | None, question: str | None,
               notice: str | None, language: str) -> str:  # fmt: skip
        """The answer as the shopper reads it: notice, lead, a reason per card, tip, question."""
        lines = [notice] if notice else []
        lines.append(lead)
        grouped: dict[str, list[int]] = {}  # the same reason for several cards is said once
        for mark, reason in reasons:
            grouped.setdefault(reason, []).append(mark)
        if language != "en" and any(language_of(r) == "en" for r in grouped):
            # the reasons are the products' own (English) sentences, said to be so: the 0.5B
            # model's translations of them changed facts ("plush padded seat" -> "un seat
            # plástico"), which no check here can see (README, "Other languages")
            lines.append(phrase(language, "quoted"))
        lines += [f"- {', '.join(f'[{m}]' for m in marks)} {r}" for r, marks in grouped.items()]
        after = [x for x in (tip, question) if x]
        text = "\n".join(x for x in lines if x)
        # a blank line ends the list: in Markdown the tip would otherwise read as the last reason
        return (
            "\n\n".join([text, "\n".join(after)])
            if after and grouped
            else "\n".join([text, *after])
        )


def run_writer(gen: Generator[Piece, None, Written]) -> Written:
    """Run a writer to the end without streaming (drafts, templated answers)."""
    while True:
        try:
            next(gen)
        except StopIteration as stop:
            return stop.value
