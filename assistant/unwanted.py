"""What the shopper says they do not want in the product: "nothing with glitter", "not the super
cheap steel ones", "any bright colour except black or white", "not a digital one", "allergic to
latex". These words are not searched (needs strips them); the titles that say them go down the
list and are not recommended, unless the title denies them ("Glitter-Free", "No Glitter").

A brand said this way is left out altogether (see cues' excluded brands); this is the soft part,
for features, materials, colours and kinds, which titles may well say in passing."""

from __future__ import annotations

import re
from collections.abc import Iterable

#: Having had enough of something: "bored of lego", "a puzzle instead of a tablet".
DONE_WITH = (
    r"(?:bored|tired|sick) (?:of|with)|instead of|rather than"
    r"|(?:kinda\s+|kind of\s+)?(?:outgrown|grown out of)"
)
#: The words that say a thing is not wanted: the one list every reading of "not X" starts from
#: (what is not wanted here, the makers left out in cues).
NEGATING = (
    r"not|no|nothing|without|isn'?t|aren'?t|except|exclude|excluding|other than|anything but|"
    r"but not|avoid|(?:does|do|did)\s?n'?t\s+(?:want|like)|dont\s+(?:want|like)|allergic\s+to|"
    # a dislike: "she hates pink" (had searched "pink"), "can't stand glitter"
    r"hates?|(?:can'?t|cannot)\s+stand|"
    # what it must do without: "a toy that doesn't need batteries" (batteries had been searched)
    r"(?:does|do)\s?n'?t\s+(?:need|use|require|take)|dont\s+(?:need|use|require)|"
    # one of the things asked, dropped: "skip the binder clips, found a whole tub" (not a rope)
    r"(?<![\w-])skip(?=\s+(?:the|those|these|all|any)\b)|" + DONE_WITH
)
#: A word that ends what is not wanted and starts saying why, for whom or how.
_ENDS = (
    r"(?:for|that|which|with|in|on|to|at|and|or|nor|but|because|bc|cause|cuz|since|as|please|pls|"
    r"plz|i|im|i'm|we|he|she|it|its|they|is|are|was|so|tho|though|just|if|when|then|than|my|your|"
    r"his|her|our|their|like|thanks|though)"
)
_WORD = rf"(?!{_ENDS}\b)[a-z][\w'-]*"
#: The colours a product is asked in.
COLORS = ("black", "white", "red", "blue", "green", "yellow", "pink", "purple", "orange", "brown",
          "gray", "grey", "silver", "gold", "beige", "navy", "teal")  # fmt: skip
#: Looks that may be had less of ("less pink", "less girly").
_LOOKS = "|".join([*COLORS, "glitter", "glittery", "sparkly", "shiny", "bright", "girly", "babyish",
                   "plastic", "colorful", "colourful", "flashy", "loud", "noisy"])  # fmt: skip
