"""A night operator's inbox while the batch runs: entries that are not documents, files that are
swapped or deleted between the listing and the reading, names that are not UTF-8, and
encrypted PDFs that open without a password. Every one is an outcome with a reason in the
report, nothing hangs, nothing outside the inbox is read, and the chain verifies."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import textwrap
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from corpora.demo_inbox import CLINICAL_PROGRESS_NOTE
from tests.flows.conftest import NETGUARD, CliRun, run_cli

DATA = Path(__file__).parents[1] / "data"
RC4_EMPTY_PASSWORD = ("r2-empty-password.pdf", "r3-empty-password.pdf")
UNDECODABLE = b"note-\xff\xfe-latin1.txt"
SECRET_OUTSIDE = "attest-canary-outside-the-inbox-4242"
HTML_IN_TEXT = "<img src=x onerror=alert(1)><script>alert(2)</script>"


# The NER model is not what these tests are about: names here are found by the label rules.
NO_NER = {"ATTEST_NER_MODEL": "none"}


def _attest(
    workdir: Path, *args: str, extra_env: dict[str, str] | None = None, **options: Any
) -> CliRun:
    return run_cli(workdir, *args, extra_env=NO_NER | (extra_env or {}), **options)


def _note(number: int) -> str:
    return CLINICAL_PROGRESS_NOTE.pages[0] + f"\nReference: inbox item {number:04d}\n"


@pytest.fixture(scope="module")
def present_at_start(tmp_path_factory: pytest.TempPathFactory) -> CliRun:
    """Links, a FIFO, a folder, hidden and partial files in the inbox before the run starts."""
    workdir = tmp_path_factory.mktemp("present")
    inbox = workdir / "inbox"
    inbox.mkdir()
    (inbox / "good.txt").write_text(_note(1))
    (workdir / "outside.txt").write_text(SECRET_OUTSIDE)
    os.symlink(workdir / "outside.txt", inbox / "link.txt")
    os.mkfifo(inbox / "pipe.txt")
    (inbox / "folder").mkdir()
    (inbox / ".hidden.txt").write_text(_note(2))
    (inbox / "copying.pdf.part").write_text(_note(3))
    with open(os.path.join(os.fsencode(inbox), UNDECODABLE), "w") as handle:
        handle.write(_note(4))
    for name in RC4_EMPTY_PASSWORD:
        shutil.copy(DATA / "pdf_encrypted" / name, inbox / name)
    (inbox / "html.txt").write_text(f"Chief complaint: {HTML_IN_TEXT} headache\n" + _note(5))
    return _attest(workdir, "run", "inbox", "--out", "out", timeout=300)


def test_a_run_with_odd_entries_finishes_with_exit_zero(present_at_start: CliRun) -> None:
    assert present_at_start.returncode == 0, present_at_start.output


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("link.txt", "symbolic link"),
        ("pipe.txt", "FIFO"),
        ("folder", "folder"),
        (".hidden.txt", "hidden"),
        ("copying.pdf.part", "partial"),
    ],
)
def test_each_entry_left_alone_is_listed_with_why(
    present_at_start: CliRun, name: str, why: str
) -> None:
    lines = [line for line in present_at_start.output.splitlines() if line.strip().startswith(name)]
    assert any(why in line for line in lines), present_at_start.output


def test_a_file_whose_name_is_not_utf8_is_processed(present_at_start: CliRun) -> None:
    processed = os.listdir(os.fsencode(present_at_start.workdir / "out/processed"))
    assert any(name.endswith(UNDECODABLE) for name in processed)


@pytest.mark.parametrize("name", RC4_EMPTY_PASSWORD)
def test_an_rc4_pdf_that_opens_with_the_empty_password_is_processed(
    present_at_start: CliRun, name: str
) -> None:
    processed = os.listdir(present_at_start.workdir / "out/processed")
    assert any(entry.endswith("-" + name) for entry in processed), present_at_start.output


def test_summaries_carry_no_raw_html_from_the_document(present_at_start: CliRun) -> None:
    summaries = [p.read_text() for p in (present_at_start.workdir / "out/summaries").iterdir()]
    escaped = [text for text in summaries if "&lt;img src=x onerror=alert(1)&gt;" in text]
    assert len(escaped) == 1, "the complaint should be quoted, escaped"
    assert not any("<img" in text or "<script" in text for text in summaries)


def test_nothing_behind_a_link_reaches_the_trail(present_at_start: CliRun) -> None:
    assert SECRET_OUTSIDE not in _trail_text(present_at_start)


def test_the_chain_verifies_after_odd_entries(present_at_start: CliRun) -> None:
    _assert_chain_verifies(present_at_start)


# -- swapped between the listing and the reading ---------------------------------------------

# Runs `attest` with the inbox listing wrapped: right after the batch lists the inbox, the
# files are swapped the way an attacker (or a careless copy job) would, before any is read.
SWAP_HOOK = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path


    def list_then_swap(inbox):
        files, skipped = listed(inbox)
        os.unlink(inbox / "swapped-link.txt")
        os.symlink(os.path.abspath("outside.txt"), inbox / "swapped-link.txt")
        os.unlink(inbox / "swapped-fifo.txt")
        os.mkfifo(inbox / "swapped-fifo.txt")
        os.unlink(inbox / "swapped-folder.txt")
        os.mkdir(inbox / "swapped-folder.txt")
        os.unlink(inbox / "deleted.txt")
        return files, skipped


    if __name__ == "__main__":  # worker processes import this module too: only the batch swaps
        from flows.settings import configure_prefect

        configure_prefect(Path("out"))
        import flows.batch as batch

        listed = batch.list_inbox
        batch.list_inbox = list_then_swap
        from flows.cli import main

        sys.exit(main(sys.argv[1:]))
    """
)
SWAPPED = ("swapped-link.txt", "swapped-fifo.txt", "swapped-folder.txt", "deleted.txt")


