"""Metrics at /metrics move with traffic and keep bounded labels; each request is one JSON log line with its
LLM totals; neither ever holds an article's text or a key."""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.api.app import create_app
from tests.conftest import FAKE_KEY, make_settings, metric
from tests.fake_llm import FakeLLM, Reply

MARKER = "Zanzibarian quokkas"  # appears in the article only
ARTICLE = {"text": f"On Monday, five Turkish soldiers were reported killed in Idlib, officials said. {MARKER} "
           "were seen nearby, according to local sources."}
SERVICE_KEY = "cc-service-key-abcdef123456"


def test_metrics_move_after_a_request(client: TestClient, fake_llm: FakeLLM) -> None:
    labels = {"route": "/v1/summaries", "method": "POST", "status": "200"}
    before = {
        "requests": metric(client, "crosscheck_requests_total", **labels),
        "latency": metric(client, "crosscheck_request_duration_seconds_count", route="/v1/summaries"),
        "llm": metric(client, "crosscheck_llm_call_duration_seconds_count", model="openai/fake-model", outcome="ok"),
        "tokens": metric(client, "crosscheck_llm_tokens_total", model="openai/fake-model"),
        "retries": metric(client, "crosscheck_llm_retries_total", reason="InternalServerError"),
    }
    fake_llm.script.append(Reply(status=500))
    r = client.post("/v1/summaries", json=ARTICLE)
    assert r.status_code == 200
    text = client.get("/metrics")
    assert text.headers["content-type"].startswith("text/plain")
    assert metric(client, "crosscheck_requests_total", **labels) == before["requests"] + 1
    assert metric(client, "crosscheck_request_duration_seconds_count", route="/v1/summaries") == before["latency"] + 1
    assert metric(client, "crosscheck_llm_call_duration_seconds_count", model="openai/fake-model",
                  outcome="ok") == before["llm"] + 1
    assert metric(client, "crosscheck_llm_tokens_total", model="openai/fake-model") == before["tokens"] + 15
    assert metric(client, "crosscheck_llm_retries_total", reason="InternalServerError") == before["retries"] + 1


def test_metric_labels_stay_bounded(client: TestClient) -> None:
    for n in range(3):
        assert client.get(f"/v1/no-such-thing-{n}").status_code == 404
    client.request("BREW", "/healthz")
    exposed = client.get("/metrics").text
    assert "no-such-thing" not in exposed and "BREW" not in exposed
    assert metric(client, "crosscheck_requests_total", route="unmatched", status="404") >= 3
    unmatched = metric(client, "crosscheck_requests_total", route="unmatched")
    served = metric(client, "crosscheck_requests_total", route="/openapi.json", status="200")  # counters are global
    assert client.get("/openapi.json").status_code == 200 and client.get("/docs").status_code == 200
    assert metric(client, "crosscheck_requests_total", route="/openapi.json", status="200") == served + 1
    assert metric(client, "crosscheck_requests_total", route="unmatched") == unmatched  # the docs are routes


def _request_lines(err: str) -> list[dict[str, Any]]:
    records = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    return [r for r in records if r.get("logger") == "service.access"]


def test_one_json_log_line_per_request(fake_llm: FakeLLM, capfd: pytest.CaptureFixture[str]) -> None:
    capfd.readouterr()
    with TestClient(create_app(make_settings(fake_llm, log_level="DEBUG"))) as c:
        c.post("/v1/summaries", json=ARTICLE, headers={"x-request-id": "req-42"})
        c.post("/v1/summaries", json={"text": " "}, headers={"x-request-id": "req-43"})
    lines = _request_lines(capfd.readouterr().err)
    ok = next(r for r in lines if r["request_id"] == "req-42")
    assert ok["route"] == "/v1/summaries" and ok["status"] == 200 and ok["outcome"] == "ok"
    assert ok["model"] == "openai/fake-model" and ok["llm_calls"] == 1 and ok["llm_retries"] == 0
    assert ok["prompt_tokens"] == 10 and ok["completion_tokens"] == 5 and ok["llm_latency_ms"] > 0
    assert ok["duration_ms"] >= ok["llm_latency_ms"] and ok["cache"] == "off" and ok["level"] == "INFO"
    assert ok["process"] == os.getpid()
    bad = next(r for r in lines if r["request_id"] == "req-43")
    assert bad["status"] == 422 and bad["outcome"] == "client_error" and bad["llm_calls"] == 0


def test_logs_never_hold_text_or_keys(fake_llm: FakeLLM, capfd: pytest.CaptureFixture[str]) -> None:
    capfd.readouterr()
    fake_llm.script.extend([Reply(status=503), Reply(content="not json"), Reply(content="nope")])
    settings = make_settings(fake_llm, log_level="DEBUG", api_keys=[SERVICE_KEY])
    with TestClient(create_app(settings)) as c:
        assert c.post("/v1/summaries", json=ARTICLE).status_code == 401
        r = c.post("/v1/summaries", json=ARTICLE, headers={"authorization": f"Bearer {SERVICE_KEY}"})
        assert r.status_code == 200
    err = capfd.readouterr().err
    assert len(_request_lines(err)) == 2
    for secret in (MARKER, SERVICE_KEY, FAKE_KEY):
        assert secret not in err, secret


def test_log_lines_carry_no_library_noise(capfd: pytest.CaptureFixture[str]) -> None:
    """uvicorn's ANSI-coloured copy of each message and litellm's redaction sentinel stay out of the JSON lines."""
    import logging

    from service import telemetry

    telemetry.configure_logging("INFO", "json")
    noise = {"color_message": "\x1b[32mStarted\x1b[0m", "litellm_redacted": object()}
    logging.getLogger("uvicorn.error").info("Started server process", extra=noise)
    line = json.loads(capfd.readouterr().err.strip().splitlines()[-1])
    assert line["message"] == "Started server process" and line["logger"] == "uvicorn.error"
    assert "color_message" not in line and "litellm_redacted" not in line
