"""Frontmatter schemas: config mappings, compiled validators (once per run), Obsidian types.json.

Validation uses the `jsonschema` package (draft 2020-12) with a format checker whose `date-time`
also accepts Obsidian's zone-less `2020-08-21T10:30:00`. Data comes from the check loader, which
keeps YAML dates as strings, so a date never fails a `"type": "string"` check.
Local `$ref`s resolve through a `referencing.Registry` that reads files next to the schema;
anything else (http, ...) raises instead of fetching: no network is ever touched.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator
from datetime import datetime
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from vaultlint.resources import schemas_dir
from vaultlint.safeio import UnsafeFile, is_inside, read_regular
from vaultlint.spelling import warn_once as warn
from vaultlint.vault import glob_spec

if TYPE_CHECKING:  # imported when first needed: `jsonschema` takes longer to import than a
    import jsonschema  # pre-commit run on one note should take, and jsonschema-rs decides first
    import pathspec

_NAIVE_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")


@lru_cache(maxsize=1)
def format_checker() -> jsonschema.FormatChecker:
    import jsonschema

    base = jsonschema.Draft202012Validator.FORMAT_CHECKER
    checker = jsonschema.FormatChecker(list(base.checkers))  # a copy: we override date-time

    @checker.checks("date-time", raises=ValueError)
    def _date_time(value: object) -> bool:
        if not isinstance(value, str):
            return True
        if _NAIVE_DATETIME.match(value):  # Obsidian writes datetimes without a zone
            datetime.fromisoformat(value.replace("t", "T"))
            return True
        return base.conforms(value, "date-time")

    return checker


class SchemaError(Exception):
    """A schema that cannot be used: missing file, bad JSON, invalid schema, remote $ref."""


class UnresolvableRef(SchemaError):
    """A `$ref` that names no schema vaultlint can read (found while validating)."""


def allowed_roots(settings: Any) -> tuple[str, ...] | None:
    """Where schemas and their `$ref`s may be read from: the vault, the config file's folder
    and the shipped schemas; anywhere for a config named with `--config` (docs/safety.md)."""
    if settings is None or getattr(settings, "trusted", False):
        return None
    roots = [settings.root, schemas_dir()]
    if settings.config_path is not None:
        roots.append(settings.config_path.parent)
    return tuple(os.path.realpath(r) for r in roots)


def read_json(path: Path, roots: tuple[str, ...] | None) -> Any:
    """A schema file's JSON, read as every file is (safeio: regular, bounded, non-blocking) and
    only from within `roots`. Raises UnsafeFile, OSError or ValueError."""
    if roots is not None and not any(is_inside(path, root) for root in roots):
        raise UnsafeFile("outside the vault and the config's folder: refused (name it in a "
                         "config passed with --config to allow it)")
    return json.loads(read_regular(path)[0].decode("utf-8"))


def _retrieve_local(base_dir: Path, roots: tuple[str, ...] | None = None):
    from referencing import Resource
    from referencing.exceptions import NoSuchResource
    from referencing.jsonschema import DRAFT202012

    def retrieve(uri: str) -> Resource:
        if uri.startswith("file://"):
            path = Path(unquote(uri[len("file://"):]))
        elif "://" in uri or uri.startswith("urn:"):
            raise NoSuchResource(ref=f"{uri} (remote $ref refused: vaultlint never fetches)")
        else:
            path = base_dir / uri
        try:
            return Resource.from_contents(read_json(path, roots),
                                          default_specification=DRAFT202012)
        except UnsafeFile as exc:
            raise NoSuchResource(ref=f"{uri} ({path}: {exc.reason})") from exc
        except (OSError, ValueError) as exc:
            raise NoSuchResource(ref=f"{uri} ({exc})") from exc
    return retrieve


def _remote_refs(node: Any):
    """`$ref`s with a network scheme, found before validation so the failure is up front."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and re.match(r"^[a-z][a-z0-9+.-]*://", ref, re.I) \
                and not ref.startswith("file://"):
            yield ref
        for value in node.values():
            yield from _remote_refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _remote_refs(value)


