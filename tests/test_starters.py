"""What it takes to start an instrument or a hobby: which activity a message asks about, whether
the shopper has the thing itself, and the lead that names each thing beside its card (pure)."""

from __future__ import annotations

import pytest

from assistant.starters import (
    NAMED,
    StarterAsk,
    asked,
    says_all,
    starter_lead,
    starters,
    things_for,
)


@pytest.mark.parametrize(
    ("message", "activity", "owned"),
    [
        ("what do I need to start learning the saxophone?", "saxophone", False),
        (
            "i want to start learning saxophone what do i need besides the sax itself",
            "saxophone",
            True,
        ),
        ("what do you need to get into 3d printing", "printing3d", False),
        ("my son wants to play drums, what should we buy?", "drums", False),
        ("what do i need for an electric guitar", "electric_guitar", False),
        ("what accessories does she need for her new violin?", "violin", True),
        ("what else do I need for my ukulele", "ukulele", True),
        ("getting started with 3d printing, any tips on gear", "printing3d", False),
        ("what's needed for a home podcast setup", "recording", False),
        ("quiero aprender a tocar el ukelele, ¿qué necesito para empezar?", "ukulele", False),
        ("ya tengo una guitarra eléctrica, ¿qué más necesito?", "electric_guitar", True),
        ("想学打鼓，入门需要买什么", "drums", False),
        ("除了小提琴还需要准备什么", "violin", True),
        # something for a thing had, said after it
        ("gf just got a 3d printer and prints everything lol, want to get her something for it. "
         "no idea what tho", "printing3d", True),
        ("my dad already has a banjo, any gift ideas to go with it?", "banjo", True),
        # back at it: things to take it up again, the instrument had
        ("my sister (34) just joined a community band on alto sax after like 15 yrs off. want to "
         "get her some stuff to get back into it", "saxophone", True),
        # a hobby just taken up is not had: what it takes to start
        ("my son just got into astronomy, what should i get him", "astronomy", False),
    ],
)
def test_a_question_of_what_it_takes_names_its_activity(
    message: str, activity: str, owned: bool
) -> None:
    assert asked(message) == StarterAsk(activity, owned)


@pytest.mark.parametrize(
    "message",
    [
        "electric guitar under $300",  # a product, not a question of what it takes
        "what size guitar does a 10 year old need?",  # a size
        "what do I need to know about saxophones?",  # knowledge, not things
        "what do I need for my 10 year old niece's birthday?",  # no activity
        "which reed strength is best for beginners",
        "我需要一把吉他",  # "I need a guitar": a product
        "looking at a microscope for my son, any ideas for it?",  # no thing had
    ],
)
def test_other_messages_ask_no_starting_kit(message: str) -> None:
    assert asked(message) is None


def test_the_lead_names_each_thing_beside_its_card_and_what_is_not_carried() -> None:
    sax = starters()["saxophone"].things
    found = [(sax[0], 1), (sax[1], 2), (sax[2], None), (sax[3], 3)]
    lead = starter_lead(StarterAsk("saxophone", owned=False), found, "en")
    assert lead == (
        "To get started you will usually want a saxophone [1], reeds [2] and a cleaning swab [3]. "
        "We don't carry a neck strap."
    )
    besides = starter_lead(StarterAsk("saxophone", owned=True), [(sax[1], 1), (sax[3], 2)], "en")
    assert (
        besides == "Besides a saxophone, you will usually want reeds [1] and a cleaning swab [2]."
    )
    assert starter_lead(StarterAsk("saxophone", owned=False), found[:2], "zh") == (
        "入门一般需要：萨克斯 [1]和哨片 [2]。"
    )
    # a language the table does not name things in: the marks alone, in its own words
    assert starter_lead(StarterAsk("saxophone", owned=False), found[:2], "fr") == (
        "Pour commencer, il faut en général : [1] et [2]."
    )


def test_an_owned_thing_is_left_out_of_what_to_show() -> None:
    assert things_for(StarterAsk("violin", owned=True)) == starters()["violin"].things[1:]
    assert things_for(StarterAsk("violin", owned=False))[0].search == "violin"


