"""The one table of units every reader of sizes, counts, prices and models picks from."""

from __future__ import annotations

import re

from retrieval import units


def test_families_words_and_forms() -> None:
    assert units.is_unit("shelves", "part") and units.is_unit("Pcs") and not units.is_unit("guitar")
    assert "in" not in units.words("length") and "in" in units.words("length", marks=True)
    assert {"roll", "box", "spool"} <= units.words("package")
    after = re.compile(rf"\d+\s*(?:{units.alternation('length')})", re.I)
    assert after.fullmatch('12"') and after.fullmatch("6 inches") and not after.fullmatch("6 ink")
    # units that count the same pieces are one measure: a box of 10 is 10 pieces
    pieces = re.compile(units.measures("count")["piece"], re.I)
    assert all(pieces.fullmatch(w) for w in ("pcs", "box", "pack", "count", "pairs"))


def test_every_reader_knows_a_unit_taught_once() -> None:
    """A unit in the table is no price, no model number and no kind of product."""
    from assistant.fits import numbered_lines
    from assistant.prices import extract_price_bounds
    from assistant.state import ConversationState

    assert extract_price_bounds("under 30 gallons").max_price is None
    assert extract_price_bounds("under 30 dollars").max_price == 30
    for said in ("nitrile gloves box of 100", "drum throne for a 6'3 guy",
                 "violin coming back after 15 years", "shelf 3 tier"):  # fmt: skip
        assert numbered_lines(ConversationState(search=said, asked=said)) == [], said
    assert numbered_lines(ConversationState(search="case iphone 15")) == [("iphone", "iphone15")]
