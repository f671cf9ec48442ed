"""Products an agent can offer for what a customer said about a past purchase: another size of the
same line, something cheaper of the same kind, the same kind from another brand, or the same
product again. Each proposal says which catalog field supports it, so the agent can trust it.

"Same kind" is the past product's own category (its full path), searched with its own title;
"same line" is the same brand within that category."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import Stemmer

from assistant.fits import shows_kind, title_kind
from assistant.references import Ask, AskReading, Reference, size_of, size_step
from retrieval.catalog import Product
from retrieval.filters import Filters
from retrieval.search import HybridSearcher

#: How many same-kind candidates are read before choosing the proposals.
POOL = 60


@dataclass(frozen=True)
class Proposal:
    product: Product
    why: str  # one line the agent reads: what it is relative to the past product
    field: str  # the catalog field that supports it: "size in the title", "price", "brand", ...


@dataclass(frozen=True)
class Proposals:
    items: tuple[Proposal, ...]
    #: said to the agent and the customer when the ask cannot be met exactly
    #: ("no larger size of this line", "its price is not listed")
    gap: str | None = None


def short_name(product: Product, limit: int = 60) -> str:
    """A product's title cut to its first clause: what a person calls it in a sentence."""
    title = " ".join(product.title.split())
    for sep in (" - ", ", ", " (", " | "):
        head = title.split(sep)[0]
        if 12 <= len(head) < len(title):
            title = head
            break
    if len(title) > limit:
        title = title[:limit].rsplit(" ", 1)[0]
    return title.rstrip(" .,-")


def kind_of(product: Product) -> str:
    """The product's kind in words: the last level of its category ("Exam Gloves"); where the
    category is only the department, the word its title names it by ("sticks")."""
    if len(product.category) > 1:
        return product.category[-1]
    return _title_kind(product) or product.department


def _title_kind(product: Product) -> str | None:
    return title_kind(product.title)


def _names(title: str, word: str, stem: Callable[[str], str]) -> bool:
    """Whether a title names the kind, written apart or together ("Drum Sticks", "Drumsticks")."""
    squeezed = len(word) >= 8 and word.lower() in re.sub(r"[\s-]+", "", title.lower())
    return squeezed or shows_kind(title, word, stem, word)


def same_kind(reference: Product, searcher: HybridSearcher, k: int = POOL) -> list[Product]:
    """Products of the reference's own category, most like it first, the reference excluded.
    Where the category is only the department, those whose title names the reference's kind
    ("Drum Sticks", not a tongue drum or a slime sticker for cheaper drumsticks)."""
    filters = Filters(category=" > ".join(reference.category)) if reference.category else None
    found = searcher.search(reference.title, filters, k=k + 1)
    seen = {" ".join(reference.title.lower().split())}
    word = _title_kind(reference) if len(reference.category) <= 1 else None
    stem = Stemmer.Stemmer("english").stemWord
    out = []
    for h in found.hits:  # a listing repeated under another id is one product to the customer
        title = " ".join(h.product.title.lower().split())
        if title not in seen and (word is None or _names(h.product.title, word, stem)):
            seen.add(title)
            out.append(h.product)
    return out


def _brand(p: Product) -> str:
    return re.sub(r"[^a-z0-9]", "", (p.brand or "").lower())


def same_line(p: Product, ref: Product) -> bool:
    """The same maker's line: the same brand, or the reference's brand named in the title
    ("Dynarex Safe-Touch ..." is the Safe-Touch line whoever is listed as its brand)."""
    mine = _brand(ref)
    return bool(mine) and (_brand(p) == mine or mine in re.sub(r"[^a-z0-9]", "", p.title.lower()))


def propose(reference: Reference, ask: AskReading, searcher: HybridSearcher,
            k: int = 3) -> Proposals:  # fmt: skip
    """The proposals for an ask about a past product (see the module docstring)."""
    ref = reference.product
    if ask.ask in (Ask.same, Ask.question):
        why = (
            f"the product you bought ({reference.bought} times in your history)"
            if reference.bought > 1
            else "the product you bought"
        )
        return Proposals((Proposal(ref, why, "your purchase history"),))
    pool = same_kind(ref, searcher)
    kind = kind_of(ref)
    if ask.ask is Ask.size:
        return _sizes(ref, pool, ask.direction, kind, k)
    if ask.ask is Ask.cheaper:
        if ref.price is None:
            items = [Proposal(p, f"{kind.lower()} by {p.brand or 'an unnamed maker'}; price not listed", "category")
                     for p in pool[:k]]  # fmt: skip
            return Proposals(tuple(items), gap="price_unknown")
        # the most like it first, of those cheaper (the cheapest of a whole department had been
        # offered: a slime sticker and a tongue drum for cheaper drumsticks)
        cheaper = [p for p in pool if p.price is not None and p.price.amount < ref.price.amount]
        items = [Proposal(p, f"{p.price_label} (yours: {ref.price_label}); same kind ({kind.lower()})",
                          "price") for p in cheaper[:k]]  # fmt: skip
        return Proposals(tuple(items), gap=None if items else "none_cheaper")
    if ask.ask is Ask.brand:
        others = [p for p in pool if _brand(p) and not same_line(p, ref)]
        items = [Proposal(p, f"another brand: {p.brand}; same kind ({kind.lower()})",
                          "brand") for p in others[:k]]  # fmt: skip
        return Proposals(tuple(items), gap=None if items else "no_other_brand")
    return Proposals(())


def _sizes(ref: Product, pool: Sequence[Product], direction: int, kind: str, k: int) -> Proposals:
    """Another size: the same line (brand) in the next size the customer needs first, then other
    brands in that size; without a stated size, the same line's other sizes."""
    size = size_of(ref.title)
    sized = [(p, size_of(p.title)) for p in pool]
    line = [(p, s) for p, s in sized if s and same_line(p, ref) and s != size]

    def fits(s: str | None) -> bool:
        step = size_step(size, s)
        return step is not None and (step * direction > 0 if direction else step != 0)

    if size is not None:
        line = [(p, s) for p, s in line if fits(s)]
    # the nearest size first: one size up before two sizes up
    line.sort(key=lambda ps: abs(size_step(size, ps[1]) or 0) if size else 0)
    items = [Proposal(p, f"{s}, same line" + (f" (yours: {size})" if size else ""),
                      "size in the title") for p, s in line[:k]]  # fmt: skip
    gap = None
    if not items:
        gap = "no_other_size"
    if len(items) < k and size is not None:
        seen = {i.product.id for i in items}
        other = [
            (p, s)
            for p, s in sized
            if s and fits(s) and p.id not in seen and _brand(p) != _brand(ref)
        ]
        other.sort(key=lambda ps: abs(size_step(size, ps[1]) or 0))
        items += [Proposal(p, f"{s}, another brand ({p.brand or 'unnamed'}); same kind ({kind.lower()})",
                           "size in the title") for p, s in other[: k - len(items)]]  # fmt: skip
    return Proposals(tuple(items), gap=gap)
