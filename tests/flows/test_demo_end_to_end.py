"""`attest demo` end to end: the spec of what a first-time user sees and what the trail holds."""

from __future__ import annotations

import json
import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from audit import AuditStore
from audit.users import Role, UserDirectory
from corpora.demo_inbox import CANARIES, SAMPLES, SampleDocument, document_bytes
from schemas.canonical import sha256_hex
from tests.flows.conftest import CliRun, run_cli

pytestmark = pytest.mark.slow


def _db(run: CliRun) -> closing[sqlite3.Connection]:
    return closing(sqlite3.connect(run.workdir / "demo" / "out" / "audit.db"))


def _decision(run: CliRun, sample: SampleDocument) -> dict[str, object]:
    doc_id = sha256_hex(document_bytes(sample))
    with _db(run) as db:
        row = db.execute(
            "SELECT payload FROM audit_events WHERE doc_id = ? AND event_type = 'decision_recorded'",
            (doc_id,),
        ).fetchone()
    assert row is not None, f"no decision for {sample.filename}"
    payload: dict[str, object] = json.loads(row[0])
    return payload


def _events(run: CliRun, sample: SampleDocument, event_type: str) -> list[dict[str, object]]:
    doc_id = sha256_hex(document_bytes(sample))
    with _db(run) as db:
        rows = db.execute(
            "SELECT payload FROM audit_events WHERE doc_id = ? AND event_type = ?",
            (doc_id, event_type),
        ).fetchall()
    return [json.loads(r[0]) for r in rows]


def test_demo_processes_every_sample_and_moves_it(demo_run: CliRun) -> None:
    processed = sorted(
        p.name.split("-", 1)[1] for p in (demo_run.workdir / "demo/out/processed").iterdir()
    )
    assert processed == sorted(s.filename for s in SAMPLES)
    assert list((demo_run.workdir / "demo/inbox").iterdir()) == []


def test_demo_ends_with_a_table_and_where_things_are(demo_run: CliRun) -> None:
    assert "8 processed" in demo_run.output
    assert "Audit database: sqlite:///" in demo_run.output
    assert "attest verify --db" in demo_run.output


def test_demo_tells_how_to_open_the_review_app_with_an_account_that_works(
    demo_run: CliRun,
) -> None:
    match = re.search(r"log in as demo / (\S+)", demo_run.output)
    assert match, demo_run.output[-2000:]
    assert "attest serve --db sqlite:///" in demo_run.output
    store = AuditStore(f"sqlite:///{demo_run.workdir / 'demo' / 'out' / 'audit.db'}")
    try:
        user = UserDirectory(store).authenticate("demo", match.group(1))
    finally:
        store.close()
    assert user is not None and user.role == Role.ADMIN


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.filename)
def test_each_sample_gets_its_expected_flags(demo_run: CliRun, sample: SampleDocument) -> None:
    decision = _decision(demo_run, sample)
    assert decision["domain"] == sample.domain
    flags = {flag["kind"] for flag in decision["flags"]}  # type: ignore[attr-defined, index]
    assert flags == set(sample.expected_flags)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.filename)
def test_every_flag_is_grounded_in_the_redacted_text(
    demo_run: CliRun, sample: SampleDocument
) -> None:
    decision = _decision(demo_run, sample)
    redacted = _events(demo_run, sample, "document_redacted")[0]["redacted_text"]
    for flag in decision["flags"]:  # type: ignore[attr-defined]
        assert flag["grounded"] is True
        assert flag["evidence"] in redacted  # type: ignore[operator]


def test_scanned_page_goes_through_tesseract_and_is_redacted(demo_run: CliRun) -> None:
    referral = next(s for s in SAMPLES if s.filename.startswith("referral-scan"))
    pages = _events(demo_run, referral, "document_parsed")[0]["pages"]
    assert [p["source"] for p in pages] == ["text-layer", "ocr"]  # type: ignore[index]
    assert pages[1]["ocr_confidence"] > 60  # type: ignore[index]
    redacted = _events(demo_run, referral, "document_redacted")[0]
    assert "Suicidal ideation" in str(redacted["redacted_text"]) or "suicidal ideation" in str(
        redacted["redacted_text"]
    )
    assert redacted["counts"].get("US_SSN") == 1  # type: ignore[attr-defined]


