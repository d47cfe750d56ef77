"""The result cache: an identical request is answered with zero LLM calls, on disk by default or in a real
Redis; Cache-Control: no-cache recomputes; degraded results are never kept."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from fastapi.testclient import TestClient

from service.api.app import create_app
from tests.conftest import SEEDS, make_settings, metric, read
from tests.fake_llm import FakeLLM, Reply

ARTICLE = {"text": "On Monday, five Turkish soldiers were reported killed in Idlib, officials said."}


def _post(c: TestClient, path: str, body: dict[str, Any], rid: str, **headers: str) -> dict[str, Any]:
    r = c.post(path, json=body, headers={"x-request-id": rid, **headers})
    assert r.status_code == 200, r.text
    out: dict[str, Any] = r.json()
    return out


def _same_result(a: dict[str, Any], b: dict[str, Any]) -> None:
    assert {k: v for k, v in a.items() if k != "meta"} == {k: v for k, v in b.items() if k != "meta"}


def test_disk_cache_hit_makes_no_llm_call(fake_llm: FakeLLM, tmp_path: Path) -> None:
    settings = make_settings(fake_llm, cache=True, cache_dir=tmp_path / "cache")
    body = {"text": read(SEEDS[0]), "outlet": "Global Research"}
    with TestClient(create_app(settings)) as c:
        hits = metric(c, "crosscheck_cache_requests_total", result="hit")
        first = _post(c, "/v1/analyses", body, "first")
        calls = len(fake_llm.requests)
        assert calls >= 2 and first["meta"]["cache"] == "miss"
        second = _post(c, "/v1/analyses", body, "second")
        assert len(fake_llm.requests) == calls  # zero LLM calls
        _same_result(first, second)
        meta = second["meta"]
        assert meta["cache"] == "hit" and meta["request_id"] == "second" and meta["usage"]["calls"] == 0
        assert meta["prompt_versions"] == first["meta"]["prompt_versions"]
        assert metric(c, "crosscheck_cache_requests_total", result="hit") == hits + 1
        # Anything that changes the result is in the key: the metadata, the part asked for.
        assert _post(c, "/v1/analyses", {**body, "outlet": "Other"}, "x")["meta"]["cache"] == "miss"
        assert _post(c, "/v1/claims", body, "y")["meta"]["cache"] == "miss"
    # On disk: a restarted service (or another worker on the same directory) answers from it.
    fake_llm.requests.clear()
    with TestClient(create_app(settings)) as c:
        assert _post(c, "/v1/analyses", body, "third")["meta"]["cache"] == "hit"
    assert fake_llm.requests == []


def test_no_cache_header_recomputes_and_refreshes(fake_llm: FakeLLM, tmp_path: Path) -> None:
    settings = make_settings(fake_llm, cache=True, cache_dir=tmp_path)
    with TestClient(create_app(settings)) as c:
        _post(c, "/v1/summaries", ARTICLE, "a")
        fake_llm.summary = {"sentences": ["Turkish soldiers were reported killed in Idlib on Monday."]}
        fresh = _post(c, "/v1/summaries", ARTICLE, "b", **{"cache-control": "no-cache"})
        assert fresh["meta"]["cache"] == "bypass" and len(fake_llm.requests) == 2
        # The fresh answer replaced the old one.
        again = _post(c, "/v1/summaries", ARTICLE, "c")
        assert again["meta"]["cache"] == "hit" and again["summary"] == fresh["summary"]
        assert len(fake_llm.requests) == 2


def test_degraded_results_are_not_cached(fake_llm: FakeLLM, tmp_path: Path) -> None:
    settings = make_settings(fake_llm, cache=True, cache_dir=tmp_path, llm_fallbacks=["openai/backup-model"])
    with TestClient(create_app(settings)) as c:
        # Unusable output (answered extractively after the repair failed): not kept.
        fake_llm.script.extend([Reply(content="not json"), Reply(content="still not json")])
        assert "unusable" in " ".join(_post(c, "/v1/summaries", ARTICLE, "a")["meta"]["notes"])
        assert _post(c, "/v1/summaries", ARTICLE, "b")["meta"]["cache"] == "miss"
        # Answered by a fallback model while the primary was down: not kept either.
        text = {"text": "Talks resumed in Ankara on Tuesday, officials said."}
        fake_llm.failing["fake-model"] = Reply(status=503)
        assert _post(c, "/v1/summaries", text, "c")["meta"]["fallbacks_used"] == ["openai/backup-model"]
        fake_llm.failing.clear()
        assert _post(c, "/v1/summaries", text, "d")["meta"]["cache"] == "miss"
        assert _post(c, "/v1/summaries", text, "e")["meta"]["cache"] == "hit"


def test_cache_off(fake_llm: FakeLLM) -> None:
    with TestClient(create_app(make_settings(fake_llm, cache=False))) as c:
        assert _post(c, "/v1/summaries", ARTICLE, "a")["meta"]["cache"] == "off"
        assert _post(c, "/v1/summaries", ARTICLE, "b")["meta"]["cache"] == "off"
    assert len(fake_llm.requests) == 2


def _required() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"} or bool(os.environ.get("CROSSCHECK_REQUIRE_REDIS"))


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    """A real redis-server on a free loopback port, without persistence; stopped afterwards."""
    binary = shutil.which("redis-server")
    if binary is None:
        message = "redis-server is not installed (apt-get install redis-server)"
        if _required():
            pytest.fail(f"{message}; CI (CI / CROSSCHECK_REQUIRE_REDIS) requires the Redis cache test")
        pytest.skip(message)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        client = redis.Redis(port=port, socket_timeout=1)
        for _ in range(100):
            try:
                if client.ping():
                    break
            except redis.ConnectionError:
                time.sleep(0.05)
        else:
            pytest.fail("redis-server did not answer PING within 5 s")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=5)


def test_redis_cache_is_shared_between_workers(fake_llm: FakeLLM, redis_url: str, tmp_path: Path) -> None:
    settings = make_settings(fake_llm, cache=True, cache_url=redis_url, cache_ttl_s=600,
                             cache_dir=tmp_path / "unused")
    with TestClient(create_app(settings)) as worker1:
        assert _post(worker1, "/v1/summaries", ARTICLE, "a")["meta"]["cache"] == "miss"
    assert len(fake_llm.requests) == 1
    with TestClient(create_app(settings)) as worker2:  # another process would see the same
        hit = _post(worker2, "/v1/summaries", ARTICLE, "b")
    assert hit["meta"]["cache"] == "hit" and hit["meta"]["request_id"] == "b" and len(fake_llm.requests) == 1
    assert not (tmp_path / "unused").exists()  # Redis, not the disk
    r = redis.Redis.from_url(redis_url)
    keys = r.keys("crosscheck:result:*")
    assert len(keys) == 1 and 0 < r.ttl(keys[0]) <= 600
    assert b"Idlib" not in keys[0]  # the key is a digest, never the text


def test_redis_down_is_a_miss_not_an_error(fake_llm: FakeLLM) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once the socket is closed
    settings = make_settings(fake_llm, cache=True, cache_url=f"redis://127.0.0.1:{port}/0")
    with TestClient(create_app(settings)) as c:
        errors = metric(c, "crosscheck_cache_errors_total")
        assert _post(c, "/v1/summaries", ARTICLE, "a")["meta"]["cache"] == "miss"
        assert metric(c, "crosscheck_cache_errors_total") == errors + 2  # the read and the write


def test_the_key_changes_with_the_judge_and_the_models_fitted_on_data(fake_llm: FakeLLM,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # A result decided by an older judge, claim selector, summary ranker, redundancy model or check-worthiness
    # model is not served: each is in the key.
    import dataclasses

    from service.analysis import cache
    from service.schemas import ArticleIn
    from service.text.checkworthiness import load_scorer
    from service.text.salience import load_ranker, load_redundancy
    from service.text.selection import load_selector

    def key(judge: str = "rules-1") -> str:
        return cache.cache_key(ArticleIn(text=ARTICLE["text"]), make_settings(fake_llm), {"summary": "x"}, "lexicon-1",
                               {"summary": True}, judge)

    base = key()
    assert key() == base and key("rules-2") != base
    selector, ranker = load_selector(), load_ranker()
    monkeypatch.setattr(cache, "load_selector", lambda: dataclasses.replace(selector, version="other"))
    assert key() != base
    monkeypatch.setattr(cache, "load_selector", lambda: selector)
    monkeypatch.setattr(cache, "load_ranker", lambda: dataclasses.replace(ranker, version="other"))
    assert key() != base
    monkeypatch.setattr(cache, "load_ranker", lambda: ranker)
    redundancy = load_redundancy()
    monkeypatch.setattr(cache, "load_redundancy", lambda: dataclasses.replace(redundancy, version="other"))
    assert key() != base
    monkeypatch.setattr(cache, "load_redundancy", lambda: redundancy)
    scorer = load_scorer()
    monkeypatch.setattr(cache, "load_scorer", lambda: dataclasses.replace(
        scorer, high=dataclasses.replace(scorer.high, version="other")))
    assert key() != base
