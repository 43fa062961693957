"""One QA engine: what `translate` reports about an edition is what `termguard check SOURCE EDITION`
and `termguard lint --lang en EDITION` say about it, on the five seeds and the QA test corpus,
translated by the tiny genuine model (tests/fixtures/model/)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from termguard.cli import _register, app
from termguard.translate.pipeline import Options, translate_documents

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "qa" / "data" / "pairs").glob("*.de.*"))
runner = CliRunner()
_register()


@pytest.fixture(scope="module")
def editions(tiny_engine, termbase, tmp_path_factory):  # type: ignore[no-untyped-def]
    """Every source translated once: {source: (edition, report data)}."""
    work = tmp_path_factory.mktemp("editions")
    inputs = []
    for source in SOURCES:
        copy = work / "in" / source.name
        copy.parent.mkdir(exist_ok=True)
        shutil.copy(source, copy)
        inputs.append(copy)
    reports = translate_documents(inputs, work / "out", termbase, tiny_engine, Options())
    return {r.source: (r.edition, r.data) for r in reports}


def _cli_findings(*args: str) -> tuple[int, list[dict]]:  # type: ignore[type-arg]
    result = runner.invoke(app, [*args, "--format", "json"])
    return result.exit_code, json.loads(result.stdout)["findings"]


def _key(f: dict) -> tuple:  # type: ignore[type-arg]
    return f["code"], f["line"], f["column"], f["message"]


@pytest.mark.parametrize("name", [s.name for s in SOURCES])
def test_translate_reports_what_check_and_lint_find(editions, name: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    source, (edition, data) = next((s, v) for s, v in editions.items() if s.name == name)
    monkeypatch.chdir(edition.parent)  # findings name the edition as the report does
    exit_check, checked = _cli_findings("check", str(source), edition.name)
    reported = data["check"]["findings"]
    assert sorted(map(_key, checked)) == sorted(map(_key, reported))
    # lint --lang en's errors are among them (a loaded term the source quoted is TG302 there).
    _, linted = _cli_findings("lint", "--lang", "en", edition.name)
    at = {(f["line"], f["column"]) for f in reported}
    assert all((f["line"], f["column"]) in at for f in linted if f["severity"] == "error")
    # Whatever check calls an error is in the report's segments too (and so in the PO comments).
    segment_codes = {f["code"] for s in data["segments"] for f in s["failures"]}
    assert {f["code"] for f in reported if f["severity"] == "error"} <= segment_codes
    po = edition.with_suffix(".po").read_text("utf-8")
    assert all(f"CHECK: {f['code']}" in po for f in reported if f["severity"] == "error")
    # An edition translate reports clean is clean for check and lint.
    if not any(f["severity"] == "error" for f in reported):
        assert runner.invoke(app, ["check", str(source), edition.name, "--fail-on", "error"]).exit_code == 0
        assert runner.invoke(app, ["lint", "--lang", "en", edition.name, "--fail-on", "error"]).exit_code == 0
    else:
        assert exit_check == 1 and data["summary"]["failed_segments"] > 0
