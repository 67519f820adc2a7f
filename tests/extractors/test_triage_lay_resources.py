"""Complaints that need two or more resources in the words notes use are urgent (ESI 3)."""

from __future__ import annotations

import pytest

from extractors.triage.esi import assess

NORMAL = "\nHR 76, BP 126/78, RR 14, SpO2 98%, T 36.8"


@pytest.mark.parametrize(
    "complaint",
    [
        pytest.param("11 F, tummy ache all day, walked in bent over.", id="tummy-ache"),
        pytest.param("51 M, R knee hot, swollen, can't bend it.", id="hot-swollen-joint"),
        pytest.param("59 F, left leg swollen from knee down, tender.", id="swollen-leg"),
        pytest.param("87 M, generally weak, off his legs for 2 days.", id="generally-weak"),
        pytest.param("32 M, migraine, can't keep the tablets down.", id="failed-by-mouth"),
        pytest.param(
            "76 F, cellulitis not improving on oral antibiotics.", id="failed-antibiotics"
        ),
        pytest.param("9 M, fell off a bike, forearm bent in the middle.", id="bent-limb"),
    ],
)
def test_a_complaint_needing_two_resources_in_lay_words_is_urgent(complaint: str) -> None:
    assert assess(complaint + NORMAL).level == 3


@pytest.mark.parametrize(
    "complaint",
    [
        pytest.param("30 F, pain when peeing for 2 days, no fever.", id="pain-when-peeing"),
        pytest.param("25 F, painful swollen bump on her back, now draining.", id="draining-lump"),
        pytest.param("80 M, constipation since new painkillers, belly soft.", id="constipation"),
        pytest.param("77 M, catheter not draining since this morning.", id="blocked-catheter"),
        pytest.param("36 F, FOOSH injury, tender snuffbox, no deformity.", id="foosh"),
    ],
)
def test_a_one_resource_complaint_in_lay_words_is_less_urgent(complaint: str) -> None:
    assert assess(complaint + NORMAL).level == 4


def test_a_named_medicine_run_out_needs_no_resource() -> None:
    assert assess("71 F, ran out of her thyroid pills, office closed." + NORMAL).level == 5