#: A thing the shopper does not want: "not another mug", "a microscope ... not a toy", "nothing
#: with glitter", "not the super cheap steel ones", "except black or white", "not one of those toy
#: ones that cant stay in tune", "no small parts like button eyes", "allergic to latex" (up to
#: three words, any "or" after them, and what they are said to do or be like).
NOT_THIS = re.compile(
    # what the cards on screen look like, as a complaint: "some of those look plastic" (had been
    # asked for: "None of these comes in wooden plastic")
    r"\b(?:some|most|a\s+few|a\s+couple|half|all|two|three)\s+of\s+(?:those|these|them|the\s+ones)\s+"
    r"(?:look|looks|seem|seems|feel|feels)\s+(?:(?:kinda|kind\s+of|too|so|very|pretty|really|a\s+bit|"
    r"like|cheap\s+and)\s+)*[a-z][\w'-]*"
    # less of something in it: "something less about battles and more about the people"
    rf"|\bless\s+(?:about|of)\s+{_WORD}(?:\s+{_WORD}){{0,1}}"
    # less of a look: "something less pink maybe more rainbow" (had been "pink, as you asked")
    rf"|\bless\s+(?=(?:{_LOOKS})\b){_WORD}"
    # less of a thing that a game or a book is driven by: "something more strategic, less dice
    # luck" (had searched dice games)
    rf"|\bless\s+{_WORD}(?=\s+(?:luck|based|heavy|focused|driven)\b)"
    # less of what it is like: "anything less nerdy?", "something less girly" (had searched nerdy)
    r"|\bless\s+(?=[a-z]+(?:y|ish)\b)(?!(?:pricey|costly|early|heavy)\b)[a-z]+"
    # against it: "my sister is super anti-plastic" (had searched "super anti-plastic")
    r"|(?<=\b(?:is|am|'s|re)\s)(?:(?:super|very|really|totally|pretty|kinda|so|quite)\s+)?anti[- ](?=[a-z]{3,})"
    r"(?!(?:stress|anxiety|slip|skid|static|fog|glare|theft|aging|bacterial|microbial|fatigue|"
    r"rust|scratch|vibration|shock|roll|tip|splash|colic|choke|choking|freeze|noise)\b)[a-z]+"
    rf"|\bnot\s+sure\b|\b(?:{NEGATING})\s+"
    # a degree: "not too loud", "nothing crazy expensive" (see needs)
    r"(?!(?:more|less)\s+than\b|(?:too|very|so|overly|crazy|super|insanely)\s)"
    r"(?:(?:one|any|some)\s+of\s+(?:those|these|the)\s+)?"
    # ("dont want anything with tiny parts": the parts are not wanted, not "anything")
    r"(?:(?:anything|something|stuff|things?)\s+(?:with|that\s+has|that\s+have|made\s+(?:of|with))\s+)?"
    # ("that isnt just another plastic figure": the figure is not wanted)
    r"(?:(?:just|simply|merely)\s+)?(?:(?:another|any|with|a|an|more|the|those|these|by|from|made\s+by)\s+)?"
    rf"{_WORD}(?:\s+{_WORD}){{0,2}}(?:\s+(?:or|nor)\s+(?:(?:a|an|the)\s+)?{_WORD})*"
    r"(?:\s+(?:that|which|like|such\s+as)(?:'ll|'d|'s|ll)?\s+[^,.;!?]*)?",
    re.I,
)
#: What they have already, said after the cards: "she already has like every lego set ever"
#: (had been a new search of the whole message: "I need a bit more to go on").
ALREADY_HAS = re.compile(
    r"\balready\s+(?:has|have|owns?|got)\s+(?:(?:like|about|literally|basically|pretty\s+much|"
    r"every|all|all\s+the|a\s+lot\s+of|lots\s+of|tons\s+of|a\s+bunch\s+of|\d+)\s+)*"
    rf"{_WORD}(?:\s+{_WORD}){{0,2}}",
    re.I,
)
#: Too young for them, said of the cards: "too babyish honestly shes almost 3", "a bit kiddy".
_TOO_YOUNG = re.compile(
    r"\b(?:too|a\s+bit|kinda|kind\s+of|way\s+too|a\s+little)\s+(?:babyish|baby|babyis|kiddy|kiddie|childish|"
    r"young\s+for\s+(?:her|him|them))\b"
    # "that's for babies, she's 10!"
    # ("it's for a toddler" says whom it is for, not that the cards are too young)
    r"|\b(?:that|those|these|they)(?:'s|'re|s|\s+are|\s+is)?\s+(?:\w+\s+)?for\s+"
    r"(?:babies|a\s+baby|toddlers|a\s+toddler|preschoolers)\b",
    re.I,
)
#: The cards said to be for children, of someone older: "nothing that looks childish", "that's
#: too kiddy", "he'd think that's a toy", "something more grown up".
CHILDISH = re.compile(
    r"\b(?:looks?|seems?|too|so|kinda|bit|nothing|not|less|anything)\s+(?:\w+\s+)?(?:childish|kiddy|kiddie|kiddish|juvenile)\b"
    r"|\b(?:think|say|feel)\s+(?:that'?s|it'?s|its|thats|they'?re)\s+(?:a\s+)?(?:toys?|for\s+(?:little\s+)?kids)\b"
    r"|\bmore\s+grown[- ]?up\b|\b(?:less|not\s+so)\s+(?:childish|kiddy|babyish|cartoon\w*)\b"
    # "those are for little kids, she's 15"
    r"|\b(?:that|those|these|they)(?:'s|'re|s|\s+are|\s+is)?\s+(?:\w+\s+)?for\s+"
    r"(?:little|small|young|younger)\s+(?:kids|children)\b",
    re.I,
)
#: A look or make that is not theirs: "mesh isn't really my style", "plastic is not her thing".
_NOT_MY_STYLE = re.compile(
    r"\b(?P<what>[a-z][\w-]+)\s+(?:isn'?t|is\s+not|aren'?t|are\s+not|ain'?t)\s+(?:really\s+|quite\s+)?"
    r"(?:my|his|her|their|our)\s+(?:style|thing|taste|vibe|jam)\b",
    re.I,
)
#: Words a "not my style" is said of that name no look: "this isn't her style", "the color".
_NOT_A_LOOK = frozenset(["this", "that", "it", "color", "colour", "size", "shape", "look", "design"])
#: What titles made for children say.
_CHILD_WORDS = ("kids", "children", "toddler", "cartoon", "toy")
#: What titles made for the very young say: those the shopper found too young go down the list.
_YOUNG_WORDS = ("baby", "toddler", "infant")
#: Words of a negation that name no thing: "no rush", "not sure", "nothing over $15".
_NOT_A_THING = frozenset([
    "more", "less", "over", "under", "above", "below", "too", "very", "so", "sure", "only",
    "just", "really", "much", "idea", "clue", "rush", "worries", "worry", "problem", "not", "no",
    "problems", "preference", "matter", "need", "needed", "way", "longer", "hurry", "budget",
    "limit", "big", "deal", "fan", "expert", "pro", "one", "ones", "kind", "type", "sort",
    "any", "a", "an", "the", "another", "those", "these", "some", "of", "with", "by", "from",
    "made", "super", "cheap", "cheapo", "expensive", "pricey", "thing", "things", "stuff",
    "like", "such", "something", "anything", "either", "neither", "or", "nor", "other",
    "others", "else", "what", "whatever", "want", "like", "allergic", "than", "but", "to",
    "dont", "don't", "doesn't", "didn't", "doesnt", "pieces", "piece", "parts", "bits",
    "ever", "set", "sets", "collection", "few", "couple", "half", "look", "looks", "seem", "seems",
    "feel", "feels", "sorry", "right", "now",
    # how dear, not what: "bday on the 12th, nothing crazy" (had been "unwanted: crazy")
    "crazy", "wild", "extravagant", "insane", "nuts", "fancy", "elaborate", "outrageous",
])  # fmt: skip
#: Words of whom a product is made for, which titles say: "not the kids versions".
_MADE_FOR = frozenset(["kids", "kid", "children", "childrens", "child", "toddler", "toddlers",
                       "baby", "babies", "junior", "youth", "toy", "toys"])  # fmt: skip
