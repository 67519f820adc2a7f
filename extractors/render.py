"""Summaries rendered from the checked output by versioned Jinja2 templates.

Each domain names its template in its module under `extractors/domains/`. A template's id and
version are written in its first line; its hash covers the template and the shared footer, so
any edit shows up in the trail as a new template hash.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from extractors.domains import domain_spec
from schemas.decision import CheckedOutput, RenderedSummary
from schemas.document import Domain
from schemas.generation import ModelIdentity

TEMPLATES = Path(__file__).parent / "templates"
_HEADER = re.compile(r"\{#-?\s*(\S+) version (\S+)\s*-?#\}")
_SHARED = ("_footer.md.j2",)


# Markdown may carry raw HTML, and viewers that render Markdown render it: a document's
# `<script>` or `<img onerror=...>` quoted into a summary would run there. Every value put into
# a template has its angle brackets written as entities, which Markdown shows as the same
# characters; nothing else changes, so evidence quotes still read as in the document.
_ANGLES = str.maketrans({"<": "&lt;", ">": "&gt;"})
_ESCAPING = b"values: < and > as &lt; &gt;"
"""Hashed into the template reference: a change of escaping is a change of summary."""


def _markdown_safe(value: object) -> object:
    return value.translate(_ANGLES) if isinstance(value, str) else value


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        autoescape=False,
        finalize=_markdown_safe,
        keep_trailing_newline=True,
        trim_blocks=False,
    )


@cache
def _template_facts(domain: Domain) -> tuple[str, str, str]:
    name = domain_spec(domain).summary_template
    source = (TEMPLATES / name).read_text(encoding="utf-8")
    header = _HEADER.match(source)
    if header is None:  # pragma: no cover - guarded by tests over every template
        raise ValueError(f"template {name} lacks its '{{#- id version X -#}}' header")
    digest = hashlib.sha256(source.encode())
    for shared in _SHARED:
        digest.update((TEMPLATES / shared).read_bytes())
    digest.update(_ESCAPING)
    return header.group(1), header.group(2), digest.hexdigest()


def template_ref(domain: Domain) -> str:
    template_id, version, sha256 = _template_facts(domain)
    return f"{template_id}@{version}+sha256:{sha256}"


def render_summary(checked: CheckedOutput, identity: ModelIdentity) -> RenderedSummary:
    template_id, version, sha256 = _template_facts(checked.domain)
    text = (
        _environment()
        .get_template(domain_spec(checked.domain).summary_template)
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
