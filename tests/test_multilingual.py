"""Requests in other languages: the multilingual channel (multilingual-e5-small over titles) on
the small store, real models and index."""

from __future__ import annotations

from retrieval import Catalog, HybridSearcher, Retrieval

#: Requests in Spanish and Chinese, each with a word that the title of a right product carries.
CASES = [
    ("microscopio para niños", "es", "microscope"),
    ("guantes de nitrilo desechables", "es", "gloves"),
    ("cuerdas para bajo eléctrico", "es", "bass"),
    ("rompecabezas de 500 piezas", "es", "puzzle"),
    ("baquetas de batería", "es", "drumstick"),
    ("un termómetro infrarrojo sin contacto", "es", "thermometer"),
    ("一次性手套", "zh", "gloves"),
    ("实验室用的塑料滴管", "zh", "pipette"),
    ("儿童显微镜", "zh", "microscope"),
    ("拼图", "zh", "puzzle"),
    ("鼓棒", "zh", "drumstick"),
    ("红外线温度计", "zh", "thermometer"),
]


def _found(searcher: HybridSearcher, text: str, kind: str, language: str | None) -> bool:
    hits = searcher.search(text, k=5, language=language).hits
    return any(kind in h.product.title.lower() for h in hits)


def test_other_languages_find_more_with_the_multilingual_channel(small_store: Retrieval) -> None:
    """The 4-bit e5-small is far from perfect across languages (the README measures it), so the
    test asks for the aggregate: most requests find their product in the top 5, and clearly more
    than the English model finds for the same words."""
    searcher = small_store.searcher()
    assert searcher.multilingual is not None, "the small store's channel is built by the fixture"
    for text, language, _ in CASES:
        result = searcher.search(text, k=5)
        assert (result.language, result.dense) == (language, "multilingual"), text
    multilingual = [_found(searcher, t, kind, None) for t, _, kind in CASES]
    english = [_found(searcher, t, kind, "en") for t, _, kind in CASES]
    print("multilingual", multilingual, "english only", english)
    assert sum(multilingual) >= len(CASES) // 2
    assert sum(multilingual) >= sum(english) + 3


def test_english_requests_keep_the_english_model(small_store: Retrieval) -> None:
    result = small_store.searcher().search("disposable nitrile gloves", k=5)
    assert (result.language, result.dense) == ("en", "english")
    assert "gloves" in result.hits[0].product.title.lower()


def test_without_the_channel_the_search_says_so(small_store: Retrieval) -> None:
    searcher = small_store.searcher()
    searcher.multilingual = None  # as while the background build runs
    result = searcher.search("guantes de nitrilo desechables", k=5)
    assert result.dense == "english"
    assert any("multilingual index is not built yet" in n for n in result.notices)


def test_background_build_attaches_the_channel(small_store: Retrieval) -> None:
    searcher = small_store.searcher()
    searcher.multilingual = None
    thread = small_store.build_multilingual_in_background(searcher)
    assert thread is not None
    thread.join(timeout=600)
    assert searcher.multilingual is not None
    assert searcher.multilingual.vectors.shape == (len(searcher.catalog), 384)
    assert small_store.multilingual_progress is None
    assert small_store.build_multilingual_in_background(searcher) is None  # nothing left to do


def test_other_languages_words_are_read_as_the_catalogs_words(small_store: Retrieval) -> None:
    """The channel reads a request's words as the catalog's own (nearest catalog word, if close):
    a Spanish request whose every word aligns becomes English product words the English search
    reads; one with a word it cannot place reads as nothing (the model translates it instead)."""
    channel = small_store.searcher().multilingual
    assert channel is not None and channel.word_vectors is not None
    assert len(channel.words) == len(channel.word_vectors) > 100
    known = [w for w in ("guitar", "microscope", "keyboard", "violin") if w in channel.words]
    assert known, "the small store's titles name these products"
    # read as Portuguese, which has no lexicon here: each word placed by the multilingual model
    words = {"guitar": "guitarra", "microscope": "microscopio", "keyboard": "teclado",
             "violin": "violín"}  # fmt: skip
    read = [channel.english_words(f"un {words[w]} para niños", "pt") for w in known]
    assert sum(w in r for w, r in zip(known, read, strict=True)) >= len(known) - 1, read
    assert channel.english_words("xqzvw glorbnak", "es") == ""
    # a word the Spanish lexicon has is read from it, the rest aligned by the model
    assert "microscope" in channel.english_words("un microscopio para niños", "es")


