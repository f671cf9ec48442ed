"""What a shopper says about the need beyond price, read deterministically from the words (pure):
ratings ("4.5 stars and up" is a hard bound; "well reviewed" a soft preference), a minimum number
of reviews, who it is for and their age ("my 10 year old niece", "a toddler", "for adults"),
sizes and quantities ("1000 pieces", "1/2 size", "pack of 100"), gift and occasion words, and
the message's product words: what is left once recipient, age, occasion, rating, price and
filler words are taken out ("a gift for my 10 year old niece who loves science" -> "science").

Hard rating bounds need a number and a star/rating word next to it: "at least 4 stars",
"4.5 stars and up", "rated 4+", "4+ stars", "rating above 4", "4 stars or more". Without a
number, "well reviewed", "highly rated", "good reviews" only prefer better-rated products."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace

from assistant.cues import ATTRIBUTE, COMPARE
from assistant.glossary import digit_ages
from assistant.prices import strip_price_phrases
from assistant.unwanted import DONE_WITH, NOT_THIS
from retrieval import units

_NUM = r"(\d(?:\.\d)?)"
_STAR = r"(?:stars?|/\s?5|out of 5|\u2605)"
_RATING_BOUNDS = [
    re.compile(rf"\b(?:at least|minimum(?: of)?|min\.?|over|above|more than|no less than|>=?)\s*{_NUM}\s*\+?\s*{_STAR}", re.I),
    re.compile(rf"\b{_NUM}\s*\+?\s*{_STAR}\s*(?:and|or)\s*(?:up|above|over|more|higher|better)\b", re.I),
    re.compile(rf"\b{_NUM}\s*\+\s*(?:{_STAR}|ratings?|rated)", re.I),
    # "don't show me anything under 4 stars": a floor said as what to leave out
    re.compile(rf"\b(?:nothing|anything|none|not|no)\s+(?:\w+\s+){{0,2}}?(?:under|below|less than|lower than)\s*{_NUM}\s*{_STAR}", re.I),
    # Spanish and Chinese floors: "al menos 4 estrellas", "4 estrellas o más", "评分4.5以上", "4星以上"
    re.compile(rf"(?:\bal menos|\bm[ií]nimo(?: de)?|\bm[aá]s de)\s*{_NUM}\s*estrellas", re.I),
    re.compile(rf"\b{_NUM}\s*estrellas\s*(?:o m[aá]s|para arriba|como m[ií]nimo|en adelante)", re.I),
    re.compile(rf"(?:评分|评价|星级|好评率?)\s*(?:在)?\s*{_NUM}\s*(?:星|分)?\s*(?:以上|及以上|或以上)?"),
    re.compile(rf"{_NUM}\s*(?:颗星|星|分)\s*(?:以上|及以上|或以上)"),
    # "guitar stand w/ 5 star rating": a rating said as a number of stars
    re.compile(rf"\b{_NUM}[- ]?stars?\s+(?:rating|rated|reviews?)\b", re.I),
    re.compile(rf"\b{_NUM}\s*{_STAR}\s*(?:minimum|min\b|at least|\+)", re.I),
    re.compile(rf"\brated\s*(?:at least\s*|over\s*|above\s*)?{_NUM}\s*(?:\+|{_STAR}?\s*(?:and|or)\s*(?:up|above|over|more|higher|better)|{_STAR}\s*(?:\+)?)", re.I),
    re.compile(rf"\brated\s*(?:at least|over|above)\s*{_NUM}", re.I),
    re.compile(rf"\b(?:rating|reviews?|stars?)\s*(?:of\s*)?(?:at least|above|over|>=?|of|min(?:imum)?)\s*{_NUM}(?!\d)", re.I),
    # "something people rate highly (4.5+)": a rating word, then a number with a plus
    re.compile(rf"\b(?:rate[sd]?|rating|reviewed)\s+(?:\w+\s+){{0,2}}\(?\s*{_NUM}\s*\+", re.I),
]  # fmt: skip
#: Soft: a low price preferred, with no number ("cheap headphones", "nothing too pricey").
SOFT_CHEAP = re.compile(
    r"\b(?:cheap|inexpensive|affordable|budget[- ]friendly|low[- ]cost|low[- ]priced"
    r"|not (?:too |very |that |super )?(?:expensive|pricey|costly)|nothing (?:too |very )?(?:expensive|pricey|fancy)"
    r"|won'?t break the bank|on a (?:tight )?budget|barat(?:it)?[oa]s?|económic[oa]s?|econ[oó]mic[oa]s?"
    # "under 30 but honestly cheaper is better", "the cheaper the better"
    r"|cheaper (?:is|=) better|the cheaper the better|less is (?:more|better)|on the cheaper side"
    r"|(?:que )?no (?:sean?|muy|tan|demasiado) car[oa]s?)\b|便宜|实惠|不(?:要|用)?太贵",
    re.I,
)
#: "nothing cheap", "I don't want a cheap one", "no quiero algo barato", "不要太便宜的".
_NOT_CHEAP = re.compile(
    r"\b(?:not|no|nothing|never|don'?t want|do not want|anything but)\s+(?:\w+\s+){0,2}?"
    r"(?:cheap|inexpensive|barat[oa]s?)\b|不要.{0,3}便宜|太便宜",
    re.I,
)
_SOFT_RATING = re.compile(
    r"\b(?:well|highly|good|great|top|nicely|positively)[- ](?:reviewed|rated)\b|\b(?:good|great|positive|excellent|strong)\s+(?:reviews?|ratings?)\b"
    r"|\bwith (?:good|great) reviews\b|\bpopular\b|\bbest[- ]sellers?\b"
    r"|\b(?:buen[oa]s|excelentes) (?:reseñas|opiniones|valoraciones|calificaciones)\b"
    r"|\b(?:bien|mejor) valorad[oa]s?\b|好评|口碑好|评价好|评分高"
    r"|\b(?:best|top|highest)[- ]rated\b|\bpeople (?:actually |really )?like\b"
    r"|\b(?:best|most|top) (?:reviews|reviewed|ratings)\b",
    re.I,
)  # fmt: skip
_RATING_COUNT = [
    re.compile(r"\b(?:at least|over|more than|minimum(?: of)?|min\.?)\s*(\d[\d,]*)\s*\+?\s*(?:reviews|ratings)\b", re.I),
    re.compile(r"\b(\d[\d,]*)\s*\+\s*(?:reviews|ratings)\b", re.I),
    re.compile(r"\b(\d[\d,]*)\s*(?:reviews|ratings)\s*(?:or more|and up|minimum|at least|\+)", re.I),
    # "with lots of reviews, like at least 500"
    re.compile(r"\b(?:reviews|ratings)\b[^.\d$€£]{0,25}?\b(?:at least|over|more than|min(?:imum)?)\s*(\d[\d,]*)(?![.\d]|\s*(?:stars?|/))", re.I),
]  # fmt: skip

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
#: Whom an age of two or more cannot be.
_BABIES = frozenset(["baby", "babies", "infant", "newborn"])
#: Whom a plural may name ("my twins are 6", "her boys are 5 and 7").
_PEOPLE_SAID = frozenset([*RECIPIENTS, *(f"{r}s" for r in RECIPIENTS), "twins", "triplets"])
_PRODUCT_RECIPIENTS = {"kid", "kids", "child", "children", "toddler", "toddlers", "baby", "babies",
                       "adult", "adults", "teen", "teens", "beginner", "beginners", "students", "student",
                       "boys", "girls"}  # fmt: skip
#: Whom a maker is named by too ("Boss" pedals): someone only after a possessive.
BRAND_RECIPIENTS = frozenset(["boss", "brother"])
_POSSESSIVE = frozenset(["my", "our", "his", "her", "their", "your"])
#: Words that make a maker's name someone ("my brother", "for my little brother"; not "brother or
#: dymo", two label makers, which had answered "for your brother").
_BRAND_WHOSE = _POSSESSIVE | frozenset(["for", "little", "big", "older", "younger", "baby"])
#: Words that make the next one someone's: "my baby", "for a toddler".
_WHOSE = frozenset(["my", "our", "his", "her", "their", "your", "a", "an", "the", "for", "new"])
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
_AGE = [
    (re.compile(r"\b(\d{1,2})\s*(?:-|\s)?\s*(?:years?|yrs?|yr)\s*(?:-|\s)?\s*olds?\b", re.I), 1.0),
    (re.compile(r"\b(\d{1,2})\s*(?:yo|y/o|y\.o\.)\b", re.I), 1.0),
    (re.compile(r"\b(\d{1,2})\s*(?:-|\s)?\s*months?\s*(?:-|\s)?\s*old\b", re.I), 1 / 12),
    (re.compile(r"\b(?:aged?|ages)\s*(\d{1,2})\b(?!\s*(?:-|to|–)\s*\d)", re.I), 1.0),
    (re.compile(r"\b(?:turning|turns|turned)\s*(\d{1,2})\b(?!\s*(?:[$€£%]|dollars|bucks|degrees))", re.I), 1.0),
    # "my nephew, he is 8", "she's 6 and loves horses": a bare number after who it is for
    (re.compile(r"\b(?:he|she|they|who|" + "|".join(RECIPIENTS) + r")(?:'s|'re|\s+is|\s+are|\s+turned|\s+will\s+be|\s+is\s+going\s+to\s+be)\s+(?:only\s+|just\s+|about\s+|both\s+)?(\d{1,2})\b"
                r"(?!\s*(?:[$€£%/.'\"]|dollars|bucks|euros?|inch|in\b|cm|feet|foot|ft|tall|lbs?\b|pounds?|kg|pieces?|pcs|stars?))", re.I), 1.0),
    (re.compile(r"(?:\bage|años|ans|jahre|岁|歲)\s*(\d{1,2})|(\d{1,2})\s*(?:años|ans|jahre|岁|歲)", re.I), 1.0),
    # "para mi hija de 12", "un niño de 8": a bare number after whom it is for, in Spanish
    (re.compile(r"\b(?:hij[oa]s?|sobrin[oa]s?|niet[oa]s?|niñ[oa]s?|nene|nena|chic[oa]|ahijad[oa]|herman[oa]|"
                r"primit[oa])\s+de\s+(\d{1,2})\b(?!\s*(?:[$€£%/.,]\d|d[oó]lares|euros?|cm|mm|piezas|pulgadas|meses))",
                re.I), 1.0),
    # "a younger kid, like 5", "for a boy around 7": a bare number said of the child
    (re.compile(r"\b(?:kids?|child|boy|girl|son|daughter|toddler|one)\b,?\s+(?:like|about|around|maybe|say|probably|roughly)\s+(\d{1,2})\b"
                r"(?!\s*(?:[$€£%/.'\"]|dollars|bucks|euros?|inch|in\b|cm|feet|foot|ft|tall|lbs?\b|pounds?|kg|pieces?|pcs|stars?|\w))", re.I), 1.0),
]  # fmt: skip
#: Two children's ages, read as the range they span: "kids are 5 and 7", "ages 6 and 9", "for a 5
#: and a 7 year old", "kids are 8 to 14".
_TWO_AGES = re.compile(
    r"\b(?:(?:kids|children|boys|girls|twins|they|who)(?:'re|\s+are)|ages?d?)\s+(\d{1,2})\s*(?:and|&|to|-|–)\s*(?:an?\s+)?(\d{1,2})\b"
    r"(?!\s*(?:[$€£%]|dollars|bucks|euros?|pieces?|pcs|inch|in\b|cm|mm|ft|feet|months?|mos?\b|weeks?))"
    r"|\b(\d{1,2})\s*(?:and|&)\s*(?:an?\s+)?(\d{1,2})\s*(?:-|\s)?\s*(?:years?|yrs?|yr)\s*(?:-|\s)?\s*olds?\b",
    re.I,
)
#: Three children's ages or more: "3 boys ages 5, 8 and 12", "kids are 5 8 11" (the youngest to the
#: oldest; the first age alone had been read).
_AGE_LIST = re.compile(
    r"\b(?:(?:kids|children|boys|girls|twins|they)(?:'re|\s+are)?|ages?d?)\s+(\d{1,2})"
    r"(?:\s*,\s*|\s+)(?:\d{1,2}(?:\s*,\s*|\s+))*(?:(?:and|&)\s+)?(\d{1,2})\b"
    r"(?!\s*(?:[$€£%]|dollars|bucks|euros?|pieces?|pcs|inch|in\b|cm|mm|ft|feet|months?))",
    re.I,
)
_AGE_RANGE = re.compile(
    r"\b(?:aged?|ages|(?:kids|children|boys|girls|students)(?: aged?)?)\s*(\d{1,2})\s*(?:-|to|–)\s*(\d{1,2})\b"
    r"(?!\s*(?:[$€£%]|dollars|bucks|euros?|pieces?|pcs|inch|in\b|cm|mm|ft|feet))"
    # "3到5岁", "3-5歲", "de 3 a 5 años"
    r"|(\d{1,2})\s*(?:到|至|-|~|～|–)\s*(\d{1,2})\s*(?:周岁|岁|歲)"
    r"|\bde\s+(\d{1,2})\s+a\s+(\d{1,2})\s+años\b",
    re.I,
)

#: Sizes worn things are sold in, as words.
WORN_SIZE = r"x-?small|small|medium|large|x-?large|xx?l|xs"
_SIZES = [
    re.compile(rf"\b\d[\d,]*\s*-?\s*(?:{units.alternation(names=('piece', 'pack'))})", re.I),
    re.compile(r"\b(?:pack|set|box|bag|case) of \d[\d,]*\b", re.I),
    # two sides: "bubble mailers 6x10", "6 x 9ish" (not a drive: "a 4x4 rc truck")
    re.compile(r"\b\d{1,3}(?:\.\d+)?\s*[x×]\s*\d{1,3}(?:\.\d+)?(?=ish\b|\s*(?:in\b|inch|\"|cm|mm)|\b)(?!\s*(?:\w+\s+)?(?:rc|truck|trucks|drive|wd|car|cars|suv|jeep|crawler|off)\b)", re.I),
    re.compile(r"\b(?:\d/\d|full|half|three[- ]quarters?|one[- ]half)\s*-?\s*size\b", re.I),
    re.compile(r"\b[1-4]/(?:2|4|8|10|16)(?=\s+(?:scale\s+)?(?:violins?|violas?|cellos?|guitars?|bass|classical|acoustic|nylon|fiddles?)\b)", re.I),
    re.compile(r"\bsize\s+(?:x{0,3}[sml]|xx?l|small|medium|large|x-?large|\d+(?:\.\d)?(?:/\d+)?)\b", re.I),
    re.compile(r"\b(?:small|medium|large|x-?large|xx?l)\s+size\b", re.I),
    re.compile(r"\btalla\s+(?:x{0,3}[sml]|xx?l|\d+)\b", re.I),  # Spanish "talla M"
    # a size asked in: "do you have them in large too?"
    # (the size ends what is said: "recording in a small bedroom" had read "size small")
    re.compile(rf"\bin\s+(?:a\s+)?(?:size\s+)?(?:{WORN_SIZE})\b"
               r"(?=\s*(?:$|[,.;:!?)]|(?:too|please|pls|plz|size|sizes|ones?|instead|and|or|for|if|then"
               r"|maybe|also|as\s+well|though|tho|by|from)\b))", re.I),
    # a size alone between commas: "nitrile gloves, large, box of 100"
    re.compile(rf"(?:^|(?<=,))\s*(?:{WORN_SIZE})\s*(?=,|$)", re.I),
    re.compile(r"\d+\s*(?:支|个|片|只|根|张|件|粒|双)装"),  # Chinese "100支装": a pack of 100
    re.compile(r"\bstrength\s+\d(?:\.\d)?\b", re.I),  # a reed's: "alto sax reeds, strength 2.5"
    # a harmonica's or a whistle's: "key of C", "in the key of Bb" (a Key of D had been starred)
    re.compile(r"\bkey\s+of\s+[a-g](?:b|#)?(?:\s+or\s+[a-g](?:b|#)?)?(?![\w#])", re.I),
    # a sheet's: "printer paper letter size" (it had asked for letters, and said none carried)
    re.compile(r"\b(?:letter|legal|tabloid|a[3-5])[- ]size\b|\b8\.5\s*(?:x|by)\s*11\b", re.I),
    # (no short mark but the inch's: "3M" is a maker, "20 in a pack" a count)
    re.compile(rf"\b\d+(?:\.\d+)?\s*-?\s*(?:{units.alternation('length', 'volume', names=('oz', 'key', 'string'), marks=False)}"
               r"|in\.|\"|”|l\b|ga\b)", re.I),
]  # fmt: skip
#: A game, whose size is how many play it.
_GAME = re.compile(r"\b(?:games?|puzzles?)\b|juegos?\b|游戏|桌游", re.I)
_PLAYERS = re.compile(
    r"\b(\d{1,2}|two|three|four|five|six)\s*-?\s*(?:players?|people|ppl|persons|adults|friends|jugadores|personas)\b"
    r"|([2-6])\s*(?:个人|人)",
    re.I,
)
_COUNT_WORDS = {"two": "2", "three": "3", "four": "4", "five": "5", "six": "6"}
GIFT = re.compile(
    r"\b(gift[- ]?wrap(?:ped|ping)?|gifts?|presents?|pressies?|prezzies?|stocking[- ]stuffers?|regalos?|cadeaux?|geschenke?|secret santa|white elephant"
    # "want to get something for my landlord"
    r"|(?:get|buy|give|do)\s+(?:something|a\s+(?:little\s+)?something|anything)\s+(?:nice\s+|small\s+|special\s+)?for\s+(?:my|our|the|a|an)"
    r"|surprise (?:him|her|them|my \w+)|(?:get|buy|give) (?:him|her|them))\b|礼物",
    re.I,
)
OCCASION = re.compile(
    r"\b(birthday|b-?day|christmas|xmas|holidays?|anniversary|graduation|graduates|valentine'?s?(?: day)?|mother'?s day|"
    r"father'?s day|easter|hanukkah|baby shower|housewarming|retirement|retiring|promotion|promoted|"
    r"white elephant|secret santa|cumpleaños|navidad)\b",
    re.I,
)  # fmt: skip
#: What is said of the person, no product: how well the shopper knows them ("ive met him like
#: twice": a book titled "Twice" had been starred), whether it helps, where they do it.
_SAID_OF_THEM = re.compile(
    r"\b(?:i've|i have|we've|we have|i|we)\s+(?:only\s+|just\s+|barely\s+)?(?:met|known|seen)\s+"
    r"(?:him|her|them)\b(?:\s+(?:like|only|just|maybe))?(?:\s+(?:once|twice|a\s+(?:few|couple)(?:\s+of)?\s+times"
    r"|\w+\s+times))?|\bif\s+(?:that|it|this)\s+(?:helps|matters)\b"
    r"|\bin\s+(?:his|her|their|my|our)\s+(?:garage|basement|shed|spare\s+time|free\s+time|backyard|yard)\b",
    re.I,
)
#: A thank-you said as the reason for a gift: "end of year thank you from the class".
_GIVING = re.compile(
    r"\b(?:end of (?:the )?(?:school )?year|thank[- ]you (?:gift|present|card\b|from\b[^,.;!?]*)"
    # "its just a thank you for covering my shifts", "we're splitting it 4 ways", "10 years
    # married this month" (each had been searched: shift covers, split shafts, "Married To Murder")
    r"|\bthank[- ]you\s+for\s+[^,.;!?]*|\b(?:we'?re|were|we\s+are|we'?ll\s+be)\s+(?:splitting|chipping\s+in|pitching\s+in)"
    r"(?:\s+(?:it|on\s+it))?(?:\s+(?:\d+|two|three|four|five|six)\s+ways)?"
    r"|\b\d+\s+(?:years?|yrs?)\s+(?:married|together)\b|\bmarried\s+(?:for\s+)?\d+\s+(?:years?|yrs?)"
    # a farewell: "a gift for my coworker whos leaving the company" (had searched "leaving company")
    r"|\bwho(?:'?s|\s+is)\s+(?:leaving|retiring|moving(?:\s+away)?|graduating|relocating)"
    r"(?:\s+(?:the|our|my|his|her)\s+(?:company|job|team|school|office|firm|lab|department))?"
    r"|teacher appreciation(?: week| day)?"
    # a kindness thanked for: "he fixed our heater at 11pm on a sunday", "she covered my shifts"
    r"|\b(?:he|she|they)\s+(?:(?:just|always|even|kindly)\s+)?(?:fixed|helped|covered|drove|watched|saved|"
    r"fed|walked|shoveled|shovelled|lent|loaned|babysat|picked\s+up|took\s+care)\b[^,.;!?]*)",
    re.I,
)
#: An occasion said as when the product is for: "for fathers day", "on her birthday".
_FOR_OCCASION = re.compile(
    rf"\b(?:for|on)\s+(?:the\s+|his\s+|her\s+|their\s+|our\s+|my\s+|\w+'?s\s+)?(?:{OCCASION.pattern})",
    re.I,
)
#: Someone's occasion: "for my dad's birthday".
_OCCASION_OF = re.compile(
    rf"\b(?:(?:{'|'.join(RECIPIENTS)})'s|(?:for|on) (?:his|her|their))\s+(?:{OCCASION.pattern})",
    re.I,
)
_INTEREST = re.compile(
    r"\b(?:who|that)\s+(?:(?:really|just|absolutely)\s+)?(?:loves?|likes?|enjoys?|is into|is crazy about|is obsessed with|is a fan of|is interested in|is learning|wants to learn|plays?)\b"
    # (not how it looks: "the ones that look like a plastic toy")
    r"|(?<!look )(?<!looks )(?<!sound )(?<!sounds )(?<!feel )(?<!feels )(?<!seem )(?<!seems )"
    r"\b(?:into|obsessed (?:with|w/?)|fan of|interested in|loves?|likes|enjoys?)(?![\w/])"
    # (a bare "like" is filler unless someone does it: "ive met him like twice" likes no "twice")
    r"|\b(?:i|we|they|you|kids|both|all|really|also|do|does|would|to)\s+like(?![\w/])"
    # what a child wants to be: "a costume for my 4 yr old, he wants to be a firefighter so bad"
    r"|\b(?:wants?|wanna|dreams? of being|pretends?)\s+(?:to\s+)?(?:be|become)\s+(?:a|an|the)\b",
    re.I,
)  # fmt: skip
#: Someone said as the one buying: "grandma wants to get her a toy", "my mom is buying him".
_GIVER = re.compile(
    r"\b([a-z]+)\s+(?:wants?\s+to|would\s+like\s+to|is\s+going\s+to|is)\s+(?:get|buy|give|getting|buying|giving)"
    r"\s+(?:her|him|them|my|our|a|an|something)\b",
    re.I,
)
#: Someone's someone a product is for: "for her son", "for my wife's nephew".
_FOR_SOMEONE = re.compile(
    r"\bfor\s+(my|her|his|their|our|your)\s+(?:[a-z]+'s\s+)?(?:little\s+|baby\s+|big\s+|older\s+|younger\s+)?([a-z]+)\b",
    re.I,
)
#: What someone did once: "used to play" (not a used product).
_USED_TO = re.compile(r"\bused\s+to\b|\bback in the day\b", re.I)
#: Asking a price: "how much is it", "how much do they cost".
_HOW_MUCH = re.compile(
    r"\bhow\s+much\s+(?:is|are|does|do|would|will|'?s)\s*(?:it|they|that|this|one|those|these)?\b(?:\s+cost)?",
    re.I,
)
#: When someone was young, or where they saw it: "used to play as a kid" (read as ages 3-12 for
#: a mom), "got into kendama from watching tiktoks" (searched "tiktoks": not carried).
_BACK_THEN = re.compile(
    r"\b(?:as\s+a\s+(?:kid|child|teen|teenager|girl|boy|youngster)|when\s+(?:she|he|i|we|they)\s+"
    r"(?:was|were)\s+(?:little|young|a\s+kid|a\s+child|small|younger))\b"
    r"|\b(?:from|after|by|since)\s+(?:watching|seeing|reading)\b"
    r"(?:\s+(?!(?:he|she|they|i|we|and|so|but|now)\b)[\w']+){0,5}"
    r"|\b(?:on|from)\s+(?:insta(?:gram)?|tiktoks?|tik\s+tok|youtube|yt|tv|reddit|facebook|fb)\b",
    re.I,
)
#: Players named by what they play: whom a gift is for, not a product ("guitarist" had been read
#: as the kind and told "we don't seem to carry").
PLAYERS = {"guitarist": "guitar", "guitarists": "guitar", "drummer": "drum", "drummers": "drum",
           "pianist": "piano", "pianists": "piano", "violinist": "violin", "bassist": "bass",
           "cellist": "cello", "ukulele player": "ukulele", "keyboardist": "keyboard",
           "saxophonist": "saxophone", "flutist": "flute", "trumpeter": "trumpet"}  # fmt: skip
#: What a child wants to be, as the things it is played or learned with ("my niece wants to be a
#: scientist" had found a Mad Scientist costume and a doll's lab).
ROLES = {"scientist": "science kit", "chemist": "chemistry set", "astronaut": "space toys",
         "artist": "art set", "painter": "paint set", "engineer": "engineering kit",
         "doctor": "doctor kit", "vet": "vet kit", "veterinarian": "vet kit", "chef": "toy kitchen",
         "astronomer": "telescope", "paleontologist": "dinosaur fossil kit",
         "archaeologist": "dig kit", "inventor": "stem kit", "programmer": "coding toy",
         "coder": "coding toy", "magician": "magic kit", "detective": "spy kit",
         "photographer": "kids camera", "musician": "musical instrument", "builder": "building set",
         "biologist": "microscope", "geologist": "rock collection kit"}  # fmt: skip
#: What a child wants to be counts up to this age, or for these recipients; never with words
#: of grown-up life ("graduation gift for a future doctor" is no toy doctor kit).
ROLE_AGE = 12
_CHILDREN = frozenset(["niece", "nephew", "son", "daughter", "kid", "kids", "child", "boy", "girl",
                       "grandson", "granddaughter", "toddler", "grandkid", "grandchild"])  # fmt: skip
_GROWN_UP = re.compile(
    r"\b(?:graduat\w*|college|university|med school|job|career|retire\w*)\b", re.I
)
#: Words said before what someone will be; the first three are said of a child.
_YOUNG = ("budding", "young", "little")
_ASPIRES = re.compile(
    r"\b(?:wants?|dreams?|hopes?|plans?|going)\s+(?:to|of)\s+(?:be|become|being|becoming)\s+(?:a|an)\s+"
    rf"([a-z]+)|\b(future|aspiring|{'|'.join(_YOUNG)})\s+([a-z]+)",
    re.I,
)
_PLAYS = re.compile(r"\bplays?\s+(?:the\s+|a\s+|an\s+)?([a-z]{3,})\b", re.I)
_FILLER = set(
    ["a", "an", "the", "i", "im", "i'm", "me", "my", "our", "we", "you", "your", "it", "its", "this", "that", "these", "those", "them", "they", "one", "ones", "please", "show", "give", "find", "get", "got", "want", "wanted", "need", "needs", "needed", "looking", "look", "searching", "search", "for", "some", "any", "something", "anything", "with", "and", "or", "of", "to", "in", "on", "at", "by", "from", "is", "are", "be", "can", "could", "would", "should", "do", "does", "did", "what", "which", "how", "about", "more", "less", "than", "but", "just", "also", "too", "very", "really", "there", "here", "now", "ok", "okay", "thanks", "thank", "hi", "hey", "hello", "only", "other", "who", "that", "loves", "love", "likes", "like", "enjoys", "enjoy", "into", "obsessed", "fan", "interested", "learning", "learn", "wants", "plays", "play", "is", "was", "has", "have", "had", "his", "her", "he", "she", "him", "their", "old", "year", "years", "yr", "yrs", "month", "months", "age", "aged", "ages", "turning", "little", "big", "older", "younger", "teenage", "sure", "recommend", "recommendation", "recommendations", "suggest", "suggestions", "ideas", "idea", "buy", "buying", "shopping", "shop", "store", "sell", "carry", "help", "good", "nice", "great", "best", "perfect", "cool", "fun", "awesome", "well", "reviewed", "rated", "rating", "ratings", "reviews", "stars", "star", "highly", "under", "below", "budget", "spend", "around", "roughly", "approximately", "cheap", "affordable", "inexpensive", "price", "priced", "cost", "costs", "dollars", "bucks", "up", "least", "most", "max", "maximum", "minimum", "min", "over", "above", "would'd", "i'd", "i'll", "who's", "he's", "she's", "loves", "likes", "id", "somewhere", "though", "tho", "between", "ideally", "preferably", "maybe", "actually", "pretty", "kind", "sort", "type",
     # chat shorthand: never a product word
     "pls", "plz", "thx", "ty", "lol", "u", "ur", "wat", "r", "gud", "instead", "rather", "never", "recs", "rec", "thinking", "considering", "doing", "limit", "appropriate", "exchange", "swap", "myself", "yourself", "himself", "herself", "themselves", "itself", "thats", "dont", "don't", "wont", "asap", "lookin",
     "that's", "it's", "there's", "here's", "isn't", "aren't", "doesn't", "didn't", "can't", "won't", "i've", "we've", "you're", "they're", "we're", "every", "lots",
     "started", "starting", "mine", "yall", "y'all", "similar", "hates", "hate", "hated", "vibes", "vibe", "nerd", "geek", "huge", "massive", "diehard", "think", "guess", "wanna", "gonna", "gotta", "kinda", "sorta", "ish", "whichever", "whatever", "whichevers", "rn", "tbh", "btw", "hmm", "um", "uh", "w", "w/",
     # what the shopper thinks of it, and how the talk goes: "anything under $30 thats still
     # decent?", "nah not a book, something she can actually use", "i mean a real bed"
     "still", "decent", "fancy", "nah", "nope", "yeah", "yep", "have", "doesnt", "doesn't",
     "each", "trying", "use", "mean", "turned", "turns", "either", "enough",
     # what the person does, told: "still out in his woodshop every morning making birdhouses"
     "out", "builds", "spends", "retired", "supposed",
     # asking for something else altogether: "something totally different", "forget the budget"
     "different", "totally", "completely", "entirely", "forget", "none", "actual",
     "reads", "possible", "lmao", "lmfao", "haha", "hahaha", "omg", "rofl", "ngl", "idk", "imo", "fr", "smh",
     # who and how much, not what: "which thermometer do people actually like", "whats the cheapest"
     "cheapest", "priciest", "whats", "what's", "people", "person", "someone", "everyone", "folks",
     "guys", "everything", "suitable", "lots", "lot", "plenty", "mens", "womens", "men's", "women's",
     "ladies", "unisex", "happy", "glad", "willing", "if", "it's", "we've", "we're", "they're",
     "i've", "you're", "there's", "as", "so", "because", "since", "when", "while", "yuo", "yu", "stuff",
     "work", "works",
     # where, when and how often, not what: "my kid keeps losing his picks everywhere"
     "everywhere", "anywhere", "always", "anymore", "lately", "again", "similar", "difference",
     "diffrence", "versus", "vs", "told", "said", "says", "honestly",
     # asking to set things side by side ("compare the boss ds-1 with ...") and the weather of
     # the day it is for ("something fun for a rainy day"): no product words
     "compare", "comparing", "comparison", "rainy", "snowy",
     # the turn's place in the talk ("ok show me stands then"): no product word
     "then",
     # a choice already made, said before the product: "picked violin, need one" (it had said
     # "We don't seem to carry picked violin")
     "picked", "chose", "chosen", "decided", "settled", "opted", "choosing",
     # a thing not named: "got any filament dryer box thing"
     "thing", "things", "thingy", "thingies",
     # what became of the old one: "my practice pad is falling apart too" (the kind had been "apart")
     "apart", "falling", "broke", "wore", "worn",
     # asking how to know: "how do i tell if she needs a 1/2 or 3/4"
     "tell", "know",
     # what someone thinks of it: "my sister in law swears by the video baby monitors"
     "swears", "swear", "swore", "am", "dreading",
     # what someone did or does for a living, said of them: "she taught chemistry for 30 yrs"
     "taught", "teaches", "retired", "retiring", "retire", "barely", "basically",
     # that it goes with what is on screen: "find me a stand that fits it"
     "fits",
     # how the cost is shared: "were splitting it 4 ways"
     "splitting", "ways"]
)  # fmt: skip


@dataclass(frozen=True)
class Needs:
    """The need words of one message, beyond price (see the module docstring)."""

    min_rating: float | None = None
    prefer_rated: bool = False
    prefer_cheap: bool = False
    min_rating_count: int | None = None
    recipient: str | None = None
    age: tuple[float, float] | None = None  # years, inclusive
    sizes: tuple[str, ...] = ()
    gift: bool = False
    occasion: str | None = None
    interests: tuple[str, ...] = ()
    product_words: str = ""
    rating_phrase: str | None = None  # the words that made the rating a hard bound
    kind: str | None = None  # the word naming the kind of product ("shoes" in "running shoes")

    def merged(self, own: Needs) -> Needs:
        """These needs (read from a translation) with what only the shopper's own words said:
        a rating, review count, age, sizes or gift the translation lost."""
        return replace(
            self,
            min_rating=self.min_rating if self.min_rating is not None else own.min_rating,
            rating_phrase=self.rating_phrase if self.min_rating is not None else own.rating_phrase,
            prefer_rated=self.prefer_rated or (own.prefer_rated and own.min_rating is None),
            prefer_cheap=self.prefer_cheap or own.prefer_cheap,
            min_rating_count=self.min_rating_count if self.min_rating_count is not None
            else own.min_rating_count,
            # the shopper's own number first: "适合十歲女孩" said 10, its translation only "girl"
            # (3-12); "3到5岁" said 3 to 5, its translation "5 years"
            age=own.age or self.age,
            sizes=self.sizes or own.sizes, gift=self.gift or own.gift,
            occasion=self.occasion or own.occasion, recipient=self.recipient or own.recipient,
        )  # fmt: skip


#: Words after which a request says who, what for or how, no longer what the product is.
_KIND_ENDS = frozenset(
    [
        "please",  # "kazoos please, loud ones": what comes after is how, not what
        "pls",
        "plz",
        "thanks",
        "thx",
        "w/",
        "w",  # "a keyboard w weighted keys": with
        "thats",
        "that's",
        "for",
        "compatible",  # "wooden train set compatible with brio": a set
        "to",
        "with",
        "on",
        "in",
        "that",
        "who",
        "who's",  # "a coworker whos leaving": no "leaving" kind
        "whos",
        "which",
        "at",
        "from",
        "so",
        "but",
        "because",
        "and",
        "or",
        ",",
        ";",
        "?",
        "!",
        ".",
        "like",
        "than",
        "about",  # "a book about space": a book
        "featuring",
        "where",  # "cozy mystery books where the cat solves the crime": books
        "when",
    ]
)
#: Words that say who or what a product is for, or what it is like: never the product's kind.
_NOT_KIND = frozenset(
    [
        # what it is to the product on screen: "des cordes de rechange" (strings, read
        # "strings replacement": the kind had been "replacement")
        "replacement",
        "replacements",
        "spare",
        # a width a size is said with: "running shoes mens size 10.5 wide" (the kind was "wide")
        "wide",
        "narrow",
        # a count said in words: "订书钉要一盒五千枚" (staples, a box of five thousand)
        "thousand",
        "hundred",
        # a language, never the product: "novels in spanish", "kindle books in english"
        "spanish",
        "english",
        "bilingual",
        "french",
        "german",
        "chinese",
        "italian",
        "portuguese",
        # a look, never the product: "and a multi color pack?"
        "color",
        "colors",
        "colour",
        "colours",
        "colored",
        "coloured",
        "multi",
        # how it is made, never the product: "double sided tape"
        "sided",
        "double",
        "single",
        "duty",
        "heavy",
        "thick",  # "yoga mat thick non slip": a mat
        "thicker",
        "sturdy",
        "durable",
        # how it runs, never the product: "battery operated", "solar powered"
        "operated",
        "powered",
        # how well it does it: "a digital caliper accurate to 0.01mm", "high temp", "range 1-14"
        "range",
        "accurate",
        "precise",
        "accuracy",
        "high",
        "low",
        # what a question asks of it, never the product: "is it bad to keep my pla spools ..."
        "bad",
        "normal",
        "broken",
        "safe",
        "worth",
        # doing words, never the product ("plug" and "connect" name products: a spark plug, Connect 4)
        "connecting",
        "attach",
        # what the person does, never the product: "actually she reads a lot, any ebooks ..."
        "reads",
        "plays",
        "loves",
        "likes",
        # what the product is for, never the product: "starting flute lessons" asks for a flute
        "lessons",
        "lesson",
        "classes",
        "practice",
        "practicing",
        "recital",
        "rehearsal",
        "rehearsals",
        "orchestra",
        "choir",
        "travel",  # "for a long car ride" is read as travel: what the product is for
        "educational",  # what a product is like, not what it is
        "creative",
        "bulk",  # how many, not what: "dry erase markers bulk pack"
        "pack",
        "packs",
        "count",
        "pcs",
        "pieces",
        "pairs",
        "instead",
        "use",
        "using",
        "play",
        "playing",
        "beginner",
        "beginners",
        "kid",
        "kids",
        "adult",
        "adults",
        "child",
        "children",
        "toddler",
        "toddlers",
        "boy",
        "boys",
        "girl",
        "girls",
        "men",
        "women",
        "man",
        "woman",
        "teen",
        "teens",
        "baby",
        "babies",
        "office",
        "home",
        "school",
        "professional",
        "portable",
        "small",
        "large",
        "medium",
        "used",
        "back",
        "folding",
        "portable",
        "tip",
        "fine",
        "real",
        "odor",
        "odour",
        "smell",
        "big",
        "mini",
        "cheap",
        "cheaper",
        "best",
        "good",
        "nice",
        "quality",
        "new",
        "gift",
        "gifts",
        "set",
        "sets",
        "kit",
        "kits",
        "pack",
        "packs",
        "size",
        "pair",
        "pairs",
        "piece",
        "pieces",
        "one",
        "ones",
        "thing",
        "things",
        "stuff",
        "item",
        "items",
        "product",
        "products",
        "though",
        "please",
        "thanks",
        "first",
        "second",
        "third",
        "last",
        "other",
        "another",
        "more",
        "less",
        "spend",
        "budget",
        "around",
        "about",
        # what happened to the old one, not what is wanted: "my strap broke, need a new one"
        "broke",
        "broken",
        "snapped",
        "cracked",
        "died",
        "lost",
        "stopped",
        "worn",
        # when, not what: "my nephew graduates next month"
        "next",
        "week",
        "weeks",
        "weekend",
        "today",
        "tomorrow",
        "tonight",
        "soon",
        "day",
        "days",
        "time",
    ]
)


def read_rating(text: str) -> tuple[float | None, str | None]:
    """The minimum star rating the words set, and the phrase that set it."""
    for rx in _RATING_BOUNDS:
        m = rx.search(text)
        if m:
            value = float(m.group(1))
            if 1.0 <= value <= 5.0:
                return value, m.group(0).strip()
    return None, None


def read_rating_count(text: str) -> int | None:
    for rx in _RATING_COUNT:
        m = rx.search(text)
        if m:
            return int(m.group(1).replace(",", ""))
    return None


#: An age said of a thing the shopper has: "my ukulele strings are like 2 yrs old", "it's 10
#: years old" (a 2-year-old's strings had been recommended).
_THINGS_AGE = re.compile(
    r"(?:\b(it|its|it's)|\b(?:my|the|our|his|her|their|these|those)\s+(?:[a-z]+\s+){0,2}?([a-z]+s))"
    r"\s+(?:are|is|'re|were|was)\s+(?:(?:like|about|around|almost|over|only|"
    r"just|already|prob|probably|maybe)\s+)*\d{1,2}\s*(?:-|\s)?\s*(?:years?|yrs?|yr)\s*(?:-|\s)?\s*old\b",
    re.I,
)


def read_age(text: str) -> tuple[float, float] | None:
    """The age (years) of who it is for: a number with "year old" and kin, a range, two ages
    ("kids are 5 and 7": 5-7), or a word; not the age of a thing ("the strings are 2 yrs old")."""
    text = _THINGS_AGE.sub(
        lambda m: m.group(0) if (m.group(2) or "").lower() in _PEOPLE_SAID else " ", text
    )
    m = _AGE_RANGE.search(text) or _AGE_LIST.search(text) or _TWO_AGES.search(text)
    if m:
        lo, hi = sorted(int(g) for g in m.groups() if g)
        return float(lo), float(hi)
    for rx, unit in _AGE:
        m = rx.search(text)
        if m:
            value = int(next(g for g in m.groups() if g)) * unit
            if 0 <= value <= 99:
                return round(value, 2), round(value, 2)
    words = re.findall(r"[a-z]+", text.lower())
    for w in words:
        if w in WORD_AGES:
            return WORD_AGES[w]
    adults = _ADULT_RELATIONS.intersection(words)
    if adults - BRAND_RECIPIENTS or any(
        at and words[at - 1] in _BRAND_WHOSE for at, w in enumerate(words) if w in adults
    ):  # ("boss katana amp" is no grown-up's)
        return WORD_AGES["adult"]
    return None


#: Instrument sizes said in words, as titles write them: "half size violin" -> "1/2 size".
_FRACTIONS = {"half": "1/2", "one half": "1/2", "one-half": "1/2", "three quarter": "3/4",
              "three-quarter": "3/4", "three quarters": "3/4", "three-quarters": "3/4"}  # fmt: skip


def _fraction(size: str) -> str:
    """A size as English titles write it: "half size" -> "1/2 size", "talla M" -> "size M",
    "100支装" -> "pack of 100"."""
    m = re.match(r"(half|one[- ]half|three[- ]quarters?)(\s*-?\s*size)$", size, re.I)
    if m:
        return f"{_FRACTIONS[m.group(1).lower()]} size"
    if size.lower().startswith("talla "):
        return f"size {size[6:]}"
    if m := re.match(r"in\s+(?:a\s+)?(?:size\s+)?(.+)$", size, re.I):  # "in large": "size large"
        return f"size {m.group(1)}"
    if size.endswith("装") and (count := re.match(r"\d+", size)):
        return f"pack of {count.group(0)}"
    return size


def _strip(text: str, patterns: list[re.Pattern[str]]) -> str:
    for rx in patterns:
        text = rx.sub(" ", text)
    return text


def strip_ages(text: str) -> str:
    """The message without the ages said in it ("para mi hija de 12": no 12 to translate)."""
    return _strip(text, [_AGE_RANGE, _AGE_LIST, _TWO_AGES, *(rx for rx, _ in _AGE)])


#: A question tag at the end: "... are included right", "..., correct?".
_TAG_QUESTION = re.compile(r"[\s,]+(?:right|correct|yeah|yes|no|eh)\W*$", re.I)


def read_needs(text: str, title_counts: Mapping[str, int] | None = None) -> Needs:
    """Everything in the module docstring, from one message. `title_counts` (how many catalog
    titles use each word) lets a later clause name the kind: "my toddler keeps chewing on
    everything, any safe stacking toys?" asks for toys, not chewing."""
    text = _SQUASHED.sub(lambda m: m.group(1) + " " + m.group(2), text)  # "atleast 4 stars"
    text = re.sub(
        "([一二三四五])(?=颗?星)", lambda m: str("一二三四五".index(m.group(1)) + 1), text
    )
    text = digit_ages(text)  # "三岁" -> "3岁"
    min_rating, phrase = read_rating(text)
    count = read_rating_count(text)
    text = _ROLE_OWNER.sub(" ", text)  # "my kids music teacher": the teacher
    text = _TAG_QUESTION.sub("", text)  # "test leads are included right": no "right" kind
    # "a thriller like Gone Girl": after "like" comes a title, not whom it is for
    who = _LIKE.sub(" ", text)
    # whom the product is not for is not whom it is for: "not the kids versions" (read as 3-12)
    who = NOT_THIS.sub(lambda m: " " if _KIDS_VERSION.search(m.group(0)) else m.group(0), who)
    # (the one buying is neither whom it is for nor their age: "my mom wants to buy my son a bike")
    givers = {m.group(1).lower() for m in _GIVER.finditer(who)}
    who = _GIVER.sub(lambda m: m.group(0)[len(m.group(1)) :], who)
    # a room named by whose it is names where, not whom: "a bunk bed for my boys room" (a doll's
    # bunk bed had been starred "for boys")
    who = ROOM_OF.sub(" room", who)
    # ("will be 10 in two weeks": 10, not 10 inches; "used to play as a kid": no age)
    age = read_age(_BACK_THEN.sub(" ", _WHEN.sub(" ", who)))
    words = re.findall(r"[\w'-]+", who.lower())
    # "a doll that looks like a real baby for my 3 year old": a word that also describes products
    # (baby, kids, toddler) names whom it is for only when said as someone's ("my baby")
    # a maker's name is someone's only when said as someone's: "my boss", not "boss katana amp"
    # or "compare the boss ds-1"
    # whoever is buying is not whom it is for: "grandma wants to get her a toy" is for a baby
    # (the lead had said "fits best for your grandma")
    recipient = next((w for at, w in enumerate(words) if w in RECIPIENTS and w not in givers and (
        (w not in _PRODUCT_RECIPIENTS and w not in BRAND_RECIPIENTS)
        or (at and words[at - 1] in (_BRAND_WHOSE if w in BRAND_RECIPIENTS else _WHOSE)))), None)  # fmt: skip
    # whom it is for, said after "for": "my sister wants a microscope for her son" is for the son
    # (the lead had said "fits best for your sister")
    if (someone := _FOR_SOMEONE.search(who)) and someone.group(2).lower() in RECIPIENTS:
        # (someone else's: "her son", "my girlfriend's dad" are no "your son", "your dad", so the
        # answer names no one)
        own = someone.group(1).lower() in ("my", "our") and "'s" not in someone.group(0)
        recipient = someone.group(2).lower() if own else None
    if recipient in _BABIES and age is not None and age[0] >= 2:
        # a baby the story names is not whom a 5-year-old's is for: "my 5yo wants to make music
        # but nothing too loud, we share a wall with people who just had a baby"
        recipient = None
    # (how tall someone is is no size of a product: "shes about 4 foot 2", "hes like 5'6")
    sized = _HEIGHT.sub(" ", text)
    sizes = tuple(
        dict.fromkeys(_fraction(m.group(0).strip()) for rx in _SIZES for m in rx.finditer(sized))
    )
    # one size said twice is one ("4/4" and "size 4/4": "the full size and 4/4 and size 4/4 you
    # asked for")
    sizes = tuple(s for s in sizes if not any(
        o != s and re.search(rf"(?<![\w/.]){re.escape(o)}(?![\w/.])", s) for o in sizes))  # fmt: skip
    if _GAME.search(text) and (players := _PLAYERS.search(text)):
        # how many play a game: "a card game for two people" is a 2-player game, as its titles
        # say it ("2 Player", "2-4 Players")
        said = (players.group(1) or players.group(2)).lower()
        sizes += (f"{_COUNT_WORDS.get(said, said)} players",)
    occasion_m = OCCASION.search(text)
    # "for my dad's birthday": an occasion of someone's is a gift, though the word is not said
    gift = bool(GIFT.search(text) or _OCCASION_OF.search(text) or _TURNS.search(text)
                or _GIVING.search(text))  # fmt: skip
    rest = strip_price_phrases(_strip(text, [*_RATING_BOUNDS, *_RATING_COUNT, _SOFT_RATING]))
    rest = _WHEN.sub(" ", rest)  # "next week": when, not what
    rest = _GIVING.sub(" ", rest)  # "end of year thank you from the class": a gift, no "end"
    rest = _WORK_SELF.sub(" ", rest)  # "i teach middle school science and need ...": who, not what
    rest = _ASIDE.sub(" ", rest)  # "ok weird request but i need kazoos": no weird request searched
    # "ive met him like twice", "if that helps", "in his garage": what is said of the person
    rest = _SAID_OF_THEM.sub(" ", rest)
    # what they own already, and how cheap: "he already has like 6 cubes", "cheaper is better"
    rest = _ALREADY_HAS.sub(" ", SOFT_CHEAP.sub(" ", rest))
    rest = _USED_TO.sub(" ", rest)  # "my grandpa used to play harmonica": no used harmonica
    rest = _BACK_THEN.sub(" ", rest)
    rest = _HOW_MUCH.sub(" ", rest)  # "the clock by itself, how much is it": no kind "much"
    rest = _JOURNEY.sub(" travel ", rest)  # "on a long car ride": travel (toys, games), no car
    interests: list[str] = []
    for m in _INTEREST.finditer(rest):
        tail = re.findall(r"[\w'-]+", rest[m.end() :])
        # (one word for what a child wants to be: "a firefighter so bad" is a firefighter)
        many = 1 if re.search(r"\b(?:be|become)\s+(?:a|an|the)$", m.group(0), re.I) else 2
        interests += [w.lower() for w in tail[:3] if w.lower() not in _FILLER][:many]
    rest = _BECAUSE.sub(" ", rest)
    rest = _strip(rest, [_AGE_RANGE, _AGE_LIST, _TWO_AGES, *(rx for rx, _ in _AGE)])
    if gift:
        rest = OCCASION.sub(" ", rest)  # "a birthday gift": the occasion is not a product word
    # "... for fathers day": when, not what (a Father's Day banner had been starred for a
    # recliner); "christmas lights" stay a product
    rest = _FOR_OCCASION.sub(" ", rest)
    rest = GIFT.sub(" ", rest)
    rest = _NEW_TO.sub(" ", rest)  # "something for a new dad": no new things
    rest = _OF_WHOM.sub(" ", rest)  # "twin 5 year old boys", "a retired teacher": who, not what
    rest = _NOT_TOO.sub(" ", rest)  # "not too gory": no gory things searched ("Gory Dew")
    rest = _DONE_WITH.sub(" ", rest)  # "bored of lego": no lego searched (its brand is excluded)
    rest = NOT_THIS.sub(" ", rest)  # "not another mug", "not a toy": not searched for
    rest = _IN_BAND.sub(" ", rest)  # "she just started band": what it is for, not a product
    rest = _FIRST_ONE.sub(r"\1beginner", rest)  # "a good first guitar": a beginner's guitar
    rest = _NEW_AT.sub(" beginner ", rest)  # "learning python from scratch": for a beginner
    rest = re.sub(r"\bself\s+help\b", "self-help", rest, flags=re.I)  # a shelf, not "help"
    # a size said of the product is searched as titles say it: "big pieces" (had been "pieces"
    # alone: a 1000-piece puzzle for an 80-year-old), not "big sister"
    rest = _BIG_OF.sub(lambda m: "large" if m.group(0).lower() == "big" else "small", rest)
    # "something on the lighter side": a lightweight one (the words had been searched as said)
    rest = _ON_THE_SIDE.sub(lambda m: f" {_SIDE_QUALITY[m.group(1).lower()]} ", rest)
    keep = []
    for w in re.findall(r"[^\W_][\w'/.-]*", rest):
        lw = re.sub(r"-(?:y|ey|ish)$", "", w.lower().strip("'.-"))  # "something stem-y": stem
        if (
            not lw or lw in _FILLER or "_" in lw or _CALENDAR.fullmatch(lw) or _says_how(lw)
        ):  # "max_price", "im_start": identifiers, not products
            continue
        if (
            (lw in RECIPIENTS or lw.removesuffix("'s") in RECIPIENTS)
            and lw not in _PRODUCT_RECIPIENTS
            and lw in words
            and (lw not in BRAND_RECIPIENTS or lw == recipient)  # "boss katana": the maker
        ):
            continue  # "my dad's": who it is for, not a product word
        keep.append(re.sub(r"-(?:y|ey|ish)$", "", w.strip("'.-"), flags=re.I))
    # the kind is no size: "lab coat size medium" asks for a coat
    # who the shopper buys for, by what they do, is no kind: "my kids music teacher" (the word
    # stays searched: music gifts)
    named = _ROLE.sub(" ", rest)
    kind = (_asked_kind(named) or _framed_kind(named) or product_kind(_strip(named, _SIZES))
            or product_kind(named))  # fmt: skip
    if kind in _PACKAGING:  # "kapton tape 1 inch roll": read with its size, how the tape comes
        kind = product_kind(named) or kind
    if title_counts is not None:
        kind = _likeliest_kind(named, kind, title_counts)
    # (the story read as typed too: "my back isnt great" is a story before "isnt great" is cut)
    keep = _from_main_sentence(_without_story(keep, text, kind, own_only=True), rest, kind)
    if (wanted := wanted_part(text)) is not None:
        # the product asked for after a story, not the story ("etsy shop selling crochet
        # plushies" had been searched, and "etsy" made poly mailers "not carried")
        said = {w.lower().strip("'.-") for w in re.findall(r"[^\W_][\w'/.-]*", wanted)}
        kind = product_kind(_strip(wanted, _SIZES)) or kind
        if kind is not None and kind.lower() in ACCESSORY:
            # a case, strap or strings for what the story says they have: "my kid takes her
            # tenor ukulele on the bus ..., want a padded case" (a tom case had been starred)
            said |= _owned(text[: text.find(wanted)], title_counts)
        keep = [w for w in keep if w.lower().strip("'.-") in said] or keep
    if (
        kind is not None
        and kind.lower() in ACCESSORY
        and len([w for w in keep if w.lower() != kind.lower()]) <= 1
    ):
        # what a case, stand or strap is for, said as theirs anywhere: "i need a stand bc my
        # guitar keeps falling over", "my son plays guitar and needs a case" (a bare "case" had
        # been searched)
        have = {w.lower() for w in keep}
        mine = _owned(text, title_counts)
        owned = [w for w in re.findall(r"[\w/-]+", text.lower()) if w in mine and w not in have]
        keep = list(dict.fromkeys(owned)) + keep
    played = _PLAYS.search(text)
    # "stocking stuffers for a teen who plays guitar": the teen is whom it is for, not a product
    plays = [w.lower() for w in keep if w.lower() not in _PRODUCT_RECIPIENTS]
    if gift and played and plays == [played.group(1).lower()]:
        # "a gift for my dad who plays guitar": he has one; a gift for a player is gear for it
        keep, kind = [played.group(1), "accessories"], None
    player = next((PLAYERS[w.lower()] for w in keep if w.lower() in PLAYERS), None)
    if player and all(w.lower() in PLAYERS for w in keep):
        # "a gift for a guitarist who has everything": the same, said of a player
        keep, kind = [player, "accessories"], None
    said = next((m for m in _ASPIRES.finditer(text) if (m.group(1) or m.group(3)).lower() in ROLES),
                None)  # fmt: skip
    if said is not None:
        role = (said.group(1) or said.group(3)).lower()
        child = ((age is not None and age[1] <= ROLE_AGE) or (recipient or "") in _CHILDREN
                 or (said.group(2) or "").lower() in _YOUNG)  # fmt: skip
        grown = (age is not None and age[0] > ROLE_AGE) or bool(_GROWN_UP.search(text))
        prefix = (said.group(2) or "").lower()
        if child and not grown and all(w.lower() in (role, prefix) for w in keep):
            # "my niece is 7 and wants to be a scientist": what a young scientist plays with
            keep, kind = ROLES[role].split(), None
    return Needs(
        min_rating=min_rating, prefer_rated=bool(_SOFT_RATING.search(text)) and min_rating is None,
        prefer_cheap=bool(SOFT_CHEAP.search(text)) and not _NOT_CHEAP.search(text),
        min_rating_count=count, recipient=recipient, age=age, sizes=sizes, gift=gift,
        occasion=occasion_m.group(0).lower() if occasion_m else None,
        interests=tuple(dict.fromkeys(interests)), product_words=" ".join(keep), rating_phrase=phrase,
        kind=kind,
    )  # fmt: skip


