"""The catalog's own words: which words it knows (to check a model's rewrite of a request),
spelling correction of unknown words against them (SymSpell, `symspellpy`), which department a
product word belongs to (a soft preference: "violin" is an instrument), and the language of a
message (py3langid, restricted to the languages shoppers here write in)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from itertools import pairwise
from typing import Any

import numpy as np
import Stemmer
from symspellpy import SymSpell, Verbosity

from retrieval import units
from retrieval.catalog import Catalog

_WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
#: Languages a message may be written in (py3langid guesses among these only: an unrestricted
#: guess reads short English requests as Malay or Breton).
LANGUAGES = ("en", "es", "fr", "de", "it", "pt", "nl", "zh", "ja", "ko", "ru", "pl")
#: A word is corrected only to a word that occurs at least this often in titles, within this
#: edit distance; shorter words are left alone (too many near neighbours).
MIN_COUNT = 3
MAX_EDIT = 2
MIN_LENGTH = 4
#: A known word is also searched as its one-edit neighbour when that is this many times more
#: frequent in titles ("ukelele" 19 titles, "ukulele" 391).
VARIANT_RATIO = 10
#: A department is preferred for a request when its titles hold at least this share of the
#: occurrences of the request's product words (weighted by how specific each word is).
DEPARTMENT_SHARE = 0.7


#: A bare number ending the phrase after a word, or before a word that is no count of things:
#: the word names a model ("ender 3", "mark 2", "ender 3 nozzle"; not "pencls 12 colors").
_MODEL_NUMBER = re.compile(
    r"\s+\d{1,4}(?:\s*(?:pro|max|plus|mini|s|v\d))?\s*(?:$|[,.;!?)]|\s+(?:and|or|but)\b"
    rf"|\s+(?!(?:{units.alternation(marks=False)}))[a-z]{{3,}}(?<!s)\b)",
    re.I,
)


@dataclass(frozen=True)
class Correction:
    """Spelling corrected against the catalog: what was written and what is searched."""

    original: str
    corrected: str
    changes: tuple[tuple[str, str], ...]
    #: Rare spellings searched beside their common one (not announced): (written, common).
    variants: tuple[tuple[str, str], ...] = ()


#: An English word at least this frequent (Google n-gram counts, symspellpy's English dictionary)
#: is a word the shopper meant, never a misspelling of a rarer catalog word.
COMMON_COUNT = 2_000_000
#: A word at least this frequent is never "corrected" into a catalog word: "a ream of printer
#: paper" was read as "real printer paper" with the stricter COMMON_COUNT ("ream": 470k).
SPELLED_RIGHT_COUNT = 100_000


#: A word at least this frequent ("the", "for", "my", "some", "good") says nothing of the word
#: beside it.
FUNCTION_COUNT = 300_000_000


#: How many of wordfreq's most frequent English words the English speller knows.
ENGLISH_SPELLER_WORDS = 30000


@cache
def english_speller() -> SymSpell:
    """Common English words (wordfreq), for slips that are not catalog words: "somthing",
    "resturants"."""
    from wordfreq import top_n_list, zipf_frequency

    speller = SymSpell(max_dictionary_edit_distance=1, prefix_length=7)
    for word in top_n_list("en", ENGLISH_SPELLER_WORDS):
        if word.isalpha() and len(word) >= 3:
            speller.create_dictionary_entry(word, int(10 ** zipf_frequency(word, "en")))
    return speller


@cache
def common_english(min_count: int = COMMON_COUNT) -> frozenset[str]:
    """English words at least `min_count` frequent (a few thousand at the default), from the
    dictionary symspellpy ships."""
    path = files("symspellpy") / "frequency_dictionary_en_82_765.txt"
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, count = line.partition(" ")
        if count and int(count) >= min_count:
            words.append(word)
    return frozenset(words)


#: A word at least this frequent in English text (wordfreq's Zipf scale) is one people write:
#: "sharpies" 2.1, "airpods" 2.7; misspellings two slips from a catalog word sit below it
#: ("harmonika", "metrenome", "telescop": 0).
IN_USE_ZIPF = 2.0


def _in_use(word: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") >= IN_USE_ZIPF


#: Under this many letters, a word two slips from a catalog word is not read as it.
SHORT_SLIPS = 7


def _same_start(term: str, word: str) -> bool:
    """A slip keeps the word's first letter (most misspellings do): "ipads" is no variant of
    "pads", nor "odor" of "door"."""
    return term[:1] == word[:1]


class Vocabulary:
    """Word statistics of one catalog's titles (and, for known words, descriptions)."""

    def __init__(self, catalog: Catalog) -> None:
        self.stemmer = Stemmer.Stemmer("english")
        departments = list(catalog.columns.departments)
        codes = catalog.columns.department
        titles: Counter[str] = Counter()
        known: Counter[str] = Counter()
        by_department: dict[str, np.ndarray] = {}
        stems: dict[str, str] = {}
        for row, product in enumerate(catalog):
            said = _WORD.findall(product.title.lower())
            words = set(said)
            titles.update(words)
            # two words side by side, counted under "w1 w2": what a kind is called with before
            # it ("poker chips"); a key with a space is never a word looked up alone
            titles.update({f"{a} {b}" for a, b in pairwise(said)})
            known.update(set(_WORD.findall(product.description[:600].lower())))
            for w in words:
                stem = stems.get(w)
                if stem is None:
                    stem = stems[w] = self.stemmer.stemWord(w)
                counts = by_department.get(stem)
                if counts is None:
                    counts = by_department[stem] = np.zeros(len(departments), dtype=np.float32)
                counts[codes[row]] += 1
        self.title_counts = titles
        self.words = {w for w in titles if " " not in w} | {w for w, c in known.items() if c >= 2}
        self.departments = departments
        self._by_department = by_department
        self._sizes = np.bincount(codes, minlength=len(departments)).astype(np.float32)
        self._spell = SymSpell(max_dictionary_edit_distance=MAX_EDIT, prefix_length=7)
        for word, count in titles.items():
            if count >= MIN_COUNT and len(word) >= 3 and "'" not in word and " " not in word:
                self._spell.create_dictionary_entry(word, count)

    def knows(self, word: str) -> bool:
        w = word.lower()
        return w in self.words or self.stemmer.stemWord(w) in self._by_department

    def spelled(self, word: str) -> str | None:
        """The catalog word `word` is a spelling of, by its ending only ("trampolin" ->
        "trampoline"), itself when the catalog uses it, else None: a word of another language is
        not taken for a near English one ("pirata" is no "pinata", "vidrio" no "video")."""
        if self.knows(word):
            return word
        fixed = self.correct(word).corrected
        ending = len(word) >= 6 and fixed.lower().startswith(word.lower()[:-1])
        return fixed if ending and fixed != word and self.knows(fixed) else None

    def correct(
        self, text: str, keep: Iterable[str] = (), theirs: Iterable[str] = ()
    ) -> Correction:
        """Unknown words replaced by the most frequent catalog title word within two edits.
        `theirs`: words the shopper said as someone's ("my ender"): a name, kept when it is a
        word people write ("filament for my ender" had been "elder"; "my nefew" is a slip)."""
        keep_set = {k.lower() for k in keep}
        named = {w.lower() for w in theirs if _in_use(w.lower())}
        changes: list[tuple[str, str]] = []
        variants: list[tuple[str, str]] = []

        def fix(m: re.Match[str]) -> str:
            word = m.group(0)
            lw = word.lower()
            if (len(lw) < MIN_LENGTH or lw in keep_set or not lw.isalpha()
                    or lw in common_english(SPELLED_RIGHT_COUNT)):  # fmt: skip
                return word  # "ignore", "cart", "tell" are words, not misspellings of catalog words
            if _MODEL_NUMBER.match(m.string, m.end()):
                return word  # a model's name: "for my ender 3" (had been "elder 3")
            if word[:1].isupper() and word[1:].islower() and m.start() and not re.search(
                r"[.!?]\s*$", m.string[: m.start()]
            ):
                return word  # a name, capitalised mid-sentence: "a gift for Priya" (not "prima")
            if self.knows(lw):
                # a rare variant of a common word ("ukelele" beside "ukulele"): search both
                # (a plural no title writes counts as its singular: "legos" is "lego", not "legs")
                own = self.title_counts.get(lw, 0) or (
                    self.title_counts.get(lw[:-1], 0) if lw.endswith("s") else 0
                )
                # another word, not the same one inflected: "pipete" is near "pipets" (its own
                # stem) and "pipette" (the catalog's spelling)
                stem = self.stemmer.stemWord(lw)
                near = [
                    n
                    for n in self._spell.lookup(lw, Verbosity.ALL, max_edit_distance=1)
                    if n.term != lw
                    and self.stemmer.stemWord(n.term) != stem
                    and _same_start(n.term, lw)
                ]
                best = max(near, key=lambda n: n.count, default=None)
                # (an inflection of a known word is that word: "buzzes" is no "buzzer")
                inflected = lw in {stem + end for end in ("s", "es", "ed", "ing")}
                # a word no title writes (known by its stem alone) takes any common neighbour
                if (
                    best is not None
                    and not inflected
                    and best.count >= (VARIANT_RATIO * own if own else MIN_COUNT)
                ):
                    variants.append((word, best.term))
                    return f"{word} {best.term}"  # searched too, not announced as a correction
                return word
            if lw.endswith("s") and self.knows(lw[:-1]):
                return word  # the plural of a catalog word: "pcbs" is no slip for "pcs"
            if lw in named:
                return word  # a word in use said as theirs is a name: "my ender" (a catalog
                # word's variant is still searched: "my ukelele" finds ukuleles too)
            found = [
                n
                for n in self._spell.lookup(lw, Verbosity.CLOSEST, max_edit_distance=MAX_EDIT)
                if _same_start(n.term, lw)
            ][:1]
            # one slip from a common English word, two from the nearest catalog word: the shopper
            # meant the English word ("somthing" is something, not "sorting")
            english = english_speller().lookup(lw, Verbosity.TOP, max_edit_distance=1)
            if english and (not found or found[0].distance > english[0].distance):
                changes.append((word, english[0].term))
                return english[0].term
            if found and found[0].distance > 1 and len(lw) < SHORT_SLIPS:
                return word  # two slips in a short word make another word: "thuddy" is no "teddy"
            if found and found[0].distance > 1 and _in_use(lw):
                return word  # a word people write, two slips from a catalog word: a name the
                # catalog lacks ("sharpies" had been searched as "shapes"), not a misspelling
            if not found or found[0].term == lw:
                if split := self._split(lw):  # "micropipette": "micro pipette"
                    changes.append((word, split))
                    return split
                return word
            if _in_use(lw) and self._named_beside(m, found[0].term):
                return word
            changes.append((word, found[0].term))
            return found[0].term

        corrected = re.sub(r"[A-Za-z]+", fix, text)
        return Correction(text, corrected, tuple(changes), tuple(variants))

    def _named_beside(self, m: re.Match[str], term: str) -> bool:
        """A word people write (a make, a style) said beside a catalog word that the correction
        never stands beside in a title: "washi tape" is no "wash tape", "a lamy pen" no "lamp
        pen"; "desk calender" is a "desk calendar", a pair titles write."""
        before = re.search(r"([A-Za-z]+)\W*$", m.string[: m.start()])
        after = re.match(r"\W*([A-Za-z]+)", m.string[m.end() :])
        pairs = [
            (n.lower(), pair)
            for n, pair in (
                (before and before.group(1), lambda n: f"{n} {term}"),
                (after and after.group(1), lambda n: f"{term} {n}"),
            )
            if n
        ]
        beside = [
            pair(n) for n, pair in pairs
            if self.title_counts.get(n, 0) >= MIN_COUNT and n not in common_english(FUNCTION_COUNT)
        ]  # fmt: skip
        return bool(beside) and not any(self.title_counts.get(p, 0) for p in beside)

    def _split(self, word: str) -> str | None:
        """An unknown word read as two catalog title words written together ("micropipette" ->
        "micro pipette", "drumheads" -> "drum heads"), the split whose rarer half is most used."""
        best, best_count = None, 0
        for i in range(3, len(word) - 2):
            a, b = word[:i], word[i:]
            count = min(self.title_counts.get(a, 0), self.title_counts.get(b, 0))
            if count >= MIN_COUNT and count > best_count:
                best, best_count = f"{a} {b}", count
        return best

    def department_hint(self, words: Sequence[str]) -> tuple[str | None, float]:
        """The department whose titles carry these product words, and its share (0-1).
        Each word's counts are normalised by department size, so a big department does not win
        by size alone; words found in almost every department weigh little."""
        total = np.zeros(len(self.departments), dtype=np.float32)
        for word in words:
            counts = self._by_department.get(self.stemmer.stemWord(word.lower()))
            if counts is None or counts.sum() < 2:
                continue
            rate = counts / np.maximum(self._sizes, 1)
            total += rate / rate.sum()
        if total.sum() == 0:
            return None, 0.0
        share = total / total.sum()
        best = int(np.argmax(share))
        return self.departments[best], float(share[best])

    def language(self, text: str, before: str = "en") -> str:
        """ISO code of the message's language; short or catalog-worded messages are English,
        unless the talk so far was in another language written in Latin letters (`before`) and
        the message has no English word: "trae funda?" after a Spanish request stays Spanish (it
        had been read as English and spelled "tree fund")."""
        found = language_of(text)
        if found == "en" and before not in ("en", *_CJK_LANGUAGES) and not _CJK.search(text):
            letters = _LETTERS.findall(text.lower())
            english = _english_words()
            # (most words, not every one: "y cinta doble cara fuerte?" has "cara", a name)
            if (
                letters
                # (a word English shares with them is no English: "vale, me llevo esa")
                and not _ENGLISH.intersection(letters).difference(_SHARED)
                and (
                    sum(w in english for w in letters) * 3 < len(letters)
                    # a function word of another language, none of English: "tension forte si
                    # possible, et pas trop cher" after a French request (its "tension", "forte"
                    # and "possible" are English words too)
                    or any(w in _FUNCTION_WORDS for w in letters)
                    # an accented letter, which English words lack: "plutot plus petit, genre
                    # 500 pièces" after a French request
                    or _ACCENTED.search(text)
                )
            ):
                return before
        if found != before and {found, before} <= _ROMANCE and not _marks(found, text):
            # the languages the identifier confuses: the talk's stays unless the message has a
            # mark only the other uses ("esse primeiro faz barulho?" after a Portuguese request
            # had been read as Spanish, its words then searched as typed)
            return before
        return found


