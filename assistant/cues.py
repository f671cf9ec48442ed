"""Deterministic reading of a shopper's words: refinements, references, exclusions, sort and
department mentions. Pure functions; the model's reading is checked against these, and where a
hard constraint is concerned (price, excluded brands, department) these win."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from assistant.prices import NO_LIMIT, PRICED_AT_ONE
from assistant.unwanted import COLORS, DONE_WITH, NEGATING, NOT_THIS

_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
             "4th": 4, "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "last": -1}  # fmt: skip
_COUNTS = {"two": 2, "three": 3, "four": 4, "2": 2, "3": 3, "4": 4, "dos": 2, "tres": 3,
           "cuatro": 4, "两": 2, "二": 2, "三": 3, "四": 4}  # fmt: skip
#: The first few cards in the shoppers' other languages: "los dos primeros", "las primeras tres",
#: "前两个", "前3款".
_FIRST_FEW = re.compile(
    r"\b(?:l[oa]s\s+)?(dos|tres|cuatro|2|3|4)\s+primer[oa]s\b|\b(?:l[oa]s\s+)?primer[oa]s\s+(dos|tres|cuatro|2|3|4)\b"
    r"|前\s*(两|二|三|四|2|3|4)\s*(?:个|款|种|件|把|台)"
)
_VERSUS = re.compile(r"\b([\w&'-]{3,})\s+(?:vs\.?|versus)\s+([\w&'-]{3,})\b", re.I)
#: Two things set against each other, each of up to two words: "dunlop crybaby or vox?",
#: "elixir vs d'addario", "magnetic tiles or wooden blocks", "¿yamaha o casio?".
_EITHER = re.compile(
    r"([\w&'-]+(?:\s+[\w&'-]+)?)\s+(?:or|vs\.?|versus|o|ou|oder|oppure)\s+(?:(?:a|an|the)\s+)?([\w&'-]+(?:\s+[\w&'-]+)?)",
    re.I,
)
#: Two things whose difference is asked: "the difference between soprano and concert ukulele".
_BETWEEN = re.compile(
    # (past an article: "between a condenser and a dynamic mic" had read no two things)
    r"\b(?:dif+e?rences?|diff) between\s+(?:(?:a|an|the)\s+)?([\w&'-]+(?:\s+[\w&'-]+)?)\s+(?:and|&)\s+"
    r"(?:(?:a|an|the)\s+)?([\w&'-]+(?:\s+[\w&'-]+)?)",
    re.I,
)
#: Two things asked to be the same or not: "is kinetic sand the same thing as playdoh?", "are
#: the gan and the moyu the same", "is a jewelry scale different from a coffee scale".
_SAME_AS = re.compile(
    r"\bis\s+(?:a\s+|an\s+|the\s+)?([\w&'-]+(?:\s+[\w&'-]+)?)\s+(?:the\s+same(?:\s+thing)?\s+as|any\s+different\s+(?:from|than)|"
    r"different\s+(?:from|than)|just\s+like)\s+(?:a\s+|an\s+|the\s+)?([\w&'-]+(?:\s+[\w&'-]+)?)"
    r"|\bare\s+(?:the\s+)?([\w&'-]+(?:\s+[\w&'-]+)?)\s+and\s+(?:the\s+)?([\w&'-]+(?:\s+[\w&'-]+)?)\s+(?:the\s+same|any\s+different|different)\b",
    re.I,
)
#: Words that end a side: "... or presonus for home recording", "a or b, under 200".
_SIDE_ENDS = frozenset(["for", "to", "with", "under", "over", "in", "at", "from", "which", "what",
                        "is", "are", "para", "pour", "für", "per", "a", "an", "the", "my", "el",
                        "la", "un", "una", "quality", "wise", "quality-wise", "price-wise", "sound-wise"])  # fmt: skip


#: Words joined by "or" that name one thing: "más o menos", "a trick or treat bucket".
_ABOUT_SO_MUCH = re.compile(
    r"\bm[aá]s\s+o\s+menos\b|\bmore\s+or\s+less\b|\btrick[- ]or[- ]treat(?:ing|ers?)?\b"
    r"|\btruth\s+or\s+dare\b|\bsooner\s+or\s+later\b",
    re.I,
)


def alternatives(text: str) -> tuple[str, ...]:
    """The things the shopper sets against each other, as typed ("crybaby" and "vox" of "dunlop
    crybaby or vox?" read as ("dunlop crybaby", "vox")); () when a side is only filler ("blue yeti
    or something else?") or the message names none."""
    from assistant.kinds import not_product_word
    from assistant.people import BRAND_RECIPIENTS, RECIPIENTS

    # "¿cuánto dura más o menos?": about, no two things; "a trick or treat bucket": one thing
    text = _ABOUT_SO_MUCH.sub(" ", text)
    for clause in re.split(r"[,;.?!¿¡()]", text):
        m = _BETWEEN.search(clause) or _SAME_AS.search(clause) or _EITHER.search(clause)
        if m is None:
            continue
        if m.re is _SAME_AS and m.group(1) is None:
            # "are X and Y the same": the two as one pair of sides
            pair = re.search(rf"({re.escape(m.group(3))})\s+and\s+(?:the\s+)?({re.escape(m.group(4))})", clause, re.I)
            if pair is None:
                continue
            m = pair
        if any(n.start() < m.end(1) and n.end() > m.start(2) for n in NOT_THIS.finditer(clause)):
            continue  # "except black or white", "no zildjian or sabian": neither wanted
        sides = []
        for side, keep_last in ((m.group(1), True), (m.group(2), False)):
            words = side.split()
            # the words nearest the "or": "focusrite" of "guitar at home focusrite or presonus"
            if keep_last:
                while len(words) > 1 and words[0].lower() in _SIDE_ENDS:
                    words = words[1:]
            else:
                for i, w in enumerate(words):
                    if w.lower() in _SIDE_ENDS:
                        words = words[:i]
                        break
            words = [w for w in words if w.lower() in BRAND_RECIPIENTS or not not_product_word(w)]
            lower = {w.lower() for w in words}
            # "or something else", "for kids or adults": no two things to set side by side
            # (a maker named like a person is a side: "brother or dymo")
            whom = set(RECIPIENTS) - BRAND_RECIPIENTS
            if not words or lower <= _STOP | whom or lower & {"else", "other", "others"}:
                return ()
            sides.append(" ".join(words))
        return tuple(sides)
    return ()


#: A card named by its place in the shoppers' other languages ("¿el segundo viene en español?",
#: "第一个需要另外买枪头吗"), with the article that makes it a card, and not "la primera vez".
_ARTICLE = r"\b(?:el|la|del|al|o|a|do|da|il|le|l'|der|die|das|den|dem|beim|im|vom|zum|am)\s*"
_NOT_A_CARD = (
    r"(?!\s+(?:vez|moda|hora|semana|mes|año|fois|mode|volta|mois|mal|woche|jahr|clase|lección))"
)
#: The Chinese measure words a card is counted with: "第二个", "第二本" (the second book), "第一款".
_ZH_CARD = r"[个本款件只台把套支双盒瓶张]"
_FOREIGN_ORDINALS = tuple((re.compile(rf"{_ARTICLE}(?:{words})\b{_NOT_A_CARD}|{zh}", re.I), n) for words, zh, n in (
    (r"primer[oa]?|primeir[oa]|prim[oa]|premi[eè]re?|erste[nmrs]?", rf"第[一1]{_ZH_CARD}", 1),
    (r"segund[oa]|second[oa]?|deuxi[eè]me|zweite[nmrs]?", rf"第[二2]{_ZH_CARD}", 2),
    (r"tercer[oa]?|terceir[oa]|terz[oa]|troisi[eè]me|dritte[nmrs]?", rf"第[三3]{_ZH_CARD}", 3),
    (r"cuart[oa]|quart[oa]|quatri[eè]me|vierte[nmrs]?", rf"第[四4]{_ZH_CARD}", 4),
    (r"quint[oa]|cinqui[eè]me|f[üu]nfte[nmrs]?", rf"第[五5]{_ZH_CARD}", 5),
    (r"[úu]ltim[oa]|derni[eè]re?|letzte[nmrs]?", rf"最后一{_ZH_CARD}", -1),
))  # fmt: skip
_STOP = set(
    ["a", "an", "the", "i", "im", "i'm", "me", "my", "we", "you", "your", "it", "its", "this", "that", "these", "those", "them", "they", "one", "ones", "please", "show", "give", "find", "get", "want", "need", "looking", "look", "for", "some", "any", "something", "anything", "with", "and", "or", "of", "to", "in", "on", "at", "by", "from", "is", "are", "be", "can", "could", "would", "should", "do", "does", "what", "which", "how", "about", "more", "less", "than", "but", "not", "no", "just", "also", "too", "very", "really", "there", "here", "instead", "now", "ok", "okay", "thanks", "thank", "hi", "hey", "hello", "like", "only", "other", "options", "option", "results", "result", "though", "tho", "can't", "cant", "cannot", "won't", "don't", "spend", "spending", "afford", "pay", "paying", "willing", "budget", "go", "going", "over", "keep", "stay", "max", "tops", "actually", "ideally", "preferably", "maybe", "still", "so", "make", "let's", "lets", "similar", "alike", "that's", "thats", "yall", "y'all"]
)  # fmt: skip

CHEAPER = re.compile(
    r"\b(cheaper|less expensive|lower[- ]priced|more affordable|too (?:expensive|pricey)|costs? less"
    r"|m[áa]s barat[oa]s?|mais barat[oa]s?|mais em conta|menos car[oa]s?|moins cher|g[üu]nstiger|billiger|pi[ùu] economic[oi]|cost(?:a|ano) meno|meno car[oa])\b"
    r"|便宜一?点|更便宜|再便宜|太贵了|性价比更?高",
    re.I,
)  # fmt: skip
PRICIER = re.compile(
    r"\b(more expensive|pricier|higher[- ]end|more premium"
    # a step up, no use said: "money's not an issue, is there anything better i should look at?"
    r"|(?:anything|something)\s+(?:a\s+bit\s+|even\s+)?(?:better|nicer|fancier|higher[- ]quality)(?!\s+(?:for|to|than|rated|reviewed|suited)\b))\b",
    re.I,
)
#: A sort by price asked, in words that name no product: "sort by price, low to high",
#: "ordénalas de menor a mayor precio" (read by `CHEAPEST`; left out of the searched words).
PRICE_SORT = (
    r"\b(?:sort(?:ed)?|order(?:ed)?|rank(?:ed)?)\s+(?:(?:them|these|those|it)\s+)?by\s+(?:price|cost)\b"
    r"|\b(?:price\s+)?low(?:est)?\s+to\s+high(?:est)?\b|\bde\s+menor\s+a\s+mayor(?:\s+precio)?"
    r"|\bpor\s+precio\b|\bdu\s+moins\s+cher\b|\bnach\s+preis\b|\bprezzo\s+crescente\b"
    r"|\bdo\s+mais\s+barato\b|价格从低到高|按价格排序"
)
#: ... and by rating: "sort by rating", "top rated first", "nach Bewertung" (read by `BETTER_RATED`).
RATING_SORT = (
    r"\b(?:sort(?:ed)?|order(?:ed)?|rank(?:ed)?)\s+(?:(?:them|these|those|it)\s+)?by\s+(?:rating|ratings|reviews|stars)\b"
    r"|\b(?:top|best|highest)[- ]rated\s+first\b|\bnach\s+bewertung\b|按评分排序"
    r"|\bpor\s+(?:valoraci[oó]n|calificaci[oó]n)\b"
)
BETTER_RATED = re.compile(
    r"\b(better|higher|best|top|highest)[- ](rated|reviewed|reviews|ratings?)\b"
    # "¿cuál tiene mejores reseñas?", "el mejor valorado", "哪个评分最高"
    r"|\bmejor(?:es)?\s+(?:valorad[oa]s?|calificad[oa]s?|puntuad[oa]s?|rese[ñn]as|opiniones|calificaciones)\b"
    r"|\bm[aá]s\s+(?:valorad[oa]s?|recomendad[oa]s?)\b|评分最高|评价最好|好评最多|口碑最好"
    rf"|{RATING_SORT}",
    re.I,
)
CHEAPEST = re.compile(
    r"\b(cheapest|lowest[- ]price[ds]?|least expensive|lowest[- ]cost|(?:el|la|los|las)\s+(?:opci[oó]n\s+|opciones\s+)?m[áa]s\s+barat[oa]s?"
    r"|(?:le|la|les) moins ch[eè]re?s?|am g[üu]nstigsten)\b|最便宜"
    rf"|{PRICE_SORT}",
    re.I,
)
MORE = re.compile(
    r"\b(?:(?:show|see|give|find)(?: me)? (?:some |a few )?more|more (?:options|results|choices|like (?:this|these|that))|"
    r"other options|anything else|next (?:page|ones?)|what else|"
    # "more" said alone: "more", "more pls", "more?" (had searched "more": a S'more eraser)
    r"^\W*(?:(?:ok|okay|um+|hm+|and)\W+)?(?:some\s+|any\s+)?more(?:\s+(?:pls|plz|please|ones|of\s+(?:those|these|them)))?(?=\W*$)|"
    # the same in Spanish and Chinese: "¿tienen otras?", "¿qué más hay?", "还有别的吗"
    r"(?:tienen|hay|muestrame|mu[ée]strame|ver|ensename|ens[ée][ñn]ame) (?:otr[oa]s|m[áa]s)|"
    r"otras opciones|otros modelos|qu[ée] m[áa]s (?:hay|tienen))\b|还有别的|还有其他|换一批|再来几[个款]",
    re.I,
)  # fmt: skip
COMPARE = re.compile(
    # (as typed too: "whats the diffrence between the first and third" had been a search)
    r"\b(compare|comparison|(?:dif+e?rence|diff) (?:between|btwn|b/w)|dif+e?rences|what'?s the diff|vs\.?|versus|"
    r"which (?:one )?is better|compara|comparar|"
    r"comparer|comparez|vergleiche?n?|confronta|diferencia entre|différence entre|"
    r"unterschied zwischen|differenza tra|diferença entre)\b|比较|对比",
    re.I,
)  # fmt: skip
#: A message that asks something: a question mark, or a question's first word anywhere.
_ASKS = re.compile(
    r"\?|\b(?:which|what|whats|what's|how|is|are|does|do|did|can|will|would|should|any)\b|[¿？吗哪]",
    re.I,
)
#: Words that ask for products beside those on screen.
_ASKS_OTHERS = re.compile(
    r"\b(?:do\s+you\s+have|got\s+any|anything|something|any\s+others?|others|instead)\b", re.I
)
#: A question about the products on screen, whatever else it names: "which one is better for
#: small hands?", "which of these would you get for a beginner?", "which has the longest battery
#: life?" (a comparative or superlative after "which is/has")
ABOUT_SHOWN = re.compile(
    r"^\W*(?:(?:and|so|ok|okay|hmm|well)\W+)?"
    # "ok of those which one has the most keys" (had searched "keys")
    r"(?:(?:out\s+)?of\s+(?:those|these|them|the\s+\w+)\s*,?\s*)?"
    # (after the two weighed: "sunlu one or the overture one, which handles uv better")
    r"(?:(?:the\s+)?[\w-]+(?:\s+ones?)?\s+(?:or|vs\.?|versus)\s+(?:the\s+)?[\w-]+(?:\s+ones?)?\s*[,?!-]+\s*)?"
    r"(?:which (?:one|ones|brands?|makes?|of (?:these|them|those|the (?:two|three|first))\b)"
    r"|which (?:(?:set|pack|kit|model|version|size|colou?r)s?\s+)?(?:is|are|has|have|would|should|do you|one'?s"
    r"|(?!costs?\b)[a-z]+s)\b(?= [^?]*\b(?:better|best|lighter|smaller|bigger"
    r"|quieter|louder|longer|shorter|faster|stronger|softer|harder|warmer|safer|cheaper|most|least|more|less"
    r"|\w+ier|(?!(?:inter|te|gue|che|fore|ve|reque|conte|ne|re|pe|harve|we|be)st\b)\w{2,}est"
    r"|recommend|suits?|good|right|pick|choose|go for)\b))"
    # the card that is most so, asked for: "whichever is loudest", "ok then show me whichever set
    # has the biggest pieces" (each had searched its superlative: noise makers, puzzles)
    r"|^\W*(?:(?:and|so|ok|okay|then|hmm|well)\W+)*(?:(?:show|give|get|find)\s+(?:me|us)\s+|(?:i'?ll|we'?ll)\s+"
    r"(?:take|get)\s+|just\s+)?(?:the\s+one\s+)?whichever(?:\s+(?:one|set|pack|kit|model|version|size|colou?r)s?)?"
    # ("ok whichever is closest then, i want a maple neck": the nearest to a request, not a card)
    r"\s+(?:is|are|has|have|'s|would|will|can|does|do|lasts?|holds?|fits?)\b(?!\s+(?:the\s+)?(?:closest|nearest))"
    # the same in Spanish and Chinese: "¿cuál es mejor para un niño?", "哪个更适合初学者？"
    # (after the two cards weighed: "la muñeca o el disfraz, ¿cuál tiene mejor calificación?")
    r"|^\W*(?:(?:el|la|los|las)\s+[\w-]+\s+o\s+(?:el|la|los|las)\s+[\w-]+\s*,?\s*¿?\s*)?"
    r"(?:y\s+)?(?:cu[aá]l(?:es)?|qu[eé] (?:uno|una))\s+(?:de (?:estos|estas|ellos|ellas|los|las)\b|"
    r"(?:es|son|ser[ií]a|me recomiendas|recomiendas|elijo|compro|tiene|tienen|trae|traen|viene|vienen)\b)"
    r"|^\W*哪(?:个|一个|款|一款|种|一种|些)"
    # French and German: "mécanique ou électronique, lequel est mieux pour un enfant ?",
    # "welche davon hat ein Ausatemventil?"
    r"|^\W*(?:[\w-]+\s+(?:ou|oder)\s+[\w-]+\s*,?\s*)?(?:lequel|laquelle|lesquels|lesquelles)\s+"
    # (any verb: "laquelle grossit le plus ?")
    r"(?:est|sont|serait|seraient|me\s+conseill\w*|recommand\w*|choisir\w*|a|ont|[a-zà-ÿ]{3,}(?:e|t|s|nt))\b"
    r"|^\W*(?:[\w-]+\s+(?:ou|oder)\s+[\w-]+\s*,?\s*)?(?:welche[rs]?)\s+(?:ist|sind|w[äa]re|hat|haben|davon|"
    r"empfiehlst|empfehlen|nimmst)\b"
    # Italian and Portuguese: "quale è il più leggero?", "qual deles é o mais silencioso?" (had
    # been a new search for "quiet")
    r"|^\W*(?:e\s+)?(?:quale|quali|qual|quais)\s+(?:deles|delas|desses|dessas|destes|destas|di\s+questi"
    r"|tra\s+questi|è|e|é|sono|são|seria|sarebbe|mi\s+consigli|me\s+recomenda|recomenda|consigli|scelgo)\b"
    # two of the makers or kinds on screen weighed: "zildjian or sabian better at this price"
    r"|^\W*(?:(?:so|ok|okay|and)\W+)?(?:(?:is|are)\s+)?(?:the\s+)?[a-z][\w-]*\s+or\s+(?:the\s+)?[a-z][\w-]*\s+(?:one\s+)?"
    r"(?:is\s+|are\s+)?(?:better|best|nicer|safer|easier|sturdier)\b"
    # whether what is on screen fits: "is 4/4 the right size for me? im 5'2"
    r"|^\W*(?:is|are|would|will)\b(?!\s+(?:it|this|that)\b)[^?]{0,30}\b(?:the right (?:size|one|fit|choice)|big enough|small enough"
    r"|too (?:big|small|large|long|short|heavy))\b",
    re.I,
)
#: A question asking the shop to choose among the cards: "which one would you pick for him",
#: "which should I buy", "what do you recommend", "¿cuál me recomiendas?", "你推荐哪个".
ASKS_PICK = re.compile(
    r"^\W*(?:(?:and|so|ok|okay|hmm|well|but|then)\W+)*(?:which(?:\s+(?:one|ones|of (?:these|them|those)))?"
    r"\s+(?:would|should|do|will|could|can|'?d)\s+(?:you|u|i|we)|what\s+(?:would|should|do|will|could|can)\s+(?:you|u))"
    # ("what should i get for my dad" is a new request: "what" asks the shop's choice only)
    r"\s+(?:\w+\s+)?(?:pick|get|buy|choose|recommend"
    r"|suggest|go\s+(?:with|for)|take|grab|order)\b"
    r"|\byour\s+(?:pick|choice|recommendation|top pick|favou?rite)\b|^\W*(?:so\W+)?which\s+(?:one\s+)?(?:is|'s)\s+best\W*$"
    r"|^\W*¿?\s*(?:y\s+)?cu[aá]l(?:\s+de\s+(?:estos|estas|ellos|ellas))?\s+(?:me\s+)?(?:recomiendas|recomienda|recomiendan"
    r"|elegir[ií]as|comprar[ií]as|escoger[ií]as|compro|elijo|escojo)\b"
    r"|你(?:会)?(?:推荐|选|买)哪|(?:推荐|选|买)哪(?:个|一个|款|一款)"
    # leaving the choice to the shop: "plush or something interactive? idk you pick"
    r"|\b(?:you|u)\s+(?:pick|choose|decide)\b|\byour\s+call\b|\bsurprise\s+me\b",
    re.I,
)
#: A yes/no question: "is the first one good for kids?", "does [2] come with a case?".
#: A card named first, then asked about: "the first one, is it matte or glossy?".
_NAMED_FIRST = (
    r"(?:(?:and|so|ok|okay|what about)\s+)?(?:the\s+)?(?:first|second|third|fourth|fifth|last|other|"
    r"1st|2nd|3rd|4th|5th)\s+(?:one|option|pick)\s*[,:-]?\s*"
)
#: A card named at a message's start, before what is asked of it (see `advice.asked_about`).
NAMED_FIRST = re.compile(rf"^\W*{_NAMED_FIRST}(?=\w)", re.I)
#: "Does it come with ...?" in Spanish and Chinese: "¿trae funda o se compra aparte?", "有没有送琴包".
_COMES_WITH = re.compile(
    r"^\W*(?:y\s+)?(?:trae|traen|viene|vienen|incluye|incluyen|lleva|llevan)\b(?!\s+en\b)"
    # "¿necesito comprar un brazo o soporte aparte?" (do I need to buy a stand separately?)
    r"|\b(?:comprar|compro|comprarlo|comprarla|se compra|se vende)\b[^?]{0,40}\b(?:aparte|por separado)\b"
    r"|(?:送|带|配|附)(?:的|有|赠)?[\u4e00-\u9fff]{1,4}(?:吗|嘛|么)|有没有(?:送|带|配|附赠?)"
    # and in the shop's other languages: "sind da schlägel dabei?" (had searched mallets once the
    # word was read), "les baguettes sont incluses ?", "sono incluse le bacchette?", "vem com baquetas?"
    # (asked, not told: "mein sohn ist im fußballverein dabei und braucht ...")
    r"|^\W*(?:und\s+)?(?:sind|ist)\s+(?:da\s+|auch\s+)*(?:[\wäöüß-]+\s+){0,3}(?:auch\s+)?(?:dabei|inklusive|enthalten)\b"
    r"|\b(?:est|sont)\s+(?:[\w'-]+\s+){0,2}(?:inclus|incluse|incluses|fournis?|fournies?)\s*\?"
    r"|\b(?:è|e|sono)\s+(?:[\w'-]+\s+){0,2}inclus[oiae]\s*\?|^\W*(?:sono|è)\s+inclus[oiae]\b|\bvem\s+com\b[^.!?]*\?",
    re.I,
)
YES_NO = re.compile(
    rf"^\W*(?:{_NAMED_FIRST})?(?:is|are|does|do|will|would|can|could|has|have)\b", re.I
)
#: The same question after a clause naming the card: "the second one looks cool, does it come
#: with the glitter", "the one with the best reviews, does it come with a stand" (each had been a
#: new search for its words).
THEN_YES_NO = re.compile(
    r"[,;.!?]\s*(?:(?:but|so|and|ok|okay)\s+)?(?:is|are|does|do|will|would|can|has)\s+"
    r"(?:it|this|that|they|these|those|she|he)\b",
    re.I,
)
#: A question after a clause: ", is the board real wood?", " - how long is it".
_THEN_ASKS = re.compile(
    r"(?:[,;.!?:]|\s-)\s*(?:(?:but|so|and|ok|okay)\s+)?(?:is|are|does|do|will|would|can|has|have|how|what)\b", re.I
)
#: Another question about a product: "how long does the battery last on the second one?", "how
#: many stars does the first one have?", "how much is it?" (with a card named: about that card).
ASKS_ABOUT = re.compile(
    r"^\W*(?:how (?:long|loud|fast|far|well|durable|heavy|hot|strong|accurate|many|much)"
    r"|what (?:kind|type|colou?r|material)s?)\b",
    re.I,
)
#: A question of measure: how many ("how many pieces does the second one have?"; not stars or
#: reviews, which the card shows) or how big ("what size is it?"). The answer reads the same.
ASKS_COUNT = re.compile(
    r"\bhow many\b(?!\s+(?:stars|reviews|ratings|hours|days|years|times)\b)|\bquantity\b", re.I
)
ASKS_SIZE = re.compile(
    r"\bhow (?:big|large|small|tall|wide|heavy)\b|\bhow long (?:is|are)\b|\bwhat (?:size|length)\b|\bdimensions?\b"
    r"|\bhow much does it weigh\b|\b(?:a good|the right|right|good)\s+size\b|\b(?:big|small|long|large)\s+enough\b"
    r"|\btoo (?:big|small|large|long|short)\b|\b(?:full|half|3/4|1/2|4/4)[- ]size[d]?\b",
    re.I,
)
MEASURE = re.compile(
    # (after the card named: "the wooden one, how big is it")
    rf"^\W*(?:the\s+[\w'-]+(?:\s+[\w'-]+)?\s+ones?\s*,\s*)?(?:{ASKS_COUNT.pattern}|{ASKS_SIZE.pattern})",
    re.I,
)
#: A card named by its price or rating: "is the cheaper one still ok for a beginner", "does the
#: cheapest one need calibration solution" (each had been a new search for something cheaper).
PRICED_ONE = re.compile(
    r"(?<!not\s)(?<!no\s)\bthe\s+(?:(?P<which>cheaper|cheapest|cheap|cheapo|less expensive|least expensive|more expensive|most expensive|expensive|"
    r"pricier|priciest|dearer|(?:better|best|higher|highest|top)[- ]rated)\s+(?:one|option|model|pick"
    r"|of\s+(?:the|those|these)\s+(?:first\s+|last\s+)?(?:two|three|four|five|\w+s)"
    # among the cards of a look: "the cheapest of the wooden ones, is the paint safe"
    r"|of\s+(?:the|those|these)\s+(?P<among>[\w-]+)\s+ones)"
    # "the one with the best reviews", "the one with the lowest price"
    r"|(?:one|option|pick)\s+(?:with|that\s+has)\s+(?:the\s+)?(?P<with>best|better|highest|higher|top|"
    r"most|lowest|lower|cheapest)\s+(?P<what>reviews?|ratings?|stars|price))\b"
    # a card of the kind on screen accepted by its price: "the cheapest tuner is fine" (it had
    # searched "tuner fine": tuning pegs)
    r"|\bthe\s+(?P<kindwhich>cheaper|cheapest|pricier|priciest|(?:better|best|higher|highest|top)[- ]rated)\s+"
    r"[a-z]+\s+(?=(?:is|works?|sounds?|looks?|will\s+do)\s+(?:fine|good|great|perfect|ok|okay)\b|will\s+do\b)",
    re.I,
)
#: The cheaper or dearer card named in the shop's other languages: "von den günstigeren", "el más
#: barato", "le moins cher", "il più economico", "o mais barato", "便宜的那个".
_PRICED_ELSEWHERE = re.compile(
    r"(?P<low>\b(?:den|die|das|dem)\s+(?:günstiger|billiger)\w*|\b(?:el|la|del|al)\s+más\s+barat[oa]\b"
    r"|\b(?:le|la)\s+moins\s+ch[eè]re?\b|\b(?:il|la)\s+più\s+economic[oa]\b|\b(?:o|a)\s+mais\s+barat[oa]\b"
    r"|便宜的那(?:个|款))"
    r"|(?P<high>\b(?:den|die|das|dem)\s+(?:teurer)\w*|\b(?:el|la)\s+más\s+car[oa]\b|\b(?:le|la)\s+plus\s+ch[eè]re?\b"
    r"|\b(?:il|la)\s+più\s+car[oa]\b|\b(?:o|a)\s+mais\s+car[oa]\b|贵的那(?:个|款))",
    re.I,
)
#: A card put in named by its price or rating and its kind: "put the gretsch and the cheapest amp
#: in" (the first amp on screen had been put in, $20 beside a $6 one).
PRICED_THING = re.compile(
    r"\bthe\s+(?P<which>cheaper|cheapest|less\s+expensive|least\s+expensive|pricier|priciest|more\s+expensive"
    r"|most\s+expensive|(?:better|best|higher|highest|top)[- ]rated)\s+(?P<kind>[a-z][a-z-]+)\b",
    re.I,
)
#: A question asking which card that is ("which is the cheaper one?"): weighed, not named.
_ASKS_WHICH = re.compile(r"^\W*(?:which|what|who)\b", re.I)


def priced_one(text: str) -> str | None:
    """ "low", "high" or "rated" when the message names a card by its price or rating (see
    `PRICED_ONE`); None otherwise, and for a question asking which one that is."""
    m = PRICED_ONE.search(text)
    if (
        m is None
        and (other := _PRICED_ELSEWHERE.search(text))
        and (re.search(ADD_TO_CART, text, re.I) or TAKES.search(text))
    ):
        # (in the shop's other languages: "nimm 3 Packungen von den günstigeren" had put three of
        # the dearer strings in the cart)
        return "low" if other.group("low") else "high"
    if (
        m is None
        and (thing := PRICED_THING.search(text))
        and (put := re.search(ADD_TO_CART, text, re.I) or TAKES.search(text))
        and put.start() < thing.start()
    ):
        return priced_which(thing.group("which"))
    if m is None or _ASKS_WHICH.match(text):
        return None
    if m.group("with"):
        if m.group("what").lower() != "price":
            return "rated"
        return "low" if m.group("with").lower() in ("lowest", "lower", "cheapest") else "high"
    return priced_which(m.group("which") or m.group("kindwhich"))


def priced_which(said: str) -> str:
    """ "rated", "high" or "low" for the words naming a card by its rating or price."""
    which = said.lower()
    return "rated" if "rated" in which else "high" if re.search(r"more|most|pric|dear", which) else "low"


#: A card of an earlier answer asked for again: "go back to the first puzzle you showed", "the
#: plush one you showed first", "which one did you show first again?", "zurück zum ersten", "你刚才
#: 第一个推荐的那个" (each had been a new search of its words: "go back first puzzle showed").
BACK_TO = re.compile(
    # (not "going back to school next week": back to a card, said as one)
    r"\b(?:go(?:ing)?\s+back\s+to|back\s+to|return\s+to)\s+(?:the|that|those|your)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:one|ones|first|\w+\s+you)\b"
    r"|\b(?:you|u)\s+(?:showed|show(?:ed)?\s+me|suggested|recommended|mentioned|had)\s+(?:me\s+)?"
    r"(?:first|earlier|before|at\s+(?:first|the\s+(?:start|beginning)))\b"
    r"|\bdid\s+(?:you|u)\s+show\s+(?:me\s+)?first\b|\bfrom\s+(?:before|earlier|the\s+start)\b"
    r"|\bthe\s+(?:first|original|very\s+first)\s+(?:[\w-]+\s+){0,2}?(?:you|u)\s+(?:showed|suggested|recommended)\b"
    # ("the tuner you showed, is it a clip on one?", "the one you showed before the tuners")
    r"|\bthe\s+(?:[\w-]+\s+){1,2}?(?:you|u)\s+(?:showed|show(?:ed)?\s+me|mentioned)\b"
    r"|\b(?:you|u)\s+showed(?:\s+me)?\s+before\s+the\b"
    r"|\b(?:zurück\s+zu[mr]?|volv(?:er|amos)\s+al?|revenons\s+(?:au|à)|revenir\s+(?:au|à)|torn(?:are|iamo)\s+(?:al|alla)"
    r"|volta(?:r)?\s+(?:ao|à|para\s+o))\s+(?:\w+\s+)?(?:erste\w*|primer\w*|premi\w+|prim[oa]\w*|primeir\w+)\b"
    r"|(?:你|您)?刚才|之前(?:推荐|给我看|看)的",
    re.I,
)
#: The first card shown, said of an earlier answer: "the first puzzle you showed", "zurück zum ersten".
FIRST_SHOWN = re.compile(
    r"\b(?:first|at\s+(?:first|the\s+(?:start|beginning))|original|zuerst|ersten?|primer[oa]?|premi[eè]re?|"
    r"prim[oa]|primeir[oa])\b|第一",
    re.I,
)


#: The cart asked about: "how much is that altogether?", "what's my total", "what's in my cart",
#: "¿cuánto es en total?", "一共多少钱" (each had been asked of a card's listing: 'does not mention
#: "much altogether"').
CART_ASKED = re.compile(
    r"\bhow\s+much\s+(?:is|does|would|will)\s+(?:that|it|everything|all\s+(?:of\s+)?that|this|all\s+this)\s+"
    r"(?:be\s+|come\s+to\s+)?(?:all\s*together|altogether|in\s+total|total)\b"
    r"|\bhow\s+much\s+(?:altogether|all\s+together|in\s+total)\b"
    r"|\bwhat(?:'s|\s+is|s)\s+(?:my|the)\s+(?:cart\s+)?total(?=\s*(?:[?.!]|$|so\s+far|now|please|pls))"
    r"|\bwhat(?:'s|\s+is|s)\s+in\s+(?:my|the)\s+(?:cart|basket)\b"
    # "how many items do i have total?" (had been asked of a card)
    r"|\bhow\s+many\s+(?:items|things)\s+(?:do\s+i\s+have|have\s+i\s+got|are\s+in\s+(?:my|the)\s+(?:cart|basket)|in\s+(?:my|the)\s+(?:cart|basket))\b"
    # said short: "cart total pls", "how much is all that" (a cart search, a card's price)
    r"|^\W*(?:(?:ok|okay|so|and)\W+)?(?:my\s+|the\s+)?(?:cart|basket)(?:\s+total\b|\W*$)"
    r"|^\W*(?:(?:ok|okay|so|and)\W+)?(?:my\s+|the\s+)?total(?:\s+(?:pls|please|now|so\s+far))?\W*$"
    r"|\bhow\s+much\s+(?:is|for)\s+(?:all\s+(?:of\s+)?(?:that|this|them|those)|everything)\W*$"
    r"|\b(?:show|see)\s+(?:me\s+)?my\s+(?:cart|basket)\b"
    r"|\bcu[aá]nto\s+(?:es|sale|ser[ií]a)\s+en\s+total\b|\bcombien\s+(?:ça|cela)\s+fait\s+en\s+tout\b"
    r"|\bwie\s*viel\s+(?:macht|kostet)\s+das\s+(?:alles\s+)?zusammen\b|\bquanto\s+(?:fa|costa)\s+in\s+totale\b"
    r"|\bquanto\s+(?:fica|d[áa])\s+(?:tudo|no\s+total)\b|一共多少钱|总共多少钱|购物车里(?:现在)?有(?:什么|哪些)"
    r"|\bcu[aá]nto\s+llevo\b|\bquanto\s+(?:ho\s+speso|siamo|fa\s+finora)\b|\bquanto\s+(?:deu|est[áa])\s+at[ée]\s+agora\b"
    # ("how much so far" had compared the cards; "whats in my cart and the total")
    r"|\bhow\s+much\s+(?:is\s+(?:it|that|everything)\s+|am\s+i\s+at\s+|have\s+i\s+spent\s+)?so\s+far\b"
    r"|\b(?:my|the)\s+total\s+so\s+far\b|\bwhat'?s\s+the\s+damage\b|\bwhat\s+do\s+(?:i|we)\s+owe\b|\bwas\s+(?:ist|liegt)\s+(?:jetzt\s+|gerade\s+)?(?:in\s+)?(?:meinem|im|i'm)\s+warenkorb\b"
    r"|\bqu'?(?:est-ce\s+qu'?il\s+y\s+a|y\s+a-t-il)\s+dans\s+(?:mon|le)\s+panier\b|\bqu[ée]\s+(?:hay|tengo)\s+en\s+(?:mi|el)\s+carrito\b"
    r"|\bcosa\s+c'?è\s+nel\s+(?:mio\s+)?carrello\b|\bo\s+que\s+(?:tem|há)\s+no\s+(?:meu\s+)?carrinho\b"
    # what was put in, asked of the shopper's own: "what do i have so far", "what have i got"
    # ("what do i have" had been asked of a card; "... so far" had searched "far"), and the total
    # said otherwise: "cuánto va el total?" (had searched "total"), "ça fait combien au total ?"
    r"|^\W*(?:(?:ok|okay|so|and|alright)\W+)?what\s+(?:do\s+i\s+have|did\s+i\s+(?:add|get|pick|put\s+in)|"
    r"have\s+i\s+(?:got|added|picked)|'?ve\s+i\s+got)(?:\s+(?:so\s+far|now|then|in\s+(?:my|the)\s+(?:cart|basket)|"
    r"in\s+there))?\W*$|\bcu[aá]nto\s+(?:va|es|sale|ser[ií]a|me\s+sale)\s+(?:el|en)\s+total\b|\bcu[aá]l\s+es\s+el\s+total\b"
    r"|\b(?:ça|ca|cela)\s+(?:me\s+)?fait\s+combien\b|\bcombien\s+(?:au\s+total|en\s+tout)\b"
    r"|\bwas\s+(?:macht|kostet)\s+(?:das\s+)?(?:alles\s+)?(?:insgesamt|zusammen)\b|\bwie\s*viel\s+(?:ist\s+das\s+|macht\s+das\s+)?insgesamt\b"
    r"|\bquanto\s+(?:viene|costa|fa)\s+(?:tutto|il\s+totale)\b|\bqual\s+(?:é|e)\s+o\s+total\b"
    # "what does that come to" (asked of a card), "whats the total on all that" (a card's
    # "total"), "what do i have and how much" (compared the cards), "cart pls" (searched carts)
    r"|\bwhat\s+(?:does|would|will)\s+(?:that|it|this|everything|all\s+(?:of\s+)?that)\s+(?:all\s+)?come\s+to\b"
    r"|\bwhat(?:'s|\s+is|s)\s+(?:my|the)\s+total\s+(?:on|for|of)\s+(?:all\s+(?:of\s+)?)?(?:that|this|it|them|those|everything)\b"
    r"|^\W*(?:(?:ok|okay|so|and|alright)\W+)?what\s+do\s+i\s+have\s+(?:and|&|\+)\s+(?:how\s+much|what'?s\s+the\s+total)\b"
    r"|^\W*(?:(?:ok|okay|so|and)\W+)?(?:my\s+|the\s+)?(?:cart|basket)\s+(?:pls|please|plz|now|check)\W*$"
    # "how much am i at", "tell me where im at", "what does that all add up to", "hows the total
    # looking", "give me a total for the PO", "... my tia is bringing hers. total?", "quanto deu?"
    r"|\bhow\s+much\s+am\s+i\s+at\b|\b(?:tell\s+me\s+)?where\s+(?:am\s+i|i'?m|im)\s+at\W*$"
    r"|\bwhat\s+(?:does|would|will|do)\s+(?:that|it|this|everything|they|those|all\s+(?:of\s+)?(?:that|this|those|them))\s+(?:all\s+)?add\s+up\s+to\b"
    r"|\bhow'?s\s+(?:the|my)\s+total\b(?!\s+(?:weight|wattage|count|length|height|width|number|size|capacity|volume|power|time|runtime))"
    r"|\b(?:give|tell|send)\s+me\s+(?:a|the|my)\s+total\b(?!\s+(?:weight|wattage|count|length|height|width|number|size|capacity|volume|power|time|runtime|of))"
    r"|(?:^|[.,;!]\s+)(?:(?:and|so|ok|new)\s+)?total\s*\?+\W*$|\bquanto\s+deu\b"
    # said last, short: "add another 160 pack instead. total", "the arceus one. total?", "what am i
    # at", "whats it all come to", "total for the pta form" (each had searched "total" or asked
    # a card)
    r"|[.;!]\s*(?:(?:and|so|ok|new)\s+)?total(?:\s+(?:pls|please|plz|now))?\W*$"
    r"|\bwhat\s+(?:am\s+i|i'?m|im)\s+at\W*$"
    r"|\bwhat(?:'s|s|\s+does|\s+is)?\s+(?:it|that|this|everything)\s+(?:all\s+)?come\s+(?:to|out\s+to)\b"
    r"|^\W*(?:(?:ok|okay|so|and)\W+)?(?:the\s+)?total\s+for\s+(?:the|my|our)\s+(?![\w ]*\b(?:is|are|was|under|over|like|about)\b)[a-z ]{1,30}$",
    re.I,
)


#: A card taken back out of the cart: "remove the goggles too", "take the slime out", "actually
#: remove it", "quita las gafas del carrito" (each had been a search: "remove goggles").
#: Everything taken out of the cart: "empty everything actually, ill come back later", "clear my
#: cart", "remove all of it" (had searched "empty": empty spray bottles).
EMPTY_CART = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|actually|nvm|never\s*mind|oh|please|pls|just|can\s+you|ugh)\W+)*"
    r"(?:(?:empty|clear)\s+(?:out\s+)?(?:my|the)\s+(?:cart|basket)|empty\s+(?:everything|it\s+all))\b"
    r"(?![^.?!]*\b(?:except|but|besides|other\s+than|apart\s+from)\b)",
    re.I,
)
REMOVE_FROM_CART = re.compile(
    # (what is taken out named after the verb: not "drop earrings for my wife", "tira led")
    r"^\W*(?:(?:nvm|never\s*mind|actually|oh|ok(?:ay)?|wait|and|also|no|hmm|please|pls|can\s+you)\W+)*"
    r"(?:remove|delete|take\s+out|get\s+rid\s+of)\s+(?=(?:the|that|those|these|it|them|my|one|both|all|everything)\b)"
    # "take off the flux" (not a limit: "take off the price limit")
    r"|^\W*(?:(?:ok(?:ay)?|and|also|please|pls)\W+)*take\s+off\s+(?=(?:the|that|those|these|it|them|one|both)\b)"
    r"(?!(?:the|that)\s+(?:price|budget|limit|max|cap|minimum|rating|filter)\b)"
    rf"|{EMPTY_CART.pattern}"
    r"|^\W*(?:(?:no|bueno|ok|oh|non|nein|ah)\W+)*(?:quita|saca|elimina|borra|enl[èe]ve|retire|supprime|entferne|"
    r"l[öo]sche|togli|rimuovi|retira|apaga)\w*\s+(?=(?:el|la|los|las|lo|le|les|l'|den|die|das|il|i|gli|o|a|os|as)\b)"
    r"|^\W*(?:删掉|去掉|删除)"
    r"|\btake\s+(?:(?:the|that|those|these)\s+[\w'-]+(?:\s+[\w'-]+){0,2}?|it|that(?:\s+one)?|them|those)\s+out\b"
    r"(?!\s+(?:to|of\s+the\s+(?!cart)))"
    r"|\b(?:from|out\s+of)\s+(?:my|the)\s+cart\b"
    # "nah scratch the second one", "cancel the bench" (each had been searched: scratch art)
    r"|^\W*(?:(?:nah|no|ok(?:ay)?|actually|wait|hmm|oh)\W+)*(?:scratch|cancel|ditch)\s+"
    r"(?=(?:the|that|those|these|it|them|my|both)\b)(?!(?:the|that|those|these)\s+(?:idea|plan|order|budget|search)\b)",
    re.I,
)
#: The count of what was just put in the cart, changed: "actually make it 2", "just one then".
SET_QUANTITY = re.compile(
    r"^\W*(?:(?:actually|wait|oh|no|ok(?:ay)?|hmm|sorry|and)\W+)*(?:make\s+(?:it|that)|change\s+(?:it|that)\s+to|"
    # of the thing named: "actually make the strings 2 sets" (had searched "make strings 2 sets"),
    # "ok drop the tuners to 6" (had said the store carries no "ok drop the tuners to 6")
    r"make\s+(?P<thing>the\s+[\w'-]+(?:\s+[\w'-]+){0,2}?)|(?:just|only)|"
    r"(?:drop|change|bump|reduce|lower|cut|raise|increase|decrease|set|up)\s+"
    r"(?P<named>the\s+(?!(?:price|budget|limit|max|maximum|cap|cost|total|rating|stars?|size|age|height|width|"
    r"length|color|colour|volume|speed|temperature|temp|level|count|number|amount|weight)\b)[\w'-]+(?:\s+[\w'-]+){0,2}?)"
    r"\s+(?:(?:up|down|back)\s+)?to)"
    r"\s+(?P<count>\d{1,2}|one|two|three|four|five|six|ten|twelve)"
    r"(?:\s+(?:of\s+(?:them|those|it|the\s+[\w'-]+(?:\s+[\w'-]+){0,2})|packs?|boxes|box|sets?|pairs?|units?|pcs|"
    r"bags?|rolls?|spools?|copies|bottles?|cases?|cartons?|decks?|tubes?|sheets?|instead|then|please|pls|total))*"
    # and why: "make it 10, two more kids signed up" (had searched "make 10 two kids signed"),
    # not with another thing asked ("make it 2, and a bag for it")
    r"(?:\W*$|\s*[,.;!-]+\s+(?![^.?!]*\b(?:also|plus|add|need|show|find|and\s+(?:a|an|some)|\w+\s+for\s+(?:it|them))\b)[^?]*$)",
    re.I,
)


