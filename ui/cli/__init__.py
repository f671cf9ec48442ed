"""The `shoptalk` command line: one Typer app made of sub-apps, one module per area."""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import typer

from ui.cli.bench import bench_app
from ui.cli.catalog import catalog_app
from ui.cli.keys import keys_app
from ui.cli.model import model_app
from ui.cli.ranker import events_app, experiments_app, train
from ui.cli.run import chat, mcp_stdio, search, serve

app = typer.Typer(help="ShopTalk: a conversational shopping assistant.", no_args_is_help=True)
app.command()(search)
app.command()(serve)
app.command()(chat)
app.command("mcp")(mcp_stdio)
app.command()(train)
app.add_typer(experiments_app, name="experiments")
app.add_typer(model_app, name="model")
app.add_typer(catalog_app, name="catalog")
app.add_typer(events_app, name="events")
app.add_typer(bench_app, name="bench")
app.add_typer(keys_app, name="keys")