#: What someone has just become, said before who they are: "a new dad", "first-time mom".
_NEW_TO = re.compile(
    rf"\b(?:new|first[- ]time|expecting|soon[- ]to[- ]be)\s+(?=(?:{'|'.join(sorted(RECIPIENTS))})\b)",
    re.I,
)


#: A clause's kind replaces the first clause's when the first is a word titles rarely use and the
#: other one titles use this many times more (and at least `_KIND_TITLES` times).
_KIND_RATIO = 3
_KIND_TITLES = 50
_CLAUSE = re.compile(r"[,;.!?]|\s[-–]\s|\band\b|\bbut\b", re.I)


def _from_main_sentence(words: list[str], text: str, kind: str | None) -> list[str]:
    """Of a message of several sentences, the product words of the one that names the kind (the
    first when none does): "adjustable micropipette, over $150. the cheap ones we've got keep
    drifting" searches the micropipette, not the drifting. Sentences before it and questions after
    it are kept; with no kind read, every sentence is."""
    words = _without_story(words, text, kind)
    said = [s for s in re.split(r"(?<=[.?!])\s+", text) if re.search(r"\w", s)]
    if len(said) < 2 or kind is None:
        return words
    at = next(
        (i for i, s in enumerate(said) if kind and re.search(rf"\b{re.escape(kind)}\b", s, re.I)), 0
    )
    # what comes before the sentence naming it may say what it is ("she wants to start electric
    # guitar. what is a good starter pack?"); what comes after is the story
    # a question after it asks for something ("he plays bass. maybe a strap?"): kept too
    kept = [s for i, s in enumerate(said) if i <= at or s.rstrip().endswith("?")]
    there = {w.lower().strip("'.-") for s in kept for w in re.findall(r"[^\W_][\w'/.-]*", s)}
    return [w for w in words if w.lower() in there or w.lower().strip("'.-") in there] or words


