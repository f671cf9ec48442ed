"""The deterministic half of understanding: cues, intents, state revisions and the checker.
Pure functions over real catalog products; no model (the model half is in test_chat)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from assistant.advice import Card, DepartmentPrices, compare, compare_lead
from assistant.cues import BrandLexicon, read_cues
from assistant.grounding import check, templated_answer
from assistant.kinds import not_product_word, product_kind, says_how
from assistant.messages import clean_message
from assistant.query import Intent, ShoppingQuery, understand
from assistant.state import ConversationState, advance, shown_after
from retrieval import Catalog
from retrieval.vocabulary import Vocabulary

SHOWN = ["Yamaha PSR-E373 61-Key Keyboard", "Casio CT-S1 Keyboard", "Fender Squier Stratocaster"]


@pytest.mark.parametrize(
    ("text", "intent", "refs"),
    [
        ("compare the first two", Intent.compare, (1, 2)),
        ("compare 1 and 3", Intent.compare, (1, 3)),
        ("compare them", Intent.compare, (1, 2, 3)),
        ("the second one", Intent.detail, (2,)),
        ("tell me about the Yamaha", Intent.detail, (1,)),
        ("the last one", Intent.detail, (3,)),
        ("show me more", Intent.more, ()),
        ("cheaper please", Intent.refine, ()),
        ("not Fender", Intent.refine, ()),
        ("in blue", Intent.refine, ()),
        ("a drum kit for a teenager", Intent.new, ()),
        # a question about the cards on screen stays on them, whatever it names ("which one is
        # better for small hands?" had searched the store for hands: a caulk gun)
        ("which one is better for small hands?", Intent.compare, ()),
        ("which of these would you get for a 6 year old?", Intent.compare, ()),
        ("which has the longest battery life?", Intent.compare, ()),
        ("¿cuál es mejor para un niño pequeño?", Intent.compare, ()),
        ("哪个更适合初学者？", Intent.compare, ()),
        # a yes/no question about one card stays on it (it had searched the store for cases)
        ("does the second one come with a case?", Intent.detail, (2,)),
        # so does one about "it" (the card looked at last: `compared`); it had searched the store
        # and said "We don't seem to carry does it come with a tripod"
        ("does it come with a tripod?", Intent.detail, ()),
        ("is it waterproof?", Intent.detail, ()),  # whether it is, not another one that is
        ("is this good for a beginner?", Intent.detail, ()),
        # no question about a card: the same keyboards, cheaper
        ("is it possible to get a cheaper keyboard", Intent.refine, ()),
        # a question of measure about the cards stays on them (it had searched for "pieces")
        ("how many pieces does the second one have?", Intent.detail, (2,)),
        ("what size is it?", Intent.detail, ()),
        ("how many pairs do they come with?", Intent.detail, ()),
        ("how many strings does a ukulele have", Intent.new, ()),
        # other questions about a named card stay on it; "last" of a battery is no card
        ("how long does the battery last on the second one?", Intent.detail, (2,)),
        ("how many stars does the first one have?", Intent.detail, (1,)),
        # a request of its own is not narrowed into the cards on screen, nor a question to one
        ("For my son, I need a baseball glove", Intent.new, ()),
        ("something for a 5 year old who loves dinosaurs", Intent.new, ()),
        ("is this the cheapest you have?", Intent.refine, ()),
        ("is it worth getting a hard case instead?", Intent.new, ()),
        # an ordinal of something else, or a question to the store, is no question about a card
        ("is there a first aid kit for kids", Intent.new, (1,)),
        ("do you have a case for the guitar", Intent.new, ()),
        ("which is easiest to use?", Intent.compare, ()),
        ("which set has more skin tones", Intent.compare, ()),
        ("which strings do I need for a classical guitar", Intent.new, ()),
        # who it is for, said alone, narrows what is on screen ("for a 12 year old" had started a
        # new search and shown binoculars instead of the science kits)
        ("for a 12 year old", Intent.refine, ()),
        ("show me running shoes which are good for flat feet", Intent.new, ()),
        ("it's for my daughter, she's 6", Intent.refine, ()),
        # what the products on screen should be for narrows them (test below)
        ("for a baritone", Intent.refine, ()),
        ("something more for a beginner", Intent.refine, ()),
        # a card named first and then asked about; a measure asked of the cards on screen; the
        # same with a quality, said with "then" (each had searched the store for its words)
        ("the first one, is it matte finish or glossy?", Intent.detail, (1,)),
        ("how many come in a case?", Intent.detail, ()),
        ("something smaller then", Intent.refine, ()),
        ("anything shorter, like under 200 pages", Intent.refine, ()),
        # asked of every card, of a part, or of what it takes (each had searched the store:
        # "come case", "markers low odor door", "staples take")
        ("do any of them come with a case", Intent.detail, ()),
        ("are they good for small hands", Intent.detail, ()),
        ("are the markers low odor", Intent.detail, ()),
        ("what staples does it take", Intent.detail, ()),
        ("any of those on kindle unlimited?", Intent.detail, ()),
        # a card named in the shopper's other languages is asked about (each had searched the
        # store: "second edition" books, toy guns); "la primera vez" is no card
        ("¿el segundo viene en español?", Intent.detail, (2,)),
        ("第一个需要另外买枪头吗", Intent.detail, (1,)),
        ("le deuxième est-il en bois?", Intent.detail, (2,)),
        ("compara el primero y el segundo", Intent.compare, (1, 2)),
        ("比较第一个和第二个", Intent.compare, (1, 2)),
        ("la primera vez que toca el piano", Intent.new, ()),
        # the same thing for someone else, or with something more (each had started a new
        # search: toddler costumes instead of dinosaurs, tweezers for "fine tip", guitar picks
        # for a multi color pack of gel pens)
        ("what about for a 3 year old instead", Intent.refine, ()),
        # a story of how they take to it names nothing new ("getting serious" had been searched)
        (
            "what about for a 14 year old instead, hes actually getting kinda serious about it",
            Intent.refine,
            (),
        ),
        # a card put in the cart is chosen ("ok add it to cart" had searched "add cart")
        ("ok add it to cart", Intent.detail, ()),
        ("add the second one to my cart please", Intent.detail, (2,)),
        # a size from the same maker is the same thing in that size ("brand" had been searched)
        ("ok what about a 3/4 size in that brand", Intent.refine, ()),
        # another one, more so, is the same thing narrowed ("what about a bigger one" had been a
        # search for "bigger", then a question to the first card)
        ("what about a bigger one", Intent.refine, ()),
        # whether a card suits someone is asked of it; another one that is something is sought
        # ("is it too hard for a 9 year old" had searched "hard": a clarinet barrel; "is there
        # one thats left handed" had looked for "left handed" in one listing)
        ("ok and is it too hard for a 9 year old", Intent.detail, ()),
        ("is the first one ok for a toddler?", Intent.detail, (1,)),
        # asked of the cards after a story ("hes 2 and still chews on everything, is that ok for
        # his age" had been a refinement for a 2-year-old; "shes 6 ..., is that too young?" a
        # search for "know yet young")
        ("hes 2 and still chews on everything, is that ok for his age", Intent.detail, ()),
        ("shes 6 and doesnt know how to play yet, is that too young?", Intent.detail, ()),
        # two cards named by their look or price, set against each other (each had been a new
        # search for its words: battery chargers, doll furniture)
        ("battery life on the black one vs the silver one? we do 3 hour sets", Intent.compare, ()),
        ("the wooden one vs the white plastic one, which is taller?", Intent.compare, ()),
        ("the cheaper one vs the clear one w side shields, which is lighter?", Intent.compare, ()),
        # which of two sizes, said with a height (had searched "tell 1/2 3/4" for a 4-year-old)
        ("how do i tell if she needs a 1/2 or 3/4, shes about 4 foot 2", Intent.detail, ()),
        ("is there one thats left handed", Intent.refine, ()),
        ("any in 0.5 fine tip?", Intent.refine, ()),
        ("and a multi color pack?", Intent.refine, ()),
        ("anything with a metal body?", Intent.refine, ()),
        ("¿hay alguno que funcione con pilas?", Intent.refine, ()),
        ("and a metronome?", Intent.new, ()),
        ("y cinta doble cara fuerte?", Intent.new, ()),
        ("y el segundo tiene teclas sensibles?", Intent.detail, (2,)),
        ("有粉色的吗？", Intent.refine, ()),
        ("¿alguno ambientado en la guerra civil española?", Intent.refine, ()),
        # a difference asked as typed, or in German, weighs the two cards (a search for "first
        # third" had answered "None of these is what you asked for")
        ("whats the diffrence between the first and third", Intent.compare, (1, 3)),
        ("was ist der unterschied zwischen dem ersten und dem dritten", Intent.compare, (1, 3)),
        # a question is no choice ("does the cheapest one work with an ender 3" had been
        # answered "Good choice: [1]"); the choice itself still is one (test below)
        ("does the cheapest one work with an ender 3", Intent.detail, ()),
    ],
)
def test_intents_and_references_come_from_the_words(
    text: str, intent: Intent, refs: tuple[int, ...]
) -> None:
    query = understand(text, None, ["Musical Instruments"], SHOWN).query
    assert (query.intent, query.references) == (intent, refs)


def test_exclusions_need_a_name_not_a_common_word() -> None:
    brands = BrandLexicon(["Fender", None], ["fender strat", "fender tele", "fender bass"])
    assert read_cues("not Fender", brands=brands).exclude_brands == ("Fender",)
    assert read_cues("nothing from fender please", brands=brands).exclude_brands == ("fender",)
    assert read_cues("no batteries needed", brands=brands).exclude_brands == ()
    assert read_cues("toys without batteries").exclude_brands == ()  # a feature it should lack
    assert read_cues("something not too loud").exclude_brands == ()
    assert read_cues("not sure what size, a puzzle").exclude_brands == ()
    # a kind of thing the clause ends on is left out: "a board game for two that isnt chess, me
    # and my wife play every night" had shown chess sets
    assert read_cues("a toy, not a book").exclude_brands == ("book",)
    assert read_cues(
        clean_message("board game that isnt chess, we play nightly")
    ).exclude_brands == ("chess",)
    assert read_cues("a Fender strap, not Gibson", brands=brands).brands == ("Fender",)
    # being tired of a brand is not wanting it: "a 7 year old who is bored of lego" showed LEGO
    lego = BrandLexicon(["LEGO"], ["lego city", "lego classic"])
    assert read_cues(
        "something for a 7 year old who is bored of lego", brands=lego
    ).exclude_brands == ("lego",)
    assert read_cues("a puzzle instead of LEGO", brands=lego).exclude_brands == ("LEGO",)
    assert read_cues("she is tired of puzzles", brands=lego).exclude_brands == ("puzzles",)
    # names set against each other are brands however they are typed
    keys = BrandLexicon(["Yamaha", "Casio", "Red"], [])
    assert read_cues("yamaha vs casio keyboard for a beginner", brands=keys).brands == (
        "yamaha",
        "casio",
    )
    assert read_cues("red vs blue strap", brands=keys).brands == ()


def test_department_is_a_hard_filter_only_when_named() -> None:
    assert understand("a toy guitar", None, ["Toys & Games"]).query.department == "Toys & Games"
    assert understand("a guitar", None, ["Toys & Games"]).query.department is None
    assert understand("a mystery ebook", None, ["Kindle Store"]).query.department == "Kindle Store"


def test_constraints_carry_over_and_are_revised(small_catalog: Catalog) -> None:
    priced = [p for p in small_catalog if p.price is not None][:5]
    first = understand("a gift under $80", None, []).query
    state = shown_after(advance(ConversationState(), first, small_catalog), [p.id for p in priced])
    assert state.max_price == 80
    cheaper = advance(
        state, understand("cheaper", None, [], [p.title for p in priced]).query, small_catalog
    )
    assert cheaper.max_price == priced[0].price.amount - Decimal("0.01")  # type: ignore[union-attr]
    assert cheaper.need == "a gift"
    brand = advance(cheaper, understand("not Acme", None, [], ["x"]).query, small_catalog)
    assert brand.exclude_brands == ("Acme",) and brand.max_price == cheaper.max_price
    fresh = advance(
        brand, understand("a drum kit for a teenager", None, [], ["x"]).query, small_catalog
    )
    assert fresh.exclude_brands == () and fresh.max_price is None


def test_cheaper_drops_a_floor_read_off_around_but_keeps_one_said(small_catalog: Catalog) -> None:
    """ "around $100" is read as $80-$120, a floor the shopper never said: "cheaper" than a $100
    card had still looked above $80 only. A floor said as one stays."""
    card = next(p for p in small_catalog if p.price is not None and 90 < p.price.amount < 120)
    for said, floor in (
        ("a ukulele around $100", None),
        ("a ukulele, at least $50 under $150", 50),
    ):
        first = understand(said, None, []).query
        state = shown_after(advance(ConversationState(), first, small_catalog), [card.id])
        assert state.min_price is not None, said
        cheaper = advance(state, understand("cheaper", None, [], [card.title]).query, small_catalog)
        assert cheaper.max_price == card.price.amount - Decimal("0.01"), said  # type: ignore[union-attr]
        assert cheaper.min_price == floor, (said, cheaper.min_price)


def cards(catalog: Catalog, n: int = 3) -> list[Card]:
    prices = DepartmentPrices(catalog)
    rated = [p for p in catalog if p.price is not None and p.rating is not None][:n]
    return [
        Card(mark=i + 1, product=p, price=p.price_label, why="-", value=prices.note(p))
        for i, p in enumerate(rated)
    ]


def test_checker_accepts_catalog_facts_and_flags_the_rest(small_catalog: Catalog) -> None:
    shown = cards(small_catalog)
    p = shown[0].product
    good = f"[1] costs {p.price_label} and is rated {p.rating}/5; [2] is the alternative."
    assert check(good, shown) == []
    assert check("Only $0.01 today!", shown)[0].kind == "price"
    assert check("[1] is great, and [7] too", shown)[0].kind == "mark"
    assert check(f"rated {min(5.0, (p.rating or 0) + 0.5):.1f} stars", shown)[0].kind == "rating"
    assert check('try "Imaginary Deluxe 3000"', shown)[0].kind == "name"
    assert check("under $25 as you asked", shown, [Decimal(25)]) == []
    assert check("I'd pick a Zildjian", shown, (), ["Zildjian"])[0].kind == "name"
    assert check(templated_answer(shown, "a gift"), shown) == []


def test_comparison_is_built_from_catalog_fields(small_catalog: Catalog) -> None:
    shown = [c.product for c in cards(small_catalog, 3)]
    table = compare(shown)
    assert table.product_ids == tuple(p.id for p in shown)
    price_row = next(r for r in table.rows if r.field == "price")
    assert price_row.values == tuple(p.price_label for p in shown)
    cheapest = min(shown, key=lambda p: p.price.amount)  # type: ignore[union-attr]
    assert table.cheapest == cheapest.id


def test_the_comparison_lead_is_a_sentence(small_catalog: Catalog) -> None:
    """ "[1] the best rated (4.6/5) of these." was read beside a product with no price: the best
    rated alone has its verb."""
    from decimal import Decimal

    from assistant.advice import compare_lead
    from retrieval.catalog import Price

    base = cards(small_catalog, 2)
    rated = [base[0].model_copy(update={"product": base[0].product.model_copy(update={"rating": 4.6})}),
             base[1].model_copy(update={"product": base[1].product.model_copy(update={"rating": 3.9, "price": None})})]  # fmt: skip
    lead = compare_lead(compare([c.product for c in rated]), rated)
    assert (
        lead.startswith("[1] is the best rated (4.6/5) of these.") and "[2] lists no price" in lead
    )
    priced = [c.model_copy(update={"product": c.product.model_copy(update={"price": Price(amount=Decimal(p))})})
              for c, p in zip(rated, ("30", "20"), strict=True)]  # fmt: skip
    assert compare_lead(compare([c.product for c in priced]), priced).startswith(
        "[2] is the cheapest ($20.00) and [1] the best rated (4.6/5)"
    )
    # in the shopper's language (a Spanish shopper had been told "[2] is both the cheapest")
    assert compare_lead(compare([c.product for c in priced]), priced, "es").startswith(
        "[2] es el más barato ($20.00) y [1] el mejor valorado (4.6/5"
    )


def test_only_an_unknown_product_word_makes_the_store_not_carry_it(demo_catalog: Catalog) -> None:
    """ "a cookbook for quick weeknight dinners" was told "We don't seem to carry a cookbook"
    because the catalog never says "weeknight": a describing word the catalog lacks is not the
    product; the kind itself unknown ("a theremin") is."""
    from retrieval.vocabulary import Vocabulary

    vocabulary = Vocabulary(demo_catalog)
    departments = list(demo_catalog.columns.departments)

    def read(text: str):  # type: ignore[no-untyped-def]
        return understand(text, None, departments, vocabulary=vocabulary).query

    cookbook = read("a cookbook for quick weeknight dinners")
    assert not cookbook.unknown_product
    # a common English word the catalog lacks says where or when, not what ("at restaurants"),
    # and a slip of a filler word is filler ("somthing" was corrected to the catalog's "sorting")
    busy = read("somthing to keep a 3 yr old busy at resturants")
    assert not busy.unknown_product and busy.kind is None, busy
    assert ("somthing", "something") in busy.corrected and "sorting" not in busy.search
    assert read("a theremin").unknown_product
    assert not read("a zither for my wife").unknown_product
    # a word the catalog lacks in the words naming the product: thermal rolls are not a ream
    assert read("a ream of printer paper for the office").unknown_product
    # a comparative names no product, nor a model with its number ("cheaper sticks" had been
    # "We don't seem to carry cheaper sticks"; an "ender 3" nozzle may be any printer's)
    sticks = read("do you have cheaper sticks?")
    assert not sticks.unknown_product and sticks.prefer_cheap and "cheaper" not in sticks.search
    assert not read("ender 3 nozzle").unknown_product
    # a name's "star" stays once spelled (filler otherwise: "star wars" had searched "wars")
    assert read("my son loves star wars, something for his bday").search.startswith("star wars")
    # a comparative that names what it compares with is left as said
    assert not read("something cheaper than a fender").prefer_cheap


def test_a_model_the_product_is_for_is_said_back() -> None:
    """ "a case for iphone 15" is what the store lacks, not "a case"; whom or how many it is for
    is not said back ("for ages 8", "for my son 10", "for 2 players")."""
    from assistant.advice import not_carried
    from assistant.cues import asked_phrase

    assert asked_phrase("do you have a case for iphone 15") == "a case for iphone 15"
    # ("actually show me chemistry sets" had said "We don't seem to carry actually show me ...")
    assert asked_phrase("actually show me chemistry sets") == "chemistry sets"
    assert asked_phrase("ok wait, do you have any drum rugs") == "drum rugs"
    assert asked_phrase("nozzle for my ender 3") == "nozzle for ender 3"
    assert asked_phrase("toner for my laserjet m404n printer") == "toner for laserjet m404n"
    # a dimension is no model: the assistant bench's "PLA filament for a 3D printer" had been
    # "pla filament for 3d", and its follow-up "not HATCHBOX" told nothing else fits
    assert asked_phrase("PLA filament for a 3D printer") == "PLA filament"
    for text, said in (("a puzzle for ages 8", "a puzzle"), ("a gift for my son 10", "a gift"),
                       ("cards for 2 players", "cards"), ("crayons for under 10", "crayons")):  # fmt: skip
        assert asked_phrase(text) == said, text
    notice = not_carried("a case for iphone 15", None, close=False)
    assert notice is not None and "a case for iphone 15" in notice
    assert "1000" not in (not_carried("1000 piece puzzle", None, close=False) or "")


def test_the_notice_says_the_product_not_how_it_should_rank_or_its_size() -> None:
    from assistant.cues import asked_phrase

    assert asked_phrase("best rated chemistry set") == "chemistry set"
    assert asked_phrase("lab coat size medium") == "lab coat"
    assert asked_phrase("do you sell washing machines?") == "washing machines"
    # the words that name it, up to its kind ("a queen" had been said back), and none when the
    # words name no product ("We don't seem to carry kids keep fighting over")
    assert (
        asked_phrase("do you have a queen size mattress, my back hurts") == "a queen size mattress"
    )
    assert asked_phrase("kids keep fighting over who gets the ipad on car rides") == ""
    assert asked_phrase("a gift for my son 10") == "a gift"


def test_features_are_the_products_not_what_it_is_for() -> None:
    """ "headphones for practicing electric drums" asks for no electric headphones."""
    read = understand(
        "headphones for practicing electric drums", None, ["Musical Instruments"]
    ).query
    assert read.attributes == ()
    assert understand(
        "wireless headphones for piano", None, ["Musical Instruments"]
    ).query.attributes == ("wireless",)
    assert understand(
        "guitar picks, thin ones", None, ["Musical Instruments"]
    ).query.attributes == ("thin",)


def test_a_feature_said_in_a_clause_about_the_product_is_kept() -> None:
    query = understand("headphones that are wireless", None, ["Musical Instruments"]).query
    assert query.attributes == ("wireless",)


def test_a_question_about_the_cards_is_answered_from_their_listings(small_catalog: Catalog) -> None:
    """ "which one is easier for a beginner?" was answered "[2] is the cheapest and the best
    rated": the lead now says which listings speak to what was asked, quoting them, and says so
    when none does."""
    from assistant.advice import asked_lead, compare_lead

    base = cards(small_catalog, 3)
    titles = ["Telescope for Kids Astronomy Beginners, 70mm Refractor", "Brass Telescope with Box",
              "Pirate Spyglass"]  # fmt: skip
    shown = [c.model_copy(update={"product": c.product.model_copy(update={"title": t, "description": ""})})
             for c, t in zip(base, titles, strict=True)]  # fmt: skip
    table = compare([c.product for c in shown])
    beginner = asked_lead("which one is easier for a beginner?", table, shown)
    assert beginner.startswith(
        'Only [1]\'s listing speaks to that: "Telescope for Kids Astronomy Beginners".'
    ), beginner
    assert beginner.endswith(compare_lead(table, shown))
    assert asked_lead("which is best for a kid?", table, shown).startswith("Only [1]'s")  # "Kids"
    safest = asked_lead("which of these is the safest?", table, shown)
    assert safest.startswith("No listing here says it in those words"), safest
    # still a pick, said as what it rests on (the ratings), where two or more are rated
    assert sum(c.product.rating is not None for c in shown) >= 2 and table.best_rated
    pick = next(c.mark for c in shown if c.product.id == table.best_rated)
    assert f"going by the ratings I'd pick [{pick}]" in safest, safest
    # the stars follow the lead: its pick alone, or the listings that say it
    from assistant.advice import asked_answer

    assert asked_answer("which of these is the safest?", table, shown)[1] == (pick,)
    assert asked_answer("which one is easier for a beginner?", table, shown)[1] == (1,)
    # no pick where none of the cards was what the shopper asked for (a rubber stamp had been
    # picked "going by the ratings" for a question about fountain pens the store lacks)
    lead, marks = asked_answer("which of these is the safest?", table, shown, pickable=())
    assert "pick" not in lead and marks == (), lead
    # ... and only one recommended before (not a better-rated card the answer passed over)
    others = [c for c in shown if c.product.id != table.best_rated]
    chosen = max(others, key=lambda c: (c.product.rating or 0, c.product.rating_count or 0))
    _, marks = asked_answer("which of these is the safest?", table, shown,
                            pickable=[c.product.id for c in others])  # fmt: skip
    assert marks == (chosen.mark,), marks
    assert check(safest, shown) == []
    assert asked_lead("compare 1 and 2", table, shown) == compare_lead(table, shown)
    # a listing's own sentence may be quoted: the checker finds it on the card
    wet = shown[1].model_copy(update={"product": shown[1].product.model_copy(
        update={"description": "Sealed with rubber rings. Waterproof to 10 meters, it goes snorkeling."})})  # fmt: skip
    pair = [shown[0], wet]
    lead = asked_lead("which one is waterproof?", compare([c.product for c in pair]), pair)
    assert lead.startswith("Only [2]'s listing speaks to that: \"Waterproof to 10 meters"), lead
    assert check(lead, pair) == []
    assert asked_lead("compare the first two", table, shown) == compare_lead(table, shown)
    # a yes/no question about one card: what its listing says, or that it does not say it
    from assistant.advice import detail_lead

    assert detail_lead("is the first one good for kids?", shown[0]) == (
        'Its listing says: "Telescope for Kids Astronomy Beginners".'
    )
    assert detail_lead("does it come with a case?", shown[2]) == (
        'Its listing does not mention "case", so we cannot promise it.'
    )
    assert detail_lead("tell me about the second one", shown[1]) is None
    # a book's series is said by its title ("is the first one part of a series?" had been 'does
    # not mention "part of a series"'), in the shopper's language; a part number is no series
    book = shown[0].model_copy(update={"product": shown[0].product.model_copy(
        update={"title": "Boardwalk Betrayal: A Cozy Mystery (The Maggie and Pepper Mysteries Book 1)"})})  # fmt: skip
    assert detail_lead("is the first one part of a series?", book) == (
        'Its listing says: "The Maggie and Pepper Mysteries Book 1".'
    )
    assert "Maggie" in str(detail_lead("¿es parte de una saga?", book, "es", read="saga"))
    # how much it holds, quoted where the listing gives a weight ('does not mention "much weight"')
    tape = book.model_copy(update={"product": book.product.model_copy(update={
        "title": "Mounting Tape", "description": "Strong foam tape. Holds up to 15 lbs on tile."})})  # fmt: skip
    assert "15 lbs" in str(detail_lead("how much weight can the second one hold", tape))
    # the word beside "or" is asked even where the title says it (the answer is that it does)
    uke = book.model_copy(update={"product": book.product.model_copy(update={
        "title": "Painted Hawaiian Soprano Ukulele Starter Pack, Pink", "description": ""})})  # fmt: skip
    assert "Soprano" in str(detail_lead("is the pink one a soprano or concert?", uke))
    part = book.model_copy(update={"product": book.product.model_copy(update={"title": "Drill Bit (Part No. 12)"})})  # fmt: skip
    assert "Part No" not in str(detail_lead("is it part of a series?", part))
    # what it asks about, not how ("compatible chromebook" had been named; "does it fit letter
    # size paper?" had quoted a "one size fits all"), and a gig bag is a case
    assert detail_lead("is that compatible with a chromebook", shown[2]) == (
        'Its listing does not mention "chromebook", so we cannot promise it.'
    )
    sized = shown[2].model_copy(update={"product": shown[2].product.model_copy(
        update={"description": "One size fits all. Comes with a padded gig bag."})})  # fmt: skip
    assert 'not mention "letter size paper"' in str(
        detail_lead("does it fit letter size paper", sized)
    )
    assert "gig bag" in str(detail_lead("does it come with a case?", sized))
    # whether it suits an age is answered by the ages the listing states ("is it too hard for a 9
    # year old" had looked for "hard" in a LEGO set's listing)
    aged = shown[2].model_copy(update={"product": shown[2].product.model_copy(
        update={"title": "Space Shuttle Building Kit, for Ages 8-12"})})  # fmt: skip
    assert detail_lead("is it too hard for a 9 year old", aged, age=(9, 9)) == (
        'Its listing says "Ages 8-12", which takes in 9.'
    )
    # and whether the age asked is under or over it ("hes 2 ..., is that ok for his age" had
    # quoted "Ages 4" and left the sum to the shopper); "3+" is never too young for anyone older
    assert detail_lead("is that ok for his age", aged, age=(2, 2)) == (
        'Its listing says "Ages 8-12": made for children older than 2.'
    )
    assert detail_lead("is that ok for her age", aged, age=(15, 15)) == (
        'Its listing says "Ages 8-12": made for children younger than 15.'
    )
    plus = aged.model_copy(update={"product": aged.product.model_copy(update={"title": "Kit, 3+"})})
    assert "takes in 15" in str(detail_lead("is that ok for her age", plus, age=(15, 15)))
    assert detail_lead("is it too hard for a 9 year old", sized, age=(9, 9)) == (
        "Its listing gives no age range, so we cannot say."
    )


def test_a_question_about_the_cards_weighs_the_recommended_ones() -> None:
    from assistant.state import compared

    state = ConversationState(shown=("a", "b", "c", "d"), picked=("b", "d"))
    assert compared(state, state.shown, ()) == (2, 4)
    assert compared(state, state.shown, (1, 3)) == (1, 3)  # the ones named
    one = state.model_copy(update={"picked": ("d",)})
    assert compared(one, one.shown, ()) == (1, 2, 3)  # one pick: nothing to weigh it against
    # "does it come with a tripod?" after "tell me about the second one": that card
    looked = state.model_copy(update={"focus": ("c",)})
    assert compared(looked, looked.shown, (), it=True) == (3,)
    assert compared(looked, looked.shown, ()) == (2, 4)  # "which one ..." still weighs the picks
    assert compared(state, state.shown, (), it=True) == (2,)  # no close look yet: the first pick
    # "which one is the cheapest?": every card on screen (a cheaper one not recommended counts)
    assert compared(state, state.shown, (), whole=True) == (1, 2, 3, 4)
    # none recommended ("we don't carry staplers"), then "what staples does it take?": no card is
    # "it", every listing is read (the first card had been answered for)
    none = state.model_copy(update={"picked": ()})
    assert compared(none, none.shown, (), it=True) == (1, 2, 3, 4)


def test_a_close_look_at_one_card_gives_its_facts_under_its_own_number(
    small_catalog: Catalog,
) -> None:
    """ "tell me about the second one" had answered "[1] fits best for a 9-year-old: rated 5 of 5"
    under a renumbered card: the lead now says the card's facts under the mark it was shown with,
    a low rating included (there is nothing to pick it over)."""
    from assistant.leads import about_lead

    product = cards(small_catalog, 1)[0].product.model_copy(
        update={"title": "Telescope for Kids, ages 8-12", "description": "", "rating": 2.7}
    )
    card = Card(mark=2, product=product, price=product.price_label, why="", value="")
    lead = about_lead(card, ConversationState(), "en")
    assert lead.startswith("About [2]: for ages 8-12, ") and lead.endswith("rated 2.7 of 5."), lead
    assert product.price_label in lead
    es = about_lead(card, ConversationState(), "es")
    assert es.startswith("Sobre [2]: para edades de 8 a 12 años"), es


def test_what_the_cards_should_be_for_narrows_the_search_in_force(small_catalog: Catalog) -> None:
    """ "for a baritone" after "ukulele strings" had searched for baritones (saxophone reeds, a
    horn); "something more for a beginner" after woodworking showed penny-whistle books."""
    strings = understand("ukulele strings", None, [], []).query
    state = advance(ConversationState(), strings, small_catalog)
    narrowed = understand("for a baritone", None, [], ["Aquila Tenor Ukulele Strings"]).query
    assert narrowed.narrows == "baritone"
    after = advance(state, narrowed, small_catalog)
    assert after.search_text() == "baritone ukulele strings" and after.kind == state.kind
    # who it is for narrows by age, adding no words; a new product is a new search
    assert understand("for a 12 year old", None, [], ["x"]).query.narrows == ""
    assert understand("a case for it", None, [], ["x"]).query.intent is Intent.new


def test_another_size_of_the_same_replaces_the_size_asked_before(small_catalog: Catalog) -> None:
    """ "what about 88 keys?" after "keyboard for a beginner, 61 keys" showed 61-key keyboards
    under "the 61 keys you asked for"; "do you have them in large too?" after nitrile gloves in
    size M searched for "large" (drummer's gloves, a T-shirt). The same request, in the new size."""
    keys = understand("keyboard for a beginner, 61 keys", None, [], []).query
    state = advance(ConversationState(), keys, small_catalog)
    swap = understand("what about 88 keys?", None, [], ["Casio 61-Key Keyboard"]).query
    assert (swap.intent, swap.sizes) == (Intent.refine, ("88 keys",))
    after = advance(state, swap, small_catalog)
    assert (
        after.sizes == ("88 keys",)
        and "88 keys" in after.search_text()
        and "61" not in after.search_text()
    )
    gloves = advance(ConversationState(), understand("nitrile gloves size M, box of 100", None, [], []).query,
                     small_catalog)  # fmt: skip
    large = understand("do you have them in large too?", None, [], ["Nitrile Gloves, Medium"]).query
    assert (large.intent, large.sizes) == (Intent.refine, ("size large",))
    assert set(advance(gloves, large, small_catalog).sizes) == {"box of 100", "size large"}
    # a new product in another size is a new request
    assert understand("what about a violin, 3/4 size?", None, [], ["x"]).query.intent is Intent.new


def test_a_clause_with_a_pronoun_ends_the_kind_and_an_unwanted_quality_is_not_searched() -> None:
    """ "a board game we can play as a family of five, nothing too long" was read as kind "five"
    and told "We don't seem to carry that"; "not too gory" searched for gory books."""
    game = understand(
        "I want a board game we can play as a family of five, nothing too long", None, [], []
    ).query
    assert game.kind == "game" and "long" not in game.search.split()
    assert (
        "gory"
        not in understand("a thriller novel for my kindle, not too gory", None, [], []).query.search
    )
    assert understand("a toy he will love", None, [], []).query.kind == "toy"


def test_a_question_of_measure_is_answered_from_each_listing(small_catalog: Catalog) -> None:
    """ "how many do I get with the second one?" had been answered with its price; the count or
    size is quoted from the listing, or said missing."""
    from assistant.advice import asked_lead, detail_lead

    base = cards(small_catalog, 3)
    titles = [
        "Transfer Pipettes, 3ml, (Pack of 500)",
        "Classic 7A Drum Sticks (4 Pair Maple)",
        "Capo",
    ]
    shown = [c.model_copy(update={"product": c.product.model_copy(update={"title": t, "description": ""})})
             for c, t in zip(base, titles, strict=True)]  # fmt: skip
    assert detail_lead("how many do I get with the first one?", shown[0]) == (
        'Its listing says: "(Pack of 500)".'
    )
    assert detail_lead("how many come with it?", shown[2]) == "Its listing does not say how many."
    lead = asked_lead("how many do they come with?", compare([c.product for c in shown]), shown)
    assert lead.startswith('The listings say: [1] "(Pack of 500)"; [2] "'), lead
    assert "[3] does not say how many." in lead
    # "is it a good size for a 6 year old?" had said 'Its listing does not mention "size"' over a
    # listing that says 21 inch: a yes/no about size is answered with the size the listing states
    uke = shown[0].model_copy(update={"product": shown[0].product.model_copy(
        update={"title": "Ukulele 21 inch Starter Kit for Beginners"})})  # fmt: skip
    assert detail_lead("is it a good size for a 6 year old?", uke) == (
        'Its listing says: "Ukulele 21 inch Starter Kit for Beginners".'
    )
    assert (
        detail_lead("is it big enough for an adult?", shown[2])
        == "Its listing does not say a size."
    )
    assert detail_lead("is that one full size?", uke).startswith(
        'Its listing says: "Ukulele 21 inch'
    )


@pytest.mark.parametrize(
    ("text", "kind", "search"),
    [
        # a story clause names no product ("... but we live in an apartment" had made the kind
        # "live" and the answer "We don't seem to carry start drums live apartment kids")
        ("my 12 year old wants to start drums but we live in an apartment", "drums", None),
        ("she wants to learn to play piano", "piano", None),
        # someone's first one is a beginner's ("what's a good first guitar" was "not carried")
        ("what's a good first guitar for an adult with small hands?", "guitar", "beginner guitar"),
        ("a first aid kit", None, "first aid kit"),
    ],
)
def test_what_is_asked_for_is_read_past_the_story(
    text: str, kind: str | None, search: str | None
) -> None:
    query = understand(text, None, [], []).query
    if kind is not None:
        assert query.kind == kind
    if search is not None:
        assert query.search.startswith(search), query.search


def test_a_request_for_the_same_with_another_quality_stays_on_the_need() -> None:
    """ "something shorter" after a book request had said "We don't seem to carry something
    shorter"; "a tuner" is still a new request."""
    shown = ["The War of the Grail (Book 3)"]
    assert understand("something shorter", None, [], shown).query.narrows == "shorter"
    assert understand("a lighter one", None, [], shown).query.intent is Intent.refine
    assert understand("a tuner", None, [], shown).query.intent is Intent.new


def test_a_reading_is_what_its_shelf_or_title_says(small_catalog: Catalog) -> None:
    """ "a book like the hunger games" recommended a Funko figure of Katniss first."""
    from assistant.fits import of_kind

    product = cards(small_catalog, 1)[0].product
    figure = product.model_copy(
        update={
            "title": "Funko POP Movies: The Hunger Games - Katniss",
            "category": ["Toys & Games"],
        }
    )
    novel = product.model_copy(
        update={"title": "The Selkie Catchers", "category": ["Kindle Store"]}
    )
    saga = product.model_copy(
        update={
            "title": "The Dogs of Liberty (The Colter Saga Book 3)",
            "category": ["Toys & Games"],
        }
    )
    state = ConversationState(kind="book", search="book hunger games")
    assert of_kind([figure, novel, saga], state) == [False, True, True]


def test_the_cheapest_asked_for_is_the_cheapest_of_what_was_asked(small_catalog: Catalog) -> None:
    """ "I need 500 nitrile gloves, large, cheapest you have" starred a $17 pair of drummer's
    gloves: the cheapest sort orders what is the asked thing (compound and size) first."""
    from assistant.candidates import _match_tiers

    product = cards(small_catalog, 1)[0].product
    titles = ["Ahead Drummer Gloves Large Pair", "Medical Nitrile Gloves, Powder Free, Large",
              "Nitrile Gloves, Small", "Funnel, glass"]  # fmt: skip
    products = [product.model_copy(update={"title": t}) for t in titles]
    state = understand("I need 500 nitrile gloves, large, cheapest you have", None, [], []).query
    assert _match_tiers(products, advance(ConversationState(), state, small_catalog)) == [
        1,
        0,
        1,
        2,
    ]


def test_the_cheapest_keeps_what_is_not_the_kind_in_search_order(small_catalog: Catalog) -> None:
    """ "¿cuánto cuesta la opción más barata?" after drums put a $0.25 trading card third: after
    the cheapest of the kind come the rest in the search's order, not by price; when none is the
    kind ("we don't carry staplers"), the few shown are re-sorted, not twenty strangers."""
    from assistant.candidates import _reorder
    from assistant.query import Sort
    from retrieval.catalog import Price
    from retrieval.search import Hit, ScoreParts

    parts = ScoreParts(
        lexical=None, lexical_rank=None, semantic=None, semantic_rank=None, fused=1.0
    )

    product = cards(small_catalog, 1)[0].product
    specs = [("Snare Drum 14 inch", "30"), ("Drum Throne", "5"), ("Trading Card Battery Pack", "0.25"),
             ("Junior Drum Kit", "42"), ("Drumsticks", "3")]  # fmt: skip
    hits = [Hit(product=product.model_copy(update={"id": f"d{i}", "title": t,
                "price": Price(amount=Decimal(p))}), rank=i + 1, parts=parts)
            for i, (t, p) in enumerate(specs)]  # fmt: skip
    state = advance(ConversationState(), understand("drum", None, []).query, small_catalog)
    state = state.model_copy(update={"sort": Sort.cheapest})
    ordered, _ = _reorder(hits, state, None, None, None, None)  # type: ignore[arg-type]
    assert [h.product.title for h in ordered] == [
        "Snare Drum 14 inch", "Junior Drum Kit", "Drum Throne", "Trading Card Battery Pack",
        "Drumsticks"]  # fmt: skip
    # none is a stapler: the five shown are re-sorted, a cheaper stranger sixth stays sixth
    stranger = hits[0].model_copy(update={"rank": 6, "product": product.model_copy(
        update={"id": "d5", "title": "Guitar Pick", "price": Price(amount=Decimal("0.10"))})})  # fmt: skip
    stapler = state.model_copy(update={"kind": "stapler", "search": "stapler"})
    ordered, _ = _reorder([*hits, stranger], stapler, None, None, None, None)  # type: ignore[arg-type]
    assert ordered[0].product.title == "Trading Card Battery Pack"
    assert ordered[-1].product.title == "Guitar Pick"


def test_cheaper_in_other_languages_and_chinese_measures() -> None:
    """ "便宜一点的" after electronic keyboards had searched the store (a brass care kit and
    worse); "500毫升" was "500 ... milliliter" and the beakers "not carried"."""
    shown = ["First Act FD149 Discovery Electronic Keyboard"]
    for text in ("便宜一点的", "algo más barato", "moins cher"):
        query = understand(text, None, [], shown).query
        assert (query.intent, query.cheaper) == (Intent.refine, True), text
    from assistant.glossary import chinese_to_english

    assert chinese_to_english("实验室用的烧杯，500毫升").startswith("500ml ")


def test_safety_glasses_are_not_glass() -> None:
    """ "need safety glasses for the chem lab, cheap" starred glass test tubes and a funnel: a kind
    said only in the plural is shown by the words titles name it by, not by its singular."""
    import Stemmer

    from assistant.fits import shows_kind

    stem = Stemmer.Stemmer("english").stemWord
    assert not shows_kind(
        "SEOH GLASS FUNNEL Neutral glass 100 mm stem", "glasses", stem, "safety glasses"
    )
    assert shows_kind(
        "3M Virtua CCS Protective Eyewear, Anti Fog Lens", "glasses", stem, "safety glasses"
    )
    assert shows_kind("Glass Test Tubes, Pack of 10", "tubes", stem, "glass test tubes")


def test_the_cheapest_question_in_other_languages() -> None:
    """ "¿cuál es el más barato?" was answered among the recommended cards while a cheaper one
    was on screen: it asks for the cheapest, as "which one is the cheapest?" does."""
    shown = ["Ukulele 21 inch Starter Kit", "Geek-House Soprano Ukulele", "LoveinDIY Kid Ukulele"]
    for text in ("which one is the cheapest?", "¿cuál es el más barato?", "哪个最便宜？"):
        query = understand(text, None, [], shown).query
        assert (query.intent, query.sort.value) == (Intent.compare, "cheapest"), text


def test_another_age_for_the_same_swaps_the_age_word(small_catalog: Catalog) -> None:
    """ "what about for a 3 year old instead" after dinosaurs for a 5-year-old had searched
    "instead toddler" (costumes, a toy kitchen): the same dinosaurs, searched with the new age's
    word; "any in 0.5 fine tip?" narrows the gel pens by its words."""
    dinos = understand(
        "something hands-on for my 5 year old who loves dinosaurs", None, [], []
    ).query
    state = advance(ConversationState(), dinos, small_catalog)
    assert "kids" in state.search_text()
    younger = understand("what about for a 3 year old instead", None, [], ["Dinosaur Kit"]).query
    after = advance(state, younger, small_catalog)
    assert after.age == (3.0, 3.0) and "dinosaurs" in after.search_text()
    assert "toddler" in after.search_text() and "kids" not in after.search_text()
    pens = advance(ConversationState(), understand("gel pens that dont smear", None, [], []).query,
                   small_catalog)  # fmt: skip
    fine = understand("any in 0.5 fine tip?", None, [], ["Gel Pens, 12 Pack"]).query
    assert "fine" in fine.narrows.split() and advance(pens, fine, small_catalog).kind == "pens"


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        (
            "whats the best wah pedal for under 100 bucks? dunlop crybaby or vox?",
            ("dunlop crybaby", "vox"),
        ),
        ("audio interface for home, focusrite or presonus? under 200", ("focusrite", "presonus")),
        ("light strings. elixir vs d'addario, worth the extra $$?", ("elixir", "d'addario")),
        ("magnetic tiles or wooden blocks for a 2 year old?", ("magnetic tiles", "wooden blocks")),
        ("¿yamaha o casio?", ("yamaha", "casio")),
        # no two things: "something else", whom it is for, a count
        ("usb condenser mic, blue yeti or something else?", ()),
        ("is it for kids or adults?", ()),
        ("a guitar for my son or daughter", ()),
        ("one or two packs", ()),
    ],
)
def test_things_set_against_each_other(text: str, sides: tuple[str, ...]) -> None:
    from assistant.cues import alternatives

    assert alternatives(text) == sides


