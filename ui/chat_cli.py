"""`shoptalk chat`: the terminal client. Talks to a running server over server-sent events, or
runs the pipeline in-process; both give the same stream of turn events, rendered with rich."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from rich.table import Table

from assistant.advice import Card
from assistant.turn import (
    CardsShown,
    ChatRequest,
    Done,
    Retract,
    Started,
    Token,
    TurnEvent,
    parse_sse,
)
from ui.console import console
from ui.settings import Settings

Turn = Callable[[str, str | None], Iterator[TurnEvent]]


def http_turns(url: str, user: str | None) -> Turn:
    import httpx
    from httpx_sse import connect_sse

    client = httpx.Client(timeout=httpx.Timeout(10, read=180))

    def turn(message: str, conversation: str | None) -> Iterator[TurnEvent]:
        body = {
            "message": message,
            "conversation_id": conversation,
            "user_id": user,
            "stream": True,
        }
        with connect_sse(client, "POST", f"{url.rstrip('/')}/v1/chat", json=body) as source:
            if source.response.status_code != 200:
                source.response.read()
                error = source.response.json().get("error", {})
                raise SystemExit(f"ShopTalk refused: {error.get('message', source.response.text)}")
            for sse in source.iter_sse():
                yield parse_sse(sse.event, sse.data)

    return turn


def local_turns(settings: Settings, user: str | None) -> Turn:
    from assistant.server import open_llm
    from ui.services import build_services

    backend, _server = open_llm(settings.llm, settings.home / "models", say=console.print)
    with console.status("opening the index and the database"):
        services = build_services(settings, llm=backend)

    def turn(message: str, conversation: str | None) -> Iterator[TurnEvent]:
        request = ChatRequest(message=message, conversation_id=conversation, user_id=user)
        yield from services.chat.turn(request)

    return turn


def cards_table(cards: Sequence[Card]) -> Table:
    table = Table(show_lines=False)
    for col in ("#", "product", "price", "rating", "why"):
        table.add_column(col)
    for c in cards:
        p = c.product
        rating = f"{p.rating:.1f}" if p.rating is not None else "-"
        mark = f"[bold]{c.mark}*[/]" if c.recommended else str(c.mark)
        table.add_row(mark, p.title[:70], c.price, rating, c.why[:50])
    return table


def render_turn(events: Iterator[TurnEvent]) -> str | None:
    """Print one turn as it streams; returns the conversation id."""
    conversation = None
    streamed = ""
    for event in events:
        if isinstance(event, Started):
            conversation = event.conversation_id
        elif isinstance(event, CardsShown):
            if event.notice:
                console.print(f"[yellow]{event.notice}[/]")
            if event.cards:
                console.print(cards_table(event.cards))
        elif isinstance(event, Token):
            streamed += event.text
            console.print(event.text, end="", markup=False, highlight=False)
        elif isinstance(event, Retract):
            streamed = ""
            if event.violations:
                console.print("\n[dim](that text failed a check and was withdrawn)[/]")
            else:
                console.print()
        elif isinstance(event, Done):
            answer = event.response
            console.print()
            console.print(answer.text, markup=False, highlight=False)
            if answer.meta.degraded:
                console.print(f"[yellow]{answer.meta.degraded}[/]")
            if answer.comparison:
                comp = answer.comparison
                table = Table(title="comparison")
                table.add_column("")
                for i in range(len(comp.product_ids)):
                    table.add_column(f"[{i + 1}]")
                for row in comp.rows:
                    table.add_row(row.field, *row.values)
                console.print(table)
    return conversation


def run_chat(settings: Settings, url: str | None, user: str | None, said: list[str] | None) -> None:
    turn = http_turns(url, user) if url else local_turns(settings, user)
    conversation = None
    lines = iter(said) if said else None
    while True:
        if lines is not None:
            message = next(lines, None)
            if message is None:
                return
            console.print(f"[bold]you>[/] {message}")
        else:
            try:
                message = console.input("[bold]you>[/] ").strip()
            except (EOFError, KeyboardInterrupt):
                return
            if not message:
                continue
            if message in ("/quit", "/exit"):
                return
        conversation = render_turn(turn(message, conversation)) or conversation
