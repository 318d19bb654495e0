"""A real browser: the distribution's Chromium, headless, driven by selenium through its
chromedriver, against `kiosk web` started as a real process, at a phone's 390x844. It loads the
estate page, makes a pledge with a household code and follows a ticket.

Screenshots for the docs only when asked: KIOSK_WEB_SCREENSHOTS=docs/screens (a test leaves no
file in the tree otherwise)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.domain import funding, reports, tickets
from kiosk_process import kiosk_env

pytestmark = [pytest.mark.process, pytest.mark.skipif(
    not (shutil.which("chromium") and shutil.which("chromedriver")), reason="needs chromium and chromium-driver")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(demo_path, tmp_path, household_code):
    port = free_port()
    config = tmp_path / "kiosk.toml"
    config.write_text('public_url = "http://localhost:%d"\npay_instructions = "请凭认捐编号到社区办公室缴款（周一至周五 9:00–17:00）。"\n' % port,
                      encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "kiosk", "--db", demo_path, "--config", str(config), "web",
                             "--port", str(port), "--estate", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=kiosk_env())
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            assert proc.poll() is None, proc.stderr.read().decode()
            time.sleep(0.1)
    yield f"http://localhost:{port}", household_code
    proc.terminate()
    proc.wait(10)


@pytest.fixture
def browser(tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                f"--user-data-dir={tmp_path / 'chromium'}", "--window-size=390,844", "--lang=zh-CN",
                "--force-device-scale-factor=1"):
        options.add_argument(arg)
    # What a phone's WeChat browser sends: Chinese first.
    options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh,en"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    # A phone's viewport exactly (not a desktop window of that size).
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    yield driver
    driver.quit()


def shot(driver, name: str) -> None:
    folder = os.environ.get("KIOSK_WEB_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(Path(folder) / f"web-{name}.png"))


def test_estate_page_pledge_and_ticket_in_a_phone_browser(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    base, code = server
    wait = WebDriverWait(browser, 10)
    browser.get(base + "/")
    assert "小区公示" in browser.title or browser.find_element(By.TAG_NAME, "h1").text
    # Readable at a phone's width: nothing wider than the screen.
    shot(browser, "estate")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-CN"
    browser.execute_script("document.querySelector('[data-project]').scrollIntoView()")
    shot(browser, "funding")
    wide = browser.execute_script(
        "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391)"
        ".map(e => e.tagName + '.' + e.className + ':' + e.textContent.slice(0, 30))")
    assert wide == []

    project = funding.list_projects(1, active_only=True)[0]
    before = funding.snapshot(project.id).pledged_fen
    browser.get(f"{base}/pledge?project={project.id}")
    browser.find_element(By.ID, "code").send_keys(code)
    browser.find_element(By.ID, "amount").send_keys("500")
    shot(browser, "project")
    browser.find_element(By.ID, "send").click()
    reference = wait.until(ec.presence_of_element_located((By.ID, "reference"))).text
    assert len(reference) == 7 and reference.isdigit()
    assert funding.snapshot(project.id).pledged_fen == before + 50000
    shot(browser, "pledged")

    report = reports.queue(estate_id=1, include_hidden=False)[-1]
    browser.get(base + "/track")
    browser.find_element(By.ID, "ticket").send_keys(tickets.show(report.ticket))
    browser.find_element(By.CSS_SELECTOR, "form button").click()
    trail = wait.until(ec.presence_of_element_located((By.ID, "trail")))
    assert reports.status_label(report.status) in trail.text or trail.text
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 390
    shot(browser, "track")
