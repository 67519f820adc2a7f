"""An exported evidence bundle verifies on its own, offline, and fails after any change."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from corpora.demo_inbox import FINANCE_STATEMENT, LEGAL_NDA, document_bytes
from tests.flows.conftest import CliRun, run_cli

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> tuple[CliRun, Path]:
    workdir = tmp_path_factory.mktemp("export")
    (workdir / "inbox").mkdir()
    for sample in (FINANCE_STATEMENT, LEGAL_NDA):
        (workdir / "inbox" / sample.filename).write_bytes(document_bytes(sample))
    run = run_cli(workdir, "run", "inbox", "--out", "out")
    run_id = next(line.split()[2] for line in run.output.splitlines() if line.startswith("Run id:"))
    assert run_cli(workdir, "keygen", "keys").returncode == 0
    db = ("--db", "sqlite:///out/audit.db")
    made = run_cli(
        workdir, "checkpoint", *db, "--key", "keys/checkpoint-key.pem", "--output", "head.json"
    )
    assert made.returncode == 0, made.output
    exported = run_cli(
        workdir, "export", "--run", run_id, "--output", "bundle", "--checkpoint", "head.json", *db
    )
    assert exported.returncode == 0, exported.output
    return run, workdir / "bundle"


def test_the_bundle_verifies_offline(bundle: tuple[CliRun, Path], tmp_path: Path) -> None:
    _, folder = bundle
    elsewhere = tmp_path / "copied-bundle"
    shutil.copytree(folder, elsewhere)
    check = run_cli(tmp_path, "verify", "--bundle", str(elsewhere))
    assert check.returncode == 0 and "OK: bundle" in check.output, check.output


def test_schemas_and_prompts_are_named_by_their_hash(bundle: tuple[CliRun, Path]) -> None:
    _, folder = bundle
    named = list((folder / "schemas").iterdir())
    assert named and all(hashlib.sha256(p.read_bytes()).hexdigest() == p.stem for p in named)


def test_the_bundle_holds_the_decisions_and_the_checkpoint(bundle: tuple[CliRun, Path]) -> None:
    _, folder = bundle
    decisions = (folder / "decisions.jsonl").read_text().splitlines()
    assert len(decisions) == 2 and (folder / "checkpoint.json").is_file()
    assert json.loads((folder / "manifest.json").read_text())["missing"] == []


@pytest.mark.parametrize("target", ["decisions.jsonl", "chain.jsonl", "checkpoint.json"])
def test_changing_any_byte_makes_verification_fail(
    bundle: tuple[CliRun, Path], tmp_path: Path, target: str
) -> None:
    _, folder = bundle
    copy = tmp_path / "tampered"
    shutil.copytree(folder, copy)
    data = bytearray((copy / target).read_bytes())
    data[len(data) // 2] ^= 0x01
    (copy / target).write_bytes(bytes(data))
    check = run_cli(tmp_path, "verify", "--bundle", str(copy))
    assert check.returncode == 3 and "altered" in check.output


def test_swapping_the_signing_key_is_detected(bundle: tuple[CliRun, Path]) -> None:
    run, _ = bundle
    assert run_cli(run.workdir, "keygen", "other-keys").returncode == 0
    check = run_cli(
        run.workdir, "verify", "--db", "sqlite:///out/audit.db", "--checkpoint", "head.json",
        "--public-key", "other-keys/checkpoint-key.pub.pem",
    )  # fmt: skip
    assert check.returncode == 3 and "another key" in check.output