def test_a_languages_lexicon_reads_its_shopping_words_in_english_order() -> None:
    """The multilingual model misread "rompecabezas", "armónica", "baquetas" (the 0.5B model
    then translated "una armónica para principiantes" as "a small armural"): the lexicon reads
    them, with modifiers before their noun and counts before what they count."""
    from retrieval.multilingual import read_words

    assert read_words("un rompecabezas de 1000 piezas por menos de 20 dólares", "es") == (
        "jigsaw puzzle 1000 pieces"
    )
    assert read_words("una armonica para principiantes", "es") == "harmonica for beginners"
    # (records, not sanding discs; a pump, not a bomb)
    assert read_words("nettoyer les disques", "fr") == "vinyl record cleaner"
    assert "pump" in (read_words("uma bomba pra encher", "pt") or "")
    assert read_words("guantes de nitrilo desechables", "es") == "disposable nitrile gloves"
    # one noun after "de" says what kind of the first it is ("termómetro de laboratorio" had
    # been "thermometer lab", the kind a lab); a name of two words after it is left in place
    # ("con sonda": with a probe, not the kind "probe")
    assert read_words("termometro de laboratorio con sonda", "es") == "lab thermometer with probe"
    assert read_words("cuerdas de guitarra", "es") == "guitar strings"
    # a word the lexicon lacks right after its noun goes before it, as English says it (the
    # kind of "celulares samsung" had been "samsung")
    maker = {"samsung": "samsung"}.get
    assert read_words("tienen celulares samsung?", "es", maker) == "samsung mobile phones"
    # a title after "parecidos a" (like) is kept as written: "cien" had made the kind "cent"
    assert read_words("libros de kindle parecidos a cien años de soledad, en español", "es") == (
        "kindle books like cien años de soledad spanish"
    )
    assert read_words("regalo para mi sobrina de 10 años", "es") == "10 year old gift"
    # from held-out requests: a mystery said by its colour after "ebook" ("yellow ebook", the kind
    # "italia"), a cooperative game, lengths in metres, an office's cleaning supplies (each had
    # been missed or searched as typed)
    assert read_words("cerco un ebook giallo ambientato in Italia", "it") == (
        "mystery ebook set in italy"
    )
    assert read_words("un jeu de société coopératif", "fr") == "cooperative board game"
    # a liking's verb is no product word ("que adora la jardinería" had searched "adora": Adora
    # baby dolls for a grandmother)
    assert read_words("para mi abuela que adora la jardinería", "es") == "gardening"
    assert read_words("um cabo de 5 metros", "pt") == "cable 5 meters"
    assert "cleaner microfiber cloths" in read_words(
        "Reinigungsmittel und Mikrofasertücher fürs Büro, am besten Großpackung", "de", partial=True
    )
    # having to buy and how dear are no product words, and what strings are made of is read
    # (the whole sentence had been searched as typed: an electric guitar, a tuner, picks)
    assert (
        read_words(
            "tengo que comprar cuerdas de nylon para guitarra clásica, buena calidad pero que no sean "
            "carísimas",
            "es",
        )
        == "nylon strings for classical guitar"
    )
    assert read_words("¿tienen audífonos de estudio para grabar voz?", "es") == (
        "studio headphones for recording vocals"
    )
    # what it should not be, said as English says it (the request reader leaves it out), after
    # what it should be ("que no sea negro, le encanta el morado" had searched black)
    assert read_words("vasos de precipitado de vidrio, no plástico", "es") == (
        "glass beakers, not plastic"
    )
    assert read_words("un juguete sin pilas", "es") == "toy, without batteries"
    assert read_words("que no sea negro, a ella le encanta el morado", "es") == "purple, not black"
    assert read_words("juguetes que no sean de plástico", "es") == "toys, not plastic"
    # a word neither the lexicon nor (here, absent) the model can read: nothing, all or none
    assert read_words("una xqzvw para niños", "es") == ""
    assert read_words("un microscopio", "it") == "microscope"  # the Italian lexicon reads it
    assert read_words("una xqzvw per bambini", "it") == ""  # no word of it, no model


