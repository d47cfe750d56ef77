"""Take the README's screenshots, one of each view of the page, on the model the running service uses:

    crosscheck serve &            # the embedded model by default
    python docs/screenshot.py http://127.0.0.1:8000                 # all three views
    python docs/screenshot.py http://127.0.0.1:8000 verification    # or some of them

- docs/analysis.png: seed 002 analysed, its first high check-worthiness claim focused so that its details show;
- docs/cross-check.png: seeds 000, 001 and 002 cross-checked (each one's date read from its byline);
- docs/verification.png: a three-sentence summary of seed 000 verified against it, the last sentence unfaithful;
  the first sentence focused, its support lit in the source.

Needs Debian's chromium and chromium-driver and selenium (the dev extra). On the embedded model on 2 cores the
analysis takes about a minute and the cross-check several.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

DOCS = Path(__file__).resolve().parent
ARTICLES = DOCS.parent / "evals" / "data" / "articles"
# Two sentences the source bears out, then one with a number it does not (it says five).
SUMMARY = ("The Erdogan regime sent scores of tanks and armored vehicles into northern Syria. "
           "On Monday, five Turkish soldiers were reported killed. "
           "Fifty Turkish soldiers were reported killed on Monday.")


def seed(number: str) -> Path:
    return next(ARTICLES.glob(f"{number}_*.txt"))


def set_value(driver: WebDriver, element_id: str, value: str) -> None:
    driver.execute_script("arguments[0].value = arguments[1];", driver.find_element(By.ID, element_id), value)


def submit_and_wait(driver: WebDriver, selector: str) -> None:
    """Submit the form and wait (the job page refreshes itself meanwhile) until ``selector`` is on the page."""
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    WebDriverWait(driver, 1800, poll_frequency=1).until(lambda d: d.find_elements(By.CSS_SELECTOR, selector))


def analysis(driver: WebDriver, url: str) -> None:
    driver.get(url + "/")
    set_value(driver, "text", seed("002").read_text(encoding="utf-8"))
    submit_and_wait(driver, "article.source")
    marks = driver.find_elements(By.CSS_SELECTOR, "article.source a.claim.cw-high") or \
        driver.find_elements(By.CSS_SELECTOR, "article.source a.claim")
    if marks:
        driver.execute_script("window.scrollTo(0, 0); arguments[0].focus({preventScroll: true});", marks[0])


def cross_check(driver: WebDriver, url: str) -> None:
    driver.get(url + "/cross-check")
    driver.find_element(By.ID, "files").send_keys("\n".join(str(seed(n)) for n in ("000", "001", "002")))
    submit_and_wait(driver, "table.grid")


def verification(driver: WebDriver, url: str) -> None:
    driver.get(url + "/verify")
    set_value(driver, "source", seed("000").read_text(encoding="utf-8"))
    set_value(driver, "summary", SUMMARY)
    submit_and_wait(driver, "ol.summary > li")
    # Focus the first sentence, which lights its support, and scroll the source to that support.
    driver.execute_script(
        "const li = document.querySelector('ol.summary > li[data-sentence]'); li.focus({preventScroll: true});"
        "const lit = document.querySelector('article.source .support.lit');"
        "if (lit) lit.scrollIntoView({block: 'center'}); window.scrollTo(0, 0);")


VIEWS: dict[str, Callable[[WebDriver, str], None]] = {
    "analysis": analysis, "cross-check": cross_check, "verification": verification}


def main(url: str, names: list[str]) -> None:
    os.environ["SE_OFFLINE"] = "true"
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--window-size=1400,1000", "--hide-scrollbars"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        for name in names or list(VIEWS):
            VIEWS[name](driver, url.rstrip("/"))
            out = DOCS / f"{name}.png"
            driver.save_screenshot(str(out))  # the window only: 1400 x 1000
            print(out)
    finally:
        driver.quit()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
