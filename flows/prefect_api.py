"""Starting the embedded (ephemeral) Prefect API once, before the batch, and reliably.

Without PREFECT_API_URL, Prefect starts a temporary API server in a subprocess on the first
flow call and gives it PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS (Prefect's default,
20 s, counts only its own polling sleeps). On a loaded machine that start sometimes took
longer, and the whole batch failed with every document counted as failed. Here the server is
started before the flow, with a generous timeout (`configure_prefect` sets 90 s unless the
environment says otherwise) and one retry; if it still does not come up, the run stops before
touching any document and says what to do.
"""

from __future__ import annotations

import os

from flows.errors import FlowError

ATTEMPTS = 2


class PrefectApiUnavailable(FlowError):
    """The embedded Prefect API did not start."""


def start_embedded_api() -> None:
    """Start the ephemeral API now unless a Prefect server is configured (PREFECT_API_URL)."""
    if os.environ.get("PREFECT_API_URL"):
        return
    from prefect.server.api.server import SubprocessASGIServer
    from prefect.settings import PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS

    timeout = PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value()
    for _ in range(ATTEMPTS):
        server = SubprocessASGIServer()
        try:
            server.start()
            return
        except RuntimeError:
            server.stop()  # the half-started server process goes; the next try starts afresh
    raise PrefectApiUnavailable(
        f"the embedded Prefect API did not start within {timeout} s ({ATTEMPTS} tries); "
        "no document was touched",
        hint="the machine is probably overloaded: re-run when it is quieter, raise "
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, or run a Prefect server "
        "(`prefect server start`) and set PREFECT_API_URL to it",
    )


def stop_embedded_api() -> None:
    """Stop the ephemeral API's process now: a process that ends with os._exit skips the
    atexit hook that would, and the server would outlive it."""
    if os.environ.get("PREFECT_API_URL"):
        return
    from prefect.server.api.server import SubprocessASGIServer

    if None in SubprocessASGIServer._instances:
        SubprocessASGIServer().stop()
