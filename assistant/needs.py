"""What a shopper says about the need beyond price, read deterministically from the words (pure),
as one `Needs`: rating bounds and soft preferences (`assistant.ratings`), who it is for and their
age (`assistant.people`), sizes and quantities ("1000 pieces", "1/2 size", "pack of 100"), gift and
occasion words, what the person loves, the kind of product (`assistant.kinds`), and the message's
product words: what is left once recipient, age, occasion, rating, price, story and filler words
are taken out ("a gift for my 10 year old niece who loves science" -> "science")."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from assistant.cues import ATTRIBUTE, BOOK_KINDS
from assistant.glossary import digit_ages
from assistant.kinds import (
    ACCESSORY,
    CALENDAR,
    FILLER,
    NOT_KIND,
    NOT_TOO,
    PACKAGING,
    WORK_SELF,
    not_product_word,
    product_kind,
    says_how,
    wanted_part,
)
from assistant.messages import SQUASHED
from assistant.people import (
    AGE,
    AGE_LIST,
    AGE_RANGE,
    BRAND_RECIPIENTS,
    BRAND_WHOSE,
    GIFT,
    GRADE_OF,
    GRADER,
    OCCASION,
    PRODUCT_RECIPIENTS,
    RECIPIENTS,
    TWO_AGES,
    foreign_recipient,
    read_age,
    told_of,
)
from assistant.prices import strip_price_phrases
from assistant.ratings import (
    NOT_CHEAP,
    RATING_BOUNDS,
    RATING_COUNT,
    SOFT_CHEAP,
    SOFT_RATING,
    read_rating,
    read_rating_count,
    strip_matches,
)
from assistant.starters import SEASONED
from assistant.stories import doings, is_story, told_want
from assistant.unwanted import DONE_WITH, NOT_THIS
from retrieval import units

#: Whom an age of two or more cannot be.
_BABIES = frozenset(["baby", "babies", "infant", "newborn"])
#: Words that make the next one someone's: "my baby", "for a toddler".
_WHOSE = frozenset(["my", "our", "his", "her", "their", "your", "a", "an", "the", "for", "new"])

#: Sizes worn things are sold in, as words.
WORN_SIZE = r"x-?small|small|medium|large|x-?large|xx?l|xs"
_SIZES = [
    re.compile(rf"\b\d[\d,]*\s*(?:\+\s*)?-?\s*(?:{units.alternation(names=('piece', 'pack'))})", re.I),
    re.compile(r"\b(?:pack|set|box|bag|case) of \d[\d,]*\b", re.I),
    # two sides: "bubble mailers 6x10", "6 x 9ish" (not a drive: "a 4x4 rc truck")
    re.compile(r"\b\d{1,3}(?:\.\d+)?\s*[x×]\s*\d{1,3}(?:\.\d+)?(?=ish\b|\s*(?:in\b|inch|\"|cm|mm)|\b)(?!\s*(?:\w+\s+)?(?:rc|truck|trucks|drive|wd|car|cars|suv|jeep|crawler|off)\b)", re.I),
    re.compile(r"\b(?:\d/\d|full|half|three[- ]quarters?|one[- ]half)\s*-?\s*size\b", re.I),
    re.compile(r"\b[1-4]/(?:2|4|8|10|16)(?=\s+(?:scale\s+)?(?:violins?|violas?|cellos?|guitars?|bass|classical|acoustic|nylon|fiddles?)\b)", re.I),
    # a neck's length, as titles say it: "his teacher said short scale bc his hands wont reach"
    # (had searched "small bass band": preamp circuits beside basses)
    re.compile(r"\b(?:short|medium)[- ]scale\b(?!\s+(?:model|models|replica|figures?|diecast|die-cast)\b)", re.I),
    re.compile(r"\bsize\s+(?:x{0,3}[sml]|xx?l|small|medium|large|x-?large|\d+(?:\.\d)?(?:/\d+)?)\b", re.I),
    # a toddler's clothing size: "size 4T", "2T" (had searched "4T": a karaoke hard drive)
    re.compile(r"\b(?:size\s+)?[2-5]t\b", re.I),
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
    # (no short mark but the inch's: "3M" is a maker, "20 in a pack" a count; a weight in kilos:
    # "show me the same but in 2kg" after 1 kg spools had searched "2kg")
    re.compile(rf"\b\d+(?:\.\d+)?\s*-?\s*(?:{units.alternation('length', 'volume', names=('oz', 'kg', 'key', 'string'), marks=False)}"
               r"|in\.|\"|”|l\b|ga\b)(?!\s*(?:dogs?|cats?|pupp(?:y|ies)|baby|babies|kids?|boys?|girls?|toddlers?)\b)", re.I),
]  # fmt: skip
#: A game, whose size is how many play it.
_GAME = re.compile(r"\b(?:games?|puzzles?)\b|juegos?\b|游戏|桌游", re.I)
#: Something to play together, said without "game": "something the two of us can play".
_TO_PLAY = re.compile(r"\b(?:can|could|to|will|would)\s+play\b(?!\s+(?:the|a|an|guitar|piano|drums|music))", re.I)
_PLAYERS = re.compile(
    r"\b(\d{1,2}|two|three|four|five|six)\s*-?\s*(?:players?|people|ppl|persons|adults|friends|jugadores|personas)\b"
    r"|\b(?:the|just\s+the)\s+(two|three|four)\s+of\s+us\b"
    r"|([2-6])\s*(?:个人|人)",
    re.I,
)
_COUNT_WORDS = {"two": "2", "three": "3", "four": "4", "five": "5", "six": "6"}
#: What is said of the person, no product: how well the shopper knows them ("ive met him like
#: twice": a book titled "Twice" had been starred), whether it helps, where they do it.
_SAID_OF_THEM = re.compile(
    r"\b(?:i've|i have|we've|we have|i|we)\s+(?:only\s+|just\s+|barely\s+)?(?:met|known|seen)\s+"
    r"(?:him|her|them)\b(?:\s+(?:like|only|just|maybe))?(?:\s+(?:once|twice|a\s+(?:few|couple)(?:\s+of)?\s+times"
    r"|\w+\s+times))?|\bif\s+(?:that|it|this)\s+(?:helps|matters)\b"
    r"|\bin\s+(?:his|her|their|my|our)\s+(?:garage|basement|shed|spare\s+time|free\s+time|backyard|yard)\b"
    # how they are grown, and whom they play with: "my son is 15 but small for his age, and he
    # wants to play bass in his friends band" (had searched "small bass band": preamp circuits)
    r"|\b(?:small|tall|big|little|short|young|mature)\s+for\s+(?:his|her|their|my|our|your)\s+age\b"
    # how many come: "theres gonna be like 8 boys" (had searched "8 boys")
    r"|\bthere(?:'s|s|\s+is|\s+are|\s+will\s+be|'ll\s+be)\s+(?:gonna\s+be\s+|going\s+to\s+be\s+)?(?:like\s+|about\s+|around\s+|maybe\s+)?"
    r"\d{1,3}\s+(?:boys|girls|kids|children|people|guests|adults|of\s+(?:us|them))\b",
    re.I,
)
#: Whom an instrument is played with: "he wants to play bass in his friends band" (the band is no
#: product word; it had searched "small bass band": preamp circuits).
_PLAYS_IN_BAND = re.compile(
    r"\b(play(?:s|ing)?\s+(?:the\s+)?[a-z]+)\s+in\s+(?:his|her|their|my|our|a|the)\s+(?:(?:friends?'?s?|school|"
    r"church|garage|jazz|rock|cover|wedding|marching|youth|community)\s+)?band\b",
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
    # (and its party, someone's, of a year: "nerf guns for my sons 9th bday party" had searched
    # "party" and said nerf guns were not carried)
    rf"\b(?:for|on)\s+(?:the\s+|his\s+|her\s+|their\s+|our\s+|my\s+|a\s+)?(?:\w+'?s\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)\s+)?"
    rf"(?:(?:{OCCASION.pattern})(?:\s+part(?:y|ies)\b)?|part(?:y|ies)\b(?!\s+[a-z]))",
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
    # ("into" said of a person, not of where a thing goes: "plug my guitar into my laptop" had
    # made the laptop a liking)
    r"\b(?:(?<=is )into|(?<='s )into|(?<=s )into|(?<=are )into|(?<='re )into|(?<=really )into|(?<=super )into|"
    r"(?<=totally )into|(?<=big )into|(?<=very )into|(?<=so )into|(?<=been )into|(?<=also )into|(?<=both )into|"
    r"(?<=all )into|(?<=kinda )into|(?<=lately )into|(?<=currently )into|(?<=now )into|"
    r"obsessed (?:with|w/?)|fan of|interested in|loves?|likes|enjoys?"
    # ("she's big on fancy pens and journaling" had read no liking: a gag gift first)
    r"|(?:(?<=is )|(?<='s )|(?<=s )|(?<=are )|(?<='re )|(?<=really )|(?<=super )|(?<=very )|(?<=so )|"
    r"(?<=been )|(?<=also )|(?<=pretty ))(?:big|huge) on|(?:(?<='s )|(?<=is )|(?<=s ))(?:crazy|mad|nuts) about)(?![\w/])"
    # (a bare "like" is filler unless someone does it: "ive met him like twice" likes no "twice")
    r"|\b(?:i|we|they|you|kids|both|all|really|also|do|does|would|to)\s+like(?![\w/])"
    # what a child wants to be: "a costume for my 4 yr old, he wants to be a firefighter so bad"
    r"|\b(?:wants?|wanna|dreams? of being|pretends?)\s+(?:to\s+)?(?:be|become)\s+(?:a|an|the)\b"
    # a theme said after "something", ending its clause: "... an elvis shrine in her living room
    # ... something elvis, between 15 and 50" (a gift for a grandma had been searched)
    r"|\bsomething\s+(?!(?:small|smaller|large|big|bigger|little|cheap|cheaper|simple|easy|quick|different|"
    r"special|unique|useful|practical|educational|personal|meaningful|sentimental|funny|silly|cute|pretty|fancy|"
    r"classy|else|new|old|similar|sturdy|durable|portable|quiet|fun|nice|cool|good|better|decent)\b)"
    r"(?=(?:[a-z][\w'-]*\s+)?[a-z][\w'-]*\s*(?:[,.;!?]|$|\s(?:for|under|between|around|themed|related)\b))"
    # what a grown-up teaches: "my sons 3rd grade teacher, she teaches the science part"
    r"|\b(?:she|he|who|they)\s+teach(?:es)?(?:\s+(?:the|mostly|all))?(?=\s+[a-z])"
    # what a reader reads: "he reads a lot of history" (the ebooks had been any ebooks)
    r"|\b(?:she|he|who|they|mostly|mainly|only)\s+reads?\s+(?:(?:a\s+lot\s+of|lots\s+of|tons\s+of|mostly|mainly|"
    r"only|all\s+the)\s+)?(?=[a-z]+\b(?!\s+(?:book|books|novels?|ebooks?)\b))",
    re.I,
)  # fmt: skip
#: What is no pastime where one is played, hosted or joined: "plays outside every day", "joined a
#: new group".
_NOT_PASTIME = (r"(?:outside|together|with|around|it|them|there|here|music|games?|a|an|the|new|little|"
                r"support|study|book|parent|parents|play|moms?|dads?|mommy|facebook|whatsapp|chat|group|party|dinner|"
                # (whom, and how: "hosting family on saturday", "plays online every night")
                r"family|friends|guests|people|everyone|relatives|kids|students|mothers|youth|singles|grief|prayer|"
                r"bible|online|alone|hard|outdoors|inside|[a-z]+ly)\b")
#: A liking said in other words: "she's completely horse crazy", "my 2 boys are pokemon card
#: crazy", "its all hot wheels all the time", "wont stop talking about fountain pens", "he keeps
#: eyeing metal ones" (each had been searched as said: "horse crazy posters", a kind "been").
_LIKING_SAID = re.compile(
    r"\b(?:is|are|'s|'re|been|am|'m|and)\s+(?:(?:completely|totally|so|super|absolutely|really|kinda|just|all)\s+)?"
    r"(?!(?:driving|making|going|getting|drive|drives|make|makes|go|goes|gone|went|stir|some|a|an|the)\b)"
    r"(?P<thing>[a-z][\w'-]*(?:\s+(?!crazy\b|mad\b|me\b|us\b|him\b|her\b|them\b|you\b)[a-z][\w'-]*)?)[\s-]+(?:crazy|mad|obsessed)\b"
    # (crazy said of the person, the clause ending there: not "crazy glue", "crazy fast")
    r"(?=\s*(?:[^\w\s]|$)|\s+(?:and|but|so|lol|haha|rn|lately|these\s+days|right\s+now|posters?)\b)"
    r"|\bit(?:'s|s|\s+is)\s+all\s+(?P<all>[a-z][\w' -]{1,30}?)\s+all\s+(?:the\s+)?(?:time|day)\b"
    r"|\b(?:won'?t|can'?t|doesn'?t|never|wont|cant|doesnt)\s+stops?\s+talking\s+about\b"
    r"|\b(?:crazy|mad|nuts|wild)\s+(?:about|for|over)\b"
    r"|\b(?:keeps?|kept|has\s+been|have\s+been|been)\s+(?:eyeing|eying|talking\s+about|looking\s+at|asking\s+(?:for|about))\b"
    # a pastime said by what is done at it: "just joined a mahjong club at her church", "hosts
    # poker every friday", "played cribbage every single night on his navy ship" (each had read no
    # liking: "her own" and "navy" were searched)
    r"|\bjoin(?:ed|s|ing)?\s+(?:a|an|the|our|her|his|their)\s+(?:(?:local|new|little|weekly|church|community)\s+)?"
    rf"(?P<club>(?!{_NOT_PASTIME}|(?:local|new|little|weekly|church|community|school|youth|adult|senior)\b)[a-z][\w'-]*)\s+"
    r"(?:club|group|league|circle|night|meetup|band|choir|orchestra|ensemble)\b"
    rf"|\bhost(?:s|ed|ing)?\s+(?:a\s+|the\s+)?(?P<host>(?!{_NOT_PASTIME})[a-z][\w'-]*)\s+(?:(?:night|game|games)\s+)?"
    r"(?:every|each|once|twice|weekly|monthly|on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
    rf"|\bplay(?:s|ed)?\s+(?P<plays>(?!{_NOT_PASTIME})[a-z][\w'-]*)\s+(?:almost\s+|pretty\s+much\s+)?(?:every|each)\s+"
    r"(?:single\s+)?(?:day|night|week|weekend|morning|evening|afternoon|sunday|saturday|friday)\b"
    # a thing flown: "every summer at the beach my dad flies the same sad little diamond kite"
    r"|\bfl(?:ies|ew|y|ying)\s+(?:(?:a|an|the|his|her|their|same|sad|little|old|cheap|diamond|tiny|small|big|"
    r"toy|plastic)\s+){0,5}(?P<flies>kites?|drones?|rc\s+planes?)\b"
    # a thing had back then, missed still: "my wife had a tamagotchi in like 1998 and she STILL
    # talks about the one that died" (had searched "summer": summer novels)
    r"|\b(?:had|owned|loved)\s+(?:a|an)\s+(?P<had>[a-z][\w'-]*)\s+(?:in\s+(?:like\s+|the\s+)?(?:(?:19|20)\d\d|'?[0-9]0s)|"
    r"as\s+a\s+(?:kid|child|teen|girl|boy)|growing\s+up|back\s+in\s+(?:the\s+day|(?:19|20)\d\d|'?[0-9]0s))\b"
    # (missed still, said after it: not "my wife had a baby in 2023", "had a stroke in 2019")
    r"(?=[^.!?]{0,80}\b(?:still|misses|miss|missed|remembers?|talks?\s+about|nostalgi\w*)\b)",
    re.I,
)


def _pastimes(text: str) -> list[str]:
    """The pastimes a message says by what is done at them (see `_LIKING_SAID`), in its order."""
    # (a band by its sort names what is played in it only where known: "joined the marching band,
    # what does she need" is no pastime "marching")
    return [_PLAYED_IN.get(said.lower(), said.lower()) for m in _LIKING_SAID.finditer(text)
            if (said := m["club"] or m["host"] or m["plays"] or m["had"] or m["flies"])
            and not (m["club"] and re.search(r"(?:band|choir|orchestra|ensemble)$", m.group(0), re.I)
                     and said.lower() not in _PLAYED_IN)]  # fmt: skip


#: What is played in a band named by it: "joined the local pipe band" plays the bagpipes.
_PLAYED_IN = {"pipe": "bagpipe", "bagpipe": "bagpipe", "steel": "steel drum", "brass": "brass instrument",
              "ukulele": "ukulele", "handbell": "handbells", "bell": "handbells"}  # fmt: skip


def _liking(m: re.Match[str]) -> str:
    """A liking said in other words, said as one the interests are read off: "loves horse"."""
    if said := m["thing"] or m["all"]:
        return f" loves {said}, "  # (the liking ends there: "horse crazy, posters all over")
    if said := m["club"] or m["host"] or m["plays"] or m["had"] or m["flies"]:
        return f" loves {said}; "  # (where and when are no liking: "poker every friday in his garage")
    return " loves "


#: Who runs a table game, said with the game: "the DM for our dnd group", "our GM in pathfinder".
_GAME_MASTER = re.compile(
    r"\b(?:the\s+|our\s+|a\s+)?(?:dm|gm|dungeon\s+master|game\s+master)\b"
    r"(?=.*\b(?:dnd|d&d|d\s*&\s*d|dungeons|rpg|campaign|pathfinder|tabletop)\b)",
    re.I,
)
#: A grown-up said by age: "a 60 yr old woman", "a 45 year old guy".
_AGED_ADULT = re.compile(
    r"(\b\d{1,3}\s*(?:-|\s)?(?:yrs?|years?|y/?o)(?:[- ]old)?)\s+(?:woman|women|man|men|lady|ladies|guy|guys|"
    r"gentleman|gentlemen)\b",
    re.I,
)
#: Someone said as the one buying: "grandma wants to get her a toy", "my mom is buying him".
_GIVER = re.compile(
    r"\b([a-z]+)\s+(?:wants?\s+to|would\s+like\s+to|is\s+going\s+to|is)\s+(?:get|buy|give|getting|buying|giving)"
    r"\s+(?:her|him|them|his|their|my|our|a|an|something)\b"
    # a parent-to-be: "my sister is having twins" is for the babies (the lead had said "fits best
    # for your sister" of baby toys)
    r"|\b([a-z]+)\s+(?:is|'s)\s+(?:having|expecting)\s+(?:a\s+baby|twins|triplets|a\s+little\s+one)\b"
    # said as an aside: "..., grandma buying lol", "mom paying"
    r"|\b([a-z]+)\s+(?:is\s+)?(?:buying|paying)(?=\s*(?:lol|haha|lmao|tho|though|[,.!?]|$))",
    re.I,
)
#: Where a list of what someone likes ends, and how many of its things are read.
_LIKED_ENDS = re.compile(
    r"[.;:!?()]|\s[-–]\s|\b(?:but|so|because|cuz|bc|who|which|that|since|for|under|around|about|especially|"
    r"particularly|mostly|mainly|like|such\s+as|anything|something|"
    r"budget|need|needs|want|wants|and\s+(?:is|she|he|they|i|we|wants|needs|has|have|loves|likes|reads|"
    r"plays|just|already|also|really))\b",
    re.I,
)
_LIKED_ITEMS = 4
#: How often something happens: "like every 2 weeks", "every 10 min i swear", "twice a day".
_HOW_OFTEN = re.compile(
    r"\b(?:like\s+)?every\s+(?:\d+|few|couple(?:\s+of)?|other|single)?\s*(?:min(?:ute)?s?|hours?|hrs?|days?|"
    r"weeks?|months?|times?|gigs?|sessions?)\b|\b(?:once|twice|\d+\s+times)\s+a\s+(?:day|week|month)\b",
    re.I,
)
#: Someone whose word sets a rule, not whom the product is for: "landlord says no nails", "her
#: mom will kill me", "my wife won't let me".
_RULES = re.compile(
    r"\b([a-z]+)\s+(?:(?:says|said|told\s+(?:me|us))\s+(?:no|not|nothing|we\s+can'?t|i\s+can'?t)|won'?t\s+let|wont\s+let|doesn'?t\s+(?:let|allow)|"
    # what is asked for by someone's say: "the teacher says 61 keys minimum" (had been a gift
    # "for your teacher"), "coworkers will murder me" ("for coworkers")
    r"(?:says|said|told\s+(?:me|us))\s+(?=\d|(?:we|you|i|they|she|he)\s+(?:need|should|must|have\s+to)\b|it\s+(?:should|has\s+to|must|needs)\b|"
    r"(?:at\s+least|minimum|min)\b)|"
    r"(?:will|would|is\s+gonna|are\s+gonna|is\s+going\s+to|are\s+going\s+to)\s+(?:kill|murder|hate)\s+(?:me|us))",
    re.I,
)
#: Someone a thing came from: "a used one i got off a friend", "borrowed it from my uncle".
_CAME_FROM = re.compile(
    r"\b(?:got|bought|borrowed|inherited|took|had|was\s+given|handed\s+down)\s+(?:it|one|this|that|them|these|"
    r"those)?\s*(?:off|from)\s+(?:a|my|our|an\s+old)\s+([a-z]+)\b",
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
#: An instrument someone played once: "he played harmonica in a band back in the 70s".
_PLAYED = re.compile(r"\b(?:played|used\s+to\s+play)\s+(?:the\s+|a\s+|an\s+)?([a-z]{3,})\b", re.I)
#: What someone does for a living, said of them: "who's a night shift nurse", "he's a retired cop".
_JOBS = (
    r"nurse|doctor|physician|surgeon|firefighter|fireman|paramedic|emt|cop|police\s+officer|"
    r"officer|lawyer|attorney|accountant|engineer|mechanic|electrician|plumber|carpenter|"
    r"architect|pilot|chef|cook|dentist|pharmacist|vet|veterinarian|farmer|soldier|"
    r"developer|programmer|librarian|therapist|realtor|banker|trucker|truck\s+driver|"
    r"hairdresser|barber|scientist|researcher|professor|teacher|student"
)
_IS_A_JOB = re.compile(
    rf"\b(?:who'?s|who\s+is|he'?s|she'?s|hes|shes|he\s+is|she\s+is|is|was|works\s+as)\s+(?:a|an)\s+"
    rf"(?:[a-z-]+\s+){{0,2}}?(?:{_JOBS})s?\b",
    re.I,
)
#: What a person is like, said of them, and what the shopper does not know of them.
_TEMPER = (
    r"shy|anxious|introverted|introvert|outgoing|quiet|nice|chill|sweet|serious|funny|grumpy|"
    r"reserved|private|picky|fussy|busy"
)
WHO_THEY_ARE = re.compile(
    rf"\b(?:really|very|super|kinda|pretty|so|a\s+bit|painfully|quite)\s+(?:{_TEMPER})"
    rf"(?:\s*(?:,|and|&)\s*(?:{_TEMPER}))*\b"
    # (or alone between commas: "it's our IT guy, super quiet, been there forever")
    rf"|(?<=,)\s*(?:shy|anxious|introverted|quiet|reserved|grumpy)\s*(?=,)"
    r"|\b(?:(?:is\s+)?the\s+)?(?:guy|gal|person|type|one)\s+who\s+has\s+everything\b|\bwho\s+has\s+everything\b"
    r"|\b(?:the\s+)?only\s+thing\s+i\s+know\s+(?:is|about\s+(?:him|her))\b"
    r"|\bbeen\s+(?:there|here|at\s+\w+)\s+(?:forever|for\s+ages|for\s+years|(?:for\s+)?\d+\s+years)\b"
    r"|\b(?:no|zero)\s+(?:idea|clue)\s+what\s+(?:he|she|they)(?:'s|'re|\s+is|\s+are)?\s+(?:into|likes?)\b"
    r"|\b(?:don'?t|dont|do\s+not)\s+(?:really\s+)?know\s+what\s+(?:he|she|they)(?:'s|'re|\s+is|\s+are)?\s+"
    r"(?:into|likes?)\b"
    # ("she's a workaholic and i don't really know her" had the kind "workaholic")
    r"|\b(?:i\s+)?(?:don'?t|dont|do\s+not)\s+(?:really\s+)?know\s+(?:her|him|them)(?:\s+(?:well|that\s+well|much))?\b"
    r"|\b(?:he|she|they)(?:'s|'re|\s+is|\s+are)\s+(?:a\s+)?(?:total\s+|huge\s+|big\s+|bit\s+of\s+a\s+)?"
    r"(?:workaholic|perfectionist|introvert|extrovert|homebody|neat\s+freak|night\s+owl|early\s+bird)s?\b",
    re.I,
)
#: A baby whose sex is not known yet: "they're not finding out the gender".
_NO_GENDER = re.compile(
    r"\b(?:(?:they'?re|we'?re|they\s+are|we\s+are)\s+)?not\s+finding\s+out\s+the\s+(?:gender|sex)\b"
    r"|\b(?:gender|sex)\s+(?:is\s+)?(?:unknown|a\s+surprise)\b",
    re.I,
)
#: People said to make music: "both parents are musicians" (what they love, not a product).
_ARE_MUSICIANS = re.compile(r"\b(?:are|is)\s+(?:both\s+)?(?:a\s+)?musicians?\b", re.I)
#: When someone works and has time: "who works nights", "on her breaks".
_ON_BREAKS = re.compile(
    r"\b(?:who\s+)?works?\s+(?:nights|days|late|weekends|from\s+home|long\s+hours|night\s+shifts?)\b"
    r"|\bon\s+(?:her|his|my|their)\s+(?:lunch\s+)?breaks?\b",
    re.I,
)
#: A thing said by what it looks like: "a lamp that looks like the moon" is a moon lamp, "a pencil
#: case shaped like a dinosaur" a dinosaur case (had searched "lamp looks moon"); one word after
#: "like", so "a doll that looks like a real baby" stays as said.
_LOOKS_LIKE = re.compile(
    r"\b([a-z]+)\s+(?:(?:that|which)\s+(?:looks?|is\s+shaped|are\s+shaped)|shaped)\s+like\s+"
    r"(?:an?|the)?\s*([a-z]+)\b(?!\s+[a-z]+(?:s|es)?\b(?<!\bfor)(?<!\bwith)(?<!\band)(?<!\bor)(?<!\bthat))",
    re.I,
)
#: What follows "star" in a name shoppers say ("star wars"), where "star" is no rating word.
_STAR_NAMES = frozenset(["wars", "trek", "trekkie", "citizen", "spinner", "sand", "projector"])


def named_star(words: Sequence[str], at: int) -> bool:
    """Whether the word at `at` is the "star" of a name ("star wars", "star trek": had been
    searched as "wars" and "trek"), not a rating's."""
    return words[at].lower() == "star" and at + 1 < len(words) and words[at + 1].lower() in _STAR_NAMES