#: A story clause that still says what the person likes: "she loves birds" (searched).
_TELLS_LIKING = re.compile(
    r"\b(?:loves?|likes?|into|enjoys?|plays?|collects?|obsessed|fan)\b", re.I
)


def _without_story(
    words: list[str], text: str, kind: str | None, own_only: bool = False
) -> list[str]:
    """The words without those of a clause after the kind's that tells a story ("a drum practice
    pad and sticks, he keeps tapping on the table and its driving me nuts" had searched "keeps
    tapping table driving nuts"); a clause saying what the person likes stays. `own_only`: only a
    clause telling of the shopper's own body or the one they have (see `_OWN_STORY`)."""
    clauses = re.split(r"[,;]", text)
    # (the first clause when no kind was read)
    at = next((i for i, c in enumerate(clauses) if kind and re.search(rf"\b{re.escape(kind)}\b", c, re.I)),
              0 if kind is None else None)  # fmt: skip
    if at is None:
        return words
    told = {w.lower() for c in clauses[at + 1 :]
            if (not own_only and STORY_CLAUSE.match(c) and not _TELLS_LIKING.search(c)) or _OWN_STORY.match(c)
            for w in re.findall(r"[^\W_][\w'/.-]*", c)}  # fmt: skip
    before = {w.lower() for c in clauses[: at + 1] for w in re.findall(r"[^\W_][\w'/.-]*", c)}
    return [w for w in words if w.lower() not in told or w.lower() in before] or words


