"""The answer writer's pure parts on real catalog products: sentences finished, the sense check
catching what a reader notices (the examples are the nonsense the first writer produced), and
reasons taken from each product's own text."""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.advice import Card, DepartmentPrices
from assistant.candidates import FAIR_RATING
from assistant.fits import poorly_rated, says_most_asked
from assistant.grounding import check, check_sense, finish_at_sentence
from assistant.query import ShoppingQuery, understand
from assistant.reasons import extract_reasons
from assistant.state import ConversationState, advance
from assistant.writer import AnswerWriter, run_writer
from retrieval import Catalog
from retrieval.catalog import Product


def cards(catalog: Catalog, n: int = 3) -> list[Card]:
    prices = DepartmentPrices(catalog)
    products = [p for p in catalog if p.department == "Toys & Games" and len(p.description) > 200][
        :n
    ]
    return [Card(mark=i, product=p, price=p.price_label, why="", value=prices.note(p))
            for i, p in enumerate(products, start=1)]  # fmt: skip


def lead_for(catalog: Catalog, request: str, titles: list[str], **facts: object) -> str:
    """The facts lead for cards of these titles (and these product fields) for one request."""
    shown = [c.model_copy(update={"product": c.product.model_copy(update={"title": t, **facts})})
             for c, t in zip(cards(catalog, len(titles)), titles, strict=True)]  # fmt: skip
    query = understand(request, None, list(catalog.columns.departments)).query
    state = advance(ConversationState(), query, catalog)
    return run_writer(AnswerWriter(None, None, ()).write(query.text, shown, state, query)).lead


def test_text_is_cut_after_its_last_whole_sentence() -> None:
    assert finish_at_sentence("It is sturdy. Use a digita") == "It is sturdy."
    assert finish_at_sentence("Consider using a professional mahogany w") == ""
    assert finish_at_sentence("One. Two! Three? Four.", max_sentences=2) == "One. Two!"
    # one long sentence the budget cut ends at its last whole clause, if that says enough
    from assistant.grounding import at_clause

    cut = "[1] suits you because it is a fast remote control car with LED lights, which make it perfect for kids of all"
    assert (
        at_clause(cut) == "[1] suits you because it is a fast remote control car with LED lights."
    )
    assert at_clause("[1] suits you because it is fast, which") == ""


def test_the_sense_check_reads_what_a_shopper_reads(small_catalog: Catalog) -> None:
    shown = cards(small_catalog, 1)
    said = "a gift for a 10 year old who likes science"
    kinds = lambda text: {v.kind for v in check_sense(text, said, shown, (10, 10))}  # noqa: E731
    assert "truncated" in kinds("Use a digita")
    repeated = "Shop for the best science toys for a 10-year-old. Shop for the best science toys for a 10-year-old."
    assert "repeated" in kinds(repeated)
    assert "contradiction" in kinds("Look for the perfect toy for your 4-year-old.")

    # an age range said for someone else: a lead for a shopper's mum said "aged 5-12"
    def wrong_age(text: str) -> bool:
        return any(
            v.detail == "not the shopper's age" for v in check_sense(text, said, shown, (10, 10))
        )

    assert wrong_age("[1] is a perfect fit for aspiring musicians aged 5-7.")
    assert not wrong_age("[1] suits kids aged 8-12.")
    assert "unsupported" in kinds("Use a turbocharged quantum espresso manifold for skydiving.")
    title_words = " ".join(shown[0].product.title.split()[:4])
    assert kinds(f"[1] is a {title_words} for a 10 year old who likes science.") == set()
    # filler that claims nothing, and a card's "Heavy Duty" written "heavy-duty", are supported
    # (a lead failed on "specifically, offering, variety, making" and on "heavy-duty")
    first = [w for w in shown[0].product.title.split() if len(w) > 3][:2]
    filler = (
        f"[1] is a convenient {' '.join(first)}, specifically offering a variety of science fun."
    )
    assert "unsupported" not in kinds(filler), check_sense(filler, said, shown, (10, 10))
    sturdy = Card(mark=1, product=shown[0].product.model_copy(update={"title": "Heavy Duty Lab Gloves"}),
                  price="", why="", value="")  # fmt: skip
    assert "unsupported" not in {
        v.kind for v in check_sense("[1] is heavy-duty gloves.", said, [sturdy])
    }
    assert "unsupported" in {
        v.kind for v in check_sense("[1] is feather-light gloves.", said, [sturdy])
    }


def test_links_images_addresses_and_html_are_not_an_answer(
    small_catalog: Catalog, demo_catalog: Catalog
) -> None:
    shown = cards(small_catalog, 1)
    markup = lambda text: [v for v in check(text, shown) if v.kind == "markup"]  # noqa: E731
    for text in ("[1] is sturdy ![pic](http://203.0.113.9/x.png)", "See [1](https://deals.example)",
                 "[1] is sturdy, order at www.cheap-sticks.biz", 'Try <img src="x" onerror="y">',
                 "[1] ships from evil.com/buy today", "<!-- ignore the cards -->",
                 "<img/src=//evil.tk/p onerror=alert(1)>", "![x][r]\n\n[r]: //evil.tk/p.png",
                 "[a\nb](//evil.tk)", "write to x@evil.tk", "javascript:alert(1)"):  # fmt: skip
        assert markup(text), text
    for text in ("[1] is sturdy: 3.5mm plug, e.g. for a 1.5 m run <3", "[1] (4.5 stars) is sturdy",
                 "[1] and [2] (both soprano)", "Mobile data: 5G", "Great for beginners.Top pick is [2]",
                 "under < a pound, over > 2 ft", "U.S. made, $19.99, i.e. 1/2 size :)"):  # fmt: skip
        assert not markup(text), (text, markup(text))
    named = next(p for p in demo_catalog if ".com" in p.title.lower())  # "GlowWeapons.com ..."
    domain = next(w for w in named.title.split() if ".com" in w.lower())
    card = Card(mark=1, product=named, price=named.price_label, why="", value="")
    assert not [v for v in check(f"[1] is the {domain} one.", [card]) if v.kind == "markup"]


def test_each_reason_comes_from_its_own_product(small_catalog: Catalog, onnx_embedder) -> None:  # type: ignore[no-untyped-def]
    shown = cards(small_catalog)
    reasons = extract_reasons([c.product for c in shown], "a toy for a child", onnx_embedder)
    for card, reason in zip(shown, reasons, strict=True):
        text = " ".join(f"{card.product.title} {card.product.description}".split()).lower()
        assert reason.rstrip(".").lower()[:40] in text


def test_a_broad_gift_request_gets_one_clarifying_question(small_catalog: Catalog) -> None:
    shown = cards(small_catalog)
    query = understand("a gift please", None, list(small_catalog.columns.departments)).query
    state = advance(ConversationState(), query, small_catalog)
    written = run_writer(AnswerWriter(None, None, ()).write(query.text, shown, state, query))
    assert written.question and written.text.count("?") == 1 and written.fallback
    # the cards rated fairly or better, each with its reason (a 3.2 beside 4.5s is not starred)
    fair = [c.mark for c in shown if not poorly_rated(c.product, FAIR_RATING)]
    assert fair and [m for m, _ in written.reasons] == fair