def _not_filler(words: Sequence[str]) -> list[str]:
    """The words that are no filler (a name's "star" kept)."""
    return [w for at, w in enumerate(words)
            if (w not in FILLER and w not in _THEMED) or named_star(words, at)]  # fmt: skip


#: Words saying a thing is of a theme, not the theme: "something cat themed".
_THEMED = frozenset(["themed", "theme", "related", "inspired", "style", "stuff", "things"])
#: A child said fondly: "my little guy", "our lil man", "the little one".
_LITTLE_ONE = re.compile(
    r"\b(?:little|lil|wee)\s+(?:guy|man|dude|buddy|fella|monster|munchkin|one|ones)\b", re.I
)
#: Rough ground said to be driven on: "that can handle mud and puddles", "goes over grass".
_GROUND = r"mud|dirt|grass|puddles|gravel|sand|rocks|snow|rough\s+terrain|the\s+yard|the\s+backyard"
_ROUGH_GROUND = re.compile(
    rf"\b(?:that\s+|which\s+)?(?:can\s+|could\s+|will\s+)?(?:handle|handles|go(?:es)?\s+(?:on|through|over|in)|"
    rf"drive(?:s)?\s+(?:on|through|over|in))\s+(?:{_GROUND})(?:\s*(?:,|and|or|&)\s*(?:{_GROUND}))*\b",
    re.I,
)
#: What someone will dress up as: "he wants to be a firefighter", "going as a witch".
_DRESSED_AS = re.compile(
    r"\b(?:wants?\s+to\s+be|wanna\s+be|dress(?:es|ing)?\s+up\s+as|(?:is\s+)?going\s+as|go\s+as)"
    r"\s+(?:a\s+|an\s+|the\s+)?([a-z]+(?:\s+[a-z]+)?)",
    re.I,
)
#: Words that make what someone will be a costume ("... for halloween", "a dress-up outfit").
_COSTUME_CUE = re.compile(
    r"\b(?:costumes?|halloween|dress(?:ing)?[- ]?up|fancy\s+dress|cosplay|trick[- ]or[- ]treat\w*)\b",
    re.I,
)


