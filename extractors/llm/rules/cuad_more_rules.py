"""The other 29 CUAD categories, optional beside the 12 defaults (`clause_set="cuad41"`).

Each is a few rules written from CUAD's category description (category_descriptions.csv of the
release; Hendrycks et al., 2021), read on the same clauses as the 12: a rule is `needs` (every
pattern must match the normalised, lower-cased clause) and `unless` (none may). The first five
describe the contract itself (its name, parties and dates) rather than a commitment; CUAD
counts them as categories, so they are here for scoring on CUAD's 41 columns.
"""

from __future__ import annotations

from extractors.llm.rules.clause_rule import Category, rule

_PARTY_BOUND = (
    r"(?:\b(?:shall|will|may|must|agrees?|covenants?|undertakes?)(?: not| to not| never|n't)"
    r"|\bnot to\b|refrain from|\bneither\b[^.;]{0,80}\b(?:shall|will|may))"
)
_LICENSE = r"\blicen[cs]e\b|\bsublicen[cs]e\b"
_GRANT = r"\b(?:hereby )?(?:grants?|granted|grant to)\b"

# Categories that describe the contract: read on every clause, the title, the preamble and
# definitions included (which are never evidence for a commitment).
DESCRIBES_CONTRACT = frozenset({"Document Name", "Parties", "Agreement Date", "Effective Date"})

