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
# A change of control that needs nobody's consent and ends nothing is not CUAD's category.
_NO_CONSENT = (
    r"\bno (?:such )?(?:consent|approval)\b[^.;]{0,20}\b(?:shall|will|is) (?:be )?required"
    r"|(?:does|do|shall|will) not require (?:the )?(?:\w+ )?(?:consent|approval)"
    r"|(?:shall|will) not (?:be )?(?:considered|deemed) (?:to be )?an assignment"
    r"|in which case no[t]? (?:such )?consent"
)
# A party bound not to do something.
_RESTRICTED = (
    r"(?:\b(?:shall|will|may|must|agrees?|covenants?|undertakes?|can)(?: not| to not| never|n't)"
    r"|\bnot to\b|refrain from|prohibited from|restricted from|\bneither\b[^.;]{0,80}\b(?:shall"
    r"|will|may)|\bno (?:party|participant)\b[^.;]{0,40}\b(?:shall|will|may))"
)
_COMPETING = (
    r"\bcompet(?:e|es|ing|itors?)\b|competitive (?:products?|business|services?|activit\w*"
    r"|with|to)|\bsimilar (?:products?|services?|business)|\brival\b|same (?:type|kind) of "
    r"(?:products?|business)"
)
_MAY_TERMINATE = (
    r"\b(?:may|can|(?:shall|will) have the right to|has the right to|right to|entitled to"
    r"|option to|reserves the right to)\b[^.;]{0,60}?\b(?:terminat\w*|cancel\w*)"
)
# Ending a contract by both parties' agreement, on a change of control, after force majeure, or
# under a list of events that follows is not termination for convenience.
_NOT_CONVENIENCE = (
    r"mutual(?:ly)? (?:written )?(?:consent|agreement|agree)|by agreement in writing|as follows"
    r"|following (?:events|circumstances)|change (?:of|in) control|force majeure|ownership change"
    r"|\bnegotiate"
)
_GOVERN = r"\b(?:govern\w*|constru\w*|interpret\w*|enforce\w*|construction|validity)\b"
_THIS_AGREEMENT = r"\bthis (?:agreement|contract|amendment|license|lease)|\bhere(?:under|of|to)\b"
_NOT_GOVERNING = (r"\bcomply|compliance\b|subject to the laws",)
_CONSENT = (
    r"\b(?:prior|written|express|without the) (?:written )?(?:consent|approval)|"
    r"consent of the other|approval of the other"
)
# An inspection by a regulator is not a party's audit right (CUAD: the right to audit the
# counterparty's books, records or locations): "the FDA ... to conduct inspections".
_REGULATOR = r"\bfda\b|food and drug|regulatory (?:agenc|bod)"
CATEGORIES: dict[str, Category] = {
    "Governing Law": Category(
        "low",
        (
            # The same clauses as the next rule, where "governed" reaches the laws it names:
            # the evidence an expert quotes, not "enforceable ... laws of general applicability"
            # in a representation or "securities laws of" in a confidentiality clause.
            rule(
                r"\b(?:governed|construed|interpreted)\b[^.;]{0,100}" + _LAW,
                _GOVERN,
                _LAW,
                _THIS_AGREEMENT,
                unless=_NOT_GOVERNING,
            ),
            rule(_GOVERN, _LAW, _THIS_AGREEMENT, unless=_NOT_GOVERNING),
            rule(_LAW + r"[^.;]{0,120}\b(?:shall|will) (?:govern|apply|control)"),
            rule(r"\bgoverning law\b[^.]{0,40}\b(?:shall be|is|will be)\b"),
            rule(r"\b(?:applicable|governing) law\b|\blaws?\b", section=r"governing law|law"),
        ),
    ),
    "Termination For Convenience": Category(
        "medium",
        (
            # CUAD: a party can terminate "without cause (solely by giving a notice and
            # allowing a waiting period to expire)".
            rule(
                _MAY_TERMINATE,
                r"for (?:its |their )?convenience|without cause|for any reason|for no reason|"
                r"at will\b|with or without cause|in (?:its|their) sole discretion|for non-cause"
                r"|for any or no reason|without (?:any )?(?:reason|liability|penalty)",
                unless=(
                    r"\bshall not (?:be entitled to )?terminate|may not be terminated",
                    r"\bfails?\b|in the event of (?:a )?(?:breach|default)|\bbreach",
                    _NOT_CONVENIENCE,
                ),
            ),
            rule(
                _MAY_TERMINATE,
                r"(?:upon|on|with|by giving|after|giving|providing|by delivering|within)"
                r"[^.;]{0,40}\b(?:days?|months?|weeks?)\W[^.;]{0,40}(?:notice|notification)"
                r"|at any time",
                unless=(
                    r"\bbreach|default|fail|insolven|bankrupt|in the event|\bif\b|unless|"
                    r"material|cure|violat|expiration of the (?:initial )?term"
                    r"|non-?renew|renewal|end of (?:the|a|any) \w* ?term",
                    _NOT_CONVENIENCE,
                ),
            ),
            # "shall remain in effect until terminated by either Party upon thirty (30) days'
            # prior written notice".
            rule(
                r"\buntil terminated by (?:either|any|each|the other)|\b(?:may|can) be terminated "
                r"(?:at any time )?by (?:either|any|each)",
                r"\b(?:days?|months?|weeks?)\W[^.;]{0,40}(?:notice|notification)",
                unless=(r"\bbreach|default|insolven|bankrupt|\bif\b", _NOT_CONVENIENCE),
            ),
        ),
    ),
    "Change Of Control": Category(
        "medium",
        (
            # CUAD: a party may terminate, or its consent or notice is required, when the other
            # undergoes a change of control (a merger, a sale of all or substantially all of
            # its assets or stock, an assignment by operation of law). The right to terminate on
            # a change of control first: the clause experts quote before an assignment clause
            # that mentions one (the same clauses as the next rule, so no other decision).
            rule(
                _CHANGE_OF_CONTROL,
                _MAY_TERMINATE,
                unless=(r"\bconfidential|disclos\w*", _NO_CONSENT),
            ),
            rule(
                _CHANGE_OF_CONTROL,
                r"\bterminat\w*|\bconsent\b|\bnotice\b|\bnotify\b|\bapproval\b",
                unless=(r"\bconfidential|disclos\w*", _NO_CONSENT),
            ),
            rule(
                r"\bmerger|\bmerges? (?:with|into)|consolidation|reorgani[sz]ation|"
                r"(?:sale|transfer|disposition) of (?:all or )?(?:substantially )?all"
                r"|acquisition of|(?:fifty|50) percent|50%|is acquired|controlling (?:interest|"
                r"stock)",
                r"\bterminat\w*|\bconsent\b|\bnotice\b|\bapproval\b",
                r"this agreement|\bhere(?:under|in|of)\b",
                unless=(
                    r"entire agreement|supersedes|merger clause|merges all",
                    r"without (?:the )?(?:need for |requiring )?(?:\w+ )?(?:prior )?(?:written )?"
                    r"(?:consent|approval)|freely assign",
                    r"\bbankrupt|insolven|receiver|liquidat",
                    _NO_CONSENT,
                ),
            ),
            rule(
                _CHANGE_OF_CONTROL,
                r"\bassign\w*",
                unless=(r"\bconfidential|disclos\w*", _NO_CONSENT),
            ),
            rule(_CHANGE_OF_CONTROL, unless=(_NO_CONSENT,)),
        ),
    ),
    "Non-Compete": Category(
        "medium",
        (
            # CUAD: "a restriction on the ability of a party to compete with the counterparty or
            # operate in a certain geography or business or technology sector".
            rule(
                _RESTRICTED + r"[^.;]{0,200}?(?:" + _COMPETING + ")",
                unless=(
                    r"anti-?competitive|competitive (?:harm|bid|rates?|prices?|terms)|competent"
                    r"|not to exceed|confidential information",
                ),
            ),
            # A restriction for a time on working in a business or a sector: "During the Term,
            # neither Party shall ... Commercialize ... any New Product in the Territory".
            rule(
                r"\bduring the (?:term|interim period|period)|for a period of|following the "
                r"(?:term|termination|expiration)|after the (?:termination|expiration)",
                _RESTRICTED + r"[^.;]{0,120}?\b(?:engage in|develop|manufactur\w*|commerciali[sz]e"
                r"|market|sell|distribut\w*|promot\w*|research|conduct|offer|participate in"
                r"|acquire|invest in|carry on)\b[^.;]{0,160}?\b(?:products?|business|services?"
                r"|territory|field|technolog\w*|compounds?|programs?|projects?)\b",
                unless=(
                    r"confidential|disclos\w*|\bassign|sublicen|trademark|\bmarks?\b|outside "
                    r"the territory|except as (?:expressly )?(?:permitted|provided)|without "
                    r"(?:the )?(?:prior )?(?:written )?(?:consent|approval)",
                ),
            ),
            # Naming the covenant without stating it is the weakest sign: a title, a contents
            # line, or "non-competition clauses in agreements with employees".
            rule(
                r"non-?compet\w*|covenant not to compete",
                unless=(
                    r"(?:agreements?|clauses?) (?:with|in)|bound by|made and entered|is made"
                    r"|does not contain|not subject to|deleted",
                ),
            ),
        ),
    ),
    "Exclusivity": EXCLUSIVITY,
    "Uncapped Liability": UNCAPPED_LIABILITY,
    "Cap On Liability": CAP_ON_LIABILITY,
    "Anti-Assignment": Category(
        "low",
        (
            # A franchise's defined "Transfer": "no Transfer shall be made without Pretzel
            # Time's prior written approval", "Neither you nor any of the Owners may make any
            # Transfer ... without obtaining our prior written consent"; a bracketed title
            # ("[No Transfer without Our Prior Written Consent]") is a cross-reference. The same
            # clauses as the consent rule below: the evidence changes, no decision.
            rule(
                r"\b(?:no|neither)\b(?=[^.;\]]{0,120}\b(?:shall|may|will|can)\b)[^.;\]]{0,80}"
                r"\b(?:transfers?|assignments?)\b[^.;\]]{0,80}\bwithout\b[^.;\]]{0,60}"
                r"\b(?:consent|approval)",
                _CONSENT,
            ),
            # CUAD: consent or notice needed to assign the contract: "shall not assign this
            # Agreement", and its commonest form without a "not": "Neither Party may assign".
            rule(
                r"(?:\b(?:shall|may|will|can)(?: not|n't)|\b(?:neither|no) (?:party|parties|\w+)"
                r"\b[^.;]{0,60}\b(?:shall|may|will|can))\b[^.;]{0,40}\b(?:assign|transfer|"
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
                _CONSENT,
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
                # "shall have the right, at its own expense, during normal business hours ..., to".
                r"\b(?:right\b[^.;]{0,120}?\bto|may|shall (?:permit|allow|make|provide|grant)|"
                r"entitled to|"
                r"access to|available (?:to|for)|upon (?:reasonable )?(?:prior )?(?:written )?"
                r"(?:notice|request))\b",
                r"\baudit\w*|\binspect\w*|\bexamin\w*",
                r"\b(?:books|records|accounts|facilit\w*|premises|plants?|sites?|locations?)\b",
                unless=(r"audit committee|governmental|regulatory authorit", _REGULATOR),
            ),
            rule(
                r"\baudit\w*|\binspect\w*|\bexamin\w*|\breview\b",
                r"\b(?:books|records|accounts|facilit\w*|premises|plants?|sites?|"
                r"locations?|operations|documentation)\b",
                unless=(r"audit committee", _REGULATOR),
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
# Where a category's strongest rule, not the heading, picks the evidence (measured on the dev
# part: the decisive clause often sits under a neighbouring heading).
_STRENGTH_FIRST = frozenset(
    {"Governing Law", "Change Of Control", "Exclusivity", "Ip Ownership Assignment"}
)
CATEGORIES = {
    kind: replace(category, topic=re.compile(_TOPICS[kind]), strength_first=kind in _STRENGTH_FIRST)
    for kind, category in CATEGORIES.items()
}
