"""`python -m ui.cli`: the same commands as `shoptalk`."""

from ui.cli import app

app()
