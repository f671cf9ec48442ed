"""A message as typed, made readable before anything reads it (pure): chat-template tokens taken
out, squashed and missing apostrophes restored, self-corrections applied ("no wait, i meant ..."),
intensifiers and openers that ask for nothing removed."""

from __future__ import annotations

import re
import unicodedata

from assistant.kinds import product_kind
from assistant.people import RECIPIENTS

#: Chat-template markers a message may carry to fake a system turn ("<|im_start|>system").
_TEMPLATE_TOKENS = re.compile(r"<\|[^|<>]{0,40}\|>")


def clean_message(text: str) -> str:
    """The message as a reader sees it: invisible format characters (zero-width spaces and joiners)
    read as spaces, chat-template markers dropped, whitespace collapsed."""
    text = _TEMPLATE_TOKENS.sub(" ", text)
    text = "".join(" " if unicodedata.category(ch) == "Cf" else ch for ch in text)
    text = SQUASHED.sub(lambda m: m.group(1) + " " + m.group(2), text)  # "atleast 4 stars"
    text = texted(text)
    # "le moins cher des deux", "el más barato de los dos": of the cards on screen (the two had
    # been searched: "two", a Two-Up game)
    text = _OF_THE_TWO.sub("", text)
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
    text = _ASIDE.sub(" ", text)  # "send help", "stocking up for the year", "up at 6am"
    # a doing turned down before what is asked: "nah not touching that lol. her bench is rock hard
    # tho, a cushion?" (had narrowed the kits on screen to nothing)
    if (declined := _DECLINED.match(text)) and re.search(r"[a-z]{3}", text[declined.end() :], re.I):
        text = text[declined.end() :]
    # "i dont want to drill anything, its a nice guitar": no drilling (a drill bit had been shown)
    text = _NO_DOING.sub(lambda m: f"no {_DOING[m.group(1).lower()]}", text)
    text = _PLAYED.sub("a game", text)
    text = _PLAYERS.sub(r"\g<0> players", text)  # "any that work for up to 8?": 8 players, no $8
    text = _SOUNDS_GOOD.sub(_liked_kind, text)  # "filament sounds good. she wants silk": filament  # "need something we can all play together": a game
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
#: Words of the telling that name no product: "my 6 yo wants drums 😭 send help" (the kind had
#: been "send"), "teacher here, stocking up for the year: dry erase markers" (Christmas
#: stockings), "now hes up at 6am every day looking at birds" (searched "6am birds").
_ASIDE = re.compile(
    r"\bsend\s+help\b|\b(?:stock(?:ing)?|stocked)\s+up(?:\s+(?:on|for))?\b"
    r"|\b(?:at\s+|by\s+|until\s+|till\s+)?\d{1,2}(?::\d\d)?\s?(?:am|pm)\b",
    re.I,
)
#: A doing turned down, said first as its own sentence: "nah not touching that lol.", "no way
#: im doing that myself,".
_DECLINED = re.compile(
    r"^\W*(?:(?:nah|no|nope|ok|lol|haha|ha)\W+)*(?:i'?m\s+|im\s+|i\s+am\s+)?(?:not|no\s+way\s+(?:i'?m|im|i\s+am))\s+"
    r"[a-z]{3,}ing\s+(?:that|it|this)(?:\s+(?:myself|lol|lmao|haha|tbh|honestly))*\s*[.!,;]+\s*",
    re.I,
)
_DOING = {"drill": "drilling", "glue": "gluing", "screw": "screwing", "solder": "soldering", "sand": "sanding",
          "cut": "cutting", "paint": "painting", "nail": "nailing"}  # fmt: skip
