"""The web page without a browser: its forms, limits, errors and jobs over HTTP, and the marking of spans on the
article (the browser tests check what a person sees; these check the edges quickly)."""

from __future__ import annotations

import asyncio
import re
import time
from html.parser import HTMLParser

from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from service.api import page_view
from service.api.app import create_app
from service.api.jobs import Jobs
from service.schemas import BoilerplateSpan, Claim, Grounding, LoadedTerm, Span
from tests.conftest import SEEDS, make_settings, read
from tests.fake_llm import FakeLLM, Reply

HTML = {"accept": "text/html"}


def _claim(cid: str, text: str, start: int, end: int) -> Claim:
    return Claim(id=cid, text=text[start:end], quote=text[start:end], start=start, end=end,
                 attributed_to="the author", kind="event", checkworthiness=0.5, method="extractive",
                 grounding=Grounding(status="supported", quote_exact=True))


def _term(text: str, start: int, end: int) -> LoadedTerm:
    return LoadedTerm(start=start, end=end, text=text[start:end], term=text[start:end], category="label",
                      neutral="neutral")


class _Marks(HTMLParser):
    """Text of the whole fragment, and of each claim id's elements, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.claims: dict[str, str] = {}
        self.terms: list[str] = []
        self._stack: list[tuple[str, list[str], bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self._stack.append((tag, (a.get("data-claims") or "").split(), tag == "mark"))
        if tag == "mark":
            self.terms.append("")

    def handle_endtag(self, tag: str) -> None:
        self._stack.pop()

    def handle_data(self, data: str) -> None:
        self.text += data
        for _, ids, is_term in self._stack:
            for cid in ids:
                self.claims[cid] = self.claims.get(cid, "") + data
            if is_term:
                self.terms[-1] += data


def _parse(html: str) -> _Marks:
    p = _Marks()
    p.feed(html)
    p.close()
    return p


def test_overlapping_claims_and_a_term_across_a_claim_boundary_keep_their_text() -> None:
    text = "Alpha beta gamma delta epsilon zeta eta theta."
    claims = [_claim("c1", text, 0, 22), _claim("c2", text, 11, 35), _claim("c3", text, 11, 35)]
    terms = [_term(text, 17, 28)]  # "delta epsi": across c1's end
    html = str(page_view.marked_article(text, claims, terms))
    p = _parse(html)
    assert p.text == text
    assert p.claims == {"c1": text[0:22], "c2": text[11:35], "c3": text[11:35]}
    assert "".join(p.terms) == text[17:28]


def test_the_article_is_escaped_and_set_aside_text_is_labelled_by_css_only() -> None:
    text = "<script>alert(1)</script> & more\n\nShare this article!"
    aside = [BoilerplateSpan(start=33, end=len(text), text=text[33:], kind="share_appeal")]
    html = str(page_view.marked_article(text, aside=aside))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'data-label="set aside: share appeal"' in html
    assert _parse(html).text == text


@st.composite
def _spans(draw: st.DrawFn) -> tuple[str, list[Claim], list[LoadedTerm], dict[str, list[Span]]]:
    text = draw(st.text(alphabet="ab <&\n\"'é", min_size=1, max_size=60))
    n = len(text)
    pairs = st.tuples(st.integers(0, n), st.integers(0, n)).map(sorted).filter(lambda p: p[0] < p[1])
    claims = [_claim(f"c{i}", text, s, e) for i, (s, e) in enumerate(draw(st.lists(pairs, max_size=5)), 1)]
    terms = [_term(text, s, e) for s, e in draw(st.lists(pairs, max_size=3))]
    support = {f"s{i}": [Span(start=s, end=e, text=text[s:e])]
               for i, (s, e) in enumerate(draw(st.lists(pairs, max_size=2)), 1)}
    return text, claims, terms, support


@settings(max_examples=200, deadline=None)
@given(_spans())
def test_any_spans_render_to_the_text_with_each_claim_equal_to_its_quote(
        case: tuple[str, list[Claim], list[LoadedTerm], dict[str, list[Span]]]) -> None:
    text, claims, terms, support = case
    p = _parse(str(page_view.marked_article(text, claims, terms, support=support)))
    assert p.text == text
    assert p.claims == {c.id: c.quote for c in claims}


def _wait_job(client: TestClient, location: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while True:
        page = client.get(location, headers=HTML)
        if 'http-equiv="refresh"' not in page.text:
            return page.text
        assert time.monotonic() < deadline, "job never finished"
        time.sleep(0.1)


def test_an_analysis_runs_as_a_job_and_shows_the_same_claims_as_the_api(client: TestClient) -> None:
    text = read(SEEDS[0])
    started = client.post("/page/analyses", data={"text": text}, headers=HTML, follow_redirects=False)
    assert started.status_code == 303 and started.headers["location"].startswith("/page/jobs/")
    assert "x-request-id" in started.headers
    page = _wait_job(client, started.headers["location"])
    api = client.post("/v1/analyses", json={"text": text.strip()}).json()
    quotes = re.findall(r'<li class="card" id="claim-(c\d+)"', page)
    assert quotes == [c["id"] for c in api["claims"]] and quotes


def test_a_file_upload_is_read_as_utf8_or_refused_with_415(client: TestClient) -> None:
    bad = client.post("/page/analyses", files={"file": ("a.txt", b"\xff\xfe caf\xe9", "text/plain")}, headers=HTML)
    assert bad.status_code == 415 and "File is not UTF-8" in bad.text and "a.txt" in bad.text
    assert bad.headers["content-type"].startswith("text/html")


def test_errors_are_a_page_for_browsers_and_problem_json_for_others(client: TestClient) -> None:
    browser = client.post("/page/analyses", data={"text": "   "}, headers=HTML)
    assert browser.status_code == 422 and "<h1>No article</h1>" in browser.text
    assert browser.headers["x-request-id"] in browser.text
    other = client.post("/page/analyses", data={"text": "   "})
    assert other.status_code == 422 and other.headers["content-type"] == "application/problem+json"
    assert other.json()["title"] == "No article"
    missing = client.get("/page/jobs/not-a-job", headers=HTML)
    assert missing.status_code == 404 and "No such job" in missing.text


def test_cross_check_form_limits(fake_llm: FakeLLM) -> None:
    with TestClient(create_app(make_settings(fake_llm, max_articles=2))) as c:
        one = c.post("/page/cross-checks", data={"texts": "Only one article here."})
        assert one.status_code == 422 and one.json()["title"] == "Too few articles"
        three = c.post("/page/cross-checks", data={"texts": "One.\n===\nTwo.\n===\nThree."})
        assert three.status_code == 413 and three.json()["title"] == "Too many articles"


def test_a_form_over_the_body_limit_is_refused_unread(fake_llm: FakeLLM) -> None:
    with TestClient(create_app(make_settings(fake_llm, max_body_bytes=1000))) as c:
        r = c.post("/page/analyses", data={"text": "x " * 2000})
        assert r.status_code == 413 and r.json()["title"] == "Body too large"


def test_with_api_keys_the_forms_ask_for_one(fake_llm: FakeLLM) -> None:
    with TestClient(create_app(make_settings(fake_llm, api_keys=["k-123456"]))) as c:
        assert 'name="api_key"' in c.get("/").text
        refused = c.post("/page/verifications", data={"source": "A b.", "summary": "A b."})
        assert refused.status_code == 401
        wrong = c.post("/page/verifications", data={"source": "A b.", "summary": "A b.", "api_key": "nope"})
        assert wrong.status_code == 401
        ok = c.post("/page/verifications", data={"source": "Rain fell on Tuesday.", "summary": "Rain fell on "
                                                 "Tuesday.", "api_key": "k-123456"}, headers=HTML)
        assert ok.status_code == 200 and "supported" in ok.text


def test_a_failed_job_shows_the_problem_with_its_status(fake_llm: FakeLLM) -> None:
    fake_llm.failing["fake-model"] = Reply(status=401)  # the provider refuses the key
    with TestClient(create_app(make_settings(fake_llm))) as c:
        started = c.post("/page/analyses", data={"text": read(SEEDS[1])}, follow_redirects=False)
        location = started.headers["location"]
        _wait_job(c, location)
        page = c.get(location, headers=HTML)
        api = c.post("/v1/analyses", json={"text": read(SEEDS[1])})
        assert page.status_code == api.status_code >= 500
        assert 'class="problem"' in page.text and api.json()["title"] in page.text and "Traceback" not in page.text


def test_the_page_and_its_assets_are_served_from_this_host(client: TestClient) -> None:
    for path in ("/", "/cross-check", "/verify"):
        page = client.get(path)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert "default-src 'self'" in page.headers["content-security-policy"]
        refs = re.findall(r'(?:href|src)="([^"#]+)"', page.text)
        assert refs and all(r.startswith("/") for r in refs), refs
        for ref in refs:
            if ref.startswith("/static/"):
                asset = client.get(ref)
                assert asset.status_code == 200 and len(asset.content) > 500


def test_shutdown_cancels_running_jobs() -> None:
    async def scenario() -> str:
        jobs = Jobs()

        async def forever() -> None:
            await asyncio.sleep(3600)

        job = jobs.start("analysis", "rid", "text", forever)
        await asyncio.sleep(0)
        await jobs.aclose()
        assert job.failure is not None
        return job.failure.title

    assert asyncio.run(scenario()) == "Service stopping"


def test_the_cross_check_page_counts_in_words_a_reader_expects(client: TestClient) -> None:
    texts = ("Five Turkish soldiers were killed by Syrian strikes in Idlib on Monday, the Turkish defence ministry "
             "said. Turkey sent more troops to the province.\n===\n"
             "Syrian strikes killed five Turkish soldiers in Idlib on Monday. Talks between Ankara and Moscow "
             "continued in Istanbul.")
    started = client.post("/page/cross-checks", data={"texts": texts}, headers=HTML, follow_redirects=False)
    page = _wait_job(client, started.headers["location"])
    lead = re.search(r'<p class="lead">(.*?)</p>', page, re.S)
    assert lead is not None, page[:2000]
    assert re.match(r"1 fact stated by more than one article", lead.group(1)), lead.group(1)
