"""The `termguard check` examples in README.md and docs/check.md are real runs: re-run them."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
PROMPT = re.compile(r"^\$ (termguard check tests/\S+.*)$")


def _examples() -> list[tuple[str, str, list[str]]]:
    found = []
    for doc in ("README.md", "docs/check.md"):
        lines = (ROOT / doc).read_text("utf-8").split("\n")
        for i, line in enumerate(lines):
            m = PROMPT.match(line)
            if not m:
                continue
            output = []
            for follow in lines[i + 1:]:
                if follow.startswith(("$ ", "```")) or follow == "":
                    break
                output.append(follow)
            found.append((doc, m.group(1), output))
    return found


@pytest.mark.parametrize("doc, command, output", _examples(), ids=lambda v: v if isinstance(v, str) else "")
def test_documented_check_runs_say_what_they_say(doc: str, command: str, output: list[str], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from termguard.cli import _register, app

    _register()
    monkeypatch.chdir(ROOT)
    command, _, echo = command.partition(";")
    result = CliRunner().invoke(app, shlex.split(command)[1:])
    expected = [line for line in output if not (echo and line.startswith("exit "))]
    shown = [line for line in result.stdout.rstrip("\n").split("\n")]
    if expected and expected[-1] == "...":
        shown = shown[:len(expected) - 1] + ["..."]
    assert shown == expected, doc
    if echo:
        assert f"exit {result.exit_code}" in output
