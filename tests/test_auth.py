"""Optional API keys: /v1/* needs one when CROSSCHECK_API_KEYS is set; probes, metrics and docs stay open."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.config import Settings
from tests.conftest import make_settings
from tests.fake_llm import FakeLLM

KEYS = ["cc-first-key-1234567890", "cc-second-key-0987654321"]
ARTICLE = {"text": "On Monday, five Turkish soldiers were reported killed in Idlib, officials said."}


@pytest.fixture
def secured(fake_llm: FakeLLM) -> Iterator[TestClient]:
    with TestClient(create_app(make_settings(fake_llm, api_keys=KEYS))) as c:
        yield c


@pytest.mark.parametrize("headers", [
    {}, {"authorization": "Bearer wrong-key-123456"}, {"x-api-key": "wrong"}, {"authorization": KEYS[0]},
    {"authorization": f"Basic {KEYS[0]}"}, {"authorization": "Bearer "},
])
def test_v1_without_a_valid_key_is_401(secured: TestClient, fake_llm: FakeLLM, headers: dict[str, str]) -> None:
    for path, body in [("/v1/summaries", ARTICLE), ("/v1/verifications", {"source": "a b.", "summary": "a."})]:
        r = secured.post(path, json=body, headers=headers)
        assert r.status_code == 401 and r.headers["content-type"].startswith("application/problem+json")
        assert r.headers["www-authenticate"].startswith("Bearer") and r.json()["status"] == 401
    assert fake_llm.requests == []


@pytest.mark.parametrize("headers", [
    {"authorization": f"Bearer {KEYS[0]}"}, {"authorization": f"bearer {KEYS[1]}"}, {"x-api-key": KEYS[1]},
])
def test_v1_with_a_valid_key(secured: TestClient, headers: dict[str, str]) -> None:
    assert secured.post("/v1/summaries", json=ARTICLE, headers=headers).status_code == 200


def test_open_routes_need_no_key(secured: TestClient) -> None:
    for path in ["/healthz", "/readyz", "/metrics", "/docs", "/openapi.json"]:
        assert secured.get(path).status_code == 200, path


def test_the_key_is_checked_before_the_body_is_read(secured: TestClient) -> None:
    r = secured.post("/v1/analyses", content=b"x" * 3_000_000, headers={"content-type": "text/plain"})
    assert r.status_code == 401


def test_auth_is_off_when_no_key_is_set(client: TestClient) -> None:
    assert client.post("/v1/summaries", json=ARTICLE).status_code == 200


def test_keys_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CROSSCHECK_API_KEYS", f" {KEYS[0]} ,{KEYS[1]},")
    keys = Settings().api_keys
    assert [k.get_secret_value() for k in keys] == KEYS and KEYS[0] not in repr(Settings())
    monkeypatch.setenv("CROSSCHECK_API_KEYS", "")
    assert Settings().api_keys == []
