"""Composition root: builds the services the API and CLI use from one Settings object."""

from __future__ import annotations

from dataclasses import dataclass

from ranking.events import EventStore, make_engine
from ranking.service import ModelRegistry, RecommendationService
from retrieval import HybridSearcher, Retrieval
from ui.settings import Settings


@dataclass
class Services:
    searcher: HybridSearcher
    events: EventStore
    recommendations: RecommendationService


def build_services(settings: Settings, retrieval: Retrieval | None = None) -> Services:
    """Open the index, the event database and the recommender (run `catalog sync` first)."""
    retrieval = retrieval or Retrieval(settings.retrieval, settings.home, settings.data_dir)
    searcher = retrieval.searcher()
    settings.home.mkdir(parents=True, exist_ok=True)
    events = EventStore(make_engine(settings.database()))
    registry = ModelRegistry(settings.home / "models" / "ranker")
    recommendations = RecommendationService(
        searcher.catalog, searcher.vectors, events, registry, settings.experiments
    )
    return Services(searcher, events, recommendations)
