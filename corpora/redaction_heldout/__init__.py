"""The held-out evaluation corpus: synthetic annotated documents the NER never trained on.

Separate code from the NER's training generator (training/ner), with its own document
kinds and phrasing and other Faker locales (en_IE, en_NZ, en_IN, pt_BR, pl_PL, sv_SE) and
seeds, so the figures measure generalisation, not memory. Every label's offsets are recorded
while the text is composed, never found by searching afterwards. Some OCR-like noise (doubled
spaces, broken words, upper-case headers) goes into the text between identifiers.
"""

from corpora.redaction_heldout.documents import DEFAULT_COUNT, DEFAULT_SEED, generate

__all__ = ["DEFAULT_COUNT", "DEFAULT_SEED", "generate"]
