"""`termguard lint` on the command line: formats, exit codes, options, stdin."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from termguard.lint import FINDING_KEYS

LINE = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<code>TG\d{3}) (?P<msg>.+)$", re.M)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def test_text_format_lines_and_summary(cli, tmp_path) -> None:
    write(tmp_path / "a.txt", "Der Sangesur-Korridor.\nPräsident Alijew.\n")
    write(tmp_path / "b.txt", "The “Zangezur” quote by Alyev.\n")
    result = cli("lint", "a.txt", "b.txt", "--lang", "auto")
    found = [(m["path"], int(m["line"]), int(m["col"]), m["code"]) for m in LINE.finditer(result.stdout)]
    assert found == [("a.txt", 1, 5, "TG101"), ("b.txt", 1, 6, "TG102"), ("b.txt", 1, 25, "TG103")]
    assert "Found 3 findings (1 error, 1 warning, 1 info) in 2 files." in result.stdout
    assert result.exit_code == 1
    assert "\x1b[" not in result.stdout  # no colour when not on a terminal


def test_colour_can_be_forced(cli, tmp_path) -> None:
    write(tmp_path / "a.txt", "Sangesur\n")
    assert "\x1b[" in cli("lint", "a.txt", "--color", "always").stdout


def test_show_notes(cli, tmp_path) -> None:
    write(tmp_path / "a.txt", "Sangesur\n")
    assert "    note: Armenian province" in cli("lint", "a.txt", "--show-notes").stdout


def test_json_format_has_documented_keys(cli, tmp_path) -> None:
    write(tmp_path / "a.txt", "Ilham Alyev in Nakhichevan, ‚Sangesur‘.\n")
    result = cli("lint", "a.txt", "--format", "json", "--lang", "en")
    data = json.loads(result.stdout)
    assert list(data) == ["findings", "summary"]
    assert [list(f) for f in data["findings"]] == [list(FINDING_KEYS)] * 3
    first = data["findings"][0]
    assert (first["code"], first["surface"], first["suggestion"], first["line"], first["column"],
            first["end_column"]) == ("TG103", "Alyev", "Aliyev", 1, 7, 12)
    assert data["summary"] == {"files": 1, "findings": 3, "by_severity": {"info": 1, "warning": 2, "error": 0},
                               "by_code": {"TG102": 1, "TG103": 2}}
    assert result.exit_code == 1


def test_json_format_with_no_findings_is_valid(cli, tmp_path) -> None:
    write(tmp_path / "a.txt", "Nichts zu melden.\n")
    result = cli("lint", "a.txt", "--format", "json")
    assert json.loads(result.stdout)["findings"] == []
    assert result.exit_code == 0


@pytest.mark.parametrize("text, fail_on, code", [
    ("Nichts.", "warning", 0),
    ("„Sangesur“", "warning", 0),       # info only
    ("„Sangesur“", "info", 1),
    ("Alyev", "warning", 1),
    ("Alyev", "error", 0),
    ("Sangesur", "error", 1),
    ("Sangesur", "none", 0),
])
def test_exit_code_follows_fail_on(cli, tmp_path, text, fail_on, code) -> None:
    write(tmp_path / "a.txt", text + "\n")
    assert cli("lint", "a.txt", "--fail-on", fail_on).exit_code == code


def test_usage_errors_exit_2_with_one_line(cli, tmp_path) -> None:
    write(tmp_path / "a.txt", "x\n")
    for args in (["--format", "xml"], ["--lang", "fr"], ["--fail-on", "fatal"], ["--select", "TG7"],
                 ["--severity", "TG101"], ["--severity", "TG101=loud"], ["--encoding", "no-such-codec"]):
        result = cli("lint", "a.txt", *args)
        assert result.exit_code == 2, args
        assert "Traceback" not in result.output


def test_select_ignore_and_severity_options(cli, tmp_path) -> None:
    write(tmp_path / "a.txt", "Sangesur und Alyev, „Sangesur“.\n")
    def got(*args: str) -> list[str]:  # noqa: E306
        return [m["code"] for m in LINE.finditer(cli("lint", "a.txt", *args).stdout)]
    assert got() == ["TG101", "TG103", "TG102"]
    assert got("--select", "TG101") == ["TG101"]
    assert got("--ignore", "TG101,TG102") == ["TG103"]
    assert got("--select", "TG2", "--extend-select", "TG103") == ["TG103"]
    result = cli("lint", "a.txt", "--severity", "TG101=info", "--severity", "TG103=info")
    assert result.exit_code == 0 and "(3 info)" in result.stdout


def test_stdin(cli) -> None:
    result = cli("lint", "-", "--lang", "en", input=b"Alyev\n")
    assert result.stdout.startswith("<stdin>:1:1: TG103 ")
    result = cli("lint", "-", "--stdin-filename", "x.md", input=b"`Sangesur` Sangesur\n")
    assert [m["col"] for m in LINE.finditer(result.stdout)] == ["12"]
    assert result.stdout.startswith("x.md:1:12: TG101")


def test_output_file(cli, tmp_path) -> None:
    write(tmp_path / "a.txt", "Sangesur\n")
    result = cli("lint", "a.txt", "--format", "json", "--output", "report.json")
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads((tmp_path / "report.json").read_text("utf-8"))["summary"]["findings"] == 1


def test_default_path_is_the_current_directory(cli, tmp_path) -> None:
    write(tmp_path / "sub" / "a.md", "Sangesur\n")
    assert "sub/a.md:1:1: TG101" in cli("lint").stdout
