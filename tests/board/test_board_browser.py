"""The Done-means of the board, as a person does it: `molva demo`, `molva user
add`, `molva serve`, then in headless Chromium an editor logs in, searches,
relabels a complaint "not about us", resolves a case with an outcome and picks
a quote, and sees the week's complaint count and the case board change.

Set MOLVA_BOARD_SCREENSHOT=docs/board-cases.png to keep a screenshot of the case board."""

import base64
import datetime as dt
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from store.repo import week_bounds

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402
from tests.reports.test_report_browser import browser

PASSWORD = "a-long-editor-password"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def molva(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "molva", *args], capture_output=True, text=True, timeout=600, **kwargs)


@pytest.fixture
def served_demo(tmp_path, default_model):
    demo = molva("demo", "-d", str(tmp_path), "--model", str(default_model))
    assert demo.returncode == 0, demo.stdout + demo.stderr
    week = demo.stdout.strip().splitlines()[-1].rsplit("report-", 1)[1].removesuffix(".html")
    config = str(tmp_path / "molva.toml")
    added = molva("user", "add", "anna", "--role", "editor", "--password-stdin", "-c", config, input=PASSWORD + "\n")
    assert added.returncode == 0, added.stdout + added.stderr
    port = free_port()
    env = {**os.environ, "MOLVA_BOARD_SECRET_KEY": "s" * 48}
    server = subprocess.Popen([sys.executable, "-m", "molva", "serve", "-c", config, "--port", str(port)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if urllib.request.urlopen(base + "/healthz", timeout=2).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.2)
        else:
            server.kill()
            pytest.fail("the board did not start: " + server.stdout.read())
        yield base, week
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_an_editor_works_the_week_in_a_browser(served_demo):
    base, week = served_demo
    start, end = week_bounds(week)
    days = f"since={start:%Y-%m-%d}&until={end - dt.timedelta(days=1):%Y-%m-%d}"
    driver = browser()
    by_css = lambda css: driver.find_element("css selector", css)  # noqa: E731

    def after_submit(css: str, text: str) -> None:
        """Wait for the next page to show `text` in `css` (a click returns before the page is there)."""
        WebDriverWait(driver, 20, ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)).until(
            lambda d: text in d.find_element("css selector", css).text, message=f"{css} never showed {text!r}")
    try:
        driver.get(base + "/mentions")
        assert "/login" in driver.current_url and "mention" not in driver.page_source
        by_css("input[name=username]").send_keys("anna")
        by_css("input[name=password]").send_keys(PASSWORD)
        by_css("#login").click()
        after_submit("h1", "Mentions")
        assert driver.current_url.startswith(base + "/mentions")

        driver.get(f"{base}/week/{week}")
        complaints = int(by_css("#complaints-count").text)
        assert complaints > 0

        # search: this week's complaints about the internet
        driver.get(f"{base}/mentions?entity=СеверТелеком&case=open&{days}")
        by_css("#q").send_keys("интернета")
        by_css("#label-filter option[value=negative]").click()
        by_css("#search").click()
        WebDriverWait(driver, 20).until(lambda d: "q=" in d.current_url)
        assert "q=" in driver.current_url and int(by_css("#total").text.split()[0]) > 0
        by_css("tr.mention-row a.excerpt").click()
        mention_url = driver.current_url
        # the words are in its own text or in its thread's title, which the search reads too
        found = by_css("#mention-text").text + " ".join(e.text for e in driver.find_elements(By.CSS_SELECTOR, "h2.title"))
        assert "интернет" in found.lower()
        case_link = by_css("#case a").get_attribute("href")

        # relabel it "not about us": one complaint fewer, its case rejected
        by_css("form.relabel option[value=irrelevant]").click()
        by_css("form.relabel button[name=relabel]").click()
        after_submit(".flash.ok", "→ irrelevant")
        driver.get(f"{base}/week/{week}")
        assert int(by_css("#complaints-count").text) == complaints - 1
        case_id = case_link.rsplit("/", 1)[1]
        driver.get(base + "/cases")
        assert by_css(f"#column-rejected #case-{case_id}").is_displayed()
        assert "not about us" in by_css(f"#case-{case_id} .outcome").text

        # resolve an open case with an outcome
        card = by_css("#column-open .case-card")
        other = card.get_attribute("id").removeprefix("case-")
        card.find_element("css selector", "a.excerpt").click()
        by_css("#outcome").send_keys("called back, refunded the double charge")
        by_css("#to-resolved").click()
        try:
            after_submit("#case-status", "resolved")
        except Exception:
            raise AssertionError(driver.current_url + driver.page_source[:4000])
        driver.get(base + "/cases")
        assert "refunded the double charge" in by_css(f"#column-resolved #case-{other} .outcome").text
        assert not driver.find_elements("css selector", f"#column-open #case-{other}")

        # pick a quote of praise
        driver.get(f"{base}/mentions?entity=СеверТелеком&label=positive&{days}")
        by_css("tr.mention-row a.excerpt").click()
        praise = driver.current_url.rsplit("/", 1)[1]
        by_css("#pick").click()
        after_submit(".flash.ok", "Kept as a memorable quote")
        driver.get(base + "/quotes")
        assert by_css(f"#quote-{praise}").is_displayed()

        driver.get(mention_url)
        assert "label: negative → irrelevant" in by_css("#history").text and "anna" in by_css("#history").text
        if os.environ.get("MOLVA_BOARD_SCREENSHOT"):
            driver.get(base + "/cases")
            height = driver.execute_script("return Math.min(document.documentElement.scrollHeight, 1400)")
            shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
                "captureBeyondViewport": True, "clip": {"x": 0, "y": 0, "width": 1200, "height": height, "scale": 1}})
            with open(os.environ["MOLVA_BOARD_SCREENSHOT"], "wb") as fh:
                fh.write(base64.b64decode(shot["data"]))
    finally:
        driver.quit()