def test_contractions_typed_without_apostrophes_are_read_as_contractions() -> None:
    """ "hes obsessed with space" was told "We don't seem to carry hes space kids"."""
    assert clean_message("hes obsessed, it isnt chess, dont care") == (
        "he's obsessed, it isn't chess, don't care"
    )
    # words that are words without one stay as typed
    assert clean_message("its case, were they well") == "its case, were they well"
    assert understand("my nephew is 9 and hes obsessed with space", None, []).query.search == (
        "space kids"
    )


def test_who_it_is_for_is_no_product_word() -> None:
    """ "stocking stuffers for twin 5 year old boys" searched "twin"; "a retired chemistry
    teacher" searched "retired" (and was told "We don't seem to carry gift")."""
    twins = understand("stocking stuffers for twin 5 year old boys", None, []).query
    assert "twin" not in twins.search and twins.age == (5, 5)
    teacher = understand("gift for a retired chemistry teacher, max $50", None, []).query
    assert teacher.search == "chemistry" and teacher.recipient == "teacher"
    assert "twin" in understand("twin bed sheets", None, []).query.search


def test_a_bare_number_said_of_the_child_is_an_age() -> None:
    after = understand("what about for a younger kid, like 5", None, [], SHOWN).query
    assert after.age == (5, 5) and after.intent is Intent.refine
    assert understand("a gift for a kid, about 20 dollars", None, []).query.age != (20, 20)


def test_the_difference_between_two_things_names_both_and_a_follow_up_picks_one() -> None:
    """ "whats the difference between soprano and concert ukulele" showed only soprano ukuleles,
    and "ok show me concert ones" kept them first."""
    asked = understand(
        "whats the difference between soprano and concert ukulele, which for a 7yo?", None, []
    ).query
    assert asked.alternatives == ("soprano", "concert ukulele") and asked.kind == "ukulele"
    state = advance(ConversationState(), asked, Catalog([]))
    follow = understand("ok show me concert ones under 60 bucks", None, [], SHOWN).query
    after = advance(state, follow, Catalog([]))
    assert "soprano" not in after.search.split() and "concert" in after.search.split()
    assert after.alternatives == () and after.max_price == 60


def test_a_question_of_what_it_takes_is_read_as_a_starting_kit() -> None:
    query = understand("i want to learn saxophone, what do i need besides the sax itself", None, [])
    assert (query.query.starter, query.query.starter_owned) == ("saxophone", True)
    assert understand("a saxophone under $500", None, []).query.starter is None


@pytest.mark.parametrize(
    "text",
    ["something quicker to learn?", "anything easier for little kids?", "a smaller one please"],
)
def test_a_comparative_with_what_it_is_for_revises_the_request(text: str) -> None:
    """ "something quicker to learn?" after card games was a new search: "We don't seem to carry
    something quicker" beside a servo saver and a carpet cleaner."""
    assert understand(text, None, [], SHOWN).query.intent is Intent.refine


def test_the_first_few_cards_in_other_languages_are_compared() -> None:
    """ "compara los dos primeros" after microphones had been searched: a cowbell named Primero."""
    for text in ("compara los dos primeros", "比较一下前两个", "compare the first two"):
        query = understand(text, None, [], SHOWN).query
        assert (query.intent, query.references) == (Intent.compare, (1, 2)), text


def test_a_short_spanish_question_is_spanish() -> None:
    from retrieval.vocabulary import language_of

    assert language_of("tienen refrigeradores?") == "es"  # had been English: "teen"
    assert language_of("busco audifonos baratos") == "es"  # had been Italian
    assert language_of("ukelele strings") == "en"


def test_a_thing_asked_for_the_product_on_screen_is_searched_with_it(
    small_catalog: Catalog,
) -> None:
    """ "what slides should i get with it" after a microscope starred a guitar slide: a new thing
    asked "with it" / "for it" is searched as that product's ("microscope slides")."""
    before = advance(
        ConversationState(),
        understand("microscope for a homeschool kid", None, []).query,
        small_catalog,
    )
    assert before.kind == "microscope"
    for text, words in (
        ("what slides should i get with it", "microscope slides"),
        ("do i need a case for it?", "microscope case"),
    ):
        query = understand(text, None, [], ["AmScope Kids Microscope"]).query
        after = advance(before, query, small_catalog)
        assert after.search_text().startswith(words), (text, after.search_text())
    # a request of its own keeps its words
    query = understand("guitar slides", None, [], ["AmScope Kids Microscope"]).query
    assert "microscope" not in advance(before, query, small_catalog).search_text()


def test_two_kinds_set_against_each_other_and_a_makers_name() -> None:
    """ "whats the difference between a cajon and bongos" showed only cajons (the kind was the
    first side); "compare the boss ds-1 with ..." answered "for boss" (the maker read as whom it
    is for, a grown-up); "printer paper letter size" asked for letters."""
    between = understand(
        "whats the difference between a cajon and bongos for someone who has never drummed",
        None,
        [],
    ).query
    assert (between.kind, between.alternatives) == (None, ("cajon", "bongos"))
    assert understand("yamaha vs casio keyboard", None, []).query.kind == "keyboard"
    amp = understand("boss katana amp", None, []).query
    assert (amp.recipient, amp.age_min, amp.kind) == (None, None, "amp") and "boss" in amp.search
    assert understand("a gift for my boss", None, []).query.recipient == "boss"
    # "brother or dymo" are two label makers ("[1] fits best for your brother")
    maker = understand(
        "label maker for my pantry, brother or dymo which is better?", None, []
    ).query
    assert maker.recipient is None and "brother" in maker.search
    assert understand("lego for my little brother", None, []).query.recipient == "brother"
    paper = understand("printer paper letter size bulk, like 10 reams", None, []).query
    assert (paper.kind, paper.sizes) == ("paper", ("letter size",))


def test_questions_of_fit_and_brand_are_about_the_cards() -> None:
    """ "is 4/4 the right size for me im 5'2" and "which brand lasts longer before they go dead"
    after cards had been new searches ("right": a bass guitar, "dead": Walking Dead figures)."""
    shown = ["ANRYAGF Violin for Beginners 4/4 Full Size", "wuddi Acoustic Violin Fiddle 4/4"]
    for text in ("is 4/4 the right size for me im 5'2",
                 "which brand lasts longer before they go dead"):  # fmt: skip
        assert understand(text, None, [], shown).query.intent is Intent.compare, text
    assert understand("is it too big for a 6 year old?", None, [], shown).query.intent is (
        Intent.detail
    )
    assert understand("a violin for a 6 year old", None, [], shown).query.intent is Intent.new


def test_what_comes_with_it_asked_in_spanish_and_chinese(small_catalog: Catalog) -> None:
    """ "¿trae funda o se compra aparte?" (does it come with a case?) after guitars had searched
    its words as typed (a horse book, a polish cloth): it asks about the card on screen, and the
    answer says whether its listing names the thing, in the shopper's language."""
    from assistant.advice import detail_lead
    from retrieval.vocabulary import Vocabulary

    vocabulary = Vocabulary(small_catalog)
    shown = cards(small_catalog)
    titles = [c.product.title for c in shown]
    query = understand("¿trae funda o se compra aparte?", None, [], titles,
                       vocabulary=vocabulary).query  # fmt: skip
    assert (query.intent, query.search, query.alternatives) == (Intent.detail, "case", ())
    lead = detail_lead(query.text, shown[0], query.language, query.search)
    assert lead is not None and lead.startswith(("Su ficha dice", "Su ficha no menciona")), lead
    zh = understand("有没有送琴包", None, [], titles, vocabulary=vocabulary).query
    assert zh.intent is Intent.detail, zh
    # asking for another product is still a new request
    assert understand("¿tienen fundas de guitarra?", None, [], titles,
                      vocabulary=vocabulary).query.intent is Intent.new  # fmt: skip


def test_a_question_naming_no_other_product_is_about_the_cards(small_catalog: Catalog) -> None:
    """With cards on screen, a question that names no other product asks about them: "how far do
    they actually reach" after walkie talkies, "¿sirve también para bajo?" after tuners and
    "需要装电池吗" after a remote-control car had each been a new search ("We don't seem to carry
    how far do they actually reach" beside a novel called Rush Too Far)."""
    from retrieval.vocabulary import Vocabulary

    vocabulary = Vocabulary(small_catalog)
    walkies = ["Walkie Talkies for Kids - 22 Channels - 3 Miles Range", "Spy Gear Walkie Talkies"]
    meters = ["Uni-T UT204 Digital Handheld Clamp Meter Multimeter", "DROK Multimeter DC 100V"]
    tuners = ["Guitar Tuner Clip-On Digital Electronic Tuner", "Electronic Guitar Tuner"]
    cars = ["Little Tikes Shark Strike RC Remote Control Toy Car"]
    keyboards = ["61 Keys Keyboard Piano, Electronic Digital Piano"]
    for text, shown in (
        ("how far do they actually reach", walkies),
        ("ok and test leads are included right", meters),
        ("do i need to buy a stand too or does it come with one", keyboards),
        ("¿sirve también para bajo?", tuners),
        ("es seguro? no se pueden salir los imanes?", cars),
        ("需要装电池吗？", cars),
        ("有耳机孔吗，晚上练怕吵", keyboards),
        ("新手用合适吗", keyboards),
        ("how long does a game usually take", ["Dixit Board Game 2021 Refresh"]),
        ("cuanto dura mas o menos una partida?", ["Dixit Board Game 2021 Refresh"]),
        ("大概要拼多久", ["Take Apart Army Toy Truck Kit"]),
        ("需要用胶水吗", ["Take Apart Army Toy Truck Kit"]),
    ):
        query = understand(text, None, [], shown, vocabulary=vocabulary).query
        assert query.intent is Intent.detail, (text, query.intent, query.search)
    # what it asks about is read, not the question's other words
    assert understand("¿sirve también para bajo?", None, [], tuners,
                      vocabulary=vocabulary).query.search == "bass"  # fmt: skip
    # another product, or something to buy for it, is still a new request
    for text, shown in (
        ("what about guitar picks?", tuners),
        ("do you have a keyboard stand?", tuners),
        ("do i need a case for it?", tuners),
        ("which strings do I need for a classical guitar", tuners),
        ("¿tienen fundas de guitarra?", tuners),
        ("有哈利波特英文原版书吗", cars),
        ("is it possible to get a cheaper keyboard", keyboards),
    ):
        query = understand(text, None, [], shown, vocabulary=vocabulary).query
        assert query.intent is not Intent.detail, (text, query.intent)


def test_the_cheapest_asked_in_spanish_sorts_the_same_products(small_catalog: Catalog) -> None:
    """ "¿cuanto cuesta la opcion mas barata?" after drums had searched its own words (books came
    back): it asks for the cheapest of the same request."""
    from assistant.query import Sort
    from retrieval.vocabulary import Vocabulary

    query = understand("cuanto cuesta la opcion mas barata?", None, [], ["Drum Kit", "Snare Drum"],
                       vocabulary=Vocabulary(small_catalog)).query  # fmt: skip
    assert (query.intent, query.sort, query.search) == (Intent.refine, Sort.cheapest, "")


def test_a_part_the_listing_does_not_name_is_not_answered_by_a_word_of_it(
    small_catalog: Catalog,
) -> None:
    """ "test leads are included right?" of a clamp meter had quoted "…Multimeter Test Tool": the
    thing asked is the last word of it (leads), which the listing must say."""
    from assistant.advice import detail_lead

    card = cards(small_catalog, 1)[0]
    product = card.product.model_copy(
        update={"title": "Uni-T UT204 Clamp Meter Multimeter Test Tool", "description": "A meter."}
    )
    card = card.model_copy(update={"product": product})
    lead = detail_lead("ok and test leads are included right", card)
    assert lead == 'Its listing does not mention "test leads", so we cannot promise it.', lead
    lead = detail_lead("is the test tool included?", card)
    assert lead is not None and lead.startswith("Its listing says"), lead
    # what follows is why it is asked, not what ("safe chews puts mouth" had been looked for),
    # and a listing says it its way ("non-toxic")
    from assistant.advice import asked_about

    assert asked_about("is it safe if she chews on it, she puts everything in her mouth") == "safe"
    safe = card.model_copy(update={"product": product.model_copy(
        update={"description": "Made of non-toxic beech wood."})})  # fmt: skip
    lead = detail_lead("is it safe if she chews on it", safe)
    assert lead is not None and "non-toxic" in lead, lead
    # "Multimeter Probe Test Lead Cable" is a lead for a multimeter, not one
    import Stemmer

    from assistant.fits import shows_kind

    stem = Stemmer.Stemmer("english").stemWord
    title = "uxcell Pair 1000V Banana Connector Multimeter Probe Test Lead Cable 0.6M"
    assert not shows_kind(title, "multimeter", stem, "cheap multimeter")
    assert shows_kind(
        "Uni-T UT204 Digital Clamp Meter Multimeter", "multimeter", stem, "multimeter"
    )
    # a "Plus" in a model's name opens no list of what comes with it
    owon = "OWON B35T Plus Multimeter with True RMS Measurement, Bluetooth BLE 4.0"
    assert shows_kind(owon, "multimeter", stem, "multimeter")


def test_two_sorts_of_what_is_on_screen_weighed_are_searched_as_that_product(
    small_catalog: Catalog,
) -> None:
    """ "soprano or concert?" after ukuleles showed a strap, a recorder and saxophone reeds: two
    sorts weighed with no kind named are sorts of the product on screen."""
    before = advance(ConversationState(), understand("ukulele for my daughter", None, []).query,
                     small_catalog)  # fmt: skip
    assert before.kind == "ukulele"
    query = understand("soprano or concert?", None, [], ["Hellopet Soprano Ukulele"]).query
    after = advance(before, query, small_catalog)
    assert (after.kind, after.search_text()) == ("ukulele", "soprano concert ukulele")
    assert after.alternatives == ("soprano", "concert")
    # two things named are no sorts of it: "do you have jump ropes or outdoor stuff for kids
    # then" after running shoes had searched "jump ropes outdoor kids shoes" (a shoelace toy)
    shoes = advance(ConversationState(), understand("running shoes size 10", None, []).query,
                    small_catalog)  # fmt: skip
    other = understand("ok nvm, do you have jump ropes or outdoor stuff for kids then", None, [],
                       ["LEADTEAM No Tie Shoelaces"]).query  # fmt: skip
    moved = advance(shoes, other, small_catalog)
    assert shoes.kind == "shoes" and moved.kind != "shoes", moved
    assert "shoes" not in moved.search_text(), moved.search_text()


def test_a_department_said_as_what_it_is_not_is_no_filter() -> None:
    """ "a real one not a toy" had filtered the microscopes to the toy shelf."""
    assert understand("microscope, a real one not a toy", None, []).query.department is None
    assert understand("a toy microscope", None, []).query.department == "Toys & Games"


def test_how_long_it_takes_similar_and_a_friend_who_plays(small_catalog: Catalog) -> None:
    """ "how long does a game usually take" looked for "long game usually" (the listing says
    "Average Playtime 30 Minutes"); "anything cheaper that's similar?" was a new search ("We don't
    seem to carry anything cheaper that's similar"); "friend of mine plays trumpet, what would be a
    good gift" showed trumpets as not carried (he has one: gear for it)."""
    from assistant.advice import asked_about

    assert asked_about("how long does a game usually take") == "minutes"
    shown = ["Dixit Board Game 2021 Refresh", "Charades Party Game"]
    query = understand("anything cheaper that's similar?", None, [], shown).query
    assert (query.intent, query.cheaper) == (Intent.refine, True)
    gift = understand(
        "friend of mine plays trumpet, what would be a good gift around $30", None, []
    )
    assert (gift.query.kind, gift.query.search) == (None, "trumpet accessories")


def test_the_clause_naming_the_product_is_what_a_notice_says_back() -> None:
    """ "teacher here, need a bulk box of #2 pencils" had said "We don't seem to carry teacher
    here"; "is it loud?? my downstairs neighbors already hate me" had looked for "loud downstairs
    neighbors already hate"."""
    from assistant.advice import asked_about
    from assistant.cues import asked_phrase

    assert "teacher" not in asked_phrase("teacher here, need a bulk box of #2 pencils for class")
    assert "pencils" in asked_phrase("teacher here, need a bulk box of #2 pencils for class")
    assert asked_about("is it loud?? my downstairs neighbors already hate me") == "loud"


def test_which_is_best_rated_is_asked_in_every_language() -> None:
    """ "cual tiene mejores reseñas" (which has the best reviews) after science kits had searched
    its own words and starred a Jeopardy board and a Supertramp songbook."""
    shown = ["Science Kit with 90 Science Lab Experiments", "Growing Snow Crystal Test Tubes"]
    for text in ("which one has the best reviews", "cual tiene mejores reseñas",
                 "¿cuál es el mejor valorado?", "哪个评分最高"):  # fmt: skip
        query = understand(text, None, [], shown).query
        assert (query.intent, query.sort) == (Intent.compare, "best_rated"), text


def test_a_shelf_named_by_a_common_word_keeps_it() -> None:
    """ "self help book about procrastination" had searched "self book procrastination": "help"
    is a shopping word elsewhere ("can you help me find ..."), a shelf here."""
    assert "self-help" in understand("self help book about procrastination", None, []).query.search
    assert "help" not in understand("can you help me find a ukulele", None, []).query.search


def test_a_card_named_by_a_word_of_its_title_is_the_one_asked_about() -> None:
    """ "how many cards does the binder hold" after card sleeves and a binder was answered of
    the sleeves; "which tape size does the brother one use" of another maker's tape."""
    from assistant.state import named_cards

    titles = ["Ultra Pro Card Sleeves, 100 ct", "Magic 12-Pocket PRO-Binder", "Card Codex Binder"]
    assert named_cards("how many cards does the binder hold", titles, [True, True, False]) == (2,)
    assert named_cards("how many cards does the binder hold", titles, [True, True, True]) == ()
    # two binders, neither recommended: each of them, not the sleeves ("does the Yamaha one come
    # with a sustain pedal?" beside two Yamahas had been answered of the Alesis first)
    assert named_cards("how many cards does the binder hold", titles, [True, False, False]) == (
        2,
        3,
    )
    labels = ["Brother P-Touch Label Maker", "DYMO LabelManager 160", "Label Tape 12mm"]
    assert named_cards("which tape size does the brother one use", labels, [True] * 3) == (1,)
    # what every card has, or what no card is, names none
    assert named_cards("is the label easy to peel", labels, [True] * 3) == ()
    assert (
        named_cards("is it ok for the kids", ["Kids Ukulele", "Concert Ukulele"], [True, True])
        == ()
    )
    # a name the message opens with, said of one card ("al cass is 82??? for oil???" had been
    # answered of the trumpet shown first); a name several cards share, or "it", names none
    trumpet = ["BERP. Trumpet", "Al Cass Valve Oil, 2.0 Fluid Oz.", "Bb Brass Straight Trumpet Mute"]
    assert named_cards("al cass is 82??? for oil???", trumpet, [True] * 3) == (2,)
    assert named_cards("trumpet is for my son", trumpet, [True] * 3) == ()
    assert named_cards("it is too much", trumpet, [True] * 3) == ()


def test_how_light_is_read_as_weight_not_as_a_lamp() -> None:
    """ "which is lighter, he wants to bring it to friends houses" had quoted "DJ Lights"."""
    import Stemmer

    from assistant.advice import _forms

    forms = _forms("lighter", Stemmer.Stemmer("english"))
    assert "light" not in forms and "lightweight" in forms
    assert "easi" in _forms("easier", Stemmer.Stemmer("english"))  # other degrees keep their root


def test_another_product_named_after_and_is_a_new_request_not_a_question() -> None:
    """ "y cinta doble cara fuerte?" (and strong double-sided tape?) after electrical tape was
    answered as a question about the first card ('its listing does not mention "double sided"')."""
    from assistant.cues import asks_cards

    shown = ["Electrical Tape 3/4 x 66' UL/CSA several colors"]
    assert not asks_cards("y cinta doble cara fuerte?", "tape", shown)
    assert not asks_cards("and duct tape?", "tape", shown)
    assert asks_cards("y es resistente al agua?", "tape", shown)
    assert asks_cards("and is it waterproof?", "tape", shown)
    # a kind of goods asked for is a new request, whatever word the cards share with it
    fly = ["New Perfect Solutions Talking Fly Swatter - Black"]
    assert not asks_cards("he ties his own flies at the kitchen table, any fly tying stuff?", "fly", fly)


def test_an_either_or_question_about_a_card_says_which_its_listing_states(
    small_catalog: Catalog,
) -> None:
    """ "is the hohner one diatonic or chromatic?" was answered 'Its listing does not mention
    "hohner diatonic chromatic"': the two things asked between are each looked for in the
    listing, and the card's own name is no part of them."""
    from assistant.advice import asked_about, detail_lead, either

    def pair(question: str, title: str = "Guitar") -> tuple[str, str] | None:
        return either(question, asked_about(question), title)

    title = "Hohner 02BX-C American Ace Harmonica, Key Of C Major"
    assert pair("is the hohner one diatonic or chromatic", title) == ("diatonic", "chromatic")
    assert pair("is the first one solid wood or laminate?") == ("solid wood", "laminate")
    assert pair("does the second one run on batteries or usb") == ("batteries", "usb")
    assert pair("does it come with a case or do i need to buy one") is None
    assert pair("is it any good") is None
    [card] = cards(small_catalog, 1)
    said = card.model_copy(update={"product": card.product.model_copy(update={
        "title": title, "description": "Ten holes and a diatonic tuning for blues and folk."})})  # fmt: skip
    lead = detail_lead("is the hohner one diatonic or chromatic", said)
    assert lead is not None and lead.startswith('Its listing says: "') and "diatonic" in lead, lead
    assert check(lead, [said]) == []
    silent = said.model_copy(
        update={"product": said.product.model_copy(update={"description": ""})}
    )
    assert detail_lead("is the hohner one diatonic or chromatic", silent) == (
        'Its listing says neither "diatonic" nor "chromatic", so we cannot say which it is.'
    )


def test_asking_the_shop_to_choose_is_told_from_a_new_request() -> None:
    """ "which would you get" had been read as a question about the first card alone, and "what
    would you choose for hot yoga" as a new search; "what should i get for my dad" is one."""
    from assistant.cues import ASKS_PICK

    for text in ("which one would you pick for him", "which would you get", "ok which do you recommend",
                 "which one should i buy", "what would you choose for hot yoga", "whats your pick",
                 "¿cuál me recomiendas?", "你推荐哪个"):  # fmt: skip
        assert ASKS_PICK.search(text), text
    for text in (
        "what should i get for my dad",
        "which strings should i get",
        "which is best for a beginner",
    ):
        assert not ASKS_PICK.search(text), text


def test_follow_ups_about_every_card_and_two_named_ones(small_catalog: Catalog) -> None:
    """ "do any come with a gig bag" had been read of the first card alone; "zildjian or sabian
    better at this price" searched "zildjian sabian better" as a new request; a listing saying
    "No Pump" was starred for "do any come with a pump?"; a listing silent on "is it ok to leave
    outside in the rain" was said not to mention the keywords "leave outside rain"."""
    from assistant.advice import asked_answer, detail_lead
    from assistant.cues import ABOUT_SHOWN, ANY_OF

    assert ANY_OF.search("do any come with a gig bag") and ANY_OF.search("do any have a light")
    assert not ANY_OF.search("is any good")
    assert ABOUT_SHOWN.search("zildjian or sabian better at this price")
    assert ABOUT_SHOWN.search("is the yamaha or the casio one better for a kid")
    assert not ABOUT_SHOWN.search("pens or pencils for a sketch book")
    base = cards(small_catalog, 2)
    texts = ["Inflatable Pool, No Pump", "Inflatable Pool with Electric Pump"]
    shown = [c.model_copy(update={"product": c.product.model_copy(update={"title": t, "description": ""})})
             for c, t in zip(base, texts, strict=True)]  # fmt: skip
    lead, marks = asked_answer(
        "do any come with a pump", compare([c.product for c in shown]), shown
    )
    assert '[1] "No Pump"' in lead and marks == (2,), (lead, marks)
    silent = detail_lead("is the third one ok to leave outside in the rain", shown[1])
    assert (
        silent
        == 'Its listing does not mention "leave outside in the rain", so we cannot promise it.'
    )


def test_a_size_with_its_number_is_asked_whole_and_what_a_child_wants_to_be_is_loved(
    small_catalog: Catalog,
) -> None:
    """ "does it come in 4T" had been answered 'does not mention "t"' of a listing saying
    "(3-4T)"; "he wants to be a firefighter so bad" said nothing of firefighters."""
    from assistant.advice import asked_about, detail_lead

    assert asked_about("does it come in 4T") == "4t"
    assert asked_about("does the 2nd one come in 2T or 3T") == "2t 3t"
    [card] = cards(small_catalog, 1)
    sized = card.model_copy(update={"product": card.product.model_copy(
        update={"title": "Witch Costume for Girls, Twinkle Kids Witch Costume (3-4T)", "description": ""})})  # fmt: skip
    assert (
        detail_lead("does it come in 4T", sized)
        == 'Its listing says: "Twinkle Kids Witch Costume (3-4T)".'
    )
    read = understand("halloween costume for my 4 yr old, he wants to be a firefighter so bad", None,
                      ["Toys & Games"]).query  # fmt: skip
    assert read.interests == ("firefighter",), read.interests


def test_what_the_product_should_not_be_is_neither_searched_nor_its_shelf() -> None:
    """ "ukulele ..., pink if u have it but not one of those toy ones that cant stay in tune" had
    searched "toy stay tune" on the toy shelf alone, and shown purses and makeup kits."""
    read = understand("ukulele for my 7 yr old daughter, pink if u have it but not one of those toy "
                      "ones that cant stay in tune", None, ["Toys & Games", "Musical Instruments"]).query  # fmt: skip
    assert read.department is None, read.department
    assert "toy" not in read.search and "tune" not in read.search, read.search
    assert read.kind == "ukulele"


def test_a_number_said_alone_swaps_the_size_it_is_nearest() -> None:
    """ "what about 3 instead" after "clarinet reeds strength 2.5 box of 10" had been searched as
    "what" (a book was starred); "how about 88" after 61 keys asks for 88 keys; "what about 30"
    after "under 20" is a budget."""
    from decimal import Decimal

    from assistant.state import ConversationState, swapped_size

    reeds = ConversationState(need="clarinet reeds", sizes=("box of 10", "strength 2.5"))
    assert swapped_size("what about 3 instead", reeds) == "strength 3"
    assert swapped_size("ok 20?", reeds) == "box of 20"
    assert swapped_size("what about the vandoren ones", reeds) is None
    keys = ConversationState(need="midi keyboard", sizes=("61 keys",), max_price=Decimal(200))
    assert swapped_size("how about 88", keys) == "88 keys"
    sticks = ConversationState(need="drum sticks", sizes=("5a",), max_price=Decimal(20))
    assert (
        swapped_size("what about 30", ConversationState(need="drum sticks", max_price=Decimal(20)))
        is None
    )
    assert swapped_size("what about 30", sticks) is None  # nearer the $20 budget


def test_a_question_nothing_of_which_was_read_in_english_is_not_quoted_back(
    small_catalog: Catalog,
) -> None:
    """ "¿el primero trae fuente de poder o usa pilas?" had been answered 'Su ficha no menciona
    "¿el primero trae fuente de poder o usa pilas"'."""
    from assistant.advice import detail_lead

    [card] = cards(small_catalog, 1)
    question = "¿el primero trae fuente de poder o usa pilas?"
    assert detail_lead(question, card, "es", question.rstrip("?")) == (
        "Su ficha no lo dice, así que no podemos prometerlo."
    )


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        (
            "party decorations, black and gold, nothing with glitter bc it gets everywhere",
            ("glitter",),
        ),
        ("pla filament 1.75mm, any bright colour except black or white", ("black", "white")),
        ("violin strings, full size. not the super cheap steel ones", ("steel",)),
        ("ph meter for hydroponics, something accurate not the paper strips", ("paper", "strips")),
        ("nitrile gloves, i'm allergic to latex", ("latex",)),
        ("soft plush for a newborn, no small parts like button eyes", ("small", "button", "eyes")),
        # a bound, a degree, a doubt or a brand is no feature to push down
        ("keyboard not more than $200, no rush", ()),
        ("something not too loud for the apartment", ()),
        ("not sure which guitar to get for my son", ()),
        ("guitar strings not guitar picks", ("picks",)),
    ],
)
def test_what_the_shopper_does_not_want_is_read_and_not_searched(
    text: str, unwanted: tuple[str, ...]
) -> None:
    """ "nothing with glitter" had starred a "Black Glitter" banner, "except black or white" a
    white filament (and listed "except black" as a thing named), "not the paper strips" had made
    strips the kind asked for."""
    query = understand(text, None, []).query
    assert query.unwanted == unwanted
    assert not set(unwanted) & set(query.search.lower().split())
    assert query.alternatives == ()


def test_a_brand_said_with_nothing_by_or_as_a_colour_and_a_word_is_left_out() -> None:
    """ "nothing by fender" had starred Fender picks; "not a blue yeti" a Blue Yeti microphone."""
    titles = [
        "Blue Yeti USB Microphone",
        "Blue Yeti Nano",
        "Blue Yeti X Pro",
        "Fender 351 Picks",
    ] * 2
    brands = BrandLexicon(["Fender"], titles)
    assert read_cues("guitar picks, nothing by fender", brands=brands).exclude_brands == ("fender",)
    cues = read_cues("usb mic for a podcast, not a blue yeti, I returned one", brands=brands)
    assert cues.exclude_brands == ("blue yeti",)
    assert read_cues("a mic, not a blue one", brands=brands).exclude_brands == ()


def test_a_title_saying_the_unwanted_word_goes_down_unless_it_denies_it() -> None:
    from assistant.unwanted import says_unwanted

    assert says_unwanted("Black Glitter Adventure Banner", ("glitter",))
    assert not says_unwanted("Gold Foil Banner, No Glitter, Reusable", ("glitter",))
    assert not says_unwanted("Glitter-Free Party Garland", ("glitter",))
    assert says_unwanted("Carbon Steel Violin Strings", ("steel",))
    assert not says_unwanted("Nylon Core Violin Strings", ("steel",))
    # as titles say it: "not one of the tiny ones" had starred a "Mini R/C" car
    assert says_unwanted("New Bright Mini R/C Mustang GT", ("tiny",))


@pytest.mark.parametrize(
    ("text", "which"),
    [
        ("is the cheaper one still ok for a beginner", "low"),
        ("does the cheapest one need calibration solution?", "low"),
        ("show me the more expensive one", "high"),
        ("is the best rated one waterproof", "rated"),
        ("which is the cheapest one?", None),  # asks which: weighed, not named
        ("anything cheaper?", None),
    ],
)
def test_a_card_named_by_its_price_is_asked_about_not_searched_for(
    text: str, which: str | None
) -> None:
    """ "is the cheaper one still ok for a beginner" after violin strings had been a new search
    for something cheaper (a $7.95 set starred), "does the cheaper one need calibration
    solution?" a search for calibration solution, "not carried"."""
    from assistant.cues import priced_one

    assert priced_one(text) == which
    if which is not None:
        query = understand(text, None, [], SHOWN).query
        assert query.intent is Intent.detail
        assert not (query.cheaper or query.pricier)


def test_the_cheaper_one_is_the_cheapest_of_those_recommended(small_catalog: Catalog) -> None:
    from assistant.state import priced_card

    products = [p for p in small_catalog if p.price is not None and p.rating is not None][:4]
    amounts = [p.price.amount for p in products if p.price is not None]
    among = [True, True, False, True]
    low = min((a, i) for i, a in enumerate(amounts) if among[i])[1]
    assert priced_card("low", products, among) == (low + 1,)
    high = max((a, i) for i, a in enumerate(amounts) if among[i])[1]
    assert priced_card("high", products, among) == (high + 1,)
    assert priced_card(None, products, among) == ()


def test_only_ones_with_a_size_narrows_what_is_on_screen() -> None:
    """ "only ones with more than 500 pieces" after building sets had searched the store for
    500 pieces (jigsaw puzzles starred)."""
    query = understand("only ones with more than 500 pieces", None, [], SHOWN).query
    assert query.intent is Intent.refine
    assert query.sizes == ("500 pieces or more",)  # a bound, not exactly 500


def test_a_card_named_by_a_maker_not_on_screen_is_said_to_be_absent() -> None:
    """ "the one by meinl, is it tunable?" after djembes none of which is a Meinl had been
    answered of card [1] ('Its listing does not mention "meinl"')."""
    from assistant.cues import absent_maker

    shown = ["Hand-carved Djembe Drum From Africa", "X8 Drums Djembe African Hand Drum",
             "Meinl Percussion Headliner Djembe"]  # fmt: skip
    brands = BrandLexicon(["Meinl", "Fowler", "Remo", None], ["Wooden Drum"] * 3)
    assert absent_maker("the one by remo, is it tunable?", shown, brands) == "remo"
    assert absent_maker("is the fowler one waterproof", shown, brands) == "fowler"
    assert absent_maker("the one by meinl, is it tunable?", shown, brands) is None  # on screen
    assert absent_maker("is the wooden one sturdier", shown, brands) is None  # no maker
    assert absent_maker("is the second one tunable", shown, brands) is None
    # a brand the titles do not open with, no common word, said as "the X one, ...": a card
    # named, then asked of ("the tascam one, does it work with an ipad" had searched Tascam)
    tascam = BrandLexicon(["Tascam", "Meinl"], ["Studio Recorder by TASCAM", "Meinl Djembe"])
    assert absent_maker("the tascam one, does it work with an ipad", shown, tascam) == "tascam"
    assert understand(
        "the tascam one, does it work with an ipad", None, [], shown
    ).query.intent is (Intent.detail)
    # a maker said as the question's subject, or weighed against one on screen ("casio vs the
    # yamaha one, which weighs less?" had answered of the Yamaha alone)
    assert absent_maker("does the remo come with a case", shown, brands) == "remo"
    keys = BrandLexicon(["Yamaha", "Casio"], ["Yamaha Keyboard", "Casio Keyboard"] * 3)
    yamaha = ["Yamaha YPT-330 61-Key Keyboard"]
    assert absent_maker("casio vs the yamaha one, which weighs less?", yamaha, keys) == "casio"
    assert absent_maker("does the yamaha come with a stand", yamaha, keys) is None


