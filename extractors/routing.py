"""The safety floor over every backend: the deterministic rules run beside any model.

Whatever proposed an output (a language model, or a reviewer correcting one), the rules
baseline reads the same redacted text and gives its own answer. Two things follow:

- **Triage** (clinical): the final ESI level is never less urgent than the rules' level. A
  proposal below the floor is raised to it, and goes to review with both levels and the rules
  that fired (`ReviewReason.BELOW_SAFETY_FLOOR`).
- **Critical flags** (any domain): a flag either side rates high severity that the other side
  does not raise as high sends the decision to review with both answers
  (`ReviewReason.CRITICAL_FLAG_DISAGREEMENT`). Flags are not merged: a person decides.

The public surface is small on purpose (the batch's check stage, `attest eval`, the domain
registry and the review app use it):

    rules_output(domain, redacted_text) -> dict      the baseline's schema-valid output
    assess(domain, proposed, rules, proposed_by)     -> Routing, the verdict on one proposal
    route(checked, redacted_text, proposed_by)       -> CheckedOutput with the floor applied
    check_override(domain, redacted_text, output)    -> Routing for a reviewer's override

The rules are a floor, not a ceiling: a model may always be *more* urgent than the rules.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from extractors.domains import flag_field
from extractors.llm.base import generation_request
from extractors.llm.rules import RulesBackend
from schemas.decision import CheckedOutput, FiredRule, ReviewReason, Routing
from schemas.document import Domain

Proposer = Literal["model", "reviewer", "rules"]
CRITICAL = "high"


def rules_output(domain: Domain, redacted_text: str) -> dict[str, Any]:
    """What the deterministic rules make of the text: the floor every proposal is held to."""
    request = generation_request(domain, redacted_text)
    output: dict[str, Any] = json.loads(RulesBackend().generate(request).raw_output)
    return output


def _critical(domain: Domain, output: dict[str, Any]) -> tuple[str, ...]:
    kinds = {flag["kind"] for flag in output[flag_field(domain)] if flag["severity"] == CRITICAL}
    return tuple(sorted(kinds))


def _level(output: dict[str, Any]) -> int | None:
    level = output.get("triage_level")
    return int(level) if level is not None else None


def assess(
    domain: Domain, proposed: dict[str, Any], rules: dict[str, Any], proposed_by: Proposer
) -> Routing:
    """The verdict on one proposed output, given the rules' output for the same text."""
    reasons: list[ReviewReason] = []
    notes: list[str] = []
    fired = tuple(
        FiredRule(rule=reason["rule"], evidence=reason["evidence"])
        for reason in rules.get("triage_reasons", [])
    )
    floor, level = _level(rules), _level(proposed)
    final = level
    if floor is not None and level is not None and level > floor:
        final = floor
        reasons.append(ReviewReason.BELOW_SAFETY_FLOOR)
        why = "; ".join(f"{r.rule}: {r.evidence!r}" for r in fired[:3]) or "no rule recorded"
        notes.append(
            f"the {proposed_by} proposed ESI {level}, less urgent than the rules' ESI {floor} "
            f"({why}); ESI {floor} stands until a person decides"
        )
    rules_critical, proposed_critical = _critical(domain, rules), _critical(domain, proposed)
    if rules_critical != proposed_critical:
        reasons.append(ReviewReason.CRITICAL_FLAG_DISAGREEMENT)
        only_rules = sorted(set(rules_critical) - set(proposed_critical))
        only_proposed = sorted(set(proposed_critical) - set(rules_critical))
        notes.append(
            f"critical flags differ: only the rules raise {only_rules or 'none'}, "
            f"only the {proposed_by} raises {only_proposed or 'none'}"
        )
    return Routing(
        proposed_by=proposed_by,
        rules_triage_level=floor,
        proposed_triage_level=level,
        final_triage_level=final,
        rules_reasons=fired,
        rules_critical_flags=rules_critical,
        proposed_critical_flags=proposed_critical,
        review_reasons=tuple(reasons),
        notes=tuple(notes),
    )


def route(
    checked: CheckedOutput,
    redacted_text: str,
    proposed_by: Proposer = "model",
    rules: dict[str, Any] | None = None,
) -> CheckedOutput:
    """The checked output with the floor applied and the verdict attached.

    `rules` may be passed when the caller already has the rules' output for this text; when
    the rules themselves proposed the output, it is its own floor and nothing can differ.
    """
    domain = checked.domain
    output = checked.output
    if rules is None:
        rules = output if proposed_by == "rules" else rules_output(domain, redacted_text)
    routing = assess(domain, output, rules, proposed_by)
    if routing.final_triage_level != routing.proposed_triage_level:
        # The rules' level stands, and with it the rules' reasons for it.
        output = {
            **output,
            "triage_level": routing.final_triage_level,
            "triage_reasons": rules.get("triage_reasons", []),
        }
    extra = tuple(r for r in routing.review_reasons if r not in checked.review_reasons)
    return checked.model_copy(
        update={
            "output": output,
            "routing": routing,
            "review_reasons": checked.review_reasons + extra,
        }
    )


def check_override(domain: Domain, redacted_text: str, output: dict[str, Any]) -> Routing:
    """The floor's verdict on a reviewer's corrected output, before it is recorded.

    An override less urgent than the rules, or at odds with them on critical flags, is not
    refused (a person may know better) but the verdict says so, with both answers, for the
    review app to record and to ask a second reviewer.
    """
    return assess(domain, output, rules_output(domain, redacted_text), "reviewer")


__all__ = ["CRITICAL", "Proposer", "assess", "check_override", "route", "rules_output"]
