"""Bounded retries with backoff, counted: the one retry loop for model requests.

Our own retries, not a client's hidden ones: the attempts are recorded. What is retried is what
says it may help: a `BackendError` with `retryable=True` (a timeout, HTTP 5xx or 429, an output
that does not fit the schema). Anything else stops at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from extractors.checks import SchemaViolation
from extractors.errors import BackendError

T = TypeVar("T")
_HINT = "check the model server; the document stays in the inbox for the next run"


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 3
    backoff_s: float = 1.0
    """Seconds before the second attempt; doubled before each later one."""
    sleep: Callable[[float], None] = time.sleep


def no_valid_output(message: str) -> SchemaViolation:
    """Every attempt answered and none fit the schema: still a `SchemaViolation` (evaluations
    count it as an invalid output; the batch records it under that name), but final, not
    retryable: the loop already retried, and a model decoding greedily answers the same."""
    error = SchemaViolation.__new__(SchemaViolation)
    BackendError.__init__(error, message, hint=_HINT, retryable=False)
    return error


def with_retries(call: Callable[[], T], policy: RetryPolicy, *, failed: str) -> tuple[T, int]:
    """`call()`'s value and the attempts it took; after the last attempt, one error saying
    `failed` (e.g. "no schema-valid answer from URL"), how often it was tried, and why."""
    attempts = max(1, policy.attempts)
    last: BackendError | None = None
    for attempt in range(1, attempts + 1):
        try:
            return call(), attempt
        except BackendError as error:
            if not error.retryable:
                raise
            last = error
        if attempt < attempts:
            policy.sleep(policy.backoff_s * 2 ** (attempt - 1))
    assert last is not None
    message = f"{failed} after {attempts} attempts: {last.message}"
    if isinstance(last, SchemaViolation):
        raise no_valid_output(message) from last
    raise BackendError(message, hint=_HINT, retryable=False) from last
