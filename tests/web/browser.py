"""What the browser tests share: the `attest` CLI in a subprocess, `attest serve` started and
awaited on a free port, and a page in Debian's headless Chromium."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import httpx
import pytest
from playwright.sync_api import Page, sync_playwright

from tests.web.conftest import free_port

CHROMIUM = Path("/usr/bin/chromium")


def attest(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flows.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@contextmanager
def serving(*args: str) -> Iterator[str]:
    """`attest serve ARGS` on a free port, once it answers /healthz; yields its URL."""
    port = free_port()
    # A file, not a pipe: nobody reads while the test runs, and a full pipe would stall the
    # server mid-request.
    with tempfile.TemporaryFile(mode="w+") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "flows.cli", "serve", *args, "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
            env=os.environ | {"COLUMNS": "200"},
        )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(url + "/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None, _read(log)
            assert time.monotonic() < deadline, "attest serve did not answer within 60 s"
            time.sleep(0.2)
        try:
            yield url
        finally:
            server.terminate()
            server.wait(timeout=30)
            # Shown by pytest when the test fails: the server log names any internal error.
            print(_read(log))


def _read(log: IO[str]) -> str:
    log.seek(0)
    return log.read()


@contextmanager
def chromium_page(width: int) -> Iterator[Page]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: apt-get install chromium (make test does it)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = browser.new_context(viewport={"width": width, "height": 1000})
        yield context.new_page()
        browser.close()
