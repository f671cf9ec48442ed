"""The Shop tab: a streamed chat, the products as catalog cards, chips, thumbs, add to cart; every
action is stored as an event through the API's intake."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import gradio as gr

from assistant.turn import CardsShown, ChatRequest, Done, Retract, Started, Token
from ranking.events import EventType
from ui.auth import Caller, Role
from ui.intake import record_events
from ui.services import Services
from ui.web.common import CHIPS, card_html, cart_html, inert, plain


def shop_tab(services: Callable[[], Services], at_once: int) -> None:
    """The tab, inside the app's Blocks; `at_once`: chat turns running at once in the process."""

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
                    chips = [gr.Button(label, size="sm", elem_classes="st-chip") for label in CHIPS]
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
        gr.on([go.click, box.submit], send, inputs=[box, chat, conversation, user, cards], outputs=outputs,
              concurrency_id="chat-turn", concurrency_limit=at_once)  # fmt: skip
        for button, text in zip(chips, CHIPS.values(), strict=True):
            button.click(lambda c, conv, u, cs, text=text: (yield from send(text, c, conv, u, cs)),
                         inputs=[chat, conversation, user, cards], outputs=outputs,
                         concurrency_id="chat-turn", concurrency_limit=at_once)  # fmt: skip

        def thumbs(kind: EventType) -> Callable[..., str]:
            def record(shown: list[dict[str, Any]], who: str, conv: str | None) -> str:
                picked = [c for c in shown if c.get("recommended")] or shown[:1]
                for c in picked:
                    post(who, c["product"]["id"], kind, conv, c["mark"] - 1)
                return "Thanks for the feedback." if picked else "Ask for something first."

            return record

        up.click(thumbs(EventType.thumbs_up), inputs=[cards, user, conversation], outputs=[notice])
        down.click(
            thumbs(EventType.thumbs_down), inputs=[cards, user, conversation], outputs=[notice]
        )
