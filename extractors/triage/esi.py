"""The Emergency Severity Index v4 as a deterministic function of a note (ESI Handbook, AHRQ).

    A  needs an immediate life-saving intervention?            -> ESI 1
    B  high-risk situation, new confusion/lethargy/disorientation,
       or severe pain/distress?                                   -> ESI 2
    C  how many different resources?   none -> 5, one -> 4, two or more -> D
    D  danger-zone vital signs?                                   -> consider 2, else 3

Screens that feed A and B: SpO2 < 90 % (A), GCS <= 8 or AVPU P/U (A), hypotension with signs
of poor perfusion (A); shock index HR/SBP > 1.0, SBP < 90, SpO2 < 92 %, qSOFA >= 2 (RR >= 22,
altered mentation, SBP <= 100), SIRS >= 2 with a suspected infection and a danger-zone sign,
and fever >= 38.0 °C in an infant of 28 days or less (B). Danger-zone vital signs by age are
the handbook's (D). Every rule that fires is recorded with its verbatim evidence, most urgent
first, so a nurse sees why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.lexicons import RED_FLAG_PATTERNS, RED_FLAG_SEVERITY
from extractors.negation import negation_cue
from extractors.segments import lines, quote
from extractors.triage import (
    criteria,
    lay_resources,
    lay_wording,
    meaning,
    red_flags,
    screening_tools,
)
from extractors.triage.findings import asserted, first
from extractors.triage.vitals import Reading, age_in_days, extract

# Danger-zone heart and respiratory rates by age (ESI Handbook v4, decision point D).
_DANGER_ZONE: tuple[tuple[float, int, int], ...] = (
    (90, 180, 50),  # under 3 months: HR > 180, RR > 50
    (3 * 365.25, 160, 40),  # 3 months to 3 years
    (8 * 365.25, 140, 30),  # 3 to 8 years
    (float("inf"), 100, 20),  # over 8 years
)
_GLUCOSE = re.compile(
    r"\b(?:glucose|blood sugar|fingerstick|(?-i:BG|CBG|FSBG|BSL))\D{0,14}(\d{2,3})\b",
    re.IGNORECASE,
)
# "Fever 37.3" labels a temperature (read as a vital sign), it is no fever in words.
_FEVER_WORD = r"fever(?!\s*(?:of|is|was|:)?\s*\d)"
_FEVER_WORDS = re.compile(r"\b(?:" + _FEVER_WORD + r"|febrile|chills)", re.IGNORECASE)
_INFECTION = re.compile(
    r"\b(?:" + _FEVER_WORD + r"|febrile|chills|rigors|infection|infected|pneumonia|"
    r"cough(?:ing)? (?:up )?"
    r"(?:green|yellow|sputum)|productive cough|dysuria|cellulitis|abscess|sepsis|septic|"
    r"urinary tract infection|(?-i:UTI))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Reason:
    rule: str
    evidence: str
    level: int
    exemplar: str = ""  # the handbook exemplar a meaning match was nearest to


@dataclass(frozen=True)
class Flag:
    kind: str
    severity: str
    evidence: str


@dataclass
class Assessment:
    level: int = 5
    reasons: list[Reason] = field(default_factory=list)
    vitals: list[Reading] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)

    def fire(self, rule: str, evidence: str, level: int, exemplar: str = "") -> None:
        if evidence and not any(r.rule == rule for r in self.reasons):
            self.reasons.append(Reason(rule, evidence, level, exemplar))

    def flag(self, kind: str, evidence: str) -> None:
        if evidence and not any(f.kind == kind for f in self.flags):
            self.flags.append(Flag(kind, RED_FLAG_SEVERITY[kind], evidence))


def _line_of(text: str, reading: Reading) -> str:
    """The form line a reading sits on: "HR 132, BP 84/56" reads better than "BP 84/56"."""
    for line in lines(text):
        if line.start <= reading.start < line.end:
            return quote(line)
    return reading.evidence


def _danger_zone(age_days: float | None) -> tuple[int, int]:
    age = age_days if age_days is not None else 100 * 365.25
    return next((hr, rr) for limit, hr, rr in _DANGER_ZONE if age < limit)


def _hypotension_limit(age_days: float | None) -> float:
    """Systolic hypotension by age (PALS): < 60 neonate, < 70 infant, < 70 + 2 x years to 10."""
    if age_days is None or age_days >= 10 * 365.25:
        return 90.0
    if age_days <= 28:
        return 60.0
    return 70.0 + 2 * (age_days // 365.25)


def _resources(text: str) -> tuple[int, str, str]:
    """Expected resources (0, 1, or 2 meaning two or more) and the complaint that says so.

    The complaint the note leads with decides ("cut on the chin after a fall" is a
    laceration); at the same place the longer phrase wins ("fell on outstretched hand" is a
    wrist, "fell" alone an unknown fall), then the larger count.
    """
    candidates: list[tuple[int, int, int, str]] = []
    for count, pattern in (
        (2, criteria.TWO_RESOURCES),
        (2, lay_resources.TWO_RESOURCES),
        (1, criteria.ONE_RESOURCE),
        (1, lay_resources.ONE_RESOURCE),
        (0, criteria.NO_RESOURCES),
        (0, lay_resources.NO_RESOURCES),
    ):
        candidates += [
            (found.start, -(found.end - found.start), -count, found.evidence)
            for found in asserted(pattern, text)
        ]
    if candidates:
        _, _, negative_count, evidence = min(candidates)
        # A work-up named beside the leading complaint adds its resources ("diarrhoea for 3
        # days, lightheaded when standing up": labs and IV fluids).
        if negative_count == -1 and any(c[2] == -2 and c[3] == evidence for c in candidates):
            return 2, evidence, ""
        return -negative_count, evidence, ""
    # A complaint the lists do not know: the nearest handbook exemplar by meaning.
    nearest = meaning.resources(text)
    if nearest is not None:
        # -1 marks an estimate by meaning (0 or 1 as -1 or -2 below), for the caller to check.
        return int(nearest.kind) - 10, nearest.evidence, nearest.exemplar
    opening = next((quote(line) for line in lines(text)), "")
    return -1, opening, ""


def _warrants_work_up(
    text: str, vital: dict[str, Reading], age_days: float | None, uncertain: bool
) -> bool:
    """Vital signs or history (and, for an uncertain complaint, age) that call for a work-up."""
    old_or_infant = (
        uncertain and age_days is not None and (age_days >= 65 * 365.25 or age_days <= 91)
    )
    hr_limit, rr_limit = _danger_zone(age_days)
    abnormal = (
        ("heart_rate" in vital and vital["heart_rate"].value > hr_limit)
        or ("respiratory_rate" in vital and vital["respiratory_rate"].value > rr_limit)
        or ("temperature" in vital and vital["temperature"].value >= 38.0)
        or ("spo2" in vital and vital["spo2"].value < 95)
        or ("systolic_bp" in vital and not 100 <= vital["systolic_bp"].value < 180)
    )
    history = any(
        negation_cue(text, found.start(), found.end()) is None
        for found in criteria.RISK_HISTORY.finditer(text)
    )
    return old_or_infant or abnormal or history


def assess(text: str) -> Assessment:
    """The ESI level of a triage note, with every rule that fired and the red flags it found."""
    result = Assessment(vitals=extract(text))
    vital = {reading.name: reading for reading in result.vitals}
    age_days = age_in_days(result.vitals)
    hr = vital["heart_rate"].value if "heart_rate" in vital else None
    sbp = vital["systolic_bp"].value if "systolic_bp" in vital else None
    rr = vital["respiratory_rate"].value if "respiratory_rate" in vital else None
    spo2 = vital["spo2"].value if "spo2" in vital else None
    gcs = vital["gcs"].value if "gcs" in vital else None
    avpu = vital["avpu"].value if "avpu" in vital else None

    for kind, pattern in RED_FLAG_PATTERNS.items():
        found = first(pattern, text)
        if found:
            result.flag(kind, found.evidence)

    for rule in (*red_flags.RULES, *lay_wording.RULES, *screening_tools.RULES):
        found = first(rule.pattern, text)
        if found:
            result.flag(rule.kind, found.evidence)
            default = "A: immediate life-saving intervention" if rule.level == 1 else ""
            name = rule.reason or default or "B: high-risk situation"
            result.fire(name, found.evidence, rule.level)
    for situation in (red_flags.HIGH_RISK, lay_wording.HIGH_RISK, screening_tools.HIGH_RISK):
        handbook_high_risk = first(situation, text)
        if handbook_high_risk:
            result.fire("B: high-risk situation", handbook_high_risk.evidence, 2)
    # The same situations in other words: the nearest handbook exemplar by meaning.
    for match in meaning.high_risk(text):
        if match.kind:
            result.flag(match.kind, match.evidence)
        result.fire("B: high-risk situation", match.evidence, 2, match.exemplar)

    confusion = first(criteria.CONFUSION, text)
    if confusion:
        result.flag("Altered Mental Status", confusion.evidence)
    perfusion = first(criteria.POOR_PERFUSION, text)
    altered = confusion is not None or (gcs is not None and gcs < 15)

    # A: immediate life-saving intervention.
    life_saving = first(criteria.LIFE_SAVING, text)
    if life_saving:
        result.fire("A: immediate life-saving intervention", life_saving.evidence, 1)
    if spo2 is not None and spo2 < 90:
        result.fire("A: immediate life-saving intervention", _line_of(text, vital["spo2"]), 1)
    if (gcs is not None and gcs <= 8) or (avpu is not None and avpu >= 2):
        reading = vital["gcs"] if gcs is not None and gcs <= 8 else vital["avpu"]
        result.fire("A: immediate life-saving intervention", _line_of(text, reading), 1)
        result.flag("Altered Mental Status", _line_of(text, reading))
    hypotensive = sbp is not None and sbp < _hypotension_limit(age_days)
    if hypotensive and (perfusion or altered or (hr is not None and (hr > 120 or hr < 50))):
        result.fire(
            "A: immediate life-saving intervention", _line_of(text, vital["systolic_bp"]), 1
        )
    # Severe bradycardia or tachycardia with signs of hypoperfusion (a handbook ESI 1 example).
    extreme_rate = (
        hr is not None and (hr < 40 or hr > 150) and (age_days is None or age_days > 8 * 365.25)
    )
    if extreme_rate and (perfusion or altered or hypotensive):
        result.fire("A: immediate life-saving intervention", _line_of(text, vital["heart_rate"]), 1)
    glucose = _GLUCOSE.search(text)
    if glucose and int(glucose.group(1)) <= 50 and altered:
        result.fire("A: immediate life-saving intervention", glucose.group(0), 1)
    if rr is not None and rr < 8 and (age_days is None or age_days > 365.25):
        result.fire(
            "A: immediate life-saving intervention", _line_of(text, vital["respiratory_rate"]), 1
        )

    # B: high risk, new confusion/lethargy/disorientation, severe pain or distress.
    high_risk = first(criteria.HIGH_RISK, text)
    if high_risk:
        result.fire("B: high-risk situation", high_risk.evidence, 2)
    # Every high-severity red flag is a high-risk situation in the handbook's sense.
    serious = next((f for f in result.flags if f.severity == "high"), None)
    if serious:
        result.fire("B: high-risk situation", serious.evidence, 2)
    if confusion:
        result.fire("B: new confusion, lethargy or disorientation", confusion.evidence, 2)
    if gcs is not None and gcs < 15:
        result.fire("B: new confusion, lethargy or disorientation", _line_of(text, vital["gcs"]), 2)
        result.flag("Altered Mental Status", _line_of(text, vital["gcs"]))
    distress = first(criteria.SEVERE_DISTRESS, text)
    if distress:
        result.fire("B: severe pain or distress", distress.evidence, 2)
    _screens(text, result, vital, age_days, altered)
    resources, complaint, exemplar = _resources(text)
    if resources == -1:
        # Nothing in the note says what it needs. Read nearer a high-risk situation than any
        # routine complaint, it is one (B); otherwise a work-up (urgent) only where age, vital
        # signs or history warrant one, and one resource (to be seen and examined) if not.
        uncertain = meaning.high_risk(
            text, meaning.UNCERTAIN_HIGH_RISK_MIN, meaning.UNCERTAIN_HIGH_RISK_LEAD
        )
        for match in uncertain[:1]:
            if match.kind:
                result.flag(match.kind, match.evidence)
            result.fire("B: high-risk situation", match.evidence, 2, match.exemplar)
        resources = 2 if _warrants_work_up(text, vital, age_days, uncertain=True) else 1
    elif resources < -1:
        # Estimated by meaning: 0 or 1 stands unless vital signs or history call for more.
        resources += 10
        if resources < 2 and _warrants_work_up(text, vital, age_days, uncertain=False):
            resources = 2
    pain = vital.get("pain_score")
    if pain is not None and pain.value >= 7 and resources >= 2:
        result.fire("B: severe pain or distress", _line_of(text, pain), 2)

    # A fever turns a one-resource complaint into a work-up (labs beside the imaging or test);
    # so do a deformity, and (the handbook) a fever above 39 °C from 3 months to 3 years.
    fever = "temperature" in vital and vital["temperature"].value >= 38.0
    if resources == 1 and (fever or first(_FEVER_WORDS, text)):
        resources = 2
    deformity = first(red_flags.DEFORMITY, text)
    if deformity:
        resources, complaint, exemplar = max(resources, 2), deformity.evidence, ""
    young = age_days is not None and 91 < age_days <= 3 * 365.25
    if young and "temperature" in vital and vital["temperature"].value > 39.0:
        resources, complaint, exemplar = max(resources, 2), _line_of(text, vital["temperature"]), ""

    # C and D: resources, then danger-zone vital signs.
    if resources == 0:
        result.fire("C: no resources expected", complaint, 5, exemplar)
    elif resources == 1:
        result.fire("C: one resource expected", complaint, 4, exemplar)
    else:
        result.fire("C: two or more resources expected", complaint, 3, exemplar)
        hr_limit, rr_limit = _danger_zone(age_days)
        danger = [
            vital[name]
            for name, value, limit in (
                ("heart_rate", hr, hr_limit),
                ("respiratory_rate", rr, rr_limit),
            )
            if value is not None and value > limit
        ]
        if spo2 is not None and spo2 < 92:
            danger.append(vital["spo2"])
        if danger:
            result.fire("D: danger-zone vital signs", _line_of(text, danger[0]), 2)

    result.reasons.sort(key=lambda reason: reason.level)
    result.level = min((reason.level for reason in result.reasons), default=3)
    return result


def _screens(
    text: str,
    result: Assessment,
    vital: dict[str, Reading],
    age_days: float | None,
    altered: bool,
) -> None:
    """Shock index, hypotension, hypoxaemia, sepsis (qSOFA, SIRS), the febrile neonate."""
    hr = vital.get("heart_rate")
    sbp = vital.get("systolic_bp")
    rr = vital.get("respiratory_rate")
    spo2 = vital.get("spo2")
    temp = vital.get("temperature")
    if sbp is not None and sbp.value < _hypotension_limit(age_days):
        result.fire("B: high-risk situation", _line_of(text, sbp), 2)
        result.flag("Hemodynamic Instability", _line_of(text, sbp))
    adult = age_days is None or age_days >= 18 * 365.25  # the shock index is an adult's measure
    if adult and hr is not None and sbp is not None and hr.value / sbp.value > 1.0:
        result.fire("shock index above 1.0", _line_of(text, sbp), 2)
        result.flag("Hemodynamic Instability", _line_of(text, sbp))
    if spo2 is not None and spo2.value < 92:
        result.flag("Hypoxaemia", _line_of(text, spo2))
        result.fire("B: high-risk situation", _line_of(text, spo2), 2)
    hr_limit, rr_limit = _danger_zone(age_days)
    qsofa = [
        r
        for r, hit in (
            (rr, rr is not None and rr.value >= 22),
            (sbp, sbp is not None and sbp.value <= 100),
        )
        if hit and r is not None
    ]
    if len(qsofa) + int(altered) >= 2:
        evidence = _line_of(text, qsofa[0])
        result.fire("sepsis screen: qSOFA", evidence, 2)
        result.flag("Sepsis Signs", evidence)
    infection = first(_INFECTION, text)
    fever = temp is not None and temp.value >= 38.0
    sirs = [
        r
        for r, hit in (
            (temp, temp is not None and (temp.value > 38.0 or temp.value < 36.0)),
            (hr, hr is not None and hr.value > 90),
            (rr, rr is not None and rr.value > 20),
        )
        if hit and r is not None
    ]
    danger_sign = (
        (hr is not None and hr.value > hr_limit)
        or (rr is not None and rr.value > rr_limit)
        or (temp is not None and (temp.value >= 39.5 or temp.value < 36.0))
        or altered
    )
    if len(sirs) >= 2 and (infection is not None or fever) and danger_sign:
        evidence = _line_of(text, sirs[0])
        result.fire("sepsis screen: SIRS", evidence, 2)
        result.flag("Sepsis Signs", evidence)
    if fever and temp is not None and age_days is not None and age_days <= 28:
        result.fire("fever in an infant of 28 days or less", _line_of(text, temp), 2)
    elif fever and temp is not None and age_days is not None and age_days <= 91:
        # The handbook: "consider ESI 2" from 1 to 3 months; a floor takes what it considers
        # (a high-risk situation: the schema's rule names stay those of clinical 2.0.0).
        result.fire("B: high-risk situation", _line_of(text, temp), 2)
    suppressed = first(red_flags.IMMUNOSUPPRESSED, text)
    if suppressed and (fever or first(red_flags.FEVER, text)):
        result.flag("Sepsis Signs", suppressed.evidence)
        result.fire("B: high-risk situation", suppressed.evidence, 2)