#: At most this many words of one negation: "no small parts like button eyes".
_MAX_WORDS = 3


#: A doing said of what was just said, after "not": "not touching that", "not doing it myself".
_DOING_THAT = re.compile(r"^[a-z]{3,}ing\s+(?:that|it|this|those|them|any\s+of\s+that)(?:\s+(?:lol|lmao|haha|myself|again|anymore))*$")


def unwanted_words(text: str, keep: Iterable[str] = (), shown: bool = False) -> tuple[str, ...]:
    """The words the shopper says the product should not be or have (see `NOT_THIS`),
    lower-cased, in order; `keep`: words they asked for, never unwanted ("guitar strings, not
    guitar picks": picks); `shown`: cards are on screen, so what they have already is not wanted
    again ("she already has like every lego set ever"; in a first message it is what the product
    may be for: "she already has a ukulele, want a case for it")."""
    from assistant.kinds import not_product_word

    asked = {w.lower() for w in keep}
    found: list[str] = []
    said = [*NOT_THIS.finditer(text), *(ALREADY_HAS.finditer(text) if shown else ())]
    for m in said:
        said_of = re.sub(r"^(?:can'?t|cannot)\s+stand\b", "not", m.group(0), flags=re.I)
        said_of = re.sub(r"^(?:(?:super|very|really|totally|pretty|kinda|so|quite)\s+)?anti-", "anti ", said_of, flags=re.I)
        words = re.findall(r"[a-z][a-z'-]*", said_of.lower())[1:]  # past the negating word
        if words and _DOING_THAT.match(" ".join(words)):
            continue  # "nah not touching that lol": a doing turned down, no thing unwanted
        picked = [w for w in words if len(w) >= 3 and w not in _NOT_A_THING
                  and (w in _MADE_FOR or not not_product_word(w)) and w not in asked]  # fmt: skip
        found += picked[:_MAX_WORDS]
    found += [w for m in _NOT_MY_STYLE.finditer(text)
              if (w := m.group("what").lower()) not in asked | _NOT_A_THING | _NOT_A_LOOK
              and not not_product_word(w)]  # fmt: skip
    if shown and _TOO_YOUNG.search(text):  # (of the cards: "a little baby doll" is wanted)
        found += [w for w in _YOUNG_WORDS if w not in asked]
    if shown and CHILDISH.search(text):
        # "nothing that looks childish, she rolls her eyes at anything with cartoons", "he'd
        # think that's a toy" (each had searched its words: cartoon stickers, He-Man figures)
        found += [w for w in _CHILD_WORDS if w not in asked]
    return tuple(dict.fromkeys(found))


