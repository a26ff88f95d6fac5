"""What every browser test shares: Debian's Chromium, offline, started once per test module."""

from __future__ import annotations

import os

import pytest

CHROMIUM = "/usr/bin/chromium"
# Browser tests are slow and need Chromium (`make browser` installs it); without it they are skipped.
MARKS = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium not installed (make browser)"),
]
# Without these, Chromium tries to reach Google's hosts at start and the closed network refuses.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()
