"""Headless Debian Chromium driven by Playwright, with the network cut off.

Browser tests are skipped when /usr/bin/chromium or Playwright is missing,
unless the environment variable CI is set: in CI they must run, so there the
missing piece makes them fail (install with scripts/install_browser.sh).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _missing() -> str | None:
    if not os.path.exists(CHROMIUM):
        return f"{CHROMIUM} is not installed (run scripts/install_browser.sh)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed in the venv (run scripts/install_browser.sh)"
    return None


@dataclass
class PageWatch:
    """What a page did: console errors, uncaught exceptions, dialogs, and
    every request that was not for a file: or data: URL (all of them aborted)."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def browser_context():
    reason = _missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests must run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="kg-chromium-profile-")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            headless=True,
            args=LAUNCH_ARGS,
            viewport={"width": 1400, "height": 900},
            offline=True,
        )
        try:
            yield context
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def open_page(browser_context):
    """``open_page(path) -> (page, watch)``: load a local HTML file, wait until
    the explorer says it is ready, and record what the page tried to do."""
    pages = []

    def _open(path: Path, *, wait_ready: bool = True):
        page = browser_context.new_page()
        pages.append(page)
        watch = PageWatch()

        def route(r):
            url = r.request.url
            if url.startswith(("file:", "data:", "blob:")):
                r.continue_()
            else:
                watch.blocked.append(url)
                r.abort()

        page.route("**/*", route)
        page.on("console", lambda m: watch.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: watch.page_errors.append(str(e)))

        def on_dialog(d):
            watch.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", on_dialog)
        page.goto(Path(path).resolve().as_uri())
        if wait_ready:
            page.wait_for_selector("html[data-kg-ready='1']", state="attached", timeout=20_000)
        return page, watch

    yield _open
    for page in pages:
        page.close()
