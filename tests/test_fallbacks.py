"""Fallback models (CROSSCHECK_LLM_FALLBACKS), through litellm's Router, against the fake server failing by
model name: who answered is in the meta and the metrics; retries stay tenacity's."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.config import Settings
from service.errors import ConfigError
from service.llm.client import LLMClient
from tests.conftest import FAKE_KEY, make_settings, metric
from tests.fake_llm import FakeLLM, Reply

ARTICLE = {"text": "On Monday, five Turkish soldiers were reported killed in Idlib, officials said."}
BACKUP = "openai/backup-model"


def test_primary_down_fallback_answers(fake_llm: FakeLLM) -> None:
    fake_llm.failing["fake-model"] = Reply(status=503)
    settings = make_settings(fake_llm, llm_fallbacks=[BACKUP], llm_max_retries=0)
    with TestClient(create_app(settings)) as c:
        before = metric(c, "crosscheck_llm_fallbacks_total", model=BACKUP)
        r = c.post("/v1/summaries", json=ARTICLE)
        assert r.status_code == 200, r.text
        assert [q["body"]["model"] for q in fake_llm.requests] == ["fake-model", "backup-model"]
        # The fallback shares the primary's base URL and key (same provider).
        assert FAKE_KEY in fake_llm.requests[1]["headers"].get("Authorization", "")
        meta = r.json()["meta"]
        assert meta["model"] == "openai/fake-model" and meta["fallbacks_used"] == [BACKUP]
        assert meta["usage"]["calls"] == 1 and any(BACKUP in n for n in meta["notes"])
        assert r.json()["summary"]["sentences"][0]["method"] == "llm"
        assert metric(c, "crosscheck_llm_fallbacks_total", model=BACKUP) == before + 1


def test_healthy_primary_never_touches_the_fallback(fake_llm: FakeLLM) -> None:
    with TestClient(create_app(make_settings(fake_llm, llm_fallbacks=[BACKUP]))) as c:
        meta = c.post("/v1/summaries", json=ARTICLE).json()["meta"]
    assert [q["body"]["model"] for q in fake_llm.requests] == ["fake-model"] and meta["fallbacks_used"] == []


def test_every_model_down_is_retried_as_a_whole_then_503(fake_llm: FakeLLM) -> None:
    # One tenacity attempt walks primary -> fallback; the retry walks it again: the Router itself never retries.
    fake_llm.failing.update({"fake-model": Reply(status=500), "backup-model": Reply(status=503)})
    settings = make_settings(fake_llm, llm_fallbacks=[BACKUP], llm_max_retries=1)
    with TestClient(create_app(settings)) as c:
        retries = metric(c, "crosscheck_llm_retries_total")
        r = c.post("/v1/summaries", json=ARTICLE)
        assert [q["body"]["model"] for q in fake_llm.requests] == ["fake-model", "backup-model"] * 2
        # The primary's error is the one mapped: a 500 is a bad gateway, not "unavailable".
        assert r.status_code == 502 and r.headers["content-type"].startswith("application/problem+json")
        assert metric(c, "crosscheck_llm_retries_total") == retries + 1
        fake_llm.failing.clear()
        assert c.post("/v1/summaries", json=ARTICLE).status_code == 200


def test_primary_rate_limit_beyond_budget_keeps_its_retry_after(fake_llm: FakeLLM) -> None:
    fake_llm.failing.update({"fake-model": Reply(status=429, headers={"retry-after": "60"}),
                             "backup-model": Reply(status=500)})
    settings = make_settings(fake_llm, llm_fallbacks=[BACKUP], llm_budget_s=5.0, llm_timeout_s=2.0)
    with TestClient(create_app(settings)) as c:
        r = c.post("/v1/summaries", json=ARTICLE)
    assert r.status_code == 503 and r.headers["retry-after"] == "60"


def test_fallbacks_from_the_environment_and_how_each_is_reached(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CROSSCHECK_LLM_FALLBACKS", '["openai/other", "anthropic/claude-3-5-haiku-latest"]')
    settings = Settings(llm_model="openai/local", llm_api_base="http://127.0.0.1:9/v1", llm_api_key="k" * 10)
    assert settings.llm_fallbacks == ["openai/other", "anthropic/claude-3-5-haiku-latest"]
    monkeypatch.setenv("CROSSCHECK_LLM_FALLBACKS", "openai/a, openai/b")
    assert Settings().llm_fallbacks == ["openai/a", "openai/b"]
    client = LLMClient(settings)
    assert client._reach("openai/other") == {"model": "openai/other", "api_base": "http://127.0.0.1:9/v1",
                                             "api_key": "k" * 10}
    # Another provider is reached its own way: never handed our local base URL or key.
    assert client._reach("anthropic/claude-3-5-haiku-latest") == {"model": "anthropic/claude-3-5-haiku-latest"}
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    with pytest.raises(ConfigError, match="ANTHROPIC_API_KEY"):
        client.check_config()


@pytest.mark.parametrize("value", ["nonsense", "openai/fake-model", "openai/x,openai/x"])
def test_bad_fallbacks_are_refused_at_start_up(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("CROSSCHECK_LLM_FALLBACKS", value)
    with pytest.raises(ValueError, match="CROSSCHECK_LLM_FALLBACKS"):
        Settings(llm_model="openai/fake-model")
