"""The `clause_flags` setting: CUAD's 12 categories by default, all 41 when asked, recorded in
the rule set's identity and scored by `attest eval flags` (on two real CUAD contracts)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from extractors.llm.base import generation_request
from extractors.llm.rules import legal
from flows.components import build_backend
from flows.settings import Settings
from schemas.outputs.legal import CLAUSE_SETS, ClauseSet
from tests.flows.conftest import run_cli

CUAD_REAL = Path(__file__).parents[1] / "data" / "cuad_real"
# A real maintenance schedule (CUAD, CC BY 4.0; see the folder's NOTICE): its experts marked
# Warranty Duration and Expiration Date among CUAD's other 29 categories.
MAINTENANCE = next((CUAD_REAL / "full_contract_txt").glob("Cardlytics*.txt")).read_text()


def rules_flags(clause_flags: ClauseSet, text: str = MAINTENANCE) -> list[dict[str, Any]]:
    backend = build_backend(Settings(clause_flags=clause_flags, ner_model="none"))
    raw = backend.generate(generation_request("legal", text)).raw_output
    flags: list[dict[str, Any]] = json.loads(raw)["clause_flags"]
    return flags


def test_cuad41_makes_the_rules_backend_flag_cuads_other_categories() -> None:
    kinds = {flag["kind"] for flag in rules_flags("cuad41")}
    assert {"Warranty Duration", "Expiration Date"} <= kinds
    assert not kinds <= set(CLAUSE_SETS["default"])


def test_the_default_setting_flags_the_twelve_as_the_rules_always_did() -> None:
    flags = rules_flags("default")
    assert {flag["kind"] for flag in flags} <= set(CLAUSE_SETS["default"])
    assert flags == legal.extract(MAINTENANCE)["clause_flags"]


def test_the_clause_set_is_named_in_the_legal_instructions_the_run_hashes() -> None:
    default = build_backend(Settings(ner_model="none")).instructions("legal")
    everything = build_backend(Settings(clause_flags="cuad41", ner_model="none"))
    assert default.id == "attest.rules.legal"
    assert everything.instructions("legal").id == "attest.rules.legal.cuad41"
    assert everything.instructions("legal").sha256 != default.sha256
    # Other domains' rules do not depend on the clause set.
    assert everything.instructions("clinical") == build_backend(Settings()).instructions("clinical")


def test_eval_flags_scores_the_other_categories_only_with_cuad41(tmp_path: Path) -> None:
    folder = tmp_path / "cuad"
    shutil.copytree(CUAD_REAL, folder)
    for clause_flags in ("default", "cuad41"):
        run = run_cli(
            tmp_path,
            *("eval", "flags", str(folder), "--clause-flags", clause_flags),
            *("--json", f"{clause_flags}.json"),
        )
        assert run.returncode == 0, run.output
    default = json.loads((tmp_path / "default.json").read_text())
    everything = json.loads((tmp_path / "cuad41.json").read_text())
    assert {row["flag"] for row in default["per_flag"]} <= set(CLAUSE_SETS["default"])
    rows = {row["flag"]: row for row in everything["per_flag"]}
    assert rows["Warranty Duration"]["tp"] == 1 and rows["Liquidated Damages"]["tp"] == 1
    # The experts' labels of the other 29 are counted, found or not (Watchit's Effective Date).
    assert rows["Effective Date"]["fn"] >= 1