def compile_schema(path: Path, roots: tuple[str, ...] | None = None) -> "Compiled":
    """One validator per schema file and version of it: a run compiles each schema once.
    The schema and its `$ref`s are read only from within `roots` (None: anywhere)."""
    try:
        st = path.stat()
    except OSError as exc:
        raise SchemaError(f"{path}: cannot read schema ({exc.strerror})") from exc
    return _compile(path, st.st_mtime_ns, st.st_size, roots)


@dataclass(frozen=True)
class Compiled:
    """jsonschema-rs answers "valid?" ~200x faster (bench/bench_frontmatter.py); only the notes
    it rejects go through `jsonschema` for the detailed, located messages."""

    build_full: Callable[[], jsonschema.Draft202012Validator]
    fast: Any = None  # a jsonschema_rs validator, None when unavailable or it refused the schema

    @cached_property
    def full(self) -> jsonschema.Draft202012Validator:
        return self.build_full()

    def iter_errors(self, data: Any):
        if self.fast is not None:
            try:
                if self.fast.is_valid(data):
                    return
            except Exception:  # a value jsonschema-rs cannot convert: the slow path decides
                pass
        from referencing.exceptions import Unresolvable

        try:
            yield from iter_errors(self.full, data)
        except Unresolvable as exc:
            raise UnresolvableRef(_why_unresolvable(exc)) from exc
        except RecursionError:  # a `$ref` cycle that never reaches a value (`a` -> `a`)
            raise SchemaError("recursive $ref cycle: the schema refers to itself without end"
                              ) from None


def _why_unresolvable(exc: BaseException) -> str:
    """The innermost reason a `$ref` failed (what `retrieve` said: refused, missing, not JSON),
    else the error's own text."""
    from referencing.exceptions import NoSuchResource

    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, NoSuchResource):
            return str(cause.ref)
        cause = cause.__cause__ or cause.__context__
    return str(exc)


def _fast_validator(schema: Any, base_dir: Path | None,
                    roots: tuple[str, ...] | None = None) -> Any:
    """The same schema for jsonschema-rs, with our format checkers (zone-less date-time) and
    local-file $refs; None if it cannot be built (the slow validator alone is then used)."""
    try:
        import jsonschema_rs
    except ImportError:
        return None
    formats = {f: (lambda v, f=f: format_checker().conforms(v, f)) for f in FAST_FORMATS}
    retrieve = _retrieve_local(base_dir, roots) if base_dir is not None else None
    try:
        extra = {} if base_dir is None else {
            "retriever": lambda uri: retrieve(uri).contents,  # type: ignore[misc]
            "base_uri": base_dir.as_uri() + "/"}  # so relative `$id`s and `$ref`s resolve
        return jsonschema_rs.validator_for(schema, validate_formats=True, formats=formats, **extra)
    except Exception:
        return None


FAST_FORMATS = ("date", "date-time", "time", "email", "uri", "uri-reference", "ipv4", "ipv6",
                "hostname", "uuid", "regex")


@lru_cache(maxsize=64)
def _compile(path: Path, _mtime: int, _size: int, roots: tuple[str, ...] | None = None
             ) -> Compiled:
    try:
        schema = read_json(path, roots)
    except UnsafeFile as exc:
        raise SchemaError(f"{path}: {exc.reason}") from exc
    except OSError as exc:
        raise SchemaError(f"{path}: cannot read schema ({exc.strerror})") from exc
    except json.JSONDecodeError as exc:
        raise SchemaError(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})") from exc
    except UnicodeDecodeError as exc:
        raise SchemaError(f"{path}: not UTF-8 ({exc.reason})") from exc
    remote = next(_remote_refs(schema), None)
    if remote is not None:
        raise SchemaError(f"{path.name}: remote $ref {remote!r} refused: vaultlint never fetches; "
                          "save that schema next to this one and refer to it by relative path")
    fast = _fast_validator(schema, path.parent, roots)
    if fast is None:  # jsonschema-rs refused it: let jsonschema say what is wrong, now
        _full_validator(path, schema, roots)
    return Compiled(lambda: _full_validator(path, schema, roots), fast)


