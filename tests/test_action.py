"""The composite action (action.yml): its run step executed with bash, as the runner would.

The `${{ ... }}` expressions of a step's `env` are substituted the way GitHub does (inputs with
their defaults, `github.*`, `steps.*.outputs.*`, `runner.os`), then the step's `run:` script
runs with `bash --noprofile --norc -eo pipefail` (GitHub's `shell: bash`) in a real git
workspace holding a vault whose folder name has spaces. The install step takes a minute
(building and installing vaultlint), so its command is checked as text and the run step uses
the `vaultlint` installed in this environment.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
STEPS = {step["name"]: step for step in ACTION["runs"]["steps"]}
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def _context(inputs: dict[str, str], base_ref: str = "") -> dict[str, Any]:
    given = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()}
    unknown = set(inputs) - set(given)
    assert not unknown, f"the action has no input {unknown}"
    return {"inputs": {**given, **inputs}, "runner": {"os": "Linux"},
            "github": {"action_path": str(REPO), "base_ref": base_ref, "sha": "0" * 40},
            "steps": {"install": {"outputs": {"version": "0.1.0"}}}}


def _lookup(expression: str, context: dict[str, Any]) -> str:
    value: Any = context
    for part in expression.split("."):
        value = value[part]
    return str(value)


def expand(text: str, context: dict[str, Any]) -> str:
    """`text` with each `${{ a.b.c }}` replaced by its value; `hashFiles(...)` by a fixed hash."""
    def one(match: re.Match[str]) -> str:
        expr = match.group(1)
        return re.sub(r"hashFiles\(.*\)", "HASH", expr) if "hashFiles(" in expr \
            else _lookup(expr, context)
    return EXPRESSION.sub(one, text)


def run_step(name: str, workspace: Path, inputs: dict[str, str], base_ref: str = "",
             ) -> tuple[subprocess.CompletedProcess, dict[str, str]]:
    """Run one `run:` step of the action in `workspace`; returns the process and its outputs."""
    step, context = STEPS[name], _context(inputs, base_ref)
    output, summary = workspace.parent / "github_output", workspace.parent / "summary.md"
    output.write_text("")
    env = {**_base_env(), "GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": str(output),
           "GITHUB_STEP_SUMMARY": str(summary),
           **{key: expand(str(value), context) for key, value in step.get("env", {}).items()}}
    proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                          cwd=workspace, env=env, capture_output=True, text=True, timeout=300)
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
    return proc, outputs


def _base_env() -> dict[str, str]:
    import os

    from test_precommit import GIT_ENV

    return {**os.environ, **GIT_ENV}


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=_base_env(), check=True,
                          capture_output=True, text=True).stdout


VAULT = "My Vault"
NOTES = {
    ".obsidian/app.json": "{}\n",
    "Packaging.md": "# Packaging\n\nHow to ship.\n",
    "Release notes.md": "# Release notes\n\nSee [[Packagin]] first.\n",
}


def _workspace(tmp_path: Path, notes: dict[str, str] = NOTES) -> Path:
    """A git repository (the checked-out workspace) with the vault in `My Vault/`."""
    workspace = tmp_path / "work space"
    for name, text in notes.items():
        path = workspace / VAULT / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    _git(workspace, "init", "-q", "-b", "main")
    _git(workspace, "add", "-A")
    _git(workspace, "commit", "-qm", "vault")
    return workspace


def test_run_step_checks_a_vault_whose_folder_has_spaces(tmp_path):
    workspace = _workspace(tmp_path)
    proc, outputs = run_step("Run vaultlint", workspace, {"path": VAULT})
    assert proc.returncode == 1, proc.stderr
    assert "::error file=My Vault/Release notes.md,line=3" in proc.stdout, proc.stdout
    assert "LNK001" in proc.stdout and "Packaging" in proc.stdout  # with its suggestion
    assert "sarif-file" not in outputs
    # The cache is where the cache steps save and restore it: `path`/.vaultlint_cache.
    cache_path = expand(STEPS["Restore the vaultlint cache"]["with"]["path"],
                        _context({"path": VAULT}))
    assert cache_path == "My Vault/.vaultlint_cache"
    assert any((workspace / cache_path).iterdir())


def test_args_are_split_like_a_shell(tmp_path):
    workspace = _workspace(tmp_path)
    config = workspace / "ci config" / "vaultlint.toml"
    config.parent.mkdir()
    config.write_text('select = ["final-newline"]\n')
    (workspace / VAULT / "No newline.md").write_text("# No newline\n\ntext")
    args = "--config 'ci config/vaultlint.toml'"
    proc, _ = run_step("Run vaultlint", workspace, {"path": VAULT, "args": args})
    # The quoted config path with a space arrived as one argument: only its rule ran.
    assert proc.returncode == 1, proc.stderr
    assert "FMT003" in proc.stdout and "LNK001" not in proc.stdout, proc.stdout


def test_args_are_never_expanded_or_run(tmp_path):
    workspace = _workspace(tmp_path)
    args = '$(touch pwned) `touch pwned2` "$HOME" ${PATH}'
    proc, _ = run_step("Run vaultlint", workspace, {"path": VAULT, "args": args})
    assert not (workspace / "pwned").exists() and not (workspace / "pwned2").exists()
    assert proc.returncode == 2 and "$(touch: no such file" in proc.stderr  # a literal word


def test_args_with_an_unclosed_quote_fail_the_step(tmp_path):
    workspace = _workspace(tmp_path)
    proc, _ = run_step("Run vaultlint", workspace, {"path": VAULT, "args": '--config "oops'})
    assert proc.returncode != 0 and "No closing quotation" in proc.stderr
    assert "::error" not in proc.stdout  # vaultlint never ran


def test_sarif_input_writes_the_report_and_the_output(tmp_path):
    workspace = _workspace(tmp_path)
    proc, outputs = run_step("Run vaultlint", workspace, {"path": VAULT, "sarif": "true"})
    assert proc.returncode == 1
    assert outputs["sarif-file"] == "vaultlint.sarif"
    sarif = json.loads((workspace / "vaultlint.sarif").read_text())
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} == {"LNK001"}


def test_changed_only_reports_only_what_the_pull_request_changes(tmp_path):
    """A pull-request-like history: origin/main, then a branch changing one note."""
    origin = tmp_path / "origin.git"
    _git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    workspace = _workspace(tmp_path)
    _git(workspace, "remote", "add", "origin", str(origin))
    _git(workspace, "push", "-q", "origin", "main")
    _git(workspace, "checkout", "-q", "-b", "topic")
    (workspace / VAULT / "Packaging.md").write_text("# Packaging\n\nHow to ship.  \n")
    _git(workspace, "commit", "-qam", "edit")
    proc, _ = run_step("Run vaultlint", workspace,
                       {"path": VAULT, "changed-only": "true"}, base_ref="main")
    assert proc.returncode == 1, proc.stderr
    assert "file=My Vault/Packaging.md,line=3" in proc.stdout  # the changed note
    assert "Release notes.md" not in proc.stdout  # its broken link predates the change
    whole, _ = run_step("Run vaultlint", workspace, {"path": VAULT, "changed-only": "true"})
    assert "Release notes.md" in whole.stdout  # on a push (no base ref) the whole vault


def test_clean_vault_passes(tmp_path):
    notes = {**NOTES, "Release notes.md": "# Release notes\n\nSee [[Packaging]] first.\n"}
    proc, _ = run_step("Run vaultlint", _workspace(tmp_path, notes), {"path": VAULT})
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_inputs_reach_scripts_only_through_the_environment():
    """`${{ inputs.x }}` pasted into a script would be run as shell code (script injection)."""
    for step in ACTION["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step["name"]


def test_install_step_pins_the_actions_own_version():
    step = STEPS["Install vaultlint"]
    assert step["env"] == {"ACTION_PATH": "${{ github.action_path }}",
                           "VERSION": "${{ inputs.version }}"}
    assert 'python3 -m pip install "$ACTION_PATH"' in step["run"]  # the action's own revision
    assert 'python3 -m pip install "vaultlint==${VERSION#v}"' in step["run"]  # exactly that one
    assert '"version=$(vaultlint --version' in step["run"]  # feeds the cache key


@pytest.mark.parametrize("version,expected", [("0.1.0", "0.1.0"), ("v0.1.0", "0.1.0")])
def test_version_input_becomes_an_exact_pin(version, expected):
    """The shell expansion the install step uses turns a tag-like input into `==X.Y.Z`."""
    proc = subprocess.run(["bash", "-c", 'echo "vaultlint==${VERSION#v}"'],
                          env={"VERSION": version}, capture_output=True, text=True)
    assert proc.stdout.strip() == f"vaultlint=={expected}"


def test_cache_is_keyed_for_warm_runs():
    restore, save = STEPS["Restore the vaultlint cache"], STEPS["Save the vaultlint cache"]
    context = _context({"path": VAULT})
    key = expand(restore["with"]["key"], context)
    assert key == f"vaultlint-0.1.0-Linux-HASH-{'0' * 40}"  # version, OS, config, commit
    restore_keys = [expand(k, context) for k in restore["with"]["restore-keys"].splitlines()]
    assert len(restore_keys) == 2
    assert all(key.startswith(prefix) for prefix in restore_keys)  # any earlier commit's cache
    assert restore["uses"].startswith("actions/cache/restore@")
    assert save["uses"].startswith("actions/cache/save@")
    assert save["if"].startswith("always()")  # saved even when findings fail the run step
    assert save["with"]["path"] == restore["with"]["path"] == "${{ inputs.path }}/.vaultlint_cache"
    assert save["with"]["key"] == "${{ steps.cache.outputs.cache-primary-key }}"
    assert "hashFiles(format('{0}/.vaultlint.toml', inputs.path)" in restore["with"]["key"]
