"""Backpressure: past CROSSCHECK_MAX_PENDING_REQUESTS admitted requests, one more is refused at once with 503 +
Retry-After instead of piling up; the calls of admitted requests wait for one of CROSSCHECK_LLM_MAX_CONCURRENCY
slots within their budget; the service stays healthy."""

from __future__ import annotations

import asyncio
import time

import httpx
from fastapi.testclient import TestClient

from service.api.app import create_app
from tests.conftest import make_settings, metric, wait_ready
from tests.fake_llm import FakeLLM

ARTICLE = {"text": "On Monday, five Turkish soldiers were reported killed in Idlib, officials said."}


async def _burst(app: object, n: int) -> list[tuple[httpx.Response, float]]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:  # type: ignore[arg-type]
        async def one() -> tuple[httpx.Response, float]:
            started = time.monotonic()
            r = await client.post("/v1/summaries", json=ARTICLE)  # one LLM call each
            return r, time.monotonic() - started

        return list(await asyncio.gather(*(one() for _ in range(n))))


def test_burst_beyond_admission_is_refused_at_once(fake_llm: FakeLLM) -> None:
    fake_llm.delay = 0.8
    app = create_app(make_settings(fake_llm, llm_max_concurrency=2, max_pending_requests=3))
    with TestClient(app) as c:
        wait_ready(c)
        rejected_before = metric(c, "crosscheck_backpressure_rejections_total")
    results = asyncio.run(_burst(app, 7))
    ok = [(r, t) for r, t in results if r.status_code == 200]
    busy = [(r, t) for r, t in results if r.status_code == 503]
    assert len(ok) == 3 and len(busy) == 4, [r.status_code for r, _ in results]  # 3 admitted, 2 slots
    for r, seconds in busy:
        assert r.headers["content-type"].startswith("application/problem+json")
        assert int(r.headers["retry-after"]) >= 1 and r.json()["title"] == "Service busy"
        assert seconds < 0.7  # refused without waiting for the slow model
    assert max(t for _, t in ok) >= 1.5  # the third admitted request's call waited for a slot, then was served
    assert len(fake_llm.requests) == 3
    limiter, gate = app.state.pipeline.llm.limiter, app.state.pipeline.llm.gate
    assert limiter.active == 0 and limiter.waiting == 0 and gate.admitted == 0
    fake_llm.delay = 0.0
    with TestClient(app) as c:
        assert c.get("/healthz").status_code == 200
        assert c.post("/v1/summaries", json=ARTICLE).status_code == 200
        assert metric(c, "crosscheck_backpressure_rejections_total") == rejected_before + 4
        assert metric(c, "crosscheck_llm_calls_in_flight") == 0


def test_within_the_limits_nobody_is_refused(fake_llm: FakeLLM) -> None:
    fake_llm.delay = 0.2
    app = create_app(make_settings(fake_llm, llm_max_concurrency=2, max_pending_requests=6))
    results = asyncio.run(_burst(app, 6))
    assert [r.status_code for r, _ in results] == [200] * 6
    assert len(fake_llm.requests) == 6


def test_queue_wait_is_bounded_by_the_budget(fake_llm: FakeLLM) -> None:
    app = create_app(make_settings(fake_llm, llm_max_concurrency=1, llm_budget_s=1.0,
                                   llm_timeout_s=1.0))

    async def with_the_only_slot_taken() -> tuple[httpx.Response, float]:
        async with app.state.pipeline.llm.limiter.slot(10.0):
            return (await _burst(app, 1))[0]

    r, seconds = asyncio.run(with_the_only_slot_taken())
    assert r.status_code == 503 and "budget" in r.json()["detail"] and int(r.headers["retry-after"]) >= 1
    assert 0.9 <= seconds < 2.0 and not fake_llm.requests  # waited its budget, never reached the model


def test_timeout_that_spends_the_budget_is_504(fake_llm: FakeLLM) -> None:
    # A timeout that ends exactly at the budget is a timeout, not "the model asked to wait".
    fake_llm.delay = 2.0
    app = create_app(make_settings(fake_llm, llm_budget_s=1.0, llm_timeout_s=1.0))
    r, _ = asyncio.run(_burst(app, 1))[0]
    assert r.status_code == 504, r.text


def test_an_admitted_analysis_with_more_calls_than_slots_completes(fake_llm: FakeLLM) -> None:
    # One slot: the summary call and the claims call of one analysis take turns; neither is refused.
    fake_llm.delay = 0.2
    app = create_app(make_settings(fake_llm, llm_max_concurrency=1, max_pending_requests=1,
                                   claims_strategy="model"))
    with TestClient(app) as c:
        r = c.post("/v1/analyses", json=ARTICLE)
    assert r.status_code == 200 and r.json()["meta"]["usage"]["calls"] >= 2
    starts = sorted(req["at"] for req in fake_llm.requests)
    assert all(b - a >= 0.19 for a, b in zip(starts, starts[1:], strict=False))  # one at a time


def test_a_failed_call_cancels_its_siblings(fake_llm: FakeLLM) -> None:
    # The summary call fails at once (a 400 from the provider); the claims call, slow, is then cancelled rather
    # than left holding its slot until the model answers.
    from tests.fake_llm import Reply

    fake_llm.delay = 1.5
    fake_llm.script.append(Reply(status=400, delay=0.01))
    app = create_app(make_settings(fake_llm, llm_max_concurrency=2, claims_batch_size=50))

    async def analyse() -> tuple[httpx.Response, float, int]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
            started = time.monotonic()
            r = await client.post("/v1/analyses", json=ARTICLE)
            return r, time.monotonic() - started, app.state.pipeline.llm.limiter.active

    r, seconds, active = asyncio.run(analyse())
    assert r.status_code == 502, r.text
    assert seconds < 1.4 and active == 0
