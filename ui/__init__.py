"""HTTP API, command line and (later) the Gradio app."""

__all__: list[str] = []