def test_without_a_model_the_words_it_can_read_are_searched(small_catalog: Catalog) -> None:
    """With no model to translate, "cuerdas ligeras para mi guitarra acústica, toco sobre todo
    fingerstyle" had been searched as typed (English titles, Spanish words): the words the lexicon
    reads are searched, with catalog words kept as typed and a spelling only by its ending
    ("trampolin"), never a near English word of another meaning ("pirata" is no "pinata")."""
    from assistant.query import understand
    from retrieval.multilingual import read_words
    from retrieval.vocabulary import Vocabulary

    # the words it reads after the product, not a message whose product it cannot read
    # ("medidor de ph para el agua ..." would have searched "water")
    assert read_words("una xqzvw para niños", "es", partial=True) == ""
    trains = {"trenes": "trains"}.get  # a stand-in for the multilingual model's alignment
    said = (
        "regalo para mi sobrino de 7 años que le encantan los trenes, algo que pueda armar el mismo"
    )
    assert read_words(said, "es", trains) == "7 year old gift for building trains"
    assert read_words(said + " xqzvw", "es", trains) == ""  # all or nothing
    assert (
        read_words(said + " xqzvw", "es", trains, partial=True)
        == "7 year old gift for building trains"
    )
    # a model's code is kept whole ("N95" had been read as "n" and "95": no mask of that kind)
    assert read_words("mascarillas N95, caja de 20", "es", partial=True).split()[:2] == [
        "masks",
        "n95",
    ]
    vocabulary = Vocabulary(small_catalog)
    query = understand(
        "cuerdas ligeras para mi guitarra acústica", None, [], [], vocabulary=vocabulary
    ).query
    assert query.search.startswith("light strings acoustic guitar") and query.original
    assert vocabulary.spelled("pirata") in (None, "pirate") and vocabulary.spelled("vidrio") is None


def test_spanish_colours_and_strength_are_read() -> None:
    """ "¿hay alguno en morado?" after unicorns searched "morado" (purple unread); "cinta doble
    cara resistente" had "resistant" as its kind."""
    from retrieval.multilingual import read_words

    assert "purple" in read_words("¿hay alguno en morado?", "es")
    assert read_words("cinta doble cara resistente", "es") == "heavy duty double-sided tape"


def test_a_follow_up_naming_no_product_is_about_the_cards(small_catalog: Catalog) -> None:
    """ "¿hay algo más barato?" after classical guitars had been searched as typed (a plush bull,
    a Spanish novel): a follow-up whose every word the lexicon passes over names no product, so it
    revises the cards on screen; likewise "有没有性价比高一点的" (any better value?) and "那8岁的
    孩子用哪款好" (and for an 8-year-old child?)."""
    from assistant.query import Intent, understand
    from retrieval.vocabulary import Vocabulary

    vocabulary = Vocabulary(small_catalog)
    shown = [p.title for p in list(small_catalog)[:3]]
    for text in ("¿hay algo más barato?", "hay algo mas barato", "有没有性价比高一点的"):
        query = understand(text, None, [], shown, vocabulary=vocabulary).query
        assert (query.intent, query.cheaper, query.search) == (Intent.refine, True, ""), text
    more = understand("¿tienen otras?", None, [], shown, vocabulary=vocabulary).query
    assert more.intent is Intent.more
    older = understand("那8岁的孩子用哪款好", None, [], shown, vocabulary=vocabulary).query
    assert (older.intent, older.age_min) == (Intent.refine, 8.0)
    # a product named is still a new request
    new = understand("¿tienen ukuleles?", None, [], shown, vocabulary=vocabulary).query
    assert new.intent is Intent.new


def test_spanish_ages_turned_to_remote_control_and_cuisines() -> None:
    """On requests a helper wrote: "mi sobrina que cumple 10" had no age (and the answer asked
    whom it was for), "un coche teledirigido" searched "car", "libros de cocina mexicana" had
    made "mexicana" the kind (not carried), and "algo económico" searched "economy" (tuners)."""
    from retrieval.multilingual import read_words

    assert read_words("regalo para mi sobrina que cumple 10, le encantan las manualidades", "es",
                      partial=True).startswith("10 year old")  # fmt: skip
    assert read_words("un coche teledirigido chulo para mi chaval de 7 años", "es") == (
        "7 year old remote control car"
    )
    assert read_words("libros de cocina mexicana", "es") == "mexican cookbooks"
    assert read_words("una guitarra clásica, algo económico", "es") == "classical guitar"


def test_spanish_follow_ups_about_the_cards_refine_or_ask_of_them(demo_catalog: Catalog) -> None:
    """After witch costumes, "que no sea negro, a ella le encanta el morado" and "algo parecido
    pero en rosa" refine them (each had been a search for purple or pink things, or the words as
    typed); after robot kits, "¿se puede programar desde la compu o solo con el control?" asks
    of the card (its "o" had read two things to set side by side)."""
    from assistant.query import Intent
    from assistant.query import understand as read
    from retrieval.vocabulary import Vocabulary

    vocabulary = Vocabulary(demo_catalog)

    def understand(text: str, llm: None, departments: list[str], shown: list[str]):  # type: ignore[no-untyped-def]
        return read(text, llm, departments, shown, vocabulary=vocabulary, before="es")

    costumes = ["Light Up Halloween Witch Costume for Girls", "Newland Wizard Cape with Hat"]
    purple = understand("que no sea negro, a ella le encanta el morado", None, [], costumes).query
    assert purple.intent is Intent.refine and "purple" in purple.narrows
    assert "black" in purple.unwanted
    pink = understand("algo parecido pero en rosa", None, [], costumes).query
    assert pink.intent is Intent.refine and pink.narrows == "pink"
    robots = ["STEM Robot Toys For Kids, Building Block Kit", "Elenco Teach Tech Robot Kit"]
    asked = "¿se puede programar desde la compu o solo con el control?"
    assert understand(asked, None, [], robots).query.intent is Intent.detail