def quantity_said(text: str) -> re.Match[str] | None:
    """The count of a cart line changed (see `SET_QUANTITY`), said first or as the message's last
    clause, after why: "hmm the 9 yr old will say bunnies are for babies, make it 2" (had
    searched "bunnies babies"). `text`: as `messages.clean_message` leaves it."""
    if said := SET_QUANTITY.match(text):
        return said
    last = re.split(r"(?<=[,.;!])\s+", text.strip())[-1]
    head = text.strip()[: -len(last)] if last != text.strip() else ""
    # (only "make it N" there: "..., then drop the price to 20" is no line named; nor after a
    # put-in or a choice: "add the blue one, make it 2" puts 2 of it in)
    if not head or not re.match(r"\W*make\s+(?:it|that)\b", last, re.I) or re.search(ADD_TO_CART, head, re.I) or TAKES.search(head):
        return None
    return SET_QUANTITY.match(last)


#: Why one card and not another, or why it costs what it does: "why that one and not the cheaper
#: one?", "why is that one so much more expensive than the others?", "why is the Maxam one $71??"
#: (each had been read as the recommended card alone: 'Its listing does not mention "not"').
_WHY_OTHER = re.compile(
    r"(?:^|[,;.]\s*)\W*(?:(?:ok|so|but|and|hmm|wait)\W+)*why\b(?!\s+not\b|\s+(?:do|does|doesn'?t|don'?t|can'?t|won'?t)\s+(?:it|you|they)\b)(?=[^?]*(?:\b(?:and\s+not|not|over|instead\s+of|rather\s+than)"
    r"\s+(?:the\s+)?(?:cheaper|cheapest|other|less\s+expensive|pricier)|\b(?:more\s+expensive|pricier|so\s+expensive|"
    r"so\s+pricey|cheaper|so\s+cheap|costs?\s+(?:so\s+)?(?:much|more)|twice|double|three\s+times)\b|\$\s?\d))"
    # ("the hohner one, is it worth the extra vs the cheap one" had been asked of the Hohner alone)
    r"|\bworth\s+(?:the\s+)?(?:extra|money|difference|price|paying\s+more|it)\b(?=[^?]*\b(?:vs|versus|than|over|compared|cheap\w*)\b)",
    re.I,
)