def _full_validator(path: Path, schema: Any, roots: tuple[str, ...] | None = None
                    ) -> jsonschema.Draft202012Validator:
    import jsonschema
    from referencing import Registry

    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    try:
        cls.check_schema(schema)
    except jsonschema.SchemaError as exc:
        where = f" (at {json_path(exc)})" if exc.absolute_path else ""
        raise SchemaError(f"{path}: invalid JSON schema: {exc.message}{where}") from exc
    registry: Registry = Registry(retrieve=_retrieve_local(path.parent, roots))
    return _linear_patterns(cls)(schema, registry=registry, format_checker=format_checker())


@dataclass(frozen=True)
class Mapping:
    schema: Path
    paths: pathspec.PathSpec | None
    where: tuple[tuple[str, Any], ...]

    def applies(self, path: str, data: dict[str, Any]) -> bool:
        if self.paths is not None and not self.paths.match_file(path):
            return False
        return all(k in data and data[k] == v for k, v in self.where)


def resolve_schema_path(name: str, base: Path) -> Path:
    """A config path is relative to the config file's folder; `builtin:NAME` is a shipped one."""
    if name.startswith("builtin:"):
        return schemas_dir() / name[len("builtin:"):]
    return (base / name).resolve()


def mappings(settings: Any) -> tuple[Mapping, ...]:
    """The `[[frontmatter.schemas]]` of the config, cached on the Settings object."""
    cached = getattr(settings, "_fm_mappings", None)
    if cached is not None:
        return cached
    raw = (settings.raw or {}).get("frontmatter", {}) if settings is not None else {}
    base = settings.config_path.parent if settings and settings.config_path else (
        settings.root if settings else Path.cwd())
    found = tuple(
        Mapping(
            schema=resolve_schema_path(m["schema"], base),
            paths=glob_spec(m["paths"]) if m.get("paths") else None,
            where=tuple(sorted((m.get("where") or {}).items())),
        )
        for m in raw.get("schemas", [])
    )
    if settings is not None:
        object.__setattr__(settings, "_fm_mappings", found)
    return found


# --- mappings checked once per run, before any note: a broken one is a config error ------------


def check_mappings(settings: Any, vault: Any) -> None:
    """Raise ConfigError (exit 2) naming each `[[frontmatter.schemas]]` mapping that cannot work:
    an unknown `builtin:` name, a schema that is missing, not JSON or not a valid JSON schema, a
    `$ref` to a file that cannot be read, or `paths`/`where` that no note of the vault matches.
    Such a mistake is the config's, not each note's: one line, not one finding per note."""
    found = mappings(settings)
    if not found:
        return
    from vaultlint.config import ConfigError, shown, table_key_line

    problems = _schema_problems(settings, vault) + _match_problems(settings, vault, found)
    if not problems:
        return
    source = shown(settings.config_path)
    lines = []
    for index, key, message in sorted(problems):
        line = table_key_line(settings.config_path, "frontmatter.schemas", index, key)
        lines.append(f"{source}:{line}: {message}" if line else f"{source}: {message}")
    raise ConfigError("\nvaultlint: error: ".join(lines))


def _raw_mappings(settings: Any) -> list[dict[str, Any]]:
    return list((settings.raw or {}).get("frontmatter", {}).get("schemas", []))


def _schema_problems(settings: Any, vault: Any) -> list[tuple[int, str, str]]:
    """(mapping index, config key, message) per unusable schema, kept in the cache while the
    mappings and every file they read are unchanged (checking a schema imports `jsonschema`)."""
    from vaultlint.cache import fingerprint

    roots = allowed_roots(settings)
    state = fingerprint([_raw_mappings(settings), dependencies(settings), roots])

    def build() -> dict[str, Any]:
        found = [(i, "schema", why) for i, m in enumerate(_raw_mappings(settings))
                 if (why := _schema_problem(m["schema"], mappings(settings)[i].schema, roots))]
        return {"problems": found}

    return [tuple(p) for p in vault.kept("frontmatter-schemas-usable@1", state, build)["problems"]]


