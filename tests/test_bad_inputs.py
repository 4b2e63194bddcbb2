"""Bad input through the real CLI: each gets a clear finding, loses no data, and the rest of the
vault is still checked. Time scaling is checked structurally (regexes) or as an n / 8n ratio,
never as an absolute wall-clock limit."""

from __future__ import annotations

import http.server
import json
import os
import re
import resource
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import run_cli, run_subprocess
from vaultlint.config import load_settings
from vaultlint.engine import Linter
from vaultlint.runner import fix_file
from vaultlint.vault import Vault, list_files

GOOD = "x\t\n"  # one FMT001 finding: proves the rest of the vault is still checked


def check(vault: Path, *args: str) -> list[dict]:
    res = run_cli(["--output-format", "json", *args], vault)
    assert res.exit_code in (0, 1), res.stderr
    return res.json()


def findings(diags: list[dict], path: str) -> list[dict]:
    return [d for d in diags if d["path"] == path]


def assert_good_checked(diags: list[dict]) -> None:
    assert [d["code"] for d in findings(diags, "good.md")] == ["FMT001"]


def assert_good_fixed(vault: Path) -> None:
    assert (vault / "good.md").read_text() == "x\n"


def assert_read_error(diags: list[dict], path: str, text: str) -> dict:
    (diag,) = findings(diags, path)
    assert diag["code"] == "VL001" and text in diag["message"], diag
    return diag


# --- encodings, binary, size ------------------------------------------------------------------


def test_invalid_utf8_reports_line_and_column(make_vault):
    vault = make_vault({"good.md": GOOD, "bad.md": b"ok\nfine\nab\xff\xfecd\n"})
    diags = check(vault, "--fix")
    diag = assert_read_error(diags, "bad.md", "not valid UTF-8: byte 0xff at line 3, column 3")
    assert (diag["line"], diag["column"]) == (3, 3)
    assert_good_fixed(vault)
    assert (vault / "bad.md").read_bytes() == b"ok\nfine\nab\xff\xfecd\n"


def test_binary_file_named_md(make_vault):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    vault = make_vault({"good.md": GOOD, "image.md": png})
    assert_read_error(check(vault, "--fix"), "image.md", "binary file")
    assert (vault / "image.md").read_bytes() == png


def test_50_mb_note_is_reported_as_too_large(make_vault):
    big = ("word [[Link]] #tag  \n" * 2_500_000).encode()  # 52.5 MB
    vault = make_vault({"good.md": GOOD, "big.md": big})
    assert_read_error(check(vault, "--fix"), "big.md", "file is too large to check")
    assert (vault / "big.md").stat().st_size == len(big)
    assert_good_fixed(vault)


def test_line_of_a_million_characters(make_vault):
    line = "word [[x]] `c` $m$ %%c%% <b>h</b> https://e.com #t " * 20_000  # 1,000,000 chars
    vault = make_vault({"good.md": GOOD, "long.md": "# T\n\n" + line + "\n"})
    diags = check(vault, "--fix")
    assert not [d for d in findings(diags, "long.md") if d["code"] in ("VL001", "VL999")]
    assert (vault / "long.md").read_text() == "# T\n\n" + line.rstrip() + "\n"


# --- pathological Markdown --------------------------------------------------------------------


PATHOLOGICAL = {
    "unclosed-wikilinks": "[[" * 100_000 + "\n",
    "unclosed-lines": "[[a\n" * 20_000,
    "nested-lists": "".join("  " * i + "- item\n" for i in range(2_000)),
    "nested-quotes": ">" * 10_000 + " deep\n",
    "nested-brackets": "[" * 50_000 + "x" + "]" * 50_000 + "\n",
    "nested-emphasis": "*a " * 30_000 + "\n",
    "backticks": "`" * 50_000 + " x\n",
    "dollars": "$" * 50_000 + "\n",
    "comments": "%%" * 50_001 + "\n",
    "html": "<a " * 30_000 + "\n",
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_markdown_is_checked_and_fixed_without_crash(make_vault, name):
    text = PATHOLOGICAL[name]
    vault = make_vault({"good.md": GOOD, "p.md": "# P\n\n" + text})
    diags = check(vault, "--fix")
    crashes = [d for d in findings(diags, "p.md") if d["code"] == "VL999"
               and "crashed" in d["message"]]
    assert not crashes, crashes[0]["message"]
    assert_good_fixed(vault)


# --- frontmatter -----------------------------------------------------------------------------


BILLION_LAUGHS = "---\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
) + "---\nbody\n"