#: A few cards named by their price or rating: "the two cheapest", "die zwei günstigsten", "los dos
#: más baratos", "最便宜的两个" (the two had been searched: "zwei", a spinning top named Zwei).
_FEW_BY = re.compile(
    r"\bthe\s+(?P<n>two|three|2|3)\s+(?P<which>cheapest|least\s+expensive|best[- ]rated|highest[- ]rated|top[- ]rated)\b"
    r"|\b(?:die|den)\s+(?P<n2>zwei|drei)\s+(?P<which2>günstigsten|billigsten|bestbewerteten)\b"
    r"|\b(?:los|las)\s+(?P<n3>dos|tres)\s+(?P<which3>más\s+baratos|más\s+baratas|mejor\s+valorad[oa]s)\b"
    r"|\b(?:les)\s+(?P<n4>deux|trois)\s+(?P<which4>moins\s+chers|moins\s+chères|mieux\s+notés)\b"
    r"|\b(?:i|le)\s+(?P<n5>due|tre)\s+(?P<which5>più\s+economic[ih]e?|meno\s+car[ie]|meglio\s+valutat[ie])\b"
    r"|\b(?:os|as)\s+(?P<n6>dois|duas|três)\s+(?P<which6>mais\s+barat[oa]s|mais\s+bem\s+avaliad[oa]s)\b"
    r"|(?P<which7>最便宜|评分最高)的(?P<n7>两|三)(?:个|款|本)",
    re.I,
)
_FEW = {"two": 2, "2": 2, "zwei": 2, "dos": 2, "deux": 2, "due": 2, "dois": 2, "duas": 2, "两": 2,
        "three": 3, "3": 3, "drei": 3, "tres": 3, "trois": 3, "tre": 3, "três": 3, "三": 3}  # fmt: skip


def few_by(text: str) -> tuple[int, str] | None:
    """How many cards and by what a message names them ("the two cheapest" -> (2, "low"),
    "die zwei bestbewerteten" -> (2, "rated")); None where it names none so."""
    m = _FEW_BY.search(text)
    if m is None:
        return None
    said = {k: v for k, v in m.groupdict().items() if v}
    n = next(v for k, v in said.items() if k.startswith("n"))
    which = next(v for k, v in said.items() if k.startswith("which")).lower()
    rated = bool(re.search(r"rated|bewert|valorad|not[ée]s|valutat|avaliad|评分", which))
    return _FEW[n.lower()], "rated" if rated else "low"


def why_other(text: str) -> str | None:
    """Where the message asks why one card and not another, or why its price: the other card to
    set it against, "low" (the cheapest) or "high" (the dearest, asked why one is so cheap)."""
    if not _WHY_OTHER.search(text):
        return None
    cheap = re.search(r"\b(?:so\s+(?:much\s+)?cheaper|so\s+cheap)\b", text, re.I)
    return "high" if cheap else "low"


#: Thanks or a goodbye and nothing more: "thanks!", "ok thx", "gracias", "谢谢" (each had been a
#: search: thank-you cards).
CLOSING = re.compile(
    # ("that's it", "never mind, that's all" had searched "all": All-Star invitations)
    r"^\W*(?:(?:ok(?:ay)?|cool|great|perfect|fine|never\s*mind|nvm)\W+)*(?:(?:that'?s|thats)\s+(?:all|it|everything)|"
    # ("ok done" had searched "done": a graduation banner)
    r"(?:i'?m\s+|we'?re\s+|all\s+)?done|i'?m\s+good)(?:\s+for\s+(?:now|today))?(?:\W+(?:thanks?|thx|ty))?\W*$|"
    # (and in the shop's other languages: "das war's", "basta così", "é só isso", "就这些")
    r"^\W*(?:(?:ok|vale|bueno|bon|gut|allora|bom|好的|好)\W+)*(?:das\s+war'?s|das\s+ist\s+alles|basta\s+così|è\s+tutto|"
    r"é\s+só\s+isso|só\s+isso|c'est\s+tout|eso\s+es\s+todo|nada\s+más|就这些|就这样)"
    r"(?:\W+(?:gracias|merci|danke|grazie|obrigad[oa]|谢谢))?\W*$|"
    r"^\W*(?:(?:ok(?:ay)?|cool|great|perfect|awesome|nice|alright|got it|sounds good|that'?s (?:all|it|great)|"
    # ("perfect, thats all i needed, thanks!" had searched "all"; "好的，谢谢" had compared)
    r"(?:that'?s|thats) (?:all|it|everything) i (?:needed|need|wanted)|好的|好吧|嗯|"
    # ("perfetto grazie", "parfait merci", "genial gracias", "super danke", "perfeito obrigado")
    r"perfetto|perfecto|perfeito|parfait|super|genial|génial|gut|bien|va bene|vale|d'accord|beleza|ótimo|otimo|"
    r"muchas|muchísimas|vielen|mille|tante|muito)\W+)*"
    r"(?:thanks?|thx|ty|thank (?:you|u)|cheers|bye|goodbye|gracias|merci|danke|dank|grazie|obrigad[oa]|"
    # ("gracias, chao" had searched "chao": Yu-Gi-Oh! Chaos cards; "danke, tschüss" compared)
    r"chao|adi[óo]s|hasta\s+luego|au\s+revoir|salut|tsch[üu]ss|ciao|arrivederci|tchau|até\s+logo|再见|拜拜|"
    r"valeu|vlw|brigad[oa]|merci\s+bien|danke\s+sch[öo]n|谢谢|多谢|感谢)(?:\s+(?:you|u|so much|a lot|again|a bunch|anyway|guys|dear|mate|buddy|man|love|hun|"
    r"beaucoup|mille|sch[öo]n|tante|"
    r"muito|mil|chao|adi[óo]s|tsch[üu]ss|ciao|tchau|au\s+revoir|再见|拜拜))*"
    # ("ok thanks thats all", "cool thanks, that's it for now" had searched "all")
    r"(?:\W+(?:that'?s|thats)\s+(?:all|it|everything)(?:\s+for\s+(?:now|today)|\s+i\s+(?:needed|need|wanted))?"
    r"|\W+(?:bye|for\s+now|chao|adi[óo]s|hasta\s+luego|au\s+revoir|salut|tsch[üu]ss|ciao|arrivederci|tchau|"
    r"até\s+logo|再见|拜拜))?\W*$",
    re.I,
)
#: Whether a maker is any good, asked of the cards: "is meinl a good brand?", "is rico royal
#: decent or should i spend more on vandoren", "¿Meinl es buena marca?", "ist Yamaha eine gute
#: Marke?" (each had been answered 'Its listing does not mention "meinl"', or searched).
_BRAND_GOOD = re.compile(
    r"\bis\s+(?P<a>[\w'&.-]+(?:\s+(?!an?\s)[\w'&.-]+)?)\s+(?:actually\s+|really\s+|even\s+)?(?:a\s+)?"
    r"(?:good|decent|reliable|reputable|legit|trustworthy|quality|solid)\s+(?:brand|make|maker|company|name)\b"
    r"|\bis\s+(?P<b>[\w'&.-]+(?:\s+(?!an?\s)[\w'&.-]+)?)\s+(?:actually\s+|really\s+|even\s+)?(?:decent|reliable|reputable|"
    r"legit|trustworthy|any\s+good|actually\s+good|good\s+quality)\b"
    r"|\b(?:es|ist|è|é|est)\s+(?P<c>[\w'&.-]+)\s+(?:una\s+|eine\s+|uma\s+|une\s+)?(?:buena|gute|buona|boa|bonne)\s+(?:marca|marke|marque)\b"
    r"|(?:^|[¿¡\s])(?P<d>[\w'&.-]+)\s+(?:es|ist|è|é|est)\s+(?:una\s+|eine\s+|uma\s+|une\s+)?(?:buena|gute|buona|boa|bonne)\s+(?:marca|marke|marque)\b",
    re.I,
)
#: Words that name no maker where one is asked after: "is it a good brand", "is this one decent".
_NO_MAKER = frozenset(["it", "this", "that", "they", "these", "those", "the", "one", "this one",
                       "that one", "it actually", "he", "she", "there", "shipping", "delivery"])  # fmt: skip
#: Words opening a card or a thing named, never a maker: "is the bow any good", "¿es una ...?".
_NOT_A_MAKER = re.compile(r"^(?:the|this|that|these|those|a|an|una|un|das|der|die|une|la|le|el|esta|este|"
                          r"questa|questo|esse|essa|it|its|their|his|her|my)\b", re.I)


def brand_asked(text: str) -> str | None:
    """The maker a message asks is any good (see `_BRAND_GOOD`), as said; None for none."""
    m = _BRAND_GOOD.search(text)
    if m is None:
        return None
    name = next(g for g in m.groups() if g).strip(" ¿?")
    return None if name.lower() in _NO_MAKER or _NOT_A_MAKER.match(name) else name


