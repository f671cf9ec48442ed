"""Deterministic price bounds from shoppers' words (pure function, no model)."""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

import pytest

from assistant.prices import extract_price_bounds, grounded_bounds, strip_price_phrases

D = Decimal


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("waterproof hiking boots for wide feet under $150", None, D(150)),
        ("between 20 and 30 dollars", D(20), D(30)),
        ("a gift less than 50 bucks", None, D(50)),
        ("keyboard $20-$30 please", D(20), D(30)),
        ("something from $40 to $25", D(25), D(40)),
        ("at least 100 dollars, no more than 250", D(100), D(250)),
        ("guitar strings up to 12.99", None, D("12.99")),
        ("a camera under 1,200 dollars", None, D(1200)),
        ("size 10 running shoes, 2 pack", None, None),
        ("a book from 1990", None, None),
        ("lego set", None, None),
        ("somewhere between twenty and fifty dollars for a music stand", D(20), D(50)),
        ("under thirty-five bucks", None, D(35)),
        ("no more than two hundred dollars", None, D(200)),
        ("five bucks tops", None, D(5)),
        ("one for my kid, a ten year old", None, None),
        ("un rompecabezas de 1000 piezas por menos de 20 dólares", None, D(20)),
        ("entre 20 y 30 dólares", D(20), D(30)),
        ("un teclado que no pase de 150 dólares", None, D(150)),  # it had searched "passive"
        ("un regalo que no cueste más de 50 euros", None, D(50)),
        ("una guitarra de unos 100 dólares", D(80), D(120)),
        ("unos zapatos de 42", None, None),
        ("尤克里里 50美元以下", None, D(50)),
        ("不超过100元的耳机", None, D(100)),
        ("ein Stimmgerät unter 25 Euro", None, D(25)),
    ],
)
def test_bounds_come_from_the_words(text: str, low: Decimal | None, high: Decimal | None) -> None:
    bounds = extract_price_bounds(text)
    assert (bounds.min_price, bounds.max_price) == (low, high)


def test_currency_is_recognised() -> None:
    assert extract_price_bounds("under 40 euros").currency == "EUR"
    assert extract_price_bounds("under $40").currency == "USD"