def _titles(word: str, counts: Mapping[str, int]) -> int:
    return max(
        counts.get(word, 0), counts.get(word.removesuffix("s"), 0), counts.get(f"{word}s", 0)
    )


#: A quality said as a side: "on the lighter side", "something on the smaller side".
_SIDE_QUALITY = {"lighter": "lightweight", "smaller": "small", "bigger": "large", "larger": "large",
                 "quieter": "quiet", "shorter": "short", "longer": "long", "simpler": "simple",
                 "easier": "easy", "softer": "soft", "cheaper": "", "thinner": "thin",
                 "thicker": "thick", "warmer": "warm"}  # fmt: skip
_ON_THE_SIDE = re.compile(
    rf"\b(?:something\s+)?on\s+the\s+({'|'.join(_SIDE_QUALITY)})\s+side\b", re.I
)
#: A clause telling of something the shopper has or is: "my back isnt great and i play standing
#: up at church" (guitar stands had been shown for "standing"), "the one we have wobbles every
#: time someone breathes on it" (microphone stands for a ring stand).
_OWN_STORY = re.compile(
    r"^\s*(?:and\s+|but\s+|since\s+)?(?:my|our)\s+(?:back|hands|fingers|wrists?|arms|eyes|eyesight|knees|"
    r"shoulders?|hearing)\s+(?:is|isnt|isn't|are|aren't|was|were|hurts?|gets?|got)\b"
    r"|^\s*(?:and\s+|but\s+)?the\s+(?:\w+\s+)?ones?\s+(?:(?:i|we|he|she|they)\s+(?:have|had|got|use|used|bought|own)\b|"
    r"(?:keeps|kept|broke|wobbles|died|is|was)\b)",
    re.I,
)
#: A clause with a person for its subject: "we live in an apartment", "she has small hands".
STORY_CLAUSE = re.compile(
    r"^\s*(?:we|i|they|he|she|you|it|its|it's|this|that's|thats|mine|ours|yours|me\s+and\s+(?:my|the|\w+)|my\s+\w+\s+and\s+(?:i|me))\b(?!\s*(?:'s|is)\s+for\b)(?!\s*(?:'d|would|really|also|just)?\s*"
    r"(?:need|needs|want|wants|like|am looking|'m looking|are looking|'re looking|could use)\b)",
    re.I,
)
#: Taking something up, said before it: "my 12 year old wants to start drums" asks for drums.
_TAKING_UP = re.compile(
    r"\b(?:wants?|wanted|used|would like|'d like|likes?|loves?|needs?|is (?:dying|eager|keen)|has been "
    r"(?:asking|begging)|(?:is|are) (?:going|trying))\s+to\s+(?:start|learn|play|try|begin|get into|take up|"
    r"pick up|do)\b(?:\s+(?:how\s+)?to\s+(?:play|use|make))?(?:\s+(?:playing|learning|the|a|an))?",
    re.I,
)


