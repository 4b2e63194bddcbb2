"""Links as Obsidian sees them: parsing out of a note, the vault index and the resolver.

The resolver follows docs/links.md (Obsidian's `getLinkpathDest`): a case-insensitive file-name
lookup, `.md` optional for notes, relative (`./`, `../`) and absolute (`/`) paths, the exact
vault-root path first, then path-suffix matches: the note's own folder first, then the shortest
path. Subpaths (`#Heading#Sub`, `#^block`) are checked only on Markdown targets.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import unquote

from vaultlint import markdown
from vaultlint.note import Note
from vaultlint.vault import IndexSpec, Vault, add_path, is_note, remove_path

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# stripHeading: these characters (and line breaks) become spaces, whitespace runs collapse.
_HEADING_PUNCT = re.compile(r"[!\"#$%&()*+,.:;<=>?@^`{|}~/\[\]\\\r\n]")
_SPACES = re.compile(r"\s+")  # \s covers NBSP in str patterns
_SKIP_BLOCK_IDS = {markdown.CODE, markdown.MATH, markdown.COMMENT, markdown.HTML}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def strip_heading(text: str) -> str:
    """Obsidian's stripHeading, lower-cased: the key headings and heading links compare by."""
    return _SPACES.sub(" ", _HEADING_PUNCT.sub(" ", nfc(text))).strip().lower()


@dataclass(frozen=True)
class Link:
    """One link. `start`/`end` span the target text in the note (path and subpath, before any
    `|display`); `path_end` is where the path part ends."""

    wiki: bool  # [[...]] (True) or [text](dest)
    embed: bool  # ![[...]] or ![...](...)
    path: str  # decoded, trimmed, NFC; "" for a link into the same note
    subpath: str | None  # after the first "#", or None
    display: str | None  # after the first "|" of a wikilink
    start: int
    end: int
    path_start: int
    path_end: int
    in_table: bool = False
    prop: str | None = None  # the frontmatter property the link is written in, if any
    quote: str = ""  # the YAML quote around it there ('"', "'" or "" for a plain scalar)

    @property
    def text(self) -> str:
        """The link as written, for messages."""
        sub = "" if self.subpath is None else "#" + self.subpath
        return f"![[{self.path}{sub}]]" if self.embed and self.wiki else f"[[{self.path}{sub}]]"

    @property
    def subpath_parts(self) -> list[str]:
        return [p for p in (self.subpath or "").split("#") if p.strip()]

    @property
    def block_id(self) -> str | None:
        parts = self.subpath_parts
        return parts[0][1:].strip() if parts and parts[0].startswith("^") else None


def parse_links(note: Note) -> tuple[Link, ...]:
    """Every wikilink, embed and local Markdown link of the note (not in code, math, comments:
    the scanner marks link regions only outside those), frontmatter links first. Parsed once
    per note: every link rule and index reads them."""
    return note.derived(parse_links, lambda: tuple(_parse_links(note)))


def _parse_links(note: Note) -> Iterator[Link]:
    yield from frontmatter_links(note)
    for region in note.regions:
        if region.kind != markdown.LINK:
            continue
        link = _wikilink(note, region) if note.text.startswith("[[", region.start - 2) \
            else _markdown_link(note, region)
        if link is not None:
            yield link


_FM_WIKILINK = re.compile(r"(!?)\[\[([^\[\]\n]+?)\]\]")


