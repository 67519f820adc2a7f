"""Red-flag findings a triage nurse names, each with the ESI decision point it makes.

The handbook's high-risk situations (decision point B) and life-saving needs (A) as findings
that are read the way notes write them, not only as fixed phrases: chest discomfort in any of
its words, a pregnancy with a complication anywhere in the note, an ingestion by quantity or
substance, a fall by its height, a child's work of breathing, a word count for dyspnoea.
Each rule names the red-flag kind it gives and the level it sets (1 for A, 2 for B); a rule
counts only where the finding is asserted (not negated, not history: findings.asserted).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def any_words(*terms: str) -> re.Pattern[str]:
    """One case-insensitive pattern for any of `terms`, each starting at a word boundary."""
    return re.compile(r"\b(?:" + "|".join(terms) + r")", re.IGNORECASE)


_SIDE = r"(?:left|right|(?-i:L|R))"
_CHEST_WORD = r"(?:pain|pressure|tightness|tight|heaviness|heavy|squeezing|discomfort|ache|aching)"


@dataclass(frozen=True)
class FlagRule:
    kind: str
    level: int  # 1: A, immediate life-saving intervention; 2: B, high-risk situation
    pattern: re.Pattern[str]
    reason: str = ""  # the decision point's name, where it is not the level's default


RULES: tuple[FlagRule, ...] = (
    FlagRule(
        "Altered Mental Status",
        1,
        any_words(
            r"(?:does not|doesn't|not|no longer) (?:open(?:ing)? (?:his |her |their )?eyes|"
            r"follow(?:ing)? commands)",
            r"no response to (?:voice|pain|sternal rub|stimul\w*)",
            r"(?:barely|hardly|not) arousable",
            r"unarousable",
            r"found down",
            r"pinpoint pupils",  # the opioid toxidrome: depressed consciousness and breathing
            r"barely breathing",
        ),
    ),
    FlagRule(
        "Altered Mental Status",
        2,
        any_words(
            r"(?:drowsy|sleepy|hard to (?:wake|arouse)|difficult to wake)",
            r"acting (?:strange|strangely|odd|oddly|bizarre)",
            r"disoriented",
        ),
    ),
    FlagRule(
        "Altered Mental Status",
        1,
        any_words(r"convuls\w*", r"status (?:seizure|epilepticus)", r"still (?:seizing|twitching)"),
    ),
    FlagRule(
        "Chest Pain",
        2,
        any_words(
            rf"chest (?!wall)(?:\w+ ){{0,2}}{_CHEST_WORD}",
            rf"{_CHEST_WORD}(?:[\w-]* ){{0,4}}(?:in|of|across|mid|on) (?:the |his |her |my )?"
            r"(?:mid[- ]?)?chest(?! wall)",
            rf"{_CHEST_WORD} (?:\w+ ){{0,3}}(?:to|down|into) (?:the |his |her )?(?:{_SIDE} )?"
            r"(?:shoulder|arm|jaw)",
        ),
    ),
    FlagRule(
        "Stroke Symptoms",
        2,
        any_words(
            r"double vision",
            r"diplopia",
            r"(?:sudden|new) (?:\w+ )?(?:trouble|difficulty) (?:walking|speaking|talking|seeing)",
            rf"(?:unable to|can(?:no|')t) move (?:his |her |the |their )?(?:{_SIDE} )?(?:arm|leg|side)",
            r"(?:speech|words?) (?:is |are )?(?:garbled|jumbled|slurred)",
            r"garbled speech",
            r"droop\w*",
            rf"{_SIDE} (?:arm|leg|side)(?: and (?:arm|leg))? (?:weak|weakness|numb\w*)",
        ),
    ),
    FlagRule(
        "Shortness Of Breath",
        2,
        any_words(
            r"grunting",
            r"retract(?:ing|ions?)",
            r"nasal flaring",
            r"head bobbing",
            r"belly breathing",
            r"(?:speak|talk|say)\w* (?:only )?(?:in )?(?:\d(?:\s*-\s*\d)?|one|two|three|a few|few|"
            r"short) (?:words?|phrases)",
            r"(?:few|single) words (?:at a time|between breaths)",
        ),
    ),
    FlagRule(
        "Syncope",
        2,
        any_words(r"blacked out", r"(?-i:LOC)\b", r"collapsed"),
    ),
    FlagRule(
        "GI Bleeding",
        2,
        any_words(
            r"maroon stools?",
            r"blood (?:and clots )?(?:per rectum|from (?:the |his |her )?rectum)",
            r"rectal bleeding",
            r"vomit\w* (?:up )?(?:dark |bright red |red )?blood",
            r"bloody (?:stools?|vomit\w*|diarrh\w*)",
            r"mel(?:a)?ena",
        ),
    ),
    FlagRule(
        "Suicidal Ideation",
        2,
        any_words(
            r"end (?:his|her|my|their) (?:own )?life",
            r"kill (?:him|her|my|them)sel(?:f|ves)",
            r"wants? to die",
            r"suicid\w*",
            r"(?-i:SI|HI)\b",
            r"(?:ingested|took|swallowed|drank|overdosed on) (?:\w+ ){0,3}?(?:\d+|a handful of|"
            r"a bottle of|the (?:whole|entire) bottle of) (?:[\w']+ ){0,4}?(?:tabs?|tablets?|pills?|"
            r"capsules?)",
            r"(?:ingested|swallowed|drank) (?:some |a (?:cup|glass|bottle) of )?(?:antifreeze|"
            r"ethylene glycol|methanol|bleach|drain cleaner|lye|pesticide|rat poison|paraquat)",
        ),
    ),
    FlagRule(
        "Anaphylaxis",
        2,
        any_words(
            r"(?:swollen|swelling of the) (?:tongue|throat|lips?)",
            r"(?:tongue|throat|lips?) (?:is |are )?(?:swollen|swelling)",
            r"(?:voice )?hoarse(?:ness)?[^.\n]{0,40}(?:sting|hives|peanut|allerg\w*)",
            r"(?:sting|hives|peanut|shellfish|allerg\w*)[^.\n]{0,60}(?:hoarse|drooling|wheez\w*|"
            r"hypotensi\w*|BP low|stridor)",
        ),
    ),
    FlagRule(
        "Hemodynamic Instability",
        2,
        any_words(
            r"hypotensi(?:ve|on)", r"(?-i:BP) (?:is )?(?:low|dropping)", r"(?-i:BP) in the [4-8]0s"
        ),
    ),
    FlagRule(
        "Obstetric Emergency",
        2,
        re.compile(
            r"\b(?:pregnan\w*|\d{1,2} ?(?:wks?|weeks)(?: pregnant| gestation|'? ?(?:gest|GA))|"
            r"gestation|(?-i:G\dP\d)|postpartum|post-partum)\b[^\n]{0,80}?\b(?:bleed\w*|spotting|"
            r"pain|contractions?|gush of fluid|fluid leak\w*|(?:severe )?headache|seeing spots|"
            r"blurr\w* vision|seizure|swelling|decreased fetal movement|soaking)",
            re.IGNORECASE,
        ),
    ),
)

# High-risk situations that name no red-flag kind of their own (B).
HIGH_RISK = any_words(
    r"(?:fall|fell) (?:from|off) (?:a |the |his |her )?(?:[\dlI]+\s*-?\s*(?:ft|feet|foot|m|"
    r"meters?|metres?|stor(?:y|ies))\b|ladder|roof|height|balcony|tree|scaffold)",
    r"fell [\dlI]+\s*-?\s*(?:ft|feet|m|meters?|metres?|stor(?:y|ies))\b",
    # "fell off the top of a tall ladder", "fall from <LOCATION_1> ladder" (a height redacted)
    r"(?:fall|fell|fallen) (?:from|off) [^.,;\n]{0,25}?\b(?:ladder|roof|balcony|scaffold\w*|"
    r"height)\b",
    r"severe (?:abd|belly|stomach)\w* pain",
    r"(?:immunocompromised|neutropeni\w*|chemo\w*|transplant)",
)
# A fever beside immunosuppression is a sepsis red flag in the handbook's sense.
IMMUNOSUPPRESSED = any_words(
    r"neutropeni\w*", r"chemo\w*", r"transplant", r"immunocompromised", r"immunosuppress\w*"
)
FEVER = any_words(r"fever(?!\s*(?:of|is|was|:)?\s*\d)\w*", r"febrile", r"rigors", r"chills")
# An obvious deformity is imaging plus a procedure or a specialist: two resources.
DEFORMITY = any_words(
    r"deform\w*",
    r"open fracture",
    r"angulat\w*",
    r"leg shortened",
    r"(?:looks?|is|was) (?:bent|crooked|out of shape)",
)
