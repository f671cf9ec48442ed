"""The Shop tab: a streamed chat, the products as catalog cards, chips, thumbs, add to cart; every
action is stored as an event through the API's intake."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import gradio as gr

from assistant.cart import cart_of
from assistant.pipeline import CARDS
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
            yield chat, conversation, cards, "", gr.update(), gr.update()
            return
        chat = [
            *chat,
            {"role": "user", "content": plain(message)},
            {"role": "assistant", "content": "…"},
        ]
        yield chat, conversation, cards, "", "", gr.update()
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
                yield chat, conversation, cards, "", "", gr.update()
            elif isinstance(event, Token):
                written += event.text
                chat[-1] = {"role": "assistant", "content": notice + inert(written)}
                yield chat, conversation, cards, "", "", gr.update()
            elif isinstance(event, Retract):
                written = ""
            elif isinstance(event, Done):
                answer = event.response
                text = answer.text
                if answer.meta.degraded:
                    text += f"\n\n_{answer.meta.degraded}_"
                chat[-1] = {"role": "assistant", "content": inert(text)}
                cards = [c.model_dump(mode="json") for c in answer.cards]
                # "add the second one to my cart": the turn put it there; the cart shows it
                cart = cart_html(answer.cart) if answer.cart is not None else gr.update()
                yield chat, conversation, cards, "", "", cart

    with gr.Tab("Shop"):
        user = gr.State(lambda: f"web-{uuid.uuid4().hex[:12]}")
        conversation = gr.State(None)
        cards = gr.State([])
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

                # Fixed slots, not a re-rendered list: a button made by a render is replaced when the
                # answer's last cards arrive, and a click on the old one in between was lost (CI saw it)
                empty = gr.Markdown("Products appear here.")
                views: list[gr.HTML] = []
                adds: list[gr.Button] = []
                for _ in range(CARDS):
                    views.append(gr.HTML(visible=False))
                    adds.append(gr.Button(visible=False, size="sm", elem_classes="st-add"))

                def show_cards(shown: list[dict[str, Any]]) -> list[Any]:
                    slots = [*shown[:CARDS], *[None] * (CARDS - len(shown[:CARDS]))]
                    views_on = [
                        gr.update(value=card_html(c) if c else "", visible=bool(c)) for c in slots
                    ]
                    adds_on = [gr.update(value=f"Add [{c['mark']}] to cart" if c else "Add to cart",
                                         visible=bool(c)) for c in slots]  # fmt: skip
                    return [gr.update(visible=not shown), *views_on, *adds_on]

                def add_item(slot: int) -> Callable[..., str]:
                    def add(shown: list[dict[str, Any]], who: str, conv: str | None) -> str:
                        if slot >= len(shown):
                            raise gr.Error("That product is no longer shown; ask again.")
                        card = shown[slot]
                        post(
                            who,
                            card["product"]["id"],
                            EventType.add_to_cart,
                            conv,
                            card["mark"] - 1,
                        )
                        svc = services()
                        return cart_html(cart_of(svc.events, svc.searcher.catalog, who))

                    return add

                cards.change(show_cards, inputs=[cards], outputs=[empty, *views, *adds],
                             show_progress="hidden")  # fmt: skip

                gr.Markdown("### Cart")
                cart_view = gr.HTML(cart_html(None), elem_id="st-cart")
                for slot, add in enumerate(adds):
                    add.click(
                        add_item(slot), inputs=[cards, user, conversation], outputs=[cart_view]
                    )
        outputs = [chat, conversation, cards, box, notice, cart_view]
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
