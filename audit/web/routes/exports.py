"""A run's decisions leaving the system, as CSV or as an evidence bundle; each export is
recorded in the trail with the SHA-256 of what was handed out."""

from __future__ import annotations

import csv
import hashlib
import io
import tempfile
import zipfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form
from fastapi.responses import Response

from audit.errors import NotFound
from audit.review import ReviewProjection, first_records
from audit.users import Permission
from audit.web.context import WebContext
from audit.web.session import Session, check_csrf, require
from schemas.events import DecisionRecorded, EventType, StoredEvent

CSV_COLUMNS = [
    "decision_id",
    "run_id",
    "document_id",
    "chain_seq",
    "recorded_at",
    "domain",
    "backend",
    "model_id",
    "revision",
    "flags",
    "review_reasons",
    "review_state",
    "latest_review_by",
    "output_sha256",
    "summary",
]


def router(context: WebContext) -> APIRouter:
    routes = APIRouter()
    store, ledger, bundle_writer = context.store, context.ledger, context.bundle_writer

    @routes.post("/runs/{run_id}/export.csv")
    def export_csv(run_id: str, live: Session, csrf_token: Annotated[str, Form()] = "") -> Response:
        require(live, Permission.EXPORT)
        check_csrf(live, csrf_token)
        decisions = first_records(
            store.events(run_id=run_id, event_type=EventType.DECISION_RECORDED)
        )
        if not decisions:
            raise NotFound(f"run {run_id} has no decisions to export")
        data = decisions_csv(context.projection, decisions).encode()
        ledger.record_export(
            live.user, run_id, "csv", len(decisions), hashlib.sha256(data).hexdigest()
        )
        return _download(data, f"attest-{run_id}-decisions.csv", "text/csv")

    @routes.post("/runs/{run_id}/bundle.zip")
    def export_bundle(
        run_id: str, live: Session, csrf_token: Annotated[str, Form()] = ""
    ) -> Response:
        require(live, Permission.EXPORT)
        check_csrf(live, csrf_token)
        if bundle_writer is None:
            raise NotFound("evidence bundles are not available from this server")
        if not store.events(run_id=run_id, event_type=EventType.RUN_STARTED):
            raise NotFound(f"no run {run_id} in this audit store")
        with tempfile.TemporaryDirectory(prefix="attest-bundle-") as tmp:
            folder = Path(tmp) / f"attest-{run_id}"
            bundle_writer(store, run_id, folder)
            data = _zip(folder)
        decisions = len(store.events(run_id=run_id, event_type=EventType.DECISION_RECORDED))
        ledger.record_export(
            live.user, run_id, "bundle", decisions, hashlib.sha256(data).hexdigest()
        )
        return _download(data, f"attest-{run_id}-bundle.zip", "application/zip")

    return routes


def decisions_csv(projection: ReviewProjection, decisions: list[StoredEvent]) -> str:
    """One row per decision: ids, model, flags, review state and the output's hash."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for event in decisions:
        p = event.typed(DecisionRecorded)
        detail = projection.decision(str(event.decision_id))
        reviews = detail.reviews if detail else []
        writer.writerow(
            [
                event.decision_id,
                event.run_id,
                event.doc_id,
                event.seq,
                event.created_at,
                p.domain,
                p.identity.backend,
                p.identity.model_id,
                p.identity.revision,
                "; ".join(f"{f.kind} ({f.severity})" for f in p.flags),
                "; ".join(p.review_reasons),
                detail.review_state if detail else "",
                reviews[-1].actor if reviews else "",
                p.output_sha256,
                p.summary,
            ]
        )
    return buffer.getvalue()


def _download(data: bytes, filename: str, media_type: str) -> Response:
    return Response(
        data,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _zip(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, Path(folder.name) / path.relative_to(folder))
    return buffer.getvalue()