def dressed_as(text: str, costumes: bool = False) -> re.Match[str] | None:
    """What someone will dress up as, where the words make it a costume ("my daughter wants to
    be a mermaid for halloween") or the talk is of costumes (`costumes`); its first group is what
    they will be."""
    return _DRESSED_AS.search(text) if costumes or _COSTUME_CUE.search(text) else None


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


#: Instrument sizes said in words, as titles write them: "half size violin" -> "1/2 size".
_FRACTIONS = {"half": "1/2", "one half": "1/2", "one-half": "1/2", "three quarter": "3/4",
              "three-quarter": "3/4", "three quarters": "3/4", "three-quarters": "3/4"}  # fmt: skip


#: A count's bound said before it: "nothing over 500 pieces", "at least 1000 pieces".
_AT_MOST_BEFORE = re.compile(
    r"(?:\b(?:nothing|no|not|none)\s+(?:over|above|more\s+than|bigger\s+than)|\b(?:under|below"
    r"|less\s+than|fewer\s+than|at\s+most|max(?:imum)?|up\s+to|smaller\s+than|no\s+bigger\s+than))"
    r"\s*(?:like\s+|about\s+|around\s+)?$", re.I)  # fmt: skip
_AT_LEAST_BEFORE = re.compile(
    r"\b(?:at\s+least|min(?:imum)?|over|above|more\s+than|bigger\s+than|upwards\s+of)\s*(?:like\s+)?$",
    re.I,
)
#: ... or after it: "500 pieces or less", "1000 pieces and up", "500 pieces max".
_AT_MOST_AFTER = re.compile(r"^\s*(?:or\s+(?:less|fewer|under|smaller)|max(?:imum)?\b|tops\b|at\s+most\b)", re.I)
_AT_LEAST_AFTER = re.compile(r"^\s*(?:or\s+(?:more|over|bigger)|and\s+up\b|\+|min(?:imum)?\b|at\s+least\b|plus\b)", re.I)


