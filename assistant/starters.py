"""What a beginner needs to start an instrument or a hobby: "what do I need to start the
saxophone?", "quiero aprender ukelele, ¿qué necesito?", "想学打鼓，入门需要买什么". The activities
and their things are data (`starters.toml`); this module reads which activity a message asks
about, whether the shopper already has the thing itself ("besides the sax itself"), and writes
the lead that names each thing beside its card."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import Stemmer

from assistant.phrases import phrase
from retrieval.catalog import Product

STARTERS = Path(__file__).with_name("starters.toml")
#: The languages `starters.toml` names each thing in (others: the cards' marks alone).
NAMED = ("en", "es", "zh")

#: Something asked for a thing had, said after it: "gf just got a 3d printer, want to get her
#: something for it" (printers had been shown): what goes with it.
_FOR_THE_THING = re.compile(
    r"\b(?:something|anything|stuff|things|gifts?|ideas?|accessories)\s+(?:\w+\s+){0,2}?"
    r"(?:for|to\s+go\s+with|to\s+use\s+with)\s+(?:it|that|the\s+thing)\b",
    re.I,
)
#: "what do I need", "what else would she need", "what gear should I get", "what's needed",
#: "qué necesito", "qué me hace falta", "需要买什么", "要准备哪些" (not "what do I need to know").
_ASKS = re.compile(
    r"\bwhat (?:else |other \w+ |\w+ )?(?:do|would|will|should|does|did|might|could|must) "
    r"(?:i|we|you|u|one|he|she|they|my \w+|our \w+) (?:really |actually |also |still )?"
    r"(?:need|want|buy|get|have)\b(?!\s+to\s+(?:know|do|consider|look|check|understand|pay|say))"
    r"|\bwhat(?:'s| is| are)(?: all)? (?:needed|required|essential|the essentials)\b"
    r"|\bwhat (?:to|should i|do i) (?:buy|get)\b"
    r"|\b(?:everything|all) (?:i|you|we|she|he|they) (?:need|needs)\b"
    r"|\bgetting started (?:with|in|on)\b|\bessentials (?:for|to)\b"
    # "my 14yo wants to learn to solder, where do you even start"
    r"|\bwhere (?:do|does|would|should|can) (?:i|we|you|u|one|he|she|they) (?:even |actually )?(?:start|begin)\b"
    r"|\bhow (?:do|does|would|should|can) (?:i|we|you|u|one|he|she|they) (?:even )?(?:get )?start(?:ed)?\b"
    # something for the thing had (`_FOR_THE_THING`), and things to take it up again: "want to
    # get her some stuff to get back into it" (of a sister back on alto sax: sister books shown)
    rf"|{_FOR_THE_THING.pattern}"
    r"|\b(?:some|any)\s+(?:stuff|things|gear|accessories|supplies)\s+(?:to\s+get\s+(?:back\s+)?into|to\s+start)\b"
    r"|\bqu[eé] (?:m[aá]s |otras cosas |cosas |accesorios )?(?:necesito|necesitar[ée]|necesita|"
    r"necesitamos|necesitan|se necesita|hace falta|me hace falta|le hace falta|debo comprar|"
    r"tengo que comprar|compro|comprar)\b"
    r"|\btodo lo que (?:necesito|necesita|hace falta)\b"
    r"|需要(?:买|准备|购买|配|添置)?(?:什么|哪些|啥)|要(?:买|准备|配)(?:什么|哪些|啥)|"
    r"(?:买|准备)(?:什么|哪些|啥)|入门装备|必备",
    re.I,
)
#: The shopper has the thing itself: "besides the sax itself", "for my new ukulele", "ya tengo",
#: "除了吉他", "what accessories do I need".
_HAS_IT = re.compile(
    r"\b(?:besides|apart from|aside from|other than|in addition to|along with|to go with|"
    r"already (?:have|has|got|own|owns)|just (?:got|bought)(?!\s+(?:into|in\s+to)\b)|accessories|came with|"
    # back at it after years: she has played (and has one)
    r"(?:get(?:ting)?|got|coming)\s+back\s+(?:into|to))\b"
    r"|\b(?:además de|aparte de|ya tengo|ya tiene|accesorios)\b|除了|已经有|刚买|配件",
    re.I,
)
_POSSESSIVE = re.compile(r"\b(?:my|her|his|our|their|mi|su)\s+(?:new\s+|nuev[oa]\s+)?$", re.I)


@dataclass(frozen=True)
class Thing:
    """One thing a beginner buys: what is searched, and how the answer names it."""

    search: str
    names: tuple[tuple[str, str], ...]

    def name(self, language: str) -> str | None:
        return dict(self.names).get(language)


@dataclass(frozen=True)
class Starter:
    """One activity and what it takes to start it, the thing itself first."""

    activity: str
    words: tuple[str, ...]
    things: tuple[Thing, ...]


@cache
def starters() -> dict[str, Starter]:
    data = tomllib.loads(STARTERS.read_text(encoding="utf-8"))
    out = {}
    for activity, table in data.items():
        things = []
        for row in table["things"]:
            if len(row) != 1 + len(NAMED):
                raise ValueError(
                    f"{STARTERS.name} [{activity}]: {row!r} is not [search, en, es, zh]"
                )
            things.append(Thing(search=row[0], names=tuple(zip(NAMED, row[1:], strict=True))))
        out[activity] = Starter(activity, tuple(table["words"]), tuple(things))
    return out


@dataclass(frozen=True)
class StarterAsk:
    """A message asking what it takes to start an activity."""

    activity: str
    owned: bool  # the shopper has the thing itself: only what goes with it


def _word(word: str) -> str:
    if re.search(r"[\u3400-\u9fff]", word):  # Chinese: no spaces between words
        return re.escape(word)
    return rf"(?<![\w-]){re.escape(word)}(?:s|es)?(?![\w-])"


@cache
def _activity_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern of every activity's words, longest first, and the activity of each group."""
    words = sorted(
        ((w, a) for a, s in starters().items() for w in s.words), key=lambda x: -len(x[0])
    )
    pattern = re.compile("|".join(f"(?P<a{i}>{_word(w)})" for i, (w, _) in enumerate(words)), re.I)
    return pattern, {f"a{i}": a for i, (_, a) in enumerate(words)}