def test_french_and_german_follow_ups_are_read_as_their_language_and_asked_of_the_cards(
    demo_catalog: Catalog,
) -> None:
    """ "laquelle est la plus petite ?" had been read as English (its "plus" and "petite" are
    English words too) and searched for the kind "petite"; "welche ist am günstigsten?" had
    searched its own words. Both ask of the cards on screen."""
    from assistant.query import Intent, understand
    from retrieval.vocabulary import Vocabulary, language_of

    assert language_of("laquelle est la plus petite ?") == "fr"
    assert language_of("welche ist am günstigsten?") == "de"
    assert (
        language_of("a plus size costume") == "en"
        and language_of("i am looking for a dress") == "en"
    )
    vocabulary = Vocabulary(demo_catalog)
    guitars = ["Yamaha CG101A Classical Guitar", "Classical Guitar Making Book"]
    small = understand(
        "laquelle est la plus petite ?", None, [], guitars, vocabulary=vocabulary, before="fr"
    )
    assert small.query.intent in (Intent.detail, Intent.compare) and small.query.language == "fr"
    cheapest = understand(
        "welche ist am günstigsten?", None, [], guitars, vocabulary=vocabulary, before="de"
    )
    assert cheapest.query.intent is Intent.compare


def test_french_and_german_requests_are_read_without_a_model() -> None:
    """ "je cherche un métronome ..." had been searched as typed (no lexicon: the first word the
    alignment could not read ended the reading), and the 0.5B model read it as "microphone";
    "jeu" had been aligned to "jew"."""
    from assistant.query import Intent, understand
    from retrieval.multilingual import read_words

    assert read_words("je cherche un jeu de cartes pour enfants", "fr") == "card game for kids"
    assert read_words("suche ein brettspiel für kinder", "de") == "board game for kids"
    shown = ["Mechanical Metronome for Piano", "Portable LCD metronome"]
    for text in ("mécanique ou électronique, lequel est mieux pour un enfant ?",
                 "welche davon hat ein ausatemventil?"):  # fmt: skip
        assert understand(text, None, [], shown).query.intent is Intent.compare, text


def test_a_product_what_another_is_for_is_said_before_it_in_english(demo_catalog: Catalog) -> None:
    """ "des cordes pour ma guitare classique" had been read "strings for classical guitar" (and
    with "flamenco" said after, guitars and a cajon were found and "we don't seem to carry that"
    said), "Saiten für meine E-Gitarre" as "strings" alone, and "tension forte si possible, et pas
    trop cher" after it was read as English ("tension", "forte" and "possible" are English words)
    and searched as typed. A product what another is for is said before it, as English says it;
    whom it is for, and what is done with it, are not."""
    from retrieval.multilingual import read_words
    from retrieval.vocabulary import Vocabulary

    said = read_words("salut je cherche des cordes pour ma guitare classique", "fr")
    assert said == "classical guitar strings", said
    assert read_words("cuerdas para guitarra clasica", "es") == "classical guitar strings"
    assert read_words("Saiten für meine E-Gitarre, eher dünn", "de", partial=True).startswith(
        "electric guitar strings"
    )
    assert read_words("guantes para niños", "es") == "gloves for kids"
    taped = read_words("cinta doble cara para pegar un espejo", "es", partial=True)
    assert taped.startswith("double-sided tape"), taped
    vocabulary = Vocabulary(demo_catalog)
    assert vocabulary.language("tension forte si possible, et pas trop cher", "fr") == "fr"
    # (alone too, now: "et" is no English, and the identifier is sure of French)
    assert vocabulary.language("tension forte si possible, et pas trop cher") == "fr"


def test_a_gift_said_in_spanish_naming_no_product_is_searched_as_no_words(
    demo_catalog: Catalog,
) -> None:
    """ "busco regalo para mi sobrino de 12 años" had been searched as typed (a Spanish banner
    starred): its words read name whom and an age, and no product, so nothing is searched and
    the answer asks what he is into."""
    from assistant.query import understand
    from retrieval.vocabulary import Vocabulary

    query = understand("busco regalo para mi sobrino de 12 años", None, [],
                       vocabulary=Vocabulary(demo_catalog)).query  # fmt: skip
    assert query.search == "" and query.age == (12, 12) and query.language == "es", query


