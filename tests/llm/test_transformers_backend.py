"""The local-model backend: same schemas, identity from the directory's content."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extractors.llm.base import generation_request
from extractors.llm.generation import ModelBackend
from extractors.llm.model_files import directory_digest
from extractors.llm.transformers_local import TransformersTransport
from schemas.generation import DecodingParams
from schemas.outputs import OUTPUT_MODELS

DECODING = DecodingParams(max_tokens=1200)


def test_the_revision_is_the_digest_of_the_model_directory(tiny_model_dir: Path) -> None:
    identity = TransformersTransport(tiny_model_dir, decoding=DECODING).identity()
    assert identity.revision == "sha256:" + directory_digest(tiny_model_dir)
    assert identity.backend == "transformers" and identity.max_context == 4096


def test_any_change_to_the_directory_changes_the_revision(
    tiny_model_dir: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "model"
    shutil.copytree(tiny_model_dir, copy)
    before = directory_digest(copy)
    (copy / "tokenizer_config.json").write_text((copy / "tokenizer_config.json").read_text() + " ")
    assert directory_digest(copy) != before


@pytest.mark.slow
def test_generation_is_schema_valid_and_deterministic(tiny_model_dir: Path) -> None:
    backend = ModelBackend(TransformersTransport(tiny_model_dir, decoding=DECODING))
    request = generation_request("finance", "Borrower: <PERSON_1>\nAmount requested: $85,000.00")
    first, second = backend.generate(request), backend.generate(request)
    OUTPUT_MODELS["finance"].model_validate_json(first.raw_output)
    assert first.raw_output == second.raw_output