def _schema_problem(name: str, path: Path, roots: tuple[str, ...] | None) -> str | None:
    """Why the schema a mapping names cannot be used, or None."""
    if name.startswith("builtin:") and not path.is_file():
        from vaultlint.config import did_you_mean

        shipped = sorted(f"builtin:{p.name}" for p in schemas_dir().glob("*.json")
                         if p.name != "vaultlint-config.schema.json")  # not a note schema
        return f"unknown builtin schema {name!r}{did_you_mean(name, shipped)}; shipped: " + \
            ", ".join(shipped)
    try:
        compile_schema(path, roots).full  # noqa: B018 - builds it: check_schema runs
    except SchemaError as exc:
        return f"schema {name!r}: {str(exc).removeprefix(f'{path}: ')}"
    except Exception as exc:  # e.g. JSON that is no schema at all (`[1, 2]`): jsonschema chokes
        return f"schema {name!r}: not a usable JSON schema ({type(exc).__name__}: {exc})"
    for ref in sorted(_ref_files(path, roots)):
        try:
            read_json(ref, roots)
        except UnsafeFile as exc:
            return f"schema {name!r}: $ref to {ref}: {exc.reason}"
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            return f"schema {name!r}: $ref to {ref} cannot be read ({reason})"
    return None


def _match_problems(settings: Any, vault: Any, found: tuple[Mapping, ...]
                    ) -> list[tuple[int, str, str]]:
    """Mappings whose `paths` or `where` match no note (a typo in a glob or a value would
    otherwise pass silently: the schema would simply never apply). An empty vault is skipped."""
    notes = vault.note_paths()
    if not notes:
        return []
    keys = tuple(sorted({k for m in found for k, _ in m.where}))
    facts = vault.index(_where_spec(keys)) if keys else {}
    problems = []
    for index, m in enumerate(found):
        if m.where:
            hit = any(m.applies(p, data) for p, data in facts.items())
        elif m.paths is not None:
            hit = next(iter(m.paths.match_files(notes)), None) is not None
        else:
            continue  # applies to every note
        if not hit:
            problems.append((index, "where" if m.where else "paths",
                             _no_match(_raw_mappings(settings)[index], vault.root)))
    return problems


def _no_match(raw: dict[str, Any], root: Path) -> str:
    values = " and ".join(f"{k} = {v!r}" for k, v in sorted((raw.get("where") or {}).items()))
    what = f"matches paths {raw['paths']}" if raw.get("paths") else ""
    if values:
        what += (" and has " if what else "has ") + values
    where = f" (paths are relative to the vault at {root})" if raw.get("paths") else ""
    return f"schema {raw['schema']!r}: no note {what}{where}"


@lru_cache(maxsize=8)
def _where_spec(keys: tuple[str, ...]) -> Any:
    """Per-note facts: the values of the properties `where` compares (cached per content)."""
    from vaultlint.vault import IndexSpec

    def extract(note: Any) -> dict[str, Any] | None:
        fm = note.frontmatter
        data = fm.data if fm is not None and fm.error is None and isinstance(fm.data, dict) else {}
        picked = {k: data[k] for k in keys if k in data}
        return json.loads(json.dumps(picked, default=str)) if picked else None

    def combine(facts: Any, _vault: Any) -> dict[str, dict[str, Any]]:
        return {p: f for p, f in facts.items() if f}

    digest = hashlib.sha256(json.dumps(keys).encode()).hexdigest()[:12]
    return IndexSpec(f"frontmatter-where-{digest}", extract, combine, version="1")


# --- Obsidian's .obsidian/types.json ------------------------------------------------------------