MORE_CATEGORIES: dict[str, Category] = {
    # The contract itself: CUAD's answer is its title, parties and dates.
    "Document Name": Category(
        "low",
        (
            rule(r"^[\w\s,&.-]{0,80}\b(?:agreement|contract|amendment|lease)$"),
            rule(
                r"^(?:this )?[\w\s,&.-]{0,80}\b(?:agreement|contract|amendment|license|lease"
                r"|plan|charter|memorandum)\b",
                r"\b(?:is made|is entered|entered into|made and entered|dated|by and between"
                r"|between)\b",
            ),
        ),
    ),
    "Parties": Category(
        "low",
        (rule(r"\bby and (?:between|among)\b|\bbetween\b[^.]{0,200}\band\b", r"\bagreement\b"),),
    ),
    "Agreement Date": Category(
        "low",
        (
            rule(
                r"\b(?:dated|made|entered into|executed)\b[^.]{0,40}\b(?:as of|on|this)\b"
                r"[^.]{0,40}(?:\d{4}|\[\*+\])",
            ),
        ),
    ),
    "Effective Date": Category(
        "low",
        (
            rule(r"effective (?:as of|on|from)\b[^.]{0,60}(?:\d{4}|date)"),
            rule(r"[\"“]effective date[\"”]|\beffective date\b[^.;]{0,40}\b(?:means|shall be)"),
        ),
    ),
    "Expiration Date": Category(
        "low",
        (
            rule(
                r"\b(?:term|agreement)\b[^.;]{0,120}\b(?:shall|will|and) (?:continue|expire|remain|"
                r"terminate|end)\b[^.;]{0,120}\b(?:until|on|for a period of|years?|months?)\b",
                unless=(r"\bsurviv", r"\bconfidential"),
            ),
            rule(
                r"\b(?:initial )?term\b[^.;]{0,40}\b(?:of|is|shall be) (?:\w+ )?\(?\d+\)? "
                r"(?:years?|months?)"
            ),
        ),
    ),
    "Notice Period To Terminate Renewal": Category(
        "low",
        (
            rule(
                r"\b(?:renew\w*|extend\w*|successive)\b",
                r"\b(?:notice|notif\w*)\b[^.;]{0,120}\b(?:days?|months?)\b|\b(?:days?|months?)"
                r"\b[^.;]{0,80}\b(?:notice|notif\w*)",
                r"\bnot to renew|non-?renewal|\bunless\b|terminat\w*|\bintention\b",
            ),
        ),
    ),
    # Competition and solicitation.
    "Competitive Restriction Exception": Category(
        "low",
        (
            # CUAD: the exceptions or carve-outs to Non-Compete, Exclusivity and No-Solicit.
            rule(
                r"\b(?:notwithstanding|except|provided,? however|other than|shall not (?:apply|"
                r"prevent|restrict|prohibit|preclude|limit)|nothing in this|for the avoidance of "
                r"doubt)\b",
                r"\bcompet(?:e|es|ing|itive|itors?)\b|\bexclusivity\b|\brestrictions?\b"
                r"|non-?solicit\w*|\bsolicit\w*|non-?compet\w*",
                unless=(r"confidential information|competent|non-?exclusive,|injunct",),
            ),
        ),
    ),
    "No-Solicit Of Customers": Category(
        "medium",
        (
            rule(
                _PARTY_BOUND + r"[^.;]{0,120}\b(?:solicit\w*|entice|induce|divert|contact|"
                r"accept business)",
                r"\b(?:customers?|clients?|accounts?|franchisees?|suppliers?|business partners)\b",
                unless=(r"\bemployees?\b|\bpersonnel\b",),
            ),
        ),
    ),
    "No-Solicit Of Employees": Category(
        "medium",
        (
            rule(
                _PARTY_BOUND + r"[^.;]{0,80}\b(?:solicit\w*|hire|employ|recruit\w*|induce|entice)"
                r"\b[^.;]{0,100}\b(?:employees?|personnel|staff)\b",
                unless=(
                    r"\bgeneral (?:solicitation|advertis)|confidential|disclos\w*|deemed|"
                    r"considered|independent contractor|required to hire|felony|convicted",
                ),
            ),
            rule(r"non-?solicitation of employees|no-?hire"),
        ),
    ),
    "Non-Disparagement": Category(
        "low",
        (
            rule(
                r"\b(?:disparag\w*|derogatory|detrimental to the "
                r"(?:reputation|image|good ?will)|damage (?:to )?the (?:reputation|goodwill)"
                r"|negative (?:statements?|comments?)|reflect (?:adversely|negatively|poorly))",
                unless=(
                    r"obscene|threatening|unlawful|libel|slander|pornograph|\blogo"
                    r"|will not constitute|non-disparagement agreement",
                ),
            ),
        ),
    ),
    "Rofr/Rofo/Rofn": Category(
        "low",
        (
            rule(
                r"right of first (?:refusal|offer|negotiation)|first right (?:of|to) (?:refus|"
                r"negotiat|offer)\w*"
            ),
            rule(
                r"\b(?:shall|will) (?:first )?(?:offer|notify)\b[^.;]{0,120}\b(?:before|prior "
                r"to)\b[^.;]{0,80}\b(?:third part\w*|any other)",
            ),
        ),
    ),
    # Money.
    "Revenue/Profit Sharing": Category(
        "low",
        (
            rule(
                r"\b(?:percent(?:age)?|%|share|portion|split)\b[^.;]{0,80}\b(?:revenues?|profits?|"
                r"net sales|gross sales|receipts|proceeds|income)\b",
                r"\b(?:pay|paid|payable|receive|entitled|share|royalt\w*|split|remit)\b",
            ),
            rule(r"\broyalt(?:y|ies)\b[^.;]{0,80}\b(?:net sales|gross sales|revenues?|sales)\b"),
        ),
    ),
    "Price Restrictions": Category(
        "low",
        (
            rule(
                r"\bprices?\b[^.;]{0,80}\b(?:shall|will|may)(?: not)? (?:be )?(?:increase|"
                r"raise|change|adjust|reduce|exceed)\w*",
                r"\b(?:not|only|no more than|once|limited|maximum|cap|without)\b",
                unless=(r"\bmost favou?red",),
            ),
        ),
    ),
    "Minimum Commitment": Category(
        "medium",
        (
            rule(
                r"\bminimum\b[^.;]{0,60}\b(?:purchase|order|quantit\w*|volume|commitment|units|"
                r"amount|annual|royalt\w*|sales|payments?|fees?)",
                unless=(r"\bminimum (?:wage|age|standards?|requirements?|insurance)",),
            ),
            rule(
                r"\b(?:shall|will|agrees? to) (?:purchase|order|buy)\b[^.;]{0,60}\bat least\b",
            ),
        ),
    ),
    "Volume Restriction": Category(
        "low",
        (
            rule(
                r"\b(?:exceeds?|in excess of|more than|above|over)\b[^.;]{0,80}\b(?:units|volume|"
                r"quantit\w*|users?|transactions|usage|capacity|forecast)",
                r"\b(?:fee|charge|price|consent|approval|additional|surcharge|rate)\b",
                unless=(r"\bliabilit\w*|\bdamages\b",),
            ),
        ),
    ),
    # Intellectual property and licences.
    "Joint Ip Ownership": Category(
        "low",
        (
            rule(
                r"\bjoint(?:ly)? (?:own\w*|property|inventions?|intellectual|developed|patents?|"
                r"technology|work product)|\bco-?own\w*|owned (?:jointly|in common)|"
                r"\bjoint (?:and equal|undivided)",
            ),
        ),
    ),
    "License Grant": Category(
        "medium",
        (
            rule(_GRANT, _LICENSE + r"|\bright to (?:use|reproduce|distribute|sell|market)"),
            rule(r"\bis (?:hereby )?licensed to\b|\blicen[cs]es? to\b[^.;]{0,40}\bthe right"),
        ),
    ),
    "Non-Transferable License": Category(
        "low",
        (
            rule(r"non-?transferr?able|not transferr?able", _LICENSE + r"|\bright"),
            rule(
                _LICENSE,
                r"\b(?:may|shall|will)(?: not|n't)\b[^.;]{0,60}\b(?:assign\w*|transfer\w*|"
                r"sublicen\w*)",
            ),
        ),
    ),
    "Affiliate License-Licensor": Category(
        "low",
        (
            rule(
                _LICENSE,
                r"\b(?:licensor|grantor|\w+)(?:'s)? (?:and|or) (?:its|their) affiliates\b"
                r"[^.;]{0,80}\b(?:grant|own|control)|\b(?:owned|controlled) by [^.;]{0,40}"
                r"(?:or|and) (?:its|their) affiliates",
            ),
        ),
    ),
    "Affiliate License-Licensee": Category(
        "low",
        (
            rule(
                _GRANT + r"[^.;]{0,120}\b(?:and|or) (?:its|their) (?:affiliates|subsidiaries)\b",
                _LICENSE + r"|\bright to use",
            ),
            rule(
                r"\bsublicen[cs]\w*\b[^.;]{0,80}\b(?:to )?(?:its|their) (?:affiliates|"
                r"subsidiaries)",
            ),
        ),
    ),
    "Unlimited/All-You-Can-Eat-License": Category(
        "low",
        (
            rule(
                r"\bunlimited (?:number|use|right|license|access|copies|users?|quantit\w*)|"
                r"enterprise[- ]wide|all[- ]you[- ]can[- ]eat|without limitation as to (?:the )?"
                r"(?:number|quantity)",
            ),
        ),
    ),
    "Irrevocable Or Perpetual License": Category(
        "low",
        (rule(r"\b(?:irrevocabl[ey]|perpetual\w*)\b", _LICENSE + r"|\brights? to use"),),
    ),
    "Source Code Escrow": Category(
        "low",
        (rule(r"\bescrow\b", r"source code|\bsoftware|technology|materials"),),
    ),
    "Post-Termination Services": Category(
        "low",
        (
            rule(
                r"\b(?:after|following|upon|in the event of|subsequent to) (?:the )?(?:any )?"
                r"(?:termination|expiration|expiry)",
                r"\b(?:shall|will) (?:continue to )?(?:provide|supply|deliver|sell|pay|purchase|"
                r"return|transfer|assist|cooperate|have the right to (?:sell|purchase)|"
                r"fill)\b|wind[- ]down|transition|sell[- ]off|last[- ]time buy",
                unless=(r"\bconfidential",),
            ),
        ),
    ),
    # Liability, warranty and insurance.
    "Liquidated Damages": Category(
        "medium",
        (
            rule(
                r"liquidated damages|termination fee|break[- ]up fee|early termination (?:fee|"
                r"charge|payment)|cancellation (?:fee|charge)"
            ),
        ),
    ),
    "Warranty Duration": Category(
        "low",
        (
            rule(
                r"\bwarrant\w*",
                r"\b(?:for a period of|period of|within|for)\b[^.;]{0,30}\b(?:\(?\d+\)? |\w+ )"
                r"(?:\(\d+\) )?(?:days?|months?|years?)\b|warranty period",
                unless=(r"\bsurviv\w*",),
            ),
        ),
    ),
    "Insurance": Category(
        "low",
        (
            rule(
                r"\b(?:maintain|carry|obtain|procure|keep|provide)\b[^.;]{0,80}\binsurance\b"
                r"|\binsurance (?:policy|policies|coverage)\b[^.;]{0,80}\b(?:shall|will|must)\b"
                r"|additional insured",
            ),
        ),
    ),
    "Covenant Not To Sue": Category(
        "low",
        (
            rule(
                r"\b(?:contest|challenge|dispute|attack)\w*\b[^.;]{0,80}\b(?:validity|ownership|"
                r"enforceability|title|rights?)\b",
                _PARTY_BOUND + r"|\bcovenants?\b|\bagrees?\b",
            ),
            rule(r"covenant not to sue|not to (?:sue|bring (?:any )?(?:claim|action|suit))"),
        ),
    ),
    "Third Party Beneficiary": Category(
        "low",
        (
            rule(
                r"third[- ]party beneficiar\w*|intended beneficiar\w*|express beneficiar\w*",
                unless=(
                    r"\bno (?:third|other)|\bnot (?:be )?(?:a |an )?(?:intended |third|"
                    r"deemed|construed)|\bnothing\b|\bnor\b|\bno person\b|\bnot intended",
                ),
            ),
            rule(
                r"(?:shall be|is|are) (?:an? )?(?:express |intended )?(?:third[- ]party )?"
                r"beneficiar\w* of",
                unless=(r"\bno\b|\bnot\b",),
            ),
        ),
    ),
}