def _likeliest_kind(text: str, first: str | None, counts: Mapping[str, int]) -> str | None:
    """The kind of the clause that names a product titles use, when the first clause names none or
    only a doing word ("my toddler keeps chewing on everything, any safe stacking toys?")."""
    if first and not first.endswith("ing"):
        return first  # a noun the shopper named first stays the kind, however rare in titles
    # a clause about the shopper's life names no product: "... but we live in an apartment"
    kinds = [
        k for k in (product_kind(c) for c in _CLAUSE.split(text) if not STORY_CLAUSE.match(c)) if k
    ]
    best = max(kinds, key=lambda k: _titles(k, counts), default=None)
    if best is None or best == first:
        return first
    have = _titles(first, counts) if first else 0
    if _titles(best, counts) >= max(_KIND_TITLES, _KIND_RATIO * have):
        return best
    return first


#: A question naming what it asks for: "what sticks should he get", "which strings do I need".
_ASKED = re.compile(
    r"\b(?:what|which)\s+(?:kind\s+of\s+|type\s+of\s+|sort\s+of\s+)?([a-z][\w'-]*)\s+"
    r"(?:should|would|do|does|can|could|to|will|might)\s+(?:i|he|she|we|they|you|my|our|get|buy|use)\b",
    re.I,
)


def _asked_kind(text: str) -> str | None:
    """The kind a question asks for, wherever it stands in the message ("my son just started
    drum lessons, what sticks should he get" asks for sticks, not lessons)."""
    m = _ASKED.search(text)
    if m is None:
        return None
    word = m.group(1).lower()
    if word in _NOT_KIND or not_product_word(word) or ATTRIBUTE.fullmatch(word) or len(word) < 3:
        return None  # "what size should I get" asks a size, not a product
    return word


_LOOKING_FOR = re.compile(
    r"\b(?:looking|lookin'?|searching|shopping|hunting)\s+(?:around\s+)?for\b", re.I
)
#: "what about", "how about" said before the product asked for ("a book about space" keeps its
#: "about": there it ends the request).
_WHAT_ABOUT = re.compile(r"\b(?:what|how)\s+about\b", re.I)
#: Things that come together, said before what they hold: "bundles with capo + picks".
_BUNDLE_OF = re.compile(r"\b(?:bundles?|combos?)\s+(?:with|of)\b", re.I)
#: Product nouns of two letters (longer words are kinds by default).
_SHORT_KINDS = frozenset(["tv", "pc"])


#: A product named as a likeness: "a thriller like Gone Girl", "something similar to Catan".
_LIKE = re.compile(
    r"\b(?:(?<!i )(?<!we )(?<!they )(?<!who )(?<!would )(?<!i'd )(?<!he )(?<!she )(?<!you )(?<!kids )like"
    r"|similar to|such as|along the lines of)\s+(?!(?:my|our|his|her|their|your|a|an|the)\b)[A-Za-z]"
    r"[^,.;!?]*?(?=\s+(?:for|to|but|and)\b|[,.;!?]|$)",
    re.I,
)

#: A clause about someone, said after the product without "that": "a card game the whole family
#: can play", "a toy my son will love".
_RELATIVE = re.compile(
    rf"(?<=\w)\s+(?:the|my|our|your|his|her|their)\s+(?:whole\s+|little\s+|older\s+|younger\s+)?"
    rf"(?:{'|'.join(sorted(RECIPIENTS))}|family|kids)\s+(?:can|could|will|would|might|"
    r"loves?|likes?|enjoys?|wants?|needs?)\b.*",
    re.I,
)


#: A clause said after the product with a pronoun for its subject: "a board game we can play
#: as a family of five" (not a kind "five"), "a toy he will love".
_PRONOUN_CLAUSE = re.compile(
    r"(?<=\w)\s+(?:we|i|you|they|he|she)\s+(?:can|could|will|would|might|should|'ll|all|both|"
    r"love|like|enjoy|want|need|play|use)\b.*",
    re.I,
)
#: A negation of a made-for-kids version: "not the kids versions", "no toddler toys".
_KIDS_VERSION = re.compile(r"\b(?:kids?|children'?s?|toddlers?|baby|babies)\b", re.I)
#: A clause after the request that tells its story: ", he keeps tapping on the table".
STORY_AFTER = re.compile(
    r"[,;.]\s*(?:and\s+|but\s+|so\s+)?(?:he|she|they|it|its|it's|we|i|i'm|im|i've|i'd|i'll|we've|they've|"
    r"were|we're|hes|shes|theyre|ive|"
    r"my|his|her|their|our|me\s+and)"
    r"\s+\w+.*",
    re.I,
)
#: Said of someone new at it: "from scratch", "total noob", "complete newbie" (no scratch pads).
_NEW_AT = re.compile(
    r"\bfrom\s+scratch\b|\b(?:(?:a|an|total|complete|absolute|total)\s+)?(?:noob|newbie|n00b)s?\b",
    re.I,
)
#: Someone's first one of a kind is a beginner's: "a first guitar", "his first telescope" (not a
#: first aid kit, a first birthday or a first edition).
_FIRST_ONE = re.compile(
    r"\b((?:my|his|her|their|our|your|a|an|good|great|nice|decent)\s+)first(?=\s+(?!(?:aid|birthday|"
    r"day|time|christmas|communion|edition|class|grade\w*|place|year|date|anniversary|responders?|"
    r"person|one|few|two|three|baby|home|house|apartment|period|season|book|volume|episode|movie|"
    r"game|job|car|kiss|dance|holiday|halloween|easter|steps?)\b)[a-z])",
    re.I,
)
#: What the shopper has had enough of, to the end of its clause: "who is bored of lego".
_DONE_WITH = re.compile(rf"\b(?:{DONE_WITH})\s+[^,.;!?]*", re.I)
_DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend"
#: When the shopper needs it: never a product word ("my nephew turns 8 next week" had been told
#: "We don't seem to carry next week space kids").
_WHEN = re.compile(
    rf"\b(?:next|this|coming|the coming)\s+(?:week|month|year|{_DAYS})\b|\b(?:tomorrow|tonight|"
    rf"asap|a\.s\.a\.p)\b|\bin\s+(?:a|one|two|three|four|a few|\d+)\s+(?:days?|weeks?|months?)\b"
    rf"|\b(?:on|by|before|until)\s+(?:{_DAYS}|the weekend)\b"
    # a baby on the way: "a baby due in march" (the kind had been "due")
    r"|\bdue\s+(?:in|on|next|this|any)\s+\w+"
    # when it began: "he just started bass guitar a few months ago" (the kind had been "ago")
    r"|\b(?:(?:a\s+)?(?:few|couple(?:\s+of)?)|some|several|\d+|one|two|three|four|five|six)\s+"
    r"(?:days?|weeks?|months?|years?)\s+ago\b|\blast\s+(?:week|month|year|summer|winter|spring|fall|christmas)\b"
    # the day it is for: "something fun for a rainy day" (it had searched rain boots and raincoats)
    r"|\b(?:(?:for|on)\s+)?(?:a|the)\s+(?:rainy|snowy|lazy|boring|cold|long)\s+(?:day|afternoon|weekend|evening|night)s?\b"
    # how often, and for how long: "she does crosswords every morning", "me and my son play after
    # dinner", "she taught chemistry for 30 yrs" (the kinds had been "morning", "dinner")
    rf"|\b(?:every|each)\s+(?:single\s+)?(?:morning|night|evening|afternoon|day|week|weekend|summer|{_DAYS})\b"
    r"|\bin\s+the\s+(?:mornings?|evenings?|afternoons?)\b|\b(?:after|before)\s+(?:dinner|lunch|breakfast|school|work|bed)\b"
    # (not an age: "games for 6 year olds")
    r"|\bfor\s+(?:\d+|a\s+few|many|several|over\s+\d+)\s*(?:yrs?|years?|decades?)\b(?![\s-]*olds?\b)",
    re.I,
)
#: What someone owns already, said of them: "he already has like 6 cubes" (no cubes searched).
_ALREADY_HAS = re.compile(
    r"\b(?:he|she|they|i|we)(?:'s|\s+has)?\s+already\s+(?:has|have|owns?|got)\b[^,.;!?]*", re.I
)
#: A journey the product is for: titles say "travel" ("something to keep my toddler busy on a
#: long flight", "educational, for a long car ride" had found ride-on cars).
_JOURNEY = re.compile(
    r"\b(?:on|for|during|in)\s+(?:a|the|our|my|his|her|their)?\s*(?:long\s+|short\s+)?(?:car|plane|train|bus|road)?"
    r"\s*(?:rides?|trips?|journeys?|flights?|drives?)\b|\b(?:road trips?|long flights?|car rides?|plane rides?)\b"
    # how long it lasts: "we have a 9 hour flight with our 4 yr old" (the kind had been "flight")
    r"|\b(?:a\s+)?(?:\d{1,2}|[a-z]+)[- ]?(?:hours?|hr|hrs)\s+(?:long\s+)?(?:flight|drive|car\s+ride|road\s+trip|"
    r"trip|train\s+ride|bus\s+ride|plane\s+ride)s?\b",
    re.I,
)
#: A word about the message itself: "ok weird request but ...", "quick question", "random one".
_ASIDE = re.compile(
    r"\b(?:(?:kind\s+of|kinda|a\s+bit\s+of|sort\s+of)\s+)?(?:a\s+|an\s+)?(?:weird|odd|strange|random|dumb|"
    r"silly|quick|stupid|unusual|specific|strange)\s+(?:request|question|q|ask|one\s+but)\b"
    # how hard the person is to buy for: "hes impossible to shop for" (it had searched "impossible")
    r"|\b(?:(?:so|really|very|super|kinda|notoriously)\s+)?(?:impossible|hard|difficult|tough|tricky)\s+"
    r"to\s+(?:shop|buy)\s+for\b",
    re.I,
)
#: How tall someone is: "shes about 4 foot 2", "he's like 5'6", "i'm 6 ft tall".
_HEIGHT = re.compile(
    r"\b(?:he|she|they|i|who)(?:'s|'m|'re|\s+is|\s+am|\s+are)\s+(?:about|around|like|almost|nearly|only|"
    r"just|over|under)?\s*\d(?:\s*(?:foot|feet|ft)\b|\s*')\s*\d{0,2}(?:\s*(?:inches|in\b|\"))?",
    re.I,
)
#: Turning an age is a birthday: "my nephew turns 8 next week" asks for a gift.
_TURNS = re.compile(
    r"\b(?:turns|turning|will be|is going to be)\s+(?:\d{1,2}|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve)\b(?!\s*(?:minutes?|hours?|days?|percent|%))",
    re.I,
)
_WORKS = r"(?:teachers?|coach|manager|tutor|instructor|professor|director|conductor)"
#: Words that say what the person is like, before who they are: "twin 5 year old boys", "a
#: retired chemistry teacher" (searched, "twin" had been read as the kind of product).
_OF_WHOM = re.compile(
    r"\b(?:twins?|retired|elderly|senior|expecting|pregnant|grown|grown-up|adult)\b"
    rf"(?=\s+(?:\d|(?:[a-z]+\s+)?(?:{'|'.join(RECIPIENTS)}|{_WORKS})s?\b))",
    re.I,
)
#: A person named by their work, with what they work at: "my kids music teacher".
_ROLE = re.compile(rf"\b[a-z]+\s+{_WORKS}\b", re.I)
#: Whose teacher it is ("my kids music teacher"): no child to buy for.
_ROLE_OWNER = re.compile(
    rf"\b(?:kids?|kid'?s|kids'|son'?s|daughter'?s|child'?s|children'?s)\s+(?=(?:[a-z]+\s+)?{_WORKS}\b)",
    re.I,
)
#: Playing in a school band is what the product is for: "she just started band this year".
_IN_BAND = re.compile(
    r"\b(?:starts|started|starting|joins|joined|joining|in|for|plays in|playing in)\s+(?:the\s+|school\s+|marching\s+|jazz\s+|concert\s+)*"
    r"(?:band|orchestra)\b(?!\s+(?:saw|aid|t-?shirt))",
    re.I,
)
#: A request said as a need or a question to the store, wherever it stands in a story: "they told
#: her she needs a clarinet", "is there some kind of pick holder that sticks on the guitar".
_FRAME = re.compile(
    r"\b(?:is there|are there|do (?:you|u|y'all|you guys) (?:have|sell|carry|stock)|(?:i|we|she|he|they|and)\s+"
    r"(?:really\s+|just\s+|still\s+)?(?:needs?|wants?)|(?:i'?m|we'?re|i am|we are)\s+(?:looking|searching|"
    r"shopping)\s+for)\s+(?:(?:some|any|a|an)\s+)?(?:(?:kind|sort|type)\s+of\s+)?(?:(?:a|an|new|good|decent)\s+)*"
    r"(?=[a-z])",
    re.I,
)


