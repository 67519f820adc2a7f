"""Legal documents: contracts and agreements; CUAD clause flags."""

from __future__ import annotations

from extractors.domains.spec import DomainSpec
from schemas.outputs.legal import LegalOutput
from schemas.redaction_policy import RedactionPolicy, Rule

SPEC = DomainSpec(
    name="legal",
    output_model=LegalOutput,
    flag_field="clause_flags",
    signals=(
        r"\bagreement\b",
        r"\bparty\b|\bparties\b",
        r"\bshall\b",
        r"\bherein\b|\bhereby\b|\bhereunder\b",
        r"\bgoverned by\b",
        r"\bterminat(?:e|ion)\b",
        r"\bliability\b",
        r"\bconfidential\b",
        r"\bclause\b|\bsection\b",
        r"\bwhereas\b",
    ),
    # 2.0.0: a contract between companies carries no personal data in its party names,
    # governing state, courts or dates, and a summary needs them; natural persons (signatories,
    # employees) and their contact details (address, phone, e-mail, identifiers) are still
    # replaced. Change a rule, bump the version: the trail records id, version and hash.
    # 2.1.0: an organisation is kept only when it reads as one (keep_organisation), a place
    # only without an e-mail or digits in it (keep_place), and no name after a person's label
    # ("Printed name:", "By:", "Attn:") is kept: the NER took a signatory for an organisation
    # and an e-mail with a phone number for one (tests/data/redaction_eval contracts). A
    # company name the NER cut before its ", Inc." is kept (keep_company sees what follows).
    # 2.2.0: a single word the NER takes for a person ("Licensee", "SpinCo", "TORT") is a
    # defined term, a short name or a legal word, and is kept, unless the document also writes
    # it after a given name, an initial or a title, or as "..., an individual" (then every
    # mention is the person's and is replaced); clause quotes keep their words (requested by
    # the clause-flag work: 55% of CUAD dev expert clauses lost a word to PERSON under 2.0.0).
    # 2.2.1: the company legal forms come from one list (extractors/legal_forms.py); a name
    # before "A/S", "S.p.A." or "Pte" is a company's too (the list the parties' reader had).
    redaction_policy=RedactionPolicy(
        policy_id="attest.legal",
        version="2.2.1",
        domain="legal",
        rules={
            "ORGANIZATION": Rule(operator="keep_organisation"),
            "LOCATION": Rule(operator="keep_place"),
            "DATE_TIME": Rule(operator="keep"),
            "PERSON": Rule(operator="keep_company"),
        },
    ),
    grounded_text_fields=(
        "parties",
        "party_roles",
        "effective_date",
        "governing_law",
        "venue",
        "term",
        "renewal",
    ),
    prompt_template="legal.j2",
    summary_template="legal.md.j2",
    rules_module="extractors.llm.rules.legal",
    # The clause segmentation and CUAD category rules are part of the legal rule set.
    rules_support=(
        "extractors.llm.rules.contract_text",
        "extractors.llm.rules.contract_parties",
        "extractors.llm.rules.clause_rule",
        "extractors.llm.rules.clause_rules",
        "extractors.llm.rules.liability_rules",
        "extractors.llm.rules.dealing_rules",
        "extractors.llm.rules.contract_summary",
        # CUAD's other 29 categories, flagged when the run's clause_flags is "cuad41".
        "extractors.llm.rules.cuad_more_rules",
    ),
)
