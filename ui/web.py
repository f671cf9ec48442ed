"""The browser app (Gradio), mounted on the FastAPI app at /ui: one process, one port.

Shoppers: a streamed chat with product cards rendered from catalog data, refinement chips,
thumbs up/down, add to cart and a cart panel; every action is stored as an event. Agents (agent
key): a customer's timeline, conversations, drafted replies. Staff (admin key): experiment
results and store insights. No external fonts, scripts or analytics: it works offline."""

from __future__ import annotations

import html
import re
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import gradio as gr
import PIL.Image

from assistant.conversations import ANYONE
from assistant.insights import insights
from assistant.support import draft_reply, history, send_reply
from assistant.turn import CardsShown, ChatRequest, Done, Retract, Started, Token
from ranking.events import EventType
from ranking.experiments import count_outcomes, plot_report, report
from ui.auth import RANK, Caller, Role
from ui.intake import record_events
from ui.limits import LimitsConfig
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
_ACTIVE = re.compile(r"([\\`\[\]()!<>$&:])")


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


def cart_html(cart: list[dict[str, Any]]) -> str:
    if not cart:
        return "<p>Your cart is empty.</p>"
    rows = "".join(
        f"<li>{html.escape(i['title'][:70])} — {html.escape(i['price'])}</li>" for i in cart
    )
    total = sum(i["amount"] for i in cart if i["amount"] is not None)
    return f'<ul class="st-cart">{rows}</ul><p><b>Total:</b> ${total:,.2f} ({len(cart)} items)</p>'


