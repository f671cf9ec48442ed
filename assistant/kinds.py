"""What kind of product a request names, read from the words (pure): the product word that heads
the request ("light strings for my acoustic guitar" -> strings), what else it lists, the part
wanted after a story, and the words that are never a product (filler, people, calendar, "how")."""

from __future__ import annotations

import itertools
import re
from functools import cache

from lemminflect import getAllLemmas

from assistant.cues import ATTRIBUTE, COMPARE
from assistant.people import GIFT, OCCASION, PRODUCT_RECIPIENTS, RECIPIENTS
from assistant.unwanted import NOT_THIS
from retrieval import units

FILLER = set(
    ["a", "an", "the", "i", "im", "i'm", "me", "my", "our", "we", "you", "your", "it", "its", "this", "that", "these", "those", "them", "they", "one", "ones", "please", "show", "give", "find", "get", "got", "want", "wanted", "need", "needs", "needed", "looking", "look", "searching", "search", "for", "some", "any", "something", "anything", "with", "and", "or", "of", "to", "in", "on", "at", "by", "from", "is", "are", "be", "can", "could", "would", "should", "do", "does", "did", "what", "which", "how", "about", "more", "less", "than", "but", "just", "also", "too", "very", "really", "there", "here", "now", "ok", "okay", "thanks", "thank", "hi", "hey", "hello", "only", "other", "who", "that", "loves", "love", "likes", "like", "enjoys", "enjoy", "into", "obsessed", "fan", "interested", "learning", "learn", "wants", "plays", "play", "is", "was", "has", "have", "had", "his", "her", "he", "she", "him", "their", "old", "year", "years", "yr", "yrs", "month", "months", "age", "aged", "ages", "turning", "little", "big", "older", "younger", "teenage", "sure", "recommend", "recommendation", "recommendations", "suggest", "suggestions", "ideas", "idea", "buy", "buying", "shopping", "shop", "store", "sell", "carry", "help", "good", "nice", "great", "best", "perfect", "cool", "fun", "awesome", "well", "reviewed", "rated", "rating", "ratings", "reviews", "stars", "star", "highly", "under", "below", "budget", "spend", "around", "roughly", "approximately", "cheap", "affordable", "inexpensive", "price", "priced", "cost", "costs", "dollars", "bucks", "up", "least", "most", "max", "maximum", "minimum", "min", "over", "above", "would'd", "i'd", "i'll", "who's", "he's", "she's", "loves", "likes", "id", "somewhere", "though", "tho", "between", "ideally", "preferably", "maybe", "actually", "pretty", "kind", "sort", "type",
     # chat shorthand: never a product word
     "pls", "plz", "etc", "brand", "brands", "even", "using", "keeps", "kept", "pricey", "pricy", "wtf", "omg", "smh", "ugh", "lmao", "haha", "thx", "ty", "lol", "u", "ur", "wat", "r", "gud", "instead", "rather", "never", "recs", "rec", "thinking", "considering", "doing", "limit", "appropriate", "exchange", "swap", "myself", "yourself", "himself", "herself", "themselves", "itself", "thats", "dont", "don't", "wont", "asap", "lookin", "gimme", "guy", "guys", "gal", "dude", "fella", "both",
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
     "reads", "possible", "nevermind", "nvm", "lmao", "lmfao", "haha", "hahaha", "omg", "rofl", "ngl", "idk", "imo", "fr", "smh",
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
     # what became of the old one: "my practice pad is falling apart too" (the kind had been "apart"),
     # "my kid lost the last three recorders" (had said "We don't seem to carry kid lost last ...")
     "apart", "falling", "broke", "wore", "worn", "lost", "loses", "losing", "last", "coming",
     # ("my 16" crash finally cracked 😭 need a new one" had searched "16 crash cracked new": its
     # crashes "not carried")
     "cracked", "broken", "snapped", "died", "torn", "ripped", "shattered", "busted", "new",
     # how good, said with no product: "any cheaper ones that are still legit" (had searched
     # "legit": a drumhead and a cribbage board for bongos)
     "legit",
     # a count in words is how many, never what: "the last three recorders"
     "three", "four", "five", "six", "seven", "eight", "nine", "ten",
     # asking how to know: "how do i tell if she needs a 1/2 or 3/4"
     "tell", "know",
     # what someone thinks of it: "my sister in law swears by the video baby monitors"
     "swears", "swear", "swore", "am", "dreading",
     # what someone did or does for a living, said of them: "she taught chemistry for 30 yrs"
     "taught", "teaches", "retired", "retiring", "retire", "barely", "basically",
     # that it goes with what is on screen: "find me a stand that fits it"
     "fits",
     # how the cost is shared: "were splitting it 4 ways"
     "splitting", "ways",
     # the plain kind, no word a title says of it: "normal scissors then" (had been "We don't
     # seem to carry normal scissors" over scissors), "a regular deck of playing cards"
     "normal", "regular", "ordinary", "everyday", "boring",
     # asking whether two things are one: "is kinetic sand the same thing as playdoh?"
     "same",
     # who would, said short: "something she'd actually use in class" (had searched "she'd": a
     # She-Devil statue), and how it is asked: "dog food by any chance", "a stuffed dog anyway"
     "she'd", "he'd", "they'd", "we'd", "you'd", "hed", "theyd", "youd",
     "anyway", "anyways", "chance", "mentioned", "mentions",
     # a sort not named: "does he need special ones for acoustic" (the kind had been "special")
     "special", "specific", "particular", "certain",
     # how it goes for someone: "bf ... never gets anything for it"
     "gets", "never",
     # who is, typed without its apostrophe: "were about 32 people. kazoos pls" (the kind had
     # been "were", the kazoos lost)
     "were", "weve", "theyre", "youre", "youve", "theyve", "hes", "shes", "isnt", "arent", "wasnt"]
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
NOT_KIND = frozenset(
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
        # how many of it, never the product: "béchers ..., plusieurs tailles" (read "beakers
        # multiple": the kind had been "multiple", and beakers "not carried")
        "multiple",
        "several",
        "various",
        "different",
        # a string's quality said after it: "cuerdas de nylon, tensión normal" (the kind had been
        # "tension")
        "tension",
        # a share of something, never the product: "she teaches the science part" ("parts" are)
        "part",
        # where it stands, never the product: "something she could keep on her desk"
        "desktop",
        # how thick, where it is read, in which language: never the product ("medium thickness,
        # variety pack would be nice" after picks; "悬疑小说的电子书" read "suspense novel kindle";
        # "要中文的" read "chinese language")
        "thickness",
        "kindle",
        "language",
        # what a thing is for, said of people: "both parents are musicians" (a musical toy)
        "musical",
        "neutral",
        "unisex",
        # what happened to someone, never the product: "my dad had a stroke and is doing hand
        # therapy" (the kind had been "stroke")
        "stroke",
        "surgery",
        # what the things make together, not one of them: "a first mic setup for a podcast" (the
        # kind had been "setup": "we don't seem to carry first mic setup" over podcast bundles)
        "setup",
        "set-up",
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
        # asking again, never the product: "none of these, try again", "what else"
        "try",
        "again",
        "else",
        # what the person would rather have, never the product: "prefers a wind-up one"
        "prefers",
        "prefer",
        "preferred",
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
#: Taking something up, said before it: "my 12 year old wants to start drums" asks for drums.
_TAKING_UP = re.compile(
    r"\b(?:wants?|wanted|used|would like|'d like|likes?|loves?|needs?|is (?:dying|eager|keen)|has been "
    r"(?:asking|begging)|(?:is|are) (?:going|trying))\s+to\s+(?:start|learn|play|try|begin|get into|take up|"
    r"pick up|do)\b(?:\s+(?:how\s+)?to\s+(?:play|use|make))?(?:\s+(?:playing|learning|the|a|an))?",
    re.I,
)


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
    r"(?<=\w)\s+(?:we|i|you|they|he|she)\s+(?:can|could|will|would|might|should|'ll|all|both|can'?t|cannot|won'?t|"
    r"couldn'?t|shouldn'?t|wouldn'?t|"
    r"love|like|enjoy|want|need|play|use)\b.*",
    re.I,
)
#: A clause after the request that tells its story: ", he keeps tapping on the table".
STORY_AFTER = re.compile(
    r"[,;.?!]\s*(?:and\s+|but\s+|so\s+)?(?:he|she|they|it|its|it's|we|i|i'm|im|i've|i'd|i'll|we've|they've|"
    r"were|we're|hes|shes|theyre|ive|she'd|he'd|they'd|she'll|he'll|they'll|shed|hed|"
    r"my|his|her|their|our|me\s+and)"
    r"\s+\w+.*",
    re.I,
)


#: A quality the shopper does not want: "nothing too long", "not too gory" (not searched for).
NOT_TOO = re.compile(
    r"\b(?:not|nothing|none|never|isn'?t|aren'?t)\s+(?:too|very|so|overly|super|crazy|insanely)\s+[\w-]+", re.I
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


#: Goods of a doing, named by the doing: "fly tying stuff", "candle making things".
_DOING_STUFF = re.compile(r"\b([a-z]+)\s+([a-z]{2,}ing)\s+(?:stuff|things|thingies)\b", re.I)


def product_kind(text: str) -> str | None:
    """The word naming the kind of product: the last product word before the request turns to
    who or what it is for ("light strings for my acoustic guitar" -> strings; "a pair of running
    shoes, size 10" -> shoes); None when the request names no kind ("something to keep my toddler
    busy")."""
    if (doing := _DOING_STUFF.search(text)) and product_kind(doing.group(1)) == doing.group(1).lower():
        # the doing, its thing before it ("any fly tying stuff?" had been of the kind "fly": a
        # fly swatter shown and no "not carried")
        return doing.group(2).lower()
    text = _SELF.sub(",", text)  # "hi im a nurse and need nitrile gloves": gloves, not "nurse"
    text = WORK_SELF.sub(" ", text)
    text = NOT_TOO.sub(",", text)  # "nothing too loud please": a quality, no kind "loud"
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
    if (asked_to := _TOLD_TO_GET.search(text)) and (kind := product_kind(text[asked_to.end() :])):
        # what someone told them to get: "... put him on percussion and they want him to get a
        # bell kit" (the kind had been "band": a bugle shown)
        return kind
    if (
        (like := _SOMETHING_LIKE.search(text))
        and (kind := product_kind(text[like.end() :]))
        # (not where a product was named before it: "costume for my 2yo for halloween, something
        # cute like an animal" is a costume)
        and not _opens_with_kind(text[: like.start()])
    ):
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
    # what a kit is for names it, whatever else the word is: "bracelet making kit" (a bracelet
    # is no kit for making one: r018 had lost 0.797 -> 0.715 NDCG@10 when "making" was passed over)
    kit_of = {w for w, after in itertools.pairwise(head) if after in ("kit", "kits", "set", "sets")}
    kinds = [w for w in head if w.isalpha() and (len(w) > 2 or w in _SHORT_KINDS) and w not in NOT_KIND
             and w not in COMPARATIVES
             and w not in _MEASURES and not not_product_word(w) and not ATTRIBUTE.fullmatch(w)
             and (can_name(w) or w in kit_of)]  # fmt: skip
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
        or (kinds[-1] in SPEC_MATERIALS and _after_size(head, kinds[-1]))
    ):
        kinds.pop()
    if len(kinds) > 1 and kinds[-1] in PACKAGING:
        at = len(head) - 1 - head[::-1].index(kinds[-1])
        if at and (re.search(r"\d", head[at - 1]) or head[at - 1] in _MEASURES):
            return kinds[-2]  # "kapton tape 1 inch roll": tape, in a roll of that size
    return kinds[-1] if kinds else None


def _opens_with_kind(text: str) -> bool:
    """Whether a request opens with the product it asks for ("costume for my 2yo, ..."; not "my
    baby's first birthday is coming, want ...")."""
    kind = product_kind(text)
    return bool(kind) and bool(re.match(
        rf"^\W*(?:(?:a|an|some|the|need|want|looking\s+for|i\s+need|i\s+want)\s+)*(?:[\w'-]+\s+){{0,2}}?{re.escape(kind or '')}\b",
        text, re.I))  # fmt: skip


def _after_size(head: list[str], word: str) -> bool:
    """Whether a word is said after a size or count in the request ("beakers 250ml glass"), or
    right after the plural products it is made of."""
    at = len(head) - 1 - head[::-1].index(word)
    # (or right after the products it is made of, the size taken out: "beakers glass")
    plural = at > 0 and head[at - 1].endswith("s") and not head[at - 1].endswith("ss")
    return plural or any(re.search(r"\d", w) for w in head[:at])


#: Where a message lists another product: "... and also a stapler", "..., plus some picks", "a
#: ukulele and a tuner" (an article after "and": "black and white" lists nothing).
_NEXT_ITEM = re.compile(
    # ("a ukulele + a clip-on tuner + a soft case", "a ukulele, a clip-on tuner and a soft case")
    # (not a count's plus: "a board game that works for 4+ players")
    r"(?<!\d)\s+\+\s*|(?<=[a-z)])\+\s*|\s*,\s*(?=(?:a|an|some)\s)"
    # (not between two ages: "craft stuff for my 4 and 6 yo" had been two things)
    r"|\s*(?:,\s*|;\s*)?\b(?:and\s+also|and\s+then|and|plus|as\s+well\s+as|also|along\s+with)"
    r"(?:\s+(?:i\s+)?(?:need|want|get))?\s+(?=(?:a|an|some|one|two|three|\d+)\s)(?!\d+\s*(?:yo|y/o|yrs?|years?)\b)",
    re.I,
)
#: A count of things said before the list: "2 things:", "a couple of things -".
_COUNTED_LIST = re.compile(
    r"^\W*(?:(?:i\s+)?(?:need|want)\s+)?(?:\d|two|three|a\s+couple(?:\s+of)?|a\s+few)\s+things\s*[:,-]\s*"
    # and a list named before its colon: "school supply list for my 4th grader: yellow highlighters, ..."
    r"|^[^:]{0,60}\blist\b[^:]{0,40}:\s*",
    re.I,
)
#: Wanting, said before what is wanted.
_WANTS = r"(?:(?:i|we)(?:'m|'re| am| are)?\s+)?(?:need|want|looking for|searching for|shopping for|would like|'d like)\s+"
#: ... opening one product of a list: "i need a stapler" is a stapler.
_WANTING = re.compile(rf"^\W*(?:(?:hi|hey|hello)\W+)?{_WANTS}", re.I)
#: At most this many products in one message are shown side by side.
MAX_LISTED = 3


#: A part that tells of something had, not a thing asked: "her bench is rock hard tho".
_TOLD_OF_IT = re.compile(r"^(?:my|his|her|their|our|the)\s+(?:[a-z]+\s+){0,2}?(?:is|are|was|were|keeps|has|had)\b", re.I)


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
    if (wants := list(_WANT_IN_STORY.finditer(parts[0]))) and len(re.findall(r"\w+", parts[0][: wants[-1].start()])) >= 4:
        # the story before the list is not its first thing: "gig on saturday and i somehow lost
        # both my drum keys AND my brushes 🙃 need a key, a pair of jazz brushes and a stick bag"
        parts[0] = parts[0][wants[-1].end() :].strip(" ,;.")
    if ":" in parts[0] and product_kind(after := parts[0].rsplit(":", 1)[1].strip()):
        # "need basic real lab stuff: glass test tubes, a rack, wash bottles": the stuff is no
        # thing, and a list after a colon is one by its commas
        parts = [p.strip(" ,;.") for p in re.split(r",|\band\b|&", ", ".join([after, *parts[1:]]))
                 if p.strip(" ,;.")]  # fmt: skip
        parts = [_WANTING.sub("", p).strip(" ,;.") for p in parts]
        if not 2 <= len(parts) <= MAX_LISTED:
            return ()
    if any(_ONE_OF_IT.match(p) for p in parts[1:]):
        return ()  # "now metronomes, a simple one": the same thing, said more of
    if _TOLD_OF_IT.match(parts[0]):
        return ()  # "her bench is rock hard tho, a cushion?": what is told of, then what is asked
    first = product_kind(parts[0])
    for i, part in enumerate(parts[1:], start=1):
        bare = re.fullmatch(r"(?:(?:a|an|the|some|one)\s+)?([a-z]+)", part, re.I)
        if first and bare and bare.group(1).lower() in _GOES_WITH_ANOTHER:
            # a bare holder of the first thing is its own: "glass test tubes, a rack, wash bottles"
            # (a 19" equipment rack had been starred)
            parts[i] = f"{first} {bare.group(1)}"
    kinds = [product_kind(p) for p in parts]
    if any(k is None for k in kinds) or len({k.lower() for k in kinds if k}) < len(kinds):
        return ()
    if any((k or "").lower() in PACKAGING and (_PACKED_IN.match(p) or not re.search(r"[a-z]{3,}\s+\w+$", p, re.I)
                                                or re.search(r"\b(?:bulk|value|big|jumbo|family|economy|multi|variety|refill|"
                                                             r"mega|small|large|giant|huge|combo|party)\s+\w+$", p, re.I))
           for p, k in zip(parts, kinds, strict=True)):  # fmt: skip
        # "nitrile gloves, a box of 100": how the gloves come, not a second thing (a "stick bag"
        # is one: "need a key, a pair of jazz brushes and a stick bag" had been searched whole)
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


#: A thing said bare in a list that holds or carries the list's first: "a rack", "a case".
_GOES_WITH_ANOTHER = frozenset(["rack", "racks", "stand", "stands", "case", "cases", "holder", "holders",
                                "mount", "mounts", "cover", "covers", "strap", "straps", "tray", "trays"])  # fmt: skip
#: A part that says how the thing before it comes: "a box of 100", "2 packs of 50".
_PACKED_IN = re.compile(r"^\W*(?:a|an|the|one|\d+|two|three)?\s*(?:[\w-]+\s+)?(?:box|boxes|pack|packs|bag|bags|case|cases|"
                        r"carton|cartons|roll|rolls|set|sets|bundle|tube|tubes|jar|bottle)\s+of\b", re.I)
#: A part that says more of the thing before it: "a simple one", "the cheap ones".
_ONE_OF_IT = re.compile(
    r"^\W*(?:a|an|the|some|just)\s+(?:[\w-]+\s+){1,2}ones?\b(?![\w-])(?!\s+of\b)"
    r"(?=\s*(?:[,.;!?]|$|that\b|which\b|with\b|for\b|doesn|does|pls|please))",
    re.I,
)


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
        # what is used in it or put in it: "Microscope Slides" (starred for "a microscope"),
        # "Lamp Bulbs", "Pen Refills" (not cartridges: a "Filter Cartridge" is a filter)
        "slide",
        "slides",
        "coverslips",
        "bulb",
        "bulbs",
        "refill",
        "refills",
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
        # where it stands, never the product: "something she could keep on her desk"
        "desktop",
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
        # where it stands, never the product: "something she could keep on her desk"
        "desktop",
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
    r"(?:^|[,.;!?\U0001F300-\U0001FAFF\u2600-\u27BF]|\band\b|\bso\b|\bbut\b|\bnow\b)\s*(?:(?:i|we|he|she|they)(?:'m|'re|\s+am|\s+are|'d|d|\s+would)?\s+)?"
    r"(?:really\s+|just\s+|still\s+)?(?:needs?|wants?|looking\s+for|searching\s+for|shopping\s+for|"
    r"would\s+like|'d\s+like|(?:love|like|want|need)\s+to\s+(?:get|buy|find)"
    # where to begin: "... my classroom is literally empty, start me with dry erase markers"
    r"|(?:start|set)\s+me\s+(?:up\s+|off\s+)?with|let'?s\s+(?:start|begin)\s+with"
    # asked after the story: "... he ignores every word we say 🙃 any ebooks on dog training"
    r"|(?<=[,.!?\U0001F300-\U0001FAFF\u2600-\u27BF]\s)(?:(?:do|does)\s+(?:you|u|ya)\s+(?:have|sell|carry)\s+)?any)"
    r"(?:\s+(?:him|her|them|me|us)(?=\s+(?:a|an|some|one|the)\b))?\s+(?!to\b)",
    re.I,
)
#: "one of those X things": a product the shopper cannot name ("need one of those camera on a
#: cable things", "one of those thumb piano kalimba things").
_THOSE_THINGS = re.compile(
    r"\b(?:(?:one|some|a\s+couple|a\s+few|any|two|a\s+pair)\s+of\s+(?:those|these)|(?<=just\snot\s)those|(?<=need\s)those|(?<=want\s)those)\s+"
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
    r"starting|teaching|planning|trying|working|setting|fixing|redoing|renovating|coaching|hosting|"
    r"throwing|having|getting|going|doing|first|finally|new|got|since)\b(?!'m)"
    # (not a message that opens with its request: "i need a ukulele ... and i need a tuner too")
    r"(?!\s+(?:(?:really|just|also)\s+)?(?:need|want|am\s+looking|'m\s+looking|would\s+like|'d\s+like)\b)",
    re.I,
)
#: A thing of theirs that gave out: "our scale just died", "my old kindle finally broke".
_GAVE_OUT = re.compile(
    r"\b(?:my|our|his|her|their)\s+(?:old\s+|trusty\s+|current\s+)?((?:[\w-]+\s+){0,2}?[\w-]+)\s+"
    r"(?:just\s+|finally\s+|totally\s+|completely\s+)?(?:died|broke|broke\s+down|is\s+broken|stopped\s+working|gave\s+out|"
    r"quit|fell\s+apart|cracked|snapped)\b",
    re.I,
)
#: What to begin with, said last after a story: "... or i lose it 😅 highlighters first".
_FIRST_OF_ALL = re.compile(
    r"(?:^|[.!?;,:]|[\U0001F300-\U0001FAFF\u2600-\u27BF])\s*((?:[\w-]+\s+){0,2}?[\w-]+)\s+first(?:\s+(?:pls|please|then))?\W*$",
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


#: A closing ask of a few words: "... kazoos pls", "... anyway, bubble wands please".
_CLOSING_ASK = re.compile(
    r"(?:[.!?;]|[^\w\s,'-])\s*(?:(?:so|anyway|ok|okay)\W+)?((?:[a-z][\w'-]*\s+){0,2}[a-z][\w'-]*)\s+(?:pls|please|plz)\W*$",
    re.I,
)


def wanted_part(text: str) -> str | None:
    """The words that ask for the product in a message that tells a story first ("running a
    microbiology club at the middle school ..., need petri dishes" -> "petri dishes"; "... id
    love to get him a proper kite so he can ..." -> "a proper kite"), or "one of those X things"
    anywhere (-> X); None when the message opens with the product or asks for none."""
    if those := _THOSE_THINGS.search(text):
        return those.group(1)
    if (
        (closing := _CLOSING_ASK.search(text))
        and len(re.findall(r"\w+", text[: closing.start()])) >= 4
        and product_kind(closing.group(1))
    ):
        # asked last, in a few words, after the story: "... everyone plays happy birthday on
        # kazoos instead of singing 😂 were about 32 people. kazoos pls" (had searched nothing)
        return closing.group(1)
    if not _STORY_START.match(text):
        return None
    if (gone := _GAVE_OUT.search(text)) and product_kind(gone.group(1)):
        # the thing that broke is the one to replace: "he weighs his beans every morning and our
        # scale just died" (had searched "total coffee snob")
        return gone.group(1)
    if (first := _FIRST_OF_ALL.search(text)) and len(re.findall(r"\w+", text[: first.start()])) >= 4 \
            and product_kind(first.group(1)):  # fmt: skip
        return first.group(1)  # "i need EVERYTHING color coded or i lose it 😅 highlighters first"
    for m in _WANT_IN_STORY.finditer(text):
        if len(re.findall(r"\w+", text[: m.start()])) < 4 or _POINTS_BACK.match(text, m.end()):
            continue  # no story before it, or nothing named ("want one with a screen")
        part = _WANT_ENDS.split(text[m.end() :], maxsplit=1)[0].strip(" ,")
        if product_kind(part):
            return part
    return None


#: What products are made of: said after the product, no kind of it.
MATERIALS = frozenset(["borosilicate", "stainless", "steel", "plastic", "metal", "wood",
                       "wooden", "aluminum", "aluminium", "nylon", "cotton", "leather", "silicone",
                       "bamboo", "acrylic", "brass", "copper", "rubber", "latex", "nitrile",
                       "vinyl", "ceramic", "maple", "mahogany", "polyester", "titanium"])  # fmt: skip
#: ... and materials that are products too ("a wine glass", "foam"): no kind after a size said
#: after the product ("beakers 250ml glass", "strings 10-46 nickel" had the kind of the material).
SPEC_MATERIALS = frozenset(["glass", "nickel", "bronze", "hickory", "walnut", "ebony", "rosewood",
                             "felt", "wool", "silk", "carbon", "fiberglass", "pvc", "foam"])  # fmt: skip
#: Wanting said after a first clause: "..., need a keyboard", "... so i want a stand".
_WANT_AFTER = re.compile(
    rf"[,.;!]\s*(?:(?:so|and|but|now)\s+)?{_WANTS}(?!to\b)"
    # a product said with its article: "..., need a keyboard w weighted keys" (not what a pack
    # holds: "cymbal pack for a beginner kit, need hi hats crash and ride")
    r"(?=(?:a|an|some|new|another|one\s+of)\s|(?![^,.;!?]*\band\b))"
    r"(?!(?:something|anything|one|it|them|that|this)\b)",  # "..., want something legit"
    re.I,
)
#: Someone asking the shopper's person to get a thing: "they want him to get a bell kit", "the
#: teacher told us to buy a recorder", "she said to bring a tuner".
_TOLD_TO_GET = re.compile(
    r"\b(?:wants?|told|asked|asks|needs?|said|says|expects?)\s+(?:(?:him|her|them|us|me|my\s+\w+|the\s+kids)\s+)?"
    r"to\s+(?:get|buy|bring|order)\s+(?=(?:a|an|some|the|one|his|her|their)\s)",
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
WORK_SELF = re.compile(
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
PACKAGING = units.words("package")
#: What a number before a word counts or measures ("4 string", "10 hole", "3 tier", "2 inch").
_COUNTED = ("part", "count", "time", "power", "length")
#: Units of measure that are never what a product is ("1000 pieces", "50 ml").
_MEASURES = units.words("length", "weight", "volume", names=("piece",), marks=True)


@cache
def can_name(word: str) -> bool:
    """Whether the word may name a kind of product. Not a word of a closed class or a common verb
    ("both", "all", "take", "stay"), nor one English uses only as an adjective or adverb
    ("lumpy", "noisy", "same") or only as a verb's -ing or -ed form ("fighting", "cleaning"): "my
    solder joints come out all lumpy" had made the kind "lumpy", and the store "did not carry"
    it. A word the dictionary does not know may (a brand, a product's own name: "ukulele"); one
    it knows only as a plain verb may too, since its lists miss nouns that are also verbs ("bar",
    "pan", "tote")."""
    word = word.lower()
    if word in _NEVER_KINDS:
        return False
    if word in _NOUNS_TOO:
        return True
    # (a plural by its singular too)
    forms = [word, word[:-1]] if word.endswith("s") and not word.endswith("ss") else [word]
    seen = {pos for form in forms for pos in getAllLemmas(form)}
    if not seen or seen & {"NOUN", "PROPN"}:
        return True
    if seen <= {"ADJ", "ADV"}:
        return False
    return not (word.endswith(("ing", "ed")) and "VERB" in seen)


#: Never a kind, whatever the dictionary says of them: words of a closed class (determiners,
#: quantifiers, pronouns, prepositions, conjunctions; the dictionary has "both" and "all" as
#: nouns) and common verbs ("how long does a game take", "wont stay in tune").
_NEVER_KIND_WORDS = (
    "all both each every either neither any some many much few several most more less least "
    "plus minus per via versus vs nor yet whether whose whom whoever whatever whichever "
    "within without upon onto into among amongst between beneath beside besides despite "
    "during except inside outside toward towards until unless unlike whereas while "
    "someone somebody something anyone anybody anything everyone everybody everything "
    "nobody nothing none ourselves yourselves themselves "
    "come comes take takes stay stays go goes get gets make makes keep keeps put puts want "
    "wants need needs try tries say says know knows think thinks seem seems feel feels give "
    "gives let lets help helps work works use uses buy buys find finds tell tells ask asks "
    "twins triplets "
    # a verb or a count said in a follow-up: "my budget just went up", "they'll fight over one
    # set", "add 2 of the red ones" (each had been the kind, and "not carried")
    "went goes allow allows sit sits fight fights add adds two three four five six seven eight "
    "nine ten looks seems feels done"
)
_NEVER_KINDS = frozenset(_NEVER_KIND_WORDS.split())
#: Nouns the dictionary lists only as adjectives: "a remote for the tv", "guitar accessory"
_NOUNS_TOO = frozenset(["accessory", "remote", "desktop", "servo", "electronics", "ceramic"])


def not_product_word(word: str) -> bool:
    """Recipient, gift, occasion and filler words, days and months, and words saying how or how
    often ("mostly", "usually"): what a product-type rewrite must not add."""
    w = word.lower()
    # (whose, typed without its apostrophe: "my husbands office")
    whose = w.endswith("s") and w[:-1] in RECIPIENTS and w not in PRODUCT_RECIPIENTS
    return (w in FILLER or (w in RECIPIENTS and w not in PRODUCT_RECIPIENTS) or whose or bool(GIFT.fullmatch(w))
            or bool(OCCASION.fullmatch(w)) or bool(CALENDAR.fullmatch(w)) or says_how(w))  # fmt: skip


#: Days and months: when it is needed, never what ("my son turns 9 saturday and ... rc cars" had
#: made the kind "saturday"; "starts orchestra in sept").
CALENDAR = re.compile(
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


def says_how(word: str) -> bool:
    """Whether a word says how or how often, not what (see `_HOW`, `_ADVERB_ENDS`)."""
    return word in _HOW or (len(word) >= 7 and word.endswith(_ADVERB_ENDS))
