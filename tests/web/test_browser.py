"""A compliance officer's morning in real headless Chromium, against `attest serve`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from audit import AuditStore
from schemas.events import EventType
from tests.flows.conftest import CliRun
from tests.web.browser import attest, chromium_page, serving
from tests.web.conftest import PASSWORD, copy_demo_db

ARTIFACTS = Path(__file__).parents[1] / "artifacts"


@pytest.fixture(scope="module")
def served(demo_run: CliRun, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """`attest serve` on a copy of the demo's audit store, with a reviewer added by the CLI."""
    db = copy_demo_db(demo_run, tmp_path_factory.mktemp("browser") / "audit.db")
    added = attest(
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
    with serving("--db", db) as url:
        yield url, db


@pytest.fixture(scope="module")
def page() -> Iterator[Page]:
    with chromium_page(width=1280) as opened:
        yield opened


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
    verified = attest("verify", "--db", db)
    assert verified.returncode == 0, verified.stdout
