"""Several cards put in the cart in one message (pure): "add the paw patrol one and the value
pack", "add 2 of the 25 packs and one rack", "add the microscope and a pack of prepared slides"
(the first card alone had been added, or "Which one shall it be?" asked). Each thing listed is
read as a card on screen, by its number, price, words or look, with the count said before it;
what names no card is something more to look for."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import Stemmer

from assistant.cues import (
    CART_ASKED,
    CART_COUNT,
    CART_LEAD,
    CART_UNIT,
    LOOKS,
    PRICED_THING,
    count_of,
    looked_one,
    priced_one,
    priced_which,
    read_cues,
)
from assistant.fits import shows_kind
from assistant.kinds import not_product_word, product_kind
from assistant.state import named_cards, priced_card
from retrieval.catalog import Product

#: A message putting things in the cart, and the things: "add the shooting game, and one floor
#: pad too", "add it plus a strap please".
_ADDS = re.compile(
    CART_LEAD
    + r"(?:add|put|throw\s+in|i'?ll\s+take)\s+(?P<things>.+?)"
    r"(?:\s+(?:to|in|into)\s+(?:my|the|our)\s+(?:cart|basket|bag|order)|(?<=\w)\s+in(?:\s+there)?)?"
    r"(?:\s+(?:too|together|as\s+well|both|please|pls|then|thanks|thx))*\W*$",
    re.I,
)
#: Where one thing listed ends and the next begins.
_JOINS = re.compile(
    r"\s*,?\s+(?:and\s+also|and\s+then|and|plus|&|\+|as\s+well\s+as)\s+"
    r"|\s*,\s+(?=(?:the|a|an|one|\d+|two|three)\b)",
    re.I,
)
#: How many of a thing, said before it: "2 of the 25 packs", "one rack", "a pack of".
_COUNTED = re.compile(
    # (a count of a unit is one only said of a card: "2 packs of the first one", not "10 pack of
    # picks", a pack size)
    rf"^\s*(?:(?P<n>{CART_COUNT}|one|an?)\s+(?:(?:{CART_UNIT}\s+)?of\s+(?=the|those|these|them|this|that|it\b)|(?!{CART_UNIT}\b)))?"
    r"(?P<thing>.*)$", re.I
)
#: The card the talk is about: "it", "that one".
_IT = re.compile(r"^\W*(?:it|that(?:\s+one)?|this(?:\s+one)?)(?:\s+(?:anyway|then|too|please|pls))?\W*$", re.I)
#: What a thing is for, said after it: "2 tapes that fit it", "staples for it", "a notebook to go
#: with it".
_FOR_IT = re.compile(
    r"\s+(?:(?:that|which)\s+(?:fits?|goes?\s+with|works?\s+with)|to\s+go\s+with|for|with)\s+(?:it|that|this|them)\W*$",
    re.I,
)


@dataclass(frozen=True)
class Listed:
    """One thing of the list: the card it names (1-based; None where it names none on screen),
    how many, and the words saying it."""

    mark: int | None
    quantity: int
    said: str


def cart_list(text: str) -> tuple[str, ...]:
    """The things a message puts in the cart, where it lists two or more (English); () else."""
    # (the cart asked after them: "put the gretsch and the cheapest amp in, hows the total
    # looking" had been a search for "hows total gretsch")
    last = _LAST_CLAUSE.search(text)
    if last is not None and (CART_ASKED.search(last.group("tail")) or _THAT_MUCH.fullmatch(last.group("tail"))):
        text = text[: last.start()]  # (or after a stop: "add the scottie one and the snoopy one. total?")
    m = _ADDS.match(text)
    if m is None:
        return ()
    return _things(m.group("things"))


def chosen_list(text: str) -> tuple[str, ...]:
    """Two or more things chosen with no word putting them in, where the total is asked after
    them or they are added up with "+" ("the 2nd and the 3rd. total?", "ok the bikers + 2 of the
    primer. how much is that", "lyre + folder + the bell cover. what do i owe": the cart had
    been said empty, or each looked for); () else. Only cards are put in so (see
    `ChatPipeline._several_to_cart`): a list naming none is a request."""
    last = _LAST_CLAUSE.search(text)
    total = last is not None and bool(
        CART_ASKED.search(last.group("tail")) or _THAT_MUCH.fullmatch(last.group("tail"))
    )
    body = text[: last.start()] if total and last is not None else text
    if not (total or "+" in body) or _ADDS.match(body):
        return ()
    m = _CHOSEN.match(body)
    things = _things(m.group("things")) if m else ()
    # (added up with no total asked, cards are said as cards: "the spock figure + the book", not
    # "guitar + amp bundle for a beginner")
    if not total and not any(_THE.match(x) or re.match(r"\s*\d", x) for x in things):
        return ()
    return things


def _things(said: str) -> tuple[str, ...]:
    """The things of a list, each with its count ("goggles x3" is 3 of the goggles)."""
    if first := _FIRST_FEW.match(said):
        # "add the first two to my cart" (had been read as a question of two cards: nothing put in)
        return _ORDINALS[: count_of(first.group(1))]
    things: list[str] = []
    for part in (t.strip(" ,") for t in _JOINS.split(said) if t.strip(" ,")):
        times = _TIMES.match(part)
        if times:  # "goggles x3", "the bubbles x12": 3 of the goggles
            thing = times.group("thing")
            of = " of" if re.match(r"(?:the|those|these|that)\b", thing, re.I) else ""
            part = f"{times.group('n')}{of} {thing}"
        if things and (count := _COUNT_ALONE.match(part)):
            # how many of the thing before: "add the first one, 2 packs", "the pencils, 2 boxes"
            # (had been looked for as "2 packs")
            things[-1] = f"{count.group(1)} {count.group(2)} of {_THE_FOR_COUNT.sub('the ', things[-1], count=1)}"
            continue
        things.append(part)
    return tuple(things) if len(things) >= 2 else ()


#: The last clause of a message, after its last stop or comma: ". total?", ", how much is that".
_LAST_CLAUSE = re.compile(r"\s*[.,;!?]\s*(?P<tail>[^.,;!?]+?)\W*$")
#: The price of what was just listed, asked: after a list, "how much is that" is its total.
_THAT_MUCH = re.compile(
    r"(?:(?:and|so|ok|okay)\s+)?how\s+much\s+(?:is|does|would)\s+(?:that|it|everything)(?:\s+(?:be|come\s+to))?",
    re.I,
)
#: Things chosen with no word putting them in: "ok the bikers + 2 of the primer".
_CHOSEN = re.compile(CART_LEAD + r"(?P<things>.+?)(?:\s+(?:then|please|pls|too|both))*\W*$", re.I)
#: The first few cards, said by how many: "the first two", "the top 3 ones".
_FIRST_FEW = re.compile(r"^\s*(?:the\s+)?(?:first|top)\s+(two|three|four|2|3|4)(?:\s+ones)?\s*$", re.I)
_ORDINALS = ("the first", "the second", "the third", "the fourth")
#: A count of what was said before it, and no thing: "2 packs", "3 boxes".
_COUNT_ALONE = re.compile(rf"^\s*({CART_COUNT})\s+({CART_UNIT})\W*$", re.I)
#: A count said after the thing: "goggles x3", "the bubbles x 12".
_TIMES = re.compile(r"^(?P<thing>.*?[^\d\s])\s+[x×]\s?(?P<n>\d{1,3})\W*$", re.I)
#: The thing a count is put before, said as the thing itself ("the first one" -> "2 packs of
#: the first one"); a bare thing takes "the" ("pencils" -> "2 boxes of the pencils").
_THE_FOR_COUNT = re.compile(r"^(?!the\b|that\b|those\b|these\b|this\b|it\b|them\b|a\b|an\b|my\b)", re.I)


def listed(
    things: Sequence[str],
    shown: Sequence[Product],
    picked: Sequence[bool],
    focus: int | None,
) -> tuple[Listed, ...]:
    """Each thing listed, read as a card on screen (see `Listed`)."""
    return tuple(_listed(thing, shown, picked, focus) for thing in things)


def thing_said(thing: str) -> str:
    """A thing listed without its count ("2 of the 25 packs" -> "the 25 packs")."""
    m = _COUNTED.match(thing)
    return (m.group("thing") if m else thing).strip()


def _listed(thing: str, shown: Sequence[Product], picked: Sequence[bool], focus: int | None) -> Listed:
    m = _COUNTED.match(thing)
    said = thing_said(thing)
    count = m.group("n") if m and m.group("n") else None
    quantity = count_of(count) if count else 1
    titles = [p.title for p in shown]
    if _IT.match(said):
        return Listed(focus or next((i + 1 for i, p in enumerate(picked) if p), 1), quantity, thing)
    if refs := read_cues(said, titles).references:
        return Listed(refs[0], quantity, thing)
    if (which := priced_one(said)) and (card := priced_card(which, shown, [True] * len(shown))):
        return Listed(card[0], quantity, thing)
    if priced := PRICED_THING.match(said):
        # "the cheapest amp": of the amps on screen
        kind = priced.group("kind").lower()
        stem = Stemmer.Stemmer("english").stemWord
        among = [shows_kind(t, kind, stem, kind) for t in titles]
        # (none where no card is one: "add 4 of the cheapest blaster" beside pencil toppers)
        if any(among) and (card := priced_card(priced_which(priced.group("which")), shown, among)):
            return Listed(card[0], quantity, thing)
        if product_kind(kind) == kind and kind not in LOOKS:
            return Listed(None, quantity, thing)  # a kind no card is
        # ("the best rated wooden one": a look, read as a card by its words below)
    if not said.lower().startswith(("the ", "that ", "those ", "these ")):
        said = f"the {said}"  # ("one floor pad": the floor pad on screen, if one is)
    if named := named_cards(said, titles, picked):
        return Listed(named[0], quantity, thing)
    if (look := looked_one(said)) and look.lower() in LOOKS:
        said_look = [i + 1 for i, t in enumerate(titles) if re.search(rf"\b{look}\b", t, re.I)]
        if said_look:
            return Listed(said_look[0], quantity, thing)
    return Listed(by_words(said, titles, picked), quantity, thing)


def by_words(said: str, titles: Sequence[str], picked: Sequence[bool]) -> int | None:
    """The one card whose title says every product word of the thing ("the 75 piece sets"), the
    recommended one of several; None where none does."""
    stem = Stemmer.Stemmer("english").stemWord
    words = {stem(w) for w in re.findall(r"[a-z0-9]+", said.lower())
             if not not_product_word(w) and w not in ("one", "ones", "the", "piece", "pieces")}  # fmt: skip
    if not words:
        return None
    # (a decimal is one number: "the 3 pack" is no "4.3 Inch" squirt gun's 36-pack)
    saying = [i for i, t in enumerate(titles)
              if words <= {stem(w) for w in re.findall(r"\d+(?:\.\d+)?|[a-z0-9]+", t.lower())}]  # fmt: skip
    if not saying:
        return None
    return next((i + 1 for i in saying if picked[i]), saying[0] + 1)


def choice_then_more(items: Sequence[Listed]) -> str | None:
    """One card put in the cart and something more named that is on no card ("add the
    microscope and a pack of prepared slides", "add it plus a strap"): said as a choice, then
    what more is asked ("add the microscope. also need a pack of prepared slides"), read as such
    (see `cues.choice_and_more`); things none of which is on screen, asked for each; None for
    any other list."""
    named = [x for x in items if x.mark is not None]
    rest = [x.said for x in items if x.mark is None]
    if not named and len(rest) >= 2 and all(_names_a_thing(x) for x in rest):
        # none of them on screen: each looked for ("add the tuner and the shoulder rest" after
        # the screen changed had looked for the tuner alone), none put in the cart unseen
        return "i need " + " and ".join(_THE.sub("a ", x, count=1) for x in rest)
    if len(named) != 1 or not rest:
        return None
    return f"add {named[0].said}. also need {' and '.join(rest)}"


def _names_a_thing(said: str) -> bool:
    """Whether the words name a kind of product, not the cards or why ("two of those in the
    cart", "one's for my aunt")."""
    said = _FOR_IT.sub("", said)  # ("2 tapes that fit it": tapes, for the card)
    return bool(product_kind(said)) and not re.search(r"\b(?:those|these|them|it|one'?s?|cart|for\s+my)\b", said, re.I)


#: "the" before a thing looked for: "the shoulder rest" is looked for as "a shoulder rest".
_THE = re.compile(r"^\s*(?:the|that|those|these)\s+", re.I)
