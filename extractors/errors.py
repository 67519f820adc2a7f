"""Errors raised while working on one document.

AttestError (schemas.errors)
└── ExtractorError
    ├── RejectedInput      the file itself is unusable (empty, encrypted, broken, too big):
    │   │                  not a bug and not retryable; the batch moves it aside with `code`
    │   └── InputGone      the inbox entry vanished or is not a regular file (a symlink, FIFO,
    │                      folder): nothing was read, so there is nothing to record or move
    ├── OcrUnavailable     tesseract is missing or failing on this machine (operator fixes it)
    └── BackendError       the generation backend failed; `retryable` says if a retry may help
"""

from __future__ import annotations

from schemas.errors import AttestError


class ExtractorError(AttestError):
    """Base of every error from extractors."""


class RejectedInput(ExtractorError):
    """The input cannot be processed. `code` is a stable, machine-readable reason."""

    def __init__(self, code: str, message: str, *, hint: str = "") -> None:
        super().__init__(message, hint=hint, retryable=False)
        self.code = code


class InputGone(RejectedInput):
    """The inbox entry is not a file attest may read: it vanished, or it is (now) a symbolic
    link, FIFO, folder or device. No byte was read; the entry is left where it is."""


class OcrUnavailable(ExtractorError):
    def __init__(self, message: str) -> None:
        super().__init__(
            message,
            hint="install Tesseract (Debian: apt-get install tesseract-ocr) and re-run; "
            "documents are retried on the next run",
            retryable=False,
        )


class BackendError(ExtractorError):
    """The model backend failed. Transient faults (timeouts, 5xx) are retryable."""


class ModelMismatch(ExtractorError):
    """Raised before any document is read: a pinned run never talks to the wrong model."""

    def __init__(self, message: str) -> None:
        super().__init__(
            message,
            hint="start the server with the pinned model, or change the pin "
            "(--model / --expect-root) after review; nothing was processed",
            retryable=False,
        )
