"""Configuration ([tool.termguard.lint] / termguard.toml [lint]) and inline suppression."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from termguard.config import Config
from termguard.errors import ConfigError
from termguard.lint.settings import CONFIG_KEYS, settings_from_config

DATA = Path(__file__).resolve().parent / "data"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, "utf-8")
    return path


def codes(result) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    assert "Traceback" not in result.output, result.output
    return [(f["path"], f["code"]) for f in json.loads(result.stdout)["findings"]]


def test_pyproject_select_ignore_severity_and_fail_on(cli, tmp_path) -> None:
    write(tmp_path / "pyproject.toml", """
[project]
name = "newsroom"

[tool.termguard.lint]
select = ["TG1"]
extend-select = ["TG201"]
ignore = ["TG103"]
severity = { TG101 = "warning", TG102 = "error" }
fail-on = "error"
""")
    write(tmp_path / "a.txt", "Sangesur, Alyev.\nAlijew und Aliyev.\n")
    result = cli("lint", "a.txt", "-f", "json")
    data = json.loads(result.stdout)["findings"]
    assert [(f["code"], f["severity"]) for f in data] == [("TG101", "warning"), ("TG201", "warning")]
    assert result.exit_code == 0  # fail-on = error
    write(tmp_path / "b.txt", "„Sangesur“\n")
    assert cli("lint", "b.txt").exit_code == 1  # TG102 raised to error


def test_termguard_toml_termbase_lang_and_per_file_ignores(cli, tmp_path) -> None:
    write(tmp_path / "extra.yaml", """concepts:
  - id: khankendi
    kind: place
    terms:
      en: [{term: Stepanakert, status: preferred}, {term: Khankendi, status: loaded}]
    sources: [test]
""")
    write(tmp_path / "termguard.toml", """
[lint]
termbase = ["extra.yaml"]
lang = "en"
per-file-ignores = { "archive/**" = ["TG1"], "quotes.txt" = ["TG102"] }
""")
    write(tmp_path / "now.txt", "Khankendi and Alijew.\n")
    write(tmp_path / "archive" / "2020" / "old.txt", "Khankendi and Alijew.\n")
    write(tmp_path / "quotes.txt", "“Zangezur” and Zangezur\n")
    assert codes(cli("lint", ".", "-f", "json")) == [
        ("./now.txt", "TG101"), ("./now.txt", "TG105"), ("./quotes.txt", "TG101")]


def test_include_exclude_and_gitignore_settings(cli, tmp_path) -> None:
    write(tmp_path / "termguard.toml", """