def _bounded(size: str, text: str, m: re.Match[str]) -> str:
    """A count with the bound said around it, as `fits.size_pattern` reads it: "nothing over 500
    pieces" is "500 pieces or fewer" (it had searched exactly 500), "500+ pieces" is "500
    pieces or more"; any other size as it is."""
    if not re.match(r"\d", size) or not units.is_unit(size.split()[-1], names=("piece",)):
        return size
    count = re.sub(r"\s*\+\s*", " ", size)
    before, after = text[max(0, m.start() - 30) : m.start()], text[m.end() :]
    if _AT_MOST_BEFORE.search(before) or _AT_MOST_AFTER.match(after):
        return f"{count} or fewer"
    if "+" in size or _AT_LEAST_BEFORE.search(before) or _AT_LEAST_AFTER.match(after):
        return f"{count} or more"
    if _TOO_FEW_AFTER.match(after) and (n := re.match(r"(\d+)(.*)$", count)):
        # "26 pieces isn't enough for two, anything bigger?": more than that (the 26-piece set had
        # been "the 26 pieces you asked for")
        return f"{int(n.group(1)) + 1}{n.group(2)} or more"
    return size


#: A count said to be too few: "26 pieces isn't enough", "50 is too few".
_TOO_FEW_AFTER = re.compile(
    r"^\s*(?:(?:is|are)(?:\s*n'?t|\s+not)\s+(?:enough|a\s+lot|many)|(?:is|are)\s+too\s+(?:few|small|little)|"
    r"(?:is|are)\s+not\s+enough|won'?t\s+be\s+enough|not\s+enough)\b",
    re.I,
)


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


#: A question tag at the end: "... are included right", "..., correct?".
_TAG_QUESTION = re.compile(r"[\s,]+(?:right|correct|yeah|yes|no|eh)\W*$", re.I)


#: A pastime said as what someone does, and how it is searched.
_DOING_OF = {"hunts": "hunting", "runs": "running", "bakes": "baking", "fishes": "fishing",
             "golfs": "golf", "knits": "knitting", "sews": "sewing", "cooks": "cooking",
             "camps": "camping", "hikes": "hiking", "paints": "painting", "draws": "drawing",
             "skis": "skiing", "surfs": "surfing", "swims": "swimming", "bikes": "cycling",
             "climbs": "climbing", "crochets": "crochet", "quilts": "quilting",
             "gardens": "gardening", "skates": "skating", "dances": "dancing", "sings": "singing"}  # fmt: skip
_DOES = re.compile(
    r"\b((?:he|she|they|who|and|(?:my|his|her|our)\s+[a-z]+(?:\s+in\s+law)?)\s+(?:also\s+|really\s+|still\s+|just\s+|loves?\s+to\s+)?)"
    rf"({'|'.join(_DOING_OF)})\b(?!\s+(?:on|off|out|for|with|a|an|the|it|fine)\b)",
    re.I,
)
#: How many titles must call a kind by a word of the story before it for the story's word to
#: join it ("poker chips").
_PAIRED = 3


