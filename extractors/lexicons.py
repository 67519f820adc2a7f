"""Terms that signal each flag kind: shared by the rules baseline and the output checks."""

from __future__ import annotations

import re

LEXICON_VERSION = "1.0.0"

# Clinical red flags: phrase patterns, matched case-insensitively on word boundaries.
RED_FLAG_TERMS: dict[str, tuple[str, ...]] = {
    "Chest Pain": (
        r"chest pain",
        r"substernal chest",
        r"chest (?:pressure|tightness)",
        r"angina",
    ),
    "Shortness Of Breath": (r"shortness of breath", r"short of breath", r"dyspn(?:o)?ea", r"sob"),
    "Stroke Symptoms": (
        r"stroke symptoms",
        r"facial droop",
        r"slurred speech",
        r"hemiparesis",
        r"aphasia",
        r"unilateral weakness",
    ),
    "Suicidal Ideation": (
        r"suicidal ideation",
        r"suicidal thoughts",
        r"thoughts of (?:suicide|self-harm|killing (?:him|her|them)self)",
        r"plan to (?:end (?:his|her|their) life|kill)",
    ),
    "Sepsis Signs": (r"sepsis", r"septic", r"rigors", r"lactate (?:of |at )?[4-9]"),
    "Severe Bleeding": (
        r"hemorrhage",
        r"haemorrhage",
        r"severe bleeding",
        r"hematemesis",
        r"melena",
        r"massive (?:blood loss|bleeding)",
    ),
    "Anaphylaxis": (r"anaphyla(?:xis|ctic)", r"throat swelling", r"angioedema"),
    "Altered Mental Status": (
        r"altered mental status",
        r"unresponsive(?! to (?:\w+ )?(?:therapy|treatment|medications?|antibiotics))",
        r"obtunded",
        r"acute confusion",
        r"disoriented",
    ),
    "Critical Lab Value": (
        r"critical (?:value|result|lab)",
        r"panic value",
        r"potassium (?:of |at )?(?:[6-9]\.\d|[01]\.\d|2\.[0-4])\s*mmol",
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
}

# Findings that need immediate life-saving care: Emergency Severity Index level 1.
ESI_LEVEL_1 = frozenset({"Anaphylaxis", "Severe Bleeding", "Altered Mental Status"})

# Legal clause flags, CUAD category names, with the phrasings that typically express them.
CLAUSE_TERMS: dict[str, tuple[str, ...]] = {
    "Governing Law": (r"governed by (?:and construed in accordance with )?the laws? of",),
    "Termination For Convenience": (
        r"terminate[^.]{0,80}(?:for any reason|for convenience|without cause)",
        r"(?:for any reason|for convenience|without cause)[^.]{0,60}terminate",
    ),
    "Change Of Control": (r"change (?:of|in) control",),
    "Non-Compete": (r"shall not (?:directly or indirectly )?compete", r"non-?compet\w+"),
    "Exclusivity": (r"\bexclusive(?:ly)?\b", r"shall not solicit competing"),
    "Uncapped Liability": (
        r"unlimited liability",
        r"liability shall not be limited",
        r"no limitation (?:of|on) liability",
    ),
    "Cap On Liability": (
        r"liability[^.]{0,120}(?:exceed|be limited to|not to exceed)",
        r"limitation of liability",
    ),
    "Anti-Assignment": (
        r"(?:may|shall) not assign",
        r"neither party may assign",
        r"not be assign(?:ed|able)",
    ),
    "Audit Rights": (r"right to audit", r"audit[^.]{0,60}books and records"),
    "Renewal Term": (
        r"automatically renew",
        r"renewal term",
        r"successive[^.]{0,30}(?:periods|terms)",
    ),
    "Ip Ownership Assignment": (
        r"hereby assigns? (?:to [^.]{0,40})?all (?:right|rights), title and interest",
        r"work(?:s)? made for hire",
    ),
    "Most Favored Nation": (r"most favou?red (?:nation|customer)", r"no less favou?rable"),
}

CLAUSE_SEVERITY: dict[str, str] = {
    "Governing Law": "low",
    "Termination For Convenience": "medium",
    "Change Of Control": "medium",
    "Non-Compete": "medium",
    "Exclusivity": "medium",
    "Uncapped Liability": "high",
    "Cap On Liability": "low",
    "Anti-Assignment": "low",
    "Audit Rights": "low",
    "Renewal Term": "low",
    "Ip Ownership Assignment": "medium",
    "Most Favored Nation": "medium",
}


def compile_terms(terms: dict[str, tuple[str, ...]]) -> dict[str, re.Pattern[str]]:
    return {
        kind: re.compile(r"\b(?:" + "|".join(patterns) + r")", re.IGNORECASE)
        for kind, patterns in terms.items()
    }


RED_FLAG_PATTERNS = compile_terms(RED_FLAG_TERMS)
CLAUSE_PATTERNS = compile_terms(CLAUSE_TERMS)
