"""The frontmatter says when the note was created and last modified, kept from git.

Off by default. With it on:

- a missing `created` (the `date-created-key` option) is inserted: the author time of the first
  commit of the note (renames followed), or, for a note git does not track, the file's birth
  time (else the older of its change and modification times);
- a missing `modified` (`date-modified-key`) is inserted: the time of the note's last commit,
  or, when the file differs from that commit, the later of the file's modification time and
  that commit (for a note git does not track: the modification time);
- an existing `modified` is updated only when the note differs from its last commit **and**
  `modified` still holds the value that commit has: the note was changed since and its date
  was not. Once updated it differs from the commit's, so the next run leaves it: `--fix` is
  idempotent and CI does not flap. An existing `created` is never rewritten.

Without git, only missing keys are inserted: a file's modification time changes with every
write, vaultlint's own included, so updating from it would never settle.

Git is asked lazily, once per run, only when the rule is enabled: one `git log` for the vault,
one `git diff` and one `git ls-tree` for what differs from HEAD, and `git show` for a note
whose `modified` might be stale. The fixes are safe: they insert or refresh dates you asked for
by enabling the rule, and declare the keys they change (`frontmatter:created`, ...); the
note's own data is never touched. A note without frontmatter gets one.

Dates are written with `format`, a moment.js format as obsidian-linter's: supported tokens are
`YYYY YY MMMM MMM MM M Do DD D dddd ddd HH H hh h mm m ss s A a Z ZZ X` and `[literal]`
(English names), in local time, or UTC with `convert-to-utc`.

Options:
- `date-created` (default true), `date-created-key` (default `"created"`);
- `date-modified` (default true), `date-modified-key` (default `"modified"`);
- `format` (default `"YYYY-MM-DDTHH:mm:ss"`, Obsidian's date & time property);
- `convert-to-utc` (default false).

Fail (a note first committed on 1 January 2020):
```markdown
# H1
```
Pass:
```markdown
---
created: 2020-01-01T00:00:00
modified: 2020-01-01T00:00:00
---
# H1
```
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from vaultlint.diagnostics import Diagnostic, Fix, Severity
from vaultlint.note import Note, encode
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.format.yaml import _gitdates
from vaultlint.rules.format.yaml._moment import format_date
from vaultlint.rules.format.yaml._scalar_key import current, insert_key, replace_value


def _stat(root: Path, path: str) -> os.stat_result | None:
    try:
        return os.stat(root / path)
    except OSError:
        return None


def _when(seconds: float, utc: bool) -> datetime:
    moment = datetime.fromtimestamp(seconds, timezone.utc)
    return moment if utc else moment.astimezone()


class _Facts:
    """What the note's dates are, asked of git and the file system only when needed."""

    def __init__(self, note: Note, ctx: RuleContext) -> None:
        self.note, self.ctx = note, ctx
        self.root = Path(getattr(ctx.settings, "root", "."))
        self._git: Any = ...

    @property
    def git(self) -> _gitdates.GitDates | None:
        if self._git is ...:
            self._git = _gitdates.for_run(self.ctx.settings, self.root)
        return self._git

    def tracked(self) -> bool:
        return self.git is not None and self.note.path in self.git.last

    def differs(self) -> bool:
        """The note (as it is now, fixes of this run included) differs from its last commit;
        bytes that differ only by git's filters (autocrlf) count as the same as on disk."""
        git, note = self.git, self.note
        data = encode(note.text, note.bom)
        if not git.differs(note.path, data):
            return False
        if note.path in git.dirty:
            return True
        try:
            return (self.root / note.path).read_bytes() != data
        except OSError:
            return True

    def created(self) -> float | None:
        if self.tracked():
            return self.git.created[self.note.path]
        st = _stat(self.root, self.note.path)
        if st is None:
            return None
        return getattr(st, "st_birthtime", None) or min(st.st_mtime, st.st_ctime)

    def modified(self) -> float | None:
        st = _stat(self.root, self.note.path)
        if not self.tracked():
            return st.st_mtime if st is not None else None
        last = self.git.last[self.note.path]
        if self.note.path not in self.git.dirty:  # your content is the commit's (this
            return last  # run's own fixes, such as an inserted `created`, aside)
        return max(st.st_mtime, last) if st is not None else last

    def stale(self, key: str) -> bool:
        """`key` holds the value of the note's last commit though the note changed since."""
        if not self.tracked() or not self.differs():
            return False
        head = self.git.head_text(self.note.path)
        if head is None:
            return False
        return current(Note(self.note.path, head), key) == current(self.note, key)


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    fm = note.frontmatter
    if fm is not None and (not fm.closed or fm.error is not None):
        return  # invalid-yaml's business
    opts, facts = ctx.options, _Facts(note, ctx)
    wanted = [(opts["date-created-key"], facts.created, False)] if opts["date-created"] else []
    if opts["date-modified"]:
        wanted.append((opts["date-modified-key"], facts.modified, True))
    for key, when, updated in wanted:
        present = key in note.properties
        if present and not (updated and facts.stale(key)):
            continue
        seconds = when()
        if seconds is None:
            continue
        value = format_date(_when(seconds, opts["convert-to-utc"]), opts["format"])
        yield from _report(note, ctx, key, value, present)
        return  # one key at a time: the second is computed on the note the first fix made


def _report(note: Note, ctx: RuleContext, key: str, value: str, present: bool
            ) -> Iterator[Diagnostic]:
    made = replace_value(note, key, value) if present else insert_key(note, key, value)
    fix = Fix.safe(made[0], intents=made[1]) if made else None
    if present:
        fm = note.frontmatter
        assert fm is not None
        yield ctx.at_line(fm.key_lines[key] - 1,
                          f"`{key}` is older than the note's last change: {value}", fix)
    else:
        yield ctx.diagnostic(0, 0, f"frontmatter lacks `{key}` ({value})", fix)


def _cache_key(settings: Any) -> str:
    return _gitdates.head_id(Path(getattr(settings, "root", ".")))


RULE = Rule(
    code="FM331",
    name="yaml-timestamps",
    severity=Severity.INFO,
    summary="The frontmatter has the note's created and modified dates, kept from git",
    table="`created`/`modified` from git (or the file's times): missing ones inserted, "
          "`modified` refreshed when the note changed since its last commit",
    docs=__doc__,
    check=check,
    fix="safe",
    default_enabled=False,
    options={"date-created": True, "date-created-key": "created", "date-modified": True,
             "date-modified-key": "modified", "format": "YYYY-MM-DDTHH:mm:ss",
             "convert-to-utc": False},
    options_schema={"date-created": {"type": "boolean"},
                    "date-created-key": {"type": "string", "minLength": 1},
                    "date-modified": {"type": "boolean"},
                    "date-modified-key": {"type": "string", "minLength": 1},
                    "format": {"type": "string", "minLength": 1},
                    "convert-to-utc": {"type": "boolean"}},
    examples=(  # the example note is not on disk: no date to give, nothing reported
        Example("# H1\n", flagged=False),
    ),
    cache_key=_cache_key,
    aliases=("yaml-timestamp",),
)