def read_needs(text: str, title_counts: Mapping[str, int] | None = None) -> Needs:
    """Everything in the module docstring, from one message. `title_counts` (how many catalog
    titles use each word) lets a later clause name the kind: "my toddler keeps chewing on
    everything, any safe stacking toys?" asks for toys, not chewing."""
    text = SQUASHED.sub(lambda m: m.group(1) + " " + m.group(2), text)  # "atleast 4 stars"
    text = re.sub(
        "([一二三四五])(?=颗?星)", lambda m: str("一二三四五".index(m.group(1)) + 1), text
    )
    text = digit_ages(text)  # "三岁" -> "3岁"
    # a child said fondly: "my little guy is 5" (had searched "guy 5" and asked to check that
    # it fits "your guy 5")
    text = _LITTLE_ONE.sub("kid", text)
    text = _LOOKS_LIKE.sub(lambda m: f"{m.group(2)} {m.group(1)}", text)
    # what someone does, said as a verb, is searched as the doing: "for my dad, he hunts" is
    # hunting (had searched "hunts": Magic cards named "Hunt the Hunter")
    text = _DOES.sub(lambda m: m.group(1) + _DOING_OF[m.group(2).lower()], text)
    min_rating, phrase = read_rating(text)
    count = read_rating_count(text)
    text = GRADE_OF.sub(" ", text)  # "my sons 3rd grade teacher": who, not what
    text = _ROLE_OWNER.sub(" ", text)  # "my kids music teacher": the teacher
    text = _TAG_QUESTION.sub("", text)  # "test leads are included right": no "right" kind
    # a romance's trope is one word: "enemies to lovers" (the kind had been "enemies")
    text = re.sub(
        r"\b(enemies|friends|strangers|rivals|roommates)\s+to\s+(lovers)\b",
        r"\1-to-\2",
        text,
        flags=re.I,
    )
    # how often, said of a problem: "my e string keeps snapping like every 2 weeks" (a fitness
    # plan's "Six-Week" had been shown)
    text = _HOW_OFTEN.sub(" ", text)
    # "a thriller like Gone Girl": after "like" comes a title, not whom it is for
    who = _LIKE.sub(" ", text)
    # whom the product is not for is not whom it is for: "not the kids versions" (read as 3-12)
    who = NOT_THIS.sub(lambda m: " " if _KIDS_VERSION.search(m.group(0)) else m.group(0), who)
    # (the one buying is neither whom it is for nor their age: "my mom wants to buy my son a bike")
    givers = {next(g for g in m.groups() if g).lower() for m in _GIVER.finditer(who)}
    # (nor someone whose say is told: "landlord says no nails" is no gift for the landlord)
    givers |= {m.group(1).lower() for m in _RULES.finditer(who)}
    # (nor whom a thing came from: "a used one i got off a friend" had been "for your friend")
    givers |= {m.group(1).lower() for m in _CAME_FROM.finditer(who)}
    who = _GIVER.sub(lambda m: m.group(0)[len(next(g for g in m.groups() if g)) :], who)
    # a room named by whose it is names where, not whom: "a bunk bed for my boys room" (a doll's
    # bunk bed had been starred "for boys")
    who = ROOM_OF.sub(" room", who)
    # ("will be 10 in two weeks": 10, not 10 inches; "used to play as a kid": no age)
    age = read_age(_BACK_THEN.sub(" ", _WHEN.sub(" ", who)))
    words = re.findall(r"[\w'-]+", who.lower())
    # someone's said with "is" or "has": "my nephew's turning 15", "my daughter's 13" (not whose
    # someone else is: "my daughter's best friend"; the lead had said "for your mom" and "for your
    # cousin", others the story went on to name)
    spoken = [w.removesuffix("'s") if w.endswith("'s") and w.removesuffix("'s") in RECIPIENTS
              and not any(n in RECIPIENTS for n in words[at + 1 : at + 3]) else w
              for at, w in enumerate(words)]  # fmt: skip
    # "a doll that looks like a real baby for my 3 year old": a word that also describes products
    # (baby, kids, toddler) names whom it is for only when said as someone's ("my baby")
    # a maker's name is someone's only when said as someone's: "my boss", not "boss katana amp"
    # or "compare the boss ds-1"
    # whoever is buying is not whom it is for: "grandma wants to get her a toy" is for a baby
    # (the lead had said "fits best for your grandma")
    # someone else's, told of, is no one it is for: "his parents are my friends i want to stay
    # friends", "her mom will kill me if theres plaster dust" (a refine had been "for parents")
    givers |= {w for at, w in enumerate(spoken[1:-1], start=1)
               if told_of(spoken, at)}  # fmt: skip
    recipient = next((w for at, w in enumerate(spoken) if w in RECIPIENTS and w not in givers and (
        (w not in PRODUCT_RECIPIENTS and w not in BRAND_RECIPIENTS)
        or (at and spoken[at - 1] in (BRAND_WHOSE if w in BRAND_RECIPIENTS else _WHOSE)))), None)  # fmt: skip
    # whom it is for, said after "for": "my sister wants a microscope for her son" is for the son
    # (the lead had said "fits best for your sister")
    if (someone := _FOR_SOMEONE.search(who)) and someone.group(2).lower() in RECIPIENTS:
        # (someone else's: "her son", "my girlfriend's dad" are no "your son", "your dad", so the
        # answer names no one)
        own = someone.group(1).lower() in ("my", "our") and "'s" not in someone.group(0)
        recipient = someone.group(2).lower() if own else None
    if recipient is None and (recipient := foreign_recipient(who)) is not None and age is None:
        # whom it is for, in another language: a grown-up's age where they are one
        age = read_age(recipient)
    if recipient in _BABIES and age is not None and age[0] >= 2:
        # a baby the story names is not whom a 5-year-old's is for: "my 5yo wants to make music
        # but nothing too loud, we share a wall with people who just had a baby"
        recipient = None
    # (how tall someone is is no size of a product: "shes about 4 foot 2", "hes like 5'6")
    sized = _HEIGHT.sub(" ", text)
    sizes = tuple(dict.fromkeys(
        _bounded(_fraction(m.group(0).strip()), sized, m) for rx in _SIZES for m in rx.finditer(sized)))  # fmt: skip
    # a size turned down is no size asked: "25 pieces seems tiny. something with more pieces"
    # (had said "None of these comes in 25 pieces")
    sizes = tuple(s for s in sizes if not re.search(
        rf"(?<![\w/.]){re.escape(s)}\s+(?:seems?|is|are|looks?|sounds?|feels?)\s+(?:way\s+|kinda\s+|really\s+|so\s+)?"
        r"(?:tiny|too\s+\w+|not\s+enough|skimpy|excessive|overkill)\b",
        sized, re.I) or len(re.findall(rf"(?<![\w/.]){re.escape(s)}(?![\w/])", sized, re.I)) > 1)  # fmt: skip
    # a size said not to be: "has to be 1.75 NOT 3mm" (had said "the 1.75mm and 3mm you asked for")
    sizes = tuple(s for s in sizes if not (
        (denied := len(re.findall(rf"\b(?:not|no|never|except|nor|but\s+not)\s+(?:the\s+|a\s+|any\s+)?{re.escape(s)}(?![\w/])", sized, re.I)))
        and denied == len(re.findall(rf"(?<![\w/.]){re.escape(s)}(?![\w/])", sized, re.I))))
    # one size said twice is one ("4/4" and "size 4/4": "the full size and 4/4 and size 4/4 you
    # asked for")
    sizes = tuple(s for s in sizes if not any(
        o != s and re.search(rf"(?<![\w/.]){re.escape(o)}(?![\w/.])", s) for o in sizes))  # fmt: skip
    if (_GAME.search(text) or _TO_PLAY.search(text)) and (players := _PLAYERS.search(text)):
        # how many play a game: "a card game for two people" is a 2-player game, as its titles
        # say it ("2 Player", "2-4 Players")
        said = next(g for g in players.groups() if g).lower()
        sizes += (f"{_COUNT_WORDS.get(said, said)} players",)
    occasion_m = OCCASION.search(text)
    # "for my dad's birthday": an occasion of someone's is a gift, though the word is not said
    gift = bool(GIFT.search(text) or _OCCASION_OF.search(text) or _TURNS.search(text)
                # ("my father in law is the guy who has everything": what to get him)
                or re.search(r"\bhas\s+everything\b", text, re.I)
                or _GIVING.search(text)
                # an occasion a story tells, or money put together: "bday in 2 weeks", "he retires
                # friday and we pooled like 50" (the stories had been searched word for word)
                or (occasion_m is not None and is_story(text))
                or re.search(r"\bwe\s+(?:pooled|chipped\s+in|pitched\s+in|all\s+chipped\s+in)\b", text, re.I))  # fmt: skip
    rest = strip_price_phrases(strip_matches(text, [*RATING_BOUNDS, *RATING_COUNT, SOFT_RATING]))
    # "completely horse crazy": loves horses (before when: "hosts poker every friday")
    rest = _LIKING_SAID.sub(_liking, rest)
    rest = _WHEN.sub(" ", rest)  # "next week": when, not what
    # a grown-up said by age is whom, not what: "a 60 yr old woman" (had searched "woman": a
    # superhero book), not "the old man and the sea"
    rest = _AGED_ADULT.sub(r"\1", rest)
    # who someone has been, as who they are: "bf has been the DM for our dnd group" (the kind had
    # been "been")
    rest = re.sub(r"\b(?:has|have|had)\s+been\s+(?=(?:the|a|an|our|my|their)\b)", " is ", rest, flags=re.I)
    # who runs a table game is whom: "bf has been the DM for our dnd group" (a Denon DM microphone
    # had been starred)
    rest = _GAME_MASTER.sub(" ", rest)
    # where things are, said of the person: "posters all over her room" (the kind had been "room")
    rest = re.sub(r"\ball\s+over\s+(?:her|his|their)\s+(?:room|bedroom|walls?)\b", " ", rest, flags=re.I)
    if any(z.endswith(" players") for z in sizes) and not _GAME.search(text):
        # how many play, said without a game, is no product: "the two of us can play, just two
        # people" (with a game it stays searched as titles say it: "board game 2 players")
        rest = _PLAYERS.sub(" ", rest)
    rest = GRADER.sub(" ", rest)  # "my 3rd grader": whom, of an age
    rest = _GIVING.sub(" ", rest)  # "end of year thank you from the class": a gift, no "end"
    rest = WORK_SELF.sub(" ", rest)  # "i teach middle school science and need ...": who, not what
    rest = _ASIDE.sub(" ", rest)  # "ok weird request but i need kazoos": no weird request searched
    # "ive met him like twice", "if that helps", "in his garage": what is said of the person
    rest = _PLAYS_IN_BAND.sub(r"\1", _SAID_OF_THEM.sub(" ", rest))
    # what they own already, and how cheap: "he already has like 6 cubes", "cheaper is better"
    rest = _ALREADY_HAS.sub(" ", SOFT_CHEAP.sub(" ", rest))
    rest = _USED_TO.sub(" ", rest)  # "my grandpa used to play harmonica": no used harmonica
    rest = _BACK_THEN.sub(" ", rest)
    rest = _HOW_MUCH.sub(" ", rest)  # "the clock by itself, how much is it": no kind "much"
    rest = _RESTLESS.sub(" bored ", rest)  # "climbing the walls": bored, no climbing holds
    rest = _AS_HARD_AS.sub(" ", rest)  # "her bench is rock hard": a complaint, no rocks
    rest = _JOURNEY.sub(" travel ", rest)  # "on a long car ride": travel (toys, games), no car
    # where it stands, as titles say it: "something she could keep on her desk" (desks had been
    # shown to a coworker)
    rest = re.sub(
        r"\bon\s+(?:her|his|my|your|their|our|the|a)\s+desk\b", " desktop ", rest, flags=re.I
    )
    # when and of what age, said of the person: "what do babies that age even play with these
    # days" (had searched "babies days")
    rest = re.sub(
        r"\b(?:these|those)\s+days\b|\bnowadays\b|\b(?:at\s+|of\s+)?that\s+age\b",
        " ",
        rest,
        flags=re.I,
    )
    # "a thriller i can finish": what they do, no "finish" searched (a clause ends there: "a
    # board game we can play as a family of five" is a game)
    rest = _CAN_DO.sub(" , ", rest)
    # where it goes is how it is sold: "an rc car that can handle mud and grass" is off-road (had
    # searched "mud grass" and starred a slot car set)
    rest = _ROUGH_GROUND.sub(" off-road ", rest)
    # who someone is, not what to buy: "the guy who has everything", "super quiet", "been there
    # forever", "no idea what he's into", "they're not finding out the gender" (each had been
    # searched: "guy" found Shy Guy figures, "gender" gender-reveal pinatas)
    rest = WHO_THEY_ARE.sub(" ", rest)
    # asking for help, or keeping to a choice, is no product: "can you help me figure out what
    # fits" (the kind had been "figure"), "nah stick with the pla 2 pack" (drumsticks)
    rest = re.sub(r"\b(?:help\s+(?:me\s+)?)?figure\s+out\b|\b(?:stick|stay)\s+with\b", " ", rest,
                  flags=re.I)  # fmt: skip
    rest = _NO_GENDER.sub(" gender neutral ", rest)
    # where a thing is carried is no product: "a hard case to carry it on the bus" (had searched
    # "bus": a toy school bus beside the cases)
    rest = re.sub(r"\bto\s+(?:carry|transport|take|bring)\s+(?:it|them)\b[^,.;!?]*", " ", rest,
                  flags=re.I)  # fmt: skip
    # when someone grows up: "wants to be a doctor when he grows up" (had searched "grows")
    rest = re.sub(r"\bwhen\s+(?:he|she|they|i)\s+grows?\s+up\b", " ", rest, flags=re.I)
    # what someone will do to the shopper: "her mom will kill me" (had searched "will kill")
    rest = re.sub(
        r"\b(?:will|would|gonna|is\s+going\s+to)\s+(?:kill|murder)\s+(?:me|us)\b",
        " ",
        rest,
        flags=re.I,
    )
    interests: list[str] = []
    for m in _INTEREST.finditer(rest):
        if m.group(0).lower().startswith("something") and recipient is None and age is None:
            continue  # (a theme for someone: "something co-op maybe" narrows the games on screen)
        tail = re.findall(r"[\w'-]+", rest[m.end() :])
        if re.search(r"\b(?:be|become)\s+(?:a|an|the)$", m.group(0), re.I):
            # (one word for what a child wants to be: "a firefighter so bad" is a firefighter)
            interests += [w.lower() for w in tail[:3] if w.lower() not in FILLER][:1]
            continue
        # each thing of a list they like, to the clause's end: "slime, taylor swift and making
        # friendship bracelets" (the bracelets had been left out, and their kit not recommended)
        said = _LIKED_ENDS.split(rest[m.end() :], maxsplit=1)[0]
        for item in re.split(r",|&|/|\b(?:and|or|plus)\b", said)[:_LIKED_ITEMS]:
            liked = [w.lower() for w in re.findall(r"[a-z][\w'-]*", item, re.I)]
            interests += _not_filler(liked)[:2]
    rest = _BECAUSE.sub(" ", rest)
    # what someone does for a living, beside what they love or want, is who they are: "my sister
    # who's a night shift nurse, she loves puzzles" (had said "We don't seem to carry night shift
    # nurse puzzles"), "my sister is a nurse who works nights and she's been wanting to learn
    # ukulele on her breaks" (the kind had been "nurse")
    unjobbed = _ON_BREAKS.sub(" ", _IS_A_JOB.sub(" ", rest))
    if interests or any(
        product_kind(c) for c in re.split(r"[,.;!?]|\band\b", unjobbed) if c.strip()
    ):
        rest = unjobbed
    rest = strip_matches(rest, [AGE_RANGE, AGE_LIST, TWO_AGES, *(rx for rx, _ in AGE)])
    if gift:
        rest = OCCASION.sub(" ", rest)  # "a birthday gift": the occasion is not a product word
    # "... for fathers day": when, not what (a Father's Day banner had been starred for a
    # recliner); "christmas lights" stay a product
    rest = _FOR_OCCASION.sub(" ", rest)
    rest = GIFT.sub(" ", rest)
    rest = _NEW_TO.sub(" ", rest)  # "something for a new dad": no new things
    rest = _OF_WHOM.sub(" ", rest)  # "twin 5 year old boys", "a retired teacher": who, not what
    rest = NOT_TOO.sub(" ", rest)  # "not too gory": no gory things searched ("Gory Dew")
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
    said = re.findall(r"[^\W_][\w'/.-]*", rest)
    for at, w in enumerate(said):
        lw = re.sub(r"-(?:y|ey|ish)$", "", w.lower().strip("'.-"))  # "something stem-y": stem
        if (
            not lw or (lw in FILLER and not named_star(said, at)) or "_" in lw or CALENDAR.fullmatch(lw)
            or says_how(lw)
        ):  # "max_price", "im_start": identifiers, not products
            continue
        if (
            (lw in RECIPIENTS or lw.removesuffix("'s") in RECIPIENTS)
            and lw not in PRODUCT_RECIPIENTS
            and lw in words
            and (lw not in BRAND_RECIPIENTS or lw == recipient)  # "boss katana": the maker
        ):
            continue  # "my dad's": who it is for, not a product word
        keep.append(re.sub(r"-(?:y|ey|ish)$", "", w.strip("'.-"), flags=re.I))
    # the kind is no size: "lab coat size medium" asks for a coat
    # who the shopper buys for, by what they do, is no kind: "my kids music teacher" (the word
    # stays searched: music gifts)
    named = _ROLE.sub(" ", rest)
    # (what is likened is no kind: "thriller ebooks along the lines of gone girl" had the kind
    # "gone"; the likeness alone names one: "something like a kalimba")
    kind = next((k for said in (_LIKE.sub(" ", named), named) if (k := (
        _asked_kind(said) or _framed_kind(said) or product_kind(strip_matches(said, _SIZES))
        or product_kind(said)))), None)  # fmt: skip
    if kind in PACKAGING:  # "kapton tape 1 inch roll": read with its size, how the tape comes
        # (or without how many of it: "petg filament 1.75mm black, need like 2 spools" is
        # filament; "a pencil box" stays a box)
        packs = "|".join(sorted(PACKAGING))
        counted = re.compile(rf"\b(?:\d+|a\s+few|several|two|three)\s+(?:{packs})\b", re.I)
        kind = product_kind(named) or kind
        if kind in PACKAGING and (many := counted.search(named)):
            kind = product_kind(named[: many.start()]) or kind
    if title_counts is not None:
        kind = _likeliest_kind(named, kind, title_counts)
    # (the story read as typed too: "my back isnt great" is a story before "isnt great" is cut)
    keep = _from_main_sentence(_without_story(keep, text, kind, own_only=True), rest, kind)
    if kind is not None and kind.lower() in BOOK_KINDS:
        # what the reader reads is the book's subject, though told as a story: "need an ebook for
        # my dad, he reads a lot of history" (any ebook had been shown)
        keep += [w for w in interests if w not in {k.lower() for k in keep}]
    if (
        kind is not None
        and kind.lower() in BOOK_KINDS
        and (like := _LIKE.search(text))
        and not re.search(r",\s*$", text[: like.start()])  # (", like small town": a filler)
    ):
        # a book named as a likeness: its title's words are no words of the books wanted ("a
        # thriller ebook, something twisty like gone girl" had shown "ALL HOPE IS GONE"), where
        # the shopper said what kind of book besides
        likened = {w.lower() for w in re.findall(r"[\w'-]+", like.group(0))}
        others = [w for w in keep if w.lower() not in likened]
        if [w for w in others if w.lower() != kind.lower()]:
            keep = others
    if (wanted := wanted_part(text)) is not None and (
        product_kind(strip_matches(wanted, _SIZES)) or ""
    ).lower() not in PACKAGING:
        # (how many of it, said after it, is no product after a story: "petg filament 1.75mm
        # black, need like 2 spools" had the kind "spools")
        # the product asked for after a story, not the story ("etsy shop selling crochet
        # plushies" had been searched, and "etsy" made poly mailers "not carried")
        said = {w.lower().strip("'.-") for w in re.findall(r"[^\W_][\w'/.-]*", wanted)}
        kind = product_kind(strip_matches(wanted, _SIZES)) or kind
        if kind is not None and kind.lower() in ACCESSORY:
            # a case, strap or strings for what the story says they have: "my kid takes her
            # tenor ukulele on the bus ..., want a padded case" (a tom case had been starred)
            said |= _owned(text[: text.find(wanted)], title_counts)
        # (the wanted words themselves where the story's words were all that was kept: "...
        # and our scale just died" had searched "total coffee snob")
        keep = [w for w in keep if w.lower().strip("'.-") in said] or [
            w for w in re.findall(r"[^\W_][\w'/.-]*", wanted) if not not_product_word(w)
        ] or keep
        if kind and len(keep) == 1 and title_counts is not None:
            kind_word = kind.lower()
            # what the story calls it, where titles say so too: "hosting poker night for the
            # guys, need chips" is poker chips (a single collectible chip had been starred)
            story = [w for w in re.findall(r"[a-z][a-z'-]+", text[: text.find(wanted)].lower())
                     if not not_product_word(w)]  # fmt: skip
            paired = max(story, key=lambda w: title_counts.get(f"{w} {kind_word}", 0), default="")
            if title_counts.get(f"{paired} {kind_word}", 0) >= _PAIRED:
                keep = [paired, *keep]
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
    if keep and all(w.lower() in _LITTLE_ONES for w in keep) and kind is None:
        # "what do babies that age even play with": toys for them ("babies" alone had found baby
        # dolls, which are for older children)
        keep = [*keep, "toys"]
    played = _PLAYS.search(text)
    # "stocking stuffers for a teen who plays guitar": the teen is whom it is for, not a product
    plays = [w.lower() for w in keep if w.lower() not in PRODUCT_RECIPIENTS]
    if gift and played and plays == [played.group(1).lower()]:
        # "a gift for my dad who plays guitar": he has one; a gift for a player is gear for it
        keep, kind = [played.group(1), "accessories"], None
    elif (gift or recipient) and played and SEASONED.search(text) and _GIFT_ASKED.search(text) and (
        instrument := next((w for w in plays if w in _INSTRUMENTS), None)
    ):
        # the same, told at length: "dad plays acoustic guitar every weekend, been playing 30
        # yrs, what do i get a guy like that" (beginners' guitars had been shown)
        styles = [w for w in plays[: plays.index(instrument)] if w in _STYLES]
        keep, kind = [*styles, instrument, "accessories"], None
    player = next((PLAYERS[w.lower()] for w in keep if w.lower() in PLAYERS), None)
    if player and all(w.lower() in PLAYERS for w in keep):
        # "a gift for a guitarist who has everything": the same, said of a player
        keep, kind = [player, "accessories"], None
    elif player:
        # a player beside what they need is the instrument's: "drummer bf broke his sticks
        # AGAIN, 5A wood tip" asks for drum sticks (had been "not carried")
        keep = [PLAYERS.get(w.lower(), w) for w in keep]
    recalled = False  # an instrument played back then, given (see `_PLAYED`)
    if (
        gift
        and (past := _PLAYED.search(text))
        and (played_kind := product_kind(past.group(1)))
        and kind in (None, played_kind)
    ):
        # what someone played back then, for a gift: the instrument itself ("the guy who has
        # everything ... he played harmonica in a blues band back in the 70s")
        keep, kind = [past.group(1)], played_kind
        recalled = True
    if gift and _ARE_MUSICIANS.search(text) and "musical" not in (w.lower() for w in keep):
        # "a baby shower gift ..., both parents are musicians": a musical one (the word had been
        # the kind "musicians")
        keep = [*(w for w in keep if not w.lower().startswith("musician")), "musical"]
        kind = None if (kind or "").lower().startswith("musician") else kind
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
    if (gift or recipient) and is_story(text) and not recalled:
        if (
            age is not None
            and age[1] < 18
            and not re.search(r"\d", who)
            and _GROWN_UP_STORY.search(text)
        ):
            # whom a story grows up: "my niece just finished her chemistry degree and starts her
            # PhD" is no child (a niece had been read as 3 to 14)
            age = (18.0, 99.0)
        wish = told_want(text) or ""
        # (an idea turned down is none: "thinking a plush but she already has like 20")
        # (nor a doing wanted: "i want to surprise her" had the kind "surprise")
        named = "" if re.search(r"\b(?:but|though|tho|already)\b|^to\s", wish, re.I) else wish.split(",")[0]
        wanted = product_kind(named) if named else None
        if wanted and not re.search(r"\b(?:something|anything|one|ones|gift|gifts|present|idea|ideas|stuff)\b",
                                    wish, re.I):  # fmt: skip
            # a story that names what is wanted asks for it: "... shes super into zelda and hums
            # the songs all the time. thinking an ocarina??" (had searched "songs"); what the
            # person loves ranks them ("Legend of Zelda Ocarina")
            keep = [w for w in re.findall(r"[a-z][\w'-]*", named.lower()) if not not_product_word(w)]
            kind, gift = wanted, True
        elif done := [*dict.fromkeys([*_pastimes(text), *doings(text)])] or interests:
            # (a pastime said by what is done at it first: "had a tamagotchi in like 1998 ... at
            # summer camp" is the tamagotchi)
            # (a player's gift is gear for it, as in "a gift for my dad who plays guitar")
            done = [f"{d} accessories" if d in _INSTRUMENTS and re.search(
                rf"\bplays?\s+(?:the\s+|a\s+)?{re.escape(d)}\b", text, re.I) else d for d in done]  # fmt: skip
            # a gift told as a story: what the person does, not the story's words ("He plays bass
            # in a garage band ..., watches cooking shows constantly" had searched "socks saw face
            # bass garage band college watches cooking shows", and shown socks)
            keep = " ".join(done[:_STORY_DOINGS]).split()
            interests += [w for thing in done for w in thing.split() if w != "accessories"]
            kind, gift = None, True
            broken = [b.lower() for b in _BROKEN.findall(text)]
            if (
                _NEW_ONE.search(text)
                # (not where the story breaks another thing: "... her phone screen is cracked ...
                # i want to get her a new one" is no tarot deck)
                and all(b in ("one", "deck", done[0].split()[-1], done[0].split()[-1].rstrip("s")) for b in broken)
                and (its_kind := product_kind(done[0]))
                and its_kind.lower() == done[0].split()[-1]
                and (title_counts is None or _titles(its_kind.lower(), title_counts) >= _KNOWN_KIND)
            ):
                # a new one of the thing they do it with is that thing: "her deck is falling apart
                # ... want to get her a new one" after "reads cards" (a card binder had been
                # recommended beside a tarot deck), "taught himself yoyo tricks ... a real one"
                kind = its_kind
            if (want := told_want(text)) and _FOR_THE_BABY.search(want):
                # what the parent does, for their baby: "He plays drums in a wedding band ... I
                # want something for the baby that's also kind of a nod to him" (drum case
                # covers had been shown "for your dad")
                keep = ["baby", *(w for w in keep if w != "accessories")]
                recipient, age = "baby", (0.0, 1.0)
        elif not (kind and _framed_kind(text) == kind) and (
            ((want := told_want(text)) is not None and product_kind(want) is None)
            or not (kind and re.search(rf"{_ASKED_FOR}(?:[\w'-]+\s+){{0,3}}{re.escape(kind)}", text, re.I))
        ):
            # (not where the kind is asked for in so many words: "want a little something for
            # each of them, lets start w dreidels" had searched toys for ages 2 to 11)
            # ... nor the story's words where what is wanted names nothing, or no product is
            # asked for ("I want to bring something for the big brother too ... He's two and
            # everything goes straight in his mouth" had the kind "straight", "Four of us from
            # book club are going in on a baby shower gift" the kind "four"): a gift for whom it is
            # for, by their age; a grown-up's is asked about (not "she needs a clarinet")
            # (a grown-up's: a gift for who they are, not the whole story searched)
            keep, kind, gift = ["gift", *([recipient] if recipient else [])], None, True
            if age is not None and age[1] < _CHILD_AGE:
                # (a child's, by their age: "He's two and everything goes straight in his mouth")
                keep = age_toys(age, recipient).split()
    if gift and kind is None and not keep and not interests and age is not None and age[1] < _CHILD_AGE:
        # a gift for a child of an age, nothing more said: toys for that age ("birthday present
        # for a 3 yo girl, under $25" had shown no card, only a question)
        keep = age_toys(age, recipient).split()
    if dressed := dressed_as(text):
        # what the child will dress up as is the costume ("a halloween costume for a 4 year old
        # who wants to be a firefighter" had starred a witch costume; "wants to be a mermaid for
        # halloween" a mermaid doll): searched and asked for as "firefighter costume"
        theme = list(
            itertools.takewhile(lambda w: w.lower() not in FILLER, dressed.group(1).split())
        )
        if theme:
            said = {w.lower() for w in re.findall(r"[a-z]+", dressed.group(0), re.I)}
            said |= {"costume", "costumes", "dress", "up", "dressing"}
            keep = [w for w in keep if w.lower() not in said] + [*theme, "costume"]
            kind = "costume"
    if kind and (scale := next((z for z in sizes if z.lower().endswith("scale")), None)) and scale.split()[0].lower() not in {w.lower() for w in keep}:
        # a neck's length is how titles name the instrument: "short scale bass" searched whole
        keep = [*scale.lower().replace("-", " ").split(), *keep]
    return Needs(
        min_rating=min_rating, prefer_rated=bool(SOFT_RATING.search(text)) and min_rating is None,
        prefer_cheap=bool(SOFT_CHEAP.search(text)) and not NOT_CHEAP.search(text),
        min_rating_count=count, recipient=recipient, age=age, sizes=sizes, gift=gift,
        occasion=occasion_m.group(0).lower() if occasion_m else None,
        interests=tuple(dict.fromkeys(interests)), product_words=" ".join(keep), rating_phrase=phrase,
        kind=kind,
    )  # fmt: skip


