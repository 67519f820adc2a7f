"""The page beside the extraction, per-field corrections, four eyes and the queue, over HTTP."""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
import uvicorn
from PIL import Image

from audit import AuditStore
from audit.users import Role, UserDirectory
from audit.web import create_app
from corpora.demo_inbox import CANARIES
from extractors.ocr.tesseract import TesseractOcr
from flows.review_app import page_renderer
from flows.settings import Settings
from schemas.events import EventType, StoredEvent
from tests.flows.conftest import CliRun
from tests.web.conftest import PASSWORD, chain_key_of, copy_demo_db, csrf_in, free_port, log_in

REVIEWERS = ("rhea", "remy")
AUDITOR = "aude"
PNG_TEXT_CHUNKS = (b"tEXt", b"iTXt", b"zTXt")


@dataclass(frozen=True)
class ToolsApp:
    base_url: str
    store: AuditStore

    def client(self, username: str) -> httpx.Client:
        return log_in(self.base_url, username)

    def decision(self, domain: str) -> StoredEvent:
        """A flagged decision of `domain` no test has reviewed yet (tests share the app)."""
        reviewed = {
            e.decision_id for e in self.store.events(event_type=EventType.DECISION_REVIEWED)
        }
        return next(
            d
            for d in self.store.events(event_type=EventType.DECISION_RECORDED)
            if d.payload["domain"] == domain
            and d.decision_id not in reviewed
            and d.payload["flags"]
        )

    def awaiting(self) -> StoredEvent:
        """A clinical decision whose lowered triage waits for a second reviewer."""
        for decision in self.store.events(event_type=EventType.DECISION_RECORDED):
            reviews = self.reviews(str(decision.decision_id))
            answered = self.store.events(
                decision_id=decision.decision_id, event_type=EventType.OVERRIDE_CONFIRMED
            )
            if reviews and reviews[-1].payload["needs_second_reviewer"] and not answered:
                return decision
        decision = self.decision("clinical")
        _lower_triage(self, decision)
        return decision

    def reviews(self, decision_id: str | None) -> list[StoredEvent]:
        return self.store.events(decision_id=decision_id, event_type=EventType.DECISION_REVIEWED)


@pytest.fixture(scope="module")
def tools_app(demo_run: CliRun, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ToolsApp]:
    """The demo's trail and processed files, served with pages and four eyes on clinical only."""
    out = tmp_path_factory.mktemp("tools")
    url = copy_demo_db(demo_run, out / "audit.db")
    shutil.copytree(demo_run.workdir / "demo" / "out" / "processed", out / "processed")
    store = AuditStore(url, chain_key_file=chain_key_of(url))
    users = UserDirectory(store)
    for name in REVIEWERS:
        users.add(name, PASSWORD, Role.REVIEWER, actor="tests")
    users.add(AUDITOR, PASSWORD, Role.AUDITOR, actor="tests")
    app = create_app(
        store, page_renderer=page_renderer(Settings(out=out)), four_eyes=frozenset({"clinical"})
    )
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="critical")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the review app did not start"
        time.sleep(0.02)
    yield ToolsApp(f"http://127.0.0.1:{server.config.port}", store)
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


def _correct(
    app: ToolsApp,
    username: str,
    decision_id: str | None,
    changes: dict[str, str],
    reason: str = "r",
) -> httpx.Response:
    """Submit the correction form as the page renders it, with `changes` applied."""
    client = app.client(username)
    page = client.get(f"/decisions/{decision_id}").text
    form = re.search(r'<form[^>]*id="correction-form".*?</form>', page, re.S)
    assert form, "the decision page has no correction form"
    fields = dict(re.findall(r'<input id="(f\.[^"]+)" name="[^"]+" value="([^"]*)"', form.group(0)))
    for name, options in re.findall(
        r'<select id="(f\.[^"]+)"[^>]*>(.*?)</select>', form.group(0), re.S
    ):
        chosen = re.search(r'<option value="([^"]*)" selected>', options)
        fields[name] = chosen.group(1) if chosen else ""
    fields = {k: html.unescape(v) for k, v in fields.items()}
    data = {**fields, **changes, "csrf_token": csrf_in(page), "reason": reason}
    data = {k: v for k, v in data.items() if v is not None}
    return client.post(f"/decisions/{decision_id}/correct", data=data)


