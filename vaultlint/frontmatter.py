"""Frontmatter: find the exact span, load it fast for checking, round-trip it for fixing.

We split the block ourselves (python-frontmatter strips text and re-dumps with sorted keys, so it is
no writer for us). Checking uses PyYAML's C loader with YAML 1.2 core scalars and no timestamp
resolver, so dates stay the exact text the user wrote; ruamel.yaml is loaded only when a fix edits
the YAML, because it is ~20x slower.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

_OPEN = re.compile(r"---[ \t]*(?:\r?\n|$)")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)

try:  # the C loader is ~8x faster; fall back when PyYAML was built without libyaml
    _BaseLoader = yaml.CSafeLoader  # type: ignore[attr-defined]
except AttributeError:  # pragma: no cover
    _BaseLoader = yaml.SafeLoader  # type: ignore[misc,assignment]

MAX_ALIASES = 100  # Obsidian never writes aliases; a "billion laughs" block uses thousands
MAX_EXPANDED = 100_000  # values in the loaded data, aliases expanded; real frontmatter has tens


@dataclass
class FrontmatterBlock:
    """The `---` block at the top of a note. Offsets are into the note text."""

    start: int  # offset of the opening `---`
    content_start: int  # first character of the YAML
    content_end: int  # end of the YAML (start of the closing line)
    end: int  # just after the closing line's newline
    first_line: int  # 0-based line of the opening `---`
    closed: bool = True
    data: Any = None
    error: str | None = None
    error_line: int | None = None  # 1-based line in the note
    key_lines: dict[str, int] = field(default_factory=dict)  # top-level key -> 1-based line

    @property
    def yaml_text_offset(self) -> int:
        return self.content_start


def find_block(text: str, start: int = 0) -> FrontmatterBlock | None:
    """Locate frontmatter: the note's first line is `---`, closed by the next `---` or `...` line."""
    m = _OPEN.match(text, start)
    if not m:
        return None
    content_start = m.end()
    close = _CLOSE.search(text, content_start)
    if not close:
        return FrontmatterBlock(start, content_start, len(text), len(text), 0, closed=False)
    end = close.end()
    if text.startswith("\r\n", end):
        end += 2
    elif text.startswith("\n", end):
        end += 1
    return FrontmatterBlock(start, content_start, close.start(), end, 0)


