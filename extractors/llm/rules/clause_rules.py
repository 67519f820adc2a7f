"""CUAD clause categories decided on a clause's meaning, following CUAD's category definitions.

Each category is a set of cues that together say what the clause commits a party to, not a
keyword: "Neither Party may transfer or assign" is Anti-Assignment, "exclusive jurisdiction"
is not Exclusivity, and a cap with "EXCEPT FOR ..." carve-outs is both a Cap On Liability and
Uncapped Liability (CUAD: "uncapped liability for a particular type of breach"). A rule is
`needs` (every pattern must match the normalised, lower-cased clause), `unless` (none may), and
optionally `section` (the heading above the clause must match). The first clause that a rule
accepts is the evidence, quoted around the first `needs` match.

Definitions: Hendrycks et al., "CUAD: An Expert-Annotated NLP Dataset for Legal Contract
Review" (2021), category_descriptions.csv of the release.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.llm.rules.clause_rule import NOT_EVIDENCE, Category, rule
from extractors.llm.rules.dealing_rules import EXCLUSIVITY
from extractors.llm.rules.liability_rules import CAP_ON_LIABILITY, UNCAPPED_LIABILITY

__all__ = ["CATEGORIES", "NOT_EVIDENCE", "Category"]


_LAW = r"\b(?:laws?|statutes?)\s+(?:of|in force in|prevailing in)\b"
_CHANGE_OF_CONTROL = (
    r"change (?:of|in) (?:the )?(?:control|ownership)|changes? of control|\bis acquired by"
    r"|\bacquires? (?:control|all or substantially all)"
)
_GOVERN = r"\b(?:govern\w*|constru\w*|interpret\w*|enforce\w*|construction|validity)\b"
CATEGORIES: dict[str, Category] = {
    "Governing Law": Category(
        "low",
        (
            rule(
                _GOVERN,
                _LAW,
                r"\bthis (?:agreement|contract|amendment|license|lease)|\bhere(?:under|of|to)\b",
                unless=(r"\bcomply|compliance\b|subject to the laws",),
            ),
            rule(_LAW + r"[^.;]{0,120}\b(?:shall|will) (?:govern|apply|control)"),
            rule(r"\bgoverning law\b[^.]{0,40}\b(?:shall be|is|will be)\b"),
            rule(r"\b(?:applicable|governing) law\b|\blaws?\b", section=r"governing law|law"),
        ),
    ),
    "Termination For Convenience": Category(
        "medium",
        (
            rule(
                r"\b(?:may|can|right to|entitled to|option to)\b[^.;]{0,40}\bterminat\w*",
                r"for convenience|without cause|for any reason|for no reason|at will\b|"
                r"with or without cause|in (?:its|their) sole discretion|"
                r"for any or no reason|without (?:any )?(?:reason|liability|penalty)",
                unless=(
                    r"\bshall not (?:be entitled to )?terminate",
                    r"\bfails?\b|in the event of (?:a )?(?:breach|default)",
                ),
            ),
            rule(
                r"\b(?:may|can|shall have the right to|is entitled to|reserves the right to)"
                r" (?:\w+ )?terminat\w*",
                r"(?:upon|on|with|by giving|after|giving|providing)"
                r"[^.;]{0,40}\b(?:days?|months?|weeks?)\W[^.;]{0,40}notice|at any time",
                unless=(
                    r"\bbreach|default|fail|insolven|bankrupt|in the event|\bif\b|unless|"
                    r"material|cure|force majeure|violat|expiration of the (?:initial )?term"
                    r"|non-?renew|renewal",
                ),
            ),
        ),
    ),
    "Change Of Control": Category(
        "medium",
        (
            # What a change of control does: a right to terminate, a consent or a notice.
            rule(
                _CHANGE_OF_CONTROL,
                r"\bterminat\w*|\bconsent\b|\bnotice\b|\bnotify\b|\bapproval\b|\bassign\w*",
                unless=(r"\bconfidential|disclos\w*",),
            ),
            rule(_CHANGE_OF_CONTROL),
            rule(
                r"\bmerger|\bmerges? (?:with|into)|consolidation|reorgani[sz]ation|"
                r"(?:sale|transfer|disposition) of (?:all or )?(?:substantially )?all"
                r"|acquisition of|(?:fifty|50) percent|50%",
                r"\bterminat\w*|\bconsent\b|\bnotice\b|\bapproval\b",
                r"this agreement|\bhere(?:under|in|of)\b",
                unless=(
                    r"entire agreement|supersedes|merger clause|merges all",
                    r"without (?:the )?(?:need for |requiring )?(?:\w+ )?(?:prior )?(?:written )?"
                    r"(?:consent|approval)|freely assign",
                ),
            ),
        ),
    ),
    "Non-Compete": Category(
        "medium",
        (
            rule(
                r"\b(?:shall|will|may|agrees?|covenants?|undertakes?) (?:not|to not|never)\b"
                r"|\bnot to\b|refrain from|prohibited from|restricted from",
                r"\bcompet(?:e|es|ing|itors?)\b|competitive (?:products?|business|services?|"
                r"activit\w*|with)|\bsimilar (?:products?|services?|business)|"
                r"\brival\b|same (?:type|kind) of (?:products?|business)",
                unless=(r"anti-?competitive|competitive (?:harm|bid|rates?|prices?)|competent",),
            ),
            # Naming the covenant without stating it is the weakest sign: a title, a contents
            # line, or "non-competition clauses in agreements with employees".
            rule(
                r"non-?compet\w*|covenant not to compete",
                unless=(r"(?:agreements?|clauses?) (?:with|in)|bound by|made and entered|is made",),
            ),
        ),
    ),
    "Exclusivity": EXCLUSIVITY,
    "Uncapped Liability": UNCAPPED_LIABILITY,
    "Cap On Liability": CAP_ON_LIABILITY,
    "Anti-Assignment": Category(
        "low",
        (
            rule(
                r"\b(?:shall|may|will|can)(?: not|n't)\b[^.;]{0,40}\b(?:assign|transfer|"
                r"delegate)\b[^.;]{0,40}\b(?:this (?:agreement|contract)|(?:any of )?(?:its|"
                r"their|his|her) (?:rights|obligations|interest)|any (?:of (?:its|the) )?"
                r"(?:rights|obligations)|the agreement)",
            ),
            rule(
                r"\b(?:this|the) (?:agreement|contract)\b[^.;]{0,80}\b(?:shall|may|will|can)"
                r"(?: not|n't) be (?:assigned|transferred)",
            ),
            rule(
                r"\bassign\w*|\btransfer\w*|delegat\w*",
                r"\b(?:prior|written|express|without the) (?:written )?(?:consent|approval)|"
                r"consent of the other|approval of the other",
            ),
            rule(r"non-?assignable|not (?:be )?assignable|no (?:party|right)[^.]{0,60}assign"),
            rule(
                r"\bassign\w*[^.;]{0,160}\b(?:null and void|void\b|of no (?:force|effect))",
            ),
            rule(
                r"\b(?:shall|may|will|can)(?: not|n't)\b[^.;]{0,80}\b(?:assign\w*|"
                r"transfer\w*|delegat\w*)",
                unless=(r"intellectual property|all right,? title|invention|subcontract",),
            ),
        ),
    ),
    "Audit Rights": Category(
        "low",
        (
            # A party's right to audit or inspect the other's books, records or premises.
            rule(
                r"\b(?:right to|may|shall (?:permit|allow|make|provide|grant)|entitled to|"
                r"access to|available (?:to|for)|upon (?:reasonable )?(?:prior )?(?:written )?"
                r"(?:notice|request))\b",
                r"\baudit\w*|\binspect\w*|\bexamin\w*",
                r"\b(?:books|records|accounts|facilit\w*|premises|plants?|sites?|locations?)\b",
                unless=(r"audit committee|governmental|regulatory authorit",),
            ),
            rule(
                r"\baudit\w*|\binspect\w*|\bexamin\w*|\breview\b",
                r"\b(?:books|records|accounts|facilit\w*|premises|plants?|sites?|"
                r"locations?|operations|documentation)\b",
                unless=(r"audit committee",),
            ),
            rule(r"\b(?:right to|may|shall be entitled to|permit\w*) (?:\w+ ){0,3}audit"),
            rule(r"\baudit(?:ed|s|ing)?\b", section=r"audit|records|inspection"),
        ),
    ),
    "Renewal Term": Category(
        "low",
        (
            rule(r"automatic(?:ally)? (?:be )?(?:renew|extend|continue)"),
            rule(
                r"\b(?:renew\w*|extend\w*|continue\w*)\b[^.;]{0,80}\b(?:additional|successive"
                r"|subsequent|further|consecutive)\b[^.;]{0,40}\b(?:years?|months?|periods?"
                r"|terms?)"
            ),
            rule(r"\brenewal (?:term|period)s?\b|\bevergreen\b|from year to year|year-to-year"),
            rule(
                r"\b(?:successive|additional) (?:\w+ )?(?:\(\d+\) )?(?:one|two|three|five|\d+)?"
                r"[- ]?(?:year|month)",
                r"\brenew|extend|continu",
            ),
        ),
    ),
    "Ip Ownership Assignment": Category(
        "medium",
        (
            rule(
                r"\bhereby (?:irrevocably )?(?:assigns?|transfers?|conveys?)|(?:agrees?|shall|"
                r"will) (?:to )?(?:promptly )?(?:assign|transfer)\b[^.;]{0,60}"
                r"(?:right|title|interest|ownership)",
                r"\bintellectual property|invent\w*|\bimprovements?\b|work product|"
                r"deliverables?|copyright|patent|developments?|modifications|derivative|"
                r"\bdata\b|results|materials|technology|know-how|works?\b",
            ),
            rule(
                r"(?:shall|will) (?:be|become|vest in|be vested in|belong to)"
                r"[^.;]{0,40}(?:sole |exclusive |and )*(?:property|owned|owner)"
                r"|(?:shall|will) (?:solely |exclusively )?own\b",
                r"\b(?:develop\w*|creat\w*|conceiv\w*|invent\w*|improvements?|work product|"
                r"deliverables?|derivative|modifications?|generated|made|produced|result\w*)",
                unless=(r"shall remain|will remain|retain",),
            ),
            rule(r"works? made for hire|work for hire"),
        ),
    ),
    "Most Favored Nation": Category(
        "medium",
        (
            rule(r"most favou?red"),
            rule(
                r"(?:no )?(?:less|more) favou?rabl[ey]|better (?:terms|prices?|pricing)|"
                r"lower (?:prices?|rates?|fees?)|(?:lowest|best) (?:prices?|pricing|rates?)",
                r"\b(?:any|other|another|third part\w*|similarly situated)\b[^.;]{0,60}"
                r"(?:customers?|purchasers?|licensees?|distributors?|party|parties|persons?|"
                r"sponsors?|providers?|resellers?|clients?)|than (?:those|that|the prices?)",
            ),
        ),
    ),
}

# The headings an expert reads for each category.
_TOPICS: dict[str, str] = {
    "Governing Law": r"governing law|applicable law|choice of law|\blaw\b",
    "Termination For Convenience": r"terminat",
    "Change Of Control": r"change (?:of|in) control|assign|merger",
    "Non-Compete": r"compet|restrict|covenant",
    "Exclusivity": r"exclusiv|appointment|grant|licen[cs]e|territory|supply|purchase",
    "Uncapped Liability": r"limitation|liabilit|damages",
    "Cap On Liability": r"limitation|liabilit|damages",
    "Anti-Assignment": r"assign",
    "Audit Rights": r"audit|records|inspection|books",
    "Renewal Term": r"\bterm\b|renewal|duration",
    "Ip Ownership Assignment": r"intellectual property|ownership|invention|proprietary|work product",
    "Most Favored Nation": r"most favou?red|pric|terms",
}
CATEGORIES = {
    kind: replace(category, topic=re.compile(_TOPICS[kind]))
    for kind, category in CATEGORIES.items()
}
