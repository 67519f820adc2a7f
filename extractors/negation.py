"""Negated findings by NegEx (Chapman et al., 2001), with negspacy's maintained clinical termset.

negspacy (MIT, spaCy only, no model download) supplies the NegEx lexicon - preceding and
following negation cues, pseudo-negations ("no increase", "not only"), terminations ("but",
"however", "except") - and the matching of them on a blank English tokenizer. Its scope rule
is used as published: a preceding cue negates what follows it up to the end of the sentence
or a termination; a following cue negates what precedes it within the same scope.

attest adds, for notes: terminations at clause punctuation (";", ":", a line end) and at
words that start a new assertion ("reports", "complains", "has", "presents", "with",
"positive", ...), so "No known drug allergies, complains of chest pain" asserts the pain; a
window of WINDOW_WORDS words between cue and finding (NegEx's own window was five); and the
post-cues "absent", "resolved", "has resolved", "was negative"; and pseudo-negations for a
negated stop ("won't stop bleeding" asserts the bleeding). A comma does not end a scope,
so a negated list negates each item ("Denies CP, SOB, syncope").
"""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from negspacy.negation import Negex
from negspacy.termsets import termset
from spacy.language import Language
from spacy.tokens import Doc

PRE_CUES: tuple[str, ...] = (
    "no evidence of",
    "negative for",
    "neg for",
    "nil",
    "Ø",
    "free of",
    "absence of",
    "denies",
    "denied",
    "deny",
    "denying",
    "without",
    "not",
    "no",
    "never",
    "nor",
)
POST_CUES: tuple[str, ...] = (
    "ruled out",
    "was negative",
    "is negative",
    "absent",
    "has resolved",
    "resolved",
)
TERMINATIONS: tuple[str, ...] = (
    ";",
    ":",
    "\n",
    "!",
    "?",
    "report",
    "reports",
    "reported",
    "endorse",
    "endorses",
    "present",
    "presents",
    "presented",
    "with",
    "complain",
    "complains",
    "complained",
    "has",
    "is",
    "are",
    "was",
    "positive",
    "note",
    "notes",
    "noted",
    "state",
    "states",
    "describe",
    "describes",
    "admit",
    "admits",
    "experiences",
    "experiencing",
    "developed",
    "now",
    "full stop",  # a dictation says its punctuation
)
# "Won't stop bleeding" asserts the bleeding: a negated stop is no negation of what goes on.
PSEUDO_CUES: tuple[str, ...] = (
    *(
        f"{cue} {verb}"
        for cue in ("not", "won't", "wont", "cannot", "can't", "couldn't", "unable to", "never")
        for verb in ("stop", "stopping", "stopped")
    ),
    # A finding worded with a negation negates nothing after it (NegEx's pseudo-negations):
    # "not himself, muddled", "inhaler not helping, talking in short sentences", "no better".
    "not himself",
    "not herself",
    "not themselves",
    "not themself",
    "not right",
    "not helping",
    "not working",
    "not improving",
    "not settling",
    "no better",
    "no relief",
    "no help",
    "no improvement",
)
# A cue that negates a verb ("can't grip the cup", "doesn't know where she is", "not
# helping") negates its own clause part, up to the next comma: what follows the comma is a
# new finding ("can't grip cup, speech muddled" asserts the speech). A cue that opens a list
# ("no", "denies", "negative for", "nil") negates every item ("Denies CP, SOB, syncope").
_LIST_VERBS = frozenset(
    (
        *("have", "has", "had", "any"),
        *("report", "reports", "reported", "complain", "complains", "complained"),
        *("endorse", "endorses", "endorsed", "describe", "describes", "described"),
        *("mention", "mentions", "mentioned", "experience", "experienced"),
    )
)
_VERB_CUE = re.compile(r"(?:n't|nt|\bnot|\bnever|cannot|unable to)$", re.IGNORECASE)
WINDOW_WORDS = 20
_CUES = "|".join(re.escape(cue) for cue in sorted(PRE_CUES, key=len, reverse=True))
# A piece of a note that opens with a negation, after an optional section label and subject
# ("REVIEW OF SYSTEMS: Denies fever", "the patient has not fallen"): the reader of meaning
# does not read it as a finding.
_NEGATED_OPENING = re.compile(
    r"^\s*(?:[A-Za-z][A-Za-z /&-]{0,40}:\s*)?(?:(?:the\s+)?(?:she|he|they|pt|patient|mother|"
    r"father|parents?|family|child|baby)\s+)?(?:"
    + _CUES
    + r"|(?:does|did|has|have)(?:n't| not| no))\b",
    re.IGNORECASE,
)
_NEGATION_WORD = re.compile(r"\b(?:" + _CUES + r"|negative)\b", re.IGNORECASE)
# A finding worded as an absence ("not answering questions", "unable to speak", "no response
# to pain") is a finding, not its negation.
_NEGATIVE_WORDING = re.compile(
    r"(?:\S+\s+)?(?:no|not|never|without|unable|cannot|can't|couldn't|could not|won't|"
    r"does not|doesn't|no longer)\b",
    re.IGNORECASE,
)
_POST = re.compile(r"^\s*(?:was |is |has been )?(" + "|".join(POST_CUES) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _pipeline() -> tuple[Language, Negex]:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    terms = termset("en_clinical")  # type: ignore[no-untyped-call]
    terms.add_patterns(  # type: ignore[no-untyped-call]
        {
            "pseudo_negations": list(PSEUDO_CUES),
            "preceding_negations": list(PRE_CUES),
            "following_negations": [cue for cue in POST_CUES if cue != "resolved"],
            "termination": list(TERMINATIONS),
        }
    )
    negex = nlp.add_pipe(
        "negex",
        config={"neg_termset": terms.get_patterns()},  # type: ignore[no-untyped-call]
    )
    assert isinstance(negex, Negex)
    return nlp, negex


@lru_cache(maxsize=512)
def _parsed(
    text: str,
) -> tuple[Doc, list[tuple[int, int]], list[tuple[int, int]], list[tuple[int, int]]]:
    """The text's tokens, its preceding and following cues, and its scopes (token spans)."""
    nlp, negex = _pipeline()
    doc = nlp(text)
    preceding, following, terminating = negex.process_negations(doc)
    scopes = negex.termination_boundaries(doc, terminating)
    return (
        doc,
        [(start, end) for _, start, end in preceding],
        [(start, end) for _, start, end in following],
        list(scopes),
    )


def negation_cue(text: str, start: int, end: int) -> str | None:
    """The cue negating text[start:end], or None if the finding is asserted."""
    doc, preceding, following, scopes = _parsed(text)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    scope_start, scope_end = next(((s, e) for s, e in scopes if s <= span.start < e), (0, len(doc)))
    before = [
        (s, e)
        for s, e in preceding
        if s >= scope_start
        and e <= span.start
        and _words(doc, e, span.start) < WINDOW_WORDS
        and not (_negates_a_verb(doc, s, e) and _comma_between(doc, e, span.start))
    ]
    if before:
        s, e = before[-1]
        return doc[s:e].text.lower()
    after = [(s, e) for s, e in following if s >= span.end and e <= scope_end]
    if after:
        s, e = after[0]
        return doc[s:e].text.lower()
    post = _POST.match(text[end : end + 40])
    return post.group(1).lower() if post else None


def opens_negated(piece: str) -> bool:
    """Whether a piece of a note opens with a negation cue (after a label or subject)."""
    return _NEGATED_OPENING.match(piece) is not None


def mentions_negation(text: str) -> bool:
    """Whether any negation cue occurs in the text."""
    return _NEGATION_WORD.search(text) is not None


def worded_as_negation(phrase: str) -> bool:
    """Whether a matched finding is itself worded as an absence ("not answering questions")."""
    return _NEGATIVE_WORDING.match(phrase) is not None


def _negates_a_verb(doc: Doc, start: int, end: int) -> bool:
    """A verb's negation, not a list's opening: "can't grip", but not "does not have" or
    "did not report" (which open a list: "does not have fever, chills")."""
    following = doc[end].lower_ if end < len(doc) else ""
    return _VERB_CUE.search(doc[start:end].text) is not None and following not in _LIST_VERBS


def _comma_between(doc: Doc, start: int, end: int) -> bool:
    return any(token.text == "," for token in doc[start:end])


def _words(doc: Doc, start: int, end: int) -> int:
    return sum(1 for token in doc[start:end] if not token.is_punct and not token.is_space)
