"""Clinical documents: notes, discharge summaries, referrals; triage and red flags."""

from __future__ import annotations

from extractors.domains.spec import SAFE_HARBOR, DomainSpec
from schemas.outputs.clinical import ClinicalOutput
from schemas.redaction_policy import RedactionPolicy, Rule

SPEC = DomainSpec(
    name="clinical",
    output_model=ClinicalOutput,
    flag_field="red_flags",
    signals=(
        r"\bpatient\b",
        r"\bdiagnos[ie]s\b",
        r"\bmedications?\b",
        r"\bchief complaint\b",
        r"\bmrn\b|medical record",
        r"\bmg\b",
        r"\bphysician\b|\bdr\.",
        r"\bhospital\b|\bclinic\b",
        r"\bdischarge\b|\breferral\b|\badmission\b",
        r"\bsymptoms?\b|\bassessment\b",
    ),
    # Change a rule, bump the version: the trail records id, version and content hash.
    redaction_policy=RedactionPolicy(
        policy_id="attest.clinical",
        version="1.0.0",
        domain="clinical",
        rules={
            **SAFE_HARBOR,
            # Relative timing (admitted, discharged, follow-up) survives; the calendar does not.
            "DATE_TIME": Rule(
                operator="date_shift",
                params={"key_entity": "MEDICAL_RECORD_NUMBER", "max_days": 365},
            ),
        },
    ),
    grounded_text_fields=("chief_complaint", "diagnoses", "medications"),
    prompt_template="clinical.j2",
    summary_template="clinical.md.j2",
    rules_module="extractors.llm.rules.clinical",
    # The clinical rules' triage lives in its own package; its sources are part of the rule set.
    rules_support=(
        "extractors.triage.criteria",
        "extractors.triage.esi",
        "extractors.triage.findings",
        "extractors.triage.history",
        "extractors.triage.ocr_text",
        "extractors.triage.lay_wording",
        "extractors.triage.vitals",
        "extractors.triage.red_flags",
        "extractors.triage.exemplars",
        "extractors.triage.meaning",
        "extractors.triage.lab_values",
    ),
    # "denies chest pain" is not a red flag: the red-flag lexicon knows the findings' negations.
    suppresses_negated_flags=True,
)
