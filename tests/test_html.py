"""Articles posted as HTML (issue: hostile and messy input): the article is extracted from the page, every offset
indexes the extracted text returned as ``article.text``, and what readers never see (hidden elements, comments,
scripts, navigation) is neither analysed nor sent to the model. Pages and provenance: ``tests/html/``."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.api.app import create_app
from service.text.html import looks_like_html
from tests.conftest import make_settings
from tests.fake_llm import FakeLLM

HERE = Path(__file__).parent / "html"


def _spans_hold(out: dict) -> str:
    text = out["article"]["text"]
    assert out["article"]["source_format"] == "html" and text
    for c in out["claims"]:
        assert text[c["start"] : c["end"]] == c["quote"], c
    for s in out["summary"]["sentences"]:
        for span in s["support"]:
            assert text[span["start"] : span["end"]] == span["text"]
    for t in out["loaded_terms"]:
        assert text[t["start"] : t["end"]] == t["text"]
    return str(text)


def test_a_real_news_page_is_analysed_on_its_extracted_text(client: TestClient) -> None:
    html = (HERE / "dw_colonial.html").read_text(encoding="utf-8")
    r = client.post("/v1/analyses", json={"text": html})
    assert r.status_code == 200, r.text
    out = r.json()
    text = _spans_hold(out)
    assert out["claims"] and out["summary"]["sentences"]
    assert "colonial" in out["article"]["title"] and out["article"]["published"] == "2020-01-19"
    assert out["article"]["author"] == "Deutsche Welle" and out["article"]["outlet"] == "DW.COM"
    assert "The German capital has launched a five-year project" in text[:200]
    assert len(text) < len(html) / 10  # the page's markup, scripts and navigation are gone
    for noise in ("<div", "function(", "var ", "cookie", "{"):
        assert noise not in text, noise
    assert any(n.startswith("html:") for n in out["meta"]["notes"])


def test_a_hostile_page_hides_nothing_that_reaches_the_model(client: TestClient, fake_llm: FakeLLM) -> None:
    html = (HERE / "hostile.html").read_text(encoding="utf-8")
    out = client.post("/v1/analyses", json={"text": html}).json()
    text = _spans_hold(out)
    assert "Smith & Jones" in text and "&amp;" not in text and "&nbsp;" not in text
    assert "20\u00a0ships" in text or "20 ships" in text
    sent = json.dumps([req["body"]["messages"] for req in fake_llm.requests], ensure_ascii=False)
    for hidden in ("9,000 sailors", "agreement collapsed", "talks failed", "Home | World", "tracking", "Privacy"):
        assert hidden not in text and hidden not in sent, hidden
    assert "Prices for wheat fell by 3 percent" in text and "Port workers in Odesa" in text
    assert out["article"]["published"] == "2022-03-15"


def test_prose_that_mentions_a_tag_is_not_html() -> None:
    assert not looks_like_html("The <p> tag starts a paragraph, the developers said on Monday.")
    assert looks_like_html((HERE / "hostile.html").read_text(encoding="utf-8"))


def test_a_page_without_an_article_is_a_problem(client: TestClient) -> None:
    page = "<html><body><nav>Home | World</nav><script>x()</script></body></html>"
    r = client.post("/v1/analyses", json={"text": page})
    assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json")


_WORDS = st.sampled_from(["troops", "the ministry", "said", "on Monday", "5,000", "ships", "Odesa", "left",
                          "port", "&amp;", "&nbsp;", "<br>", "&quot;", "Smith &amp; Jones", "20&nbsp;km"])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(_WORDS, min_size=6, max_size=14), min_size=3, max_size=6))
def test_offsets_hold_for_any_html_page(client: TestClient, paragraphs: list[list[str]]) -> None:
    body = "".join(f"<p>The port authority said {' '.join(p)} officials reported.</p>" for p in paragraphs)
    html = f"<!DOCTYPE html><html><head><title>Ports</title></head><body><article>{body}</article></body></html>"
    r = client.post("/v1/analyses", json={"text": html})
    if r.status_code == 200:
        _spans_hold(r.json())
    else:  # nothing a reader could call an article: said so, as a problem
        assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json")


def test_the_length_limit_applies_to_the_article_not_to_the_page(fake_llm: FakeLLM) -> None:
    """Real pages run to hundreds of kilobytes of markup (Reuters': 382,127 characters) around a few thousand
    characters of article; the body-size limit bounds the page, CROSSCHECK_MAX_ARTICLE_CHARS the article."""
    html = (HERE / "dw_colonial.html").read_text(encoding="utf-8")
    with TestClient(create_app(make_settings(fake_llm, max_article_chars=20_000))) as client:
        assert client.post("/v1/analyses", json={"text": html}).status_code == 200  # 81,638 chars of page
    with TestClient(create_app(make_settings(fake_llm, max_article_chars=2_000))) as client:
        r = client.post("/v1/analyses", json={"text": html})  # its article: 5,323 characters
    assert r.status_code == 413 and "extracted from the page" in r.json()["detail"]
