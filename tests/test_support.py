"""Customer-service drafts read the customer's history: which past product a message means, what
they want done about it, and proposals that follow from that product's own catalog fields."""

from __future__ import annotations

import re

import pytest

from assistant.grounding import check_sense, echoed
from assistant.proposals import kind_of, propose, same_line
from assistant.references import Ask, read_ask, resolve, size_of, size_step
from retrieval import Catalog, HybridSearcher, Retrieval

ASKS = [
    ("the nitrile gloves I ordered last time were too small, what should I get instead?", Ask.size, 1),
    ("These boots run too large for me", Ask.size, -1),
    ("the lab coat doesn't fit, do you have other sizes?", Ask.size, 0),
    ("do you have a cheaper alternative to the last thing I bought?", Ask.cheaper, 0),
    ("that soldering station was too expensive, anything more affordable?", Ask.cheaper, 0),
    ("my pipette tips arrived broken, can you suggest a sturdier brand?", Ask.brand, 0),
    ("I'd like a different brand of the tape I ordered", Ask.brand, 0),
    ("the multimeter I got stopped working after a week", Ask.brand, 0),
    ("we ran out of the filament, same one again please", Ask.same, 0),
    ("can you reorder my last purchase?", Ask.same, 0),
    ("is the magnifier I bought battery powered?", Ask.question, 0),
    ("do you sell washing machines?", Ask.other, 0),
    ("a gift for my niece who loves science", Ask.other, 0),
]  # fmt: skip


@pytest.mark.parametrize(("message", "ask", "direction"), ASKS)
def test_reads_what_the_customer_wants_done(message: str, ask: Ask, direction: int) -> None:
    reading = read_ask(message)
    assert (reading.ask, reading.direction) == (ask, direction)


def test_sizes_are_read_from_titles() -> None:
    assert (
        size_of("SafeTouch Nitrile Exam Gloves, Non Latex, Powder Free, Small, 100/Box") == "small"
    )
    assert size_of("Dynarex Nitrile Exam Gloves, Black, X-Large, 100 Count") == "x-large"
    assert size_of("Medical Vinyl Gloves - Disposable, Powder Free, Exam, 4 mil, M") == "medium"
    assert (
        size_of("M3 Stainless Steel Hex Socket Screws") is None
    )  # a thread size, not a garment size
    assert size_step("small", "large") == 2 and size_step("large", "medium") == -1


def test_resolves_the_past_product_a_message_means(demo_catalog: Catalog) -> None:
    get = demo_catalog.get
    gloves, filament, other_filament, caliper = (
        get(f"scientific:{i}") for i in (101, 289, 547, 66)
    )
    past = [filament, gloves, filament, other_filament, caliper]  # oldest first
    last = resolve("do you have a cheaper alternative to the last thing I bought?", past)
    assert last is not None and last.product == caliper and last.sure
    named = resolve("the nitrile gloves I ordered were too small", past)
    assert named is not None and named.product == gloves and "gloves" in named.how
    usual = resolve("something cheaper than my usual filament", past)
    assert usual is not None and usual.product == filament and usual.bought == 2
    newest = resolve("the last filament I ordered jammed", past)
    assert newest is not None and newest.product == other_filament
    unsure = resolve("the filament I bought", past)
    assert (
        unsure is not None and not unsure.sure and unsure.others
    )  # the agent is offered the other
    assert resolve("the washing machine I bought leaks", past) is None  # never bought one
    assert resolve("do you sell microscopes?", past) is None  # no reference at all
    assert resolve("the last thing I bought", []) is None


def test_echo_of_the_customers_words_is_caught() -> None:
    message = "the nitrile gloves I ordered last time were too small"
    assert echoed("Sorry: the nitrile gloves I ordered last time were too small.", message)
    assert echoed("[1] is the same line one size up.", message) is None
    found = check_sense(
        "You said the nitrile gloves I ordered last time were too small.", message, []
    )
    assert any(v.kind == "echo" for v in found)


@pytest.mark.slow
def test_proposals_follow_the_past_product(
    scientific_slice: tuple[Catalog, HybridSearcher, dict[str, list[int]]],
) -> None:
    catalog, searcher, _ = scientific_slice
    small = catalog.get("scientific:101")  # SafeTouch nitrile exam gloves, Small
    past = [catalog.get("scientific:5"), small]
    ref = resolve("those gloves I got were too tight", past)
    assert ref is not None and ref.product == small
    up = propose(ref, read_ask("those gloves I got were too tight"), searcher)
    assert up.items
    for item in up.items:  # the same kind, each a larger size, said so from the title
        assert kind_of(item.product) == kind_of(small)
        assert (size_step("small", size_of(item.product.title)) or 0) > 0
        assert item.field == "size in the title"
    assert same_line(up.items[0].product, small)  # the same line first when it exists
    large = resolve("the gloves I ordered", [catalog.get("scientific:351")])  # AMMEX, Large
    assert large is not None
    other = propose(large, read_ask("they tore, can you suggest a sturdier brand?"), searcher)
    assert other.items and all(
        kind_of(i.product) == kind_of(large.product) and not same_line(i.product, large.product)
        for i in other.items
    )
    again = propose(large, read_ask("same ones again please"), searcher)
    assert [i.product for i in again.items] == [large.product]


def test_cheaper_proposals_are_the_most_like_it_of_those_cheaper(small_store: Retrieval) -> None:
    """ "do you have cheaper sticks?" had been offered a slime sticker and a tongue drum: the
    cheapest of the whole category first, however unlike the product bought."""
    from assistant.proposals import same_kind

    searcher = small_store.searcher()
    priced = sorted((p for p in searcher.catalog if p.price is not None),
                    key=lambda p: -p.price.amount if p.price else 0)  # fmt: skip
    for ref_product in priced:  # the dearest product with cheaper ones of its kind
        assert ref_product.price is not None
        pool = [p for p in same_kind(ref_product, searcher)
                if p.price is not None and p.price.amount < ref_product.price.amount]  # fmt: skip
        if len(pool) >= 3:
            break
    ref = resolve("the last thing I bought", [ref_product])
    assert ref is not None
    cheaper = propose(ref, read_ask("do you have a cheaper alternative?"), searcher)
    assert cheaper.items and [i.product for i in cheaper.items] == pool[: len(cheaper.items)]


def test_cheaper_proposals_are_its_kind_where_the_category_is_only_the_department(
    small_store: Retrieval,
) -> None:
    """Where a product's category is only its department ("Musical Instruments"), "same kind" is
    what its title names: drumsticks for drumsticks. The draft for "cheaper sticks" had offered a
    tongue drum and a slime sticker (the whole department); with no cheaper sticks it says so."""
    searcher = small_store.searcher()
    sticks = [p for p in searcher.catalog if p.price is not None and len(p.category) <= 1
              and re.search(r"\bdrum\s?sticks\b", p.title, re.I)]  # fmt: skip
    assert len(sticks) >= 2, "the small store has drumsticks filed only under their department"
    cheapest = min(sticks, key=lambda p: p.price.amount if p.price else 0)
    dearest = max(sticks, key=lambda p: p.price.amount if p.price else 0)
    for product in (cheapest, dearest):
        ref = resolve("the last thing I bought", [product])
        assert ref is not None
        found = propose(ref, read_ask("do you have cheaper sticks?"), searcher)
        assert all(re.search(r"stick", i.product.title, re.I) for i in found.items), found
        if product is cheapest:
            assert not found.items and found.gap == "none_cheaper"
        else:
            assert found.items
