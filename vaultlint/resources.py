"""Where the shipped JSON schemas live: `schemas/` in a checkout, `vaultlint/_schemas` in a wheel."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent


def schemas_dir() -> Path:
    for candidate in (_PACKAGE / "_schemas", _PACKAGE.parent / "schemas"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("vaultlint's schemas/ folder is missing from this installation")


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict[str, Any]:
    return json.loads((schemas_dir() / name).read_text(encoding="utf-8"))
