"""The site's redaction secret: one per installation, created once, never logged.

Date shifts and hashed identifiers are keyed by it, so a patient's dates move by the same
number of days in every nightly run and on every worker. It lives in a file readable by the
service account only (mode 0600); losing it only means later runs shift dates differently.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from pathlib import Path

from flows.errors import ConfigError
from flows.settings import Settings

SECRET_BYTES = 32
DEFAULT_NAME = ".redaction-secret"


def secret_path(settings: Settings) -> Path:
    return settings.redaction_secret_file or settings.out / DEFAULT_NAME


def load_or_create_secret(settings: Settings) -> bytes:
    """The configured secret; the default file is created (atomically, 0600) on first use."""
    path = secret_path(settings)
    if not path.exists():
        if settings.redaction_secret_file is not None:
            raise ConfigError(
                f"redaction secret file {path} does not exist",
                hint="create it with 32 random bytes (e.g. `head -c 32 /dev/urandom > FILE`; "
                "chmod 600) or unset ATTEST_REDACTION_SECRET_FILE to use OUT/.redaction-secret",
            )
        _create(path)
    secret = path.read_bytes()
    if len(secret) < SECRET_BYTES:
        raise ConfigError(
            f"redaction secret file {path} holds {len(secret)} bytes, fewer than {SECRET_BYTES}",
            hint="write at least 32 random bytes to it",
        )
    return secret


def _create(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".secret-", suffix=".tmp")
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, secrets.token_bytes(SECRET_BYTES))
        os.fsync(fd)
        os.close(fd)
        with contextlib.suppress(FileExistsError):  # another process was first: keep theirs
            os.link(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)
