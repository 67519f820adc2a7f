"""Typed placeholders that stay the same within a document: `<PERSON_1>` every time."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_SPACE = re.compile(r"\s+")


def normalised(entity_type: str, original: str) -> tuple[str, str]:
    """The form under which two mentions count as the same value."""
    text = _SPACE.sub(" ", original).strip().rstrip(".,").casefold()
    if entity_type not in {"PERSON", "ADDRESS", "EMAIL_ADDRESS", "URL"}:
        # Identifiers written with or without separators are the same identifier.
        text = re.sub(r"[\s\-().]", "", text)
    return entity_type, text


@dataclass
class PlaceholderMap:
    """Per document only: a mapping shared across documents would link them."""

    aliases: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    assigned: dict[tuple[str, str], str] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=dict)

    def alias(self, entity_type: str, variant: str, canonical: str) -> None:
        """Make `variant` (e.g. a surname alone) share the placeholder of `canonical`."""
        self.aliases.setdefault(
            normalised(entity_type, variant), normalised(entity_type, canonical)
        )

    def placeholder(self, entity_type: str, original: str) -> str:
        key = normalised(entity_type, original)
        key = self.aliases.get(key, key)
        if key not in self.assigned:
            self.counters[entity_type] = self.counters.get(entity_type, 0) + 1
            self.assigned[key] = f"<{entity_type}_{self.counters[entity_type]}>"
        return self.assigned[key]
