"""Headless Chromium for the report's browser tests (Debian's chromium, chromium-driver and
python3-selenium). Every test here skips with a message when one of them is missing.

ctest sets CREDENCE_BINARY (the credence executable), CREDENCE_SOURCE_DIR and
CREDENCE_ARTIFACT_DIR (where reports and screenshots are written, in the build folder)."""

import json
import os
import shutil
import subprocess
import tempfile

import pytest

SOURCE_DIR = os.environ.get("CREDENCE_SOURCE_DIR",
                            os.path.join(os.path.dirname(__file__), "..", ".."))
BINARY = os.environ.get("CREDENCE_BINARY", "")
ARTIFACTS = os.environ.get("CREDENCE_ARTIFACT_DIR", tempfile.mkdtemp(prefix="credence-browser-"))

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--window-size=1280,1000",
]


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def anchor(prefix, identifier):
    """The page's anchor encoding, written again here: bytes outside [A-Za-z0-9.-] as _XX."""
    safe = set(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.")
    return prefix + "-" + "".join(chr(b) if b in safe else "_%02X" % b
                                  for b in identifier.encode("utf-8"))


def run_credence(*arguments):
    if not BINARY or not os.access(BINARY, os.X_OK):
        pytest.skip("the credence executable is not built (CREDENCE_BINARY)")
    done = subprocess.run([BINARY, *arguments], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done


@pytest.fixture(scope="session")
def artifacts():
    os.makedirs(ARTIFACTS, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def demo(artifacts):
    """The demo's scores document and its report, written the way tools/demo.sh writes them."""
    scores_path = os.path.join(artifacts, "syria-coalition.scores.json")
    report_path = os.path.join(artifacts, "syria-coalition.report.html")
    run_credence("score", os.path.join(SOURCE_DIR, "fixtures", "syria-coalition", "claims.json"),
                 "-o", scores_path)
    run_credence("report", "--scores", scores_path, "-o", report_path)
    with open(scores_path, encoding="utf-8") as handle:
        scores = json.load(handle)
    return {"scores": scores, "path": report_path, "url": "file://" + report_path}


def make_driver(javascript=True):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("Chromium tests need python3-selenium (tools/install-deps.sh test)")
    chromium = find_chromium()
    driver_path = shutil.which("chromedriver")
    if chromium is None or driver_path is None:
        pytest.skip("Chromium or chromedriver is absent: install chromium and chromium-driver "
                    "(tools/install-deps.sh test) to run the browser tests")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="credence-chromium-")
    options.add_argument("--user-data-dir=" + profile)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    if not javascript:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(60)
    driver.profile_dir = profile
    return driver


@pytest.fixture(scope="module")
def browser():
    driver = make_driver()
    yield driver
    driver.quit()
    shutil.rmtree(driver.profile_dir, ignore_errors=True)


@pytest.fixture(scope="module")
def browser_without_scripts():
    driver = make_driver(javascript=False)
    yield driver
    driver.quit()
    shutil.rmtree(driver.profile_dir, ignore_errors=True)
