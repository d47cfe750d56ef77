"""/docs and /redoc work with no network: every script, style and icon they load comes from the service itself,
and the metrics count the assets under one route label."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from service.api.app import create_app
from tests.conftest import make_settings, metric
from tests.fake_llm import FakeLLM

PAGES = ("/docs", "/redoc")
# Attributes and the Swagger UI option that make the browser fetch something.
_REFERENCE = re.compile(r"""(?:\b(?:src|href|spec-url)=|\burl:\s*)["']([^"']+)["']""")
# Any absolute or protocol-relative URL to a host, anywhere in the page (a link, a script, a font, a comment).
_ANOTHER_HOST = re.compile(r"(?:\bhttps?:)?//[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_TYPES = {".js": "javascript", ".css": "text/css", ".png": "image/png", ".json": "application/json"}


def _references(html: str) -> list[str]:
    return _REFERENCE.findall(html)


@pytest.mark.parametrize("page", PAGES)
def test_page_loads_only_same_origin_assets(client: TestClient, page: str) -> None:
    r = client.get(page)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert not _ANOTHER_HOST.findall(r.text), _ANOTHER_HOST.findall(r.text)
    # And the browser refuses whatever the bundles would fetch from elsewhere (ReDoc's logo from its CDN).
    policy = r.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "img-src 'self' data:" in policy and "http" not in policy
    refs = _references(r.text)
    assert "/openapi.json" in refs and any(ref.endswith(".js") for ref in refs), refs
    for ref in refs:
        assert ref.startswith("/") and not ref.startswith("//"), ref
        asset = client.get(ref)
        assert asset.status_code == 200, ref
        suffix = ref[ref.rfind("."):]
        assert _TYPES[suffix] in asset.headers["content-type"], (ref, asset.headers["content-type"])
        assert len(asset.content) > 1000, ref  # a real bundle, stylesheet, icon or schema, not an empty file


def test_swagger_ui_has_no_online_validator_and_its_oauth2_redirect_is_served(client: TestClient) -> None:
    html = client.get("/docs").text
    # Swagger UI's default validatorUrl shows a badge fetched from validator.swagger.io.
    assert '"validatorUrl": null' in html
    assert "oauth2RedirectUrl: window.location.origin + '/docs/oauth2-redirect'" in html
    redirect = client.get("/docs/oauth2-redirect")
    assert redirect.status_code == 200 and "oauth2" in redirect.text.lower()


def test_pages_honour_the_root_path_behind_a_proxy(fake_llm: FakeLLM) -> None:
    with TestClient(create_app(make_settings(fake_llm)), root_path="/api") as c:
        for page in PAGES:
            refs = _references(c.get(page).text)
            assert refs and all(ref.startswith("/api/") for ref in refs), refs


def test_assets_are_one_bounded_route_label(client: TestClient) -> None:
    label = "/docs-assets/{path}"
    ok = metric(client, "crosscheck_requests_total", route=label, status="200")
    missing = metric(client, "crosscheck_requests_total", route=label, status="404")
    assert client.get("/docs-assets/swagger-ui.css").status_code == 200
    r = client.get("/docs-assets/no-such-file-7f3a.js")
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/problem+json")
    assert metric(client, "crosscheck_requests_total", route=label, status="200") == ok + 1
    assert metric(client, "crosscheck_requests_total", route=label, status="404") == missing + 1
    exposed = client.get("/metrics").text
    assert "swagger-ui.css" not in exposed and "no-such-file" not in exposed


def test_docs_stay_open_when_api_keys_are_set(fake_llm: FakeLLM) -> None:
    with TestClient(create_app(make_settings(fake_llm, api_keys=["cc-docs-key-0123456789abcdef"]))) as c:
        for path in (*PAGES, "/docs-assets/redoc.standalone.js", "/openapi.json"):
            assert c.get(path).status_code == 200, path
