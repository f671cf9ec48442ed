"""The browser app (Gradio), mounted on the FastAPI app at /ui: one process, one port.

Shoppers: a streamed chat with product cards rendered from catalog data, refinement chips,
thumbs up/down, add to cart and a cart panel; every action is stored as an event. Agents (agent
key): a customer's timeline, conversations, drafted replies. Staff (admin key): experiment
results and store insights. No external fonts, scripts or analytics: it works offline.
One module per tab; each calls the same service functions as the HTTP routes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import gradio as gr

from ui.limits import LimitsConfig
from ui.services import Services
from ui.web.agent import agent_tab
from ui.web.common import CSS, THEME, inert, plain
from ui.web.shop import shop_tab
from ui.web.store import store_tab

__all__ = ["build_web", "inert", "mount_web", "plain"]


def build_web(services: Callable[[], Services], limits: LimitsConfig | None = None) -> gr.Blocks:
    """The Gradio Blocks; `services` returns the app's services (built at start-up). Requests
    wait in one queue per process: `limits.browser_concurrency` run at once, at most
    `limits.browser_queue` wait, the rest are told the app is busy. Every way to send a chat turn
    (the box, the button, the chips) shares one concurrency group, so turns, not handlers,
    are counted."""
    limits = limits or LimitsConfig()
    at_once = limits.browser_concurrency

    # Gradio's copies of served images are deleted after an hour (checked every ten minutes).
    with gr.Blocks(title="ShopTalk", delete_cache=(600, 3600)) as web:
        gr.Markdown("## ShopTalk — ask for what you need")
        shop_tab(services, at_once)
        agent_tab(services)
        store_tab(services)
    return web.queue(
        default_concurrency_limit=limits.browser_concurrency, max_size=limits.browser_queue
    )


def mount_web(app: Any, services: Callable[[], Services], path: str = "/ui", login: bool = False,
              limits: LimitsConfig | None = None) -> Any:  # fmt: skip
    """Mount the browser app on the FastAPI app (no SSR node server, no external assets, no run
    history kept in the browser). `login`: Gradio's sign-in page first, any valid ShopTalk key as
    the password (the Shop tab's shopper is then a server-side session; staff tabs still ask for
    their key)."""

    def signed_in(_name: str, key: str) -> bool:
        return services().keys.verify(key) is not None

    return gr.mount_gradio_app(app, build_web(services, limits), path=path, theme=THEME, css=CSS, ssr_mode=False,
                               footer_links=[], run_history=False, max_file_size=0,
                               auth=signed_in if login else None,
                               auth_message="Sign in with your ShopTalk API key as the password.")  # fmt: skip
