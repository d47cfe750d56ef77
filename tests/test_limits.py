"""Size limits, in-process: the per-article character limit on every route that takes text, in both media
types, at its exact boundary (characters, not bytes), before any LLM call. (test_api.py checks one route's
413 and the body limit; test_server_process.py a 50 MB body against the real server.)"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.api.app import create_app
from tests.conftest import make_settings
from tests.fake_llm import FakeLLM

LIMIT = 3_000
SENTENCE = "Über 1,400 Angriffe — five Turkish soldiers were reported killed in Idlib on Monday, officials said. "


@pytest.fixture
def small(fake_llm: FakeLLM) -> TestClient:
    return TestClient(create_app(make_settings(fake_llm, max_article_chars=LIMIT)), raise_server_exceptions=False)


def _text(n: int) -> str:
    return (SENTENCE * (n // len(SENTENCE) + 1))[:n]


@pytest.mark.parametrize("route", ["/v1/analyses", "/v1/summaries", "/v1/claims"])
@pytest.mark.parametrize("as_json", [True, False], ids=["json", "text-plain"])
def test_article_limit_counts_characters_and_costs_no_llm_call(small: TestClient, fake_llm: FakeLLM, route: str,
                                                              as_json: bool) -> None:
    def post(text: str):  # type: ignore[no-untyped-def]
        if as_json:
            return small.post(route, json={"text": text})
        return small.post(route, content=text.encode(), headers={"content-type": "text/plain; charset=utf-8"})

    at_limit = _text(LIMIT)
    assert len(at_limit.encode()) > LIMIT  # multi-byte: the limit is in characters
    assert post(at_limit).status_code == 200
    fake_llm.requests.clear()
    r = post(_text(LIMIT + 1))
    assert r.status_code == 413, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["status"] == 413 and f"{LIMIT:,}" in body["detail"] and body["request_id"] == r.headers["x-request-id"]
    assert fake_llm.requests == [], "an oversized article must be refused before any LLM call"


def test_verification_source_limit(small: TestClient) -> None:
    ok = small.post("/v1/verifications", json={"source": _text(LIMIT), "summary": SENTENCE})
    assert ok.status_code == 200, ok.text
    r = small.post("/v1/verifications", json={"source": _text(LIMIT + 1), "summary": SENTENCE})
    assert r.status_code == 413 and r.headers["content-type"].startswith("application/problem+json")


def test_verification_summary_limit(small: TestClient) -> None:
    r = small.post("/v1/verifications", json={"source": SENTENCE, "summary": _text(LIMIT + 1)})
    assert r.status_code == 413, r.status_code