def test_yaml_alias_bomb_is_refused(make_vault):
    vault = make_vault({"good.md": GOOD, "bomb.md": BILLION_LAUGHS})
    diags = findings(check(vault, "--fix"), "bomb.md")
    assert any(d["code"] == "FM101" and "too many YAML aliases" in d["message"] for d in diags)
    assert (vault / "bomb.md").read_text() == BILLION_LAUGHS


def test_yaml_tags_that_construct_objects_are_errors(make_vault, tmp_path):
    marker = tmp_path / "pwned"
    text = (f"---\na: !!python/object/apply:os.system ['touch {marker}']\n"
            f"b: !!python/object/new:builtins.exec ['open(\"{marker}\", \"w\")']\n---\nx\n")
    vault = make_vault({"good.md": GOOD, "tag.md": text})
    diags = findings(check(vault, "--fix"), "tag.md")
    assert any(d["code"] == "FM101" and "could not determine a constructor" in d["message"]
               and d["line"] == 2 for d in diags), diags
    assert not marker.exists()
    assert (vault / "tag.md").read_text() == text


# --- the file system ----------------------------------------------------------------------------


def test_symlink_loops_and_dangling_links(make_vault):
    vault = make_vault({"good.md": GOOD, "sub/n.md": "fine\n"})
    os.symlink(vault / "sub", vault / "sub" / "loop")  # a folder inside itself
    os.symlink("self.md", vault / "self.md")  # a link to itself (ELOOP)
    os.symlink("missing.md", vault / "dangling.md")
    diags = check(vault, "--fix")
    assert_good_fixed(vault)
    assert not [d for d in diags if d["path"] != "good.md"]


def test_symlink_loop_named_on_the_command_line(make_vault):
    vault = make_vault({"good.md": GOOD})
    os.symlink("self.md", vault / "self.md")
    res = run_cli(["--output-format", "json", "self.md", "good.md"], vault)
    assert res.exit_code == 2 and "self.md: cannot be resolved (a symlink loop?)" in res.stderr


def test_a_file_whose_read_fails(make_vault):
    """As root, chmod 000 does not stop reads; /proc/self/mem is a real file whose read raises
    EIO, reached through a symlink named .md."""
    from vaultlint.vault import read_bytes

    vault = make_vault({"good.md": GOOD})
    os.symlink("/proc/self/mem", vault / "io.md")
    diags = check(vault, "--fix")  # outside the vault: refused before any read (issue 13)
    assert_read_error(diags, "io.md", "resolves outside the vault")
    assert_good_fixed(vault)
    assert read_bytes(Path("/proc/self/mem")).error == "cannot read file: Input/output error"


def test_a_fifo_named_md_does_not_hang(make_vault):
    """Opening a FIFO blocks until a writer comes: vaultlint must not open it (subprocess with a
    timeout, so a hang fails the test instead of stalling the suite)."""
    vault = make_vault({"good.md": GOOD})
    os.mkfifo(vault / "pipe.md")
    proc = run_subprocess(["--output-format", "json"], vault, timeout=60)
    assert proc.returncode == 1, proc.stderr
    assert [d["path"] for d in json.loads(proc.stdout)] == ["good.md"]


def _linter(vault: Path) -> Linter:
    settings = load_settings(vault, vault)
    return Linter(settings, Vault(vault, list_files(vault, settings), settings))