def test_a_model_invented_bound_is_dropped() -> None:
    assert grounded_bounds("a nice ukulele", None, D(40)).max_price is None
    assert grounded_bounds("a ukulele under 40", None, D(45)).max_price == D(40)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("gift for my 6 year old nephew who loves dinosaurs, budget $30", None, D(30)),
        ("my budget is 30", None, D(30)),
        ("a $30 budget for a capo", None, D(30)),
        ("no more than 30", None, D(30)),
        ("max $40", None, D(40)),
        ("$40 max", None, D(40)),
        ("$40 tops", None, D(40)),
        ("30 dollars or less", None, D(30)),
        ("$20 and up", D(20), None),
        ("20-30 bucks", D(20), D(30)),
        ("$25-30", D(25), D(30)),
        ("under 1k", None, D(1000)),
        ("a drum pad, $40", None, D(40)),
        ("less than 20 bucks", None, D(20)),
        ("spend up to 40", None, D(40)),
        ("shouldn't cost more than $30", None, D(30)),
        ("around $50", D(40), D(60)),
        ("about 50 dollars", D(40), D(60)),
        ("dj controller, needs to work w serato, ~200", D(160), D(240)),
        # money the shopper has is all they can spend: a ceiling, not a range
        ("got about 15 bucks, looking for a guitar tuner", None, D(15)),
        ("I have about $30 to spend", None, D(30)),
        # numbers with a unit are never prices
        ("only ones rated at least 4.5 stars", None, None),
        ("under $40 with at least 4.5 stars", None, D(40)),
        ("at least 300 reviews", None, None),
        ("jigsaw puzzle for adults, 1000 pieces, less than 20 bucks", None, D(20)),
        ("a 10 year old who likes science", None, None),
        ("about 10 inches long", None, None),
        ("rated 4+", None, None),
        ("pack of 100 gloves", None, None),
        # a book's length, a party's size ("anything shorter, like under 200 pages" had been a
        # $200 ceiling)
        ("anything shorter, like under 200 pages", None, None),
        ("party plates for under 20 kids, under $15", None, D(15)),
        # as people type them
        ("mic stand w/ a cap of 25", None, D(25)),
        ("budgets 40, want a board game that works for 4+ players", None, D(40)),
        ("budget's 40", None, D(40)),
        ("keyboard amp, nothing below 60 pls the cheap ones sound awful", D(60), None),
        ("digital piano under 1k pls", None, D(1000)),
        ("想买一把尤克里里，预算300以内", None, D(300)),
        ("尤克里里 300以内", None, D(300)),
        ("3岁以下的玩具", None, None),
        ("Is there a violin bow for less than a hundred dollars?", None, D(100)),
        ("a grand piano under 5000", None, D(5000)),
        ("stuffed animal dog, at least $10 and under $40", D(10), D(40)),
        # amounts said as people say them (each had read no budget)
        ("teacher gift, she does science experiments. not more than a twenty", None, D(20)),
        ("something for my bf, about a tenner", D(8), D(12)),
        ("podcast mic, budget maybe 100 give or take", D(80), D(120)),
        ("twins turning 10, want both gifts around the same price, 35 each-ish", D(28), D(42)),
        ("two gifts, 25 bucks each", None, D(25)),
        ("a twenty sided die", None, None),
        ("one thing for both babies, maybe sensory stuff, like 40 total", None, D(40)),
        ("a 40 total station", None, None),
        ("need 3 total, for the class", None, None),  # a count, not $3
        ("$20 and up", D(20), None),
        # a temperature is no price ("up to 300C" had been a $300 ceiling)
        ("lab thermometer that goes up to 300C", None, None),
        ("under 30 C harmonica", None, D(30)),  # the key of C, not a temperature
        ("孩子不要超过3岁", None, None),  # an age, not $3
        ("hot plate up to 500 °C under $200", None, D(200)),
        # the price word goes with the bound ("价格" had been searched for: "exceed")
        ("适合初学者的小提琴，价格不超过200美元", None, D(200)),
        # amounts in Chinese numerals, and 左右 ("or so"): a range
        ("我想给儿子买一个遥控车，预算一百美元左右", D(80), D(120)),
        ("预算两百", None, D(200)),
        ("五十块以下的玩具", None, D(50)),
        ("价格不超过一百五十美元", None, D(150)),
        ("孩子不要超过三岁", None, None),
        ("三岁左右的孩子", None, None),
        # an amount or so said bare ("两百左右" had been searched as "two all kinds")
        ("23寸尤克里里 自己想学着玩 两百左右", D(160), D(240)),
        ("吉他 一百五左右", D(120), D(180)),
        ("1000片左右的拼图", None, None),
        ("80色左右的马克笔", None, None),
        # a height, a shoe size, a count said "or so" (not a price; found in review)
        ("给身高120左右的孩子买自行车头盔", None, None),
        ("鞋码38左右的轮滑鞋", None, None),
        ("身高一米二左右的孩子用的滑板车", None, None),
        ("一千左右的拼图", None, None),
        # euros as Spain and France say them, not balls or turkeys
        ("cajón flamenco unos 60 pavos", D(48), D(72)),
        ("livre de cuisine moins de 10 balles", None, D(10)),
        ("10 balles de jonglage pour débutant", None, None),
        ("quiero 2 pavos de peluche", None, None),
        # 块 counts pieces when a budget is said elsewhere ("500块左右的" blocks had been a price)
        ("想给五岁的儿子买个乐高那种积木，500块左右的，预算200元以内", None, D(200)),
        ("1000块的拼图，预算100元", None, D(100)),
        ("预算200块的拼图", None, D(200)),
        # an approximate amount that ends the request is its price; an age or a count is not
        (
            "xmas present for my teen nephew - electric guitar starter pack around 200",
            D(160),
            D(240),
        ),
        ("a puzzle for a kid around 8", None, None),
        ("a game for a group of around 20", None, None),
        ("a TV around 55", None, None),  # a screen size
        ("a cooler that holds about 50", None, None),
        ("party favors for about 30", None, None),
        # a card named by its price is looked for about that price, not under it ("the 13 dollar
        # digitech" had shown a $2 pedal); the money to spend, or a bound said before "the", is a
        # budget
        ("the 13 dollar digitech, is that a typo?", D(10), D(16)),
        ("is the 17 dollar one a real instrument", D(14), D(20)),
        ("is that $40 one any good", D(32), D(48)),
        ("i want to spend the 20 bucks grandma gave him", None, D(20)),
        ("ukulele under the $50 mark", None, D(50)),
        # "块" before what it counts is a piece ("一块电池" had been a budget of one yuan)
        ("一块电池能飞多久", None, None),
    ],
)
def test_shopper_phrasings_of_a_budget(
    text: str, low: Decimal | None, high: Decimal | None
) -> None:
    bounds = extract_price_bounds(text)
    assert (bounds.min_price, bounds.max_price) == (low, high)


