"""The redaction evaluation as a table and as JSON."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.table import Table

from flows.redaction_eval.runner import RedactionEval

RULES = (
    "recall (full): every letter and digit of the gold span lies inside predicted spans of any "
    "entity type; recall (any): at least one does; precision: a predicted span is correct when "
    "it overlaps any gold span; leaked: gold letters and digits left in the redacted text"
)


def label_rows(result: RedactionEval) -> list[dict[str, Any]]:
    rows = []
    for label, score in sorted(result.scores.labels.items()):
        rows.append(
            {
                "label": label,
                "support": score.support,
                "recall_full": round(score.recall_full, 4),
                "recall_any": round(score.recall_any, 4),
                "leaked_chars": score.leaked_characters,
            }
        )
    micro = result.scores.micro
    rows.append(
        {
            "label": "ALL (micro)",
            "support": micro.support,
            "recall_full": round(micro.recall_full, 4),
            "recall_any": round(micro.recall_any, 4),
            "leaked_chars": micro.leaked_characters,
        }
    )
    return rows


def type_rows(result: RedactionEval) -> list[dict[str, Any]]:
    rows = [
        {
            "entity_type": name,
            "predicted": score.predicted,
            "correct": score.true_positive,
            "precision": round(score.precision, 4),
        }
        for name, score in sorted(result.scores.types.items())
    ]
    rows.append(
        {
            "entity_type": "ALL (micro)",
            "predicted": sum(t.predicted for t in result.scores.types.values()),
            "correct": sum(t.true_positive for t in result.scores.types.values()),
            "precision": round(result.scores.precision, 4),
        }
    )
    return rows


def over_redaction(result: RedactionEval, top: int = 25) -> dict[str, Any]:
    over = result.over_redaction
    return {
        "documents": over.documents,
        "words": over.words,
        "placeholders": sum(over.placeholders.values()),
        "placeholders_per_1000_words": round(over.per_thousand_words, 3),
        "per_1000_words_by_type": {
            name: round(over.rate(name), 3) for name, _ in over.placeholders.most_common()
        },
        "transformed_not_replaced": dict(over.transformed.most_common()),
        "most_redacted_words": over.redacted_words.most_common(top),
        "vital_and_lab_values": over.values,
        "vital_and_lab_values_kept": over.values_kept,
        "vital_and_lab_values_kept_share": round(over.values_kept_share, 4),
        "lexicon_drug_names": over.drugs,
        "lexicon_drug_names_kept": over.drugs_kept,
        "lexicon_drug_names_kept_share": round(over.drugs_kept_share, 4),
        "lost_values": over.lost_values[:top],
        "lost_drug_names": over.lost_drugs.most_common(top),
    }


def to_json(result: RedactionEval) -> str:
    return json.dumps(
        {
            "corpus": result.corpus,
            "documents": result.scores.documents,
            "characters": result.scores.characters,
            "nlp_engine": result.nlp_engine,
            "seconds": result.seconds,
            "rules": RULES,
            "recall": label_rows(result),
            "precision": type_rows(result),
            "over_redaction": over_redaction(result),
        },
        indent=2,
    )


def print_over_redaction(result: RedactionEval, console: Console) -> None:
    figures = over_redaction(result, top=20)
    table = Table(
        title=f"over-redaction on {figures['documents']} documents, {figures['words']} words"
    )
    for column in ("placeholders", "count", "per 1,000 words"):
        table.add_column(column, justify="left" if column == "placeholders" else "right")
    for name, count in result.over_redaction.placeholders.most_common():
        table.add_row(name, str(count), f"{result.over_redaction.rate(name):.2f}")
    table.add_row(
        "ALL", str(figures["placeholders"]), f"{figures['placeholders_per_1000_words']:.2f}"
    )
    console.print(table)
    if result.over_redaction.transformed:
        console.print(f"kept in place but transformed (date shift, mask, cap): "
                      f"{dict(result.over_redaction.transformed)}", markup=False)  # fmt: skip
    console.print(
        f"vital-sign/lab values kept: {figures['vital_and_lab_values_kept']}/"
        f"{figures['vital_and_lab_values']} ({figures['vital_and_lab_values_kept_share']:.1%}); "
        f"lexicon drug names kept: {figures['lexicon_drug_names_kept']}/"
        f"{figures['lexicon_drug_names']} ({figures['lexicon_drug_names_kept_share']:.1%})"
    )
    words = ", ".join(f"{word} {count}" for word, count in figures["most_redacted_words"])
    console.print(f"most redacted words: {words or '-'}", markup=False)


def print_report(result: RedactionEval, console: Console, misses: int = 0) -> None:
    scores = result.scores
    if not scores.documents:  # unannotated: only what was removed can be measured
        print_over_redaction(result, console)
        console.print(f"NLP engine: {result.nlp_engine}; {result.seconds} s", markup=False)
        return
    recall = Table(title=f"redaction recall on {scores.documents} documents (gold labels)")
    for column in ("label", "support", "recall (full)", "recall (any)", "leaked chars"):
        recall.add_column(column, justify="left" if column == "label" else "right")
    for row in label_rows(result):
        recall.add_row(
            row["label"],
            str(row["support"]),
            f"{row['recall_full']:.3f}",
            f"{row['recall_any']:.3f}",
            str(row["leaked_chars"]),
        )
    console.print(recall)
    precision = Table(title="redaction precision (predicted entity types)")
    for column in ("entity type", "predicted", "correct", "precision"):
        precision.add_column(column, justify="left" if column == "entity type" else "right")
    for prow in type_rows(result):
        precision.add_row(
            prow["entity_type"], str(prow["predicted"]), str(prow["correct"]),
            f"{prow['precision']:.3f}",
        )  # fmt: skip
    console.print(precision)
    console.print(f"NLP engine: {result.nlp_engine}; {scores.characters} characters in "
                  f"{result.seconds} s")  # fmt: skip
    for doc_id, label, value in scores.misses[:misses]:
        console.print(f"  missed {label} in {doc_id}: {value!r}", markup=False)
    print_over_redaction(result, console)
