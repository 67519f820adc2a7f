"""The audit store on both real backends: SQLite in a temporary file and PostgreSQL.

Every PostgreSQL test gets a database of its own (`attest_test_<hex>`), created through an
autocommit connection to the `test` database and dropped afterwards. PostgreSQL is required:
if it cannot be reached the PostgreSQL cases fail (they are never skipped); `make postgres`
starts the local cluster. ATTEST_TEST_PG_URL points the suite at another server's `test` database.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from audit import AuditStore

# The `test` database on the local server (trust auth). Overridable for other machines.
PG_ADMIN_URL = os.environ.get(
    "ATTEST_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[Engine]:
    """An autocommit engine on the `test` database; fails (not skips) when the server is down."""
    engine = create_engine(
        PG_ADMIN_URL,
        isolation_level="AUTOCOMMIT",
        connect_args={"connect_timeout": 5},
        poolclass=NullPool,
    )
    problem = ""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        cause = getattr(error, "orig", None) or error
        problem = f"{type(cause).__name__}: {str(cause).strip()}"
    if problem:
        engine.dispose()
        shown = make_url(PG_ADMIN_URL).render_as_string(hide_password=True)
        pytest.fail(
            f"PostgreSQL is not reachable at {shown} ({problem}). The PostgreSQL cases of "
            "tests/audit need it and are never skipped: CI provides it, `make postgres` "
            "starts the local cluster.",
            pytrace=False,
        )
    yield engine
    engine.dispose()


def _pg_database(admin: Engine) -> Iterator[str]:
    name = f"attest_test_{uuid.uuid4().hex}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty audit database on one backend, private to the test."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'audit.db'}"
    else:
        yield from _pg_database(request.getfixturevalue("pg_admin"))


@pytest.fixture
def store(store_url: str) -> Iterator[AuditStore]:
    """An open store on `store_url`, closed (engine disposed) after the test."""
    opened = AuditStore(store_url)
    try:
        yield opened
    finally:
        opened.close()