_INVERTED = re.compile(r"[¿¡]")
#: Languages the identifier confuses with each other on a short message.
_ROMANCE = frozenset(["es", "pt", "it", "fr"])


def _marks(language: str, text: str) -> bool:
    """The message has a letter or word only `language`, of those it is confused with, uses."""
    if language == "es":
        return bool(
            _INVERTED.search(text)
            or "ñ" in text.lower()
            or _SPANISH_ONLY.intersection(_LETTERS.findall(text.lower()))
        )
    if language == "pt":
        return bool(_PORTUGUESE.search(text))
    return False


#: Languages not written in Latin letters: a Latin-lettered message after them is not theirs.
_CJK_LANGUAGES = ("zh", "ja", "ko")


def language_of(text: str) -> str:
    """ISO code of a text's language; short or product-worded texts are English.

    The identifier alone reads two-word product requests as anything ("ukelele strings": Dutch,
    "lego technic": Polish, "cello rosin": Italian), and then the answer comes in that language.
    So: English function words, or a text at least half of common English words ("strings",
    "rosin", "technic", "seeds" in "jalapeño seeds"), make it English; then a function word of
    another language ("para", "pour", "für") or an accented letter lets the identifier decide at
    0.5; otherwise it must be sure (0.9)."""
    if _CJK.search(text):
        lang, _ = _identifier().classify(text)
        return str(lang) if lang in ("zh", "ja", "ko") else "zh"
    if _INVERTED.search(text):  # "¿venden lavadoras?": only Spanish opens a question so
        return "es"
    words = [w for w in _WORD.findall(text.lower()) if len(w) >= 2]
    if len(words) <= 1 or sum(w in _ENGLISH for w in words) >= 0.4 * len(words):
        return "en"
    letters = _LETTERS.findall(text.lower())
    # (not a name's "de" first: "de walt drill bits")
    spanish = [
        w for i, w in enumerate(letters) if w in _SPANISH_WORDS and (i or w not in _NAME_START)
    ]
    if spanish and not _ENGLISH.intersection(words):
        # "pista de hot wheels", "funda para ukulele soprano": a Spanish joiner between product
        # words (half of them English or brands) and no English function word; the identifier
        # had read Dutch or Portuguese at 0.3-0.4 and the brands made it English
        lang, prob = _identifier().classify(text)
        if not _PORTUGUESE.search(text) and (prob < 0.9 or lang in ("es", "pt", "en")):
            return "es"
    english = _english_words()
    # (two function words of another language and none of English: "laquelle est la plus
    # petite ?", "welche ist am günstigsten" are no English, though "plus" and "petite" are)
    # (or one, where the identifier is sure of another language: "Gitarrengurt aus Leder in
    # braun", "puzzle 3D della Torre Eiffel per adulti" were half words English also has, and
    # were searched as typed)
    said = sum(w in _FUNCTION_WORDS for w in letters)
    foreign_said = (said >= 2 and not _ENGLISH.intersection(words)) or (
        # ("in" is no English where the rest is not: "Gitarrengurt aus Leder in braun")
        said == 1 and not _ENGLISH.intersection(words).difference(_SHARED) and _sure_not_english(text)
    )
    if (
        sum(w in english for w in letters) >= 0.5 * len(letters) and not foreign_said
    ):  # "jalapeño seeds"
        return "en"
    lang, prob = _identifier().classify(text)
    if lang == "pt" and not _PORTUGUESE.search(text):
        # "baquetas para batería" is read as Portuguese: without a letter only Portuguese uses,
        # a request in a language the two share this much is taken as Spanish, far more often
        # typed to a store (a Portuguese reader then gets Spanish, not English)
        lang = "es"
    if lang in ("it", "pt") and _SPANISH_ONLY.intersection(letters):
        lang = "es"  # "busco audifonos baratos" was read as Italian
    if any(w in _FUNCTION_WORDS for w in letters) or _ACCENTED.search(text):  # "para", "cámara"
        # "microfono para grabar podcast, maximo 100 dolares" (0.43 sure): with so few English
        # words, the identifier's pick stands however unsure it is
        foreign = sum(w in english for w in letters) < 0.3 * len(letters)
        return str(lang) if prob >= 0.5 or foreign else "en"
    return str(lang) if prob >= 0.9 else "en"


