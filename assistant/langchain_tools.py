"""ShopTalk for LangChain agents: the catalog retriever as a `BaseRetriever`, and search,
recommend and compare as tools. LangChain is the integration surface here; ShopTalk's own
pipeline does not go through it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from langchain_core.tools import BaseTool, StructuredTool
from pydantic import ConfigDict, Field

from assistant.advice import compare
from ranking.service import RecommendationService
from retrieval.catalog import Product
from retrieval.filters import Filters
from retrieval.search import HybridSearcher


def product_document(product: Product, score: float | None = None) -> Document:
    """A product as a LangChain document: text to read, catalog fields as metadata."""
    text = f"{product.title}\n{product.description[:500]}"
    meta: dict[str, Any] = {
        "id": product.id, "title": product.title, "price": product.price_label,
        "rating": product.rating, "department": product.department, "brand": product.brand,
    }  # fmt: skip
    if score is not None:
        meta["score"] = score
    return Document(page_content=text, metadata=meta, id=product.id)


class ShopTalkRetriever(BaseRetriever):
    """Hybrid catalog search (BM25 + Chroma, fused) under optional hard filters."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    searcher: HybridSearcher
    k: int = Field(default=5, ge=1, le=100)
    filters: Filters = Field(default_factory=Filters)

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        result = self.searcher.search(query, self.filters, k=self.k)
        return [product_document(h.product, h.parts.fused) for h in result.hits]


def shoptalk_tools(
    searcher: HybridSearcher, recommendations: RecommendationService | None = None
) -> list[BaseTool]:
    """search_products, recommend_products and compare_products, for any LangChain agent."""

    def search_products(
        query: str, max_price: float | None = None, department: str | None = None, k: int = 5
    ) -> list[dict[str, Any]]:
        """Search the store's catalog. Returns products with id, title, price and rating."""
        filters = Filters(max_price=Decimal(str(max_price)) if max_price is not None else None,
                          departments=(department,) if department else ())  # fmt: skip
        return [
            product_document(h.product).metadata for h in searcher.search(query, filters, k=k).hits
        ]

    def recommend_products(
        user_id: str | None = None, product_id: str | None = None, k: int = 5
    ) -> list[dict[str, Any]]:
        """Recommend products for a user and/or a product being viewed, with the reasons."""
        if recommendations is None:
            return []
        result = recommendations.recommend(user_id=user_id, product_id=product_id, k=k)
        return [{**product_document(r.product).metadata, "reasons": [x.text for x in r.reasons]}
                for r in result.recommendations]  # fmt: skip

    def compare_products(product_ids: list[str]) -> dict[str, Any]:
        """Compare 2 to 4 products by id, side by side, from catalog fields."""
        return compare([searcher.catalog.get(i) for i in product_ids[:4]]).model_dump(mode="json")

    return [StructuredTool.from_function(search_products), StructuredTool.from_function(recommend_products),
            StructuredTool.from_function(compare_products)]  # fmt: skip
