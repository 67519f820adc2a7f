"""`attest serve` and `attest users`: the review app wired to this installation."""

from __future__ import annotations

import getpass
import secrets
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from audit import AuditStore, VerifyReport
from audit.bundle import export_run
from audit.errors import AccessError
from audit.users import Role, UserDirectory
from extractors.limits import ParseLimits
from extractors.llm.prompting import prompt_ref, prompt_source
from extractors.ocr.tesseract import TesseractOcr
from extractors.page_view import PageRenderer
from flows.errors import ConfigError
from flows.settings import Settings
from flows.stores import open_store
from schemas.canonical import canonical_json
from schemas.document import DOMAINS
from schemas.outputs import json_schema, schema_ref

if TYPE_CHECKING:
    from fastapi import FastAPI

DEMO_USER = "demo"
PAGE_CACHE = ".page-cache"
CLI_ACTOR = "cli"


def write_bundle(
    store: AuditStore, run_id: str, folder: Path, checkpoint_json: str | None = None
) -> Path:
    """A run's evidence bundle with the schemas and prompts this installation has."""
    # Written exactly as hashed, so each file's SHA-256 is its name.
    schemas = {schema_ref(d).sha256: canonical_json(json_schema(d)) for d in DOMAINS}
    prompts = {prompt_ref(d).sha256: prompt_source(d) for d in DOMAINS}
    return export_run(
        store,
        run_id,
        folder,
        schemas=schemas,
        instructions=prompts,
        checkpoint_json=checkpoint_json,
    )


def page_renderer(settings: Settings) -> PageRenderer:
    """Pages from the run's processed/ copies; the rendered (redacted) images are cached in
    the output folder, never in the audit store."""
    limits = ParseLimits(ocr_dpi=settings.ocr_dpi)
    return PageRenderer(
        settings.out / "processed", settings.out / PAGE_CACHE, limits=limits, ocr=TesseractOcr()
    )


def four_eyes_domains(settings: Settings) -> frozenset[str]:
    """The domains where a less urgent override waits for a second reviewer."""
    named = {d.strip() for d in settings.four_eyes.split(",") if d.strip()}
    if named == {"none"}:
        return frozenset()
    unknown = named - set(DOMAINS)
    if unknown:
        raise ConfigError(
            f"four_eyes names unknown domains: {', '.join(sorted(unknown))}",
            hint=f"use a comma-separated list of {', '.join(DOMAINS)}, or 'none'",
        )
    return frozenset(named)


def review_app(
    settings: Settings,
    store: AuditStore,
    *,
    session_minutes: int = 60,
    secure_cookies: bool = False,
) -> FastAPI:
    """The review app over `store` with this installation's parts: evidence bundles, the
    document pages, four eyes where configured, and the rules' safety floor under every
    override (one less urgent than the rules' triage level always waits for a second
    reviewer, whatever `four_eyes` says)."""
    from audit.web import create_app
    from extractors.routing import check_override

    return create_app(
        store,
        session_minutes=session_minutes,
        secure_cookies=secure_cookies,
        bundle_writer=write_bundle,
        page_renderer=page_renderer(settings),
        four_eyes=four_eyes_domains(settings),
        override_floor=check_override,
    )


def serve(
    settings: Settings,
    host: str,
    port: int,
    console: Console,
    *,
    session_minutes: int,
    secure_cookies: bool,
) -> int:
    import uvicorn

    store = open_store(settings)
    if not UserDirectory(store).all():
        console.print(
            "[yellow]No users yet[/yellow]: nobody can log in. Add one with\n"
            f"  attest users add NAME --role admin --db {settings.db_display()}"
        )
    app = review_app(
        settings, store, session_minutes=session_minutes, secure_cookies=secure_cookies
    )
    console.print(f"Review app on http://{host}:{port}/ (Ctrl+C stops it)")
    # No access log: the audit trail records who looked at what, and URLs are all it would add.
    uvicorn.run(app, host=host, port=port, access_log=False, log_level="warning")
    store.close()
    return 0


def add_user(
    settings: Settings, username: str, role: str, console: Console, *, password_stdin: bool
) -> int:
    password = _read_password(password_stdin)
    store = open_store(settings)
    try:
        user = UserDirectory(store).add(username, password, role, actor=CLI_ACTOR)
    finally:
        store.close()
    console.print(f"Added {user.username} ({user.role}); the event is in the audit trail.")
    return 0


def set_role(settings: Settings, username: str, role: str, console: Console) -> int:
    store = open_store(settings)
    try:
        user = UserDirectory(store).set_role(username, role, actor=CLI_ACTOR)
    finally:
        store.close()
    console.print(f"{user.username} is now {user.role}; the change is in the audit trail.")
    return 0


def disable_user(settings: Settings, username: str, console: Console) -> int:
    store = open_store(settings)
    try:
        UserDirectory(store).disable(username, actor=CLI_ACTOR)
    finally:
        store.close()
    console.print(f"Disabled {username}; their sessions are closed.")
    return 0


def list_users(settings: Settings, console: Console) -> int:
    store = open_store(settings)
    try:
        users = UserDirectory(store).all()
    finally:
        store.close()
    table = Table("user", "role", "state")
    for user in users:
        table.add_row(user.username, user.role.value, "disabled" if user.disabled else "active")
    console.print(table)
    return 0


def demo_account(settings: Settings) -> str | None:
    """Create the demo's admin account once; its password is returned to be printed once."""
    store = open_store(settings)
    try:
        directory = UserDirectory(store)
        if directory.get(DEMO_USER) is not None:
            return None
        password = secrets.token_urlsafe(12)
        directory.add(DEMO_USER, password, Role.ADMIN, actor=CLI_ACTOR)
        return password
    finally:
        store.close()


def what_verify_proved(report: VerifyReport, key_file: Path) -> str:
    """Plainly, what an OK from `attest verify` does and does not show."""
    if report.keyed and report.sealed:
        head = (
            f"; it still holds the {report.head_size} records sealed at the last append, so "
            "nothing was cut off before that"
            if report.head_size is not None
            else "; no sealed head was found, so records cut off the end would not show"
        )
        return (
            f"Sealed: the chain key {key_file} vouches for every record (a record altered and "
            f"re-hashed by someone without the key fails){head}."
        )
    return (
        f"Not sealed (no chain key at {key_file}, or no record carries a MAC): this shows the "
        "records agree with each other, not that someone with write access to the database did "
        "not rewrite and re-hash them; verify against a signed checkpoint for that."
    )


def user_discrepancies(store: AuditStore) -> list[str]:
    return UserDirectory(store).discrepancies()


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    if not sys.stdin.isatty():
        raise AccessError(
            "no terminal to ask for the password", hint="pipe it in with --password-stdin"
        )
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Again: "):
        raise AccessError("the two passwords differ", hint="run the command again")
    return first