def test_a_request_naming_only_whom_asks_what_kind(small_catalog: Catalog) -> None:
    """ "something fun for a rainy day for 2 kids aged 5 and 7" showed a doll's raincoat and asked
    nothing: the day it is for is no product word, and a request naming only whom it is for gets
    the question of what kind of thing, with the cards still shown."""
    shown = cards(small_catalog)
    for text in ("something fun for a rainy day for 2 kids aged 5 and 7", "something for the kids"):
        query = understand(text, None, list(small_catalog.columns.departments)).query
        assert "rain" not in query.search and query.kind is None, query
        state = advance(ConversationState(), query, small_catalog)
        written = run_writer(AnswerWriter(None, None, ()).write(query.text, shown, state, query))
        assert written.question and written.question.startswith("What kind of product"), written
    query = understand("a lego set for 2 kids", None, list(small_catalog.columns.departments)).query
    state = advance(ConversationState(), query, small_catalog)
    assert not run_writer(
        AnswerWriter(None, None, ()).write(query.text, shown, state, query)
    ).question


def test_a_gift_for_a_baby_asks_nothing_of_what_they_like(small_catalog: Catalog) -> None:
    """ "baby shower at work, baby boy due in june ..." had asked what the baby is into; a
    6-year-old is asked."""
    from assistant.writer import clarifying_question

    for text, asked in (("baby shower at work next thursday, baby boy due in june. something thats "
                         "not clothes", False), ("bday present for a 6 year old girl, ideas?", True)):  # fmt: skip
        query = understand(text, None, list(small_catalog.columns.departments)).query
        state = advance(ConversationState(), query, small_catalog)
        assert (clarifying_question(state, "en") is not None) is asked, (text, state.search, state.age)


def test_of_the_asked_kind_the_cards_naming_the_compound_are_recommended(
    small_catalog: Catalog,
) -> None:
    """ "cheap dry erase markers bulk pack" starred washable markers rated 4.8 over the one pack
    of dry-erase markers (rated 3.0): the compound asked for decides before the rating; a size
    said before the kind ("1000 piece puzzle") is no compound."""
    base = cards(small_catalog, 3)
    titles = ["Dry Erase Marker, Chisel Tip (Pack of 12)", "Washable Markers Bulk Pack, 240 Count",
              "Permanent Markers, 24 Pack"]  # fmt: skip
    ratings = [3.0, 4.8, 4.6]
    shown = [c.model_copy(update={"product": c.product.model_copy(update={"title": t, "rating": r})})
             for c, t, r in zip(base, titles, ratings, strict=True)]  # fmt: skip
    query = understand("cheap dry erase markers bulk pack for my classroom", None,
                       list(small_catalog.columns.departments)).query  # fmt: skip
    assert query.kind == "markers"  # "bulk" and "pack" say how many, not what
    state = advance(ConversationState(), query, small_catalog)
    assert run_writer(
        AnswerWriter(None, None, ()).write(query.text, shown, state, query)
    ).picks == (1,)
    puzzles = [
        "1000 Piece Jigsaw Puzzle, Lake",
        "Puzzle 1000 Pieces, Scout",
        "1000 Piece Puzzle, Spring",
    ]
    shown = [c.model_copy(update={"product": c.product.model_copy(update={"title": t, "rating": 4.5})})
             for c, t in zip(base, puzzles, strict=True)]  # fmt: skip
    query = understand("1000 piece puzzle", None, list(small_catalog.columns.departments)).query
    state = advance(ConversationState(), query, small_catalog)
    assert run_writer(
        AnswerWriter(None, None, ()).write(query.text, shown, state, query)
    ).picks == (1, 2, 3)


def test_a_poorly_rated_card_is_not_starred_when_a_better_rated_one_fits(
    small_catalog: Catalog,
) -> None:
    """ "alto sax reeds" starred a 2.8-star reed first ("fits best: the cheapest") beside a 4.6-star
    box of them: of the cards that fit, those rated 3.5 or more are recommended, in search order;
    with none rated that well, the ranking's picks stand."""
    query = understand("a toy please", None, list(small_catalog.columns.departments)).query
    state = advance(ConversationState(), query, small_catalog)
    shown = cards(small_catalog, 4)
    ratings = [2.8, 4.6, 3.2, 4.1]
    shown = [c.model_copy(update={"product": c.product.model_copy(update={"rating": r, "rating_count": None})})
             for c, r in zip(shown, ratings, strict=True)]  # fmt: skip
    written = run_writer(AnswerWriter(None, None, ()).write(query.text, shown, state, query))
    assert written.picks == (2, 4) and written.text.startswith("[2]")
    low = [
        c.model_copy(update={"product": c.product.model_copy(update={"rating": 3.0})})
        for c in shown
    ]
    written = run_writer(AnswerWriter(None, None, ()).write(query.text, low, state, query))
    assert written.picks == (1, 2, 3)


def test_a_card_whose_title_denies_what_was_asked_is_not_starred(small_catalog: Catalog) -> None:
    """ "guantes de látex talla M" starred a "Nitrile Exam Glove (non-latex) ... Medium" and
    "Vinyl Gloves ... Latex Rubber Free" for their size: a title that denies an asked word
    ("non-latex", "latex free", "no latex") does not fit it."""
    query = understand(
        "latex gloves size medium", None, list(small_catalog.columns.departments)
    ).query
    state = advance(ConversationState(), query, small_catalog)
    titles = [
        "Latex Exam Gloves, Powder-Free, Large, Box/100",
        "Nitrile Exam Glove (non-latex) PF Medium Blue 100/BX",
        "Vinyl Exam Gloves, Latex Rubber Free, Medium, 100/Box",
    ]
    assert _picks_among(titles, small_catalog, state, query) == (1,)
    # free of what the shopper wants it free of: "powder free" is met by "Powder-Free" (which had
    # been read as denying "powder", and the box of 100 in size M went unstarred)
    query = understand("nitrile gloves size M, powder free, box of 100", None,
                       list(small_catalog.columns.departments)).query  # fmt: skip
    state = advance(ConversationState(), query, small_catalog)
    titles = [
        "Nitrile Exam Gloves, Powder-Free, Medium, Box/100",
        "Nitrile Exam Gloves, Large, 50 Count",
    ]
    assert _picks_among(titles, small_catalog, state, query) == (1,)


def test_a_kind_said_with_its_noun_anywhere_in_the_title_is_still_that_kind(
    small_catalog: Catalog,
) -> None:
    """ "a toy guitar for a toddler" starred a clown stacker and a toy microphone: no title wrote
    "toy guitar", so the kind was no longer trusted, though the guitar's title says "Toy" after it."""
    query = understand(
        "a toy guitar for a toddler", None, list(small_catalog.columns.departments)
    ).query
    state = advance(ConversationState(), query, small_catalog)
    titles = [
        "Kids 4 String Acoustic Classic Guitar Musical Instrument Toy",
        "Hape Clown Stacker Toddler Wooden Ring Toy",
    ]
    assert _picks_among(titles, small_catalog, state, query) == (1,)


def _picks_among(titles: list[str], catalog: Catalog, state: ConversationState,
                 query: ShoppingQuery) -> tuple[int, ...]:  # fmt: skip
    """The cards the writer stars among cards of these titles, each rated 4.5."""
    shown = [c.model_copy(update={"product": c.product.model_copy(update={"title": t, "rating": 4.5})})
             for c, t in zip(cards(catalog, len(titles)), titles, strict=True)]  # fmt: skip
    return run_writer(AnswerWriter(None, None, ()).write(query.text, shown, state, query)).picks


