"""`attest eval ...`: flag quality, triage and redaction measured on labelled corpora."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from rich.console import Console

from flows.cli.exit_codes import EXIT_OK, EXIT_USAGE
from flows.cli.options import add_backend_options, settings_from
from flows.settings import Settings, configure_prefect
from schemas.document import DOMAINS


def register(sub: Any) -> None:
    evaluate = sub.add_parser("eval", help="measure flag quality on a labelled corpus")
    eval_sub = evaluate.add_subparsers(dest="eval_command", required=True)
    flags = eval_sub.add_parser(
        "flags",
        help="per-flag precision, recall and F1 on DIR/documents + DIR/labels.json (or .csv), "
        "or on CUAD's layout (master_clauses.csv + full_contract_txt/)",
    )
    flags.add_argument(
        "dir", type=Path, help="folder with documents/ and labels.json, or a CUAD folder"
    )
    flags.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    flags.add_argument(
        "--split",
        choices=("all", "dev", "heldout"),
        default="all",
        help="CUAD folders only: the fixed dev (70%%) or held-out (30%%) part, see flows/cuad.py",
    )
    flags.add_argument(
        "--limit",
        type=int,
        help="score only the first N documents ordered by the SHA-256 of their names (a subset "
        "fixed in advance, the same for every backend: for slow model backends)",
    )
    add_backend_options(flags)
    flags.set_defaults(handler=_eval_flags)
    sample = eval_sub.add_parser(
        "sample", help="write the labelled sample set (all three domains) into DIR"
    )
    sample.add_argument("dir", type=Path)
    sample.set_defaults(handler=_eval_sample)
    cuad = eval_sub.add_parser(
        "import-cuad", help="turn CUAD_v1.json into the eval layout (documents/ + labels.json)"
    )
    cuad.add_argument("cuad_json", type=Path, help="CUAD_v1.json from the CUAD release")
    cuad.add_argument("dir", type=Path)
    cuad.set_defaults(handler=_import_cuad)
    _add_redaction_eval_parsers(eval_sub)
    _add_triage_eval_parsers(eval_sub)
    _add_summary_eval_parser(eval_sub)


def _eval_flags(args: argparse.Namespace, console: Console) -> int:
    from flows import evaluation

    settings = settings_from(args, out=args.dir / ".eval-out")
    configure_prefect(settings.out)
    result = evaluation.evaluate(args.dir, settings, args.split, args.limit)
    print_eval(result, console)
    if args.json:
        args.json.write_text(evaluation.to_json(result))
    return EXIT_OK


def _eval_sample(args: argparse.Namespace, console: Console) -> int:
    from corpora.flag_eval import write_sample_set

    labels = write_sample_set(args.dir)
    console.print(f"Wrote the labelled sample set: {labels}")
    return EXIT_OK


def _import_cuad(args: argparse.Namespace, console: Console) -> int:
    from flows import evaluation

    count = evaluation.import_cuad(args.cuad_json, args.dir)
    console.print(f"Wrote {count} CUAD contracts and their labels to {args.dir}")
    return EXIT_OK


def _add_summary_eval_parser(eval_sub: Any) -> None:
    summaries = eval_sub.add_parser(
        "summaries",
        help="contract summary fields (parties, governing law, effective date, term) against "
        "labels: DIR/documents + DIR/labels.json (tests/data/nda_summaries is one)",
        description="Run contracts through the batch's stages as legal documents and score the "
        "summary's fields; the normalisations are stated in flows/summary_eval.py.",
    )
    summaries.add_argument("dir", type=Path, help="folder with documents/ and labels.json")
    summaries.add_argument(
        "--split",
        choices=("all", "dev", "heldout"),
        default="all",
        help="only the documents labelled with this split",
    )
    summaries.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    summaries.add_argument(
        "--show-misses", action="store_true", help="list each document's wrong or missed fields"
    )
    add_backend_options(summaries)
    summaries.set_defaults(handler=_eval_summaries)


def _eval_summaries(args: argparse.Namespace, console: Console) -> int:
    import json

    from flows import summary_eval

    settings = settings_from(args, out=args.dir / ".eval-out")
    configure_prefect(settings.out)
    result = summary_eval.evaluate(args.dir, settings, args.split)
    figures = result.as_dict()
    parties = figures["parties"]
    console.print(
        f"{result.documents} documents; parties recall {parties['recall']:.3f} "
        f"({parties['found']}/{parties['labelled']}), precision {parties['precision']:.3f}"
    )
    for name in ("governing_law", "effective_date", "term"):
        row = figures[name]
        console.print(
            f"{name}: right {row['right']}/{row['labelled']} ({row['accuracy']:.1%}) of the "
            f"documents that state one; {row['predicted']} predicted, precision "
            f"{row['precision']:.1%}"
        )
    if args.show_misses:
        for miss in result.misses:
            console.print(miss, highlight=False)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return EXIT_OK


def _add_triage_eval_parsers(eval_sub: Any) -> None:
    triage = eval_sub.add_parser(
        "triage",
        help="triage confusion matrix, under-triage, three-tier accuracy and red-flag recall "
        "on DIR/documents + DIR/labels.json (each label with its esi 1-5)",
    )
    triage.add_argument("dir", type=Path, help="folder with documents/ and labels.json")
    triage.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    add_backend_options(triage)
    triage.set_defaults(handler=_eval_triage)
    vignettes = eval_sub.add_parser(
        "triage-sample", help="write labelled triage vignettes (ESI Handbook criteria) into DIR"
    )
    vignettes.add_argument("dir", type=Path)
    vignettes.add_argument("--count", type=int, default=240)
    vignettes.add_argument("--seed", type=int, default=16001)
    vignettes.set_defaults(handler=_eval_triage)


def _add_redaction_eval_parsers(eval_sub: Any) -> None:
    from corpora.redaction_heldout import DEFAULT_COUNT, DEFAULT_SEED
    from flows.redaction_eval import RULES

    redaction = eval_sub.add_parser(
        "redaction",
        help="per-entity-type recall and precision of redaction on an annotated corpus, and "
        "over-redaction (placeholders per 1,000 words) on any corpus",
        description="Run the Redactor the pipeline uses over annotated documents and print "
        f"per-label recall and per-type precision. Scoring: {RULES}.",
    )
    redaction.add_argument(
        "dir",
        type=Path,
        help="NAME.txt + NAME.json pairs, a .jsonl file, or a presidio-research .json (or a "
        "folder of them); unannotated: NAME.txt alone or a .csv with a transcription column",
    )
    redaction.add_argument(
        "--json",
        nargs="?",
        const="-",
        metavar="FILE",
        help="also write the figures as JSON to FILE (to standard output without FILE)",
    )
    ner = redaction.add_mutually_exclusive_group()
    ner.add_argument(
        "--no-ner", action="store_true", help="measure without the NER model (patterns only)"
    )
    ner.add_argument(
        "--ner-model",
        metavar="DIR",
        type=Path,
        help="a spaCy model folder (default: what the pipeline loads, the ner_model setting)",
    )
    redaction.add_argument(
        "--show-misses", type=int, default=0, metavar="N", help="list the first N missed spans"
    )
    redaction.add_argument(
        "--domain",
        choices=DOMAINS,
        help="count over-redaction as that domain's policy redacts (clinical: dates are "
        "shifted, not replaced); default: the default policy, every finding a placeholder",
    )
    redaction.add_argument(
        "--held-out-only",
        action="store_true",
        help="CSV corpora (MTSamples): only the rows the NER never trains on (every 4th)",
    )
    redaction.set_defaults(handler=_eval_redaction)
    sample = eval_sub.add_parser(
        "redaction-sample",
        help="write the held-out synthetic annotated corpus (NAME.txt + NAME.json) into DIR",
    )
    sample.add_argument("dir", type=Path)
    sample.add_argument("--count", type=int, default=DEFAULT_COUNT, help="documents to write")
    sample.add_argument("--seed", type=int, default=DEFAULT_SEED, help="generator seed")
    sample.set_defaults(handler=_eval_redaction)


def _eval_triage(args: argparse.Namespace, console: Console) -> int:
    import json

    from corpora.triage_vignettes import write_set
    from flows import triage_eval

    if args.eval_command == "triage-sample":
        count = write_set(args.dir, args.count, args.seed)
        console.print(f"Wrote {count} labelled triage vignettes to {args.dir}")
        return EXIT_OK
    settings = settings_from(args, out=args.dir / ".eval-out")
    figures = triage_eval.evaluate_triage(args.dir, settings).as_dict()
    console.print_json(json.dumps(figures))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return EXIT_OK


def _eval_redaction(args: argparse.Namespace, console: Console) -> int:
    from flows import redaction_eval

    if args.eval_command == "redaction-sample":
        from corpora.annotated import write_corpus
        from corpora.redaction_heldout import generate

        count = write_corpus(generate(args.count, args.seed), args.dir)
        console.print(f"Wrote {count} annotated documents (seed {args.seed}) to {args.dir}")
        return EXIT_OK
    try:
        documents = redaction_eval.read_corpus(args.dir, held_out_only=args.held_out_only)
    except redaction_eval.CorpusError as error:
        console.print(f"[red]error[/red]: {error}", highlight=False)
        return EXIT_USAGE
    if args.no_ner or args.ner_model:
        ner_model = None if args.no_ner else args.ner_model
    else:  # what the pipeline loads: ATTEST_NER_MODEL, else the built model; missing stops
        from flows.pipeline import ner_model_path

        ner_model = ner_model_path(Settings())
    redactor = redaction_eval.build_redactor(ner_model)
    result = redaction_eval.evaluate(documents, redactor, str(args.dir), args.domain)
    if args.json == "-":
        sys.stdout.write(redaction_eval.to_json(result) + "\n")
        return EXIT_OK
    redaction_eval.print_report(result, console, misses=args.show_misses)
    if args.json:
        Path(args.json).write_text(redaction_eval.to_json(result) + "\n", encoding="utf-8")
    return EXIT_OK


def print_eval(result: Any, console: Console) -> None:
    from rich.table import Table

    from flows import evaluation

    table = Table(title=f"flag quality on {result.documents} documents")
    for column in ("flag", "tp", "fp", "fn", "precision", "recall", "f1"):
        table.add_column(column, justify="left" if column == "flag" else "right")
    for row in evaluation.score_rows(result):
        table.add_row(*(f"{v:.2f}" if isinstance(v, float) else str(v) for v in row.values()))
    console.print(table)
    micro = result.micro
    console.print(
        f"micro P {micro.precision:.3f} R {micro.recall:.3f} F1 {micro.f1:.3f}; "
        f"macro F1 {result.macro_f1:.3f}; evidence grounded {result.grounding_rate:.1%}; "
        f"schema-valid {result.schema_validity_rate:.1%}; rejected {result.rejected}"
    )
    if result.evidence_overlap_rate is not None:
        console.print(
            f"evidence overlaps the experts' clause for {result.evidence_overlap_rate:.1%} "
            "of true positives"
        )
    if result.with_rules is not None:
        union = evaluation.micro_of(result.with_rules)
        console.print(
            f"the model's flags with the rules' (union): micro P {union.precision:.3f} "
            f"R {union.recall:.3f} F1 {union.f1:.3f}"
        )
