"""Versioned prompt templates: the system message per domain, and the chat sent to a model.

A template's id and version sit in its first line; its SHA-256 covers the template source,
so the trail can say exactly which instructions a model was given.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from extractors.domains import domain_spec
from schemas.document import Domain
from schemas.generation import InstructionsRef

PROMPTS = Path(__file__).parent / "prompts"
_HEADER = re.compile(r"\{#-?\s*(\S+) version (\S+)\s*-?#\}")


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(PROMPTS), undefined=StrictUndefined, autoescape=False
    )


def prompt_source(domain: Domain) -> str:
    """The template as hashed into its reference: what an auditor gets in an export."""
    return (PROMPTS / domain_spec(domain).prompt_template).read_text(encoding="utf-8")


@cache
def prompt_ref(domain: Domain) -> InstructionsRef:
    source = prompt_source(domain)
    header = _HEADER.match(source)
    if header is None:  # pragma: no cover - every shipped template has one (tested)
        raise ValueError(f"the {domain} prompt lacks its '{{#- id version X -#}}' header")
    return InstructionsRef(
        kind="prompt",
        id=header.group(1),
        version=header.group(2),
        sha256=hashlib.sha256(source.encode()).hexdigest(),
    )


def system_prompt(domain: Domain) -> str:
    return _environment().get_template(domain_spec(domain).prompt_template).render().strip()


def chat_messages(
    domain: Domain, redacted_text: str, part: int = 1, parts: int = 1
) -> list[dict[str, str]]:
    """The messages for one document (or one chunk of a long one): redacted text only."""
    where = f" (part {part} of {parts}; report only what this part shows)" if parts > 1 else ""
    return [
        {"role": "system", "content": system_prompt(domain)},
        {"role": "user", "content": f"Document{where}:\n\n{redacted_text}"},
    ]