def test_a_card_named_by_a_look_no_title_says_is_said_to_be_absent() -> None:
    """ "the round one vs the saddle one" and "whats the max height on the saddle one" where no
    throne says saddle had been answered of the round one; "does the blue one come with a stand"
    of a black microphone."""
    from assistant.state import unnamed_one

    thrones = ["Drum Stool (Black)", "Ludwig Drum Throne - Round, Red Black"]
    assert unnamed_one("the round one vs the saddle one, which is better", thrones) == "saddle"
    assert unnamed_one("does the blue one come with a stand", thrones) == "blue"
    assert unnamed_one("the dinosaur truck one, AAs?", thrones) == "dinosaur truck"
    for said in (
        "the round one",
        "the cheaper one",
        "the first one",
        "the other one",
        "the 2nd one",
    ):
        assert unnamed_one(said, thrones) is None, said


def test_a_greeting_is_not_said_back_and_a_book_is_a_card_by_its_place() -> None:
    """ "hola, ¿venden café en grano o cápsulas nespresso?" had been told "No parece que tengamos
    hola"; "第二本多少钱？" (how much is the second book?) had weighed three cards."""
    from assistant.cues import asked_phrase

    assert asked_phrase("hola, ¿venden café en grano o cápsulas nespresso?") == (
        "café en grano o cápsulas nespresso"
    )
    assert asked_phrase("hey there im looking for a tent") == "a tent"
    assert read_cues("第二本多少钱？", SHOWN).references == (2,)
    assert read_cues("第一次买吉他", SHOWN).references == ()


@pytest.fixture(scope="module")
def vocabulary(demo_catalog: Catalog) -> Vocabulary:
    return Vocabulary(demo_catalog)


def test_a_question_in_another_language_nothing_of_which_is_read_weighs_the_cards(
    vocabulary: Vocabulary,
) -> None:
    """ "¿cuál aguanta calor directo en la hornilla?" (which takes direct heat on the stove?) after
    beakers had been a new search of its own words; "y si subo el presupuesto a 40 dolares" (and
    if I raise the budget to $40) had searched "sub"."""
    shown = ["Corning Pyrex Glass Beaker Set", "Plastic Beakers 5 Pack", "Glass Beaker 250ml"]
    which = understand(
        "¿cuál aguanta calor directo en la hornilla?", None, [], shown, vocabulary=vocabulary
    ).query
    assert which.intent is Intent.compare
    budget = understand("y si subo el presupuesto a 40 dolares que me recomiendas", None, [],
                        shown, vocabulary=vocabulary).query  # fmt: skip
    assert budget.intent is Intent.refine and budget.max_price == Decimal(40)


def test_a_follow_up_with_a_reason_after_it_still_narrows_and_a_named_card_is_not_asked() -> None:
    """ "smaller ones? they live in an apartment" had been a new search for "smaller"; "does the
    black one work on a 12 string" had asked the listing for "black string"."""
    from assistant.advice import asked_about

    assert understand("smaller ones? they live in an apartment", None, [], SHOWN).query.intent is (
        Intent.refine
    )
    assert asked_about("does the black one work on a 12 string") == "12 string"


def test_a_message_opening_with_what_is_not_wanted_narrows_what_is_on_screen() -> None:
    """ "not mugs or candles" after office gifts had said "We don't seem to carry not mugs or
    candles" and shown mugs; "idk you pick" leaves the choice to the shop."""
    query = understand("not mugs or candles", None, [], SHOWN).query
    assert query.intent is Intent.refine
    assert set(query.unwanted) == {"mugs", "candles"}
    assert understand(
        "plush or something interactive? idk you pick", None, [], SHOWN
    ).query.intent is (Intent.compare)


def test_a_listing_is_read_for_what_is_asked_not_how_it_is_asked(small_catalog: Catalog) -> None:
    """ "do I need to buy solder separately or is it included" of a "Soldering Kit with Iron and
    Solder" had been answered 'does not mention "solder separately"'; "is it wood or plastic" of
    a "Wooden" set 'says neither'."""
    from assistant.advice import detail_lead
    from retrieval.catalog import Product

    [card] = cards(small_catalog, 1)
    kit = card.model_copy(update={"product": Product(
        id="t:1", title="Pocket Dice Soldering Kit with Iron and Solder", source="t")})  # fmt: skip
    said = detail_lead("do I need to buy solder separately or is it included", kit) or ""
    assert said.startswith("Its listing says") and "Solder" in said, said
    wooden = card.model_copy(update={"product": Product(
        id="t:2", title="Wooden Pretend Play Kitchen for Kids", source="t")})  # fmt: skip
    said = detail_lead("is it wood or plastic", wooden) or ""
    assert "Wooden" in said and "neither" not in said, said


def test_a_question_about_the_cards_in_another_language_reads_the_listings(
    small_catalog: Catalog,
) -> None:
    """ "cual tiene las piezas mas grandes?" (which has the biggest pieces?) had been answered
    with the cheapest and the best rated alone: its English words are looked for, and the
    answer is in Spanish."""
    from assistant.advice import asked_answer
    from retrieval.catalog import Product

    shown = cards(small_catalog, 2)
    big = shown[1].model_copy(update={"product": shown[1].product.model_copy(
        update={"title": "Scenery Puzzles 1000 Pieces - Large Piece Puzzle for Adults"})})  # fmt: skip
    shown = [shown[0].model_copy(update={"product": Product(
        id="t:small", title="Tiny Jigsaw Puzzle 1000 Pieces", source="t")}), big]  # fmt: skip
    table = compare([c.product for c in shown])
    lead, marks = asked_answer("cual tiene las piezas mas grandes? ve mal de cerca", table, shown,
                               "es", read="large pieces")  # fmt: skip
    assert lead.startswith("Solo la ficha de [2] habla de eso"), lead
    assert marks == (2,)
    # every title saying "1000 Pieces" and none "large" answers nothing of it
    alike = [shown[0], shown[1].model_copy(update={"product": Product(
        id="t:bus", title="The Bus 1000 Piece Jigsaw Puzzle", source="t")})]  # fmt: skip
    lead, _ = asked_answer("cual tiene las piezas mas grandes?", compare([c.product for c in alike]),
                           alike, "es", read="large pieces")  # fmt: skip
    assert lead.startswith("Ninguna ficha lo dice"), lead


def test_an_either_or_question_in_another_language_says_which(small_catalog: Catalog) -> None:
    """ "¿el primero es inalámbrico o con cable?" had been answered 'Su ficha no menciona
    "wireless cable"'."""
    from assistant.advice import detail_lead
    from retrieval.catalog import Product

    [card] = cards(small_catalog, 1)
    phones = card.model_copy(update={"product": Product(
        id="t:3", title="Kids Wireless Headphones, Bluetooth 5.0", source="t")})  # fmt: skip
    said = detail_lead("¿el primero es inalámbrico o con cable?", phones, "es", "wireless cable")
    assert said is not None and said.startswith("Su ficha dice") and "Wireless" in said, said


def test_what_a_listing_does_not_mention_is_said_in_the_shoppers_words(small_catalog: Catalog) -> None:
    """ "sind da schlägel dabei?" had been answered 'Die Produktseite erwähnt „mallets“ nicht':
    the English word read, quoted back to a German shopper. Said in their word, or, where a word
    read has none of theirs, plainly that the listing does not say."""
    from assistant.advice import detail_lead
    from assistant.phrases import phrase
    from retrieval.catalog import Product

    [card] = cards(small_catalog, 1)
    bells = card.model_copy(update={"product": Product(
        id="t:4", title="Glockenspiel, 25 Notes, Metal Bars", source="t")})  # fmt: skip
    said = detail_lead("sind da schlägel dabei?", bells, "de", "mallets")
    assert said is not None and "schlägel" in said and "mallets" not in said, said
    said = detail_lead("¿el segundo viene con funda?", bells, "es", "case")
    assert said is not None and '"funda"' in said, said
    # a word read from none of theirs: not quoted ("pla uno components" had been)
    said = detail_lead("o segundo vem com a placa uno ou só os componentes?", bells, "pt", "pla uno components")
    assert said == phrase("pt", "listing_silent_any"), said
    # either/or: each side in their words
    said = detail_lead("¿es inalámbrico o con cable?", bells, "es", "wireless cable")
    assert said is not None and "inalámbrico" in said and "wireless" not in said, said


def test_the_price_of_several_of_a_card_is_said(small_catalog: Catalog) -> None:
    """ "how much for 3 sets" had been answered 'Its listing does not mention "much sets"', "whats
    the price for 10 of them" with the price of one: what that many come to."""
    from assistant.advice import detail_lead
    from retrieval.catalog import Price, Product

    [card] = cards(small_catalog, 1)
    strings = card.model_copy(update={"product": Product(
        id="t:5", title="Phosphor Bronze Acoustic Strings", source="t", price=Price(amount=Decimal("27.50")))})  # fmt: skip
    for said, n, total in [("how much for 3 sets", 3, "$82.50"), ("how much would 2 of the first one be", 2, "$55.00"),
                           ("whats the price for 10 of them", 10, "$275.00")]:  # fmt: skip
        lead = detail_lead(said, strings, "en")
        assert lead is not None and lead.startswith(f"{n} of [{strings.mark}] come to {total}"), (said, lead)
    assert detail_lead("combien pour 3 jeux", strings, "fr", "3 games") == f"3 × [{strings.mark}] font $82.50 ($27.50 pièce)."
    # a size or a pack is no count: "how much is the 3 pack", "how much for the 12 inch one"
    for said in ("how much is the 3 pack", "how much for the 12 inch one", "how much is it for a 5 year old"):
        lead = detail_lead(said, strings, "en")
        assert lead is None or "come to" not in lead, (said, lead)
    unpriced = strings.model_copy(update={"product": strings.product.model_copy(update={"price": None})})
    assert "no price listed" in (detail_lead("how much for 4 of them", unpriced, "en") or "")


def test_a_budget_raised_prefers_better_rated(small_catalog: Catalog) -> None:
    """ "y si subo el presupuesto a 40 dolares" (and if I raise the budget to $40) after harmonicas
    under $25 had picked the same $9.99 one."""
    before = ConversationState(
        need="harmonica", search="harmonica", max_price=Decimal(25), shown=("a",)
    )
    raised = advance(before, understand("what about up to 40 dollars", None, [], SHOWN).query,
                     small_catalog)  # fmt: skip
    assert raised.max_price == Decimal(40) and raised.prefer_rated
    lowered = advance(before, understand("under 15 then", None, [], SHOWN).query, small_catalog)
    assert lowered.max_price == Decimal(15) and not lowered.prefer_rated


@pytest.mark.parametrize(
    ("text", "word", "denied"),
    [
        ("Nitrile Exam Glove (non-latex) PF Medium", "latex", True),
        ("Latex Rubber Free Vinyl Gloves", "latex", True),
        ("Powder-Free Nitrile Gloves", "powder", True),
        ("Ukulele, Gig Bag Sold Separately", "bag", True),
        ("Pump not included", "pump", True),
        ("Gold Foil Banner, No Glitter", "glitter", True),
        ("Nordic Latex Gloves", "latex", False),  # "no" must be a word of its own
        ("Latex Exam Gloves", "latex", False),
    ],
)
def test_one_reading_of_a_denial(text: str, word: str, denied: bool) -> None:
    """What is not wanted, what was asked and what a card is asked about read a listing's
    denial the same way (three readings had each missed what the others caught)."""
    from assistant.unwanted import denies

    assert denies(text, [word]) is denied


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # a card named, then asked about in a later clause (each had been a new search)
        (
            "the second one looks cool, does it come with a case or is that sold seperate",
            Intent.detail,
        ),
        (
            "the one with the best reviews, does it come with a stand or do i buy that too",
            Intent.detail,
        ),
        ("the one with the best reviews", Intent.detail),
        # filler says no need of its own
        ("hmm cheaper pls", Intent.refine),
        ("anything cheaper, doesnt have to be fancy", Intent.refine),
        # only what is not wanted, and why
        ("nah not a casio, something she can actually use", Intent.refine),
        ("hes not into gadgets", Intent.refine),
        (
            "ok actually maybe not yamaha, her mom says the last one ended up in the closet lol",
            Intent.refine,
        ),
        ("not too long either, like under 30 min a game", Intent.refine),
        # a request of its own stays one
        ("not sure what to get, my nephew likes dinosaurs", Intent.new),
    ],
)
def test_a_follow_up_said_as_people_say_it(text: str, intent: Intent) -> None:
    query = understand(text, None, [], SHOWN).query
    assert query.intent is intent, query


def test_a_card_named_by_its_reviews_or_price_is_that_card() -> None:
    assert read_cues("the one with the best reviews", SHOWN).priced == "rated"
    assert read_cues("the one with the lowest price, is it loud?", SHOWN).priced == "low"
    assert read_cues("which one has the best reviews", SHOWN).priced is None  # asks which


def test_why_a_change_is_wanted_is_not_searched() -> None:
    """ "ok actually maybe not slime, her mom says the last batch ended up in the carpet" had
    searched "last batch ended carpet" for a mother; "not too long" asks for short ones, and "30
    min" is no price."""
    query = understand(
        "ok actually maybe not yamaha, her mom says the last batch ended up in the carpet lol",
        None, [], SHOWN,
    ).query  # fmt: skip
    assert query.intent is Intent.refine
    assert [b.lower() for b in query.exclude_brands] == ["yamaha"]  # a maker left out
    assert not query.search and query.recipient is None and query.age_min is None
    short = understand("not too long either, like under 30 min a game", None, [], SHOWN).query
    assert short.narrows == "short" and short.max_price is None


def test_the_question_after_the_card_is_named_is_what_is_asked() -> None:
    """ "the second one looks cool, does it come with the glitter or is that sold seperate" had
    answered what "looks" meant; "is that an official one or a knockoff" had looked for
    "official knockoff" as one thing."""
    from assistant.advice import asked_about, either

    assert (
        asked_about(
            "the second one looks cool, does it come with the glitter or is that sold seperate"
        )
        == "glitter"
    )
    assert (
        asked_about("the one with the best reviews, does it come with a stand or do i buy that too")
        == "stand"
    )
    question = "is that an official one or a knockoff"
    assert either(question, asked_about(question), "4 Pieces Demon Slayer") == (
        "official",
        "knockoff",
    )


def test_another_age_or_a_real_one_is_read_as_said() -> None:
    """ "what about for an older kid, like 14, something with more range" after blasters had
    searched "range" (a thermometer, a speaker); "i mean a real bed not the doll one" asks for a
    bed, not for nothing."""
    blasters = ["Nerf Zipfire 2 Pack Combat Blaster", "Nerf Super Soaker WashOut Blaster"]
    older = understand(
        "what about for an older kid, like 14, something with more range", None, [], blasters
    ).query
    assert (older.intent, older.age_min, older.kind) == (Intent.refine, 14.0, None)
    beds = ["Melissa & Doug Wooden Play Bunk Bed for Dolls", "Barbie Doll with Bunkbeds"]
    real = understand("i mean a real bed not the doll one lol", None, [], beds).query
    assert real.intent is Intent.new and real.kind == "bed" and "doll" in real.unwanted


@pytest.mark.parametrize(
    ("text", "intent", "move"),
    [
        ("thanks!", Intent.compare, "thanks"),
        ("ok thx", Intent.compare, "thanks"),
        ("gracias", Intent.compare, "thanks"),
        ("ok i'll take the second", Intent.detail, "chosen"),
        ("your top pick", Intent.detail, ""),
        ("why did you pick that one", Intent.detail, ""),
        ("the green one", Intent.detail, ""),
        ("none of these are right", Intent.more, ""),
        ("forget the budget, whats the best one", Intent.refine, "any price"),
        ("actually make it for a 5 year old", Intent.refine, ""),
        ("oh ok what do you sell then", Intent.compare, "store"),
        ("more like the second one", Intent.more, ""),  # others like it, not a close look
        ("what else do you have", Intent.more, ""),  # more of the same, not the store's range
        # a request of its own stays one
        ("thank you notes for my teacher", Intent.new, ""),
    ],
)
def test_turns_of_the_talk_are_read_as_such(text: str, intent: Intent, move: str) -> None:
    query = understand(text, None, [], SHOWN).query
    assert (query.intent, query.move) == (intent, move), query


@pytest.mark.parametrize(
    ("text", "move"),
    [
        # the verb said last, alone (each had been searched: "clip add all come", "way fork case cart")
        ("the casio one is fine, add", "chosen"),
        ("the cheap one, add. whats it all come to", "chosen"),
        ("ok casio, add it", "chosen"),
        ("ok thats way over. just the casio one, in the cart", "chosen"),
        ("the 2nd one. total?", "chosen"),  # put in, then the total (had said "Your cart is empty")
        # the cart asked, short
        ("what am i at", "cart"),
        ("whats it all come to", "cart"),
        ("total for the pta form", "cart"),
        ("add the first one instead. total", "chosen"),
        # not put in: a question, or something asked for
        ("i want to add a strap too, what would you add", ""),
    ],
)
def test_a_card_put_in_or_the_cart_asked_said_short(text: str, move: str) -> None:
    """fresh51: the put-ins and cart asks of the conversations, said last and short."""
    query = understand(text, None, [], SHOWN).query
    assert query.move == move, (text, query)


def test_a_card_named_by_its_price() -> None:
    """ "is the $64 one any good": the card on screen at that price is the one asked of (the
    pipeline picks it; where none is, the price stays a budget to search with)."""
    from assistant.prices import priced_at

    for said, at in [("ok fine, the $13 mat", 13), ("the 35 dollar one, add it", 35), ("is the $64 one any good", 64)]:
        assert priced_at(said) == at, said
    assert priced_at("a $13 mat") is None  # a budget said with "a"


def test_what_must_be_told_then_asked_of_a_card() -> None:
    """ "he keeps saying it has to be metal, is the crossfire metal?" after yoyos had narrowed them
    to metal things (a kazoo, a harmonica): a question of the Crossfire."""
    shown = ["Yomega Crossfire YoYo", "25 Yo-yo Strings, Buy in Bulk", "CLOVER Quick Yo-Yo Maker"]
    query = understand("he keeps saying it has to be metal, is the crossfire metal?", None, [], shown).query
    assert (query.intent, query.references) == (Intent.detail, (1,)), query
    # (a narrowing asked with a question of no card stays one)
    assert understand("show me metal ones, is there one under 20?", None, [], shown).query.intent is Intent.refine


def test_a_word_shouted_is_no_maker() -> None:
    """ "its a yamaha ysl-354 so SMALL shank" had asked for a maker "SMALL" (titles start with it)."""
    from assistant.cues import BrandLexicon, read_cues

    brands = BrandLexicon(["Small", "Yamaha"], ["Small Foot Wooden Toys"] * 3)
    said = read_cues("mouthpiece for a yamaha ysl-354 so SMALL shank, teacher wants a Yamaha", brands=brands)
    assert "SMALL" not in said.brands and "Yamaha" in said.brands, said.brands


def test_the_budget_dropped_drops_the_price_limit(small_catalog: Catalog) -> None:
    before = ConversationState(
        need="mic stand", search="mic stand", max_price=Decimal(30), shown=("a",)
    )
    after = advance(before, understand("forget the budget, whats the best one", None, [], SHOWN).query,
                    small_catalog)  # fmt: skip
    assert after.max_price is None and after.prefer_rated


def test_cards_weighed_by_a_count_their_listings_state() -> None:
    """ "which one has the fewest pieces" had been "No listing here says it in those words" beside
    "500 Piece" and "1000 Pieces" titles; "the most stickers for the price" is a count per dollar;
    "which would last longer" asks how durable (it had quoted "4-1/4 long")."""
    from assistant.advice import _counted_lead, asked_about
    from retrieval.catalog import Price, Product

    def product(pid: str, title: str, price: str) -> Product:
        return Product(id=pid, title=title, description="", source="t", category=("Toys & Games",),
                       price=Price(amount=Decimal(price)))  # fmt: skip

    puzzles = [product("a", "Wooden Fox Puzzle", "64"), product("b", "Jigsaw Puzzle 500 Piece Art", "23"),
               product("c", "1000 Pieces Puzzles - Challenge", "16.98")]  # fmt: skip
    mark = {p.id: i + 1 for i, p in enumerate(puzzles)}
    lead, marks = _counted_lead("which one has the fewest pieces", puzzles, mark) or ("", ())
    assert marks == (2,) and lead.endswith("[2] 500, [3] 1,000. [1] does not say."), lead
    stickers = [product("d", "Reward Stickers, Bulk Pack of 1,200 Stickers", "9.99"),
                product("e", "100 - 100 Days of School Stickers", "1.00"),  # no count of stickers
                product("f", "Smiley Stickers 300 pcs", "2.00")]  # fmt: skip
    mark = {p.id: i + 1 for i, p in enumerate(stickers)}
    lead, marks = _counted_lead(
        "which pack has the most stickers for the price", stickers, mark
    ) or ("", ())
    assert marks == (3,) and "(150 a dollar)" in lead and "[2] does not say" in lead, lead
    assert _counted_lead("which has the most reviews", stickers, mark) is None  # the table's
    assert asked_about("which would last longer") == "durable"
    # by the sizes titles state: "which board is the biggest" had quoted "Wood Veneer Board"
    from assistant.advice import _sized_lead

    boards = [product("g", '15" Backgammon in Black Suede', "65"), product("h", "RUNNOW 3 in 1 Chessboard", "57"),
              product("i", "Rolling 66 18-Inch Lucite Deluxe Backgammon Set", "93"),
              product("j", "Travel Backgammon Set 25 cm", "55")]  # fmt: skip
    mark = {p.id: i + 1 for i, p in enumerate(boards)}
    lead, marks = _sized_lead("which board is the biggest", boards, mark) or ("", ())
    assert marks == (3,) and lead == ('[3] is the biggest, by the sizes the titles give: [3] 18-Inch, '
                                      '[1] 15", [4] 25 cm. [2] does not say.'), lead  # fmt: skip
    assert (_sized_lead("the smallest one?", boards, mark) or ("", ()))[1] == (4,)
    assert _sized_lead("which is the best rated", boards, mark) is None
    # three alike: "[1] is the biggest ... [1] 15-inch, [2] 15\", [3] 15-inch" had been said
    alike = [boards[0], product("k", "15-inch Olive Burl Wood Backgammon Set", "79.95"), boards[1]]
    mark = {p.id: i + 1 for i, p in enumerate(alike)}
    lead, marks = _sized_lead("which board is the biggest", alike, mark) or ("", ())
    assert marks == (1, 2) and lead.startswith("[1] and [2] are tied for the biggest"), lead


def test_a_card_named_by_whom_it_is_by_is_asked_about() -> None:
    """ "the one by martha wells" had searched the store ("Get Well Soon")."""
    from assistant.cues import BrandLexicon, absent_maker

    assert understand("the one by martha wells", None, [], SHOWN).query.intent is Intent.detail
    lexicon = BrandLexicon(["Yamaha"], [])
    assert absent_maker("the one by martha wells", SHOWN, lexicon) == "martha wells"
    assert absent_maker("the one by yamaha, is it loud?", SHOWN, lexicon) is None  # on screen


def test_a_size_said_as_a_fraction_is_read_in_the_listing() -> None:
    """ "will it fit a 4/4 cello" had dropped the 4/4 and quoted the title's "Cello Bag"; "¿sirven
    para un violín 4/4?" had said the listing of "Set of 4/4 Violin ... Strings" does not mention it."""
    from assistant.advice import detail_lead
    from retrieval.catalog import Price, Product

    def card(title: str) -> Card:
        product = Product(id="a", title=title, description="", source="t",
                          category=("Musical Instruments",), price=Price(amount=Decimal("9")))  # fmt: skip
        return Card(mark=1, product=product, price="$9.00", why="", value="")

    bow = card("Merano MC100BL 4/4 Full Size Blue Student Cello Bag and Bow with 2 Sets of Strings")
    assert (detail_lead("will it fit a 4/4 cello", bow) or "").startswith(
        'Its listing says: "Merano MC100BL 4/4'
    )
    strings = card("Set of 4/4 Violin Bowstring Strings (G-D-A-E)")
    assert "4/4 Violin" in (
        detail_lead("¿sirven para un violín 4/4?", strings, "es", "violin 4/4") or ""
    )


def test_a_card_asked_for_by_what_it_is_for_keeps_the_subject() -> None:
    """ "the one for complete beginners" after Python books had searched "complete beginners" (a
    fly-fishing guide); "something quieter, he uses it in class" had searched "quieter"."""
    books = ["Intermediate Python Programming", "UNIX and Linux System Administration Handbook"]
    assert (
        understand("the one for complete beginners", None, [], books).query.intent is Intent.refine
    )
    quieter = understand("something quieter, he uses it in class", None, [], SHOWN).query
    assert quieter.intent is Intent.refine, quieter


def test_the_card_recommended_is_asked_what_follows() -> None:
    """ "el que me recomendaste, ¿necesita pilas?" had been answered with the card's facts alone."""
    from assistant.advice import detail_lead
    from retrieval.catalog import Price, Product

    product = Product(id="a", title="Science Building Block Kit with 2 AA Batteries", description="",
                      source="t", category=("Toys & Games",), price=Price(amount=Decimal("29")))  # fmt: skip
    card = Card(mark=3, product=product, price="$29.00", why="", value="")
    assert "Batteries" in (
        detail_lead("the one you recommended, does it need batteries?", card) or ""
    )
    assert detail_lead("why did you pick that one", card) is None  # its facts and reasons


def test_others_like_a_card_search_its_words() -> None:
    """ "more like the second one" had been a close look at it."""
    puppets = ["Panda Rubber Hand Puppet, Soft and Stretchy", "Folkmanis Snail Hand Puppet"]
    query = understand("more like the second one", None, [], puppets).query
    assert (query.intent, query.narrows) == (Intent.more, "Folkmanis Snail Hand Puppet")


def test_a_request_after_a_story_is_what_is_searched() -> None:
    """A message that tells a story before it asks is searched for what it asks: "running a
    microbiology club ..., need petri dishes" had searched the club and said "We don't seem to
    carry running a microbiology club"; "one of those X things" names X; a case or strap asked
    for keeps what the story says it is for ("her tenor ukulele")."""
    from assistant.cues import asked_phrase
    from assistant.kinds import listed_products, wanted_part
    from assistant.needs import read_needs

    club = (
        "running a microbiology club at the middle school this semester, the plan is like 15 "
        "kids swabbing doorknobs and seeing what grows lol, need petri dishes"
    )
    assert wanted_part(club) == "petri dishes" and read_needs(club).product_words == "petri dishes"
    assert asked_phrase(club) == "petri dishes"
    kite = (
        "my dad used to take us to the beach to fly kites every summer and hes turning 65, id "
        "love to get him a proper kite so he can do it with the grandkids now"
    )
    assert read_needs(kite).kind == "kite" and "beach" not in read_needs(kite).product_words
    ring = (
        "please help my husband dropped his wedding ring down the floor vent, need one of "
        "those camera on a cable things to at least see where it is"
    )
    assert read_needs(ring).kind == "camera" and "ring" not in read_needs(ring).product_words
    case = (
        "my kid takes her tenor ukulele on the school bus every day and the thin bag it came "
        "with is useless, want a padded case"
    )
    assert set(read_needs(case).product_words.split()) == {"tenor", "ukulele", "padded", "case"}
    pedal = "my son (16) is in a punk band with his friends and wants a distortion pedal for xmas"
    assert read_needs(pedal).product_words == "distortion pedal"
    # a story before the request lists no second product
    assert (
        listed_products("rewiring the lights in my camper van and i need a heat shrink kit") == ()
    )
    # a message that opens with the product is read as before
    assert wanted_part("a cajon so i can play along with my buddies who need a beat") is None
    assert read_needs("violin for my 9 yr old, she needs a beginner one").kind == "violin"


def test_follow_ups_said_of_the_cards_on_screen() -> None:
    """ "clear one, not pink or glittery" refines (the look is no kind); "the first one isnt just
    a decoration right" asks about card 1; "is 3/4 size ok for a 9 year old" asks of the cards;
    "do i need anything else to use it, like a special cable or a power thing" shows each thing
    for the product on screen (each had been a new search: "We don't seem to carry do i need
    anything else")."""
    cases = ["Bonice Samsung Galaxy Case, Pink Glitter", "LZEB Silicone Phone Case"]
    clear = understand("clear one, not pink or glittery", None, [], cases).query
    assert clear.intent is Intent.refine and clear.kind is None and "clear" in clear.narrows
    drums = ["MUSICUBE Kids Drum Set 8-Inch", "ERINGOGO Jazz Drum Set for Kids"]
    first = understand("the first one isnt just a decoration right lol", None, [], drums).query
    assert first.intent is Intent.detail and first.references[0] == 1
    violins = ["LAGRIMA 3/4 Beginner Kid Violin, Case, Bow", "1/4 Size Acoustic Violin Set"]
    size = understand("is 3/4 size ok for a 9 year old or should i get a 1/2", None, [], violins)
    assert size.query.intent in (Intent.detail, Intent.compare)
    pedals = ["Radial Tonebone Classic Tube Distortion Pedal", "JHS PG-14 Distortion Pedal"]
    text = "do i need anything else to use it like a special cable or a power thing"
    extra = understand(text, None, [], pedals).query
    assert extra.intent is Intent.new and extra.items == ("pedal cable", "pedal power")
    rosin = understand("do i need anything else to play it, like rosin", None, [], violins).query
    assert rosin.search == "violin rosin" and rosin.kind == "rosin"
    # nothing named: what the activity takes, the instrument itself left out
    asked = understand("what else would she need", None, [], violins).query
    assert asked.starter == "violin" and asked.starter_owned


def test_what_is_said_as_not_wanted_is_no_shelf_feature_or_liking() -> None:
    """ "under 40 and not one of the ones that look like a plastic toy" after kalimbas had filtered
    to the toy shelf, asked for plastic and read "plastic toy" as what the person likes."""
    kalimbas = ["Kalimba 17 Key Kalimba Thumb Piano", "DIY Thumb Piano Kalimba"]
    text = "under 40 and not one of the ones that look like a plastic toy pls"
    query = understand(text, None, ["Toys & Games", "Musical Instruments"], kalimbas).query
    assert query.intent is Intent.refine and query.max_price == 40
    assert query.department is None and "plastic" not in query.attributes
    assert not query.interests and set(query.unwanted) == {"plastic", "toy"}


def test_stories_of_when_and_where_name_no_age_or_product() -> None:
    """ "used to play as a kid" had read ages 3-12 for a mom; "from watching tiktoks" searched
    "tiktoks" (and said kendama not carried); "how much is it" made "much" the kind."""
    from assistant.needs import read_needs

    piano = read_needs(
        "digital piano for my mom who used to play as a kid and wants to get back into it"
    )
    assert piano.age != (3, 12) and piano.kind == "piano" and "kid" not in piano.product_words
    assert (
        read_needs("my 13 yo got really into kendama from watching tiktoks").product_words
        == "kendama"
    )
    assert read_needs("actually just the clock by itself, how much is it").product_words == "clock"
    # "something similar but bigger" keeps the kind on screen and narrows it
    plush = ["WILD REPUBLIC Red Panda Plush, Stuffed Animal", "Douglas Gretel Red Dachshund Plush"]
    bigger = understand("something similar but bigger", None, [], plush).query
    assert bigger.intent is Intent.refine and bigger.kind is None
    lens = understand(
        "anything like that but with a bigger lens", None, [], ["Pocket Magnifier"]
    ).query
    assert lens.intent is Intent.refine


def test_a_story_told_in_a_follow_up_is_not_searched_only_what_it_asks() -> None:
    """Changes of mind said as people say them had made the kind "wait", "hold", "brain" and
    "realize" (each a new search for the story's words, "not carried")."""
    from assistant.needs import follow_up_ask

    assert clean_message("wait my sister says shes 10 now") == "my sister says she's 10 now"
    assert clean_message("hold on hes 5 not 12") == "he's 5 not 12"
    assert clean_message("scratch that the mom hosting says no") == "the mom hosting says no"
    assert clean_message("waiting room chairs") == "waiting room chairs"
    assert (
        follow_up_ask("he just texted he already has a C, get me one in A or G instead")
        == "get me one in A or G instead"
    )
    assert follow_up_ask("a blue one, anything cheaper?") is None  # no story: the blue holds
    cars = ["WLtoys 144001 RC Car 1:14 Scale High Speed", "Blomiky 4WD High Speed Racing RC Car"]
    slower = understand(
        "hold on hes 5 not 12 lol my brain. something slower and hard to break", None, [], cars
    ).query
    assert slower.intent is Intent.refine and slower.age == (5, 5)
    assert "brain" not in slower.search and slower.kind is None  # the cars' kind holds
    calipers = ["KR Tools 6-Inch Digital Caliper", "YKS 6 Inch Digital Caliper Ruler"]
    longer = understand(
        'actually i realize i need to measure 12" stock sometimes, got anything longer?',
        None, [], calipers,
    ).query  # fmt: skip
    assert longer.intent is Intent.refine and "realize" not in longer.search
    # whom the story names is no recipient: the party is still for 9-year-olds
    slime = ["Slime Kit for Girls 3 Pack", "Butter Slime Kit for Kids"]
    bracelets = understand(
        "scratch that the mom hosting says NO slime on her carpet lol. something not messy? "
        "friendship bracelet kit maybe", None, [], slime,
    ).query  # fmt: skip
    assert "friendship bracelet kit" in bracelets.search and bracelets.recipient is None


def test_two_cards_named_and_asked_of_are_set_side_by_side() -> None:
    """ "the 1st and 3rd - how many darts come with each" and "whats the diff between the 1st and
    3rd" had been new searches (RC differentials for "diff")."""
    for text in ("the 1st and 3rd - how many darts come with each", "whats the diff between the "
                 "1st and 3rd, is one heavier?", "the 2nd and the 3rd look similar, which is louder"):  # fmt: skip
        query = understand(text, None, [], SHOWN).query
        assert query.intent is Intent.compare and len(query.references) == 2, text
    # others asked for beside them: no comparison
    assert (
        understand("the first two are nice but anything cheaper?", None, [], SHOWN).query.intent
        is not Intent.compare
    )


def test_a_size_in_the_same_unit_however_written_replaces_the_one_before() -> None:
    """ "got anything longer?" with 12" after 6 inch calipers had kept both sizes ("fits best:
    the 6 inch and 12" you asked for")."""
    from assistant.state import _with_sizes

    assert _with_sizes(("6 inch",), ('12"',)) == ('12"',)
    assert _with_sizes(("box of 100",), ("200 pcs",)) == ("200 pcs",)
    assert _with_sizes(("61 keys",), ("size M",)) == ("61 keys", "size M")


def test_cards_pointed_at_by_a_word_are_not_what_the_question_asks(small_catalog: Catalog) -> None:
    """ "the doll or the backpack, which has better reviews?" had looked for "doll backpack" in
    each listing and said no listing says it; "la muñeca o el disfraz, ¿cuál tiene mejor
    calificación?" had been a new search for doll costumes."""
    from assistant.advice import asked_answer

    dolls = [
        c.model_copy(update={"product": c.product.model_copy(update={"title": title})})
        for c, title in zip(cards(small_catalog, 2), ["Frozen Kristoff Doll", "Frozen Mini Backpack"], strict=True)
    ]  # fmt: skip
    comparison = compare([c.product for c in dolls])
    table = compare_lead(comparison, dolls)
    lead, _ = asked_answer("the doll or the backpack, which has better reviews?", comparison, dolls)
    assert lead == table
    shown = [c.product.title for c in dolls]
    spanish = "la muñeca o el disfraz, cual tiene mejor calificacion?"
    assert understand(spanish, None, [], shown).query.intent is Intent.compare


def test_whether_a_card_suits_an_age_is_read_from_its_stated_ages(small_catalog: Catalog) -> None:
    """ "is 3 too young for these tho" had answered 'does not mention "young"'; "ok for a
    newborn or is it for older babies" read "Baby" from the title."""
    from assistant.advice import detail_lead

    card = cards(small_catalog, 1)[0]
    card = card.model_copy(
        update={"product": card.product.model_copy(update={"title": "Magnet Tiles, Ages 3+"})}
    )
    for question in ("is 3 too young for these tho", "is it ok for a newborn or for older babies"):
        assert detail_lead(question, card) == 'Its listing says: "Ages 3+".', question


def test_a_maker_said_in_the_plural_is_excluded_and_not_the_cheapest_is_not_praised(
    small_catalog: Catalog,
) -> None:
    """ "just show me the real strat not squiers" had starred a Squier; "que no sean las más
    baratas" had been answered "el más barato de estos"."""
    from assistant.leads import fact_lead

    brands = BrandLexicon(["Squier", "Fender"], ["Squier Strat", "Fender Strat"])
    assert read_cues("just show me the real strat not squiers", brands=brands).exclude_brands == (
        "squier",
    )
    shown = cards(small_catalog, 3)
    cheapest = min(shown, key=lambda c: c.product.price.amount if c.product.price else 1e9)
    state = ConversationState()
    assert "cheapest" in fact_lead(cheapest, shown, state, "en", "")
    for said in ("nylon strings, not the super cheap ones", "que no sean las más baratas"):
        lead = fact_lead(cheapest, shown, state, "en", "", said=said)
        assert "cheapest" not in lead, lead


def test_a_size_said_with_filler_is_the_same_product_in_that_size() -> None:
    """ "key of C i guess?" after harmonicas had searched the store for keys (flutes)."""
    shown = ["Harmonica, Bb Major 10 Hole Blues Harmonica", "Hohner Piedmont Blues Harmonica Set"]
    query = understand("key of C i guess?", None, [], shown).query
    assert query.intent is Intent.refine and query.sizes == ("key of C",)


