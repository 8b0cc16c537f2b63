"""Headless Chromium for the browser tests: Debian's package at /usr/bin/chromium, driven by Playwright
(never a downloaded browser), and axe-core from node_modules, injected into each page.

Missing either: the tests skip with the reason locally, and fail under CI=true, where `.ci/run`
installs both (`make browser-deps`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django would then refuse the test's own
# (synchronous) database access. The live server runs in its own thread, unaffected.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _missing(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: run `make browser-deps`)", pytrace=False)
    pytest.skip(f"{reason}; run `make browser-deps` to install it")


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        _missing(f"axe-core is not installed at {AXE}")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.is_file():
        _missing(f"Chromium is not installed at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright for Python is not installed in this environment")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    """A fresh page at desktop width; console errors (a CSP refusal, a failed asset) are collected."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    context.close()
