"""The chain key: an HMAC key kept outside the database that seals every record's hash.

The hash chain alone proves only that the rows agree with each other: anyone who can write the
table (and drop its triggers) can edit a record and recompute the plain SHA-256 of it and of
every record after it. Each record therefore also carries `mac` = HMAC-SHA256(key, its chain
hash). The key lives in a file, not in the database, so a forger who cannot read that file
cannot produce the MACs. Because a record's hash covers its predecessor's, one valid MAC vouches
for every record before it, including records written before the key existed.

What the MACs cannot show: records removed from the end of the trail (the tail simply stops).
The sealed head (`write_head`, `check_head`) covers that: at the end of every run the size and
last hash of the trail, with their MAC, are written to a file outside the store; `verify` checks
the store still holds that record at that position.
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import os
import secrets
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from audit.errors import ChainKeyError, CheckpointError

KEY_BYTES = 32
_KEY_ID_CONTEXT = b"attest chain key id\0"
_HEAD_CONTEXT = "attest sealed head"


@dataclass(frozen=True)
class ChainKey:
    secret: bytes
    path: Path

    @property
    def key_id(self) -> str:
        """Names the key in each MAC, so a wrong key file is told apart from an altered record."""
        return hashlib.sha256(_KEY_ID_CONTEXT + self.secret).hexdigest()[:16]

    def seal(self, chain_hash: str) -> str:
        digest = hmac.new(self.secret, chain_hash.encode(), hashlib.sha256).hexdigest()
        return f"{self.key_id}:{digest}"

    def vouches_for(self, mac: str, chain_hash: str) -> bool:
        return hmac.compare_digest(mac.encode(), self.seal(chain_hash).encode())


def mac_key_id(mac: str) -> str:
    return mac.split(":", 1)[0]


def load_chain_key(path: Path) -> ChainKey | None:
    """The key in `path`, or None when there is no such file yet."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise ChainKeyError(
            f"cannot read the chain key {path}: {error.strerror}",
            hint="run attest as the user that owns the key file",
        ) from error
    try:
        secret = bytes.fromhex(raw.decode().strip())
    except ValueError:
        secret = b""
    if len(secret) != KEY_BYTES:
        raise ChainKeyError(
            f"the chain key {path} is not {KEY_BYTES} bytes of hex",
            hint="restore the key file from its backup; a new key cannot vouch for old records",
        )
    return ChainKey(secret, path)


def create_chain_key(path: Path) -> ChainKey:
    """A new random key, readable by its owner only, written once: never over an existing file
    (FileExistsError), and never half-written (it appears under its name complete or not at
    all, so a process killed here cannot leave an empty key that every later run refuses)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_bytes(KEY_BYTES)
    _remove_stale_temporaries(path)
    temporary = _temporary(path)
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secret.hex() + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.link(temporary, path)  # fails if another process created the key first
    finally:
        temporary.unlink(missing_ok=True)
    return ChainKey(secret, path)


def _temporary(target: Path) -> Path:
    """A private name beside `target` per host, process and thread: writers never share one."""
    return target.with_name(
        f".{target.name}.{socket.gethostname()}.{os.getpid()}.{threading.get_ident()}.tmp"
    )


def _remove_stale_temporaries(target: Path) -> None:
    """Temporary files that processes of this host left when they were killed mid-write."""
    prefix = f".{target.name}.{socket.gethostname()}."
    for leftover in target.parent.glob(f".{target.name}.*.tmp"):
        pid = leftover.name.removeprefix(prefix).split(".")[0]
        if leftover.name.startswith(prefix) and pid.isdigit() and not _alive(int(pid)):
            leftover.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# -- the sealed head: what the trail held at the end of a run ----------------------------------


@dataclass(frozen=True)
class SealedHead:
    size: int
    last_hash: str
    sealed_at: str
    key_id: str
    mac: str


def head_path(key: ChainKey) -> Path:
    return key.path.with_name(key.path.name + ".head.json")


def _head_mac(key: ChainKey, size: int, last_hash: str, sealed_at: str) -> str:
    message = f"{_HEAD_CONTEXT}\0{size}\0{last_hash}\0{sealed_at}".encode()
    return hmac.new(key.secret, message, hashlib.sha256).hexdigest()


def write_head(key: ChainKey, size: int, last_hash: str) -> SealedHead:
    """Record (atomically, beside the key) that the trail held `size` records ending in `last_hash`.

    Appends commit in chain order but write their heads after the commit, so two processes can
    reach this in either order: the head only ever moves forward, under a lock shared by every
    writer of this host, and the longer trail's head stays when a shorter one arrives late.
    """
    target = head_path(key)
    with _head_lock(target):
        current = _readable_head(key)
        if current is not None and current.size >= size:
            return current
        sealed_at = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        head = SealedHead(
            size, last_hash, sealed_at, key.key_id, _head_mac(key, size, last_hash, sealed_at)
        )
        temporary = _temporary(target)
        temporary.write_text(json.dumps(head.__dict__, indent=2) + "\n")
        os.replace(temporary, target)
    _remove_stale_temporaries(target)
    return head


@contextmanager
def _head_lock(target: Path) -> Iterator[None]:
    with open(target.with_name(target.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _readable_head(key: ChainKey) -> SealedHead | None:
    """The head now on disk; one that does not verify is replaced, as before this lock existed."""
    try:
        return read_head(key)
    except CheckpointError:
        return None


def read_head(key: ChainKey) -> SealedHead | None:
    """The last sealed head, None when none was written; an error when it was tampered with."""
    try:
        data = json.loads(head_path(key).read_text())
        head = SealedHead(
            int(data["size"]),
            str(data["last_hash"]),
            str(data["sealed_at"]),
            str(data["key_id"]),
            str(data["mac"]),
        )
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError) as error:
        raise CheckpointError(
            f"the sealed head {head_path(key)} is not readable",
            hint="it was damaged or edited; compare it with its backup",
        ) from error
    expected = _head_mac(key, head.size, head.last_hash, head.sealed_at)
    if not hmac.compare_digest(expected.encode(), head.mac.encode()):
        raise CheckpointError(
            f"the sealed head {head_path(key)} does not carry a valid MAC",
            hint="it was edited, or it belongs to another chain key",
        )
    return head
