"""The end-of-run table on the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from flows.batch import BatchResult

_SOURCE_LABEL = {"text-layer": "text", "ocr": "OCR", "plain-text": "plain"}
_ENTITY_LABEL = {
    "PERSON": "name",
    "ADDRESS": "address",
    "US_SSN": "SSN",
    "MEDICAL_RECORD_NUMBER": "MRN",
    "EMAIL_ADDRESS": "email",
    "PHONE_NUMBER": "phone",
    "DATE_TIME": "date",
    "ACCOUNT_NUMBER": "account",
    "ABA_ROUTING_NUMBER": "routing",
    "POLICY_NUMBER": "policy",
    "CREDIT_CARD": "card",
    "IBAN_CODE": "IBAN",
    "IP_ADDRESS": "IP",
    "AGE": "age",
    "US_ZIP_CODE": "ZIP",
}

_REVIEW_LABEL = {
    "ungrounded_evidence": "ungrounded",
    "low_ocr_confidence": "low OCR",
    "high_severity_flag": "severity",
    "ungrounded_field": "ungrounded field",
}


def entity_counts(counts: dict[str, int]) -> str:
    """'name×2 SSN MRN': distinct originals replaced, by type, in a narrow column."""
    parts = []
    for entity_type, count in counts.items():
        label = _ENTITY_LABEL.get(entity_type, entity_type)
        parts.append(label if count == 1 else f"{label}×{count}")
    return " ".join(parts) or "-"


def outcome_table(result: BatchResult) -> Table:
    table = Table(title=f"attest run {result.run_id}", show_lines=False)
    longest = max((len(o.name) for o in result.outcomes), default=8)
    table.add_column("document", min_width=min(longest, 32))
    table.add_column("domain", min_width=8)
    table.add_column("pages")
    table.add_column("source", min_width=8)
    table.add_column("redacted", max_width=16)
    table.add_column("flags", min_width=18, max_width=24)
    table.add_column("review")
    table.add_column("status", min_width=9)
    table.add_column("time", min_width=5, justify="right")
    for o in sorted(result.outcomes, key=lambda outcome: outcome.name):
        redacted = entity_counts(o.redacted)
        sources = "+".join(_SOURCE_LABEL.get(s, s) for s in o.sources) or "-"
        review = (
            "yes: " + ", ".join(_REVIEW_LABEL.get(r, r) for r in o.review) if o.review else "no"
        )
        # A document skipped as already decided needs no reason; an entry that vanished or
        # was swapped for a link, FIFO or folder does (it carries a reason code).
        quiet = o.status == "processed" or (o.status == "skipped" and not o.reason_code)
        status = o.status if not o.reason or quiet else f"{o.status}: {o.reason}"
        table.add_row(
            o.name,
            o.domain or "-",
            str(o.pages) if o.pages else "-",
            sources,
            redacted,
            "\n".join(o.flags) or "-",
            review if o.status in {"processed", "skipped"} else "-",
            status,
            f"{o.elapsed_s:.1f}s",
        )
    return table


def print_report(result: BatchResult, console: Console) -> None:
    console.print(outcome_table(result))
    counts = ", ".join(
        f"{result.count(s)} {s}" for s in ("processed", "skipped", "rejected", "failed")
    )
    console.print(
        f"{len(result.outcomes)} documents in {result.elapsed_s:.1f}s: {counts}; "
        f"{result.needs_review} need human review."
    )
    console.print(
        f"Outputs:        {result.out.resolve()}/summaries, decisions, processed, rejected"
    )
    console.print(f"Audit database: {result.db}")
    if result.skipped_entries:
        console.print(f"Left alone in the inbox ({len(result.skipped_entries)}):", highlight=False)
        for entry in result.skipped_entries:
            console.print(f"  {entry.name}: {entry.reason}", markup=False, highlight=False)
    console.print(f"Run id:         {result.run_id}  (config {result.config_hash[:12]})")
