"""The demo's HTML report as a person sees it: opened in headless Chromium,
every section visible and every chart drawn, the week's quotes and thanks
among them; and a report whose sources failed opens with that.

Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them); on a
machine without them the test is skipped, except in CI, where it fails.
Set MOLVA_SCREENSHOT=docs/report-demo.png to keep a full-page screenshot."""

import base64
import os
import shutil
import subprocess
import sys

import pytest

from molva.demo.content import STAFF

SECTIONS = ["summary", "best-worst", "quotes", "complaints", "cases", "praise", "staff", "trend", "sources", "competitors",
            "coverage"]


def browser():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not (chromium and driver):
        message = "headless Chromium needs the Debian packages chromium and chromium-driver"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI installs them in .ci/run)")
        pytest.skip(message)
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,900"):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(driver), options=options)


def test_the_demo_report_shows_every_section_and_chart(tmp_path, default_model):
    run = subprocess.run([sys.executable, "-m", "molva", "demo", "-d", str(tmp_path), "--model", str(default_model)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    html_path = run.stdout.strip().splitlines()[-1].removeprefix("Report: ")
    driver = browser()
    try:
        driver.get("file://" + html_path)
        for section in SECTIONS:
            element = driver.find_element("id", section)
            assert element.is_displayed() and element.size["height"] > 20, section
        charts = driver.find_elements("css selector", "img[src^='data:image/png']")
        assert len(charts) >= 2
        for chart in charts:
            driver.execute_script("arguments[0].scrollIntoView()", chart)
            assert chart.is_displayed()
            assert driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth", chart) > 100
        complaints = driver.find_element("id", "complaints").find_elements("css selector", "li.mention.negative")
        assert complaints and all(c.is_displayed() for c in complaints)
        more = driver.find_element("css selector", "#complaints p.more:last-child")
        assert more.is_displayed() and more.text.endswith("more — in the CSV")  # the demo's week has more than 10
        quotes = driver.find_elements("css selector", "#quotes blockquote.quote")
        assert quotes and all(q.is_displayed() and q.text.startswith("«") for q in quotes)
        thanked = [row.text.split()[0] for row in driver.find_elements("css selector", "#staff table tr")[1:]]
        assert sorted(thanked) == sorted(STAFF)  # one row for each of the demo's people
        assert "marks a week whose complaints" in driver.find_element("id", "trend").text  # the demo's outage week
        assert not driver.find_elements("id", "failures")  # every demo source was read
        if os.environ.get("MOLVA_SCREENSHOT"):
            height = driver.execute_script("return document.documentElement.scrollHeight")
            shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
                "captureBeyondViewport": True, "clip": {"x": 0, "y": 0, "width": 1200, "height": height, "scale": 1}})
            with open(os.environ["MOLVA_SCREENSHOT"], "wb") as fh:
                fh.write(base64.b64decode(shot["data"]))
    finally:
        driver.quit()


def test_a_report_whose_sources_all_failed_opens_with_that(tmp_path, db_url):
    from reports.render import write_report
    from tests.reports.week_store import Store

    store = Store(tmp_path, db_url, report='language = "ru"')
    store.crawl_run({"forum": "failed", "ВолнаНет news 1": "failed"})
    html_path = write_report(store.report(), tmp_path / "out")["html"]
    driver = browser()
    try:
        driver.get("file://" + str(html_path))
        first = driver.find_element("css selector", "header + section")
        assert first.get_attribute("id") == "failures" and first.is_displayed()
        assert first.text.startswith("На этой неделе ничего не удалось прочитать: все источники дали сбой.")
        assert "Новости ВолнаНет 1" in first.text
        assert not driver.find_elements("id", "summary")
    finally:
        driver.quit()