def test_how_many_of_a_thing_is_read_as_the_listing_counts_it(small_catalog: Catalog) -> None:
    """ "how many darts come with each" had said [3] does not say how many beside a listing with
    "4 darts" in it."""
    from assistant.advice import _measured

    product = cards(small_catalog, 1)[0].product.model_copy(
        update={"title": "Nerf Blaster", "description": "Includes blaster and 4 foam darts."}
    )
    assert _measured("how many darts come with each", product) == (
        "how many",
        "Includes blaster and 4 foam darts.",
    )


def test_a_second_sentence_asking_for_a_thing_is_what_is_read() -> None:
    """ "no bikes at all? what about a balance bike" had made the kind "all"; "maybe i just fix up
    my old one... do u sell a bow and rosin by themselves" had searched "fix bow" and said it is
    not carried."""
    from assistant.needs import follow_up_ask, read_needs

    assert (
        follow_up_ask("no bikes at all? what about a balance bike") == "what about a balance bike"
    )
    assert follow_up_ask("maybe i just fix up my old one... do u sell a bow and rosin") == (
        "do u sell a bow and rosin"
    )
    # sizes: none from where one records; one size said twice is one
    assert read_needs("usb mic, recording in a small bedroom that echoes").sizes == ()
    assert read_needs("do you have them in large too?").sizes == ("size large",)
    assert read_needs("a full size 4/4 violin").sizes == ("full size", "4/4")
    assert read_needs("size 10 and size 1").sizes == ("size 10", "size 1")


def test_what_is_said_of_the_person_and_two_sides_of_a_size() -> None:
    """ "present for my girlfriends dad, ive met him like twice" had starred a book titled
    "Twice"; "he does woodworking in his garage if that helps" had searched "garage helps";
    "bubble mailers 6x10" had read no size and "6x9ish" a $7-$11 budget."""
    from assistant.cues import asked_phrase
    from assistant.fits import size_pattern
    from assistant.needs import read_needs
    from assistant.prices import strip_price_phrases

    dad = read_needs(clean_message("present for my girlfriends dad, ive met him like twice"))
    assert dad.recipient is None and dad.gift and dad.product_words == ""  # her dad: no "your dad"
    assert (
        read_needs("he does woodworking in his garage if that helps").product_words == "woodworking"
    )
    assert read_needs("bubble mailers 6x10 pack of 100").sizes == ("pack of 100", "6x10")
    assert read_needs("a 4x4 rc truck").sizes == ()
    assert "6x9ish" in strip_price_phrases("6x9ish, whichever is cheapest")
    sides = size_pattern("6x10")
    assert sides.search('Mailers 6" x 10"') and not sides.search("Poly Mailers 16x10")
    assert asked_phrase("i need rigid cardboard mailers instead") == "rigid cardboard mailers"


def test_another_key_said_replaces_the_key_asked_before() -> None:
    """ "no wait he just texted he already has a C, get me one in A or G instead" after harmonicas
    in the key of C had kept C ("fits best: the key of C you asked for")."""
    from assistant.fits import size_pattern
    from assistant.state import _with_sizes, swapped_size

    state = ConversationState(sizes=("key of C",), shown=("a",))
    said = "he already has a C, get me one in A or G instead"
    assert swapped_size(said, state) == "key of A or G"
    assert swapped_size("back in a week", state) is None
    assert _with_sizes(("key of C", "10 hole"), ("key of A or G",)) == ("10 hole", "key of A or G")
    either = size_pattern("key of A or G")
    assert either.search("Harmonica Key of A") and either.search("Blues Harp in G")
    assert not either.search("Harmonica Key of C")


def test_whom_it_is_for_is_said_after_for_and_a_magnification_is_read(
    small_catalog: Catalog,
) -> None:
    """ "my sister wants a microscope for her son" had been "fits best for your sister" (and then
    "for your son"); "which one magnifies more?" had been answered with the cheapest and the best
    rated beside titles saying "60x-100x"."""
    from assistant.advice import _measure_lead
    from assistant.needs import read_needs

    # someone else's is named by no one ("your son" would be wrong): not the sister either
    assert read_needs("my sister wants a microscope for her son, budget 80").recipient is None
    assert read_needs("my mom needs a gift for her sister").recipient is None
    assert read_needs("present for my girlfriend's dad").recipient is None
    assert read_needs("a puzzle for my son").recipient == "son"
    base = cards(small_catalog, 2)
    scopes = [
        c.product.model_copy(update={"id": f"m{i}", "title": t, "description": ""})
        for i, (c, t) in enumerate(
            zip(base, ["Microscope 60x-100x", "Kids Microscope Set"], strict=True)
        )
    ]
    lead = _measure_lead("which one magnifies more?", scopes, {"m0": 1, "m1": 2})
    assert (
        lead
        == 'The listings say: [1] "Microscope 60x-100x". [2] does not say how much it magnifies.'
    )


def test_a_variety_replaces_its_sibling(small_catalog: Catalog) -> None:
    """ "should i go concert instead?" after soprano ukuleles had searched concert things (a
    concert pack, chimes); "electric instead" after acoustic guitars kept "acoustic" ("acoustic
    and electric, as you asked")."""
    from assistant.cues import siblings

    assert "soprano" in siblings("concert") and siblings("guitar") == frozenset()
    shown = ["ADM Soprano Kids Ukulele 21 Inch", "Moukey Soprano Ukulele Set"]
    query = understand("should i go concert instead?", None, [], shown).query
    assert query.intent is Intent.refine and query.narrows == "concert" and query.kind is None
    state = ConversationState(search="soprano ukulele kids", need="soprano ukulele", kind="ukulele")
    after = advance(state, query, small_catalog)
    assert after.search.split()[:2] == ["concert", "ukulele"] and "soprano" not in after.need
    guitars = ConversationState(search="acoustic guitar", attributes=("acoustic",), kind="guitar")
    electric = understand("electric instead", None, [], ["Acoustic Guitar Kit"]).query
    assert advance(guitars, electric, small_catalog).attributes == ("electric",)


def test_a_choice_and_a_request_after_it_are_told_apart() -> None:
    """One message choosing a card and asking for more: the clauses choosing (to where the
    choosing ends) and the rest; a question or a choice alone is no such pair."""
    from assistant.cues import choice_and_more

    assert choice_and_more(
        "the 3rd one is fine, can u also pull up some light gauge strings that fit a dreadnought"
    ) == (
        "the 3rd one is fine",
        "can u also pull up some light gauge strings that fit a dreadnought",
    )
    assert choice_and_more("the vic firths work, add those. my practice pad is falling apart too "
                           "so find me a 12 inch one") == (
        "the vic firths work, add those",
        "my practice pad is falling apart too so find me a 12 inch one",
    )  # fmt: skip
    assert choice_and_more("ok grabbing the 100ct box. also any of those squeeze wash bottles")[1] == (
        "also any of those squeeze wash bottles"
    )  # fmt: skip
    assert choice_and_more("d'accord je prends le rose, vous avez aussi des cordes ?") == (
        "d'accord je prends le rose", "vous avez aussi des cordes ?")  # fmt: skip
    # a second thing said after "and" ("add the cheaper one and a gig bag for it" had searched
    # "add cheaper gig bag": addition flash cards)
    assert choice_and_more("add the cheaper one and a gig bag for it") == (
        "add the cheaper one", "a gig bag for it")  # fmt: skip
    for alone in ("ok ill take the 3rd", "the cheapest tuner is fine", "i need one that works with my amp",
                  "is the 2nd one good for a beginner, also does it need batteries"):  # fmt: skip
        assert choice_and_more(alone) is None, alone


def test_days_months_and_how_words_are_no_product_words() -> None:
    """ "my son turns 9 saturday and hes obsessed w rc cars" had made the kind "saturday",
    "multimeter mostly for car stuff" the kind "mostly" (multimeters said not carried), and
    "starts orchestra in sept and picked violin" said "We don't seem to carry picked violin"."""
    for word in ("saturday", "Sundays", "sept", "december", "mostly", "usually", "literally",
                 "separately", "thing", "picked"):  # fmt: skip
        assert not_product_word(word), word
    for word in (
        "tally",
        "assembly",
        "butterfly",
        "jelly",
        "ukulele",
        "super",
        "monopoly",
        "march",
    ):
        assert not says_how(word), word
    assert product_kind("multimeter mostly for car stuff") == "multimeter"
    query = understand(
        "my 8 yr old starts orchestra in sept and picked violin, need one", None, []
    ).query
    assert query.search.split()[0] == "violin", query.search


def test_an_aside_and_a_height_are_no_product_or_age() -> None:
    """ "dumb q but do i have to buy an amp too" had searched a Dumbo plush ("dumb q"), and "shes
    about 4 foot 2" had read a 4-year-old (a telling-time clock for toddlers beside violins)."""
    query = understand(
        "dumb q but do i have to buy an amp too or can i just plug headphones in somehow", None, []
    ).query
    assert "dumb" not in query.search and "amp" in query.search, query.search
    for text in ("how do i tell if she needs a 1/2 or 3/4, shes about 4 foot 2",
                 "hes like 5'6 and still growing", "she's 4 ft tall"):  # fmt: skip
        assert understand(text, None, []).query.age_min is None, text
    assert understand("she's 4 and loves horses", None, []).query.age_min == 4


def test_how_a_gift_is_told_names_whom_not_what() -> None:
    """Vague gifts told over several turns: "for my brother in law, hes impossible to shop for"
    had searched "law" and then "impossible"; "he just started bass guitar a few months ago" made
    the kind "ago"; "a coworker i dont know super well" the kind "super" ("super glue" stays)."""
    law = understand("for my brother in law, hes impossible to shop for", None, []).query
    assert (law.recipient, law.search) == ("brother", ""), law
    ago = understand("he just started bass guitar a few months ago i think. 30ish", None, []).query
    assert ago.search == "bass guitar", ago.search
    well = understand(
        "for a coworker i dont know super well, her desk is covered in plants", None, []
    )
    assert "super" not in well.query.search, well.query.search
    assert understand("super glue for plastic", None, []).query.search.startswith("super glue")
    assert understand("end of year teacher gift ideas?", None, []).query.age_min == 18


def test_an_opener_of_regret_what_about_and_a_bit_name_no_product() -> None:
    """ "ah bummer. any soft toys that clip onto a car seat handle then?" had been asked of the
    cards on screen; "what about heavy duty gloves for yard work" had no kind ("about" ended
    it); "my hands shake a bit" made the kind "bit"; "bundles with capo + picks" the kind
    "bundles"."""
    assert clean_message("ah bummer. any soft toys that clip onto a car seat handle then?") == (
        "any soft toys that clip onto a car seat handle then?"
    )
    assert clean_message("dang ok. what about a magnifier").startswith("what about")
    assert (
        product_kind("oh ok. what about heavy duty gloves for yard work then, my hands are wrecked")
        == "gloves"
    )
    assert product_kind("a book about space") == "book"
    assert "bit" not in clean_message("hands free would be better, my hands shake a bit")
    assert "bit" in clean_message("i need a bit for my drill")
    assert product_kind("one of those bundles with capo + picks + tuner") != "bundles"


def test_an_age_said_of_them_with_theyre() -> None:
    """ "play kitchen for my twins, theyre 3" had read no age (toys for any age were starred)."""
    assert understand("play kitchen for my twins, theyre 3", None, []).query.age == (3, 3)
    assert understand("they are both 6", None, []).query.age == (6, 6)
    assert understand("theyre 30 dollars?", None, []).query.age is None


def test_how_long_a_journey_lasts_is_travel_not_a_product() -> None:
    """ "we have a 9 hour flight with our 4 yr old" had made the kind "flight" (toy planes and a
    flight controller, "not carried"): a journey said by its length is travel."""
    query = understand("we have a 9 hour flight with our 4 yr old next month and i am dreading it. "
                       "need stuff that keeps her busy", None, []).query  # fmt: skip
    assert "flight" not in query.search and "travel" in query.search, query.search
    assert query.age == (4, 4)


def test_a_card_accepted_by_its_price_and_a_budget_said_to_bend() -> None:
    """ "the cheapest tuner is fine" had searched "tuner fine" (tuning pegs for $1), and "a
    hundred-ish but i can stretch a lil" searched "stretch lil" (stretch wrap)."""
    from assistant.cues import priced_one

    assert priced_one("the cheapest tuner is fine") == "low"
    assert priced_one("the cheapest violin you have") is None  # a request, not a card named
    query = understand("the cheapest tuner is fine", None, [], SHOWN).query
    assert (query.intent, query.move) == (Intent.detail, "chosen"), query
    assert understand("the cheapest one works", None, [], SHOWN).query.move == "chosen"
    # asked, not chosen: "does the cheapest one work with an ender 3" had been "Good choice: [1]"
    asked = understand("does the cheapest one work with an ender 3", None, [], SHOWN).query
    assert asked.move != "chosen", asked
    bent = understand("a hundred-ish but i can stretch a lil", None, [], SHOWN).query
    assert "stretch" not in bent.search and bent.max_price == 120, bent


WALKIE = ["Walkie Talkies for Kids - 22 Channels - 3 Miles Range",
          "Vivibyan Walkie Talkies for Kids, 2 Way Radio", "Spy Gear Field Agent Spy Walkie Talkies"]  # fmt: skip


def test_the_ones_on_screen_narrowed_or_the_most_so_asked_for() -> None:
    """ "only the ones that take AA batteries" after walkie talkies had searched batteries (a
    battery charger starred), "only the ones that fold up flat" music stands and a DJ facade, and
    "whichever is loudest" a noise maker: the first narrows what is on screen, the second asks
    which of the cards is most so."""
    narrowed = understand("only the ones that take AA batteries, i dont want another thing to charge",
                          None, [], WALKIE).query  # fmt: skip
    assert narrowed.intent is Intent.refine and narrowed.kind is None, narrowed
    assert (
        understand("just the ones with more than 1000 pieces", None, [], WALKIE).query.intent
        is Intent.refine
    )
    for text in ("whichever is loudest, he bangs on the keys lol",
                 "ok then show me whichever set has the biggest pieces"):  # fmt: skip
        assert understand(text, None, [], WALKIE).query.intent is Intent.compare, text
    # the nearest to a request is no card asked for by how it is
    assert understand("ok whichever is closest then, i want a maple neck", None, [], WALKIE
                      ).query.intent is not Intent.compare  # fmt: skip


def test_how_often_how_long_and_how_many_are_no_product_words() -> None:
    """ "she does crosswords every morning and reads a ton" had made the kind "morning", "gel pens,
    i want a ton of colors" the kind "ton", and "she taught chemistry for 30 yrs" had searched
    "taught chemistry 30" ("We don't seem to carry taught chemistry 30")."""
    told = understand("she does crosswords every morning and reads a ton", None, []).query
    assert "morning" not in told.search and "ton" not in told.search.split(), told.search
    assert "crosswords" in told.search, told.search
    assert (
        understand("gel pens for bullet journaling i want a ton of colors", None, []).query.kind
        != "ton"
    )
    taught = understand(
        "retirement gift for a coworker, she taught chemistry for 30 yrs", None, []
    ).query
    assert taught.search.split() == ["chemistry"], taught.search
    # an age said after "for" stays an age, its "olds" no kind
    party = understand("party games for 6 year olds at a bday party", None, []).query
    assert party.kind == "games" and party.age == (6, 6), party


def test_two_sorts_weighed_and_whether_someone_would_get_on_with_a_card() -> None:
    """ "whats the difference between a condenser and a dynamic mic" had read no two things (the
    article) and listed a lab condenser as a product of its own; "petg vs abs whats the
    difference" made the kind "abs" and said not carried beside PETG filament; "would a 10 yr
    old get it" after a board game refined the list to a 10-year-old's products; "a stand that
    fits it" after a practice pad searched stands of any kind."""
    from assistant.advice import asked_about
    from assistant.cues import alternatives
    from assistant.kinds import listed_products

    said = "whats the difference between a condenser and a dynamic mic for singing in my bedroom"
    assert alternatives(said) == ("condenser", "dynamic mic")
    assert listed_products(said) == ()
    assert understand(said, None, []).query.kind == "mic"
    assert (
        understand("petg vs abs whats the difference, for planter brackets", None, []).query.kind
        is None
    )
    games = ["Patchwork | Strategy Game | Two Player Game", "Stratego - Board Game"]
    asked = understand("would a 10 yr old get it", None, [], games).query
    assert asked.intent is Intent.detail and asked.age == (10, 10), asked
    pads = ConversationState(kind="pads", search="drum practice pads", need="drum practice pads")
    # (not gear named alone, which was already for the card: the clause says it is)
    stand = understand(
        "ok find me a sturdy stand that fits it", None, [], ["Drum Practice Pad"]
    ).query
    assert advance(pads, stand, Catalog([])).search.split()[0] == "pads"
    alone = understand("ok find me a sturdy stand", None, [], ["Drum Practice Pad"]).query
    assert "pads" not in advance(pads, alone, Catalog([])).search.split()
    # a model's code asked whole, how it is asked not
    assert asked_about("will the focusrite one work on an M2 chip without installing drivers?") == (
        "m2 chip without drivers"
    )


def test_stuff_said_by_what_it_does_narrows_what_is_on_screen() -> None:
    """ "ideally stuff that washes off walls and hands" after markers had made the kind "hands"
    and said "We don't seem to carry ideally"."""
    markers = ["VIVOYAN Kids Erasable Doodle Book Set", "Magnetic Drawing Board for Toddlers"]
    query = understand("ideally stuff that washes off walls and hands", None, [], markers).query
    assert query.intent is Intent.refine and query.kind is None, query


def test_a_card_named_by_look_then_measured_and_an_age_able_to_use_it() -> None:
    """ "the wooden one, how big is it" had refined to wooden things and quoted "4-in-1" as a
    size (an inch); "would a 6 year old be able to use it too" searched "able"."""
    from assistant.advice import _measured
    from retrieval.catalog import Product

    puzzles = [
        "Melissa & Doug Dinosaurs 4-in-1 Wooden Jigsaw Puzzles",
        "WWF Floor Puzzle 50 Pieces",
    ]
    assert (
        understand("the wooden one, how big is it", None, [], puzzles).query.intent is Intent.detail
    )
    scopes = ["AmScope Kids Microscope Kit", "Just My Style Mini Microscope"]
    assert understand(
        "would a 6 year old be able to use it too", None, [], scopes
    ).query.intent is (Intent.detail)
    box = Product(
        id="t:1", title="Dinosaurs 4-in-1 Wooden Jigsaw Puzzles in a Storage Box", source="t"
    )
    assert _measured("how big is it", box) == ("a size", "")


def test_what_is_said_around_a_gifts_budget_names_no_product() -> None:
    """Each had been searched as a product: "were splitting it 4 ways" (split shafts), "its just a
    thank you for covering my shifts" (shift covers), "10 years married this month" ("Married To
    Murder"), "could stretch to 120 if its really nice" (the kind "stretch"), "he already has like
    6 cubes, cheaper is better" ("Check before you buy: that it fits your better 6"), "a coworker
    whos leaving the company" ("leaving company")."""
    for text, high in (("no more than fifty, were splitting it 4 ways", 50),
                       ("$15-20, its just a thank you for covering my shifts", 20),
                       ("100 tops, could stretch to 120 if its really nice", 100),
                       ("under 30 but honestly cheaper is better, he already has like 6 cubes", 30),
                       ("anniversary gift for my wife, 10 years married this month", None),
                       ("gift for my coworker whos leaving the company", None)):  # fmt: skip
        query = understand(clean_message(text), None, []).query
        assert query.search == "" and query.kind is None, (text, query.search, query.kind)
        assert query.max_price == (None if high is None else Decimal(high)), (text, query.max_price)
    assert understand("cheaper is better", None, []).query.prefer_cheap
    # a budget that can go up stays one
    assert (
        understand("hmm budget can go up to $60 if its really good", None, []).query.max_price == 60
    )


def test_of_those_which_and_a_sale_where_it_was_bought() -> None:
    """ "ok of those which one has the most keys" had searched "keys"; "random tracks from a
    garage sale" was answered that the catalog lists no sales; "la moins chère" was not read as
    the cheapest."""
    from assistant.cues import CHEAPEST, NOT_RECORDED

    kalimbas = ["NewChord Mini Kalimba 8 keys", "Kalimba 17 Keys Thumb Piano"]
    assert understand(
        "ok of those which one has the most keys", None, [], kalimbas
    ).query.intent is (Intent.compare)
    assert not NOT_RECORDED.search("we have a bunch of random tracks from a garage sale")
    assert NOT_RECORDED.search("is it on sale")
    assert CHEAPEST.search("la moins chère, elle marche à piles ?")


def test_a_card_named_by_what_it_has_then_asked_of() -> None:
    """ "the one with the slide kit, does it need batteries or does it plug in" had been a
    refinement searching "slide kit batteries plug"."""
    scopes = ["AmScope Kids Microscope Kit", "Mini Microscope With Slides", "Microscope Set"]
    query = understand("the one with the slide kit, does it need batteries or does it plug in",
                       None, [], scopes).query  # fmt: skip
    assert query.intent is Intent.detail, query


def test_a_card_named_alone_then_something_more_asked() -> None:
    """ "the elixir ones. whats a good string winder/cutter to go with them" had searched "elixir
    string winder/cutter" and said not carried; "the black one for $29. need weigh boats for it
    too" read $29 as a budget for the weigh boats. A card named alone as a sentence chooses it,
    and what follows is a request of its own."""
    from assistant.cues import choice_and_more

    assert choice_and_more(
        "the elixir ones. whats a good string winder/cutter to go with them"
    ) == ("the elixir ones", "whats a good string winder/cutter to go with them")
    assert choice_and_more("the black one for $29. need weigh boats for it too, small size") == (
        "the black one for $29",
        "need weigh boats for it too, small size",
    )
    # a card named, then asked of, is no choice
    assert choice_and_more("the black one, does it need batteries") is None


def test_a_budget_with_its_reason_refines_and_a_french_which_with_any_verb() -> None:
    """ "$15-20, its just a thank you for covering my shifts" after cards had been a new request
    for no product (a broad search); "laquelle grossit le plus ?" was no question of the cards."""
    dna = ["Molymod DNA Model Set", "4M Triceratops Dinosaur DNA Kit"]
    budget = understand("$15-20, its just a thank you for covering my shifts", None, [], dna).query
    assert budget.intent is Intent.refine and budget.max_price == 20, budget
    from assistant.cues import ABOUT_SHOWN

    assert ABOUT_SHOWN.search("laquelle grossit le plus ?")


def test_a_maker_asked_of_the_request_on_screen_refines_it() -> None:
    """ "any by kala?" after concert ukuleles with a pickup had been answered of card [1] ('Its
    listing does not mention "kala"'), with a Kala ukulele at [2]; "or cordoba, she said cordoba
    is good" had searched the name alone (a T-shirt, a gig bag); "do u have amscope or swift"
    after microscopes had searched slides. Each asks the same request by that maker."""
    from assistant.cues import asked_makers

    makers = BrandLexicon(
        ["Kala", "Cordoba", "AmScope"],
        ["fender strat", "fender tele", "fender bass", "red wagon", "red ball", "red hat"],
    )
    assert asked_makers("any by kala?", makers) == ("kala",)
    assert asked_makers("or cordoba, she said cordoba is good", makers) == ("cordoba",)
    assert asked_makers("do u have amscope or swift", makers) == ("amscope", "swift")
    # said "by", a common word is a maker's name; said alone, only where the titles saying it
    # mostly start with it ("Fender Strat", not "Red Wagon" beside "Big Red Barn")
    assert asked_makers("anything by fender?", makers) == ("fender",)
    assert asked_makers("any fender ones", makers) == ("fender",)
    assert asked_makers("just the Korg ones", BrandLexicon(["Korg"], [])) == ("korg",)
    assert asked_makers(
        "only yamaha please", BrandLexicon([], ["Yamaha P45", "Yamaha PSR", "Yamaha F310"])
    ) == ("yamaha",)
    common = BrandLexicon(
        [],
        ["Wooden Train", "Wooden Blocks", "Wooden Puzzle"] + [f"Toy {i} Wooden" for i in range(5)],
    )
    assert asked_makers("just the wooden ones", common) == ()
    for other in ("any cheaper?", "any red ones?", "any that are smaller", "any by the window"):
        assert asked_makers(other, makers) == (), other
    ukes = ["Concert Ukulele Hosgor 23 inch", "Kala Teak Tri-Top Concert Ukulele", "Makanu Concert"]
    query = understand("any by kala?", None, [], ukes, makers).query
    assert (query.intent, query.brands, query.narrows) == (Intent.refine, ("kala",), "kala")
    assert query.kind is None, query


def test_a_sentence_telling_the_story_names_no_product() -> None:
    """ "nothing too loud please, we live in an apartment. a drum set for my son" had made the
    kind "live" (apartment furniture and a Live Series mic stand shown, "We don't seem to carry
    nothing too loud")."""
    from assistant.kinds import product_kind

    assert (
        product_kind("nothing too loud please, we live in an apartment. a drum set for my son")
        == "drum"
    )
    assert product_kind("we live in an apartment. a drum set for my son") == "drum"
    assert product_kind("she plays violin. she needs a shoulder rest") == "rest"
    # a need said in a sentence of its own is no story
    assert product_kind("i need a drum set. we live in an apartment") == "drum"


def test_a_know_how_question_searches_its_product_and_reads_no_age_of_a_thing() -> None:
    """ "how do i keep my guitar strings from going dead so fast" had said "We don't seem to carry
    that"; "my ukulele strings are like 2 yrs old ..., how often are you actually supposed to
    change them" recommended strings "for a 2-year-old" and corrected "thuddy" to "teddy"."""
    dead = understand("how do i keep my guitar strings from going dead so fast", None, []).query
    assert dead.asks_how and dead.need == "guitar strings" and dead.kind == "strings", dead
    old = understand("my ukulele strings are like 2 yrs old and sound kinda dull and thuddy, how "
                     "often are you actually supposed to change them", None, []).query  # fmt: skip
    assert old.asks_how and old.need == "ukulele strings" and old.age_min is None, old
    assert not old.unknown, old.unknown  # (what the strings sound like names no product)
    # a request is no question of know-how, nor is asking where to get one
    for request in (
        "guitar strings that dont go dead so fast",
        "how do i get a refund for my guitar strings",
    ):
        assert not understand(request, None, []).query.asks_how, request


def test_whose_place_and_an_occasions_colour_are_not_what_is_asked() -> None:
    """ "white elephant at my husbands office" had made the kind "husbands" and, later, led with
    "white, as you asked"; "a gift for my landlord, hes like 60 and builds ham radio stuff"
    the kind "landlord"; "... still out in his woodshop every morning making birdhouses" the
    kind "out"."""
    office = understand(
        "white elephant gift for my husbands office, theyre all engineers", None, []
    ).query
    assert office.kind is None and office.gift and office.attributes == (), office
    landlord = understand(
        "gift for my landlord, hes like 60 and builds ham radio stuff", None, []
    ).query
    assert landlord.kind is None and "ham radio" in landlord.search, landlord
    assert "builds" not in landlord.search, landlord.search
    woodshop = understand("gift for my grandpa, he is 78 and still out in his woodshop every "
                          "morning making birdhouses", None, []).query  # fmt: skip
    assert woodshop.kind is None and "out" not in woodshop.search.split(), woodshop
    # (a child's own word stays: "slime kit for 6 girls")
    assert (
        "girls" in understand("slime kit for a sleepover, 6 girls turning 9", None, []).query.search
    )


def test_a_budget_and_what_an_open_gift_should_be_like_narrow_it() -> None:
    """ "$20 cap, clever or nerdy" after a white elephant gift had been a new request: "We don't
    seem to carry clever or nerdy"."""
    from assistant.state import told_of_them

    gift = understand(
        "white elephant gift for my husbands office, theyre all engineers", None, []
    ).query
    state = advance(ConversationState(), gift, Catalog([]))
    state = state.model_copy(update={"shown": ("p1",)})
    budget = understand("$20 cap, clever or nerdy", None, [], ["A puzzle", "A mug"]).query
    told = told_of_them(budget, state)
    assert told is not None and told.intent is Intent.refine and told.narrows == "clever nerdy", (
        told
    )


def test_someone_told_of_with_nothing_asked_is_an_open_gift_for_them() -> None:
    """ "grandpa is 78 and still out in his woodshop every morning making birdhouses" had made the
    kind "out" and the next message forgot grandpa; "want to get something for my landlord, he
    fixed our heater at 11pm on a sunday" searched "fixed heater 11pm" and said not carried."""
    grandpa = understand("grandpa is 78 and still out in his woodshop every morning making "
                         "birdhouses", None, []).query  # fmt: skip
    assert grandpa.gift and grandpa.recipient == "grandpa" and grandpa.kind is None, grandpa
    landlord = understand("want to get something for my landlord, he fixed our heater at 11pm on "
                          "a sunday lol", None, []).query  # fmt: skip
    assert landlord.gift and landlord.recipient == "landlord" and "heater" not in landlord.search
    # a story that names what is wanted keeps it
    kalimba = understand(
        "my wife saw someone playing a kalimba and she needs one that is easy", None, []
    )
    assert kalimba.query.kind == "kalimba" and not kalimba.query.gift, kalimba.query
    # what a told gift should be like narrows it
    from assistant.state import told_of_them

    state = advance(ConversationState(), grandpa, Catalog([])).model_copy(update={"shown": ("p1",)})
    precise = understand("so something precise maybe", None, [], ["A pegboard", "A tray"]).query
    # (read as a narrowing by its words, or by what is told of the gift)
    told = told_of_them(precise, state) or precise
    assert told.intent is Intent.refine and "precise" in told.narrows, told


def test_a_side_said_is_a_quality_and_the_shoppers_own_story_is_not_searched() -> None:
    """ "acoustic guitar for me, something on the lighter side, my back isnt great and i play
    standing up at church" had shown guitar stands (for "standing"); "need a ring stand for our
    bunsen burner setup, the one we have wobbles every time someone breathes on it" microphone
    stands, under "We don't seem to carry ring stand"."""
    guitar = understand("acoustic guitar for me, something on the lighter side, my back isnt great "
                        "and i play standing up at church", None, []).query  # fmt: skip
    assert guitar.search == "acoustic guitar lightweight", guitar.search
    ring = understand("need a ring stand for our bunsen burner setup at the co-op, the one we have "
                      "wobbles every time someone breathes on it, want something a bit more heavy duty",
                      None, []).query  # fmt: skip
    assert "wobbles" not in ring.search and "breathes" not in ring.search, ring.search
    # what the one they own is like stays: "my neck is kinda chunky (martin d-18)" of a capo
    capo = understand(
        "need a capo for my acoustic, my neck is kinda chunky (martin d-18)", None, []
    )
    assert "chunky" in capo.query.search, capo.query.search
    assert "small" in understand("a keyboard on the smaller side", None, []).query.search.split()


def test_cards_named_then_asked_of_and_what_else_is_had_that_does_more() -> None:
    """ "the egg ones, are they ok for a kid that still chews stuff" had searched Easter eggs; "ok
    what do you have that goes higher, sub 150" asked the same card's listing about "goes
    higher" (and "sub 150" was no budget); "my 5yo wants to make music ..., we share a wall
    with people who just had a baby" said "fits best for your baby"."""
    shakers = [
        "Lovermusic Gold Plastic Egg Shakers",
        "4 PCS Wood Egg Shakers Set",
        "ARENA Studio Shaker",
    ]
    eggs = understand(
        "the egg ones, are they ok for a kid that still chews stuff", None, [], shakers
    )
    assert eggs.query.intent is Intent.detail, eggs.query
    scopes = ["15 inch Pirate Telescope 12x Magnification", "Kids Binoculars 10x"]
    higher = understand("ok what do you have that goes higher, sub 150", None, [], scopes).query
    assert higher.intent is Intent.refine and higher.max_price == 150, higher
    music = understand("my 5yo wants to make music but nothing too loud, we share a wall with "
                       "people who just had a baby", None, []).query  # fmt: skip
    assert music.recipient is None and music.age_min == 5, music


def test_a_variety_said_with_its_purpose_and_a_comparative_needed_refine() -> None:
    """ "what about electronic so we can turn it down" after drum sets had searched "electronic"
    alone ("We don't seem to carry that"); "actually i need bigger, like 1000ml and up" after
    beakers said "We don't seem to carry actually i need bigger"."""
    drums = ["Childs Drum Set with Bass Drum, Snare, Cymbals", "New 5-Piece Junior Red Drum Set"]
    electronic = understand("what about electronic so we can turn it down", None, [], drums).query
    assert electronic.intent is Intent.refine and electronic.narrows == "electronic", electronic
    beakers = ["SEOH 3 Pack Glass Borosilicate Graduated Beakers 50ml 100ml and 250ml"]
    bigger = understand("actually i need bigger, like 1000ml and up", None, [], beakers).query
    assert bigger.intent is Intent.refine and bigger.sizes == ("1000ml",), bigger


def test_a_know_how_question_reads_its_product_from_what_the_shopper_has() -> None:
    """ "is it bad to keep my pla spools in the garage over winter" had made the kind "bad" (Bad
    Cat guitars starred), then none ("We don't seem to carry it gets"); "can i just leave my
    digital piano plugged in all the time" was no question of know-how."""
    spools = understand("is it bad to keep my pla spools in the garage over winter, it gets below "
                        "freezing out there", None, []).query  # fmt: skip
    assert spools.asks_how and spools.kind == "spools", spools
    piano = understand("can i just leave my digital piano plugged in all the time", None, []).query
    assert piano.asks_how and piano.kind == "piano", piano
    assert understand("a bad cat guitar", None, []).query.kind == "guitar"


def test_what_one_is_supposed_to_do_names_no_product() -> None:
    """ "how often are you supposed to change guitar strings, mine sound dead" had made the kind
    "supposed" ("We don't seem to carry supposed", asked in the browser)."""
    query = understand(
        "how often are you supposed to change guitar strings, mine sound dead", None, []
    ).query
    assert query.asks_how and query.kind == "strings" and query.need == "guitar strings", query
    assert understand("do i have to tune a new ukulele every day", None, []).query.asks_how
    assert understand("i have to buy a tuner", None, []).query.kind == "tuner"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("why does my capo buzz", "capo"),  # had been the kind "buzz" (Buzz Lightyear's shelf)
        ("why does my capo buzz on the low e string", "capo"),
        ("why won't my violin stay in tune", "violin"),
        ("why does my acoustic guitar buzz when i play hard", "guitar"),
        ("why does my 3d printer keep clogging", "printer"),
    ],
)
def test_why_does_my_product_do_something_is_about_that_product(text: str, kind: str) -> None:
    """The verb after the shopper's own product is what it does, not the kind asked about."""
    query = understand(text, None, []).query
    assert query.asks_how and query.kind == kind, query


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a word English uses only as an adjective, an -ing verb or a common verb names no kind
        ("my solder joints come out all lumpy and dull looking", "joints"),  # had been "lumpy"
        ("something less noisy please her mom will kill me", None),  # had been "noisy"
        ("which one is the quietest", None),  # had been "quietest"
        ("my violin wont stay in tune", "violin"),  # had been "stay"
        # ... but a noun that is also a verb is one, and what a kit is for names it
        ("protein bars in bulk", "bars"),
        ("friendship bracelet making kit for a 7 year old girl", "making"),
        ("a remote for my tv", "remote"),
        ("a soprano ukulele", "ukulele"),  # (a word the dictionary does not know may be one)
    ],
)
def test_a_kind_is_a_word_that_can_name_a_thing(text: str, kind: str | None) -> None:
    assert product_kind(text) == kind


def test_a_follow_up_keeps_the_talks_language_among_those_confused(vocabulary: Vocabulary) -> None:
    """ "esse primeiro faz barulho?" and "tem algum mais barato" after a Portuguese request were
    read as Spanish (their words then searched as typed: an EMS coin, a tam-tam gong)."""
    shown = ["First Act FD149 Discovery Electronic Keyboard"]
    cheaper = understand(
        "tem algum mais barato", None, [], shown, vocabulary=vocabulary, before="pt"
    ).query
    assert (cheaper.language, cheaper.intent, cheaper.cheaper) == ("pt", Intent.refine, True)
    first = understand(
        "esse primeiro faz barulho?", None, [], shown, vocabulary=vocabulary, before="pt"
    ).query
    assert first.language == "pt" and first.intent is not Intent.new, first
    # a mark only Spanish uses still makes it Spanish
    assert vocabulary.language("¿hay uno más barato?", "pt") == "es"
    # "costano meno" had searched Plato's Meno
    italian = understand(
        "ce ne sono che costano meno?", None, [], shown, vocabulary=vocabulary, before="it"
    ).query
    assert italian.cheaper and italian.intent is Intent.refine, italian


def test_a_card_named_then_asked_of_is_a_question_about_it() -> None:
    """ "the third one how long does a game take" had searched "game" ("We don't seem to carry
    game"); "ok and the silver one, will it scratch the neck" searched silver necks."""
    shown = [
        "Stratego - Board Game",
        "Patchwork Two Player Game",
        "Dark Souls The Board Game",
        "Kala KA-15S Soprano Ukulele, Silver",
    ]
    third = understand("the third one how long does a game take", None, [], shown).query
    assert third.intent is Intent.detail and third.references == (3,), third
    silver = understand("ok and the silver one, will it scratch the neck", None, [], shown).query
    assert silver.intent is Intent.detail and silver.references == (4,), silver


def test_what_the_cards_look_like_said_as_a_complaint_is_not_wanted() -> None:
    """ "only the wooden ones please, some of those look plastic" had asked for wooden plastic."""
    shown = ["Melissa & Doug Wooden Peg Puzzle", "Plastic Shape Sorter", "Wooden Knob Puzzle"]
    query = understand("only the wooden ones please, some of those look plastic", None, [], shown)
    assert query.query.unwanted == ("plastic",) and "plastic" not in query.query.need, query.query


def test_a_word_said_as_theirs_is_a_name_not_a_slip(vocabulary: Vocabulary) -> None:
    """ "petg filament for my ender" had been searched as "petg filament elder"."""
    query = understand("petg filament for my ender", None, [], vocabulary=vocabulary).query
    assert "ender" in query.search.split() and "elder" not in query.search, query


def test_what_they_have_already_is_not_wanted_again() -> None:
    """ "she already has like every lego set ever" after Minecraft LEGO sets had been a new search
    of the whole message ("I need a bit more to go on", more LEGO)."""
    shown = ["Lego 21147 Minecraft The Bedrock Adventures", "Minecraft Core Steve Figure Pack"]
    query = understand("she already has like every lego set ever", None, [], shown).query
    assert query.intent is Intent.refine and query.unwanted == ("lego",), query


