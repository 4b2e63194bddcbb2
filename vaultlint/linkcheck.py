"""What the link rules share: which links to check, messages, suggestions and their fixes.

The rules (`vaultlint/rules/broken_*.py`, `ambiguous_link.py`) differ only in which links they
look at and what they say; the resolution itself is `vaultlint.links`.
"""

from __future__ import annotations

import fnmatch
import posixpath
from typing import Any
from urllib.parse import quote

from vaultlint.diagnostics import Diagnostic, Edit, Fix
from vaultlint.gitscope import Change, work_tree_renames
from vaultlint.links import Link, LinkIndex, Resolution, link_index, link_name, nfc, \
    normalise_name, parse_links, strip_heading
from vaultlint.note import Note
from vaultlint.rules.base import RuleContext
from vaultlint.vault import is_note

LINKS = frozenset({"links"})
SUGGEST_CUTOFF = 80  # rapidfuzz ratio (0-100) a name must reach to be suggested
# stripHeadingForLink: what Obsidian removes from a heading when it writes a link to it
_NOT_IN_HEADING_LINKS = str.maketrans("", "", ":#|^\\[]")

IGNORE_SCHEMA = {"type": "array", "items": {"type": "string"},
                 "description": "globs of link targets that may stay unresolved"}


def resolved_links(note: Note, ctx: RuleContext) -> list[tuple[Link, Resolution, LinkIndex]]:
    """Every link of the note with how Obsidian resolves it (resolved once for all the link
    rules)."""
    index = link_index(ctx.vault, note)

    def resolve() -> list[tuple[Link, Resolution, LinkIndex]]:
        return [(link, index.resolve_link(link, note.path), index) for link in parse_links(note)]

    owner, found = note.derived(resolved_links, lambda: (index, resolve()))
    return found if owner is index else resolve()  # another index (tests, stdin): not memoised


def link_fix(link: Link, *edits: Edit, safe: bool = False) -> Fix | None:
    """The fix rewriting (part of) a link, unsafe unless `safe`. In frontmatter the new text is
    escaped for the YAML scalar the link is written in, and the fix may change that one property;
    where the text cannot be written safely (a plain scalar and `#`, `:` or a quote) there is no
    fix."""
    make = Fix.safe if safe else Fix.unsafe
    if link.prop is None:
        return make(*edits, intents=LINKS)
    escaped = [Edit(e.start, e.end, _yaml_escaped(e.content, link.quote)) for e in edits]
    if any(e.content is None for e in escaped):
        return None
    return make(*escaped, intents=LINKS | {f"frontmatter:{link.prop}" if link.prop
                                           else "frontmatter"})


def _yaml_escaped(text: str, quote: str) -> Any:
    if quote == '"':
        return text.replace("\\", "\\\\").replace('"', '\\"')
    if quote == "'":
        return text.replace("'", "''")
    return None if any(c in text for c in "#:'\"\\") else text


def written(note: Note, link: Link) -> str:
    """The link as the note writes it, for messages: `[[target]]` or `(destination)`."""
    inner = note.text[link.start : link.end].strip()
    if link.wiki:
        return f"{'!' if link.embed else ''}[[{inner}]]"
    return f"({inner})"


def is_ignored(link: Link, patterns: list[str]) -> bool:
    """Whether the target matches one of the `ignore` globs (case-insensitive, with or without
    the `.md` of a note)."""
    names = {link.path.lower(), posixpath.basename(link.path).lower()}
    names |= {n[:-3] for n in names if n.endswith(".md")}
    return any(fnmatch.fnmatchcase(n, p.lower()) for n in names for p in patterns)


def unresolved(ctx: RuleContext, index: LinkIndex, link: Link, what: str) -> Diagnostic:
    """A diagnostic for a link whose target does not exist: explains alias-only targets and
    suggests a close existing name as an unsafe fix."""
    note = ctx.note
    shown = written(note, link)
    moved = _renamed(index, link)
    if moved is not None:
        return _rename_diagnostic(ctx, index, link, *moved)
    owners = index.aliases.get(link.path.strip().lower(), []) if is_note_target(link) else []
    if owners:
        return _alias_diagnostic(ctx, index, link, owners[0])
    target = suggestion(index, link)
    message = f"{what} {shown}: no file '{_expected_name(link)}' in the vault"
    if _is_attachment(link):
        message += _attachment_hint(index, note.path)
    if target is None:
        return ctx.diagnostic(link.start, link.end, message)
    new = _new_path(index, link, target, note.path)
    hint = f"[[{new}]]" if link.wiki else f"({new})"
    fix = link_fix(link, Edit(link.path_start, link.path_end, new))
    return ctx.diagnostic(link.start, link.end, f"{message}; did you mean {hint}?", fix)


def _renamed(index: LinkIndex, link: Link) -> tuple[Change, bool] | None:
    """The git rename that left the link broken (its target's old name), and whether it is the
    only one that could have: then the repair is as certain as Obsidian's own on a rename."""
    vault = index.vault
    if vault is None:
        return None
    renames = vault.index("git-renames", lambda v: work_tree_renames(v.root, v.git_ref))
    wanted = _key_path(link.path)
    moved = [c for c in renames if c.old_path and _key_path(c.old_path).endswith(wanted)
             and c.path in index.files and
             (len(_key_path(c.old_path)) == len(wanted) or
              _key_path(c.old_path)[-len(wanted) - 1] == "/")]
    if not moved:
        return None
    moved.sort(key=lambda c: (len(c.old_path or ""), c.old_path))  # Obsidian's tie-break
    return moved[0], len(moved) == 1


