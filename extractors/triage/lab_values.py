"""Critical laboratory values, read from the way clinicians write results in a note.

"K 6.8", "K+ 7.1", "potassium 2.3", "sodium of 162", "glucose 38 mg/dL", "BG 2.1 mmol/L",
"BSL 1.8", "CBG 540", "Hb 6.2", "Hgb 5.9 g/dL", "plt 12k", "INR 8.4", "lactate 5.2",
"troponin elevated", "pH 7.05", "Ca 14.2", "WBC 42", "ketones 5.1", also inside a lab list
("BMP: Na 131, K 6.9, Cr 4.1") and said in words ("potassium seven point one",
spoken_numbers.py). Each reading quotes the note verbatim, as the vital-sign readers do.

Limits: the critical ("panic") values that hospital laboratories notify at once, as their
policies set them under the CAP accreditation checklist (GEN.41320, critical results) and
CLSI GP47 (Management of Critical- and Significant-Risk Results). Each laboratory sets its
own; these are the commonly used ones, not one hospital's:

    potassium       < 2.5 or > 6.0 mmol/L
    sodium          < 120 or > 160 mmol/L
    glucose         < 40 or > 450 mg/dL (< 2.2 or > 25 mmol/L)
    haemoglobin     < 7 or > 20 g/dL (< 70 or > 200 g/L)
    platelets       < 20 or > 1000 x10^9/L
    WBC             < 2 or > 30 x10^9/L
    INR             > 5
    lactate         >= 4 mmol/L
    pH (blood gas)  < 7.2 or > 7.6
    total calcium   < 6 or > 13 mg/dL (< 1.5 or > 3.25 mmol/L)
    bicarbonate     < 10 or > 40 mmol/L
    blood ketones   >= 3.0 mmol/L (JBDS-IP: the ketonaemia of diabetic ketoacidosis)
    troponin        positive or elevated (above the assay's 99th-centile cut-off)

The unit is the one the note states; where it states none, the number decides (a glucose of
1.8 is in mmol/L, one of 540 in mg/dL; a haemoglobin of 62 is in g/L; a platelet count of
12,000 is per microlitre). A glucose meter's "HI" or "LO" is beyond its range: critical.
A reading counts only where the note asserts it now (findings.asserted: not negated, not
history, not a "PMH:" line) and no date after it makes it an old result ("K 6.8 last month").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from extractors.triage.findings import asserted
from extractors.triage.spoken_numbers import with_digits
from extractors.triage.vitals import _ocr_digits


@dataclass(frozen=True)
class LabReading:
    """One critical result: what was measured, its value and unit, the limit it crosses."""

    analyte: str
    value: float | None  # None for a qualitative result ("troponin positive", "BG HI")
    unit: str
    limit: str
    start: int
    end: int
    evidence: str  # the note's own characters, e.g. "K+ 7.1"


# Between a label and its number: punctuation, or a few words ("sodium of 162",
# "potassium came back at 7.1", "K level 2.3").
_SEP = (
    r"\s*(?:[:=\-]\s*|(?:is|was|of|at|now|only|just|level|levels|came\s+back|returned|"
    r"back|(?:up|down)\s+to|reading|reads?|measured)\s+){0,3}\s*"
)
# A number: thousands with commas ("12,000"), or digits with a decimal point or comma.
_VALUE = r"(\d{1,3}(?:,\d{3})+(?!\d|,\d)|\d{1,4}(?:[.,]\d{1,2})?(?!\d|[.,]\d))"
_UNIT = (
    r"(?:\s*(k\b|(?:x|×)\s*10\s*\^?\s*9(?:\s*/\s*l)?|x?\s*10\^?3\s*/\s*(?:µ|u)l|mmol\s*/\s*l|"
    r"mEq\s*/\s*l|mg\s*/\s*dl|g\s*/\s*dl|g\s*/\s*l|/\s*(?:µ|u)l|/\s*mm3))?"
)
# What follows a number that is no lab result: a time, a dose, a score, a range, a count.
_NOT_A_RESULT = re.compile(
    r"\s*(?:days?|hours?|hrs?|h\b|weeks?|wks?|months?|mos?\b|years?|yrs?|y/?o\b|times|x\b|ago|"
    r"episodes?|mins?\b|minutes?|am\b|pm\b|mg\b(?!\s*/\s*dl)|mcg|ml\b|units?|tabs?|tablets?|%|"
    r"/\s*\d|-\s*\d|:\s*\d|\+)",
    re.IGNORECASE,
)
# Before a label: a threshold, target or instruction, or a urine test, not a result.
_NOT_BLOOD = re.compile(
    r"(?:vit(?:amin)?\.?|urine|urinary|(?-i:UA|U)|dipstick|target|goal|aim|keep|if|"
    r"call\s+if|<|>)\s*[:\-]?\s*$",
    re.IGNORECASE,
)
# A date or time after a result that makes it an old one ("K 6.8 last month").
_OLD_AFTER = re.compile(
    r"[^,;.\n]{0,25}?\b(?:last\s+(?:week|month|year|admission|visit|time)|ago|previously|"
    r"(?:in|on)\s+(?:19|20)\d\d|on\s+\d{1,2}/\d{1,2}|at\s+(?:her|his|their)\s+last)\b",
    re.IGNORECASE,
)
_OLD_BEFORE = re.compile(
    r"\b(?:last\s+(?:admission|visit|week|month|year)|(?:weeks?|months?|years?)\s+ago|"
    r"(?:on|at)\s+discharge|previous|prior)\b[^.;\n]*$",
    re.IGNORECASE,
)

Judge = Callable[[float, str], tuple[str, str] | None]


def _outside(
    low: float | None, high: float | None, unit: str, high_inclusive: bool = False
) -> Judge:
    """A judge with one unit: the crossed limit ("> 6.0 mmol/L"), or None within limits."""

    def judge(value: float, _stated: str) -> tuple[str, str] | None:
        if low is not None and value < low:
            return unit, f"< {low:g} {unit}".rstrip()
        if high is not None and (value >= high if high_inclusive else value > high):
            return unit, f"{'>=' if high_inclusive else '>'} {high:g} {unit}".rstrip()
        return None

    return judge


def _glucose(value: float, stated: str) -> tuple[str, str] | None:
    mmol = "mmol" in stated or (not stated and value <= 25)
    if "mg" in stated or not mmol:
        return _outside(40, 450, "mg/dL")(value, stated)
    return _outside(2.2, 25, "mmol/L")(value, stated)


def _haemoglobin(value: float, stated: str) -> tuple[str, str] | None:
    if stated.replace(" ", "") == "g/l" or (not stated and value >= 25):
        return _outside(70, 200, "g/L")(value, stated)
    return _outside(7, 20, "g/dL")(value, stated)


def _per_nanolitre(value: float, stated: str) -> float:
    """A count in x10^9/L: "12k", "12 x10^9/L" and "12,000 /uL" are all 12."""
    return value / 1000 if value >= 1000 and "k" not in stated else value


def _platelets(value: float, stated: str) -> tuple[str, str] | None:
    return _outside(20, 1000, "x10^9/L")(_per_nanolitre(value, stated), stated)


def _white_cells(value: float, stated: str) -> tuple[str, str] | None:
    return _outside(2, 30, "x10^9/L")(_per_nanolitre(value, stated), stated)


def _calcium(value: float, stated: str) -> tuple[str, str] | None:
    if "mmol" in stated or (not stated and value < 5):
        return _outside(1.5, 3.25, "mmol/L")(value, stated)
    return _outside(6, 13, "mg/dL")(value, stated)


@dataclass(frozen=True)
class _Analyte:
    name: str
    label: str
    plausible: tuple[float, float]  # outside: a misreading or another number, not this result
    judge: Judge


_ANALYTES: tuple[_Analyte, ...] = (
    _Analyte(
        "potassium",
        r"(?:serum\s+)?potassium|(?-i:K)\+?|(?-i:K)\s*\(\s*\+\s*\)",
        (1.0, 10.0),
        _outside(2.5, 6.0, "mmol/L"),
    ),
    _Analyte(
        "sodium", r"(?:serum\s+)?sodium|(?-i:Na)\+?", (95.0, 190.0), _outside(120, 160, "mmol/L")
    ),
    _Analyte(
        "glucose",
        r"(?:blood\s+|capillary\s+|serum\s+|fingerstick\s+|finger-?stick\s+|finger\s*prick\s+)?"
        r"(?:glucose|sugars?)|fingerstick|finger-?prick|(?-i:BG|BGL|BSL|CBG|FSBG|POCT\s+glucose|"
        r"Glu|GLU|BMs?)",
        (0.5, 2000.0),
        _glucose,
    ),
    _Analyte(
        "haemoglobin",
        r"h(?:a)?emoglobin|(?-i:Hb|Hgb|HGB|HB)",
        (1.0, 250.0),
        _haemoglobin,
    ),
    _Analyte(
        "platelets",
        r"platelets?(?:\s+count)?|(?-i:plts?|Plts?|PLTs?)",
        (0.5, 5000000.0),
        _platelets,
    ),
    _Analyte(
        "white cell count",
        r"(?-i:WBC|WCC|TWC)|white\s+(?:blood\s+)?(?:cell\s+)?count|white\s+cells?",
        (0.1, 500000.0),
        _white_cells,
    ),
    _Analyte("INR", r"(?-i:INR)", (0.5, 25.0), _outside(None, 5, "")),
    _Analyte(
        "lactate",
        r"(?:serum\s+|venous\s+|arterial\s+)?(?:lactate|lactic\s+acid)|(?-i:Lac)",
        (0.1, 30.0),
        _outside(None, 4, "mmol/L", high_inclusive=True),
    ),
    _Analyte(
        "pH",
        r"(?:(?:arterial|venous|(?-i:ABG|VBG)|blood\s+gas)\s*:?\s*)?(?-i:pH)",
        (6.5, 8.0),
        _outside(7.2, 7.6, ""),
    ),
    _Analyte(
        "calcium",
        r"(?:total\s+|corrected\s+|serum\s+)?calcium|(?-i:Ca|cCa)(?:\s*2\+)?",
        (0.5, 20.0),
        _calcium,
    ),
    _Analyte(
        "bicarbonate",
        r"bicarb(?:onate)?|(?-i:HC[O0]3)-?",  # OCR repair reads the O as 0
        (1.0, 60.0),
        _outside(10, 40, "mmol/L"),
    ),
    _Analyte(
        "ketones",
        r"(?:blood\s+|serum\s+|capillary\s+)?ketones?|(?-i:BHB)|beta[\s-]?hydroxybutyrate",
        (0.0, 15.0),
        _outside(None, 3.0, "mmol/L", high_inclusive=True),
    ),
)
_NUMERIC = tuple(
    (
        analyte,
        re.compile(
            rf"(?<![\w+/-])(?:{analyte.label})(?![\w+]){_SEP}{_VALUE}{_UNIT}", re.IGNORECASE
        ),
    )
    for analyte in _ANALYTES
)
_TROPONIN = r"(?:hs[\s-]?)?(?:troponin|trop|(?-i:c?Tn[IT]))(?:\s*[IT]\b)?"
_RAISED = r"(?:positive|pos\b|\+ve|elevated|raised|rising|high(?![\s-]*sensitiv)|up|abnormal|leak)"
_QUALITATIVE: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (
        "troponin",
        re.compile(
            rf"\b{_TROPONIN}\s*(?:levels?\s*)?(?:is\s+|was\s+|are\s+|came\s+back\s+|returned\s+|"
            r":\s*)?(?:(?:mildly|slightly|markedly|very|significantly|now|already)\s+)?"
            rf"{_RAISED}(?![\w-])|\b(?:positive|elevated|raised|rising|abnormal)\s+{_TROPONIN}\b",
            re.IGNORECASE,
        ),
        "positive",
    ),
    (
        "glucose",
        re.compile(
            r"\b(?:glucose|sugars?|glucometer|meter|(?-i:BG|BGL|BSL|CBG|BMs?))\s*"
            r"(?:reads?\s+|reading\s+|is\s+|was\s+|:\s*)?(?-i:HI|LO)\b",
            re.IGNORECASE,
        ),
        "beyond the meter's range",
    ),
)


def _number(raw: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", raw):
        return float(raw.replace(",", ""))
    return float(raw.replace(",", "."))


def _candidates(note: str) -> list[LabReading]:
    """Every critical result the note writes, asserted or not, with the note's offsets."""
    written = with_digits(_ocr_digits(note))
    text = written.text
    found: list[LabReading] = []
    for analyte, pattern in _NUMERIC:
        for match in pattern.finditer(text):
            if _NOT_BLOOD.search(text[max(0, match.start() - 12) : match.start()]):
                continue
            if not match.group(2) and _NOT_A_RESULT.match(text, match.end()):
                continue
            value = _number(match.group(1))
            low, high = analyte.plausible
            if not low <= value <= high:
                continue
            stated = re.sub(r"\s+", "", (match.group(2) or "").lower())
            verdict = analyte.judge(value, stated)
            if verdict is None:
                continue
            unit, limit = verdict
            start, end = written.span(match.start(), match.end())
            found.append(
                LabReading(analyte.name, value, unit, limit, start, end, note[start:end].strip())
            )
    for name, pattern, limit in _QUALITATIVE:
        for match in pattern.finditer(text):
            start, end = written.span(match.start(), match.end())
            found.append(LabReading(name, None, "", limit, start, end, note[start:end]))
    return sorted(found, key=lambda reading: reading.start)


