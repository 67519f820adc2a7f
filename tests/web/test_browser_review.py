"""Reviewing like a person, in real headless Chromium against `attest serve`: the page beside
the extraction, a correction through the form, four eyes on a lowered triage level.

The screenshots in the README's "For compliance officers" section are written by this test.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from audit import AuditStore
from audit.users import Role, UserDirectory
from corpora.demo_inbox import CANARIES
from tests.flows.conftest import CliRun
from tests.web.browser import attest, chromium_page, serving
from tests.web.conftest import PASSWORD, chain_key_of, copy_demo_db

DOCS = Path(__file__).parents[2] / "docs"
REVIEWERS = ("rhea", "remy")
RENDER_TIMEOUT_MS = 90_000  # the first view of a scanned page runs OCR on it


@pytest.fixture(scope="module")
def served(
    demo_run: CliRun, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path]]:
    """`attest serve --out` a copy of the demo's output folder, with two reviewers."""
    out = tmp_path_factory.mktemp("browser-review")
    db = copy_demo_db(demo_run, out / "audit.db")
    shutil.copytree(demo_run.workdir / "demo" / "out" / "processed", out / "processed")
    store = AuditStore(db, chain_key_file=chain_key_of(db))
    try:
        for name in REVIEWERS:  # in this process: two more CLI starts would cost ~20 s
            UserDirectory(store).add(name, PASSWORD, Role.REVIEWER, actor="tests")
    finally:
        store.close()
    with serving("--out", str(out)) as url:
        yield url, out


@pytest.fixture(scope="module")
def page() -> Iterator[Page]:
    with chromium_page(width=1400) as opened:
        yield opened


def _log_in(page: Page, url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(url + "/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("Runs")


def test_a_reviewer_corrects_through_the_form_and_a_second_confirms_a_lowered_triage(
    served: tuple[str, Path], page: Page
) -> None:
    url, out = served
    _log_in(page, url, REVIEWERS[0])

    # The queue: what is left, and why each decision is in it.
    page.click("text=Review queue")
    expect(page.locator("#queue-left")).to_contain_text("left to review")
    page.locator("tr:has(td:text-is('clinical')) a[href^='/decisions/dec_']").first.click()
    decision_url = page.url
    expect(page.locator("#review-state")).to_have_text("pending")

    # The page beside the extraction: an image with identifiers boxed out, not in its data.
    image = page.locator("img.page-image").first
    expect(image).to_have_js_property("complete", True, timeout=RENDER_TIMEOUT_MS)
    assert image.evaluate("i => i.naturalWidth") > 500
    source = page.request.get(url + str(image.get_attribute("src")))
    assert source.headers["content-type"] == "image/png"
    png = source.body()
    assert not [c for c in CANARIES if c.encode() in png]
    assert not any(chunk in png for chunk in (b"tEXt", b"iTXt", b"zTXt"))
    DOCS.mkdir(exist_ok=True)
    page.locator(".page-grid").screenshot(path=str(DOCS / "review-page-view.png"))

    # A field corrected through the form, opened with its key; a quote picked by selection.
    page.keyboard.press("e")
    expect(page.locator("#correction-form")).to_be_visible()
    medications = page.locator("[id='list-medications']")
    medications.locator(":scope > .add-row").click()
    medications.locator(".row input").last.fill("clopidogrel 75 mg daily")
    quote = page.locator("#redacted-text mark.ev").first
    quote.evaluate(
        """m => { const r = document.createRange(); r.selectNodeContents(m);
                  const s = getSelection(); s.removeAllRanges(); s.addRange(r); }"""
    )
    expect(page.locator("#picked-quote")).to_have_text(quote.inner_text().strip())
    evidence = page.locator("[id='f.red_flags.0.evidence']")
    evidence.fill("")
    evidence.locator("xpath=following-sibling::button[@class='use-selection']").click()
    expect(evidence).to_have_value(quote.inner_text().strip())
    page.fill("#correction-reason", "clopidogrel is on the discharge list")
    page.locator("#correction").screenshot(path=str(DOCS / "review-correction-form.png"))
    page.click("#submit-correction")
    expect(page.locator("#review-state")).to_have_text("overridden")
    expect(page.locator("tr.history-decision_reviewed").last).to_contain_text("medications")

    # Lowering the triage level is refused until a second reviewer confirms it.
    page.keyboard.press("e")
    page.select_option("[id='f.triage_level']", "5")
    page.fill("#correction-reason", "seen again: non-urgent")
    page.click("#submit-correction")
    expect(page.locator("#review-state")).to_have_text("awaiting_second_review")
    expect(page.locator("#awaiting")).to_contain_text("lowers the triage level")
    expect(page.locator("#needs-other-reviewer")).to_be_visible()
    expect(page.locator("#confirm-override")).to_have_count(0)

    # The second reviewer confirms; the override takes effect.
    _log_in(page, url, REVIEWERS[1])
    page.goto(decision_url)
    page.fill("#confirm-reason", "agreed after reading the page")
    page.click("#confirm-override")
    expect(page.locator("#review-state")).to_have_text("overridden")
    expect(page.locator("tr.history-override_confirmed")).to_contain_text("override confirmed")
    expect(page.locator("#chain-check")).to_contain_text("yes")

    # Working through the queue by keyboard: n opens the next decision, a approves it.
    page.goto(url + "/review")
    queued = page.locator("a[href^='/decisions/dec_']")
    hrefs = [queued.nth(i).get_attribute("href") for i in range(queued.count())]
    for href in hrefs:  # the last one in the queue has no next
        page.goto(url + str(href))
        if page.locator("#next-in-queue").count():
            break
    else:
        pytest.fail(f"none of the {len(hrefs)} queued decisions links to a next one")
    first = page.url
    page.keyboard.press("n")
    expect(page).not_to_have_url(first, timeout=30_000)  # a loaded machine is slow
    # The URL changes when the next page starts to arrive; its keys work once its script ran.
    page.wait_for_load_state("load")
    expect(page.locator("#approve")).to_be_visible()
    page.keyboard.press("a")
    expect(page.locator("#review-state")).to_have_text("approved", timeout=30_000)

    verified = attest("verify", "--out", str(out))
    assert verified.returncode == 0, verified.stdout + verified.stderr