def _key_path(path: str) -> str:
    """A path as a link to it may write it: lower-cased, NFC, without `./`, `../` or `.md`."""
    parts = [p for p in nfc(path).casefold().split("/") if p not in ("", ".", "..")]
    joined = "/".join(parts)
    return joined[:-3] if joined.endswith(".md") else joined


def _rename_diagnostic(ctx: RuleContext, index: LinkIndex, link: Link, change: Change,
                       certain: bool) -> Diagnostic:
    new = _new_path(index, link, change.path, ctx.note.path)
    hint = f"[[{new}{_subpath(link)}]]" if link.wiki else f"({new})"
    how = "" if certain else " (one of several renamed files of that name)"
    message = (f"unresolved link {written(ctx.note, link)}: '{change.old_path}' was renamed to "
               f"'{change.path}'{how}; write {hint}")
    fix = link_fix(link, Edit(link.path_start, link.path_end, new), safe=certain)
    return ctx.diagnostic(link.start, link.end, message, fix)


def is_note_target(link: Link) -> bool:
    """Whether the link names a note (no extension, or `.md`), not an attachment."""
    name = posixpath.basename(link.path)
    return "." not in name or is_note(name)


def _expected_name(link: Link) -> str:
    return link.path if not is_note_target(link) or is_note(link.path) else link.path + ".md"


# Obsidian's accepted attachment formats (obsidian-semantics.md §1.7), besides notes
ATTACHMENT_EXTENSIONS = frozenset(
    "avif bmp gif jpeg jpg png svg webp flac m4a mp3 ogg wav webm 3gp mkv mov mp4 ogv pdf".split())


def _is_attachment(link: Link) -> bool:
    """Whether the target names an attachment (`Figure 1.png`), not a note whose name has a
    dot (`E. M. Forster`)."""
    ext = posixpath.basename(link.path).rsplit(".", 1)[-1].lower() if "." in link.path else ""
    return ext in ATTACHMENT_EXTENSIONS


def _attachment_hint(index: LinkIndex, source: str) -> str:
    """Where Obsidian would have put the attachment (app.json `attachmentFolderPath`), when
    the vault sets a folder: the place to look for it, or to copy it to."""
    app = index.vault.app if index.vault is not None else None
    if app is None or not app.attachment_folder.strip() or app.attachment_folder.strip() == "/":
        return ""
    folder = app.attachment_folder_for(source)
    return f" (this vault keeps attachments in '{folder or '/'}')"


def _alias_diagnostic(ctx: RuleContext, index: LinkIndex, link: Link, owner: str) -> Diagnostic:
    new = _new_path(index, link, owner, ctx.note.path)
    edits = [Edit(link.path_start, link.path_end, new)]
    if link.wiki:
        display = link.display if link.display is not None else link.path
        rewrite = f"[[{new}{_subpath(link)}|{display}]]"
        if link.display is None:  # keep showing what the note showed
            pipe = "\\|" if link.in_table else "|"
            edits.append(Edit(link.end, link.end, pipe + link.path))
    else:
        rewrite = f"({new}{_subpath(link)})"
    message = (f"{written(ctx.note, link)} matches an alias of '{link_name(owner)}'; "
               f"Obsidian does not resolve aliases: write {rewrite}")
    return ctx.diagnostic(link.start, link.end, message, link_fix(link, *edits))


def _subpath(link: Link) -> str:
    return "" if link.subpath is None else "#" + link.subpath


def suggestion(index: LinkIndex, link: Link) -> str | None:
    """The vault file whose normalised name is closest to the target's, if close enough."""
    names = index.names
    wanted = normalise_name(link_name(link.path))
    if not wanted or not names:
        return None
    from rapidfuzz import fuzz, process  # imported only when a link is broken

    pool = index.suggestion_pool(link_name(link.path))
    best = process.extractOne(wanted, pool, scorer=fuzz.ratio, score_cutoff=SUGGEST_CUTOFF)
    return names[best[0]] if best else None


def _new_path(index: LinkIndex, link: Link, target: str, source: str) -> str:
    """How to write a link to `target` in the link's own style (wikilink or Markdown) and in
    the vault's "New link format" (app.json `newLinkFormat`), as Obsidian would write it."""
    new = index.linkpath(target, source)
    if not link.wiki:  # Obsidian writes Markdown links with `.md` and URL-encoded
        new = new if not is_note(target) or new.lower().endswith(".md") else new + ".md"
        return quote(new, safe="/")
    if is_note(target) and link.path.lower().endswith(".md"):
        new += ".md"
    return new


def subpath_edit(note: Note, link: Link, new: str) -> Edit:
    """An edit replacing the link's subpath (after the first `#`) with `new`."""
    sharp = note.text.find("#", link.path_end, link.end)
    end = link.end
    while end > sharp + 1 and note.text[end - 1] in " \t":
        end -= 1
    return Edit(sharp + 1, end, new if link.wiki else quote(new, safe=""))


def heading_link_text(heading: str) -> str:
    """The subpath Obsidian writes for a heading (stripHeadingForLink)."""
    return " ".join(heading.replace("%%", " ").translate(_NOT_IN_HEADING_LINKS).split())


def closest_heading(index: LinkIndex, path: str, part: str) -> str | None:
    headings = {key: text for _, key, text in index.headings(path)}
    if not headings:
        return None
    from rapidfuzz import fuzz, process

    best = process.extractOne(strip_heading(part), list(headings), scorer=fuzz.ratio,
                              score_cutoff=SUGGEST_CUTOFF)
    return headings[best[0]] if best else None
