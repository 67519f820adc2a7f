"""Summaries rendered from the checked output by versioned Jinja2 templates.

A template's id and version are written in its first line; its hash covers the template and
the shared footer, so any edit shows up in the trail as a new template hash.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from schemas.decision import CheckedOutput, RenderedSummary
from schemas.document import Domain
from schemas.generation import ModelIdentity

TEMPLATES = Path(__file__).parent / "templates"
_HEADER = re.compile(r"\{#-?\s*(\S+) version (\S+)\s*-?#\}")
_SHARED = ("_footer.md.j2",)


@cache
def _environment() -> Environment:
    # Markdown, not HTML: nothing to escape, and escaping would alter the evidence quotes.
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=False,
    )


@cache
def _template_facts(domain: Domain) -> tuple[str, str, str]:
    name = f"{domain}.md.j2"
    source = (TEMPLATES / name).read_text(encoding="utf-8")
    header = _HEADER.match(source)
    if header is None:  # pragma: no cover - guarded by tests over every template
        raise ValueError(f"template {name} lacks its '{{#- id version X -#}}' header")
    digest = hashlib.sha256(source.encode())
    for shared in _SHARED:
        digest.update((TEMPLATES / shared).read_bytes())
    return header.group(1), header.group(2), digest.hexdigest()


def template_ref(domain: Domain) -> str:
    template_id, version, sha256 = _template_facts(domain)
    return f"{template_id}@{version}+sha256:{sha256}"


def render_summary(checked: CheckedOutput, identity: ModelIdentity) -> RenderedSummary:
    template_id, version, sha256 = _template_facts(checked.domain)
    text = (
        _environment()
        .get_template(f"{checked.domain}.md.j2")
        .render(
            output=checked.output,
            flags=checked.flags,
            suppressed=checked.suppressed,
            review_reasons=[str(r) for r in checked.review_reasons],
            identity=identity,
        )
    )
    text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
    return RenderedSummary(template_id=template_id, version=version, sha256=sha256, text=text)
