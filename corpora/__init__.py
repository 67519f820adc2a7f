"""Synthetic corpora: the code that writes the documents attest is shown and measured on.

Nothing here runs in the pipeline. The pipeline's packages (schemas, extractors, audit, flows)
do not import it, except the commands that write a corpus (`attest demo`, `attest eval sample`,
`attest eval redaction-sample`) and the redaction evaluation, which reads the annotated format.
An import-linter contract in pyproject.toml keeps it so.

- `demo_inbox`: the demo inbox, three domains, every identifier a canary the tests search for.
- `flag_eval`: the labelled flag-quality set (`attest eval sample`).
- `annotated`: the annotated-corpus format (NAME.txt + NAME.json, JSON Lines, presidio-research)
  that the redaction evaluation reads and `redaction_heldout` writes.
- `redaction_heldout`: the held-out redaction corpus (`attest eval redaction-sample`).

- `triage_vignettes`: the labelled triage sets (`attest eval triage-sample`,
  `python -m corpora.triage_vignettes NAME`), written from the ESI Handbook, not from the rules.

The NER's training documents live with its trainer in `training/ner/`: the
model's cache key hashes them together.
"""
