"""Cap On Liability and Uncapped Liability, read from what a liability clause limits and spares.

CUAD's definitions: a Cap On Liability limits what a party recovers on a breach, in amount, in
kind (no consequential damages) or in time to bring a claim; Uncapped Liability is a party's
liability left uncapped "upon the breach of its obligation", including "for a particular type of
breach such as IP infringement or breach of confidentiality". In real contracts the second is
almost always a carve-out from the first: "EXCEPT FOR CLAIMS UNDER SECTION 9, ... SHALL NOT
EXCEED", "the foregoing limitation shall not apply to ...", "nothing in this Section shall limit
... indemnification obligations". So a clause is Uncapped Liability when it limits liability and
names what the limit spares, or when it disapplies a limitation; a lexicon of "unlimited
liability" alone almost never fires.
"""

from __future__ import annotations

from extractors.llm.rules.clause_rule import Category, rule

# A limit on how much: "shall not exceed", "limited to", "aggregate liability".
CAP = (
    r"(?:shall|will|may) not (?:in the aggregate )?exceed|not to exceed|in excess of|"
    r"(?<!not )(?<!not be )\blimited to|(?:maximum|aggregate|total|cumulative|entire) "
    r"(?:amount of )?liability|exceeds? (?:the|an?) (?:total|aggregate|amount|sum|fees|amounts)"
    r"|(?:greater|more) than the (?:amount|total|fees|aggregate|sum)"
)
# A limit on what kind: no liability at all, or none for consequential loss.
_EXCLUDES = (
    r"\bin no (?:one )?event\b|\bnot be (?:liable|responsible)|\bno liability\b|under no "
    r"circumstances|\b(?:neither|no|none of)\b[^.;]{0,80}\b(?:shall|will|may)(?: not)? "
    r"(?:be (?:liable|responsible)|have any liability|be entitled to recover)|(?:shall|will) "
    r"have no liability|\bliability\b[^.;]{0,80}\bis (?:hereby )?excluded|\bexcludes? "
    r"(?:any |all )?liability|waives?[^.;]{0,80}\b(?:damages|right of recovery)"
)
_KINDS = (
    r"\b(?:indirect|consequential|incidental|special|punitive|exemplary|lost profits?|loss of "
    r"(?:profits?|revenue|business))"
)
_LOSS = r"\bliab\w*|\bdamages\b|\blosses\b|\brecover\w*"
# What a carve-out spares: an obligation or a type of breach (indemnities, confidentiality,
# IP, named sections), as CUAD's definition says. Liability for death, personal injury, fraud
# or wilful misconduct, which the law keeps uncapped anyway, is not what the experts mark.
_SPARED = (
    r"(?:indemn\w*|confidential\w*|infring\w*|misappropriat\w*|intellectual property"
    r"|(?:sections?|articles?|clauses?|paragraphs?) \d|breach(?:es)? of (?:section|article|clause"
    r"|its|their|his|her|the (?:confidential|exclusiv)|this section)|payment obligations"
    r"|obligations? to pay|third[- ]party claims|proprietary rights)"
)
# "EXCEPT FOR ...", "other than ...", "save for ...", "without limiting ...".
_CARVE_OUT = (
    r"(?:\bexcept(?:ing)?\b|\bexcluding\b|\bother than\b|\bsave (?:for|in respect of|as)\b"
    r"|\bwithout limiting\b|\bexclusive of\b|(?:shall|does|do|will) not apply|shall not "
    r"(?:limit|exclude|restrict)|\bnothing in this)[^.]{0,240}?" + _SPARED
)
# A limitation disapplied: "the foregoing limitations shall not apply to", "nothing in this
# Section is intended to limit", "neither party excludes or limits any liability for".
_DISAPPLIED = (
    r"(?:limitations?|exclusions?|limits?|caps?|disclaimers?|foregoing|(?:this|such|the above)"
    r" (?:section|article|clause|paragraph)|provisions? of|sections? \d[\w.()]*)[^.;]{0,100}?"
    r"\b(?:shall|will|do|does|is intended to|are intended to)(?: not| neither)\b[^.;]{0,40}?"
    r"\b(?:apply|limit|restrict|exclude|be available|be construed to limit)"
    r"|\bnothing (?:in|contained in) (?:this|the)\b[^.;]{0,120}?\b(?:shall|will|is intended to"
    r"|operates? to)\b[^.;]{0,40}?\b(?:limit|restrict|exclude)"
    r"|\b(?:neither party|nothing)\b[^.;]{0,40}\b(?:excludes?|limits?) (?:or (?:limits?|excludes?)"
    r" )?(?:any |either party's |its )?liability"
)
_INSURANCE = r"\binsurance\b|deductible|insurer"
# Clauses that say "shall not be liable" or "shall not apply" about something else: force
# majeure, exceptions to an indemnity or to confidentiality, defence costs.
_OTHER_TOPIC = (
    _INSURANCE,
    r"beyond (?:its|their|such party's|the|a party's) (?:reasonable )?control|force majeure",
    r"(?:indemnif\w*|indemnity)(?: agreement)?[^.;]{0,60}(?:shall|will) not (?:apply|be limited)",
    r"\bto (?:any )?information\b|information (?:that|which)|public domain|publicly available",
    r"legal expenses|third[- ]party beneficiar|third person",
)

UNCAPPED_LIABILITY = Category(
    "high",
    (
        # The clause experts quote: a cap on the amount that names what it spares ("EXCEPT
        # FOR LIABILITY ARISING UNDER SECTION 8, ... SHALL NOT EXCEED THE TOTAL AMOUNT PAID"),
        # before an exclusion of consequential loss with the same carve-out or a disclaimer
        # about something else. The same clauses as the next rule: no decision changes.
        rule(_LOSS, CAP, _CARVE_OUT, unless=_OTHER_TOPIC),
        rule(_LOSS, f"(?:{CAP})|(?:{_EXCLUDES})", _CARVE_OUT, unless=_OTHER_TOPIC),
        rule(_DISAPPLIED, r"\bliab\w*|\bdamages\b", _SPARED, unless=_OTHER_TOPIC),
        rule(
            _DISAPPLIED,
            _SPARED,
            unless=_OTHER_TOPIC,
            section=r"liabilit|damages|limitation",
        ),
        rule(
            r"unlimited liability(?! company)|liability shall (?:not be|be un)limited|"
            r"liabilit\w*[^.;]{0,40}without limit\b|waives?[^.;]{0,60}\b(?:limitations?|caps?)"
            r"[^.;]{0,30}liabilit|liabilit\w*\b[^.;]{0,60}\b(?:shall|will) not be (?:limited|capped)"
        ),
    ),
)

CAP_ON_LIABILITY = Category(
    "low",
    (
        rule(_LOSS, CAP, unless=(_INSURANCE,)),
        rule(_EXCLUDES, _KINDS),
        rule(
            r"(?:limitations?|exclusions?) (?:of|on) (?:liability|damages)|liability cap"
            r"|\bcap on (?:liability|damages)",
            unless=(_INSURANCE,),
        ),
        rule(
            r"\b(?:action|claim|proceeding)s?\b[^.]{0,120}\b(?:may|shall|will) be (?:brought|"
            r"commenced|filed)\b[^.]{0,80}\b(?:more than|after|within|unless)\b",
        ),
    ),
)