def test_soft_phrasings_say_how_they_were_read() -> None:
    assert extract_price_bounds("around $50").note == "around $50 read as $40-$60"
    assert "budget" in (extract_price_bounds("€25").note or "")
    assert extract_price_bounds("€25").currency == "EUR"
    assert extract_price_bounds("under 25€").currency == "EUR"
    assert extract_price_bounds("under $25").note is None


def test_price_words_leave_the_search_text() -> None:
    assert strip_price_phrases("a tuner under 30 euros") == "a tuner"  # not "a tuner os"
    assert strip_price_phrases("un afinador por menos de 20 dólares") == "un afinador"
    assert strip_price_phrases("尤克里里 50美元以下") == "尤克里里"
    assert strip_price_phrases("适合初学者的小提琴，价格不超过200美元") == "适合初学者的小提琴，"
    # the other languages' bound words count only before an amount
    assert strip_price_phrases("Uber Eats gift card under $50") == "Uber Eats gift card"
    assert strip_price_phrases("a hasta la vista poster") == "a hasta la vista poster"
    assert strip_price_phrases("dollar store gift") == "dollar store gift"
    assert strip_price_phrases("una guitarra, 100 euros como máximo") == "una guitarra"
    # what an amount is the price of is not searched for
    assert strip_price_phrases("PLA filament max $22 a spool") == "PLA filament"
    assert strip_price_phrases("nitrile gloves $10 each") == "nitrile gloves"


def test_an_age_floor_is_no_price_floor() -> None:
    """ "a card game the whole family can play, ages 6 and up" had been told "All of them are $6
    or more"."""
    from assistant.prices import extract_price_bounds

    assert not extract_price_bounds(
        "a card game the whole family can play, ages 6 and up"
    ).numbers()
    assert extract_price_bounds("$20 and up").min_price == 20


def test_chinese_numerals_read_as_numbers() -> None:
    from assistant.prices import chinese_number

    said = ["三", "十二", "二十", "一百", "一百五十", "一百五", "一千零五", "两千", "一二", "十百"]
    assert [chinese_number(x) for x in said] == [3, 12, 20, 100, 150, 150, 1005, 2000, None, None]


def test_a_count_before_or_more_is_no_price() -> None:
    """ "nitrile gloves ... box of 100 or more" had set a $100 floor (and said none met "the
    price you set"): a number counted by a box or pack is how many."""
    for text in ("need nitrile gloves size medium powder free, box of 100 or more",
                 "a pack of 50 or more"):  # fmt: skip
        assert extract_price_bounds(text).min_price is None, text
    assert extract_price_bounds("gloves, $100 or more").min_price == Decimal("100")
    assert extract_price_bounds("a guitar, 100 or more").min_price == Decimal("100")


def test_a_budget_in_another_currency_is_read_in_dollars() -> None:
    """The store's prices are in dollars: "max 20 euros" had filtered at $20 and "500块以内" at
    $500. Another currency is converted (rounded outward to whole dollars) and says so."""
    from assistant.prices import USD_PER, in_dollars

    euros = in_dollars(extract_price_bounds("cheap metronome, max 20 euros"))
    assert euros.max_price == (20 * USD_PER["EUR"]).to_integral_value(ROUND_CEILING)
    assert euros.currency == "EUR"
    yuan = in_dollars(extract_price_bounds("给女朋友买个礼物，500块以内"))
    assert yuan.currency == "CNY" and yuan.max_price == 70
    around = in_dollars(extract_price_bounds("预算200元左右"))
    assert (around.min_price, around.max_price) == (22, 34)  # 160-240 yuan
    assert in_dollars(extract_price_bounds("200块的吉他")).max_price == 28
    # dollars, and a bare Chinese budget (the store's currency), are as said
    assert in_dollars(extract_price_bounds("under $40")).max_price == 40
    assert in_dollars(extract_price_bounds("预算200")).max_price == 200


def test_a_dimension_is_no_price() -> None:
    """ "whiteboard ... around 36x24" had lost "36" as a price phrase (searched "x24")."""
    text = "whiteboard for my home office around 36x24 with markers included"
    assert extract_price_bounds(text).numbers() == set()
    assert "36x24" in strip_price_phrases(text)