def frontmatter_links(note: Note) -> Iterator[Link]:
    """The wikilinks in frontmatter string values (`related: "[[Note]]"`, list items), which
    Obsidian indexes as links (properties). Markdown links are not: Obsidian renders no Markdown
    in properties. An unquoted `key: [[X]]` is a YAML list of lists, not a link, so only a
    `[[...]]` that a loaded string value contains counts (which also skips YAML comments)."""
    fm = note.frontmatter
    if fm is None or not fm.closed or not isinstance(fm.data, dict) or "[[" not in \
            note.text[fm.content_start : fm.content_end]:
        return
    in_values = {m.group(2) for v in _string_values(fm.data) for m in _FM_WIKILINK.finditer(v)}
    keys = sorted((line, key) for key, line in fm.key_lines.items())
    for m in _FM_WIKILINK.finditer(note.text, fm.content_start, fm.content_end):
        if m.group(2) not in in_values:
            continue
        inner, start = m.group(2), m.start(2)
        pipe = _alias_pipe_at(inner)
        target = inner if pipe < 0 else inner[:pipe]
        path_raw, subpath, path_start, path_end = _split_target(target, start)
        line = note.position(m.start())[0] + 1
        prop = next((k for ln, k in reversed(keys) if ln <= line), "")
        yield Link(
            wiki=True, embed=bool(m.group(1)), path=nfc(path_raw.strip()),
            subpath=None if subpath is None else nfc(subpath.strip()),
            display=None if pipe < 0 else inner[pipe + 1 :], start=start,
            end=start + len(target), path_start=path_start, path_end=path_end,
            prop=prop, quote=_quote_before(note, m.start()),
        )


def _alias_pipe_at(inner: str) -> int:
    pipe = inner.find("|")
    return pipe - 1 if pipe > 0 and inner[pipe - 1] == "\\" else pipe


