"""The persistent cache: same findings as without it, correct invalidation, safe when corrupt
or raced, and parallel checking identical to serial checking."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import run_cli, write_vault

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from generate import generate  # noqa: E402

DIRTY = "# T\ntext  \t\n\n\n\nmore\n"


def _json(vault: Path, *args: str) -> list[dict]:
    return run_cli(["--output-format", "json", *args], vault).json()


def _cache_file(vault: Path) -> Path:
    [path] = list((vault / ".vaultlint_cache").glob("*/cache.db"))
    return path


def _rows(vault: Path, table: str) -> dict[str, tuple]:
    with sqlite3.connect(_cache_file(vault)) as db:
        return {row[0]: row[1:] for row in db.execute(f"SELECT * FROM {table}")}


def test_warm_run_gives_the_cold_results_and_the_cache_ignores_itself(make_vault):
    vault = make_vault({"a.md": DIRTY, "b.md": "# B\n\nclean\n"})
    cold = _json(vault)
    assert (vault / ".vaultlint_cache" / ".gitignore").read_text().endswith("*\n")
    assert (vault / ".vaultlint_cache" / "CACHEDIR.TAG").exists()
    assert set(_rows(vault, "files")) == set(_rows(vault, "results")) == {"a.md", "b.md"}
    assert _json(vault) == cold == _json(vault, "--no-cache")


def test_changed_note_is_rechecked(make_vault):
    vault = make_vault({"a.md": DIRTY})
    assert _json(vault)
    (vault / "a.md").write_text("# T\n\ntext\n")
    assert _json(vault) == []
    (vault / "a.md").write_text(DIRTY)
    assert len(_json(vault)) == 3


def test_deleted_note_leaves_the_cache(make_vault):
    vault = make_vault({"a.md": DIRTY, "b.md": DIRTY})
    _json(vault)
    (vault / "b.md").unlink()
    assert {d["path"] for d in _json(vault)} == {"a.md"}
    assert set(_rows(vault, "files")) == set(_rows(vault, "results")) == {"a.md"}


def test_config_change_invalidates_findings(make_vault):
    vault = make_vault({"a.md": "a\n\n\nb\n"})
    assert len(_json(vault)) == 1
    (vault / ".vaultlint.toml").write_text("[rules.consecutive-blank-lines]\nmaximum = 2\n")
    assert _json(vault) == []


def test_corrupt_cache_is_rebuilt_not_trusted(make_vault):
    vault = make_vault({"a.md": DIRTY, "b.md": "# B\n\n[[a]]\n"})
    expected = _json(vault)
    cache = _cache_file(vault)
    cache.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)  # a torn or foreign file
    assert _json(vault) == expected
    assert set(_rows(vault, "files")) == {"a.md", "b.md"}  # rebuilt whole
    with sqlite3.connect(cache) as db:  # damaged values, and facts that went missing
        db.execute("UPDATE results SET diags = 'not json'")
        db.execute("UPDATE files SET fh = '[1'")
        db.execute("DELETE FROM facts")
    assert _json(vault) == expected
    with sqlite3.connect(cache) as db:  # findings that decode but are not findings
        db.execute("UPDATE results SET diags = '[{\"x\": 1}]'")
    assert _json(vault) == expected


def test_cache_of_another_layout_is_replaced(make_vault):
    vault = make_vault({"a.md": DIRTY})
    expected = _json(vault)
    with sqlite3.connect(_cache_file(vault)) as db:
        db.execute("PRAGMA user_version = 99")
    assert _json(vault) == expected
    with sqlite3.connect(_cache_file(vault)) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 2


def test_racing_runs_leave_a_valid_cache(make_vault):
    vault = make_vault({f"n{i}.md": DIRTY for i in range(60)})
    procs = [subprocess.Popen(["vaultlint", "--output-format", "json", "-j", "1"], cwd=vault,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(4)]
    outputs = [p.communicate(timeout=120)[0] for p in procs]
    assert all(p.returncode == 1 for p in procs)
    assert len({o for o in outputs}) == 1
    assert set(_rows(vault, "results")) == {f"n{i}.md" for i in range(60)}
    assert [p.name for p in (vault / ".vaultlint_cache").glob("*/*")] == ["cache.db"]


def test_parallel_check_equals_serial_check(tmp_path):
    vault = tmp_path / "v"
    generate(vault, 260, seed=3)
    serial = _json(vault, "--no-cache", "--jobs", "1")
    parallel = _json(vault, "--no-cache", "--jobs", "2")
    assert serial == parallel and serial
    cached_parallel = _json(vault, "--jobs", "2")
    assert cached_parallel == serial == _json(vault, "--jobs", "2")


def test_a_cold_parallel_check_parses_each_note_once(tmp_path, monkeypatch):
    """Workers keep the notes they parse for their facts and check those same notes: across
    all processes each note's regions are scanned once (twice when a second pool of workers
    parsed every note again), and the findings are the serial check's."""
    import multiprocessing

    from vaultlint import crew, markdown

    vault = tmp_path / "v"
    generate(vault, 240, seed=5)
    scans = multiprocessing.get_context("fork").Value("i", 0)  # shared with forked workers
    real = markdown.find_regions

    def counted(*args, **kwargs):
        with scans.get_lock():
            scans.value += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(markdown, "find_regions", counted)
    parallel = _json(vault, "--no-cache", "--jobs", "2")
    assert scans.value == 240
    # a worker keeps at most KEEP_MAX notes (memory): the others of its 120 are parsed again
    monkeypatch.setattr(crew, "KEEP_MAX", 50)
    scans.value = 0
    assert _json(vault, "--no-cache", "--jobs", "2") == parallel
    assert scans.value == 240 + 2 * (120 - 50)
    monkeypatch.setattr(markdown, "find_regions", real)
    assert parallel == _json(vault, "--no-cache", "--jobs", "1") != []


