"""The tiny model (built once per session) and the vLLM stand-in serving it over real HTTP."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# torch.compile on the first generation costs ~30 s and needs a compiler: not what we test.
os.environ.setdefault("TORCHDYNAMO_DISABLE", "1")

from tests.llm.standin import StandInConfig, StandInServer, TinyDecoder
from tests.llm.tiny_model import build_tiny_model


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_model(tmp_path_factory.mktemp("tiny-model") / "attest-tiny")


@pytest.fixture(scope="session")
def decoder(tiny_model_dir: Path) -> TinyDecoder:
    return TinyDecoder(tiny_model_dir)


@pytest.fixture
def standin(tiny_model_dir: Path, decoder: TinyDecoder) -> Iterator[StandInServer]:
    with StandInServer(StandInConfig(tiny_model_dir), decoder) as server:
        yield server
