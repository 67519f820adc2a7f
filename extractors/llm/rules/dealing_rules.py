"""Exclusivity, read as CUAD defines it: an exclusive dealing commitment with the counterparty.

CUAD: "a commitment to procure all 'requirements' from one party of certain technology, goods,
or services or a prohibition on licensing or selling technology, goods or services to third
parties, or a prohibition on collaborating or working with other parties". So the word
"exclusive" counts only where it qualifies a dealing: an exclusive licence, distributor,
supplier, territory or right to sell, or dealing "exclusively with/for/from" the counterparty.
It does not where it qualifies a court ("exclusive jurisdiction"), ownership ("sole and
exclusive property", "exclusively owned"), a remedy, a control right ("the exclusive right to
prosecute"), a sum ("exclusive of taxes") or the agreement itself ("the complete and exclusive
statement"); nor where it is negated ("non-exclusive", "not an exclusive arrangement").
"""

from __future__ import annotations

from extractors.llm.rules.clause_rule import Category, rule

_NOT_NEGATED = r"(?<!non)(?<!non-)(?<!non‐)(?<!non )(?<!non- )(?<!non‐ )(?<!co-)(?<!semi-)"
_DEALING_NOUN = (
    r"(?:licen[cs]e|licensee|sublicen[cs]e|distribut\w*|reseller|resale|agen(?:t|cy)|"
    r"representative|dealer|supplier|supply|provider|source|partner|sponsor\w*|basis|territor"
    r"\w*|appointment|marketing|sales|seller|purchaser|buyer|manufacturer|arrangement|"
    r"relationship|access|franchise|customer|vendor|collaborat\w*|promot\w*)"
)
# Words between "exclusive" and what it qualifies are adjectives ("exclusive, worldwide,
# royalty-bearing license"), never "of" or "to": "exclusive of taxes", "exclusive benefit of".
_ADJECTIVE = r"(?!(?:of|to|for|in|on|by|with|from|as|the)\b)[\w-]+"
_DEALING_VERB = (
    r"(?:sell|resell|distribut\w*|market|promot\w*|manufactur\w*|make|have made|supply|"
    r"provide|offer|import|export|commerciali[sz]\w*|develop|use|exploit|license|sublicense"
    r"|represent|purchase|buy|obtain|broadcast|publish|operate|solicit|advertis\w*|access"
    r"|negotiate)"
)
# "an exclusive, worldwide, royalty-bearing license", "exclusive right to sell".
_EXCLUSIVE_DEALING = (
    rf"{_NOT_NEGATED}\bexclusive(?:,| and| or|\s)+(?:{_ADJECTIVE},?\s+(?:and |or )?){{0,4}}?"
    rf"(?:{_DEALING_NOUN}\b(?!\s+agreement)|rights?\b[^.;]{{0,40}}?\bto {_DEALING_VERB}\b"
    r"|(?:right|rights|license) (?:and license )?(?:under|in|within|throughout|for|to(?! "
    r"(?:settle|prosecute|control|defend|enforce|apply|remove|replace|change|file|maintain|"
    r"register|own|select|determine|approve|elect|decide|direct|conduct|institute|bring|"
    r"initiate|retain|terminate|assign|audit)\b)))"
)
# Dealing only with, for or through the counterparty: "manufacture ... exclusively for AMAG",
# "deal exclusively with", "carried out exclusively by Bunker One".
_ONLY_WITH = (
    r"\b(?:deal|work|purchase|buy|order|source|obtain|procure|sell|supply|distribut\w*|market"
    r"|manufactur\w*|collaborat\w*|partner|advertis\w*|promot\w*|carried out|made|repaired|"
    r"provided|services|sales)\b[^.;]{0,60}?\bexclusively (?:with|for|from|through|by|to)\b"
    r"(?! (?:the )?(?:use|benefit|purpose|purposes|operation|account) of)"
)
_REQUIREMENTS = (
    r"\b(?:all|entire|exclusively|solely|100%|one hundred percent) (?:\(100%\) )?(?:of )?"
    r"(?:its|their|the|such party's|\w+'s)? ?(?:requirements|needs|purchases|demand)\b"
)
# A prohibition on dealing with anyone else: "shall not appoint any other distributor",
# "will not license any Technology to a third party", "no other Distributor will be appointed".
_NO_OTHER = (
    r"\b(?:shall|will|may|agrees?|covenants?)(?: not|n't)\b[^.;]{0,100}?\b(?:appoint|engage"
    r"|authori[sz]e|grant|license|sell|distribute|supply|offer|market|promote|purchase|obtain"
    r"|procure|contract with|enter into|collaborate|work with|manufacture|enable|partner)\b"
    r"[^.;]{0,120}?\b(?:other|third part\w*|another|competitors?|competing|any (?:person|"
    r"entity|party|company) other than)\b"
)
_NO_OTHER_OBJECT = (
    r"\bcompet\w*|distribut\w*|supplier|territory|similar|products?|services?|technolog\w*"
    r"|reseller|licen[cs]\w*|field\b|program"
)
_NEGATED = (
    r"\b(?:not|nothing|neither|nor|no)\b[^.;]{0,60}?\bexclusiv\w*"
    r"|(?:shall|will|does|do) not (?:grant|create|constitute|confer|establish)[^.;]{0,60}exclusiv"
)

EXCLUSIVITY = Category(
    "medium",
    (
        # The grant or appointment itself is the clause an expert quotes.
        rule(
            r"\b(?:grants?|granted|appoints?|appointed|designates?|engages?)\b[^.;]{0,120}?"
            + _EXCLUSIVE_DEALING,
            unless=(_NEGATED,),
        ),
        rule(_EXCLUSIVE_DEALING, unless=(_NEGATED,)),
        rule(
            r"\b(?:right|rights|license|licen[cs]e|appointment|distributorship)\b[^.;]{0,100}?"
            r"\b(?:shall|will) be exclusive\b",
            unless=(_NEGATED,),
        ),
        rule(
            r"\b(?:purchase|buy|procure|obtain|source|order)\w*\b[^.;]{0,60}?\b(?:exclusively"
            r"|solely|only) from\b",
            unless=(_NEGATED,),
        ),
        rule(_ONLY_WITH, unless=(_NEGATED,)),
        rule(
            _REQUIREMENTS,
            r"\b(?:purchas\w*|buy|order\w*|obtain|procure|source|supplied|suppl(?:y|ier))\b",
            unless=(r"\bcomply|satisf(?:y|ies)|meets?\b|regulat\w*",),
        ),
        rule(
            _NO_OTHER,
            _NO_OTHER_OBJECT,
            unless=(
                r"\bassign|confidential|disclos|sublicen|without (?:the )?(?:prior )?"
                r"(?:written )?(?:consent|approval)[^.;]{0,40}(?:assign|transfer)|terminat",
            ),
        ),
        rule(
            r"\bno other\b[^.;]{0,40}\b(?:distributor|licensee|reseller|supplier|agent|dealer"
            r"|representative|franchise\w*)\b[^.;]{0,40}\b(?:will|shall|may) be (?:appointed|"
            r"granted|authori[sz]ed)"
        ),
        rule(
            r"\bsole (?:and exclusive )?(?:supplier|source|distributor|provider|agent|reseller|"
            r"licensee|manufacturer|representative)\b",
            unless=(_NEGATED,),
        ),
        rule(
            r"(?<!non-)\bexclusivity (?:period|obligations?|rights?|commitment|provisions?)"
            r"|\bgrant(?:s|ed)? (?:of )?exclusivity",
            unless=(_NEGATED,),
        ),
    ),
)