def _sure_not_english(text: str) -> bool:
    lang, prob = _identifier().classify(text)
    return lang != "en" and prob >= 0.9


#: A word is English, not the other language's, when it is this much more frequent in English
#: (wordfreq's Zipf scale, log10 per billion words): "plush" 3.3 vs 1.6 in Spanish, "seasoned"
#: 3.5 vs 0; Spanish text borrows "metal", "piano", "glamour" at nearly English rates.
ENGLISH_MARGIN = 0.8
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{2,}")


def english_leftovers(text: str, language: str, names: str = "") -> list[str]:
    """The English words left in a text meant to be in `language` ("es compacto y perfecto para
    beginners y seasoned musicians" -> beginners, seasoned, musicians). A capitalised word that
    `names` (the cards' texts) carries is a name, not a leftover; in a language
    without Latin letters (Chinese) any other Latin word is one."""
    from wordfreq import zipf_frequency

    carried = set(re.findall(r"\w+", names.lower()))
    out = []
    for word in _LATIN_WORD.findall(text):
        lw = word.lower()
        if (word[:1].isupper() and lw in carried) or (word.isupper() and len(word) <= 5):
            continue  # a name on the card, or an acronym ("LED", "USB") every language uses
        if language in ("zh", "ja", "ko"):  # any Latin word but a name: "magnification的微镜"
            out.append(word)
            continue
        english = zipf_frequency(lw, "en")
        if english < 3.0 or english - zipf_frequency(lw, language) < ENGLISH_MARGIN:
            continue
        out.append(word)
    return out