@pytest.mark.parametrize(
    "text",
    [
        "prints keep lifting off the bed at the corners, so annoying, any supplies that help",
        "when i play my drum kit the kick drum slides forward across the floor every song",
        "my violin wont stay in tune, the pegs keep slipping every time i take it out of the case",
        "my solder joints come out all lumpy and the iron tip has gone kind of black and crusty",
    ],
)
def test_a_problem_told_names_no_kind_to_be_missing(text: str) -> None:
    """Each had made a kind of the story's noun ("prints", "song", "stay", "lumpy"), the store
    "did not carry" it and none of the fixes found was recommended; a look told is the symptom
    ("gone kind of black" had been a wanted colour)."""
    query = understand(text, None, []).query
    assert query.tells_problem and query.kind is None and not query.attributes, query
    assert not query.unknown, query


def test_a_problem_told_with_the_product_asked_for_asks_for_it() -> None:
    query = understand("my guitar keeps falling over, need a stand", None, []).query
    assert query.kind == "stand" and not query.tells_problem, query


def test_a_request_in_another_language_naming_no_product_is_searched_in_english(
    vocabulary: Vocabulary,
) -> None:
    """ "regalo para mi sobrina de 3 años" had been searched as typed (a "Family of 3" ornament
    and "Set of 3" magnets); "minha sobrinha de 7 anos" had searched "anos" (a "125 Anos"
    guitar): the English reading, with the age, is the need."""
    spanish = understand("regalo para mi sobrina de 3 años", None, [], vocabulary=vocabulary)
    assert spanish.query.need.split()[:1] == ["gift"] and "años" not in spanish.query.need
    assert spanish.query.age_min == 3
    portuguese = understand(
        "um presente pra minha sobrinha de 7 anos", None, [], vocabulary=vocabulary
    ).query
    assert portuguese.age_min == 7 and "anos" not in portuguese.need, portuguese


def test_less_of_something_is_not_wanted() -> None:
    """ "something less about battles and more about the people" after war books had searched
    battles (battle board games)."""
    shown = ["The Making Of The British Army", "Attack In The Alleghenies"]
    query = understand("something less about battles and more about the people", None, [], shown)
    read = query.query
    assert read.intent is Intent.refine and "battles" in read.unwanted, read
    assert "battles" not in read.search, read


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("a guitar slide", "slide"),
        ("microscope slides, prepared", "slides"),
        ("garden clogs size 8", "clogs"),
    ],
)
def test_a_product_named_like_a_problem_is_asked_for(text: str, kind: str) -> None:
    """ "slides", "clogs" are things as well as what goes wrong (the review's catch)."""
    query = understand(text, None, []).query
    assert query.kind == kind and not query.tells_problem, query


def test_what_someone_has_is_not_unwanted_in_a_first_message() -> None:
    """ "already has a ukulele, want a case for it": the ukulele is what the case is for."""
    query = understand("my daughter already has a ukulele, want a case for it", None, []).query
    assert "ukulele" not in query.unwanted, query
    shown = ["Melissa & Doug Wooden Peg Puzzle", "Plastic Shape Sorter"]
    looks = understand("only wooden, some of them look plastic", None, [], shown).query
    assert looks.unwanted == ("plastic",), looks


def test_a_possessed_word_keeps_its_catalog_variant(vocabulary: Vocabulary) -> None:
    query = understand("a case for my ukelele", None, [], vocabulary=vocabulary).query
    assert "ukulele" in query.search.split(), query


def test_follow_ups_in_other_languages_ask_the_cards(vocabulary: Vocabulary) -> None:
    """Each had been a new search: "qual deles é o mais silencioso?" (for "quiet"), "il y en a
    en rose ?" (read as Spanish, a "rose"), "gibt es die auch in blau statt schwarz?"; and "le
    deuxième est livré avec des piles ?" had read "livré" as a book."""
    shown = ["Alesis Nitro Mesh Electronic Drum Kit", "Roland TD-02K Drum Kit", "Casio CTK-2000"]

    def read(text: str, before: str) -> ShoppingQuery:
        return understand(text, None, [], shown, vocabulary=vocabulary, before=before).query

    assert read("qual deles é o mais silencioso?", "pt").intent is Intent.compare
    pink = read("il y en a en rose ?", "fr")
    assert pink.language == "fr" and pink.intent is Intent.refine, pink
    assert read("gibt es die auch in blau statt schwarz?", "de").intent is Intent.refine
    batteries = read("le deuxième est livré avec des piles ?", "fr")
    assert batteries.references == (2,) and "book" not in batteries.need, batteries


def test_the_difference_between_two_cards_is_what_their_titles_say_apart(
    small_catalog: Catalog,
) -> None:
    """ "whats the diffrence between the first and third" of two glove boxes had been answered
    "None of these is what you asked for": each card's title words the other does not say are
    quoted, in the shopper's language, and the checker finds each quote on its card."""
    from assistant.advice import asked_answer, differing_parts

    first = "Haylard Health Purple Nitrile Exam Gloves, Large, 100 Count"
    third = "Kimberly-Clark Professional 55083 Purple Nitrile Exam Gloves, 242 mm Length, Large"
    assert differing_parts(first, [third]) == ["Haylard Health", "100 Count"]
    assert differing_parts(third, [first]) == ["Kimberly-Clark Professional 55083", "242 mm Length"]
    assert differing_parts(first, [first]) == []  # the same title: nothing sets it apart
    base = cards(small_catalog, 2)
    shown = [c.model_copy(update={"product": c.product.model_copy(update={"title": t})})
             for c, t in zip(base, (first, third), strict=True)]  # fmt: skip
    table = compare([c.product for c in shown])
    lead, marks = asked_answer("whats the diffrence between the first and third", table, shown)
    assert lead.startswith('What sets them apart, from their titles: [1] "Haylard Health"'), lead
    assert marks == (1, 2) and check(lead, shown) == [], lead
    german, _ = asked_answer("was ist der unterschied zwischen den beiden", table, shown, "de")
    assert german.startswith("Was sie unterscheidet"), german
    # alike titles differ in nothing said: the table's sentence alone
    alike = [c.model_copy(update={"product": c.product.model_copy(update={"title": first})})
             for c in shown]  # fmt: skip
    same = compare([c.product for c in alike])
    assert not asked_answer("what's the difference?", same, alike)[0].startswith("What sets")


def test_a_dislike_or_cards_too_young_are_not_wanted_and_none_of_those_asks_for_others() -> None:
    """ "none of those, she hates pink" had weighed the same craft kits ("[3] is both the cheapest
    and the best rated"), "she hates pink" searched "pink", and "too babyish honestly shes almost
    3, anything more like a puzzle?" kept the baby toys' words: a dislike is not wanted, a
    complaint of the cards with it asks for others, and cards too young push baby titles down."""
    from assistant.unwanted import unwanted_words

    kits = ["Craft-tastic I Love Llamas Kit", "ALEX Toys Craft Sew Fun Craft Kit"]
    assert unwanted_words("she hates pink") == ("pink",)
    assert unwanted_words("he cant stand glitter, any slime kits") == ("glitter",)
    assert unwanted_words("too babyish honestly", shown=True) == ("baby", "toddler", "infant")
    others = understand("none of those, she hates pink", None, [], kits).query
    assert (others.intent, others.unwanted, others.search) == (Intent.more, ("pink",), ""), others
    assert understand("she hates pink", None, [], kits).query.unwanted == ("pink",)
    older = understand(
        "hmm too babyish honestly shes almost 3, anything more like a puzzle?", None, [], kits
    ).query
    assert older.kind == "puzzle" and older.age_min == 3, older
    assert {"baby", "infant"} <= set(older.unwanted), older.unwanted
    # a product named after "none of those" is still a request of its own
    assert (
        understand("none of those, he wants a drum", None, [], kits).query.intent is not Intent.more
    )


def test_two_questions_about_a_card_are_each_answered(small_catalog: Catalog) -> None:
    """ "does the second one need phantom power? and does it come with a stand" had looked for
    "phantom power" alone and quoted "powerful features" for it; "la seconda ha i tasti pesati? e
    quanto costa con il supporto" quoted a "Large Key Keyboard" for "weighted keys"."""
    from assistant.advice import detail_lead, details_lead, silent_on
    from assistant.cues import question_parts

    assert question_parts("does the second one need phantom power? and does it come with a stand") == [
        "does the second one need phantom power?", "does it come with a stand"]  # fmt: skip
    assert question_parts(
        "is the first one loud enough to jam with a friend and does it have a headphone jack"
    ) == ["is the first one loud enough to jam with a friend", "does it have a headphone jack"]
    assert question_parts("la seconda ha i tasti pesati? e quanto costa con il supporto") == [
        "la seconda ha i tasti pesati?", "quanto costa con il supporto"]  # fmt: skip
    assert question_parts("does it come in red and blue?") == ["does it come in red and blue?"]
    card = cards(small_catalog, 1)[0]
    mixer = card.model_copy(update={"product": card.product.model_copy(update={
        "title": "Vocopro Karaoke Dual Microphone Mic Mixer",
        "description": "Great sound and powerful features, all at an affordable price."})})  # fmt: skip
    power = detail_lead("does the second one need phantom power?", mixer)
    assert power == 'Its listing does not mention "phantom power", so we cannot promise it.', power
    assert silent_on(power or "", "en") == "phantom power"
    stand = detail_lead("does it come with a stand", mixer) or ""
    both = details_lead([power or "", stand], "en")
    assert both == (
        'Its listing mentions neither "phantom power" nor "stand", so we cannot promise either.'
    ), both
    said = details_lead(['Its listing says: "Mixer".', stand], "en")
    assert said == f'Its listing says: "Mixer". {stand}', said
    keys = detail_lead("la seconda ha i tasti pesati?", mixer.model_copy(update={"product": mixer.product.model_copy(
        update={"title": "Chester Creek KinderBoard Large Key Keyboard"})}), "it", "weighted keys")  # fmt: skip
    assert keys is not None and "Large Key" not in keys and silent_on(keys, "it"), keys


def test_what_a_gifts_person_has_is_not_wanted_and_an_age_begun_at_is_no_search_word() -> None:
    """ "a gift for my mom she just started learning piano at 60 lol, she already has a keyboard
    tho" had shown keyboards and asked to check each "fits your piano 60"; "music related but not
    cheesy" had made "not" unwanted."""
    mom = understand(
        "looking for a gift for my mom she just started learning piano at 60 lol, she already "
        "has a keyboard tho", None, []).query  # fmt: skip
    assert (mom.age_min, mom.unwanted, mom.gift) == (60.0, ("keyboard",), True), mom
    assert "60" not in mom.search.split(), mom.search
    # what they have is what the product is for where another product is asked
    case = understand("she already has a ukulele, want a case for it", None, []).query
    assert case.unwanted == () and case.kind == "case", case
    teacher = understand(
        "need a thank you gift for my daughters piano teacher, something music related but not "
        "cheesy, under fifty bucks", None, []).query  # fmt: skip
    assert "not" not in teacher.unwanted, teacher.unwanted
    assert understand("a lamp that runs at 60 watts", None, []).query.age_min is None


def test_a_verb_or_a_person_before_the_kind_is_no_compound_of_it() -> None:
    """ "wants to try harmonica" made the compound "try harmonica" and "teen daughter wants to
    learn ukulele ... pastel colors" the compound "teen ukulele": no title says them, and the
    harmonicas and ukuleles shown were "not carried". A baby's thing is still one ("baby doll")."""
    from assistant.fits import compound_noun

    def compound(text: str) -> str | None:
        return compound_noun(
            advance(ConversationState(), understand(text, None, []).query, Catalog([]))
        )

    assert compound("gift for my dad, wants to try harmonica, under 40 bucks") is None
    assert (
        compound(
            "teen daughter wants to learn ukulele, got about 60 bucks, she likes pastel colors"
        )
        is None
    )
    assert compound("a baby doll for my niece") == "baby"
    assert compound("fountain pen for my boss") == "fountain"


def test_a_card_pointed_at_is_asked_and_scratch_that_is_no_kind() -> None:
    """ "how long does a round take on that one" had searched "round" (a boiling flask first);
    "actually scratch that its for his little sister shes 4" had made the kind "scratch"."""
    games = ["Patchwork Strategy Puzzle Game", "Playroom Entertainment Cutterland"]
    round_ = understand("how long does a round take on that one", None, [], games).query
    assert round_.intent is Intent.detail, round_
    assert (
        understand("how many strings does a ukulele have", None, [], games).query.intent
        is Intent.new
    )
    sister = understand(
        "actually scratch that its for his little sister shes 4, what would work for her",
        None, [], games).query  # fmt: skip
    assert sister.kind is None and sister.age_min == 4 and "scratch" not in sister.search, sister


def test_a_colour_asked_replaces_the_one_before_and_a_thing_not_wanted_is_not_asked(
    small_catalog: Catalog,
) -> None:
    """ "any in matte black instead?" after white PLA filament had kept the white spools first
    (white stayed in the search and the features); "which one is stranded not solid" had quoted
    a title's "Solid" as speaking to it."""
    from assistant.advice import asked_about, said_wanted

    white = advance(ConversationState(), understand("1.75mm pla filament in white", None, []).query,
                    small_catalog)  # fmt: skip
    assert "white" in white.search_text().split()
    black = advance(white, understand("any in matte black instead?", None, [], ["Filament, White"]).query,
                    small_catalog)  # fmt: skip
    assert "black" in black.search_text().split() and "white" not in black.search_text().split()
    assert "white" not in black.attributes, black.attributes
    assert asked_about(said_wanted("which one is stranded not solid")) == "stranded"
    assert asked_about(said_wanted("is it loud enough")) == "loud"


def test_what_a_review_of_this_stop_found_stays_mended(small_catalog: Catalog) -> None:
    """A review of this stop's change found: a "little baby doll" asked for made baby titles
    unwanted, "without batteries" was dropped from what a question asks, two boxes told apart by
    their counts had "nothing" setting them apart, and "Ich nehme an, die zweite ist aus Holz?"
    would have been a choice."""
    from assistant.advice import asked_about, differing_parts, said_wanted
    from assistant.unwanted import unwanted_words

    assert unwanted_words("a toy for my little baby girl") == ()
    assert "baby" not in understand("a little baby doll for my niece", None, []).query.unwanted
    assert "batteries" in asked_about(said_wanted("which one works without batteries"))
    assert differing_parts("Nitrile Gloves, Box of 200", ["Nitrile Gloves, Box of 100"]) == [
        "Box of 200"
    ]
    wood = understand("Ich nehme an, die zweite ist aus Holz?", None, [], SHOWN, before="de").query
    assert wood.move != "chosen", wood


def test_is_there_names_no_product_and_how_many_in_another_language_is_a_question() -> None:
    """A notice had said "We don't seem to carry is there a case"; "und wie viele sind in der
    Packung" (no question mark) had been no question about the cards."""
    from assistant.cues import asked_phrase, asks_question

    assert asked_phrase("is there a case for the second one?") == "a case"
    assert asked_phrase("are there any cheaper capos") == "cheaper capos"
    # a question is no product to say back ("We don't seem to carry how many sets are in that")
    assert asked_phrase("how many sets are in that") == ""
    assert asked_phrase("ok the 10 gauge pack, how many sets are in that") == "ok the 10 gauge pack"
    # the clause after a dash names the product ("No xmas present we carry meets the price")
    assert asked_phrase(
        "xmas present for my teen nephew - electric guitar starter pack around 200"
    ) == ("electric guitar starter pack")
    assert asks_question("und wie viele sind in der Packung")
    assert asks_question("combien il y en a par boîte")
    assert not asks_question("wie schön")


def test_whose_rule_is_told_is_not_whom_it_is_for_and_a_plain_figure_not_wanted() -> None:
    """ "double sided tape ... landlord says no nails" had said "fits best for your landlord"; "a
    ukulele for my son, my wife says no drums" read the son as a grown-up; "anything that isnt
    just another plastic figure" had starred plastic figures "plastic, as you asked"."""
    read = understand("double sided tape to hold a mirror on tile, landlord says no nails", None,
                      ["Industrial & Scientific"]).query  # fmt: skip
    assert read.recipient is None
    read = understand("a ukulele for my son, my wife says no drums", None, []).query
    assert read.recipient == "son" and read.age_min is None
    assert understand("my son says he wants a drum kit", None, []).query.recipient == "son"
    read = understand(
        "dinosaur toys under 30 that isnt just another plastic figure", None, []
    ).query
    assert "plastic" in read.unwanted and "plastic" not in read.search


def test_words_of_how_many_where_and_what_share_are_no_kind() -> None:
    """From held-out requests: "béchers ..., plusieurs tailles" read "beakers multiple" (the kind
    "multiple", beakers "not carried"), "cuerdas de nylon, tensión normal" the kind "tension", "she
    teaches the science part" the kind "part" (and "We don't seem to carry teacher appreciation
    gift"), "plates cups banner etc, for about 20 kids" asked to check it fits "your etc 20", "a
    thriller ebook i can finish on a 5 hour flight" searched "finish" and said it was not carried."""
    assert product_kind("glass beakers borosilicate multiple") == "beakers"
    assert product_kind("classical nylon guitar strings tension normal") == "strings"
    teacher = understand("teacher appreciation gift for my sons 3rd grade teacher, she teaches "
                         "the science part, max $20", None, []).query  # fmt: skip
    assert "science" in teacher.interests and teacher.kind != "part"
    assert (
        "etc" not in understand("party plates cups banner etc, for 20 kids", None, []).query.search
    )
    thriller = understand("a thriller ebook i can finish on a 5 hour flight, something twisty like "
                          "gone girl", None, []).query  # fmt: skip
    assert "finish" not in thriller.search and "gone" not in thriller.search
    assert "thriller" in thriller.search
    # (", like small town" is a filler, not a book the ones wanted are like)
    cozy = understand("a cozy mystery ebook, like small town, maybe a cat", None, []).query
    assert "town" in cozy.search


def test_an_age_in_months_and_what_the_very_young_play_with() -> None:
    """ "my granddaughter is 18 months, what do babies that age even play with these days. dont
    want anything with tiny parts" had read an 18-year-old, searched "babies even days tiny parts"
    and said "We don't seem to carry" it."""
    read = understand("my granddaughter is 18 months, what do babies that age even play with these "
                      "days. dont want anything with tiny parts", None, []).query  # fmt: skip
    assert (read.age_min, read.age_max) == (1.5, 1.5)
    assert read.search == "babies toys" and "tiny" in read.unwanted
    assert understand("my son is 9", None, []).query.age_min == 9


def test_a_buzz_told_is_a_problem_and_a_count_with_its_colour_is_no_model() -> None:
    """ "my acoustic guitar buzzes on the low strings" had made the kind "buzzer" (piezo buzzers
    starred); "mascherine ffp2 ..., almeno 50 pezzi, bianche" (read "lab 50 white pieces") asked
    to check it fits "your lab 50"."""
    from assistant.fits import numbered_lines

    read = understand("my acoustic guitar buzzes on the low strings and sounds kinda off even "
                      "right after i tune it", None, []).query  # fmt: skip
    assert read.tells_problem and read.kind is None and "buzzer" not in read.search
    state = ConversationState(search="masks ffp2 lab 50 white pieces", asked="mascherine ffp2")
    assert ("lab", "lab50") not in numbered_lines(state)
    assert numbered_lines(ConversationState(search="puzzle 1000 mountain pieces")) == []


def test_readings_from_the_fresh36_held_out_set() -> None:
    """Each had been misread on requests the project had not seen: "ok thanks thats all" searched
    "all"; "danke, nehme das erste", "vale, lo quiero" were no choice; "Ist beim zweiten ein Kabel
    dabei?" was asked of the first card; "difference between 2 and 4?" set a $2-$4 budget;
    "something less pink" was "pink, as you asked"; "a toy that doesn't need batteries" searched
    batteries; "grandma buying lol" made grandma whom it is for; a list of likings kept its first
    two words; "enemies to lovers" made the kind "enemies"; "every 2 weeks" searched a fitness plan."""
    from assistant.cues import CLOSING
    from assistant.fits import numbered_lines
    from assistant.needs import read_needs

    assert CLOSING.match("ok thanks thats all") and CLOSING.match("cool thanks, thats all")
    cards = ["Apogee Duet 2 Audio Interface", "Mackie Onyx Artist USB Audio Interface"]
    for text, refs in (("danke, nehme das erste", (1,)), ("vale, lo quiero", ())):
        query = understand(text, None, [], cards).query
        assert (query.move, query.references) == ("chosen", refs), text
    assert understand("Ist beim zweiten ein Kabel dabei?", None, [], cards).query.references == (2,)
    between = understand("difference between 1 and 2?", None, [], cards).query
    assert between.min_price is None and between.max_price is None
    assert (
        "pink"
        in understand("something less pink maybe more rainbow", None, [], cards).query.unwanted
    )
    toy = read_needs("toy for a 18 month old that doesn't need batteries, grandma buying lol")
    assert toy.recipient is None and "batteries" not in toy.product_words
    assert "batteries" in understand("a toy that doesn't need batteries", None, []).query.unwanted
    liked = read_needs("my 10 yo niece likes slime, taylor swift and making friendship bracelets")
    assert {"slime", "swift", "friendship"} <= set(liked.interests)
    # (a list ends where it narrows: "historical romance especially anything set in scotland")
    assert read_needs(
        "she loves historical romance especially anything set in scotland"
    ).interests == ("historical", "romance")
    assert read_needs("gift for my dad who plays guitar").product_words == "guitar accessories"
    assert read_needs("romance ebooks enemies to lovers, no cheating").kind == "ebooks"
    assert (
        "weeks" not in read_needs("my e string keeps snapping like every 2 weeks wtf").product_words
    )
    assert numbered_lines(ConversationState(search="woodworking fishing ww2 history")) == []


def test_readings_from_the_fresh37_held_out_set(vocabulary: Vocabulary) -> None:
    """Each had been misread on requests the project had not seen: a costume for a child who
    "wants to be a firefighter" starred a witch costume; "money isnt the issue" searched money;
    "a trick or treat bucket" was two things; "perfect, thats all i needed, thanks!" searched
    "all"; "put the cheapest of those in my cart" searched a toy food cart; "a used one i got off
    a friend" was "for your friend"; "thriller ebooks along the lines of gone girl" had the kind
    "gone"; "a first mic setup" was "not carried"; "something bigger, like 500+ pieces, he
    finishes the small ones in 20 min" and "hmm something co-op maybe, we get way too
    competitive" after cards searched afresh; "need like 2 spools" made spools the kind; "a hard
    case to carry it on the bus" searched buses."""
    from assistant.cues import CLOSING, FOR_IT, alternatives, asked_phrase
    from assistant.needs import read_needs

    fire = read_needs("halloween costume for a 4 year old who wants to be a firefighter")
    assert fire.kind == "costume" and "firefighter costume" in fire.product_words
    mermaid = read_needs("my daughter wants to be a mermaid for halloween, shes 5")
    assert mermaid.kind == "costume" and "mermaid costume" in mermaid.product_words
    # (not a costume where nothing says one: what a young doctor plays with)
    assert read_needs("my son wants to be a doctor when he grows up, hes 6").product_words == (
        "doctor kit"
    )
    grandpa = read_needs("he played harmonica in a blues band, want to get him a really nice one, "
                         "money isnt the issue")  # fmt: skip
    assert "money" not in grandpa.product_words and "harmonica" in grandpa.product_words
    assert alternatives("and a matching trick or treat bucket if u have one") == ()
    assert CLOSING.match("perfect, thats all i needed, thanks!") and CLOSING.match("好的，谢谢")
    cylinders = ["SEOH Graduated Cylinder 100ml", "Karter 50ml Graduated Cylinder"]
    cart = understand("put the cheapest of those in my cart", None, [], cylinders).query
    assert cart.move == "chosen", cart
    assert (
        read_needs("its a used one i got off a friend, the bow barely makes a sound").recipient
        is None
    )
    gone = read_needs("thriller ebooks along the lines of gone girl, twisty unreliable narrator")
    assert gone.kind == "ebooks" and not {"gone", "along", "lines"} & set(
        gone.product_words.split()
    )
    assert read_needs("a decent first mic setup for recording a podcast").kind == "mic"
    assert read_needs("petg filament 1.75mm black, need like 2 spools").kind == "filament"
    assert "bus" not in read_needs("and a hard case to carry it on the bus").product_words
    assert FOR_IT.search("and a hard case to carry it on the bus")
    assert asked_phrase("et un étui rigide", language="fr") == "un étui rigide"
    blocks = ["BRICK STORY Airplane Building Blocks", "FASTSPOK Building Blocks Kids STEM"]
    bigger = understand("something bigger, like 500+ pieces, he finishes the small ones in 20 min",
                        None, [], blocks, vocabulary=vocabulary).query  # fmt: skip
    assert bigger.intent is Intent.refine and "finishes" not in bigger.narrows, bigger
    games = ["Stratego - Board Game", "Patchwork Two Player Game", "Dark Souls The Board Game"]
    coop = understand("hmm something co-op maybe, we get way too competitive and it ends in a fight",
                      None, [], games, vocabulary=vocabulary).query  # fmt: skip
    assert coop.intent is Intent.refine and coop.narrows == "cooperative", coop


@pytest.mark.parametrize(
    ("language", "text", "words"),
    [
        # a clip-on tuner at the headstock (had found corner braces for "braço")
        ("pt", "tem afinador daqueles que prendem na ponta do braço?", {"tuner", "clip-on"}),
        ("pt", "um quebra-cabeça de 500 peças com tema de praia ou mar", {"beach", "sea"}),
        ("es", "algo más rápido, que dure menos de media hora", {"30", "minutes"}),
        ("de", "Ich brauche Einwegpipetten für den Chemieunterricht", {"disposable", "pipettes"}),
        ("zh", "有没有适合新手的吉他拨片？", {"guitar", "picks"}),
        ("zh", "有没有讲明朝的历史书？", {"ming", "dynasty"}),
    ],
)
def test_shopping_words_of_the_fresh37_set_are_read_in_english(
    vocabulary: Vocabulary, language: str, text: str, words: set[str]
) -> None:
    query = understand(text, None, [], vocabulary=vocabulary, before=language).query
    assert words <= set(query.search.lower().split()), query


def test_a_card_asked_of_by_its_look_in_italian_and_a_thing_not_wanted(
    vocabulary: Vocabulary,
) -> None:
    """ "quanto costa quello rosa?" after an Italian talk had been read as English ("quinto costa
    quell rosa"); "qualcosa che non sia un peluche" had searched plush."""
    cards = ["Unicorn Party Supplies Set", "Unicorn Party Decorations, Pink Purple Banner"]
    pink = understand("quanto costa quello rosa?", None, [], cards, vocabulary=vocabulary,
                      before="it").query  # fmt: skip
    assert (pink.language, pink.intent, pink.search) == ("it", Intent.detail, "pink"), pink
    plush = understand("qualcosa che non sia un peluche, ne ha già una montagna", None, [], cards,
                       vocabulary=vocabulary, before="it").query  # fmt: skip
    assert plush.intent is Intent.refine, plush
    assert "plush" in plush.unwanted or "plush" in plush.exclude_brands, plush


def test_a_chinese_requests_kind_is_what_it_names_first(vocabulary: Vocabulary) -> None:
    """ "有没有适合新手的吉他拨片？软一点的，最好是一套里面有好几种厚度的" (beginner guitar picks,
    ideally a set of several thicknesses) had the kind "thickness"; "想给我侄子买个遥控飞机，他今年
    12岁，之前玩过遥控车" (an RC plane for a nephew who has had RC cars) the kind "car"."""
    for text, kind in (
        ("有没有适合新手的吉他拨片？软一点的，最好是一套里面有好几种厚度的", "picks"),
        ("想给我侄子买个遥控飞机，他今年12岁，之前玩过遥控车", "airplane"),
        ("我女儿8岁，想要一个显微镜", "microscope"),
    ):
        assert understand(text, None, [], vocabulary=vocabulary).query.kind == kind, text


def test_readings_from_the_fresh38_held_out_set(vocabulary: Vocabulary) -> None:
    """Each had been misread on requests the project had not seen: "size 4T" after costumes, "ok
    show me only 1/2 size then" after violins and "tem em caixa com 500?" after pipettes searched
    the size alone; "alright stick that one in my cart" and "parfait, je prends celui-là" were no
    choice; "something more strategic, less dice luck" searched dice games; "I'm on a Mac if that
    matters" searched Mac software; "actually scrap that, a teether would be more useful" had the
    kind "scrap"; "never mind he changed his mind, now he wants to be a shark" over costumes
    searched sharks; "we can do maybe 400-500" kept no budget; "a ukulele + a clip-on tuner + a
    soft case" was one request; "my daughter (11, ..." had no age; "I dont own a mic yet" after
    "do I need anything else?" named nothing to show."""
    from assistant.kinds import listed_products
    from assistant.needs import read_needs
    from assistant.prices import extract_price_bounds

    costumes = ["Funny Party Hats Firefighter Costume", "Disguise Toddler Stitch Costume"]
    size = understand("size 4T", None, [], costumes, vocabulary=vocabulary).query
    assert size.intent is Intent.refine and size.sizes == ("size 4T",), size
    violins = ["LAGRIMA 3/4 Beginner Kid Violin", "WJAROG Violin Kit 1/8"]
    half = understand(
        "ok show me only 1/2 size then", None, [], violins, vocabulary=vocabulary
    ).query
    assert half.intent is Intent.refine and half.sizes == ("1/2 size",), half
    pipettes = ["Uxcell Plastic Pasteur Pipette", "Plastic Transfer Pipettes 3ml"]
    box = understand("tem em caixa com 500?", None, [], pipettes, vocabulary=vocabulary,
                     before="pt").query  # fmt: skip
    assert box.intent is Intent.refine, box
    for text, language in (("alright stick that one in my cart", "en"),
                           ("parfait, je prends celui-là", "fr")):  # fmt: skip
        taken = understand(text, None, [], violins, vocabulary=vocabulary, before=language).query
        assert taken.move == "chosen", (text, taken)
    games = ["Stratego - Board Game", "Patchwork Two Player Game"]
    strategic = understand("something more strategic, less dice luck", None, [], games).query
    assert strategic.intent is Intent.refine and strategic.unwanted == ("dice",), strategic
    assert "dice" not in strategic.narrows
    mac = understand("I'm on a Mac if that matters", None, [], ["Zoom U-24 Audio Interface"]).query
    assert (mac.intent, mac.narrows, mac.kind) == (Intent.refine, "mac", None), mac
    teether = understand("actually scrap that, a teether would be more useful", None, [],
                         ["Ganz Baby Plush Toy"]).query  # fmt: skip
    assert teether.kind == "teether", teether
    shark = understand("never mind he changed his mind, now he wants to be a shark",
                       None, [], costumes).query  # fmt: skip
    assert shark.kind == "costume" and "shark costume" in shark.search, shark
    budget = extract_price_bounds("we can do maybe 400-500 between the two of us. ideas??")
    assert (budget.min_price, budget.max_price) == (400, 500)
    assert listed_products("a ukulele + a clip-on tuner + a soft case") == (
        "a ukulele", "a clip-on tuner", "a soft case")  # fmt: skip
    assert listed_products("nitrile gloves, a box of 100") == ()
    kit = understand("a ukulele + a clip-on tuner + a soft case", None, []).query
    assert kit.items[1:] == ("a clip-on tuner", "ukulele soft case"), kit.items
    assert read_needs("ukulele for my daughter (11, she's left handed)").age == (11.0, 11.0)
    interfaces = ["Zoom U-24 Handy Audio Interface", "midiplus Studio 2 USB Audio Interface"]
    lacking = understand(
        "do I need anything else? I dont own a mic yet", None, [], interfaces
    ).query
    assert lacking.kind == "mic", lacking


def test_parts_of_a_thing_are_not_the_thing() -> None:
    """ "RC CAR Air Filter ... Upgrade Parts" and a "Toy Car Shock Damper" had been starred as RC
    cars under $60."""
    import Stemmer

    from assistant.fits import shows_kind

    stem = Stemmer.Stemmer("english").stemWord
    for title in ("RC CAR Air Filter Element Sponge 04104 Upgrade Parts For RC 1/10 HSP",
                  "Remote Control Toy Car Shock Damper, Adjustable Oil-filled",
                  "Hosim RC Car Front Rocker Arms Original Accessory Spare Parts"):  # fmt: skip
        assert not shows_kind(title, "car", stem, "rc car"), title
    assert shows_kind("Blomiky 4WD High Speed Racing RC Car 1:43 Scale", "car", stem, "rc car")


def test_what_the_browser_look_found(vocabulary: Vocabulary) -> None:
    """Seen in the browser with the real model: "my little guy is 5 and wants to be a dinosaur
    for halloween" asked to check that a costume fits "your guy 5"; "regalo para mi cuñado que
    empezó a tocar el bajo" asked whom it was for and showed basses; "algo que no sea un cable"
    showed cables."""
    from assistant.needs import read_needs

    guy = read_needs("my little guy is 5 and wants to be a dinosaur for halloween")
    assert guy.age == (5.0, 5.0) and "guy" not in guy.product_words, guy
    bass = understand("regalo para mi cuñado que empezó a tocar el bajo, máximo 40 dólares", None,
                      [], vocabulary=vocabulary).query  # fmt: skip
    assert bass.recipient == "brother" and bass.search == "bass accessories", bass
    guitar = understand("Geschenk für meinen Vater, der Gitarre spielt", None, [],
                        vocabulary=vocabulary).query  # fmt: skip
    assert guitar.search == "guitar accessories", guitar
    # (not a gift: what the child plays is no gear asked for)
    assert understand("busco una guitarra para mi hijo que toca el piano", None, [],
                      vocabulary=vocabulary).query.kind == "guitar"  # fmt: skip
    cards = ["Fender Precision Bass", "Ibanez Bass Guitar", "Gator Bass Gig Bag"]
    for text in ("algo que no sea un cable", "no quiero cables"):
        query = understand(text, None, [], cards, vocabulary=vocabulary, before="es").query
        assert query.intent is Intent.refine and not {"cable", "cables"} & set(
            query.search.split()
        ), (text, query)


def test_readings_from_the_fresh39_held_out_set() -> None:
    """Whom a gift is for, said by who they are, had been searched: "my sister who's a night
    shift nurse, she loves puzzles" said "We don't seem to carry night shift nurse puzzles"; "the
    guy who has everything ... he played harmonica in a blues band" searched "guy" (Shy Guy
    figures); "it's our IT guy, super quiet, been there forever" searched "guy quiet been
    forever"; "they're not finding out the gender. both parents are musicians" showed
    gender-reveal pinatas; "my niece, 15, really shy" read ages 3-14; "no coloring books, she'd
    find that babyish" was "We don't seem to carry no coloring books"; "help me figure out" had
    the kind "figure" and "stick with the pla 2 pack" found drumsticks."""
    from assistant.needs import read_needs

    nurse = read_needs(
        "something for my sister who's a night shift nurse, she loves puzzles, 30ish"
    )
    assert nurse.product_words == "puzzles", nurse
    assert read_needs("my sister is a nurse").product_words == "nurse"  # (nothing else said)
    grandpa = read_needs("my father in law is the guy who has everything. budget around 100. only "
                         "thing I know is he played harmonica in a blues band back in the 70s")  # fmt: skip
    assert grandpa.gift and (grandpa.kind, grandpa.product_words) == ("harmonica", "harmonica")
    it_guy = understand("Secret Santa at work, $25 cap. it's our IT guy, super quiet, been there "
                        "forever, no idea what he's into", None, []).query  # fmt: skip
    assert it_guy.gift and it_guy.search == "", it_guy
    shower = read_needs("baby shower gift, they're not finding out the gender. both parents are "
                        "musicians")  # fmt: skip
    assert shower.kind is None and "musical" in shower.product_words, shower
    assert "gender" not in shower.product_words.replace("gender neutral", "")
    niece = read_needs("gift for my niece, 15, really shy and anxious, draws constantly")
    assert niece.age == (15.0, 15.0) and not {"shy", "anxious", "15"} & set(
        niece.product_words.split()
    ), niece
    cards = ["Baker Ross Mini Notebooks", "homicozy Dog Diary for Girls"]
    babyish = understand("no coloring books, she'd find that babyish", None, [], cards).query
    assert babyish.intent is Intent.refine and "coloring" in babyish.unwanted, babyish
    assert read_needs("can you help me figure out what fits the budget").kind != "figure"
    pla = understand("nah stick with the pla 2 pack", None, [], ["eSUN 1.75mm Black PLA"]).query
    assert "stick" not in pla.search, pla


def test_more_readings_from_the_fresh39_held_out_set() -> None:
    """ "hi" had searched hi-hats and said "We don't seem to carry hi"; "oh wait he's left
    handed" after electric guitars searched left-handed anything (a violin, a banjo); "the ocean
    one" after puzzles searched the store for "ocean"; "drummer bf broke his sticks AGAIN, 5A
    wood tip" was "not carried"; "she's a workaholic and i don't really know her" had the kind
    "workaholic"; "my dad had a stroke" the kind "stroke"."""
    from assistant.needs import read_needs

    for text in ("hi", "hello there", "hola", "你好"):
        hi = understand(text, None, []).query
        assert (hi.intent, hi.move, hi.search) == (Intent.compare, "store", ""), (text, hi)
    guitars = ["Grote Kids Electric Guitar Beginner Kit", "Crescent Kids Purple Electric Guitar"]
    lefty = understand("oh wait he's left handed", None, [], guitars).query
    assert (lefty.intent, lefty.narrows, lefty.kind) == (Intent.refine, "left handed", None), lefty
    puzzles = ["INNELO Jigsaw Puzzle Jellyfish", "Heritage Puzzle Flippy Beach"]
    ocean = understand("the ocean one", None, [], puzzles).query
    assert ocean.intent is Intent.detail, ocean
    assert read_needs("drummer bf broke his sticks AGAIN, 5A wood tip").product_words.startswith(
        "drum sticks"
    )
    assert read_needs("my boss. she's a workaholic and i don't really know her").kind is None
    assert read_needs("my dad had a stroke and is doing hand therapy").kind != "stroke"


def test_a_thing_to_go_with_the_card_is_asked_for_even_with_a_price() -> None:
    """ "is there an amp that goes with it? under 80" after guitar packs (one "with Amp") had
    narrowed the guitars to $80."""
    guitars = ["DIY Left-handed Electric Guitar Kit", "Left Handed Electric Guitar Package with Amp",
               "Electric Guitar Left Handed Red Southpaw"]  # fmt: skip
    amp = understand("is there an amp that goes with it? under 80", None, [], guitars).query
    assert (amp.intent, amp.kind, amp.max_price) == (Intent.new, "amp", 80), amp