def test_german_and_french_words_of_requests_not_read_before() -> None:
    """ "suche ein knobelspiel aus holz für meinen 10-jährigen" had been searched as typed (no
    word read, nor the age), "une loupe avec lumière pour ... la broderie" as "loupe light
    faire"."""
    from retrieval.multilingual import read_words

    german = read_words("suche ein knobelspiel aus holz für meinen 10-jährigen, er langweilt sich",
                        "de", partial=True)  # fmt: skip
    assert german.startswith("10 year old") and "puzzle game" in german, german
    french = read_words("je cherche une loupe avec lumière pour faire de la broderie le soir", "fr",
                        partial=True)  # fmt: skip
    assert "magnifier" in french and "light" in french and "faire" not in french, french


def test_italian_portuguese_and_french_requests_opening_with_a_greeting_are_read() -> None:
    """ "ciao, cerco un ukulele per mia nipote di 10 anni, ..." and "bonjour, mon fils de 4 ans
    est fou des camions de pompiers, ..." had been searched as typed (an autism book and a banjo
    ukulele starred): a greeting, a word of asking or a word of liking opened them, and a
    message's first word that nothing reads had stopped the reading."""
    from retrieval.multilingual import read_words

    italian = read_words("ciao, cerco una chitarra per mia nipote di 10 anni", "it", partial=True)
    assert italian == "10 year old guitar", italian
    french = read_words("bonjour, mon fils de 4 ans est fou des camions de pompiers, vous avez des "
                        "jouets comme ça ?", "fr", partial=True)  # fmt: skip
    assert "fire trucks" in french and "toys" in french, french
    portuguese = read_words(
        "oi, queria um livro de fantasia pro kindle, bem mais curto", "pt", partial=True
    )
    assert "fantasy" in portuguese and "book" in portuguese, portuguese
    assert "case" in read_words("tem algum desses que vem com capa?", "pt", partial=True)


def test_weighted_keys_are_read_in_every_language() -> None:
    """ "la seconda ha i tasti pesati?" had been asked of "keys stand" ("pesati" unread)."""
    from retrieval.multilingual import read_words

    for text, language in (
        ("tasti pesati", "it"),
        ("teclas pesadas", "pt"),
        ("touches lestées", "fr"),
        ("gewichtete Tasten", "de"),
        ("teclas pesadas", "es"),
    ):
        assert read_words(text, language) == "weighted keys", (text, language)


def test_a_kind_read_off_the_shoppers_words_outweighs_their_own_words(
    small_store: Retrieval, small_catalog: Catalog
) -> None:
    """ "cerco una tastiera per mia figlia di 8 anni che vuole imparare" (the lexicon reads the
    keyboard, not every word) had led with "8ct" treat bags and an 8" plush, the shopper's own
    words searched at full weight beside the reading, and keyboards were "not carried"."""
    from assistant.candidates import OWN_WORDS_AFTER_DICTIONARY, find_candidates, own_words_weight
    from assistant.query import understand
    from assistant.state import ConversationState, advance
    from retrieval.vocabulary import Vocabulary

    said = "cerco una tastiera per mia figlia di 8 anni che vuole imparare, non troppo grande"
    query = understand(said, None, [], [], vocabulary=Vocabulary(small_catalog)).query
    assert (query.language, query.kind) == ("it", "keyboard"), query
    assert query.original, "the shopper's own words are searched beside the reading"
    state = advance(ConversationState(), query, small_catalog)
    # (a reading of some of the words only, as the whole store's had been)
    partial = state.model_copy(update={"by_dictionary": False})
    assert own_words_weight(partial) == OWN_WORDS_AFTER_DICTIONARY
    assert own_words_weight(partial.model_copy(update={"kind": None})) == 1.0
    found = find_candidates(state, small_store.searcher(), None, k=5)
    assert "keyboard" in found.hits[0].product.title.lower(), [h.product.title for h in found.hits]


def test_a_size_letter_a_box_count_and_powder_free_are_read_in_every_language() -> None:
    """ "Nitrilhandschuhe in Größe M, puderfrei" had been searched "large" ("Größe", size, is
    matched as "große", large, without its umlaut) and "guantes de nitrilo, caja de 100" had
    made the kind "box", its count dropped."""
    from retrieval.multilingual import read_words

    assert read_words("Nitrilhandschuhe in Größe M, puderfrei", "de") == (
        "nitrile gloves medium powder free"
    )
    for text, language in [
        ("guantes de nitrilo talla M sin polvo, caja de 100", "es"),
        ("guanti in nitrile taglia M senza polvere, scatola da 100", "it"),
        ("luvas de nitrilo tamanho M sem pó, caixa com 100", "pt"),
        ("gants en nitrile taille M sans poudre, boîte de 100", "fr"),
    ]:
        assert read_words(text, language) == "nitrile gloves medium powder free box of 100", text
    # a box of something else is that thing's box ("caja de música" had been "box of music")
    assert "of" not in read_words("bolsa de regalo", "es").split()


