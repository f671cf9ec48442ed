"""Long admin jobs (training) run in the background, one at a time, with a status to poll."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Literal

from pydantic import BaseModel


class Job(BaseModel):
    id: str
    kind: str
    status: Literal["queued", "running", "done", "failed"]
    submitted: float
    finished: float | None = None
    result: dict[str, Any] | None = None
    error: str | None = None


#: Finished jobs kept to be asked about; older ones are forgotten.
JOBS_KEPT = 100


class Jobs:
    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="shoptalk-job")
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def submit(self, kind: str, fn: Callable[[], dict[str, Any]]) -> Job:
        job = Job(id=uuid.uuid4().hex[:12], kind=kind, status="queued", submitted=time.time())
        with self._lock:
            self._jobs[job.id] = job
            finished = [k for k, j in self._jobs.items() if j.finished is not None]
            for old in finished[: max(0, len(finished) - JOBS_KEPT)]:  # the oldest finished go
                del self._jobs[old]

        def run() -> None:
            self._set(job.id, status="running")
            try:
                self._set(job.id, status="done", result=fn(), finished=time.time())
            except Exception as exc:  # the job's failure is its result, reported to the caller
                self._set(
                    job.id,
                    status="failed",
                    error=f"{type(exc).__name__}: {exc}",
                    finished=time.time(),
                )

        self._pool.submit(run)
        return job

    def _set(self, job_id: str, **changes: Any) -> None:
        with self._lock:
            self._jobs[job_id] = self._jobs[job_id].model_copy(update=changes)

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)