def test_who_someone_is_and_when_they_have_time_are_no_product() -> None:
    """ "my sister is a nurse who works nights and she's been wanting to learn ukulele on her
    breaks" had the kind "nurse" and said "We don't seem to carry nurse nights been wanting
    ukulele breaks"; "anything less nerdy? he might find that cliche" searched "nerdy might
    cliche"."""
    from assistant.needs import read_needs

    nurse = read_needs("my sister is a nurse who works nights and she's been wanting to learn "
                       "ukulele on her breaks, something decent under $60?")  # fmt: skip
    assert nurse.product_words == "beginner ukulele", nurse
    assert read_needs("she wants to learn to play piano").kind == "piano"
    cards = ["Santa Snot Fidget Putty", "GearsOut Funny Candy"]
    nerdy = understand("hmm anything less nerdy? he might find that cliche", None, [], cards).query
    assert nerdy.intent is Intent.refine and nerdy.unwanted == ("nerdy",), nerdy
    assert "cliche" not in nerdy.search


def test_a_comparative_alone_in_another_language_narrows_the_cards(vocabulary: Vocabulary) -> None:
    """ "etwas kleinere?" (something smaller?) and "quelque chose de plus petit ?" had been asked
    of the cards on screen; "welche ist leichter?" (which is lighter?) still is."""
    cards = ["Martin Acoustic Guitar Strings", "GHS Acoustic Guitar Strings"]
    for text, language in (("etwas kleinere?", "de"), ("quelque chose de plus petit ?", "fr")):
        query = understand(text, None, [], cards, vocabulary=vocabulary, before=language).query
        assert (query.intent, query.narrows) == (Intent.refine, "smaller"), (text, query)
    which = understand("welche ist leichter?", None, [], cards, vocabulary=vocabulary,
                       before="de").query  # fmt: skip
    assert which.intent is Intent.compare, which


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        (
            "my kid is OBSESSED w trucks turns 4 next wk whatcha got",
            "my kid is OBSESSED with trucks turns 4 next week",
        ),
        (
            "soprano uke strings pls, aquila if u have em",
            "soprano uke strings pls, aquila if you have them",
        ),
        ("r they in stock", "are they in stock"),
        (
            "her bday is sat, idk what to get her tbh",
            "her birthday is sat, i don't know what to get her",
        ),
        ("balloons + plates n stuff", "balloons + plates"),
        ("costume for my 2yo, smth cute", "costume for my 2yo, something cute"),
        ("wait i meant petg not pla sry", "petg not pla"),
        # not another language's words: Portuguese "em" is "in", a Kala "U Bass" is a bass
        ("quero uma gaita em Dó", "quero uma gaita em Dó"),
        ("kala u bass strings", "kala u bass strings"),
    ],
)
def test_phone_shorthand_is_read_as_the_words_it_stands_for(typed: str, read: str) -> None:
    """A fresh set typed as on a phone had searched "kid trucks next wk whatcha", "em", "bouldering
    n sat", "meant petg" and corrected "smth" to "smith"."""
    assert clean_message(typed) == read


@pytest.mark.parametrize(
    ("text", "adds", "quantity"),
    [
        ("ok add 2 of em", True, 2),
        ("add 3 packs", True, 3),
        ("add the first one", True, 1),
        ("k add it", True, 1),
        ("add the balloons", True, 1),
        ("add 3 boxes of the medium blue ones", True, 3),
        ("get me 12 of the bubble wands", True, 12),
        ("add the Yamaha one with quantity 2", True, 2),
        ("add a dozen", True, 12),
        ("adiciona a primeira", True, 1),
        ("pack 2 davon in den warenkorb", True, 2),
        # (each had only chosen the card)
        ("eh ok just add 2, one for me and one for my brother", True, 2),
        ("ok that one, 1 please", True, 1),
        ("the red one, 2 pls", True, 2),
        ("add the first one, 2 packs", True, 2),
        ("ok add it x3", True, 3),
        ("ok go with that one", False, 1),
        # a new thing asked for, or somewhere else
        ("ok add a soft gig bag that fits it", False, 1),
        ("and add a tuner", False, 1),
        ("add it to my wishlist", False, 1),
        ("añade una funda", False, 1),
    ],
)
def test_a_card_put_in_the_cart_is_read_however_it_is_said(
    text: str, adds: bool, quantity: int
) -> None:
    """ "add the first one", "add 3 packs", "k add 2 of em" had searched "add" (addition flash
    cards) and put nothing in the cart."""
    import re

    from assistant.cues import ADD_TO_CART, cart_quantity

    assert bool(re.search(ADD_TO_CART, clean_message(text), re.I)) is adds
    assert cart_quantity(clean_message(text)) == quantity


def test_a_card_taken_by_a_name_no_card_has_is_looked_for() -> None:
    """ "get him 4 pairs of the vic firth" beside other 5A sticks had put 4 pairs of another stick
    in the cart ($320); "get me 12 of the bubble wands" a sticker pack."""
    from assistant.state import taken_thing

    sticks = ["Drum sticks 5a Wood Tip Drumsticks Classic 5A", "YiPaiSi 5A Drum Sticks, Maple"]
    assert taken_thing("get him 4 pairs of the vic firth", sticks) == "vic firth"
    assert taken_thing("add the maple ones", sticks) is None  # a card says it
    assert taken_thing("add the first one", sticks) is None
    assert taken_thing("add the cheapest one", sticks) is None
    # only that one, said after others were weighed ("meh. just the hatingtoy then" had chosen
    # the battery on screen; "50 for string?? no way. just the diabolo then" asked which)
    assert taken_thing("meh. just the hatingtoy then", sticks) == "hatingtoy"
    assert taken_thing("50 for string?? no way. just the diabolo then", sticks) == "diabolo"
    assert taken_thing("just the first one then", sticks) is None
    # a name said after its size ("put 3 of the 14 inch oceanstree bunny in" beside filled eggs had
    # put 3 packs of eggs in the cart); a size or model number is no name a title must spell alike
    eggs = ["Toys Filled Easter Eggs 48 pack", "Audio2000's 10ft. Right Angle 5pin Din Midi Cable",
            "SEOH Petri Dish 100 x 15Mm Sterile, Vented, 25/Pk"]
    assert taken_thing("put 3 of the 14 inch oceanstree bunny in", eggs) == "14 inch oceanstree bunny"
    assert taken_thing("add the 10 ft audio2000 and whichever usb one says it works with mac", eggs) is None
    assert taken_thing("ok add 4 packs of the 100mm ones", eggs) is None


@pytest.mark.parametrize(
    "text",
    [
        "ok nvm",
        "nah forget it",
        "nvm ill just get her a gift card somewhere",
        "nah ya lo compré en otro lado jaja",
        "算了",
        # thinking it over ("nah I'll think about it" had searched "think": a Think Fun puzzle)
        "nah I'll think about it",
        "bueno, lo pienso, gracias",
        "bon, finalement je vais réfléchir",
        "算了，我再想想",
        "never mind, that's all",
    ],
)
def test_leaving_is_no_search(text: str) -> None:
    """ "ok nvm" had searched "ok nvm" (infrared thermometers shown), "nvm ill just get her a
    gift card somewhere" tarot cards."""
    query = understand(text, None, [], SHOWN).query
    assert (query.intent, query.move) == (Intent.compare, "leaving")


def test_a_leaving_is_not_a_question_about_elsewhere() -> None:
    for text in (
        "is it cheaper elsewhere?",
        "nah something cheaper",
        "i saw it somewhere else for less",
    ):
        assert understand(text, None, [], SHOWN).query.move != "leaving", text


@pytest.mark.parametrize(
    ("text", "cheapest", "rated"),
    [
        ("cheapest first please", True, False),
        ("sort by price, low to high", True, False),
        ("sort by rating", False, True),
        ("highest rated first", False, True),
    ],
)
def test_a_sort_asked_sorts_the_cards_and_searches_no_words(
    text: str, cheapest: bool, rated: bool
) -> None:
    """ "cheapest first please" had been read as a question about card [1] ("first"), "sort by
    price, low to high" searched "low high", "sort by rating" the store for nothing."""
    from assistant.query import Sort

    query = understand(text, None, [], SHOWN).query
    assert query.intent is Intent.refine and query.search == "" and not query.references
    assert query.sort is (Sort.cheapest if cheapest else Sort.best_rated)


@pytest.mark.parametrize(
    "text", ["only the ones in stock", "r they in stock", "bitte nur Artikel, die auf Lager sind"]
)
def test_what_the_catalog_does_not_record_is_asked_of_the_cards(text: str) -> None:
    """ "only the ones in stock" had searched "stock" (a stock market game)."""
    query = understand(text, None, [], SHOWN).query
    assert query.intent is Intent.detail


def test_a_rating_said_is_not_echoed_as_the_product() -> None:
    """ "show me pipettes w/ at least 300 reviews" had said "No pipettes with at least 300
    reviews we carry meets the rating you set"."""
    from assistant.advice import not_carried

    notice = not_carried("pipettes with at least 300 reviews", "rating", True)
    assert notice is not None and notice.startswith("No pipettes we carry meets")
    notice = not_carried("puzzle rated 4.5 stars or better", "rating", True)
    assert notice is not None and notice.startswith("No puzzle we carry meets")


def test_a_power_supply_is_the_adapter_asked_for() -> None:
    """ "9V power adapter for an older Casio keyboard" had been "not carried" beside a "9V AC
    Power Adapter Supply Wall Charger ... for Casio" (its "supply" and "charger" read as another
    thing)."""
    import Stemmer

    from assistant.fits import shows_kind

    stem = Stemmer.Stemmer("english").stemWord
    title = "TPLTECH 5Ft 9V AC Power Adapter Supply Wall Charger Replacement for Casio Keyboard"
    assert shows_kind(title, "adapter", stem, "9v power adapter casio keyboard")
    assert not shows_kind("Guitar Pedal Power Adapter Cable", "adapter", stem, "power adapter")


@pytest.mark.parametrize(
    "text",
    [
        'OK, that one. Can you gift wrap it and put in a card that says "Happy retirement, Pops"?',
        "The one with the bigger pieces. Can I include a note with it?",
        "Perfect. Can you ship it straight to her house with a note from all of us?",
    ],
)
def test_gift_wrap_or_a_note_is_asked_of_the_cards(text: str) -> None:
    """Each had searched its words (Funko Pops for "Pops", hook-and-eye kits); the shop offers no
    gift wrap or notes, and the answer says so."""
    from assistant.advice import detail_lead

    query = understand(text, None, [], SHOWN).query
    assert query.intent is Intent.detail
    from retrieval.catalog import Product

    product = Product(id="t:1", title="Hohner Special 20 Harmonica", description="", source="test")
    card = Card(mark=1, product=product, price="$39.99", why="", value="")
    assert "no gift wrap" in (detail_lead(text, card) or "")


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        ("My nephew's turning 15. His mom says he wants to make music for real.", "nephew"),
        (
            "My daughter's 13 and just started guitar lessons on a used acoustic from her cousin.",
            "daughter",
        ),
        ("My daughter's best friend is moving to Texas this summer.", "friend"),
    ],
)
def test_someone_said_with_is_is_whom_it_is_for(text: str, recipient: str) -> None:
    """ "My nephew's turning 15 ... His mom says" had been for "your mom", "My daughter's 13 ...
    from her cousin" for "your cousin"."""
    from assistant.needs import read_needs

    assert read_needs(text).recipient == recipient


def test_a_model_code_the_listing_lacks_is_named() -> None:
    """ "will it fit a Casio LK-110?" of an adapter "for Casio Piano Keyboard" had said 'Its
    listing does not mention "casio"' (the code had been read as "lk-")."""
    from assistant.advice import detail_lead
    from retrieval.catalog import Product

    adapter = Product(id="t:1", title="9V AC Power Adapter Replacement for Casio Piano Keyboard CTK-2000",
                      description="Power up your Casio piano keyboard.", source="test")  # fmt: skip
    card = Card(mark=1, product=adapter, price="$21.00", why="", value="")
    assert detail_lead("will it fit a Casio LK-110?", card) == (
        'Its listing does not mention "LK-110", so we cannot promise it.'
    )
    assert "CTK-2000" in (detail_lead("will it fit a Casio CTK-2000?", card) or "")


def test_a_sort_said_in_another_language_searches_no_words() -> None:
    """ "ordénalas de menor a mayor precio" had searched its words as typed."""
    from assistant.query import _SORT_SAID

    for text in (
        "ordénalas de menor a mayor precio",
        "trier par prix",
        "bitte nach Preis sortieren",
    ):
        assert not re.sub(r"\W|bitte", "", _SORT_SAID.sub(" ", text)), text


def test_only_a_material_narrows_the_cards_and_takes_no_other_card() -> None:
    """ "only ebony, nothing plastic" after chin rests had searched the store for ebony (a guitar
    first), and "add the medium shoulder rest and one ebony chin rest" then put the guitar in
    the cart: the material narrows the cards, and a card taken by a name none on screen has is
    looked for."""
    from assistant.state import taken_thing

    rests = [
        "Violin Shoulder Rest 3/4 4/4, Eison Adjustable",
        "Resonans 3/4 Violin Shoulder Rest Medium",
    ]
    query = understand("only ebony, nothing plastic", None, [], rests).query
    assert (query.intent, query.narrows, query.search) == (Intent.refine, "ebony", "")
    guitars = ["Breedlove Pursuit Concert Ebony Acoustic-Electric Guitar"]
    said = "add the medium shoulder rest and one ebony chin rest"
    assert taken_thing(said, guitars) == "medium shoulder rest"
    assert taken_thing(said, rests) is None  # a card says it


def test_what_is_no_longer_wanted_leaves_the_search() -> None:
    """ "wait i meant petg not pla sry" after "pla filament 1.75 black" had kept PLA searched and
    left every card out ("Nothing we carry meets the brand exclusions you set")."""
    catalog = Catalog([])
    state = advance(
        ConversationState(), understand("pla filament 1.75 black", None, []).query, catalog
    )
    query = understand("wait i meant petg not pla sry", None, [], SHOWN).query
    after = advance(state, query, catalog)
    assert (
        after.search_text().split()[0] == "petg"
        and "pla" not in after.search_text().lower().split()
    )


@pytest.mark.parametrize(
    "text",
    [
        "she has one at school but nothing at home, so it doesn't need to be fancy",
        "I'd rather not spend much until I know I'll stick with it",
        "he'd never sit still for a puzzle",
        "he already had a cheap toy one that broke in a week, I want something sturdier",
        "they're not into zombies or horror at all",
        "she's not into chemistry stuff with powders, her mum would freak out",
        "actually my budget just went up to 60, my brother is chipping in",
        "they'll fight over one set, I need enough pieces for both",
        "he's got his own kindle, it's for him not for me, so no romance lol",
        "I don't need a pickup, I'm not performing anywhere",
    ],
)
def test_a_follow_up_that_only_tells_revises_what_is_on_screen(text: str) -> None:
    """Said after cards, a message that tells about the person, the use or the budget and asks
    for no product of its own had been a new search of its words: "I'd rather not spend much
    until I know I'll stick with it" showed stickers ("stick"), "my budget just went up to 60, my
    brother is chipping in" casino chips, "he'd never sit still for a puzzle" sitting plush."""
    query = understand(text, None, [], SHOWN).query
    assert query.intent is Intent.refine and query.search == "", query
    assert query.recipient is None  # ("my brother is chipping in": the gift is not for him)


def test_what_a_told_follow_up_says_is_read() -> None:
    """The budget, cheap or sturdy, what they would never use and what they are into."""
    budget = understand("actually my budget just went up to 60, my brother is chipping in",
                        None, [], SHOWN).query  # fmt: skip
    assert budget.max_price == 60
    cheap = understand("she has one at home but nothing fancy, so it doesn't need to be fancy",
                       None, [], SHOWN).query  # fmt: skip
    assert cheap.prefer_cheap
    assert understand("he already had a cheap one that broke, I want something sturdier", None,
                      [], SHOWN).query.prefer_rated  # fmt: skip
    assert (
        "puzzle" in understand("he'd never sit still for a puzzle", None, [], SHOWN).query.unwanted
    )
    assert (
        "monopoly"
        in understand("he's got no patience for monopoly", None, [], SHOWN).query.unwanted
    )
    paw = understand("she'd never use the kitchen one, she's obsessed with paw patrol", None, [],
                     SHOWN).query  # fmt: skip
    assert paw.intent is Intent.refine and paw.narrows == "paw patrol" and "kitchen" in paw.unwanted


@pytest.mark.parametrize(
    "text",
    [
        "I need about 50 tubes plus a rack to hold them",  # asks for products of its own
        "he plays bass, something for that",  # a doing told asks for its gear
        "also need a few small glass beakers to go with them",
        "she loves horses, any horse toys?",
    ],
)
def test_a_follow_up_asking_for_products_is_no_telling(text: str) -> None:
    from assistant.followups import only_tells

    assert not only_tells(text, ())


def test_why_one_card_and_not_another_sets_them_side_by_side() -> None:
    """ "why that one and not the cheaper one?" had been asked of the recommended card alone ('Its
    listing does not mention "not"'); "why is that one so much more expensive than the others?"
    had searched "why": books with "Why" in their titles."""
    from assistant.cues import why_other

    assert why_other("why that one and not the cheaper one?") == "low"
    assert why_other("why is that one so much more expensive than the others?") == "low"
    assert why_other("why is the Maxam one $71??") == "low"
    assert why_other("why is one so much cheaper?") == "high"
    assert why_other("why does my capo buzz") is None
    for text in ("why that one and not the cheaper one?", "why is the first one $71??"):
        assert understand(text, None, [], SHOWN).query.intent is Intent.compare, text


def test_a_request_signed_off_or_changed_as_it_is_said() -> None:
    """ "ok add the Hohner then. that's all" had searched "all"; "add the Seiko. actually no,
    make it the Yamaha" had added the Seiko."""
    from assistant.cues import CLOSING
    from assistant.messages import clean_message

    assert clean_message("ok add the Hohner then. that's all") == "ok add the Hohner then"
    assert clean_message("add the Seiko. actually no, make it the Yamaha. that's all") == (
        "add the Yamaha"
    )
    assert clean_message("that's all") == "that's all" and CLOSING.match("that's it")


def test_what_a_reader_reads_is_the_books_subject() -> None:
    """ "need an ebook for my dad, he reads a lot of history" had shown any ebooks."""
    query = understand("need an ebook for my dad, he reads a lot of history", None, []).query
    assert "history" in query.search.split(), query


def test_several_things_put_in_the_cart_are_each_read() -> None:
    """ "add the paw patrol one and the value pack" had put one card in the cart; each thing is
    read as a card on screen with its count, or as something more to look for."""
    from assistant.basket import cart_list, choice_then_more, listed
    from retrieval.catalog import Product

    assert cart_list("add 2 of the 25 packs and one rack") == ("2 of the 25 packs", "one rack")
    assert cart_list("add the shooting game, and one floor pad too") == (
        "the shooting game",
        "one floor pad",
    )
    assert cart_list("add the first one") == () and cart_list("add the Seiko") == ()
    # the total asked after a stop ("... and the snoopy one. total?" had put one in)
    assert cart_list("add the 15 minute a day one, the scottie one and the snoopy one. total?") == (
        "the 15 minute a day one", "the scottie one", "the snoopy one")  # fmt: skip
    # the first few said by how many ("add the first two to my cart" had been read as a question
    # of cards 1 and 2, and nothing was put in)
    assert cart_list("add the first two to my cart") == ("the first", "the second")
    assert cart_list("ok put the top 3 in my cart") == ("the first", "the second", "the third")
    assert cart_list("add the first two sets to my cart") == ()
    # chosen with no word putting them in, the total asked after them or added up with "+"
    # (the cart had been said empty, or each looked for)
    from assistant.basket import chosen_list

    assert chosen_list("the 2nd and the 3rd. total?") == ("the 2nd", "the 3rd")
    assert chosen_list("ok the bikers + 2 of the primer. how much is that") == (
        "the bikers", "2 of the primer")  # fmt: skip
    assert chosen_list("lyre + folder + the bell cover. what do i owe") == (
        "lyre", "folder", "the bell cover")  # fmt: skip
    assert chosen_list("ok the spock figure + the book") == ("the spock figure", "the book")
    # a request added up, a question, one card, or a list put in with its own word are not
    assert chosen_list("guitar + amp bundle for a beginner") == ()
    assert chosen_list("kalimba or ukulele? which is easier") == ()
    assert chosen_list("the 2nd one. total?") == ()
    assert chosen_list("add the 2nd + the 3rd. total?") == ()
    from assistant.cues import CART_ASKED

    assert CART_ASKED.search("ok what do i owe")  # (the total, asked alone as after a list)
    shown = [
        Product(id="a", title="Play-Doh PAW Patrol Rescue Ready Chase Toy", source="test"),
        Product(
            id="b", title="Melissa & Doug Big Picture Floor Pad A to Z Dinosaurs", source="test"
        ),
        Product(id="c", title="Hockvill Shooting Game Toys 2 Pcs", source="test"),
    ]
    items = listed(
        cart_list("add the shooting game, and 2 floor pads too"), shown, [False] * 3, None
    )
    assert [(x.mark, x.quantity) for x in items] == [(3, 1), (2, 2)], items
    more = listed(cart_list("add the paw patrol one and a pack of prepared slides"), shown,
                  [False] * 3, None)  # fmt: skip
    assert choice_then_more(more) == "add the paw patrol one. also need a pack of prepared slides"


def test_a_card_of_an_earlier_answer_is_found_again() -> None:
    """ "go back to the first puzzle you showed", "the plush one you showed first" had been new
    searches of their words."""
    from assistant.recall import asked_of_it, earlier_card
    from retrieval.catalog import Product

    earlier = [
        Product(id="1", title="We Love Donuts 1000 Piece Jigsaw Puzzle", source="test"),
        Product(id="2", title="Double-Sided Flip Plush Polar Bear", source="test"),
        Product(id="3", title="Pink Soprano Recorder", source="test"),
        Product(id="4", title="Sunsout 1000 Piece Jigsaw Puzzle", source="test"),
    ]
    assert earlier_card("go back to the first puzzle you showed", earlier) is earlier[0]
    assert (
        earlier_card("what about the plush one you showed first, any batteries?", earlier)
        is earlier[1]
    )
    assert (
        earlier_card("go back to the pink one, does it come in another colour?", earlier)
        is earlier[2]
    )
    assert earlier_card("the puzzle looks nice", earlier) is None
    assert asked_of_it("go back to the pink one, does it come in another colour?") == (
        "does it come in another colour?"
    )
    assert asked_of_it("how many are in the first one you showed?").startswith("how many are in it")
    assert asked_of_it("go back to the first puzzle you showed") == ""


def test_a_count_said_first_or_given_puts_that_many_in_the_cart() -> None:
    from assistant.cues import ADD_TO_CART, cart_quantity

    for text, n in (
        ("ok give me 3 packs of the Fender", 3),
        ("I'll take 5 of those", 5),
        ("2 of the 4-pair packs then, one is for her friend", 2),
    ):
        assert re.search(ADD_TO_CART, text, re.I) and cart_quantity(text) == n, text
    assert not re.search(ADD_TO_CART, "2 of the 4-pair packs, are they maple?", re.I)


def test_a_card_named_by_a_count_its_title_says() -> None:
    from assistant.state import named_cards

    sticks = [
        "24 PAIRS 5B NYLON TIP DRUMSTICKS",
        "Classic 7A Drum Sticks (4 Pair Maple)",
        "Rock drumsticks",
    ]
    assert named_cards("and the 4 pair one, is that 4 pairs or 4 sticks?", sticks, [False] * 3) == (
        2,
    )
    tiles = ["Magformers Jumbo Set (26-pieces)", "COTYNI 75 PCS Magnetic Tiles"]
    assert named_cards("add two of the 75 piece sets", tiles, [False, False]) == (2,)


def test_asides_said_before_or_after_a_request() -> None:
    from assistant.messages import clean_message

    assert clean_message("thinking of getting a kalimba for myself, heard it's relaxing") == (
        "looking for a kalimba for myself"
    )
    assert "bit" not in clean_message("bit pricey honestly, anything similar around 40?").split()
    query = understand("no nerf stuff, the school doesn't allow it", None, [], SHOWN).query
    assert query.intent is Intent.refine and query.search == "" and "nerf" in query.unwanted


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("elle lit en anglais, pas de souci", "fr"),
        ("ela já tem um de brinquedo que desafina, quero algo melhor", "pt"),
        ("é para mim, não para crianças, tamanho M", "pt"),
        ("sie hat eins in der Musikschule, aber zu Hause nichts", "de"),
        ("他只是想看看月亮，不用太专业", "zh"),
    ],
)
def test_a_follow_up_that_only_tells_in_another_language(
    text: str, language: str, small_catalog: Catalog
) -> None:
    """ "elle lit en anglais" had searched "lit english", "他只是想看看月亮" "moon", "é para mim ...
    tamanho M" a kind "mij": told after cards, each revises them."""
    from assistant.followups import tells_elsewhere
    from retrieval.vocabulary import Vocabulary

    assert tells_elsewhere(text, "")
    titles = [c.product.title for c in cards(small_catalog)]
    query = understand(text, None, [], titles, vocabulary=Vocabulary(small_catalog),
                       before=language).query  # fmt: skip
    assert query.intent is Intent.refine and query.search == "", query


def test_a_count_put_in_the_cart_and_the_end_of_a_talk_in_other_languages() -> None:
    from assistant.cues import ADD_TO_CART, CLOSING, cart_quantity
    from assistant.messages import clean_message

    for text, n in (
        ("pon dos cajas del de AmScope", 2),
        ("tudo bem, coloca duas caixas das luvas médias", 2),
        ("ne prendo due, uno è per il mio socio", 2),
        ("那就买儿童的那个，要两个，一个给他表弟", 2),
    ):
        assert re.search(ADD_TO_CART, text, re.I) and cart_quantity(text) == n, text
    assert not re.search(ADD_TO_CART, "pon la música", re.I)
    for text in ("das war's", "basta così", "é só isso", "就这些", "c'est tout, merci"):
        assert CLOSING.match(text), text
    assert clean_message("ich nehme das Korg, das war's") == "ich nehme das Korg"


def test_a_cart_changed_in_words_and_more_ends_of_a_talk() -> None:
    """ "nvm remove the goggles too" had searched "remove goggles", "actually make it 2" searched
    "2", "how much so far" compared the cards, "gracias, chao" searched "chao" (Chaos cards),
    "ok done" a graduation banner."""
    from assistant.cues import CART_ASKED, CLOSING, REMOVE_FROM_CART, SET_QUANTITY
    from assistant.messages import clean_message

    for text, move in (
        ("nvm remove the goggles too, school's providing them apparently", "remove"),
        ("take the slime out", "remove"),
        ("actually make it 2", "quantity"),
        ("just one then", "quantity"),
        ("how much so far", "cart"),
        ("whats in my cart and the total", "cart"),
    ):
        assert understand(text, None, [], SHOWN).query.move == move, text
    assert not REMOVE_FROM_CART.search("how do I remove the dust from the strings") or (
        understand("how do I remove the dust from the strings?", None, [], SHOWN).query.move
        != "remove"
    )
    assert SET_QUANTITY.match(clean_message("actually make it 2")).group("count") == "2"  # type: ignore[union-attr]
    assert CART_ASKED.search("what's the damage")
    for text in ("gracias, chao", "danke, tschüss", "谢谢，再见", "ok done", "thanks dear"):
        assert CLOSING.match(clean_message(text)), text


def test_a_gift_by_age_alone_shows_toys_for_that_age() -> None:
    """ "birthday present for a 3 yo girl, under $25" had shown no card at all."""
    query = understand("birthday present for a 3 yo girl, under $25", None, []).query
    assert query.search == "toddler toys" and query.max_price == 25, query
    assert understand("present for a 7 year old boy", None, []).query.search == "kids toys"
    assert understand(
        "a gift for my 10 year old niece who loves science", None, []
    ).query.search != ("kids toys")


def test_more_said_the_way_shoppers_say_it() -> None:
    from assistant.cues import why_other

    assert (
        understand("is that ok for under 3s? any small parts?", None, [], SHOWN).query.max_price
        is None
    )
    assert understand("c'è qualcosa sotto i 30 dollari?", None, [], SHOWN).query.max_price == 30
    assert why_other("the hohner one, is it worth the extra vs the cheap one") == "low"
    plastic = understand("eh plastic is fine actually, the students keep breaking them", None, [],
                         ["Glass Beakers 250ml", "Pyrex Glass Beaker 250 mL"]).query  # fmt: skip
    assert plastic.intent is Intent.refine and plastic.narrows == "plastic", plastic


def test_what_a_told_follow_up_would_like_and_would_not() -> None:
    """ "we're not competitive, ideally cooperative" had "already fit" the list; "we have a cat,
    anything with feathers or strings is a no" searched "feathers strings no"."""
    from assistant.followups import told_unwanted, told_wants

    assert told_wants("we're not competitive, ideally cooperative") == ("cooperative",)
    assert told_wants("she plays it in her hand, not on a stand, so headless is fine") == (
        "headless",
    )
    assert told_unwanted(
        "we have a cat, anything with feathers or strings is a no, she eats them"
    ) == (
        "feathers",
        "strings",
    )
    cat = understand("we have a cat, anything with feathers or strings is a no, she eats them", None,
                     [], SHOWN).query  # fmt: skip
    assert cat.intent is Intent.refine and cat.search == "" and "feathers" in cat.unwanted, cat
    assert understand(
        "my kid lost the last three recorders so nothing pricey", None, []
    ).query.search == ("kid recorders")


def test_more_follow_ups_as_shoppers_type_them() -> None:
    """ "the ones at the bottom" are the last cards; "the 2nd one looks good add it" adds; "gonna
    ask my wife first, just leave it in the cart" ends the talk; "needs to take sharpie" tells what
    it must do (each had been a search of its words)."""
    from assistant.cues import ADD_TO_CART, LEAVING, read_cues
    from assistant.followups import only_tells
    from assistant.messages import clean_message

    assert read_cues("the one at the bottom, does it fold up?", ["a", "b", "c"]).references == (3,)
    assert re.search(ADD_TO_CART, "the 2nd one looks good add it", re.I)
    assert LEAVING.match(clean_message("gonna ask my wife first, just leave it in the cart"))
    assert only_tells("needs to take sharpie", ()) and not only_tells("needs a strap", ())


def test_a_question_after_the_card_it_names_asks_what_it_says() -> None:
    """ "the second one, does it need batteries?" had asked nothing (the card's price came back)."""
    from assistant.advice import asked_about

    assert asked_about("the second one, does it need batteries?") == "batteries"
    assert asked_about("the first one is it loud") == "loud"


def test_ordinary_requests_are_not_read_as_cart_changes_or_going_back() -> None:
    """Found in review: a removal, a total, a "why" or a going back read where none is said."""
    from assistant.basket import cart_list, listed
    from assistant.cues import BACK_TO, CART_ASKED, REMOVE_FROM_CART, cart_quantity, why_other
    from assistant.followups import only_tells
    from retrieval.catalog import Product

    for text in ("drop earrings for my wife under 50", "tira led para mi cuarto",
                 "need a wagon to take the kids out to the park",
                 "stuff keeps falling out of the basket on my bike, need a net"):  # fmt: skip
        assert not REMOVE_FROM_CART.search(text), text
        assert understand(text, None, [], SHOWN).query.move != "remove", text
    assert REMOVE_FROM_CART.search("goggles out of my cart please")
    assert not CART_ASKED.search("whats the total length of the cable")
    assert not CART_ASKED.search("¿cuánto va a tardar en llegar?")
    assert why_other("why not something cheaper under 30") is None
    assert why_other("why doesnt it show the price") is None
    assert not BACK_TO.search("going back to school next week, need a backpack for the first day")
    assert cart_quantity("12 in the box is enough, ok add it") == 1
    assert cart_quantity("就这个，不要两个，要一个") == 1
    for text in ("i want a bigger one", "i need it to be louder", "i need something with a case"):
        assert not only_tells(text, ()), text
    picks = [Product(id="p", title="Dunlop Picks 10 Pack", source="test"),
             Product(id="t", title="Snark Clip-on Tuner", source="test")]  # fmt: skip
    items = listed(cart_list("add the tuner and 10 pack of picks"), picks, [False, False], None)
    assert [x.quantity for x in items] == [1, 1], items


def test_things_put_in_the_cart_none_of_which_is_on_screen_are_each_looked_for() -> None:
    from assistant.basket import cart_list, choice_then_more, listed
    from retrieval.catalog import Product

    shown = [Product(id="m", title="Wittner Taktell Metronome", source="test"),
             Product(id="n", title="Seiko Digital Metronome", source="test")]  # fmt: skip
    items = listed(cart_list("add the tuner and the shoulder rest"), shown, [False, False], None)
    assert choice_then_more(items) == "i need a tuner and a shoulder rest"


def test_a_few_cards_named_by_their_price_or_rating() -> None:
    """ "die zwei günstigsten, was ist der Unterschied?" had searched "zwei" (a spinning top)."""
    from assistant.cues import few_by

    assert few_by("die zwei günstigsten, was ist der Unterschied?") == (2, "low")
    assert few_by("the two cheapest, which is better?") == (2, "low")
    assert few_by("los dos más baratos") == (2, "low")
    assert few_by("die zwei bestbewerteten") == (2, "rated")
    assert few_by("最便宜的两个有什么区别") == (2, "low")
    assert few_by("a game for the two of us") is None
    assert (
        understand("the two cheapest, which is better?", None, [], SHOWN).query.intent
        is Intent.compare
    )


def test_the_cheaper_card_taken_in_other_languages() -> None:
    """ "nimm 3 Packungen von den günstigeren" had put three of the dearer strings in the cart."""
    from assistant.cues import priced_one

    assert priced_one("nimm 3 Packungen von den günstigeren") == "low"
    assert priced_one("ok me llevo el más barato") == "low"
    assert priced_one("¿cuál es el más barato?") is None  # (asked which: weighed, not taken)


def test_a_count_too_many_then_the_most_said_bare_is_a_count() -> None:
    """ "1000 pieces is too much for her, like 300 max" had been a $300 budget."""
    query = understand("1000 pieces is too much for her, like 300 max", None, [],
                       ["Jigsaw Puzzle 1000 Piece", "Puzzle 300 Piece"]).query  # fmt: skip
    assert query.max_price is None and query.sizes == ("300 pieces or fewer",), query
    assert query.intent is Intent.refine
    assert understand("1000 pieces is too much, under $20", None, []).query.max_price == 20


@pytest.mark.parametrize(
    "text",
    ["ok", "hmm", "cool", "i see", "ok then", "hmm ok", "vale", "d'accord", "alles klar", "嗯"],
)
def test_a_bare_acknowledgement_keeps_the_cards(text: str) -> None:
    """ "ok" after metronomes had searched "ok" (stickers "ok to peel" and thermometers), "cool"
    guitar picks, "hmm" a fan-meeting Blu-ray: the cards stay, and the answer says what to do
    next."""
    query = understand(text, None, [], SHOWN).query
    assert (query.intent, query.move) == (Intent.compare, "ack"), query


def test_an_acknowledgement_with_a_request_is_no_bare_one() -> None:
    for text in ("ok cheaper ones", "cool, any in blue?", "hmm what about a capo", "ok add it"):
        assert understand(text, None, [], SHOWN).query.move != "ack", text


def test_what_a_told_follow_up_would_rather_have() -> None:
    """ "she doesn't like digital ones, prefers a wind-up one" after metronomes had searched
    "prefers wind-up" (wind-up toys); alone, "she prefers a wind-up one" had "already fit"."""
    from assistant.followups import told_wants

    assert told_wants("she doesn't like digital ones, prefers a wind-up one") == ("wind-up",)
    assert told_wants("he'd rather have the wooden ones") == ("wooden",)
    assert product_kind("prefers a wind-up one") is None


@pytest.mark.parametrize(
    ("text", "language", "english"),
    [
        # ("no le gustan los digitales" had read "digital" as wanted)
        ("no le gustan los digitales, prefiere uno de madera", "es", "wooden, not digital"),
        ("non le piacciono i puzzle", "it", "not puzzle"),
        ("ela não gosta de bonecas", "pt", "not dolls"),
        # "no" as an answer negates nothing after it
        ("no, me gusta el rojo", "es", "red"),
    ],
)
def test_what_is_not_liked_read_in_english(text: str, language: str, english: str) -> None:
    from retrieval.multilingual import read_words

    assert read_words(text, language, None, partial=True) == english


@pytest.mark.parametrize(
    "text",
    [
        "not for me, for my dad. he's 68 and finally wants to learn",
        "oh it's not for me, it's for my son, he's 9",
    ],
)
def test_whom_the_cards_are_for_set_right_keeps_them(text: str) -> None:
    """ "not for me, for my dad. he's 68 and finally wants to learn" after digital pianos had
    searched "not beginner" (a violin method book first)."""
    query = understand(text, None, [], SHOWN).query
    assert query.intent is Intent.refine and query.search == "" and query.told, query


def test_the_cards_said_to_be_for_younger_children() -> None:
    """ "that's for babies, she's 10!" had searched "babies toys"; "those are for little kids,
    she's 15 ..." "kids aesthetic" (stickers in place of the gel pens)."""
    babies = understand("that's for babies, she's 10!", None, [], SHOWN).query
    assert babies.intent is Intent.refine and babies.search == "" and babies.age == (10, 10), babies
    assert "baby" in babies.unwanted
    teen = understand("those are for little kids, she's 15 and everything has to be aesthetic",
                      None, [], SHOWN).query  # fmt: skip
    assert teen.search == "" and "kids" in teen.unwanted and teen.age == (15, 15), teen


def test_an_open_gift_told_an_age_is_toys_for_that_age() -> None:
    state = ConversationState(search="", gift=True, recipient="daughter")
    told = understand("she's 10!", None, [], SHOWN).query
    assert advance(state, told, Catalog([])).search == "kids toys"


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        ("show me something different", ()),
        (
            "hmm show me something different then, maybe no marbles at all with her around",
            ("marbles",),
        ),
        ("show me something different, mesh isn't really my style", ("mesh",)),
        ("none of these, try again", ()),
    ],
)
def test_something_different_is_others_less_what_is_not_wanted(
    text: str, unwanted: tuple[str, ...]
) -> None:
    """Each had been searched: "something different", "all" (All-Star invitations), "mesh
    style" (a mesh cap)."""
    query = understand(text, None, [], SHOWN).query
    assert (query.intent, query.search) == (Intent.more, ""), query
    assert set(unwanted) <= set(query.unwanted), query


