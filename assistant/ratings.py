"""Ratings said in a request, read from the words (pure): a hard bound needs a number and a star
or rating word next to it ("at least 4 stars", "4.5 stars and up", "rated 4+"); without a number,
"well reviewed" only prefers better-rated products. Also "cheap" said as a soft preference."""

from __future__ import annotations

import re

_NUM = r"(\d(?:\.\d)?)"
_STAR = r"(?:stars?|/\s?5|out of 5|\u2605)"
#: A rating's number where the words say it is one (see the last bounds): one to five, not money.
_NUM_N = (r"(?<![$€£\d.])(?<!ages )(?<!age )(?<!kids )(?<!for )(?<!from )(?<!size )"
          r"(?P<n>[1-5](?:\.\d)?)(?![\d%])(?!\s*(?:\+\s*)?(?:years?|yrs?|y/?o|months?|mos?)\b)")
#: What ratings are called, as the context a bare number is read in.
_RATED = r"\b(?:reviews?|reviewed|rated|ratings?|stars?|liked|loved|people\s+like)\b"
RATING_BOUNDS = [
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
    # a bare number after what ratings are: "only the ones with good reviews, like 4.5 and up",
    # "only stuff people actually liked, nothing under 4.5" (each had been a price of $4.50);
    # only the number's words are cut, the rest is read as a soft wish
    re.compile(rf"{_RATED}[^.?!$]{{0,30}}?(?P<cut>\b(?:like\s+|around\s+|about\s+)?{_NUM_N}\s*\+?\s*(?:and|or)\s*"
               r"(?:up|above|over|higher|better|more)\b)", re.I),
    re.compile(rf"{_RATED}[^.?!$]{{0,30}}?(?P<cut>\b(?:nothing|none|not|no)\s+(?:\w+\s+){{0,2}}?"
               rf"(?:under|below|less than|lower than)\s*{_NUM_N}(?![\d.]*\s*(?:bucks|dollars|usd|[$€£])))", re.I),
    re.compile(rf"(?P<cut>\b{_NUM_N}\s*\+?\s*(?:and|or)\s*(?:up|above|higher|better)\b)(?=[^.?!]{{0,30}}{_RATED})", re.I),
]  # fmt: skip
#: Soft: a low price preferred, with no number ("cheap headphones", "nothing too pricey").
SOFT_CHEAP = re.compile(
    r"\b(?:cheap|inexpensive|affordable|budget[- ]friendly|low[- ]cost|low[- ]priced"
    r"|not (?:too |very |that |super |crazy |insanely )?(?:expensive|pricey|costly)|nothing (?:too |very |crazy |super |insanely |that )?(?:expensive|pricey|fancy|crazy|extravagant|over the top)"
    r"|won'?t break the bank|on a (?:tight )?budget|barat(?:it)?[oa]s?|económic[oa]s?|econ[oó]mic[oa]s?"
    # "under 30 but honestly cheaper is better", "the cheaper the better"
    r"|cheaper (?:is|=) better|the cheaper the better|less is (?:more|better)|on the cheaper side"
    # told, not asked: "so it doesn't need to be fancy", "I'd rather not spend much until I know
    # I'll stick with it" (each had been searched with its words)
    r"|(?:does|do)(?:n'?t| not) (?:need|have) to be (?:fancy|expensive|pricey|top of the line|professional|pro)"
    r"|(?:rather|want to|wanna|trying to|try to) not spend (?:much|a lot|too much|a fortune)"
    r"|(?:don'?t|do not|not) (?:want|trying|going) to spend (?:much|a lot|too much|a fortune)"
    r"|(?:que )?no (?:sean?|muy|tan|demasiado) car[oa]s?)\b|便宜|实惠|不(?:要|用)?太贵",
    re.I,
)
#: "nothing cheap", "I don't want a cheap one", "no quiero algo barato", "不要太便宜的".
NOT_CHEAP = re.compile(
    r"\b(?:not|no|nothing|never|don'?t want|do not want|anything but)\s+(?:\w+\s+){0,2}?"
    r"(?:cheap|inexpensive|barat[oa]s?)\b|不要.{0,3}便宜|太便宜",
    re.I,
)
SOFT_RATING = re.compile(
    r"\b(?:well|highly|good|great|top|nicely|positively)[- ](?:reviewed|rated)\b|\b(?:good|great|positive|excellent|strong)\s+(?:reviews?|ratings?)\b"
    r"|\bwith (?:good|great) reviews\b|\bpopular\b|\bbest[- ]sellers?\b"
    r"|\b(?:buen[oa]s|excelentes) (?:reseñas|opiniones|valoraciones|calificaciones)\b"
    r"|\b(?:bien|mejor) valorad[oa]s?\b|好评|口碑好|评价好|评分高"
    r"|\b(?:best|top|highest)[- ]rated\b|\b(?:people|ppl|folks|others) (?:actually |really )?(?:like|liked|love|loved)\b"
    r"|\b(?:best|most|top) (?:reviews|reviewed|ratings)\b"
    # built better, told after a cheap one broke: "I want something sturdier"
    r"|\b(?:sturdier|more durable|better[- ]made|better quality|higher quality|built to last|well[- ]made)\b",
    re.I,
)  # fmt: skip
RATING_COUNT = [
    re.compile(r"\b(?:at least|over|more than|minimum(?: of)?|min\.?)\s*(\d[\d,]*)\s*\+?\s*(?:reviews|ratings)\b", re.I),
    re.compile(r"\b(\d[\d,]*)\s*\+\s*(?:reviews|ratings)\b", re.I),
    re.compile(r"\b(\d[\d,]*)\s*(?:reviews|ratings)\s*(?:or more|and up|minimum|at least|\+)", re.I),
    # "with lots of reviews, like at least 500"
    re.compile(r"\b(?:reviews|ratings)\b[^.\d$€£]{0,25}?\b(?:at least|over|more than|min(?:imum)?)\s*(\d[\d,]*)(?![.\d]|\s*(?:stars?|/))", re.I),
]  # fmt: skip


def read_rating(text: str) -> tuple[float | None, str | None]:
    """The minimum star rating the words set, and the phrase that set it."""
    for rx in RATING_BOUNDS:
        m = rx.search(text)
        if m:
            value = float(m.group("n") if "n" in rx.groupindex else m.group(1))
            if 1.0 <= value <= 5.0:
                return value, m.group(0).strip()
    return None, None


def read_rating_count(text: str) -> int | None:
    for rx in RATING_COUNT:
        m = rx.search(text)
        if m:
            return int(m.group(1).replace(",", ""))
    return None


def strip_matches(text: str, patterns: list[re.Pattern[str]]) -> str:
    """The text without what the patterns match; a pattern that names a group `cut` loses only
    that part, the rest being the context it is read in ("started learning piano at 60")."""
    for rx in patterns:
        if "cut" in rx.groupindex:
            text = rx.sub(lambda m: m.group(0).replace(m.group("cut"), " "), text)
        else:
            text = rx.sub(" ", text)
    return text


def strip_rating_phrases(text: str) -> str:
    """The text without its rating and review-count bounds (so "at least 4 stars" is no price)."""
    return re.sub(r"\s+", " ", strip_matches(text, [*RATING_BOUNDS, *RATING_COUNT])).strip()
