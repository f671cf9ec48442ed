"""What every tab of the browser app shares: the look, how text and products are shown, and
the staff tabs' key check."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

import gradio as gr

from assistant.cart import Cart
from retrieval.catalog import Price
from ui.auth import RANK, Role
from ui.services import Services

CHIPS = {"Cheaper": "cheaper", "Better rated": "better rated", "Compare these": "compare the first two",
         "More like this": "show me more"}  # fmt: skip

#: The newest messages of a conversation shown in the agent console.
TRANSCRIPT = 100

CSS = """
.st-card {border: 1px solid #ddd; border-radius: 8px; padding: 8px 10px; margin-bottom: 6px}
.st-card.st-rec {border-color: #2563eb}
.st-title {font-weight: 600}
.st-price {font-size: 1.1em; font-weight: 700}
.st-why, .st-value {color: #555; font-size: 0.9em}
.st-notice {background: #fff7e6; border: 1px solid #f0c36d; padding: 6px 10px; border-radius: 6px}
"""
THEME = gr.themes.Default(font=["ui-sans-serif", "system-ui", "sans-serif"],
                          font_mono=["ui-monospace", "monospace"])  # fmt: skip


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:@])")  # ":" and "@": no autolinks
_ACTIVE = re.compile(r"([\\`\[\]()!<>$&:.@])")


def plain(text: str) -> str:
    """Someone's words shown exactly as typed: no markdown, HTML, link or image in a shopper's
    or customer's message is acted on by the browser (the agent console included)."""
    return _MARKDOWN.sub(r"\\\1", text)


def inert(text: str) -> str:
    """ShopTalk's answer with its lists and emphasis kept, and nothing that could link, load an
    image or be HTML: the streamed model text is shown before the checker has read it."""
    return _ACTIVE.sub(r"\\\1", text)


def card_html(card: dict[str, Any]) -> str:
    """One product card, every field from the catalog record."""
    p = card["product"]
    esc = html.escape
    rating = (f"★ {p['rating']:.1f}" + (f" ({p['rating_count']:,})" if p.get("rating_count") else "")
              if p.get("rating") is not None else "no rating yet")  # fmt: skip
    department = (p.get("category") or ["Uncategorized"])[0]
    rec = " st-rec" if card.get("recommended") else ""
    return (f'<div class="st-card{rec}" data-product="{esc(p["id"])}"><div class="st-title">[{card["mark"]}] {esc(p["title"][:120])}</div>'
            f'<div><span class="st-price">{esc(card["price"])}</span> · {esc(rating)} · {esc(department)}</div>'
            f'<div class="st-why">{esc(card["why"])}</div><div class="st-value">{esc(card["value"])}</div></div>')  # fmt: skip


def cart_html(cart: Cart | None) -> str:
    """The shopper's cart as the event log holds it (the one cart every edge shows)."""
    if cart is None or not cart.lines:
        return "<p>Your cart is empty.</p>"
    rows = "".join(
        f"<li>{html.escape(line.title[:70])} — "
        f"{html.escape(str(Price(amount=line.unit_price, currency=line.currency)) if line.unit_price is not None else 'price not listed')}"
        f"{f' × {line.quantity}' if line.quantity > 1 else ''}</li>"
        for line in cart.lines
    )
    return (f'<ul class="st-cart">{rows}</ul>'
            f"<p><b>Total:</b> {Price(amount=cart.total)} ({cart.items} {'item' if cart.items == 1 else 'items'})</p>")  # fmt: skip


def allowed(services: Callable[[], Services], key: str, role: Role) -> str | None:
    """None when `key` is a valid key of at least `role`; else what to do."""
    info = services().keys.verify(key or "")
    if info is None or RANK[info.role] < RANK[role]:
        return f"Enter a valid {role.value} key (create one with `shoptalk keys create --role {role.value}`)."
    return None
