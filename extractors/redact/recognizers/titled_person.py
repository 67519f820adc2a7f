"""Person names after a title ("Dr.", "Ms.") or a label ("Patient:", "Borrower:", "By:").

Case-sensitive on purpose: a name is a run of capitalised words. This is the rules seam that a
statistical NER joins later; it finds the names forms and letters introduce explicitly.
"""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern, PatternRecognizer

VERSION = "2"

# Unicode letters: "Zéphyrine Müller-Ødegård" is a name as much as "Mary Smith".
# O'Neil, McDonald, Vasquez-Thorne; no trailing full stop (it ends the sentence, not the name).
_WORD = r"\p{Lu}(?:['’]\p{Lu})?\p{Ll}+(?:\p{Lu}\p{Ll}+)?(?:[-'’]\p{Lu}\p{Ll}+)*"
_INITIAL = r"\p{Lu}\."
_TITLE = r"(?:Dr|Mr|Mrs|Ms|Mx|Miss|Prof|Sr|Sra|Rev)\.?"
# A title is never the first word of the name it introduces.
# Initials may come first ("Dr. J. Smith", "Dr. J.R. Smith").
# Not a sentence that starts after "Dr. X." ("Dr. X. The patient...").
_NOT_A_NAME = r"(?!(?:The|He|She|It|They|We|This|That|His|Her|A|An|On|In|At)\b)"
_NAME = (
    rf"(?!{_TITLE}[ \t])(?:{_INITIAL}[ \t]?{_NOT_A_NAME}){{0,2}}{_WORD}"
    rf"(?:[ \t]+(?:{_INITIAL}|{_WORD})){{0,3}}"
)
# After a label, forms write "Surname, Given" ("Patient: Smith, John").
_SURNAME_FIRST = rf"{_WORD},[ \t]*{_WORD}(?:[ \t]+(?:{_INITIAL}|{_WORD}))?"
_LABELS = (
    "Patient",
    "Patient Name",
    "Name",
    "Full Name",
    "Borrower",
    "Co-Borrower",
    "Applicant",
    "Co-Applicant",
    "Account Holder",
    "Guarantor",
    "Attending",
    "Physician",
    "Referring physician",
    "Referring Physician",
    "Provider",
    "Signed",
    "Signature",
    "By",
    "Attn",
    "Contact",
    "Employee",
    "Client",
    "Witness",
    "Emergency contact",
    "Loan officer",
    "Prepared by",
    "Reviewed by",
)
_LABEL = "(?:" + "|".join(regex.escape(label) for label in _LABELS) + r")\.?[ \t]*:?[ \t]*"

PATTERNS = [
    Pattern("titled", rf"(?<=\b{_TITLE}[ \t]+){_NAME}", 0.85),
    Pattern("labelled", rf"(?<=(?:^|[\n,;]\s*|\b){_LABEL}(?:{_TITLE}[ \t]+)?){_NAME}", 0.75),
    Pattern("surname-first", rf"(?<=(?:^|[\n,;]\s*|\b){_LABEL}){_SURNAME_FIRST}", 0.8),
]


class TitledPersonRecognizer(PatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            supported_entity="PERSON",
            name="attest.TitledPersonRecognizer",
            version=VERSION,
            patterns=PATTERNS,
            global_regex_flags=regex.MULTILINE,
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        # "Dr. Smith." at the end of a sentence: the full stop is not part of the name, and a
        # lone title word ("Dr.") is not a name.
        return None if len(pattern_text.rstrip(".")) > 1 else False
