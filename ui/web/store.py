"""The Store tab (admin key): experiment results and store insights."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gradio as gr
import PIL.Image

from assistant.insights import insights
from ranking.experiments import count_outcomes, plot_report, report
from ui.auth import Role
from ui.services import Services
from ui.web.common import allowed


def store_tab(services: Callable[[], Services]) -> None:
    """The tab, inside the app's Blocks: every action asks for an admin key."""
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
            if problem := allowed(services, key, Role.admin):
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
