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
from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Rule:
    needs: tuple[re.Pattern[str], ...]
    unless: tuple[re.Pattern[str], ...] = ()
    section: re.Pattern[str] | None = None

    def accepts(self, norm: str, section: str) -> int | None:
        """Where the clause's deciding cue starts, or None when the rule does not hold."""
        if self.section is not None and not self.section.search(section):
            return None
        first = self.needs[0].search(norm)
        if first is None or any(not p.search(norm) for p in self.needs[1:]):
            return None
        if any(p.search(norm) for p in self.unless):
            return None
        return first.start()


def _r(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def rule(*needs: str, unless: tuple[str, ...] = (), section: str | None = None) -> Rule:
    return Rule(
        tuple(_r(p) for p in needs),
        tuple(_r(p) for p in unless),
        _r(section) if section else None,
    )


@dataclass(frozen=True)
class Category:
    """A CUAD category: its severity, its rules strongest first, and the headings under which
    an expert looks for it (a clause there is preferred as evidence)."""

    severity: str
    rules: tuple[Rule, ...] = field(default_factory=tuple)
    topic: re.Pattern[str] = re.compile(r"(?!)")

    def is_topical(self, section: str) -> bool:
        return bool(self.topic.search(section))


# Clauses that are never evidence: definitions ('"Liability" means ...'), recitals, and
# index-like lines full of section numbers.
NOT_EVIDENCE = re.compile(
    r"^\W*(?:\d+(?:\.\d+)*\.?\s*)?[\"“][^\"”]{1,80}[\"”] (?:shall )?(?:means?|has the meaning)"
    r"|^whereas\b"
)


_LAW = r"\b(?:laws?|statutes?)\s+(?:of|in force in|prevailing in)\b"
_GOVERN = r"\b(?:govern\w*|constru\w*|interpret\w*|enforce\w*|construction|validity)\b"
_CAP = (
    r"(?:shall|will|may) not (?:in the aggregate )?exceed|not to exceed|in excess of|"
    r"(?<!not )(?<!not be )\blimited to|(?:maximum|aggregate|total|cumulative|entire) (?:amount of )?liability|"
    r"exceed (?:the|an?) (?:total|aggregate|amount|sum|fees|amounts)|greater than the (?:amount|total|fees)"
)
# A carve-out names what the cap does not cover: "EXCEPT FOR CLAIMS UNDER SECTION 9",
# "shall not apply to ... gross negligence"; a bare "provided, however" is not one.
_CARVE_OUT = (
    r"(?:\bexcept\b|\bexcluding\b|\bother than\b|(?:shall|does|do|will) not apply"
    r"|\bexclusive of\b|shall not (?:limit|exclude|restrict)|nothing in this)[^.]{0,200}?"
    r"(?:indemnif\w*|confidential\w*|infring\w*|gross(?:ly)? negligen\w*|wil(?:l)?ful\w*|"
    r"fraud\w*|death|bodily injury|personal injury|(?:section|article|clause|paragraph) \d|"
    r"misappropriat\w*|intellectual property|breach of)"
)
_NOT_EXCLUSIVE = (
    r"non-?\s?exclusive|exclusive (?:jurisdiction|venue|forum|remedy|remedies|property|owner"
    r"|ownership|of|right to (?:own|enforce|prosecute|control the defense))|sole and exclusive"
    r" (?:remedy|property|owner|liability|responsibility|right to (?:own|control))"
    r"|exclusively (?:in accordance|by the laws|governed|within the jurisdiction|in the courts)"
    r"|mutually exclusive|exclusive (?:and|or) (?:sole|non)|exclusive benefit"
    r"|exclusive(?:ly)? (?:control|rights? of ownership|owned|responsib\w*)|"
    r"(?:owned|used|held|controlled) exclusively|exclusively (?:in|by) the (?:court|courts)"
)

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
            rule(r"change (?:of|in) (?:the )?(?:control|ownership)|changes? of control"),
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
            rule(r"non-?compet\w*|covenant not to compete"),
            rule(
                r"\b(?:shall|will|may|agrees?|covenants?|undertakes?) (?:not|to not|never)\b"
                r"|\bnot to\b|refrain from|prohibited from|restricted from",
                r"\bcompet(?:e|es|ing|itors?)\b|competitive (?:products?|business|services?|"
                r"activit\w*|with)|\bsimilar (?:products?|services?|business)|"
                r"\brival\b|same (?:type|kind) of (?:products?|business)",
                unless=(r"anti-?competitive|competitive (?:harm|bid|rates?|prices?)|competent",),
            ),
        ),
    ),
    "Exclusivity": Category(
        "medium",
        (
            rule(
                r"\bexclusive(?:ly)?\b|\bsole (?:and exclusive )?(?:supplier|source|distributor"
                r"|provider|agent|reseller|licensee|manufacturer)",
                r"\b(?:distribut\w*|licen[cs]\w*|suppl\w*|provid\w*|sell\w*|agent|resell\w*|"
                r"right|rights|basis|appoint\w*|market\w*|purchas\w*|manufactur\w*|territory|"
                r"partner|representative|dealer|customer|source|deal\w*)\b",
                unless=(r"\b" + _NOT_EXCLUSIVE + r"(?![^.;]{0,60}\bexclusive\b)",),
            ),
            rule(
                r"\b(?:all|entire|exclusively|solely|100%) (?:of )?(?:its|their|the)?"
                r" ?(?:requirements|needs|purchases)\b"
            ),
            rule(
                r"\b(?:shall|will|may|agrees?) not[^.;]{0,80}\b(?:appoint|engage|authori[sz]e"
                r"|grant|license|sell|distribute|purchase|obtain|procure|contract with|"
                r"enter into)\b[^.;]{0,100}\b(?:any )?(?:other|third part\w*|another)\b",
                r"\bcompet\w*|distribut\w*|supplier|territory|similar|products?",
                unless=(r"\bassign|confidential|disclos|sublicen",),
            ),
        ),
    ),
    "Uncapped Liability": Category(
        "high",
        (
            rule(
                r"\bliab\w*|damages",
                _CAP,
                _CARVE_OUT,
                unless=(r"insurance|deductible",),
            ),
            rule(
                r"(?:limitations?|exclusions?) (?:of|on) (?:liability|damages)"
                r"[^.]{0,120}(?:shall|will|do) not apply",
            ),
            rule(
                r"unlimited liability|liability shall (?:not be|be un)limited|without limit\b"
                r"|liabilit\w*\b[^.;]{0,60}\b(?:shall|will) not be (?:limited|capped)"
            ),
            rule(
                r"\bin no event\b|\bnot be liable\b|\bno liability\b",
                r"\b(?:indirect|consequential|incidental|special|punitive|exemplary)\b",
                _CARVE_OUT,
            ),
        ),
    ),
    "Cap On Liability": Category(
        "low",
        (
            rule(r"\bliab\w*|damages|recover\w*", _CAP, unless=(r"insurance|deductible",)),
            rule(
                r"\bin no event\b|\bnot be liable\b|\bno liability\b",
                r"\b(?:indirect|consequential|incidental|special|punitive|exemplary|lost profits)",
            ),
            rule(
                r"(?:limitations?|exclusions?) (?:of|on) (?:liability|damages)|liability cap"
                r"|\bcap on (?:liability|damages)",
                unless=(r"insurance|deductible",),
            ),
            rule(
                r"\b(?:action|claim|proceeding)s?\b[^.]{0,120}\bmay be brought\b"
                r"[^.]{0,80}\b(?:more than|after|within)\b",
            ),
        ),
    ),
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
