"""A gift asked for as a story, read for what the person does (pure).

"My boyfriend's birthday is Saturday and last year I got him socks and I saw his face. He plays
bass in a garage band with his college friends, watches cooking shows constantly, and hates
clutter." asks for something for a bass player; its other words (socks, face, garage, college,
shows) are the story, and searching them had shown socks. What the person does is read off the
verbs a story says of them ("plays bass", "does the crossword in pen", "is a big reader", "builds
model ships", "making beats on his laptop", "he'd like to learn a little instrument"), each turned
into the words a shop's titles use for what serves it ("crossword puzzle", "books")."""

from __future__ import annotations

import re

#: A story, not a request: this many words at least, in more than one sentence.
STORY_WORDS = 25

#: What someone does, said of them: the verb, then what they do it with or to.
_DOES = re.compile(
    # (and what they have been doing: "my 7yo has been building marble ramps out of paper towel
    # tubes" had searched "kids toys")
    r"(?:\b(?:he|she|they|who|[A-Z][a-z]+|he's|she's|they're|(?:he|she|they)\s+(?:is|are)|is|are|and|been|keeps)\s+"
    r"|\b(?:he|she|they)(?='d\s)|,\s+)"
    r"(?:(?:also|really|basically|always|just|still|mostly|constantly|now|even|only|totally|kind\s+of|"
    r"pretty\s+much)\s+)*"
    r"(plays|playing|does|doing|reads|reading|builds|building|makes|making|bakes|baking|knits|knitting|crochets|paints|painting|"
    r"draws|drawing|sketches|collects|collecting|watches|sews|quilts|gardens|gardening|fishes|fishing|"
    r"hikes|cooks|cooking|writes|codes|coding|sings|singing|hums|whittles|carves|skates|climbs|runs|"
    r"(?:would|'d)\s+(?:like|love)\s+to\s+learn|wants?\s+to\s+learn|(?:is|has\s+been)\s+learning|"
    r"(?:says|said)\s+(?:he|she|they)(?:'d|\s+would)\s+(?:like|love)\s+to\s+learn|"
    r"learning|wants?\s+to\s+make|lives\s+for|"
    # "taught himself like 30 yoyo tricks off youtube", "shouts the answers at jeopardy every night"
    r"taught\s+(?:himself|herself|themselves)|(?:shouts|yells|screams)\s+(?:out\s+)?(?:the\s+)?answers\s+(?:at|to))\b"
    r"(?:\s+(?:along\s+to|with|in|on|at)\b)?"
    r"((?:\s+(?!(?:in|on|at|with|for|to|since|every|all|and|but|or|so|because|badly|well|constantly|"
    r"everything|anything|sometimes|daily|a\s+lot|alone|again|now|too|inside|outside|outdoors|there|"
    r"here|together|one|day|when|while|after|before|"
    # where and when, not what: "he only plays at home, so it doesn't need to be fancy"
    r"home|school|work|church|night|nights|weekends?|class|practice|lessons)\b)[\w'\"“”-]+){0,3})",
    re.I,
)
#: Who someone is, said as what they do: "a big reader", "a huge gamer", "an avid baker".
_IS_A = re.compile(
    r"\b(?:is|'s|s|are|'re)\s+(?:a|an)\s+(?:(?:big|huge|avid|massive|keen|serious|total|real)\s+)?"
    r"(reader|bookworm|gamer|baker|cook|gardener|knitter|crafter|painter|artist|musician|"
    r"puzzler|golfer|fisherman|hiker|runner|climber|camper|coder|programmer|drummer|guitarist|"
    r"pianist|singer|birder|collector|tinkerer|builder)\b",
    re.I,
)
#: Words an object of doing may start with that say no thing: "the", "his", "a little".
_OPENING = frozenset(["the", "a", "an", "his", "her", "their", "some", "little", "lot", "of",
                      "lots", "different", "new", "old", "own", "real", "for", "music", "like",
                      "about", "over", "dozens", "hundreds", "tons", "all", "kinds"])  # fmt: skip
#: What is done, after the thing it is done with: "yoyo tricks" are the yoyo's.
_DONE_WITH = frozenset(["tricks", "trick", "moves", "skills", "stunts", "combos", "routines"])
#: What is read that is no book: "reads cards for everyone at every party" (had shown novels).
_READ_NOT_BOOKS = {"cards": "tarot cards", "tarot": "tarot cards", "palms": "palmistry",
                   "runes": "runes"}  # fmt: skip
