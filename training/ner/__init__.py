"""Training the redaction NER: synthetic annotated documents (`generate`, drawing on
`vocabulary`), real MTSamples lines with no entity (`clinical_lines`, `data/`), and the trainer
that caches the model where the runtime looks for it (`train`, `python -m training.ner.train`).

The runtime side (the model's path for the current training code) is
`extractors.redact.ner`; it hashes these files, it does not import them.
"""
