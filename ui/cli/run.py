"""The running assistant: `shoptalk serve`, `chat`, `search` and `mcp` (stdio)."""

from __future__ import annotations

import logging
import os
from decimal import Decimal
from typing import Annotated, Optional

import typer

from retrieval import Filters, Retrieval, RetrievalError
from ui.cli.common import seed_demo_events, settings_from, sync_index
from ui.console import console, search_table


def search(
    query: str,
    k: Annotated[int, typer.Option("-k", help="How many results")] = 10,
    mode: Annotated[str, typer.Option(help="hybrid, lexical or semantic")] = "hybrid",
    min_price: Optional[Decimal] = None,  # noqa: UP045
    max_price: Optional[Decimal] = None,  # noqa: UP045
    department: Annotated[Optional[list[str]], typer.Option(help="Repeatable")] = None,  # noqa: UP045
    category: Optional[str] = None,  # noqa: UP045
    brand: Annotated[Optional[list[str]], typer.Option(help="Repeatable")] = None,  # noqa: UP045
    exclude_brand: Annotated[Optional[list[str]], typer.Option(help="Repeatable")] = None,  # noqa: UP045
    min_rating: Optional[float] = None,  # noqa: UP045
    in_stock: Annotated[Optional[bool], typer.Option("--in-stock/--any-stock")] = None,  # noqa: UP045
) -> None:
    """Search the indexed catalog and print a table."""
    settings = settings_from()
    try:
        filters = Filters(
            min_price=min_price, max_price=max_price, departments=tuple(department or ()),
            category=category, brands=tuple(brand or ()), exclude_brands=tuple(exclude_brand or ()),
            min_rating=min_rating, in_stock=in_stock,
        )  # fmt: skip
        searcher = Retrieval(settings.retrieval, settings.home, settings.data_dir).searcher()
        result = searcher.search(query, filters, k=k, mode=mode)  # type: ignore[arg-type]
    except (RetrievalError, ValueError) as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None
    console.print(search_table(result))
    for notice in result.notices:
        console.print(f"[yellow]notice:[/] {notice}")


def serve(
    host: Optional[str] = None,  # noqa: UP045
    port: Optional[int] = None,  # noqa: UP045
    sync: Annotated[bool, typer.Option(help="Sync the catalog index before serving")] = True,
    demo_events: Annotated[
        bool, typer.Option(help="Import the Amazon Scientific log into an empty demo event store")
    ] = True,
    llm: Annotated[
        bool,
        typer.Option(
            help="Serve the chat model (starts local vLLM unless SHOPTALK_LLM__URL is set)"
        ),
    ] = True,
) -> None:
    """Index the catalog if needed, start (or reach) the language model, then serve the HTTP API."""
    import uvicorn

    from assistant.server import open_llm
    from ui.api import create_app
    from ui.auth import is_loopback_bind
    from ui.services import build_services

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    settings = settings_from()
    bind = host or settings.host
    if settings.auth.open_local_shopper and not is_loopback_bind(bind):
        settings.auth.open_local_shopper = False
        console.print(f"listening on {bind}, beyond this machine: shopper routes need a key "
                      "(the keyless local shopper applies only on a loopback address)")  # fmt: skip
    retrieval = Retrieval(settings.retrieval, settings.home, settings.data_dir)
    if sync:
        sync_index(retrieval)
    if demo_events and settings.retrieval.sources is None:
        seed_demo_events(settings, retrieval)
    if not llm:
        settings.llm.backend = "none"
    backend, server = open_llm(settings.llm, settings.home / "models", say=console.print)
    api = create_app(lambda: build_services(settings, retrieval, backend), limits=settings.limits,
                     web_login=not settings.auth.open_local_shopper)  # fmt: skip
    console.print(f"ShopTalk API on http://{host or settings.host}:{port or settings.port}/docs")
    try:
        uvicorn.run(api, host=host or settings.host, port=port or settings.port, log_level="info")
    finally:
        if server is not None:
            server.stop()


def chat(
    url: Annotated[
        str | None,
        typer.Option(help="A running ShopTalk, e.g. http://127.0.0.1:8000; default: in-process"),
    ] = None,
    user: Annotated[Optional[str], typer.Option(help="Your user id (personal ranking)")] = None,  # noqa: UP045
    message: Annotated[
        list[str] | None,
        typer.Option("--say", help="Say this (repeatable) instead of reading the terminal"),
    ] = None,
) -> None:
    """Chat in the terminal: streamed answers with product tables."""
    from ui.chat_cli import run_chat

    run_chat(settings_from(), url, user, message)


def mcp_stdio() -> None:
    """Serve ShopTalk's tools to a desktop agent over stdio (Model Context Protocol). The
    identity is the key in SHOPTALK_API_KEY, else this machine's local shopper; the chat model is
    the configured one (a running local vLLM is reused). Logs go to stderr: stdout is the
    protocol's."""
    import sys

    from rich.console import Console

    from assistant.server import open_llm
    from ui.auth import AuthError, Caller, Role, caller_for
    from ui.mcp import Stdio, build_mcp
    from ui.services import build_services

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    say = Console(stderr=True).print
    settings = settings_from()
    backend, server = open_llm(settings.llm, settings.home / "models", say=say)
    try:
        services = build_services(settings, llm=backend)
        key = os.environ.get("SHOPTALK_API_KEY")
        if key:
            info = services.keys.verify(key)
            if info is None:
                raise typer.BadParameter("SHOPTALK_API_KEY is unknown or revoked; create a key "
                                         "with `shoptalk keys create`")  # fmt: skip
            caller = caller_for(info)
        elif settings.auth.open_local_shopper:
            caller = Caller(Role.shopper)
        else:
            raise AuthError(401, "unauthorized", "set SHOPTALK_API_KEY (the local shopper is off)")
        build_mcp(Stdio(services, caller)).run("stdio")
    finally:
        if server is not None:
            server.stop()
