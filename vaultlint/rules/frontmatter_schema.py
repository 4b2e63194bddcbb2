"""Frontmatter properties match the JSON schemas mapped to the note, and `.obsidian/types.json`.

Map draft 2020-12 schemas to notes in the config (a note may match several; all apply):

```toml
[[frontmatter.schemas]]
schema = "schemas/article.schema.json"   # relative to the config file; builtin:NAME = shipped
paths = ["Articles/**"]                   # and/or
where = { type = "Content" }              # every listed property equal
```

One diagnostic per violation, on the line of the offending key, with the JSON path and a
plain message. `format` (date, date-time, uri, email, ...) is checked; Obsidian's zone-less
`2020-08-21T10:30:00` is a valid date-time and YAML dates stay the text written, so they are
never type errors. Local `$ref`s work; remote ones fail with a clear message, never fetched.

A mapping that cannot work (a missing, non-JSON or invalid schema, an unknown `builtin:` name,
an unreadable local `$ref`, `paths`/`where` that match no note) is a config error, exit 2,
found once before any note is checked (docs/frontmatter.md, "Mapping errors").

This rule also checks properties declared `number`, `checkbox`, `date`, `datetime` or
`multitext` in `.obsidian/types.json`, with or without a user schema.

Fail:
```markdown
---
read_priority: high
---
```
Pass:
```markdown
---
read_priority: 1
---
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from vaultlint import fm_schema
from vaultlint.diagnostics import Diagnostic, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext

if TYPE_CHECKING:
    import jsonschema


def _extra_keys(error: jsonschema.ValidationError) -> list[str]:
    """Keys an additionalProperties/unevaluatedProperties error is about."""
    inst = error.instance if isinstance(error.instance, dict) else {}
    known = set(error.schema.get("properties", {})) if isinstance(error.schema, dict) else set()
    patterns = list(error.schema.get("patternProperties", {})) \
        if isinstance(error.schema, dict) else []
    return [k for k in inst if k not in known
            and not any(_search(p, k) for p in patterns)]


def _search(pattern: str, key: str) -> bool:
    """Linear-time match (never Python's backtracking `re`: a user pattern may explode)."""
    try:
        return fm_schema.pattern_search(pattern, key)
    except ValueError:
        return False


def _line_of(note: Note, key: str | None) -> int:
    """0-based line of a top-level key, else the opening `---`."""
    fm = note.frontmatter
    assert fm is not None
    line = fm.key_lines.get(key) if key is not None else None
    return (line - 1) if line else fm.first_line


def _diagnostics(note: Note, ctx: RuleContext, validator: Any, data: dict, source: str
                 ) -> Iterator[Diagnostic]:
    for error in validator.iter_errors(data):
        path = list(error.absolute_path)
        if error.validator in ("additionalProperties", "unevaluatedProperties") and not path:
            for key in _extra_keys(error):
                yield ctx.at_line(_line_of(note, key),
                                  f"{key}: property not allowed (at $.{key}, {source})")
            continue
        top = str(path[0]) if path else None
        yield ctx.at_line(_line_of(note, top),
                          f"{fm_schema.plain_message(error)} (at {fm_schema.json_path(error)}, {source})")


def _schema_failure(ctx: RuleContext, note: Note, message: str) -> Diagnostic:
    return ctx.at_line(note.frontmatter.first_line if note.frontmatter else 0, message,
                       severity=Severity.ERROR)


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    fm = note.frontmatter
    if fm is None or fm.error is not None:
        return  # invalid-yaml reports it; there are no properties to check
    data = fm.data if isinstance(fm.data, dict) else {}
    settings = ctx.settings
    if settings is not None:
        types = fm_schema.types_validator(settings.root)
        if types is not None:
            yield from _diagnostics(note, ctx, types, data, ".obsidian/types.json")
    for mapping in fm_schema.mappings(settings) if settings is not None else ():
        if not mapping.applies(note.path, data):
            continue
        try:
            roots = fm_schema.allowed_roots(settings)  # outside paths: only from --config
            validator = fm_schema.compile_schema(mapping.schema, roots)
            yield from _diagnostics(note, ctx, validator, data, mapping.schema.name)
        except fm_schema.UnresolvableRef as exc:
            yield _schema_failure(ctx, note, f"schema {mapping.schema.name}: cannot resolve $ref {exc}")
        except fm_schema.SchemaError as exc:
            yield _schema_failure(ctx, note, f"schema unusable: {exc}")


RULE = Rule(
    code="FM201",
    name="frontmatter-schema",
    summary="Frontmatter properties match the mapped JSON schemas and .obsidian/types.json",
    table=(  # the README's rule table
        "properties against mapped JSON schemas and `.obsidian/types.json`"),
    docs=__doc__,
    check=check,
    severity=Severity.ERROR,
    cache_key=fm_schema.dependencies,
    check_config=fm_schema.check_mappings,
    examples=(Example("---\ntitle: a\n---\n", flagged=False),),
)
