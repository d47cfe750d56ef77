"""Progress of long work, for a person watching: the CLI's lines on stderr and the web page's job view.

An analysis on the embedded model takes about a minute and a cross-check of five articles two; the layers
report what they are doing here (which article, which stage, each LLM call) and whoever listens shows it.
Nobody listening (the HTTP API, the evals) costs one context-variable read per event. Context variables
follow the work into asyncio tasks and worker threads, so concurrent articles report under their own id.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    """One step: ``stage`` is ``reading``, ``llm``, ``llm-done``, ``claims``, ``summary``, ``matching`` or
    ``done``; ``article`` is the cross-check's article id (None for a single article)."""

    stage: str
    message: str
    article: str | None
    elapsed_s: float


Listener = Callable[[Event], None]

_listener: ContextVar[tuple[Listener, float] | None] = ContextVar("progress_listener", default=None)
_article: ContextVar[str | None] = ContextVar("progress_article", default=None)


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    """Send the events of the work run inside this block (and the tasks it starts) to ``listener``."""
    token = _listener.set((listener, time.monotonic()))
    try:
        yield
    finally:
        _listener.reset(token)


@contextmanager
def article(article_id: str) -> Iterator[None]:
    """Events inside this block are about the cross-check's article ``article_id``."""
    token = _article.set(article_id)
    try:
        yield
    finally:
        _article.reset(token)


def report(stage: str, message: str) -> None:
    """Tell the listener, if any. A listener's failure never stops the work."""
    current = _listener.get()
    if current is None:
        return
    listener, started = current
    try:
        listener(Event(stage, message, _article.get(), round(time.monotonic() - started, 1)))
    except Exception:  # noqa: BLE001, S110 - progress is for show: a broken display must not fail an analysis
        pass
