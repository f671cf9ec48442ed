"""A follow-up that only tells, said after cards (pure): about the person, the use or the budget,
asking for no other product. "she has one at school but nothing at home, so it doesn't need to be
fancy", "he'd never sit still for a puzzle", "I'd rather not spend much until I know I'll stick
with it", "my budget just went up to 60, my brother is chipping in": each had been a new search of
its own words (school things, stickers for "stick", casino chips for "chipping"). Such a message
revises what is on screen; what it tells (a budget, cheap or sturdy, what the person would never
use, what they are into) is read by the usual readers, and the few things said as a story that
they would not want are read here (`told_unwanted`)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.kinds import COMPARATIVES, product_kind
from assistant.people import RECIPIENTS
from assistant.stories import doings, told_want

#: What may come before the teller: "ok", "but", "honestly", "i mean".
_LEAD = (
    r"^\W*(?:(?:ok(?:ay)?|k|well|but|and|also|so|yeah|yes|no|nah|hmm|honestly|actually|oh|though|"
    r"tbh|i\s+mean|to\s+be\s+honest|thing\s+is|problem\s+is)\W+)*"
)
#: Whose story it is: a pronoun, or someone's person, budget, school or teacher.
_TOLD_OF = ("mum", "mom", "mother", "dad", "father", "teacher", "teachers", "school", "class",
            "budget", "club", "group", "band", "family", "parents", "doctor", "kids", "twins")  # fmt: skip
_WHO = (
    r"(?:(?:she|he|they|we|it|you|i)(?:'(?:s|d|ll|re|ve|m))?|shes|hes|theyre|im|ive|id|"
    # what it must do, its subject left out: "needs to take sharpie", "has to fit a 4/4"
    r"(?:needs|has|must)\s+(?:to\s+|be\s+)|"
    r"(?:my|his|her|their|our|the)\s+(?:[a-z]+\s+)?(?:"
    + "|".join(sorted({*RECIPIENTS, *_TOLD_OF}, key=len, reverse=True))
    + r")(?:s|'s)?)\b"
)
_TOLD = re.compile(_LEAD + _WHO, re.I)
#: Asking for something, not negated: "I want something sturdier", "I need enough pieces".
_ASKS = re.compile(
    r"(?<!n't )(?<!not )(?<!never )(?<!no )\b(?:need|needs|want|wants|looking\s+for|buy|show\s+me|"
    r"find|'d\s+like|would\s+like|prefer|mean|meant)\s+(?!to\s)(?P<rest>[^,.;!?]*)",
    re.I,
)
#: Other cards asked for by how they should differ: "bigger", "more compact"; or with something.
_MORE_SO = re.compile(r"\b(?:" + "|".join(sorted(COMPARATIVES)) + r"|more\s+\w+|less\s+\w+)\b", re.I)
_WITH = re.compile(r"\bwith\s+(?:a|an|some|the)?\s*\w+", re.I)
_SOMETHING = re.compile(r"\s*(?:something|anything)\b", re.I)
#: A reference to what is on screen: "a physical one", "the cheaper ones".
_ONE = re.compile(r"\bones?\s*$", re.I)
#: Where what is asked turns to what is not: "a real bed not the doll one".
_BUT_NOT = re.compile(r"\s(?:but\s+)?(?:not|rather\s+than|instead\s+of)\s", re.I)
#: The clauses of a message.
_CLAUSES = re.compile(r"[,;.!?]+\s*|\s+[-–]\s+")


def tells(clause: str) -> bool:
    """Whether a clause is someone's story: "the school doesn't allow it", "she has one"."""
    return bool(_TOLD.match(clause))


def _asks_product(clause: str) -> bool:
    """Whether a clause asks for a product of its own kind ("I need about 50 tubes"), not for more
    of what is on screen ("I want a physical one", "I want something sturdier")."""
    asked = [_BUT_NOT.split(m.group("rest"))[0] for m in _ASKS.finditer(clause)]
    # (other cards asked for, more so or with something: "i want a bigger one", "i need it to be
    # louder", "i need something with a case" ask, they do not tell)
    # ("I want something sturdier" after a toy one broke still tells: the same kind, better made)
    return any((product_kind(said) and not _ONE.search(said)) or _WITH.search(said)
               or (_MORE_SO.search(said) and not _SOMETHING.match(said)) for said in asked)  # fmt: skip


