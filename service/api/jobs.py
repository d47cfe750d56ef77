"""Work the web page started: an analysis or a cross-check runs as a task, the page polls it and shows its
progress (service/progress.py), then its result or its problem.

Jobs live in this process's memory: ``crosscheck serve`` is one process. Behind several workers a poll can
reach a worker that does not hold the job (it answers 404, and says why); API clients are not affected.
Job ids are random and unguessable, so one person's article is not visible to another who guesses ids.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from service import progress
from service.errors import InputError, LLMError

log = logging.getLogger(__name__)

MAX_JOBS = 100  # finished jobs beyond this are forgotten, oldest first
MAX_EVENTS = 300  # progress lines kept per job


@dataclass
class Failure:
    """The problem a job ended with, as the API would have answered it (RFC 9457 fields)."""

    status: int
    title: str
    detail: str


@dataclass
class Job:
    id: str
    kind: Literal["analysis", "cross-check"]
    request_id: str
    inputs: Any  # what the page needs to show the result (the submitted texts)
    started: float = field(default_factory=time.monotonic)
    events: list[progress.Event] = field(default_factory=list)
    result: Any = None
    failure: Failure | None = None
    finished: float | None = None
    task: asyncio.Task[None] | None = None

    @property
    def state(self) -> Literal["running", "done", "failed"]:
        if self.failure is not None:
            return "failed"
        return "done" if self.finished is not None else "running"

    def elapsed(self) -> float:
        return round((self.finished or time.monotonic()) - self.started, 1)


class Jobs:
    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def start(self, kind: Literal["analysis", "cross-check"], request_id: str, inputs: Any,
              work: Callable[[], Awaitable[Any]]) -> Job:
        """Run ``work`` as a task; its progress events and its outcome are kept on the returned job."""
        job = Job(secrets.token_urlsafe(12), kind, request_id, inputs)
        self._jobs[job.id] = job
        self._forget_old()

        def listen(event: progress.Event) -> None:
            if len(job.events) < MAX_EVENTS:
                job.events.append(event)

        async def run() -> None:
            with progress.listening(listen):
                try:
                    job.result = await work()
                except InputError as e:
                    job.failure = Failure(e.status, e.title, e.detail)
                except LLMError as e:
                    job.failure = Failure(e.status, e.title, f"model {e.model}: {e.detail}")
                except asyncio.CancelledError:
                    job.failure = Failure(503, "Service stopping", "the service shut down before the work finished")
                    raise
                except Exception:  # noqa: BLE001 - shown as a 500 problem, logged with its traceback
                    log.exception("page job %s failed", job.id)
                    job.failure = Failure(500, "Internal error",
                                          f"the analysis failed unexpectedly (request id {request_id})")
                finally:
                    job.finished = time.monotonic()

        job.task = asyncio.create_task(run())
        return job

    def _forget_old(self) -> None:
        done = [j for j in self._jobs.values() if j.finished is not None]
        for j in done[: max(0, len(self._jobs) - MAX_JOBS)]:
            del self._jobs[j.id]

    async def aclose(self) -> None:
        """Cancel what still runs (at shutdown)."""
        running = [j.task for j in self._jobs.values() if j.task is not None and not j.task.done()]
        for t in running:
            t.cancel()
        await asyncio.gather(*running, return_exceptions=True)