#: A gift wanted for the baby of whom the story tells.
_FOR_THE_BABY = re.compile(r"\bfor\s+(?:the|their|his|her)\s+(?:new\s+)?(?:baby|newborn|little\s+one)\b", re.I)
#: A quality said as hard as a thing, told of what they have: "rock hard", "stone cold" (no rock, stone).
_AS_HARD_AS = re.compile(r"\b(?:rock|stone|bone|brick)\s+(hard|solid|cold|dry)\b", re.I)
#: A new one of what the person has: "want to get her a new one", "time to get him a real one".
_NEW_ONE = re.compile(r"\b(?:a|her|his|their)\s+(?:new|real|proper|better|nicer|own)\s+one\b", re.I)
#: Something had that broke, told: "her deck is falling apart", "his bike got stolen".
_BROKEN = re.compile(r"\b(?:my|his|her|their|our)\s+(?:[a-z]+\s+){0,2}?([a-z]+)\s+(?:is|was|got|just|has)\s+(?:\w+\s+)?"
                     r"(?:cracked|broken|stolen|lost|dead|falling|broke|died|ripped|torn|shattered|worn)", re.I)
#: How many titles must name a kind for a story's thing to be read as one.
_KNOWN_KIND = 5
#: Words a story asks for a product with: "she needs a clarinet", "he wants a new amp".
_ASKED_FOR = (r"\b(?:needs?|wants?|looking\s+for|get\s+(?:him|her|them)|buy\s+(?:him|her|them)|asked\s+for|"
              r"wish(?:es)?\s+for|dreaming\s+of|saving\s+for|has\s+(?:been\s+)?wanting)\s+(?:(?:a|an|some|the|new|his|her)\s+)?")  # fmt: skip
