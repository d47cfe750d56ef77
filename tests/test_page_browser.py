"""The web page in a real browser: Debian's chromium and chromium-driver, driven by selenium, against the real
server process (``crosscheck serve``) with the fake LLM. Every article under evals/data/articles/ goes through the
analysis form and is checked against the API's answer to the same input. Each view is saved as a screenshot under
``.artifacts/screenshots/`` (CROSSCHECK_ARTIFACTS_DIR), and so is the page of any article that fails;
accessibility is checked by axe-core (vendored in tests/vendor/axe-core, see its PROVENANCE.md) and by keyboard.

Skipped when no chromium is installed, except where CROSSCHECK_REQUIRE_BROWSER=1 (CI) makes that a failure.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import FAKE_KEY, SEEDS, read
from tests.fake_llm import FakeLLM
from tests.live_server import ROOT, LiveServer

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import TimeoutException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.remote.webelement import WebElement  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
if not (CHROMIUM and CHROMEDRIVER):
    if os.environ.get("CROSSCHECK_REQUIRE_BROWSER") == "1":
        pytest.fail("CROSSCHECK_REQUIRE_BROWSER=1 but chromium or chromedriver is not installed", pytrace=False)
    pytest.skip("no chromium/chromedriver (apt-get install chromium chromium-driver)", allow_module_level=True)

SHOTS = Path(os.environ.get("CROSSCHECK_ARTIFACTS_DIR", ROOT / ".artifacts")) / "screenshots"
AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeLLM]:
    server = FakeLLM()
    yield server
    server.close()


@pytest.fixture(scope="module")
def live(fake: FakeLLM) -> Iterator[LiveServer]:
    server = LiveServer(fake.url, FAKE_KEY, CROSSCHECK_CLAIMS_STRATEGY="rules")
    server.start()
    deadline = time.monotonic() + 120
    while httpx.get(server.url + "/readyz", timeout=5).status_code != 200:  # the NLP pipeline loads first
        assert time.monotonic() < deadline, "server never ready"
        time.sleep(0.2)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "true"  # selenium-manager must never try to download a driver
    options = Options()
    options.binary_location = CHROMIUM or ""
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--disable-gpu", "--disable-extensions", "--no-first-run"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # console lines, for CSP refusals
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(autouse=True)
def _quiet_fake(fake: FakeLLM) -> Iterator[None]:
    fake.reset()
    yield
    fake.reset()


def shot(driver: WebDriver, name: str) -> Path:
    """Save a full-page screenshot of the current view (a test artifact)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    height = driver.execute_script("return Math.min(document.documentElement.scrollHeight, 6000)")
    driver.set_window_size(1400, max(1000, int(height)))
    path = SHOTS / f"{name}.png"
    driver.save_screenshot(str(path))
    driver.set_window_size(1400, 1000)
    return path


def set_value(driver: WebDriver, element: WebElement, value: str) -> None:
    """Type a long text at once (send_keys would take minutes for an article)."""
    driver.execute_script("arguments[0].value = arguments[1];", element, value)


def wait_for_result(driver: WebDriver, seconds: float = 180) -> None:
    """Wait until the job page stops refreshing itself (the result or the problem is shown)."""
    def settled(d: WebDriver) -> bool:
        # On the job's own page (the form's page has no refresh either, and the submit may still be
        # on its way: "not refreshing" alone passed there and raced the job), and no longer refreshing.
        on_job = "/page/jobs/" in d.current_url and bool(d.current_url.split("/page/jobs/")[-1])
        return on_job and not d.find_elements(By.CSS_SELECTOR, "meta[http-equiv=refresh]")
    WebDriverWait(driver, seconds, poll_frequency=0.5).until(settled)


def axe_violations(driver: WebDriver) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the current page (WCAG 2 A and AA rules)."""
    driver.execute_script(AXE)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']}})"
        ".then(r => done(r.violations)).catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e)}]));")
    return [{"id": v["id"], "impact": v.get("impact"), "help": v.get("help"),
             "nodes": [n.get("target") for n in v.get("nodes", [])][:5]}
            for v in result if v.get("impact") in ("serious", "critical")]


def api_analysis(live: LiveServer, text: str, published: str | None = None) -> dict[str, Any]:
    r = httpx.post(live.url + "/v1/analyses", json={"text": text, "published": published}, timeout=180)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def claim_texts(driver: WebDriver) -> dict[str, str]:
    """Each claim id → the text of the article's marks that carry it, in document order."""
    out: dict[str, str] = {}
    for mark in driver.find_elements(By.CSS_SELECTOR, "article.source a.claim[data-claims]"):
        text = mark.get_attribute("textContent") or ""
        for cid in (mark.get_attribute("data-claims") or "").split():
            out[cid] = out.get(cid, "") + text
    return out