def test_the_cards_saying_the_most_asked_words_are_starred(small_catalog: Catalog) -> None:
    """ "a keyboard with weighted keys" starred a 54-key keyboard whose title says nothing of
    weighted keys, and "a globe with a light" a decorative globe, rated alike: the cards whose
    titles carry the most of the other words asked are recommended; with none carrying one, the
    search's order stands."""
    departments = list(small_catalog.columns.departments)
    query = understand("a keyboard with weighted keys", None, departments).query
    state = advance(ConversationState(), query, small_catalog)
    titles = [
        "EDMBG 54 Key Electric Keyboard with Microphone Recording",
        "Yamaha P45B 88 Weighted Keys Digital Piano Keyboard",
        "61-Key Electronic Piano Keyboard with Stand",
    ]
    assert _picks_among(titles, small_catalog, state, query) == (2,)
    query = understand("a globe that lights up for my 9 year old", None, departments).query
    state = advance(ConversationState(), query, small_catalog)
    titles = [
        "Decorative Globe with Stand, 10 inch",
        "Inflatable 12 inch Earth World Globe LED Light Learning Map",
        "Floating Globe with LED Lights, Magnetic Levitation",
    ]
    assert _picks_among(titles, small_catalog, state, query) == (2, 3)
    # whom it is for is no asked word (the ages are weighed before), nor a story's words where
    # no kind was said ("something super easy and relaxing" had starred a kalimba "for an easy
    # carrying")
    products = [c.product.model_copy(update={"title": t}) for c, t in zip(
        cards(small_catalog, 2), ["Decorative Globe with Stand", "Kids Globe with Stand"], strict=True)]  # fmt: skip
    for said in ("a globe for my kids", "something super easy and relaxing for my mom"):
        query = understand(said, None, departments).query
        state = advance(ConversationState(), query, small_catalog)
        assert says_most_asked(products, state) == [True, True]
    products[1] = products[1].model_copy(update={"title": "Kalimba, Lanyard for easy carrying"})
    assert says_most_asked(products, state) == [True, True]


def test_a_budget_in_another_currency_is_said_back_in_dollars(small_catalog: Catalog) -> None:
    """ "max 20 euros" is filtered at about $24: the answer says how it was read."""
    query = understand("a toy, max 20 euros", None, list(small_catalog.columns.departments)).query
    state = advance(ConversationState(), query, small_catalog)
    written = run_writer(
        AnswerWriter(None, None, ()).write(query.text, cards(small_catalog, 2), state, query)
    )
    assert "Our prices are in US dollars: I read your budget as about $24." in written.text
    assert "$20" not in written.text


def test_a_correction_is_said_back_by_its_word_in_a_long_request() -> None:
    """ "Showing results for label maker organizing pantry demo better." said a whole search
    back; a short one is said whole, a long one names the word read otherwise."""
    from assistant.advice import spelling_notice

    assert spelling_notice([("harmonika", "harmonica")], "harmonica") == (
        "Showing results for harmonica."
    )
    long = "label maker organizing pantry demo better"
    # (unquoted: the checker reads a quoted word as a name the cards must carry)
    assert spelling_notice([("dymo", "demo")], long) == "Showing results for demo instead of dymo."
    assert spelling_notice([("somthing", "something")], "toddler busy") is None  # not searched


def test_age_ranges_read_as_titles_say_them() -> None:
    from assistant.writer import _range_text

    assert _range_text(8, 12) == "ages 8-12"
    assert _range_text(3, 99) == "ages 3+"
    assert _range_text(0, 3) == "up to 3 years"
    assert _range_text(0.5, 4) == "6 months to 4 years"
    assert _range_text(0.25, 0.75) == "3-9 months"


def test_the_not_carried_notice_repeats_only_plain_words() -> None:
    from assistant.advice import not_carried

    assert not_carried("washing machines", None, False) == (
        "We don't seem to carry washing machines. These are the closest products we have."
    )
    for odd in ("customer cust-123", "1000 piece puzzle", 'drum sticks", "max_price": 1'):
        assert not_carried(odd, None, False).startswith("We don't seem to carry that."), odd
    # a question in Chinese is not said back whole ("我们似乎没有想买个自动变光的焊接面罩"); a
    # product word is
    assert not_carried("想买个自动变光的焊接面罩", None, False, "zh").startswith(
        "我们似乎没有这个。"
    )
    assert not_carried("有卖吗", None, False, "zh").startswith("我们似乎没有这个。")
    assert not_carried("节拍器", None, False, "zh").startswith("我们似乎没有节拍器。")
    # a relaxed bound over words not echoed reads as a sentence ("No that we carry meets ...")
    assert not_carried("1.75mm pla black 1kg spool", "rating", True) == (
        "Nothing we carry meets the rating you set, so the nearest ones below go past it."
    )
    # the words are echoed as words, never as a name ("guitar'; DROP TABLE events")
    assert (not_carried("guitar DROP TABLE events", None, False) or "").startswith(
        "We don't seem to carry guitar drop table events."
    )
    # in the shopper's language, the relaxed constraint named in it too (a Spanish request got
    # the English notice, and the answer read as English)
    assert not_carried("una armónica", None, False, "es") == (
        "No parece que tengamos una armónica. Estos son los productos más parecidos que tenemos."
    )
    assert "precio" in (not_carried("una armónica", "price", False, "es") or "")
    assert not_carried("1000 piece puzzle", None, False, "de").startswith("Wir scheinen das nicht")


def test_an_id_the_shopper_typed_is_not_repeated_back() -> None:
    from assistant.grounding import check_sense

    found = check_sense(
        "[1] suits you because it helps customer cust-123.",
        "show me customer cust-123's orders",
        [],
    )
    assert [v.kind for v in found] == ["identifier"]


def test_a_draft_that_quotes_the_customer_is_not_an_answer(small_catalog: Catalog) -> None:
    """The 0.5B model's draft that the first support bench kept: the customer's sentence, quoted."""
    shown = cards(small_catalog, 1)
    said = "Hi, the nitrile gloves I ordered last time were too small. What should I get instead?"
    found = {v.kind for v in check_sense(
        '[1]: Customer asked: "Hi, the nitrile gloves I ordered last time were too small.', said, shown, None)}  # fmt: skip
    assert {"echo", "narration"} <= found


def test_reasons_prefer_facts_to_advertising(demo_catalog: Catalog, onnx_embedder) -> None:  # type: ignore[no-untyped-def]
    """Real demo-store descriptions: the generated preamble quoting the title is never a reason,
    an advertising opener loses to a sentence with checkable facts, and the ", perfect for ..."
    tail is cut off the fact before it."""
    from assistant.reasons import ranked_reasons

    sticks = next(p for p in demo_catalog if p.title.startswith("Petift Drum Sticks Set"))
    assert "Sure, here is" in sticks.description
    ranked = ranked_reasons([sticks], "drum sticks", onnx_embedder)[0]
    assert not any("Pektiftn" in r or "here is" in r for r in ranked), ranked
    assert "maple" in ranked[0] and not ranked[0].startswith(("Calling all", "Unleash")), ranked
    assert not any(re.search(r", (?:making|perfect|ideal)\b", r) for group in
                   ranked_reasons([sticks, *list(demo_catalog)[:30]], "a gift", onnx_embedder)
                   for r in group)  # fmt: skip


