"""Vital signs and age as data, from the ways notes write them (and OCR misreads them).

"BP 84/56", "blood pressure 84 over 56", "sats 89% RA", "Sp02 89%", "T 101.3F", "HR: 132",
"RR 28", "GCS 8", "AVPU: P", "pain 8/10", "67-year-old", "3-week-old", "90+ y/o" (an age the
redaction capped), and as they are said: "pressure's eighty over fifty", "heart rate one
forty", "sats dropping to the high 80s", "temp 38,5" (extractors/triage/spoken_numbers.py), "heart
going at 131", "pressure 82 on 53", "tension 126/86", "BP 81 on top", "breathes 27 in one
minute", "man of 52 years", "Woman, 30.", "5y M", an ATMIST "A: 44 F". The first plausible reading of each sign is kept (a triage note states the
initial set first), with its offsets so the evidence quote is verbatim. A number outside what a
living patient can show is a misreading and is dropped, not clamped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extractors.triage.spoken_numbers import with_digits

# Not a decade ("heart rate in the 30s" is a band; the reading comes later, "HR 34").
_NUM = r"(\d{1,3}(?:\.\d{1,2})?)(?!\d|'?s\b)"
_TEMP_NUM = r"(\d{1,3}(?:[.,]\d{1,2})?)(?!\d|'?s\b)"  # "38,5": a decimal comma
# Between a label and its number: punctuation, or a few words of speech ("sats are now
# dropping to 88", "pulse racing at 140", "pressure's 80 over 50").
_SAID = (
    r"is|was|are|were|of|at|now|still|about|around|approximately|only|just|in\s+the|reading"
    r"|racing|running|(?:down|up|dropping|dropped|falling|fell)\s+to|to"
)
_SEP = rf"(?:'s)?\s*(?:[:=;]|(?:(?:{_SAID})\s*){{0,3}})\s*"
# An unlabelled run after "VS"/"Vitals": "VS 84/50 - 140 - 24", "Vitals: 84/50, 140, 24".
_VS_GAP = r"\s*[,;\-–|]\s*"
_VS_PAIR = rf"\b(?:VS|vitals?|vital\s*signs)\s*[:\-]?\s*\d{{2,3}}\s*/\s*\d{{2,3}}{_VS_GAP}"
# OCR reads 1 as l or I and 0 as O next to digits ("HR l32", "9l%", "l0/l0"); read them as
# digits (same length, so every offset and quote stays the note's own).
_OCR_ONE = re.compile(r"(?<=\d)[lI|]|(?<=\d\.)[lI|]|[lI|](?=\d)")
_OCR_ZERO = re.compile(r"(?<=\d)[oO]|(?<=\d\.)[oO]|[oO](?=\d)(?!2\b)")
# ... 8 as B and 5 as S at a number's end ("RR 2B", "Sp02 8B%", "9S%"), and 1 and 0 inside a
# lower-case label as l and o ("pu1se", "b1ood pressure", "temp 1O1.3F").
_OCR_EIGHT = re.compile(r"(?<=\d)B(?=[\s%/,;]|$)")
_OCR_FIVE = re.compile(r"(?<=\d)S(?=[\s%/,;]|$)")
_OCR_LABEL_L = re.compile(r"(?<=[a-z])[1|](?=[a-z])")
_OCR_LABEL_O = re.compile(r"(?<=[a-z])0(?=[a-z])")


@dataclass(frozen=True)
class Reading:
    """One vital sign (or the age): the value in its schema unit, and where the note says it."""

    name: str
    value: float
    unit: str
    start: int
    end: int
    evidence: str

    @property
    def text_value(self) -> str:
        """The value as the schema writes it: an integer, one decimal, or an AVPU letter."""
        if self.name == "avpu":
            return "AVPU"[int(self.value)]
        if self.value == int(self.value):
            return str(int(self.value))
        return f"{self.value:.1f}"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_HR = [
    _rx(rf"\b(?:HR|heart\s*rate|pulse(?:\s*rate)?|P)(?![a-z]){_SEP}{_NUM}(?!\s*(?:/\s*\d|%|mm))"),
    # "VS 119/69 - 165 - 44 - 92% RA": unlabelled, in the usual order BP, HR, RR.
    _rx(rf"{_VS_PAIR}(\d{{2,3}})\b(?!\s*%)"),
    _rx(rf"\b(?:tachycardic|bradycardic|tachycardia|bradycardia)\s*(?:at|to|of)?\s*{_NUM}\b"),
    _rx(rf"\b{_NUM}\s*(?:bpm|beats\s*(?:per|/)\s*min(?:ute)?)\b"),
    # as said: "heart going at 131", "heart is beating 82"
    _rx(rf"\bheart(?:'s|\s+is)?\s+(?:going|beating|racing|pounding|running)\s*(?:at\s*)?{_NUM}\b"),
]
_BP = [
    _rx(
        rf"\b(?:B\s?/?\s?P|(?:blood\s*)?pressure|NIBP|ABP|tension)(?![a-z]){_SEP}(\d{{2,3}})\s*"
        r"(?:/|over|on)\s*(\d{2,3}|palp)"
    ),
    _rx(r"\b(\d{2,3})\s*/\s*(\d{2,3})\s*mm\s*Hg\b"),
    # "VS: 84/50, 140, 24" - an unlabelled pair; a date or a pain score cannot pass the
    # plausibility and ordering checks below (systolic 50-260, above the diastolic).
    _rx(r"(?<![\d/.])(\d{2,3})\s*/\s*(\d{2,3})(?![\d/])(?!\s*(?:mg|ml|mcg|units|%))"),
]
_SBP = [
    _rx(rf"\b(?:SBP|systolic(?:\s*(?:BP|blood\s*pressure))?)\b{_SEP}(\d{{2,3}})\b"),
    # as said: "BP 81 on top", "pressure 90 systolic"
    _rx(
        rf"\b(?:B\s?/?\s?P|(?:blood\s*)?pressure)(?![a-z]){_SEP}(\d{{2,3}})\s*(?:on\s*top|systolic)"
    ),
]
_RR = [
    _rx(rf"\b(?:RR|resp(?:iratory)?(?:\.|\s*rate)?|R)(?![a-z]){_SEP}{_NUM}(?!\s*(?:/\s*\d|%))"),
    _rx(rf"{_VS_PAIR}\d{{2,3}}{_VS_GAP}(\d{{1,2}})\b(?!\s*%)"),
    _rx(rf"\b{_NUM}\s*(?:breaths|resp(?:irations)?)\s*(?:per|/|a)\s*min(?:ute)?\b"),
    _rx(rf"\b(?:tachypn(?:o)?eic|breathing)\s*(?:at|to)\s*{_NUM}\b"),
    # as said: "breathes 27 in one minute", "breathing 30 a minute"
    _rx(
        rf"\bbreath(?:es|ing)\s*(?:at\s*)?{_NUM}\s*(?:times\s*)?(?:in\s*(?:one|a|1)|a|per|/)\s*min"
    ),
]
_SPO2 = [
    _rx(
        r"\b(?:Sp\s?[O0]\s?2|Sa\s?[O0]\s?2|[O0]2\s*sat(?:uration)?s?|sats?|saturation|"
        r"oxygen\s*saturation|pulse\s*ox(?:imetry)?|pox|saturating|satting)(?![a-z])"
        rf"{_SEP}{_NUM}\s*(?:%|percent|per\s*cent)?"
    ),
    _rx(
        rf"\b{_NUM}\s*(?:%|percent|per\s*cent)\s*(?:on\s*)?"
        r"(?:RA|room\s*air|on\s*\d+\s*L|O2|NC|NRB)\b"
    ),
]
_TEMP = [
    _rx(
        r"\b(?:T|Temp(?:erature)?|Tmax|febrile|fever(?:\s*(?:of|to))?)(?![a-z])"
        rf"{_SEP}{_TEMP_NUM}\s*(?:°|º|deg(?:rees)?)?\s*([CF])?\b"
    ),
    _rx(rf"\b{_TEMP_NUM}\s*(?:°|º|deg(?:rees)?)\s*([CF])\b"),
    _rx(r"(?<![\d/.])(\d{2,3}\.\d)\s*([CF])\b"),  # "- 36.6 C" at the end of an unlabelled run
]
_GCS = [_rx(rf"\bGCS\b{_SEP}(\d{{1,2}})\b")]
_GCS_PARTS = _rx(r"\bGCS\b[^.\n]{0,12}?E\s*([1-4])\s*V\s*([1-5T])\s*M\s*([1-6])")
_AVPU = _rx(r"\bAVPU\b\s*(?:[:=]|is|of)?\s*([AVPU])\b")
_PAIN = [
    _rx(r"\bpain\b[^.\n\d]{0,30}?(\d{1,2})\s*(?:/|out\s+of)\s*10\b"),
    _rx(r"\b(\d{1,2})\s*(?:/|out\s+of)\s*10\b[^.\n]{0,20}?\bpain\b"),
    _rx(rf"\bpain\s*(?:score|scale|level)\b{_SEP}(\d{{1,2}})\b"),
]
_AGE_UNITS = r"(years?|yrs?|y|months?|mos?|m(?:o)?|weeks?|wks?|w|days?|d)"  # order: longest first
_AGE_SEX_LETTER = _rx(r"(?<![\w/.])(\d{1,2}|90\+)\s?(?-i:[MF])\b(?!\s*(?:/|%))")
_AGE = [
    _rx(rf"\b(\d{{1,3}}|90\+)[\s-]*{_AGE_UNITS}[\s-]*old\b"),
    _rx(r"\b(\d{1,3}|90\+)\s*(?:y/o|y\.o\.|yo|yoM|yoF|yr|yrs)(?![a-z])(?!\s*(?:ago|prior|before))"),
    _rx(r"\b(?:age[ds]?|aged)\s*:?\s*(\d{1,3}|90\+)(?!\s*(?:%|/))\b"),
    _AGE_SEX_LETTER,
    # as said or charted: "man of 52 years", "Woman, 30.", "5y M", an ATMIST "A: 44 F"
    _rx(
        r"\b(?:man|woman|boy|girl|male|female|lady|gentleman)\s*(?:of|aged|,)\s*(\d{1,3})\s*"
        r"(years?|months?)?\b(?!\s*(?:weeks?|wks?|days?|%|/))"
    ),
    _rx(r"\b(\d{1,2})\s?(y)\b(?=\s*,?\s*(?:(?-i:[MF])\b|old|boy|girl|male|female))"),
    _rx(r"(?-i:\bA)\s*:\s*(\d{1,3})\s*(?-i:[MF])\b"),
]
_TEMPERATURE_LABEL = _rx(r"\b(?:T|temp(?:erature)?|tmax)\s*[:=]?\s*$")
_AGE_UNIT_OF = {"y": "years", "m": "months", "w": "weeks", "d": "days"}

_PLAUSIBLE = {
    "heart_rate": (15.0, 300.0),
    "systolic_bp": (30.0, 300.0),
    "diastolic_bp": (10.0, 200.0),
    "respiratory_rate": (2.0, 90.0),
    "spo2": (40.0, 100.0),
    "temperature": (25.0, 45.0),
    "gcs": (3.0, 15.0),
    "pain_score": (0.0, 10.0),
    "age": (0.0, 125.0),
}


def _plausible(name: str, value: float) -> bool:
    low, high = _PLAUSIBLE.get(name, (float("-inf"), float("inf")))
    return low <= value <= high


def _reading(text: str, match: re.Match[str], name: str, value: float, unit: str) -> Reading:
    return Reading(name, value, unit, match.start(), match.end(), text[match.start() : match.end()])


def _first(
    text: str, patterns: list[re.Pattern[str]], name: str, unit: str
) -> tuple[Reading | None, re.Match[str] | None]:
    found: list[tuple[int, Reading, re.Match[str]]] = []
    for pattern in patterns:
        for match in pattern.finditer(text):
            value = float(match.group(1))
            if _plausible(name, value):
                found.append((match.start(), _reading(text, match, name, value, unit), match))
                break
    if not found:
        return None, None
    _, reading, match = min(found, key=lambda item: item[0])
    return reading, match


def _temperature(text: str) -> Reading | None:
    found: list[Reading] = []
    for pattern in _TEMP:
        for match in pattern.finditer(text):
            value = float(match.group(1).replace(",", "."))
            scale = (match.group(2) or "").upper()
            # Without a scale, a body temperature above 45 can only be Fahrenheit.
            if scale == "F" or (not scale and value > 45):
                value = round((value - 32) * 5 / 9, 1)
            if _plausible("temperature", value):
                found.append(_reading(text, match, "temperature", value, "°C"))
                break
    return min(found, key=lambda r: r.start) if found else None


def _blood_pressure(text: str) -> list[Reading]:
    for pattern in _BP:
        for match in pattern.finditer(text):
            systolic = float(match.group(1))
            if not _plausible("systolic_bp", systolic):
                continue
            if pattern is _BP[-1] and not (
                50 <= systolic <= 260
                and match.group(2).isdigit()
                and systolic > int(match.group(2))
            ):
                continue
            readings = [_reading(text, match, "systolic_bp", systolic, "mmHg")]
            diastolic = match.group(2)
            if diastolic.isdigit() and _plausible("diastolic_bp", float(diastolic)):
                readings.append(_reading(text, match, "diastolic_bp", float(diastolic), "mmHg"))
            return readings
    reading, _ = _first(text, _SBP, "systolic_bp", "mmHg")
    return [reading] if reading else []


def _gcs(text: str) -> Reading | None:
    parts = _GCS_PARTS.search(text)
    if parts:
        verbal = 1 if parts.group(2).upper() == "T" else int(parts.group(2))
        total = int(parts.group(1)) + verbal + int(parts.group(3))
        return _reading(text, parts, "gcs", float(total), "points")
    reading, _ = _first(text, _GCS, "gcs", "points")
    return reading


def _avpu(text: str) -> Reading | None:
    match = _AVPU.search(text)
    if match is None:
        return None
    return _reading(text, match, "avpu", float("AVPU".index(match.group(1).upper())), "AVPU")


def _age(text: str) -> Reading | None:
    """The earliest age the note states ("82F ... last seizure 2 yrs ago" is 82)."""
    found = [reading for pattern in _AGE if (reading := _age_by(pattern, text)) is not None]
    return min(found, key=lambda reading: reading.start) if found else None


def _age_by(pattern: re.Pattern[str], text: str) -> Reading | None:
    for match in pattern.finditer(text):
        raw = match.group(1)
        value = 90.0 if raw.endswith("+") else float(raw)
        unit_word = (match.group(2) if match.re.groups >= 2 else "y") or "y"
        unit = _AGE_UNIT_OF.get(unit_word[0].lower(), "years")
        if unit_word.lower() in {"m", "mo", "mos"} or unit_word.lower().startswith("month"):
            unit = "months"
        if unit == "weeks":
            value, unit = value * 7, "days"
        if pattern is _AGE_SEX_LETTER and _TEMPERATURE_LABEL.search(text[: match.start()]):
            continue  # "Temp 98 F" is a temperature, not a 98-year-old woman
        if _plausible("age", value):
            return _reading(text, match, "age", value, unit)
    return None


def _ocr_digits(text: str) -> str:
    text = _OCR_LABEL_O.sub("o", _OCR_LABEL_L.sub("l", text))
    for _ in range(3):  # "ll9" takes two passes
        text = _OCR_ZERO.sub("0", _OCR_ONE.sub("1", text))
    return _OCR_FIVE.sub("5", _OCR_EIGHT.sub("8", text))


def extract(note: str) -> list[Reading]:
    """Every sign the note states, once each, in schema order; each quote is the note's own."""
    written = with_digits(_ocr_digits(note))
    text = written.text
    readings: list[Reading | None] = [
        _first(text, _HR, "heart_rate", "/min")[0],
        *_blood_pressure(text),
        _first(text, _RR, "respiratory_rate", "/min")[0],
        _first(text, _SPO2, "spo2", "%")[0],
        _temperature(text),
        _gcs(text),
        _avpu(text),
        _first(text, _PAIN, "pain_score", "points")[0],
        _age(text),
    ]
    found: list[Reading] = []
    for reading in readings:
        if reading is not None:
            start, end = written.span(reading.start, reading.end)
            found.append(replace(reading, start=start, end=end, evidence=note[start:end]))
    return found


def age_in_days(readings: list[Reading]) -> float | None:
    """The patient's age in days, for the paediatric thresholds; None when the note is silent."""
    age = next((r for r in readings if r.name == "age"), None)
    if age is None:
        return None
    per_unit = {"years": 365.25, "months": 30.44, "days": 1.0}
    return age.value * per_unit[age.unit]