def test_a_follow_up_read_as_only_what_it_should_be_narrows_the_cards(
    small_catalog: Catalog,
) -> None:
    """ "tem algum que brilha no escuro" (any that glow in the dark?), "gibts das auch breiter"
    (wider?) and "plutôt plus petit, genre 500 pièces" had each been a new search of the words
    alone (dice, a Tigger plush, "not carried"): read as what the cards should be, they narrow
    the cards on screen; words no reader knows narrow them as typed, not a search of their own;
    a thing named after "and a" is still asked for, and one to go with a card is for that card."""
    from assistant.query import Intent, understand
    from assistant.state import ConversationState, advance, for_card
    from retrieval.vocabulary import Vocabulary

    vocabulary = Vocabulary(small_catalog)
    shown = [p.title for p in list(small_catalog)[:3]]

    def read(text: str, language: str):  # type: ignore[no-untyped-def]
        return understand(text, None, [], shown, vocabulary=vocabulary, before=language).query

    for text, language, narrows in [
        ("tem algum que brilha no escuro", "pt", "glow-in-the-dark"),
        ("gibts das auch breiter", "de", "wider"),
        ("plutot plus petit, genre 500 pièces", "fr", "smaller 500 pieces"),
        ("¿hay alguno que brille en la oscuridad?", "es", "glow-in-the-dark"),
    ]:
        query = read(text, language)
        assert (query.intent, query.narrows, query.language) == (
            Intent.refine, narrows, language), (text, query)  # fmt: skip
    unread = read("tem algum xqzvw brilhante", "pt")
    assert unread.intent is Intent.refine and "xqzvw" in unread.narrows, unread
    for text, language in [("y una funda para guitarra?", "es"), ("und ein Notenständer?", "de")]:
        assert read(text, language).intent is Intent.new, text
    # something to go with one card: a request, for that card's kind and department
    strap = read("y una correa que vaya con la segunda", "es")
    assert (strap.intent, strap.references, strap.search) == (Intent.new, (2,), "strap"), strap
    sticks = understand("and sticks that go with the first one?", None, [], shown).query
    assert (sticks.intent, sticks.references, sticks.search) == (Intent.new, (1,), "sticks")
    case = understand("is there a case for the second one?", None, [], shown).query
    assert (case.intent, case.search) == (Intent.new, "case"), case
    ukuleles = advance(ConversationState(), understand("ukulele", None, []).query, small_catalog)
    uke = next(p for p in small_catalog if "ukulele" in p.title.lower())
    cases = for_card(advance(ukuleles, case, small_catalog), uke, ukuleles)
    assert cases.search_text().startswith("ukulele case"), cases.search_text()
    assert cases.department_hint == uke.department


def test_requests_told_as_a_story_are_read_for_their_product() -> None:
    """ "mi hijo empezo clases de guitarra clasica y las cuerdas le lastiman los dedos" and "meu
    filho ... quer um microscopio" had been searched as typed (a "125 Anos" guitar first): the
    verbs and lessons around the product are passed over."""
    from retrieval.multilingual import read_words

    assert read_words("mi hijo empezo clases de guitarra clasica y las cuerdas le lastiman los "
                      "dedos, que me recomiendan", "es", partial=True) == "classical guitar strings"  # fmt: skip
    assert "microscope" in read_words(
        "meu filho quer um microscopio pra começar a mexer com ciencias", "pt", partial=True
    )
    assert read_words(
        "mein gitarrenkabel knistert immer wenn ich es bewege", "de", partial=True
    ) == ("guitar cable")
    # a long story before the ask: its words nothing reads are passed over, not the whole message
    # searched as typed (an unread word before "de" had ended the reading)
    story = read_words("hola! mi abuela se la pasa cantando rancheras de Vicente Fernández en la cocina "
                       "todo el día jaja, quiero regalarle una guitarra para su cumple 80", "es", partial=True)  # fmt: skip
    assert "guitar" in story.split() and "kitchen" not in story, story
    assert "cajon" in read_words("hola, mi marido toca guitarra flamenca y quiere un cajón para "
                                 "acompañarse en casa, algo que no sea muy caro", "es", partial=True).split()  # fmt: skip
    # (a short request still reads all or nothing where an unread word opens it before "de")
    assert read_words("busco un zarandajo de cobre para el agua", "es", partial=True) == ""


