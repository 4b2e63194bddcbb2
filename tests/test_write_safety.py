"""Writes are atomic, keep the file's mode, BOM and line endings, and never clobber a change."""

from __future__ import annotations

import os
import stat

import pytest

from conftest import run_cli
from vaultlint.fixer import WriteError, write_atomic


def test_crlf_and_bom_are_kept(make_vault):
    raw = "\ufeff# T\r\ntext  \t\r\n\r\n\r\n\r\nmore\r\n\r\n".encode("utf-8")
    vault = make_vault({"a.md": raw})
    assert run_cli(["--fix"], vault).exit_code == 0
    assert (vault / "a.md").read_bytes() == "\ufeff# T\r\n\r\ntext\r\n\r\nmore\r\n".encode("utf-8")


def test_mode_is_kept(make_vault):
    vault = make_vault({"a.md": "x\t\n"})
    os.chmod(vault / "a.md", 0o640)
    run_cli(["--fix"], vault)
    assert stat.S_IMODE((vault / "a.md").stat().st_mode) == 0o640
    assert (vault / "a.md").read_text() == "x\n"
    assert not [p for p in vault.iterdir() if p.name.endswith(".vaultlint-tmp")]


def test_a_file_changed_since_reading_is_not_overwritten(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("edited by someone else\n")
    with pytest.raises(WriteError, match="changed while vaultlint was running"):
        write_atomic(path, "new\n", False, b"what vaultlint read\n")
    assert path.read_text() == "edited by someone else\n"


def test_read_only_file_is_reported_not_changed(make_vault):
    vault = make_vault({"a.md": "x\t\n"})
    os.chmod(vault / "a.md", 0o444)
    res = run_cli(["--fix", "--output-format", "json"], vault)
    assert res.exit_code == 1
    assert (vault / "a.md").read_text() == "x\t\n"
    assert any("read-only" in d["message"] for d in res.json())


def test_read_only_check_via_write_atomic(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("x\t\n")
    os.chmod(path, 0o444)
    with pytest.raises(WriteError, match="read-only"):
        write_atomic(path, "x\n", False, b"x\t\n")


def test_unwritable_folder_leaves_original(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "a.md"
    path.write_text("x\t\n")
    os.chmod(folder, 0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as root")
        with pytest.raises(WriteError, match="the note is unchanged"):
            write_atomic(path, "x\n", False, b"x\t\n")
        assert path.read_text() == "x\t\n"
    finally:
        os.chmod(folder, 0o755)


def test_unreadable_and_binary_files_are_reported_and_others_checked(make_vault):
    vault = make_vault({
        "good.md": "x\t\n",
        "latin1.md": "caf\xe9\n".encode("latin-1"),
        "binary.md": b"\x00\x01\x02PNG",
    })
    res = run_cli(["--output-format", "json"], vault).json()
    got = {(d["path"], d["code"]) for d in res}
    assert got == {("good.md", "FMT001"), ("latin1.md", "VL001"), ("binary.md", "VL001")}
    latin = next(d for d in res if d["path"] == "latin1.md")
    assert "not valid UTF-8" in latin["message"] and latin["line"] == 1 and latin["column"] == 4