#: Things kept in heaps, read as what is collected: "comes home from every walk with his pockets
#: full of rocks", "this huge jar of coins from every country" (each story had been searched).
_HEAPED = re.compile(
    r"\b(?:pockets?|jars?|rooms?|backpacks?|shelf|shelves|boxes|box|drawers?|bins?|buckets?|walls?)\s+"
    r"(?:is\s+|are\s+)?(?:full\s+of|filled\s+with|stuffed\s+with|covered\s+(?:in|with)|(?<=jar\s)of|(?<=jars\s)of)\s+"
    r"(?!(?:stuff|things|junk|crap|money|cash|clothes|snacks|candy|trash|paper|holes|dust)\b)([a-z]{3,}s)\b",
    re.I,
)
#: What serves a doing, in the words titles use, where its own word names nothing sold.
_SERVES = {
    "reads": "books", "reader": "books", "bookworm": "books", "reading": "books",
    "crossword": "crossword puzzle", "crosswords": "crossword puzzle",
    "beats": "midi controller", "beat": "midi controller",
    "cooking": "cookbook", "cooks": "cookbook", "cook": "cookbook", "bakes": "baking",
    "baker": "baking", "hums": "music", "sings": "singing", "singing": "singing",
    "gardens": "gardening", "gardener": "gardening", "knits": "knitting", "knitter": "knitting",
    "paints": "painting", "painter": "painting", "artist": "art supplies", "draws": "drawing",
    "sketches": "sketching", "sews": "sewing", "fishes": "fishing", "fisherman": "fishing",
    "hikes": "hiking", "hiker": "hiking", "whittles": "wood carving", "carves": "wood carving",
    "codes": "coding", "coder": "coding", "programmer": "coding", "gamer": "games",
    "puzzler": "puzzles", "golfer": "golf", "runner": "running", "climber": "climbing",
    "camper": "camping", "birder": "bird watching", "drummer": "drum", "guitarist": "guitar",
    "pianist": "piano", "singer": "singing", "musician": "music", "crafter": "crafts",
    "videos": "video", "films": "video", "movies": "video", "vlogs": "video", "youtube": "video",
    "tinkerer": "building kit", "builder": "building kit", "collector": "collectible",
    "building": "building kit", "making": "craft kit", "drawing": "drawing", "painting": "painting",
    "jeopardy": "trivia game", "trivia": "trivia game", "coins": "coin collecting",
    "rocks": "rocks minerals", "stones": "rocks minerals", "crystals": "crystals minerals",
    "fossils": "fossils", "shells": "seashells", "marble ramps": "marble run", "marble tracks": "marble run",
    "marble runs": "marble run",
}  # fmt: skip
#: Games played together: "game night every Thursday", "board game nights".
_GAME_NIGHT = re.compile(r"\b(?:board\s+)?game\s+nights?\b", re.I)
#: What someone is learning or performs, said of its lessons: "her first violin recital", "piano
#: lessons", "ballet class".
_LESSONS = re.compile(
    r"\b(?!(?:first|her|his|their|school|the|a|an|big|next|last|class|end|whole|entire|my|our|"
    r"your|this|that|same|every|each|one|two)\b)([a-z]+)\s+"
    r"(?:recitals?|lessons?|classes|class|concerts?|tournaments?|camp)\b",
    re.I,
)
#: What someone studies: "her chemistry degree", "a PhD in biology", "majoring in music".
_STUDIES = re.compile(
    r"\b(?!(?:his|her|their|a|an|the|my|first|new|college|university|grad|graduate)\b)([a-z]+)\s+"
    r"(?:degree|major|phd|masters?|diploma)\b"
    r"|\b(?:degree|phd|masters?|major(?:ing)?|studies|studying)\s+in\s+(?!(?:the|a|an|her|his|their)\b)([a-z]+)\b",
    re.I,
)
#: A thing said with its article, for an "it" after it: "keeps a ukulele ... and plays it".
_THING_BEFORE = re.compile(r"\b(?:a|an|his|her|their|the)\s+([a-z]{3,})\b(?=[^.!?]{0,60}$)", re.I)
#: What a gift is to be about: "something ... still about building things".
_ABOUT_DOING = re.compile(
    r"\b(?:about|into|for)\s+(building|making|coding|drawing|painting|cooking|baking)\s+things\b",
    re.I,
)
#: What is done with a thing, read as the thing: "watches cooking shows" is cooking.
_SHOWS = re.compile(r"\s+(?:shows?|videos?|tv|channels?|movies?)$", re.I)


#: What the teller wants, said in a story: "I want to bring something for the big brother too",
#: "I want a housewarming gift that doesn't eat up space"; group 1 is what follows.
_WANTS = re.compile(
    r"\b(?:i|we)\s+(?:really\s+|just\s+)?(?:want|need|would\s+like|'d\s+like|am\s+looking|'m\s+looking|"
    r"am\s+hoping|'m\s+hoping|am\s+thinking|'m\s+thinking)\b(?:\s+(?:for|to\s+(?:get|give|bring|buy|find|send|say)))?"
    r"([^.!?]*)"
    # said without "i": "... hums the songs all the time. thinking an ocarina??" (had searched "songs")
    r"|(?:^|(?<=[.!?]))\s*(?:(?:so|ok|okay|hmm|and)\W+)?(?:was\s+)?(?:thinking|considering)"
    r"(?:\s+(?:of|about))?(?:\s+(?:getting|buying|giving\s+(?:her|him|them)))?(?=\s+(?:a|an|some)\s)"
    r"([^.!?]*)",
    re.I,
)


