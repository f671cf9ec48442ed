"""Composition root: builds the services the API and CLI use from one Settings object."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.conversations import ConversationStore
from assistant.llm import LLMBackend
from assistant.pipeline import ChatPipeline
from ranking.events import EventStore, make_engine
from ranking.service import ModelRegistry, RecommendationService
from retrieval import HybridSearcher, Retrieval
from ui.settings import Settings


@dataclass
class Services:
    searcher: HybridSearcher
    events: EventStore
    recommendations: RecommendationService
    conversations: ConversationStore
    chat: ChatPipeline


def build_services(
    settings: Settings, retrieval: Retrieval | None = None, llm: LLMBackend | None = None
) -> Services:
    """Open the index, the database (events and conversations), the recommender and the chat
    pipeline over the given chat backend (run `catalog sync` first; see assistant.server.open_llm)."""
    retrieval = retrieval or Retrieval(settings.retrieval, settings.home, settings.data_dir)
    searcher = retrieval.searcher()
    settings.home.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.database())
    events = EventStore(engine)
    conversations = ConversationStore(engine)
    registry = ModelRegistry(settings.home / "models" / "ranker")
    recommendations = RecommendationService(
        searcher.catalog, searcher.vectors, events, registry, settings.experiments
    )
    chat = ChatPipeline(
        searcher, conversations, llm, recommendations, events, settings.llm.answer_tokens
    )
    return Services(searcher, events, recommendations, conversations, chat)
