"""A card of an earlier answer asked for again (pure): "go back to the first puzzle you showed",
"the plush one you showed first", "go back to the pink one, does it come in another colour?",
"which one did you show first again? add that one" (each had been a new search of its words). The
talk keeps every product it showed (`ConversationState.shown_before`); the card meant is found
among them by the words or look that name it, else as the first shown (of the kind named)."""

from __future__ import annotations

import re
from collections.abc import Sequence

import Stemmer

from assistant.cues import BACK_TO, FIRST_SHOWN, LOOKS, looked_one
from assistant.kinds import not_product_word, product_kind
from assistant.state import named_cards
from retrieval.catalog import Product

#: A question asked of the card: "how many are in ...", "does it ...", "what size is ...".
_ASKS = re.compile(r"^\W*(?:how|what(?!\s+about)|is|are|does|do|did|can|will|would|could|has|have)\b", re.I)
#: The card named with the going back: "the first one", "the plush one".
_ONE_SHOWN = re.compile(r"\b(?:in|on|of|about)?\s*the\s+(?:[\w-]+\s+)?(?:one|ones)\s+it\b|\bit\s+it\b", re.I)
#: What the card was shown before: "the one you showed before the tuners".
_BEFORE = re.compile(r"\bbefore\s+the\s+([a-z][\w-]{2,})", re.I)
#: The clause that goes back, taken out of what is asked of the card: "go back to the pink one,
#: does it come in another colour?" asks about its colours.
_CLAUSE = re.compile(r"[^,.;!?，。？！]+[,.;!?，。？！]*")


def went_back(text: str) -> bool:
    """Whether the message goes back to a card of an earlier answer (see `cues.BACK_TO`)."""
    return bool(BACK_TO.search(text))


def earlier_card(text: str, earlier: Sequence[Product]) -> Product | None:
    """The product of an earlier answer the message goes back to: the first shown that its words
    ("the plush one") or look ("the pink one") name, else the first shown of the kind it names
    ("the first puzzle you showed"), else the first shown where it asks for the first; None where
    it goes back to none."""
    if not earlier or not went_back(text):
        return None
    if before := _BEFORE.search(text):
        # "the one you showed before the tuners": of those shown before the first tuner
        said = before.group(1).lower().removesuffix("s")
        at = next((i for i, p in enumerate(earlier) if said in p.title.lower()), len(earlier))
        earlier = list(earlier[:at]) or list(earlier)
        text = text[: before.start()] + text[before.end() :]
    titles = [p.title for p in earlier]
    if named := named_cards(text, titles, [False] * len(titles)):
        return earlier[named[0] - 1]
    if (look := looked_one(text)) and look.lower() in LOOKS:
        said = [p for p in earlier if re.search(rf"\b{re.escape(look)}\b", p.title, re.I)]
        if said:
            return said[0]
    if not (FIRST_SHOWN.search(text) or before):
        return None
    stem = Stemmer.Stemmer("english").stemWord
    # the kind said with "first": "the first puzzle you showed" (any other words, in any language,
    # name no kind: "zurück zum ersten, was hat das nochmal gekostet?")
    said = _FIRST_KIND.search(text)
    kind = product_kind(said.group(1)) if said else None
    of_kind = [
        p
        for p in earlier
        if kind and stem(kind.lower()) in {stem(w) for w in re.findall(r"[a-z]+", p.title.lower())}
    ]
    if kind and not of_kind and not before:
        return None  # ("the first backpack you showed" where none was: no other card)
    return (of_kind or list(earlier))[0]


#: The kind said with "first": "the first puzzle you showed", "the first strings".
_FIRST_KIND = re.compile(r"\bfirst\s+([a-z][a-z-]{2,}(?:\s+[a-z][a-z-]{2,})?)(?=\s+(?:you|u|that|from)\b|\W*$)", re.I)


def asked_of_it(text: str) -> str:
    """What the message asks of the card it goes back to, without the going back: "does it come
    in another colour?" of "go back to the pink one, does it come in another colour?", "how many
    are in it?" of "how many are in the first one you showed?"; "" where it asks nothing more
    ("go back to the first puzzle you showed", "which one did you show first again?")."""
    kept = []
    for clause in _CLAUSE.findall(text):
        if not BACK_TO.search(clause):
            kept.append(clause.strip())
            continue
        # (a question asked in the same clause, of the card: the going back read as "it")
        said = re.sub(r"\s+", " ", _ONE_SHOWN.sub(" it ", BACK_TO.sub(" it ", clause))).strip()
        if _ASKS.match(said) and any(not not_product_word(w) and w != "it"
                                     for w in re.findall(r"[a-z]+", said.lower())):  # fmt: skip
            kept.append(said)
    return " ".join(kept).strip()


def priced_before(text: str, earlier: Sequence[Product], shown: Sequence[Product]) -> Product | None:
    """The product of an earlier screen a message names by its price where no card on screen
    costs it ("wait the 9 dollar sabian, is that a real cymbal" after the $9 crash left the
    screen had searched cymbals around $9): the one earlier card at that price, or the one of
    those whose title says a word of the message; None otherwise."""
    from assistant.prices import priced_at  # (prices reads the cues)

    at = priced_at(text)
    if at is None or any(p.price and abs(p.price.amount - at) < 1 for p in shown):
        return None
    near = [p for p in earlier if p.price and abs(p.price.amount - at) < 1]
    if len(near) > 1:
        # (the words said, the maker a title opens with counting most: "the 9 dollar sabian")
        said = {w for w in re.findall(r"[a-z][\w'-]+", text.lower()) if not not_product_word(w)}

        def shares(p: Product) -> int:
            words = re.findall(r"[a-z][\w'-]+", p.title.lower())
            return len(said & set(words)) + 2 * bool(words and words[0] in said)

        best = max(map(shares, near))
        near = [p for p in near if best and shares(p) == best]
    return near[0] if len(near) == 1 else None