def submit_article(driver: WebDriver, live: LiveServer, text: str, published: str | None = None) -> None:
    """Paste ``text`` into the analysis form (with its publication date, if given), submit it, wait for the result."""
    driver.get(live.url + "/")
    set_value(driver, driver.find_element(By.ID, "text"), text)
    if published:
        driver.execute_script("document.getElementById('published').value = arguments[0];", published)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait_for_result(driver)


def assert_shows_the_analysis(driver: WebDriver, text: str, expected: dict[str, Any], name: str) -> None:
    """The analysis view shows the API's answer to the same input: every claim marked at its quote, the article
    whole and in order, the API's loaded terms, its date and its summary's sentences."""
    assert driver.find_elements(By.CSS_SELECTOR, "article.source"), f"{name}: no article shown: " + \
        driver.page_source[:2000]
    assert claim_texts(driver) == {c["id"]: c["quote"] for c in expected["claims"]}, f"{name}: marks != quotes"
    cards = driver.find_elements(By.CSS_SELECTOR, "ol.claims li.card")
    assert [c.get_attribute("data-claim") for c in cards] == [c["id"] for c in expected["claims"]], name
    # Every character of the article is there, once, in order (labels are CSS-generated).
    shown = driver.find_element(By.CSS_SELECTOR, "article.source").get_attribute("textContent")
    assert shown == text.strip(), f"{name}: the article is not shown whole"  # the form strips surrounding blanks
    loaded = [m.get_attribute("textContent") for m in
              driver.find_elements(By.CSS_SELECTOR, "article.source mark.loaded")]
    assert loaded == [t["text"] for t in expected["loaded_terms"]], f"{name}: loaded terms"
    byline = driver.find_element(By.CSS_SELECTOR, "p.byline").text
    assert (expected["article"]["published"] or "") in byline, f"{name}: date {byline!r}"
    sentences = [li.get_attribute("textContent") or "" for li in
                 driver.find_elements(By.CSS_SELECTOR, "ol.summary > li")]
    assert len(sentences) == len(expected["summary"]["sentences"]) > 0, f"{name}: summary sentences"
    for li, s in zip(sentences, expected["summary"]["sentences"], strict=True):
        assert li.startswith(s["text"]), f"{name}: the page shows {li[:len(s['text'])]!r} for {s['text']!r}"


def test_an_article_is_shown_with_every_claim_marked_at_its_quote(live: LiveServer, browser: WebDriver) -> None:
    text = read(SEEDS[2])
    browser.get(live.url + "/")
    shot(browser, "1-analyse-form")
    # 2020-02-12, not the byline's 11 February: the date the form sends wins over the one read from the text.
    submit_article(browser, live, text, "2020-02-12")
    shot(browser, "3-analysis")

    expected = api_analysis(live, text, "2020-02-12")  # the page shows what the API returns, nothing else
    assert expected["claims"], "the seed yields claims"
    assert expected["article"]["published"] == "2020-02-12"
    assert_shows_the_analysis(browser, text, expected, SEEDS[2].stem)
    asides = browser.find_elements(By.CSS_SELECTOR, "article.source .aside")
    assert {a.get_attribute("data-label") for a in asides} >= {"set aside: navigation"}
    sentences = browser.find_elements(By.CSS_SELECTOR, "ol.summary > li")
    assert "supported" in sentences[0].text
    assert expected["meta"]["model"] in browser.find_element(By.CSS_SELECTOR, "dl.meta").text