def build_web(services: Callable[[], Services], limits: LimitsConfig | None = None) -> gr.Blocks:
    """The Gradio Blocks; `services` returns the app's services (built at start-up). Requests
    wait in one queue per process: `limits.browser_concurrency` run at once, at most
    `limits.browser_queue` wait, and one client cannot hold everyone else up beyond that."""

    def post(
        user: str,
        product_id: str,
        kind: EventType,
        conversation: str | None,
        position: int | None = None,
    ) -> None:
        event = {"user_id": user, "session_id": conversation, "product_id": product_id,
                 "type": kind.value, "context": {"source": "web", "position": position}}  # fmt: skip
        [result], _ = record_events(services(), Caller(Role.shopper, user), [event])
        if not result.stored:
            raise gr.Error(f"That was not recorded: {result.error}")

    def send(message: str, chat: list[dict[str, str]], conversation: str | None, user: str,
             cards: list[dict[str, Any]]) -> Iterator[tuple[Any, ...]]:  # fmt: skip
        message = (message or "").strip()
        if not message:
            yield chat, conversation, cards, "", gr.update()
            return
        chat = [
            *chat,
            {"role": "user", "content": plain(message)},
            {"role": "assistant", "content": "…"},
        ]
        yield chat, conversation, cards, "", ""
        request = ChatRequest(
            message=message, conversation_id=conversation, user_id=user, session_id=conversation
        )
        written = ""
        notice = ""
        for event in services().chat.turn(request):
            if isinstance(event, Started):
                conversation = event.conversation_id
            elif isinstance(event, CardsShown):
                # the notice belongs to this turn: it opens this answer, not a box that outlives it
                cards = [c.model_dump(mode="json") for c in event.cards]
                notice = f"_{inert(event.notice)}_\n\n" if event.notice else ""
                chat[-1] = {"role": "assistant", "content": notice + "…"}
                yield chat, conversation, cards, "", ""
            elif isinstance(event, Token):
                written += event.text
                chat[-1] = {"role": "assistant", "content": notice + inert(written)}
                yield chat, conversation, cards, "", ""
            elif isinstance(event, Retract):
                written = ""
            elif isinstance(event, Done):
                answer = event.response
                text = answer.text
                if answer.meta.degraded:
                    text += f"\n\n_{answer.meta.degraded}_"
                chat[-1] = {"role": "assistant", "content": inert(text)}
                cards = [c.model_dump(mode="json") for c in answer.cards]
                yield chat, conversation, cards, "", ""

    # Gradio's copies of served images are deleted after an hour (checked every ten minutes).
    with gr.Blocks(title="ShopTalk", delete_cache=(600, 3600)) as web:
        gr.Markdown("## ShopTalk — ask for what you need")
        with gr.Tab("Shop"):
            user = gr.State(lambda: f"web-{uuid.uuid4().hex[:12]}")
            conversation = gr.State(None)
            cards = gr.State([])
            cart = gr.State([])
            with gr.Row():
                with gr.Column(scale=3, min_width=320):
                    chat = gr.Chatbot(label="Chat", height=420, elem_id="st-chat")
                    notice = gr.Markdown(elem_classes="st-notice-box")
                    with gr.Row():
                        box = gr.Textbox(placeholder="e.g. a ukulele for my kid under $40", show_label=False,
                                         scale=5, elem_id="st-input")  # fmt: skip
                        go = gr.Button("Send", variant="primary", scale=1, elem_id="st-send")
                    with gr.Row():
                        chips = [
                            gr.Button(label, size="sm", elem_classes="st-chip") for label in CHIPS
                        ]
                    with gr.Row():
                        up = gr.Button("Helpful", size="sm", elem_id="st-up")
                        down = gr.Button("Not helpful", size="sm", elem_id="st-down")
                with gr.Column(scale=2, min_width=300):
                    gr.Markdown("### Products")

                    @gr.render(inputs=[cards, user, conversation, cart])
                    def show_cards(
                        shown: list[dict[str, Any]],
                        who: str,
                        conv: str | None,
                        items: list[dict[str, Any]],
                    ) -> None:
                        if not shown:
                            gr.Markdown("Products appear here.")
                        for card in shown:
                            gr.HTML(card_html(card))
                            add = gr.Button(
                                f"Add [{card['mark']}] to cart", size="sm", elem_classes="st-add"
                            )

                            def add_item(items: list[dict[str, Any]], who: str, conv: str | None,
                                         card: dict[str, Any] = card) -> tuple[list[dict[str, Any]], str]:  # fmt: skip
                                p = card["product"]
                                post(who, p["id"], EventType.add_to_cart, conv, card["mark"] - 1)
                                amount = p["price"]["amount"] if p.get("price") else None
                                items = [
                                    *items,
                                    {
                                        "id": p["id"],
                                        "title": p["title"],
                                        "price": card["price"],
                                        "amount": amount,
                                    },
                                ]
                                return items, cart_html(items)

                            add.click(
                                add_item,
                                inputs=[cart, user, conversation],
                                outputs=[cart, cart_view],
                            )

                    gr.Markdown("### Cart")
                    cart_view = gr.HTML(cart_html([]), elem_id="st-cart")
            outputs = [chat, conversation, cards, box, notice]
            go.click(send, inputs=[box, chat, conversation, user, cards], outputs=outputs)
            box.submit(send, inputs=[box, chat, conversation, user, cards], outputs=outputs)
            for button, text in zip(chips, CHIPS.values(), strict=True):
                button.click(lambda c, conv, u, cs, text=text: (yield from send(text, c, conv, u, cs)),
                             inputs=[chat, conversation, user, cards], outputs=outputs)  # fmt: skip

            def thumbs(kind: EventType) -> Callable[..., str]:
                def record(shown: list[dict[str, Any]], who: str, conv: str | None) -> str:
                    picked = [c for c in shown if c.get("recommended")] or shown[:1]
                    for c in picked:
                        post(who, c["product"]["id"], kind, conv, c["mark"] - 1)
                    return "Thanks for the feedback." if picked else "Ask for something first."

                return record

            up.click(
                thumbs(EventType.thumbs_up), inputs=[cards, user, conversation], outputs=[notice]
            )
            down.click(
                thumbs(EventType.thumbs_down), inputs=[cards, user, conversation], outputs=[notice]
            )

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
            draft_text = gr.Textbox(
                label="Reply (edit before sending)", lines=4, elem_id="st-draft"
            )
            referring = gr.Dropdown(label="Referring to (pick another past product and draft again)",
                                    choices=[], elem_id="st-referring")  # fmt: skip
            redraft_btn = gr.Button("Draft again with this product", elem_id="st-redraft-btn")
            draft_cards = gr.HTML(elem_id="st-draft-cards")
            draft_ids = gr.State([])
            send_btn = gr.Button("Send to customer", variant="primary")

            def allowed(key: str, role: Role) -> str | None:
                info = services().keys.verify(key or "")
                if info is None or RANK[info.role] < RANK[role]:
                    return f"Enter a valid {role.value} key (create one with `shoptalk keys create --role {role.value}`)."
                return None

            def timeline_rows(who: str, referred: str | None = None) -> list[list[str]]:
                found = history(services().chat, who.strip())
                catalog = services().searcher.catalog
                return [[e.timestamp.strftime("%Y-%m-%d %H:%M"), e.type.value,
                         catalog.get(e.product_id).title[:60] if e.product_id in catalog else e.product_id,
                         "referring to" if e.product_id == referred else ""]
                        for e in reversed(found.events)]  # fmt: skip

            def do_lookup(key: str, who: str) -> tuple[Any, ...]:
                if problem := allowed(key, Role.agent):
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
                if allowed(key, Role.agent) or not conv:
                    return []
                messages = services().conversations.get(conv, ANYONE, limit=TRANSCRIPT).messages
                return [{"role": "user" if m.role == "user" else "assistant",
                         "content": plain(m.content if m.role != "agent" else f"(agent) {m.content}")}
                        for m in messages]  # fmt: skip

            def do_draft(key: str, who: str, conv: str | None, text: str,
                         reference: str | None = None) -> tuple[Any, ...]:  # fmt: skip
                if problem := allowed(key, Role.agent):
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
                if problem := allowed(key, Role.agent):
                    return problem, []
                if not conv or not text.strip():
                    return "Open a conversation and write a reply first.", []
                send_reply(services().chat, conv, text.strip(), ids)
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

        with gr.Tab("Store"):
            admin_key = gr.Textbox(label="Admin key", type="password", elem_id="st-admin-key")
            refresh = gr.Button("Refresh", elem_id="st-refresh")
            admin_status = gr.Markdown(elem_id="st-admin-status")
            plot = gr.Image(label="Experiment results", type="pil")
            tops = gr.Dataframe(headers=["top queries", "count"], interactive=False)
            zeros = gr.Dataframe(headers=["queries with no match", "count"], interactive=False)
            most = gr.Dataframe(headers=["most recommended", "times shown"], interactive=False)
            never = gr.Dataframe(headers=["never recommended (sample)", "id"], interactive=False)

            def do_refresh(key: str) -> tuple[Any, ...]:
                if problem := allowed(key, Role.admin):
                    return problem, None, [], [], [], []
                svc = services()
                found = insights(svc.events.engine, svc.searcher.catalog)
                image = None
                for experiment in svc.recommendations.experiments[:1]:
                    reports = report(count_outcomes(svc.events, experiment.name))
                    if reports:  # drawn in a folder removed at once; Gradio keeps its own copy
                        with tempfile.TemporaryDirectory() as folder:
                            plot_report(reports, Path(folder) / "plot.png", experiment.name)
                            with PIL.Image.open(Path(folder) / "plot.png") as drawn:
                                image = drawn.copy()
                summary = (f"{found.messages} messages; {found.recommended_products:,} of {found.catalog_products:,} "
                           f"products recommended at least once (coverage {found.coverage:.1%}).")  # fmt: skip
                return (summary, image, [[c.label, c.count] for c in found.top_queries],
                        [[c.label, c.count] for c in found.zero_result_queries],
                        [[c.label, c.count] for c in found.most_recommended],
                        [[c.label, c.key] for c in found.never_recommended_sample])  # fmt: skip

            refresh.click(
                do_refresh,
                inputs=[admin_key],
                outputs=[admin_status, plot, tops, zeros, most, never],
            )
    limits = limits or LimitsConfig()
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