def asked(text: str) -> StarterAsk | None:
    """The activity a message asks what it takes to start, or None ("what do I need to start
    the saxophone?" -> saxophone; "what size guitar does a 10 year old need?" -> None: a size)."""
    if not _ASKS.search(text) or (SEASONED.search(text) and not _BEGINS.search(text)):
        return None
    pattern, activity_of = _activity_pattern()
    best = None
    for m in pattern.finditer(text):
        if best is None or len(m.group(0)) > len(best.group(0)):
            best = m
    if best is None or best.lastgroup is None:
        return None
    owned = bool(_HAS_IT.search(text)) or bool(_POSSESSIVE.search(text[: best.start()]))
    for_it = _FOR_THE_THING.search(text)
    if for_it and not owned and not _ASKS.search(text[: for_it.start()] + text[for_it.end() :]):
        return None  # "looking for a microscope, any ideas for it": no thing had
    return StarterAsk(activity=activity_of[best.lastgroup], owned=owned)



#: Someone long at it, told: "dad plays acoustic guitar every weekend, been playing 30 yrs, what
#: do i get a guy like that" (a beginner's guitar kit had been shown).
SEASONED = re.compile(
    r"\b(?:been\s+(?:playing|doing|at\s+it|collecting|building)|(?:has|have)\s+played|for\s+\d+\s*(?:\+\s*)?(?:yrs?|years|decades)(?!\s*old)"
    r"|\d+\s*(?:\+\s*)?(?:yrs?|years|decades)\s+(?:of\s+)?(?:playing|experience)|experienced|seasoned|gigs|gigging"
    r"|plays?\s+(?:\w+\s+){0,3}(?:every|each)\s+(?:day|week|weekend|night|sunday|saturday))\b",
    re.I,
)
#: Someone new to it: "a beginner", "starting out", "learning".
_BEGINS = re.compile(r"\b(?:beginners?|starting|start|learning|learn|new\s+to|first\s+(?:one|time))\b", re.I)


