"""SARIF 2.1.0 (validated against the OASIS schema) and GitHub workflow-command output."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from jsonschema import Draft4Validator

from termguard.lint.rules import load_rules


@pytest.fixture(scope="module")
def sarif_validator() -> Draft4Validator:
    schema = json.loads((resources.files("termguard.lint") / "schemas" / "sarif-schema-2.1.0.json")
                        .read_text("utf-8"))
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema)


def write(path: Path, text: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode())


def test_sarif_validates_and_carries_every_finding(cli, tmp_path, sarif_validator) -> None:
    write(tmp_path / "news" / "a b.txt", "Der Sangesur-Korridor und „Sangesur“.\nAlijew, Aliyev.\n")
    write(tmp_path / "news" / "en.md", "Ilham Alyev in Nakhichevan.\n")
    write(tmp_path / "news" / "bin.txt", b"\x00\x01")
    result = cli("lint", "news", "--format", "sarif")
    log = json.loads(result.stdout)
    errors = sorted(sarif_validator.iter_errors(log), key=str)
    assert not errors, errors[0].message
    assert result.exit_code == 2
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in load_rules()]
    results = run["results"]
    got = [(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
           for r in results]
    assert got == [
        ("TG101", "error", "news/a%20b.txt"), ("TG102", "note", "news/a%20b.txt"),
        ("TG201", "warning", "news/a%20b.txt"), ("TG902", "error", "news/bin.txt"),
        ("TG103", "warning", "news/en.md"), ("TG103", "warning", "news/en.md"),
    ]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 1, "startColumn": 5, "endLine": 1, "endColumn": 22,
                      "snippet": {"text": "Sangesur-Korridor"}}
    assert results[0]["properties"]["concept"] == "zangezur-corridor"
    # no neutral form to suggest: the termbase's advice is in the message instead
    assert results[0]["properties"]["suggestion"] is None and "write TRIPP" in results[0]["message"]["text"]


def test_sarif_with_no_findings_validates(cli, tmp_path, sarif_validator) -> None:
    write(tmp_path / "a.txt", "Nichts.\n")
    log = json.loads(cli("lint", "a.txt", "-f", "sarif").stdout)
    assert not list(sarif_validator.iter_errors(log))
    assert log["runs"][0]["results"] == []


def test_github_annotations(cli, tmp_path) -> None:
    write(tmp_path / "a,b.txt", "Sangesur, „Sangesur“ und Alyev: 100%\n")
    result = cli("lint", "a,b.txt", "--format", "github")
    lines = result.stdout.splitlines()
    assert lines[0] == ("::error file=a%2Cb.txt,line=1,col=1,endLine=1,endColumn=9,title=TG101 loaded-term::"
                        "loaded term `Sangesur` (syunik); neutral form: `Sjunik`")
    assert lines[1].startswith("::notice file=a%2Cb.txt,line=1,col=12,")
    assert lines[2].startswith("::warning ") and "title=TG103 deprecated-term::" in lines[2]
    assert len(lines) == 3
    assert result.exit_code == 1


def test_github_escapes_message_data() -> None:
    import io

    from termguard.lint import Finding, RenderContext, render

    out = io.StringIO()
    finding = Finding("p:1.txt", 1, 1, 1, 2, "TG101", "loaded-term", "error", "50% done\nnext")
    render("github", [finding], out, RenderContext())
    assert out.getvalue() == ("::error file=p%3A1.txt,line=1,col=1,endLine=1,endColumn=2,"
                              "title=TG101 loaded-term::50%25 done%0Anext\n")