def test_none_of_these_with_what_they_should_be() -> None:
    architectural = understand("none of these, try again, something more architectural", None,
                               [], SHOWN).query  # fmt: skip
    assert architectural.intent is Intent.more and architectural.narrows == "architectural"
    pastel = understand(
        "none of these, try again. pastel, fine tip, NO glitter", None, [], SHOWN
    ).query
    assert (
        pastel.intent is Intent.new and "try" not in pastel.search and "glitter" in pastel.unwanted
    )


@pytest.mark.parametrize(
    ("text", "things"),
    [
        ("add it + a bench", ("it", "a bench")),
        ("hmm ok add that one anyway plus staples for it", ("that one anyway", "staples for it")),
    ],
)
def test_a_card_and_something_for_it_put_in_one_message(text: str, things: tuple[str, ...]) -> None:
    from assistant.basket import _names_a_thing, cart_list

    assert cart_list(text) == things
    assert _names_a_thing(things[1])


def test_a_count_said_after_a_word_of_liking_puts_it_in_the_cart() -> None:
    """ "lovely, 3 of those please" had searched "lovely" (a love story first)."""
    from assistant.cues import cart_quantity

    query = understand("lovely, 3 of those please", None, [], SHOWN).query
    assert query.move == "chosen" and cart_quantity("lovely, 3 of those please") == 3, query


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("my son's school band put him on percussion and they want him to get a bell kit", "bell"),
        ("the teacher wants her to get a tuner", "tuner"),
        ("they told us to buy a recorder", "recorder"),
    ],
)
def test_what_someone_told_them_to_get_is_the_kind(text: str, kind: str) -> None:
    """The kind had been "band" (a bugle shown for a bell kit)."""
    assert product_kind(text) == kind


def test_two_questions_of_a_card_read_as_the_same_words_are_said_once() -> None:
    """ "precisa calibrar? já vem com o pó de calibração?" had said 'neither "calibration" nor
    "calibration"'."""
    from assistant.advice import details_lead
    from assistant.phrases import phrase

    silent = phrase("pt", "listing_silent", named="calibration")
    assert details_lead([silent, silent], "pt") == silent


def test_one_who_speaks_is_no_one_it_is_for() -> None:
    """ "the teacher said 3/4 size. does that one come with a bow and a case?" had been read as a
    grown-up's (the teacher), and answered "Its listing gives no age range"."""
    from assistant.people import read_age

    assert read_age("the teacher said 3/4 size") is None
    assert read_age("my wife thinks it's too loud") is None
    assert read_age("a gift for my teacher") == (18, 99)


def test_a_question_then_why_it_is_asked_is_the_question() -> None:
    """ "any small parts? his sister is 2" had searched marbles for a baby."""
    query = understand("any small parts? his sister is 2", None, [], SHOWN).query
    assert query.intent is Intent.detail and query.age == (2, 2), query


def test_furniture_to_go_in_it_is_for_what_is_on_screen() -> None:
    """ "i just need furniture to go in it" after dollhouses had shown studio furniture."""
    from assistant.cues import FOR_IT

    assert FOR_IT.search("no sorry she already has the house, i just need furniture to go in it")
    state = ConversationState(search="dollhouse kids", kind="dollhouse")
    query = understand("no sorry she already has the house, i just need furniture to go in it",
                       None, [], ["KidKraft Dollhouse", "Hape Dollhouse"]).query  # fmt: skip
    assert advance(state, query, Catalog([])).search.startswith("dollhouse furniture"), query
    assert "sorry" not in query.unwanted


def test_others_asked_for_then_a_word_on_the_card() -> None:
    """ "something lighter, that hard one looks like it weighs a ton" after cello cases had
    searched "lighter hard looks weighs" (calibration weights)."""
    query = understand(
        "something lighter, that hard one looks like it weighs a ton", None, [], SHOWN
    ).query
    assert query.intent is Intent.refine and "weighs" not in query.search, query


def test_a_card_taken_by_its_words() -> None:
    """ "nah go with the padded bag, cheaper" had searched "go padded bag" (ukulele bags)."""
    query = understand("nah go with the padded bag, cheaper", None, [],
                       ["Hard Cello Case", "Padded Cello Gig Bag"]).query  # fmt: skip
    assert query.move == "chosen", query


def test_a_teenagers_reading_with_nothing_else_said_is_young_adult() -> None:
    from assistant.people import read_age

    assert (
        understand("an ebook for my 16 year old son", None, []).query.search == "ebook young adult"
    )
    assert (
        "young"
        not in understand("fantasy ebook recs for a 14 year old girl", None, []).query.search
    )
    assert read_age("für meinen Sohn (16)") == (16, 16)


def test_a_card_taken_by_words_no_card_has_is_looked_for() -> None:
    """ "nah go with the padded bag" among hard cello cases had chosen a hard case."""
    query = understand("nah go with the padded bag, cheaper", None, [],
                       ["Hard Cello Case with Wheels", "Fiberglass Cello Case"]).query  # fmt: skip
    assert query.move != "chosen" and query.intent is Intent.new, query


@pytest.mark.parametrize(
    ("text", "maker"),
    [
        ("is meinl a good brand?", "meinl"),
        ("is rico royal decent or should i spend more on vandoren", "rico royal"),
        ("¿Meinl es buena marca? yo de esto no tengo ni idea", "Meinl"),
        ("ist Yamaha eine gute Marke?", "Yamaha"),
        ("is it a good brand", None),
        ("is this one decent?", None),
        ("is it decent for a beginner", None),
    ],
)
def test_whether_a_maker_is_any_good(text: str, maker: str | None) -> None:
    """ "is meinl a good brand?" had been answered 'Its listing does not mention "meinl"'; the
    Spanish one searched."""
    from assistant.cues import brand_asked

    assert brand_asked(text) == maker
    if maker:
        shown = [f"{maker.title()} Cajon Box Drum", "X8 Flamenco Cajon"]
        assert understand(text, None, [], shown).query.intent is Intent.detail


def test_not_that_kind_but_a_kind_of_one_is_others_of_it() -> None:
    """ "not that kind, he wants a real trick one, ..." after yo-yos had searched "not real trick
    come back own" (a magic deck first)."""
    query = understand("not that kind, he wants a real trick one, the kind that doesn't come back up on its own",
                       None, [], ["Yo-Yo Maker", "Light Up Yo-Yo"]).query  # fmt: skip
    assert query.intent is Intent.more and query.narrows == "trick", query


def test_a_card_added_then_the_total_asked_is_added() -> None:
    """ "add the first one for him. total for both?" had been asked of the card ('does not
    mention "total"'); the lead of an add says the cart's count and total."""
    query = understand("add the first one for him. total for both?", None, [], SHOWN).query
    assert query.move == "chosen" and query.references == (1,), query
    assert understand("whats the total", None, [], SHOWN).query.move == "cart"


def test_what_a_product_is_for_is_not_what_it_is() -> None:
    """ "not filament" after a 3D printer's kit had taken out the nozzle "for 1.75mm Filament"."""
    from assistant.followups import told_wants
    from assistant.unwanted import says_unwanted

    assert not says_unwanted("Redrex 3D Printer Nozzle for 1.75mm Filament V6", ("filament",))
    assert says_unwanted("Gold PLA 3D Printer Filament 1.75mm", ("filament",))
    assert told_wants("it came with a spool of pla so not filament right now. what else") == ()
    assert (
        product_kind("my daughter just got a violin for school, what else does she need?")
        == "violin"
    )


def test_a_maker_no_card_is_by_is_looked_for_among_the_kind() -> None:
    """ "¿Wittner es buena marca?" after metronomes none of which is a Wittner had searched its
    words ("No parece que tengamos wittner es buena marca", cello pegs shown)."""
    query = understand("¿Wittner es buena marca?", None, [],
                       ["Luvay Mechanical Metronome - Wooden", "Portable LCD metronome"]).query  # fmt: skip
    assert query.intent is Intent.new and query.search.lower() == "wittner metronome", query


def test_a_look_said_in_spanish_with_assent_and_the_cart() -> None:
    """ "vale, el de madera, añádelo" had put the recommended card in the cart, not the wooden."""
    from assistant.cues import looked_one

    assert looked_one("vale, el de madera, añádelo") == "de madera"
    assert looked_one("el de madera") == "de madera"


@pytest.mark.parametrize(
    "text",
    [
        "is the bow any good",
        "is the first decent?",
        "is that brand any good?",
        "¿es una buena marca?",
    ],
)
def test_a_card_or_the_brand_asked_of_is_no_maker_named(text: str) -> None:
    """A review of the brand question: "is the bow any good" had searched "the bow"."""
    from assistant.cues import brand_asked

    assert brand_asked(text) is None


def test_readings_a_review_of_this_stop_set_right() -> None:
    """Each was misread by a first version of this stop's readings."""
    from assistant.people import read_age
    from assistant.unwanted import says_unwanted
    from retrieval.multilingual import read_words

    # whom it is for is not the cards being too young
    toddler = understand("it's for a toddler, he just turned 2", None, [], SHOWN).query
    assert "toddler" not in toddler.unwanted and toddler.move != "ack", toddler
    # a card said by how it stands is taken, not searched
    for text in ("ok i'll go with the one you recommended", "let's go with the cheaper one"):
        assert understand(text, None, [], SHOWN).query.move == "chosen", text
    # a bound said beside "try again" is kept
    assert understand("try again but under $20", None, [], SHOWN).query.max_price == 20
    # no fragment of a contraction is searched
    mesh = understand(
        "show me something different, mesh isn't really my style", None, [], SHOWN
    ).query
    assert "isn" not in mesh.narrows.split(), mesh
    # a question for someone of an age keeps whom
    niece = understand(
        "what do you have for a 6 year old? my niece turns 6 next week", None, [], SHOWN
    ).query
    assert niece.search, niece
    assert read_age("my dad wants a new drill") == (18, 99)
    assert product_kind("looking for a violin case, she needs to have the bow protected") == "case"
    assert says_unwanted("Wooden Shape Puzzle for Toddlers 1-3", ["toddler"])
    assert read_words("¿y por qué no la de madera?", "es", None, partial=True) == "wooden"
    assert read_words("il n'aime pas les peluches", "fr", None, partial=True) == "not plush"
    assert understand("hmm 2 of those look the same", None, [], SHOWN).query.move != "chosen"


def test_a_card_named_by_several_of_its_words_is_asked_about() -> None:
    """ "the folding magnetic one, is the board real wood?" beside two folding chess sets, one
    magnetic, had searched magnetic wooden boards; "get the black cat one" had searched black
    cats; "only stuff people actually liked pls, i've heard horror stories about cheap flutes"
    had searched "heard horror stories"."""
    titles = [
        "Computer Chess Game, Chess Set Board Game",
        "LEAP Wooden Chess Set 17 Inches - Folding Board",
        "WYT Magnetic Chess Sets,15in Folding Wooden Chess Set Board",
    ]
    q = understand("the folding magnetic one, is the board real wood?", None, [], titles).query
    assert q.intent is Intent.detail and q.references == (3,)
    # two cards hold as many of the words: neither is named
    assert read_cues("the folding one, is it wood?", titles).references == ()
    # a card asked cheaper is others, not a question of it
    assert (
        understand("the magnetic one, do you have it cheaper?", None, [], titles).query.intent
        is Intent.refine
    )
    books = ["Bedtime Stories for Kids", "Calm Down Little Black Cat: Clever Baby", "Storyteller"]
    for said in ("get the black cat one", "the black cat one is cute, get that"):
        q = understand(said, None, [], books).query
        assert (q.intent, q.move, q.references) == (Intent.detail, "chosen", (2,)), said
    flutes = ["Gemeinhardt 1SP Student Flute", "Armstrong 104 Flute and Case"]
    said = "only stuff people actually liked pls, i've heard horror stories about cheap flutes"
    q = understand(said, None, [], flutes).query
    assert q.intent is Intent.refine and "horror" not in q.narrows


@pytest.mark.parametrize(
    ("said", "move"),
    [
        # a count changed, with why after it (each had been a search: "make 10 two kids signed")
        ("make it 10, two more kids signed up", "quantity"),
        ("wait make it 5, i have 28 kids and they WILL steal them", "quantity"),
        ("actually make it 2 packs of the tambourines", "quantity"),
        # the cart asked, said short ("cart total pls" had searched carts)
        ("whats in the cart now", "cart"),
        ("cart total pls", "cart"),
        ("how much is all that", "cart"),
        # a card taken out said as scratched ("nah scratch that" had searched scratch art)
        ("nah scratch that, he'll just steal mine", "remove"),
        ("scratch the tambourine", "remove"),
        # the total asked as people ask it (each had been asked of a card or searched)
        ("how much am i at", "cart"),
        ("ok now tell me where im at", "cart"),
        ("what does that all add up to", "cart"),
        ("coloca a boneca e o carrinho, quanto deu?", "cart"),
        # a count changed after why ("will say bunnies babies make 2" had been searched)
        ("hmm the 9 yr old will say bunnies are for babies, make it 2", "quantity"),
    ],
)
def test_the_cart_is_changed_and_asked_as_people_say_it(said: str, move: str) -> None:
    titles = ["20 Pack Plastic Percussion Tambourine for Kids", "Wooden Tambourine"]
    q = understand(said, None, [], titles).query
    assert (q.intent, q.move) == (Intent.detail, move), (said, q.intent, q.move, q.search)
    # another thing asked beside the count is no count change
    assert understand("make it 2, and a bag for it", None, [], titles).query.move != "quantity"


def test_the_second_to_last_card_is_named() -> None:
    titles = ["a", "b", "c", "d", "e"]
    for said in (
        "the second-to-last one, how many pieces?",
        "the next to last one",
        "the penultimate one",
    ):
        assert read_cues(said, titles).references == (4,), said
    assert read_cues("the last one, how many pieces?", titles).references == (5,)


def test_the_product_asked_after_a_story_is_what_is_searched() -> None:
    """ "first year teaching 4th grade ... 😅 start me with dry erase markers" had searched the
    story ("first teaching 4th grade empty"), "... or i lose it 😅 highlighters first" had made
    "adhd" the kind, "hosting poker night for the guys, need chips" had asked for "night chips",
    and "normal scissors then" had said "We don't seem to carry normal scissors" over scissors."""
    from assistant.kinds import wanted_part

    said = ("first year teaching 4th grade in august and my classroom is literally empty 😅 start "
            "me with dry erase markers")  # fmt: skip
    assert wanted_part(said) == "dry erase markers"
    assert (
        wanted_part(
            "i have adhd and i need EVERYTHING color coded or i lose it 😅 highlighters first"
        )
        == "highlighters"
    )
    assert wanted_part("hosting poker night for the guys, need chips") == "chips"
    assert wanted_part(
        "my son started a band and they practice in our garage 🙃 need earplugs"
    ).startswith("earplugs")
    assert not_product_word("normal") and not_product_word("regular")
    q = understand("ugh ok. normal scissors then, just for the junk drawer", None, []).query
    assert "normal" not in q.search and q.kind == "scissors", q


def test_someone_taking_up_an_activity_is_shown_what_it_takes() -> None:
    """ "my grandson (9) found an old quarter and now he wants to collect coins lol" had searched
    "found quarter collect coins" (and said not carried); "my 14yo wants to learn to solder,
    where do you even start" had said "We don't seem to carry where do you even start"."""
    q = understand(
        "my grandson (9) found an old quarter and now he wants to collect coins lol", None, []
    ).query
    assert q.starter == "coins", q
    q = understand("my 14yo wants to learn to solder, where do you even start", None, []).query
    assert q.starter == "soldering", q
    # a product named after the telling is what is asked
    assert understand("my daughter wants to learn violin", None, []).query.starter is None
    assert (
        understand("my son just got into the ukulele, he needs a gig bag", None, []).query.starter
        is None
    )


def test_a_question_of_a_card_named_by_its_maker_asks_only_the_rest() -> None:
    """ "does the pioneer come with headphones" had said 'does not mention "pioneer headphones"'."""
    from assistant.advice import detail_lead
    from retrieval.catalog import Price, Product

    product = Product(id="p1", title="Pioneer DDJ-SB Performance DJ Controller",
                      description="Two decks and a mixer for Serato DJ Lite.",
                      category=("Musical Instruments",), price=Price(amount=Decimal("428")), source="test")  # fmt: skip
    card = Card(mark=4, product=product, price="$428.00", why="", value="")
    lead = detail_lead(
        "does the pioneer come with headphones or do i need to buy those separately", card
    )
    assert lead is not None and '"headphones"' in lead and "pioneer" not in lead.lower(), lead


def test_a_grown_up_reading_is_never_a_childs() -> None:
    """ "bedtime story ebooks for my 2 year old", then "one more like it", had shown an erotic
    title (its description a generator's refusal): readings for grown-ups only are left out of
    a child's cards; a toy that "dominates" or a "Music Lovers" tuner is no such reading."""
    from assistant.fits import for_a_child, grown_up_reading
    from retrieval.catalog import Product

    def product(title: str, department: str, description: str = "") -> Product:
        return Product(
            id=title[:8],
            title=title,
            description=description,
            category=(department,),
            source="test",
        )

    refused = "I am unable to provide a creative description ... the content is inappropriate."
    assert grown_up_reading(product("Baby Sissy Girl: For Rent by Wife", "Kindle Store", refused))
    assert grown_up_reading(
        product("Ruby: A Mafia Romance (Dangerous Gems Book 3)", "Kindle Store")
    )
    assert not grown_up_reading(product("Calm Down Little Black Cat: Clever Baby", "Kindle Store"))
    assert not grown_up_reading(
        product("Kids Tactical Vest for Nerf Elite Series", "Toys & Games", "dominate the battle")
    )
    assert for_a_child(ConversationState(search="bedtime story ebooks", age_min=2, age_max=2))
    assert for_a_child(ConversationState(search="bedtime story ebooks kids", age_min=3, age_max=12))
    assert not for_a_child(ConversationState(search="westerns on kindle", age_min=70, age_max=70))


def test_two_things_asked_to_be_the_same_are_set_side_by_side() -> None:
    """ "is kinetic sand the same thing as playdoh?" had searched "kinetic sand same playdoh"
    and said not carried; "is a bell kit the same as a glockenspiel?" showed one side."""
    from assistant.cues import alternatives

    assert alternatives(
        "is kinetic sand the same thing as playdoh? i dont want stuff that dries out"
    ) == (
        "kinetic sand",
        "playdoh",
    )
    assert alternatives("are the gan and the moyu the same") == ("gan", "moyu")
    assert alternatives("is gemeinhardt the same as lazarro quality wise?") == (
        "gemeinhardt",
        "lazarro",
    )
    assert alternatives("is it the same as the first one?") == ()
    assert not_product_word("same")


def test_a_step_up_and_why_after_others_asked_are_read() -> None:
    """ "ok then something bigger he can't swallow" after fridge magnets had searched "bigger
    swallow" (a map pack "Swallowed Whole"); "money's not really an issue actually, is there
    anything better i should look at?" had searched "better" (a caulk gun)."""
    from assistant.cues import PRICIER, choice_and_more
    from assistant.prices import NO_LIMIT

    magnets = ["Wooden Magnetic Letters Fridge Magnets", "Small Refrigerator Magnets Set"]
    q = understand("ok then something bigger he can't swallow", None, [], magnets).query
    assert q.intent is Intent.refine and q.narrows == "bigger", q
    said = "money's not really an issue actually, is there anything better i should look at?"
    assert NO_LIMIT.search(said) and PRICIER.search(said)
    assert not PRICIER.search("something better for a beginner")
    # a choice and a count of another thing
    parts = choice_and_more(
        "add the one in the wooden case. + 2 decks of plastic cards, beer WILL get spilled"
    )
    assert parts is not None and parts[0] == "add the one in the wooden case", parts


def test_a_birthday_said_by_its_count_is_the_age_and_anti_is_not_wanted() -> None:
    """ "toys for my nephew's 1st bday, my sister is super anti-plastic" had shown stress balls
    and fake snow (a nephew of 3 to 14, "anti-plastic" searched)."""
    from assistant.needs import read_needs
    from assistant.unwanted import unwanted_words

    said = "toys for my nephew's 1st bday, my sister is super anti-plastic"
    assert read_needs(said).age == (1.0, 1.0)
    assert read_needs("present for her 2nd birthday").age == (2.0, 2.0)
    assert read_needs("gift for a first birthday").age == (1.0, 1.0)
    assert unwanted_words(said) == ("plastic",)
    # a product that is against something is wanted whole
    assert unwanted_words("ok and one of those anti fatigue mats to stand on") == ()
    assert unwanted_words("anti-stress toys") == ()


def test_what_gave_out_is_what_to_replace_and_a_science_project_gets_its_kit() -> None:
    """ "he weighs his beans every morning and our scale just died" had searched "total coffee
    snob" (a coffee jigsaw); "my daughter's science fair project is growing bacteria ... what
    do we need" had searched the story (a Gram stain kit)."""
    from assistant.kinds import wanted_part
    from assistant.needs import read_needs

    said = "my husband is a total coffee snob, he weighs his beans every morning and our scale just died"
    assert wanted_part(said) == "scale"
    assert read_needs(said).product_words == "scale"
    q = understand(
        "my daughter's science fair project is growing bacteria from door handles 🤢 what do we need",
        None,
        [],
    ).query
    assert q.starter == "microbiology", q


def test_what_is_owned_then_lacking_is_what_is_wanted_and_too_much_is_less() -> None:
    """ "she's got the dominoes already, just not those holder things you put them in" had made
    the holders not wanted; "something different, those are too long, she lasts like 5 pages"
    had searched "long" (a Walk-A-Long Croc)."""
    dominoes = [
        "The Mind Challenge Double 6 Dominoes Set Mexican Train",
        "Drueke Travel Double Six Dominoes",
    ]
    said = "she's got the dominoes already, just not those holder things you put them in"
    q = understand(said, None, [], dominoes).query
    assert q.intent is Intent.new and q.search == "dominoes holder", q
    q = understand("he has the guitar already but not a case", None, []).query
    assert q.search == "guitar case", q
    books = ["Bedtime Stories for Kids", "Calm Down Little Black Cat: Clever Baby"]
    q = understand(
        "something different, those are too long, she lasts like 5 pages", None, [], books
    ).query
    assert q.intent is Intent.more and q.narrows == "short", q
    puzzles = ["Jigsaw Puzzle 1000 Pieces", "Wooden Jigsaw Puzzle 500 Pieces"]
    q = understand("those are way too big, she only has a small table", None, [], puzzles).query
    assert q.intent is Intent.refine and q.narrows == "small", q


def test_what_the_story_calls_the_kind_joins_it_where_titles_say_so() -> None:
    """ "hosting poker night for the guys, need chips" had searched "chips" alone (a single
    collectible casino chip starred); titles that say "poker chips" make it poker chips. And
    "make it 3 decks, my brother is coming too" is a count, no model "make 3"."""
    from assistant.needs import read_needs

    counts = {"poker chips": 12, "poker": 30, "chips": 40, "night": 50}
    assert (
        read_needs("hosting poker night for the guys, need chips", counts).product_words
        == "poker chips"
    )
    # a pair no title says joins nothing
    assert (
        read_needs("hosting poker night for the guys, need chips", {"chips": 40}).product_words
        == "chips"
    )
    titles = [
        "ACE 4 Decks of Waterproof Plastic Playing Cards",
        "MRC 500pcs Poker Chips Set with Wood Case",
    ]
    q = understand("make it 3 decks, my brother is coming too", None, [], titles).query
    assert (q.intent, q.move) == (Intent.detail, "quantity"), q


def test_try_again_in_a_budget_skip_and_a_pastime_said_as_a_verb() -> None:
    """ "try again but under $20, he'll probably leave it at school within a week" after music
    stands had searched "leave school within week"; "skip the binder clips, found a whole tub"
    had searched "skip binder clips"; "also something for my dad, he hunts" had searched
    "hunts" (Magic cards); "was ist jetzt im Warenkorb" (read "i'm") had been no cart question."""
    from assistant.needs import read_needs
    from assistant.unwanted import unwanted_words

    stands = [
        "Peak Music Stands SMS-35 Conductor Music Stand",
        "Hamilton Stands Music Stand (KB38)",
    ]
    said = "try again but under $20, he'll probably leave it at school within a week"
    q = understand(said, None, [], stands).query
    assert q.intent is Intent.refine and q.max_price == 20 and not q.narrows, q
    assert unwanted_words("skip the binder clips, found a whole tub in a moving box") == (
        "binder",
        "clips",
    )
    assert unwanted_words("skip rope for my daughter") == ()
    assert read_needs("also something for my dad, he hunts").product_words == "hunting"
    assert "baking" in read_needs("gift for my grandma, she bakes every weekend").product_words
    assert "runs" in read_needs("a toy car that runs on batteries").product_words
    q = understand("was ist jetzt im Warenkorb", None, [], stands).query
    assert (q.intent, q.move) == (Intent.detail, "cart"), q


def test_a_card_named_by_its_price_among_some() -> None:
    """ "get the cheaper of those two" had searched cheaper things; "the cheapest of the wooden
    ones, is the paint safe" had searched "wooden paint safe chews"."""
    from assistant.cues import PRICED_ONE, priced_one

    assert priced_one("get the cheaper of those two") == "low"
    m = PRICED_ONE.search("the cheapest of the wooden ones, is the paint safe if he chews on it?")
    assert m is not None and m.group("among") == "wooden"
    tuners = ["Electronic Guitar Tuner", "Clip-On Tuner for All Instruments", "Tuner Pedal"]
    q = understand("get the cheaper of the first two", None, [], tuners).query
    assert (q.intent, q.move) == (Intent.detail, "chosen"), q


def test_another_thing_after_a_choices_sentence_is_asked() -> None:
    """ "get the cheaper of those two. and yellow post its, the normal square ones" had dropped
    the post-its without a word."""
    from assistant.cues import choice_and_more

    said = "get the cheaper of those two. and yellow post its, the normal square ones"
    assert choice_and_more(said) == (
        "get the cheaper of those two",
        "and yellow post its, the normal square ones",
    )
    assert choice_and_more("the 3rd one is fine. and thanks") is None
    assert choice_and_more("ok add it. and it should be blue") is None


def test_the_cart_asked_and_put_in_however_it_is_said() -> None:
    """ "what do i have so far" had searched "far" and "what do i have" been asked of a card;
    "cuánto va el total?" had searched "total" (a PA speaker); "好的，加一个到购物车" (ok, add one
    to the cart) had searched "plus cart" (toy carts)."""
    import re

    from assistant.cues import ADD_TO_CART, CART_ASKED, cart_quantity

    for text in ("what do i have so far", "what do i have", "ok what did i add",
                 "cuánto va el total?", "ça fait combien au total ?", "was macht das insgesamt"):  # fmt: skip
        assert understand(text, None, [], SHOWN).query.move == "cart", text
    for text in ("what do i have to buy for a ukulele", "what do you have for drums"):
        assert not CART_ASKED.search(clean_message(text)), text
    assert re.search(ADD_TO_CART, "好的，加一个到购物车")
    assert cart_quantity("加两个到购物车") == 2


def test_never_mind_and_right_now_are_no_product_words() -> None:
    """ "ok nvm show me ukuleles instead" had said "We don't seem to carry ok never mind show me
    ukuleles" over ukuleles; "ugh never mind the label maker, just the organizer" had searched
    label makers; "my desk is a disaster rn" had made the kind "right"."""
    assert clean_message("ok nvm show me ukuleles instead") == "show me ukuleles instead"
    assert clean_message("ugh never mind the label maker, just the organizer") == (
        "just the organizer"
    )
    assert clean_message("never mind the budget, show me the best").startswith("never mind")
    assert clean_message("ok nvm") == "ok never mind"  # leaving, read as before
    assert "right" not in clean_message("my desk is a disaster rn, need a pen cup")
    query = understand("ok nvm show me ukuleles instead", None, [], SHOWN).query
    assert query.search == "ukuleles" and query.intent is Intent.new, query


def test_more_said_of_the_kind_on_screen_refines_it() -> None:
    """ "for my daughters piano lessons, one that sits on top of the piano is fine" after
    metronomes had searched pianos (and the shopper put a digital piano in the cart as a
    metronome); "needs temperature control" after soldering stations had shown fridge
    thermostats. More said of the kind on screen refines it; what it must have narrows it."""
    metronomes = ["Wittner Taktell Metronome, Wood", "Korg MA-2 Compact Metronome",
                  "Seiko SQ50 Quartz Metronome"]  # fmt: skip
    lessons = understand("for my daughters piano lessons, one that sits on top of the piano is "
                         "fine", None, [], metronomes).query  # fmt: skip
    assert lessons.intent is Intent.refine and not lessons.references, lessons
    stations = ["Weller Soldering Station WLC100", "Hakko FX888D Soldering Station"]
    control = understand("needs temperature control", None, [], stations).query
    assert control.intent is Intent.refine and control.narrows == "temperature control", control
    # what it must be without narrows nothing: it is not wanted
    cordless = understand("for my son, one without a cord", None, [], stations).query
    assert cordless.intent is Intent.refine and "cord" not in cordless.narrows, cordless
    # a card named still is that card, and a new thing asked for is searched
    assert understand("the second one that has a case", None, [], stations).query.references == (2,)
    tuner = understand("i also need a tuner", None, [], metronomes).query
    assert tuner.intent is Intent.new and "tuner" in tuner.search, tuner


def test_the_telling_around_the_request_is_not_searched() -> None:
    """Words of the telling had been the kind: "my 6 yo wants drums 😭 send help" (a stage
    snake "Send TRS Return"), "teacher here 🍎 stocking up for the year: dry erase markers"
    (Christmas stockings), "... up at 6am every day looking at birds" ("6am birds"), "need
    something we can all play together" ("stuck" of "we're stuck at my grandmas"), "she's big on
    fancy pens and journaling" (no liking read: a gag gift), "nothing crazy expensive" ("crazy"
    not wanted), "oh and maybe a little notebook" ("oh" searched)."""
    drums = understand("my 6 yo wants drums 😭 send help. something that wont make me lose my "
                       "mind", None, []).query  # fmt: skip
    assert drums.kind == "drums" and "send" not in drums.search, drums
    markers = understand("teacher here 🍎 stocking up for the year: dry erase markers, lots of them",
                         None, []).query  # fmt: skip
    assert markers.kind == "markers" and "stocking" not in markers.search, markers
    birds = understand("so my dad retired and now hes up at 6am every day looking at birds lol. "
                       "what could i get him, nothing crazy expensive", None, []).query  # fmt: skip
    assert "6am" not in birds.search and birds.prefer_cheap and not birds.unwanted, birds
    games = understand("we're stuck at my grandmas all weekend, me + 3 cousins ages 7 to 12. need "
                       "something we can all play together", None, []).query  # fmt: skip
    assert games.kind == "game" and "stuck" not in games.search, games
    pens = understand("want to get her something nice but like 20 bucks max. she's big on fancy "
                      "pens and journaling", None, []).query  # fmt: skip
    assert "pens" in pens.interests and pens.max_price == 20, pens
    assert understand("a big on-off switch", None, []).query.kind == "switch"
    assert clean_message("oh and maybe a little notebook") == "and maybe a little notebook"
    assert clean_message("oh ok") == "oh ok"  # an assent, read as before


def test_a_maker_not_wanted_and_why_keeps_the_cards_kind() -> None:
    """ "not hatchbox pls, had a bad roll from them" after PETG spools had searched "bad roll";
    "make the strings 2 sets" had searched strings again; "cart?" had shown toy carts."""
    from assistant.cues import SET_QUANTITY

    spools = ["Inland 1.75mm Natural PETG 3D Printer Filament - 1kg Spool",
              "Hatchbox PETG 3D Printer Filament, 1 KG Spool, 1.75 mm, Black"]  # fmt: skip
    for text in ("not hatchbox pls, had a bad roll from them",
                 "no hatchbox please, had a bad experience"):  # fmt: skip
        query = understand(text, None, [], spools).query
        # (a maker's name read as one where the store's makers are known, else as not wanted)
        assert "hatchbox" in (*query.exclude_brands, *query.unwanted), query
        assert query.intent is Intent.refine, query
        assert not query.search and query.kind is None, query
    instead = understand("not hatchbox, need black petg instead", None, [], spools).query
    assert "petg" in instead.search.lower(), instead  # what is asked in its place is searched
    said = SET_QUANTITY.match(clean_message("actually make the strings 2 sets, i always snap the high g"))
    assert said is not None and said.group("count") == "2"
    assert SET_QUANTITY.match("make the box bigger") is None
    assert understand("cart?", None, [], spools).query.move == "cart"


def test_asides_openers_and_someones_say_are_no_request() -> None:
    """ "eh forget fidgets, whats the quietest retractable pen" had said "We don't seem to carry
    eh forget fidgets"; "hm. what DO you have for someone obsessed with coffee, gift-wise" had
    searched "hm coffee wise"; "the teacher says 61 keys minimum" had made the keyboard a gift
    "for your teacher", "quiet ones pls my coworkers will murder me" one "for coworkers"."""
    assert clean_message("eh forget fidgets, whats the quietest retractable pen") == (
        "what's the quietest retractable pen"
    )
    assert clean_message("forget the budget, whats the best one").startswith("forget the budget")
    assert clean_message("forget it") == "forget it"  # leaving, read as before
    coffee = understand("hm. what DO you have for someone who is obsessed with coffee, gift-wise",
                        None, []).query  # fmt: skip
    assert coffee.search == "coffee", coffee
    keys = understand("keyboard for my 9 yo, shes taking piano lessons and the teacher says 61 keys "
                      "minimum", None, []).query  # fmt: skip
    assert keys.recipient != "teacher" and keys.kind == "keyboard", keys
    fidgets = ["Boxgear 9 Pieces of Fidget Toys for Adults", "Mini Pop Fidget Keychain"]
    quiet = understand("quiet ones pls my coworkers will murder me", None, [], fidgets).query
    assert quiet.recipient is None, quiet
    # someone's say that is the request's person stays it: "my son says he wants drums"
    assert understand("my son says he wants drums", None, []).query.recipient == "son"


def test_varieties_set_against_each_other_are_no_makers() -> None:
    """ "soprano or concert, which is easier to start on?" after ukuleles had been read as two
    makers (a $93 strap "For Soprano Concert" starred); asked of the cards, it is a question."""
    from assistant.cues import BrandLexicon, asked_makers

    lexicon = BrandLexicon(["Soprano", "Concert", "Kala", "Cordoba"], [])
    assert asked_makers("soprano or concert, which is easier to start on?", lexicon) == ()
    assert asked_makers("kala or cordoba?", lexicon) == ("kala", "cordoba")


def test_a_want_after_a_story_said_of_someone_else_is_the_request() -> None:
    """ "my 13yo has been looking at pond water with a magnifying glass all summer lol, he wants
    a microscope" had searched the story ("been pond water magnifying glass all summer
    microscope") and said the store does not carry it."""
    query = understand("my 13yo has been looking at pond water with a magnifying glass all "
                       "summer lol, he wants a microscope", None, []).query  # fmt: skip
    assert query.search == "microscope" and query.age_min == 13, query


def test_slides_and_a_shelf_of_accessories_are_no_microscope() -> None:
    """ "a microscope" had starred "Blank Microscope Slides" (their shelf "Microscopes &
    Equipment" read as the kind, though a later shelf says "Microscope Accessories")."""
    import Stemmer

    from assistant.fits import shows_kind

    stem = Stemmer.Stemmer("english").stemWord
    slides = "AmScope 72 Pieces of Pre-Cleaned Blank Microscope Slides and 100 Coverslips"
    shelves = " ; Microscopes & Equipment ; Microscope Accessories ; Slides"
    assert not shows_kind(slides + shelves, "microscope", stem, "microscope")
    assert shows_kind(slides + shelves, "slides", stem, "microscope slides")
    scope = "AmScope 40X-1000X Compound Microscope ; Microscopes & Equipment ; Compound Microscopes"
    assert shows_kind(scope, "microscope", stem, "microscope")
    assert shows_kind("Fisher Lab Glassware ; Microscopes & Equipment", "microscope", stem, "x")


def test_a_colour_asked_after_looking_for_is_kept() -> None:
    """ "looking for PETG filament 1.75mm, black, 1kg spool" had lost "black" (the request was
    read as turning to what it is for at "looking for"): natural and magenta spools were starred
    over the black ones."""
    query = understand("looking for PETG filament 1.75mm, black, 1kg spool", None, []).query
    assert query.attributes == ("black",), query
    assert understand("looking for a red ukulele for my niece", None, []).query.attributes == ("red",)
    # what the person is like stays no feature of the product
    assert understand("a ukulele for my niece who likes red", None, []).query.attributes == ()


def test_fresh48_small_readings() -> None:
    """A set the project had never seen (fresh48): "ok go with that one" had searched "go" (Go
    Diego Go tattoos); "filament sounds good. she mentioned ..." and "practice pad sounds good"
    had made the kind "sounds"; "oh ok. my daughter wants a stuffed dog anyway" had searched "oh
    ... anyway" and said stuffed dogs were not carried over stuffed dogs; "something she'd actually
    use in class" had searched "she'd" (a She-Devil statue); "a music stand and some guitar
    picks" after a metronome had been the metronome's stand and picks, and "a simple one" a second
    thing asked for; "empty everything", "take off the flux" and "how many items do i have total"
    had been searched or asked of a card."""
    from assistant.cues import CART_ASKED, EMPTY_CART, REMOVE_FROM_CART

    assert understand("ok go with that one", None, [], SHOWN).query.move == "chosen"
    assert clean_message("filament sounds good. she mentioned she wants silk") == (
        "filament: she mentioned she wants silk"
    )
    assert clean_message("#2 sounds good") == "#2 sounds good"  # a card chosen stays chosen
    assert clean_message("oh ok. my daughter wants a stuffed dog anyway") == (
        "my daughter wants a stuffed dog anyway"
    )
    dog = understand("my daughter wants a stuffed dog anyway, show me those", None, []).query
    assert "anyway" not in dog.search and dog.kind == "dog"
    assert "she'd" not in understand(
        "end of year gift for my sons teacher, something she'd actually use in class", None, []
    ).query.search
    listed = understand("i need a metronome, a music stand and some guitar picks", None, []).query
    assert listed.items == ("a metronome", "a music stand", "some guitar picks")
    assert understand("now metronomes, a simple one, doesnt need to be fancy", None, []).query.items == ()
    assert understand("a ukulele, a soft case and a tuner", None, []).query.items[1] == "ukulele soft case"
    assert EMPTY_CART.search("empty everything actually, ill come back later")
    assert REMOVE_FROM_CART.search("take off the flux")
    assert not EMPTY_CART.search("empty spray bottles for my plants")
    assert CART_ASKED.search("how many items do i have total?")