#: A doing not wanted, said of what it would take: "i dont want to drill anything".
_NO_DOING = re.compile(
    r"\bi\s+(?:don'?t|do\s+not)\s+want\s+to\s+(drill|glue|screw|solder|sand|cut|paint|nail)\s+"
    r"(?:anything|any\s+holes|holes|it|into\s+(?:it|anything))\b",
    re.I,
)
#: How many a game is for, said with no word for them: "any that work for up to 8? sometimes more
#: ppl show up" (had been read as under $8).
_PLAYERS = re.compile(
    r"\b(?:works?|plays?|seats?)\s+(?:for\s+)?up\s+to\s+\d{1,2}(?=\s*(?:[?!.,;]|$))",
    re.I,
)
#: A kind said back as liked: "practice pad sounds good, is the 12 inch one better", "soldering
#: stuff sounds good but he has an iron" (the kind had been "sounds").
_SOUNDS_GOOD = re.compile(
    r"(?P<before>\b[\w#]+)\s+sounds\s+(?:good|great|fun|nice|perfect|cool|interesting|awesome|lovely|"
    r"like\s+(?:a\s+)?(?:plan|good\s+idea|an?\s+idea|the\s+way\s+to\s+go))\b[.,;!]*",
    re.I,
)
#: What "sounds good" said of a card or of what was said is (a choice, an ack): kept.
_OF_A_CARD = re.compile(r"#?\d+|one|ones|that|this|it|those|these|all|both|everything", re.I)
#: A clause naming a card before "sounds good": "the second", "your pick", "option 2".
_CARD_NAMED = re.compile(r"^\W*(?:(?:ok|okay|yeah|yes|hmm|so)\W+)*(?:the|that|this|those|these|your|ur|option|number|no\.?|#)\b", re.I)


def _liked_kind(m: re.Match[str]) -> str:
    # (a card named, by its place, price or words, stays chosen: "the cheapest tuner sounds
    # good", "the kala sounds perfect"; said as what is asked for next, a bare kind: "filament."
    # alone reads as a card's maker)
    clause = re.split(r"[,.;!?]", m.string[: m.start("before")])[-1]
    if _OF_A_CARD.fullmatch(m.group("before")) or _CARD_NAMED.match(clause):
        return m.group(0)
    return m.group("before") + ":"


#: Something to play, said by who plays it: "me + 3 cousins ages 7 to 12. need something we can
#: all play together" (the kind had been "stuck" of "we're stuck at my grandmas").
_PLAYED = re.compile(
    r"\b(?:something|anything)(?=\s+(?:that\s+)?(?:we|they|the\s+kids|everyone|everybody|the\s+(?:whole\s+)?family|"
    r"all\s+of\s+us|both\s+of\s+us|the\s+two\s+of\s+us)\s+(?:can|could)\s+(?:all\s+|both\s+)?play\b)",
    re.I,
)
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
    r"\ba\s+(?:little\s+|lil\s+|tiny\s+|wee\s+)?bit\b(?!\s+(?:for|set|holder|driver|of\s+(?:a|an)\b))"
    # said without its "a": "bit pricey honestly, anything similar around 40?" (had searched "bit")
    r"|^\W*bit\b(?=\s+(?:too\s+)?(?:pricey|pricy|expensive|much|steep|big|small|young|old|loud|long)\b)",
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
    r"^\W*(?:(?:(?:no|oh|ok|okay|wait|hmm)\W+)?(?:wait|hold\s+on|hang\s+on|hold\s+up)\b|"
    # ("actually scratch that its for his little sister" had made the kind "scratch")
    # ("actually scrap that, a teether would be more useful", "never mind he changed his mind")
    r"(?:(?:actually|ok|okay|no|hmm)\W+)?(?:scratch|scrap|forget|ignore|cancel)\s+that\b|"
    # ("ok nvm show me ukuleles instead" had said "We don't seem to carry ok never mind show me
    # ukuleles"; "ugh never mind the label maker, just the organizer" had searched label makers)
    r"o+h+\W+ok(?:ay)?\b(?=\W+[a-z]\w*\s+\w)|(?:(?:ok|okay|oh|ah|no|hmm|ugh+)\W+)?never\s*mind\b(?!\s+(?:the|my|about)\s+(?:budget|price))"
    r"(?:\W+(?:he|she|they)\s+changed\s+(?:his|her|their)\s+mind\b"
    r"|\s+(?:about\s+)?(?:the|that|those)\s+[^,.;!?]{1,40}[,.;](?=\s*\w))?|(?:(?:ok|okay|oh|ah|no|hmm|eh|ugh+)\W+)?forget\s+(?:about\s+)?(?:the\s+)?(?!(?:it|that|the\s+budget|budget|price|the\s+price)\b)[^,.;!?]{1,40}[,.;](?=\s*\w)|ugh+\b|h+m+\b|eh\b|meh\b|o+h+\b(?!\s+(?:no|my|ok|okay|well|wait)\b)|wow\b|oops\b|whoops\b|my\s+bad\b|lol\b|omg\b|welp\b|really\s*\?+|"
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


SQUASHED = re.compile(r"\b(at)(least|most)\b", re.I)

