"""Complaints the handbook works up with two or more resources, in the words notes use.

ESI v4 decision point C counts resources (labs, imaging, IV fluids or medication, a
specialist, a procedure). These complaints need two or more whatever their wording:

- abdominal pain in lay words ("tummy ache", "belly ache"): labs and imaging;
- a hot swollen joint (septic arthritis or crystal arthritis): labs and an aspiration;
- a swollen leg (a deep vein thrombosis until shown otherwise): labs and an ultrasound;
- general weakness in an older person's words ("generally weak", "off her legs"): labs, ECG;
- a treatment that has failed by mouth ("can't keep the tablets down", "not improving on
  oral antibiotics"): IV medication and fluids, labs;
- a limb bent where it should not bend ("forearm bent in the middle"): imaging and a
  reduction.

And complaints the handbook's examples give one resource or none, in lay words: pain when
peeing (a urine test), a draining lump (an incision and drainage), constipation, a blocked
catheter (a catheter change), a fall on an outstretched hand ("FOOSH": an x-ray); a named
medicine run out ("ran out of her thyroid pills": a prescription, none).
"""

from __future__ import annotations

from extractors.triage.red_flags import any_words as _any

_JOINT = r"(?:knee|ankle|elbow|wrist|hip|shoulder|joint)"


TWO_RESOURCES = _any(
    r"(?:tummy|belly|stomach) ?(?:ache|pain)",
    _JOINT + r" (?:is |was |looks )?(?:hot|red),? (?:and )?swollen",
    r"hot,? (?:red,? )?(?:and )?swollen " + _JOINT,
    r"(?:leg|calf) (?:is |was |has been )?swollen",
    r"swollen (?:left |right |(?-i:L|R) )?(?:leg|calf)",
    r"generally (?:weak|unwell)",
    r"off (?:his|her|their) legs",
    r"(?:can't|cannot|unable to|could not|couldn't) keep (?:anything|fluids|food|water|the "
    r"tablets|(?:his|her|their) (?:tablets|medication|meds|pills)|tablets|medication) down",
    r"not (?:improving|getting better|responding) (?:on|with|despite) (?:oral |the )?"
    r"(?:antibiotics|tablets)",
    r"bent (?:in the middle|at an angle|the wrong way)",
)
ONE_RESOURCE = _any(
    r"(?:pain|burning|stinging|hurts?) (?:when|on|with|while) (?:peeing|passing water|weeing|"
    r"urinating)",
    r"(?:bump|lump|boil|spot|swelling)[^.\n]{0,40}\b(?:draining|oozing|pus|discharging)",
    r"constipat\w*",
    r"not (?:opened|moved) (?:the|his|her|their) bowels",
    r"catheter (?:(?:is )?not draining|(?:is )?blocked|fell out|came out|change)",
    r"blocked catheter",
    r"(?-i:FOOSH)\b",
)
NO_RESOURCES = _any(
    r"ran out of (?:his |her |their |my )?\w+ (?:pills|tablets|medication|meds|inhaler|"
    r"prescription)",
)