def test_a_page_image_boxes_out_every_identifier_and_its_viewing_is_recorded(
    tools_app: ToolsApp,
) -> None:
    decision = tools_app.decision("clinical")

    response = tools_app.client(AUDITOR).get(f"/decisions/{decision.decision_id}/pages/1.png")

    assert response.status_code == 200 and response.headers["content-type"] == "image/png"
    assert not any(chunk in response.content for chunk in PNG_TEXT_CHUNKS)
    image = Image.open(io.BytesIO(response.content))
    seen = TesseractOcr().recognize(image.resize((image.width * 3, image.height * 3))).text
    assert len(seen.split()) > 20, "the page itself is legible"
    assert not [c for c in CANARIES if c in seen]
    [viewed] = tools_app.store.events(
        decision_id=decision.decision_id, event_type=EventType.DECISION_PAGES_VIEWED
    )
    assert viewed.actor == AUDITOR and viewed.payload == {
        "role": "auditor",
        "page": 1,
        "covered": False,
    }


def test_a_page_that_does_not_exist_is_not_found(tools_app: ToolsApp) -> None:
    decision = tools_app.decision("clinical")

    response = tools_app.client(AUDITOR).get(f"/decisions/{decision.decision_id}/pages/99.png")

    assert response.status_code == 404


def test_a_field_corrected_through_the_form_is_recorded_with_what_changed(
    tools_app: ToolsApp,
) -> None:
    decision = tools_app.decision("finance")

    response = _correct(
        tools_app, REVIEWERS[0], decision.decision_id, {"f.purpose": "refinance the boat"}
    )

    assert response.status_code == 303, response.text
    [review] = tools_app.reviews(decision.decision_id)
    assert review.payload["changed_fields"] == ["purpose"]
    assert review.payload["output"]["purpose"] == "refinance the boat"
    assert not review.payload["needs_second_reviewer"]


def test_a_form_value_outside_the_schema_is_refused_and_records_nothing(
    tools_app: ToolsApp,
) -> None:
    decision = tools_app.decision("clinical")

    response = _correct(tools_app, REVIEWERS[0], decision.decision_id, {"f.triage_level": "9"})

    assert response.status_code == 400
    assert "does not fit the" in response.text
    assert tools_app.reviews(decision.decision_id) == []


def test_an_auditor_may_not_correct(tools_app: ToolsApp) -> None:
    decision = tools_app.decision("clinical")
    client = tools_app.client(AUDITOR)
    token = csrf_in(client.get(f"/decisions/{decision.decision_id}").text)

    response = client.post(
        f"/decisions/{decision.decision_id}/correct",
        data={"csrf_token": token, "reason": "r", "f.triage_level": "5"},
    )

    assert response.status_code == 403
    assert tools_app.reviews(decision.decision_id) == []


def _lower_triage(app: ToolsApp, decision: StoredEvent) -> httpx.Response:
    return _correct(app, REVIEWERS[0], decision.decision_id, {"f.triage_level": "5"}, "non-urgent")


def test_lowering_triage_waits_for_a_second_reviewer(tools_app: ToolsApp) -> None:
    decision = tools_app.decision("clinical")
    assert decision.payload["output"]["triage_level"] < 5

    _lower_triage(tools_app, decision)

    [review] = tools_app.reviews(decision.decision_id)
    assert review.payload["needs_second_reviewer"]
    assert any("lowers the triage level" in c for c in review.payload["critical_changes"])
    page = tools_app.client(REVIEWERS[0]).get(f"/decisions/{decision.decision_id}").text
    assert 'id="review-state">awaiting_second_review<' in page
    assert "Proposed by rhea" in page and "the pipeline's value stands" in page


def test_the_proposer_cannot_confirm_their_own_override(tools_app: ToolsApp) -> None:
    decision = tools_app.awaiting()
    client = tools_app.client(REVIEWERS[0])
    token = csrf_in(client.get(f"/decisions/{decision.decision_id}").text)

    response = client.post(
        f"/decisions/{decision.decision_id}/confirm",
        data={"csrf_token": token, "action": "confirm"},
    )

    assert response.status_code == 403
    assert not tools_app.store.events(
        decision_id=decision.decision_id, event_type=EventType.OVERRIDE_CONFIRMED
    )