def told_want(text: str) -> str | None:
    """What the teller of a story says they want ("something for the big brother too so he
    doesn't feel forgotten"); None where the story says no want."""
    m = _WANTS.search(text)
    return (m.group(1) if m.group(1) is not None else m.group(2)).strip() if m else None


#: An emoji between clauses that tells on, no request after it.
_EMOJI_STOP = re.compile(
    r"\s*[\U0001F300-\U0001FAFF\u2600-\u27BF]+\s+(?=\w)(?![^.!?]*\b(?:need|needs|want|wants|thinking|looking|"
    r"something|anything|ideas?|suggestions?)\b)"
)


def is_story(text: str) -> bool:
    """Whether a message tells a story rather than asks in a phrase: long, and in sentences."""
    # (an emoji ends a sentence as a stop does, where no request follows it: "... pockets full of
    # rocks, the washing machine sounds like a cement mixer 😂 bday in 2 weeks, 30ish"; not "... 🎉
    # need papel picado banners, a piñata and ...", a list asked)
    said = _EMOJI_STOP.sub(". ", text.strip())
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", said) if re.search(r"\w", s)]
    return len(re.findall(r"\w+", text)) >= STORY_WORDS and len(sentences) >= 2


def doings(text: str) -> list[str]:
    """What a story says its person does, as the words a shop's titles use for what serves it:
    "He plays bass in a garage band ..., watches cooking shows constantly" -> ["bass",
    "cookbook"]; "She's a big reader and does puzzles on her lunch break" -> ["books",
    "puzzles"]. In the order told, each once."""
    found: list[tuple[int, str]] = []
    for m in _DOES.finditer(text):
        verb = re.sub(r"\s+", " ", m.group(1).lower())
        words = [w.lower().strip("'\"“”") for w in m.group(2).split()]
        while words and (words[0] in _OPENING or words[0].isdigit()):
            words.pop(0)
        if len(words) > 1 and words[1] in _DONE_WITH:
            words = words[:1]  # "30 yoyo tricks": the yoyo
        thing = " ".join(words[:2]).strip(" '\"")
        if thing in ("things", "stuff", "something", "everything", "anything"):
            thing = ""  # "about building things": building, said of nothing
        if verb == "reads" and thing.split()[:1] and thing.split()[0] in _READ_NOT_BOOKS:
            found.append((m.start(), _READ_NOT_BOOKS[thing.split()[0]]))
            continue
        if verb == "watches":  # "watches cooking shows": cooking
            thing = _SHOWS.sub("", thing)
        if thing in ("it", "them") and verb == "plays":
            # "keeps a ukulele in the classroom and plays it every morning": the ukulele
            said = _THING_BEFORE.findall(text[: m.start()])
            thing = said[0].lower() if said else ""
        if verb in _SERVES and not thing:
            found.append((m.start(), _SERVES[verb]))
        elif thing:
            head = thing.split()[-1]
            served = _SERVES.get(head) or _SERVES.get(thing)
            found.append(
                (m.start(), served or (_SERVES.get(verb, thing) if verb == "reads" else thing))
            )
        elif verb in ("hums", "sings", "singing"):
            found.append((m.start(), "music"))
    for m in _HEAPED.finditer(text):  # "pockets full of rocks": rocks, as collected
        found.append((m.start(), _SERVES.get(m.group(1).lower(), m.group(1).lower())))
    for m in _IS_A.finditer(text):
        found.append((m.start(), _SERVES.get(m.group(1).lower(), m.group(1).lower())))
    for m in _GAME_NIGHT.finditer(text):  # "we've had game night every Thursday": games
        found.append((m.start(), "games"))
    for m in _LESSONS.finditer(text):  # "her very first violin recital": the violin
        found.append((m.start(), m.group(1).lower()))
    for m in _STUDIES.finditer(text):  # "just finished her chemistry degree": chemistry
        found.append((m.start(), (m.group(1) or m.group(2)).lower()))
    for m in _ABOUT_DOING.finditer(text):  # "still about building things": building kits
        found.append((m.start(), _SERVES.get(m.group(1).lower(), m.group(1).lower())))
    # what they long to learn or make comes first: "he hums along to everything on the radio and
    # keeps saying he'd like to learn a little instrument" asks for the instrument
    longed = _longed(text)
    found.sort(key=lambda f: (not any(f[1] in t for t in longed), f[0]))
    return list(dict.fromkeys(thing for _, thing in found))


def _longed(text: str) -> list[str]:
    """What a story says its person longs to learn or make, as said."""
    return [
        m.group(2).lower()
        for m in _DOES.finditer(text)
        if re.search(r"learn|make", m.group(1), re.I)
    ]
