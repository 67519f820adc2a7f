"""A compliance officer's morning in real headless Chromium, against `attest serve`."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect, sync_playwright

from audit import AuditStore
from schemas.events import EventType
from tests.flows.conftest import CliRun
from tests.web.conftest import PASSWORD, copy_demo_db, free_port

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parents[1] / "artifacts"


def _attest(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flows.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def served(demo_run: CliRun, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """`attest serve` on a copy of the demo's audit store, with a reviewer added by the CLI."""
    db = copy_demo_db(demo_run, tmp_path_factory.mktemp("browser") / "audit.db")
    added = _attest(
        "users",
        "add",
        "rhea",
        "--role",
        "reviewer",
        "--password-stdin",
        "--db",
        db,
        stdin=PASSWORD + "\n",
    )
    assert added.returncode == 0, added.stdout + added.stderr
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "serve", "--db", db, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=os.environ | {"COLUMNS": "200"},
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(url + "/healthz").status_code == 200:
                break
        except httpx.TransportError:
            pass
        assert server.poll() is None, server.stdout.read() if server.stdout else ""
        assert time.monotonic() < deadline, "attest serve did not answer within 60 s"
        time.sleep(0.2)
    yield url, db
    server.terminate()
    server.wait(timeout=30)


@pytest.fixture(scope="module")
def page() -> Iterator[Page]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: apt-get install chromium (make test does it)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        yield context.new_page()
        browser.close()


def test_a_reviewer_overrides_a_flagged_decision_and_the_chain_still_verifies(
    served: tuple[str, str], page: Page
) -> None:
    url, db = served
    page.goto(url + "/runs")
    page.fill("#username", "rhea")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("Runs")

    page.click("text=Review queue")
    page.locator("a[href^='/decisions/dec_']").first.click()
    expect(page.locator("#review-state")).to_have_text("pending")
    expect(page.locator("#chain-check")).to_contain_text("yes")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "decision-page.png"), full_page=True)

    page.click("#raw-json summary")  # the raw JSON editor is the advanced option
    page.fill("#override-reason", "evidence re-read with the ward; severity stands")
    page.click("#override")

    expect(page.locator("#review-state")).to_have_text("overridden")
    history = page.locator("tr.history-decision_reviewed")
    expect(history).to_contain_text("overridden (reviewer)")
    expect(history).to_contain_text("evidence re-read with the ward")
    decision_id = page.url.split("/decisions/")[1].split("#")[0]
    store = AuditStore(db)
    try:
        [review] = store.events(decision_id=decision_id, event_type=EventType.DECISION_REVIEWED)
        assert review.actor == "rhea"
        assert store.verify().ok
    finally:
        store.close()
    verified = _attest("verify", "--db", db)
    assert verified.returncode == 0, verified.stdout