#: A story's child is given toys: under this age, and a toddler's up to the second.
_CHILD_AGE, _TODDLER_AGE = 13, 3


#: A gift idea asked, not a product: "what do i get a guy like that", "gift ideas?".
_GIFT_ASKED = re.compile(
    r"\bwhat\s+(?:do|should|can|could|would)\s+(?:i|we)\s+(?:get|buy|give)\b|\bgifts?\b|\bpresents?\b|\bideas?\b",
    re.I,
)
#: The sort of an instrument said before it: "acoustic guitar", "electric bass".
_STYLES = frozenset(["acoustic", "electric", "classical", "bass", "jazz", "folk", "upright"])


def age_toys(age: tuple[float, float], recipient: str | None = None) -> str:
    """The search of a gift for a child by their age alone: "baby toys", "toddler toys", "kids
    toys"; "" for a grown-up's."""
    if age[1] >= _CHILD_AGE:
        return ""
    # (a baby's range, as "baby" says it: "baby shower gift" had shown toddler toys for 3+)
    young = ("baby" if age[1] <= 1 or recipient in _BABIES or (recipient is None and age[0] < 1 and age[1] <= 2)
             else "toddler" if age[1] <= _TODDLER_AGE else "kids")  # fmt: skip
    return f"{young} toys"
#: Instruments a player of which is given gear for it.
_INSTRUMENTS = frozenset([*PLAYERS.values(), "ukulele", "harmonica", "banjo", "mandolin", "drums",
                          "bass", "sax", "clarinet", "trombone", "viola"])  # fmt: skip