@cache
def _english_words() -> frozenset[str]:
    """Common English words that are not also another language's function words ("de", "para")."""
    return common_english(SPELLED_RIGHT_COUNT) - _FUNCTION_WORDS


_ACCENTED = re.compile(r"[à-öø-ÿ]", re.IGNORECASE)
_PORTUGUESE = re.compile(r"[ãõçâêô]|\b(?:você|não|sem|uma|um|com|em|nao|pra|meu|minha|meus|minhas|ao|aos|pros)\b", re.IGNORECASE)
_LETTERS = re.compile(r"[^\W\d_]{2,}")
#: Words only Spanish of the languages the identifier confuses it with (Italian, Portuguese) uses.
_SPANISH_ONLY = frozenset(["tienen", "tienes", "venden", "quiero", "busco", "juguetes", "niño",
                           "niña", "niños", "niñas", "cuál", "cuánto", "están", "audifonos", "hay",
                           "más", "qué", "también", "mucho", "tiene"])  # fmt: skip
#: Spanish words that join product words ("X de Y", "X para Y") or ask a shop ("hay algo mas
#: barato"), none of them English.
_SPANISH_WORDS_SAID = """de del para con sin los las el una unos unas por hay algo barato barata
    baratos baratas quiero busco necesito tienen venden alguno alguna regalo juguetes libros cual
    cuál qué otro otra"""
