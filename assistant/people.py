"""Who a request is for, read from the words (pure): the relations and roles a shopper names
("my niece", "a toddler", "for adults"), gift and occasion words, and ages ("my 10 year old",
"ages 3-5", "18 months"), as years."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.ratings import strip_matches
from retrieval.multilingual import unaccented

#: Words that name who the product is for; removed from the search text (titles rarely carry
#: them), except the ones titles do use for the product itself ("kids", "toddler", "adults").
RECIPIENTS = ("niece", "nephew", "son", "daughter", "grandson", "granddaughter", "grandchild",
              "grandchildren", "grandkid", "grandkids", "boy", "girl", "boys", "girls", "kid", "child",
              "toddler", "baby", "infant", "newborn", "preschooler", "teen", "teenager", "tween",
              "mom", "mother", "dad", "father", "wife", "husband", "boyfriend", "girlfriend", "friend",
              "brother", "sister", "coworker", "colleague", "teacher", "boss", "grandma", "grandpa",
              "grandmother", "grandfather", "partner", "student", "students", "classroom", "class",
              "myself", "adult", "adults", "children", "kids", "toddlers", "babies", "teens",
              "teenagers", "beginner", "beginners", "godson", "goddaughter", "cousin", "uncle", "aunt",
              "gf", "bf", "hubby", "wifey", "bff", "bestie", "sis", "bro", "mum", "nana", "papa",
              "granny", "grandad", "granddad", "stepson", "stepdaughter", "fiance", "fiancee",
              "roommate", "neighbor", "neighbour", "manager", "grandparents", "parents", "buddy",
              "pal", "bestfriend", "landlord", "landlady", "babysitter", "nanny", "mailman",
              "caregiver", "coworkers", "colleagues", "inlaws", "in-laws")  # fmt: skip
#: Whom a plural may name ("my twins are 6", "her boys are 5 and 7").
_PEOPLE_SAID = frozenset([*RECIPIENTS, *(f"{r}s" for r in RECIPIENTS), "twins", "triplets"])
PRODUCT_RECIPIENTS = {"kid", "kids", "child", "children", "toddler", "toddlers", "baby", "babies",
                       "adult", "adults", "teen", "teens", "beginner", "beginners", "students", "student",
                       "boys", "girls"}  # fmt: skip
#: Whom a maker is named by too ("Boss" pedals): someone only after a possessive.
BRAND_RECIPIENTS = frozenset(["boss", "brother"])
_POSSESSIVE = frozenset(["my", "our", "his", "her", "their", "your"])
#: Words that make a maker's name someone ("my brother", "for my little brother"; not "brother or
#: dymo", two label makers, which had answered "for your brother").
BRAND_WHOSE = _POSSESSIVE | frozenset(["for", "little", "big", "older", "younger", "baby"])
#: Age ranges (years) the recipient words imply, for the age-fit ranking feature.
WORD_AGES: dict[str, tuple[float, float]] = {
    "newborn": (0, 1), "infant": (0, 1), "baby": (0, 2), "babies": (0, 2), "toddler": (1, 3),
    "toddlers": (1, 3), "preschooler": (3, 5), "tween": (9, 12), "teen": (13, 17), "teens": (13, 17),
    "teenager": (13, 17), "teenagers": (13, 17), "adult": (18, 99), "adults": (18, 99),
    "kid": (3, 12), "kids": (3, 12), "child": (3, 12), "children": (3, 12), "boy": (3, 12),
    "girl": (3, 12), "niece": (3, 14), "nephew": (3, 14), "grandkid": (2, 14), "grandkids": (2, 14),
}  # fmt: skip
#: Who is grown up by what they are to the shopper: "a gift for grandpa who likes fishing" is for
#: an adult (the store's fishing toys are for children). Read after every explicit age word, so
#: "grandpa shopping for his grandkids" stays a child's request.
_ADULT_RELATIONS = frozenset(["mom", "mum", "mother", "dad", "father", "wife", "husband", "boyfriend",
                              "girlfriend", "grandma", "grandpa", "grandmother", "grandfather", "granny",
                              "grandad", "granddad", "uncle", "aunt", "coworker", "colleague", "boss",
                              "gf", "bf", "hubby", "wifey", "nana", "papa", "fiance", "fiancee",
                              "roommate", "manager", "grandparents", "parents",
                              # whom one works or lives beside: "end of year teacher gift ideas?"
                              # had shown toys for 1-year-olds
                              "teacher", "neighbor", "neighbour"])  # fmt: skip
#: What someone says or asks, after them: "the teacher said", "my wife thinks".
_SPEAKS = frozenset(["said", "says", "told", "tells", "recommended", "recommends", "suggested",
                     "suggests", "thinks", "insists", "mentioned"])  # fmt: skip
#: Whom one is a parent or grandparent of: of any age, and named before anyone else, whom it is for.
_CHILD_RELATIONS = frozenset(["son", "daughter", "grandson", "granddaughter", "stepson",
                              "stepdaughter", "godson", "goddaughter"])  # fmt: skip
#: Whom a gift is for, said in the shop's other languages after "my" or "for", in English: "para
#: mi abuela que adora la jardinería" had asked "¿Para quién es?" and shown toys for children.
FOREIGN_RECIPIENTS = {
    "abuela": "grandma", "abuelita": "grandma", "abuelo": "grandpa", "mama": "mom", "madre": "mom",
    "papa": "dad", "padre": "dad", "esposa": "wife", "esposo": "husband", "novia": "girlfriend",
    "novio": "boyfriend", "hermana": "sister", "hermano": "brother", "tia": "aunt", "tio": "uncle",
    "hija": "daughter", "hijo": "son", "sobrina": "niece", "sobrino": "nephew", "nieta": "granddaughter",
    "nieto": "grandson", "grand-mere": "grandma", "mamie": "grandma", "grand-pere": "grandpa",
    "papi": "grandpa", "mere": "mom", "pere": "dad", "femme": "wife", "mari": "husband",
    "soeur": "sister", "frere": "brother", "fille": "daughter", "fils": "son", "niece": "niece",
    "neveu": "nephew", "oma": "grandma", "opa": "grandpa", "mutter": "mom", "vater": "dad",
    "schwester": "sister", "bruder": "brother", "tochter": "daughter", "sohn": "son", "nichte": "niece",
    "neffe": "nephew", "nonna": "grandma", "nonno": "grandpa", "mamma": "mom", "moglie": "wife",
    "marito": "husband", "sorella": "sister", "fratello": "brother", "figlia": "daughter",
    "figlio": "son", "avo": "grandma", "vovo": "grandma", "mae": "mom", "pai": "dad",
    "irma": "sister", "irmao": "brother", "filha": "daughter", "filho": "son", "marido": "husband",
    # in-laws and friends ("regalo para mi cuñado que empezó a tocar el bajo" had asked whom it
    # was for)
    "cunado": "brother", "cunada": "sister", "suegro": "dad", "suegra": "mom", "amigo": "friend",
    "amiga": "friend", "jefe": "boss", "jefa": "boss", "beau-frere": "brother",
    "belle-soeur": "sister", "beau-pere": "dad", "belle-mere": "mom", "ami": "friend",
    "amie": "friend", "schwager": "brother", "schwagerin": "sister", "schwiegervater": "dad",
    "schwiegermutter": "mom", "freund": "friend", "freundin": "friend", "cognato": "brother",
    "cognata": "sister", "suocero": "dad", "suocera": "mom", "amico": "friend", "cunhado": "brother",
    "cunhada": "sister", "sogro": "dad", "sogra": "mom",
}  # fmt: skip
#: The words a person is said after in those languages ("mi abuela", "pour ma mère", "für meine Oma").
_FOREIGN_WHOSE = re.compile(
    r"\b(?:mi|mis|ma|mon|mes|mia|mio|mie|miei|minha|meu|meine|meinen|meinem|meiner|mein|la\s+mia|il\s+mio|"
    r"a\s+minha|o\s+meu)\s+(?:querid[oa]\s+|petite?\s+|kleine[nr]?\s+)?([a-zà-ÿ-]+)",
    re.I,
)


def foreign_recipient(text: str) -> str | None:
    """Whom the message names as the one it is for, in another language, said in English (see
    `FOREIGN_RECIPIENTS`); None when it names no one."""
    said = (unaccented(m.group(1).lower()) for m in _FOREIGN_WHOSE.finditer(text))
    return next((FOREIGN_RECIPIENTS[w] for w in said if w in FOREIGN_RECIPIENTS), None)


AGE = [
    (re.compile(r"\b(\d{1,2})\s*(?:-|\s)?\s*(?:years?|yrs?|yr)\s*(?:-|\s)?\s*olds?\b", re.I), 1.0),
    (re.compile(r"\b(\d{1,2})\s*(?:yo|y/o|y\.o\.)\b", re.I), 1.0),
    # children younger than that, said as a group: "is that ok for under 3s?" (had been a $3 budget)
    (re.compile(r"\bunder[- ]?(\d{1,2})s\b", re.I), 1.0),
    (re.compile(r"\b(\d{1,2})\s*(?:-|\s)?\s*months?\s*(?:-|\s)?\s*old\b", re.I), 1 / 12),
    (re.compile(r"\b(?:aged?|ages)\s*(\d{1,2})\b(?!\s*(?:-|to|–)\s*\d)", re.I), 1.0),
    (re.compile(r"\b(?:turning|turns|turned)\s*(\d{1,2})\b(?!\s*(?:[$€£%]|dollars|bucks|degrees))", re.I), 1.0),
    # the birthday said by its count: "toys for my nephew's 1st bday", "her 2nd birthday"
    (re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\s+(?:bday|b-day|birthday|bd)\b", re.I), 1.0),
    # "my nephew, he is 8", "she's 6 and loves horses": a bare number after who it is for (typed
    # "shes almost 3" too: a puzzle "more grown up" had been searched for no age)
    (re.compile(r"\b(?:(?:he|she|they|who|" + "|".join(RECIPIENTS) + r")(?:'s|'re|\s+is|\s+are|\s+turned|\s+will\s+be|\s+is\s+going\s+to\s+be)|hes|shes|whos)\s+(?:only\s+|just\s+|about\s+|both\s+|almost\s+|nearly\s+|like\s+|around\s+|roughly\s+|maybe\s+|probably\s+)?(\d{1,2})\b"
                r"(?!\s*(?:[$€£%/.'\"]|dollars|bucks|euros?|inch|in\b|cm|feet|foot|ft|tall|lbs?\b|pounds?|kg|pieces?|pcs|stars?|months?|mos?\b|weeks?))", re.I), 1.0),
    # the same in months: "my granddaughter is 18 months" (had been read as 18 years old)
    (re.compile(r"\b(?:(?:he|she|they|who|" + "|".join(RECIPIENTS) + r")(?:'s|\s+is|\s+will\s+be)|hes|shes|whos)\s+(?:only\s+|just\s+|about\s+|almost\s+|nearly\s+)?(\d{1,2})\s*(?:months?|mos?)\b", re.I), 1 / 12),
    # (Portuguese and Italian too: "minha sobrinha de 7 anos" had searched "anos", a Ramirez
    # "125 Anos" guitar first)
    (re.compile(r"(?:\b(?:age|años|ans|jahre)|岁|歲)\s*(\d{1,2})|(\d{1,2})\s*(?:(?:años|anos|anni|ans|jahre)\b|岁|歲)", re.I), 1.0),
    # "para mi hija de 12", "un niño de 8": a bare number after whom it is for, in Spanish
    (re.compile(r"\b(?:hij[oa]s?|sobrin[oa]s?|niet[oa]s?|niñ[oa]s?|nene|nena|chic[oa]|ahijad[oa]|herman[oa]|"
                r"primit[oa])\s+de\s+(\d{1,2})\b(?!\s*(?:[$€£%/.,]\d|d[oó]lares|euros?|cm|mm|piezas|pulgadas|meses))",
                re.I), 1.0),
    # an age something was begun at: "my mom just started learning piano at 60" (had searched
    # "piano 60" and asked to check that it fits "your piano 60")
    (re.compile(r"\b(?:started|starting|began|begun|learning|took\s+up|taking\s+up|picked\s+up|retired|retiring)\b"
                r"[^,.;!?]{0,40}?\b(?P<cut>at\s+(\d{2}))\b(?!\s*(?:[$€£%]|dollars|bucks|bpm|watts?|degrees|mph|fps))", re.I), 1.0),
    # said between commas after whom: "gift for my niece, 15, really shy" (had read 3-14)
    (re.compile(r"\b(?:" + "|".join(RECIPIENTS) + r"),\s*(\d{1,2})\s*(?:,|\.|;|$|\s+(?:and|who|she|he|but)\b)", re.I), 1.0),
    # said in brackets after whom: "for my daughter (11, she's left handed)", "my son (7)"
    # (in the shop's other languages too: "für meinen Sohn (16)", "para mi hija (12)")
    (re.compile(r"\b(?:" + "|".join([*RECIPIENTS, *FOREIGN_RECIPIENTS]) + r")\s*\(\s*(\d{1,2})\s*(?:[,;)]|yo\b|y/o\b)", re.I), 1.0),
    # "a younger kid, like 5", "for a boy around 7": a bare number said of the child
    # ("one" only of a child: "the younger one, like 5"; "folding wooden one around 40?" is a price)
    (re.compile(r"\b(?:kids?|child|boy|girl|son|daughter|toddler|(?:younger|youngest|older|oldest|little|middle|big)\s+one)\b,?\s+(?:like|about|around|maybe|say|probably|roughly)\s+(\d{1,2})\b"
                r"(?!\s*(?:[$€£%/.'\"]|dollars|bucks|euros?|inch|in\b|cm|feet|foot|ft|tall|lbs?\b|pounds?|kg|pieces?|pcs|stars?|\w))", re.I), 1.0),
]  # fmt: skip
#: Two children's ages, read as the range they span: "kids are 5 and 7", "ages 6 and 9", "for a 5
#: and a 7 year old", "kids are 8 to 14".
TWO_AGES = re.compile(
    r"\b(?:(?:kids|children|boys|girls|twins|they|who)(?:'re|\s+are)|ages?d?)\s+(\d{1,2})\s*(?:and|&|to|-|–)\s*(?:an?\s+)?(\d{1,2})\b"
    r"(?!\s*(?:[$€£%]|dollars|bucks|euros?|pieces?|pcs|inch|in\b|cm|mm|ft|feet|months?|mos?\b|weeks?))"
    r"|\b(\d{1,2})\s*(?:and|&)\s*(?:an?\s+)?(\d{1,2})\s*(?:-|\s)?\s*(?:(?:years?|yrs?|yr)\s*(?:-|\s)?\s*olds?\b"
    # said short: "craft stuff for my 4 and 6 yo" (the 6 alone had been read, and "4" searched)
    r"|yos?\b|y/o\b|y\.o\.)",
    re.I,
)
#: Three children's ages or more: "3 boys ages 5, 8 and 12", "kids are 5 8 11" (the youngest to the
#: oldest; the first age alone had been read).
AGE_LIST = re.compile(
    r"\b(?:(?:kids|children|boys|girls|twins|they)(?:'re|\s+are)?|ages?d?)\s+(\d{1,2})"
    r"(?:\s*,\s*|\s+)(?:\d{1,2}(?:\s*,\s*|\s+))*(?:(?:and|&)\s+)?(\d{1,2})\b"
    r"(?!\s*(?:[$€£%]|dollars|bucks|euros?|pieces?|pcs|inch|in\b|cm|mm|ft|feet|months?))",
    re.I,
)
AGE_RANGE = re.compile(
    r"\b(?:aged?|ages|(?:kids|children|boys|girls|students)(?: aged?)?)\s*(\d{1,2})\s*(?:-|to|–)\s*(\d{1,2})\b"
    r"(?!\s*(?:[$€£%]|dollars|bucks|euros?|pieces?|pcs|inch|in\b|cm|mm|ft|feet))"
    # "3到5岁", "3-5歲", "de 3 a 5 años"
    r"|(\d{1,2})\s*(?:到|至|-|~|～|–)\s*(\d{1,2})\s*(?:周岁|岁|歲)"
    r"|\bde\s+(\d{1,2})\s+a\s+(\d{1,2})\s+años\b",
    re.I,
)
GIFT = re.compile(
    r"\b(gift[- ]?wrap(?:ped|ping)?|gifts?|presents?|pressies?|prezzies?|stocking[- ]stuffers?|regalos?|cadeaux?|geschenke?|secret santa|white elephant"
    # "want to get something for my landlord"
    r"|(?:get|buy|give|do)\s+(?:something|a\s+(?:little\s+)?something|anything|one\s+thing)\s+(?:nice\s+|small\s+|special\s+)?for\s+(?:my|our|the|a|an|both|each)"
    r"|surprise (?:him|her|them|my \w+)|(?:get|buy|give) (?:him|her|them))\b|礼物",
    re.I,
)
OCCASION = re.compile(
    r"\b(birthday|b-?day|christmas|xmas|holidays?|anniversary|graduation|graduates|valentine'?s?(?: day)?|mother'?s day|"
    r"father'?s day|easter|hanukkah|baby shower|housewarming|retirement|retiring|retires|promotion|promoted|"
    r"white elephant|secret santa|cumpleaños|navidad)\b",
    re.I,
)  # fmt: skip


#: An age said of a thing the shopper has: "my ukulele strings are like 2 yrs old", "it's 10
#: years old" (a 2-year-old's strings had been recommended).
_THINGS_AGE = re.compile(
    r"(?:\b(it|its|it's)|\b(?:my|the|our|his|her|their|these|those)\s+(?:[a-z]+\s+){0,2}?([a-z]+s))"
    r"\s+(?:are|is|'re|were|was)\s+(?:(?:like|about|around|almost|over|only|"
    r"just|already|prob|probably|maybe)\s+)*\d{1,2}\s*(?:-|\s)?\s*(?:years?|yrs?|yr)\s*(?:-|\s)?\s*old\b",
    re.I,
)


#: An age said of a pet: "a 3 yr old scottie from the shelter", "our dog is 12", "my 8 month
#: old puppy" (a dog book search had been for a toddler).
PETS = ("dog|dogs|doggo|puppy|puppies|pup|pups|cat|cats|kitty|kitten|kittens|scottie|lab|labrador|"
        "retriever|poodle|beagle|terrier|husky|corgi|pug|dachshund|doxie|chihuahua|collie|bulldog|"
        "shepherd|pitbull|pittie|rescue|parrot|budgie|cockatiel|hamster|gerbil|guinea\\s+pig|rabbit|"
        "ferret|hedgehog|gecko|tortoise|horse|pony")
_PETS_AGE = re.compile(
    rf"\b\d{{1,2}}\s*(?:-|\s)?\s*(?:years?|yrs?|yr|months?|mos?|weeks?|wks?)\s*(?:-|\s)?\s*old\s+"
    rf"(?:[a-z]+\s+)?(?:{PETS})\b"
    rf"|\b(?:my|our|his|her|their|the)\s+(?:[a-z]+\s+)?(?:{PETS})\s+(?:is|'s|turns?|turned)\s+"
    rf"(?:(?:like|about|almost|only|just|already)\s+)*\d{{1,2}}\b(?:\s*(?:years?|yrs?|yr|months?|mos?)(?:\s+old)?)?",
    re.I,
)


_NTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
        "eighth": 8, "ninth": 9, "tenth": 10}  # fmt: skip
_NTH_BIRTHDAY = re.compile(rf"\b({'|'.join(_NTH)})\s+(?:bday|b-day|birthday)\b", re.I)


#: What someone told of does or is, said right after them: "his parents are my friends".
_TOLD_OF = frozenset(["are", "is", "will", "would", "were", "was", "said", "says", "say", "think",
                      "thinks", "might", "can", "could", "dont", "don't", "do", "does", "hate",
                      "hates", "keep", "keeps", "already", "won't", "wont", "ll"])  # fmt: skip


def told_of(words: Sequence[str], at: int) -> bool:
    """Whether the word at `at` is someone else's, told of, not whom it is for: "his parents are
    my friends", "her mom will kill me" (a refine had been "for parents", of grown-ups)."""
    return 0 < at < len(words) - 1 and words[at - 1] in ("his", "her", "their") and words[at + 1] in _TOLD_OF


