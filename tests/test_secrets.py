"""Secrets stay secret: the provider key (and the service's own API keys) never appear in a response body or
header, in a log record at DEBUG, or on the process's stdout/stderr, whatever happens to the request; and the
repository (tracked files, eval cassettes) holds nothing that looks like a real key."""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest
import yaml
from fastapi.testclient import TestClient

from service.api.app import create_app
from tests.conftest import FAKE_KEY, SEEDS, make_settings, read
from tests.fake_llm import FakeLLM, Reply

ROOT = Path(__file__).resolve().parent.parent
SERVICE_KEY = "cc-service-key-9f8e7d6c5b4a"
WRONG_KEY = "cc-wrong-key-0a1b2c3d4e5f"
ARTICLE = {"text": "On Monday, five Turkish soldiers were reported killed in Idlib, officials said."}
# A provider that echoes the key it was sent in its error message (some do, masked or not).
ECHO = json.dumps({"error": {"message": f"Incorrect API key provided: {FAKE_KEY}", "type": "invalid_request_error"}})


def _exposed(response: httpx.Response, *secrets: str) -> list[str]:
    where = [response.text, *(f"{k}: {v}" for k, v in response.headers.items())]
    return [s for s in secrets if any(s in w for w in where)]


@pytest.mark.parametrize(("replies", "status"), [
    pytest.param([], 200, id="success"),
    pytest.param([Reply(status=400)], 502, id="400"),
    pytest.param([Reply(status=401, raw=ECHO)], 502, id="401-echoing-the-key"),
    pytest.param([Reply(status=404, raw=ECHO)], 502, id="404-echoing-the-key"),
    pytest.param([Reply(status=500, raw=ECHO)] * 6, 502, id="500-echoing-the-key"),
    pytest.param([Reply(status=503, raw=ECHO)] * 6, 503, id="503-echoing-the-key"),
    pytest.param([Reply(status=429, raw=ECHO, headers={"retry-after": "60"})], 503, id="429-echoing-the-key"),
    pytest.param([Reply(content=f"not json; your key: {FAKE_KEY}")] * 4, 200, id="model-output-echoing-the-key"),
])
def test_provider_key_never_leaves(fake_llm: FakeLLM, replies: list[Reply], status: int,
                                   caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]) -> None:
    caplog.set_level(logging.DEBUG)
    fake_llm.script.extend(replies)
    with TestClient(create_app(make_settings(fake_llm, llm_budget_s=5.0)), raise_server_exceptions=False) as c:
        r = c.post("/v1/analyses", json={"text": read(SEEDS[1])})
        assert r.status_code == status, r.text
        assert not _exposed(r, FAKE_KEY), r.text
    assert any(FAKE_KEY in json.dumps(req["headers"]) for req in fake_llm.requests), "the key reached the provider"
    logged = "\n".join(f"{rec.getMessage()} {rec.args!r} {rec.__dict__!r}" for rec in caplog.records)
    assert caplog.records and FAKE_KEY not in logged
    out, err = capfd.readouterr()
    assert FAKE_KEY not in out and FAKE_KEY not in err


def test_api_keys_never_echoed(fake_llm: FakeLLM, caplog: pytest.LogCaptureFixture,
                               capfd: pytest.CaptureFixture[str]) -> None:
    caplog.set_level(logging.DEBUG)
    settings = make_settings(fake_llm, api_keys=[SERVICE_KEY])
    with TestClient(create_app(settings), raise_server_exceptions=False) as c:
        responses = [
            (c.post("/v1/summaries", json=ARTICLE), 401),
            (c.post("/v1/summaries", json=ARTICLE, headers={"authorization": f"Bearer {WRONG_KEY}"}), 401),
            (c.post("/v1/summaries", json=ARTICLE, headers={"x-api-key": WRONG_KEY}), 401),
            (c.post("/v1/summaries", json=ARTICLE, headers={"authorization": f"Bearer {SERVICE_KEY}"}), 200),
            (c.post("/v1/summaries", json=ARTICLE, headers={"x-api-key": SERVICE_KEY}), 200),
            (c.get("/healthz"), 200),
        ]
    for r, status in responses:
        assert r.status_code == status, r.text
        assert not _exposed(r, SERVICE_KEY, WRONG_KEY, FAKE_KEY), (r.status_code, r.text, dict(r.headers))
    logged = "\n".join(f"{rec.getMessage()} {rec.__dict__!r}" for rec in caplog.records)
    out, err = capfd.readouterr()
    for secret in (SERVICE_KEY, WRONG_KEY, FAKE_KEY):
        assert secret not in logged and secret not in out and secret not in err, secret


# What a real credential looks like; the test suite's own fake keys and placeholders are allowed below.
_KEY_LIKE = re.compile(
    r"sk-(?:proj-|ant-)?[A-Za-z0-9_-]{16,}|Bearer\s+(?!<)[A-Za-z0-9._~+/=-]{16,}|AKIA[0-9A-Z]{16}|"
    r"gh[pousr]_[A-Za-z0-9]{30,}|xox[baprs]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35}|hf_[A-Za-z0-9]{30,}|"
    r"-----BEGIN (?:RSA |EC |OPENSSH )?PRIVATE KEY-----")
_ALLOWED = {FAKE_KEY, "sk-no-key-needed"}
# Test and documentation placeholders say what they are; a real credential never does.
_PLACEHOLDER = re.compile(r"(?i)test|fake|wrong|example|dummy|placeholder|no-key|bench|redacted|xxxx")


def _suspicious(text: str) -> list[str]:
    return [m.group() for m in _KEY_LIKE.finditer(text) if m.group() not in _ALLOWED
            and not _PLACEHOLDER.search(m.group())]


def _tracked_files() -> list[Path]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    names = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    return [ROOT / n for n in names.decode().split("\0") if n]


def test_no_key_like_strings_in_tracked_files() -> None:
    found = []
    for path in _tracked_files():
        if not path.is_file() or path.stat().st_size > 5_000_000:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        found += [(str(path.relative_to(ROOT)), key) for key in _suspicious(text)]
    assert not found, found


def test_cassettes_hold_no_credentials() -> None:
    cassettes = sorted((ROOT / "evals" / "cassettes").rglob("*.yaml"))
    assert cassettes, "no cassettes found"
    for path in cassettes:
        text = path.read_text(encoding="utf-8")
        assert not _suspicious(text), path
        for interaction in yaml.safe_load(text)["interactions"]:
            headers = {k.lower() for k in interaction["request"].get("headers", {})}
            assert not headers & {"authorization", "x-api-key", "api-key", "cookie"}, (path, headers)
            assert not {k.lower() for k in interaction["response"].get("headers", {})} & {"set-cookie"}, path