#: A bare acknowledgement of the cards, asking nothing: "ok", "hmm", "cool", "i see", "vale",
#: "d'accord", "alles klar", "嗯" (each had been searched: "ok to peel" stickers, "cool" picks).
ACK = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|k+|kk|hm+|mm+|cool|nice|neat|great|interesting|i\s+see|got\s+it|alright|all\s+right|"
    r"sure|yes|yeah|yep|yup|wow|oh|ah|lol|haha|right|oh\s+well|fair\s+enough|makes\s+sense|hmm+\s+ok|"
    r"vale|bueno|ya\s+veo|entiendo|ah\s+vale|d'accord|ah\s+bon|je\s+vois|alles\s+klar|aha|verstehe|"
    r"capito|ho\s+capito|beh|certo|entendi|tá|ta\s+bom|tudo\s+bem|嗯+|哦+|好吧|明白了?|了解)"
    r"(?:\s+then)?\W*){1,3}$",
    re.I,
)
#: The shopper leaving without buying: "ok nvm", "nah forget it", "nvm ill just get her a gift
#: card somewhere", "ya lo compré en otro lado jaja" (each had been searched: "ill card", "nah ya
#: lo compré").
LEAVING = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|oh|ah|nah|no|well|hmm|ugh|actually|bueno|bon|finalement|allora|então|算了)\W+)*(?:never\s*mind|nvm|forget\s+it|no\s+thanks?|"
    r"nah|i'?m\s+good|all\s+good|that'?s\s+ok(?:ay)?|olvídalo|olvidalo|déjalo|dejalo|laisse\s+tomber|"
    r"vergiss\s+es|lascia\s+perdere|deixa\s+pra\s+lá|deixa|算了|不用了|"
    # thinking it over: "nah I'll think about it", "bueno, lo pienso", "je vais réfléchir", "我再想想"
    # (it had searched "think": a Think Fun puzzle)
    r"(?:i'?ll|i\s+will|let\s+me|i\s+need\s+to|i'?m\s+(?:gonna|going\s+to))\s+(?:think\s+(?:about\s+it|it\s+over)|"
    r"sleep\s+on\s+it|have\s+a\s+think)|(?:me\s+)?lo\s+(?:pienso|pensar[ée]|voy\s+a\s+pensar)|"
    r"je\s+vais\s+(?:y\s+)?r[ée]fl[ée]chir|ci\s+(?:penso|devo\s+pensare|penser[òo])|vou\s+pensar(?:\s+melhor)?|"
    r"ich\s+(?:überleg(?:e|')?s?|denk(?:e)?)\s+(?:es\s+)?(?:mir\s+)?(?:noch\s+)?(?:mal\s+)?(?:drüber)?|"
    r"我再想想|再想想|我考虑一下|再考虑一下|"
    # ("gonna ask my wife first, just leave it in the cart" had searched carts)
    r"(?:i'?ll|i\s+will|gonna|going\s+to|let\s+me|i\s+need\s+to|i'?m\s+(?:gonna|going\s+to))\s+(?:ask|check\s+with|talk\s+to)\s+"
    r"(?:my\s+)?(?:wife|husband|partner|mom|mum|dad|boss|team|girlfriend|boyfriend|him|her|them|the\s+kids?)(?:\s+first)?"
    r"(?:\W+(?:just\s+)?leave\s+(?:it|them)\s+in\s+(?:the|my)\s+(?:cart|basket))?)"
    r"\W*(?:(?:thanks?|thx|anyway|then|gracias|merci|danke|grazie|obrigad[oa]|谢谢)\W*)*$"
    r"|^[^?]*\b(?:i'?ll|i\s+will|i'?m\s+(?:gonna|going\s+to)|gonna|already\s+(?:got|bought|found)|ya\s+l[oa]s?\s+compr[ée]|"
    r"je\s+l'?ai\s+d[ée]j[àa]|hab\s+(?:es|ihn|sie)\s+schon|l'?ho\s+gi[àa]|j[áa]\s+comprei)\b[^?]{0,60}?"
    r"\b(?:somewhere\s+else|elsewhere|somewhere|en\s+otro\s+(?:lado|sitio)|ailleurs|woanders|altrove|"
    r"em\s+outro\s+lugar|noutro\s+lugar)\b[^?]*$",
    re.I,
)
#: A greeting and nothing more: "hi", "hello there", "hola", "你好" (had searched "hi": hi-hats,
#: and said "We don't seem to carry hi").
GREETING = re.compile(
    r"^\W*(?:hi+|hello|hey+|hiya|howdy|yo|heya|hi\s+there|hello\s+there|hey\s+there|good\s+(?:morning|afternoon|evening)|"
    r"hola|buenas|buenos\s+d[ií]as|bonjour|salut|hallo|guten\s+tag|moin|ciao|salve|buongiorno|ol[aá]|oi|"
    r"bom\s+dia|你好|您好|嗨)(?:\W+(?:there|everyone|all|guys))?\W*$",
    re.I,
)
#: How many, said in the shop's other languages: "dos", "due", "duas", "zwei", "deux".
_FOREIGN_NUMBERS = {"dos": 2, "due": 2, "duas": 2, "dois": 2, "deux": 2, "zwei": 2, "tres": 3, "tre": 3,
                    "três": 3, "trois": 3, "drei": 3, "cuatro": 4, "quattro": 4, "quatro": 4,
                    "quatre": 4, "vier": 4, "cinco": 5, "cinque": 5, "cinq": 5, "fünf": 5}  # fmt: skip
FOREIGN_COUNT = r"\d{1,3}|" + "|".join(_FOREIGN_NUMBERS)
#: How many, said in Chinese: "两", "三", "2".
_ZH_NUMBERS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5}
_ZH_COUNT = r"\d{1,2}|" + "|".join(_ZH_NUMBERS)
#: How many, said before what is put in the cart: "2", "a dozen", "a couple of".
CART_COUNT = r"(?:\d{1,3}|a\s+couple(?:\s+of)?|two|three|four|five|six|ten|twelve|a\s+dozen)"
#: What a count of a card is counted in: "3 packs", "2 boxes of the medium blue ones".
CART_UNIT = r"(?:packs?|boxes|box|sets?|pairs?|units?|pcs|pieces|bags?|rolls?|spools?|copies|bottles?|cases?)"
#: Words before an add that say no more: "ok", "k", "cool", "pls", "can you".
CART_LEAD = (r"^\W*(?:(?:ok(?:ay)?|k|kk|yes|yeah|yep|yup|sure|great|perfect|cool|nice|alright|alr|aight|fine|then|so|and|whatever|meh|eh|ah|oh|welp|hmm+|um+|lovely|good|awesome|sounds\s+good"
              r"|pls|plz|please|just|can\s+you|could\s+you|go\s+ahead\s+and)\W+)*")  # fmt: skip
#: A card named, then the total asked: "the 2nd one. total?" (the card is put in first).
NAMED_THEN_TOTAL = (r"^\W*(?:(?:ok|okay|fine|then|so|alright)\W+)*(?:the|that|this)\s+(?:[\w$.-]+\s+){0,4}?"
                    r"(?:one|ones|pack|set|kit|pair)\s*[.,;!]\s*(?:(?:and|so|ok|new)\s+)?total\s*\?*\W*$")  # fmt: skip
#: Putting a card in the cart, in the shop's languages.
ADD_TO_CART = (
    # ("put the cheapest of those in my cart" had searched "put cart": a toy food cart)
    # (how many said first: "add 2 of the second one to my cart")
    rf"\b(?:add|put|throw|stick|pop)\s+(?:{CART_COUNT}\s+(?:{CART_UNIT}\s+)?(?:of\s+)?)?"
    r"(?:(?:it|that(?:\s+one)?|this(?:\s+one)?|them|those|these|one|both|the\s+[\w-]+"
    r"(?:\s+(?:one|of\s+(?:those|these|them)|[\w-]+\s+one))?)\s+)?"
    r"(?:to|in|into|on)\s+(?:my\s+|the\s+|our\s+)?(?:cart|basket|bag|order)\b"
    # the card the talk is about, added in a shop where nothing else is added to: "add it please",
    # "ok add that one"
    # "add it please", "ok add that one", "add em", "k add 2 of em", "add 3 packs", "add the first
    # one", "add the balloons" (each had searched "add": addition flash cards); not a new thing
    # asked for ("add a soft gig bag that fits it") nor somewhere else ("add it to my wishlist")
    rf"|{CART_LEAD}(?:add|throw\s+in)\s+(?:{CART_COUNT}(?:\s+{CART_UNIT})?(?:\s+of)?(?=\s|\W*$)\s*)?"
    r"(?:it|that|this|both|them|em|'em|those|these|the\b|\W*$|(?<=\s)(?=the\b))"
    r"(?!\s+(?:to|in|into)\s+(?!(?:my|the|our)\s+)?(?!cart|basket|bag|order)\w)"
    # a count said and the clause ended: "add 2, one for her sister too" (had been asked of the card)
    rf"|{CART_LEAD}add\s+{CART_COUNT}(?:\s+{CART_UNIT})?\s*(?:[,.!;]|$|\s(?:because|bc|since|cause|cuz|as|for|one\s+for)\b)"
    # put in, said with "in" last: "put 3 of the 14 inch oceanstree bunny in", "put the gretsch and
    # the cheapest amp in, hows the total looking" (each had been searched)
    rf"|{CART_LEAD}(?:put|throw|pop|stick)\s+(?:{CART_COUNT}\s+(?:{CART_UNIT}\s+)?of\s+)?(?:the|that|this|those|these|both)\b"
    r"[^.?!,;]{0,80}?\s+in(?=\W*$|\s*[,.;!]|\s+(?:too|pls|please|plz|then)\b)"
    # the cart said alone: "perfect, in the cart pls" (had searched carts: a toy grocery cart)
    rf"|{CART_LEAD}(?:(?:it|that(?:\s+one)?|this(?:\s+one)?)\s+)?(?:in|into)\s+(?:my|the)\s+(?:cart|basket)"
    r"(?:\s+(?:pls|please|plz|then|too))?\W*$"
    # the verb said last, alone, after the card named: "the cheap one with the clip, add. whats it
    # all come to", "the waterproof cover one is fine, add", "4 nets is fine his cousins are
    # coming. add", "ok topus, add it", "just the A fork with the case, in the cart" (each had
    # been searched)
    # (not "add" in a list: "autism, ADD, and sensory stuff", "subtract, add, multiply")
    r"|(?<=\w)\s*[,.;!]\s*(?:(?:ok|so|then|just|yes|pls|please)\s+)?add(?:\s+(?:it|that|them|pls|please|plz))?"
    r"(?=\s*(?:[.!]\s*)?$|\s*[.;!]\s*(?:total|what|whats|what's|how|thx|thanks|ty)\b)"
    r"|(?<=\w)\s*,\s*(?:in|into)\s+(?:my|the)\s+(?:cart|basket)(?:\s+(?:pls|please|plz))?\W*$"
    # ("i already have the red one in my cart" puts nothing in)
    rf"|{CART_LEAD}(?:just\s+)?(?:the|that|this)\s+(?:[\w$.-]+\s+){{0,4}}?one\s+(?:in|into)\s+(?:my|the)\s+(?:cart|basket)"
    r"(?:\s+(?:pls|please|plz))?\W*$"
    # a card named, then the total asked: "the 2nd one. total?" (had said "Your cart is empty")
    rf"|{NAMED_THEN_TOTAL}"
    # how many of the card just named: "ok that one, 1 please", "the red one, 2 pls"
    rf"|\bone\W+(?:{CART_COUNT})\s+(?:please|pls|plz)\W*$"
    # said last, after a story: "no wait that ruins the surprise, add it"
    # (and how many: "the cheapest one, add 8 of them" had only been asked of)
    r"|(?:[.!;,]|\b(?:good|great|fine|perfect|nice|cool|ok|okay|it|then))\s*(?:(?:ok|so|then|just|yes)\s+)?(?:add|put)\s+"
    rf"(?:{CART_COUNT}\s+(?:{CART_UNIT}\s+)?of\s+)?(?:it|that(?:\s+one)?|this(?:\s+one)?|them|those|these|em|'em)"
    r"(?:\s+(?:to|in)\s+(?:my|the)\s+(?:cart|basket))?(?:\s+(?:please|pls|then))?\W*$"
    # how many of what was shown: "get me 12 of the bubble wands", "get him 4 pairs of the vic firth"
    rf"|\b(?:get\s+(?:me|him|her|us|them)|give\s+me|buy|order|i'?ll\s+(?:take|have|get)|i\s+will\s+(?:take|have|get))\s+"
    rf"{CART_COUNT}\s+(?:{CART_UNIT}\s+)?of\s+(?:the|those|these|them|em)\b"
    # how many, said first: "2 of the 4-pair packs then, one is for her friend"
    # ("lovely, 3 of those please" had searched "lovely": a love story first)
    rf"|{CART_LEAD}{CART_COUNT}\s+(?:{CART_UNIT}\s+)?of\s+(?:the|those|these|them|em)\b(?![^?]*\?)"
    r"(?!\s+(?:look|looks|are|is|seem|seems|have|has|were)\b)"
    # the verb alone in the shop's other languages: "adiciona a primeira", "agrégalo", "ajoute-le"
    # (not a new thing asked for: "añade una funda")
    r"|^\W*(?:(?:ok|vale|bueno|listo|perfecto|parfait|d'accord|gut|okay|perfeito|beleza|va\s+bene|perfetto)\W+)*"
    r"(?:a[ñn]ad[eií]|agr[eé]ga|adicion[ae]|ajoute|aggiung[ie]|f[üu]g\w*\s+(?:\w+\s+)?hinzu)\w*"
    r"(?!\s+(?:un|una|unos|unas|um|uma|une|des|ein|eine|einen|uno|otro|otra|outro|outra|autre)\b)"
    # said last, after the card named: "vale, el Tycoon de madera, añádelo" (had searched
    # "annealed"), "ok le Kala, ajoute-le", "quello rosso, aggiungilo"
    r"|[,;.]\s*(?:a[ñn][aá]d[eií]l[oa]|agr[eé]gal[oa]|adiciona(?:-o|-a)?|ajoute[sz]?-l[ea]|aggiungil[oa]|"
    r"pack\s+(?:ihn|sie|es)\s+(?:rein|dazu))(?:\s+(?:al|a mi)\s+carrito)?\W*$"
    r"|\b(?:al|a mi|en el|en mi) carrito\b|\b(?:au|dans (?:le|mon)) panier\b"
    r"|\b(?:in den|zum|in meinen) warenkorb\b|\b(?:nel|al) carrello\b|\b(?:no|ao) carrinho\b"
    r"|加入购物车|加到购物车|放进购物车"
    # how many said between: "加一个到购物车", "放两个进购物车" (had searched "plus cart")
    rf"|(?:加|放)(?:{_ZH_COUNT}|一)?(?:个|件|盒|套|本|只|把)?(?:到|进|入)购物车"
    # a count put in, in the shop's other languages: "pon dos cajas del de AmScope", "coloca duas
    # caixas das luvas médias", "ne prendo due", "要两个" (each had been searched or only chosen)
    rf"|^\W*(?:(?:ok|vale|bueno|tudo\s+bem|va\s+bene|d'accord|gut|bom|allora|那就|那)\W*)*"
    rf"(?:pon(?:me)?|mete|coloca|p[õo]e|ne\s+prendo|prendo|je\s+(?:vais\s+)?(?:en\s+)?prend(?:s|re)|ich\s+nehme|nimm)\s+"
    rf"(?:{FOREIGN_COUNT})\b|(?<!不)(?:买|要|拿)(?:{_ZH_COUNT})(?:个|件|盒|套|本|只|把)"
)
#: One card swapped for another: "swap the coloring books for the tiger tribe doodle one",
#: "replace the red strap with the black one" (had searched "swap coloring books").
_SWAP = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|actually|hmm*|wait|oh|no|nah|and|please|pls|can\s+you|could\s+you)\W+)*"
    r"(?:swap|switch|replace|exchange|trade)\s+(?:out\s+)?(?P<out>(?:the|that|those|these|my)\s+.+?)"
    r"\s+(?:for|with)\s+(?P<in>(?:the|that|this|those|these|\d{1,2}|one|two|three)\b.*)$",
    re.I,
)
#: Another thing a message asks after (or before) taking one out of the cart: "remove the gems
#: then. is there a float ...", "take the tins out and get 2 of the 3rd instead", "add the black
#: stapler and remove the sticky notes".
_AND_ASKS = re.compile(
    r"^\W*(?:(?:then|and|also|oh|ok(?:ay)?|instead|now|but|so|pls|please|plus)\W+)*"
    r"(?:add|put|get|grab|throw|buy|order|is\s+there|are\s+there|do\s+(?:you|u|y'?all)|any|anything|"
    r"show|find|what|whats|what's|how|can|could|i\s+(?:need|want|still\s+need)|we\s+need|"
    r"(?:i'?ll|i\s+will)\s+(?:take|get|have)|\d{1,2}\s+of|one\s+of|two\s+of|something)\b",
    re.I,
)
#: Putting in, said in words that only mean it beside a removal: "get 2 of the 3rd instead".
_PUT_INSTEAD = re.compile(r"^(\W*(?:(?:then|and|also|oh|ok(?:ay)?|instead|now|but|so|plus)\W+)*)"
                          r"(?:get|grab|do|put|i'?ll\s+take|i\s+will\s+take)\b", re.I)
#: A removal said first ("remove the gems then", "hm take the tins out"), not a story's taking
#: out ("i take the kids out hiking every weekend, any good kid backpacks?").
_OPENS_REMOVAL = re.compile(
    r"^\W*(?:(?:hm+|ok(?:ay)?|oh|actually|nah|no|wait|so|then|and|also|pls|please)\W+)*"
    r"(?:remove|delete|take|get\s+rid\s+of|scratch|cancel|ditch|drop)\b",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"[.!;?]+\s+|,\s*(?:and\s+|then\s+)?|\s+(?:and|&|then)\s+", re.I)


def removal_and_more(text: str) -> tuple[str, str] | None:
    """A card taken out of the cart and something else asked in one message: the clause that
    takes out ("remove the gems", said as a removal), and the rest as its own message (a card
    put in is said as added: "add 2 of the 3rd instead"). None where the message only takes out
    ("remove the gems, they are sharp": why is no more asked) or takes nothing out; a swap is
    the one out and the other put in. Each had been one reading: the removal alone, a search of
    both ("remove gems float shark"), or neither ("swap ..." searched)."""
    if swap := _SWAP.match(text):
        return f"remove {swap['out']}", _put_said(f"add {swap['in']}")
    if EMPTY_CART.search(text):
        return None
    for brk in _CLAUSE_BREAK.finditer(text):
        head, tail = text[: brk.start()].strip(), text[brk.end() :].strip()
        if not head or not tail:
            continue
        # (the cart asked after it: "take off the banner, my tia is bringing hers. total?")
        if (_OPENS_REMOVAL.match(head) and not REMOVE_FROM_CART.search(tail)
                and (_AND_ASKS.match(tail) or CART_ASKED.search(tail))):  # fmt: skip
            return head, _put_said(tail)
        out = re.sub(r"^\W*(?:(?:and|also|then|oh|ok(?:ay)?|pls|please)\W+)+", "", tail, flags=re.I)
        if (REMOVE_FROM_CART.match(out) and not REMOVE_FROM_CART.search(head)
                and re.search(ADD_TO_CART, re.split(r"(?<=[.!?;])\s+", head)[-1], re.I)):  # fmt: skip
            # "add the black stapler and remove the sticky notes", "add the rhythm band handbells.
            # and take the rhythm sticks back out, the 2 yr olds will whack each other" (the sticks
            # had been put in again), "...? ok add the bag and take the 3 pack out then"
            return out, head
    return None


def _put_said(rest: str) -> str:
    """A card put in said as added: "get 2 of the 3rd instead" -> "add 2 of the 3rd"."""
    if re.search(ADD_TO_CART, rest, re.I) or not re.search(
        rf"^\W*(?:\w+\W+){{0,3}}?(?:get|grab|do|put|take)\s+(?:{CART_COUNT}\s+(?:{CART_UNIT}\s+)?of\s+)?"
        r"(?:the|that|this|those|these|it|them)\b", rest, re.I):  # fmt: skip
        return rest
    said = _PUT_INSTEAD.sub(lambda m: f"{m.group(1)}add", rest, count=1)
    return re.sub(r"\s+(?:in|instead)(?=\W*(?:$|,))", "", said, flags=re.I)


#: How many of a card the cart is to get: "add 2 of the second one to my cart", "add 3 packs",
#: "k add 2 of em", "get me 12 of the bubble wands", "with quantity 2", "pack 2 davon".
_HOW_MANY = re.compile(
    rf"{CART_LEAD}({CART_COUNT})(?:\s+{CART_UNIT})?\s+of\s+(?=the|those|these|them|em)"
    rf"|(?:\b(?:add|put|throw|stick|pop|buy|order|get\s+(?:me|him|her|us|them)|give\s+me|i'?ll\s+(?:take|have|get)|"
    rf"i\s+will\s+(?:take|have|get))\s+)({CART_COUNT})"
    rf"(?:\s+{CART_UNIT})?(?:\s+of)?(?=\s+(?:the|those|these|them|em|'em|it)\b|\W*$|\s*[,.!;]|\s+(?:to|in|into|please|pls)\b)"
    r"|\b(?:quantity|qty)\s*(?:of\s*)?:?\s*(\d{1,3})\b"
    rf"|\bone\W+({CART_COUNT})\s+(?:please|pls|plz)\W*$"
    # said after the card: "add the first one, 2 packs", "add it x3"
    rf"|\b(?:add|put|throw\s+in|i'?ll\s+take)\b[^,.;]*,\s*({CART_COUNT})\s+{CART_UNIT}\W*$"
    rf"|\b(?:add|put)\b[^,.;]*?(?<![\d\s])\s[x×]\s?(\d{{1,3}})\W*$"
    r"|\b(\d{1,2})\s+(?:davon|de\s+(?:esos|esas|ellos|ces)|di\s+quest[ie])\b"
    rf"|\b(?:pon(?:me)?|mete|coloca|p[õo]e|ne\s+prendo|prendo|prends|prendre|nehme|nimm)\s+({FOREIGN_COUNT})\b"
    rf"|(?<!不)(?:买|要|拿)({_ZH_COUNT})(?:个|件|盒|套|本|只|把)"
    rf"|(?:加|放)({_ZH_COUNT})(?:个|件|盒|套|本|只|把)?(?:到|进|入)购物车",
    re.I,
)
_SMALL_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10, "twelve": 12}


