"""A correction form generated from a domain's JSON Schema, and the form read back into a value.

Enums become selects, strings text inputs carrying the schema's maxLength and pattern (the
browser checks them before sending), lists rows to add and remove up to maxItems, objects
(flags: kind, severity, evidence) groups of fields. Field names are paths into the value
("red_flags.0.kind"); `read_form` rebuilds the value from them, and the caller validates it
against the schema again on the server. New schema versions need no change here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

PREFIX = "f."
Widget = Literal["select", "text", "list", "object"]


@dataclass
class FormField:
    path: str
    label: str
    widget: Widget
    value: Any = None
    options: list[Any] = field(default_factory=list)
    nullable: bool = False
    max_length: int | None = None
    min_length: int | None = None
    pattern: str | None = None
    max_items: int | None = None
    description: str = ""
    children: list[FormField] = field(default_factory=list)
    blank: FormField | None = None  # a list's empty row, for the "add" button

    @property
    def name(self) -> str:
        return PREFIX + self.path

    @property
    def evidence(self) -> bool:
        """A quote from the redacted text: picked by selecting text there."""
        return self.path.rsplit(".", 1)[-1] == "evidence"


def form_fields(schema: dict[str, Any], value: dict[str, Any]) -> list[FormField]:
    defs = schema.get("$defs", {})
    return _object_fields(schema, value, "", defs)


def _object_fields(
    node: dict[str, Any], value: dict[str, Any] | None, path: str, defs: dict[str, Any]
) -> list[FormField]:
    value = value or {}
    return [
        _field(sub, value.get(name), f"{path}{name}", name, defs)
        for name, sub in node.get("properties", {}).items()
    ]


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The node behind a $ref, and whether null is allowed (anyOf [X, null])."""
    nullable = False
    if "anyOf" in node:
        options = [o for o in node["anyOf"] if o.get("type") != "null"]
        nullable = len(options) < len(node["anyOf"])
        node = {**options[0], **{k: v for k, v in node.items() if k != "anyOf"}}
    ref = node.get("$ref")
    if isinstance(ref, str):
        node = {**defs[ref.rsplit("/", 1)[-1]], **{k: v for k, v in node.items() if k != "$ref"}}
    return node, nullable


def _field(
    raw: dict[str, Any], value: Any, path: str, name: str, defs: dict[str, Any]
) -> FormField:
    node, nullable = _resolve(raw, defs)
    label = node.get("title") or name.replace("_", " ").capitalize()
    common: dict[str, Any] = {
        "path": path,
        "label": label,
        "nullable": nullable,
        "description": node.get("description", ""),
    }
    if "enum" in node:
        return FormField(widget="select", value=value, options=list(node["enum"]), **common)
    if node.get("type") == "array":
        items = node.get("items", {})
        rows = [
            _field(items, item, f"{path}.{i}", name, defs) for i, item in enumerate(value or [])
        ]
        return FormField(
            widget="list",
            value=value,
            max_items=node.get("maxItems"),
            children=rows,
            blank=_field(items, None, f"{path}.__i__", name, defs),
            **common,
        )
    if node.get("type") == "object":
        children = _object_fields(node, value, f"{path}.", defs)
        return FormField(widget="object", value=value, children=children, **common)
    return FormField(
        widget="text",
        value=value,
        max_length=node.get("maxLength"),
        min_length=node.get("minLength"),
        pattern=node.get("pattern"),
        **common,
    )


def read_form(schema: dict[str, Any], items: list[tuple[str, str]]) -> dict[str, Any]:
    """The value the form describes, typed as the schema says (an enum of integers gives an
    integer; an empty optional field gives null). Not validated: the caller does that."""
    tree: dict[str, Any] = {}
    for key, text in items:
        if not key.startswith(PREFIX):
            continue
        parts = key[len(PREFIX) :].split(".")
        node = tree
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = text
    value: dict[str, Any] = _typed_object(schema, tree, schema.get("$defs", {}))
    return value


def _typed_object(node: dict[str, Any], tree: dict[str, Any], defs: dict[str, Any]) -> Any:
    return {
        name: _typed(sub, tree.get(name), defs) for name, sub in node.get("properties", {}).items()
    }


def _typed(raw: dict[str, Any], given: Any, defs: dict[str, Any]) -> Any:
    node, nullable = _resolve(raw, defs)
    if node.get("type") == "array":
        rows = given if isinstance(given, dict) else {}
        ordered = sorted((k for k in rows if k.isdigit()), key=int)
        return [_typed(node.get("items", {}), rows[k], defs) for k in ordered]
    if node.get("type") == "object":
        return _typed_object(node, given if isinstance(given, dict) else {}, defs)
    text = given if isinstance(given, str) else ""
    if nullable and text == "":
        return None
    if "enum" in node:
        return next((option for option in node["enum"] if str(option) == text), text)
    if node.get("type") == "integer" and text.lstrip("-").isdigit():
        return int(text)
    return text.strip()
