"""The data every rule produces: diagnostics, and the text edits that would fix them."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Applicability(str, Enum):
    """How far a fix may be trusted (ruff's three levels)."""

    SAFE = "safe"  # meaning kept: applied by --fix
    UNSAFE = "unsafe"  # meaning may change: applied only with --unsafe-fixes
    DISPLAY_ONLY = "display-only"  # a suggestion, never applied


@dataclass(frozen=True, order=True)
class Edit:
    """Replace text[start:end] (character offsets into the whole note) with `content`."""

    start: int
    end: int
    content: str


@dataclass(frozen=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE
    # What the fix means to change, so the fixer's safety check allows it:
    # "frontmatter" (the YAML data), "frontmatter:KEY" (one key), "headings" (heading levels),
    # "body" (Markdown structure), "links" (link targets), "markup" (how the same structure is
    # written: `*a*` -> `_a_`, list markers; judged by the rendered HTML alone), "suppressions"
    # (vaultlint's own directives), "math-delimiters" (a math block's `$$` moves to or from the
    # formula's line), "code-language" (a code fence's info string). An empty set means
    # "layout only".
    intents: frozenset[str] = frozenset()

    @staticmethod
    def safe(*edits: Edit, intents: frozenset[str] = frozenset()) -> "Fix":
        return Fix(tuple(edits), Applicability.SAFE, intents)

    @staticmethod
    def unsafe(*edits: Edit, intents: frozenset[str] = frozenset()) -> "Fix":
        return Fix(tuple(edits), Applicability.UNSAFE, intents)


@dataclass
class Diagnostic:
    """One finding. Lines and columns are 1-based; `end_column` is exclusive."""

    path: str  # POSIX path relative to the vault root
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    rule: str
    severity: Severity
    message: str
    fix: Fix | None = None
    offset: int = 0  # character offset of the start, used by suppression and sorting
    extra: dict = field(default_factory=dict)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.message)

    def to_json(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "fix": None
            if self.fix is None
            else {
                "applicability": self.fix.applicability.value,
                "edits": [
                    {"start": e.start, "end": e.end, "content": e.content} for e in self.fix.edits
                ],
            },
        }


def to_cache(diag: Diagnostic) -> dict:
    """A JSON form that restores the diagnostic exactly (offsets included), for the cache."""
    fix = None
    if diag.fix is not None:
        fix = [diag.fix.applicability.value, sorted(diag.fix.intents),
               [[e.start, e.end, e.content] for e in diag.fix.edits]]
    return {"p": diag.path, "l": [diag.line, diag.column, diag.end_line, diag.end_column],
            "c": diag.code, "r": diag.rule, "s": diag.severity.value, "m": diag.message,
            "o": diag.offset, "f": fix}


def from_cache(data: dict) -> Diagnostic:
    fix = None
    if data["f"] is not None:
        applicability, intents, edits = data["f"]
        fix = Fix(tuple(Edit(*e) for e in edits), Applicability(applicability), frozenset(intents))
    line, column, end_line, end_column = data["l"]
    return Diagnostic(data["p"], line, column, end_line, end_column, data["c"], data["r"],
                      Severity(data["s"]), data["m"], fix, data["o"])
