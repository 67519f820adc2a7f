"""The parts a CUAD clause category is made of: rules that read one clause's meaning.

A rule is `needs` (every pattern must match the normalised, lower-cased clause), `unless` (none
may), and optionally `section` (the heading above the clause must match). A category is its
rules, strongest first, and the headings under which an expert looks for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rule:
    needs: tuple[re.Pattern[str], ...]
    unless: tuple[re.Pattern[str], ...] = ()
    section: re.Pattern[str] | None = None

    def accepts(self, norm: str, section: str) -> int | None:
        """Where the clause's deciding cue starts, or None when the rule does not hold."""
        if self.section is not None and not self.section.search(section):
            return None
        first = self.needs[0].search(norm)
        if first is None or any(not p.search(norm) for p in self.needs[1:]):
            return None
        if any(p.search(norm) for p in self.unless):
            return None
        return first.start()


def _r(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def rule(*needs: str, unless: tuple[str, ...] = (), section: str | None = None) -> Rule:
    return Rule(
        tuple(_r(p) for p in needs),
        tuple(_r(p) for p in unless),
        _r(section) if section else None,
    )


@dataclass(frozen=True)
class Category:
    """A CUAD category: its severity, its rules strongest first, and the headings under which
    an expert looks for it (a clause there is preferred as evidence)."""

    severity: str
    rules: tuple[Rule, ...] = field(default_factory=tuple)
    topic: re.Pattern[str] = re.compile(r"(?!)")
    # Whether the strongest rule outranks the heading when choosing evidence: for categories
    # whose topic headings ("Assignment") hold weaker mentions than the clause that decides.
    strength_first: bool = False

    def is_topical(self, section: str) -> bool:
        return bool(self.topic.search(section))


# Clauses that are never evidence: definitions ('"Liability" means ...', '(c) "Change of
# Control" means ...', 'Section 1.32 "Supply Failure" means ...'), recitals and the preamble
# that names the agreement.
NOT_EVIDENCE = re.compile(
    r"^\W*(?:[a-z0-9]{1,4}\)\s*)?(?:(?:section|article) )?(?:\d+(?:\.\d+)*\.?\s*)?"
    r"[\"“][^\"”]{1,80}[\"”] "
    r"(?:shall )?(?:means?|has the meaning)"
    r"|^whereas\b|^[a-z]\.\s+[^.;]{0,80}\bdesires? to\b"
    r"|^this [^.]{0,120}\bagreement\b[^.]{0,60}\b(?:is|are) (?:made|entered)"
)

# A lettered paragraph under a recitals heading ("WHEREAS:", "Recitals", "Background") is a
# recital: it tells why the parties contract ("D. The overall objective of the Original COOA
# was ..."), it commits nobody.
RECITALS = re.compile(r"^\W*(?:whereas|recitals?|background)\W*$")
LETTERED = re.compile(r"^\(?[a-z]\)?[.)]\s")


def is_recital(norm: str, section: str) -> bool:
    return bool(RECITALS.search(section) and LETTERED.search(norm.lower()))
