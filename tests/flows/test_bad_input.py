"""Bad input is recorded as rejected with a reason, moved aside, and the batch completes."""

from __future__ import annotations

import io
import json
import random
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from corpora.demo_inbox import LEGAL_NDA, document_bytes
from tests.flows.conftest import CliRun, run_cli

pytestmark = pytest.mark.slow


def _encrypted(data: bytes) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password="s3cret", owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


BAD_FILES: dict[str, tuple[str, bytes]] = {
    "empty.pdf": ("empty", b""),
    "not-really.pdf": ("unsupported_type", random.Random(7).randbytes(4096)),
    "truncated.pdf": ("malformed_pdf", document_bytes(LEGAL_NDA)[:700]),
    "encrypted.pdf": ("encrypted", _encrypted(document_bytes(LEGAL_NDA))),
}


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory: pytest.TempPathFactory) -> CliRun:
    workdir = tmp_path_factory.mktemp("bad-input")
    inbox = workdir / "inbox"
    inbox.mkdir()
    for name, (_, data) in BAD_FILES.items():
        (inbox / name).write_bytes(data)
    (inbox / "good-nda.pdf").write_bytes(document_bytes(LEGAL_NDA))
    return run_cli(workdir, "run", "inbox", "--out", "out", "--domain", "legal")


def _rejections(run: CliRun) -> dict[str, dict[str, str]]:
    with closing(sqlite3.connect(run.workdir / "out/audit.db")) as db:
        rows = db.execute(
            "SELECT payload FROM audit_events WHERE event_type='document_rejected'"
        ).fetchall()
    found = {}
    for (payload,) in rows:
        record = json.loads(payload)
        found[Path(record["moved_to"]).name.split("-", 1)[1]] = record
    return found


def test_batch_with_bad_files_completes_with_exit_zero(bad_run: CliRun) -> None:
    assert bad_run.returncode == 0, bad_run.output
    assert "1 processed" in bad_run.output and "4 rejected" in bad_run.output


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_rejected_with_its_reason(bad_run: CliRun, name: str) -> None:
    record = _rejections(bad_run)[name]
    assert record["reason_code"] == BAD_FILES[name][0]
    assert record["hint"]


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_moved_aside_with_a_reason_file(bad_run: CliRun, name: str) -> None:
    rejected = {p.name.split("-", 1)[1]: p for p in (bad_run.workdir / "out/rejected").iterdir()}
    assert name in rejected
    assert f"{name}.reason.txt" in rejected
    assert not (bad_run.workdir / "inbox" / name).exists()


def test_good_document_beside_bad_ones_is_processed(bad_run: CliRun) -> None:
    processed = [p.name for p in (bad_run.workdir / "out/processed").iterdir()]
    assert any(name.endswith("good-nda.pdf") for name in processed)


def test_a_missing_ner_model_stops_the_run_before_the_flow_with_what_to_do(
    tmp_path: Path,
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "note.txt").write_text("Seen today by Dr. Okonkwo.\n")

    run = run_cli(
        tmp_path,
        "run",
        str(inbox),
        "--out",
        str(tmp_path / "out"),
        extra_env={"ATTEST_NER_MODEL": str(tmp_path / "no-model-here")},
    )

    assert run.returncode == 2
    assert "make ner-model" in run.output
    assert "Traceback" not in run.output
    assert (inbox / "note.txt").exists(), "the document must stay in the inbox for the next run"