[lint]
include = ["*.text"]
exclude = ["skip"]
extend-exclude = ["also-skip"]
respect-gitignore = false
""")
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".gitignore", "ignored.text\n")
    for name in ("a.text", "b.txt", "skip/c.text", "also-skip/d.text", "ignored.text"):
        write(tmp_path / name, "Sangesur\n")
    assert {p for p, _ in codes(cli("lint", ".", "-f", "json"))} == {"./a.text", "./ignored.text"}


def test_force_exclude_and_encoding_settings(cli, tmp_path) -> None:
    write(tmp_path / "termguard.toml", '[lint]\nexclude = ["drafts"]\nforce-exclude = true\nencoding = "latin-1"\n')
    write(tmp_path / "drafts" / "a.txt", "Sangesur\n")
    write(tmp_path / "b.txt", "Über Sangesur\n".encode("latin-1"))
    assert codes(cli("lint", "drafts/a.txt", "b.txt", "-f", "json")) == [("b.txt", "TG101")]


def test_command_line_overrides_configuration(cli, tmp_path) -> None:
    write(tmp_path / "termguard.toml", '[lint]\nignore = ["TG101"]\nfail-on = "error"\n')
    write(tmp_path / "a.txt", "Sangesur Alyev\n")
    assert codes(cli("lint", "a.txt", "-f", "json")) == [("a.txt", "TG103")]
    assert cli("lint", "a.txt", "--fail-on", "warning").exit_code == 1
    assert cli("lint", "a.txt").exit_code == 0


def test_explicit_config_option(cli, tmp_path) -> None:
    write(tmp_path / "conf" / "lint.toml", '[lint]\nselect = ["TG103"]\n')
    write(tmp_path / "a.txt", "Sangesur Alyev\n")
    assert codes(cli("lint", "a.txt", "-f", "json", "--config", "conf/lint.toml")) == [("a.txt", "TG103")]


@pytest.mark.parametrize("body, message", [
    ('colour = "red"', "unknown lint setting 'colour'"),
    ('select = ["TG7"]', "unknown rule code or prefix 'TG7'"),
    ('ignore = "TG1xx"', "unknown rule code or prefix"),
    ("select = 3", "lint.select must be a list of strings"),
    ('severity = { TG101 = "loud" }', "unknown severity 'loud'"),
    ('severity = "error"', "must be a table"),
    ('per-file-ignores = { "a/*" = ["TG0"] }', "unknown rule code or prefix 'TG0'"),
    ('lang = "fr"', "unknown language 'fr'"),
    ('fail-on = "fatal"', "unknown severity 'fatal'"),
    ('encoding = "klingon"', "unknown encoding 'klingon'"),
    ('respect-gitignore = "yes"', "must be true or false"),
])
def test_configuration_errors_name_the_file_and_line(cli, tmp_path, body, message) -> None:
    write(tmp_path / "termguard.toml", f"# comment\n[lint]\n{body}\n")
    write(tmp_path / "a.txt", "x\n")
    result = cli("lint", "a.txt")
    assert result.exit_code == 2
    assert re.search(r"termguard: error: .*termguard\.toml:3: .*" + re.escape(message), result.stderr), \
        result.stderr
    assert "Traceback" not in result.output


def test_every_documented_key_is_accepted() -> None:
    values = {"select": ["TG1"], "extend-select": ["TG2"], "ignore": ["TG105"], "severity": {"TG102": "warning"},
              "per-file-ignores": {"x/*": ["TG101"]}, "termbase": ["x.yaml"], "include": ["*.txt"],
              "exclude": ["y"], "extend-exclude": ["z"], "respect-gitignore": False, "force-exclude": True,
              "lang": "en", "encoding": "latin-1", "fail-on": "error"}
    assert set(values) == set(CONFIG_KEYS)
    settings = settings_from_config(Config(path=None, lint=values))
    assert settings.lang == "en" and settings.fail_on == "error" and settings.exclude == ("y", "z")
    assert settings.rules.severity("TG102") == "warning" and not settings.rules.enabled("TG105")
    assert settings.ignored_codes("x/a.txt") == frozenset({"TG101"})
    # snake_case spellings are accepted as well
    assert settings_from_config(Config(lint={"fail_on": "info"})).fail_on == "info"
    with pytest.raises(ConfigError):
        settings_from_config(Config(lint={"fail_on": 3}))


# --- inline suppression -----------------------------------------------------------------------

def test_suppression_on_one_line_of_plain_text(lint) -> None:
    text = ("Sangesur  # termguard: ignore[TG101]\n"
            "Sangesur und Alyev  # termguard: ignore[TG103]\n"
            "Sangesur und Alyev  termguard: ignore\n"
            "Sangesur\n")
    assert [(f.line, f.code) for f in lint(text, "de")] == [(2, "TG101"), (4, "TG101")]


def test_suppression_by_prefix(lint) -> None:
    assert lint("Sangesur Alyev <!-- termguard: ignore[TG1] -->", "de") == []


def test_markdown_comment_suppresses_its_line_or_the_next(lint) -> None:
    text = ("Sangesur <!-- termguard: ignore[TG101] -->\n\n"
            "<!-- termguard: ignore[TG101] -->\n\n"
            "Der Sangesur-Korridor.\n\n"
            "Sangesur bleibt.\n")
    assert [(f.line, f.code) for f in lint(text, "de", path="a.md")] == [(7, "TG101")]


def test_po_comment_suppresses_the_entry(lint) -> None:
    po = ('# termguard: ignore[TG101]\nmsgid "Sangesur"\nmsgstr "Zangezur"\n\n'
          'msgid "Sangesur"\nmsgstr "Zangezur"\n')
    assert [(f.line, f.code) for f in lint(po, path="a.po")] == [(5, "TG101"), (6, "TG101")]


def test_suppression_through_the_cli(cli, tmp_path) -> None:
    write(tmp_path / "a.md", "Sangesur <!-- termguard: ignore[TG101] -->\nSangesur\n")
    assert codes(cli("lint", "a.md", "-f", "json")) == [("a.md", "TG101")]