def test_thanks_and_a_choice_said_in_other_languages_end_the_talk_there() -> None:
    """ "ok me quedo con ese gracias" had been a refinement ("No tenemos nada más ..."), "gut,
    nehm ich" a new pick, "perfetto grazie" and "parfait merci" the cheapest and best rated
    again, "et ça se joue à 8 personnes ?" a search for "8 personnel"."""
    from assistant.query import Intent, understand

    cards = ["Pencil First Games Herbaceous Card Game", "Looney Labs Get The MacGuffin"]
    for text, language in [("ok me quedo con ese gracias", "es"), ("gut, nehm ich", "de"),
                           ("vale, me llevo esa", "es"), ("añádelo al carrito", "es")]:  # fmt: skip
        query = understand(text, None, [], cards, before=language).query
        assert (query.intent, query.move) == (Intent.detail, "chosen"), text
    for text, language in [("perfetto grazie", "it"), ("muchas gracias", "es"),
                           ("vielen dank", "de"), ("merci beaucoup", "fr")]:  # fmt: skip
        assert understand(text, None, [], cards, before=language).query.move == "thanks", text
    players = understand("et ça se joue à 8 personnes ?", None, [], cards, before="fr").query
    assert players.intent is Intent.detail, players


def test_portuguese_no_is_in_the_and_a_card_pointed_at_is_asked(small_catalog: Catalog) -> None:
    """ "esse serve também no violão dele ou só no ukulele?" after ukulele capos had made the
    guitar unwanted ("no" read as English "no") and searched ukuleles under a notice of "excluded
    brands"; "não" is Portuguese for "not"."""
    from assistant.query import Intent, understand
    from retrieval.multilingual import read_words
    from retrieval.vocabulary import Vocabulary

    vocabulary = Vocabulary(small_catalog)
    shown = ["Aroma Ukulele Capo for Ukulele", "MOREYES Ukulele Capo for 4 Strings Ukelele Guitar"]
    for text in ("esse serve também no violão dele ou só no ukulele?", "esse serve no violão?"):
        query = understand(text, None, [], shown, vocabulary=vocabulary, before="pt").query
        assert query.intent is Intent.detail and query.unwanted == (), (text, query)
    assert read_words("cordas, não plástico", "pt") == "strings, not plastic"


def test_a_card_named_by_its_look_then_how_many_is_asked_of_the_cards(
    small_catalog: Catalog,
) -> None:
    """ "la confezione blu quanti ne contiene?" after guitar picks had been a new search (its
    "contiene" read as the kind)."""
    from assistant.query import Intent, understand
    from retrieval.vocabulary import Vocabulary

    vocabulary = Vocabulary(small_catalog)
    shown = [
        "Guitar Picks 0.71mm Medium (Pack of 6), Blue",
        "Guitar Picks 12 Medium Gauge Pack, Red",
    ]
    query = understand("la confezione blu quanti ne contiene?", None, [], shown,
                       vocabulary=vocabulary, before="it").query  # fmt: skip
    assert query.intent is Intent.detail and query.kind is None



def test_a_game_a_puppet_theater_and_a_glockenspiels_mallets_are_read() -> None:
    """ "busco un dominó para mi abuelo" had searched its whole sentence (a ukulele first);
    "avete anche un teatrino" and "sind da schlägel dabei?" had been unread."""
    from retrieval.multilingual import read_words

    assert read_words("busco un dominó grande para mi abuelo", "es", None, partial=True) == "large dominoes"
    assert read_words("avete anche un teatrino dove metterli?", "it", None, partial=True) == "puppet theater"
    assert read_words("sind da schlägel dabei?", "de", None, partial=True) == "mallets"


def test_what_comes_with_a_card_asked_in_german_french_italian_and_portuguese() -> None:
    """ "sind da schlägel dabei?" after a glockenspiel became a search for mallets once the word
    was read; what comes with the card is asked of it, as "¿trae funda?" is."""
    from assistant.cues import read_cues

    titles = ["Sonor Glockenspiel (SG25)"]
    for said in ("sind da schlägel dabei?", "ist ein netzteil dabei", "les baguettes sont incluses ?",
                 "sono incluse le bacchette?", "vem com baquetas?"):
        assert read_cues(said, titles).yes_no, said
    assert not read_cues("der ist super", titles).yes_no


def test_requests_half_in_words_english_shares_are_read_as_their_language() -> None:
    """ "Gitarrengurt aus Leder in braun", "circuit a billes en bois, mon gamin ..." and "puzzle
    3D della Torre Eiffel per adulti" had been read as English (half their words English has
    too) and searched as typed; English requests stay English."""
    from retrieval.vocabulary import language_of

    assert language_of("Gitarrengurt aus Leder in braun") == "de"
    assert language_of("circuit a billes en bois, mon gamin de 5 ans adore ça") == "fr"
    assert language_of("puzzle 3D della Torre Eiffel per adulti") == "it"
    assert language_of("livella laser a croce per appendere i quadri, sotto i 40 euro") == "it"
    for english in ("a plus size costume", "guitar strap in brown leather",
                    "puzzle for adults, 1000 pieces",
                    "cello rosin", "jalapeño seeds"):  # fmt: skip
        assert language_of(english) == "en", english


