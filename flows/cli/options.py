"""Command-line options generated from the Settings fields, and the Settings built from them.

A setting is declared once, in `flows.settings.Settings`: its name gives the flag (`max_tokens`
-> `--max-tokens`; a setting that is on by default gets `--no-NAME` instead, as `progress` ->
`--no-progress`), its type the argument's type and choices, its default and description the
help. The groups below only say which commands take which settings. An option left out on the
command line stays None here, so the environment (ATTEST_*) or the field's default decides.
"""

from __future__ import annotations

import argparse
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import SecretStr
from pydantic.fields import FieldInfo

from flows.settings import Settings

# Secrets (the API and checkpoint keys) have no flag on purpose: a command line shows in `ps`.
DB_SETTINGS = ("db", "out")
BACKEND_SETTINGS = (
    "backend",
    "clause_flags",
    "llm_url",
    "model",
    "expect_root",
    "model_dir",
    "adapter_dir",
    "max_tokens",
    "seed",
)
RUN_SETTINGS = (
    "domain",
    *BACKEND_SETTINGS,
    *DB_SETTINGS,
    "workers",
    "processes",
    "document_budget_s",
    "retries",
    "progress",
    "task_runner",
    "dask_address",
)


def add_setting_options(parser: argparse.ArgumentParser, names: tuple[str, ...]) -> None:
    for name in names:
        field = Settings.model_fields[name]
        if field.annotation is bool:
            flag = f"--no-{name}" if field.default else f"--{name}"
            parser.add_argument(
                flag.replace("_", "-"),
                dest=name,
                action="store_const",
                const=not field.default,
                default=None,
                help=_help(field, name, negated=bool(field.default)),
            )
            continue
        kind, choices = _argument_type(field.annotation)
        parser.add_argument(
            "--" + name.replace("_", "-"),
            dest=name,
            type=kind,
            choices=choices,
            help=_help(field, name),
        )


def add_db_options(parser: argparse.ArgumentParser) -> None:
    add_setting_options(parser, DB_SETTINGS)


def add_backend_options(parser: argparse.ArgumentParser) -> None:
    add_setting_options(parser, BACKEND_SETTINGS)


def add_run_options(parser: argparse.ArgumentParser) -> None:
    add_setting_options(parser, RUN_SETTINGS)


def settings_from(args: argparse.Namespace, **extra: Any) -> Settings:
    """Settings from the options given (by name: an argument named like a setting sets it),
    then ATTEST_* variables, then the defaults; `extra` overrides all of them."""
    given: dict[str, Any] = {
        name: value
        for name in Settings.model_fields
        if (value := getattr(args, name, None)) is not None and value != ""
    }
    return Settings(**(given | extra))


def check_backend(settings: Settings) -> None:
    """A model server named without a backend that uses it is a mistake, not a request for the
    rules baseline: say so instead of silently running without the model."""
    if settings.backend == "rules" and (settings.llm_url or settings.model):
        from flows.errors import ConfigError

        raise ConfigError(
            "a model server is named (--llm-url/--model or ATTEST_LLM_URL/ATTEST_MODEL) but the "
            "backend is 'rules', which uses no model",
            hint="add --backend openai-compatible (or ATTEST_BACKEND=openai-compatible) to use "
            "the server, or drop --llm-url/--model to run the rules baseline",
        )


def _argument_type(annotation: Any) -> tuple[type[Any], list[str] | None]:
    """The argparse type (and choices, for a Literal) of a field: `X | None` is read as X."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        (annotation,) = (a for a in typing.get_args(annotation) if a is not type(None))
    if typing.get_origin(annotation) is typing.Literal:
        return str, [str(choice) for choice in typing.get_args(annotation)]
    if annotation is SecretStr:  # pydantic wraps the text it is given
        return str, None
    if annotation in (str, int, float, Path):
        kind: type[Any] = annotation
        return kind, None
    raise TypeError(f"no command-line type for a setting of type {annotation!r}")


def _help(field: FieldInfo, name: str, *, negated: bool = False) -> str:
    text = field.description or ""
    if negated:  # --no-progress: the description says what the setting does when on
        text = "Turns off the default: " + text[:1].lower() + text[1:]
    elif field.default is not None:
        text += f" (default: {field.default})"
    text += f" [env ATTEST_{name.upper()}]"
    return text.replace("%", "%%")  # argparse formats help with %