_OBSIDIAN_TYPES: dict[str, dict[str, Any]] = {
    "number": {"type": ["number", "null"]},
    "checkbox": {"type": ["boolean", "null"]},
    "date": {"type": ["string", "null"], "format": "date"},
    "datetime": {"type": ["string", "null"], "format": "date-time"},
    # A plain string where a list is typed (`related: "[[X]]"`) is what Obsidian shows as a list
    # of one item and reads as such (parseFrontMatterAliases/Tags take a string or a list), so it
    # is accepted, not reported.
    "multitext": {"type": ["array", "string", "null"],
                  "items": {"type": ["string", "number", "boolean"]}},
}


@lru_cache(maxsize=16)
def _types_validator(path: Path, _mtime: float) -> "Compiled | None":
    try:  # inside the vault: `.obsidian` a symlink to elsewhere is not read
        raw = read_regular(path, root=path.parent.parent)[0]
        declared = json.loads(raw.decode("utf-8")).get("types", {})
    except (OSError, ValueError, AttributeError):
        return None
    except UnsafeFile as exc:
        warn(f"{path}: {exc.reason}")
        return None
    props = {k: _OBSIDIAN_TYPES[t] for k, t in declared.items() if t in _OBSIDIAN_TYPES}
    if not props:
        return None
    schema = {"type": "object", "properties": props}
    return Compiled(lambda: _plain_validator(schema), _fast_validator(schema, None))


def _plain_validator(schema: Any) -> jsonschema.Draft202012Validator:
    import jsonschema

    return _linear_patterns(jsonschema.Draft202012Validator)(schema,
                                                             format_checker=format_checker())


# --- user patterns: never through Python's backtracking `re` -------------------------------------


@lru_cache(maxsize=256)
def _pattern_validator(pattern: str) -> Any:
    """jsonschema-rs's validator of one `pattern` (its regex engine runs in linear time; a
    pattern it cannot compile raises)."""
    import jsonschema_rs

    return jsonschema_rs.validator_for({"pattern": pattern})


def pattern_search(pattern: str, text: str) -> bool:
    """Whether `pattern` matches somewhere in `text`, in linear time. Raises ValueError when the
    pattern cannot be evaluated."""
    try:
        return bool(_pattern_validator(pattern).is_valid(text))
    except Exception as exc:  # jsonschema-rs refused the pattern
        raise ValueError(f"pattern {pattern!r} cannot be evaluated") from exc


def _linear_patterns(cls: Any) -> Any:
    """`cls` with `pattern`, `patternProperties` and `additionalProperties` matched by
    `pattern_search` instead of `re.search`: `^(a+)+$` against 47 `a` and a `!` takes
    Python's `re` hours. A pattern that cannot be evaluated is a finding."""
    import jsonschema

    def matches(pattern: str, text: str) -> bool | jsonschema.ValidationError:
        try:
            return pattern_search(pattern, text)
        except ValueError as exc:
            return jsonschema.ValidationError(str(exc))

    def pattern(validator, patrn, instance, schema):  # noqa: ARG001 - jsonschema's signature
        if validator.is_type(instance, "string"):
            found = matches(patrn, instance)
            if isinstance(found, jsonschema.ValidationError):
                yield found
            elif not found:
                yield jsonschema.ValidationError(f"{instance!r} does not match {patrn!r}")

    def pattern_properties(validator, patterns, instance, schema):  # noqa: ARG001
        if not validator.is_type(instance, "object"):
            return
        for patrn, subschema in patterns.items():
            for key, value in instance.items():
                found = matches(patrn, key)
                if isinstance(found, jsonschema.ValidationError):
                    yield found
                    break
                if found:
                    yield from validator.descend(value, subschema, path=key, schema_path=patrn)

    def additional_properties(validator, aP, instance, schema):
        if not validator.is_type(instance, "object"):
            return
        props, patterns = schema.get("properties", {}), schema.get("patternProperties", {})
        extras = [k for k in instance if k not in props
                  and not any(matches(p, k) is True for p in patterns)]
        if validator.is_type(aP, "object"):
            for extra in extras:
                yield from validator.descend(instance[extra], aP, path=extra)
        elif not aP and extras:  # jsonschema's own messages
            listed = ", ".join(repr(e) for e in sorted(extras))
            if patterns:
                verb = "does" if len(extras) == 1 else "do"
                regexes = ", ".join(repr(p) for p in sorted(patterns))
                yield jsonschema.ValidationError(
                    f"{listed} {verb} not match any of the regexes: {regexes}")
            else:
                verb = "was" if len(extras) == 1 else "were"
                yield jsonschema.ValidationError(
                    f"Additional properties are not allowed ({listed} {verb} unexpected)")

    return jsonschema.validators.extend(cls, {"pattern": pattern,
                                              "patternProperties": pattern_properties,
                                              "additionalProperties": additional_properties})


