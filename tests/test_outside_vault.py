"""Nothing outside the vault is read or written through the vault (issue 13; docs/safety.md,
"Outside the vault"): symlinked notes, schema paths and `$ref`s, word lists, types.json, and
the `typos-command` policy. Every run is the real CLI in a subprocess, bounded in time."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, write_vault

SECRET = "zqxsecretline from outside the vault\n"


def run(vault: Path, *args: str, env: dict[str, str] | None = None,
        timeout: int = 120) -> subprocess.CompletedProcess:
    """This checkout's vaultlint (not whatever `vaultlint` is on PATH), in `vault`."""
    full_env = {k: v for k, v in os.environ.items() if k != "VAULTLINT_TYPOS_COMMAND"}
    full_env.update({"PYTHONPATH": str(REPO), **(env or {})})
    return subprocess.run([sys.executable, "-m", "vaultlint", "--no-cache", *args], cwd=vault,
                          capture_output=True, text=True, timeout=timeout, env=full_env)


def findings(proc: subprocess.CompletedProcess) -> list[dict]:
    return json.loads(proc.stdout)


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    target = tmp_path / "outside" / "x.txt"
    target.parent.mkdir()
    target.write_text(SECRET)
    return target


@pytest.mark.parametrize("fix", [[], ["--fix", "--unsafe-fixes"]])
def test_symlinked_note_outside_the_vault_is_never_read_or_written(tmp_path, outside, fix):
    vault = write_vault(tmp_path / "vault", {"good.md": "# Good\n"})
    os.symlink(outside, vault / "leak.md")
    proc = run(vault, *fix, "--output-format", "json")
    assert "zqxsecretline" not in proc.stdout + proc.stderr
    (diag,) = [d for d in findings(proc) if d["path"] == "leak.md"]
    assert diag["code"] == "VL001" and "resolves outside the vault" in diag["message"]
    assert (vault / "leak.md").is_symlink() and outside.read_text() == SECRET


def test_symlink_to_etc_passwd_is_not_read(tmp_path):
    vault = write_vault(tmp_path / "vault", {"good.md": "# Good\n"})
    os.symlink("/etc/passwd", vault / "passwd.md")
    proc = run(vault, "--output-format", "text")
    assert "root:" not in proc.stdout
    assert "passwd.md:1:1: VL001 resolves outside the vault" in proc.stdout


def test_symlink_to_a_note_inside_the_vault_is_still_read(tmp_path):
    vault = write_vault(tmp_path / "vault", {"real.md": "# Real   \n"})
    os.symlink("real.md", vault / "alias.md")
    proc = run(vault, "--output-format", "json", "--select", "FMT001")
    assert sorted(d["path"] for d in findings(proc)) == ["alias.md", "real.md"]


SCHEMA = {"type": "object", "properties": {"title": {"type": "integer"}}}


def _schema_vault(tmp_path: Path, schema_ref: str) -> Path:
    config = f'select = ["FM201"]\n[[frontmatter.schemas]]\nschema = "{schema_ref}"\n'
    return write_vault(tmp_path / "vault", {"n.md": "---\ntitle: words\n---\n# N\n",
                                            ".vaultlint.toml": config})


@pytest.mark.parametrize("where", ["../outside.schema.json", "ABSOLUTE"])
def test_schema_path_outside_the_vault_is_refused_unless_named_by_config_flag(tmp_path, where):
    outside = tmp_path / "outside.schema.json"
    outside.write_text(json.dumps(SCHEMA))
    vault = _schema_vault(tmp_path, str(outside) if where == "ABSOLUTE" else where)
    proc = run(vault, "--output-format", "json")  # refused: a config error, exit 2
    assert proc.returncode == 2 and "outside the vault" in proc.stderr, proc.stderr
    assert "outside.schema.json" in proc.stderr
    # the same config, named by the user with --config: outside paths are allowed
    (diag,) = findings(run(vault, "--config", ".vaultlint.toml", "--output-format", "json"))
    assert "is not of type integer" in diag["message"]


