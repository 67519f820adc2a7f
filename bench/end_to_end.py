"""Documents per minute end to end per domain on the `rules` backend, per-stage time shares,
Prefect's overhead per document (the same work with and without the flow), and OCR pages per
minute through the whole pipeline."""

from __future__ import annotations

import argparse
import dataclasses
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.common import print_header, print_table, save
from corpora.demo_inbox import (
    CLINICAL_DISCHARGE,
    FINANCE_LOAN,
    FINANCE_SCANNED_KYC,
    LEGAL_SERVICES,
    SampleDocument,
    document_bytes,
)
from flows.settings import Settings, configure_prefect

TWO_PAGE = {"clinical": CLINICAL_DISCHARGE, "finance": FINANCE_LOAN, "legal": LEGAL_SERVICES}


def variant(sample: SampleDocument, number: int) -> SampleDocument:
    """The sample with a reference line of its own on its last page: a distinct document."""
    pages = (*sample.pages[:-1], sample.pages[-1] + f"\nReference: bench item {number:05d}\n")
    return dataclasses.replace(sample, pages=pages, filename=f"{number:05d}-{sample.filename}")


def write_inbox(inbox: Path, sample: SampleDocument, count: int) -> None:
    inbox.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        document = variant(sample, number)
        (inbox / document.filename).write_bytes(document_bytes(document))


def run_with_flow(inbox: Path, out: Path, domain: str, workers: int) -> tuple[float, Counter[str]]:
    from flows.batch import run_batch

    settings = Settings(out=out, domain=domain, workers=workers, progress=False)  # type: ignore[arg-type]
    result = run_batch(inbox, settings)
    assert result.count("processed") == len(result.outcomes), "every bench document must pass"
    stages: Counter[str] = Counter()
    for outcome in result.outcomes:
        stages.update(outcome.timings)
    return result.elapsed_s, stages


def run_without_flow(inbox: Path, out: Path, domain: str, workers: int) -> float:
    """The same stage functions, called directly on a thread pool: no Prefect at all."""
    from flows import tasks
    from flows.pipeline import build_pipeline

    settings = Settings(out=out, domain=domain, workers=workers, progress=False)  # type: ignore[arg-type]
    started = time.perf_counter()
    pipeline = build_pipeline(settings)

    def one(path: Path) -> None:
        ref = tasks.PipelineRef(pipeline)
        prepared = tasks.prepare_task.fn(str(path), ref)
        generated = tasks.generate_task.fn(prepared, ref)
        tasks.record_task.fn(str(path), prepared, generated, ref)

    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(one, sorted(inbox.iterdir())))
    pipeline.close()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=40)
    parser.add_argument("--ocr-documents", type=int, default=6)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    print_header("end to end, rules backend")
    with tempfile.TemporaryDirectory(prefix="attest-bench-") as tmp:
        root = Path(tmp)
        configure_prefect(root / "prefect")
        rows, shares = [], {}
        for domain, sample in TWO_PAGE.items():
            write_inbox(root / domain / "inbox", sample, args.documents)
            write_inbox(root / domain / "inbox-plain", sample, args.documents)
            elapsed, stages = run_with_flow(
                root / domain / "inbox", root / domain / "out", domain, args.workers
            )
            plain = run_without_flow(
                root / domain / "inbox-plain", root / domain / "out-plain", domain, args.workers
            )
            total = sum(stages.values())
            shares[domain] = {stage: seconds / total for stage, seconds in stages.items()}
            rows.append(
                {
                    "workload": f"{domain}, 2-page text PDFs",
                    "docs": args.documents,
                    "docs_per_min": args.documents / elapsed * 60,
                    "without_prefect_docs_per_min": args.documents / plain * 60,
                    "prefect_ms_per_doc": (elapsed - plain) / args.documents * 1000,
                }
            )
        write_inbox(root / "ocr" / "inbox", FINANCE_SCANNED_KYC, args.ocr_documents)
        elapsed, stages = run_with_flow(root / "ocr" / "inbox", root / "ocr" / "out", "finance", 2)
        ocr_rows = {
            "workload": "finance, 1-page 300 dpi scans (PNG)",
            "docs": args.ocr_documents,
            "docs_per_min": args.ocr_documents / elapsed * 60,
            "ocr_pages_per_min": args.ocr_documents / elapsed * 60,
            # OCR is the parse stage of a scan; two workers can at best halve its sum.
            "overhead_share": 1 - stages["parse"] / 2 / elapsed,
        }
    print_table(rows)
    print("   stage shares of stage time:")
    for domain, share in shares.items():
        print(f"   {domain:9}" + "  ".join(f"{k} {v:.0%}" for k, v in sorted(share.items())))
    print_table([ocr_rows])
    save("end_to_end", {"rows": rows, "stage_shares": shares, "ocr": ocr_rows})


if __name__ == "__main__":
    main()