#: A grown-up's life, told: a degree, a job, a home of their own.
_GROWN_UP_STORY = re.compile(
    r"\b(?:degree|phd|master'?s|college|university|grad\s+school|med\s+school|job|works?\s+(?:in|at|as)|"
    r"career|retir\w*|married|husband|wife|apartment|first\s+place|mortgage|coworkers?)\b",
    re.I,
)
#: At most this many of the things a story's person does are searched (the rest rank).
_STORY_DOINGS = 1


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


#: The very young, said alone: what is searched for them is toys.
_LITTLE_ONES = _BABIES | {"toddler", "toddlers", "infants"}
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
    stories = [c for c in clauses[at + 1 :]
               if (not own_only and STORY_CLAUSE.match(c) and not _TELLS_LIKING.search(c)) or _OWN_STORY.match(c)]  # fmt: skip
    told = {w.lower() for c in stories for w in re.findall(r"[^\W_][\w'/.-]*", c)}
    before = {w.lower() for c in clauses[: at + 1] for w in re.findall(r"[^\W_][\w'/.-]*", c)}
    kept = [w for w in words if w.lower() not in told or w.lower() in before]
    # a story of how they take to the thing already asked for names nothing new: "what about for
    # a 14 year old instead, he's actually getting kinda serious about it" (had searched "getting
    # serious", and said "we don't seem to carry for a 14 year old")
    of_it = stories and all(_OF_IT_STORY.search(c) for c in stories)
    return kept or ([] if of_it else words)


#: A story that ends on the thing already asked for: "he's getting serious about it".
_OF_IT_STORY = re.compile(r"\b(?:about|into|with|at|of|on)\s+(?:it|them|that|this)\W*$", re.I)


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
    r"(?:should|would|do|does|can|could|to|will|might)\s+(?:i|he|she|we|they|you|my|our|get|buy|use)\b"
    # a thing asked last, alone: "her bench is rock hard tho, a cushion?" (had the kind "bench")
    r"|[,.;]\s*(?:(?:so|maybe|like|then)\s+)?(?:a|an|some)\s+([a-z][\w'-]*)\s*\?+\W*$",
    re.I,
)


def _asked_kind(text: str) -> str | None:
    """The kind a question asks for, wherever it stands in the message ("my son just started
    drum lessons, what sticks should he get" asks for sticks, not lessons)."""
    m = _ASKED.search(text)
    if m is None:
        return None
    word = (m.group(1) or m.group(2)).lower()
    if m.group(2) and re.search(r"\b(?:my|his|her|our|their)\s+[a-z]+\s*,\s*(?:a|an|some)\s+[a-z]+\s*\?+\W*$", text, re.I):
        return None  # who they are: "what would you get for my husband, a nurse?"
    if word in NOT_KIND or not_product_word(word) or ATTRIBUTE.fullmatch(word) or len(word) < 3:
        return None  # "what size should I get" asks a size, not a product
    return word


#: A product named as a likeness: "a thriller like Gone Girl", "something similar to Catan".
_LIKE = re.compile(
    r"\b(?:(?<!i )(?<!we )(?<!they )(?<!who )(?<!would )(?<!i'd )(?<!he )(?<!she )(?<!you )(?<!kids )like"
    r"|similar to|such as|along the lines of)\s+(?!(?:my|our|his|her|their|your|a|an|the)\b)[A-Za-z]"
    r"[^,.;!?]*?(?=\s+(?:for|to|but|and)\b|[,.;!?]|$)",
    re.I,
)
#: A negation of a made-for-kids version: "not the kids versions", "no toddler toys".
_KIDS_VERSION = re.compile(r"\b(?:kids?|children'?s?|toddlers?|baby|babies)\b", re.I)
#: Said of someone new at it: "from scratch", "total noob", "complete newbie" (no scratch pads).
_NEW_AT = re.compile(
    r"\bfrom\s+scratch\b|\b(?:(?:a|an|total|complete|absolute|total)\s+)?(?:noob|newbie|n00b)s?\b"
    # ("she's been wanting to learn ukulele": a beginner's ukulele)
    r"|\b(?:(?:has|have|she'?s|he'?s|i'?ve|been)\s+)*(?:been\s+)?(?:wanting|wants|wanted|dying|meaning)\s+to\s+learn\b(?!\s+(?:to|how)\b)",
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
    # what the days will be like: "rainy week coming, need craft stuff" (had searched "week")
    r"|\b(?:rainy|snowy)\s+(?:week(?:end)?|days?)(?:\s+(?:coming|ahead))?\b"
    # when it began: "he just started bass guitar a few months ago" (the kind had been "ago")
    r"|\b(?:(?:a\s+)?(?:few|couple(?:\s+of)?)|some|several|\d+|one|two|three|four|five|six)\s+"
    r"(?:days?|weeks?|months?|years?)\s+ago\b|\blast\s+(?:week|month|year|summer|winter|spring|fall|christmas)\b"
    # the day it is for: "something fun for a rainy day" (it had searched rain boots and raincoats)
    r"|\b(?:(?:for|on)\s+)?(?:a|the)\s+(?:rainy|snowy|lazy|boring|cold|long)\s+(?:day|afternoon|weekend|evening|night)s?\b"
    # how often, and for how long: "she does crosswords every morning", "me and my son play after
    # dinner", "she taught chemistry for 30 yrs" (the kinds had been "morning", "dinner")
    rf"|\b(?:every|each)\s+(?:single\s+)?(?:morning|night|evening|afternoon|day|week|weekend|summer|{_DAYS})\b"
    r"|\bin\s+the\s+(?:mornings?|evenings?|afternoons?)\b|\b(?:after|before)\s+(?:dinner|lunch|breakfast|school|work|bed)\b"
    # a time the story happened in: "he got into 3d printing during lockdown" (the kind had been
    # "lockdown")
    r"|\b(?:during|in|over)\s+(?:the\s+)?(?:lockdown|pandemic|covid|quarantine)\b"
    # how much, said as people say it: "we're gonna go thru bubble juice like crazy, do u have
    # refill" (searched "go through bubble juice crazy refill": "We don't seem to carry" beside
    # two refills)
    # (at the clause's end: "something like mad libs", "like water guns" are things)
    r"|\blike\s+(?:crazy|mad|nuts|nobody'?s\s+business|there'?s\s+no\s+tomorrow|water)\b(?=\s*(?:[,.!?;]|$))"
    r"|\b(?:gonna|going\s+to|we'?ll|will|we|they|he|she|i|you)\s+(?:go|goes|went)\s+thr(?:u|ough)\b"
    # (not an age: "games for 6 year olds"), and what as: "retiring after 30 yrs as an electrician"
    # (its "after 30" had been searched: Regal RD-30 and Dirty 30's guitars)
    # ("for like 35 years": the "35" had been searched and tipped "that it fits your backgammon 35")
    r"|\b(?:for|after)\s+(?:(?:like|about|around|almost|nearly|over|roughly|maybe|some|the\s+(?:last|past))\s+)?"
    r"(?:\d+|a\s+few|many|several)\s*(?:yrs?|years?|decades?)\b(?![\s-]*olds?\b)"
    r"(?:\s+(?:as|of|in)\s+(?:an?\s+|the\s+)?[a-z]+)?",
    re.I,
)
#: What someone owns already, said of them: "he already has like 6 cubes" (no cubes searched).
_ALREADY_HAS = re.compile(
    # (or what a thing has: "the group gift already has like 6 onesies" had searched onesies)
    r"\b(?:he|she|they|i|we|(?:the|our)\s+group\s+gift)(?:'s|\s+has)?\s+already\s+(?:has|have|owns?|got)\b[^,.;!?]*", re.I
)
#: Children with nothing to do, said as people say it: "the kids are climbing the walls",
#: "bouncing off the walls", "going stir crazy" (a climbing-holds kit had been recommended).
_RESTLESS = re.compile(
    r"\b(?:climbing|bouncing\s+off|going\s+up)\s+the\s+walls\b|\b(?:going\s+)?stir[- ]crazy\b"
    r"|\bbored\s+out\s+of\s+(?:their|his|her|my)\s+minds?\b",
    re.I,
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
#: her she needs a clarinet", "is there some kind of pick holder that sticks on the guitar", "a
#: little something for each of them, lets start w dreidels".
_FRAME = re.compile(
    r"\b(?:is there|are there|do (?:you|u|y'all|you guys) (?:have|sell|carry|stock)|(?:i|we|she|he|they|and)\s+"
    r"(?:really\s+|just\s+|still\s+)?(?:needs?|wants?)|(?:i'?m|we'?re|i am|we are)\s+(?:looking|searching|"
    r"shopping)\s+for|(?:let'?s|lets|we'?ll|i'?ll)\s+(?:start|begin)\s+(?:w/?|with))\s+(?:(?:some|any|a|an)\s+)?(?:(?:kind|sort|type)\s+of\s+)?(?:(?:a|an|new|good|decent)\s+)*"
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


#: Why the shopper wants it, to the sentence's end: "because i watch videos on my lunch break"
#: (searched "watch videos lunch break").
_BECAUSE = re.compile(r"\b(?:because|cuz|coz|bc)\b[^.!?]*", re.I)
#: What the shopper can do with it, said after it: "a thriller ebook i can finish on a 5 hour
#: flight" (the verb had been searched and missed: "We don't seem to carry that").
_CAN_DO = re.compile(
    r"\b(?:that\s+|which\s+)?(?:i|we|he|she|they|you|u)\s+(?:can|could)\s+(?:actually\s+|easily\s+|just\s+|really\s+)?"
    r"(?!(?:spend|afford|pay|find|get|use|on|in|for|with|to|at|the|a|an|up)\b)[a-z]+\b",
    re.I,
)
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