#: Someone taking up an activity, told: "he wants to collect coins", "she just got into
#: astronomy", "my son is learning to solder", "took up the ukulele".
_TAKING_UP = re.compile(
    # (not a want turned down: "i dont want to drill anything, its a nice guitar" had shown a
    # beginner's guitar kit)
    r"(?<!n't\s)(?<!dont\s)(?<!not\s)(?<!never\s)(?<!doesnt\s)"
    r"\b(?:wants?|wanted|would\s+like|'d\s+like|is\s+dying|is\s+itching|is\s+eager)\s+to\s+(?:learn|start|try|get\s+into|take\s+up|pick\s+up)?"
    r"|\b(?:just\s+)?(?:got|getting|gotten|gets)\s+(?:\w+\s+)?into\b|\b(?:took|taking|takes|picked|picking)\s+up\b"
    r"|\b(?:is|are|'s|'re)\s+(?:\w+\s+)?(?:learning|starting)\b|\bobsessed\s+with\b"
    r"|\b(?:quiere|quiero)\s+(?:aprender|empezar)\b|想学|开始学",
    re.I,
)


def taking_up(text: str, kind: str | None = None) -> StarterAsk | None:
    """The activity someone is told to be taking up, named after the telling ("my grandson found
    an old quarter and now he wants to collect coins" -> coins): what it takes, as if asked;
    None where the product `kind` read is named after the telling ("wants to learn violin")."""
    told = _TAKING_UP.search(text)
    if told is None or (kind and re.search(rf"\b{re.escape(kind)}", text[told.end() :], re.I)):
        return None
    pattern, activity_of = _activity_pattern()
    found = [m for m in pattern.finditer(text, told.end()) if m.lastgroup]
    if not found:
        return None
    best = max(found, key=lambda m: len(m.group(0)))
    return StarterAsk(activity=activity_of[best.lastgroup or ""], owned=False)


def things_for(ask: StarterAsk) -> tuple[Thing, ...]:
    """What to show for this ask: every thing, or what goes with the thing the shopper has."""
    things = starters()[ask.activity].things
    return things[1:] if ask.owned else things


def says_all(product: Product, thing: Thing) -> bool:
    """Whether the product's title says every word of the thing ("soldering iron": a steam
    iron is no soldering iron), a word's plural or singular alike."""
    stem = Stemmer.Stemmer("english").stemWord
    title = {stem(w) for w in re.findall(r"[a-z0-9]+", product.title.lower())}
    return all(stem(w) in title for w in thing.search.lower().split())


def _listed(parts: Sequence[str], language: str) -> str:
    if len(parts) == 1:
        return parts[0]
    return phrase(language, "list_sep").join(parts[:-1]) + phrase(language, "list_last") + parts[-1]


def starter_lead(ask: StarterAsk, found: Sequence[tuple[Thing, int | None]], language: str) -> str:
    """The lead naming each thing beside its card's mark ("To get started you will usually want
    a saxophone [1], reeds [2] and a neck strap [3].") and the things the store does not carry."""
    named = language in NAMED

    def said(thing: Thing) -> str:
        return thing.name(language) or thing.search if named else thing.search

    shown = [f"{said(t)} [{mark}]" if named else f"[{mark}]" for t, mark in found if mark]
    missing = [said(t) for t, mark in found if not mark]
    parts = []
    if shown:
        if ask.owned:
            itself = starters()[ask.activity].things[0]
            parts.append(phrase(language, "starter_besides", thing=said(itself),
                                items=_listed(shown, language)))  # fmt: skip
        else:
            parts.append(phrase(language, "starter", items=_listed(shown, language)))
    if missing:
        parts.append(phrase(language, "starter_missing", things=_listed(missing, language)))
    return " ".join(parts)


def listed_lead(found: Sequence[tuple[Thing, int | None]], language: str) -> str:
    """The lead for the products one message lists: the first card of each, by its mark ("Here
    is the best match for each: [1] and [3].") and the ones the store does not carry, named as
    the shopper said them."""
    shown = [f"[{mark}]" for _, mark in found if mark]
    missing = [t.name("en") or t.search for t, mark in found if not mark]
    parts = [phrase(language, "listed", items=_listed(shown, language))] if shown else []
    if missing:
        parts.append(phrase(language, "starter_missing", things=_listed(missing, language)))
    return " ".join(parts)


def with_article(noun: str) -> str:
    """An English noun as a list names one: "a stapler", "an organizer", "dry erase markers"."""
    if noun.endswith("s") and not noun.endswith("ss"):
        return noun
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"