#: Shorthand typed on a phone, with the words it stands for ("my kid is OBSESSED w trucks", "if u
#: have em", "r they in stock", "her bday is sat", "balloons + plates n stuff": each had been
#: searched as typed: "kid trucks next wk whatcha", "em", "bouldering n sat"). Only forms that are
#: no word of the shop's other languages where they stand ("em" is Portuguese "in": only after an
#: English verb).
_TEXTED = [
    # "I'll" typed without its apostrophe before what is done: "ill take the meinl" (had searched
    # "ill take meinl"); "ill" alone is a word
    (re.compile(r"\b(i)ll(?=\s+(?:just\s+|probably\s+|prob\s+)?(?:take|get|grab|go|buy|have|try|order|do|pass|stick)\b)",
                re.I), r"\1'll"),
    # "what DO you have for someone obsessed with coffee, gift-wise" (had searched "wise")
    (re.compile(r"(?<=[a-z])-wise\b", re.I), ""),
    # a card chosen by how it compares: "fine, add whichever one is cheaper" (had searched "fine
    # add cheaper")
    (re.compile(r"\bwhichever(?:\s+one)?(?:\s+is|'s|s|\s+looks|\s+seems)\s+(cheaper|cheapest|bigger|biggest|smaller|smallest|"
                r"larger|largest|lighter|lightest|better(?:\s+rated)?|best(?:\s+rated)?|quieter|quietest|longer|longest)\b",
                re.I), r"the \1 one"),
    (re.compile(r"\bw/o\b", re.I), "without"),
    (re.compile(r"(?<=\w)\s+w/\s*(?=\w)|\bw/(?=\s)", re.I), " with "),
    (re.compile(r"(?<=[a-z])\s+w\s+(?=[a-z])", re.I), " with "),
    (re.compile(r"\b(?<!')u(?=\s+(?!bass\b)[a-z])|(?<=\s)u(?=\W*$)|(?<=\s)u(?=\s*[?,.!])", re.I), "you"),
    (re.compile(r"\bur\b(?=\s+[a-z])", re.I), "your"),
    (re.compile(r"(?:^|(?<=\s))r(?=\s+(?:they|these|those|them|there|you|u|the|any|all|both|we)\b)", re.I), "are"),
    (re.compile(r"\b(of|add|have|has|got|get|take|need|want|sell|carry|put|throw|love|like|buy|"
                r"compare|ship|stock|show|see|make|keep|break|breaks|with|all|both|use|lose|loses|are)"
                r"\s+'?em\b", re.I), r"\1 them"),
    (re.compile(r"(?<=\s)'em\b", re.I), "them"),
    (re.compile(r"\b(?:bday|b-day|b'day|bdy)\b", re.I), "birthday"),
    (re.compile(r"\bwk\b", re.I), "week"),
    # a count said as dozens: "need a dozen for my chem class" (the kind had been "dozen")
    (re.compile(r"\bhalf\s+a\s+dozen\b", re.I), "6"),
    (re.compile(r"\b(?:a|one)\s+dozen\b", re.I), "12"),
    (re.compile(r"\btwo\s+dozen\b", re.I), "24"),
    (re.compile(r"\b(?:smth|sth|somethin|sumthin|somethn)\b", re.I), "something"),
    (re.compile(r"\b(?:anythin|anythn)\b", re.I), "anything"),
    (re.compile(r"\bnothin\b", re.I), "nothing"),
    (re.compile(r"\babt\b", re.I), "about"),
    (re.compile(r"\b(?:bc|b/c|cuz|coz|cos)\b(?=\s+\w)", re.I), "because"),
    (re.compile(r"\bppl\b", re.I), "people"),
    (re.compile(r"\b(?:sry|srry)\b", re.I), "sorry"),
    (re.compile(r"\bthru\b", re.I), "through"),
    # (not "right": "my desk is a disaster rn, need something ..." had made the kind "right")
    (re.compile(r"\brn\b|\bright\s+now\b", re.I), "now"),
    (re.compile(r"\bidk\b", re.I), "i don't know"),
    (re.compile(r"\bnvm\b", re.I), "never mind"),
    (re.compile(r"\btho\b", re.I), "though"),
    # "n" between words for "and" ("plates n stuff"), and what asks for nothing: "whatcha got",
    # "tbh", "ngl", "asap", "lol" within the message, "and stuff"
    (re.compile(r"(?<=[a-z])\s+n\s+(?=[a-z])", re.I), " and "),
    (re.compile(r"\b(?:whatcha|wat\s+u|what\s+you|what\s+do\s+you)\s+(?:got|have)\b\W*$", re.I), " "),
    # ("lol" between two sentences ends the first: "she hates purple lol is there a black one w
    # a bag" had searched purple bags; not the L.O.L. dolls)
    (re.compile(r"(?<=[a-z0-9])\s+(?:lol+|lmao|haha+)\s+(?!(?:surprise|dolls?|omg|house|pets?)\b)"
                r"(?=(?:is|are|do|does|can|could|will|would|what|which|how|any|anything)\b)",
                re.I), ". "),
    (re.compile(r"\b(?:tbh|ngl|imo|imho|asap|lol+|lmao|haha+|jaja+|kk)\b", re.I), " "),
    (re.compile(r"\s*\b(?:and|or)\s+(?:stuff|whatever|something\s+like\s+that|so\s+on)\b", re.I), " "),
    # a correction said as one: "wait i meant petg not pla sry", "actually make that for my
    # nephew not niece" ("meant" and "make" had been searched)
    (re.compile(r"\b(?:i|we)\s+meant(?:\s+to\s+say)?\s+", re.I), ""),
    # (not a count: "actually make it 2" changes how many are in the cart)
    (re.compile(r"^\W*(?:(?:actually|ok|okay|oh|wait|no)\W+)*make\s+(?:that|it)\s+"
                r"(?=\w)(?!(?:\d{1,2}|one|two|three|four|five|six|ten|twelve)\b)", re.I), ""),
    (re.compile(r"[,.\s]*\b(?:sorry|sry|srry|my\s+bad)\W*$", re.I), ""),
    # the thinking before asking, and what was heard said: "thinking of getting a kalimba for
    # myself, heard it's relaxing" (had said "We don't seem to carry thinking of getting a kalimba")
    (re.compile(r"^\W*(?:i'?m\s+|i\s+am\s+)?(?:thinking\s+(?:of|about)|considering)\s+(?:getting|buying|picking\s+up)\s+",
                re.I), "looking for "),
    (re.compile(r"[,;]\s*(?:i\s+)?(?:heard|hear|read|people\s+say)\s+(?:that\s+)?(?:it'?s|they'?re|they\s+are|it\s+is)\s+"
                r"[\w\s'-]{1,30}$", re.I), ""),
    # a request signed off: "ok add the Hohner then. that's all", "add that one. that's it" (the
    # sign-off had been searched: "all")
    (re.compile(r"(?<=\w)\s*[.,;!]?\s+(?:(?:and\s+)?(?:that'?s|thats)\s+(?:all|it|everything)(?:\s+for\s+now)?"
                r"|das\s+war'?s|basta\s+così|é\s+só\s+isso|c'est\s+tout|eso\s+es\s+todo)"
                r"(?:\W+(?:thanks?|thx|thank\s+you|cheers|danke|grazie|merci|gracias|obrigad[oa]))?\W*$", re.I), ""),
    # the thing taken, changed as it is said: "add the Seiko. actually no, make it the Yamaha"
    (re.compile(r"^(\W*(?:ok(?:ay)?\s+)?(?:add|get|buy|take|i'?ll\s+take|put\s+in)\b).*?[.,;!]\s*"
                r"(?:(?:actually|wait|oh|hmm|no)\W+)*(?:make\s+(?:that|it)|change\s+(?:that|it)\s+to|i\s+mean)\s+"
                r"(?!(?:\d{1,2}|one|two|three|four|five|six|ten|twelve)\b)", re.I), r"\1 "),
]


#: "of the two" in the shop's other languages, ending what is said.
_OF_THE_TWO = re.compile(
    r"\s+(?:des|de\s+(?:los|las|ces)|dei|delle|degli|tra\s+i|der|von\s+den|dos|das)\s+"
    r"(?:deux|dos|due|beiden|zwei|duas|dois)(?=\s*[?.!]*\s*$)",
    re.I,
)


def texted(text: str) -> str:
    """A message with phone shorthand written out: "OBSESSED w trucks 🚚 turns 4 next wk" is
    "OBSESSED with trucks 🚚 turns 4 next week"."""
    for rx, words in _TEXTED:
        text = rx.sub(words, text)
    return text
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
