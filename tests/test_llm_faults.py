"""LLM faults, injected by the fake server: each gives the right client-visible result, and the service
stays healthy afterwards."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient

from service.api.app import create_app
from tests.conftest import make_settings
from tests.fake_llm import FakeLLM, Reply

ARTICLE = {"text": "On Monday, five Turkish soldiers were reported killed in Idlib, officials said."}


def _healthy_after(client: TestClient, fake: FakeLLM) -> None:
    fake.script.clear()
    assert client.post("/v1/summaries", json=ARTICLE).status_code == 200


def test_5xx_twice_then_success_is_retried(client: TestClient, fake_llm: FakeLLM) -> None:
    fake_llm.script.extend([Reply(status=500), Reply(status=503)])
    r = client.post("/v1/summaries", json=ARTICLE)
    assert r.status_code == 200, r.text
    assert len(fake_llm.requests) == 3 and r.json()["meta"]["usage"]["calls"] == 1


def test_4xx_is_not_retried(client: TestClient, fake_llm: FakeLLM) -> None:
    fake_llm.script.append(Reply(status=400))
    r = client.post("/v1/summaries", json=ARTICLE)
    assert r.status_code == 502 and r.headers["content-type"].startswith("application/problem+json")
    assert len(fake_llm.requests) == 1
    _healthy_after(client, fake_llm)


def test_429_retry_after_is_honoured(client: TestClient, fake_llm: FakeLLM) -> None:
    fake_llm.script.append(Reply(status=429, headers={"retry-after": "1"}))
    started = time.monotonic()
    r = client.post("/v1/summaries", json=ARTICLE)
    assert r.status_code == 200 and time.monotonic() - started >= 0.9
    assert len(fake_llm.requests) == 2


def test_429_beyond_budget_is_503_with_retry_after(fake_llm: FakeLLM) -> None:
    settings = make_settings(fake_llm, llm_budget_s=5.0, llm_timeout_s=2.0)
    fake_llm.script.append(Reply(status=429, headers={"retry-after": "60"}))
    with TestClient(create_app(settings)) as client:
        r = client.post("/v1/summaries", json=ARTICLE)
        assert r.status_code == 503 and r.headers["retry-after"] == "60"
        _healthy_after(client, fake_llm)


def test_connection_refused_is_503(fake_llm: FakeLLM) -> None:
    settings = make_settings(fake_llm, llm_api_base="http://127.0.0.1:9/v1", llm_max_retries=1)
    with TestClient(create_app(settings)) as client:
        r = client.post("/v1/summaries", json=ARTICLE)
        assert r.status_code == 503, r.text
        assert client.get("/readyz").status_code == 503
        assert client.get("/healthz").status_code == 200


def test_timeout_is_504_in_about_the_configured_time(fake_llm: FakeLLM) -> None:
    settings = make_settings(fake_llm, llm_timeout_s=1.0, llm_max_retries=0)
    fake_llm.script.append(Reply(delay=4.0))
    with TestClient(create_app(settings)) as client:
        started = time.monotonic()
        r = client.post("/v1/summaries", json=ARTICLE)
        assert r.status_code == 504, r.text
        assert time.monotonic() - started < 3.5
        _healthy_after(client, fake_llm)


def test_broken_json_is_repaired_then_falls_back(client: TestClient, fake_llm: FakeLLM) -> None:
    fake_llm.script.extend([Reply(content="this is not json"), Reply(content='{"sentences": 7}')])
    r = client.post("/v1/summaries", json=ARTICLE)
    assert r.status_code == 200
    out = r.json()
    assert len(fake_llm.requests) == 2  # one answer, one repair attempt
    assert out["summary"]["method"] == "extractive" and out["summary"]["sentences"]
    assert any("unusable" in n for n in out["meta"]["notes"])


def test_truncated_json_is_repaired(client: TestClient, fake_llm: FakeLLM) -> None:
    fake_llm.script.append(Reply(content='{"sentences": ["Five Turkish soldiers were reported killed in Idlib.'))
    out = client.post("/v1/summaries", json=ARTICLE).json()
    assert out["summary"]["sentences"][0]["method"] == "llm"


def test_unusable_output_without_fallback_is_502(fake_llm: FakeLLM) -> None:
    settings = make_settings(fake_llm, fallback_on_bad_output=False)
    fake_llm.script.extend([Reply(content="nope"), Reply(content="still nope")])
    with TestClient(create_app(settings)) as client:
        body = client.post("/v1/summaries", json=ARTICLE).json()
        assert body["status"] == 502 and "unusable" in body["detail"]
