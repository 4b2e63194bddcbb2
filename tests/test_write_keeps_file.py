"""A fix keeps the file, not just its bytes: owner, group, hard links, symlinks (issue 13).

Also: a note whose folder refuses a temp file is reported and the run goes on, and temp files
a killed run left are cleaned at the next run.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

import vaultlint
from conftest import run_cli
from vaultlint.fixer import WriteError, remove_stale_temps, write_atomic

OTHER_UID, OTHER_GID = 12345, 12346
IS_ROOT = os.geteuid() == 0
CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 0, 1, 2
PR_CAPBSET_DROP = 24
needs_root = pytest.mark.skipif(not IS_ROOT, reason="only root can chown files to another user")


def _fix_in_child(vault: Path, drop_caps: tuple[int, ...] = (),
                  max_file_size: int | None = None) -> tuple[int, list[dict]]:
    """Run `vaultlint --fix` in a real child process, as root without the given capabilities
    (dropped from the bounding set, so exec leaves them out): root then meets the permission
    checks an ordinary user meets. `max_file_size`: writes past it fail with EFBIG."""
    def prepare_child() -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        for cap in drop_caps if IS_ROOT else ():
            if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")
        if max_file_size is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (max_file_size, max_file_size))

    # The checkout under test, whatever an editable install elsewhere points to.
    env = {**os.environ, "PYTHONPATH": str(Path(vaultlint.__file__).parents[1])}
    proc = subprocess.run(
        [sys.executable, "-m", "vaultlint", "--fix", "--no-cache", "--output-format", "json"],
        cwd=vault, env=env, capture_output=True, text=True, timeout=120,
        preexec_fn=prepare_child)
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    return proc.returncode, json.loads(proc.stdout or "[]")


def _temps(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob("*") if p.name.endswith((".vaultlint-tmp",
                                                                    ".vaultlint-copy"))]


# --- 1. owner and group ------------------------------------------------------------------------


@needs_root
def test_fix_as_root_keeps_owner_group_and_mode(make_vault):
    vault = make_vault({"a.md": "x\t\n", "sub/b.md": "y  \t\n"})
    for name in ("a.md", "sub/b.md"):
        os.chown(vault / name, OTHER_UID, OTHER_GID)
        os.chmod(vault / name, 0o640)
    assert run_cli(["--fix"], vault).exit_code == 0
    for name, text in (("a.md", "x\n"), ("sub/b.md", "y\n")):
        st = (vault / name).stat()
        assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (OTHER_UID, OTHER_GID, 0o640)
        assert (vault / name).read_text() == text
    assert _temps(vault) == []


@needs_root
def test_a_note_whose_owner_cannot_be_kept_is_refused_and_unchanged(make_vault):
    # Without CAP_CHOWN root can still write the note but not give a new file its owner.
    vault = make_vault({"theirs.md": "x\t\n", "mine.md": "y\t\n"})
    os.chown(vault / "theirs.md", OTHER_UID, OTHER_GID)
    code, findings = _fix_in_child(vault, (CAP_CHOWN,))
    assert code == 1
    assert (vault / "theirs.md").read_text() == "x\t\n"
    assert (vault / "theirs.md").stat().st_uid == OTHER_UID
    assert [(d["path"], d["line"]) for d in findings] == [("theirs.md", 1)]
    assert "cannot keep the note's owner and group" in findings[0]["message"]
    assert (vault / "mine.md").read_text() == "y\n"  # the run went on
    assert _temps(vault) == []


# --- 2. hard links -----------------------------------------------------------------------------


def test_hard_linked_note_is_written_in_place_keeping_every_link(make_vault, tmp_path):
    vault = make_vault({"a.md": "# T\ntext  \t\n\n\n\nmore\n"})
    other = tmp_path / "elsewhere.md"  # a second name the vault does not list
    os.link(vault / "a.md", other)
    before = (vault / "a.md").stat()
    assert run_cli(["--fix"], vault).exit_code == 0
    after = (vault / "a.md").stat()
    assert (after.st_ino, after.st_nlink) == (before.st_ino, 2)
    assert (vault / "a.md").read_text() == other.read_text() == "# T\n\ntext\n\nmore\n"
    assert _temps(vault) == []


def test_two_hard_linked_notes_in_the_vault_are_fixed_once(make_vault):
    vault = make_vault({"a.md": "x\t\n"})
    os.link(vault / "a.md", vault / "b.md")
    res = run_cli(["--fix", "--output-format", "json"], vault)
    assert res.exit_code == 0, res.stdout
    assert (vault / "a.md").read_text() == "x\n"
    assert os.path.samefile(vault / "a.md", vault / "b.md")


def test_in_place_write_shrinks_the_note_and_checks_what_it_read(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"long line   \t\n" * 100)
    os.link(path, tmp_path / "b.md")
    write_atomic(path, "short\n", False, b"long line   \t\n" * 100)
    assert (tmp_path / "b.md").read_bytes() == b"short\n"  # truncated, same inode
    with pytest.raises(WriteError, match="changed while vaultlint was running"):
        write_atomic(path, "new\n", False, b"what vaultlint read\n")
    assert path.read_bytes() == b"short\n"
    assert _temps(tmp_path) == []


def test_hard_linked_note_that_cannot_be_copied_is_unchanged(make_vault, tmp_path):
    original = "".join(f"line {i} {'x' * 70}\t\n" for i in range(80))  # the fix is > 4 KB
    vault = make_vault({"big.md": original, "small.md": "y\t\n"})
    os.link(vault / "big.md", tmp_path / "big-link.md")
    os.link(vault / "small.md", tmp_path / "small-link.md")
    code, findings = _fix_in_child(vault, max_file_size=4096)
    assert code == 1
    (refusal,) = [d for d in findings if d["rule"] == "internal-error"]
    assert refusal["path"] == "big.md" and "the note is unchanged" in refusal["message"]
    assert (vault / "big.md").read_text() == (tmp_path / "big-link.md").read_text() == original
    assert (vault / "big.md").stat().st_nlink == 2
    assert (tmp_path / "small-link.md").read_text() == "y\n"  # small enough: written in place
    assert _temps(vault) == []


# --- 3. symlinks -------------------------------------------------------------------------------


def test_symlinked_note_inside_the_vault_is_written_through(make_vault):
    vault = make_vault({"notes/z.md": "z\t\n"})
    os.symlink("notes/z.md", vault / "0.md")
    assert run_cli(["--fix"], vault).exit_code == 0
    assert (vault / "0.md").is_symlink() and os.readlink(vault / "0.md") == "notes/z.md"
    assert (vault / "notes/z.md").read_text() == "z\n"
    assert not (vault / "notes/z.md").is_symlink()
    assert _temps(vault) == []


def test_write_atomic_never_writes_through_a_symlink_out_of_the_vault(tmp_path):
    vault, outside = tmp_path / "vault", tmp_path / "outside.md"
    vault.mkdir()
    outside.write_text("x\t\n")
    os.symlink(outside, vault / "leak.md")
    for root in (vault, None):  # no root given: no symlink is trusted
        with pytest.raises(WriteError, match="outside the vault"):
            write_atomic(vault / "leak.md", "x\n", False, b"x\t\n", root=root)
    assert outside.read_text() == "x\t\n" and (vault / "leak.md").is_symlink()
    # inside the vault the same call writes through
    (vault / "z.md").write_text("z\t\n")
    os.symlink("z.md", vault / "0.md")
    write_atomic(vault / "0.md", "z\n", False, b"z\t\n", root=vault)
    assert (vault / "0.md").is_symlink() and (vault / "z.md").read_text() == "z\n"


# --- 4. a folder that refuses a temp file ------------------------------------------------------


def test_read_only_folder_is_reported_on_its_note_and_the_run_goes_on(make_vault):
    vault = make_vault({"ro/a.md": "x\t\n", "b.md": "y\t\n"})
    os.chmod(vault / "ro", 0o555)
    try:
        # Root ignores folder permissions: without CAP_DAC_OVERRIDE it meets them.
        code, findings = _fix_in_child(vault, (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH))
    finally:
        os.chmod(vault / "ro", 0o755)
    assert code == 1
    assert [(d["path"], d["line"], d["rule"]) for d in findings] == [
        ("ro/a.md", 1, "internal-error")]
    assert "cannot create a temporary file" in findings[0]["message"]
    assert (vault / "ro/a.md").read_text() == "x\t\n"
    assert (vault / "b.md").read_text() == "y\n"


def test_a_note_with_a_very_long_name_can_be_fixed(make_vault):
    name = "é" * 120 + ".md"  # 243 bytes: the temp name must not exceed the 255-byte limit
    vault = make_vault({name: "x\t\n"})
    res = run_cli(["--fix"], vault)
    assert res.exit_code == 0, res.stdout
    assert (vault / name).read_text() == "x\n"


# --- 5. stale temp files -----------------------------------------------------------------------


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then), follow_symlinks=False)


def test_stale_temp_files_of_our_naming_are_removed_at_the_next_run(make_vault, tmp_path):
    vault = make_vault({"a.md": "a\n", "sub/b.md": "b\n"})
    outside = tmp_path / "outside.txt"
    outside.write_text("keep")
    stale = {".a.md.abc_1234.vaultlint-tmp": "half", "sub/.b.md.zz99yy88.vaultlint-tmp": "",
             ".a.md.k2j3h4g5.vaultlint-copy": "a\n"}  # a copy equal to its note: redundant
    kept = {
        ".a.md.young123.vaultlint-tmp": None,  # a concurrent run's: too young
        ".a.md.ABCD1234.vaultlint-tmp": "x",  # not mkstemp's alphabet
        "a.md.abcd1234.vaultlint-tmp": "x",  # no leading dot
        ".a.md.abc.vaultlint-tmp": "x",  # wrong length
        ".a.md.abcd1234.vaultlint-tmp.bak": "x",
        "sub/.b.md.q1w2e3r4.vaultlint-copy": "new content",  # may be the only complete copy
        ".p.md.q1w2e3r4.vaultlint-copy": "",  # its note is a FIFO: never opened (would block)
    }
    os.mkfifo(vault / "p.md")
    for rel, text in {**stale, **kept}.items():
        (vault / rel).write_text(text or "")
        if text is not None:
            _age(vault / rel, 3600)
    os.symlink(outside, vault / ".x.md.abcd1234.vaultlint-tmp")  # ours by name, not a file
    _age(vault / ".x.md.abcd1234.vaultlint-tmp", 3600)
    assert run_cli(["--diff"], vault).exit_code == 0  # --diff writes nothing, deletes nothing
    assert all((vault / rel).exists() for rel in stale)
    run_cli([], vault)  # a plain check cleans too
    assert not any((vault / rel).exists() for rel in stale)
    assert all((vault / rel).exists() for rel in kept)
    assert (vault / ".x.md.abcd1234.vaultlint-tmp").is_symlink() and outside.read_text() == "keep"


def test_remove_stale_temps_only_touches_the_names_it_is_given(tmp_path):
    (tmp_path / ".a.md.abcd1234.vaultlint-tmp").write_text("x")
    _age(tmp_path / ".a.md.abcd1234.vaultlint-tmp", 120)
    assert remove_stale_temps(tmp_path, ["a.md"]) == []
    assert remove_stale_temps(tmp_path, [".a.md.abcd1234.vaultlint-tmp"]) == [
        ".a.md.abcd1234.vaultlint-tmp"]


def test_a_note_swapped_for_a_fifo_before_the_write_is_refused_not_waited_on(tmp_path):
    from vaultlint.fixer import WriteError, write_atomic

    fifo = tmp_path / "n.md"
    os.mkfifo(fifo)  # nobody ever writes to it: a blocking open would hang here forever
    with pytest.raises(WriteError, match="not a regular file"):
        write_atomic(fifo, "new\n", False, b"old\n", root=tmp_path)