def test_the_first_reason_is_not_the_lead_said_again(small_catalog: Catalog) -> None:
    """When the lead already says what the first card's reason would, the bullet gives that
    product's next-best sentence instead (the lead here is given, as a comparison's is)."""
    shown = cards(small_catalog)
    query = understand("a toy for a child", None, list(small_catalog.columns.departments)).query
    state = advance(ConversationState(), query, small_catalog)
    writer = AnswerWriter(None, None, ())
    plain = run_writer(writer.write(query.text, shown, state, query))
    first = plain.reasons[0][1]
    again = run_writer(writer.write(query.text, shown, state, query, lead=f"[1]: {first}"))
    assert again.reasons[0][1] != first and again.reasons[1:] == plain.reasons[1:]


def test_a_lead_keeps_its_checked_sentences_and_drops_the_rest(small_catalog: Catalog) -> None:
    """A lead whose second sentence fails a check keeps its first (the slot is repaired, not
    templated); a lead whose first sentence fails has nothing to keep."""
    shown = cards(small_catalog, 1)
    said = "a gift for a 10 year old who likes science"
    query = understand(said, None, list(small_catalog.columns.departments)).query
    writer = AnswerWriter(None, None, ())
    title_words = " ".join(shown[0].product.title.split()[:4])
    good = f"[1] suits you because it is a {title_words}."
    bad = "Use a turbocharged quantum espresso manifold for skydiving."
    assert writer.check_lead(f"{good} {bad}", said, shown, query)
    assert writer._checked_sentences(f"{good} {bad}", said, shown[0], query, ()) == good
    assert writer._checked_sentences(f"{bad} {good}", said, shown[0], query, ()) == ""
    assert writer._checked_sentences(good, said, shown[0], query, ()) == ""  # nothing to drop


def test_numbers_are_read_as_written(small_catalog: Catalog) -> None:
    """A rating written "4.7/5" does not make the scale's 5 a number nobody said, and a string
    gauge ".046" is matched with its point (the bench counted both as contradictions)."""
    shown = cards(small_catalog, 1)
    gauged = shown[0].product.model_copy(
        update={"description": "Gauges from .046 to .100.", "rating": 4.7}
    )
    card = shown[0].model_copy(update={"product": gauged})
    kinds = lambda text: {v.kind for v in check_sense(text, "bass strings", [card])}  # noqa: E731
    assert "contradiction" not in kinds("[1] is the best rated (4.7/5) of these.")
    assert "contradiction" not in kinds("[1] comes in gauges from .046 to .100.")
    assert "contradiction" in kinds("[1] comes in gauges from .045 to .100.")


def test_two_cards_do_not_get_the_same_reason() -> None:
    """Two products of one maker often share a description: the later card gives its own next
    sentence that differs, so the shopper does not read the same bullet twice."""
    from assistant.grounding import same_sentence
    from assistant.writer import _distinct

    a = "This is a quality stainless steel pan sheet metal screw assortment kit with popular sizes."
    b = "This is a quality stainless steel pan machine screw assortment kit with popular sizes."
    assert same_sentence(a, b) and not same_sentence(a, "Three sizes of pan head screws.")
    ranked = [[a, "Rust resistant."], [b, "Three sizes of pan head screws."]]
    assert _distinct([a, b], ranked) == [a, "Three sizes of pan head screws."]
    assert _distinct([a, b], [[a], [b]], (1, 2)) == [a, b]  # no other sentence: it keeps its own
    # unless what differs is a colour or a size: then it says just that
    black, blue = "3D PLA 1.75MM BLACK Plastic Filament.", "3D PLA 1.75MM BLUE Plastic Filament."
    assert _distinct([black, blue], [[black], [blue]], (1, 2)) == [black, "Like [1], but blue."]
    assert _distinct([black, blue], [[black], [blue]], (1, 2), "es")[1] == "Como [1], pero blue."


def test_only_the_asked_kind_is_recommended_when_the_cards_have_it(small_catalog: Catalog) -> None:
    """ "drum sticks" starred a steel tongue drum the search ranked third: the recommended cards
    are the ones that are the asked kind, when any is (all of them when none is)."""
    base = cards(small_catalog, 3)
    titles = ["Vater 5A Drum Sticks, Pair", "Steel Tongue Drum 13 Notes", "Zildjian 5A Drumsticks"]
    shown = [c.model_copy(update={"product": c.product.model_copy(update={"title": t, "rating": 4.5})})
             for c, t in zip(base, titles, strict=True)]  # fmt: skip
    query = understand("drum sticks", None, list(small_catalog.columns.departments)).query
    state = advance(ConversationState(), query, small_catalog)
    written = run_writer(AnswerWriter(None, None, ()).write(query.text, shown, state, query))
    assert written.picks == (1, 3)
    other = understand("a gift", None, list(small_catalog.columns.departments)).query
    state = advance(ConversationState(), other, small_catalog)
    assert run_writer(
        AnswerWriter(None, None, ()).write(other.text, shown, state, other)
    ).picks == (1, 2, 3)


def test_a_title_that_opens_with_a_count_still_gives_a_reason() -> None:
    """ "(50) Gorilla Supply Thermal Paper Rolls ..." with no usable description gave the reason
    "." (the empty part before its bracket): the reason is the title's first words instead."""
    from assistant.reasons import title_reason
    from retrieval.catalog import Product

    product = Product(
        id="t:1", title="(50) Gorilla Supply Thermal Paper Rolls 2-1/4 X 85ft", source="t"
    )
    assert title_reason(product) == "Gorilla Supply Thermal Paper Rolls 2-1/4 X 85ft."
    plain = Product(id="t:2", title='Hawaiian Ukulele 21", Mahogany', source="t")
    assert title_reason(plain) == 'Hawaiian Ukulele 21".'


def test_the_notice_says_back_the_shoppers_own_words_for_the_product() -> None:
    """ "We don't seem to carry ream printer paper office" read as broken English: the notice
    says the shopper's own phrase, without who or what it is for, the opening, or the price."""
    from assistant.cues import asked_phrase

    assert asked_phrase("a ream of printer paper for the office") == "a ream of printer paper"
    assert asked_phrase("Hi, do you have any laptops?") == "laptops"
    assert asked_phrase("do you sell washing machines?") == "washing machines"
    assert asked_phrase("looking for a 55 inch tv") == "a 55 inch tv"
    assert asked_phrase("a coffee maker under $40") == "a coffee maker"
    assert asked_phrase("a pair of running shoes, size 10") == "a pair of running shoes"
    # a story is not said back ("No my husband just got into woodworking we carry meets the
    # price you set"): the notice falls back to the searched words
    assert asked_phrase("my husband just got into woodworking, any ideas under 60 dollars?") == ""


def test_english_words_left_in_another_language_are_caught() -> None:
    """A Spanish lead "es compacto y perfecto para niños y adultos, beginners y seasoned
    musicians" passed as Spanish; a Chinese one ended "适合汽车 enthusiast"."""
    from retrieval.vocabulary import english_leftovers

    mixed = (
        "[1] te conviene porque es compacto y perfecto para niños, beginners y seasoned musicians."
    )
    assert english_leftovers(mixed, "es") == ["beginners", "seasoned", "musicians"]
    assert english_leftovers("[1] 适合你，因为它适合汽车 enthusiast。", "zh") == ["enthusiast"]
    # Spanish borrows these at English rates; acronyms and the card's names are not leftovers
    clean = "[1] es un piano de metal con luz LED, de la marca Hellopet, para niños."
    assert english_leftovers(clean, "es", "Hellopet Digital Piano") == []