def cart_quantity(text: str) -> int:
    """How many of the card a message puts in the cart (1 unless it says a number first)."""
    m = _HOW_MANY.search(text)
    if m is None:
        # how many said after the put-in: "add the blue one, make it 2" (1 had been put in)
        after = re.search(rf"[,.;!]\s*(?:(?:actually|and|oh|wait)\s+)?make\s+(?:it|that)\s+({CART_COUNT})"
                          r"(?:\s+(?:packs?|boxes|sets?|pairs?|of\s+(?:them|those|it)))?(?:\W*$|\s*[,.;!-]+\s+[^?]*$)",
                          text, re.I)  # (and why: "actually make it 3, my sisters want one too")
        return count_of(after.group(1)) if after else 1
    return count_of(next(g for g in m.groups() if g))


def count_of(said: str) -> int:
    """The number a count said in words or digits stands for: "2", "two", "a couple", "zwei", "两";
    1 for "one", "a" or anything else."""
    said = re.sub(r"\s+", " ", said.strip().lower())
    if said.startswith("a couple"):
        return 2
    if said == "a dozen":
        return 12
    number = _SMALL_COUNTS.get(said) or _FOREIGN_NUMBERS.get(said) or _ZH_NUMBERS.get(said)
    return number or (int(said) if said.isdigit() else 1)


#: Choosing a card: "ok i'll take the second", "let's go with that one".
#: A card taken by its words: "go with the padded bag", "let's go with the Kala then".
GO_WITH = re.compile(
    r"^\W*(?:(?:nah|no|ok(?:ay)?|k|fine|hmm+|alright|so|then|yeah|actually)\W+)*(?:let'?s\s+|i'?ll\s+|we'?ll\s+)?"
    r"go\s+(?:with|for)\s+(?:the\s+(?!(?:cheap|dear)\w*\s+(?!one)|best\b)"
    # "ok go with that one" (had searched "go": Go Diego Go tattoos)
    r"|(?:that|this|it|those|these|them)\b(?!\s+(?:is|are|was|has|have|would|will|must)\b))",
    re.I,
)
TAKES = re.compile(
    r"\b(?:i'?ll|i will|i'?m gonna|gonna|going to|let'?s|we'?ll|i want to)\s+(?:take|get|buy|go with|order|grab)\b"
    r"|\bme (?:l[oa] )?(?:llevo|quedo con)\b|\bl[oa] quiero\b|\b(?:nehm(?:e)? ich|ich nehm(?:e)?)\b(?!\s+an\b)|"
    r"\bnehme\s+(?:das|den|die)\b|\bje (?:le|la) prends\b|\bfico com\b|"
    # ("parfait, je prends celui-là" had searched "parfait prends")
    r"\bje prends (?:celui|celle|le|la|les)\b|"
    r"\bprendo (?:quell[oa]|quest[oa])\b|就要|我要(?=第|这|那)"
    # only that one, after others were weighed: "meh. just the hatingtoy then", "ok just the
    # peach boy one then" (each had been searched again)
    r"|(?:^|[.!?]\s+)\W*(?:(?:ok(?:ay)?|k|meh|eh|fine|alright|then|so|hmm+)\W+)*just\s+(?:the|that)\s+[\w'-]+"
    r"(?:\s+[\w'-]+){0,3}?(?:\s+ones?)?\s+then\W*$"
    # a card taken in two words: "ok get that one", "ok that one", "yes the blue one please"
    r"|^\W*(?:(?:ok(?:ay)?|k|yes|yeah|yep|cool|great|perfect|then|fine|alright)\W+)*(?:get|take|grab|buy)\s+"
    # (by its words too: "get the black cat one" had searched black cats)
    r"(?:that|this|it|the\s+[\w'-]+(?:\s+[\w'-]+){0,2}?(?=\s+one\b)|the\s+[\w-]+)(?:\s+one)?\W*(?:(?:please|pls|plz|thx|thanks|then)\W*)?$"
    # by its price or rating: "get the cheaper of those two" (had searched cheaper ones)
    r"|^\W*(?:(?:ok(?:ay)?|k|yes|yeah|yep|cool|great|perfect|then|fine|alright|so)\W+)*(?:get|take|grab|buy)\s+"
    r"(?=the\s+(?:cheaper|cheapest|less\s+expensive|least\s+expensive|pricier|priciest|(?:better|best|higher|highest|top)[- ]rated)\b)"
    # said last, after what is liked about it: "the black cat one is cute, get that"
    r"|[.!;,]\s*(?:(?:ok|so|then|just|yes)\s+)?(?:get|take|grab|buy)\s+(?:it|that|this)(?:\s+one)?\W*(?:(?:please|pls|plz|then)\W*)?$"
    r"|^\W*(?:ok(?:ay)?|k|yes|yeah|yep|cool|great|perfect|fine|alright)\W+(?:that|this)\s+one\W*(?:(?:please|pls|plz|then)\W*)?$"
    # a card taken by its words: "nah go with the padded bag, cheaper" (had searched "go padded
    # bag": ukulele and banjo bags)
    rf"|{GO_WITH.pattern}"
    # the card put in the cart: "ok add it to cart" (had searched "add cart": flash cards),
    # "añádelo al carrito", "mets-le dans le panier", "in den Warenkorb", "nel carrello"
    rf"|{ADD_TO_CART}",
    re.I,
)
#: A card accepted, said in the words of a choice: "the 3rd one is fine", "taking the silk gold",
#: "first one works", "#2 sounds good", "ok ill do the concert one", "je prends le rose".
ACCEPTS = re.compile(
    rf"(?:{TAKES.pattern})|\b(?:i'?ll|i will|we'?ll)\s+do\b|\b(?:taking|grabbing|buying|getting|ordering|"
    r"going with|adding)\b|\badd\s+(?:those|that|it|them|this|these|the\s+\w+\s+one)\b|\b(?:is|are|looks?|sounds?)\s+"
    r"(?:fine|good|great|perfect|ok|okay)\b|\b(?:one|ones|\w+s)\s+works?\b|\bje (?:prends|vais prendre)\b"
    r"|\bich nehme\b|\bvoy a (?:llevar|comprar)\b",
    re.I,
)
#: Another like the card chosen: "get that, and one more like it", "add the black one. and
#: another one in a different colour for his bass" (each had searched its words: s'mores).
LIKE_IT = re.compile(
    r"\b(?:(?:one|two|a\s+couple|some|a\s+few)\s+more|another(?:\s+one)?|others?|more)\s+"
    r"(?:(?:just\s+)?like\s+(?:it|that|this|them|those)(?:\s+one)?|(?:in|with)\s+(?:a\s+)?(?:different|other|another)\s+colou?rs?)\b",
    re.I,
)
#: Where a request for something more starts after a choice: "also", "while im here i need",
#: "can u also pull up", "got any", "find me", "throw in", "vous avez aussi".
_MORE_ASKED = re.compile(
    r"\b(?:also|while (?:i'?m|im|i am) (?:here|at it)|plus|(?:i|we) (?:also |still )?need|need|find me|got any|"
    r"(?:do|can) (?:you|u|y'all) (?:also )?(?:have|sell|carry|pull up|show|find|get)|(?:you|u) (?:have|got)|"
    r"have any|any of those|"
    # a second thing said after "and": "add the cheaper one and a gig bag for it"
    r"(?<=\band\s)(?:a|an|some)(?=\s+\w)|"
    r"show me|throw in|vous avez|avez-vous|tienen|tenéis|hay"
    # "the elixir ones. whats a good string winder to go with them", "the red one with the
    # bridge. are there extra tracks ... that fit it"
    r"|(?:what'?s|whats|what\s+is)\s+(?:a\s+)?good|are\s+there|is\s+there"
    # someone else's next: "the bead one's perfect, add it. ok and something for her brother, he's
    # 12", "good, add it. now one for my mom"
    r"|(?<=\band\s)(?:something|one|a\s+gift|a\s+present)\s+for|(?:now|next)\s+(?:something|one|a\s+gift)\s+for"
    r")\b|有没有|还要|另外|再加|再来|还需要|外加"
    # another thing after the choice's sentence: "get the cheaper of those two. and yellow post
    # its, the normal square ones" (the post-its had been dropped without a word)
    r"|(?<=[.!;]\s)(?:and|also|plus)\s+(?=(?!(?:it|that|this|them|those|these|then|yes|ok|thanks?|thx|ty|cheers)\b)[a-z])"
    # a count of another thing: "add the one in the wooden case. + 2 decks of plastic cards"
    r"|(?:(?<=\band\s)|(?<=\+)|(?<=\+\s))\d{1,2}(?=\s+[a-z])"
    rf"|{LIKE_IT.pattern}",
    re.I,
)
#: What one does with a thing, said as what something else is for: "a case to carry it", "something
#: to roll them in".
DO_WITH = (r"carry|transport|take|bring|store|keep|protect|hold|hang|mount|clean|tune|roll|put|display|"
           r"organi[sz]e|sort|charge|play")
#: Something asked for to go with what is on screen: "to go with it", "batteries for it",
#: "spare strings", "des cordes de rechange", "cuerdas de repuesto".
FOR_IT = re.compile(
    r"\b(?:(?:to\s+go\s+)?with|for)\s+(?:it|this|that|them|those|these)\b|\b(?:spare|replacement|extra)\b"
    # "furniture to go in it" after a dollhouse (studio furniture had been shown)
    r"|\bto\s+(?:go|put)\s+(?:in|inside|on|into)\s+(?:it|this|that|them)\b"
    # "find me a stand that fits it" (after a practice pad: speaker and mic stands had been shown)
    r"|\b(?:fits?|goes|works?)\s+(?:with\s+|on\s+)?(?:it|this|that|them|this\s+one|that\s+one)\b"
    r"|\bde\s+(?:rechange|repuesto|recambio)\b|\bpara\s+(?:él|el|ella|esta|este|eso)\b|\bpour\s+(?:lui|elle|ça)\b"
    r"|\bper\s+(?:quell[oa]|quest[oa])\b|\b(?:para|pra)\s+(?:ele|ela|esse|essa)\b"
    # what it does to it: "a hard case to carry it on the bus", "pour le transporter"
    rf"|\bto\s+(?:{DO_WITH})\s+(?:it|them)\b"
    r"|\bpour\s+(?:le|la|les)\s+(?:transporter|porter|ranger|prot[eé]ger|accorder|nettoyer)\b"
    r"|\bpara\s+(?:llevarl[oa]|transportarl[oa]|guardarl[oa]|protegerl[oa]|afinarl[oa]|limpiarl[oa])\b",
    re.I,
)
#: Something asked for to go with one card: "sticks that go with the first one", "a case for the
#: second one", "una correa que vaya con la segunda", "un supporto per la seconda".
FOR_CARD = re.compile(
    r"\b(?:(?:that|which|to)\s+(?:go(?:es)?|fits?|works?)\s+(?:with|on|for)|go(?:es)?\s+with|for|"
    r"que\s+(?:vaya|combine|sirva)\s+(?:con|para)|para|per|pour|f[üu]r|pra|que\s+aille\s+avec)\s+"
    r"(?:the|el|la|il|lo|le|das|die|den|dem|o|a)\s+(?:"
    r"first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th|primer[oa]?|segund[oa]|tercer[oa]?|"
    r"[uú]ltim[oa]|prim[oa]|second[oa]|terz[oa]|premi[eè]re?|deuxi[eè]me|troisi[eè]me|derni[eè]re?|"
    r"erste[nm]?|zweite[nm]?|dritte[nm]?|letzte[nm]?|primeir[oa]|terceir[oa])\b",
    re.I,
)
#: A card named alone as a sentence, which chooses it: "the elixir ones.", "the black one for
#: $29.", "the red one with the bridge." (each had been searched with the request after it).
_NAMED_ALONE = re.compile(
    r"\W*(?:(?:ok|okay|so|then)\W+)?the\s+[\w'&-]+(?:\s+[\w'&-]+){0,2}?\s+ones?"
    r"(?:\s+(?:for|at)\s+[$€£]?\d+(?:\.\d{1,2})?|\s+(?:with|w/)\s+(?:the\s+)?[\w'-]+(?:\s+[\w'-]+)?"
    r"|\s+(?:in|on)\s+the\s+\w+)?\W*",
    re.I,
)
#: Where a choice's clause ends: a sentence's end, or a comma or "and" before the request.
_CHOICE_ENDS = re.compile(r"[.!;?]+\s+|,\s*|\s+(?:and|&|y|et)\s+", re.I)


def choice_and_more(text: str) -> tuple[str, str] | None:
    """A card chosen and something more asked in one message ("ok grabbing the 100ct box. also
    any of those squeeze wash bottles", "the 3rd one is fine, can u also pull up some light
    gauge strings"): the clauses choosing and the rest, which asks (a story may come first);
    None when the message does not open with a choice or asks nothing more (each had been read
    as one request: "fine" asked of card 3, the box's "100ct" kept as a size of the bottles)."""
    more = _MORE_ASKED.search(text)
    if more is None:
        return None
    ends = [e for e in _CHOICE_ENDS.finditer(text) if e.end() <= more.start()]
    for i, end in enumerate(ends):
        choice, rest = text[: end.start()].strip(), text[end.end() :].strip()
        following = text[end.end() : ends[i + 1].start()] if i + 1 < len(ends) else ""
        named = bool(_NAMED_ALONE.fullmatch(choice)) and text[end.start()] in ".!;"
        if (ACCEPTS.search(choice) or named) and not ACCEPTS.search(following):
            # (the choice ends where the choosing does: "the vic firths work, add those. my
            # practice pad is falling apart too so find me a 12 inch one")
            return choice, rest
    return None


#: The card the answer recommended first, named as such: "the one you recommended", "your top
#: pick", "why did you pick that one" (each had been a search for its words); and one named by
#: what the catalog does not record ("the one that's on sale").
THE_PICK = re.compile(
    r"\b(?:the one (?:you|u) (?:recommended|picked|suggested|chose|like)|(?:your|ur) (?:top |first |best |own )?"
    r"(?:pick|choice|recommendation|favou?rite)|the recommended one|why (?:did (?:you|u) (?:pick|choose|"
    r"recommend|suggest)|(?:that|this) one)|the one (?:that'?s|that is|thats) (?:on sale|discounted|in stock))\b"
    # the same in Spanish and Chinese: "el que me recomendaste", "就要你推荐的那个"
    r"|\bel que (?:me )?(?:recomendaste|recomiendas|elegiste)\b|\btu (?:recomendaci[oó]n|elecci[oó]n)\b"
    r"|(?:你|您)(?:推荐|选)的",
    re.I,
)
#: A card named by how it looks in Spanish and Chinese: "el de madera", "la azul", "木头的那个".
_LOOK_ONE_ES = re.compile(
    # (a word of assent before it and the cart after: "vale, el de madera, añádelo" had put the
    # recommended card in the cart)
    r"^\W*(?:(?:vale|ok|bueno|pues|entonces|sí|si|perfecto|listo)\W+)*(?:y\s+)?(?:el|la)\s+((?:de\s+)?\w+)"
    r"(?:\W+(?:a[ñn][aá]d[eií]l[oa]|agr[eé]gal[oa]|me\s+l[oa]\s+llevo|l[oa]\s+quiero|por\s+favor))?\W*$",
    re.I,
)
_LOOK_ONE_ZH = re.compile(r"^\W*([\u4e00-\u9fff]{1,4})的那(?:个|款|一个|一款)\W*$")
#: The card named by its look at the end of a question: "quanto costa quello rosa?", "¿cuánto
#: cuesta el rojo?" (whether the word is a look is read off its English, as above).
_LOOK_ONE_END = re.compile(
    r"^\W*(?:quanto|quanta|cu[aá]nto|cu[aá]nta|combien|wie\s*viel)\s+\w+\s+"
    r"(?:quello|quella|el|la|le|o|a|der|die|das)\s+((?:de\s+)?\w+)\W*$",
    re.I,
)


def looked_one(text: str) -> str | None:
    """The shopper's words for how the card they name looks ("green" of "the green one", "de
    madera" of "el de madera"); None when the message is no such naming. (Whether the words are
    a look is read off their English: "el último" names the last card.)"""
    for rx in (THE_LOOK_ONE, _LOOK_ONE_ES, _LOOK_ONE_ZH, _LOOK_ONE_END):
        if m := rx.match(text):
            return m.group(1)
    return None


