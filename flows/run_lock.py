"""One batch at a time per output folder and per audit store.

Two runs over the same inbox, output folder or store would race for the same files: one moves
a file the other is reading, both decide the same document. A run therefore holds, for its
whole length:

- an exclusive `flock` on OUT/.attest-run.lock (and on DB.attest-run.lock beside a SQLite
  store kept outside OUT). The kernel releases it when the process ends, however it ends, so
  a killed run never leaves a stale lock behind. The file names the holder (pid, host, run id,
  start time) for the message a second run prints;
- with a PostgreSQL store, a session-level advisory lock on a connection of its own, which
  serialises runs on every host sharing the store; the connection's application_name names
  the holder, read back from pg_stat_activity by a run that finds the lock taken.

A second run refuses to start and names the holder; it never waits.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.pool import NullPool

from flows.errors import FlowError
from flows.settings import Settings

LOCK_NAME = ".attest-run.lock"
# Any constant works; it differs from the store's append lock, which is per transaction.
_PG_RUN_LOCK_KEY = 0x61747472  # "attr"
_HINT = (
    "wait for that run to finish, or stop it (Ctrl-C / SIGTERM: it records what it finished); "
    "a run that died released its lock with it"
)


class RunLocked(FlowError):
    """Another run holds the output folder or the audit store."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class RunLock:
    """Held from before the batch's first step to its end; `name_run` adds the run id."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.holder: dict[str, Any] = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "run_id": None,
            "started_at": _now(),
        }
        self._files: list[tuple[Path, int]] = []
        self._pg: tuple[Engine, Connection] | None = None

    def lock_files(self) -> list[Path]:
        out = self.settings.out.resolve()
        files = [out / LOCK_NAME]
        url = make_url(self.settings.db_url())
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            db = Path(url.database).resolve()
            if db.parent != out:
                files.append(db.with_name(db.name + LOCK_NAME))
        return files

    def __enter__(self) -> RunLock:
        try:
            for path in self.lock_files():
                self._lock_file(path)
            if make_url(self.settings.db_url()).get_backend_name() == "postgresql":
                self._lock_postgres()
        except BaseException:
            self.release()
            raise
        return self

    def __exit__(self, *_: object) -> None:
        self.release()

    def _lock_file(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 4096, 0).decode("utf-8", "replace")
            os.close(fd)
            raise RunLocked(
                f"another attest run is using {path.parent}: {_describe(holder)}", hint=_HINT
            ) from None
        self._files.append((path, fd))
        self._write_holder(fd)

    def _write_holder(self, fd: int) -> None:
        body = json.dumps(self.holder).encode()
        os.ftruncate(fd, 0)
        os.pwrite(fd, body, 0)

    def _lock_postgres(self) -> None:
        engine = create_engine(
            self.settings.db_url(),
            poolclass=NullPool,
            connect_args={"application_name": self._application_name()},
        )
        conn = engine.connect()
        got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": _PG_RUN_LOCK_KEY})
        if not got.scalar():
            holder = conn.execute(
                text(
                    "SELECT a.application_name, a.client_addr, a.backend_start FROM pg_locks l "
                    "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' "
                    "AND l.granted AND l.classid = 0 AND l.objid = :k AND l.database = "
                    "(SELECT oid FROM pg_database WHERE datname = current_database())"
                ),
                {"k": _PG_RUN_LOCK_KEY},
            ).first()
            conn.close()
            engine.dispose()
            who = (
                f"{holder[0]} (client {holder[1] or 'local'}, since {holder[2]:%Y-%m-%d %H:%M:%S})"
                if holder is not None
                else "a run that is just ending"
            )
            raise RunLocked(
                f"another attest run is using the audit store {self.settings.db_display()}: {who}",
                hint=_HINT,
            )
        conn.commit()  # the lock is the session's: end the implicit transaction, keep it
        self._pg = (engine, conn)

    def _application_name(self) -> str:
        h = self.holder
        run = f" {h['run_id']}" if h["run_id"] else ""
        return f"attest run{run} pid {h['pid']} on {h['host']} at {h['started_at']}"[:63]

    def name_run(self, run_id: str) -> None:
        """Add the run id to what a second run is told about this holder."""
        self.holder["run_id"] = run_id
        for _, fd in self._files:
            self._write_holder(fd)
        if self._pg is not None:
            conn = self._pg[1]
            conn.execute(
                text("SELECT set_config('application_name', :n, false)"),
                {"n": self._application_name()},
            )
            conn.commit()

    def release(self) -> None:
        for _, fd in self._files:
            with contextlib.suppress(OSError):
                os.close(fd)  # closing the only descriptor releases the flock
        self._files.clear()
        if self._pg is not None:
            engine, conn = self._pg
            with contextlib.suppress(Exception):
                conn.close()
            engine.dispose()
            self._pg = None


def _describe(holder: str) -> str:
    try:
        h = json.loads(holder)
        run = h.get("run_id") or "(run id not yet assigned)"
        return f"pid {h['pid']} on {h['host']}, run {run}, started {h['started_at']}"
    except (ValueError, KeyError, TypeError):
        return "a run that is just starting"
