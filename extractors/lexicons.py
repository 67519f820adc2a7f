"""Terms that signal each flag kind: shared by the rules baseline and the output checks."""

from __future__ import annotations

import re

LEXICON_VERSION = "1.0.0"


def near(first: str, second: str, gap: int = 40) -> str:
    """Two concepts in either order within `gap` characters of one line and sentence: notes
    say "tight chest", "chest tightness" and "pain in the chest" for the same finding."""
    between = rf"[^.;\n]{{0,{gap}}}"
    return rf"(?:(?:{first}){between}\b(?:{second})|(?:{second}){between}\b(?:{first}))"


# Clinical red flags: phrase patterns, matched case-insensitively on word boundaries.
# Clinical abbreviations are matched in capitals only, as whole words (`(?-i:...)`): "SOB" is
# shortness of breath, "sober" and "sob" (crying) are not; "CP" is chest pain, "cp" is not.
RED_FLAG_TERMS: dict[str, tuple[str, ...]] = {
    "Chest Pain": (
        r"chest pain",
        r"substernal chest",
        r"chest (?:pressure|tightness|heaviness|discomfort)",
        r"(?:pain|pressure|tightness|discomfort|heaviness|squeezing)(?: \w+){0,5} (?:of |in )?"
        r"(?:the |his |her |my )?(?:\w+ ){0,2}chest",
        r"angina",
        r"(?-i:CP)\b",
        r"crushing (?:chest|substernal)",
        r"pain radiating (?:to|down) (?:the |his |her )?(?:left arm|jaw)",
        near(
            r"chest",
            r"pain|tight\w*|pressure|heav\w*|discomfort|squeez\w*|ache|aching|crush\w*",
            24,
        ),
    ),
    "Shortness Of Breath": (
        r"shortness of breath",
        r"short of breath",
        r"dyspn(?:o)?ea",
        r"(?-i:SOB|S\.O\.B\.|DIB|SOBOE)\b",
        r"difficulty (?:in )?breathing",
        r"trouble breathing",
        r"breathless(?:ness)?",
        r"respiratory distress",
        r"can(?:no|')t catch (?:his |her |their )?breath",
        r"asthma (?:attack|exacerbation)",
        r"(?-i:COPD) exacerbation",
        r"speak(?:ing)? in (?:single|one)[- ]words?",
        r"(?:cannot|can't|unable to) (?:talk|speak) in (?:full )?sentences",
        r"speaking in (?:short )?(?:phrases|words)",
    ),
    "Stroke Symptoms": (
        r"stroke symptoms",
        r"facial droop",
        r"slurred speech",
        r"hemiparesis",
        r"aphasia",
        r"unilateral weakness",
        r"(?:left|right)[- ]sided weakness",
        r"(?:sudden|new) (?:onset )?(?:weakness|numbness) (?:of|in) (?:the |his |her )?"
        r"(?:left|right|one)",
        r"(?-i:CVA|TIA)\b",
        r"stroke",
        near(r"face|facial|mouth|smile", r"droop\w*|weak\w*|numb\w*|uneven|asymmetr\w*", 24),
        near(r"arm|leg|hand|side", r"drift\w*|(?:sudden|new)\w* (?:weak\w*|numb\w*)", 24),
        near(
            r"speech|words|talking|speaking", r"slur\w*|garbl\w*|jumbled|trouble|difficult\w*", 24
        ),
    ),
    "Suicidal Ideation": (
        r"suicidal(?: ideation| thoughts)?",
        r"thoughts of (?:suicide|self-harm|killing (?:him|her|them)self)",
        r"plan to (?:end (?:his|her|their) life|kill)",
        r"(?-i:SI)\b(?!\s*units)",
        r"wants to (?:die|kill (?:him|her|them)self)",
        r"overdose(?:d)? (?:intentionally|on purpose)",
        r"intentional (?:overdose|ingestion)",
        r"(?:suicide|hanging) attempt",
        r"attempted (?:suicide|to (?:hang|kill|overdose))",
        r"tried to (?:kill|hang|end)",
        r"(?:to )?end (?:his|her|their|my) (?:own )?life",
        r"kill (?:him|her|them|my)sel(?:f|ves)",
        r"plan to (?:jump|hang|shoot|overdose|cut)",
        r"took (?:\d+|an? (?:bottle|handful)) (?:of )?(?:\w+ )?(?:pills|tablets|tylenol|"
        r"acetaminophen|paracetamol|aspirin)\b[^.\n]{0,40}(?:life|die|kill|suicid)",
        r"took (?:a )?(?:handful|bottle|whole bottle) of",
    ),
    "Sepsis Signs": (r"sepsis", r"septic", r"rigors", r"lactate (?:of |at )?[4-9]"),
    "Severe Bleeding": (
        r"hemorrhage",
        r"haemorrhage",
        r"severe bleeding",
        r"bleeding heavily",
        r"heavy bleeding",
        r"massive (?:blood loss|bleeding)",
        r"uncontrolled bleeding",
        r"(?:arterial|pulsatile|spurting) bleed(?:ing)?",
    ),
    "Anaphylaxis": (
        r"anaphyla(?:xis|ctic)",
        r"throat swelling",
        r"(?:throat|tongue|lips?) (?:is |are )?swelling",
        r"angioedema",
        r"throat (?:feels )?(?:is )?(?:closing|tight)",
        r"severe allergic reaction",
    ),
    "Altered Mental Status": (
        r"altered mental status",
        r"(?-i:AMS)\b",
        r"unresponsive(?! to (?:\w+ )?(?:therapy|treatment|medications?|antibiotics))",
        r"obtunded",
        r"(?:acute|new|acutely|increasing|worsening) confus(?:ion|ed)",
        r"confus(?:ion|ed)",
        r"disoriented",
        r"lethargic",
        r"lethargy",
        r"decreased (?:level of consciousness|(?-i:LOC))",
        r"not making sense",
        r"difficult to arouse",
        r"(?:hard|difficult|unable) to (?:wake|arouse|rouse)",
        r"(?:very|excessively|unusually) (?:sleepy|drowsy)",
        r"somnolent",
        r"seizing",
        r"responds? only to (?:pain|painful stimul\w+|voice)",
        r"not (?:acting )?(?:like )?(?:him|her|them)sel(?:f|ves)",
        r"status epilepticus",
        r"not responding",
    ),
    "Critical Lab Value": (
        r"critical (?:value|result|lab)",
        r"panic value",
        r"potassium (?:of |at )?(?:[6-9]\.\d|[01]\.\d|2\.[0-4])\s*mmol",
    ),
    "Hemodynamic Instability": (
        r"hypotensi(?:ve|on)",
        r"(?:septic |cardiogenic |hypovolemic |haemorrhagic |hemorrhagic )?shock\b",
        r"poor perfusion",
        r"mottled",
        r"cool,? (?:and )?clammy",
        r"pale,? (?:and )?diaphoretic",
        r"thready pulse",
    ),
    "Hypoxaemia": (
        r"hypox(?:a)?emi(?:a|c)",
        r"hypoxi(?:a|c)",
        r"desaturat(?:ing|ion|es)",
        r"cyano(?:sis|tic)",
    ),
    "Syncope": (
        r"syncop(?:e|al)",
        r"passed out",
        r"faint(?:ed|ing)",
        r"blacked out",
        r"loss of consciousness",
        r"(?-i:LOC)\b",
        r"collapsed",
    ),
    "GI Bleeding": (
        r"h(?:a)?ematemesis",
        r"mel(?:a)?ena",
        r"coffee[- ]ground",
        r"bright red blood per rectum",
        r"(?-i:BRBPR|GIB|UGIB|LGIB)\b",
        r"(?:GI|gastrointestinal) bleed(?:ing)?",
        r"(?:vomiting|vomited|throwing up)(?: up)? (?:\w+ ){0,2}blood",
        r"blood in (?:his |her |the )?(?:stool|vomit)",
        r"(?:black,? )?tarry stools?",
        r"(?:black|maroon) stools?",
        r"bloody (?:stools?|vomit(?:us)?|diarrh(?:o)?ea)",
        r"rectal bleeding",
        near(
            r"blood\w*|bleed\w*",
            r"rectum|rectal\w*|stools?|vomit\w*|emesis|bowel movements?|per rectum",
            30,
        ),
    ),
    "Obstetric Emergency": (
        r"ectopic",
        r"(?:pre-?)?eclampsia",
        r"placental abruption",
        r"placenta previa",
        r"post-?partum (?:h(?:a)?emorrhage|bleeding)",
        r"post-?partum[^.\n]{0,60}(?:bleeding|soaking|h(?:a)?emorrhage|clots|seizure|"
        r"severe headache)",
        r"cord prolapse",
        r"decreased fetal movements?",
        r"(?:no|absent) fetal movements?",
        r"ruptured membranes",
        r"(?:pregnant|pregnancy|weeks? (?:pregnant|gestation)|(?-i:G\dP\d))"
        r"[^.\n]{0,80}(?:vaginal bleeding|abdominal pain|seizure|severe headache|cramping)",
        near(
            r"(?<!not )(?<!non-)pregnan\w*|weeks? (?:pregnant|gestation|along)|post-?partum",
            r"bleed\w*|cramp\w*|contractions?|fluid|seizure|severe headache|swelling",
            60,
        ),
        r"(?:vaginal bleeding|abdominal pain|seizure|cramping)"
        r"[^.\n]{0,60}(?<!not )(?<!non-)(?:pregnant|pregnancy|weeks? (?:pregnant|gestation))",
    ),
}

RED_FLAG_SEVERITY: dict[str, str] = {
    "Chest Pain": "high",
    "Shortness Of Breath": "medium",
    "Stroke Symptoms": "high",
    "Suicidal Ideation": "high",
    "Sepsis Signs": "high",
    "Severe Bleeding": "high",
    "Anaphylaxis": "high",
    "Altered Mental Status": "high",
    "Critical Lab Value": "high",
    "Hemodynamic Instability": "high",
    "Hypoxaemia": "high",
    "Syncope": "medium",
    "GI Bleeding": "high",
    "Obstetric Emergency": "high",
}

# Findings that need immediate life-saving care: Emergency Severity Index level 1.
ESI_LEVEL_1 = frozenset({"Anaphylaxis", "Severe Bleeding"})


def compile_terms(terms: dict[str, tuple[str, ...]]) -> dict[str, re.Pattern[str]]:
    return {
        kind: re.compile(r"\b(?:" + "|".join(patterns) + r")", re.IGNORECASE)
        for kind, patterns in terms.items()
    }


RED_FLAG_PATTERNS = compile_terms(RED_FLAG_TERMS)
