"""The review floor of the audit trail.

- `projection`: the trail read into review state (runs, decisions, the queue, one decision in
  detail), kept current by `catch_up`; `agreement`: how often reviewers agree, per flag kind.
- `ledger`: what people append (views, approvals, overrides, a second reviewer's answer,
  exports); `four_eyes`: which overrides need a second reviewer.
- `views`: the values the pages show.
"""

from audit.review.agreement import Agreement, agreement_by_flag
from audit.review.four_eyes import AWAITING, AwaitingOverride, awaiting_override
from audit.review.ledger import OverrideFloor, ReviewLedger
from audit.review.projection import REVIEW_STATES, ReviewProjection, first_records
from audit.review.views import (
    PAGE_SIZE,
    DecisionDetail,
    DecisionFilters,
    DecisionPage,
    DecisionRow,
    RunSummary,
)

__all__ = [
    "AWAITING",
    "PAGE_SIZE",
    "REVIEW_STATES",
    "Agreement",
    "AwaitingOverride",
    "DecisionDetail",
    "DecisionFilters",
    "DecisionPage",
    "DecisionRow",
    "OverrideFloor",
    "ReviewLedger",
    "ReviewProjection",
    "RunSummary",
    "agreement_by_flag",
    "awaiting_override",
    "first_records",
]
