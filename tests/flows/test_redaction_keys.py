"""The site's redaction secret: created once, private, reused, and never silently replaced."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from flows.errors import ConfigError
from flows.redaction_keys import load_or_create_secret
from flows.settings import Settings


def test_the_default_secret_is_created_once_with_mode_0600(tmp_path: Path) -> None:
    settings = Settings(out=tmp_path)
    first = load_or_create_secret(settings)
    path = tmp_path / ".redaction-secret"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert load_or_create_secret(settings) == first
    assert len(first) == 32


def test_a_configured_secret_file_that_is_missing_is_an_error(tmp_path: Path) -> None:
    settings = Settings(out=tmp_path, redaction_secret_file=tmp_path / "nope")
    with pytest.raises(ConfigError, match="does not exist"):
        load_or_create_secret(settings)
    assert not (tmp_path / "nope").exists()


def test_a_short_secret_is_refused(tmp_path: Path) -> None:
    short = tmp_path / "short"
    short.write_bytes(b"too short")
    with pytest.raises(ConfigError, match="fewer than 32"):
        load_or_create_secret(Settings(out=tmp_path, redaction_secret_file=short))
