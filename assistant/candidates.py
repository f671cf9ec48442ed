"""Products for the current state: hybrid retrieval under the hard filters, brand exclusions also
matched in titles, reordered for this shopper by behaviour, sorted as asked; and, when nothing
satisfies a hard constraint, the nearest alternatives with the constraint that was relaxed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from assistant.query import Sort
from assistant.state import ConversationState
from ranking.rerank import candidates_from_hits
from ranking.service import RecommendationService
from retrieval.ages import age_fit
from retrieval.catalog import Catalog, Product
from retrieval.search import Hit, HybridSearcher

#: Below this cosine similarity, with less than half of the query words matched, the best hit is
#: not what was asked for: the answer says the store does not carry it.
CLOSE_MATCH_COSINE = 0.45
POOL = 60
# Soft need-fit adjustments, in units of the fused score (TM2C2 puts the best hit near 1 and the
# 20th typically 0.1-0.2 below it). A clearly wrong stated age outweighs any retrieval margin;
# the other fits move a product a few places at most. Chosen by hand, measured by
# `shoptalk bench retrieval` on the natural-request dev set (see README).
AGE_FIT = 0.05
AGE_WRONG = 0.5
OTHER_DEPARTMENT = 0.08
SIZE_MATCH = 0.08
BRAND_MATCH = 0.1
RATED = 0.05


@dataclass(frozen=True)
class Candidates:
    """What to show, and how it was found."""

    hits: tuple[Hit, ...]
    personalised_by: str | None = None  # "learned reranker" or "fixed blend" when history reordered
    relaxed: str | None = None  # the hard constraint dropped to find anything, if one was
    close_match: bool = True
    notices: tuple[str, ...] = field(default=())

    @property
    def products(self) -> tuple[Product, ...]:
        return tuple(h.product for h in self.hits)


def _excluded(product: Product, names: Sequence[str]) -> bool:
    """A product made by an excluded brand: its brand field, or its title naming the brand."""
    for name in names:
        if product.brand and product.brand.strip().lower() == name.lower():
            return True
        if re.search(rf"\b{re.escape(name)}\b", product.title, re.I):
            return True
    return False


def _is_close(hits: Sequence[Hit], text: str) -> bool:
    if not hits:
        return False
    top = hits[0].parts
    words = {w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2}
    matched = len(top.matched_terms)
    return (top.semantic or 0.0) >= CLOSE_MATCH_COSINE or (
        bool(words) and matched * 2 >= len(words)
    )


def _search(state: ConversationState, searcher: HybridSearcher, exclude_seen: bool) -> list[Hit]:
    result = searcher.search(state.search_text(), state.filters(), k=POOL)
    seen = set(state.seen) if exclude_seen else set()
    hits = [h for h in result.hits
            if h.product.id not in seen and not _excluded(h.product, state.exclude_brands)]  # fmt: skip
    return fit_to_need(hits, state, searcher.catalog)


def fit_to_need(hits: list[Hit], state: ConversationState, catalog: Catalog) -> list[Hit]:
    """Reorder search hits by how well each fits what the shopper said beyond the product words
    (see `need_fit`); a stable sort, so equal fits keep the search order."""
    if not hits:
        return hits
    rows = np.array([catalog.position(h.product.id) for h in hits])
    fused = np.array([h.parts.fused for h in hits], dtype=np.float64)
    bonus = need_fit(catalog, rows, [h.product for h in hits], state)
    if not bonus.any():
        return hits
    order = np.argsort(-(fused + bonus), kind="stable")
    return [hits[i] for i in order]


def need_fit(catalog: Catalog, rows: np.ndarray, products: Sequence[Product],
             state: ConversationState) -> np.ndarray:  # fmt: skip
    """Score adjustments (in units of the fused score) from the soft parts of a request: the age
    range a product states against who it is for (a clearly wrong age is pushed down hard), the
    department the product words belong to, sizes/quantities and brands named in the title, and
    a better rating when the shopper asked for well-reviewed products."""
    columns = catalog.columns
    bonus = np.zeros(len(rows), dtype=np.float64)
    if state.age is not None:
        low, high = catalog.ages
        fit = age_fit(low[rows], high[rows], state.age)
        bonus += np.where(fit > 0, AGE_FIT, np.where(fit < 0, -AGE_WRONG, 0.0))
    if state.department_hint and not state.department:
        code = columns.departments.index(state.department_hint)
        bonus += np.where(columns.department[rows] == code, 0.0, -OTHER_DEPARTMENT)
    for size in state.sizes:
        pattern = _size_pattern(size)
        bonus += np.array([SIZE_MATCH if pattern.search(p.title) else 0.0 for p in products])
    for brand in state.brands:
        rx = re.compile(rf"\b{re.escape(brand)}\b", re.I)
        bonus += np.array([BRAND_MATCH if (p.brand and rx.search(p.brand)) or rx.search(p.title) else 0.0
                           for p in products])  # fmt: skip
    if state.prefer_rated:
        rating = np.nan_to_num(columns.rating[rows], nan=3.5)
        bonus += RATED * np.clip(rating - 4.0, -1.0, 1.0)
    return bonus


def _size_pattern(size: str) -> re.Pattern[str]:
    """'1000 pieces' matches '1000 Piece' and '1000pcs'; '1/2 size' matches '1/2'; 'pack of 100'
    matches '100 pack' and '100-count'."""
    number = re.search(r"\d[\d,/]*", size)
    if number is None:
        return re.compile(rf"\b{re.escape(size)}\b", re.I)
    n = re.escape(number.group(0).replace(",", ""))
    return re.compile(rf"(?<![\d/]){n}(?![\d/])", re.I)


def _reorder(
    hits: list[Hit], state: ConversationState, searcher: HybridSearcher,
    behaviour: RecommendationService | None, user_id: str | None, session_id: str | None,
) -> tuple[list[Hit], str | None]:  # fmt: skip
    used = None
    if behaviour is not None and hits and (user_id or session_id):
        found = behaviour.personalise(
            candidates_from_hits(hits, searcher.catalog), user_id, session_id
        )
        if found is not None:
            scores, used = found
            hits = [hits[i] for i in np.argsort(-scores, kind="stable")]
    if state.sort is Sort.cheapest:
        head = hits[:20]  # the cheapest of the relevant ones, not the cheapest of anything
        head.sort(key=lambda h: h.product.price.amount if h.product.price else float("inf"))
        hits = head + hits[20:]
    elif state.sort is Sort.best_rated:
        head = hits[:20]
        head.sort(key=lambda h: -(h.product.rating or 0.0))
        hits = head + hits[20:]
    return hits, used


def find_candidates(
    state: ConversationState, searcher: HybridSearcher, behaviour: RecommendationService | None,
    user_id: str | None = None, session_id: str | None = None, k: int = 5, more: bool = False,
) -> Candidates:  # fmt: skip
    """The k products to show for this state (see module docstring)."""
    hits = _search(state, searcher, exclude_seen=more)
    relaxed = None
    if not hits and not more:
        for constraint, looser in (
            ("price", state.model_copy(update={"min_price": None, "max_price": None})),
            ("excluded brands", state.model_copy(update={"exclude_brands": ()})),
            ("department", state.model_copy(update={"department": None})),
        ):
            if looser == state:
                continue
            hits = _search(looser, searcher, exclude_seen=False)
            if hits:
                relaxed = constraint
                if constraint == "price":  # nearest to the bound the shopper set
                    bound = state.max_price if state.max_price is not None else state.min_price
                    hits = sorted(hits[:20], key=lambda h: abs(h.product.price.amount - bound)
                                  if h.product.price and bound is not None else float("inf"))  # fmt: skip
                break
    close = _is_close(hits, state.search_text())
    hits, used = _reorder(hits, state, searcher, behaviour, user_id, session_id)
    return Candidates(tuple(hits[:k]), used, relaxed, close)