def test_everyday_words_of_each_language_are_read_without_a_model() -> None:
    """Each had been searched as typed or misread word by word: "niño pequeño" small kid,
    "cinta americana ... al aire libre" America tape air free, "pie de rey" a Rey RC truck,
    "bridas" a bride, "Leder" a leader."""
    from retrieval.multilingual import read_words

    assert read_words("disfraz de halloween para una niña pequeña", "es", partial=True).endswith(
        "toddler"
    )
    tape = read_words("cinta americana muy resistente para reparaciones al aire libre", "es",
                      partial=True)  # fmt: skip
    assert "duct tape" in tape and "outdoor" in tape and "america" not in tape
    assert "caliper" in read_words("pie de rey digital de acero inoxidable", "es", partial=True)
    assert "zip ties" in read_words("bridas de plástico negras", "es", partial=True)
    assert "quiet" in read_words("batería electrónica sin hacer ruido", "es", partial=True)
    assert "leather" in read_words("Gitarrengurt aus Leder in braun", "de", partial=True)
    assert "marble run" in read_words("circuit a billes en bois", "fr", partial=True)
    assert "laser level" in read_words("livella laser a croce", "it", partial=True)
    assert "non-toxic" in read_words("massinha de modelar atoxica", "pt", partial=True)


def test_a_german_compound_and_an_opening_name_are_read() -> None:
    """ "Klaviernoten für Wiedereinsteiger" and "Dobble ou un jeu de cartes du genre ..." had
    each been searched as typed: a compound of two words the lexicon reads is those words, and
    an opening word nothing reads is kept as typed (a name) beside the rest."""
    from retrieval.multilingual import read_words

    assert read_words("Klaviernoten für Wiedereinsteiger", "de", partial=True) == "piano sheet music"
    assert read_words("ein Gitarrengurt", "de", partial=True) == "guitar strap"
    dobble = read_words("Dobble ou un jeu de cartes du genre", "fr", partial=True)
    assert dobble.startswith("dobble card game"), dobble
    # (not where a "de" qualifies it: what follows would be read as the product)
    assert read_words("xqzvw de animales", "es", partial=True) == ""


def test_a_set_said_as_a_game_of_and_a_sound_not_wanted() -> None:
    """ "juego de brocas para concreto y metal" had been read "drill bits metal concrete game"
    (the kind "concrete"), "que no suene tan brillante" the kind "brilliant"."""
    from retrieval.multilingual import read_words

    assert read_words("juego de brocas para concreto y metal", "es", partial=True).startswith(
        "drill bits set"
    )
    assert read_words("jogo de chaves de fenda", "pt", partial=True) == "screwdriver set"
    assert read_words("juego de cartas para dos", "es", partial=True) == "card game"
    assert "brilliant" not in read_words("platillo crash que no suene tan brillante", "es",
                                         partial=True)  # fmt: skip


def test_a_name_written_as_one_is_kept_beside_the_words_read() -> None:
    """ "biografía de Frida Kahlo en ebook" had searched any biography: a word written
    capitalised inside the message is a name, kept as typed (not in German, whose nouns all are)."""
    from retrieval.multilingual import read_words

    assert "frida kahlo" in read_words("biografia de Frida Kahlo en ebook", "es", partial=True)
    assert "neruda" in read_words("poemarios, algo de Neruda o Benedetti", "es", partial=True)
    assert "wiedereinsteiger" not in read_words(
        "Klaviernoten für Wiedereinsteiger", "de", partial=True
    )


def test_what_a_review_found_read_too_much_is_read_as_said() -> None:
    """A review of this reading found these taken for what was not said: English requests read
    as French or Spanish, "un par de" a pair, Lima a file, "juego de guitarra para PS5" a guitar
    set, a greeting or a slip kept as a name, "Taschenbuch" a bag book."""
    from retrieval.multilingual import read_words
    from retrieval.vocabulary import language_of

    assert language_of("aux cable 3.5mm") == "en"
    assert language_of("Dia de los Muertos sugar skull mold in silicone") == "en"
    assert "pair" not in read_words("busco un par de novelas de misterio", "es", partial=True)
    assert "file" not in read_words("guía de viaje de Lima", "es", partial=True)
    assert "set" not in read_words("juego de guitarra para PS5", "es", partial=True)
    assert read_words("Holi, busco una kalimba", "es", partial=True) in ("", "kalimba")
    assert "urgente" not in read_words("una guitarra para mi hijo, Urgente", "es", partial=True)
    assert "bag" not in read_words("Taschenbuch", "de", partial=True)