#: What the catalog does not record, asked of a card: stock, sales, shipping, returns.
NOT_RECORDED = re.compile(
    # (not where it was had: "a bunch of random tracks from a garage sale")
    r"\b(?:in stock|out of stock|stock|availab(?:le|ility)|on sale|(?<!garage )(?<!yard )(?<!bake )(?<!estate )sale|discount(?:ed)?|coupon|promo(?:tion)?|"
    r"ship(?:s|ping)?|deliver(?:y|ed)?|arrive|return policy|returns?|refund"
    # when it would come: "can I even get something physical by tomorrow?"
    r"|by\s+tomorrow|by\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day|in\s+time\s+for|overnight|next[- ]day|same[- ]day)\b"
    # (in the shop's other languages: "bitte nur Artikel, die auf Lager sind")
    r"|\b(?:auf lager|vorrätig|lieferbar|en stock|em estoque|in magazzino|disponibles? en stock)\b|有货|现货|库存",
    re.I,
)
#: Gift wrap or a note asked for: "can you gift wrap it and put in a card that says ...", "can I
#: include a note with it?", "ship it straight to her house with a note from all of us" (each had
#: searched its words: Funko Pops, hook-and-eye kits).
GIFT_WRAP = re.compile(
    r"\bgift[- ]?wrap\w*|\bwrap\s+(?:it|them|this|that)\b|\b(?:include|add|put\s+in|with)\s+(?:a\s+|my\s+)?"
    r"(?:little\s+)?(?:gift\s+)?(?:note|message|card\s+that\s+says|gift\s+card)\b"
    r"|\bship\s+(?:it|them)\s+(?:straight\s+|directly\s+)?to\s+(?:her|him|them|my)\b"
    r"|\benvolver\s+(?:para|de)\s+regalo|\bpapel\s+de\s+regalo|\bemballage\s+cadeau|\bpaquet\s+cadeau"
    r"|\bgeschenk(?:verpackung|papier)|\bals\s+geschenk\s+verpack|\bconfezione\s+regalo|\bpacchetto\s+regalo"
    r"|\bembrulh\w*|\bpapel\s+de\s+presente|礼品包装|包装成礼物|贺卡|礼盒包装",
    re.I,
)
#: What the store sells, asked: "oh ok what do you sell then", "¿qué venden?", "你们卖什么" (it had
#: been a question about the cards on screen); not "what else do you have" (more of the same).
STORE_RANGE = re.compile(
    r"\bwhat\s+(?:do|does|can)\s+(?:you|u|y'?all|ya|this store|the store)\s+(?:guys\s+)?(?:sell|carry|stock|offer)\b"
    r"|\bwhat (?:kind|sort)s? of (?:stuff|things|products|items) do (?:you|u|y'?all) (?:sell|carry|have)\b"
    r"|\bqu[eé] (?:venden|vendes|tienen)\b|你们(?:卖|有)什么",
    re.I,
)
#: None of the cards will do: "none of these are right", "not what i'm looking for".
NONE_RIGHT = re.compile(
    r"^\W*(?:(?:no|nah|nope|hmm|ok|um|sorry|ugh|eh)\W+)*(?:none of (?:these|those|them|the above)"
    r"|not (?:what i(?:'m| am) (?:looking for|after)|quite (?:it|right)|really what i (?:want|need))"
    r"|(?:these|those|they) (?:aren'?t|are not|r not) (?:right|it|what i (?:want|need))"
    # ("show me something different, mesh isn't really my style" had searched "mesh style",
    # "something different" alone "something different")
    r"|(?:(?:show|give|find|get)\s+(?:me\s+|us\s+)?)?(?:something|anything|some)\s+(?:totally\s+|completely\s+)?different"
    r"|different\s+ones|try\s+again"
    # ("not that kind, he wants a real trick one" after yo-yos had searched "not real trick")
    r"|not\s+(?:that|this|those|these)\s+(?:kind|type|sort|ones?))",
    re.I,
)
#: The price limit dropped: "forget the budget", "money is no object", "price doesn't matter".
NO_BUDGET = re.compile(
    r"\b(?:forget|ignore|drop|never\s?mind|scrap|remove|no)\s+(?:about\s+)?(?:the\s+|my\s+|a\s+)?"
    r"(?:budget|price limit|price cap|spending limit)\b|\b(?:budget|price|money|cost)\s+(?:doesn'?t|does not|don'?t)"
    rf"\s+matter\b|{NO_LIMIT.pattern}|\bany (?:budget|price)\b",
    re.I,
)
#: A card named as a card ("the first one", "number 2", "[2]", "it", "this"), not an ordinal of
#: something else ("a baby's first birthday", "a first aid kit", "second hand keyboards").
_ONE_CARD = re.compile(
    r"\b(?:first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)\s+(?:one|option|product|item|pick)\b"
    # named by what it has: "the one with the slide kit, does it ..."
    r"|^\W*the\s+one\s+(?:with|w/|that\s+has|that\s+comes\s+with)\s+[^,?.!]{1,30}[,.]"
    # by its words, first: "the folding magnetic one, is the board real wood?"
    r"|^\W*(?:(?:and|ok|okay|so|hmm)\W+)?the\s+(?:[\w'-]+\s+){1,4}?ones?\s*(?:[,.:;]|\s-)"
    r"|\b(?:number|no\.|#)\s*\d\b|\[\d\]|^\W*\w+\s+(?:it|this|that)(?:\s+one)?\b(?!\s+(?:be\s+)?(?:possible|ok|okay|alright|better|smarter|worth|all|the (?:cheapest|best))\b)(?!.*\binstead\b)"
    r"|\b(?:is|are|does|do)\s+(?:it|this|that)(?:\s+one)?\s*(?:have|hold|weigh|measure|come with)?\s*\??\s*$",
    re.I,
)
#: The cards said as "they" in a question of measure ("how many pairs do they come with?").
#: A question about any product of a kind, not the cards: "how many strings does a ukulele have".
_OF_ANY = re.compile(
    # ("do any come with a gig bag" asks the cards: "any" before a verb names no product)
    r"\b(?:does|do|is|are|can|will)\s+(?:a|an|any)\s+(?!(?:come|comes|have|has|fit|fits|work|works|need|needs|take|takes|include|includes)\b)\w+",
    re.I,
)
_THEM = re.compile(r"\b(?:they|these|those|them|their|its)\b", re.I)
#: A question about the cards on screen said as "any of them", "they", "the <part>" or "what ...
#: does it take": "do any of them come with a case", "are the markers low odor", "what staples
#: does it take", "any of those on kindle unlimited?" (each had been a new search).
#: Asked of every card on screen: "do any of them ...", "are they ...".
ANY_OF = re.compile(
    r"^\W*(?:(?:and|so|ok|okay)\W+)?(?:(?:do|does|are|is|can|will|would)\s+)?(?:any|all|either|both|each|none)"
    r"\s+of\s+(?:them|these|those|the\s+\w+)\b"
    r"|^\W*(?:(?:and|so|ok|okay)\W+)?(?:do|does|are|is|can|will|would)\s+(?:they|these|those)\b"
    # "do any come with a gig bag", "are any of them waterproof" (the first card alone had been read)
    r"|^\W*(?:(?:and|so|ok|okay)\W+)?(?:do|does|are|is|can|will|would)\s+any\s+(?:come|have|fit|work|include|take|run|use)\b"
    # "how far do they actually reach?", "how loud are these?"
    r"|^\W*(?:(?:and|so|ok|okay)\W+)?how\s+\w+\s+(?:do|are|can|will|would)\s+(?:they|these|those)\b",
    re.I,
)
_ASKS_CARDS = re.compile(
    ANY_OF.pattern + r"|^\W*(?:(?:and|so|ok|okay)\W+)?(?:do|does|are|is|can|will|would)\s+the\b"
    r"|^\W*what\s+(?:\w+\s+){1,2}(?:does|do|will|would)\s+(?:it|this|that|they|these|those)\s+"
    r"(?:take|use|need|fit|hold|run on|work with)\b",
    re.I,
)
#: Gear that goes with a product: asked for alone after one, it is for that product.
_GEAR_WORDS = """stand stands case cases bag bags cover covers strap straps holder holders mount
    mounts charger chargers battery batteries adapter adapters"""
GEAR = frozenset(_GEAR_WORDS.split())
#: What a product has or comes with, asked of the cards: "do they take batteries?", "有耳机孔吗".
_PART_WORDS = """lead leads cable cables cord cords plug plugs jack jacks hole port ports goggles
    headphone headphones tip tips lid lids manual instructions remote remotes pick picks reed reeds
    mouthpiece bow bows pad pads strings string light lights sound speaker speakers screen pieces
    parts accessories warranty tension heating heat function feature features size sizes version
    edition cover binding"""
PARTS = GEAR | frozenset(_PART_WORDS.split())
#: A question, in any of the shop's languages.
_QUESTION = re.compile(
    r"[?？]\s*$|^\W*¿|[吗呢么嘛](?:\W|$)|多少钱|贵多少|合适吗|怎么样|能不能|是不是|可以吗"
    r"|多久|多大|多重|多长|多高|多宽|几个|哪个|哪款"
    r"|^\W*(?:(?:ok|okay|and|so|but|also|oh|hmm|wait)\W+)*(?:is|are|does|do|did|will|would|can|could"
    r"|has|have|how|whats|what's|what|which|why|any)\b|\b(?:right|correct|too)\W*$"
    # how many, in the shop's other languages: "und wie viele sind in der Packung"
    r"|^\W*(?:(?:und|et|e|y)\s+)?(?:wie\s+(?:viele?|gro(?:ß|ss)|lang)|combien|quant[ioe]|quantas?|cu[aá]nt[oa]s?)\b"
    # a card named, then asked of: "the tascam one, does it work with an ipad"
    r"|^\W*the\s+[\w'-]+(?:\s+[\w'-]+)?\s+ones?\s*,\s*(?:is|are|does|do|will|would|can|could|has|how|what|which)\b"
    # a card named by what it has: "the one with the slide kit, does it need batteries"
    r"|^\W*the\s+ones?\s+(?:with|in|that\s+has|w/)\s+[^,?.!]{1,30}[,.]\s*(?:is|are|does|do|will|would|can|could|has|how|what|which)\b",
    re.I,
)
#: Another thing asked for, not a question about the cards: "what about ukulele strings?", "do
#: you have guitar picks?", "¿tienen cien años de soledad?", "有哈利波特英文原版书吗".
_NEW_ASK = re.compile(
    # "y cinta doble cara fuerte?" (and strong double-sided tape?) after electrical tape: another
    # product, named after "and" with no verb (not "y el segundo tiene ...", "and is it ...")
    r"^\W*¿?\s*(?:y|and)\s+(?!(?:el|la|los|las|lo|the|it|its|this|that|these|those|ese|esa|este|esta|"
    r"eso|cu[aá]l\w*|cu[aá]nt\w*|qu[eé]|c[oó]mo|d[oó]nde|does|do|is|are|can|will|would|how|what|which|"
    r"tiene\w*|trae\w*|viene\w*|sirve\w*|es|son|est[aá]\w*|funciona\w*|en|con|sin|in|with|without|for|"
    r"para|de|del|algun\w*|any\w*|some\w*|one|ones|uno|una|otro|otra|m[aá]s|more|menos|less|"
    r"cheaper|bigger|smaller|m[aá]s)\b)[a-z\u00e0-\u00ff]+(?:\s+[a-z\u00e0-\u00ff]+){0,4}\W*$|"
    r"^\W*(?:(?:and|so|ok|okay)\W+)?(?:what|how)\s+about\b|^\W*¿?\s*(?:y\s+)?(?:qu[eé]\s+tal|tienen|venden|hay)\b|"
    # "y una funda para guitarra?", "und ein Notenständer?", "e un supporto per quella?": a thing
    # named after "and a" in another language (had been asked of the cards: "does not mention")
    r"^\W*¿?\s*(?:y|e|und|et)\s+(?:una?|ein|eine|einen|une)\s+(?!(?:m[aá]s|otr[oa]|altr[oa]|autre|"
    r"andere\w*|mehr|pi[uù]|poco|peu)\b)[a-z\u00e0-\u00ff]+(?:\s+[a-z\u00e0-\u00ff]+){0,4}\W*$"
    r"|^\W*(?:do|does|can|could)\s+(?:you|u|ya)\s+(?:guys\s+)?(?:have|sell|carry|stock|get|recommend)\b"
    # a kind of goods asked for: "he ties his own flies at the kitchen table, any fly tying stuff?"
    r"|(?:^|[,.!?;]\s*)any\s+(?:[a-z]+\s+){1,3}(?:stuff|gear|supplies|equipment)\W*$"
    r"|^\W*(?:有没有|有卖|你们有|卖不卖|推荐)|^\W*有[^吗]{4,}吗"
    # "which strings do I need for a classical guitar", "what slides should i get with it",
    # "is it worth getting a hard case instead?": something to buy
    r"|^\W*(?:which|what)\s+(?:\w+\s+){0,2}(?:do|should|would|could|must)\s+(?:i|we)\s+(?:need|get|buy|use)\b"
    r"|\binstead\b|\bworth\s+(?:getting|buying)\b"
    # "do i need a case for it?": cases for it (not "... or does it come with one")
    r"|^\W*(?:do|would|will)\s+(?:i|we)\s+need\s+(?:a|an|some|to\s+(?:buy|get))\b(?!.*\b(?:comes?\s+with|included)\b)",
    re.I,
)
#: The cards said as a pronoun: "it", "they", "esa", "它".
_PRONOUN = re.compile(
    r"\b(?:it|its|they|them|these|those|this|that|one|ones|esa|ese|eso|esos|esas|este|esta|estos|estas|"
    r"esse|essa|isso|questo|questa|quello|quella)\b"
    r"|它|这个|那个|这款|那款|这些|那些",
    re.I,
)
#: What it comes with or does, or how it measures, asked of the cards: "does it come with one",
#: "are included right", "how long does a game usually take", "¿sirve también para bajo?".
_OF_IT = re.compile(
    r"\b(?:come|comes)\s+with\b|\bincluded\b|\bin the box\b"
    r"|^\W*(?:(?:and|so|ok|okay)\W+)?how\s+(?:long|big|heavy|loud|far|many|much|hard|easy|tall|wide)\b"
    # "¿cuánto dura una partida?", "需要用胶水吗" (does it need glue?), "大概要拼多久" (how long?)
    r"|^\W*¿?\s*(?:y\s+)?(?:cu[aá]nto|cu[aá]nta)\s+(?:dura|mide|pesa|tarda)\b|^\W*¿?\s*(?:necesita|usa)\b"
    r"|^\W*(?:需要|要不要|用不用|是否需要)|多久|多大|多重|多长|多高|多宽"
    r"|^\W*¿?\s*(?:y\s+)?(?:sirven?|funcionan?|es|son|est[aá]n?|se\s+puede|aguantan?|resisten?|caben?|cabe"
    r"|vienen?|traen?|incluyen?)\b"
    # what it needs or does, in German, Italian and Portuguese: "braucht man dafür eine App oder
    # geht das ohne Handy?" (had been searched as typed), "funziona a batterie?", "precisa de pilhas?"
    # (after the card pointed at: "esse serve também no violão dele ou só no ukulele?")
    r"|^\W*(?:(?:und|e)\s+)?(?:(?:esse|essa|este|esta|isso|ele|ela|questo|questa|quello|quella)\s+)?"
    r"(?:braucht\s+man|brauche\s+ich|braucht\s+(?:es|das|der|die)|funktioniert|geht\s+das"
    r"|serve|bisogna|funziona|precisa|funciona|vem\s+com"
    r"|wie\s+(?:viele?|gro(?:ß|ss)|lang|schwer|laut)|quant[io]|quantas?|combien)\b"
    # a card named by its look, then how many: "la confezione blu quanti ne contiene?", "el azul,
    # ¿cuántas trae?" (each had been a new search)
    r"|,?\s*¿?\s*(?:quant[ieao]|cu[aá]nt[oa]s|combien|wie\s+viele?|quant[oa]s)\s+(?:ne\s+|en\s+|sind\s+|c'?i\s+)?"
    r"(?:contiene|contengono|trae|traen|vienen|contient|y\s+a|drin|enth[aä]lt|v[eê]m|tem|ci\s+sono|sono)\b"
    # in French: "et ça se joue à 8 personnes ?" (had searched "8 personnel")
    r"|^\W*(?:et\s+)?(?:ça|est-ce\s+qu(?:e|')?\s*(?:ça|il|elle))\b"
    # a size of the cards: "¿el 3/4 le queda bien o mejor 1/2?"
    r"|^\W*¿?\s*(?:y\s+)?(?:el|la|un|una)\s+\d+/\d+\b|\ble\s+quedan?\b",
    re.I,
)


#: Where a message asking two things about a card parts: after a question mark with more to
#: come, or before "and does it ..." ("does the second one need phantom power? and does it come
#: with a stand", "is the first one loud enough ... and does it have a headphone jack").
_NEXT_QUESTION = re.compile(
    r"(?<=[?？])\s*(?=\S)|\s*,?\s+(?=and\s+(?:does|do|is|are|can|will|would|has|have)\s+"
    r"(?:it|they|this|that|these|those|the)\b)",
    re.I,
)
#: The word joining the second question to the first, in the shop's languages.
_JOINED = re.compile(r"^(?:and|also|plus|y|e|et|und|auch|además|inoltre)\b[\s,]*", re.I)


def question_parts(text: str) -> list[str]:
    """The questions one message asks, each on its own ("la seconda ha i tasti pesati? e quanto
    costa con il supporto": two); one part for a message asking one thing."""
    parts = [_JOINED.sub("", p.strip()) for p in _NEXT_QUESTION.split(text)]
    return [p for p in parts if re.search(r"\w", p)]


def asks_question(text: str) -> bool:
    """Whether a message is a question, in any of the shop's languages."""
    return bool(_QUESTION.search(text))


def asks_cards(text: str, kind: str | None, shown_titles: Sequence[str]) -> bool:
    """Whether a message, with cards on screen, is a question about them rather than a new request:
    a question naming no other product ("how far do they actually reach", "¿sirve también para
    bajo?", "需要装电池吗", "ok and test leads are included right"). `kind`: the product word read
    from it (its English one), which must be the cards' kind, a part, or said of "it" or "they".
    Each of those had been a new search ("We don't seem to carry how far do they actually reach")."""
    if not shown_titles or not asks_question(text) or _NEW_ASK.search(text):
        return False
    if kind is None:
        return True
    words = {w for t in shown_titles for w in re.findall(r"[a-z]+", t.lower())}

    def titled(word: str) -> bool:
        return bool({word, word.rstrip("s"), word + "s"} & words)

    word = kind.lower()
    if titled(word) or word in PARTS:
        return True
    if (
        (general := _OF_ANY.search(text))
        and not titled(general.group(0).split()[-1].lower())
        # (unless a card is pointed at: "how long does a round take on that one")
        and not _THAT_ONE.search(text)
    ):
        return False  # "how many strings does a ukulele have" (after keyboards): any ukulele
    return bool(_PRONOUN.search(text) or _OF_IT.search(text))


def asks_for_more(text: str) -> bool:
    """Whether a message asks the store for another thing ("¿tienen fundas de guitarra?", "und ein
    Notenständer?", "what about a capo"), whatever its words name."""
    return bool(_NEW_ASK.search(text))


#: A card pointed at: "on that one", "the second one", "this one".
_THAT_ONE = re.compile(
    r"\b(?:that|this|the\s+\w+)\s+one\b|\b(?:on|with|for)\s+(?:it|that|this)\b", re.I
)


def says_it(text: str) -> bool:
    """Whether a message asks what a card on screen does, has or is ("does it come with ...",
    "¿se puede programar desde la compu o solo con el control?")."""
    return bool(_OF_IT.search(text))


def asks_of_it(text: str) -> bool:
    """Whether a question's subject is a card on screen: "is it too hard for a 9 year old", "are
    they ok for a toddler", "is the first one safe for a baby" (not "any for a 5 year old?")."""
    return bool(_OF_CARD.search(text))


_OF_CARD = re.compile(
    r"^\W*(?:(?:and|so|ok|okay|but|also)\W+)*(?:is|are|would|will|could|can|does|do)\s+"
    r"(?:it|they|this|that|these|those|the\s+\w+\s+one|the\s+\w+\s+ones|either|both)\b"
    # a size of the cards on screen: "is 3/4 size ok for a 9 year old or should i get a 1/2"
    # a card named, then asked of: "the egg ones, are they ok for a kid that still chews stuff"
    r"|^\W*the\s+[\w'-]+(?:\s+[\w'-]+)?\s+ones?\s*,\s*(?:is|are|would|will|could|can|does|do)\s+"
    r"(?:it|they|this|that|these|those)\b"
    r"|^\W*(?:is|are|would|will)\s+(?:a\s+|the\s+)?\d+/\d+(?:\s+size)?\s+(?:ok|okay|good|right|fine|"
    r"enough|too|better|big|small|the\s+right)\b"
    # which of two sizes: "how do i tell if she needs a 1/2 or 3/4"
    r"|\b\d/\d(?:\s+size)?\s+or\s+(?:a\s+|the\s+)?\d/\d\b"
    # someone of an age, and whether they would get on with it: "would a 10 yr old get it",
    # "could my 6 year old handle this" (had been a refinement to a 10-year-old's products)
    r"|^\W*(?:(?:and|so|ok|okay|but|also)\W+)*(?:would|will|could|can|does|do)\s+(?:a|an|my|your|our|his|her)\s+"
    r"(?:\w+\s+){0,7}?(?:get|like|enjoy|understand|handle|manage|follow|learn|play|use|love|grasp)\s+"
    r"(?:it|this|that|them|these|those|the\s+\w+\s+one)\b",
    re.I,
)

#: A yes/no question to the store, not about a card: "do you have a case for the guitar?".
_ASKS_STORE = re.compile(
    r"^\W*(?:do|does|can|could|would|will|is|are)\s+(?:you|u|ya|there|they|we|i)\b"
    r"(?!\s+(?:\w+\s+)?(?:it|this|that)\b)",
    re.I,
)
#: A maker or kind said as not wanted (the words of `NEGATING`), and the name after them.
_NEGATION = re.compile(
    rf"\b(?:{NEGATING})\s+"
    r"(?:(?:one|any|some)\s+of\s+(?:those|these|the)\s+)?"  # "not one of those toy ones"
    r"(?:(?:sea|sean|es|son|muy|tan|tenga|tengan|demasiado)\s+)?"  # "que no sea negro": not "sea"
    r"(?:from\s+|by\s+|made by\s+|a\s+|an\s+)?([\w&'.-]+(?:\s+[A-Z][\w&'.-]*)?)",
    re.I,
)  # fmt: skip
#: The words of `_NEGATION` that leave out a kind of thing, not a feature ("without", "no").
_UNWANTED_KIND = re.compile(
    rf"(?:not|except|other than|anything but|but not|isn't|aren't|{DONE_WITH})\s", re.I
)
#: A word that ends its clause: "..., not chess", "isn't chess, me and my wife play".
_CLAUSE_END = re.compile(r"\s*(?:$|[,.;!?)]|\s(?:please|pls|thanks|though|tho)\b)", re.I)
#: How a product looks or what it is made of, as a narrowing says it: "any in dark green".
LOOKS = frozenset([*COLORS, "dark", "light", "bright", "pale", "wooden", "wood", "metal", "plastic",
                   "leather", "glass", "bamboo", "silicone", "steel", "cotton", "magnetic"])  # fmt: skip