@pytest.fixture(scope="module")
def swapped_mid_run(tmp_path_factory: pytest.TempPathFactory) -> CliRun:
    workdir = tmp_path_factory.mktemp("swapped")
    inbox = workdir / "inbox"
    inbox.mkdir()
    (workdir / "outside.txt").write_text(SECRET_OUTSIDE)
    for number, name in enumerate(("kept-1.txt", "kept-2.txt", *SWAPPED)):
        (inbox / name).write_text(_note(10 + number))
    (workdir / "swap_hook.py").write_text(SWAP_HOOK)
    return _attest(
        workdir,
        "run",
        "inbox",
        "--out",
        "out",
        timeout=300,
        extra_env={"PYTHONPATH": f"{workdir}{os.pathsep}{NETGUARD}"},
        module="swap_hook",
    )


def test_files_swapped_after_the_listing_do_not_stop_the_batch(swapped_mid_run: CliRun) -> None:
    assert swapped_mid_run.returncode == 0, swapped_mid_run.output
    processed = os.listdir(swapped_mid_run.workdir / "out/processed")
    assert sorted(name.split("-", 1)[1] for name in processed) == ["kept-1.txt", "kept-2.txt"]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("swapped-link.txt", "symbolic link"),
        ("swapped-fifo.txt", "FIFO"),
        ("swapped-folder.txt", "folder"),
        ("deleted.txt", "disappeared"),
    ],
)
def test_each_swapped_file_is_skipped_with_its_reason(
    swapped_mid_run: CliRun, name: str, reason: str
) -> None:
    lines = swapped_mid_run.output.splitlines()
    # The table may wrap a long reason onto the row's next lines.
    rows = [" ".join(lines[i : i + 3]) for i, line in enumerate(lines) if f" {name} " in line]
    assert any("skipped" in row and reason in row for row in rows), swapped_mid_run.output


def test_a_symlink_swapped_in_is_never_followed(swapped_mid_run: CliRun) -> None:
    assert SECRET_OUTSIDE not in _trail_text(swapped_mid_run)
    assert os.path.islink(swapped_mid_run.workdir / "inbox/swapped-link.txt")


def test_the_chain_verifies_after_swaps(swapped_mid_run: CliRun) -> None:
    _assert_chain_verifies(swapped_mid_run)


def _trail_text(run: CliRun) -> str:
    with closing(sqlite3.connect(run.workdir / "out/audit.db")) as db:
        return "\n".join(payload for (payload,) in db.execute("SELECT payload FROM audit_events"))


def _assert_chain_verifies(run: CliRun) -> None:
    check = _attest(run.workdir, "verify", "--db", "sqlite:///out/audit.db")
    assert check.returncode == 0, check.output


# -- a file error in a stage --------------------------------------------------------------

BLOCKED_NAME = "jane-roe-intake-blocked.txt"


@pytest.fixture(scope="module")
def blocked_move(tmp_path_factory: pytest.TempPathFactory) -> CliRun:
    """The processed/ target of one document is taken by a folder, so its move fails: the
    record stage raises an OSError (after the decision is committed), retries, and fails."""
    workdir = tmp_path_factory.mktemp("blocked")
    inbox = workdir / "inbox"
    inbox.mkdir()
    text = _note(30)
    (inbox / BLOCKED_NAME).write_text(text)
    doc_id = hashlib.sha256(text.encode()).hexdigest()
    (workdir / "out/processed" / f"{doc_id[:12]}-{BLOCKED_NAME}" / "occupied").mkdir(parents=True)
    first = _attest(workdir, "run", "inbox", "--out", "out", "--retries", "1", timeout=300)
    again = _attest(workdir, "run", "inbox", "--out", "out", "--retries", "0", timeout=300)
    return CliRun(
        first.returncode,
        first.output + again.output,
        workdir,
        first.netguard_log,
        first.prefect_home,
    )


def test_a_file_error_fails_the_document_and_names_no_file_in_log_errors(
    blocked_move: CliRun,
) -> None:
    errors = [line for line in blocked_move.output.splitlines() if "ERROR" in line]
    assert errors, "the failed record stage should be logged"
    assert not [line for line in errors if "jane-roe" in line or "/inbox" in line]
    assert f"inbox/{BLOCKED_NAME}" not in blocked_move.output  # no path in any traceback


def test_a_decided_document_that_cannot_be_moved_is_recorded_once(blocked_move: CliRun) -> None:
    with closing(sqlite3.connect(blocked_move.workdir / "out/audit.db")) as db:
        decisions = [
            decision
            for (decision,) in db.execute(
                "SELECT decision_id FROM audit_events WHERE event_type = 'decision_recorded'"
            )
        ]
    # Once per configuration: a run under a changed configuration decides anew, by design.
    assert decisions and len(set(decisions)) == len(decisions)
    assert (blocked_move.workdir / "inbox" / BLOCKED_NAME).exists()
    _assert_chain_verifies(blocked_move)