@pytest.mark.parametrize("change", ["edit", "delete"])
def test_file_changed_or_deleted_between_read_and_write(make_vault, change):
    vault = make_vault({"a.md": "x\t\n"})
    linter = _linter(vault)
    assert linter.load("a.md").text == "x\t\n"  # read: the runner keeps this note for the run
    if change == "edit":
        (vault / "a.md").write_text("typed in Obsidian meanwhile\t\n")
    else:
        (vault / "a.md").unlink()
    result = fix_file(linter, "a.md", write=True)
    assert result.diagnostics[0].code == "VL999"
    if change == "edit":
        assert "changed while vaultlint was running" in result.diagnostics[0].message
        assert (vault / "a.md").read_text() == "typed in Obsidian meanwhile\t\n"
    else:
        assert "cannot re-read before writing" in result.diagnostics[0].message
        assert not (vault / "a.md").exists()  # not resurrected
    assert not list(vault.glob("*.vaultlint-tmp"))


def test_read_only_file_in_a_vault_of_others(make_vault):
    vault = make_vault({"good.md": GOOD, "ro.md": "y\t\n"})
    os.chmod(vault / "ro.md", 0o444)
    diags = check(vault, "--fix")
    (diag,) = findings(diags, "ro.md")
    assert "read-only" in diag["message"] and diag["line"] == 1
    assert (vault / "ro.md").read_text() == "y\t\n"
    assert (vault / "good.md").read_text() == "x\n"


def _limit_file_size() -> None:  # runs in the child: writes past 4 KB fail with EFBIG
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def test_full_disk_during_write_leaves_the_original(make_vault):
    original = "\n".join(f"line {i}\t" for i in range(2_000)) + "\n"  # 16 KB, fix is > 4 KB
    vault = make_vault({"big.md": original, "small.md": "y\t\n"})
    proc = subprocess.run([sys.executable, "-m", "vaultlint", "--fix", "--no-cache",
                           "--output-format", "json"], cwd=vault, capture_output=True,
                          text=True, timeout=120, preexec_fn=_limit_file_size)
    assert "Traceback" not in proc.stderr, proc.stderr
    diags = json.loads(proc.stdout)
    (diag,) = findings(diags, "big.md")
    assert "cannot write" in diag["message"] and "the note is unchanged" in diag["message"]
    assert (vault / "big.md").read_text() == original
    assert (vault / "small.md").read_text() == "y\n"  # small enough to write
    assert not list(vault.glob("*.vaultlint-tmp"))


# --- no way out of the vault, no network --------------------------------------------------------


def test_link_outside_the_vault_is_never_resolved(make_vault, tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("# Heading\n")
    os.mkfifo(tmp_path / "pipe.md")  # reading it would hang the run
    note = ("[[../secret]] [[../secret#Heading]] [[../pipe]] [[../../../etc/passwd]]\n"
            "[s](../secret.md) ![e](../../../etc/passwd)\n")
    vault = make_vault({"good.md": GOOD, "n.md": note})
    proc = run_subprocess(["--output-format", "json"], vault, timeout=60)
    diags = findings(json.loads(proc.stdout), "n.md")
    assert "Traceback" not in proc.stderr, proc.stderr
    # Targets outside the vault do not exist as far as vaultlint is concerned.
    assert {d["code"] for d in diags} <= {"LNK001", "LNK002", "LNK003"}
    assert len([d for d in diags if "secret" in d["message"]]) >= 2


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        _Recorder.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b'{"type": "string"}')

    def log_message(self, *args) -> None:
        pass


