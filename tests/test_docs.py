"""The README documents every setting and every CLI command."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from flows.cli import build_parser
from flows.settings import Settings

README = (Path(__file__).parent.parent / "README.md").read_text()


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_every_setting_is_in_the_configuration_table(name: str) -> None:
    assert re.search(rf"^\| `{name}` \|", README, re.MULTILINE), (
        f"setting {name} missing from README"
    )


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_every_setting_has_a_description(name: str) -> None:
    assert Settings.model_fields[name].description


def _commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sorted(sub.choices)  # type: ignore[arg-type]


@pytest.mark.parametrize("command", _commands())
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"`attest {command}" in README


def _setting_options() -> list[tuple[str, str, str]]:
    """(command, flag, setting) for every option of every command that sets a setting."""
    found: list[tuple[str, str, str]] = []
    pending: list[tuple[str, argparse.ArgumentParser]] = [("attest", build_parser())]
    while pending:
        name, parser = pending.pop()
        for action in parser._actions:
            if action.choices and isinstance(action.choices, dict):
                pending += [(f"{name} {n}", p) for n, p in action.choices.items()]
            elif action.dest in Settings.model_fields and action.option_strings:
                found += [(name, action.option_strings[0], action.dest)]
    return sorted(found)


@pytest.mark.parametrize(("command", "flag", "setting"), _setting_options())
def test_a_settings_option_is_the_settings_name(command: str, flag: str, setting: str) -> None:
    """Scripts pass `--max-tokens` where the environment has ATTEST_MAX_TOKENS: one name."""
    assert flag in (f"--{setting}".replace("_", "-"), f"--no-{setting}".replace("_", "-"))


def test_the_run_options_are_generated_from_the_settings_fields() -> None:
    run = next(a for a in build_parser()._actions if a.dest == "command").choices["run"]  # type: ignore[index]
    helps = {a.dest: a.help or "" for a in run._actions}
    for name in ("workers", "document_budget_s", "task_runner", "out"):
        field = Settings.model_fields[name]
        assert helps[name].startswith(field.description or "?")
        assert f"(default: {field.default})" in helps[name]
        assert f"ATTEST_{name.upper()}" in helps[name]