def _framed_kind(text: str) -> str | None:
    """The kind a need or a question to the store names (see `_FRAME`); None without one."""
    for m in _FRAME.finditer(text):
        said = re.split(r"[.!?;](?:\s|$)", text[m.end() :])[0]  # to the end of its sentence
        if re.match(r"(?:something|anything|one|ones|it|them|this|that|to)\b", said, re.I):
            continue  # "I want something decent": no kind named
        if kind := product_kind(said):
            return kind
    return None


#: A quality the shopper does not want: "nothing too long", "not too gory" (not searched for).
_NOT_TOO = re.compile(
    r"\b(?:not|nothing|none|never|isn'?t|aren'?t)\s+(?:too|very|so|overly|super)\s+[\w-]+", re.I
)


#: What one ought to do, said before doing it: "are you supposed to change ...", "do i have to".
_OUGHT_TO = re.compile(r"\b(?:supposed|ought|have|has|had)\s+to\b", re.I)
#: Where a sentence ends.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
#: A sentence telling what someone is or does, not what is wanted: "we live in an apartment.",
#: ", she plays every day." (a need said in it is no story: "i need a drum set.").
_STORY_SENTENCE = re.compile(
    r"^\W*(?:(?:please|pls|also|and|but|so|oh|well)\W+)*(?:we|i|he|she|they|we're|i'm|im|he's|hes|"
    r"she's|shes|they're)\s+(?!(?:\w+\s+)?(?:needs?|wants?|looking|searching|shopping|would|'d|wanna)\b)",
    re.I,
)


#: How much more so, said of the products on screen: a quality, never a product's kind nor a
#: word it must be found by ("something darker, more like a thriller": a thriller).
COMPARATIVES = frozenset(["darker", "lighter", "smaller", "bigger", "larger", "cheaper", "shorter",
                          "longer", "easier", "harder", "quieter", "louder", "softer", "funnier",
                          "scarier", "newer", "older", "simpler", "faster", "slower", "thicker",
                          "thinner", "warmer", "sturdier", "brighter", "heavier",
                          "stronger", "safer", "nicer", "better", "cuter", "prettier"])  # fmt: skip
#: Words that make the next one a quality: "non slip", "anti glare".
_NEGATING = frozenset(["non", "anti"])


def product_kind(text: str) -> str | None:
    """The word naming the kind of product: the last product word before the request turns to
    who or what it is for ("light strings for my acoustic guitar" -> strings; "a pair of running
    shoes, size 10" -> shoes); None when the request names no kind ("something to keep my toddler
    busy")."""
    text = _SELF.sub(",", text)  # "hi im a nurse and need nitrile gloves": gloves, not "nurse"
    text = _WORK_SELF.sub(" ", text)
    text = _NOT_TOO.sub(",", text)  # "nothing too loud please": a quality, no kind "loud"
    # ("how often are you supposed to change guitar strings": the "to" ends no request)
    text = _OUGHT_TO.sub(" ", text)
    sentences = [s for s in _SENTENCE_END.split(text) if re.search(r"\w", s)]
    told = [s for s in sentences if _STORY_SENTENCE.match(s)]
    # a sentence telling the shopper's story names no product when another one does: "we live
    # in an apartment. a drum set for my son" (the kind had been "live")
    if (
        told
        and len(told) < len(sentences)
        and (kind := product_kind(" ".join(s for s in sentences if s not in told)))
    ):
        return kind
    if (want := _WANT_AFTER.search(text)) and (kind := product_kind(text[want.end() :])):
        # the request after a story: "my daughter starts piano lessons next month, need a
        # keyboard w weighted keys" asks for a keyboard (the kind had been "piano", and the
        # story's "starts" its compound noun, so the store's weighted keyboards "not carried")
        return kind
    if (like := _SOMETHING_LIKE.search(text)) and (kind := product_kind(text[like.end() :])):
        return kind  # "something darker, more like a thriller": a thriller (had been "darker")
    head: list[str] = []
    text = _LOOKING_FOR.sub(" ", text)  # "looking for a tv": the "for" does not end the request
    text = _WHAT_ABOUT.sub(" ", text)  # "what about gloves": its "about" ends no request
    # "one of those bundles with capo + picks + tuner": what comes in it (the kind had been
    # "bundles": card-game and microphone bundles were shown)
    text = _BUNDLE_OF.sub(" ", text)
    text = _MADE_WITHOUT.sub(" ", text)  # "nitrile gloves size medium powder free": gloves
    text = _BUILT.sub(" ", text)  # "sheet protectors heavy weight": protectors (had been "weight")
    text = _MORE_OF.sub(" ", text)  # "something with more range": a quality (had been "range")
    text = NOT_THIS.sub(",", text)  # "a collector figure not a kids toy": a figure
    text = _TAKING_UP.sub(" ", text)  # "wants to start drums": drums
    text = _RELATIVE.sub(" ", text)  # "a card game the whole family can play": a game
    for rx in (_PRONOUN_CLAUSE, STORY_AFTER):
        if (clause := rx.search(text)) and product_kind(text[: clause.start()]):
            # "a board game we can play as a family": a game; "a drum practice pad and sticks,
            # he keeps tapping on the table and its driving me nuts": not nuts
            text = text[: clause.start()]
            break
    for token in re.findall(r"[^\W_][\w'/.-]*|[,;?!]", text.lower()):
        if token in _KIND_ENDS:
            said = [w for w in head if not not_product_word(w)]
            if (
                token == "like"
                and (
                    not said
                    # "something darker, more like a thriller", "something musical like a
                    # xylophone": the kind is what it is like (had been "darker", "musical")
                    or (head[-1:] == ["more"] and len(said) <= 1)
                    or (len(head) >= 2 and head[-2] in ("something", "anything") and len(said) == 1)
                )
            ):
                # "something like colleen hoover books": the kind is what it is like (the
                # request had named no kind, and Hoover vacuums were searched)
                head = []
                continue
            if head:
                break
            continue
        head.append(token.strip("'.-"))
    # a quality said as "non"/"anti" and a word: "yoga mat thick non slip" (the kind had been
    # "slip", and drum mats were starred for a yoga mat), "anti glare screen protector"
    negated = {i for i, w in enumerate(head) if w in _NEGATING or (i and head[i - 1] in _NEGATING)}
    head = [w for i, w in enumerate(head) if i not in negated]
    kinds = [w for w in head if w.isalpha() and (len(w) > 2 or w in _SHORT_KINDS) and w not in _NOT_KIND
             and w not in COMPARATIVES
             and w not in _MEASURES and not not_product_word(w) and not ATTRIBUTE.fullmatch(w)]  # fmt: skip
    # a count's unit after the product: "bass guitar strings 4 string medium gauge" (the kind had
    # been "gauge", then "string")
    # (a count's unit, or the kind said again: "ender 3 nozzle" is a nozzle, the number a model's)
    counted = {w for i, w in enumerate(head) if i and head[i - 1].isdigit()
               and (units.is_unit(w, *_COUNTED) or (w.endswith("s") and not w.endswith("ss"))
                    or any(w.rstrip("s") == k.rstrip("s") for k in head[: i - 1]))}  # fmt: skip
    # ... or what it is made of, said after it: "glass beakers set borosilicate 50ml to 1000ml"
    # ... or how it comes, said after it: "200ul pipette tips racked" (had been "racked")
    while len(kinds) > 1 and (
        kinds[-1] in counted or kinds[-1] in MATERIALS or _DONE_TO.fullmatch(kinds[-1])
    ):
        kinds.pop()
    if len(kinds) > 1 and kinds[-1] in _PACKAGING:
        at = len(head) - 1 - head[::-1].index(kinds[-1])
        if at and (re.search(r"\d", head[at - 1]) or head[at - 1] in _MEASURES):
            return kinds[-2]  # "kapton tape 1 inch roll": tape, in a roll of that size
    return kinds[-1] if kinds else None


#: Where a message lists another product: "... and also a stapler", "..., plus some picks", "a
#: ukulele and a tuner" (an article after "and": "black and white" lists nothing).
_NEXT_ITEM = re.compile(
    r"\s*(?:,\s*|;\s*)?\b(?:and\s+also|and\s+then|and|plus|as\s+well\s+as|also|along\s+with)"
    r"(?:\s+(?:i\s+)?(?:need|want|get))?\s+(?=(?:a|an|some|one|two|three|\d+)\s)",
    re.I,
)
#: A count of things said before the list: "2 things:", "a couple of things -".
_COUNTED_LIST = re.compile(
    r"^\W*(?:(?:i\s+)?(?:need|want)\s+)?(?:\d|two|three|a\s+couple(?:\s+of)?|a\s+few)\s+things\s*[:,-]\s*",
    re.I,
)
#: Wanting, said before what is wanted.
_WANTS = r"(?:(?:i|we)(?:'m|'re| am| are)?\s+)?(?:need|want|looking for|searching for|shopping for|would like|'d like)\s+"
#: ... opening one product of a list: "i need a stapler" is a stapler.
_WANTING = re.compile(rf"^\W*(?:(?:hi|hey|hello)\W+)?{_WANTS}", re.I)
#: At most this many products in one message are shown side by side.
MAX_LISTED = 3


def listed_products(text: str) -> tuple[str, ...]:
    """The products a message lists, each as its own request ("2 things: a desk organizer for pens
    n sticky notes and also a decent stapler that doesnt jam" -> the organizer, the stapler; the
    request had been searched as one, and said not carried); () unless each part names a kind of
    its own, different from the others ("a drum set with sticks" is one product)."""
    # (a story before the request lists nothing: "rewiring the lights in my camper van and i need
    # a heat shrink tubing assortment" had been two requests)
    text = _COUNTED_LIST.sub("", wanted_part(text) or text)
    parts = [
        _WANTING.sub("", p).strip(" ,;.") for p in _NEXT_ITEM.split(text) if p and p.strip(" ,;.")
    ]
    if not 2 <= len(parts) <= MAX_LISTED:
        return ()
    kinds = [product_kind(p) for p in parts]
    if any(k is None for k in kinds) or len({k.lower() for k in kinds if k}) < len(kinds):
        return ()
    if COMPARE.search(text) and any(
        [w.lower() for w in re.findall(r"[\w'-]+", p) if not not_product_word(w)]
        == [(k or "").lower()]
        for p, k in zip(parts[:-1], kinds[:-1], strict=True)
    ):
        # a bare word set against a sort of another kind shares its noun: "the difference
        # between a condenser and a dynamic mic" (a lab condenser had been starred beside it)
        return ()
    return tuple(parts)