@pytest.mark.parametrize("ref", ["../../outside.schema.json", "FILE_URL"])
def test_schema_ref_outside_the_vault_is_refused(tmp_path, ref):
    outside = tmp_path / "outside.schema.json"
    outside.write_text(json.dumps(SCHEMA))
    vault = _schema_vault(tmp_path, "schemas/note.schema.json")
    target = outside.as_uri() if ref == "FILE_URL" else ref
    (vault / "schemas").mkdir()
    (vault / "schemas" / "note.schema.json").write_text(json.dumps({"$ref": target}))
    proc = run(vault, "--output-format", "json")  # refused: a config error, exit 2
    assert proc.returncode == 2 and "outside the vault" in proc.stderr, proc.stderr
    (diag,) = findings(run(vault, "--config", ".vaultlint.toml", "--output-format", "json"))
    assert "is not of type integer" in diag["message"]


def test_schema_inside_the_vault_with_local_ref_still_works(tmp_path):
    vault = _schema_vault(tmp_path, "schemas/note.schema.json")
    (vault / "schemas").mkdir()
    (vault / "schemas" / "note.schema.json").write_text(json.dumps({"$ref": "title.json"}))
    (vault / "schemas" / "title.json").write_text(json.dumps(SCHEMA))
    (diag,) = findings(run(vault, "--output-format", "json"))
    assert "is not of type integer" in diag["message"]


def test_words_file_outside_the_vault_is_not_read(tmp_path):
    (tmp_path / "words.txt").write_text("recieve\n")
    vault = write_vault(tmp_path / "vault", {
        "n.md": "We recieve the data.\n",
        ".vaultlint.toml": '[rules.typo]\nwords-file = "../words.txt"\n',
    })
    proc = run(vault, "--select", "TYP001", "--output-format", "json")
    assert [d["code"] for d in findings(proc)] == ["TYP001"]  # the outside list is not used
    assert "words.txt: resolves outside the vault" in proc.stderr
    proc = run(vault, "--config", ".vaultlint.toml", "--select", "TYP001",
               "--output-format", "json")
    assert findings(proc) == []  # named by --config: the user's own choice


def test_types_json_symlinked_outside_the_vault_is_not_read(tmp_path):
    (tmp_path / "types.json").write_text(json.dumps({"types": {"count": "number"}}))
    vault = write_vault(tmp_path / "vault", {"n.md": "---\ncount: many\n---\n# N\n"})
    os.symlink(tmp_path / "types.json", vault / ".obsidian" / "types.json")
    proc = run(vault, "--select", "FM201", "--output-format", "json")
    assert findings(proc) == [] and "types.json: resolves outside the vault" in proc.stderr


def _marker_command(tmp_path: Path) -> tuple[Path, Path]:
    marker = tmp_path / "ran"
    script = tmp_path / "fake-typos"
    script.write_text(f"#!/bin/sh\ntouch {marker}\ncat >/dev/null\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script, marker


def test_typos_command_from_a_vault_config_is_never_run(tmp_path):
    script, marker = _marker_command(tmp_path)
    vault = write_vault(tmp_path / "vault", {
        "n.md": "We recieve the data.\n",
        ".vaultlint.toml": f'[rules.typo]\ntypos-command = "{script}"\n',
    })
    proc = run(vault, "--select", "TYP001")
    assert not marker.exists()
    assert "typos-command is ignored in a config found in the vault" in proc.stderr


@pytest.mark.parametrize("how", ["env", "flag"])
def test_typos_command_from_the_user_is_run(tmp_path, how):
    script, marker = _marker_command(tmp_path)
    config = f'[rules.typo]\ntypos-command = "{script}"\n' if how == "flag" else ""
    vault = write_vault(tmp_path / "vault", {"n.md": "We recieve the data.\n",
                                             "user.toml": config})
    if how == "env":
        run(vault, "--select", "TYP001", env={"VAULTLINT_TYPOS_COMMAND": str(script)})
    else:
        run(vault, "--config", "user.toml", "--select", "TYP001")
    assert marker.exists()
