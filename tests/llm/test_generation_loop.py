"""The one generation loop, whatever the transport: chunks merged, invalid answers retried,
faults retried or not as they say, and what the trail needs recorded. Fast: a scripted
transport (tests/llm/fake_transport.py) stands in for the model."""

from __future__ import annotations

import json

import pytest

from extractors.checks import SchemaViolation, check_output
from extractors.errors import BackendError
from extractors.llm.base import Backend, Messages, generation_request
from extractors.llm.chunking import merge_outputs
from extractors.llm.generation import ModelBackend, generate
from extractors.llm.prompting import chat_messages
from extractors.llm.registry import create_backend
from extractors.llm.retries import RetryPolicy
from schemas.canonical import sha256_of
from schemas.decision import ReviewReason
from schemas.document import Domain
from tests.llm.fake_transport import FINGERPRINT, ScriptedTransport, chunk_text, rules_output

NOTE = "Chief complaint: crushing chest pain radiating to the jaw.\nMeds: Aspirin 81 mg."
GOVERNING = "This Agreement is governed by the laws of Delaware."
ASSIGNMENT = (
    "Neither party may assign this Agreement without the prior written consent of the other party."
)


def sent_for(domain: Domain, messages: Messages) -> dict[str, object]:
    """What the scripted transport reports as sent (the HTTP body, for a server)."""
    return {"messages": messages, "schema": generation_request(domain, "").schema_ref.schema_id}


def no_wait(waits: list[float] | None = None, attempts: int = 3) -> RetryPolicy:
    return RetryPolicy(
        attempts=attempts, backoff_s=0.5, sleep=(waits if waits is not None else []).append
    )


def test_one_chunk_keeps_the_models_bytes_and_records_how_they_were_made() -> None:
    answer = json.dumps(rules_output("clinical", NOTE), indent=1)  # not canonical: kept as is
    transport = ScriptedTransport([answer])

    result = generate(generation_request("clinical", NOTE), transport, no_wait())

    assert result.raw_output == answer
    assert (result.attempts, result.chunks) == (1, 1)
    assert result.request_sha256 == sha256_of(sent_for("clinical", transport.sent[0]))
    assert result.identity.system_fingerprint == FINGERPRINT
    assert result.decoding == transport.decoding
    assert result.instructions.kind == "prompt"
    assert result.structured_output == transport.structured_output


def test_an_answer_that_does_not_fit_the_schema_is_asked_again() -> None:
    waits: list[float] = []
    transport = ScriptedTransport(['{"chief_complaint": "chest pa', "not json at all"])

    result = generate(generation_request("clinical", NOTE), transport, no_wait(waits))

    assert result.attempts == 3 and len(transport.sent) == 3
    assert json.loads(result.raw_output) == rules_output("clinical", NOTE)
    assert waits == [0.5, 1.0]  # backoff doubles between attempts


def test_no_valid_answer_within_the_attempts_is_a_final_schema_violation() -> None:
    transport = ScriptedTransport(["{}", "{}", "{}"])

    with pytest.raises(SchemaViolation, match=r"after 3 attempts: .*does not fit") as caught:
        generate(generation_request("legal", GOVERNING), transport, no_wait())

    assert not caught.value.retryable  # the batch records it instead of asking again
    assert "scripted://" in caught.value.message


def test_transient_faults_are_retried_and_counted() -> None:
    transport = ScriptedTransport([BackendError("HTTP 503", retryable=True)])

    result = generate(generation_request("legal", GOVERNING), transport, no_wait())

    assert result.attempts == 2


def test_persistent_faults_end_in_a_backend_error_with_the_last_reason() -> None:
    transport = ScriptedTransport([BackendError("HTTP 500", retryable=True)] * 3)

    with pytest.raises(BackendError, match="after 3 attempts: HTTP 500") as caught:
        generate(generation_request("legal", GOVERNING), transport, no_wait())

    assert not isinstance(caught.value, SchemaViolation)  # an outage is not an invalid output


def test_a_refusal_no_retry_can_fix_stops_at_once() -> None:
    refused = BackendError("the model server refused the request: HTTP 400", retryable=False)
    transport = ScriptedTransport([refused])

    with pytest.raises(BackendError, match="HTTP 400"):
        generate(generation_request("legal", GOVERNING), transport, no_wait())

    assert len(transport.sent) == 1


def test_a_long_document_is_sent_in_parts_and_the_parts_answers_merged() -> None:
    text = f"{GOVERNING}\n\n{ASSIGNMENT}"
    transport = ScriptedTransport()
    # A context with room for the prompt, the output and one paragraph (15 words) at a time.
    prompt = transport.count_prompt_tokens(chat_messages("legal", "", 2, 2))
    transport.max_context = prompt + transport.decoding.max_tokens + 16

    result = generate(generation_request("legal", text), transport, no_wait())

    parts = [chunk_text(messages) for messages in transport.sent]
    assert result.chunks == len(parts) == 2 and "".join(parts) == text
    assert "part 1 of 2" in transport.sent[0][-1]["content"]
    expected = merge_outputs("legal", [rules_output("legal", part) for part in parts])
    assert json.loads(result.raw_output) == expected
    kinds = {flag["kind"] for flag in expected["clause_flags"]}
    assert kinds == {"Governing Law", "Anti-Assignment"}
    sent = [sent_for("legal", messages) for messages in transport.sent]
    assert result.request_sha256 == sha256_of(sent)


def test_a_schema_valid_answer_the_text_does_not_support_goes_to_review() -> None:
    invented = {**rules_output("clinical", NOTE), "chief_complaint": "coughing"}
    invented["medications"] = ["Aspirin 81 mg", "aspirin 81  mg", "Aspirin 81 mg"]
    transport = ScriptedTransport([json.dumps(invented)])

    result = generate(generation_request("clinical", NOTE), transport, no_wait())
    checked = check_output(
        "clinical", result.raw_output, NOTE, min_ocr_confidence=None, low_ocr_confidence=60.0
    )

    assert ReviewReason.UNGROUNDED_FIELD in checked.review_reasons
    assert "chief_complaint" in checked.ungrounded_fields
    assert checked.output["medications"] == ["Aspirin 81 mg"]  # a looping list: one item


def test_a_model_backend_is_a_backend_like_the_rules() -> None:
    backends: list[Backend] = [ModelBackend(ScriptedTransport()), create_backend("rules")]

    results = [backend.generate(generation_request("legal", GOVERNING)) for backend in backends]

    assert results[0].raw_output == results[1].raw_output  # the fake answers as the rules do
    assert [r.identity.is_language_model for r in results] == [True, False]
    assert results[1].decoding is None and results[1].attempts == 1


def test_an_unknown_backend_lists_the_valid_ones() -> None:
    with pytest.raises(BackendError) as caught:
        create_backend("gpt")
    assert "openai-compatible, rules, transformers" in caught.value.hint