def test_schema_ref_to_a_remote_url_is_not_fetched(make_vault):
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/remote.json"
    schema = {"type": "object", "properties": {"title": {"$ref": url}}}
    try:
        vault = make_vault({"good.md": GOOD, "n.md": "---\ntitle: 3\n---\nx\n",
                            "schemas/s.json": json.dumps(schema),
                            ".vaultlint.toml": '[[frontmatter.schemas]]\nschema = "schemas/s.json"\n'
                                               'paths = ["*.md"]\n'})
        res = run_cli(["--output-format", "json"], vault)
    finally:
        server.shutdown()
    assert _Recorder.hits == []
    assert res.exit_code == 2 and "remote $ref" in res.stderr, res.stderr  # a config error


# --- time: linear, checked without wall-clock limits ---------------------------------------------


def _module_patterns() -> list[tuple[str, re.Pattern]]:
    import importlib
    import pkgutil

    import vaultlint

    found = []
    for info in pkgutil.walk_packages(vaultlint.__path__, "vaultlint."):
        if info.name.endswith("__main__"):
            continue  # importing it runs the CLI
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.append((f"{info.name}.{name}", value))
    return found


# Adversarial units: repeated, each stresses a different kind of backtracking (unclosed openers,
# long runs of one class, alternations that almost match).
UNITS = ["[[", "[", "a", " ", "\t", "#", "-", "`", "$", "%%", "<a ", "\\", "a.", "a@", "http://a",
         "![[", "](", "*", "_", "~", ">", "|", "^", "x:", "&", "'", '"', "0", "a-", "- ", ":"]


# Used only with `.match` (anchored at one position), where a scan from every start cannot happen.
# (typo's sentence patterns also only ever see a window of 200 characters around a word.)
ANCHORED_ONLY = {"vaultlint.rules.heading_increment._NUMBER",
                 "vaultlint.rules.typo._SENTENCE_START", "vaultlint.rules.typo._NEXT_WORD",
                 # the formatter's line-prefix patterns, `.match`ed at a line's start
                 "vaultlint.rules.format.spacing.hard_line_breaks._CALLOUT_TITLE",
                 "vaultlint.rules.format.spacing._blocks._CALLOUT_TITLE",
                 "vaultlint.rules.format.spacing._blocks._BLOCK_ID",
                 "vaultlint.rules.tags_format._ITEM_LINE", "vaultlint.rules.tags_format._KEY_LINE",
                 "vaultlint.rules.format.spacing.paragraph_blank_lines._BLOCK_ID",
                 "vaultlint.rules.format.style.empty_list_item._EMPTY_TASK",
                 "vaultlint.rules.format.spacing.indent_with_tabs._INDENTED_ITEM",
                 "vaultlint.rules.format.spacing.list_blank_lines._ITEM",
                 "vaultlint.rules.format.style.quote_marker_space._PREFIX",
                 "vaultlint.rules.format.yaml.array_style._AFTER_KEY"}


def _cost(pattern: re.Pattern, text: str) -> float:
    start = time.perf_counter()
    for _ in pattern.finditer(text):
        pass
    return time.perf_counter() - start


def _slowest_ratio(pattern: re.Pattern, unit: str, n: int) -> float:
    small = unit * n
    large = unit * (8 * n)
    t_small = min(_cost(pattern, small) for _ in range(3))
    t_large = min(_cost(pattern, large) for _ in range(3))
    return t_large / max(t_small, 2e-4)  # floor: below timer noise, the ratio means nothing


def test_no_regex_backtracks_catastrophically():
    """Every module-level regex in vaultlint, over inputs of size n and 8n: linear time gives a
    ratio near 8, quadratic 64. A bound of 24 separates them with room for noise."""
    slow = []
    for name, pattern in _module_patterns():
        if name in ANCHORED_ONLY:
            continue
        for unit in UNITS:
            n = max(1, 1_000 // len(unit))
            ratio = _slowest_ratio(pattern, unit, n)
            if ratio > 24:
                # Re-measure once: a scheduler hiccup should not fail the suite.
                ratio = _slowest_ratio(pattern, unit, n)
            if ratio > 24:
                slow.append((name, unit, round(ratio, 1)))
    assert not slow, slow
