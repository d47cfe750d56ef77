"""Observability: Prometheus metrics, one JSON log line per request, and the per-request LLM stats behind both.

``llm.py`` records each LLM call (latency, tokens, retries, fallbacks) here; the pipeline records cache
results; ``AccessLogMiddleware`` turns a request's totals into its log line and request metrics. Labels stay
bounded: routes are templates (``/v1/analyses``, never a raw path), models are the configured ones.
Nothing here ever sees article text or keys.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from contextvars import ContextVar
from dataclasses import dataclass, field

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("service.access")
# The current request's id: set by the HTTP edge (service.api.problems), read by every log record.
request_id_var: ContextVar[str] = ContextVar("request_id", default="-")

_LLM_BUCKETS = (0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 20.0, 30.0, 60.0, 120.0, 300.0)
REQUESTS = Counter("crosscheck_requests", "HTTP requests, by route template, method and status.",
                   ["route", "method", "status"])
REQUEST_SECONDS = Histogram("crosscheck_request_duration_seconds", "HTTP request latency, by route template.",
                            ["route"], buckets=_LLM_BUCKETS)
LLM_CALL_SECONDS = Histogram("crosscheck_llm_call_duration_seconds",
                             "One LLM call attempt (fallbacks included), by the model that answered and outcome.",
                             ["model", "outcome"], buckets=_LLM_BUCKETS)
LLM_TOKENS = Counter("crosscheck_llm_tokens", "LLM tokens, by model and kind (prompt, completion).",
                     ["model", "kind"])
LLM_RETRIES = Counter("crosscheck_llm_retries", "Retries of transient LLM failures, by the failure's type.",
                      ["reason"])
LLM_FALLBACKS = Counter("crosscheck_llm_fallbacks", "LLM calls answered by a fallback model.", ["model"])
CACHE = Counter("crosscheck_cache_requests", "Result cache look-ups: hit, miss, or bypass (Cache-Control).",
                ["result"])
CACHE_ERRORS = Counter("crosscheck_cache_errors", "Cache reads or writes that failed (served as a miss).")
REJECTIONS = Counter("crosscheck_backpressure_rejections",
                     "Requests refused at once (503): MAX_PENDING_REQUESTS already admitted, or no LLM slot freed "
                     "within the request's budget.")
# livesum: under several workers (PROMETHEUS_MULTIPROC_DIR) the gauge is the sum over the live processes.
IN_FLIGHT = Gauge("crosscheck_llm_calls_in_flight", "LLM calls holding a slot now.", multiprocess_mode="livesum")
QUEUED = Gauge("crosscheck_llm_calls_queued", "LLM calls waiting for a slot now.", multiprocess_mode="livesum")
PENDING = Gauge("crosscheck_requests_admitted", "Requests admitted to call the LLM (CROSSCHECK_MAX_PENDING_REQUESTS).",
                multiprocess_mode="livesum")

_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
_PROBES = {"/healthz", "/readyz", "/metrics"}  # polled every few seconds: logged at DEBUG when they succeed


@dataclass
class RequestStats:
    """What one HTTP request spent on the LLM and the cache; shared by the tasks the request starts."""

    model: str | None = None
    llm_calls: int = 0
    llm_retries: int = 0
    llm_fallbacks: int = 0
    llm_latency_s: float = 0.0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cache: list[str] = field(default_factory=list)


request_stats: ContextVar[RequestStats | None] = ContextVar("request_stats", default=None)


def record_llm_call(model: str, seconds: float, *, ok: bool, prompt_tokens: int = 0, completion_tokens: int = 0,
                    fallback: bool = False) -> None:
    LLM_CALL_SECONDS.labels(model, "ok" if ok else "error").observe(seconds)
    if ok:
        LLM_TOKENS.labels(model, "prompt").inc(prompt_tokens)
        LLM_TOKENS.labels(model, "completion").inc(completion_tokens)
    if fallback:
        LLM_FALLBACKS.labels(model).inc()
    stats = request_stats.get()
    if stats is not None:
        stats.llm_latency_s += seconds
        if ok:
            stats.model = model
            stats.llm_calls += 1
            stats.prompt_tokens += prompt_tokens
            stats.completion_tokens += completion_tokens
            stats.llm_fallbacks += fallback


def record_retry(reason: str) -> None:
    LLM_RETRIES.labels(reason).inc()
    if (stats := request_stats.get()) is not None:
        stats.llm_retries += 1


def record_cache(result: str) -> None:
    """``hit``, ``miss``, ``bypass`` or ``off`` (the last is not counted: there is no cache to ask)."""
    if result != "off":
        CACHE.labels(result).inc()
    if (stats := request_stats.get()) is not None:
        stats.cache.append(result)


def metrics_body() -> tuple[bytes, str]:
    """The metrics in Prometheus' text format; summed over every worker when PROMETHEUS_MULTIPROC_DIR is set."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


