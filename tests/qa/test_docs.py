"""The `termguard check` examples in README.md and docs/check.md are real runs: re-run them."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
PROMPT = re.compile(r"^\$ (termguard check tests/\S+.*)$")
#: A documented translate run whose edition a later check example reads (``--output /tmp/DIR``).
TRANSLATE = re.compile(r"^\$ (termguard translate tests/\S+ --output (/tmp/\S+) .*)$")


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


def _translate_runs(doc: str) -> dict[str, tuple[str, list[str]]]:
    """The output directory of each documented translate run → (command, the `cat` output shown for
    a file in it, as ``name\nline...``) so that a check example reading it can run it first."""
    lines = (ROOT / doc).read_text("utf-8").split("\n")
    runs: dict[str, tuple[str, list[str]]] = {}
    for i, line in enumerate(lines):
        m = TRANSLATE.match(line)
        if not m:
            continue
        shown: list[str] = []
        for j, follow in enumerate(lines[i + 1:], i + 1):
            if follow.startswith(f"$ cat {m.group(2)}/"):
                body = []
                for text in lines[j + 1:]:
                    if text.startswith(("$ ", "```")):
                        break
                    body.append(text)
                shown = [follow[len("$ cat "):], *body]
                break
            if follow.startswith("```"):
                break
        runs[m.group(2)] = (m.group(1), shown)
    return runs


@pytest.mark.parametrize("doc, command, output", _examples(), ids=lambda v: v if isinstance(v, str) else "")
def test_documented_check_runs_say_what_they_say(doc: str, command: str, output: list[str], monkeypatch,  # type: ignore[no-untyped-def]
                                                 tmp_path: Path) -> None:
    from termguard.cli import _register, app

    _register()
    monkeypatch.chdir(ROOT)
    for directory, (translate, shown_file) in _translate_runs(doc).items():
        if directory not in command:
            continue
        # the documented translate run first (into a private directory), its edition as the doc shows it
        private = str(tmp_path / Path(directory).name)
        run = CliRunner().invoke(app, shlex.split(translate.replace(directory, private))[1:])
        assert run.exit_code in (0, 1), run.output  # 1: a segment failed verification, as the doc shows
        if shown_file:
            written = Path(shown_file[0].replace(directory, private)).read_text("utf-8")
            assert written.rstrip("\n").split("\n") == shown_file[1:], doc
        command = command.replace(directory, private)
        output = [line.replace(directory, private) for line in output]
    command, _, echo = command.partition(";")
    result = CliRunner().invoke(app, shlex.split(command)[1:])
    expected = [line for line in output if not (echo and line.startswith("exit "))]
    shown = [line for line in result.stdout.rstrip("\n").split("\n")]
    if expected and expected[-1] == "...":
        shown = shown[:len(expected) - 1] + ["..."]
    assert shown == expected, doc
    if echo:
        assert f"exit {result.exit_code}" in output
