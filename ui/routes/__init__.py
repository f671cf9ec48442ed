"""The HTTP routes, one module-level router per area; `create_app` includes them all."""

from __future__ import annotations

from fastapi import APIRouter

from ui.admin import router as admin
from ui.embeddings import router as embeddings
from ui.routes.catalog import router as catalog
from ui.routes.chat import router as chat
from ui.routes.events import router as events
from ui.routes.ops import router as ops
from ui.routes.support import router as support
from ui.ucp import router as ucp

ROUTERS: tuple[APIRouter, ...] = (ops, embeddings, admin, ucp, catalog, events, chat, support)
