"""Nothing hangs, nothing exhausts memory, nothing crashes the run (issue 13; docs/safety.md,
"Bounded"). Every run that could hang is a subprocess with a timeout: a regression fails the
test instead of stalling the suite."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, write_vault
from vaultlint.config import full_schema, load_settings, ConfigError

TIMEOUT = 60


def run(vault: Path, *args: str, cache: bool = False) -> subprocess.CompletedProcess:
    """This checkout's vaultlint in `vault`; a hang raises TimeoutExpired (the test fails)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    flags = [] if cache else ["--no-cache"]
    return subprocess.run([sys.executable, "-m", "vaultlint", *flags, *args], cwd=vault,
                          capture_output=True, text=True, errors="surrogateescape",
                          timeout=TIMEOUT, env=env)


def findings(proc: subprocess.CompletedProcess) -> list[dict]:
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


def _schema_vault(tmp_path: Path, schema: object | None = None) -> Path:
    vault = write_vault(tmp_path / "vault", {
        "n.md": "---\ntitle: " + "a" * 47 + "!\n---\n# N\n",
        ".vaultlint.toml": 'select = ["FM201"]\n[[frontmatter.schemas]]\n'
                           'schema = "schemas/note.schema.json"\n',
    })
    (vault / "schemas").mkdir()
    if schema is not None:
        (vault / "schemas" / "note.schema.json").write_text(json.dumps(schema))
    return vault


def _zero_device(path: Path) -> None:
    """A /dev/zero (char device 1,5) at `path`: endless bytes. Needs root (CI runs as root)."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o644, os.makedev(1, 5))
    except PermissionError:
        pytest.skip("creating a device node needs root")


SPECIALS = {"fifo": lambda p: os.mkfifo(p), "zero": _zero_device}


def test_fifo_named_on_the_command_line(tmp_path):
    vault = write_vault(tmp_path / "vault", {"good.md": "# Good\n"})
    os.mkfifo(vault / "pipe.md")
    (diag,) = findings(run(vault, "--output-format", "json", "pipe.md"))
    assert diag["path"] == "pipe.md" and "not a regular file" in diag["message"]


@pytest.mark.parametrize("kind", SPECIALS)
def test_special_words_file(tmp_path, kind):
    vault = write_vault(tmp_path / "vault", {"n.md": "We recieve the data.\n"})
    SPECIALS[kind](vault / ".vaultlint-words.txt")
    proc = run(vault, "--select", "TYP001", "--output-format", "json")
    assert [d["code"] for d in findings(proc)] == ["TYP001"]
    assert ".vaultlint-words.txt: not a regular file" in proc.stderr


@pytest.mark.parametrize("kind", SPECIALS)
def test_special_types_json(tmp_path, kind):
    vault = write_vault(tmp_path / "vault", {"n.md": "---\ncount: 3\n---\n# N\n"})
    SPECIALS[kind](vault / ".obsidian" / "types.json")
    proc = run(vault, "--select", "FM201", "--output-format", "json")
    assert findings(proc) == [] and "types.json: not a regular file" in proc.stderr


@pytest.mark.parametrize("kind", SPECIALS)
def test_special_schema(tmp_path, kind):
    vault = _schema_vault(tmp_path)
    SPECIALS[kind](vault / "schemas" / "note.schema.json")
    proc = run(vault, "--output-format", "json")  # an unusable schema is a config error
    assert proc.returncode == 2 and "not a regular file" in proc.stderr, proc.stderr


@pytest.mark.parametrize("kind", SPECIALS)
def test_special_ref(tmp_path, kind):
    vault = _schema_vault(tmp_path, {"properties": {"title": {"$ref": "title.json"}}})
    SPECIALS[kind](vault / "schemas" / "title.json")
    proc = run(vault, "--output-format", "json")  # an unreadable $ref is a config error
    assert proc.returncode == 2 and "title.json: not a regular file" in proc.stderr, proc.stderr


def test_catastrophic_pattern_is_linear(tmp_path):
    """`^(a+)+$` against 47 `a` and a `!`: Python's `re` backtracks for hours."""
    vault = _schema_vault(tmp_path, {"properties": {"title": {"pattern": "^(a+)+$"}}})
    start = time.monotonic()
    (diag,) = findings(run(vault, "--output-format", "json"))
    assert "does not match '^(a+)+$'" in diag["message"]
    assert time.monotonic() - start < TIMEOUT


def test_catastrophic_pattern_properties_and_additional_properties(tmp_path):
    key = "a" * 47 + "!"
    vault = _schema_vault(tmp_path, {"patternProperties": {"^(a+)+$": {"type": "integer"}},
                                     "additionalProperties": False})
    (vault / "n.md").write_text(f"---\n{key}: 1\n---\n# N\n")
    (diag,) = findings(run(vault, "--output-format", "json"))
    assert f"{key}: property not allowed" in diag["message"]


