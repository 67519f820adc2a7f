"""Stage 4, redact: the original text becomes text with typed placeholders, under the
domain's policy. With a vault key, the originals go to the encrypted vault, nowhere else."""

from __future__ import annotations

from collections.abc import Callable

from audit.vault import Vault
from extractors.redact import Redactor
from flows.stages.values import Classified, Staged, passed_on, timed
from schemas.document import ParsedDocument
from schemas.redaction import RedactedDocument

VaultOpener = Callable[[], Vault]
"""Opens the vault that keeps a document's originals, encrypted (`attest reidentify`)."""


def redact_stage(
    parsed: Staged[ParsedDocument],
    classified: Staged[Classified],
    redactor: Redactor,
    vault: VaultOpener | None = None,
) -> Staged[RedactedDocument]:
    if (stopped := passed_on(parsed, classified)) is not None:
        return stopped
    assert parsed.value is not None and classified.value is not None
    document, domain = parsed.value, classified.value.domain

    def work() -> RedactedDocument:
        if vault is None:
            return redactor.redact(document.doc_id, document.text, domain)
        redacted, originals = redactor.redact_with_originals(document.doc_id, document.text, domain)
        vault().put(redacted, originals)
        return redacted

    return timed("redact", work)
