"""`vaultlint schema infer`: write the JSON schema of the frontmatter a vault uses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from vaultlint.config import ConfigError, load_settings
from vaultlint.frontmatter import load_for_check
from vaultlint.note import DecodeError, Note
from vaultlint.schema_infer import infer
from vaultlint.vault import find_root, is_note, list_files, read_bytes


def _where(pairs: tuple[str, ...]) -> dict[str, Any]:
    """`type=Content` -> {"type": "Content"}; values read as YAML scalars (`1`, `true`)."""
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{pair!r} is not KEY=VALUE", param_hint="--where")
        out[key.strip()] = load_for_check(value) if value.strip() else ""
    return out


def _in_scope(name: str, prefixes: list[str]) -> bool:
    return not prefixes or any(name == p or name.startswith(p.rstrip("/") + "/") for p in prefixes)


class SchemaError(click.ClickException):
    exit_code = 2  # a usage problem, like every vaultlint error


def collect(root: Path, paths: list[str], where: dict[str, Any], settings: Any) -> list[dict]:
    """The valid frontmatter mappings of the notes in scope that match `where`; notes that cannot
    be read or decoded are skipped (`vaultlint check` reports them)."""
    found = []
    for name in list_files(root, settings):
        if not is_note(name) or not _in_scope(name, paths):
            continue
        data = read_bytes(root / name, root).data
        try:
            note = Note.from_bytes(name, data) if data is not None else None
        except DecodeError:
            note = None
        if note is None:
            continue
        fm = note.frontmatter
        data = fm.data if fm is not None and fm.error is None else None
        if isinstance(data, dict) and all(k in data and data[k] == v for k, v in where.items()):
            found.append(data)
    return found


@click.group()
def schema() -> None:
    """Work with frontmatter JSON schemas."""


@schema.command("infer")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--where", multiple=True, metavar="KEY=VALUE",
              help="Only notes with this property value (repeatable; all must hold).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the schema to this file instead of standard output.")
@click.option("--title", default="Inferred frontmatter", help="The schema's title.")
def infer_command(paths: tuple[Path, ...], where: tuple[str, ...], output: Path | None,
                  title: str) -> None:
    """Write a JSON schema describing the frontmatter of the vault's notes (or PATHS)."""
    cwd = Path.cwd()
    root = find_root(cwd)
    try:
        settings = load_settings(root, cwd)
    except ConfigError as exc:
        raise SchemaError(str(exc)) from exc
    scope = [(cwd / p).resolve().relative_to(root).as_posix() for p in paths]
    scope = [s for s in scope if s != "."]
    notes = collect(root, scope, _where(where), settings)
    if not notes:
        raise SchemaError("no note with valid frontmatter matches")
    text = json.dumps(infer(notes, title), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output} ({len(notes)} note(s))", err=True)
