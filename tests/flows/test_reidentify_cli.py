"""`attest reidentify`: with the vault key the originals come back, on record; without, nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from audit import AuditStore
from audit.vault import create_vault_key, stored_rows
from extractors.redact import CLINICAL_POLICY, DEFAULT_POLICY, POLICIES
from schemas.events import EventType
from tests.flows.conftest import CliRun, run_cli

NOTE = (
    "Discharge summary\n"
    "Patient: Marguerite Okonkwo  MRN: MRN-00482913\n"
    "Admitted December 12, 2025 with chest pain; discharged 12/16/2025.\n"
    "Ms. Okonkwo is a 93-year-old woman. Diagnosis: angina. Medications: aspirin 81 mg.\n"
)


def _run(workdir: Path, env: dict[str, str]) -> tuple[CliRun, str]:
    inbox = workdir / "inbox"
    inbox.mkdir(parents=True)
    (inbox / "note.txt").write_text(NOTE)
    # Names here are found by the label rules; the NER model is not what this test is about.
    env = {"ATTEST_NER_MODEL": "none", **env}
    result = run_cli(workdir, "run", str(inbox), "--out", "out", extra_env=env)
    assert result.returncode == 0, result.output
    store = AuditStore(f"sqlite:///{workdir / 'out' / 'audit.db'}")
    try:
        (event,) = store.events(event_type=EventType.DOCUMENT_REDACTED)
    finally:
        store.close()
    assert event.doc_id is not None
    return result, event.doc_id


@pytest.fixture(scope="module")
def with_key(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Path]:
    workdir = tmp_path_factory.mktemp("vault")
    key = workdir / "vault.key"
    create_vault_key(key)
    _, doc_id = _run(workdir, {"ATTEST_VAULT_KEY_FILE": str(key)})
    return workdir, doc_id, key


def _store(workdir: Path) -> AuditStore:
    return AuditStore(f"sqlite:///{workdir / 'out' / 'audit.db'}")


def test_without_a_vault_key_nothing_is_stored(tmp_path: Path) -> None:
    _run(tmp_path, {})
    store = _store(tmp_path)
    try:
        assert stored_rows(store.engine) == 0
    finally:
        store.close()


def test_with_the_key_the_original_text_comes_back(with_key: tuple[Path, str, Path]) -> None:
    workdir, doc_id, key = with_key
    result = run_cli(
        workdir, "reidentify", "--doc", doc_id, "--vault-key", str(key), "--out", "out"
    )
    assert result.returncode == 0, result.output
    assert "<PERSON_1>\tPERSON\tMarguerite Okonkwo" in result.output
    assert NOTE.strip() in result.output


def test_a_shortened_document_id_is_resolved_as_show_does(
    with_key: tuple[Path, str, Path],
) -> None:
    workdir, doc_id, key = with_key
    result = run_cli(
        workdir, "reidentify", "--doc", doc_id[:10], "--vault-key", str(key), "--out", "out"
    )
    assert result.returncode == 0, result.output
    assert "<PERSON_1>\tPERSON\tMarguerite Okonkwo" in result.output


def test_reidentifying_is_recorded_without_the_originals(
    with_key: tuple[Path, str, Path],
) -> None:
    workdir, doc_id, key = with_key
    run_cli(
        workdir,
        "reidentify",
        "--doc",
        doc_id,
        "--vault-key",
        str(key),
        "--out",
        "out",
        "--actor",
        "dr.audit",
        "--reason",
        "patient request",
    )
    store = _store(workdir)
    try:
        events = store.events(doc_id=doc_id, event_type=EventType.DOCUMENT_REIDENTIFIED)
    finally:
        store.close()
    assert events and events[-1].actor == "dr.audit"
    assert events[-1].payload["reason"] == "patient request"
    assert "Okonkwo" not in str(events[-1].payload)


def test_a_wrong_key_fails_and_reveals_nothing(
    with_key: tuple[Path, str, Path], tmp_path: Path
) -> None:
    workdir, doc_id, _ = with_key
    wrong = tmp_path / "other.key"
    create_vault_key(wrong)
    result = run_cli(
        workdir, "reidentify", "--doc", doc_id, "--vault-key", str(wrong), "--out", "out"
    )
    assert result.returncode != 0
    assert "sealed with key" in result.output
    assert "Okonkwo" not in result.output and "December 12, 2025" not in result.output


def test_the_trail_records_the_policy_applied_and_every_policy_of_the_run(
    with_key: tuple[Path, str, Path],
) -> None:
    workdir, doc_id, _ = with_key
    store = _store(workdir)
    try:
        (redacted,) = store.events(doc_id=doc_id, event_type=EventType.DOCUMENT_REDACTED)
        (started,) = store.events(event_type=EventType.RUN_STARTED)
    finally:
        store.close()
    applied = (
        redacted.payload["policy_id"],
        redacted.payload["policy_version"],
        redacted.payload["policy_sha256"],
    )
    assert applied == ("attest.clinical", "1.0.0", CLINICAL_POLICY.sha256)
    recorded = {p["policy_id"]: p["sha256"] for p in started.payload["redaction"]["policies"]}
    assert recorded == {p.policy_id: p.sha256 for p in (DEFAULT_POLICY, *POLICIES.values())}
    assert "December 12, 2025" not in redacted.payload["redacted_text"]