def test_a_second_reviewer_confirms_and_the_override_takes_effect(tools_app: ToolsApp) -> None:
    decision = tools_app.awaiting()
    client = tools_app.client(REVIEWERS[1])
    token = csrf_in(client.get(f"/decisions/{decision.decision_id}").text)

    response = client.post(
        f"/decisions/{decision.decision_id}/confirm",
        data={"csrf_token": token, "action": "confirm", "reason": "agreed on the ward"},
    )

    assert response.status_code == 303
    [answer] = tools_app.store.events(
        decision_id=decision.decision_id, event_type=EventType.OVERRIDE_CONFIRMED
    )
    assert answer.actor == REVIEWERS[1] and answer.payload["proposed_by"] == REVIEWERS[0]
    page = client.get(f"/decisions/{decision.decision_id}").text
    assert 'id="review-state">overridden<' in page
    assert tools_app.store.verify().ok


def test_without_four_eyes_for_the_domain_a_lower_severity_takes_effect_at_once(
    tools_app: ToolsApp,
) -> None:
    decision = next(
        d
        for d in tools_app.store.events(event_type=EventType.DECISION_RECORDED)
        if d.payload["domain"] != "clinical"
        and any(f["severity"] == "high" for f in d.payload["flags"])
        and not tools_app.reviews(str(d.decision_id))
    )
    flag_field = next(k for k, v in decision.payload["output"].items() if k.endswith("_flags"))
    changes = {
        f"f.{flag_field}.{i}.severity": "low"
        for i, _ in enumerate(decision.payload["output"][flag_field])
    }

    _correct(tools_app, REVIEWERS[0], str(decision.decision_id), changes)

    [review] = tools_app.reviews(str(decision.decision_id))
    assert review.payload["changed_fields"] == [flag_field]
    assert not review.payload["needs_second_reviewer"]


def test_the_queue_filters_by_reason_and_counts_what_is_left(tools_app: ToolsApp) -> None:
    client = tools_app.client(AUDITOR)
    everything = client.get("/review").text
    counted = re.search(r'id="queue-left"><strong>(\d+)</strong>', everything)
    assert counted, "the queue says how many decisions are left"
    left = int(counted.group(1))

    narrowed = client.get("/review", params={"reason": "high_severity_flag"}).text

    listed = set(re.findall(r'href="/decisions/(dec_\w+)"', narrowed))
    assert listed and len(listed) <= left
    for decision_id in listed:
        [recorded] = tools_app.store.events(
            decision_id=decision_id, event_type=EventType.DECISION_RECORDED
        )
        assert "high_severity_flag" in recorded.payload["review_reasons"]
    assert client.get("/review", params={"reason": "no_such_reason"}).status_code == 404
    assert client.get("/review", params={"state": "approved"}).status_code == 404


def test_the_run_page_shows_how_often_reviewers_override_per_flag_kind(tools_app: ToolsApp) -> None:
    decision = tools_app.decision("finance")
    _correct(tools_app, REVIEWERS[0], str(decision.decision_id), {"f.purpose": "changed"})

    page = tools_app.client(AUDITOR).get(f"/runs/{decision.run_id}").text

    table = re.search(r'<table[^>]*id="agreement">(.*?)</table>', page, re.S)
    assert table, page
    kind = decision.payload["flags"][0]["kind"]
    row = re.search(rf"<tr><td>{re.escape(kind)}</td>(.*?)</tr>", table.group(1))
    assert row and "%" in row.group(1)


def test_the_raw_json_editor_cannot_skip_the_second_reviewer(tools_app: ToolsApp) -> None:
    decision = tools_app.decision("clinical")
    output = {**decision.payload["output"], "triage_level": 5}
    client = tools_app.client(REVIEWERS[0])
    token = csrf_in(client.get(f"/decisions/{decision.decision_id}").text)

    client.post(
        f"/decisions/{decision.decision_id}/review",
        data={
            "csrf_token": token,
            "action": "override",
            "output": json.dumps(output),
            "reason": "r",
        },
    )

    [review] = tools_app.reviews(decision.decision_id)
    assert review.payload["needs_second_reviewer"]
    assert review.payload["changed_fields"] == ["triage_level"]
