"""Infer a JSON schema (draft 2020-12) from the frontmatter a vault actually uses.

Per property: the JSON types seen (integer widens to number when both occur, `null` kept), a
`format` when every string value conforms to date, date-time, email or uri (checked with the
same format checker validation uses), an `enum` for low-cardinality strings, and item types for
lists. A key present in every note is `required`; one present in nearly all is only described,
so the inferred schema always validates the vault it came from (the round trip).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from vaultlint.fm_schema import format_checker

FORMATS = ("date", "date-time", "email", "uri")  # most specific first
ENUM_MAX = 12  # at most this many distinct values ...
ENUM_MIN_REUSE = 2  # ... each used this many times on average, else it is free text
NEARLY_ALL = 0.9


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "string"  # anything else the check loader makes is text to Obsidian


def _types(values: list[Any]) -> list[str]:
    seen = {json_type(v) for v in values}
    if {"integer", "number"} <= seen:
        seen.discard("integer")
    order = ("string", "integer", "number", "boolean", "array", "object", "null")
    return [t for t in order if t in seen]


def _format(strings: list[str]) -> str | None:
    if not strings:
        return None
    return next((f for f in FORMATS if all(format_checker().conforms(s, f) and _plausible(s, f)
                                           for s in strings)), None)


def _plausible(value: str, fmt: str) -> bool:
    """The format checkers are lenient (`uri` takes `a:b`); infer only what a reader would."""
    return "://" in value if fmt == "uri" else True


def _enum(strings: list[str], with_enum: bool) -> list[str] | None:
    distinct = list(dict.fromkeys(strings))
    if not with_enum or not distinct or len(distinct) > ENUM_MAX:
        return None
    if len(strings) < ENUM_MIN_REUSE * len(distinct):
        return None
    return sorted(distinct)


def describe(values: list[Any], with_enum: bool = True) -> dict[str, Any]:
    """The schema of one property from all the values it takes."""
    types = _types(values)
    schema: dict[str, Any] = {"type": types[0] if len(types) == 1 else types}
    strings = [v for v in values if isinstance(v, str)]
    fmt = _format(strings)
    if fmt:
        schema["format"] = fmt
    elif (enum := _enum(strings, with_enum)) and types == ["string"]:
        schema["enum"] = enum
    items = [i for v in values if isinstance(v, list) for i in v]
    if items:
        schema["items"] = describe(items, with_enum=False)
    objects = [v for v in values if isinstance(v, dict)]
    if objects:
        schema["properties"] = _properties(objects, with_enum=False)
    return schema


def _properties(objects: list[dict[str, Any]], with_enum: bool) -> dict[str, Any]:
    by_key: dict[str, list[Any]] = {}
    for obj in objects:
        for key, value in obj.items():
            by_key.setdefault(str(key), []).append(value)
    return {k: describe(v, with_enum) for k, v in by_key.items()}


def infer(frontmatters: Iterable[dict[str, Any]], title: str = "Inferred frontmatter") -> dict[str, Any]:
    notes = list(frontmatters)
    counts = Counter(str(k) for fm in notes for k in fm)
    properties = _properties(notes, with_enum=True)
    total = len(notes)
    for key, prop in properties.items():
        share = counts[key] / total if total else 0
        if NEARLY_ALL <= share < 1:
            prop["description"] = (f"in {counts[key]} of {total} notes; not required so that "
                                   "every note validates")
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        "description": f"Inferred by `vaultlint schema infer` from {total} note(s).",
        "type": "object",
        "properties": dict(sorted(properties.items(), key=lambda kv: -counts[kv[0]])),
    }
    required = [k for k in schema["properties"] if total and counts[k] == total]
    if required:
        schema["required"] = required
    return schema
