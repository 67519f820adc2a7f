"""What a compliance officer sees and records: decisions, reviews, views and exports."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from audit.bundle import verify_bundle
from audit.review import DecisionFilters, ReviewProjection
from audit.users import Role
from schemas.events import EventType
from tests.web.conftest import USERS, ReviewApp, csrf_in


def _review(app: ReviewApp, role: Role, decision_id: str, **form: str) -> tuple[int, str]:
    client = app.client(role)
    token = csrf_in(client.get(f"/decisions/{decision_id}").text)
    response = client.post(f"/decisions/{decision_id}/review", data={"csrf_token": token, **form})
    return response.status_code, response.text


def test_opening_a_decision_records_a_view_by_that_user(review_app: ReviewApp) -> None:
    decision = review_app.decisions()[0]

    review_app.client(Role.AUDITOR).get(f"/decisions/{decision.decision_id}")

    views = review_app.store.events(
        decision_id=decision.decision_id, event_type=EventType.DECISION_VIEWED
    )
    assert views and views[-1].actor == USERS[Role.AUDITOR]
    assert views[-1].payload["role"] == "auditor"


def test_an_override_is_a_new_event_and_the_decision_is_untouched(review_app: ReviewApp) -> None:
    decision = review_app.flagged_decision()
    new_value = dict(decision.payload["output"])
    new_value_json = json.dumps(new_value)

    status, _ = _review(
        review_app,
        Role.REVIEWER,
        decision.decision_id,
        action="override",
        output=new_value_json,
        reason="flag confirmed with the attending physician",
    )

    assert status == 303
    [recorded] = review_app.store.events(
        decision_id=decision.decision_id, event_type=EventType.DECISION_RECORDED
    )
    assert recorded.hash == decision.hash
    last = review_app.store.events(
        decision_id=decision.decision_id, event_type=EventType.DECISION_REVIEWED
    )[-1]
    assert last.actor == USERS[Role.REVIEWER]
    assert last.payload["action"] == "override"
    assert last.payload["reason"] == "flag confirmed with the attending physician"
    assert last.payload["replaces_output_sha256"] == decision.payload["output_sha256"]


def test_an_override_without_a_reason_is_refused_and_records_nothing(
    review_app: ReviewApp,
) -> None:
    decision = review_app.flagged_decision()
    before = len(review_app.store.events(event_type=EventType.DECISION_REVIEWED))

    status, page = _review(
        review_app,
        Role.REVIEWER,
        decision.decision_id,
        action="override",
        output=json.dumps(decision.payload["output"]),
        reason="  ",
    )

    assert status == 400
    assert "an override needs a reason" in page
    assert len(review_app.store.events(event_type=EventType.DECISION_REVIEWED)) == before


@pytest.mark.parametrize(
    ("value", "message"),
    [("{not json", "not JSON"), ('{"surprise": 1}', "does not fit the")],
    ids=["not JSON", "outside the schema"],
)
def test_an_override_the_schema_does_not_allow_is_refused(
    review_app: ReviewApp, value: str, message: str
) -> None:
    decision = review_app.flagged_decision()
    before = len(review_app.store.events(event_type=EventType.DECISION_REVIEWED))

    status, page = _review(
        review_app, Role.ADMIN, decision.decision_id, action="override", output=value, reason="r"
    )

    assert status == 400
    assert message in page
    assert len(review_app.store.events(event_type=EventType.DECISION_REVIEWED)) == before


def test_an_approved_decision_leaves_the_review_queue(review_app: ReviewApp) -> None:
    queue = review_app.client(Role.REVIEWER).get("/review").text
    waiting = re.findall(r'href="/decisions/(dec_\w+)"', queue)
    assert waiting, "the demo routes some decisions to review"

    _review(review_app, Role.REVIEWER, waiting[-1], action="approve", reason="")

    after = review_app.client(Role.REVIEWER).get("/review").text
    assert waiting[-1] not in after


def test_the_chain_verifies_after_views_reviews_and_exports(review_app: ReviewApp) -> None:
    decision = review_app.flagged_decision()
    _review(review_app, Role.ADMIN, decision.decision_id, action="approve", reason="ok")

    report = review_app.store.verify()

    assert report.ok, report.reason


def test_the_decision_page_marks_placeholders_and_evidence(review_app: ReviewApp) -> None:
    decision = next(d for d in review_app.decisions() if d.payload["flags"])

    page = review_app.client(Role.AUDITOR).get(f"/decisions/{decision.decision_id}").text

    text = page.split('id="redacted-text">')[1].split("</div>")[0]
    assert re.search(r'<mark class="ph">&lt;[A-Z_]+_\d+&gt;</mark>', text)
    grounded = next(f for f in decision.payload["flags"] if f["grounded"])
    marked = html.unescape("".join(re.findall(r'<mark class="(?:ph)? ev">(.*?)</mark>', text)))
    assert grounded["evidence"] in marked


def test_the_decision_page_shows_provenance_and_that_the_record_verifies(
    review_app: ReviewApp,
) -> None:
    decision = review_app.decisions()[0]
    p = decision.payload

    page = review_app.client(Role.AUDITOR).get(f"/decisions/{decision.decision_id}").text

    for value in (
        p["instructions"]["sha256"],
        p["schema_ref"]["sha256"],
        p["identity"]["revision"],
        p["output_sha256"],
    ):
        assert value in page
    assert "deterministic rules baseline (no model)" in page
    assert f"record {decision.seq}" in page
    assert "yes: its hash recomputes" in page


def test_the_run_page_charts_flags_by_type(review_app: ReviewApp) -> None:
    decision = review_app.decisions()[0]
    kinds = {f["kind"] for d in review_app.decisions() for f in d.payload["flags"]}

    page = review_app.client(Role.REVIEWER).get(f"/runs/{decision.run_id}").text

    chart = page.split("<svg")[1].split("</svg>")[0]
    assert chart.count("<rect") == len(kinds)
    assert all(kind in chart for kind in kinds)


def test_the_runs_page_counts_what_each_run_recorded(review_app: ReviewApp) -> None:
    # The shared demo database may also hold the re-run and replay tests' runs.
    finished_runs = review_app.store.events(event_type=EventType.RUN_FINISHED)

    page = review_app.client(Role.AUDITOR).get("/runs").text

    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
    assert finished_runs
    for finished in finished_runs:
        row = next(r for r in rows if finished.run_id in r)
        cells = re.findall(r"<td>(\d+)</td>", row)
        recorded = [finished.payload[k] for k in ("processed", "rejected", "failed")]
        assert cells[1:4] == [str(n) for n in recorded], finished.run_id


@pytest.mark.parametrize("field", ["domain", "flag", "model", "run"])
def test_each_filter_lists_only_matching_decisions(review_app: ReviewApp, field: str) -> None:
    decisions = review_app.decisions()
    sample = next(d for d in decisions if d.payload["flags"])
    value = {
        "domain": sample.payload["domain"],
        "flag": sample.payload["flags"][0]["kind"],
        "model": "{backend}:{model_id}@{revision}".format(**sample.payload["identity"]),
        "run": sample.run_id,
    }[field]
    matches = {
        "domain": lambda d: d.payload["domain"] == value,
        "flag": lambda d: any(f["kind"] == value for f in d.payload["flags"]),
        "model": lambda d: True,
        "run": lambda d: d.run_id == value,
    }[field]

    page = review_app.client(Role.AUDITOR).get("/decisions", params={field: value}).text

    listed = set(re.findall(r'href="/decisions/(dec_\w+)"', page))
    assert listed == {d.decision_id for d in decisions if matches(d)}


def test_a_date_range_that_ends_before_the_run_lists_nothing(review_app: ReviewApp) -> None:
    page = review_app.client(Role.AUDITOR).get("/decisions", params={"until": "2000-01-01"}).text

    assert "Nothing matches." in page


def test_pages_of_decisions_walk_every_decision_once(review_app: ReviewApp) -> None:
    ledger = ReviewProjection(review_app.store)
    seen: list[str] = []
    before = None
    while True:
        page = ledger.decisions(DecisionFilters(), before=before, limit=3)
        seen += [row.decision_id for row in page.rows]
        if page.next_before is None:
            break
        before = page.next_before

    assert sorted(seen) == sorted(d.decision_id for d in review_app.decisions())
    assert len(seen) == len(set(seen))


@pytest.mark.parametrize(
    "filters",
    [
        DecisionFilters(),
        DecisionFilters(run="r"),
        DecisionFilters(domain="clinical"),
        DecisionFilters(review="pending"),
        DecisionFilters(model="m"),
        DecisionFilters(flag="f"),
    ],
    ids=["none", "run", "domain", "review", "model", "flag"],
)
def test_every_decision_list_query_is_served_by_an_index(
    review_app: ReviewApp, filters: DecisionFilters
) -> None:
    """What keeps page 2,000 of 100,000 decisions as fast as page 1 (bench/review_app.py)."""
    query = ReviewProjection(review_app.store).decision_query(filters, before=10**9).limit(51)
    compiled = query.compile(review_app.store.engine, compile_kwargs={"literal_binds": True})
    with review_app.store.engine.connect() as conn:
        plan = " | ".join(row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}"))

    full_scans = [
        step
        for step in plan.split(" | ")
        if step.startswith("SCAN") and "USING" not in step and "review_" in step
    ]
    assert not full_scans, plan
    assert "USE TEMP B-TREE FOR ORDER BY" not in plan, plan


def test_a_csv_export_lists_the_runs_decisions_and_is_recorded(review_app: ReviewApp) -> None:
    run_id = review_app.decisions()[0].run_id
    client = review_app.client(Role.AUDITOR)
    token = csrf_in(client.get(f"/runs/{run_id}").text)

    response = client.post(f"/runs/{run_id}/export.csv", data={"csrf_token": token})

    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {r["decision_id"] for r in rows} == {d.decision_id for d in review_app.decisions()}
    export = review_app.store.events(event_type=EventType.RUN_EXPORTED)[-1]
    assert (export.actor, export.payload["format"]) == (USERS[Role.AUDITOR], "csv")


def test_a_bundle_export_verifies_offline_and_is_recorded(
    review_app: ReviewApp, tmp_path: Path
) -> None:
    run_id = review_app.decisions()[0].run_id
    client = review_app.client(Role.AUDITOR)
    token = csrf_in(client.get(f"/runs/{run_id}").text)

    response = client.post(f"/runs/{run_id}/bundle.zip", data={"csrf_token": token})

    zipfile.ZipFile(io.BytesIO(response.content)).extractall(tmp_path)
    report = verify_bundle(tmp_path / f"attest-{run_id}")
    assert report.ok, report
    export = review_app.store.events(event_type=EventType.RUN_EXPORTED)[-1]
    assert export.payload["format"] == "bundle"