def worker_exit() -> None:
    """A worker that stops cleanly removes its live gauges from the multiprocess directory (a crashed one
    cannot: wipe the directory when the server restarts)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(os.getpid())  # type: ignore[no-untyped-call]


class _RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time (as logging's last-resort handler does)."""

    @property
    def stream(self) -> object:
        return sys.stderr

    @stream.setter
    def stream(self, value: object) -> None:
        pass


# Libraries that log request bodies (the article) or headers (keys) at DEBUG: never below WARNING.
# FastAPI's own page, which carries no route object in the scope: counted under its path, not as unmatched.
# (/docs and /redoc are our routes: service/api/docs.py.)
_FRAMEWORK_PATHS = frozenset({"/openapi.json"})
# Record attributes other libraries attach that mean nothing in a log line: uvicorn's ANSI-coloured copy of the
# message, litellm's redaction sentinel (printed as "<object object at 0x...>").
_NOISE = ("color_message", "litellm_redacted")
_CHATTY = ("openai", "httpx", "httpcore", "LiteLLM", "urllib3", "asyncio", "redis")


def configure_logging(level: str, fmt: str) -> None:
    """One handler on the root logger (replaced, never duplicated, when called again): JSON lines or text."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_crosscheck", False)]:
        root.removeHandler(old)
    handler = _StderrHandler()
    handler._crosscheck = True  # type: ignore[attr-defined]
    handler.addFilter(_RequestIdFilter())
    if fmt == "json":
        # process: which worker wrote the line, when several serve one port.
        handler.setFormatter(JsonFormatter("%(asctime)s %(levelname)s %(process)d %(name)s %(message)s %(request_id)s",
                                           rename_fields={"asctime": "time", "levelname": "level",
                                                          "name": "logger"},
                                           reserved_attrs=[*RESERVED_ATTRS, *_NOISE]))
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"))
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name in _CHATTY:
        logging.getLogger(name).setLevel(max(logging.WARNING, root.level))


class AccessLogMiddleware:
    """Per request: fresh ``RequestStats``; afterwards one log line and the request metrics.

    Installed inside ``problems.RequestIdMiddleware`` so that the request id is known here.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        stats = RequestStats()
        token = request_stats.set(stats)
        root_path = str(scope.get("root_path", ""))  # a mount the request reaches will extend it
        started = time.perf_counter()
        status = 500  # an exception that escapes becomes the outer middleware's 500

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            request_stats.reset(token)
            seconds = time.perf_counter() - started
            route = getattr(scope.get("route"), "path", None) or _unrouted_label(scope, root_path)
            method = scope.get("method", "")
            REQUESTS.labels(route, method if method in _METHODS else "other", str(status)).inc()
            REQUEST_SECONDS.labels(route).observe(seconds)
            quiet = route in _PROBES and status < 400
            log.log(logging.DEBUG if quiet else logging.INFO, "request", extra={
                "method": method[:16], "route": route, "status": status, "outcome": _outcome(status),
                "duration_ms": round(seconds * 1000, 1), "model": stats.model, "llm_calls": stats.llm_calls,
                "llm_retries": stats.llm_retries, "llm_fallbacks": stats.llm_fallbacks,
                "llm_latency_ms": round(stats.llm_latency_s * 1000, 1), "prompt_tokens": stats.prompt_tokens,
                "completion_tokens": stats.completion_tokens, "cache": _cache_summary(stats.cache)})


def _unrouted_label(scope: Scope, root_path: str) -> str:
    """A request without a route object: FastAPI's /openapi.json, a mounted app (the docs' assets: every file
    counts as ``/docs-assets/{path}``, so the labels stay bounded), or no route at all."""
    if scope.get("path") in _FRAMEWORK_PATHS:
        return str(scope["path"])
    # A mount that matched has appended its prefix to the root_path the request came in with.
    after = str(scope.get("root_path", ""))
    mount = after.removeprefix(root_path) if after.startswith(root_path) else ""
    return f"{mount}/{{path}}" if mount else "unmatched"


def _outcome(status: int) -> str:
    if status < 400:
        return "ok"
    return {401: "unauthorized", 503: "unavailable", 504: "timeout"}.get(
        status, "client_error" if status < 500 else "error")


def _cache_summary(results: list[str]) -> str | None:
    if not results:
        return None
    return results[0] if len(set(results)) == 1 else "mixed"