def test_reasons_quoted_in_english_are_said_to_be_the_products_own_words() -> None:
    """A Spanish shopper read English bullets with no word on why: the answer says they are the
    products' own text, in the shopper's language; an English answer has no such line."""
    reasons = [(1, "Made of solid maple with a rosewood fingerboard."), (2, "Includes a gig bag.")]
    spanish = AnswerWriter.render("[1] es la mejor opción.", reasons, None, None, None, "es")
    assert "Lo que dice la ficha de cada producto (en inglés):" in spanish.split("\n")
    english = AnswerWriter.render("[1] fits best.", reasons, None, None, None, "en")
    assert "page" not in english


def test_the_bounds_the_shopper_set_are_confirmed_from_the_cards(small_catalog: Catalog) -> None:
    """ "Rating conditions never confirmed in the text": when every recommended card meets the
    price and rating the shopper typed, the answer says so, with the shopper's own numbers only."""
    from decimal import Decimal

    from assistant.writer import _confirmed
    from retrieval.catalog import Price

    base = cards(small_catalog, 2)
    shown = [c.model_copy(update={"product": c.product.model_copy(update={
                 "price": Price(amount=Decimal(p)), "rating": r})})
             for c, (p, r) in zip(base, [("29.99", 4.6), ("35", 4.8)], strict=True)]  # fmt: skip
    departments = list(small_catalog.columns.departments)

    def said(text: str, language: str = "en") -> str | None:
        return _confirmed(shown, understand(text, None, departments).query, language)

    assert said("a ukulele, 4.5 stars and up, under 50 dollars") == (
        "All of them are $50 or less and rated 4.5 or higher."
    )
    assert said("ukulele between 20 and 40 dollars") == "All of them are $20 to $40."
    assert said("ukulele under $40.50", "es") == "Todos cumplen lo que pides: $40.50 o menos."
    assert said("ukulele under $30") is None  # [2] is $35: nothing is claimed for all
    assert said("ukulele rated 4.7 or higher") is None
    # a bound read from other words is not said back as a number the shopper did not type
    assert said("ukulele around $35") is None and said("ukulele under 1k") is None


def test_of_the_asked_kind_the_asked_size_is_recommended(small_catalog: Catalog) -> None:
    """ "a 10 foot guitar cable" starred a 20 ft cable ranked first: of the cards that are the
    asked kind, the ones whose titles carry the asked size are recommended when any do."""
    base = cards(small_catalog, 3)
    titles = [
        "Guitar Cable 20 ft, Braided",  # both say "guitar cable": the size alone decides
        "Guitar Cable 10 ft Straight",
        "Guitar Strap, Leather",
    ]
    shown = [c.model_copy(update={"product": c.product.model_copy(update={"title": t})})
             for c, t in zip(base, titles, strict=True)]  # fmt: skip
    departments = list(small_catalog.columns.departments)
    query = understand("a 10 foot guitar cable", None, departments).query
    state = advance(ConversationState(), query, small_catalog)
    assert state.sizes == ("10 foot",)
    written = run_writer(AnswerWriter(None, None, ()).write(query.text, shown, state, query))
    assert written.picks == (2,)
    # no card carries the size: the asked kind is still recommended, none left out for it
    other = understand("a 15 foot guitar cable", None, departments).query
    state = advance(ConversationState(), other, small_catalog)
    assert run_writer(
        AnswerWriter(None, None, ()).write(other.text, shown, state, other)
    ).picks == (1, 2)


def test_after_a_refinement_the_notice_says_nothing_else_fits_not_that_we_lack_it() -> None:
    """ "cheaper please" after wooden puzzles answered "We don't seem to carry a wooden puzzle":
    the store carries them, only none cheaper."""
    from assistant.advice import not_carried

    assert not_carried("a wooden puzzle", None, False, refined=True) == (
        "We have no other wooden puzzle that also fits that. These are the closest products we have."
    )
    assert (not_carried("una armónica", None, False, "es", refined=True) or "").startswith(
        "No tenemos más opciones de armónica"
    )
    assert not_carried("a wooden puzzle", None, True, refined=True) is None


def test_one_english_word_in_a_chinese_lead_is_refused(small_catalog: Catalog) -> None:
    """ "[1] 适合你，因为它是一个儿童拼图，适合汽车 enthusiast。" passed with its one English word; in
    Spanish one loanword passes and two do not."""
    shown = cards(small_catalog, 1)
    departments = list(small_catalog.columns.departments)
    chinese = understand("儿童拼图", None, departments).query.model_copy(update={"language": "zh"})
    writer = AnswerWriter(None, None, ())
    found = writer.check_lead("[1] 适合你，因为它适合汽车 enthusiast。", "儿童拼图", shown, chinese)
    assert any(v.kind == "language" for v in found)
    spanish = chinese.model_copy(update={"language": "es"})
    one = writer.check_lead(
        "[1] te conviene porque es un kit para niños.", "un kit", shown, spanish
    )
    two = writer.check_lead("[1] te conviene porque es perfecto para beginners y seasoned players.",
                            "un kit", shown, spanish)  # fmt: skip
    assert not any(v.kind == "language" for v in one) and any(v.kind == "language" for v in two)


def test_the_tip_is_not_read_as_the_last_reason() -> None:
    """In the browser (Markdown) a line right after the reasons' list joined the last reason:
    "- [2] ... drumsticks. All of them are $20 or less." A blank line ends the list."""
    text = AnswerWriter.render("[1] fits best.", [(1, "Maple."), (2, "Nylon tips.")],
                               "All of them are $20 or less.", None, None, "en")  # fmt: skip
    assert text.endswith("- [2] Nylon tips.\n\nAll of them are $20 or less.")


def test_a_reason_keeps_the_facts_and_drops_the_praise() -> None:
    """ "This electric guitar is a force to be reckoned with, crafted with a solid maple body" was
    shown as a reason: the clause of praise says nothing the shopper can check. The facts stay,
    word for word from the product's text."""
    from assistant.reasons import extract_reasons
    from retrieval.catalog import Product

    guitar = Product(
        id="t:1", title="Electric Guitar, Solid Maple Body", source="test",
        description="This electric guitar is a force to be reckoned with, crafted with a solid "
        "maple body and a powerful humbucker pickup. This stunning guitar ships fast.",
    )  # fmt: skip
    ukulele = Product(
        id="t:2",
        title="Soprano Ukulele",
        source="test",
        description="This stunning soprano ukulele is crafted with a laminated mahogany body.",
    )
    reasons = extract_reasons([guitar, ukulele], "an electric guitar", None)
    assert reasons[0] == "Crafted with a solid maple body and a powerful humbucker pickup."
    assert reasons[1] == "This soprano ukulele is crafted with a laminated mahogany body."
    # whom it suits stays, the praise of it goes; "makes it perfect for" keeps its sense
    from assistant.reasons import _clean

    assert _clean("Perfect for kids age 6 and up, this set has 120 blocks.") == (
        "For kids age 6 and up, this set has 120 blocks."
    )
    assert _clean("This harmonica is perfect for beginners and seasoned players alike.") == (
        "This harmonica is for beginners and seasoned players."
    )
    assert "makes it perfect for any space" in _clean(
        "Its small size makes it perfect for any space."
    )