def _string_values(data: Any) -> list[str]:
    """Every string in the loaded frontmatter (values of any depth)."""
    out: list[str] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "[[" in item:
                out.append(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return out


def _quote_before(note: Note, offset: int) -> str:
    """The quote of the YAML scalar holding `offset`, read from its line: the last quote
    opened and not closed before it (good enough for the one-line values links live in)."""
    line = note.text[note.line_starts[note.position(offset)[0]] : offset]
    open_quote = ""
    k = 0
    while k < len(line):
        ch = line[k]
        if open_quote == '"' and ch == "\\":
            k += 2
            continue
        if ch in "\"'" and (not open_quote or ch == open_quote):
            if open_quote == "'" and line.startswith("''", k):
                k += 2
                continue
            open_quote = "" if open_quote else ch
        k += 1
    return open_quote


def _split_target(raw: str, start: int) -> tuple[str, str | None, int, int]:
    """(path, subpath, path_start, path_end) of a raw target written at `start`."""
    hash_at = raw.find("#")
    path_raw = raw if hash_at < 0 else raw[:hash_at]
    subpath = None if hash_at < 0 else raw[hash_at + 1 :]
    lead = len(path_raw) - len(path_raw.lstrip())
    path_start = start + lead
    path_end = path_start + len(path_raw.strip())
    return path_raw, subpath, path_start, path_end


def _in_table(note: Note, offset: int) -> bool:
    """On a table row: read from the line start, never slicing the (possibly huge) line."""
    text, i = note.text, note.line_starts[note.position(offset)[0]]
    while i < len(text) and text[i] in " >":
        i += 1
    return text.startswith("|", i)


def _wikilink(note: Note, region: markdown.Region) -> Link:
    text = note.text
    raw = text[region.start : region.end]
    path_raw, subpath, path_start, path_end = _split_target(raw, region.start)
    close = text.find("]]", region.end)
    display = None
    if region.end < close:  # "|display" or "\|display"
        sep = 2 if text.startswith("\\|", region.end) else 1
        display = text[region.end + sep : close]
    return Link(
        wiki=True, embed=text.startswith("!", region.start - 3) and region.start >= 3,
        path=nfc(path_raw.strip()), subpath=None if subpath is None else nfc(subpath.strip()),
        display=display, start=region.start, end=region.end, path_start=path_start,
        path_end=path_end, in_table=_in_table(note, region.start),
    )


def _markdown_link(note: Note, region: markdown.Region) -> Link | None:
    """A local Markdown link; None for URLs, empty or unparsable destinations."""
    raw = note.text[region.start : region.end]
    start = region.start + len(raw) - len(raw.lstrip())
    dest = raw.strip()
    if dest.startswith("<"):
        dest = dest[1 : dest.find(">")] if ">" in dest else dest[1:]
        start += 1
    else:
        dest = dest.split()[0] if dest.split() else ""  # drop a "title"
    if not dest or _SCHEME.match(dest):
        return None
    path_raw, subpath, path_start, _ = _split_target(dest, start)
    path_end = path_start + len(path_raw.strip())
    try:
        path = unquote(path_raw.strip(), errors="strict")
        sub = None if subpath is None else unquote(subpath, errors="strict")
    except UnicodeDecodeError:
        path, sub = path_raw.strip(), subpath
    return Link(
        wiki=False, embed=_is_image(note.text, region.start), path=nfc(path),
        subpath=None if sub is None else nfc(sub), display=None, start=start,
        end=start + len(dest), path_start=path_start, path_end=path_end,
    )


def _is_image(text: str, dest_start: int) -> bool:
    """Whether the `](` before dest_start closes a `![label]`."""
    depth, k = 0, dest_start - 3  # the "]" is at dest_start - 2
    while k >= 0:
        ch = text[k]
        if ch == "]":
            depth += 1
        elif ch == "[":
            if depth == 0:
                return k > 0 and text[k - 1] == "!"
            depth -= 1
        elif ch == "\n" and k > 0 and text[k - 1] == "\n":
            return False
        k -= 1
    return False


@dataclass(frozen=True)
class Resolution:
    target: str | None  # the vault path Obsidian opens, or None (unresolved)
    candidates: tuple[str, ...] = ()  # every file the lookup matched by name
    tie_broken: bool = False  # several files matched the path; the tie-break picked `target`


@dataclass
class LinkIndex:
    """Every vault file by lower-cased name, plus (lazily) headings, block ids and aliases."""

    vault: Vault | None
    files: list[str]
    by_name: dict[str, list[str]] = field(default_factory=dict)
    known: dict[str, Any] = field(default_factory=dict)  # path -> target_facts, from the cache
    notes: dict[str, Note] = field(default_factory=dict)  # notes being linted
    _resolved: dict[tuple[bool, str, str], Resolution] = field(default_factory=dict)

    def __post_init__(self) -> None:
        kept = self._from_files("link-by-name", _by_name)
        self.by_name = {name: list(paths) for name, paths in kept.items()}  # with_note adds

    def _from_files(self, name: str, build: Callable[[list[str]], Any]) -> Any:
        """`build(files)`, kept in the cache while the vault's file list is the same."""
        if self.vault is not None and self.files == self.vault.all_files:
            return self.vault.kept(name, self.vault.files_state(), lambda: build(self.files))
        return build(self.files)

    def with_note(self, note: Note) -> "LinkIndex":
        """The index, sure to contain `note` (a note linted outside the vault's file list)."""
        path = note.path
        if path not in self.known:
            self.notes.setdefault(path, note)
        if path not in self.by_name.get(_key(posixpath.basename(path)), []):
            self.files.append(path)
            self.by_name.setdefault(_key(posixpath.basename(path)), []).append(path)
        return self

    # --- resolution (obsidian-semantics.md §1.3) -------------------------------------------

    def resolve_link(self, link: Link, source: str) -> Resolution:
        """Resolve a parsed link (memoised: five rules ask about the same links)."""
        key = (link.wiki, link.path, posixpath.dirname(source) if link.path else source)
        if key not in self._resolved:
            res = self.resolve(link.path, source)
            if res.target is None and not link.wiki and not link.path.startswith(("/", ".")):
                # a Markdown link is also a CommonMark path relative to the note's folder
                res = self.resolve("./" + link.path, source)
            self._resolved[key] = res
        return self._resolved[key]

    def resolve(self, linkpath: str, source: str) -> Resolution:
        if not linkpath:
            return Resolution(source, (source,))
        n = linkpath.lower()
        name = n.rsplit("/", 1)[-1]
        cands = self.by_name.get(name, []) if "." in name else []
        if not cands:
            n, name = n + ".md", name + ".md"
            cands = self.by_name.get(name, [])
        if not cands:
            return Resolution(None)
        found = tuple(cands)
        if "/" not in linkpath and len(cands) == 1:
            return Resolution(cands[0], found)
        if n.startswith(("./", "../")):
            wanted = _relative(posixpath.dirname(source), n)
            exact = [c for c in cands if _key(c) == wanted]
            if exact:
                return Resolution(exact[0], found)
        absolute = n.startswith("/")
        n = n[1:] if absolute else n
        exact = [c for c in cands if _key(c) == n]
        if exact or absolute:
            # a bare name won by the root file over same-named notes elsewhere is a tie-break
            tie = bool(exact) and "/" not in linkpath and len(cands) > 1
            return Resolution(exact[0] if exact else None, found, tie_broken=tie)
        return self._suffix(n, source, found)

    @staticmethod
    def _suffix(n: str, source: str, found: tuple[str, ...]) -> Resolution:
        matches = [c for c in found if _key(c).endswith(n)]
        if not matches:
            return Resolution(None, found)
        folder = _key(posixpath.dirname(source))
        prefix = folder + "/" if folder else ""
        own = sorted((c for c in matches if _key(c).startswith(prefix)), key=_path_order)
        rest = sorted((c for c in matches if not _key(c).startswith(prefix)), key=_path_order)
        ordered = own + rest
        return Resolution(ordered[0], found, tie_broken=len(ordered) > 1)

    # --- what is inside notes ----------------------------------------------------------------

    def facts(self, path: str) -> dict[str, Any]:
        """What links need to know about a note (see `target_facts`), read once."""
        if path not in self.known:
            note = self.notes.get(path)
            if note is None and self.vault is not None:
                note = self.vault.note(path)
            self.known[path] = target_facts(note) if note is not None else None
        return self.known[path] or EMPTY_FACTS

    def has_heading_chain(self, path: str, parts: list[str]) -> bool:
        """Each part names a later, deeper heading than the one before (`#A#B`)."""
        headings = self.headings(path)
        pos, level = 0, 0
        for part in parts:
            key = strip_heading(part)
            for k in range(pos, len(headings)):
                if headings[k][0] > level and headings[k][1] == key:
                    pos, level = k + 1, headings[k][0]
                    break
            else:
                return False
        return True

    def headings(self, path: str) -> list[tuple[int, str, str]]:
        """(level, stripHeading key, text) of the note's headings."""
        return [(level, key, text) for level, key, text in self.facts(path)["headings"]]

    def block_ids(self, path: str) -> set[str]:
        return set(self.facts(path)["blocks"])

    @cached_property
    def aliases(self) -> dict[str, list[str]]:
        """Normalised alias -> notes that declare it (only asked when a link does not resolve)."""
        out = {k: list(v) for k, v in self.vault.index(ALIASES).items()} if self.vault else {}
        for path, note in self.notes.items():  # notes linted from outside the vault's list
            if path in self.known:
                continue
            for key in _alias_keys(_aliases(note)):
                out.setdefault(key, []).append(path)
        return out

    @cached_property
    def names(self) -> dict[str, str]:
        """Normalised link name -> vault path, the choices for "did you mean" suggestions."""
        return self._from_files("link-names", _names)

    def suggestion_pool(self, name: str) -> list[str]:
        """The normalised names worth scoring as "did you mean" for link name `name`: all of
        them in a vault of up to FULL_SCAN_NAMES files; above that, those sharing a word or
        their first letters with `name` (scoring every name for every broken link would make
        a check grow with the square of the vault)."""
        if len(self.names) <= FULL_SCAN_NAMES:
            return list(self.names)
        rank, by_word = self._names_by_word
        pool = {n for key in _name_keys(name) for n in by_word.get(key, ())}
        return sorted(pool, key=rank.__getitem__)

    @cached_property
    def _names_by_word(self) -> tuple[dict[str, int], dict[str, list[str]]]:
        """Each name's rank, and the names of each word (kept in the cache with the names:
        a pre-commit run on a note with a broken link need not index 10,000 names again)."""
        rank = {norm: k for k, norm in enumerate(self.names)}
        return rank, self._from_files("link-names-by-word", lambda files: _by_word(self.names))

    def linkpath(self, path: str, source: str) -> str:
        """How Obsidian writes a new link from `source` to `path` in the vault's "New link
        format" (app.json `newLinkFormat`): shortest (the default), relative or absolute;
        `.md` dropped for notes."""
        fmt = self.vault.app.new_link_format if self.vault is not None else "shortest"
        full = path[:-3] if is_note(path) else path
        if fmt == "absolute":
            return full
        if fmt == "relative":
            return posixpath.relpath(full, posixpath.dirname(source) or ".")
        return self.shortest_linkpath(path)

    def shortest_linkpath(self, path: str) -> str:
        """How Obsidian writes a link to `path`: the bare name when unique, else the full path
        (`.md` dropped for notes)."""
        name = link_name(path)
        unique = len(self.by_name.get(_key(posixpath.basename(path)), [])) == 1
        if unique:
            return name
        return path[:-3] if is_note(path) else path


EMPTY_FACTS: dict[str, Any] = {"headings": [], "blocks": [], "aliases": []}


def target_facts(note: Note) -> dict[str, Any]:
    """What links into a note depend on: headings, block ids (lower-cased) and aliases. JSON-able,
    so the cache keeps them per note and unchanged notes need no parsing."""
    return {
        "headings": [[h.level, strip_heading(h.text), h.text] for h in note.headings],
        "blocks": sorted({bid.lower() for offset, bid in markdown.block_ids(note.text)
                          if not note.in_region(offset, _SKIP_BLOCK_IDS)}),
        "aliases": _aliases(note),
    }


FULL_SCAN_NAMES = 5000  # up to this many files, suggestions score every name
NAME_WORD_POSTINGS = 200  # a name word shared by more names than this does not select
_NAME_WORD = re.compile(r"[^\W_]+")


def _name_keys(name: str) -> set[str]:
    """The words of a file or link name, and `^` + its first three normalised characters."""
    folded = nfc(name).casefold()
    return {*_NAME_WORD.findall(folded), "^" + normalise_name(name)[:3]}


def _by_word(names: dict[str, str]) -> dict[str, list[str]]:
    """Word of a name -> the normalised names holding it, in the order of `names`."""
    by_word: dict[str, list[str]] = {}
    for norm, path in names.items():
        for key in _name_keys(link_name(path)):
            by_word.setdefault(key, []).append(norm)
    # a word in many names ("notes", a year) narrows nothing: leave it out
    return {k: v for k, v in by_word.items() if len(v) <= NAME_WORD_POSTINGS}


def _by_name(files: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for path in files:
        out.setdefault(_key(posixpath.basename(path)), []).append(path)
    return out


def _names(files: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for path in sorted(files, key=_path_order):
        out.setdefault(normalise_name(link_name(path)), path)
    return out


def _aliases(note: Note) -> list[str]:
    for key, value in note.properties.items():
        if str(key).lower() in ("aliases", "alias"):
            values = value if isinstance(value, list) else [value]
            return [str(v) for v in values if isinstance(v, (str, int, float)) and str(v).strip()]
    return []


def _key(path: str) -> str:
    """How the lookup compares paths: NFC (macOS writes NFD names), case-insensitive."""
    return nfc(path).lower()


def _path_order(path: str) -> tuple[int, str]:
    return len(path), path


def _relative(folder: str, n: str) -> str:
    """The lower-cased vault path of relative link `n` from `folder` ("" for the root)."""
    parts = [p for p in _key(folder).split("/") if p]
    for segment in n.split("/")[:-1]:
        if segment == "..":
            if parts:
                parts.pop()
        elif segment not in (".", ""):
            parts.append(segment)
    return "/".join(parts + [n.rsplit("/", 1)[-1]])


def link_name(path: str) -> str:
    """The name a link uses for a file: the file name, without `.md` for notes."""
    name = posixpath.basename(path)
    return name[:-3] if is_note(path) else name


_NOT_WORD = re.compile(r"[\W_]+")


def normalise_name(name: str) -> str:
    """Case, accents of composition and punctuation ignored: "Hash-Map" ~ "hashmap"."""
    return _NOT_WORD.sub("", nfc(name).casefold())


def _combine(facts: Mapping[str, Any], vault: Vault) -> LinkIndex:
    # every file on disk (git-ignored, excluded ones too): Obsidian resolves links to them all
    return LinkIndex(vault, list(vault.all_files), known=facts)  # type: ignore[arg-type]


def target_key(path: str) -> str:
    """What a link target and a file have in common when the link may point at the file: the
    file name (less `.md` for notes), case and composition ignored. Folders are left out, so
    `[[Notes/A]]`, `[[A]]` and `[x](../A.md)` all depend on every file named `A.md`."""
    name = nfc(posixpath.basename(path)).casefold()
    return name[:-3] if name.endswith(".md") else name


def _outgoing(note: Note) -> list[str]:
    """The target keys of a note's links (to other files: `[[#Heading]]` stays inside)."""
    return sorted({target_key(link.path) for link in parse_links(note) if link.path})


def _combine_outgoing(facts: Mapping[str, Any], vault: Vault) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for path in sorted(facts):
        for key in facts[path] or ():
            out.setdefault(key, []).append(path)
    return out


def _update_outgoing(index: dict[str, list[str]], path: str, old: Any, new: Any,
                     vault: Vault) -> None:
    for key in old or ():
        remove_path(index, key, path)
    for key in new or ():
        add_path(index, key, path)


# Target key -> the notes linking to it: who a changed, deleted or renamed file matters to.
LINKERS = IndexSpec("linkers", _outgoing, _combine_outgoing, version="1",
                    encode=lambda index: index, decode=lambda data, vault: dict(data),
                    update=_update_outgoing)


def linking_notes(vault: Vault, changed: set[str]) -> dict[str, set[str]]:
    """The notes whose links may resolve differently after `changed` files changed, with the
    target names tying them to it: notes linking to one of their names (a deleted, renamed,
    added or edited target: headings, block ids) or to an alias of a changed note."""
    linkers = vault.index(LINKERS)
    keys = {target_key(path) for path in changed}
    present = set(vault.note_paths())
    for path in changed & present:
        keys.update(_alias_key(a) for a in vault.facts(path, LINK_INDEX).get("aliases", ()))
    out: dict[str, set[str]] = {}
    for key in keys:
        for path in linkers.get(key, ()):
            out.setdefault(path, set()).add(key)
    return out


def flagged_target(text: str) -> str | None:
    """The target key of a link finding's flagged text (`Packaging#Intro`, `../A%20B.md`)."""
    path = text.strip().strip("<>").split("#", 1)[0].split("|", 1)[0]
    return target_key(unquote(path)) if path else None


# The whole-vault index of the link rules: every file name, and each note's target_facts, read
# from the cache only for the notes that links point at.
LINK_INDEX = IndexSpec("links", target_facts, _combine, version="1", lazy=True,
                       dependents=linking_notes, concerns=flagged_target, helpers=(LINKERS,))


def _alias_key(alias: str) -> str:
    return nfc(alias).strip().lower()


def _alias_keys(aliases: list[str] | None) -> list[str]:
    """A note's distinct alias keys (`AI` and `ai` are one)."""
    return list(dict.fromkeys(_alias_key(a) for a in aliases or ()))


def _combine_aliases(facts: Mapping[str, Any], vault: Vault) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for path in sorted(facts):
        for key in _alias_keys(facts[path]):
            out.setdefault(key, []).append(path)
    return out


def _update_aliases(index: dict[str, list[str]], path: str, old: Any, new: Any,
                    vault: Vault) -> None:
    for key in _alias_keys(old):
        remove_path(index, key, path)
    for key in _alias_keys(new):
        add_path(index, key, path)


# Alias -> notes, for the "Obsidian does not resolve aliases" message; kept whole in the cache.
ALIASES = IndexSpec("aliases", lambda note: _aliases(note), _combine_aliases, version="1",
                    encode=lambda index: index, decode=lambda data, vault: dict(data),
                    update=_update_aliases)


def link_index(vault: Vault | None, note: Note) -> LinkIndex:
    """The run's link index (built once from every vault file), containing `note`."""
    if vault is None:
        return LinkIndex(None, []).with_note(note)
    return vault.index(LINK_INDEX).with_note(note)
