"""Hedged findings: what someone fears or asks about, not what the patient presents with.

ConText (Harkema et al., 2009) marks a finding hypothetical or uncertain where a trigger
before it says so. Here the triggers are the ones a relative's call or a worried patient
uses: a worry with a modal ("worried she might be having a stroke", "scared it could be
her heart") and a question ("asking whether it could be a clot", "wants to know if it is
meningitis"). The hedge covers its own clause part, up to a comma: "worried she might be
having a stroke, her face is drooping" asserts the droop. A worry without a modal ("worried
about his breathing") is a presenting concern and asserts what it names.

Who reports a finding does not hedge it: "per EMS", "wife says", "crew report" assert as
the patient's own words do (meaning.py reads a piece without its attribution).
"""

from __future__ import annotations

import re

_SUBJECT = r"(?:he|she|they|it|this|that|I|we|the (?:baby|child|pain|patient))"
_HEDGE = re.compile(
    r"\b(?:(?:worried|concerned|afraid|scared|frightened|anxious|fears?|feared|wonder\w*|"
    r"asking|asks|asked|wants? to (?:know|check))(?: that| whether| if)? "
    + _SUBJECT
    + r"(?:'s| is| was| has)? (?:might|may|could|would|can)\b"
    r"|(?:asking|asks|asked|wondering|wonders|wants? to know|checking) (?:whether|if)\b"
    r"|(?:in case|to rule out|to exclude) (?:(?:it|this) (?:is|was) )?(?:a |an )?)",
    re.IGNORECASE,
)
_PART_EDGE = re.compile(r"[,;:]|\b(?:but|and now|now)\b", re.IGNORECASE)


def hedged(clause: str, start: int) -> bool:
    """Whether a hedge trigger precedes clause[start:] within its clause part."""
    before = clause[:start]
    cut = max((m.end() for m in _PART_EDGE.finditer(before)), default=0)
    return _HEDGE.search(before[cut:]) is not None