#: Nouns that, right after the asked word, make it a modifier: "laptop case", "shoe laces".
ACCESSORY = frozenset(
    [
        "case",
        "cases",
        "cover",
        "covers",
        "bag",
        "bags",
        "stand",
        "stands",
        "holder",
        "holders",
        "mount",
        "mounts",
        "strap",
        "straps",
        "sticker",
        "stickers",
        "decal",
        "decals",
        "charm",
        "charms",
        "keychain",
        "hat",
        "hats",
        "costume",
        "costumes",
        "tray",
        "trays",
        "book",
        "books",
        "poster",
        "posters",
        "ornament",
        "ornaments",
        "mitts",
        "mitt",
        "laces",
        "lace",
        "pin",
        "pins",
        "box",
        "boxes",
        "rack",
        "racks",
        "hanger",
        "hangers",
        "pad",
        "pads",
        # what quiets, covers or keeps it: "Drum Silencer", "Trumpet Mute", "Drum Mat"
        "silencer",
        "silencers",
        "mute",
        "mutes",
        "dampener",
        "dampeners",
        "mat",
        "mats",
        "rug",
        "rugs",
        "head",
        "heads",
        "sleeve",
        "sleeves",
        "skin",
        "skins",
        "print",
        "prints",
        # what dresses or furnishes it: "Reborn Doll Clothes", "Doll Outfit" (starred as dolls)
        "clothes",
        "clothing",
        "outfit",
        "outfits",
        "furniture",
        # parts and add-ons named after what they serve: "Guitar Amp", "Drum Throne", "Laptop Shelf"
        "amp",
        "amps",
        "amplifier",
        "amplifiers",
        "shelf",
        "cable",
        "cables",
        "cord",
        # what a meter tests with: "Multimeter Probe Test Lead Cable" is no multimeter
        "probe",
        "probes",
        "lead",
        "leads",
        # what is played with it or fitted to it: "Guitar Pickup ... Transducer" is no guitar
        "pickup",
        "pickups",
        "transducer",
        "transducers",
        "tuner",
        "tuners",
        "capo",
        "capos",
        "picks",
        "bow",
        "bows",
        "bench",
        "benches",
        "stool",
        "stools",
        # care for a thing, named after it: "Rosin Remover" is no rosin, "Guitar Polish" no guitar
        "remover",
        "removers",
        "cleaner",
        "cleaners",
        "polish",
        "cloth",
        "cloths",
        "wipes",
        "oil",
        "lubricant",
        "refill",
        "refills",
        "adapter",
        "adapters",
        # a part of a thing, named after it: "Single String Bass Bridge" is no set of strings,
        # "Remote Control Car Motor" no car
        "bridge",
        "bridges",
        "tailpiece",
        "tailpieces",
        "saddle",
        "saddles",
        "pickguard",
        "pickguards",
        "knob",
        "knobs",
        "winder",
        "winders",
        "peg",
        "pegs",
        "part",
        "parts",
        "motor",
        "motors",
        "tire",
        "tires",
        "tyres",
        "accessory",
        "accessories",
        "charger",
        "chargers",
        "strings",
        "picks",
        "pick",
        "tuner",
        "tuners",
        "pedal",
        "pedals",
        "stool",
        "bench",
        "sticks",
        "stick",
        "mallets",
        "head",
        "heads",
        "throne",
        "parts",
        "part",
        "bracket",
        "clamp",
        "clip",
        "clips",
        "compartment",
        "feet",
        "legs",
        "replacement",
        "guide",
        "sticker",
        "adjuster",
        "adjusters",
        # tools and trinkets named after what they serve: "Guitar String Winder", "String Bracelet"
        "winder",
        "winders",
        "cutter",
        "cutters",
        "puller",
        "pullers",
        "ferrule",
        "ferrules",
        "retainer",
        "retainers",
        "organizer",
        "organizers",
        "bracelet",
        "bracelets",
        "necklace",
        "necklaces",
        "earrings",
        "jewelry",
        # what it is kept in: "Fridge Food Storage Container", "LEGO Storage Box"
        "container",
        "containers",
        "storage",
        # printed and recorded matter about it: "The Banjo Pub Songbook", "Guitar Method Book 1"
        "songbook",
        "songbooks",
        "book",
        "books",
        "method",
        "poster",
        "posters",
        "chart",
        "charts",
        "lessons",
        # its parts: "Kmise Banjo Tailpiece", "Banjo Four String Top Nuts" (not "bridge": LEGO Tower
        # Bridge is a lego)
        "tailpiece",
        "tailpieces",
        "nut",
        "nuts",
        "saddle",
        "saddles",
        # what goes along with it: "Wooden Kazoo, Ukulele Guitar Partner" is a kazoo
        "partner",
        "partners",
        "companion",
        # a kind of something else: "Yahtzee Bookshelf Edition", "Food Grade Citric Acid"
        "edition",
        "grade",
        "shaped",
        "themed",
    ]
)


#: Wanting said after a story: "..., need petri dishes", "... and need poly mailers", "id love to
#: get him a proper kite".
_WANT_IN_STORY = re.compile(
    r"(?:^|[,.;!?]|\band\b|\bso\b|\bbut\b|\bnow\b)\s*(?:(?:i|we)(?:'m|'re|\s+am|\s+are|'d|d|\s+would)?\s+)?"
    r"(?:really\s+|just\s+|still\s+)?(?:needs?|wants?|looking\s+for|searching\s+for|shopping\s+for|"
    r"would\s+like|'d\s+like|(?:love|like|want|need)\s+to\s+(?:get|buy|find))"
    r"(?:\s+(?:him|her|them|me|us)(?=\s+(?:a|an|some|one|the)\b))?\s+(?!to\b)",
    re.I,
)
#: "one of those X things": a product the shopper cannot name ("need one of those camera on a
#: cable things", "one of those thumb piano kalimba things").
_THOSE_THINGS = re.compile(
    r"\b(?:one|some|a\s+couple|a\s+few|any|two|a\s+pair)\s+of\s+(?:those|these)\s+"
    r"((?:[\w-]+\s+){0,5}?[\w-]+)\s+(?:things?|thingies|thingys|gadgets?|"
    r"doohickeys?|whatchamacallits?|contraptions?)\b",
    re.I,
)
#: A message that opens with a story rather than a product: "my dad used to ...", "running a
#: club ...", "ok so my printer ...", "just started an etsy shop ...".
_STORY_START = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|well|please|help|hi|hey|hello|um+|lol|ugh|omg)\W+)*"
    # (not "i'm": "im left handed, need good scissors" says what the product must be)
    r"(?:my|our|we|we're|were|i|i've|ive|he|she|they|just|been|running|rewiring|building|moving|"
    r"starting|teaching|planning|trying|working|setting|fixing|redoing|renovating|coaching)\b(?!'m)"
    # (not a message that opens with its request: "i need a ukulele ... and i need a tuner too")
    r"(?!\s+(?:(?:really|just|also)\s+)?(?:need|want|am\s+looking|'m\s+looking|would\s+like|'d\s+like)\b)",
    re.I,
)
#: Words after a want that point back, naming no product ("want one with a screen").
_POINTS_BACK = re.compile(
    r"^\s*(?:one|ones|something|anything|it|them|that|this|those|some)\b", re.I
)
#: Where the wanted product's phrase ends: a sentence's end, or why ("so he can", "because").
_WANT_ENDS = re.compile(
    r"[.!?;]\s|\s+(?:so|because|since|cause|cuz|bc|as)\s"
    r"|,\s*(?:and\s+|but\s+)?(?:i|he|she|they|we|it|its|it's|i'm|im|my|his|her|our|their)\s",
    re.I,
)
#: Why the shopper wants it, to the sentence's end: "because i watch videos on my lunch break"
#: (searched "watch videos lunch break").
_BECAUSE = re.compile(r"\b(?:because|cuz|coz|bc)\b[^.!?]*", re.I)
#: What it lets them do, said after it: "what about electronic so we can turn it down".
PURPOSE = re.compile(
    r"\bso\s+(?:that\s+)?(?:we|i|he|she|they|you)\s+(?:can|could|can't|cant|won't|wont|don't|dont)\b[^.!?,]*",
    re.I,
)


#: What someone has, said as theirs: "her tenor ukulele", "my old laptop".
_OWNED = re.compile(
    r"\b(?:my|his|her|their|our|plays?|playing|has\s+an?|have\s+an?|got\s+an?|bought\s+an?)\s+"
    r"(?=((?:[a-z0-9/-]+\s+){0,2}[a-z-]+))",
    re.I,
)


#: People said in groups ("his friends", "our team"): no product someone has.
_GROUPS = frozenset(["friends", "friend", "buddies", "buddy", "mates", "classmates", "teammates",
                     "team", "family", "parents", "folks", "class", "band", "students", "coworkers",
                     "colleagues", "neighbors", "neighbours", "club", "group"])  # fmt: skip


def _owned(story: str, counts: Mapping[str, int] | None = None) -> set[str]:
    """The words of a product the story says someone has ("her tenor ukulele" -> tenor,
    ukulele; "my guitar keeps falling over" -> guitar), people aside ("my kid"). `counts`: how
    many catalog titles use each word, which names the thing among the words said after "my"."""
    words: set[str] = set()
    for m in _OWNED.finditer(story):
        said = m.group(1).lower().split()
        kind = product_kind(m.group(1))
        if counts is not None:
            named = [w for w in said if not not_product_word(w) and _titles(w, counts)]
            kind = max(named, key=lambda w: _titles(w, counts), default=None)
        if (
            said[0] in RECIPIENTS
            or said[0] in _GROUPS
            or not kind
            or kind in RECIPIENTS
            or kind in _GROUPS
        ):
            continue  # "my kid", "his friends": people
        at = said.index(kind) if kind in said else len(said) - 1
        words |= {w for w in said[max(0, at - 1) : at + 1] if not not_product_word(w)}
    return words


def wanted_part(text: str) -> str | None:
    """The words that ask for the product in a message that tells a story first ("running a
    microbiology club at the middle school ..., need petri dishes" -> "petri dishes"; "... id
    love to get him a proper kite so he can ..." -> "a proper kite"), or "one of those X things"
    anywhere (-> X); None when the message opens with the product or asks for none."""
    if those := _THOSE_THINGS.search(text):
        return those.group(1)
    if not _STORY_START.match(text):
        return None
    for m in _WANT_IN_STORY.finditer(text):
        if len(re.findall(r"\w+", text[: m.start()])) < 4 or _POINTS_BACK.match(text, m.end()):
            continue  # no story before it, or nothing named ("want one with a screen")
        part = _WANT_ENDS.split(text[m.end() :], maxsplit=1)[0].strip(" ,")
        if product_kind(part):
            return part
    return None


#: Where a follow-up turns from its story to what it asks: "..., should i go concert instead?",
#: "... my brain. something slower", "..., got anything longer?", "..., get me one in A or G".
_ASK_TURN = re.compile(
    r"(?:[.!?;]|,|\blol\b|\bhaha\b)\s*(?=(?:so\s+|then\s+|and\s+|but\s+)?(?:"
    r"should\s+(?:i|we)\s+(?:go|get|buy|try)\b|get\s+(?:me|him|her|us)\b|show\s+me\b"
    r"|(?:do\s+you\s+have|got|is\s+there)\s+(?:anything|something|any)\b|anything\b|something\b"
    r"|do\s+(?:you|u|y'?all)\s+(?:sell|have|carry|stock)\b"
    r"|what\s+about\b|how\s+about\b|(?:i|we)\s+(?:just\s+|really\s+)?need\b"
    r"|(?:[a-z-]+\s+){1,3}maybe\W*$"
    # a question of the cards after a story: "hes 2 and still chews on everything, is that ok for
    # his age" (had searched "chews baby")
    r"|(?:is|are|would|will|can|could|does|do)\s+(?:that|this|it|they|these|those|either|both)\b"
    r"|do\s+any\s+of\s+(?:these|them|those)\b))",
    re.I,
)
#: A story said before the ask: someone said, has, is or did something ("my sister says shes 10
#: now", "he just texted he already has a C", "i realize i need to measure 12 inch stock").
_TOLD = re.compile(
    r"\b(?:says?|said|texted|told|thinks?|thought|realiz\w+|remember\w*|is|are|was|were|has|have|"
    r"had|keeps?|already|hates?|won'?t|doesn'?t|don'?t)\b|'s\b",
    re.I,
)


#: A message opening with a question ("whats the difference between ...", "how much more per kg
#: is ..."): no story comes first.
_ASKS_FIRST = re.compile(
    r"^\W*(?:what|what's|whats|which|how|why|is|are|does|do|can|could|should|would|will)\b", re.I
)


def follow_up_ask(text: str) -> str | None:
    """What a follow-up asks after a story that comes first ("my sister says shes 10 now and has
    bigger hands lol, should i go concert instead?" -> "should i go concert instead?"); None when
    the message opens with what it asks. The story's age and budget are read from the whole."""
    for m in _ASK_TURN.finditer(text):
        story = text[: m.start()]
        if _ASKS_FIRST.match(story):
            # the message opens with what it asks: "whats the difference between single and
            # dual head, does it matter for a student" (not "does it matter" alone)
            break
        if len(re.findall(r"\w+", story)) >= 4 and _TOLD.search(story):
            return text[m.end() :].strip() or None
    # a sentence asking for another thing after a first one: "no bikes at all? what about a
    # balance bike" (it had made the kind "all")
    if then := _THEN_ASKS.search(text):
        return text[then.start(1) :].strip()
    return None


#: "What about X", "do you sell X" said after a first sentence.
_THEN_ASKS = re.compile(
    r"[.!?]\s*((?:so\s+|ok\s+|then\s+)?(?:(?:what|how)\s+about|do\s+(?:you|u|y'?all)\s+(?:sell|have|carry|stock))"
    r"\s+\w)",
    re.I,
)


#: What products are made of: said after the product, no kind of it.
MATERIALS = frozenset(["borosilicate", "stainless", "steel", "plastic", "metal", "wood",
                       "wooden", "aluminum", "aluminium", "nylon", "cotton", "leather", "silicone",
                       "bamboo", "acrylic", "brass", "copper", "rubber", "latex", "nitrile",
                       "vinyl", "ceramic", "maple", "mahogany", "polyester", "titanium"])  # fmt: skip
