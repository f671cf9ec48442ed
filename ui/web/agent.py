"""The Agent tab (agent key): a customer's timeline and conversations, drafted replies, sending."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import gradio as gr
from pydantic import ValidationError

from assistant.conversations import ANYONE
from assistant.support import draft_reply, history, send_reply
from ui.auth import Role
from ui.routes.support import AgentReply
from ui.services import Services
from ui.web.common import TRANSCRIPT, allowed, card_html, plain


def agent_tab(services: Callable[[], Services]) -> None:
    """The tab, inside the app's Blocks: every action asks for an agent key."""
    with gr.Tab("Agent"):
        agent_key = gr.Textbox(label="Agent key", type="password", elem_id="st-agent-key")
        customer = gr.Textbox(label="Customer id", elem_id="st-customer")
        lookup = gr.Button("Look up", elem_id="st-lookup")
        status = gr.Markdown(elem_id="st-agent-status")
        timeline = gr.Dataframe(
            headers=["when", "event", "product", "draft"], label="Events", interactive=False,
            elem_id="st-timeline",
        )  # fmt: skip
        convs = gr.Dropdown(label="Conversations", choices=[], elem_id="st-convs")
        transcript = gr.Chatbot(label="Conversation", height=260, elem_id="st-transcript")
        ask = gr.Textbox(label="What the customer wrote (for a draft)", elem_id="st-ask")
        draft_btn = gr.Button("Draft reply", elem_id="st-draft-btn")
        draft_text = gr.Textbox(label="Reply (edit before sending)", lines=4, elem_id="st-draft")
        referring = gr.Dropdown(label="Referring to (pick another past product and draft again)",
                                choices=[], elem_id="st-referring")  # fmt: skip
        redraft_btn = gr.Button("Draft again with this product", elem_id="st-redraft-btn")
        draft_cards = gr.HTML(elem_id="st-draft-cards")
        draft_ids = gr.State([])
        send_btn = gr.Button("Send to customer", variant="primary")

        def timeline_rows(who: str, referred: str | None = None) -> list[list[str]]:
            found = history(services().chat, who.strip())
            catalog = services().searcher.catalog
            return [[e.timestamp.strftime("%Y-%m-%d %H:%M"), e.type.value,
                     catalog.get(e.product_id).title[:60] if e.product_id in catalog else e.product_id,
                     "referring to" if e.product_id == referred else ""]
                    for e in reversed(found.events)]  # fmt: skip

        def do_lookup(key: str, who: str) -> tuple[Any, ...]:
            if problem := allowed(services, key, Role.agent):
                return problem, [], gr.update(choices=[], value=None), []
            found = history(services().chat, who.strip())
            rows = timeline_rows(who)
            choices = [
                (f"{c.updated:%Y-%m-%d %H:%M} · {c.state.need or 'conversation'}", c.id)
                for c in found.conversations
            ]
            msg = f"{len(found.events)} events, {len(found.conversations)} conversations for {who.strip()}."
            return (
                msg,
                rows,
                gr.update(choices=choices, value=choices[0][1] if choices else None),
                [],
            )

        def do_open(key: str, conv: str | None) -> list[dict[str, str]]:
            if allowed(services, key, Role.agent) or not conv:
                return []
            messages = services().conversations.get(conv, ANYONE, limit=TRANSCRIPT).messages
            return [{"role": "user" if m.role == "user" else "assistant",
                     "content": plain(m.content if m.role != "agent" else f"(agent) {m.content}")}
                    for m in messages]  # fmt: skip

        def do_draft(key: str, who: str, conv: str | None, text: str,
                     reference: str | None = None) -> tuple[Any, ...]:  # fmt: skip
            if problem := allowed(services, key, Role.agent):
                return problem, "", [], gr.update(), gr.update(), problem
            d = draft_reply(services().chat, who.strip(), text or "following up on your request",
                            conv, reference)  # fmt: skip
            ref = d.referring_to
            choices = ([(f"{ref.title[:70]} ({ref.how})", ref.product_id)]
                       + [(o.title[:70], o.product_id) for o in ref.others]) if ref else []  # fmt: skip
            said = (f"Referring to: **{ref.title[:90]}** ({ref.how}"
                    + ("" if ref.sure else "; other past products match too, pick one below") + ")."
                    if ref else "No past product referred to.")  # fmt: skip
            if d.degraded:
                said += f" {d.degraded}."
            return (
                d.text,
                "".join(card_html(c.model_dump(mode="json")) for c in d.cards),
                [c.product.id for c in d.cards],
                timeline_rows(who, ref.product_id if ref else None),
                gr.update(choices=choices, value=ref.product_id if ref else None),
                said,
            )

        def do_send(
            key: str, conv: str | None, text: str, ids: list[str]
        ) -> tuple[str, list[dict[str, str]]]:
            if problem := allowed(services, key, Role.agent):
                return problem, []
            if not conv or not text.strip():
                return "Open a conversation and write a reply first.", []
            try:  # the same checks as POST /v1/conversations/{id}/replies
                reply = AgentReply(text=text.strip(), product_ids=ids)
            except ValidationError as exc:
                return f"Not sent: {exc.errors()[0]['msg']}", []
            send_reply(services().chat, conv, reply.text, reply.product_ids)
            return "Sent.", do_open(key, conv)

        lookup.click(
            do_lookup,
            inputs=[agent_key, customer],
            outputs=[status, timeline, convs, transcript],
        )
        convs.change(do_open, inputs=[agent_key, convs], outputs=[transcript])
        drafted = [draft_text, draft_cards, draft_ids, timeline, referring, status]
        draft_btn.click(do_draft, inputs=[agent_key, customer, convs, ask], outputs=drafted)
        redraft_btn.click(
            do_draft, inputs=[agent_key, customer, convs, ask, referring], outputs=drafted
        )
        send_btn.click(
            do_send,
            inputs=[agent_key, convs, draft_text, draft_ids],
            outputs=[status, transcript],
        )