def types_validator(root: Path) -> "Compiled | None":
    """A validator for the property types the vault declares in `.obsidian/types.json`."""
    path = root / ".obsidian" / "types.json"
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return None
    return _types_validator(path, mtime)


# --- messages -------------------------------------------------------------------------------


def json_path(error: jsonschema.ValidationError) -> str:
    parts = ["$"]
    for p in error.absolute_path:
        parts.append(f"[{p}]" if isinstance(p, int) else f".{p}")
    return "".join(parts)


def plain_message(error: jsonschema.ValidationError) -> str:
    """'read_priority: 'high' is not of type integer' style text."""
    where = ".".join(str(p) for p in error.absolute_path)
    v = error.validator
    if v == "type":
        expected = error.validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        text = f"{error.instance!r} is not of type {expected}"
    elif v == "format":
        text = f"{error.instance!r} is not a valid {error.validator_value}"
    elif v == "required":
        text = error.message.replace(" is a required property", " is required")
    else:
        text = error.message
    return f"{where}: {text}" if where else text


def iter_errors(validator: jsonschema.Draft202012Validator, data: Any):
    """All violations, leaf-first: `anyOf`/`oneOf` failures show their best sub-error."""
    import jsonschema

    for error in validator.iter_errors(data):
        yield jsonschema.exceptions.best_match([error]) if error.context else error


MAX_REF_FILES = 500  # a schema tree larger than this is not followed further for the key


def _ref_files(schema: Path, roots: tuple[str, ...] | None) -> set[Path]:
    """The local files a schema's `$ref`s reach, transitively (in any folder: `sub/x.json`),
    as validation resolves them: relative to the mapped schema's folder, `file://` absolute."""
    found: set[Path] = set()
    todo = [schema]
    while todo and len(found) < MAX_REF_FILES:
        try:
            node = read_json(todo.pop(), roots)
        except (OSError, ValueError, UnsafeFile):
            continue  # validation reports it; the key only needs what can be read
        for ref in _local_refs(node):
            path = Path(unquote(ref[len("file://"):])) if ref.startswith("file://") \
                else schema.parent / ref
            if path not in found:
                found.add(path)
                todo.append(path)
    return found


def _local_refs(node: Any) -> Iterator[str]:
    """The file part of every `$ref` to another file (not `#/...`, not a network URL)."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            ref = item.get("$ref")
            if isinstance(ref, str) and (target := ref.split("#", 1)[0]) and \
                    ("://" not in target or target.startswith("file://")):
                yield target
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def dependencies(settings: Any) -> list[tuple[str, str]]:
    """(path, content hash) of every file validation reads: mapped schemas and the JSON files
    beside them (local `$ref` targets), and `.obsidian/types.json`."""
    files: set[Path] = set()
    roots = allowed_roots(settings)
    for mapping in mappings(settings):
        files.add(mapping.schema)
        if mapping.schema.parent.is_dir():
            files.update(mapping.schema.parent.glob("*.json"))
        files.update(_ref_files(mapping.schema, roots))
    if settings is not None:
        files.add(settings.root / ".obsidian" / "types.json")
    out = []
    for path in sorted(files):
        try:  # bounded and non-blocking: a FIFO among the JSON files must not hang the key
            out.append((str(path), hashlib.sha256(read_regular(path)[0]).hexdigest()))
        except (OSError, UnsafeFile):
            out.append((str(path), ""))
    return out
