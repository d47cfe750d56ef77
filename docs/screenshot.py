"""Take the README's screenshot: the page's analysis of a seed on the model the running service uses.

    crosscheck serve &            # the embedded model by default
    python docs/screenshot.py http://127.0.0.1:8000 evals/data/articles/002_79b10892488c4d46.txt 2020-02-12

Needs Debian's chromium and chromium-driver and selenium (the dev extra). Writes docs/analysis.png.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def main(url: str, article: str, published: str) -> None:
    os.environ["SE_OFFLINE"] = "true"
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--window-size=1400,1000", "--hide-scrollbars"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.get(url + "/")
        driver.execute_script("arguments[0].value = arguments[1];", driver.find_element(By.ID, "text"),
                              Path(article).read_text(encoding="utf-8"))
        driver.execute_script(f"document.getElementById('published').value = '{published}';")
        driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        WebDriverWait(driver, 600, poll_frequency=1).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "article.source"))
        # Focus the first high-value claim, so that the picture shows its details too.
        marks = driver.find_elements(By.CSS_SELECTOR, "article.source a.claim.cw-high") or \
            driver.find_elements(By.CSS_SELECTOR, "article.source a.claim")
        if marks:
            driver.execute_script("window.scrollTo(0, 0); arguments[0].focus({preventScroll: true});", marks[0])
        out = Path(__file__).with_name("analysis.png")
        driver.save_screenshot(str(out))
        print(out)
    finally:
        driver.quit()


if __name__ == "__main__":
    main(*sys.argv[1:4])
