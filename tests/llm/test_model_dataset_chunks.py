"""A long labelled contract is taught chunk by chunk, as the model reads it: each chunk's
target carries the labelled flags whose expert clause lies in that chunk, quoting the clause."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from flows.model.chunk_targets import chunk_targets
from flows.model.labelled import SEVERITY, corpus_manifest, labelled_examples
from flows.settings import Settings

CUAD_LAYOUT = Path(__file__).parents[1] / "data" / "cuad_layout"
LAW = (
    "This Agreement shall be governed by, and construed in accordance with, "
    "the laws of the State of New York."
)
EXCLUSIVE = "Supplier appoints Distributor as its exclusive distributor of the Products in Canada."
FIRST = f"DISTRIBUTION AGREEMENT\n\n1. Appointment. {EXCLUSIVE}\n\n"
SECOND = f"2. Prices are set out in Schedule A.\n\n3. Law. {LAW}\n"
QUOTES = {"Governing Law": (LAW,), "Exclusivity": (EXCLUSIVE,)}
LABELLED = frozenset(QUOTES)


def _flags(target: dict[str, object]) -> dict[str, str]:
    flags = target["clause_flags"]
    assert isinstance(flags, list)
    return {flag["kind"]: flag["evidence"] for flag in flags}


def test_each_chunk_carries_the_flags_whose_clause_lies_in_it() -> None:
    targets = chunk_targets("legal", [FIRST, SECOND], LABELLED, QUOTES, SEVERITY["legal"])
    assert isinstance(targets, list)
    assert [_flags(t) for t in targets] == [{"Exclusivity": EXCLUSIVE}, {"Governing Law": LAW}]


def test_a_clause_quoted_across_a_line_break_still_places_its_flag() -> None:
    wrapped = FIRST.replace("exclusive distributor", "exclusive\ndistributor")
    targets = chunk_targets("legal", [wrapped, SECOND], LABELLED, QUOTES, SEVERITY["legal"])
    assert isinstance(targets, list) and _flags(targets[0]) == {"Exclusivity": EXCLUSIVE}


def test_a_flag_without_a_quote_in_any_chunk_falls_back_to_the_rules_evidence() -> None:
    targets = chunk_targets(
        "legal", [FIRST, SECOND], frozenset({"Governing Law"}), {}, SEVERITY["legal"]
    )
    assert isinstance(targets, list)
    assert _flags(targets[0]) == {}
    (evidence,) = _flags(targets[1]).values()
    assert evidence in SECOND


def test_a_flag_no_chunk_can_quote_leaves_the_document_out() -> None:
    labelled = frozenset({"Audit Rights"})
    targets = chunk_targets("legal", [FIRST, SECOND], labelled, {}, SEVERITY["legal"])
    assert targets == "labelled 'Audit Rights' has no evidence in the redacted text"


def _max_tokens_leaving(model_dir: Path, chunk_tokens: int) -> int:
    """The --max-tokens that leaves `chunk_tokens` of the tiny model's context for the text."""
    from extractors.llm.prompting import chat_messages
    from extractors.llm.transformers_local import TransformersTransport
    from tests.llm.tiny_model import CONTEXT_TOKENS

    transport = TransformersTransport(model_dir)
    prompt = transport.count_prompt_tokens(chat_messages("legal", "", 2, 2))
    return CONTEXT_TOKENS - prompt - transport.chunk_margin - chunk_tokens


def test_the_export_splits_as_the_model_would_and_sends_each_chunk_as_its_part(
    tmp_path: Path, tiny_model_dir: Path
) -> None:
    folder = tmp_path / "cuad"
    shutil.copytree(CUAD_LAYOUT, folder)
    settings = Settings(
        out=tmp_path / "out",
        ner_model="none",
        model_dir=tiny_model_dir,
        max_tokens=_max_tokens_leaving(tiny_model_dir, 120),
    )
    examples, export = labelled_examples(folder, settings)
    assert export.examples == len(examples) == 3  # alpha in three parts (gamma: see below)
    assert list(export.left_out) == ["gamma.txt"]  # left out whole or split alike
    for example in examples:
        user = example.messages[1]["content"]
        assert user.startswith("Document (part ")
        target = json.loads(example.messages[-1]["content"])
        for flag in target["clause_flags"]:
            assert " ".join(flag["evidence"].split()) in " ".join(user.split())
    kinds = {
        f["kind"] for e in examples for f in json.loads(e.messages[-1]["content"])["clause_flags"]
    }
    assert kinds == {"Governing Law", "Exclusivity", "Anti-Assignment"}


def test_without_a_model_directory_each_document_is_one_example(tmp_path: Path) -> None:
    folder = tmp_path / "cuad"
    shutil.copytree(CUAD_LAYOUT, folder)
    examples, _ = labelled_examples(folder, Settings(out=tmp_path / "out", ner_model="none"))
    assert [e.messages[1]["content"].split(":", 1)[0] for e in examples] == ["Document"]


def test_a_limit_takes_the_first_documents_by_name_digest_and_is_recorded(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "cuad"
    shutil.copytree(CUAD_LAYOUT, folder)
    settings = Settings(out=tmp_path / "out", ner_model="none")
    _, export = labelled_examples(folder, settings, limit=1)
    (entry,) = corpus_manifest([export])
    assert export.documents == 1 and entry["limit"] == 1
