"""Load shedding with requests that make several LLM calls (an analysis: the summary and claim batches, run
concurrently). Under a burst beyond the capacity (CROSSCHECK_MAX_PENDING_REQUESTS), the service must still
finish what it admitted: refusing all of them (goodput zero) is worse than no limit at all.
test_backpressure.py covers one-call requests."""

from __future__ import annotations

import asyncio

import httpx

from service.api.app import create_app
from tests.conftest import SEEDS, make_settings, read
from tests.fake_llm import FakeLLM


async def _burst(app: object, n: int, body: dict[str, str]) -> list[httpx.Response]:
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://test", timeout=60) as client:
        return list(await asyncio.gather(*(client.post("/v1/analyses", json=body) for _ in range(n))))


def test_a_burst_of_analyses_beyond_capacity_serves_what_fits(fake_llm: FakeLLM) -> None:
    """Admission is per request: the admitted analyses all complete (their calls share the slots), the rest are
    refused whole and at once. Three bursts, the same result each time."""
    fake_llm.delay = 0.3
    settings = make_settings(fake_llm, llm_max_concurrency=2, max_pending_requests=3, claims_batch_size=6)
    body = {"text": read(SEEDS[0])}
    alone = asyncio.run(_burst(create_app(settings), 1, body))[0]
    assert alone.status_code == 200 and alone.json()["meta"]["usage"]["calls"] >= 2, alone.text
    for _ in range(3):
        statuses = [r.status_code for r in asyncio.run(_burst(create_app(settings), 30, body))]
        assert statuses.count(200) == 3 and statuses.count(503) == 27, statuses