# Every article the evals use: the five seeds and the CNN/DM and XSum articles from FRANK.
ARTICLES = sorted((ROOT / "evals" / "data" / "articles").glob("*.txt"))
# The seeds' publication dates, from their bylines ("Global Research, February 12, 2020"); 001 has none, nor have
# the CNN/DM and XSum texts (FRANK keeps the body only): those go without a date.
PUBLISHED = {"000_3f752992765d83bb": "2020-02-12", "002_79b10892488c4d46": "2020-02-11",
             "003_f27ca1a4a2b2b138": "2018-09-17", "004_c5189b488046250e": "2019-12-30"}


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_every_eval_article_is_shown_as_the_api_analyses_it(live: LiveServer, browser: WebDriver,
                                                            path: Path) -> None:
    text = read(path)
    published = PUBLISHED.get(path.stem)
    submit_article(browser, live, text, published)
    expected = api_analysis(live, text, published)
    try:
        assert_shows_the_analysis(browser, text, expected, path.stem)
    except AssertionError:
        shot(browser, f"failed-{path.stem}")  # what the page showed, beside the other screenshots
        raise


def test_claim_details_show_on_hover_and_keyboard_focus(live: LiveServer, browser: WebDriver) -> None:
    submit_article(browser, live, read(SEEDS[0]))
    popover = browser.find_element(By.ID, "popover")
    assert not popover.is_displayed()
    # Keyboard: tab from the top of the page until a claim mark has the focus.
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    for _ in range(40):
        active = browser.switch_to.active_element
        if "claim" in (active.get_attribute("class") or "").split() and active.get_attribute("data-claims"):
            break
        active.send_keys(Keys.TAB)
    else:
        pytest.fail("no claim mark reachable by the keyboard within 40 tabs")
    cid = (active.get_attribute("data-claims") or "").split()[0]
    outline = browser.execute_script("return getComputedStyle(arguments[0]).outlineStyle;", active)
    assert outline != "none", "the focused mark shows no focus ring"
    assert popover.is_displayed()
    card = browser.find_element(By.ID, f"claim-{cid}")
    assert card.find_element(By.CSS_SELECTOR, ".claim-text").text in popover.text
    assert "Asserted by" in popover.text and "Judge" in popover.text
    shot(browser, "4-analysis-claim-focused")
    active.send_keys(Keys.ESCAPE)
    assert not popover.is_displayed()
    # A summary sentence lights up its support in the article.
    sentence = browser.find_element(By.CSS_SELECTOR, "ol.summary > li[data-sentence]")
    browser.execute_script("arguments[0].focus();", sentence)
    lit = browser.find_elements(By.CSS_SELECTOR, "article.source .support.lit")
    assert lit, "no support span lit for the focused summary sentence"


def test_progress_is_shown_while_the_model_works(live: LiveServer, browser: WebDriver, fake: FakeLLM) -> None:
    fake.delay = 1.5  # each LLM call takes 1.5 s: the job page is seen while it runs
    browser.get(live.url + "/")
    set_value(browser, browser.find_element(By.ID, "text"), read(SEEDS[1]))
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    WebDriverWait(browser, 30).until(lambda d: "asking the model" in d.page_source)
    assert browser.find_elements(By.CSS_SELECTOR, "meta[http-equiv=refresh]")
    steps = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "ol.progress li")]
    assert any("reading the article" in s for s in steps), steps
    shot(browser, "2-analysis-progress")
    wait_for_result(browser)
    assert browser.find_elements(By.CSS_SELECTOR, "article.source")


def test_several_articles_are_cross_checked_as_a_grid(live: LiveServer, browser: WebDriver) -> None:
    paths = SEEDS[:3]
    browser.get(live.url + "/cross-check")
    shot(browser, "5-cross-check-form")
    browser.find_element(By.ID, "files").send_keys("\n".join(str(p) for p in paths))
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait_for_result(browser)
    shot(browser, "6-cross-check")
    r = httpx.post(live.url + "/v1/cross-checks", timeout=300, json={
        "articles": [{"id": p.stem, "text": read(p)} for p in paths]})
    assert r.status_code == 200, r.text
    expected = r.json()
    headers = [th.text.split("\n")[0] for th in browser.find_elements(By.CSS_SELECTOR, "table.grid")[0]
               .find_elements(By.CSS_SELECTOR, "thead th")]
    assert headers == ["Fact", "Verdict", *[p.stem for p in paths]]
    rows = browser.find_elements(By.CSS_SELECTOR, "table.grid tbody tr")
    assert len(rows) == len(expected["groups"])
    shown = {(q.get_attribute("data-article"), q.get_attribute("data-claim")): q.get_attribute("textContent")
             for q in browser.find_elements(By.CSS_SELECTOR, "blockquote.member")}
    members = {(m["article_id"], m["claim_id"]): m["quote"] for g in expected["groups"] for m in g["claims"]}
    assert shown == members
    for row in rows:  # each quote sits in its own article's column
        cells = row.find_elements(By.TAG_NAME, "td")[1:]
        for column, cell in zip(paths, cells, strict=True):
            for q in cell.find_elements(By.CSS_SELECTOR, "blockquote.member"):
                assert q.get_attribute("data-article") == column.stem
    verdicts = {v.text for v in browser.find_elements(By.CSS_SELECTOR, "table.grid .verdict")}
    assert verdicts <= {"corroborated", "conflicting", "single source"} and verdicts
    assert browser.find_elements(By.CSS_SELECTOR, "ul.sources li")


