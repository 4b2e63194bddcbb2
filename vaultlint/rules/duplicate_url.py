"""Two or more notes whose source URL is the same page.

A note's source URL is the value of one of the `properties` (`link: https://...`), or a
`Label: url` line among the first `body-lines` lines of the body whose label is one of `labels`
(`Link: https://...`, `**Source**: [title](url)`, Dataview's `URL:: https://...`).
URLs are compared after normalising (see docs/typos.md): http/https, `www.`, default ports, a
trailing slash, the fragment, tracking parameters (`utm_*`, `fbclid`, `gclid`, `ref`...),
percent-encoding and the host's case do not make another page; other query parameters do.

Every note of a group gets one diagnostic naming the others, whichever files were passed on the
command line: the whole vault is compared.

Options:
- `properties` (list, default ["link", "url", "source", "href"]): properties holding the URL
  (case-insensitive).
- `labels` (list, default ["link", "url", "source"]): labels of body lines holding the URL.
- `body-lines` (integer 0-20, default 10): how many lines at the top of the body are searched.
- `extend-tracking-params` (list, default []): more query parameters to ignore; `name*` matches
  a prefix.

Fail (when another note has `link: https://example.com/post`):
```markdown
Link: http://www.example.com/post/?utm_source=feed
```
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from vaultlint import urls
from vaultlint.diagnostics import Diagnostic
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.vault import IndexSpec, Vault, add_path, remove_path

MAX_BODY_LINES = 20  # what the cached facts hold; the option can only narrow it
NAMED = 5  # other notes named in a message before "and N more"


def _sources(note: Note) -> list[urls.Source]:
    return [*urls.property_sources(note), *urls.body_sources(note, MAX_BODY_LINES)]


def declared(sources: Iterable[urls.Source], options: dict[str, Any],
             normals: Iterable[str | None] | None = None) -> dict[str, urls.Source]:
    """Normalised URL -> where the note first declares it, among the sources options accept.
    `normals` are the URLs already normalised with the default tracking parameters (cached)."""
    keys = {k.lower() for k in options["properties"]}
    labels = {k.lower() for k in options["labels"]}
    extra = tuple(p.lower() for p in options["extend-tracking-params"])
    tracking = (*urls.TRACKING_PARAMS, *extra)
    sources = list(sources)
    given = list(normals) if normals is not None and not extra else [None] * len(sources)
    out: dict[str, urls.Source] = {}
    for s, pre in zip(sources, given):
        if s.body_index is None:
            wanted = s.key in keys
        else:
            wanted = s.key in labels and s.body_index < options["body-lines"]
        if not wanted:
            continue
        normal = pre if pre is not None else urls.normalize(s.url, tracking)
        if normal is not None:
            out.setdefault(normal, s)
    return out


def _facts(note: Note) -> list[list[Any]]:
    return [[s.key, s.url, s.line, s.body_index, urls.normalize(s.url)] for s in _sources(note)]


def _combine(facts: Mapping[str, Any], vault: Vault) -> dict[str, list[str]]:
    """Normalised URL -> the notes declaring it (in path order)."""
    notes: dict[str, list[str]] = {}
    options = vault.settings.options_for(RULE)
    for path in sorted(facts):
        for normal in _declared_by(facts[path], options):
            notes.setdefault(normal, []).append(path)
    return notes


def _declared_by(rows: list[list[Any]] | None, options: dict[str, Any]) -> Iterable[str]:
    rows = rows or ()
    sources = (urls.Source(*row[:4]) for row in rows)
    return declared(sources, options, (row[4] for row in rows))


def _update(index: dict[str, list[str]], path: str, old: Any, new: Any, vault: Vault) -> None:
    options = vault.settings.options_for(RULE)
    for normal in _declared_by(old, options):
        remove_path(index, normal, path)
    for normal in _declared_by(new, options):
        add_path(index, normal, path)


def _sharing_urls(vault: Vault, changed: set[str]) -> dict[str, set[str]]:
    """The notes declaring a URL that a changed note declares, with those URLs: each one's
    duplicate finding names the others, so it changes when one of them is added or edited."""
    out: dict[str, set[str]] = {}
    for normal, paths in vault.index(SOURCE_URLS).items():
        if len(paths) > 1 and not changed.isdisjoint(paths):
            for path in paths:
                out.setdefault(path, set()).add(normal)
    return out


SOURCE_URLS = IndexSpec("source-urls", _facts, _combine, version="2", encode=lambda index: index,
                        decode=lambda data, vault: dict(data), update=_update,
                        dependents=_sharing_urls)


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    if ctx.vault is None:  # one note alone duplicates nothing
        return
    index = ctx.vault.index(SOURCE_URLS)
    for normal, source in declared(_sources(note), ctx.options).items():
        others = [p for p in index.get(normal, ()) if p != note.path]
        if others:
            yield _diagnostic(ctx, source, others)


def _diagnostic(ctx: RuleContext, source: urls.Source, others: list[str]) -> Diagnostic:
    named = ", ".join(f'"{p}"' for p in others[:NAMED])
    more = f" and {len(others) - NAMED} more" if len(others) > NAMED else ""
    message = f"same source URL as {named}{more}: {source.url}"
    start, end = ctx.note.line_span(source.line)
    at = ctx.note.text.find(source.url, start, end)
    if at >= 0:
        start, end = at, at + len(source.url)
    return ctx.diagnostic(start, end, message)


RULE = Rule(
    code="DUP001",
    name="duplicate-url",
    summary="Notes whose source URL is the same page",
    table=(  # the README's rule table
        "two or more notes whose source URL is the same page ([docs/typos.md](docs/typos.md))"),
    docs=__doc__,
    check=check,
    options={"properties": ["link", "url", "source", "href"], "labels": ["link", "url", "source"],
             "body-lines": 10, "extend-tracking-params": []},
    options_schema={
        "properties": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "labels": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "body-lines": {"type": "integer", "minimum": 0, "maximum": MAX_BODY_LINES},
        "extend-tracking-params": {"type": "array", "items": {"type": "string", "minLength": 1}},
    },
    examples=(
        Example("---\nlink: https://example.com/post\n---\nA note alone is no duplicate.\n",
                flagged=False),
        Example("Link: https://example.com/post\n", flagged=False),
    ),
    needs_vault=True,
    indexes=(SOURCE_URLS,),
)
