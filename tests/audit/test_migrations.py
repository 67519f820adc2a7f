"""The audit schema comes from Alembic migrations, on SQLite and on PostgreSQL alike."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from audit import AuditStore
from audit.migrate import MIGRATIONS
from audit.models import Base

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'audit.db'}"
        return
    name = f"attest_mig_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def _head() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_opening_a_new_store_runs_the_migrations(empty_url: str) -> None:
    AuditStore(empty_url).close()
    assert {"audit_events", "alembic_version"} <= _tables(empty_url)


def test_opening_twice_is_harmless(empty_url: str) -> None:
    AuditStore(empty_url).close()
    store = AuditStore(empty_url)
    assert store.count() == 0
    store.close()


def test_a_store_created_before_migrations_is_stamped_not_recreated(empty_url: str) -> None:
    # Before migrations existed the store created its one table itself; nothing else.
    engine = create_engine(empty_url)
    Base.metadata.create_all(engine, tables=[Base.metadata.tables["audit_events"]])
    engine.dispose()
    AuditStore(empty_url).close()
    engine = create_engine(empty_url)
    with engine.connect() as conn:
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    engine.dispose()
    assert version == _head()  # stamped at 0001, then upgraded