def only_tells(text: str, not_wanted: Sequence[str]) -> bool:
    """Whether the message only tells, asking for no product of its own: its first clause is
    someone's story ("she has one at school", "I'd rather not spend much", "my budget just went
    up"), none asks for a product, and any other clause names no kind but what is not wanted ("so
    no romance lol"). A doing or a want told ("he plays bass", "she'd like to learn piano") asks
    for its own products (see `assistant.stories`)."""
    clauses = [c for c in _CLAUSES.split(text) if re.search(r"\w", c)]
    if not clauses or not (_TOLD.match(clauses[0]) or _WOULD_NOT.search(clauses[0])) or doings(text):
        return False  # ("glass is a no, they're 10 years old": told as what they would not take)
    if (want := told_want(text)) and product_kind(want) and not _ONE.search(want):
        return False
    unwanted = {w.lower() for w in (*not_wanted, *told_unwanted(text))}
    for clause in clauses:
        if _asks_product(clause):
            return False
        kind = product_kind(clause)
        if not _TOLD.match(clause) and kind and kind.lower() not in unwanted:
            return False
    return True


#: Something the person would not take to, told as a story: "he'd never sit still for a puzzle",
#: "she'd never use the kitchen one", "he's got no patience for monopoly", "glass is a no", "she
#: finds the really abstract ones frustrating".
_WOULD_NOT = re.compile(
    r"\bnever\s+(?:\w+\s+){0,3}?(?:for|with|use|touch|wear|read|play)\s+(?:a|an|the|any)\s+"
    r"(?P<a>[a-z][\w-]+)(?:\s+(?:one|ones|kind))?"
    r"|\bno\s+(?:patience|time|interest|room|space)\s+for\s+(?:a\s+|an\s+|the\s+)?(?P<b>[a-z][\w-]+)"
    r"|\b(?P<c>[a-z][\w-]+(?:\s+(?:or|and)\s+[a-z][\w-]+)?)\s+(?:is|are)\s+a\s+(?:no|no-go|no\s+go|dealbreaker)\b"
    r"|\bfinds?\s+(?:the\s+)?(?:really\s+|very\s+|so\s+)?(?P<d>[a-z][\w-]+)\s+(?:ones?\s+)?"
    r"(?:frustrating|boring|annoying|confusing|too\s+\w+)",
    re.I,
)


def told_unwanted(text: str) -> tuple[str, ...]:
    """The things a story says the person would not take to (see `_WOULD_NOT`)."""
    said = [next(g for g in m.groups() if g).lower() for m in _WOULD_NOT.finditer(text)]
    found = [w for thing in said for w in re.split(r"\s+(?:or|and)\s+", thing)]
    return tuple(dict.fromkeys(w for w in found if w not in ("one", "ones", "thing", "things")))


#: Someone's story opening a follow-up in the shop's other languages: "ya tiene muchas muñecas",
#: "elle lit en anglais", "ela já tem um de brinquedo", "sie hat eins in der Musikschule",
#: "他只是想看看月亮" (each had been searched with its translated words: "lit english", "moon").
_TOLD_ELSEWHERE = re.compile(
    r"^\W*(?:(?:pues|bueno|bon|alors|en\s+fait|also|naja|allora|beh|bom|então|ok)\W+)*(?:"
    r"(?:él|ella|ellos|ellas|yo|ya\s+tiene|tiene|tengo|vive|vivimos|vivo|es\s+para|(?:no\s+)?le\s+(?:gusta|gustan|encanta|encantan)|"
    # ("no le gustan los digitales, prefiere uno de cuerda" had said "No parece que tengamos no le
    # gustan los digitales")
    r"prefiere|no\s+quiere|odia|(?:non\s+)?(?:le|gli)\s+piac(?:e|ciono)|preferisce|não\s+gosta|prefere)\b"
    r"|(?:il|elle|ils|elles|je|c'est\s+pour)\b|j'"
    r"|(?:er|sie|es|ich|wir)\s+(?!(?:suche|suchen|brauche|brauchen|möchte|möchten|will|hätte)\b)"
    r"|(?:lui|lei|io|noi|abitiamo|abbiamo|è\s+per|ha\s+già|hanno\s+già)\b|(?:il|elle)\s+a\s+déjà\b|hat\s+schon\b"
    r"|(?:ele|ela|eu|nós|já\s+tem|é\s+para|moramos|moro)\b"
    # what they lack: "não tenho interface de áudio", "no tengo amplificador", "je n'ai pas de"
    r"|(?:não|nao)\s+(?:tenho|temos|tem)\b|no\s+(?:tengo|tenemos|tiene)\b|je\s+n'ai\s+pas\b"
    r"|non\s+(?:ho|abbiamo|ha)\b|ich\s+habe\s+kein"
    r"|(?:他|她|我们|我|它)(?!想要|要|需要|想买|在找))",
    re.I,
)