def test_a_sales_question_in_a_description_is_no_reason() -> None:
    """A plunger's reason read "Here is a description of the contents: Are you having problems
    with 2." (its question mark turned into a full stop): a question asserts nothing about the
    product, so the plain fact beside it is chosen."""
    from assistant.reasons import extract_reasons
    from retrieval.catalog import Product

    plunger = Product(
        id="t:1", title="Rubber Toilet Plunger for Sink & Drain Clogs", source="test",
        description="Here is a description of the contents: Are you having problems with drain "
        "clogs in your sink? Our plunger stands 21 inches tall and fits under most sinks.",
    )  # fmt: skip
    assert extract_reasons([plunger], "sink drain clogs", None) == [
        "Our plunger stands 21 inches tall and fits under most sinks."
    ]


def test_the_facts_lead_says_why_in_the_shoppers_terms(small_catalog: Catalog) -> None:
    """The default lead is written from catalog fields and the shopper's own numbers: the age
    range when it holds the shopper's age, the price against a budget they typed, a good rating
    (best of the cards on screen when it is); never a fact that speaks against the pick, never
    the product's name (its card shows it), in the shopper's language."""
    from decimal import Decimal

    from retrieval.catalog import Price
    from retrieval.vocabulary import language_of

    base = cards(small_catalog, 3)
    facts = [("Horse Figure Set for Girls Ages 5-10", "9.99", 4.8),
             ("Horse Stable Playset Ages 3-6", "24", 4.1),
             ("Riding Horse Plush", "31", 2.7)]  # fmt: skip
    shown = [c.model_copy(update={"price": f"${p}", "product": c.product.model_copy(update={
                 "title": t, "description": "", "price": Price(amount=Decimal(p)), "rating": r})})
             for c, (t, p, r) in zip(base, facts, strict=True)]  # fmt: skip
    departments = list(small_catalog.columns.departments)

    def lead(message: str, language: str = "en") -> str:
        query = understand(message, None, departments).query.model_copy(
            update={"language": language}
        )
        state = advance(ConversationState(), query, small_catalog)
        return run_writer(AnswerWriter(None, None, ()).write(message, shown, state, query)).lead

    said = lead("horse toys for my 8 year old daughter, under $35")
    assert said == (
        "[1] fits best for your daughter: for ages 5-10, $9.99, within your $35 budget, "
        "the best rated of these (4.8 of 5)."
    )
    assert check_sense(said, "horse toys for my 8 year old daughter, under $35", shown) == []
    # a budget said in another currency is not named back in dollars
    assert "budget" not in lead("horse toys for my daughter under 35 euros")
    # "around $30" is read as a range up to $36: the lead does not say "your $36 budget"
    assert "budget" not in lead("horse toys around $30") and "$9.99" in lead(
        "horse toys around $30"
    )
    # [2] says ages 3-6, which misses 8: no age is praised when [2] leads
    second = [shown[1].model_copy(update={"mark": 1})]
    query = understand("horse toys for an 8 year old", None, departments).query
    state = advance(ConversationState(), query, small_catalog)
    text = run_writer(AnswerWriter(None, None, ()).write(query.text, second, state, query)).lead
    assert "3-6" not in text and text.startswith("[1] is the nearest match for an 8-year-old")
    # a 2.7 rating is on the card; it is no reason to pick the product
    third = [shown[2].model_copy(update={"mark": 1})]
    query = understand("horse plush", None, departments).query
    state = advance(ConversationState(), query, small_catalog)
    assert (
        "2.7"
        not in run_writer(AnswerWriter(None, None, ()).write(query.text, third, state, query)).lead
    )
    # with no budget said, the cheapest card on screen says so; a description that is only the
    # title again is no reason (the card shows the title)
    assert "the cheapest here at $9.99" in lead("horse toys")
    from assistant.reasons import extract_reasons

    titled = shown[0].product.model_copy(update={"description": shown[0].product.title})
    assert extract_reasons([titled], "horse toys", None) == [
        "Horse Figure Set for Girls Ages 5-10."
    ]
    # a card that is not the kind asked for is the nearest match, not the one that fits
    assert lead("a horse saddle for my daughter, under $35").startswith("[1] is the nearest match")
    # (the reading as the pipeline hands it on: the search in English, the language Spanish)
    spanish = lead("horse toys for an 8 year old, under $35", "es")
    assert spanish.startswith("[1] es la mejor opción") and "$35" in spanish
    assert language_of(spanish.replace("[1]", "")) == "es"


def test_the_facts_lead_says_back_the_size_asked_for(small_catalog: Catalog) -> None:
    """A lead with no age, budget or good rating to speak of was bare ("[1] fits best."): the size
    or quantity the shopper asked for, when the title carries it, is a fact that speaks for it."""
    titles = ["Guitar Picks, Pack of 100, Medium", "Guitar Picks, Pack of 12"]
    lead = lead_for(small_catalog, "pack of 100 guitar picks", titles, description="", rating=None)
    assert lead.startswith("[1] fits best: the pack of 100 you asked for"), lead


def test_of_the_asked_kind_the_cards_whose_ages_hold_the_shoppers_are_recommended(
    small_catalog: Catalog,
) -> None:
    """ "a science kit for an 11 year old who loves chemistry" starred a kit for ages 12+ first
    and one for ages 8-12 second: of the cards that are the asked kind, the ones whose stated
    ages hold the shopper's are recommended, and the lead is about one of them."""
    base = cards(small_catalog, 3)
    titles = ["Chemistry Science Kit for Kids Ages 12+", "Slime Science Kit for Kids 8-12",
              "Crystal Growing Science Kit"]  # fmt: skip
    shown = [c.model_copy(update={"product": c.product.model_copy(update={"title": t, "description": "", "rating": 4.5})})
             for c, t in zip(base, titles, strict=True)]  # fmt: skip
    query = understand("a science kit for an 11 year old who loves chemistry", None,
                       list(small_catalog.columns.departments)).query  # fmt: skip
    state = advance(ConversationState(), query, small_catalog)
    written = run_writer(AnswerWriter(None, None, ()).write(query.text, shown, state, query))
    assert written.picks == (2, 3) and written.lead.startswith("[2] fits best for an 11-year-old")


def test_a_sentence_naming_another_maker_is_no_reason(small_catalog: Catalog) -> None:
    """ "3 sizes of pan head Philips drive screw." was quoted for a screw assortment (its own
    text, misspelling Phillips): the checker reads "Philips" as a brand no card carries, so the
    sentence is no reason, and the card gets its next one."""
    base = cards(small_catalog, 1)
    screws = base[0].model_copy(update={"product": base[0].product.model_copy(update={
        "title": "Swordfish 31930 Stainless Steel Screw Assortment, 420 Piece", "brand": "Swordfish",
        "description": "3 sizes of stainless steel pan head Philips drive screw assortment. Comes in a plastic case with 18 compartments."})})  # fmt: skip
    query = understand(
        "stainless steel screws assortment", None, list(small_catalog.columns.departments)
    ).query
    state = advance(ConversationState(), query, small_catalog)
    written = run_writer(
        AnswerWriter(None, None, ["Philips"]).write(query.text, [screws], state, query)
    )
    assert "Philips" not in written.text and "18 compartments" in written.text, written.text


