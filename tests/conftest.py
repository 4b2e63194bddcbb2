"""Shared test helpers: build real vaults on disk and run the real CLI on them."""

from __future__ import annotations

import json
import subprocess
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from vaultlint.cli import cli

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"


def write_vault(root: Path, files: dict[str, str | bytes], obsidian: bool = True) -> Path:
    """Create a vault: `files` maps POSIX paths to text (written as-is, no newline translation)."""
    root.mkdir(parents=True, exist_ok=True)
    if obsidian:
        (root / ".obsidian").mkdir(exist_ok=True)
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
    return root


@pytest.fixture
def make_vault(tmp_path: Path) -> Callable[..., Path]:
    def make(files: dict[str, str | bytes], obsidian: bool = True, name: str = "vault") -> Path:
        return write_vault(tmp_path / name, files, obsidian)

    return make


class Result:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr

    def json(self) -> list[dict]:
        return json.loads(self.stdout)


def run_cli(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> Result:
    """Run `vaultlint ARGS` in-process (fast) from `cwd`."""
    runner = CliRunner()
    old = Path.cwd()
    os.chdir(cwd)
    try:
        res = runner.invoke(cli, args, env=env, catch_exceptions=False)
    finally:
        os.chdir(old)
    return Result(res.exit_code, res.stdout, res.stderr)


def typo_findings(vault: Path, *args: str) -> list[dict]:
    """The typo rule's findings on a vault, as JSON, through the real CLI."""
    res = run_cli(["--select", "typo", "--output-format", "json", *args], vault)
    assert res.exit_code in (0, 1), res.stdout + res.stderr
    return res.json()


def quoted_words(diags: list[dict]) -> list[str]:
    """The word each finding's message quotes first: `"recieve" is a misspelling...`."""
    return [d["message"].split('"')[1] for d in diags]


@pytest.fixture
def vaultlint() -> Callable[..., Result]:
    return run_cli


def run_subprocess(args: list[str], cwd: Path, env: dict[str, str] | None = None,
                   timeout: int = 120) -> subprocess.CompletedProcess:
    """Run the installed `vaultlint` console script for real."""
    return subprocess.run(["vaultlint", *args], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=timeout)


def seed_vault(root: Path) -> Path:
    """The user's two sample notes, as a vault."""
    names = {
        "000_6f32ed113959425a.txt": "Thoughts on the AI job market.md",
        "001_7277590c367447cf.txt": "Ruder - 2024 AI job market.md",
    }
    files = {}
    for seed, name in names.items():
        files[name] = (SEEDS / seed).read_bytes()
    return write_vault(root, files)
