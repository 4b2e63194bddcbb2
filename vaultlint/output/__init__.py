"""Output formats: one module each, all fed the same list of FileResults."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

from vaultlint.engine import FileResult
from vaultlint.output import github_format, json_format, junit_format, sarif_format, text_format

Formatter = Callable[[list[FileResult], IO[str], dict], None]

FORMATS: dict[str, Formatter] = {
    "text": text_format.write,
    "concise": text_format.write_concise,
    "json": json_format.write,
    "github": github_format.write,
    "sarif": sarif_format.write,
    "junit": junit_format.write,
}