def test_a_poorly_rated_card_is_shown_but_not_recommended(small_catalog: Catalog) -> None:
    """A drum set rated 1 of 5 was starred for "my daughter wants to learn drums": it stays on
    screen with its rating, and the answer recommends the cards that fit and are not rated
    poorly (all of them when every fitting card is)."""
    base = cards(small_catalog, 3)
    ratings = [1.0, 4.2, 3.6]
    shown = [c.model_copy(update={"product": c.product.model_copy(update={
                 "title": f"Kids Drum Set {i}", "description": "", "rating": r, "rating_count": None})})
             for i, (c, r) in enumerate(zip(base, ratings, strict=True))]  # fmt: skip
    query = understand("a drum set for my daughter", None,
                       list(small_catalog.columns.departments)).query  # fmt: skip
    state = advance(ConversationState(), query, small_catalog)
    written = run_writer(AnswerWriter(None, None, ()).write(query.text, shown, state, query))
    assert written.picks == (2, 3) and written.lead.startswith("[2]")
    low = [
        c.model_copy(update={"product": c.product.model_copy(update={"rating": 1.5})})
        for c in shown
    ]
    written = run_writer(AnswerWriter(None, None, ()).write(query.text, low, state, query))
    assert written.picks == (1, 2, 3)


def test_a_question_about_the_cards_gets_reasons_about_what_it_asks(
    demo_catalog: Catalog,
    onnx_embedder,  # type: ignore[no-untyped-def]
) -> None:
    """After "ukulele for a beginner", "which one is better for small hands?" compares the cards
    on screen, each reason the sentence of its product about what was asked."""
    from assistant.advice import asked_about, compare, compare_lead

    assert asked_about("which one is better for small hands?") == "small hands"
    assert asked_about("compare 1 and 2") == ""
    uke = next(p for p in demo_catalog if p.title.startswith("Ukulele 21 inch Starter Kit"))
    other = next(p for p in demo_catalog if p.title.startswith("Hellopet Ukulele"))
    shown = [Card(mark=i, product=p, price=p.price_label, why="", value="")
             for i, p in enumerate([uke, other], start=1)]  # fmt: skip
    query = understand("which one is better for small hands?", None,
                       list(demo_catalog.columns.departments),
                       [c.product.title for c in shown]).query  # fmt: skip
    state = ConversationState(search="ukulele beginner", kind="ukulele")
    writer = AnswerWriter(None, onnx_embedder, ())
    lead = compare_lead(compare([c.product for c in shown]), shown)
    written = run_writer(writer.write(query.text, shown, state, query, picks=[1, 2], lead=lead))
    assert "compact 21-inch" in written.text, written.text


def test_the_facts_lead_says_back_a_feature_asked_for(small_catalog: Catalog) -> None:
    """With no age, budget or rating to speak of, a feature the shopper asked for that the
    title carries is the lead's fact ("guitar picks, thin ones" had led with a bare "[1] fits
    best.")."""
    titles = ["Guitar Picks Light/Thin 16 Pack", "Guitar Picks Heavy 12 Pack"]
    lead = lead_for(small_catalog, "guitar picks, thin ones", titles, description="", rating=None,
                    price=None)  # fmt: skip
    assert lead == "[1] fits best: thin, as you asked.", lead


def test_a_question_turned_round_asks_about_its_first_half() -> None:
    """ "does it come with a tuner or do i need to buy one seperately" had been answered 'Its
    listing does not mention "tuner seperately"'."""
    from assistant.advice import asked_about

    assert asked_about("does it come with a tuner or do i need to buy one seperately") == "tuner"
    assert asked_about("does it come with a case or not?") == "case"
    assert asked_about("is it wood or plastic?") == "wood plastic"  # two things, both asked


def test_a_list_number_glued_to_a_full_stop_is_no_part_of_a_sentence() -> None:
    """A reason had ended "... the nozzle may be partially clogged.3." (the listing's next item)."""
    from assistant.grounding import sentences

    text = "The nozzle may be partially clogged.3. Check the temperature. Version 2.0 costs 3.5 dollars."
    assert sentences(text) == [
        "The nozzle may be partially clogged.",
        "Check the temperature.",
        "Version 2.0 costs 3.5 dollars.",
    ]


def test_what_the_person_loves_comes_before_the_count() -> None:
    """ "puzzle for a 6yo who's really into space, like 100 pieces" starred a 100-piece Santa
    puzzle over the space puzzle on screen."""
    from decimal import Decimal

    from retrieval.catalog import Price, Product

    titles = ["KWYZ 100 Piece Jigsaw Puzzle for Kids - Santa Playing Outside",
              "Outer Space 3D Puzzles for Kids, Apollo Lunar Module"]  # fmt: skip
    cards = [Card(mark=i, product=Product(id=f"p:{i}", title=t, description=f"{t}.", source="test",
                                          price=Price(amount=Decimal("9.99")), rating=4.4),
                  price="$9.99", why="", value="") for i, t in enumerate(titles, start=1)]  # fmt: skip
    query = understand("puzzle for a 6yo who's really into space, like 100 pieces", None, []).query
    assert "space" in query.interests
    state = advance(ConversationState(), query, Catalog([c.product for c in cards]))
    written = run_writer(AnswerWriter(None, None, ()).write(query.text, cards, state, query))
    assert written.picks[0] == 2, written.text


def test_things_set_against_each_other_are_each_recommended(small_catalog: Catalog) -> None:
    """ "whats the difference between overdrive and distortion pedals?" had starred three
    overdrives beside a distortion pedal it passed over: one of each is recommended first."""
    from assistant.writer import _one_per_side

    titles = ["Boost Overdrive Guitar Distortion Effect Pedal", "Mini Overdrive Pedal",
              "Ultra Drive Distortion Pedal", "Overdrive Effect Pedal"]  # fmt: skip
    shown = [c.model_copy(update={"product": c.product.model_copy(update={"title": t})})
             for c, t in zip(cards(small_catalog, 4), titles, strict=True)]  # fmt: skip
    assert _one_per_side([1, 2, 3, 4], shown, ("overdrive", "distortion pedals")) == [2, 3, 1, 4]
    assert _one_per_side([1, 2, 3, 4], shown, ()) == [1, 2, 3, 4]


def test_a_question_of_difference_names_one_of_each(small_catalog: Catalog) -> None:
    """ "whats the difference between a cajon and bongos" was answered "[1] fits best" (of
    cajons): a question of difference names one card of each thing beside its mark."""
    titles = ["X8 Flamenco Cajon Drum", "Cajon Slap Mallet", "Meinl Headliner Bongos, Natural",
              "Schlagwerk 2-In-1 Dual Cajon"]  # fmt: skip
    shown = [c.model_copy(update={"product": c.product.model_copy(update={"title": t, "rating": 4.5})})
             for c, t in zip(cards(small_catalog, 4), titles, strict=True)]  # fmt: skip
    query = understand("whats the difference between a cajon and bongos", None, []).query
    state = advance(ConversationState(), query, Catalog([c.product for c in shown]))
    written = run_writer(AnswerWriter(None, None, ()).write(query.text, shown, state, query))
    assert written.text.startswith("One of each you asked about: cajon [1] and bongos [3]"), (
        written.text
    )
    assert written.picks[:2] == (1, 3)
    # without a question of difference, the usual lead
    either = understand("cajon or bongos?", None, []).query
    state = advance(ConversationState(), either, Catalog([c.product for c in shown]))
    assert not run_writer(
        AnswerWriter(None, None, ()).write(either.text, shown, state, either)
    ).text.startswith("One of each")