_SPANISH_WORDS = frozenset(_SPANISH_WORDS_SAID.split())
#: Of those, the ones that also open a name ("de walt drill bits", "la la land").
_NAME_START = frozenset(["de", "del", "el", "la", "los", "las"])
#: Words that say "not English" in a request: the function words and shopping words of the
#: Latin-script languages the identifier knows (none of them an English word a shopper types).
_FUNCTION_WORDS = frozenset((
    "de", "el", "la", "que", "mi", "lo", "le", "du", "et", "il", "di", "da", "che", "do", "em",
    "van", "para", "con", "sin", "los", "las", "una", "unos", "unas", "del", "por", "niño",
    "niños", "niña", "niñas", "regalo", "menos", "barato", "barata", "pour", "avec", "les",
    "des", "une", "enfant", "enfants", "cadeau", "moins", "für", "mit", "ohne", "und", "der",
    "laquelle", "lequel", "lesquels", "quelle", "quel", "est", "elle", "sont", "welche", "welcher",
    "ist", "sind", "qual", "quale", "esa", "ese", "eso", "esos", "esas", "llevo",
    # thanks, in the words of no English sentence ("parfait merci" after a French talk)
    "merci", "gracias", "danke", "vielen", "grazie", "obrigado", "obrigada",
    "das", "ein", "eine", "einen", "kinder", "geschenk", "unter", "senza", "gli", "della",
    "bambini", "bambino", "meno", "com", "sem", "uma", "crianças", "criança", "presente", "voor",
    "met", "zonder", "een", "het", "kinderen", "dla", "bez", "dzieci",
    # asking a shop, in each: "tienen refrigeradores?" had been read as English ("teen")
    "tienen", "tienes", "venden", "vende", "busco", "quiero", "necesito", "algo", "baratos",
    "baratas", "alguno", "alguna", "juguetes", "libros", "vocês", "têm", "vendem", "quero",
    "procuro", "vous", "avez", "vendez", "cherche", "voudrais", "habt", "verkauft", "suche",
    "avete", "vendete", "cerco", "voglio",
    # asking of a card: "quanto costa quello rosa?" after an Italian talk had been read as English
    # ("quinto costa quell rosa")
    "quanto", "quanta", "quello", "quella", "quelli", "quelle", "questo", "questa", "cuánto",
    "cuanto", "cuánta", "combien", "wieviel", "wie", "viel", "kostet", "cuesta",
    # joiners no English phrase has ("circuit a billes en bois, mon gamin ...", "... sotto i 40
    # euro", "massinha ... pro meu pequeno")
    # (not "aux", "zur": "aux cable 3.5mm", "Zur Sonne poster")
    "aus", "zum", "vom", "auf", "als", "mon", "mes", "sur", "dans", "ça", "nel",
    "nella", "alla", "sotto", "meu", "minha", "pra",
))  # fmt: skip