def test_pattern_that_cannot_be_evaluated_is_a_finding(tmp_path):
    r"""`\Z` is Python syntax, not ECMA 262: the linear engine refuses it."""
    vault = _schema_vault(tmp_path, {"properties": {"title": {"pattern": "a\\Z"}}})
    (diag,) = findings(run(vault, "--output-format", "json"))
    assert "cannot be evaluated" in diag["message"]


def test_recursive_ref_cycle_is_a_finding(tmp_path):
    vault = _schema_vault(tmp_path, {"$defs": {"a": {"$ref": "#/$defs/a"}},
                                     "properties": {"title": {"$ref": "#/$defs/a"}},
                                     "required": ["missing"]})
    (diag,) = findings(run(vault, "--output-format", "json"))
    assert "recursive $ref cycle" in diag["message"]


def test_non_utf8_file_name_in_cached_runs(tmp_path):
    vault = write_vault(tmp_path / "vault", {"ok.md": "# Ok\n"})
    name = os.fsencode(vault) + b"/bad\xff.md"
    with open(name, "wb") as fh:
        fh.write(b"# Bad   \n")  # a finding, so its results are cached too
    codes = []
    for _ in range(3):  # first run writes the cache, the next ones read it
        proc = run(vault, "--output-format", "json", cache=True)
        assert "internal error" not in proc.stderr, proc.stderr
        codes.append([d["code"] for d in findings(proc)])
    assert codes == [["FMT001"]] * 3


def test_ten_thousand_tags_in_linear_time(tmp_path):
    """FM103 took 28 s for 10,000 tags (a list scan per tag)."""
    tags = "".join(f"  - '#t{i}'\n  - t{i}\n" for i in range(5000))
    vault = write_vault(tmp_path / "vault", {"n.md": f"---\ntags:\n{tags}---\n# N\n"})
    (diag,) = findings(run(vault, "--select", "FM103", "--output-format", "json"))
    assert diag["code"] == "FM103"


def test_tags_normalisation_scales_linearly():
    from vaultlint.rules.tags_format import normal_tags

    n = 80_000  # a list scan per tag: 3.2e9 comparisons, minutes; linear: ~0.1 s
    tags = [f"#t{i % (n // 2)}" for i in range(n)]
    start = time.perf_counter()
    assert len(normal_tags(tags)) == n // 2
    assert time.perf_counter() - start < 5


def test_huge_mapping_indent_is_refused(tmp_path):
    vault = write_vault(tmp_path / "vault", {
        "n.md": "---\na:\n  b: 1\n---\n# N\n",
        ".vaultlint.toml": "[rules.yaml-format]\nmapping-indent = 100000000\n"})
    proc = run(vault, "--fix")
    assert proc.returncode == 2 and "mapping-indent" in proc.stderr
    assert (vault / "n.md").stat().st_size < 100
    with pytest.raises(ConfigError):
        load_settings(vault, vault)


def _unbounded_numbers(node: object, where: str = "$") -> list[str]:
    found = []
    if isinstance(node, dict):
        if node.get("type") in ("integer", "number") and "maximum" not in node \
                and "enum" not in node:
            found.append(where)
        for key, value in node.items():
            found += _unbounded_numbers(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _unbounded_numbers(value, f"{where}[{i}]")
    return found


def test_every_config_number_has_a_bound():
    assert _unbounded_numbers(full_schema()) == []


def test_tags_fix_removes_duplicates_in_linear_time():
    """Each `del` of a ruamel list re-keys every later comment: one pass instead."""
    from ruamel.yaml.comments import CommentedSeq

    from vaultlint.rules.tags_format import _mutate

    n = 40_000
    seq = CommentedSeq(f"#t{i % (n // 2)}" for i in range(n))
    for i in range(0, n, 2):
        seq.ca.items[i] = [None, None, None, None]  # a comment on every other item
    start = time.perf_counter()
    assert _mutate({"tags": seq}, set())
    assert time.perf_counter() - start < 5
    assert list(seq) == [f"t{i}" for i in range(n // 2)]
    assert sorted(seq.ca.items) == list(range(0, n // 2, 2))


@pytest.mark.parametrize("kind", SPECIALS)
def test_special_hunspell_and_app_json_files(tmp_path, kind):
    """The other readers share the one helper: a FIFO or /dev/zero as a dictionary file or
    app.json is refused with its path (a subprocess: a regression would hang)."""
    vault = write_vault(tmp_path / "vault", {"n.md": "# N\n"})
    SPECIALS[kind](vault / "it_IT.aff")
    SPECIALS[kind](vault / ".obsidian" / "app.json")
    code = ("import sys; from pathlib import Path; from vaultlint import hunspell\n"
            "try:\n    hunspell.read_bounded(Path(sys.argv[1]))\n"
            "except hunspell.DictionaryError as exc:\n    print(exc)\n")
    proc = subprocess.run([sys.executable, "-c", code, str(vault / "it_IT.aff")],
                          capture_output=True, text=True, timeout=TIMEOUT,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert "it_IT.aff: not a regular file" in proc.stdout, proc.stderr
    proc = run(vault, "--output-format", "json")
    assert ".obsidian/app.json: not a regular file" in proc.stderr