#: Varieties of one product, one of which replaces another: "should i go concert instead?" after
#: soprano ukuleles is concert ukuleles (it had searched concert things, a concert pack first).
VARIANTS = (
    frozenset(["sopranino", "soprano", "concert", "tenor", "baritone", "alto"]),
    frozenset(["acoustic", "electric", "classical", "electronic", "digital"]),
    frozenset(["left-handed", "right-handed"]),
    frozenset(["wired", "wireless"]),
)
VARIANT_WORDS = frozenset(w for family in VARIANTS for w in family)


def siblings(word: str) -> frozenset[str]:
    """The other varieties of `word`'s family ("concert" -> soprano, tenor, ...); none if it has none."""
    low = word.lower()
    return next((family - {low} for family in VARIANTS if low in family), frozenset())


#: A card named by how it looks, and nothing else: "the green one", "and the wooden one?".
THE_LOOK_ONE = re.compile(
    r"^\W*(?:(?:and|ok|okay|so|what about|how about|i like|i love)\W+)*the\s+("
    + "|".join(sorted(LOOKS, key=len, reverse=True))
    + r")\s+one"
    # (and what the shopper thinks of it: "the wooden one looks sturdy", "the blue one is cute")
    r"(?:\s+(?:looks?|seems?|is|sounds?)\s+(?:\w+\s+){0,2}?(?:sturdy|nice|good|great|cute|cool|pretty|perfect|"
    r"fine|better|best|solid|fun|lovely|right))?\W*$",
    re.I,
)
FEATURES = ("waterproof", "wireless", "electric", "acoustic", "wooden", "wood", "metal", "plastic",
            "leather", "rechargeable", "portable", "cordless", "bluetooth", "usb", "digital",
            "magnetic", "foldable", "adjustable", "organic", "stainless", "thin", "lightweight",
            "compact", "mini", "silent", "quiet", "clip-on", "left-handed", "battery-powered",
            "solar", "glow-in-the-dark", "washable", "non-toxic", "waterproof")  # fmt: skip
ATTRIBUTE = re.compile(r"\b(" + "|".join(COLORS + FEATURES) + r")\b", re.I)

#: Words that name a department outright ("a toy guitar", "an ebook"): only these make the
#: department a hard filter; the model's guess is a preference, not a constraint.
DEPARTMENT_CUES: dict[str, re.Pattern[str]] = {
    "Toys & Games": re.compile(r"\b(toys?|board games?|toys (?:&|and) games)\b", re.I),
    "Musical Instruments": re.compile(r"\b(musical instruments?|instruments?)\b", re.I),
    "Kindle Store": re.compile(r"\b(kindle|e-?books?|novels?)\b", re.I),
    "Industrial & Scientific": re.compile(
        r"\b(lab(?:oratory)?|industrial|scientific|science lab)\b", re.I
    ),
}


#: Kinds that name a reading, which titles seldom say ("Gone Girl" is a novel without the word).
DESCRIBED_KINDS = frozenset(["book", "books", "novel", "novels", "ebook", "ebooks", "cookbook",
                             "cookbooks", "story", "stories", "series", "read", "reads"])  # fmt: skip


#: Of those, the kinds that are a reading whatever else is said ("story", "series" may be names).
BOOK_KINDS = frozenset(
    ["book", "books", "novel", "novels", "ebook", "ebooks", "cookbook", "cookbooks"]
)


def reading_department(departments: Sequence[str]) -> str | None:
    """The department that sells readings (the one `DEPARTMENT_CUES` names for "ebooks"), if the
    store has it."""
    return next(
        (d for d, rx in DEPARTMENT_CUES.items() if rx.search("ebooks") and d in departments), None
    )


@dataclass(frozen=True)
class Cues:
    """What the words say, independent of any model."""

    cheaper: bool = False
    pricier: bool = False
    better_rated: bool = False
    cheapest: bool = False
    more: bool = False
    compare: bool = False
    about_shown: bool = False  # a question about the products on screen ("which one is ...")
    yes_no: bool = False  # a yes/no or measure question about a card ("does the second one come
    # with a case?", "how many pieces does it have?")
    references: tuple[int, ...] = ()
    priced: str | None = None  # a card named by its price or rating (see `priced_one`)
    exclude_brands: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()
    attributes: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    price_bound: bool = False
    rating_bound: bool = False
    content_words: tuple[str, ...] = field(default=())

    @property
    def refinement(self) -> bool:
        """Whether the message only adjusts the previous request (no new need of its own)."""
        adjusts = (self.cheaper or self.pricier or self.better_rated or self.cheapest or self.more
                   or self.compare or bool(self.references) or bool(self.exclude_brands)
                   or bool(self.attributes) or self.price_bound or self.rating_bound)  # fmt: skip
        return adjusts and len(self.content_words) <= 1


#: Words said in capitals for emphasis, no maker: "SMALL shank", "REAL wood".
_SHOUTED = frozenset(["small", "large", "big", "medium", "little", "mini", "long", "short", "wide", "narrow",
                      "thick", "thin", "heavy", "light", "real", "only", "exactly", "new", "old", "soft",
                      "hard", "full", "half", "solid", "genuine", "original", "plain", "simple"])  # fmt: skip


class BrandLexicon:
    """Names that can follow "not ..." as a brand: the catalog's brands and the words titles
    start with (most products without a brand field name their maker first)."""

    def __init__(
        self, brands: Iterable[str | None], titles: Iterable[str], min_titles: int = 3
    ) -> None:
        self.names = {b.strip().lower() for b in brands if b and len(b.strip()) >= 2}
        self.makers = frozenset(self.names)  # the brand fields alone, no title's first word
        titles = list(titles)
        firsts = Counter(t.split()[0].lower().strip(",.:") for t in titles if t.split())
        self.names |= {
            w for w, c in firsts.items() if c >= min_titles and w not in _STOP and len(w) >= 3
        }
        # two words a maker's titles start with, the first a common word: "Blue Yeti"
        pairs = Counter(" ".join(t.lower().split()[:2]) for t in titles if len(t.split()) > 1)
        named = {p for p, c in pairs.items() if c >= min_titles and p.split()[0] in COLORS}
        self.names |= named
        self.makers |= named
        # the first words that stand first in most titles saying them: a maker's ("Yamaha", a
        # word people write too), not a kind or look ("Electric", "Wooden")
        anywhere = Counter(w for t in titles for w in {x.lower().strip(",.:") for x in t.split()})
        self.leading = frozenset(w for w, c in firsts.items()
                                 if w in self.names and c >= min_titles and c * 2 >= anywhere[w])  # fmt: skip

    def __contains__(self, name: str) -> bool:
        return name.lower() in self.names

    def made(self, name: str) -> bool:
        """Whether a name is a maker's: a brand field's, or a word most titles saying it start with."""
        return name.lower() in self.makers or name.lower() in self.leading


#: A card named by its maker: "the one by meinl", "the fowler one".
#: A card named by whom it is by: "the one by martha wells", "the one by meinl, is it tunable?".
_BY_WHOM = (
    r"\bthe\s+ones?\s+(?:by|from|made\s+by|written\s+by)\s+([a-z][\w&'-]+"
    # a maker or an author of two words: "the one by martha wells" (not "the one by meinl is it")
    r"(?:\s+(?!(?:is|are|was|does|do|did|and|or|it|that|the|a|an|for|with|any|still|good|ok|okay|"
    r"then|please|pls)\b)[a-z][\w&'-]+)?)(?=\s*(?:$|[,?.!;]))"
    r"|\bthe\s+ones?\s+(?:by|from|made\s+by)\s+([a-z][\w&'-]+)"
)
BY_WHOM = re.compile(_BY_WHOM, re.I)
#: ... or by a word its maker's titles start with: "the hohner one".
_BY_MAKER = re.compile(_BY_WHOM + r"|\bthe\s+([a-z][\w&'-]+)\s+ones?\b", re.I)


def absent_maker(text: str, shown: Sequence[str], brands: BrandLexicon | None) -> str | None:
    """A maker the message names a card by ("the one by meinl, is it tunable?") that no title on
    screen carries; None when it names none, or one on screen (it had been answered of card [1]:
    'Its listing does not mention "meinl"')."""
    if brands is None:
        return None
    for m in _BY_MAKER.finditer(text):
        name = m.group(1) or m.group(2) or m.group(3)
        known = brands.makers if m.group(3) else brands.names  # "the wooden one" names no maker
        if m.group(3) and name.lower() in brands.names and name.lower() not in LOOKS:
            # a brand no common word spells: "the tascam one, does it work with an ipad"
            from retrieval.vocabulary import common_english

            known = known | ({name.lower()} - common_english())
        # (a name said whole after "by" is one whatever the lexicon knows: an author)
        said = bool(m.group(1)) and len(name.split()) == 2
        if (
            name.lower() in _STOP
            or name.lower() in _ORDINALS
            or not (said or name.lower() in known)
        ):
            continue
        if not any(re.search(rf"\b{re.escape(name)}\b", t, re.I) for t in shown):
            return name
    # a maker said as the card's subject or set against another: "does the hohner come with a
    # case", "casio vs the yamaha one", "sunlu one or the overture one" (each had been answered
    # of another card)
    from retrieval.vocabulary import common_english

    for m in _MAKER_SAID.finditer(text):
        sides = [g for g in m.groups()[1:] if g]
        # (set against a maker, a name the lexicon knows is one, common word or not: "casio")
        weighed = len(sides) == 2 and all(g.lower() in brands.names for g in sides)
        for name in filter(None, m.groups()):
            low = name.lower()
            known = brands.names if weighed else brands.makers | (brands.names - common_english())
            if low in _STOP or low in _ORDINALS or low in LOOKS or low not in known:
                continue
            if not any(re.search(rf"\b{re.escape(name)}\b", t, re.I) for t in shown):
                return name
    return None


#: A maker asked of the request on screen, and nothing else: "any by kala?", "do u have amscope
#: or swift", "or cordoba, she said cordoba is good", "anything from lego?", "got any fender ones".
_MAKER_ASKED = re.compile(
    r"^\W*(?:(?:ok|okay|so|and|hmm|also|oh|what about|how about|or)\W+)*"
    r"(?:(?:do|does)\s+(?:you|u|y'all|you guys)\s+(?:have|carry|sell|stock)\s+(?:any(?:thing)?\s+)?"
    r"|(?:got|have|are there)\s+any(?:thing)?\s+|any(?:thing)?\s+"
    # ("just the Korg ones" after clip-on tuners had searched the store for Korg: synths first)
    r"|(?:(?:show\s+me\s+)?(?:just|only))\s+(?:the\s+(?=[\w&'-]+\s+ones?\b))?)?"
    r"(?:(by|from|made by)\s+)?"
    r"([a-z][\w&'-]+)(?:\s*(?:,|or|and|/)\s*([a-z][\w&'-]+))?(?:\s+(?:ones?|brand|stuff|ones? instead))?"
    r"(?:\W+(?:please|pls|plz))?\s*(?:[?.!,;]|$)",
    re.I,
)


#: An occasion whose name says a colour: not a look asked for.
_NAMED_OCCASION = re.compile(r"\bwhite\s+elephant\b|\bblack\s+friday\b|\bgreen\s+day\b", re.I)


def asked_makers(text: str, brands: BrandLexicon | None) -> tuple[str, ...]:
    """The makers a message asks the request on screen to be by ("any by kala?" -> ("kala",)),
    each a brand field's name or a title's first word no common word spells; () for any other
    message ("any cheaper?", "any red ones?", "the yamaha one")."""
    if brands is None or not (m := _MAKER_ASKED.match(text)):
        return ()
    from assistant.kinds import COMPARATIVES, MATERIALS, SPEC_MATERIALS  # (kinds reads the cues)
    from retrieval.vocabulary import common_english

    # (said "by" a name, the name is a maker's however common a word: "any by fender?")
    known = (
        brands.names if m.group(1)
        else brands.makers | brands.leading | (brands.names - common_english())
    )  # fmt: skip

    def spelled(name: str) -> str:  # "grimms" is Grimm's, as its titles spell it
        low = name.lower()
        forms = (low, low.replace("'", ""), f"{low[:-1]}'s" if low.endswith("s") else low)
        return next((f for f in forms if f in known), low)

    names = [spelled(g) for g in m.groups()[1:] if g]
    # (nor what a thing is made of: "only ebony, nothing plastic" after chin rests is ebony ones)
    if any(n in _STOP or n in LOOKS or n in COMPARATIVES or n in MATERIALS or n in SPEC_MATERIALS
           or n in COLORS or siblings(n) for n in names):  # fmt: skip
        # (nor a variety: "soprano or concert, which is easier to start on?" had been makers)
        return ()
    # (a name set beside a maker is one too: "amscope or swift")
    return tuple(names) if any(n in known for n in names) else ()


#: A maker named as what a question is about, or weighed against another (see `absent_maker`).
_MAKER_SAID = re.compile(
    r"\bthe\s+([a-z][\w&'-]+)\s+(?=(?:come|comes|have|has|is|does|do|work|works|fit|fits|sound|"
    r"sounds|need|needs|use|uses|take|takes|run|runs)\b)"
    r"|\b([a-z][\w&'-]+)(?:\s+ones?)?\s+(?:vs\.?|versus|or)\s+(?:the\s+)?([a-z][\w&'-]+)(?:\s+ones?)?\b",
    re.I,
)


def _references(text: str, shown: Sequence[str]) -> tuple[int, ...]:
    """1-based positions in the shown list that the words point at."""
    lower = text.lower()
    n = len(shown)
    # the cards a word names, counted: "the 2 beyerdynamic ones", "both yamaha ones" (the first
    # two had been compared: a recorder beside one of the headphones)
    if said := re.search(r"\b(?:(?:the|these|those)\s+(2|two|3|three)|both(?:\s+(?:the|of\s+the))?)\s+"
                         r"([a-z][\w'-]{2,})\s+ones\b", lower):
        word = said.group(2)
        saying = [i + 1 for i, t in enumerate(shown) if re.search(rf"\b{re.escape(word)}", t, re.I)]
        if len(saying) == _COUNTS.get(said.group(1) or "2", 2) and word not in _STOP:
            return tuple(saying)
    m = (
        re.search(r"\b(?:first|top)\s+(two|three|four|2|3|4)\b", lower)
        or _FIRST_FEW.search(lower)
        # the best few: "send me your two best", "give me two and tell me which one you'd pick",
        # "compare those two for me" (each had searched "two": a Two-Up game)
        or re.search(r"\b(?:your|the)\s+(two|three|2|3)\s+(?:best|favou?rites?|top\s+picks?|picks)\b"
                     r"|\b(?:best|top)\s+(two|three|2|3)\b"
                     r"|^\W*(?:(?:ok|okay|so|just)\W+)*(?:give|show|send)\s+me\s+(two|three|2|3)\b(?!\s+(?:of|more|packs?|sets?|boxes))"
                     r"|\b(?:these|those|the)\s+(two|three|2|3)\b(?!\s+(?:of|packs?|sets?|boxes|pairs?|players?|people|kids"
                     # (a card named by its price: "the 3 dollar one?? is that real")
                     r"|dollars?|bucks?|usd|euros?|quid|pounds?)\b)", lower)
    )
    if m:
        return tuple(range(1, min(n, _COUNTS[next(g for g in m.groups() if g)]) + 1))
    m = re.search(r"\blast\s+(two|three|2|3)\b", lower)
    if m:
        k = _COUNTS[m.group(1)]
        return tuple(range(max(1, n - k + 1), n + 1))
    picked: list[int] = []
    for m in re.finditer(
        r"(?:#|\[|\b(?:number|no\.|option|item|product|result)\s*)(\d{1,2})\b", lower
    ):
        picked.append(int(m.group(1)))
    for m in re.finditer(r"\b(?:compare|between)\s+(\d)\s*(?:and|&|,|vs\.?|with)\s*(\d)\b", lower):
        picked += [int(m.group(1)), int(m.group(2))]
    for rx, pos in _FOREIGN_ORDINALS:
        if rx.search(text):
            picked.append(n if pos == -1 else pos)
    # (a sort is no card: "cheapest first please", "highest rated first")
    lower = re.sub(r"\b(?:cheapest|lowest[- ]priced?|rated|reviewed|expensive|priciest)\s+first\b", " ", lower)
    # "the second-to-last one", "the next to last", "the penultimate one"
    if n and re.search(r"\b(?:second|2nd)[- ](?:to[- ])?last\b|\bnext[- ]to[- ]last\b|\bpenultimate\b", lower):
        picked.append(max(1, n - 1))
        lower = re.sub(r"\b(?:second|2nd)[- ](?:to[- ])?last\b|\bnext[- ]to[- ]last\b|\bpenultimate\b", " ", lower)
    for word, pos in _ORDINALS.items():
        if re.search(rf"\b{word}\b(?!\s+(?:two|three|four|\d))", lower) and (
            pos != -1
            or re.search(r"\bthe\s+last\b|\blast\s+(?:one|option|item|product|pick)\b", lower)
        ):  # "how long does the battery last": no card
            picked.append(n if pos == -1 else pos)
    if re.search(r"\b(?:the\s+)?(?:one|ones)\s+(?:at|on)\s+the\s+(?:bottom|end)\b|\bthe\s+bottom\s+one\b", lower):
        picked.append(n)  # "the ones at the bottom, do they fit over glasses?": the last card
    if not picked and shown:
        # "the Yamaha", "the wooden one": a word that names exactly one shown product
        for m in re.finditer(r"\bthe\s+([\w'-]{3,})", text, re.I):
            word = m.group(1).lower()
            # (what it is for names no card: "does it need batteries for the sounds" of a play
            # kitchen had also named one whose title says "Sounds")
            if word in _STOP or re.search(r"\bfor\s+$", text[: m.start()], re.I):
                continue
            hits = [
                i + 1
                for i, title in enumerate(shown)
                if re.search(rf"\b{re.escape(word)}\b", title, re.I)
            ]
            if len(hits) == 1:
                picked.append(hits[0])
    if not picked and shown:
        picked += _named_by_words(text, shown)
    if (
        not picked
        and COMPARE.search(lower)
        and re.search(r"\b(these|them|those|both|all)\b", lower)
    ):
        picked = list(range(1, min(n, 2 if "both" in lower else 3) + 1))
    return tuple(dict.fromkeys(picked))


#: A card named by several of its words: "the folding magnetic one", "the one in the tin with 3
#: games", "the one with the dispenser", "the bird cards".
_BY_WORDS = re.compile(
    r"\bthe\s+((?:[\w'-]+\s+){0,3}?[\w'-]+)\s+ones?\b"
    r"|\bthe\s+ones?\s+(?:with|in|that\s+has|that\s+have|w/|from|by)\s+((?:[\w'-]+\s*){1,5})",
    re.I,
)