class _CheckLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader with YAML 1.2 core scalars, no timestamps, duplicate-key and alias limits."""


def _yaml12_resolvers() -> dict:
    resolvers = {}
    for first, pairs in _BaseLoader.yaml_implicit_resolvers.items():
        kept = [
            (tag, rx)
            for tag, rx in pairs
            if tag
            not in (
                "tag:yaml.org,2002:timestamp",
                "tag:yaml.org,2002:bool",
                "tag:yaml.org,2002:int",
                "tag:yaml.org,2002:float",
            )
        ]
        resolvers[first] = kept
    core = [
        ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
        ("tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
         "-+0123456789"),
        ("tag:yaml.org,2002:float",
         re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
         "-+0123456789."),
    ]
    for tag, rx, firsts in core:
        for ch in firsts:
            resolvers.setdefault(ch, []).append((tag, rx))
    return resolvers


_CheckLoader.yaml_implicit_resolvers = _yaml12_resolvers()


def _construct_int(loader: Any, node: Any) -> int:
    value = loader.construct_scalar(node)
    if value.startswith(("0o", "0x")):
        return int(value, 0)
    return int(value)  # YAML 1.2: 0755 is decimal 755, not octal


def _construct_mapping(loader: Any, node: Any, deep: bool = False) -> dict:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "found an unhashable key", key_node.start_mark)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (first on line {seen[key] + 1})",
                key_node.start_mark)
        seen[key] = key_node.start_mark.line
    loader.flatten_mapping(node)
    return dict(loader.construct_pairs(node, deep=deep))


_CheckLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_CheckLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


def _count_aliases(node: Any, limit: int) -> None:
    """Refuse alias-heavy YAML before constructing it (a 'billion laughs' block)."""
    count = 0
    stack = [node]
    seen: set[int] = set()
    while stack:
        n = stack.pop()
        if id(n) in seen:
            count += 1
            if count > limit:
                raise yaml.YAMLError(f"too many YAML aliases (more than {limit})")
            continue
        seen.add(id(n))
        if isinstance(n.value, list):
            for item in n.value:
                stack.extend(item if isinstance(item, tuple) else (item,))


def _children(node: Any) -> list[Any]:
    if not isinstance(node.value, list):
        return []
    return [n for item in node.value for n in (item if isinstance(item, tuple) else (item,))]


def _check_expanded_size(node: Any, limit: int) -> None:
    """Refuse YAML whose data, aliases expanded, has more than `limit` nodes. Counting aliases
    is not enough: nine levels of nine `*refs` are only 72 aliases but 9^9 values, and every
    consumer that walks the data (schema validation, comparison, dumping) would hang on it.
    Sizes are memoised per node, so this is linear in the YAML text."""
    sizes: dict[int, int] = {}

    def size(n: Any) -> int:  # deep YAML raises RecursionError, which parse_block reports
        if id(n) not in sizes:
            sizes[id(n)] = 0  # an alias cycle counts as 0 (the constructors handle it)
            sizes[id(n)] = 1 + sum(size(c) for c in _children(n))
            if sizes[id(n)] > limit:
                raise yaml.YAMLError(f"too many YAML aliases: the data would expand to more "
                                     f"than {limit:,} values")
        return sizes[id(n)]

    size(node)


def _compose(yaml_text: str) -> Any:
    loader = _CheckLoader(yaml_text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _count_aliases(node, MAX_ALIASES)
            _check_expanded_size(node, MAX_EXPANDED)
        return loader, node
    except BaseException:
        loader.dispose()
        raise


def _construct(loader: Any, node: Any) -> Any:
    try:
        return None if node is None else loader.construct_document(node)
    finally:
        loader.dispose()


def load_for_check(yaml_text: str) -> Any:
    """Parse YAML for checking. Raises yaml.YAMLError (with problem_mark) on bad YAML."""
    return _construct(*_compose(yaml_text))


def _key_lines(node: Any) -> dict[str, int]:
    """0-based line of each top-level key, read from the composed node (no second parse)."""
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                lines.setdefault(str(key_node.value), key_node.start_mark.line)
    return lines


# Templates (core Templates `{{date}}`, Templater `<% tp.date.now() %>`) are often written as
# bare YAML values; `{` opens a YAML flow mapping, and `: ` or ` #` inside a Templater tag
# breaks a plain scalar. Quoted, the placeholder is a string and the template still expands.
_PLACEHOLDER = re.compile(r"\{\{[^{}\n]*\}\}|<%[^<\n]*?%>")  # no `<`, `{` inside: linear scans


def _template_hint(yaml_text: str, error_line: int) -> str | None:
    """Advice when the line the YAML error points at (or the line before: a flow collection's
    error may be reported on the next line) holds an unquoted template placeholder."""
    lines = yaml_text.split("\n")
    for index in (error_line, error_line - 1):
        line = lines[index].rstrip("\r") if 0 <= index < len(lines) else ""
        for match in _PLACEHOLDER.finditer(line):
            placeholder, before = match.group(0), line[: match.start()].rstrip()
            opener = re.search(r"""(?::|^\s*-)\s+(["'])""", before)  # the value is quoted
            if opener and opener.group(1) not in placeholder:  # properly: not the cause
                continue
            fixed = _quoted_line(line, placeholder)
            if opener:  # `k: "[[<% f("x") %>]]"`: the inner quotes close the value
                return (f"the quotes in `{placeholder}` end the quoted value early: quote the "
                        f"template placeholder with the other quotes, as in `{fixed}`")
            return (f"`{placeholder}` is an unquoted template placeholder: quote the "
                    f"template placeholder, as in `{fixed}`")
    return None


def _quoted_line(line: str, placeholder: str) -> str:
    """The line with its value quoted (inside a `[a, b]` list, only the placeholder)."""
    m = re.match(r"\s*((?:- |[^:#\s][^:#]*:\s+))(.*?)\s*$", line)
    in_place = line.strip().replace(placeholder, _quoted(placeholder), 1)
    if not m or placeholder not in m.group(2):  # e.g. a placeholder as the key
        return in_place
    prefix, value = m.groups()
    if value.startswith("[") and not value.startswith("[["):
        return in_place
    if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"":  # already quoted, badly
        value = value[1:-1]
    return prefix + _quoted(value)


def _quoted(value: str) -> str:
    if '"' not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def parse_block(text: str, block: FrontmatterBlock) -> None:
    """Fill `data`, `error` and `key_lines` of a block found in `text`."""
    if not block.closed:
        block.error = "frontmatter is not closed: no `---` line after the opening `---`"
        block.error_line = block.first_line + 1
        return
    yaml_text = text[block.content_start : block.content_end]
    base_line = block.first_line + 1  # the YAML starts on the line after `---`
    try:
        loader, node = _compose(yaml_text)
        keys = _key_lines(node)
        block.data = _construct(loader, node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        block.error = f"invalid YAML: {problem}"
        block.error_line = base_line + 1 + (mark.line if mark else 0)
        hint = _template_hint(yaml_text, mark.line if mark else 0)
        if hint:
            block.error += f"; {hint}"
        return
    except RecursionError:
        block.error = "invalid YAML: nested too deeply"
        block.error_line = base_line + 1
        return
    if block.data is not None and not isinstance(block.data, dict):
        block.error = f"frontmatter must be a mapping of properties, not a {type(block.data).__name__}"
        block.error_line = base_line + 1
        return
    block.key_lines = {k: base_line + 1 + v for k, v in keys.items()}


# --- round trip (fixes only) -------------------------------------------------------------------


def round_trip_yaml(indent_mapping: int = 2, indent_sequence: int = 4, offset: int = 2) -> Any:
    """A ruamel.yaml round-trip instance set up to reproduce the input as closely as it can."""
    from ruamel.yaml import YAML

    rt = YAML(typ="rt")
    rt.preserve_quotes = True
    rt.width = 4096
    rt.indent(mapping=indent_mapping, sequence=indent_sequence, offset=offset)
    rt.allow_duplicate_keys = False
    return rt


def rt_load(yaml_text: str, rt: Any) -> Any:
    return rt.load(yaml_text)


def rt_dump(data: Any, rt: Any) -> str:
    buf = io.StringIO()
    rt.dump(data, buf)
    return buf.getvalue()


def yaml_comments(yaml_text: str) -> list[str] | None:
    """Every `# ...` comment of the YAML text, stripped, in order (None if it does not scan).
    ruamel.yaml's scanner attaches comments to tokens; PyYAML's drops them."""
    from ruamel.yaml import YAML

    out: list[str] = []

    def collect(item: Any) -> None:
        if isinstance(item, list):
            for sub in item:
                collect(sub)
        elif item is not None and hasattr(item, "value") and type(item).__name__ == "CommentToken":
            out.extend(ln.strip() for ln in item.value.splitlines() if ln.strip().startswith("#"))

    try:
        for token in YAML(typ="rt").scan(yaml_text):
            collect(getattr(token, "_comment", None))
    except Exception:  # not scannable: the caller keeps the text as it is
        return None
    return out


def key_spans(yaml_text: str) -> dict[str, tuple[int, int]] | None:
    """Lines [start, end) of each top-level key with its value, 0-based: a key's span ends
    before the next key, without the blank and column-0 comment lines just before it (those
    stay where they are when a key is rewritten or removed). None if not a plain mapping."""
    try:
        loader, node = _compose(yaml_text)
        loader.dispose()
    except Exception:
        return None
    if not isinstance(node, yaml.MappingNode):
        return None
    lines = yaml_text.splitlines()
    starts = [k.start_mark.line for k, _ in node.value]
    if len(set(starts)) != len(starts) or not all(isinstance(k, yaml.ScalarNode) for k, _ in node.value):
        return None  # two keys on one line (flow mapping) or complex keys: no line edits
    spans: dict[str, tuple[int, int]] = {}
    for i, (key, _) in enumerate(node.value):
        end = starts[i + 1] if i + 1 < len(starts) else len(lines)
        while end - 1 > starts[i] and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
            end -= 1
        spans.setdefault(str(key.value), (starts[i], end))
    return spans