def test_no_buying_checklist_for_cards_that_are_not_what_was_asked(small_catalog: Catalog) -> None:
    """ "running shoes for my wife size 8" showed shoe glue under "check the size or quantity in
    each title against the size 8 you asked for": cards that are not the product get no tips."""
    shown = cards(small_catalog)
    query = understand("a puzzle, 1000 pieces, for ages 8 and up", None, []).query
    state = advance(ConversationState(), query, small_catalog)
    with_tips = run_writer(AnswerWriter(None, None, ()).write(query.text, shown, state, query))
    assert "Check before you buy" in with_tips.text, with_tips.text
    without = run_writer(
        AnswerWriter(None, None, ()).write(query.text, shown, state, query, tips=False)
    )
    assert "Check before you buy" not in without.text


def test_a_grown_up_is_not_asked_to_check_an_age_range_for_adults(small_catalog: Catalog) -> None:
    """ "¿tienen rompecabezas de 500 piezas para adultos?" ended "check the age range: [1] says
    'puzzle for adults'": a range that takes in grown-ups is no check for one; a child's is."""
    base = cards(small_catalog, 2)
    titles = ["Jigsaw Puzzle for Adults 500 Piece", "Kids Puzzle 100 Pieces, Ages 4-8"]
    shown = [c.model_copy(update={"product": c.product.model_copy(update={"title": t, "description": ""})})
             for c, t in zip(base, titles, strict=True)]  # fmt: skip
    query = understand("a 500 piece puzzle for adults", None, []).query
    state = advance(ConversationState(), query, small_catalog)
    from assistant.writer import _tip

    tip = _tip(shown, state, "en") or ""
    assert "[1]" not in tip and "[2] says ages 4-8" in tip, tip


def _guitars(catalog: Catalog) -> list[Card]:
    """Three classical guitars, the dearest first and the cheapest second, all rated 4.5."""
    from retrieval.catalog import Price

    specs = [("Classical Guitar 3/4 Size", "104.99"), ("Kids Classical Guitar 34 inch", "44.00"),
             ("Beginner Classical Guitar Nylon", "69.00")]  # fmt: skip
    return [c.model_copy(update={"product": c.product.model_copy(update={
                "title": t, "rating": 4.5, "price": Price(amount=Decimal(p), currency="USD")})})
            for c, (t, p) in zip(cards(catalog, 3), specs, strict=True)]  # fmt: skip


def test_a_shopper_asking_for_something_cheap_is_led_by_the_cheapest_fit(
    small_catalog: Catalog,
) -> None:
    """ "busco una guitarra clásica ..., algo económico" led with the dearest guitar ($104.99,
    the best rated): of the cards that fit, the cheapest leads when the shopper asked for cheap;
    and when the cheapest was asked for ("cheapest one pls" had kept the star on the card
    recommended before the sort)."""
    from assistant.query import Sort

    shown = _guitars(small_catalog)
    query = understand("a cheap classical guitar", None, []).query
    assert query.prefer_cheap
    state = advance(ConversationState(), query, small_catalog)
    written = run_writer(AnswerWriter(None, None, ()).write(query.text, shown, state, query))
    assert written.picks[0] == 2, written.text
    query = understand("classical guitar", None, []).query
    state = advance(ConversationState(), query, small_catalog)
    state = state.model_copy(update={"sort": Sort.cheapest})
    written = run_writer(AnswerWriter(None, None, ()).write(query.text, shown, state, query))
    assert written.picks[0] == 2, written.text


def test_the_kind_word_alone_is_not_the_compound_asked(small_catalog: Catalog) -> None:
    """ "soldering iron kit for hobby electronics, around 40 bucks" put an Iron Man figure and an
    "Iron Label" guitar first and starred the figure: the kind said with its noun is that compound,
    so titles that only say "iron" are not brought first nor starred."""
    from assistant.candidates import _kind_first
    from retrieval.catalog import Price
    from retrieval.search import Hit, ScoreParts

    parts = ScoreParts(
        lexical=None, lexical_rank=None, semantic=None, semantic_rank=None, fused=1.0
    )
    base = cards(small_catalog, 3)
    titles = ["Elenco Pocket Dice Soldering Kit with Iron and Solder",
              "Funko Hikari: Raw Steel Iron Man Figure", "Ibanez Iron Label Electric Guitar"]  # fmt: skip
    shown = [c.model_copy(update={"product": c.product.model_copy(update={
                 "title": t, "rating": 4.5, "price": Price(amount=Decimal("40"), currency="USD")})})
             for c, t in zip(base, titles, strict=True)]  # fmt: skip
    query = understand("soldering iron kit for hobby electronics", None, []).query
    state = advance(ConversationState(), query, small_catalog)
    assert state.kind == "iron"
    hits = [Hit(product=c.product, rank=i + 1, parts=parts) for i, c in enumerate(shown)]
    assert _kind_first(hits, state)[0].product.title.startswith("Elenco")
    written = run_writer(AnswerWriter(None, None, ()).write(query.text, shown, state, query))
    assert written.picks[0] == 1, written.text


def test_a_listing_whose_items_run_together_is_read_word_by_word() -> None:
    """ "Standard 9V battery offers 14 hours of use;5.Auto-shutoff to increase battery life;6."
    had been read as one word "use5auto-shutoff", and "what batteries does it take" told the
    listing does not mention batteries."""
    from assistant.advice import Card, detail_lead

    product = Product(
        id="t:ir", title="Lasergrip 800 Infrared Thermometer", source="t",
        description="Features1.Laser targeting;4.Standard 9V battery offers 14 hours of cumulative "
        "use;5.Auto-shutoff after 15 seconds;6.Instant-read-display on LCD.",
    )  # fmt: skip
    card = Card(mark=1, product=product, price="price not listed", why="", value="")
    said = detail_lead("what batteries does it take", card)
    assert said is not None and "battery" in said and "does not mention" not in said


def test_the_checker_and_the_quoting_read_a_measure_beside_a_name_alike() -> None:
    """A listing's "Standard 9V battery" is quoted, and the checker reads the same words the same
    way; a two-word name no card carries is still caught by both."""
    from assistant.grounding import check, names_carried

    carrier = "lasergrip 800 infrared thermometer"
    product = Product(id="t:ir", title="Lasergrip 800 Infrared Thermometer", source="t")
    card = Card(mark=1, product=product, price="price not listed", why="", value="")
    quoted = "[1] runs on a standard battery. Standard 9V battery offers 14 hours."
    assert not [v for v in check(quoted, [card]) if v.kind == "name"]
    assert [v for v in check("[1] is made by Acme Widgets for you.", [card]) if v.kind == "name"]
    assert names_carried("Standard 9V battery offers 14 hours.", carrier)
    assert not names_carried("Made by Acme Widgets for you.", carrier)


def test_an_age_in_months_is_said_to_the_half_year() -> None:
    """A listing's "19 months and up" had been said "pensato dai 1.58333 anni in su"."""
    from assistant.leads import years_said

    assert (years_said(19 / 12), years_said(3.0), years_said(2.5), years_said(1.25)) == ("1.5", "3", "2.5", "1.2")