def test_an_amount_said_of_what_is_not_wanted_is_no_budget() -> None:
    """ "a proper kite, not some flimsy 5 dollar one" had been a $5 budget (and no kite met it)."""
    for text in ("a proper kite, not some flimsy 5 dollar one that breaks", "not a cheap 10 dollar toy",
                 "something better than those 3 dollar ones", "no 2 dollar junk"):  # fmt: skip
        assert not extract_price_bounds(text).numbers(), text
    assert extract_price_bounds("a 5 dollar kite").max_price == 5
    assert extract_price_bounds("not more than 30 dollars").max_price == 30


def test_a_difference_or_a_size_is_no_budget() -> None:
    """ "is the motorized one worth the extra $15" had made a $15 budget (drone motors shown),
    "6x9ish" a $7-$11 one; a lone amount still is one."""
    from assistant.prices import extract_price_bounds

    for text in ("is the motorized one worth the extra $15", "its $6 more per kg", "saves $20",
                 "6x9ish, whichever is cheapest per unit"):  # fmt: skip
        assert extract_price_bounds(text).max_price is None, text
    assert extract_price_bounds("something for $15").max_price == 15
    assert extract_price_bounds("under 20 pounds").max_price == 20  # money, not a weight
    assert extract_price_bounds("a 20 inch one").max_price is None


def test_a_range_said_with_both_ends_and_an_ish_with_a_hyphen() -> None:
    """ "40 to 60 range" had been read off its second number ($48-$72), "a hundred-ish" was no
    budget at all (the stretch wrap was searched), and "a size 10ish" had been an $8-$12 budget."""
    for text, bounds in (("40 to 60 range", (40, 60)), ("100-200 range", (100, 200)),
                         ("a hundred-ish but i can stretch a lil", (80, 120)),
                         ("fifty-ish", (40, 60)), ("in the 50 range", (40, 60))):  # fmt: skip
        read = extract_price_bounds(text)
        assert (read.min_price, read.max_price) == bounds, (text, read)
    for text in ("a size 10ish", "size 10-ish"):
        assert not extract_price_bounds(text).numbers(), text


def test_a_range_after_a_price_word_and_an_amount_with_a_hedge_after_it() -> None:
    """ "budget 20-30" had been read as under $20 (its first number), "cheap-ish, 20-30" and
    "around 50 maybe a bit more" as no budget at all (a gift's budget, said when asked, was lost)."""
    for text, bounds in (("budget 20-30", (20, 30)), ("cheap-ish, 20-30", (20, 30)),
                         ("i can spend like 40 to 60", (40, 60)), ("price range 100-150", (100, 150)),
                         ("around 50 maybe a bit more", (40, 60)), ("somewhere around 50", (40, 60))):  # fmt: skip
        read = extract_price_bounds(text)
        assert (read.min_price, read.max_price) == tuple(D(x) for x in bounds), (text, read)
    # a bare range, and sizes and ages said as ranges, are no budget
    for text in ("20-30", "strings 10-47", "ages 8-12", "about 20-30 pieces", "a kid around 8"):
        assert not extract_price_bounds(text).numbers(), text


def test_a_budget_said_with_like_is_a_ceiling() -> None:
    """ "drum practice pad and sticks for my 10 yr old, budget like 40" had kept no budget (and
    searched "40")."""
    for text in ("budget like 40", "my budget is like 40", "i can spend like 40 on it"):
        read = extract_price_bounds(text)
        assert (read.min_price, read.max_price) == (None, D(40)), (text, read)


def test_a_second_higher_amount_the_budget_may_go_to() -> None:
    """ "like 20 dollars, maybe 25" had been read as $20; a count after "maybe" is no amount."""
    for text, high in (("like 20 dollars, maybe 25", 25), ("under 30 or 35 max", 35),
                       ("under $20, maybe 100 pieces", 20), ("max 30, maybe 4 of them", 30),
                       ("around 50 maybe 60", 60)):  # fmt: skip
        assert extract_price_bounds(text).max_price == D(high), text


def test_a_budget_said_as_a_cap_is_no_product() -> None:
    """ "$20 cap, clever or nerdy" had made the kind "cap" (ball caps and sax ligature caps)."""
    assert extract_price_bounds("$20 cap, clever or nerdy").max_price == Decimal("20")
    assert "cap" not in strip_price_phrases("$20 cap, clever or nerdy")
    assert "limit" not in strip_price_phrases("a 50 dollar limit")


