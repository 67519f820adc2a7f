"""The command line's settings options: generated from the Settings fields, one name each."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr

from flows.cli import EXIT_USAGE, build_parser, main
from flows.cli.options import settings_from


def _run_settings(*options: str):  # type: ignore[no-untyped-def]
    return settings_from(build_parser().parse_args(["run", "inbox", *options]))


def test_a_flag_given_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATTEST_WORKERS", "8")
    assert _run_settings("--workers", "3").workers == 3


def test_a_flag_left_out_leaves_the_environment_then_the_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ATTEST_WORKERS", "8")
    assert _run_settings().workers == 8
    monkeypatch.delenv("ATTEST_WORKERS")
    assert _run_settings().workers == 4


def test_no_progress_turns_the_progress_setting_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ATTEST_PROGRESS", raising=False)
    assert _run_settings().progress is True
    assert _run_settings("--no-progress").progress is False


def test_typed_options_arrive_typed_and_the_database_url_stays_secret() -> None:
    settings = _run_settings(
        "--db", "sqlite:////tmp/x.db", "--out", "o", "--document-budget-s", "2.5"
    )
    assert isinstance(settings.db, SecretStr)
    assert settings.db_url() == "sqlite:////tmp/x.db"
    assert settings.out == Path("o")
    assert settings.document_budget_s == 2.5


def test_a_choice_outside_the_settings_literal_is_refused() -> None:
    with pytest.raises(SystemExit) as refused:
        build_parser().parse_args(["run", "inbox", "--backend", "gpt"])
    assert refused.value.code == 2


def test_a_value_outside_the_settings_bounds_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["run", str(tmp_path), "--workers", "0", "--out", str(tmp_path)]) == EXIT_USAGE


def test_the_demo_takes_the_backend_options_the_model_import_tells_users_to_give() -> None:
    args = build_parser().parse_args(
        ["demo", "--backend", "transformers", "--model-dir", "models/base"]
    )
    settings = settings_from(args)
    assert settings.backend == "transformers"
    assert settings.model_dir == Path("models/base")