def test_every_activity_names_its_things_in_each_language_and_no_word_is_two_activities() -> None:
    seen: dict[str, str] = {}
    for activity, starter in starters().items():
        assert len(starter.things) >= 3, activity
        for thing in starter.things:
            assert thing.search and all(thing.name(lang) for lang in NAMED), (activity, thing)
        for word in starter.words:
            assert seen.setdefault(word.lower(), activity) == activity, word


def test_a_thing_is_a_product_whose_title_says_it_and_is_not_what_fits_it() -> None:
    """For "my son wants to learn guitar", "a guitar [1]" had been a guitar pickup, and for
    soldering "a soldering iron" a steam iron."""
    from assistant.fits import of_kind
    from assistant.query import understand
    from assistant.state import ConversationState, advance
    from retrieval.catalog import Catalog, Product

    def product(title: str) -> Product:
        return Product(id=title, title=title, description="", source="test")

    printer = starters()["printing3d"].things[0]  # "3d printer"
    assert says_all(product("Desktop 3D Printer, 220x220mm"), printer)
    assert not says_all(product("3D Printer Nozzle Kit"), starters()["printing3d"].things[1])
    guitar = understand("guitar", None, ["Musical Instruments"]).query
    state = advance(ConversationState(), guitar, Catalog([]))
    titles = ["Guitar Pickup Acoustic/Electric Transducer for Acoustic Guitar", "Guitar Picks x 20",
              "Beginner Acoustic Guitar, Full Size"]  # fmt: skip
    assert of_kind([product(t) for t in titles], state) == [False, False, True]


def test_the_products_listed_are_named_by_mark_and_the_ones_not_carried_by_name() -> None:
    from assistant.starters import Thing, listed_lead, with_article

    found = [
        (Thing("a ukulele", (("en", "a ukulele"),)), 1),
        (Thing("a stapler", (("en", "a stapler"),)), None),
    ]
    assert listed_lead(found, "en") == (
        "Here is the best match for each thing you asked for: [1]. We don't carry a stapler."
    )
    assert with_article("organizer") == "an organizer" and with_article("markers") == "markers"


def test_a_fractional_instrument_size_is_answered_by_a_sizing_guide_said_as_such() -> None:
    """ "is 3/4 size ok for a 9 year old or should i get a 1/2" had been "Its listing gives no age
    range": no listing says it, a common sizing guide does. The answer says it is a guide, not
    the listings, names the sizes for that age and those asked, and which card is which size."""
    from assistant.sizing import size_guide

    violins = [
        (1, "LAGRIMA 3/4 Beginner Kid Violin, Case, Bow"),
        (2, "1/4 Size Acoustic Violin Set"),
    ]
    said = size_guide("is 3/4 size ok for a 9 year old or should i get a 1/2", (9, 9), violins)
    assert said is not None and "not the listings" in said
    assert "for a 9-year-old, 1/2 or 3/4" in said and "3/4 for ages 9-11" in said
    assert "[1] is 3/4" in said and "[2] is 1/4" in said
    guitars = [(1, "Kids Acoustic Guitar 30 inch 1/4 Size")]
    assert "for a 12-year-old, 3/4 or 4/4" in (
        size_guide("is 3/4 too small for her", (12, 12), guitars) or ""
    )
    # no age, no size asked, a grown-up, or an instrument without a guide: nothing said
    assert size_guide("is 3/4 size ok", None, violins) is None
    assert size_guide("does it need batteries", (9, 9), violins) is None
    assert size_guide("is 3/4 size ok for me", (30, 30), violins) is None
    assert size_guide("is 3/4 too big for him", (9, 9), [(1, "Kids Drum Set 3/4")]) is None


def test_the_sizing_guide_is_said_in_the_shoppers_language() -> None:
    """ "¿el 3/4 le queda bien o mejor 1/2?" for a 9-year-old: the guide in Spanish, with the
    instrument's Spanish name (no English words in a Spanish answer)."""
    from assistant.sizing import size_guide

    violins = [(1, "LAGRIMA 3/4 Beginner Kid Violin, Case, Bow")]
    said = size_guide("¿el 3/4 le queda bien o mejor 1/2?", (9, 9), violins, "violin", "es")
    assert said is not None and "violín" in said and "para 9 años, 1/2 o 3/4" in said
    assert "[1] es 3/4" in said and "sizing" not in said and " or " not in said