def test_rules_backend_is_labelled_as_such_in_every_decision(demo_run: CliRun) -> None:
    for sample in SAMPLES:
        identity = _decision(demo_run, sample)["identity"]
        assert identity["backend"] == "rules"  # type: ignore[index]
        assert identity["is_language_model"] is False  # type: ignore[index]


def test_decision_ties_output_to_everything_that_made_it(demo_run: CliRun) -> None:
    decision = _decision(demo_run, SAMPLES[0])
    for key in (
        "config_hash",
        "code_version",
        "schema_ref",
        "instructions",
        "identity",
        "redacted_text_sha256",
        "output",
        "output_sha256",
        "summary_template_sha256",
        "timings_s",
        "parser",
        "redaction_config_sha256",
    ):
        assert decision[key], key
    assert decision["output_sha256"] == sha256_hex(str(decision["raw_output"]))


def test_the_chain_verifies_after_the_demo(demo_run: CliRun) -> None:
    verify = run_cli(demo_run.workdir, "verify", "--db", "sqlite:///demo/out/audit.db")
    assert verify.returncode == 0, verify.output
    assert "OK:" in verify.output


def test_no_outbound_connection_is_attempted(demo_run: CliRun) -> None:
    assert demo_run.blocked_connections == []


def _files_under(root: Path) -> list[Path]:
    originals = {"inbox", "processed", "rejected"}
    return [p for p in root.rglob("*") if p.is_file() and not originals & set(p.parts)]


@pytest.mark.parametrize("place", ["audit database", "outputs", "logs", "prefect home"])
def test_no_canary_identifier_leaks(demo_run: CliRun, place: str) -> None:
    roots = {
        "audit database": [demo_run.workdir / "demo/out/audit.db"],
        "outputs": _files_under(demo_run.workdir / "demo/out"),
        "logs": [demo_run.workdir / "cli-output.log"],
        "prefect home": _files_under(demo_run.prefect_home),
    }[place]
    assert roots, f"nothing to search in {place}"
    for path in roots:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            # SQLite removes its -wal/-shm files when the last connection closes, after
            # checkpointing them into the database file, which is searched as well.
            continue
        for canary in CANARIES:
            for encoding in ("utf-8", "utf-16-le"):
                assert canary.encode(encoding) not in data, f"{canary!r} found in {path}"


def test_rerun_of_the_same_inbox_processes_nothing_twice(demo_run: CliRun) -> None:
    with _db(demo_run) as db:
        before = db.execute(
            "SELECT count(*) FROM audit_events WHERE event_type='decision_recorded'"
        ).fetchone()
    rerun = run_cli(demo_run.workdir, "demo", "--dir", "demo")
    assert rerun.returncode == 0, rerun.output
    assert "8 skipped" in rerun.output
    with _db(demo_run) as db:
        after = db.execute(
            "SELECT count(*) FROM audit_events WHERE event_type='decision_recorded'"
        ).fetchone()
    assert after == before


def test_show_tells_a_document_s_story_from_the_trail(demo_run: CliRun) -> None:
    sample = SAMPLES[0]
    shown = run_cli(
        demo_run.workdir,
        "show",
        sha256_hex(document_bytes(sample)),
        "--db",
        "sqlite:///demo/out/audit.db",
    )
    assert shown.returncode == 0, shown.output
    redacted = _events(demo_run, sample, "document_redacted")[-1]
    assert f"Redacted with {redacted['policy_id']} v{redacted['policy_version']}" in shown.output
    assert "Parsed by" in shown.output
    assert "deterministic rules baseline (no model)" in shown.output
    assert f"domain: {_decision(demo_run, sample)['domain']}" in shown.output
