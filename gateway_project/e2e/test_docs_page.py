"""/api/v1/docs in a real browser: Swagger UI loads the merged document and shows every operation.

Chromium is the machine's own (/usr/bin/chromium), driven by Playwright; Playwright's browser
downloads are never used.
"""

from __future__ import annotations

import os

import httpx
import pytest
from conftest import GATEWAY

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM} to render the docs page")  # printed with -rs
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield browser
        browser.close()


def test_the_docs_page_renders_every_operation_of_the_public_document(browser):
    document = httpx.get(f"{GATEWAY}/api/v1/openapi.json", timeout=15).json()
    operations = [(method.upper(), path) for path, ops in document["paths"].items() for method in ops]
    page = browser.new_page()
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))

    page.goto(f"{GATEWAY}/api/v1/docs", wait_until="networkidle")
    page.wait_for_selector(".opblock", timeout=30_000)
    shown = page.eval_on_selector_all(
        ".opblock",
        """blocks => blocks.map(block => [
            block.querySelector('.opblock-summary-method').textContent.trim(),
            block.querySelector('.opblock-summary-path').getAttribute('data-path')])""",
    )
    title = page.text_content(".info .title")
    page.close()

    assert failed == []
    assert "Marketplace public API" in title
    assert sorted(map(tuple, shown)) == sorted(operations)
