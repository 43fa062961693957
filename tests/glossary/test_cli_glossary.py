"""`termguard glossary validate|list`."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from termguard.cli import _register, app

_register()
runner = CliRunner()


def test_validate_shipped_termbase():
    result = runner.invoke(app, ["glossary", "validate"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("OK: ")


def test_validate_reports_file_and_line_and_exits_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("concepts:\n  - id: x\n    kind: person\n    terms: {en: [{term: X, status: preferred}]}\n"
                   "    sources: [a]\n    see_also: [nowhere]\n", "utf-8")
    result = runner.invoke(app, ["glossary", "validate", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:2: concept x: see_also 'nowhere'" in result.output


def test_list_filters_by_kind_and_contested():
    result = runner.invoke(app, ["glossary", "list", "--contested", "--json"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all(r["contested"] for r in rows)
    assert "syunik" in {r["id"] for r in rows}
    result = runner.invoke(app, ["glossary", "list", "--kind", "person", "--json"])
    assert {json.loads(line)["kind"] for line in result.stdout.splitlines()} == {"person"}
    assert runner.invoke(app, ["glossary", "list", "--kind", "planet"]).exit_code == 2


def test_validate_warns_about_unsourced_concepts_and_strict_fails(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("concepts:\n  - id: x\n    kind: person\n    terms: {en: [{term: X, status: preferred}]}\n"
                    "    sources: [Reuters style]\n", "utf-8")
    result = runner.invoke(app, ["glossary", "validate", str(path)])
    assert result.exit_code == 0, result.output
    assert f"warning: {path}:2: concept x: no checkable source" in result.output
    assert "1 without a checkable source" in result.stdout
    result = runner.invoke(app, ["glossary", "validate", "--strict", str(path)])
    assert result.exit_code == 2
    assert f"{path}:2: concept x: no checkable source" in result.output


def test_validate_strict_passes_on_the_shipped_termbase():
    result = runner.invoke(app, ["glossary", "validate", "--strict"])
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
