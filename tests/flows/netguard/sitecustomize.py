"""Loaded into every Python process of a guarded test run (via PYTHONPATH).

Blocks and logs any connection or name lookup that is not loopback or a Unix socket, so a test
can assert that a full run attempted no outbound network access, in any of its processes.
"""

import os
import socket

_LOG = os.environ.get("ATTEST_NETGUARD_LOG", "")
_LOCAL_NAMES = {"localhost", "127.0.0.1", "::1", "0.0.0.0", ""}


def _is_local(host: object) -> bool:
    text = str(host)
    return text in _LOCAL_NAMES or text.startswith("127.") or text.endswith(".localhost")


def _report(what: str) -> None:
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()} {what}\n")


_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex
_getaddrinfo = socket.getaddrinfo


def _guarded(address: object) -> None:
    if isinstance(address, tuple) and not _is_local(address[0]):
        _report(f"connect {address!r}")
        raise OSError(f"outbound connection to {address!r} blocked by the test network guard")


def connect(self: socket.socket, address: object) -> None:
    _guarded(address)
    return _connect(self, address)  # type: ignore[arg-type]


def connect_ex(self: socket.socket, address: object) -> int:
    _guarded(address)
    return _connect_ex(self, address)  # type: ignore[arg-type]


def getaddrinfo(host, *args, **kwargs):  # type: ignore[no-untyped-def]
    if host is not None and not _is_local(host.decode() if isinstance(host, bytes) else host):
        _report(f"lookup {host!r}")
        raise socket.gaierror(f"name lookup of {host!r} blocked by the test network guard")
    return _getaddrinfo(host, *args, **kwargs)


if _LOG:
    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = getaddrinfo
