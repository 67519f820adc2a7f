"""The Merkle tree of RFC 6962: proofs verify for every size and position, and fail when
anything is changed."""

from __future__ import annotations

import hashlib

import pytest

from audit import merkle

SIZES = range(1, 34)


def _leaves(n: int) -> list[bytes]:
    return [hashlib.sha256(f"event {i}".encode()).digest() for i in range(n)]


def test_the_empty_tree_hashes_to_the_hash_of_nothing() -> None:
    assert merkle.root([]) == hashlib.sha256(b"").digest()


def test_leaves_and_nodes_are_domain_separated() -> None:
    a, b = _leaves(2)
    assert merkle.leaf_hash(a + b) != merkle.node_hash(a, b)


@pytest.mark.parametrize("n", SIZES)
def test_every_inclusion_proof_verifies(n: int) -> None:
    leaves = _leaves(n)
    root = merkle.root(leaves)
    for index, leaf in enumerate(leaves):
        assert merkle.verify_inclusion(leaf, index, n, merkle.inclusion_proof(index, leaves), root)


@pytest.mark.parametrize("n", SIZES)
def test_an_inclusion_proof_fails_for_another_leaf_or_position(n: int) -> None:
    leaves = _leaves(n)
    root = merkle.root(leaves)
    proof = merkle.inclusion_proof(n - 1, leaves)
    assert not merkle.verify_inclusion(b"\x00" * 32, n - 1, n, proof, root)
    if n > 1:
        assert not merkle.verify_inclusion(leaves[n - 1], n - 2, n, proof, root)


@pytest.mark.parametrize("n", SIZES)
def test_every_consistency_proof_verifies(n: int) -> None:
    leaves = _leaves(n)
    root = merkle.root(leaves)
    for m in range(1, n + 1):
        proof = merkle.consistency_proof(m, leaves)
        assert merkle.verify_consistency(m, n, merkle.root(leaves[:m]), root, proof)


@pytest.mark.parametrize("n", range(2, 34))
def test_a_rewritten_prefix_fails_the_consistency_proof(n: int) -> None:
    leaves = _leaves(n)
    rewritten = [b"\xff" * 32, *leaves[1:]]
    for m in range(1, n):
        proof = merkle.consistency_proof(m, rewritten)
        old_root = merkle.root(leaves[:m])
        assert not merkle.verify_consistency(m, n, old_root, merkle.root(rewritten), proof)