def test_a_summary_is_verified_sentence_by_sentence(live: LiveServer, browser: WebDriver) -> None:
    browser.get(live.url + "/verify")
    set_value(browser, browser.find_element(By.ID, "source"), read(SEEDS[0]))
    set_value(browser, browser.find_element(By.ID, "summary"),
              "Turkey sent tanks and armoured vehicles into Idlib. The moon is made of cheese.")
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    WebDriverWait(browser, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, "ol.summary > li"))
    shot(browser, "7-verification")
    items = browser.find_elements(By.CSS_SELECTOR, "ol.summary > li")
    assert len(items) == 2
    assert "not supported" in items[1].text
    assert "%" in browser.find_element(By.CSS_SELECTOR, "p.lead").text


def test_an_error_shows_the_problem_not_a_stack(live: LiveServer, browser: WebDriver) -> None:
    browser.get(live.url + "/")
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()  # nothing pasted
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".problem"))
    shot(browser, "8-problem")
    problem = browser.find_element(By.CSS_SELECTOR, ".problem").text
    assert "No article" in problem and "paste the article" in problem and "422" in problem
    assert "Traceback" not in browser.page_source


def test_the_views_pass_axe_and_have_labels(live: LiveServer, browser: WebDriver) -> None:
    found: dict[str, list[dict[str, Any]]] = {}
    for path in ("/", "/cross-check", "/verify"):
        browser.get(live.url + path)
        for control in browser.find_elements(By.CSS_SELECTOR, "input, textarea, select"):
            cid = control.get_attribute("id")
            assert cid and browser.find_elements(By.CSS_SELECTOR, f"label[for='{cid}']"), f"{path}: unlabelled {cid}"
        found[path] = axe_violations(browser)
    submit_article(browser, live, read(SEEDS[0]))
    found["analysis"] = axe_violations(browser)
    assert found == {k: [] for k in found}


def test_the_page_loads_nothing_from_another_host(live: LiveServer, browser: WebDriver) -> None:
    browser.get(live.url + "/")
    urls = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name);")
    assert urls and all(u.startswith(live.url) for u in urls), urls


def test_wait_for_result_fails_on_a_page_that_keeps_refreshing(live: LiveServer, browser: WebDriver,
                                                                fake: FakeLLM) -> None:
    # The helper the tests above rely on must not pass on a page still working.
    fake.delay = 5.0
    browser.get(live.url + "/")
    with pytest.raises(TimeoutException):  # the form's page, before or while the submit is on its way
        wait_for_result(browser, seconds=1)
    set_value(browser, browser.find_element(By.ID, "text"), read(SEEDS[3]))
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    with pytest.raises(TimeoutException):
        wait_for_result(browser, seconds=3)


@pytest.mark.parametrize(("path", "selector"), [("/docs", ".swagger-ui .opblock"), ("/redoc", "[data-section-id]")])
def test_the_api_docs_render_offline(live: LiveServer, browser: WebDriver, path: str, selector: str) -> None:
    browser.get(live.url + path)
    WebDriverWait(browser, 30).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, selector)) >= 7)
    shot(browser, f"9-api{path.replace('/', '-')}")
    urls = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name);")
    foreign = [u for u in urls if not u.startswith(live.url)]
    # ReDoc's bundle asks for its own logo from its CDN; the page's Content-Security-Policy must refuse it, so the
    # request never leaves the machine (the browser logs the refusal).
    refused = " ".join(e["message"] for e in browser.get_log("browser") if "Content Security Policy" in e["message"])
    assert all(u in refused for u in foreign), (foreign, refused)
