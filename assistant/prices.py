"""Deterministic price bounds from a shopper's words. A price bound used for filtering must come
from here, never from the model: the model may propose one, and it is kept only if it matches
a bound the shopper actually wrote.

Phrasings read (each a test case in tests/test_prices.py): "under $150", "less than 50 bucks",
"no more than 30", "max $40" / "$40 max" / "$40 tops", "30 dollars or less", "$20 and up",
"between 20 and 30", "$20-$30", "20-30 bucks", "budget $30" / "my budget is 30" / "a $30 budget",
"spend up to 40", "around $50" / "about 50 dollars" / "~$50" (a range of +/- 20%: `AROUND`),
"€25", "under 1k", and a lone amount with a currency mark ("a drum pad, $40"), read as a budget
(an upper bound). A number followed by a unit ("4.5 stars", "300 reviews", "1000 pieces",
"10 year old", "12 inch") is never a price."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from retrieval import units

_CURRENCY = {"$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "bucks": "USD", "buck": "USD",
             "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "£": "GBP", "gbp": "GBP",
             "pound": "GBP", "pounds": "GBP", "quid": "GBP", "yuan": "CNY", "rmb": "CNY", "cny": "CNY",
             "reais": "BRL", "brl": "BRL", "r$": "BRL"}  # fmt: skip
#: US dollars to one unit of each other currency a budget is said in: the store's prices are in
#: dollars, so "max 20 euros" filters at about $24 and "200元左右" at about $28 (not $200).
#: Approximate (late 2025 rates) and rounded outward to whole dollars; edit here as rates move.
USD_PER = {
    "EUR": Decimal("1.16"),
    "GBP": Decimal("1.33"),
    "CNY": Decimal("0.14"),
    # ("por menos de 200 reais" had filtered at $200)
    "BRL": Decimal("0.19"),
}
#: "around $50" means this share either side of the amount (a range, said in `PriceBounds.note`).
AROUND = Decimal("0.2")
#: Units after a number that make it something other than a price.
#: (every unit a count, size or time is said in, but "pounds": "20 pounds" is money too)
_UNITS = (
    units.either(units.words("length", "weight", "volume", "power", "time", marks=True,
                             names=("piece", "pack", "sheet", "page", "roll", "key", "string",
                                    "player", "color", "colour", "person")) - {"pound", "pounds"})
    + r"|stars?|reviews?|ratings?|yo\b|y/o|percent|%|pp\b|words?|chapters?|guests?|kids|items?|boxes|"
    # ("is that ok for under 3s?": children under three, no $3 budget)
    r"cards?|sizes?|x\b|th\b|st\b|nd\b|rd\b|am\b|pm\b|mp\b|gb\b|tb\b|bit\b|d\b|(?<=\d)s\b|"
    r"k\b(?=\s*(?:ohm|resolution))|°|degrees?|(?<=\d)[cf]\b|celsius|fahrenheit|rpm|psi|lumens?|[x×](?=\s*\d)"
)  # fmt: skip
_NUMBER = r"(?>(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?)(?![\d.,]\d)\s*(k\b)?"
_CUR_POST = r"usd|dollars?|bucks?|euros?|eur|gbp|pounds?|quid|yuan|rmb|cny|reais|brl|€|£|\$"
_PRE = r"(?P<cur1>r\$|[$€£]|usd\s|eur\s)?\s*"
_POST = r"\s*(?P<cur2>" + _CUR_POST + r")?"
#: (nor a fraction: "does it go up to 1/2 inch?" had been a price up to $1)
_NOT_UNIT = r"(?!\s*(?:\+\s*)?(?:-\s*)?(?:" + _UNITS + r"))(?!\s*/\s*\d)"
_AMOUNT = _PRE + r"(?P<num>" + _NUMBER + r")" + _POST + _NOT_UNIT

_UPPER = (r"(?:under|below|beneath|sub|less than|lower than|cheaper than|no more than|not more than|"
          r"nothing (?:over|above|more than)|not (?:over|above)|at most|at the most|max(?:imum)?(?: of)?|"
          r"up to|upto|within|budget(?:'s|s)?(?: of| is)?(?: like)?|spend(?: up to| like)?|<=?|"
          r"(?:a |with a |w/ ?a )?(?:cap|ceiling|limit) (?:of|at)|capped at|not to exceed)")  # fmt: skip
#: "nothing below 60": what to leave out from below is a floor.
_LOWER = (r"(?:\b(?:nothing|none|not|no) (?:below|under|less than|cheaper than|lower than)|over|above|"
          r"more than|at least|min(?:imum)?(?: of)?|from|starting at|>=?)")  # fmt: skip
_APPROX = r"(?:around|about|roughly|approximately|approx\.?|somewhere around|~)"
#: Money the shopper has, said just before "about N": what they can spend, so a ceiling.
_HAVE = re.compile(
    r"\b(?:got|have|has|i've|budget(?: is| of)?|can spend|afford)\s+(?:only\s+|just\s+)?$", re.I
)
_NEGATED = re.compile(r"\b(?:no|not|nothing|never|shouldn'?t|won'?t|doesn'?t|don'?t|can'?t|cannot)\b"
                      r"(?:\s+\w+){0,3}\s*$", re.I)  # fmt: skip


def _named(pattern: str, **names: str) -> str:
    for old, new in names.items():
        pattern = pattern.replace(f"?P<{old}>", f"?P<{new}>")
    return pattern


_BETWEEN = re.compile(
    r"(?:between|from)\s+" + _named(_AMOUNT, cur1="c1a", cur2="c2a", num="lo")
    + r"\s*(?:and|to|-|–)\s*" + _named(_AMOUNT, cur1="c1b", cur2="c2b", num="hi"),
    re.IGNORECASE,
)  # fmt: skip
#: Words before "between" that choose between things, not prices ("difference between 2 and 4").
_CHOOSING = re.compile(
    r"\b(?:difference|differences|diff|choose|choosing|decide|deciding|torn|compare|comparing)\s*$",
    re.I,
)
_RANGE = re.compile(
    r"(?:(?P<c1a>[$€£])\s*(?P<lo>" + _NUMBER + r")\s*(?:-|–|to)\s*(?P<c1b>[$€£])?\s*(?P<hi>" + _NUMBER + r")"
    r"(?:\s*(?P<c2b>" + _CUR_POST + r"))?"
    r"|(?P<lo2>" + _NUMBER + r")\s*(?:-|–|to)\s*(?P<hi2>" + _NUMBER + r")\s*(?P<c2c>" + _CUR_POST + r")"
    # bare numbers after a price word: "budget 20-30" (had been read as under $20), "cheap-ish,
    # 20-30", "spend like 40 to 60"
    r"|\b(?:budget(?:'s|s)?(?:\s+(?:of|is))?|spend(?:ing)?(?:\s+like)?|price(?:\s+range)?(?:\s+(?:of|is))?"
    # ("we can do maybe 400-500 between the two of us")
    r"|cheap(?:-?ish)?|around|about|roughly|can\s+do(?:\s+(?:maybe|like|about|around))?)\s*[:,]?\s*"
    r"(?P<lo3>" + _NUMBER + r")\s*(?:-|–|to)\s*"
    r"(?P<hi3>" + _NUMBER + r"))"
    + _NOT_UNIT,
    re.IGNORECASE,
)  # fmt: skip
_BOUND = re.compile(
    r"(?P<dir>" + _UPPER + "|" + _LOWER + "|" + _APPROX + r")\s+" + _AMOUNT, re.IGNORECASE
)
#: A count said before its number: "box of 100 or more", "a pack of 50+".
_COUNT_OF = re.compile(
    r"\b(?:box|pack|set|case|bag|bundle|carton|roll|tube|sleeve|jar|bottle|lot)(?:es|s)?\s+of\s*$",
    re.IGNORECASE,
)
#: "30 dollars or less", "$40 max", "$40 tops", "$20 and up", "$20+", "a $30 budget".
_POSTFIX = re.compile(
    _AMOUNT + r"\s*-?(?P<post>or (?:less|under|below|cheaper)|and (?:under|below)|max(?:imum)?\b|tops\b|"
    r"(?:cap|limit|ceiling)\b|"  # "$20 cap, clever or nerdy" (the kind had been "cap": ball caps)
    r"at most|or (?:more|over|above)|and (?:up|over|above)|\+|budget|range|ish\b)"
    # "at least $10 and under $40": a bound word before another amount is that amount's
    r"(?!\s*[$€£]?\s*\d)",
    re.IGNORECASE,
)  # fmt: skip
#: A lone amount with a currency mark: "a drum pad, $40", "40 euros".
_LONE = re.compile(r"(?P<cur1>[$€£])\s*(?P<num>" + _NUMBER + r")" + _NOT_UNIT + r"|(?<![\w$€£.])(?P<num2>"
                   + _NUMBER + r")\s*(?P<cur2>usd|dollars?|bucks?|euros?|eur|quid|yuan|rmb|€|£)(?!\w)", re.IGNORECASE)  # fmt: skip


#: What an amount is the price of, said after it: "max $22 a spool" is not a search for spools.
_PER_UNIT = (
    r"(?:\s*(?:\b(?:a|per|each|for one)\s+|/\s*)(?:spool|roll|pack|box|piece|set|pair|bottle|"
    r"bag|unit|one|item)\b|\s*\beach\b)?"
)


@dataclass(frozen=True)
class PriceBounds:
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    currency: str | None = None
    note: str | None = None  # how a soft phrasing was read, e.g. "around $50 read as $40-$60"
    around: bool = False  # the range was read about one amount ("around $50", "50ish")

    def numbers(self) -> set[Decimal]:
        return {x for x in (self.min_price, self.max_price) if x is not None}


def _amount(text: str) -> Decimal:
    match = re.match(_NUMBER, text.strip(), re.IGNORECASE)
    if match is None:
        raise ValueError(f"not an amount: {text!r}")
    whole, cents, thousand = match.group(1).replace(",", ""), match.group(2), match.group(3)
    value = Decimal(f"{whole}.{cents}" if cents else whole)
    return value * 1000 if thousand else value


def _currency(*marks: str | None) -> str | None:
    for mark in marks:
        if mark:
            return _CURRENCY.get(mark.strip().lower())
    return None


def money(value: Decimal) -> str:
    return f"${value:,.0f}" if value == value.to_integral_value() else f"${value:,.2f}"


def typed_amounts(text: str) -> set[Decimal]:
    """The numbers the shopper typed, as written ("under 1k" or "around $50", read as other
    bounds, are not among them): the only amounts an answer may say back as theirs."""
    return {Decimal(x) for x in re.findall(r"\d+(?:\.\d+)?", text.replace(",", ""))}


def _approx(value: Decimal) -> tuple[Decimal, Decimal]:
    return (value * (1 - AROUND)).quantize(Decimal("1")), (value * (1 + AROUND)).quantize(
        Decimal("1")
    )


_ONES = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip
_MONEY_AFTER = r"(?=\s+(?:dollars?|bucks?|euros?|pounds?|usd)\b)"
_SPELLED = re.compile(
    r"\b(?:(?P<tens>" + "|".join(_TENS) + r")(?:[- ](?P<unit>" + "|".join(_ONES) + r"))?"
    r"|(?P<teen>" + "|".join(_TEENS) + r")"
    r"|(?P<one>" + "|".join(_ONES) + r")(?=\s+hundred\b)|(?P<lone>" + "|".join(_ONES) + r")" + _MONEY_AFTER + r")"
    r"(?P<hundred>\s+hundred)?\b", re.I)  # fmt: skip


_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}


def chinese_number(text: str) -> int | None:
    """A number in Chinese numerals: "三" 3, "十二" 12, "一百" 100, "一百五十" 150, "一百五" 150
    (said short), "一千零五" 1005, "两千" 2000; None for anything else."""
    if not text or any(ch not in _CN_DIGITS and ch not in _CN_UNITS for ch in text):
        return None
    total, digit, unit, zero = 0, None, 0, False
    for ch in text:
        if ch in _CN_UNITS:
            if unit and _CN_UNITS[ch] >= unit:
                return None  # "十百": not a number
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit, unit, zero = None, _CN_UNITS[ch], False
        elif ch == "零":
            zero = True
        elif digit is not None:
            return None  # "一二": two digits in a row are no number
        else:
            digit = _CN_DIGITS[ch]
    if digit is not None:  # "一百五": the digit after a hundred is fifty, unless after a zero
        total += digit * (unit // 10 if unit >= 100 and not zero else 1)
    return total


#: A number in Chinese numerals said as an amount or a budget ("一百美元", "预算两百").
_CN_AMOUNT = re.compile(
    r"(?<=预算)(?:是|在|大概)?([零一二两三四五六七八九十百千万]+)|(?<![米码号度寸斤])([零一二两三四五六七八九十百千万]+)(?=\s*(?:美元|美金|刀|块|元|左右|以内|以下|之内))"
)


def _digits(m: re.Match[str]) -> str:
    said = m.group(1) or m.group(2)
    n = chinese_number(said)
    return m.group(0) if n is None else m.group(0).replace(said, str(n))


def _yuan(bound: str) -> Callable[[re.Match[str]], str]:
    """ "不超过200元" -> "under 200 yuan"; without 元 or 块 ("预算200") the amount stays bare."""
    return lambda m: f"{bound} {m.group(1)}{' yuan' if m.group(2) else ''}"


#: Price phrasings of the other languages shoppers here write in, as the English ones read below
#: ("por menos de 20 dólares" -> "por under 20 dollars", "50美元以下" -> "under 50 dollars").
_FOREIGN = tuple((re.compile(a, re.I), b) for a, b in (
    (_CN_AMOUNT.pattern, _digits),
    # "一百美元左右" (100 dollars or so): around an amount
    (r"(\d+(?:[.,]\d{1,2})?)\s*(?:美元|美金|刀)\s*左右", r"around \1 dollars"),
    (r"(\d+(?:[.,]\d{1,2})?)\s*(?:块钱?|元)\s*左右", r"around \1 yuan"),
    (r"(\d+(?:[.,]\d{1,2})?)\s*(?:美元|美金|刀)\s*(?:以下|以内|之内)", r"under \1 dollars"),
    (r"(\d+(?:[.,]\d{1,2})?)\s*(?:块钱?|元)\s*(?:以下|以内|之内)", r"under \1 yuan"),
    # "价格不超过200美元" (price not over 200 dollars): the price word goes with the bound
    (r"(?:(?:价格|价钱|价位)\s*(?:要|在)?\s*)?(?:不超过|不要超过|低于|少于|最多)\s*(\d+(?:[.,]\d{1,2})?)\s*(?:美元|美金|刀)",
     r"under \1 dollars"),
    (r"(?:(?:价格|价钱|价位)\s*(?:要|在)?\s*)?(?:不超过|不要超过|低于|少于|最多)\s*(\d+(?:[.,]\d{1,2})?)(?![\d.,])\s*(块钱?|元)?"
     r"(?!\s*(?:岁|周岁|个月|厘米|公分|公斤|千克|克|米|分贝|寸|英寸|毫米|度|[a-z]))", _yuan("under")),
    (r"预算\s*(?:是|在|大概)?\s*(\d+(?:[.,]\d{1,2})?)\s*(块钱?|元)?\s*(?:以下|以内|之内)?", _yuan("budget")),
    (r"(\d+(?:[.,]\d{1,2})?)\s*(?:以下|以内|之内)", r"under \1"),
    # "两百左右" (200 or so) said last, or where the price is talked of: around an amount (not
    # "身高120左右的孩子", "鞋码38左右", "一千左右的拼图": a height, a size, a count)
    (r"(?<![身高码度重长宽寸米号])(?<!身高)(\d+(?:[.,]\d{1,2})?)\s*左右(?=\s*[。！!？?]?\s*$)", r"around $\1 "),
    (r"(\d+(?:[.,]\d{1,2})?)\s*(?:美元|美金|刀)", r"\1 dollars"),
    (r"(\d+(?:[.,]\d{1,2})?)\s*(?:块钱?|元|人民币)", r"\1 yuan "),
    (r"(?<=\d)\s*(?:d[óo]lares|dólar)\b", " dollars"),
    # euros as Spain and France say them ("unos 60 pavos", "moins de 10 balles")
    # (not "10 balles de jonglage", "2 pavos de peluche": juggling balls, plush turkeys)
    (r"(?<=\d)\s*(?:pavos|pelas|balles)\b(?!\s+(?:de|d'|à|a|pour|para)\b)", " euros"),
    # bound words only before an amount: "Uber Eats", "hasta la vista" are not prices
    (r"\b(?:(?:por )?menos de|moins de|unter|hasta|jusqu'?à|bis zu|sotto(?:\s+(?:i|ai|a))?|meno di|abaixo de|até)"
     r"(?=\s*[$€£]?\d)", "under"),
    # "que no pase de 150 dólares", "que no cueste más de 50", "ne dépassant pas 40"
    (r"\b(?:que\s+)?no\s+(?:pase|pasa|supere|exceda|cueste\s+m[áa]s)\s+de(?=\s*[$€£]?\d)"
     r"|\bne\s+d[ée]passant\s+pas(?=\s*[$€£]?\d)", "under"),
    (r"\b(?:(?:como )?m[áa]ximo|maximal|au maximum|h[öo]chstens)(?=\s*[$€£]?\d)", "max"),
    (r"(\d+(?:\s*(?:dollars|euros?|€|\$))?)\s*(?:(?:como )?m[áa]ximo|maximal|au maximum|h[öo]chstens)\b",
     r"\1 max"),
    (r"\b(?:m[áa]s de|plus de|[üu]ber)(?=\s*[$€£]?\d)", "over"),
    (r"\b(?:alrededor de|unos|environ|ungef[äa]hr|etwa)(?=\s*[$€£]?\d)", "around"),
    (r"\bentre (\d+) y (\d+)\b|\bentre (\d+) et (\d+)\b|\bzwischen (\d+) und (\d+)\b",
     lambda m: "between {} and {}".format(*[g for g in m.groups() if g])),
    (r"\b(?:presupuesto(?: de)?|budget de)(?=\s*[$€£]?\d)", "budget"),
    (r"~\s*(?=[$€£]?\d)", "around "),  # "serato or rekordbox, ~200"
))  # fmt: skip


#: "500块" is 500 yuan, or 500 pieces of a puzzle or of blocks: pieces when a budget is said
#: elsewhere ("乐高那种积木，500块左右的，预算200元以内" had filtered at $28-$56).
_CN_PIECES = re.compile(r"(\d+)\s*块(?!钱)(\s*左右)?")


#: "块" before the thing it counts: "一块电池" is one battery (it had been a budget of one yuan).
_CN_PIECE_OF = re.compile(r"(\d+|[一二两三四五六七八九十])\s*块(?=[\u4e00-\u9fff])(?![钱左以多的内预上下到至])")


def _pieces_or_yuan(text: str) -> str:
    text = _CN_PIECE_OF.sub(lambda m: f"{m.group(1)}个", text)
    if "预算" not in text and "元" not in text:
        return text
    return _CN_PIECES.sub(
        lambda m: (
            m.group(0) if "预算" in text[max(0, m.start() - 4) : m.start()] else f"{m.group(1)}片"
        ),
        text,
    )


def _english_price_words(text: str) -> str:
    text = _pieces_or_yuan(text)
    for pattern, english in _FOREIGN:
        text = pattern.sub(english, text)
    return text


def spell_numbers(text: str) -> str:
    """Amounts written in words as digits ("between twenty and fifty dollars" -> "between 20 and
    50 dollars", "under two hundred" -> "under 200"); a lone "one" .. "nine" only before a
    currency word ("five bucks"), so "one for my kid" stays as it is."""

    def digits(m: re.Match[str]) -> str:
        g = {k: (v or "").lower() for k, v in m.groupdict().items()}
        value = _TENS.get(g["tens"], 0) + _ONES.get(g["unit"], 0) + _TEENS.get(g["teen"], 0)
        value += _ONES.get(g["one"], 0) + _ONES.get(g["lone"], 0)
        return str(value * 100 if g["hundred"] else value)

    text = re.sub(
        r"\ba (hundred|thousand)\b",  # not "a grand": a grand piano
        lambda m: "100" if m.group(1).lower() == "hundred" else "1000",
        text,
        flags=re.I,
    )
    for said, amount in _SAID_AMOUNTS:
        text = said.sub(amount, text)
    return _SPELLED.sub(digits, text)


#: Amounts said as people say them, in the words the bounds read: "not more than a twenty",
#: "about a tenner", "100 give or take" (around 100), "35 each-ish" (about 35 a gift).
_SAID_AMOUNTS = tuple((re.compile(a, re.I), b) for a, b in (
    (r"\ba\s+tenner\b", "10 dollars"),
    (r"\ba\s+fiver\b", "5 dollars"),
    (r"\ba\s+(twenty|fifty)(?=\s*(?:bucks?|dollars?|bill)?\s*(?:$|[,;.!?]))", r"\1 dollars"),
    (r"(\d+)\s*(dollars?|bucks?)?\s*,?\s*give\s+or\s+take\b", r"around \1 \2"),
    (r"(\d+)\s*(?:dollars?|bucks?)?\s+each[- ]?ish\b", r"\1ish"),
    # a budget for all of it: "like 40 total", "60 for both" (had been no budget)
    (r"\b(\d{2,})\s*(?:dollars?|bucks?)?\s+(?:total|in\s+total|all\s+together|altogether|combined|for\s+both)"
     r"(?=\s*(?:$|[,;.!?]))", r"\1 dollars"),
))  # fmt: skip


#: "... electric guitar starter pack around 200": an approximate amount of two digits or more
#: that ends the request is its price ("a kid around 8", "a group of around 20" are not).
#: Words before an approximate amount that make it a measure or a count, not a price: "a group of
#: around 20", "a cooler that holds about 50", "a TV around 55", "jeans with a waist around 32".
_COUNTED = re.compile(
    r"\b(?:of|aged?|size|sized|holds?|fits?|sleeps?|seats?|serves?|rated to|for|with|waist|inseam|"
    r"tvs?|monitors?|screens?|displays?|tires?|wheels?|bikes?)\s*$",
    re.I,
)
_AMOUNT_LAST = re.compile(
    r"^\s*(?:somewhere\s+)?\S+\s+(?:[2-9]\d|\d{3,})(?:[.,]\d{1,2})?"
    # (what may follow it: "around 50 maybe a bit more", "about 40 or so", "around 30 pls")
    r"(?:\s*,?\s*(?:or so|give or take|tops|max|pls|please|ish|(?:maybe\s+)?(?:a\s+)?(?:bit|little|lil)"
    r"\s+(?:more|less|over|under)|maybe\s+(?:more|less|\d{2,4})|or\s+(?:less|more)))*\s*[.!?]*\s*$",
    re.I,
)


#: A lone amount said of what is not wanted: "not some flimsy 5 dollar one", "better than those
#: 3 dollar ones", "no 2 dollar junk" (read as a $5 budget, a proper kite had been "not carried").
_SPURNED = re.compile(
    r"\b(?:not|no|nothing\s+like|never|instead\s+of|better\s+than|rather\s+than|unlike)"
    r"(?:\s+(?:a|an|some|the|those|these|one\s+of\s+those|any|more|just|another|cheap|flimsy|crappy|junky|"
    r"plastic|little))*\s*$",
    re.I,
)

#: A lone amount that names a card by its price: "the 13 dollar digitech", "that $40 one" (each
#: had been read as a budget, and cards under it shown); not the money to spend ("spend the 20
#: bucks grandma gave him").
_CARD_BEFORE = re.compile(r"\b(?:the|that|this)\s*$", re.I)
_SPENT_BEFORE = re.compile(
    r"\b(?:spend|spending|use|using|have|got|with|blow|from|under|below|over|above|within|around|"
    r"about|near|past|beyond|at|to)\s+(?:the|that|this)\s*$",
    re.I,
)

#: A second, higher amount the budget may go to: "like 20 dollars, maybe 25", "30 or 35 max".
_MAYBE_MORE = re.compile(
    r"(?:,\s*|\s+)(?:maybe|or|possibly|perhaps|max|at most)\s+(?:up\s+to\s+|even\s+)?[$€£]?(\d+(?:\.\d{1,2})?)"
    r"(?!\s*(?:[-/x×%]|\.\d|(?:" + _UNITS + r")))",
    re.I,
)
#: A number's first side said before it: "6x" of "6x9ish".
_SIDE_BEFORE = re.compile(r"\d\s*[x×]\s*$")
#: A lone amount that is a difference between prices, no budget: "is it worth the extra $15", "an
#: extra 10 bucks", "$6 more per kg" (a $6 budget had shown $5 violins beside filament).
_DIFFERENCE_BEFORE = re.compile(
    r"\b(?:extra|additional|another|difference\s+of|saves?|saving)\s*$", re.I
)
_DIFFERENCE_AFTER = re.compile(
    r"^\s*(?:more|extra|less|cheaper|pricier|dearer|difference|higher|lower|off|savings?)\b", re.I
)


#: How many share a gift's cost: "five of us on the team", "the four of us", "18 families" (not
#: whom it is for: "party favors for 12 kids, $3 each" is $3 a favor).
_SHARERS = re.compile(
    r"\b(?:the\s+)?(\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+dozen)\s+"
    r"(?:of\s+us|families|coworkers|colleagues|parents|siblings|cousins|neighbou?rs)\b",
    re.I,
)
#: ... and what each gives: "we're each chipping in $15", "$20 each", "most put in $5".
_EACH_GIVES = re.compile(
    r"[$€£]\s?(\d+(?:\.\d\d)?)\s*(?:each|apiece|a\s+head|per\s+(?:person|family|head))\b"
    r"|\b(?:each|everyone|most|all)\s+(?:of\s+us\s+)?(?:are\s+|is\s+|'re\s+)?(?:chip\w*|put\w*|pitch\w*|throw\w*|giv\w*)"
    r"(?:\s+in)?\s+(?:about\s+|around\s+)?[$€£]\s?(\d+(?:\.\d\d)?)"
    r"|\b(?:chip\w*|pitch\w*|put\w*|throw\w*)\s+in\s+(?:about\s+|around\s+)?[$€£]\s?(\d+(?:\.\d\d)?)\s*(?:each|apiece)\b",
    re.I,
)
_SHARER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a dozen": 12}  # fmt: skip


#: Money put together, before its amount: "we pooled like 50", "we all chipped in about $60".
_PUT_TOGETHER = re.compile(
    r"\b(?:we|i|they|everyone)\s+(?:all\s+)?(?:pooled|chipped\s+in|pitched\s+in)\s+(?:(?:like|about|around|roughly)\s+)?"
    # (money, not what was done: "my son pitched in 12 games this season")
    r"(?=\$?\d+(?:\.\d+)?(?:\s*(?:dollars|bucks|usd))?\s*(?:[,.;!?]|$|\b(?:total|for|together|and|between)\b))",
    re.I,
)


#: A card named by its price: "the $13 mat", "the 35 dollar one", "is the $64 one any good".
_PRICED_AT = re.compile(
    r"\b(?:the|that|this)\s+(?:\$\s?(?P<a>\d{1,4}(?:\.\d\d)?)|(?P<b>\d{1,4}(?:\.\d\d)?)\s*(?:dollars?|bucks?|usd)\b)"
    r"(?=\s+[a-z]|\s+\d+[\s-]?(?:pack|pk|pc|pcs|piece|count|ct)\b)",  # ("the 20 dollar 2 pack")
    re.I,
)
#: The same in the shop's other languages: "el de 2 dólares es real??", "quella da 96", "celle à
#: 7,47", "o de 75 reais" (a budget of $2 had been searched).
_PRICED_ONE_ELSEWHERE = (
    # (Spanish and Portuguese with the money said: "los de 4" are the ones of four)
    r"\b(?:el|la|los|las|lo|o|os|a|as)\s+de\s+(?:\$\s?(?P<c>\d{1,4}(?:[.,]\d\d)?)|(?P<d>\d{1,4}(?:[.,]\d\d)?)\s*"
    r"(?:d[oó]lares|dollars?|usd|\$|reais|euros?)(?=[\s,.!?;]|$))"
    r"|\b(?:quell[oa]|quelli|quelle|celui|celle)\s+(?:da|à)\s+\$?\s?(?P<e>\d{1,4}(?:[.,]\d\d)?)(?![.,]?\d)"
    r"(?!\s*(?:anni|ans|cm|mm|m\b|kg|g\b|pezzi|pi[eè]ces|carte))(?=[\s,.!?;€$]|$)"
)
#: The same, said as "one": "the 17 dollar one", "that $40 one" (a card asked of, no budget).
PRICED_AT_ONE = re.compile(rf"{_PRICED_AT.pattern}\s+ones?\b|{_PRICED_ONE_ELSEWHERE}", re.I)


def priced_at(text: str) -> Decimal | None:
    """The price a message names a card by ("the $13 mat" -> 13, "el de 2 dólares" -> 2), None
    where it names none."""
    m = _PRICED_AT.search(text) or re.search(_PRICED_ONE_ELSEWHERE, text, re.I)
    if m is None:
        return None
    found = m.groupdict()
    number = found.get("a") or found.get("b") or found.get("c") or found.get("d") or found.get("e") or ""
    return Decimal(number.replace(",", "."))


#: A card named by a bare number, which may be its price: "the 278 one", "il da 96" (Italian
#: with "quella" is `_PRICED_ONE_ELSEWHERE`'s).
_BARE_PRICE = re.compile(
    r"\b(?:the|that|this)\s+(\d{1,4}(?:\.\d\d)?)\s+one\b"
    r"|\b(?:il|lo)\s+da\s+(\d{1,4}(?:[.,]\d\d)?)\b(?![.,]?\d)(?!\s*(?:anni|cm|mm|kg|pezzi))",
    re.I,
)


def bare_price(text: str) -> tuple[Decimal, str] | None:
    """A bare number a message names a card by, which is its price only where one card costs it
    and no title says the number ("the 278 one" -> 278, "278"); None where it says none."""
    m = _BARE_PRICE.search(text)
    if m is None:
        return None
    typed = m.group(1) or m.group(2)
    return Decimal(typed.replace(",", ".")), typed


def pooled(text: str) -> str:
    """A shared budget said as what each gives, as the whole: "five of us on the team and we're
    each chipping in $15" is $75 total (it had been read as up to $15), "18 families and most
    put in $5" $90; any other message as it is."""
    each = _EACH_GIVES.search(text)
    sharers = _SHARERS.search(text)
    if each is None or sharers is None:
        return text
    said = re.sub(r"\s+", " ", sharers.group(1).lower())
    many = _SHARER_WORDS.get(said) or int(said)
    given = Decimal(next(g for g in each.groups() if g))
    # (the sharers counted with the one telling: "five of us" is five; "the four of us are
    # pitching in $20 each" is $80)
    return f"{text[: each.start()]} ${given * many:g} total {text[each.end() :]}"


def extract_price_bounds(text: str) -> PriceBounds:
    """Price bounds the shopper wrote (see the module docstring for the phrasings). Amounts without
    a currency word or sign count only after a bound word, so "size 10" or "2 pack" are never
    prices, and an amount followed by a unit never is. Amounts may be spelled ("fifty dollars"),
    and said in Spanish, French, German or Chinese ("menos de 20 dólares", "50美元以下")."""
    text = spell_numbers(_english_price_words(pooled(text)))
    # money put together is the budget: "he retires friday and we pooled like 50" (had read none)
    text = _PUT_TOGETHER.sub("budget ", text)
    for pattern in (_BETWEEN, _RANGE):
        match = pattern.search(text)
        if match:
            g = match.groupdict()
            currency = _currency(
                g.get("c1a"), g.get("c1b"), g.get("c2a"), g.get("c2b"), g.get("c2c")
            )
            if not currency and _CHOOSING.search(text[: match.start()]):
                continue  # "difference between 2 and 4?": two cards, no budget of $2-$4
            lo_text = g.get("lo") or g.get("lo2") or g["lo3"]
            hi_text = g.get("hi") or g.get("hi2") or g["hi3"]
            lo, hi = sorted((_amount(lo_text), _amount(hi_text)))
            return PriceBounds(lo, hi, currency or "USD")
    low = high = None
    currency = note = None
    around = False
    for match in _BOUND.finditer(text):
        value = _amount(match.group("num"))
        cur = _currency(match.group("cur1"), match.group("cur2"))
        direction = match.group("dir").lower()
        if re.fullmatch(_APPROX, direction, re.IGNORECASE):
            if (
                not cur
                and not re.search(r"\b(?:spend|budget|price|cost|costs|pay|priced)\b", text, re.I)
                and not (
                    _AMOUNT_LAST.search(text[match.start() :])
                    and not _COUNTED.search(text[: match.start()])
                )
            ):
                continue  # "about 10 inches", "around 8": not a price without a money word
            if _HAVE.search(text[: match.start()]):  # "got about 15 bucks": all there is to spend
                high = value if high is None else min(high, value)
                note = f"{match.group(0).strip()} read as up to {money(value)}"
                currency = currency or cur
                continue
            lo, hi = _approx(value)
            low, high = lo, hi
            note = f"{match.group(0).strip()} read as {money(lo)}-{money(hi)}"
            around = True
        elif re.fullmatch(_UPPER, direction, re.IGNORECASE):
            high = value if high is None else min(high, value)
        else:
            if direction == "from" and not cur:
                continue  # "from 1990" is a year more often than a price
            if not cur and re.search(r"\b(?:need|needs|want|wants|buy|buying|get|getting|order|ordering)\s*$",
                                     text[: match.start()], re.I):  # fmt: skip
                continue  # "patch cables ..., need at least 6": how many (it had been a $6 floor)
            if not cur and re.match(r"\s*(?:of\s+(?:them|those|these|each|it)|pieces|pcs|units|rolls|sets|packs|pairs)\b",
                                    text[match.end() :], re.I):  # fmt: skip
                continue  # "o-rings ..., at least 100 of them": how many (it had been a $100 floor)
            if not cur and not re.match(r"[^.?!;]*\b(?:but|and)\s+(?:under|below|less)\b", text[match.end() :], re.I) and re.search(r"\b(?:both|they|they'?re|theyre|those|these|everything)\s+"
                                     r"(?:(?:are|is|r|were|was)\s+)?(?:(?:way|all|still)\s+)?$", text[: match.start()], re.I):  # fmt: skip
                continue  # "both over 40 ugh": what the cards cost, said back (it had been a $40 floor)
            if _NEGATED.search(text[: match.start()]):  # "shouldn't cost more than $30"
                high = value if high is None else min(high, value)
            else:
                low = value if low is None else max(low, value)
        currency = currency or cur
    for match in _POSTFIX.finditer(text):
        value = _amount(match.group("num"))
        cur = _currency(match.group("cur1"), match.group("cur2"))
        post = match.group("post").lower()
        if post in ("+",) and not cur:
            continue  # "4+" alone is a rating or an age, not a price
        if not cur and re.search(
            r"\b(?:ages?|aged|kids|children)\s*:?\s*$", text[: match.start()], re.I
        ):
            continue  # "ages 6 and up" is an age
        if not cur and _COUNT_OF.search(text[: match.start()]):
            continue  # "box of 100 or more" is how many (it had been a $100 floor)
        if not cur and _SIDE_BEFORE.search(text[: match.start()]):
            continue  # "6x9ish" is a size (it had been a $7-$11 budget)
        if not cur and re.search(r"\bsize\s*$", text[: match.start()], re.I):
            continue  # "a size 10ish" is a size (it had been an $8-$12 budget)
        if post == "range" and (
            first := re.search(r"(\d+(?:\.\d+)?)\s*(?:-|to|–)\s*[$€£]?\s*$", text[: match.start()])
        ):
            # "100-200 range", "40 to 60 range": the range said ("$160-$240" had been read off
            # its second number)
            low, high = sorted((_amount(first.group(1)), value))
            note = f"{text[first.start() : match.end()].strip()} read as {money(low)}-{money(high)}"
        elif post in ("range", "ish"):
            lo, hi = _approx(value)
            low, high = lo, hi
            note = f"{match.group(0).strip()} read as {money(lo)}-{money(hi)}"
            around = True
        elif post.startswith(
            ("or more", "or over", "or above", "and up", "and over", "and above", "+")
        ):
            low = value if low is None else max(low, value)
        else:
            high = value if high is None else min(high, value)
        currency = currency or cur
    if low is None and high is None:
        lone = _LONE.search(text)
        if lone and _SPURNED.search(text[: lone.start()]):
            lone = None  # "not some flimsy 5 dollar one": what is not wanted, no budget
        elif lone and (
            _DIFFERENCE_BEFORE.search(text[: lone.start()])
            or _DIFFERENCE_AFTER.match(text[lone.end() :])
        ):
            lone = None  # "worth the extra $15": a difference, no budget
        elif lone and _CARD_BEFORE.search(text[: lone.start()]) and not _SPENT_BEFORE.search(text[: lone.start()]):
            # a card named by its price, looked for about it: "ok fine, the $13 mat" (a budget of
            # $13 had shown $2 pedals for "the 13 dollar digitech"; one on screen is that card)
            value = _amount(lone.group("num") or lone.group("num2"))
            low, high = _approx(value)
            currency = _currency(lone.group("cur1"), lone.group("cur2"))
            note, around, lone = f"{lone.group(0).strip()} read as {money(low)}-{money(high)}", True, None
        if lone:
            high = _amount(lone.group("num") or lone.group("num2"))
            currency = _currency(lone.group("cur1"), lone.group("cur2"))
            note = f"{lone.group(0).strip()} read as a budget: up to {money(high)}"
    if low is not None and high is not None and low > high:
        low, high = high, low
    if high is not None and (more := _MAYBE_MORE.search(text)):
        # "like 20 dollars, maybe 25": the budget may go to the second amount (it had been $20)
        said = _amount(more.group(1))
        if high < said <= high * 2:
            high = said
    if low is None and high is None:
        return PriceBounds()
    return PriceBounds(low, high, currency or "USD", note, around)


def in_dollars(bounds: PriceBounds) -> PriceBounds:
    """Bounds said in another currency (`USD_PER`) in the store's dollars, rounded outward to
    whole dollars; the currency stays the one said, so the amounts are not named back as if the
    shopper had typed them (the answer says how they were read: `dollars`)."""
    rate = USD_PER.get(bounds.currency or "USD")
    if rate is None or not bounds.numbers():
        return bounds
    low, high = bounds.min_price, bounds.max_price
    return replace(
        bounds,
        min_price=None if low is None else (low * rate).to_integral_value(ROUND_FLOOR),
        max_price=None if high is None else (high * rate).to_integral_value(ROUND_CEILING),
    )


def dollars(low: Decimal | None, high: Decimal | None) -> str:
    """A bound or a range as said back: "$24", "$22-$34"."""
    return "-".join(money(x) for x in (low, high) if x is not None)


def grounded_bounds(text: str, model_min: Decimal | None, model_max: Decimal | None) -> PriceBounds:
    """The bounds to filter with: the shopper's own words win; a model-proposed bound is kept only
    if the same number appears as a bound in the text."""
    words = extract_price_bounds(text)
    found = words.numbers()
    return PriceBounds(
        words.min_price
        if words.min_price is not None
        else (model_min if model_min in found else None),
        words.max_price
        if words.max_price is not None
        else (model_max if model_max in found else None),
        words.currency,
    )


#: A price said not to matter: "money isn't the issue", "price is no object".
NO_LIMIT = re.compile(
    r"\b(?:money|price|cost|budget)(?:'s|\s+is|\s+isn'?t|\s+is\s+not|\s+not)?\s+(?:(?:really|actually|truly)\s+)?(?:not\s+|no\s+)?"
    r"(?:really\s+)?(?:an?\s+|the\s+)?(?:issue|object|problem|concern)\b",
    re.I,
)


def strip_price_phrases(text: str) -> str:
    """The text without its price bounds ("boots under $150" -> "boots"), for a search query."""
    # "a really nice one, money isnt the issue" had searched "money" (money guns, piggy banks)
    text = NO_LIMIT.sub(" ", text)
    text = spell_numbers(_english_price_words(text))
    for pattern in (_BETWEEN, _RANGE):
        # (with the word saying it is one: "something in the $40-60 range" had searched "range")
        text = re.sub(
            rf"(?:\bin\s+the\s+)?(?:{pattern.pattern})(?:\s*(?:dollars?|bucks|usd))?\s+(?:price\s+)?(?:range|ballpark|area)\b",
            " ", text, flags=re.I,
        )  # fmt: skip
        text = pattern.sub(" ", text)
    text = re.sub(r"\b(?:in\s+)?(?:that|this|the\s+same)\s+price\s+range\b", " ", text, flags=re.I)
    text = _POSTFIX.sub(
        lambda m: (
            m.group(0)
            if (m.group("post") == "+" and not (m.group("cur1") or m.group("cur2")))
            # (a size's second side: "6x9ish" keeps its 9)
            or (
                not (m.group("cur1") or m.group("cur2"))
                and _SIDE_BEFORE.search(m.string, 0, m.start())
            )
            else " "
        ),
        text,
    )  # "rated 4+" keeps its number
    text = re.sub(f"(?:{_BOUND.pattern}){_PER_UNIT}", " ", text, flags=re.I)
    text = re.sub(f"(?:{_LONE.pattern}){_PER_UNIT}", " ", text, flags=re.I)
    text = re.sub(
        r"\b(?:my |a |the |with a |on a )?budget(?: of| is)?\b|\bspend(?:ing)?\b"
        # "trying to keep it under 10 bucks each": no "keep" searched
        r"|\b(?:(?:trying|try|want|need|have)\s+to\s+)?(?:keep|stay)(?:\s+(?:it|them|things))?(?=\s*$|\s*[,.;!?])",
        " ",
        text,
        flags=re.I,
    )
    return re.sub(r"\s+", " ", text).strip(" ,;")