def tells_in_any(text: str) -> bool:
    """Whether a clause opens as someone's story, in English or the shop's other languages."""
    return tells(text) or bool(_TOLD_ELSEWHERE.match(text))


def tells_elsewhere(text: str, english: str) -> bool:
    """Whether a follow-up in another language only tells (see `only_tells`): it opens with
    someone's story in its own words, and its English reading (`english`) asks for no product of
    its own nor tells a doing."""
    first = _CLAUSES.split(text, maxsplit=1)[0]
    return bool(_TOLD_ELSEWHERE.match(first)) and not _asks_product(english) and not doings(english)


#: A clause saying what is not wanted: "not on a stand", "no nerf stuff".
_DENIED = re.compile(r"^\W*(?:(?:and|but|so)\s+)?(?:not|no|nothing|never|without|none)\b", re.I)
#: What the shopper thinks of what is said, no quality of a product: "so headless is fine".
_VERDICTS = frozenset(["fine", "okay", "good", "great", "better", "best", "perfect", "nice", "cool", "matter",
                       "matters", "works", "work", "else"])  # fmt: skip


#: What someone would rather have, of the kind on screen: "she prefers a wind-up one", "he'd
#: rather have the wooden ones", "likes the bigger kind".
_RATHER = re.compile(
    r"\b(?:prefers?|(?:would|'d)\s+rather(?:\s+have)?|(?:likes?|loves?)\s+(?=(?:a|an|the)\s))\s*"
    r"(?:a|an|the|some)?\s*(?P<what>(?:[a-z][\w-]*\s+){1,2}?)(?:ones?|kind)\b",
    re.I,
)


#: What it must be, said in the story: "everything has to be aesthetic", "it needs to be
#: waterproof".
_MUST_BE = re.compile(
    r"\b(?:has|have|needs?|got)\s+to\s+be\s+(?:(?:really|super|very|kinda|pretty)\s+)?(?P<what>[a-z][\w-]+)\b", re.I
)


def told_wants(text: str) -> tuple[str, ...]:
    """What a follow-up that only tells says it would like, outside its story and what it does not
    want: "cooperative" of "we're not competitive, ideally cooperative" (the list had "already
    fit"). Words only: whether the catalog says them is the caller's to check."""
    from assistant.kinds import not_product_word
    from assistant.unwanted import NOT_THIS

    wanted: list[str] = []
    for clause in _CLAUSES.split(text):
        if (rather := _RATHER.search(clause) or _MUST_BE.search(clause)) and not _DENIED.match(clause):
            # what the person would rather have, said of their story: "she prefers a wind-up
            # one" after metronomes (the list had "already fit"; with "she doesn't like digital
            # ones" before it, "prefers wind-up" was searched: wind-up toys)
            clause = rather.group("what")
        elif (not clause.strip() or _TOLD.match(clause) or _WOULD_NOT.search(clause) or NOT_THIS.search(clause)
                or _DENIED.match(clause)):  # fmt: skip
            continue
        wanted += [w for w in re.findall(r"[a-z][a-z-]{3,}", clause.lower())
                   if not not_product_word(w) and w not in _VERDICTS]  # fmt: skip
    return tuple(dict.fromkeys(wanted))
