"""A wikilink or local Markdown link whose target note or file does not exist.

Obsidian resolves `[[Name]]` by file name anywhere in the vault, case-insensitively, with `.md`
optional for notes (see docs/links.md for every rule); a link that matches no file shows as an
unresolved (faded) link and opens a new empty note when clicked. Markdown links to local files
(`[x](Some%20Note.md)`) are URL-decoded and go through the same lookup; URLs are ignored.
Links inside code, math and `%% comments %%` are text, not links, and so is `[a](two words)`
(a space ends an unbracketed destination; `[a](<two words.md>)` is a link). Wikilinks in
frontmatter properties (`related: "[[Note]]"`, list items) are links, as in Obsidian, reported
at their place in the YAML; their fixes keep the YAML quoting valid. Every file on disk counts
as a target, git-ignored and excluded ones too (Obsidian sees them).

When the target is an alias of a note, the message says so: Obsidian does not resolve aliases,
so `[[AI]]` stays unresolved even though `Artificial Intelligence.md` lists `aliases: [AI]`;
the unsafe fix writes `[[Artificial Intelligence|AI]]`. Otherwise, when a file with a close name
exists (case, spacing and punctuation ignored), the message suggests it ("did you mean
[[Gemini]]?") and the unsafe fix (`--unsafe-fixes`) rewrites the target, in the vault's "New
link format" (`newLinkFormat` in `.obsidian/app.json`: shortest, relative or absolute).

When the target was renamed or moved outside Obsidian (`git mv`, a file manager) and git's
rename detection knows the new name, the message says so and the fix rewrites the link to the
new name as Obsidian does on a rename inside the app (alias, heading or block part and link
style kept): a safe fix when exactly one renamed file had that name, else unsafe (docs/links.md,
"Renames and deletions made outside Obsidian").

Many vaults keep deliberate links to notes not written yet ("link first, write later"). Either
list them in `ignore`, or keep them visible without failing the run with
`[rules.broken-wikilink] severity = "warning"`, or turn the rule off.

Options:
- `ignore` (list of globs, default []): targets that may stay unresolved, matched
  case-insensitively against the link path and its file name, with or without `.md`
  (e.g. `["TODO*", "Templates/*", "<%*"]`).

Fail:
```markdown
See [[Gemeni]] and [[Not written yet]].
```
Pass:
```markdown
See [[Gemini]] (the note `Gemini.md` exists).
```
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Severity
from vaultlint.linkcheck import IGNORE_SCHEMA, is_ignored, resolved_links, unresolved
from vaultlint.links import ALIASES, LINK_INDEX
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    for link, res, index in resolved_links(note, ctx):
        if link.embed or res.target is not None or is_ignored(link, ctx.options["ignore"]):
            continue
        yield unresolved(ctx, index, link, "unresolved link")


RULE = Rule(
    code="LNK001",
    name="broken-wikilink",
    summary="Link to a note or file that does not exist",
    table=(  # the README's rule table
        "a wikilink or local Markdown link whose target does not exist; repairs a rename made "
        "outside Obsidian (safe), suggests the close name (unsafe) "
        "([docs/links.md](docs/links.md))"),
    docs=__doc__,
    check=check,
    severity=Severity.ERROR,
    fix="safe/unsafe",
    options={"ignore": []},
    options_schema={"ignore": IGNORE_SCHEMA},
    examples=(
        Example("See [[Not written yet]].\n"),
        Example("See [[Not written yet]] and [[Later]].\n", flagged=False,
                options={"ignore": ["not written*", "later"]}),
        Example("# Intro\nSee [[#Intro]] and [[example]] and [[Example.md#Intro]].\n",
                flagged=False),
        Example("`[[code]]`, %% [[comment]] %%, $[[math]]$ and [web](https://example.org)\n",
                flagged=False),
        Example("See [x](Missing%20Note.md).\n"),
        Example('---\nrelated: "[[Not written yet]]"\n---\nText.\n'),
        Example("I read [some posts](a couple of write ups) today.\n", flagged=False),
        Example("See [[exampel]].\n", "See [[example]].\n", unsafe=True),
    ),
    needs_vault=True,
    indexes=(LINK_INDEX, ALIASES),
)
