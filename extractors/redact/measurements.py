"""Where a note states a measurement: vital signs, lab values, doses and durations.

"BP 84/56", "SpO2 96%", "T 38.9 C", "K 6.1 mmol/L", "20 mg", "for 3 days": a date pattern reads
"10/10" as a date and a small NER reads "BP 84/56" as a place, and the note loses what a
reader or a triage rule needs. A finding of a name, place, organisation, date, phone or ZIP
that lies inside one of these spans is not redacted. Identifier findings (MRN, SSN, account
and the like, found after their label) are never dropped: there the policy says the number is
an identifier.
"""

from __future__ import annotations

import regex

_NUMBER = r"\d{1,4}(?:[.,]\d{1,3})?(?!\d)"
# Units after a number, in their usual case. One-letter units need a non-letter after them.
_UNIT = (
    r"(?:mmol/L|mEq/L|mg/dL|g/dL|ng/mL|pg/mL|mcg/kg(?:/min)?|mg/kg|mL/h(?:r|our)?|U/L|IU/L|"
    r"mm\s?Hg|cm\s?H2O|mcg|µg|ug|mg|kg|lbs?|oz|mL|ml|cc|dL|mEq|mmol|IU|°\s?[CF]?|%|cm|mm|"
    r"(?i:units?|degrees?(?:\s+(?:C|F|Celsius|Fahrenheit))?|bpm|beats?(?:\s+per\s+|/)min(?:ute)?|"
    r"breaths?(?:\s+per\s+|/)min(?:ute)?|/min|hours?|hrs?|days?|weeks?|wks?|months?|years?|"
    r"yrs?|minutes?|mins?|seconds?|secs?|times|tablets?|tabs?|puffs?|drops?|French|Fr|gauge)|"
    r"[CFLgh](?![\p{L}]))"
)
# Vital-sign and lab names a value follows ("BP 84/56", "K 6.1", "Temp: 36.9"): abbreviations
# in their own case ("Ca 9.7" is calcium, "CA 63711" a state and a ZIP code), words in any.
_LABEL = (
    r"(?:BP|B/P|HR|P|RR|T|Tmax|SpO2|SaO2|O2\s*[Ss]ats?|GCS|BMI|FiO2|EtCO2|MAP|CVP|BS|FSBS|"
    r"Na|K|Cl|CO2|HCO3|Cr|Ca|Mg|PT|pH|pCO2|pO2|EF|"
    # Lab abbreviations no state, word or unit is spelled like: in any case ("HCT", "Hct").
    r"(?i:BUN|Phos|WBC|Hgb|Hct|Plt|INR|PTT|ALT|AST|ALP|TSH|HbA1c|A1c|CRP|ESR|BNP|LDL|HDL|PSA)|"
    r"(?i:blood\s+pressure|heart\s+rate|pulse(?:\s+ox(?:imetry)?)?|resp(?:iratory|irations|s)?"
    r"(?:\s+rate)?|temp(?:erature)?|o2\s*sat(?:uration)?s?|sat(?:uration)?s?|weight|wt|height|"
    r"ht|pain(?:\s+score)?|glucose|creat(?:inine)?|platelets|troponin|trop|lactate|"
    r"bili(?:rubin)?|albumin|lipase|ejection\s+fraction|sodium|potassium|chloride|"
    r"bicarbonate|calcium|magnesium|phosphorus|hemoglobin|hematocrit|white\s+count))"
)
_LINK = r"[ \t]*(?:[:=][ \t]*|(?:of|was|is|at|to)[ \t]+)?"
# Not the start of a date: "PT 12/15/2020" is no measurement.
_VALUE = rf"{_NUMBER}(?:[ \t]*/[ \t]*{_NUMBER})?(?![/-]\d)"

MEASUREMENT = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}]){_LABEL}{_LINK}{_VALUE}(?:[ \t]*{_UNIT})?"
    rf"|(?<![\p{{L}}\p{{N}}/.-]){_VALUE}(?:[ \t]*-[ \t]*{_NUMBER})?[ \t]*{_UNIT}(?![\p{{L}}\p{{N}}])"
)

# Types a measurement outranks; identifiers found after their label are never among them.
PROTECTED_FROM = frozenset(
    {"PERSON", "LOCATION", "ORGANIZATION", "DATE_TIME", "PHONE_NUMBER", "US_ZIP_CODE"}
)


def measurement_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every measurement in `text`, in order."""
    return [match.span() for match in MEASUREMENT.finditer(text)]
