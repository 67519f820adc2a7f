"""A changed configuration makes new decisions that name the ones they supersede."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing

import pytest

from corpora.demo_inbox import LEGAL_NDA, document_bytes
from tests.flows.conftest import run_cli

pytestmark = pytest.mark.slow


def test_rerun_under_a_new_configuration_supersedes_the_old_decision(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    workdir = tmp_path_factory.mktemp("reconfigured")
    inbox = workdir / "inbox"
    inbox.mkdir()
    data = document_bytes(LEGAL_NDA)
    (inbox / LEGAL_NDA.filename).write_bytes(data)
    first = run_cli(workdir, "run", "inbox", "--out", "out", "--domain", "auto")
    assert first.returncode == 0, first.output
    # The operator puts the same file back and runs with the domain fixed instead of detected.
    (inbox / LEGAL_NDA.filename).write_bytes(data)
    second = run_cli(workdir, "run", "inbox", "--out", "out", "--domain", "legal")
    assert second.returncode == 0, second.output
    assert "1 processed" in second.output

    with closing(sqlite3.connect(workdir / "out/audit.db")) as db:
        rows = db.execute(
            "SELECT decision_id, config_hash, payload FROM audit_events "
            "WHERE event_type='decision_recorded' ORDER BY seq"
        ).fetchall()
    assert len(rows) == 2
    (old_id, old_config, _), (new_id, new_config, new_payload) = rows
    assert new_id != old_id and new_config != old_config
    assert json.loads(new_payload)["supersedes"] == old_id