# Words after which a sentence speaks of now again ("on last admission Hb 6.5, today Hb 9").
_NOW_AGAIN = re.compile(
    r"\b(?:now|today|currently|this\s+(?:morning|visit|admission)|repeat|on\s+arrival)\b",
    re.IGNORECASE,
)


def _old_result(note: str, reading: LabReading) -> bool:
    """Whether a date or time around the result makes it an old one, not today's."""
    line_start = note.rfind("\n", 0, reading.start) + 1
    sentence_start = max(note.rfind(". ", line_start, reading.start) + 1, line_start)
    before = note[sentence_start : reading.start]
    cut = max((match.end() for match in _NOW_AGAIN.finditer(before)), default=0)
    return (
        _OLD_AFTER.match(note, reading.end) is not None
        or _OLD_BEFORE.search(before[cut:]) is not None
    )


def critical(note: str) -> list[LabReading]:
    """The critical results a note asserts now, in note order, each once."""
    readings = [reading for reading in _candidates(note) if not _old_result(note, reading)]
    if not readings:
        return []
    # Negation and history are read where the other findings' are: the reading's own span,
    # matched in its clause (findings.asserted), counts only where that finding asserts.
    spans = re.compile("|".join(re.escape(reading.evidence) for reading in readings))
    now = {finding.start for finding in asserted(spans, note)}
    return [reading for reading in readings if reading.start in now]
