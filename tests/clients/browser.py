"""A headless Chromium (Debian's package, driven by playwright) that may reach loopback only.

Every request to another host is aborted and remembered, as on an intranet that reaches no CDN.
The page's console errors, uncaught exceptions and content-policy violations are collected, so a
test can say there were none.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
"""


@dataclass
class Watched:
    """A page and what went wrong on it."""

    page: Any  # playwright.sync_api.Page
    outside: list[str] = field(default_factory=list)  # requests to a non-loopback host (aborted)
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    failed: list[str] = field(default_factory=list)  # answers of 400 and above

    def violations(self) -> list[str]:
        return list(self.page.evaluate("window.__violations"))

    def problems(self) -> dict[str, list[str]]:
        found = {"outside": self.outside, "errors": self.errors, "failed": self.failed}
        return {k: v for k, v in (found | {"violations": self.violations()}).items() if v}


@contextmanager
def chromium() -> Iterator[Any]:
    """The browser, or a skip that says what is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[dev]')")
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (Debian package `chromium`; .ci/run installs it when apt is there)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def loopback_page(browser: Any, viewport: tuple[int, int] = (1400, 900)) -> Iterator[Watched]:
    """A fresh context (no stored GraphiQL tabs or headers) whose page may only reach loopback."""
    width, height = viewport
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    page = context.new_page()
    watched = Watched(page)

    def only_loopback(route: Any) -> None:
        if urlsplit(route.request.url).hostname in LOOPBACK:
            route.continue_()
        else:
            watched.outside.append(route.request.url)
            route.abort("internetdisconnected")

    context.route("**/*", only_loopback)
    context.add_init_script(WATCH_VIOLATIONS)
    page.on("console", lambda m: watched.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watched.errors.append(f"uncaught: {e}"))
    page.on("response", lambda r: watched.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    try:
        yield watched
    finally:
        context.close()