#: Wanting said after a first clause: "..., need a keyboard", "... so i want a stand".
_WANT_AFTER = re.compile(
    rf"[,.;!]\s*(?:(?:so|and|but|now)\s+)?{_WANTS}(?!to\b)"
    # a product said with its article: "..., need a keyboard w weighted keys" (not what a pack
    # holds: "cymbal pack for a beginner kit, need hi hats crash and ride")
    r"(?=(?:a|an|some|new|another|one\s+of)\s|(?![^,.;!?]*\band\b))"
    r"(?!(?:something|anything|one|it|them|that|this)\b)",  # "..., want something legit"
    re.I,
)
#: The shopper saying who they are: "hi im a nurse and need ...", "I'm a teacher, ...".
_SELF = re.compile(
    r"\b(?:i'?m|i am|we'?re|we are)\s+(?:a|an)\s+[\w-]+(?:\s+[\w-]+){0,2}?"
    r"(?:\s*[,.;!]|\s+(?:and|so|but)\b|(?=\s+(?:who|that|looking)\b|\s*$))",
    re.I,
)
#: What the shopper does for a living, said before the request: "i teach middle school science
#: and need safety goggles" (searched "teach middle school science", and said not carried).
_WORK_SELF = re.compile(
    r"\b(?:i|we)\s+(?:teach|work|run|coach|manage|own)\s+(?:at\s+|in\s+|for\s+|as\s+(?:a|an)\s+)?"
    r"[\w-]+(?:\s+[\w-]+){0,3}?(?=\s*[,.;!]|\s+(?:and|so|but)\b)",
    re.I,
)
#: What a product is made without, said after it: "powder free", "latex-free", "bpa free".
#: What an unnamed product is like: "something musical like a xylophone", "something darker,
#: more like a thriller".
_SOMETHING_LIKE = re.compile(
    r"\b(?:something|anything)(?:\s+[a-z]+){0,2}?,?\s+(?:more\s+)?like\s+(?:an?|the|some)\s+", re.I
)
#: "big" or "little" said of a product's parts, not of a person: "big pieces", "little buttons".
_BIG_OF = re.compile(
    r"\b(?:big|little)(?=\s+(?!(?:brother|sister|bro|sis|kids?|boys?|girls?|guy|fan|one|ones|man|"
    r"cousin|niece|nephew|son|daughter|baby|deal)\b)(?:pieces?|parts?|buttons?|keys?|print|letters?|"
    r"numbers?|wheels?|knobs?|handles?|blocks?|beads?|screen|display)\b)",
    re.I,
)
#: A room named by whose it is: "my boys room", "the kids' bedroom", "a nursery".
ROOM_OF = re.compile(
    r"\b(?:boys?|girls?|kids?|baby|babies|childrens?|teens?)'?s?'?\s+(?:bed)?room\b", re.I
)
#: More or less of a quality: "something with more range", "ones with less noise".
_MORE_OF = re.compile(
    r"\bwith\s+(?:more|less|fewer|better|a\s+(?:longer|bigger|better))\s+[a-z]+", re.I
)
#: How sturdily a product is built, said as two words: never its kind.
_BUILT = re.compile(r"\b(?:heavy|light|medium|extra|super)[- ]?(?:weight|duty)\b", re.I)
#: A word saying what was done to a product ("racked", "sealed", "sterilized"), not what it is
#: (not "bed", "sled", "speed" or "seed").
_DONE_TO = re.compile(r"[a-z]{3,}[^e]ed")
_MADE_WITHOUT = re.compile(r"\b[a-z]+[- ]free\b", re.I)
#: How a product comes, said after its size: "kapton tape 1 inch roll", "gloves, 100 count box".
_PACKAGING = units.words("package")
#: What a number before a word counts or measures ("4 string", "10 hole", "3 tier", "2 inch").
_COUNTED = ("part", "count", "time", "power", "length")
#: Units of measure that are never what a product is ("1000 pieces", "50 ml").
_MEASURES = units.words("length", "weight", "volume", names=("piece",), marks=True)


#: Chat-template markers a message may carry to fake a system turn ("<|im_start|>system").
_TEMPLATE_TOKENS = re.compile(r"<\|[^|<>]{0,40}\|>")


def clean_message(text: str) -> str:
    """The message as a reader sees it: invisible format characters (zero-width spaces and joiners)
    read as spaces, chat-template markers dropped, whitespace collapsed."""
    text = _TEMPLATE_TOKENS.sub(" ", text)
    text = "".join(" " if unicodedata.category(ch) == "Cf" else ch for ch in text)
    text = _SQUASHED.sub(lambda m: m.group(1) + " " + m.group(2), text)  # "atleast 4 stars"
    # "a board game that isnt chess", "hes obsessed with space": the apostrophe a phone leaves out
    text = _BARE_CONTRACTION.sub(_apostrophe, text)
    # "my girlfriends dad": her dad, said without the apostrophe (it had been "not carried")
    text = _BARE_POSSESSIVE.sub(r"\1 \2's \3", text)
    text = _corrected(text)
    text = _SHOW_ME.sub(" ", text)
    text = _IN_LAW.sub(r"\1", text)  # "my brother in law": a brother (it had searched "law")
    text = _INTENSIFIER.sub("", text)  # "a coworker i dont know super well" (the kind "super")
    text = _A_BIT.sub(" ", text)  # "my hands shake a bit" (the kind had been "bit")
    text = _A_LOT.sub(" ", text)  # "reads a ton", "a ton of colors" (the kind had been "ton")
    text = _CAN_STRETCH.sub(" ", text)  # "a hundred-ish but i can stretch a lil": no product
    text = re.sub(r"\s+", " ", text).strip()
    return _OPENERS.sub("", text, count=1) or text


#: A relation by marriage, said as the relation: "brother in law", "mother-in-law".
_IN_LAW = re.compile(r"\b(brother|sister|mother|father|son|daughter)[- ]in[- ]laws?\b", re.I)
#: "super" said of how, not of a product ("super well", "super into", not "super glue").
_INTENSIFIER = re.compile(
    r"\bsuper\s+(?=(?:well|into|duper|cute|excited|picky|busy|fun|cool|nice|good|bad|hard|easy|sweet|"
    r"long|short|tall|small|big|cheap|expensive|quiet|loud|soft|fast|slow|simple|fancy|random|"
    r"specific|hard|close|shy|creative|active|smart|sporty|artsy|crafty|nerdy)\b)",
    re.I,
)


#: A budget said to bend: "but i can stretch a lil", "i could go a bit higher" (it had searched
#: "stretch lil": stretch wrap).
_CAN_STRETCH = re.compile(
    r"\b(?:but\s+)?(?:(?:(?:i|we)\s+)?(?:can|could|might)\s+stretch(?:\s+(?:it|that|the\s+budget))?"
    r"(?:\s+(?:a\s+)?(?:lil|little|bit|tad))?"
    # "100 tops, could stretch to 120 if its really nice" (the kind had been "stretch")
    r"(?:\s+to\s+[$€£]?\d+(?:\s*(?:dollars|bucks))?)?(?:\s+if\s+[^,.;!?]*)?"
    r"|(?:i|we)\s+(?:can|could|might)\s+go\s+(?:a\s+(?:bit|lil|little)\s+)?(?:higher|over|more)"
    r"(?:\s+(?:a\s+)?(?:lil|little|bit|tad))?)\b",
    re.I,
)
#: How many or how much, said as "a ton" ("reads a ton", "i want a ton of colors", "she has a
#: million"); not "a 1 ton jack".
_A_LOT = re.compile(
    r"\b(?:a\s+(?:ton|bunch|million|gazillion|zillion|bazillion|shit\s*ton|crap\s*ton)|tons|bunches)"
    r"(?:\s+of\b)?",
    re.I,
)
#: How much, said as "a bit" ("my hands shake a bit", "a little bit cheaper"); not a drill bit.
_A_BIT = re.compile(
    r"\ba\s+(?:little\s+|lil\s+|tiny\s+|wee\s+)?bit\b(?!\s+(?:for|set|holder|driver|of\s+(?:a|an)\b))",
    re.I,
)
#: Asking to be shown, or for something beside what is chosen, in words that name no product:
#: "can u also pull up some light gauge strings", "throw in a clip on tuner", "a pack of light
#: 12s to go with it" ("pull", "throw" and "go" had been searched).
_SHOW_ME = re.compile(
    r"\b(?:pull(?:ing)?\s+up|throw\s+in|toss\s+in|to\s+go\s+with\s+(?:it|this|that|them|those)|"
    r"(?:that|which)\s+goes?\s+with\s+(?:it|this|that|them))\b",
    re.I,
)


#: Words a message may open with that say nothing of what is wanted: "wait", "hold on", "ugh",
#: "scratch that", "no wait" ("wait my sister says shes 10 now ..." had made the kind "wait",
#: "hold on hes 5 not 12 ..." the kind "hold").
_OPENERS = re.compile(
    r"^\W*(?:(?:(?:no|oh|ok|okay|wait|hmm)\W+)?(?:wait|hold\s+on|hang\s+on|hold\s+up)\b|ugh+\b|"
    r"scratch\s+that\b|oops\b|whoops\b|my\s+bad\b|lol\b|omg\b|welp\b|really\s*\?+|"
    # sorry it is not there: "ah bummer. any soft toys ...", "dang ok. what about ..."
    r"(?:ah+|aw+|oh)?\W*(?:bummer|dang|darn|shoot|shame|too\s+bad)\b(?:\W+ok(?:ay)?\b)?)(?:\W+|$)"
    r"(?:(?:ugh+|lol|omg|ok|okay|so)\b\W*)*",
    re.I,
)


#: The shopper correcting what they asked for: "gloves for my grandkid, wait no i mean a rosin".
_CORRECTION = re.compile(
    r"[,.;!-]*\s*\b(?:wait|sorry|oops|oh)[,.!]*\s+no[,.!]*\s+i\s+mean[t]?\s+", re.I
)


def _corrected(text: str) -> str:
    """A message the shopper corrects midway, read as corrected: the thing said after "wait no i
    mean" replaces the kind said before it, and whom it is for stays ("gloves for my grandkid who
    plays cello, wait no i mean a rosin" had shown drummer's gloves)."""
    m = _CORRECTION.search(text)
    if m is None:
        return text
    before, after = text[: m.start()], text[m.end() :]
    kind = product_kind(before)
    if kind:
        before = re.sub(
            rf"\b(?:(?:a|an|some|the)\s+)?{re.escape(kind)}\b", " ", before, count=1, flags=re.I
        )
    return f"{after.rstrip(' .')}, {before.strip(' ,')}".strip(" ,")


_SQUASHED = re.compile(r"\b(at)(least|most)\b", re.I)
#: Contractions typed without their apostrophe, where the bare word is no other English word
#: (not "its", "were", "ill", "well", "id", "wed", "shell", "hell", "cant" of "can't" only).
_BARE_POSSESSIVE = re.compile(
    rf"\b(my|our|his|her|their)\s+({'|'.join(RECIPIENTS)})s\s+({'|'.join(RECIPIENTS)})\b", re.I
)
_BARE_CONTRACTION = re.compile(
    r"\b(?:(is|does|do|did|was|are|has|have|had|could|would|should|must|ca|wo)nt"
    r"|(he|she|that|what|there|who|where|here)s|(i)m|(i|we|you|they)ve|(they|you)re)\b",
    re.I,
)
_CONTRACTED = ["n't", "'s", "'m", "'ve", "'re"]


def _apostrophe(m: re.Match[str]) -> str:
    for i, tail in enumerate(_CONTRACTED, start=1):
        if m.group(i):
            return m.group(i) + tail
    return m.group(0)


def strip_rating_phrases(text: str) -> str:
    """The text without its rating and review-count bounds (so "at least 4 stars" is no price)."""
    return re.sub(r"\s+", " ", _strip(text, [*_RATING_BOUNDS, *_RATING_COUNT])).strip()


def not_product_word(word: str) -> bool:
    """Recipient, gift, occasion and filler words, days and months, and words saying how or how
    often ("mostly", "usually"): what a product-type rewrite must not add."""
    w = word.lower()
    # (whose, typed without its apostrophe: "my husbands office")
    whose = w.endswith("s") and w[:-1] in RECIPIENTS and w not in _PRODUCT_RECIPIENTS
    return (w in _FILLER or (w in RECIPIENTS and w not in _PRODUCT_RECIPIENTS) or whose or bool(GIFT.fullmatch(w))
            or bool(OCCASION.fullmatch(w)) or bool(_CALENDAR.fullmatch(w)) or _says_how(w))  # fmt: skip


#: Days and months: when it is needed, never what ("my son turns 9 saturday and ... rc cars" had
#: made the kind "saturday"; "starts orchestra in sept").
_CALENDAR = re.compile(
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?|weekends?|january|february|march|april|june|july|"
    r"august|september|sept|october|november|december|jan|feb|aug|sep|oct|nov|dec",
    re.I,
)
#: Words saying how, how much or how often; never a product ("multimeter mostly for car stuff" had
#: made the kind "mostly" and said multimeters are not carried).
_HOW = frozenset(["mostly", "mainly", "usually", "probably", "barely", "nearly", "simply", "exactly",
                  "quickly", "easily", "basically", "literally", "definitely", "seriously",
                  "almost", "often", "sometimes", "rarely", "hardly", "already", "soon",
                  "primarily", "generally", "normally", "currently", "recently", "finally",
                  "hopefully", "obviously", "especially", "apparently", "constantly"])  # fmt: skip
#: Endings only adverbs have, at seven letters or more ("tally" counters stay products).
_ADVERB_ENDS = ("ally", "ously", "ently", "antly", "ately", "ively", "fully", "lessly", "ingly",
                "edly")  # fmt: skip


def _says_how(word: str) -> bool:
    """Whether a word says how or how often, not what (see `_HOW`, `_ADVERB_ENDS`)."""
    return word in _HOW or (len(word) >= 7 and word.endswith(_ADVERB_ENDS))


def age_span(low: float | None, high: float | None) -> tuple[float, float] | None:
    """An age range from its two stored ends (None unless both are known)."""
    return (low, high) if low is not None and high is not None else None
