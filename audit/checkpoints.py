"""Signed tree heads over the audit log, in the manner of Certificate Transparency.

`attest checkpoint` signs (size, Merkle root) with an Ed25519 key that the database never
sees; the signed head is meant for storage outside the database (WORM storage, another
system). Later, `attest verify --checkpoint` checks the signature and a consistency proof that
today's log extends the checkpointed one: nothing rewritten, nothing truncated. `attest prove`
prints an inclusion proof for one event that an auditor can check offline against a head.
"""

from __future__ import annotations

import base64
import hashlib
import os
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import BaseModel

from audit import merkle
from audit.errors import CheckpointError
from audit.store import AuditStore
from schemas.canonical import canonical_json


class TreeHead(BaseModel):
    log_id: str
    """SHA-256 of the signing public key: which log (and key) this head belongs to."""
    tree_size: int
    root_hash: str
    timestamp: str


class SignedTreeHead(TreeHead):
    signature: str
    """Ed25519 over the canonical JSON of the TreeHead fields, base64."""

    def head(self) -> TreeHead:
        return TreeHead.model_validate(self.model_dump(exclude={"signature"}))


class InclusionProof(BaseModel):
    event_id: str
    leaf_index: int
    leaf: str
    """The event's chain hash (hex), the Merkle leaf."""
    tree_size: int
    root_hash: str
    path: list[str]

    def verify(self) -> bool:
        return merkle.verify_inclusion(
            bytes.fromhex(self.leaf),
            self.leaf_index,
            self.tree_size,
            [bytes.fromhex(node) for node in self.path],
            bytes.fromhex(self.root_hash),
        )


class CheckpointReport(BaseModel):
    ok: bool
    checkpoint_size: int
    current_size: int
    reason: str = ""


def generate_key(folder: Path) -> tuple[Path, Path]:
    """Write a new signing key (owner-only) and its public key into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    private = Ed25519PrivateKey.generate()
    key_path, pub_path = folder / "checkpoint-key.pem", folder / "checkpoint-key.pub.pem"
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    descriptor = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
    pub_path.write_bytes(
        private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return key_path, pub_path


def load_private_key(path: Path | None, pem: bytes | None = None) -> Ed25519PrivateKey:
    """The signing key from the file `path`, else from `pem` (the checkpoint_key setting)."""
    pem = path.read_bytes() if path else pem
    if not pem:
        raise CheckpointError(
            "no checkpoint signing key",
            hint="pass --key FILE or set ATTEST_CHECKPOINT_KEY to the key's PEM (attest keygen)",
        )
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise CheckpointError("the checkpoint key is not an Ed25519 key", hint="attest keygen")
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    key = serialization.load_pem_public_key(path.read_bytes())
    if not isinstance(key, Ed25519PublicKey):
        raise CheckpointError("the public key is not an Ed25519 key", hint="use the .pub.pem")
    return key


def log_id(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def make_checkpoint(store: AuditStore, key: Ed25519PrivateKey) -> SignedTreeHead:
    leaves = [leaf for _, leaf in store.chain_hashes()]
    head = TreeHead(
        log_id=log_id(key.public_key()),
        tree_size=len(leaves),
        root_hash=merkle.root(leaves).hex(),
        timestamp=datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
    )
    signature = key.sign(canonical_json(head.model_dump()).encode())
    return SignedTreeHead(**head.model_dump(), signature=base64.b64encode(signature).decode())


def verify_checkpoint(
    store: AuditStore, checkpoint: SignedTreeHead, public_key: Ed25519PublicKey
) -> CheckpointReport:
    leaves = [leaf for _, leaf in store.chain_hashes()]
    report = CheckpointReport(
        ok=False, checkpoint_size=checkpoint.tree_size, current_size=len(leaves)
    )
    if checkpoint.log_id != log_id(public_key):
        return report.model_copy(update={"reason": "the checkpoint was made with another key"})
    try:
        public_key.verify(
            base64.b64decode(checkpoint.signature),
            canonical_json(checkpoint.head().model_dump()).encode(),
        )
    except (InvalidSignature, ValueError):
        return report.model_copy(update={"reason": "the checkpoint's signature is not valid"})
    if len(leaves) < checkpoint.tree_size:
        reason = (
            f"the log was truncated: the checkpoint covers {checkpoint.tree_size} records, "
            f"the store holds {len(leaves)}"
        )
        return report.model_copy(update={"reason": reason})
    old_root = bytes.fromhex(checkpoint.root_hash)
    if checkpoint.tree_size == 0:
        return report.model_copy(update={"ok": True})
    proof = merkle.consistency_proof(checkpoint.tree_size, leaves)
    if not merkle.verify_consistency(
        checkpoint.tree_size, len(leaves), old_root, merkle.root(leaves), proof
    ):
        reason = (
            f"the first {checkpoint.tree_size} records are not the ones checkpointed "
            f"on {checkpoint.timestamp}: history was rewritten"
        )
        return report.model_copy(update={"reason": reason})
    return report.model_copy(update={"ok": True})


def prove_inclusion(store: AuditStore, event_id: str) -> InclusionProof:
    hashes = store.chain_hashes()
    index = next((i for i, (eid, _) in enumerate(hashes) if eid == event_id), None)
    if index is None:
        raise CheckpointError(f"no event {event_id} in the store", hint="check the event id")
    leaves = [leaf for _, leaf in hashes]
    return InclusionProof(
        event_id=event_id,
        leaf_index=index,
        leaf=leaves[index].hex(),
        tree_size=len(leaves),
        root_hash=merkle.root(leaves).hex(),
        path=[node.hex() for node in merkle.inclusion_proof(index, leaves)],
    )