def test_a_budget_in_reais_is_read_in_dollars() -> None:
    """ "e tem algum parecido por menos de 200 reais?" had filtered at $200."""
    from assistant.prices import in_dollars

    read = extract_price_bounds("por menos de 200 reais")
    assert (read.max_price, read.currency) == (D(200), "BRL")
    assert in_dollars(read).max_price == D(38)


@pytest.mark.parametrize(
    ("text", "most"),
    [
        (
            "There are five of us on the team and we're each chipping in $15. She's a big reader.",
            75,
        ),
        ("a gift for the teacher from the whole class, 18 families and most put in $5", 90),
        ("the four of us are pitching in $20 each", 80),
        # whom it is for is no one paying: $3 a favor
        ("party favors for 12 kids, $3 each", 3),
    ],
)
def test_a_shared_budget_is_the_whole(text: str, most: int) -> None:
    """ "five of us ... each chipping in $15" had been read as up to $15 (a $3.99 ebook led)."""
    assert extract_price_bounds(text).max_price == Decimal(most)


def test_a_price_range_said_as_one_leaves_no_word() -> None:
    """ "Show me something in the $40-60 range." had searched "range"."""
    assert (
        strip_price_phrases("Show me something in the $40-60 range.").strip(" .")
        == "Show me something"
    )
    assert strip_price_phrases("anything in that price range?").strip(" ?") == "anything"
    assert strip_price_phrases("a gas range under $500").strip() == "a gas range"  # a product stays


def test_a_card_named_by_its_price_in_another_language() -> None:
    """ "el de 2 dólares es real??" had searched cards up to $2; "quella da 96" and "celle à 7,47"
    name a card by its price too; an age or a count is no price ("el de 25 años")."""
    from assistant.prices import priced_at

    assert priced_at("el de 2 dólares es real?? o es una sola carta") == D(2)
    assert priced_at("quella da 96 ha solo 3,4 stelle") == D(96)
    assert priced_at("le tapis, celle à 7,47 svp") == D("7.47")
    assert priced_at("el de 25 años") is None
    assert priced_at("la de madera") is None


def test_a_card_named_by_a_bare_number() -> None:
    """ "the 278 one" and "il da 96" name a card by a number that may be its price (the caller
    checks that one card costs it and no title says it); an age or a weight is none."""
    from assistant.prices import bare_price

    assert bare_price("why is the 278 one so much more") == (D(278), "278")
    assert bare_price("il da 12,50 va bene?") == (D("12.50"), "12,50")
    assert bare_price("il da 8 anni") is None
    assert bare_price("the blue one") is None


def test_a_card_named_by_a_bare_number_that_is_its_price_only() -> None:
    """ "lol no. ok the 278 one. he'll want to play it in the park, does it come with a stand"
    had searched parks: the $278 card is named, where one card costs it and no title says it."""
    from assistant.pipeline import _bare_priced
    from retrieval.catalog import Price, Product

    cards = [Product(id=f"t:{i}", title=t, source="t", price=Price(amount=D(p)))
             for i, (t, p) in enumerate([("Handpan 9 notes D minor", "62"), ("Handpan 22inch Gold", "278"),
                                         ("Handpan 278 Hz edition", "90")])]  # fmt: skip
    said = "lol no. ok the 278 one. he'll want to play it in the park, does it come with a stand"
    assert _bare_priced(said, cards[:2]) == 2
    assert _bare_priced("the 62 one, does it come with a bag", cards) == 1
    assert _bare_priced(said, cards) is None  # a title says 278: no price of one card
    assert _bare_priced("the 50 one", cards) is None


def test_a_card_taken_by_its_price() -> None:
    """ "ok the 20 dollar 2 pack then" had searched 2-packs between $16 and $24: the $19.98 card
    on screen is the one taken."""
    from assistant.pipeline import _TAKEN_BY_PRICE, _priced_card
    from retrieval.catalog import Price, Product

    cards = [Product(id=f"t:{i}", title=t, source="t", price=Price(amount=D(p)))
             for i, (t, p) in enumerate([("Walkie Talkies for Kids, 2 pack", "19.98"),
                                         ("Spy Gear Walkie Talkies", "24.99")])]  # fmt: skip
    said = "ok the 20 dollar 2 pack then"
    assert _TAKEN_BY_PRICE.match(said) and _priced_card(said, cards) == 1
    assert _priced_card("the 25 dollar one", cards) == 2
    assert _priced_card("the 50 dollar one", cards) is None
    assert not _TAKEN_BY_PRICE.match("under 20 dollars please")