def test_a_cold_parallel_check_reports_bad_files_as_a_serial_one(tmp_path):
    """The crew's workers read the bad files among the notes of their share as one process
    does: invalid UTF-8, invalid YAML, binary bytes, a FIFO (never waited on) and a symlink out
    of the vault are reported the same way, and every other note is still checked."""
    import os

    vault = tmp_path / "v"
    generate(vault, 230, seed=9)
    (vault / "latin1.md").write_bytes(b"# Caf\xe9\n\nok\n")
    (vault / "yaml.md").write_text("---\ntitle: [unclosed\n---\n# Y\n")
    (vault / "binary.md").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    os.mkfifo(vault / "pipe.md")
    (tmp_path / "outside.md").write_text("# Secret\n")
    (vault / "link.md").symlink_to(tmp_path / "outside.md")
    serial = _json(vault, "--no-cache", "--jobs", "1")
    assert _json(vault, "--no-cache", "--jobs", "2") == serial
    flagged = {d["path"] for d in serial}
    assert {"latin1.md", "yaml.md", "binary.md"} <= flagged
    assert len(flagged) > 200


def test_a_cold_parallel_check_keeps_the_indexes_a_serial_one_keeps(tmp_path):
    """The workers build the vault's indexes themselves; the ones the cache keeps (patched by
    the next run instead of rebuilt from every note's facts) travel back and are kept as a
    serial check keeps them."""
    import shutil

    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    generate(serial, 230, seed=7)
    shutil.copytree(serial, parallel)
    assert _json(serial, "--jobs", "1") == _json(parallel, "--jobs", "2")
    def kept(vault: Path) -> dict[str, tuple]:  # the state of some holds file signatures
        return {name: (config, hashes, value)
                for name, (config, _state, hashes, value) in _rows(vault, "indexes").items()}

    assert kept(serial) and kept(parallel) == kept(serial)


def test_fix_updates_the_cache(make_vault):
    vault = make_vault({"a.md": DIRTY})
    _json(vault)
    assert run_cli(["--fix"], vault).exit_code == 0
    assert _json(vault) == []


def test_read_only_vault_runs_without_cache(make_vault, tmp_path):
    vault = make_vault({"a.md": DIRTY})
    res = run_cli(["--output-format", "json", "--cache-dir", str(tmp_path / "nope" / "x")], vault)
    assert res.exit_code == 1
    (tmp_path / "blocker").write_text("a file where the cache folder would go")
    res = run_cli(["--output-format", "json", "--cache-dir", str(tmp_path / "blocker" / "c")], vault)
    assert res.exit_code == 1 and len(res.json()) == 3


def test_clean_removes_the_cache(make_vault):
    vault = make_vault({"a.md": DIRTY})
    _json(vault)
    assert run_cli(["clean"], vault).exit_code == 0
    assert not (vault / ".vaultlint_cache").exists()


def _broken(vault: Path) -> set[tuple[str, str]]:
    diags = _json(vault, "--select", "broken-wikilink,broken-heading-link")
    return {(d["path"], d["message"].split("]]")[0] + "]]") for d in diags}


def test_adding_a_note_resolves_links_to_it(make_vault):
    vault = make_vault({"a.md": "See [[B]].\n", "c.md": "x\n"})
    assert _broken(vault) == {("a.md", "unresolved link [[B]]")}
    (vault / "B.md").write_text("# B\n")
    assert _broken(vault) == set()


def test_deleting_a_note_breaks_links_to_it(make_vault):
    vault = make_vault({"a.md": "See [[B]].\n", "B.md": "# B\n"})
    assert _broken(vault) == set()
    (vault / "B.md").unlink()
    assert _broken(vault) == {("a.md", "unresolved link [[B]]")}


def test_renaming_a_note_breaks_and_fixes_links(make_vault):
    vault = make_vault({"a.md": "See [[B]] and [[C]].\n", "B.md": "# B\n"})
    assert _broken(vault) == {("a.md", "unresolved link [[C]]")}
    (vault / "B.md").rename(vault / "C.md")
    assert _broken(vault) == {("a.md", "unresolved link [[B]]")}


def test_changing_a_heading_elsewhere_rechecks_links_to_it(make_vault):
    vault = make_vault({"a.md": "See [[B#Intro]].\n", "B.md": "# Intro\n"})
    assert _broken(vault) == set()
    (vault / "B.md").write_text("# Introduction\n")
    assert len(_broken(vault)) == 1


def test_a_cache_is_used_only_by_the_code_that_wrote_it(make_vault, monkeypatch):
    from vaultlint import cache

    vault = make_vault({"a.md": "Text \n"})
    run_cli(["--output-format", "json"], vault)
    [first] = list((vault / ".vaultlint_cache").glob("*/cache.db"))
    assert first.parent.name == f"{cache.__version__}-{cache.code_fingerprint()}"
    # Another build (an edited rule, an upgrade): a fresh cache, and the stale one is gone.
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "0123456789ab")
    run_cli(["--output-format", "json"], vault)
    assert [p.parent.name for p in (vault / ".vaultlint_cache").glob("*/cache.db")] == [
        f"{cache.__version__}-0123456789ab"]
