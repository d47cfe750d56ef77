"""The ASGI app: ``service.app:app``."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from service import __version__, problems
from service.config import Settings, get_settings
from service.pipeline import Pipeline
from service.routes import analyses, health, verifications

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None, pipeline: Pipeline | None = None) -> FastAPI:
    """Build the app. Prompts and the lexicon are validated here, so a broken one fails at start-up."""
    settings = settings or get_settings()
    pipeline = pipeline or Pipeline(settings)
    pipeline.llm.check_config()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Load the embedded weights in the background: /healthz answers at once, /readyz when loaded.
        task = asyncio.create_task(asyncio.to_thread(pipeline.llm.warm_up))
        task.add_done_callback(_report_load_failure)
        yield
        if not task.done():
            task.cancel()

    app = FastAPI(
        title="crosscheck",
        version=__version__,
        summary="Neutral summaries and grounded, checkable claims from news articles.",
        lifespan=lifespan,
    )
    app.state.pipeline = pipeline
    app.dependency_overrides[get_settings] = lambda: settings
    problems.install(app)
    app.include_router(analyses.router)
    app.include_router(verifications.router)
    app.include_router(health.router)
    return app


def _report_load_failure(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("model failed to load: %s", task.exception())


_app: FastAPI | None = None


def __getattr__(name: str) -> FastAPI:
    # ``service.app:app`` is built on first access, so importing this module has no side effects in tests.
    global _app
    if name == "app":
        _app = _app or create_app()
        return _app
    raise AttributeError(name)