#: What a title says a product is for, just before a word: "for 1.75mm", "compatible with".
_MADE_FOR_IT = re.compile(r"\b(?:for|fits|compatible\s+with)\s+\d[\w./-]*\s+$", re.I)
#: Other words titles say an unwanted thing with: "not one of the tiny ones" is no "Mini R/C".
_SAID_AS = {"tiny": ("mini", "micro"), "small": ("mini",), "digital": ("electronic", "lcd"),
            "glitter": ("glittery", "sparkly", "sequin", "sequins"), "plastic": ("abs",),
            "electric": ("electronic",), "battery": ("batteries",), "batteries": ("battery",)}  # fmt: skip


def denies(text: str, words: Iterable[str]) -> bool:
    """Whether a listing's words say the product is without one of these: "No Glitter", "non-latex",
    "Powder-Free", "without batteries", "tuner not included", "strap sold separately". The one
    reading of a denial: what is not wanted, what was asked, and what a card is asked about."""
    named = "|".join(re.escape(w.lower().removesuffix("s")) for w in words if len(w) >= 3)
    if not named:
        return False
    return bool(re.search(
        rf"\b(?:(?:no|without|zero|free of|excludes?|excluding)\b[- ]?(?:\w+\s+)?|non[- ]?)(?:{named})(?:s|es)?\b"
        rf"|\b(?:{named})\w*(?:[- ]+\w+)?[- ]+free\b"
        rf"|\b(?:{named})(?:s|es)?\s+(?:(?:is|are)\s+)?(?:not included|sold separately|not inc\w*)\b",
        text, re.I))  # fmt: skip


def says_unwanted(title: str, words: Iterable[str]) -> bool:
    """Whether a title says one of the unwanted words (or one it is said as, `_SAID_AS`), other
    than to deny it ("No Glitter", "Glitter-Free", "non-toxic")."""
    for word in [w for said in words for w in (said, *_SAID_AS.get(said, ()))]:
        # (said in the plural, titled in the singular: "no marbles" of a "Marble Set")
        one = word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 4 else word
        # (said of what it is for is not what it is: "Nozzle for 1.75mm Filament" is no filament)
        said = [m for m in re.finditer(rf"\b{re.escape(one)}(?:s|es)?\b", title, re.I)
                if not _MADE_FOR_IT.search(title[: m.start()])]  # fmt: skip
        if said and not denies(title, [word]):
            return True
    return False