def test_things_put_in_the_cart_are_read_off_earlier_screens_too() -> None:
    """ "add the pedal + a 9v supply" after power supplies had followed distortion pedals had put
    two supplies in the cart (a "9V Effect Pedal Power Supply" read as "the pedal"): a thing whose
    kind the card on screen only mentions is the earlier card of that kind that was recommended;
    one the screen shows as its kind stays ("a 9v supply"). Counts said after a thing are its
    count ("the pencils, 2 boxes", "goggles x3"), not another thing."""
    from assistant.basket import Listed, cart_list
    from assistant.pipeline import ChatPipeline
    from retrieval.catalog import Product

    def product(i: str, title: str) -> Product:
        return Product(id=i, title=title, source="t")

    screen = [product("s1", "MyVolts 9V Power Supply Adaptor for Arturia KeyStep"),
              product("s2", "Vics 9V Effect Pedal Power Supply Adapter US Plug")]  # fmt: skip
    earlier = [product("p1", "Celestial Effects ARIES BEAST DISTORTION Guitar Effects Pedal"),
               product("p2", "Aural Dream Intense Distortion Guitar Effect Pedal")]  # fmt: skip
    pool = [*screen, *earlier]
    pedal = ChatPipeline._of_its_kind(Listed(2, 1, "the pedal"), pool, 2, ("p2",))
    assert pedal.mark == 4  # the recommended pedal of the earlier screen
    # (never one no answer recommended: a screen that said none was what was asked)
    assert ChatPipeline._of_its_kind(Listed(2, 1, "the pedal"), pool, 2).mark == 2
    supply = ChatPipeline._of_its_kind(Listed(1, 1, "a 9v supply"), pool, 2, ("p2",))
    assert supply.mark == 1
    # on no card of the screen: the earlier card of its kind its words name
    assert ChatPipeline._of_its_kind(Listed(None, 1, "the aries pedal"), pool, 2, ("p1", "p2")).mark == 3
    assert ChatPipeline._of_its_kind(Listed(None, 1, "the tuner"), pool, 2).mark is None
    assert cart_list("add the orange pouch and the pencils, 2 boxes") == (
        "the orange pouch", "2 boxes of the pencils")
    assert cart_list("ok add the strings x2 and the book") == ("2 of the strings", "the book")


@pytest.mark.parametrize("said", ["more", "more pls", "ok more?", "some more", "more of those"])
def test_more_said_alone_asks_for_more_of_the_same(said: str) -> None:
    """ "more" after LEGO city sets had searched "more" (a S'more eraser, then "what kind of
    product do you have in mind?")."""
    assert understand(said, None, [], SHOWN).query.intent is Intent.more
    assert understand("more than 20 pieces", None, [], SHOWN).query.intent is not Intent.more


def test_a_card_put_in_by_its_price_or_from_an_earlier_screen() -> None:
    """ "put the gretsch and the cheapest amp in, hows the total looking" after amps had followed
    short scale basses had searched "hows total gretsch", and "put the cheapest amp in" put the
    first amp ($20) in beside a $6 one: the cheapest amp on screen, and the Gretsch of the
    earlier screen (shown, not recommended), each put in."""
    from assistant.basket import Listed, cart_list, listed
    from assistant.cues import priced_one
    from assistant.pipeline import ChatPipeline
    from retrieval.catalog import Price, Product

    def product(i: str, title: str, price: float) -> Product:
        return Product(id=i, title=title, source="t", price=Price(amount=Decimal(str(price))))

    assert cart_list("put the gretsch and the cheapest amp in, hows the total looking") == (
        "the gretsch", "the cheapest amp")
    assert priced_one("put the cheapest amp in, hows the total looking") == "low"
    assert priced_one("ok add the best rated tuner") == "rated"
    assert priced_one("the cheapest amp you have") is None  # asked for, no card put in
    screen = [product("a1", "Marshall MB15 8-Inch 15-Watt Bass Combo Amp", 20),
              product("a2", "Amp Stand for Bass Combo", 4),
              product("a3", "Crate BX15 Bass Amp", 6)]  # fmt: skip
    earlier = [product("b1", "Gibson Thunderbird Short Scale Electric Bass", 99),
               product("b2", "Gretsch G5442BDC Electromatic Short Scale Bass Guitar", 59)]  # fmt: skip
    items = listed(cart_list("put the gretsch and the cheapest amp in"), screen, [False] * 3, None)
    assert items[1].mark == 3, items  # the cheapest of the amps, not the $4 stand
    gretsch = ChatPipeline._of_its_kind(items[0], [*screen, *earlier], 3, ("b1",))
    assert gretsch.mark == 5, gretsch
    assert ChatPipeline._of_its_kind(Listed(None, 1, "the fender"), [*screen, *earlier], 3).mark is None


def test_fresh48_people_told_of_players_and_makers() -> None:
    """ "his parents are my friends" had made a refine of toddler trucks "for parents" (of
    grown-ups), "her mom will kill me" a question of a card asked of grown-ups; "any that work
    for up to 8?" of party games had been under $8; "special ones" the kind "special"; "dad plays
    acoustic guitar every weekend, been playing 30 yrs, what do i get a guy like that" a
    beginner's guitar kit."""
    shown = ["Electric Fire Truck Toy for Kids", "ArtCreativity Plush Monster Truck"]
    quieter = understand(clean_message(
        "something similar but quieter pls, his parents are my friends i want to stay friends"),
        None, [], shown).query  # fmt: skip
    assert quieter.recipient is None and quieter.age_min is None
    assert understand("a gift for my mom, she likes gardening", None, []).query.recipient == "mom"
    games = understand(clean_message("any that work for up to 8? sometimes more ppl show up"),
                       None, [], ["CONFIDENT? Board Game", "Saboteur Board Game"]).query  # fmt: skip
    assert games.max_price is None and "8 players" in games.search
    assert understand(clean_message("anything for up to 20?"), None, [], shown).query.max_price == 20
    strings = understand(clean_message(
        "he already has a tuner lol. what about strings, does he need special ones for acoustic"),
        None, [], ["Clip-On Tuner", "Martin Acoustic Guitar Strings"]).query  # fmt: skip
    assert strings.kind == "strings"
    dad = understand(clean_message(
        "dad plays acoustic guitar every weekend, been playing 30 yrs, what do i get a guy like "
        "that for fathers day"), None, []).query  # fmt: skip
    assert dad.starter is None and dad.search == "acoustic guitar accessories"
    assert understand("what do i need to start the saxophone?", None, []).query.starter == "saxophone"


def test_books_told_by_what_they_are_about_name_no_kind(demo_catalog) -> None:  # type: ignore[no-untyped-def]
    """ "my 14yo daughter reads constantly, mostly fantasy w dragons and magic schools, she has a
    kindle" had made the kind "schools" and said "We don't seem to carry that" over dragon
    fantasy ebooks; a sort of book titles say stays the kind ("a cozy mystery")."""
    from retrieval.vocabulary import Vocabulary

    words = Vocabulary(demo_catalog)
    departments = list(demo_catalog.columns.departments)
    told = understand("my 14yo daughter reads constantly, mostly fantasy w dragons and magic "
                      "schools, she has a kindle", None, departments, vocabulary=words).query  # fmt: skip
    assert told.department == "Kindle Store" and told.kind is None
    cozy = understand("a cozy mystery to read on my kindle", None, departments, vocabulary=words)
    assert cozy.query.kind == "mystery"


def test_fresh48_readings_leave_what_they_do_not_name() -> None:
    """A review of this stop's readings: none may take what it does not name. A budget said "up
    to 50" stays a budget (only "works/plays/seats for up to 8" is players); a card named before
    "sounds good" stays chosen; "that brand" is a maker only where it is left out ("would this
    make a good gift" is no brand); the cart is emptied only where the cart or "everything" is
    said, with nothing kept back; "one of those camping stoves" is a second thing; a size
    "8 x 10" is no count."""
    from assistant.basket import cart_list
    from assistant.cues import EMPTY_CART, REMOVE_FROM_CART, cart_quantity
    from assistant.kinds import listed_products
    from assistant.pipeline import _brand_named
    from assistant.state import ConversationState

    assert understand(clean_message("my budget is up to 50"), None, []).query.max_price == 50
    assert clean_message("battery works for up to 10 hours") == "battery works for up to 10 hours"
    for said in ("the cheapest tuner sounds good", "the kala sounds perfect",
                 "does the yamaha sound good?"):  # fmt: skip
        assert clean_message(said) == said
    state = ConversationState(shown=("t:1",), picked=("t:1",))
    from retrieval.catalog import Product

    card = [Product(id="t:1", title="Yamaha P-45 Digital Piano", brand="Yamaha", source="t")]
    assert _brand_named("would this make a good gift for my dad?", state, card, bool) == (
        "would this make a good gift for my dad?"
    )
    assert _brand_named("not that brand, we have 4 of theirs", state, card, bool).startswith("not Yamaha")
    assert not EMPTY_CART.search("remove everything except the goggles")
    assert not EMPTY_CART.search("ok clear everything and start over, need a gift for mom")
    assert not REMOVE_FROM_CART.search("can you take off the price limit")
    assert listed_products("a tent and one of those camping stoves") == (
        "a tent", "one of those camping stoves")
    assert cart_quantity("add the 11 x 14") == 1 and cart_list("add the 8 x 10 and the 5 x 7") == (
        "the 8 x 10", "the 5 x 7")


@pytest.mark.parametrize(
    ("message", "removal", "rest"),
    [
        # (each had been one reading: the removal alone, a search of both, or neither)
        ("remove the gems then. is there a float for the birthday kids, like a shark one?",
         "remove the gems then", "is there a float for the birthday kids, like a shark one?"),
        ("hm take the tins out and get 2 of the 3rd instead, if its english",
         "hm take the tins out", "add 2 of the 3rd, if its english"),
        ("swap the coloring books for the tiger tribe doodle one, that looks nicer",
         "remove the coloring books", "add the tiger tribe doodle one, that looks nicer"),
        ("replace the red strap with the black one", "remove the red strap", "add the black one"),
        ("add the black stapler and remove the sticky notes", "remove the sticky notes",
         "add the black stapler"),
        ("actually remove the goggles and show me safety glasses for kids",
         "actually remove the goggles", "show me safety glasses for kids"),
        # the removal after what is put in, and the cart asked after it (the sticks had been put
        # in again; "take off banner tia bringing hers total" searched)
        ("add the rhythm band handbells. and take the rhythm sticks back out, the 2 yr olds will whack each other",
         "take the rhythm sticks back out, the 2 yr olds will whack each other", "add the rhythm band handbells"),
        ("wait the stick bag comes with a key? ok add the bag and take the 3 pack out then",
         "take the 3 pack out then", "wait the stick bag comes with a key? ok add the bag"),
        ("take off the banner, my tia is bringing hers. total?", "take off the banner",
         "my tia is bringing hers. total?"),
    ],
)
def test_a_removal_and_something_more_are_each_read(message: str, removal: str, rest: str) -> None:
    from assistant.cues import removal_and_more

    assert removal_and_more(message) == (removal, rest)


@pytest.mark.parametrize(
    "message",
    [
        "remove the gems, they are sharp",  # why, not more asked
        "remove the microscope, thats too much",
        "remove the tuners and the strings",  # two things taken out
        "take it out",
        "empty my cart and show me something else",  # emptied: read whole
        "swap meet snacks for a party",  # no swap of a card
        "the red one and remove the blue one",  # nothing put in said
    ],
)
def test_a_removal_alone_is_no_pair(message: str) -> None:
    from assistant.cues import removal_and_more

    assert removal_and_more(message) is None


def test_the_cart_asked_and_put_in_as_people_say_it() -> None:
    """ "what does that come to" had been asked of a card, "whats the total on all that" looked
    for "total" in a listing, "what do i have and how much" compared the cards, "cart pls" and
    "perfect, in the cart pls" searched toy carts; "the cheapest one, add 8 of them" had only
    been asked of; "ok drop the tuners to 6" said the store carries no "ok drop the tuners to 6"."""
    from assistant.cues import ADD_TO_CART, CART_ASKED, SET_QUANTITY, cart_quantity

    for text in ("what does that come to", "whats the total on all that", "what do i have and how much",
                 "cart pls", "what would that all come to"):  # fmt: skip
        assert CART_ASKED.search(text), text
    assert not CART_ASKED.search("how much does the first one cost")
    for text in ("perfect, in the cart pls", "that one in my cart please", "the cheapest one, add 8 of them"):
        assert re.search(ADD_TO_CART, text, re.I), text
    assert cart_quantity("the cheapest one, add 8 of them") == 8
    assert not re.search(ADD_TO_CART, "what is in the cart", re.I)
    said = SET_QUANTITY.match(clean_message("ok drop the tuners to 6"))
    assert said is not None and (said.group("count"), said.group("named")) == ("6", "the tuners")
    said = SET_QUANTITY.match(clean_message("actually make the playdoh 2, they fight over colors"))
    assert said is not None and (said.group("count"), said.group("thing")) == ("2", "the playdoh")
    for text in ("drop the price to 20", "lower the budget to 30", "make the box bigger"):
        assert SET_QUANTITY.match(clean_message(text)) is None, text


def test_a_fraction_is_no_price_and_a_notice_says_no_greeting_verb_or_story() -> None:
    """ "does the first one go up to 1/2 inch?" had been a price up to $1 (heat shrink refined to
    squeeze balls); notices had said back "buongiorno", "add the highlighters" and "bf has been
    the dm"."""
    from assistant.cues import asked_phrase
    from assistant.prices import extract_price_bounds

    half = extract_price_bounds("does the first one go up to 1/2 inch? i need a few bigger pieces")
    assert (half.min_price, half.max_price) == (None, None)
    assert extract_price_bounds("violin 1/2 size under 100").max_price == 100
    assert asked_phrase("buongiorno, cerco un mandolino per mio nonno", language="it") == "un mandolino"
    assert asked_phrase("add the highlighters, the 5 pack") == "the highlighters"
    assert asked_phrase("ok add a pack of 500 if you have one") != "a pack of 500"  # a new thing: as before
    assert asked_phrase("bf has been the DM for our dnd group for 3 yrs") == ""
    assert asked_phrase("do you sell washing machines?") == "washing machines"


def test_a_liking_said_in_other_words_is_a_liking() -> None:
    """ "completely horse crazy" had searched "horse crazy posters all room" (the kind "room"),
    "its all hot wheels all the time" "kids toys", "wont stop talking about fountain pens" the
    words as said; "driving me crazy" is no liking."""
    horses = understand("my granddaughter is 9 and completely horse crazy 🐴 posters all over her room", None, []).query
    assert "horse" in horses.interests and horses.kind != "room" and "crazy" not in horses.search
    cards = understand("my 2 boys (8 and 11) are pokemon card crazy. booster packs or tins", None, []).query
    assert "pokemon" in cards.interests
    wheels = understand("hes turning 6 and its all hot wheels all the time", None, []).query
    assert {"hot", "wheels"} <= set(wheels.interests)
    pens = understand("husband wont stop talking about fountain pens, whats a good first one", None, []).query
    assert "fountain" in pens.interests
    assert "unicorns" in understand("she is so crazy about unicorns", None, []).query.interests
    fidget = understand("this traffic is driving me crazy, need a fidget toy", None, []).query
    assert "driving" not in fidget.interests and fidget.kind == "toy"


def test_a_size_said_with_how_it_compares_keeps_the_kind_and_a_thing_to_use_them_with_is_searched() -> None:
    """ "the big ones pls, 14 inch or bigger" after squishmallows had searched "14 inch bigger"
    (finger cymbals); "show me the same but in 2kg" after filament the same; "is there something
    to roll them in? like a tray" after dice had been asked of the dice."""
    plush = ["Squishmallows Official Kellytoy Mystery Squad Capsule", "Squishmallow 8 inch Wendy the Frog"]
    big = understand("the big ones pls, 14 inch or bigger", None, [], plush).query
    assert big.intent is Intent.refine, big
    spools = ["Hatchbox PLA 3D Printer Filament, 1 KG Spool, 1.75 mm, Black"]
    assert understand("show me the same but in 2kg", None, [], spools).query.intent is Intent.refine
    dice = ["6PCS Bullet Dice Set 9mm - 6 Sided Metal Bullet Dice", "Forged Dice Co. Metal Dice Set"]
    tray = understand("is there something to roll them in? like a tray", None, [], dice).query
    assert tray.intent is Intent.new and "tray" in tray.search
    bag = understand("does it come with a bag to keep them in?", None, [], dice).query
    assert bag.intent is Intent.detail  # asked of the card


def test_lists_ages_and_likings_read_as_said() -> None:
    """ "a guitar cable, 10 ft, and some picks" had asked for "cable picks"; "craft stuff for my 4
    and 6 yo" had been two things (the 6 alone the age); "school supply list for my 4th grader:
    yellow highlighters, ..." had said "We don't carry a supply list"; "the group gift already has
    like 6 onesies" had searched onesies; "wont stop talking about fountain pens" had been told as
    a problem; "she does puzzles and gardens" after air fryers had looked for air fryers."""
    from assistant.people import read_age

    picks = understand("playing my first open mic friday, need a guitar cable, 10 ft, and some picks", None, []).query
    assert picks.items[-1] == "some picks", picks.items
    assert understand("a ukulele, a soft case and a tuner", None, []).query.items[1] == "ukulele soft case"
    craft = understand("rainy week coming, need craft stuff for my 4 and 6 yo. playdoh, crayons", None, []).query
    assert craft.items == () and (craft.age_min, craft.age_max) == (4, 6), craft
    assert read_age("my 2 and 5 y/o") == (2, 5)
    school = understand("school supply list for my 4th grader: yellow highlighters, a pencil sharpener "
                        "and a 1 inch binder", None, []).query  # fmt: skip
    assert school.items == ("yellow highlighters", "a pencil sharpener", "a 1 inch binder")
    shower = understand("baby shower at work, something thats not clothes, the group gift already "
                        "has like 6 onesies lol", None, []).query  # fmt: skip
    assert "onesies" not in shower.search and shower.gift
    pens = understand("husband wont stop talking about fountain pens, whats a good first one", None, []).query
    assert not pens.tells_problem
    assert understand("my guitar wont stop buzzing", None, []).query.tells_problem
    fryers = ["Sidewinder D Cell Battery Air Pump", "Philips Air Fryer Toy"]
    gardens = understand("oh ok. what DO you have that a 60 yr old woman would like lol, she does puzzles "
                         "and gardens", None, [], fryers).query  # fmt: skip
    assert gardens.intent is Intent.new and "puzzles" in gardens.interests, gardens
    assert understand("for a 12 year old", None, [], fryers).query.intent is Intent.refine


def test_a_grown_up_by_age_and_the_days_ahead_are_no_product() -> None:
    """ "a 60 yr old woman ... she does puzzles and gardens" had searched "woman" (a superhero
    book); "rainy week coming, need craft stuff" had searched "week"."""
    garden = understand("something a 60 yr old woman would like, she does puzzles and gardens", None, []).query
    assert "woman" not in garden.search and garden.age_min == 60, garden
    assert "man" in understand("an old man and the sea book", None, []).query.search  # a title's words stay
    assert "week" not in understand("rainy week coming, need craft stuff for my 4 and 6 yo", None, []).query.search


def test_the_same_kind_with_a_quality_after_a_story_or_of_another_make_is_a_narrowing() -> None:
    """ "he has a normal 3x3 from the supermarket, keeps saying he needs a magnetic one" after speed
    cubes had searched "3x3 supermarket saying magnetic" (and said not carried over magnetic
    cubes)."""
    cubes = ["Cuberspeed MoYu MeiLong Puppet Cube Stickerless", "3x3x3 Speed Cube Randon Color Magic Speed Cube"]
    magnetic = understand("he has a normal 3x3 from the supermarket, keeps saying he needs a magnetic one",
                          None, [], cubes).query  # fmt: skip
    assert magnetic.intent is Intent.refine and magnetic.narrows == "magnetic" and not magnetic.search


def test_the_new_readings_take_nothing_they_do_not_name() -> None:
    """A review of this stop's readings found each of these misread: a story's "take the kids out"
    as a removal, a setting or budget as a count, a phone's model number stopping a list, a dog's
    weight as a size, "crazy glue" and "stir crazy" as likings, a card's own charger as a search,
    a quieter one for a gamer as a new request, what a camera already has wiping the request."""
    from assistant.cues import SET_QUANTITY, removal_and_more
    from assistant.needs import read_needs

    for story in ("i take the kids out hiking every weekend, any good kid backpacks?",
                  "we take the dog out every morning, do you have a reflective leash?"):  # fmt: skip
        assert removal_and_more(story) is None, story
    for setting in ("change the size to 10", "bump it up to 60, those look cheap", "drop the age to 6"):
        assert SET_QUANTITY.match(clean_message(setting)) is None, setting
    assert understand("a case for iphone 15 and a screen protector", None, []).query.items == (
        "a case for iphone 15", "a screen protector")
    assert read_needs("harness for my 18 kg dog").sizes == ()
    assert understand("need a hot glue gun and some crazy glue", None, []).query.interests == ()
    assert "stir" not in understand("the kids are stir crazy, need indoor activities", None, []).query.interests
    drones = ["DJI Mini 2 Drone", "Holy Stone HS720 Drone"]
    assert understand("does this include a charger to charge it", None, [], drones).query.intent is Intent.detail
    keyboards = ["Redragon K552 Mechanical Gaming Keyboard", "Razer BlackWidow Mechanical Keyboard"]
    quiet = understand("something quieter, my husband loves gaming late at night", None, [], keyboards).query
    assert quiet.intent is Intent.refine
    camera = understand("my camera already has a strap just need a memory card", None, []).query
    assert "memory" in camera.search and "card" in camera.search
    assert "winter" in understand("long winter coat for my wife", None, []).query.search
    assert "carpet" in understand("my cat pukes all over the carpet, what cleaner works", None, []).query.search


def test_who_runs_a_table_game_is_whom() -> None:
    """ "bf has been the DM for our dnd group" had starred a Denon DM microphone; a microphone's
    own "DM-57" stays."""
    dnd = understand("bf has been the DM for our dnd group for 3 yrs and never gets anything for it lol",
                     None, []).query  # fmt: skip
    assert "dm" not in dnd.search.lower().split() and "dnd" in dnd.search.lower() and dnd.kind != "been", dnd
    assert "dm-57" in understand("dm-57 dynamic microphone", None, []).query.search.lower()


def test_a_pastime_said_by_what_is_done_at_it_and_a_want_said_without_i() -> None:
    """ "just joined a mahjong club" had searched "own 75" (of "her own ... around 75"), "hosts
    poker every friday" asked what he is into, "played cribbage every single night on his navy
    ship" said "We don't seem to carry cribbage navy"; "... hums the songs all the time. thinking
    an ocarina??" had searched "songs" (a karaoke player starred)."""
    for said, search in (
        ("my mother in law just joined a mahjong club at her church and she keeps borrowing a set every "
         "week. want to get her her own for christmas, around 75", "mahjong"),
        ("my brother in law hosts poker every friday in his garage and theyre still using those super light "
         "plastic chips from walmart lol. his bday is next month, a hundred max", "poker"),
        ("my grandpa is 78 and played cribbage every single night on his navy ship, his old board finally "
         "split in half last week. want to get him a new one, no more than fifty", "cribbage"),
        ("ok so my stepdaughter (16) and i dont have the easiest relationship but shes super into zelda and "
         "hums the songs all the time. thinking an ocarina?? i know nothing about them", "ocarina"),
        # a thing had back then, missed still (had searched "summer" of "summer camp")
        ("random but my wife had a tamagotchi in like 1998 and she STILL talks about the one that died "
         "while she was at summer camp lol. our anniversary is in 2 weeks", "tamagotchi"),
    ):
        q = understand(said, None, [], []).query
        assert q.search == search, (said, q.search)
    assert "zelda" in understand("shes super into zelda and hums the songs all the time. thinking an "
                                 "ocarina?? i know nothing about them", None, [], []).query.interests
    # what is no pastime is not one
    for said in ("my son plays outside every day, any ideas", "my wife joined a new group at work"):
        q = understand(said, None, [], []).query
        assert not {"outside", "new"} & set(q.interests), (said, q.interests)


def test_a_count_needed_and_a_french_word_inside_another_are_no_price_or_age() -> None:
    """ "patch cables ..., need at least 6" had been a $6 floor; "means 2" an age of 2 (the "ans"
    of "means" read as French years)."""
    from assistant.prices import extract_price_bounds

    assert extract_price_bounds("pedalboard patch cables: 6 inch, right angle plugs, need at least 6").min_price is None
    assert extract_price_bounds("something at least 30").min_price == Decimal("30")
    assert extract_price_bounds("i need at least $30 worth").min_price == Decimal("30")
    q = understand('"2 units" means 2 cables right? so id need 3 of those packs?', None, [], []).query
    assert q.age_min is None, q
    assert understand("una muñeca para mi hija de 5 años", None, [], []).query.age_min == 5


def test_a_card_put_in_said_with_in_last_is_put_in_before_the_cart_is_said() -> None:
    """ "put 3 of the 14 inch oceanstree bunny in" had been searched; "put the gretsch and the
    cheapest amp in, hows the total looking" had searched "gretsch amp hows total"."""
    from assistant.cues import ADD_TO_CART, cart_quantity

    for text in ("put 3 of the 14 inch oceanstree bunny in", "put the gretsch and the cheapest amp in, hows the total looking"):
        assert re.search(ADD_TO_CART, text, re.I), text
    assert cart_quantity("put 3 of the 14 inch oceanstree bunny in") == 3
    for text in ("put the stickers in the book?", "can you put the batteries in for me"):
        assert not re.search(ADD_TO_CART, text, re.I), text
    q = understand("put the gretsch and the cheapest amp in, hows the total looking", None, [],
                   ["Gretsch G2220 Junior Jet Bass II Short-Scale", "Marshall MB15 Bass Combo Amp"]).query
    assert q.move != "cart", q
    # another thing asked before the total is looked for too ("Your cart is empty" alone)
    q = understand("and 2 rolls of packing tape, then give me a total for the PO", None, [], []).query
    assert q.move != "cart" and "tape" in q.search, q
    assert understand("my tia is bringing hers. total?", None, [], ["Papel Picado Banner"]).query.move == "cart"


def test_a_material_asked_of_the_cards_a_neck_length_and_a_size_turned_down() -> None:
    """ "she drops everything lol, is ceramic gonna shatter the first week" after ocarinas had
    searched dropper bottles; "his teacher said short scale" had searched "small bass band";
    "25 pieces seems tiny. something with more pieces" had said "None of these comes in 25
    pieces"."""
    from assistant.needs import read_needs

    ocarinas = ["5 Colors 12 Holes Kiln-fired Ceramic Alto C Legend of Zelda Ocarina",
                "Bravura 12 Hole Ocarina Alto C Pink Durable Plastic"]
    q = understand("she drops everything lol, is ceramic gonna shatter the first week", None, [], ocarinas).query
    assert (q.intent, q.references) == (Intent.detail, (1,)), q
    q = understand("my kid is rough with stuff. will plastic hold up", None, [], ocarinas).query
    assert (q.intent, q.references) == (Intent.detail, (2,)), q
    # (a material no card is made of is no card named)
    assert understand("is bamboo gonna crack", None, [], ocarinas).query.references == ()
    assert "short scale" in read_needs("his teacher said short scale bc his hands wont reach on a regular one").sizes
    assert read_needs("short scale bass under 300").sizes == ("short scale",)
    assert read_needs("the paw patrol one is cute but 25 pieces seems tiny. something with more pieces").sizes == ()
    assert read_needs("a 1000 piece puzzle").sizes == ("1000 piece",)


def test_a_list_after_a_story_or_a_colon_and_a_bag_that_is_a_thing() -> None:
    """ "gig on saturday and i somehow lost both my drum keys AND my brushes 🙃 need a key, a pair
    of jazz brushes and a stick bag" had been searched whole (kind "gig", "not carried"): a stick
    bag is a thing, not how the others come, and the story is no first thing."""
    from assistant.kinds import listed_products

    assert listed_products("need a drum key, a pair of jazz brushes and a stick bag") == (
        "a drum key", "a pair of jazz brushes", "a stick bag")
    assert listed_products("gig on saturday and i somehow lost both my drum keys AND my brushes 🙃 need a key, "
                           "a pair of jazz brushes and a stick bag") == ("a key", "a pair of jazz brushes", "a stick bag")
    assert listed_products("need basic lab stuff: glass test tubes, a rack and wash bottles") == (
        "glass test tubes", "tubes rack", "wash bottles")  # (the rack the tubes', not a 19" one)
    assert listed_products("a keyboard, a bench and a stand") == ("a keyboard", "a bench", "keyboard stand")
    assert listed_products("nitrile gloves, a box of 100") == ()  # how the gloves come


def test_a_thing_to_go_with_the_cards_is_looked_for_as_theirs() -> None:
    """ "is there a beginner book to go with it?" after tin whistles had searched "beginner book"
    (a criminal psychology guide came first)."""
    whistles = ["Feadog 'D' Irish Tin Penny Whistle In Black", "Clarke Celtic Tin Whistle", "Dixon Alloy C Tin Whistle"]
    q = understand("is there a beginner book to go with it? hes more of a book guy than a video guy", None, [], whistles).query
    assert q.search == "whistle beginner book", q
    assert understand("a songbook for it", None, [], whistles).query.search == "whistle songbook"
    # (a price is no thing to go with: "anything cheaper for that price")
    assert "guitar" not in understand("anything cheaper for that price", None, [], ["Yamaha Classical Guitar"]).query.search


def test_a_card_chosen_by_how_it_compares_said_with_whichever() -> None:
    """ "fine, add whichever one is bigger" had searched "fine add bigger" ("We don't seem to carry
    fine")."""
    mats = ["Drum Rug 4x6 ft", "Yuanzhou drum mat 120x80cm", "Drum carpet 5x4"]
    for said in ("fine, add whichever one is bigger", "ok add whichever is cheapest"):
        q = understand(said, None, [], mats).query
        assert (q.intent, q.move) == (Intent.detail, "chosen"), (said, q)
    assert clean_message("whichever one is cheaper") == "the cheaper one"


def test_the_stores_lack_said_back_before_the_next_ask_is_no_request() -> None:
    """ "wait really no skates at all?? ok then decorations for the roller disco theme" had said
    "We don't seem to carry really no skates"."""
    titles = ["Roller Skate Birthday Banner", "Kids Pennant"]
    q = understand("wait really no skates at all?? ok then decorations for the roller disco theme, 80s vibes",
                   None, [], titles).query
    assert "skates" not in q.search and "decorations" in q.search, q
    q = understand("oh u dont have machines? what about a kids sewing kit then", None, [], titles).query
    assert "sewing" in q.search and "machines" not in q.search, q
    q = understand("no pet stuff at all? not even cat toys?", None, [], titles).query
    assert "cat toys" in q.search and not q.unwanted, q
    # (a lack asked and nothing more is still asked: "no red ones?")
    assert understand("no red ones?", None, [], titles).query.unwanted == ("red",)


def test_what_is_taken_back_out_is_named_without_back() -> None:
    """ "actually take the bag back out, my old one turned up. how much am i at" had only said the
    cart: "the bag back" named no line, and the whole was read as the cart asked."""
    from assistant.pipeline import _taken_out

    assert _taken_out("actually take the bag back out") == "the bag"
    assert _taken_out("take the rhythm sticks back out, the 2 yr olds will whack each other") == "the rhythm sticks"
    assert _taken_out("take it out") == "it"


@pytest.mark.parametrize(
    ("said", "wrong"),
    [
        # a put-in with its count is no count of another line
        ("add the blue one, make it 2", "quantity"),
        ("need beach towels for the family, make it 4", "quantity"),
        # a total of a measure is no cart
        ("give me the total weight", "cart"),
        ("hows the total wattage", "cart"),
    ],
)
def test_readings_of_this_stop_do_not_take_what_they_do_not_name(said: str, wrong: str) -> None:
    """A review of stop 59's readings found each of these taken: the count of the last line set,
    the cart said."""
    titles = ["Blue Ukulele Strap", "Red Ukulele Strap"]
    assert understand(said, None, [], titles).query.move != wrong, said


def test_what_is_no_pastime_want_or_lack_said_back_is_not_read_as_one() -> None:
    """Life events, people and how one plays are no pastimes; an idea turned down is no want; a
    question about a card is no lack said back; a size asked again is not turned down."""
    from assistant.needs import read_needs

    for said in ("my wife had a baby in 2023 and loves gardening", "hosting family on saturday, need a game",
                 "my son plays online every night"):
        assert not {"baby", "family", "online"} & set(read_needs(said).interests), said
    titles = ["Kids Play Kitchen Set", "Wooden Dollhouse"]
    q = understand("no assembly at all? my husband is hopeless with tools", None, [], titles).query
    assert "assembly" in (q.search + " ".join(q.unwanted)), q
    q = understand("ok no glitter please. something with unicorns", None, [], titles).query
    assert "glitter" in q.unwanted, q
    assert "12 inch" in read_needs("12 inch is a little big but hes growing, 12 inch bike please").sizes
    assert read_needs("gift for our 25 anniversary").age is None
    assert clean_message("whichever's cheaper") == "the cheaper one"


def test_a_comes_with_told_is_no_question_and_an_ask_before_a_material_stays() -> None:
    from assistant.cues import read_cues

    assert not read_cues("mein sohn ist im fußballverein dabei und braucht schienbeinschoner",
                         ["Sonor Glockenspiel"]).yes_no
    ocarinas = ["5 Colors 12 Holes Kiln-fired Ceramic Alto C Ocarina", "Bravura 12 Hole Ocarina Pink Durable Plastic"]
    assert "cheaper" in understand("show me cheaper ones, does plastic break easily", None, [], ocarinas).query.search


def test_how_many_said_after_the_put_in_puts_that_many_in() -> None:
    """ "add the blue one, make it 2" had put 1 in (and, before stop 59's review, set the count of
    another line)."""
    from assistant.cues import cart_quantity

    assert cart_quantity("add the blue one, make it 2") == 2
    assert cart_quantity("ok add it. actually make it 2") == 2
    assert cart_quantity("ok add the first one. actually make it 3, my sisters want one too") == 3
    assert cart_quantity("i will take the second one. make it three") == 3
    assert cart_quantity("add the blue one") == 1


def test_a_card_named_by_its_price_as_one_is_asked_of_not_searched() -> None:
    """ "wait is the 17 dollar one a real instrument or like a toy" had searched "real instrument
    toy" between $14 and $20: a card named by its price as "one" is asked about (the price narrows
    nothing), and its price is no word asked of the listing ('does not mention "dollar"')."""
    from assistant.advice import asked_about

    query = understand("wait is the 17 dollar one a real instrument or like a toy", None, [], SHOWN).query
    assert query.intent is Intent.detail, query
    assert understand("is the $64 one any good", None, [], SHOWN).query.intent is Intent.detail
    assert asked_about("is the 54 dollar one any good") == ""
    # (a thing named by its price, not as "one", is still looked for about it)
    assert understand("ok fine, the $13 mat", None, [], SHOWN).query.min_price is not None
    # "the 3 dollar one" is no "the 3" (the first three cards had been weighed)
    three = understand("the 3 dollar one?? is that real lol", None, [], SHOWN).query
    assert three.references != (1, 2, 3), three


def test_fresh56_slips_of_the_words() -> None:
    """Read off a probe set no reader had seen: "ill take the meinl" had searched "ill take
    meinl"; "folding wooden one around 40?" had read a 40-year-old; "my 16" crash finally cracked
    ... need a new one" had searched "16 crash cracked new" (its crashes "not carried"); "the 3
    pack" had put a 36-pack in the cart (its title's "4.3 Inch"); "the 20 dollar 2 pack" is a
    card's price; a card named by a price on an earlier screen is that card."""
    from assistant.basket import by_words
    from assistant.messages import texted
    from assistant.needs import read_needs
    from assistant.people import read_age
    from assistant.prices import priced_at
    from assistant.recall import priced_before
    from retrieval.catalog import Price, Product

    assert texted("ill take the meinl") == "i'll take the meinl" and texted("my dad is ill so") == "my dad is ill so"
    assert read_age("folding wooden one around 40?") is None
    assert read_age("the younger one, like 5") == (5.0, 5.0)
    assert read_needs('my 16" crash finally cracked 😭 need a new one, under 100').product_words == "16 crash"
    guns = ["Lucky Doug 6 PCS Foam Water Guns Set", "36 Pack Shark Water Guns 4.3 Inch Squirt Gun Toy"]
    assert by_words("the 3 pack", guns, [False, False]) is None
    assert by_words("the 36 pack", guns, [False, False]) == 2
    assert priced_at("ok the 20 dollar 2 pack then") == 20
    cards = [Product(id=f"t:{i}", title=t, source="t", price=Price(amount=p))
             for i, (t, p) in enumerate([("Sabian XS20 16-Inch Crash", 9), ("Zildjian 16 Trash Crash", 27),
                                         ("Meinl Cymbal Bag", 9)])]  # fmt: skip
    said = "wait the 9 dollar sabian, is that a real cymbal"
    assert priced_before(said, [cards[0], cards[2]], [cards[1]]) == cards[0]
    assert priced_before(said, [cards[0]], [cards[2]]) is None  # a card on screen costs it


def test_lol_between_two_sentences_ends_the_first() -> None:
    """ "she hates purple lol is there a black one w a bag": two sentences (a dislike, then a
    look asked); "lol" elsewhere is dropped as before."""
    from assistant.messages import texted

    assert texted("she hates purple lol is there a black one w a bag") == (
        "she hates purple. is there a black one with a bag")
    assert "." not in texted("thanks lol")


def test_the_cards_a_word_names_counted() -> None:
    """ "what's the difference between the 2 beyerdynamic ones" had compared the first two cards
    (a recorder beside one of the headphones): the two cards that word names."""
    from assistant.cues import read_cues

    titles = ["iZotope Spire Studio Recorder Bundle", "Beyerdynamic DT-100 16 Ohm Headphones",
              "Beyerdynamic DT-100 400 Ohm Headphones", "Samson Recording Pack"]  # fmt: skip
    assert read_cues("whats the difference between the 2 beyerdynamic ones, 16 vs 400 ohm", titles).references == (2, 3)
    assert read_cues("both beyerdynamic ones", titles).references == (2, 3)
    assert read_cues("compare the 2 cheap ones", titles).references == (1, 2)  # (no word of a card)


def test_the_rest_of_a_put_in_named_as_a_card() -> None:
    """ "add the 15 minute a day one and the scottie one" of dog books had looked the second up
    across the store (a Littlest Pet Shop "Scottie" toy): a card named so is of the chosen card's
    shelf."""
    from assistant.pipeline import _A_CARD_NAMED

    assert _A_CARD_NAMED.match("also need the scottie one") and _A_CARD_NAMED.match("and the red ones too")
    assert not _A_CARD_NAMED.match("also need a pack of strings")