def _named_by_words(text: str, shown: Sequence[str]) -> list[int]:
    """The one card whose title holds more of the words a naming says than any other ("the
    folding magnetic one" of two folding chess sets, one magnetic); none where no word is on a
    card or two cards hold as many (a word's start is enough: "the dino one", "Dinosaur")."""
    from assistant.kinds import not_product_word

    for m in _BY_WORDS.finditer(text):
        words = [w for w in re.findall(r"[\w'-]+", (m.group(1) or m.group(2)).lower())
                 if (len(w) >= 3 or w.isdigit()) and w not in _STOP and not not_product_word(w)]  # fmt: skip
        if not words:
            continue
        # (a short word whole: "the car one" is no "Camera")
        said = [rf"\b{re.escape(w[:5])}" if len(w) > 5 and w.isalpha()
                else rf"\b{re.escape(w)}" if len(w) >= 4 else rf"\b{re.escape(w)}s?\b" for w in words]  # fmt: skip
        scores = [sum(bool(re.search(rx, title, re.I)) for rx in said) for title in shown]
        best = max(scores)
        if best and scores.count(best) == 1:
            return [scores.index(best) + 1]
    return []


def read_cues(
    text: str, shown_titles: Sequence[str] = (), brands: BrandLexicon | None = None
) -> Cues:
    """Everything deterministic in one message; `shown_titles` are the products on screen, in order."""
    from assistant.kinds import not_product_word

    excluded: list[str] = []
    for m in _NEGATION.finditer(text):
        name = m.group(1).strip(" .,!?")
        first = name.split()[0]
        if first.lower() in COLORS and (
            pair := re.match(r"\s+([\w&'.-]+)", text[m.start(1) + len(first) :])
        ):
            # "not a blue yeti": a maker named by a colour and a word
            if brands is not None and f"{first} {pair.group(1)}" in brands:
                excluded.append(f"{first} {pair.group(1)}".lower())
            continue
        if first.lower() in _STOP or first.lower() in COLORS:
            continue
        if (
            brands is not None
            and first not in brands
            and first.lower().endswith("s")
            and first[:-1] in brands
        ):
            name = first = first[:-1]  # "not squiers": the maker, said in the plural
        # (a maker's, not a word titles start with: "i meant petg not pla" had left out every
        # spool whose title opens with "PLA", and PETG too)
        if (brands is not None and (brands.made(name) or brands.made(first))) or first[:1].isupper():
            excluded.append(name if name in (brands or ()) else first)
        elif (
            _UNWANTED_KIND.match(m.group(0))
            and _CLAUSE_END.match(text, m.start(1) + len(first))
            and first.isalpha()
            and len(first) > 2
            and not not_product_word(first)
        ):
            # "a board game for two that isn't chess, ..." showed chess sets: a kind of thing
            # the clause ends on is left out like a brand ("without batteries" / "no noise"
            # say what it should lack, which the titles saying "no batteries" may well have)
            excluded.append(first.lower())
    # (a feature said as not wanted is none asked for: "not ... a plastic toy")
    # (nor a colour named in an occasion: "a white elephant gift" asks for nothing white)
    plain = _NAMED_OCCASION.sub(" ", NOT_THIS.sub(" ", text))
    attributes = tuple(dict.fromkeys(a.lower() for a in ATTRIBUTE.findall(plain)))
    # a brand asked for: a capitalised name the catalog knows, not the message's first word
    tokens = re.findall(r"[\w&'-]+", text)
    # (not a size or look shouted: "its a yamaha ysl-354 so SMALL shank" had asked for a maker
    # "SMALL")
    wanted = tuple(dict.fromkeys(t for t in tokens[1:] if t[:1].isupper() and brands is not None and t in brands
                                 and t not in excluded and t.lower() not in _STOP
                                 and not (t.isupper() and (t.lower() in _SHOUTED or t.lower() in COLORS))))  # fmt: skip
    # names set against each other are brands however typed: "yamaha vs casio keyboard"
    versus = [t for m in _VERSUS.finditer(text) for t in m.groups()]
    wanted += tuple(t for t in versus if brands is not None and t in brands and t.lower() not in _STOP
                    and t.lower() not in COLORS
                    and t not in wanted and t not in excluded)  # fmt: skip
    # a department said as what it is not is none: "a real one not a toy" had filtered the
    # microscopes to the toy shelf
    # ("not one of the ones that look like a plastic toy" had filtered kalimbas to the toy shelf)
    unsaid = _NEGATION.sub(" ", NOT_THIS.sub(" ", text))
    departments = tuple(d for d, rx in DEPARTMENT_CUES.items() if rx.search(unsaid))
    from assistant.prices import extract_price_bounds, strip_price_phrases
    from assistant.ratings import read_rating, read_rating_count, strip_rating_phrases

    rating_bound = read_rating(text)[0] is not None or read_rating_count(text) is not None
    said = text  # the words the price and rating cues read
    priced = priced_one(text) if shown_titles else None
    if priced:
        # "is the cheaper one still ok": a card named, not a cheaper one asked for
        said = PRICED_ONE.sub(" the one ", text)
    stripped = strip_price_phrases(strip_rating_phrases(said))
    for rx in (CHEAPER, PRICIER, BETTER_RATED, CHEAPEST, MORE, COMPARE, _NEGATION, ATTRIBUTE):
        stripped = rx.sub(" ", stripped)
    words = re.findall(r"[a-z][a-z'-]+", stripped.lower())
    ordinals = (
        set(_ORDINALS)
        | set(_COUNTS)
        | {"expensive", "price", "priced", "rated", "cost", "well", "reviewed", "reviews", "stars"}
    )
    references = _references(text, shown_titles) if shown_titles else ()
    named = " ".join(shown_titles[r - 1] for r in references if 1 <= r <= len(shown_titles)).lower()
    # (filler says no need of its own: "hmm cheaper pls", "anything cheaper, doesnt have to be
    # fancy" had each been a new search for its words)
    content = tuple(
        w for w in words if w not in _STOP and w not in ordinals and w not in named.split()
        and not not_product_word(w)
    )  # fmt: skip
    return Cues(
        cheaper=bool(CHEAPER.search(said)), pricier=bool(PRICIER.search(said)),
        better_rated=bool(BETTER_RATED.search(said)), cheapest=bool(CHEAPEST.search(said)),
        more=bool(MORE.search(text)),
        # (two cards named and asked of are set side by side: "the 1st and 3rd - how many darts
        # come with each", "the 2nd and the 5th look similar, which ..." had been new searches)
        # (not "the first two are nice but anything cheaper?": others asked for)
        compare=bool(COMPARE.search(text) or (
            len(references) >= 2 and _ASKS.search(text) and not _ASKS_OTHERS.search(text)
            and not (CHEAPER.search(said) or PRICIER.search(said) or MORE.search(text)))),
        about_shown=bool(ABOUT_SHOWN.search(text) or ASKS_PICK.search(text)), references=references,
        priced=priced,
        yes_no=bool(((YES_NO.search(text) or THEN_YES_NO.search(text))
                     and (_ONE_CARD.search(text) or said != text)
                     and not _ASKS_STORE.search(text))
                    # a card named in another language is asked about ("¿el segundo viene en español?")
                    or (bool(shown_titles) and len(references) == 1
                        and any(rx.search(text) for rx, _ in _FOREIGN_ORDINALS))
                    # what comes with it, asked in Spanish or Chinese ("¿trae funda?", "送琴包吗")
                    or (bool(shown_titles) and bool(_COMES_WITH.search(text)))
                    or (bool(shown_titles) and bool(_ASKS_CARDS.search(text)))
                    # "how many come in a case?" with cards on screen: about them
                    or (MEASURE.search(text) and (_ONE_CARD.search(text) or _THEM.search(text)
                                                  or (bool(shown_titles) and not _ASKS_STORE.search(text)
                                                      and not _OF_ANY.search(text))))
                    or (ASKS_ABOUT.search(text) and bool(_ONE_CARD.search(text)))
                    # a card named, then a question of a part of it: "the folding magnetic one,
                    # is the board real wood?" (it had searched magnetic wooden boards)
                    or (len(references) == 1 and bool(_ONE_CARD.search(text)) and bool(_THEN_ASKS.search(text))
                        and not (CHEAPER.search(said) or PRICIER.search(said) or MORE.search(text)))),
        exclude_brands=tuple(dict.fromkeys(excluded)), brands=wanted, attributes=attributes,
        # (a card named by its price is no bound on the cards: "wait is the 17 dollar one a real
        # instrument or like a toy" asks of a card; it had searched "real instrument toy")
        departments=departments, price_bound=bool(extract_price_bounds(strip_rating_phrases(text)).numbers())
        and not PRICED_AT_ONE.search(text),
        rating_bound=rating_bound, content_words=content,
    )  # fmt: skip


def plain_need(text: str) -> str:
    """The message without price phrases and filler: a search text when no model is available."""
    from assistant.prices import strip_price_phrases

    cleaned = strip_price_phrases(text)
    cleaned = _OPENING.sub("", cleaned)
    return re.sub(r"\s+", " ", cleaned).strip(" ?.!,") or text.strip()


_OPENING = re.compile(
    # ("actually show me chemistry sets" had said "We don't seem to carry actually show me ...")
    r"^\s*(?:(?:hi|hello|hey|ok|okay|alright|cool|great|so|actually|wait|hmm+|oh|um+|also)[,!.]?\s+){0,2}(?:(?:i(?:'m| am)\s+|im\s+)?(?:looking|lookin'?|searching|shopping) for|"
    r"(?:i\s+)?(?:only|just|really)\s+(?:want|need)(?: some| a| an)?(?=\s)|any(?=\s)|"
    r"i (?:want|need)|(?:need|want)(?: some| a| an)?(?=\s)|show me|find me|"
    r"do (?:you|u|ya|yuo|yu|yall|y'all) (?:guys )?(?:have|sell|carry|stock)(?: any)?|i'd like|can you find|have you got(?: any)?|"
    r"(?:(?:you|u|ya)\s+)?(?:got|have)\s+any|(?:then\s+)?(?:what|how)\s+about|"
    r"what(?:'s| is| are|s| would be)|(?:can|could) you (?:recommend|suggest)|recommend me|suggest)\s+",
    re.I,
)  # fmt: skip


#: How the shopper wants it, not what it is: how it should rank, its price, a size after it.
_SAID_ABOUT_IT = re.compile(
    r"^(?:(?:the|a|an|some)\s+)?(?:(?:very\s+)?(?:best|top|highest|well|highly)[- ]rated|cheapest|cheap|"
    r"inexpensive|affordable|good|nice|great|decent)\s+"
    # (a size's value, not what follows the word: "a queen size mattress" had said "a queen")
    r"|\s+size\s+(?:\d[\w./-]*|x*-?(?:small|medium|large|s|m|l|xl)|xx?l|xs|queen|king|twin|full"
    r"|petite|plus|youth|adult|one)(?=\s*$|,)",
    re.I,
)


#: Words that open a story about someone rather than name a product.
#: Someone told of: "bf has been the DM for our dnd group" (had said "We don't seem to carry
#: bf has been the dm").
_TOLD_OF = re.compile(
    r"^\W*([a-z]+)\s+(?:has|have|had|is|was|'s|keeps|kept|never|always|just|loves|likes|wants|hates|"
    r"started|been|won'?t|can'?t|doesn'?t)\b",
    re.I,
)
_STORY = re.compile(r"^\W*(?:my|our|his|her|their|i|i'm|im|i've|we|we're|he|she|they)\b", re.I)


#: A greeting that opens a message: no product.
_GREETING = re.compile(
    r"^\W*(?:(?:(?:hi|hey|hello)(?:\s+there)?|hiya|hola|buenas|buenos\s+d[ií]as|buenas\s+tardes|oye|bonjour|bonsoir|"
    # ("buongiorno, cerco un mandolino ..." had said "Non sembra che abbiamo buongiorno")
    r"salut|hallo|guten\s+(?:tag|morgen|abend)|moin|servus|ciao|buongiorno|buonasera|ol[aá]|oi|bom\s+dia|"
    r"boa\s+(?:tarde|noite)|good\s+(?:morning|afternoon|evening)|你好|您好)\b[\s,.!¡¿]*)?"
    # and asking the store in Spanish: "¿venden café en grano?" ("No parece que tengamos venden ...")
    r"(?:¿?\s*(?:venden|vend[eé]is|tienen|ten[eé]is|tienes|busco|necesito|quiero|ocupo)\s+)?"
    # and in the shop's other languages: "ich suche Nitrilhandschuhe ..." had been said back as
    # "Wir scheinen ich suche nitrilhandschuhe in größe m nicht zu führen"
    # (and "is there a case for the second one?": "We don't seem to carry is there a case")
    r"(?:(?:is|are)\s+there\s+(?:any\s+)?|(?:ich\s+)?(?:suche|brauche|hätte\s+gern)|habt\s+ihr|(?:je\s+)?cherche|j'ai\s+besoin\s+d[e']|"
    r"je\s+voudrais|vous\s+avez|cerco|vorrei|mi\s+serv(?:e|ono)|ho\s+bisogno\s+di|avete|procuro|quero|"
    r"preciso\s+de|estou\s+procurando|voc[eê]s\s+t[eê]m)?\s*",
    re.I,
)


#: What a product is for, when it is a model: "for iphone 15", "for my ender 3", "for a samsung
#: galaxy s23" (up to two words, then a number or a code).
_FOR_MODEL = re.compile(
    r"\s*for\s+(?:(?:my|a|an|the|our)\s+)?((?:[a-z]+\s+){0,2}(?:[a-z]{1,4}-?\d{2,5}[a-z]{0,3}|\d{1,4}[a-z]?))\b(?![/.]\d)",
    re.I,
)
#: Words before a number that make it no model: ages, counts, people ("for ages 8", "for my son 10").
_NOT_MODEL = frozenset(["age", "ages", "under", "over", "kid", "kids", "year", "years", "size", "up",
                        "about", "around", "less", "more", "only", "just", "than", "players", "people"])  # fmt: skip


def asked_phrase(text: str, story: bool = False, language: str = "en") -> str:
    """The shopper's own words for the product, as a notice can say them back: "do you sell
    washing machines?" -> "washing machines", "a ream of printer paper for the office" -> "a ream
    of printer paper" (who or what it is for, sizes after a comma and prices left out); "" when
    they tell a story instead ("my husband just got into woodworking"): the search words say it.
    `story`: keep such a head (the words that may name a product no listing has). In another
    `language` the words up to whom or what it is for, as typed ("ich suche Nitrilhandschuhe in
    Größe M" -> "Nitrilhandschuhe in Größe M"; the English readers had said back "anni" of
    "cerco una tastiera per mia figlia di 8 anni")."""
    from assistant.kinds import can_name, not_product_word, product_kind, wanted_part
    from assistant.people import RECIPIENTS

    text = _GREETING.sub("", text)  # "hola, ¿venden café en grano?" had said "no tenemos hola"
    # nor the cart's verb: "add the highlighters, the 5 pack" (none on screen) had said "We don't
    # seem to carry add the highlighters"
    text = re.sub(rf"{CART_LEAD}(?:add|put|throw\s+in|grab)\s+(?=the\b)", "", text, flags=re.I)
    # the product asked for after a story: "running a microbiology club ..., need petri dishes"
    # (had said "We don't seem to carry running a microbiology club")
    text = wanted_part(text) or text
    words = _SAID_ABOUT_IT.sub(" ", plain_need(text)).strip()  # "best rated chemistry set"
    # a question is not what a notice can say back: "ok the 10 gauge pack, how many sets are in
    # that" had said "We don't seem to carry how many sets are in that"
    words = (
        re.sub(
            r",\s*(?:how|what|which|is|are|does|do|can|will)\b.*$", "", words, flags=re.I
        ).strip()
        or words
    )
    if re.match(r"\W*(?:how|what|which|why|when|where)\b", words, re.I) and language == "en":
        return ""

    # (a dash parts clauses too: "xmas present for my teen nephew - electric guitar starter pack
    # around 200" had said "No xmas present we carry meets the price you set")
    clauses = re.split(r",|\s[-–]\s", words)
    if len(clauses) > 1 and not product_kind(clauses[0]):
        # the clause that names the product: "teacher here, need a bulk box of #2 pencils" had
        # said "We don't seem to carry teacher here"
        named = next((c for c in clauses[1:] if product_kind(c)), None)
        if named is not None:
            words = _SAID_ABOUT_IT.sub(" ", plain_need(named)).strip()
    # "something to keep a 3 year old busy at restaurants": what it is for or where, not what
    head = re.split(
        r",|\s(?:for|that|which|who|to use|under|below|less than|at most|für|fürs|pour|per)\s|\sto\s(?=[a-z])"
        r"|\sat\s(?!least\b|most\b)",
        words,
        flags=re.I,
    )[0]
    head = re.sub(r"\s+for$", "", head.strip(" ?.!,")) or words  # "crayons for (under 10)"
    # (an opening "and": "et un étui rigide" had been said back as "et un étui rigide")
    head = (
        re.sub(r"^(?:ok(?:ay)?\s+)?(?:and|also|plus|et|y|e|und)\s+", "", head, flags=re.I) or head
    )
    if language not in ("en", "zh", "ja", "ko"):
        head = re.split(r"\s(?:para|pro|pra|de\s+\d|da\s+\d)\s", head, maxsplit=1)[0]
        # (something, said alone, names nothing: "algo para entretener a mi niño")
        return "" if _SOMETHING.fullmatch(head.strip()) else head
    # (how it is said is not what: "... rigid cardboard mailers instead")
    head = (
        re.sub(
            r"(?:\s+(?:instead|then|too|also|please|pls|thanks|maybe|thing|things|stuff))+$",
            "",
            head,
            flags=re.I,
        )
        or head
    )
    model = _FOR_MODEL.match(words, words.find(head) + len(head)) if head != words else None
    said: list[str] = model.group(1).split() if model else []
    if (
        said
        # (a code alone starts with a letter: "for my sm58", not "for a 3d printer")
        and (len(said) > 1 or said[0][:1].isalpha())
        and not {w.lower() for w in said[:-1]} & (_NOT_MODEL | set(RECIPIENTS))
    ):
        head = f"{head} for {' '.join(said)}"  # "a case for iphone 15": not "a case"
    told = _TOLD_OF.match(head)
    if (_STORY.match(head) or (told and told.group(1).lower() in RECIPIENTS)) and not story:
        return ""  # "my husband just got into woodworking": a story, not a product (the search says it)
    if story:
        return head
    kind = product_kind(words)
    if kind is None:
        # no word of it can name a product: said back, the words would be the story's ("We
        # don't seem to carry kids keep fighting over"); the search's words say it instead
        # (filler alone stays: "something" is no product, so nothing is said to be missing)
        spoken = [w for w in re.findall(r"[a-z]+", head.lower()) if not not_product_word(w)]
        nameable = [w for w in spoken if w not in RECIPIENTS and can_name(w)]
        return head if nameable or not spoken or _GIFT_WORD.search(head) else ""
    if kind.lower() not in head.lower().split():
        # the words that name it, up to its kind: "a queen size mattress" (had been "a queen"),
        # "guitar" of "... finally wants to learn guitar" (had been "something")
        return _naming(words, kind) or head
    return head


#: "Something", in the shop's other languages.
_SOMETHING = re.compile(
    r"algo|alguma?\s+coisa|algum|quelque\s+chose|un\s+truc|qualcosa|etwas|irgendwas", re.I
)
_GIFT_WORD = re.compile(r"\b(?:gifts?|presents?|stocking stuffers?)\b", re.I)


def _naming(words: str, kind: str) -> str:
    """The kind and the words before it that describe it ("queen size mattress"), not the verbs
    or filler that lead to it ("learn guitar" -> "guitar")."""
    from assistant.kinds import can_name, not_product_word

    tokens = words.split()
    at = next((i for i, w in enumerate(tokens) if w.lower().strip(",.?!") == kind.lower()), None)
    if at is None:
        return ""
    start = at
    # (a word with a comma after it ends another phrase: "for my kid, queen mattress")
    while (
        start
        and re.fullmatch(r"[a-z][\w'-]+", before := tokens[start - 1].lower())
        and not not_product_word(before)
        and can_name(before)
    ):
        start -= 1
    article = start and tokens[start - 1].lower() in ("a", "an")
    return " ".join(tokens[start - 1 if article else start : at + 1]).strip(",.?!")
