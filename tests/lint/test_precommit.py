"""The installed console script and the pre-commit hook, run as real subprocesses."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
MINI = Path(__file__).resolve().parent / "data" / "mini.yaml"
SCRIPT = Path(sys.executable).parent / "termguard"


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "TERMGUARD_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}


@pytest.fixture
def hook() -> dict[str, object]:
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    return hook


def test_hook_definition(hook) -> None:
    assert hook["id"] == "termguard-lint"
    assert hook["language"] == "python"
    assert shlex.split(hook["entry"])[0] == "termguard"  # the console script of this package
    files = re.compile(hook["files"])
    assert files.search("edition/a.md") and files.search("de/LC_MESSAGES/x.po") and files.search("a.txt")
    assert not files.search("script.py")


def test_hook_entry_runs_on_staged_files(hook, tmp_path) -> None:
    if not SCRIPT.exists():
        pytest.skip("termguard console script not installed next to this interpreter")
    (tmp_path / "termguard.toml").write_text(f'termbase = ["{MINI}"]\nno_default_termbase = true\n', "utf-8")
    (tmp_path / "clean.md").write_text("Präsident Alijew besuchte Sjunik.\n", "utf-8")
    (tmp_path / "loaded.txt").write_text("Der Sangesur-Korridor.\n", "utf-8")
    (tmp_path / "tool.py").write_text("print('Sangesur')\n", "utf-8")
    files = re.compile(hook["files"])
    staged = sorted(p.name for p in tmp_path.iterdir() if files.search(p.name))  # what pre-commit passes
    argv = [str(SCRIPT), *shlex.split(hook["entry"])[1:], *hook.get("args", []), *staged]
    done = subprocess.run(argv, cwd=tmp_path, capture_output=True, text=True, env=_env(tmp_path), timeout=120)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines()[0] == ("loaded.txt:1:5: TG101 loaded term `Sangesur-Korridor` "
                                           "(zangezur-corridor); quote and attribute it; write TRIPP where the US "
                                           "project is meant")
    assert "Found 1 finding (1 error) in 2 files." in done.stdout
    (tmp_path / "loaded.txt").write_text("Die Trump-Route durch Sjunik.\n", "utf-8")
    done = subprocess.run(argv, cwd=tmp_path, capture_output=True, text=True, env=_env(tmp_path), timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_console_script_seeds_and_bad_input(tmp_path) -> None:
    """The real executable on the seeds (shipped termbase) plus a missing file: JSON, exit 2, no traceback."""
    if not SCRIPT.exists():
        pytest.skip("termguard console script not installed next to this interpreter")
    done = subprocess.run([str(SCRIPT), "lint", "--format", "json", str(REPO / "seeds"), "missing.txt"],
                          cwd=tmp_path, capture_output=True, text=True, env=_env(tmp_path), timeout=120)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    data = json.loads(done.stdout)
    loaded = [(Path(f["path"]).name[:3], f["surface"], f["code"]) for f in data["findings"]
              if f["code"].startswith("TG10")]
    assert ("002", "Sangesur", "TG102") in loaded
    assert any(f["code"] == "TG901" and f["path"] == "missing.txt" for f in data["findings"])


def test_broken_pipe_is_quiet(tmp_path) -> None:
    if not SCRIPT.exists():
        pytest.skip("termguard console script not installed next to this interpreter")
    for i in range(300):
        (tmp_path / f"{i:03d}.txt").write_text("Sangesur und Sangesur\n" * 20, "utf-8")
    cmd = f"{shlex.quote(str(SCRIPT))} lint . --no-default-termbase -t {shlex.quote(str(MINI))} | head -n 1"
    done = subprocess.run(["sh", "-c", cmd], cwd=tmp_path, capture_output=True, text=True, env=_env(tmp_path),
                          timeout=120)
    assert done.stdout.count("\n") == 1
    assert "Traceback" not in done.stderr
