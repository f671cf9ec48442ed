"""Composition root: builds the services the API and CLI use from one Settings object."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import httpx
import sqlalchemy as sa
from pydantic import BaseModel

from assistant.conversations import ConversationStore
from assistant.llm import LLMBackend, VLLMBackend
from assistant.pipeline import ChatPipeline
from ranking.events import EventStore, make_engine
from ranking.registry import ModelRegistry
from ranking.service import RecommendationService
from retrieval import HybridSearcher, Retrieval
from ui.auth import KeyStore
from ui.settings import Settings


class Check(BaseModel):
    """One component's readiness."""

    component: Literal["llm", "index", "database"]
    ok: bool
    detail: str


@dataclass
class Services:
    searcher: HybridSearcher
    events: EventStore
    recommendations: RecommendationService
    conversations: ConversationStore
    chat: ChatPipeline
    keys: KeyStore
    llm: LLMBackend | None
    open_local_shopper: bool = True
    embedding_model: str = "minilm"
    retrieval: Retrieval | None = None

    def multilingual_state(self) -> str:
        """Where the multilingual channel stands, in words."""
        if self.searcher.multilingual is not None:
            return "multilingual channel ready"
        progress = self.retrieval.multilingual_progress if self.retrieval else None
        if progress is not None:
            return f"multilingual channel building ({progress[0]}/{progress[1]} titles)"
        return "multilingual channel off (other languages use the English model)"

    def readiness(self) -> list[Check]:
        """Each component checked now: the LLM server answers, the index answers, the database answers."""
        checks = []
        if isinstance(self.llm, VLLMBackend):
            try:
                ok = httpx.get(f"{self.llm.base_url}/health", timeout=2).status_code == 200
                detail = self.llm.base_url if ok else f"{self.llm.base_url} is not healthy"
            except httpx.HTTPError as exc:
                ok, detail = False, f"{self.llm.base_url} unreachable ({type(exc).__name__})"
        else:
            ok, detail = (
                True,
                self.llm.name if self.llm else "no model configured (templated answers)",
            )
        checks.append(Check(component="llm", ok=ok, detail=detail))
        try:
            if self.searcher.semantic is None:
                raise RuntimeError("no semantic index configured")
            count = self.searcher.semantic.count()
            checks.append(Check(component="index", ok=True, detail=f"{count} vectors; "
                                f"{self.multilingual_state()}"))  # fmt: skip
        except Exception as exc:  # any client failure means "not ready"; it is reported, not hidden
            checks.append(
                Check(
                    component="index", ok=False, detail=f"Chroma: {type(exc).__name__}: {exc}"[:200]
                )
            )
        try:
            with self.events.engine.connect() as conn:
                conn.execute(sa.text("SELECT 1"))
            checks.append(
                Check(
                    component="database", ok=True, detail=self.events.engine.url.get_backend_name()
                )
            )
        except sa.exc.SQLAlchemyError as exc:
            checks.append(Check(component="database", ok=False, detail=f"{type(exc).__name__}"))
        return checks


def build_services(
    settings: Settings, retrieval: Retrieval | None = None, llm: LLMBackend | None = None,
    wait_multilingual: bool = False,
) -> Services:  # fmt: skip
    """Open the index, the database (events, conversations, keys), the recommender and the chat
    pipeline over the given chat backend (run `catalog sync` first; see assistant.server.open_llm).

    The multilingual channel, when not built yet, is built on a background thread while the
    services already answer (other languages use the English model meanwhile), or first, with
    `wait_multilingual` (benchmarks: no build competing with what they measure)."""
    retrieval = retrieval or Retrieval(settings.retrieval, settings.home, settings.data_dir)
    searcher = retrieval.searcher()
    settings.home.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.database())
    events = EventStore(engine)
    conversations = ConversationStore(engine)
    registry = ModelRegistry(settings.home / "models" / "ranker")
    recommendations = RecommendationService(
        searcher.catalog,
        searcher.vectors,
        events,
        registry,
        settings.experiments,
        settings.live_url,
    )
    chat = ChatPipeline(
        searcher,
        conversations,
        llm,
        recommendations,
        events,
        settings.llm.answer_tokens,
        settings.llm.model_picks,
        settings.llm.model_lead_languages,
    )
    build = retrieval.build_multilingual_in_background(searcher)
    if build is not None and wait_multilingual:
        build.join()
    return Services(searcher, events, recommendations, conversations, chat, KeyStore(engine), llm,
                    settings.auth.open_local_shopper, settings.retrieval.embedding_model,
                    retrieval)  # fmt: skip