#: English words that the shop's other languages write too ("me", "no", "a", "do", "in").
_SHARED = frozenset(["me", "a", "no", "do", "in", "son"])
_ENGLISH = set(
    ["the", "and", "for", "with", "under", "over", "who", "what", "that", "this", "my", "your", "our", "his", "her", "their", "some", "any", "need", "want", "looking", "gift", "present", "old", "year", "years", "loves", "likes", "into", "around", "about", "less", "than", "more", "budget", "cheap", "best", "good", "great", "please", "can", "you", "do", "have", "sell", "carry", "show", "me", "find", "something", "kid", "kids", "child", "children", "son", "daughter", "niece", "nephew", "friend", "wife", "husband", "mom", "dad", "boy", "girl", "toddler", "baby", "adult", "adults", "teen", "one", "ones", "only", "rated", "stars", "reviews", "well", "reviewed", "pieces", "size", "pack", "set", "new", "used", "a", "an", "i", "im", "i'm", "is", "are", "it", "to", "of", "in", "on", "at", "by", "or", "not", "no", "how", "much", "which", "where", "does", "sells", "selling", "would", "like", "get", "buy", "cost", "costs", "dollars", "bucks"]
)  # fmt: skip
_IDENTIFIER: list[Any] = []


def _identifier() -> Any:
    """py3langid's model, loaded once, restricted to `LANGUAGES`, with probabilities."""
    if not _IDENTIFIER:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        identifier.set_languages(list(LANGUAGES))
        _IDENTIFIER.append(identifier)
    return _IDENTIFIER[0]