def read_age(text: str) -> tuple[float, float] | None:
    """The age (years) of who it is for: a number with "year old" and kin, a range, two ages
    ("kids are 5 and 7": 5-7), or a word; not the age of a thing ("the strings are 2 yrs old")
    or of a pet ("a 3 yr old scottie")."""
    text = _THINGS_AGE.sub(
        lambda m: m.group(0) if (m.group(2) or "").lower() in _PEOPLE_SAID else " ", text
    )
    text = _PETS_AGE.sub(" ", text)
    m = AGE_RANGE.search(text) or AGE_LIST.search(text) or TWO_AGES.search(text)
    if m:
        lo, hi = sorted(int(g) for g in m.groups() if g)
        return float(lo), float(hi)
    if grader := GRADER.search(text):  # "my 3rd grader": 8-9 years old
        grade = int(grader.group(1))
        return float(grade + 5), float(grade + 6)
    for rx, unit in AGE:
        m = rx.search(text)
        if m:
            value = int(next(g for g in m.groups() if g and g.isdigit())) * unit
            if 0 <= value <= 99:
                return round(value, 2), round(value, 2)
    if nth := _NTH_BIRTHDAY.search(text):  # "a gift for her first birthday": 1
        age = float(_NTH[nth.group(1).lower()])
        return age, age
    words = re.findall(r"[a-z]+", text.lower())
    for w in words:
        if w in WORD_AGES:
            return WORD_AGES[w]
    # (one who speaks is no one it is for: "the teacher said 3/4 size" had made a grown-up's
    # violin, and its question "does that one come with a bow" asked of the age)
    adults = {w for at, w in enumerate(words)
              if w in _ADULT_RELATIONS and (at + 1 == len(words) or words[at + 1] not in _SPEAKS)
              and not told_of(words, at)}  # fmt: skip
    children = [at for at, w in enumerate(words) if w in _CHILD_RELATIONS]
    if children and adults and children[0] < min(words.index(w) for w in adults):
        return None  # "a ukulele for my son, my wife says no drums": the son's, of no age said
    if adults - BRAND_RECIPIENTS or any(
        at and words[at - 1] in BRAND_WHOSE for at, w in enumerate(words) if w in adults
    ):  # ("boss katana amp" is no grown-up's)
        return WORD_AGES["adult"]
    return None


def strip_ages(text: str) -> str:
    """The message without the ages said in it ("para mi hija de 12": no 12 to translate)."""
    return strip_matches(text, [AGE_RANGE, AGE_LIST, TWO_AGES, GRADER, *(rx for rx, _ in AGE)])


#: A child said by their school grade, of an age: "my 3rd grader", "a 5th-grade boy" (8-9, 10-11).
GRADER = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)[- ]?grade(?:rs?\b|\s+(?:boy|girl|kid|child|student)s?\b)", re.I
)
#: A school grade said of a teacher or a class: who, never what ("my sons 3rd grade teacher" had
#: searched "3rd grade": Lupin the 3rd and a 3rd Hand support).
GRADE_OF = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)[- ]?grade(?=\s+(?:science\s+|math\s+|art\s+|music\s+)?"
    r"(?:teachers?|class(?:es|room)?))",
    re.I,
)


def age_span(low: float | None, high: float | None) -> tuple[float, float] | None:
    """An age range from its two stored ends (None unless both are known)."""
    return (low, high) if low is not None and high is not None else None
