"""The ASGI app: ``service.api.app:app``."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI

from service import __version__, telemetry
from service.analysis.cache import make_cache
from service.analysis.pipeline import Pipeline
from service.api import auth, docs, problems
from service.api.routes import analyses, crosschecks, health, metrics, page, verifications
from service.config import Settings, get_settings

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None, pipeline: Pipeline | None = None) -> FastAPI:
    """Build the app. Prompts and the lexicon are validated here, so a broken one fails at start-up."""
    settings = settings or get_settings()
    telemetry.configure_logging(settings.log_level, settings.log_format)
    pipeline = pipeline or Pipeline(settings, cache=make_cache(settings))
    pipeline.llm.check_config()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Load the NLP pipeline and the embedded weights in the background: /healthz answers at once, /readyz
        # when loaded.
        task = asyncio.create_task(asyncio.to_thread(pipeline.warm_up))
        task.add_done_callback(_report_load_failure)
        yield
        if not task.done():
            task.cancel()
        await app.state.jobs.aclose()
        if pipeline.cache is not None:
            await pipeline.cache.aclose()
        await pipeline.llm.aclose()  # litellm's logging worker, started on this loop by the first call
        telemetry.worker_exit()

    app = FastAPI(
        title="crosscheck",
        version=__version__,
        summary="Neutral summaries and grounded, checkable claims from news articles.",
        lifespan=lifespan,
        dependencies=[Depends(auth.require_api_key)],  # checks /v1/* only, when CROSSCHECK_API_KEYS is set
        docs_url=None, redoc_url=None,  # FastAPI's pages load their assets from a CDN: docs.install serves ours
    )
    app.state.pipeline = pipeline
    app.dependency_overrides[get_settings] = lambda: settings
    app.add_middleware(telemetry.AccessLogMiddleware)  # before problems.install: inside the request id
    problems.install(app)
    app.include_router(analyses.router)
    app.include_router(verifications.router)
    app.include_router(crosschecks.router)
    app.include_router(health.router)
    app.include_router(metrics.router)
    page.install(app)  # the web page at / (server-rendered, offline)
    docs.install(app)
    return app


def _report_load_failure(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("model failed to load: %s", task.exception())


_app: FastAPI | None = None


def __getattr__(name: str) -> FastAPI:
    # ``service.api.app:app`` is built on first access, so importing this module has no side effects in tests.
    global _app
    if name == "app":
        _app = _app or create_app()
        return _app
    raise AttributeError(name)
