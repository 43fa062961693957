"""`termguard check`: the planted-error corpus, PO and XLIFF inputs, formats, exit codes, bad input."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft4Validator

from termguard.qa import check_texts

DATA = Path(__file__).resolve().parent / "data"
PAIRS = sorted({p.name.split(".")[0] for p in (DATA / "pairs").iterdir()})
PLANTED = yaml.safe_load((DATA / "planted.yaml").read_text("utf-8"))
LINE = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<code>TG\d{3}) (?P<msg>.+)$", re.M)


def _pair(name: str) -> tuple[str, str, str]:
    source = next((DATA / "pairs").glob(f"{name}.de.*"))
    target = next((DATA / "pairs").glob(f"{name}.en.*"))
    fmt = "markdown" if source.suffix == ".md" else "text"
    return source.read_text("utf-8"), target.read_text("utf-8"), fmt


@pytest.fixture(scope="module")
def engine():  # type: ignore[no-untyped-def]
    from termguard.qa import engine_for

    return engine_for()


@pytest.mark.parametrize("name", PAIRS)
def test_clean_pairs_have_nothing_at_error_severity(name: str, engine) -> None:  # type: ignore[no-untyped-def]
    source, target, fmt = _pair(name)
    findings = check_texts(source, target, fmt, engine=engine)
    assert [f for f in findings if f.severity == "error"] == []
    assert [f for f in findings if f.severity == "warning"] == []


@pytest.mark.parametrize("case", PLANTED, ids=[c["name"] for c in PLANTED])
def test_each_planted_error_is_found(case: dict, engine) -> None:  # type: ignore[no-untyped-def, type-arg]
    source, target, fmt = _pair(case["pair"])
    assert target.count(case["old"]) == 1, "the planted text must be unambiguous"
    findings = check_texts(source, target.replace(case["old"], case["new"]), fmt, engine=engine)
    assert any(f.code == case["code"] and f.line == case["line"] for f in findings), \
        [(f.code, f.line, f.message) for f in findings]


def test_the_issue_examples_normalise_alike(engine) -> None:  # type: ignore[no-untyped-def]
    source = "Am 9. Februar 2026 kamen 41.000 Menschen; die Route kostet 11 Millionen US-Dollar und läuft 99 Jahre."
    good = "On February 9, 2026, 41,000 people came; the route costs $11 million and runs for 99 years."
    assert check_texts(source, good, engine=engine) == []
    bad = "On February 9, 2026, 41,000 people came; the route costs $11 million and runs for years."
    assert [f.message for f in check_texts(source, bad, engine=engine)] == \
        ["number `99` (99) is missing from the edition"]


def test_amount_in_us_dollars_is_not_the_country(engine) -> None:  # type: ignore[no-untyped-def]
    source = "Die Güter im Wert von 11 Millionen US-Dollar wurden beschafft."
    assert check_texts(source, "The goods worth 11 million US dollars were procured.", engine=engine) == []
    lost = check_texts(source, "The goods worth 11 million were procured.", engine=engine)
    assert [f.code for f in lost] == ["TG305"] and "lost its currency" in lost[0].message


def test_each_occurrence_of_a_term_counts(engine) -> None:  # type: ignore[no-untyped-def]
    source = "Paschinjan traf Alijew. Später sprach Paschinjan allein."
    once = check_texts(source, "Pashinyan met Aliyev. Later he spoke alone.", engine=engine)
    assert [(f.code, f.concept) for f in once] == [("TG301", "nikol-pashinyan")]
    assert "(1 of 2 occurrences)" in once[0].message
    assert check_texts(source, "Pashinyan met Aliyev. Later Pashinyan spoke alone.", engine=engine) == []
    substring = check_texts("Paschinjan kam.", "Pashinyanov came.", engine=engine)
    assert "TG301" in [f.code for f in substring]  # a word, not a substring


@pytest.mark.parametrize("target, left", [
    ("Paschinjan met Aliyev.", "German form `Paschinjan`"),
    ("Pashinian met Aliyev.", "deprecated form `Pashinian`"),
])
def test_a_wrong_form_in_the_edition_is_one_finding(target: str, left: str, engine) -> None:  # type: ignore[no-untyped-def]
    # lint alone reports the form (TG105 German / TG103 deprecated); against the source the same
    # place is a missing term (TG301), which names the form: one problem, one line.
    findings = check_texts("Paschinjan traf Alijew.", target, engine=engine)
    assert [(f.code, f.column) for f in findings] == [("TG301", 1)]
    assert left in findings[0].message
    from termguard.lint.formats import FORMATS

    linted = engine.checker.check(FORMATS["text"]("<edition>", target, "en"))
    assert [f.code for f in linted] in (["TG105"], ["TG103"])  # what the TG301 stands for


@pytest.mark.parametrize("source, target, expected", [
    ("Im Mai traf Paschinjan Alijew.", "In June Pashinyan met Aliyev.", ["date `Mai` (May) became `June`"]),
    ("Im Mai traf Paschinjan Alijew.", "Pashinyan met Aliyev.", ["date `Mai` (May) is missing from the edition"]),
    ("Paschinjan traf Alijew.", "In May Pashinyan met Aliyev.", ["date `May` in the edition is not in the source"]),
    ("Im Mai traf Paschinjan Alijew.", "In May Pashinyan met Aliyev.", []),
    ("Am 14. und 15. Mai tagten sie; im Mai kam Paschinjan.", "On May 14 and 15 they met; in May Pashinyan came.", []),
    ("Paschinjan möge kommen.", "May Pashinyan come.", []),  # the verb, not the month
])
def test_a_month_alone_is_a_date(source: str, target: str, expected: list[str], engine) -> None:  # type: ignore[no-untyped-def]
    assert [f.message for f in check_texts(source, target, engine=engine)] == expected


def test_paragraph_counts_that_differ_are_aligned_by_length(engine) -> None:  # type: ignore[no-untyped-def]
    source, target, _ = _pair("peace")
    lines = target.split("\n")
    merged = "\n".join([*lines[:3], lines[3] + " " + lines[4], *lines[5:]])
    findings = check_texts(source, merged, engine=engine)
    assert [f.code for f in findings] == ["TG314"]
    assert "merged into one" in findings[0].message


# --- PO and XLIFF --------------------------------------------------------------------------------

def test_po_catalog_pairs_and_lines(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("check", str(DATA / "reviewed.po"))
    found = [(int(m["line"]), m["code"]) for m in LINE.finditer(result.stdout)]
    assert (18, "TG301") in found and (19, "TG305") in found  # the msgstr lines of the entry
    assert (27, "TG310") in found and (31, "TG311") in found
    assert not any(code == "TG305" and line > 31 for line, code in found)  # suppressed by its comment
    assert result.exit_code == 1


@pytest.mark.parametrize("name, expected", [
    ("units-1.2.xlf", {(11, "TG305"), (11, "TG341")}),  # the <target> line
    ("units-2.0.xlf", {(13, "TG305"), (13, "TG341")}),
])
def test_xliff_units(cli, name: str, expected: set[tuple[int, str]]) -> None:  # type: ignore[no-untyped-def]
    result = cli("check", str(DATA / name))
    assert {(int(m["line"]), m["code"]) for m in LINE.finditer(result.stdout)} == expected
    assert result.exit_code == 1


# --- formats, exit codes, configuration ----------------------------------------------------------

def test_output_formats_are_lints(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source, target, _ = _pair("trade")
    (tmp_path / "a.de.txt").write_text(source, "utf-8")
    (tmp_path / "a.en.txt").write_text(target.replace("$11 million", "11 million"), "utf-8")
    data = json.loads(cli("check", "a.de.txt", "a.en.txt", "--format", "json").stdout)
    assert [f["code"] for f in data["findings"]] == ["TG305"]
    assert data["summary"]["by_code"] == {"TG305": 1}
    sarif = json.loads(cli("check", "a.de.txt", "a.en.txt", "--format", "sarif").stdout)
    assert sarif["runs"][0]["results"][0]["ruleId"] == "TG305"
    schema = json.loads((resources.files("termguard.lint") / "schemas" / "sarif-schema-2.1.0.json").read_text("utf-8"))
    assert not list(Draft4Validator(schema).iter_errors(sarif))  # the OASIS schema, as lint's SARIF
    github = cli("check", "a.de.txt", "a.en.txt", "--format", "github").stdout
    assert github.startswith("::error file=a.en.txt,line=2,")
    text = cli("check", "a.de.txt", "a.en.txt").stdout
    assert "      1  TG305  number-mismatch (error)" in text  # counts per rule under the summary
    assert cli("check", "a.de.txt", "a.en.txt", "--ignore", "TG305").exit_code == 0
    assert cli("check", "a.de.txt", "a.en.txt", "--severity", "TG305=info").exit_code == 0


def test_configuration_and_inline_suppression(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source, target, _ = _pair("trade")
    (tmp_path / "a.de.txt").write_text(source, "utf-8")
    planted = target.replace("Upper Lars border crossing", "Upper Lars Grenzübergang")
    (tmp_path / "a.en.txt").write_text(planted, "utf-8")
    assert cli("check", "a.de.txt", "a.en.txt").exit_code == 1  # TG320 is a warning; fail-on warning
    (tmp_path / "termguard.toml").write_text('[lint]\nfail-on = "error"\n', "utf-8")
    assert cli("check", "a.de.txt", "a.en.txt").exit_code == 0
    (tmp_path / "termguard.toml").write_text('[lint]\nignore = ["TG3"]\n', "utf-8")
    assert "No findings" in cli("check", "a.de.txt", "a.en.txt").stdout
    (tmp_path / "termguard.toml").unlink()
    lines = planted.split("\n")
    lines[1] += "  <!-- termguard: ignore[TG320] -->"
    (tmp_path / "a.en.txt").write_text("\n".join(lines), "utf-8")
    assert cli("check", "a.de.txt", "a.en.txt").exit_code == 0


# --- bad input: one line, file and line, exit 2 --------------------------------------------------

@pytest.mark.parametrize("name, text, where", [
    ("bad.po", 'msgid "Eins"\nmsgstr "One\n', "bad.po:2:"),
    ("bad.xlf", '<xliff version="1.2"><file><body><trans-unit id="1">\n<source>x</source>\n</body></xliff>',
     "bad.xlf:3:"),
    ("bomb.xlf", '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n'
                 '<xliff version="1.2"><file><body><trans-unit id="1"><source>&b;</source></trans-unit>'
                 '</body></file></xliff>', "bomb.xlf: XLIFF with forbidden XML"),
    ("notxliff.xlf", "<html><body/></html>", "notxliff.xlf:1: not an XLIFF file"),
])
def test_malformed_catalogs_are_one_line_errors(cli, tmp_path: Path, name: str, text: str,  # type: ignore[no-untyped-def]
                                                where: str) -> None:
    (tmp_path / name).write_text(text, "utf-8")
    result = cli("check", name)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"termguard: error: {where}"), result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args, message", [
    (["a.de.txt"], "check compares a SOURCE and a TARGET file"),
    (["a.de.txt", "x.po"], "a PO or XLIFF file holds both sides"),
    (["a.de.txt", "missing.txt"], "missing.txt: no such file"),
    (["a.en.txt", "a.de.txt"], "SOURCE comes first"),
])
def test_mismatched_inputs_are_one_line_errors(cli, tmp_path: Path, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    source, target, _ = _pair("trade")
    (tmp_path / "a.de.txt").write_text(source, "utf-8")
    (tmp_path / "a.en.txt").write_text(target, "utf-8")
    (tmp_path / "x.po").write_text('msgid "a"\nmsgstr "a"\n', "utf-8")
    result = cli("check", *args)
    assert result.exit_code == 2 and message in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("source, target", [
    ("In der 2. Runde am 2. Oktober gewann er mit 3,5 Prozent.",
     "In the second round on October 2, he won with 3.5 percent."),
    ("Um 20 Uhr sprachen 1,5 Millionen Menschen über 500 Euro.", "At 8 p.m., 1.5 million people talked about €500."),
    ("Das Budget beträgt 1,2 Milliarden US-Dollar.", "The budget is $1.2bn."),
    ("Mitte der 1990er Jahre, von 2020 bis 2022, zwei Kriege.", "In the mid-1990s, from 2020 to 2022, two wars."),
    ("Der Vertrag Nr. 123 wurde 1921 in Kars unterzeichnet.", "Treaty No. 123 was signed in Kars in 1921."),
    ("Er sagte: „Wir sind bereit.“ Dann ging er.", "He said: “We are ready.” Then he left."),
    ("Paschinjans Regierung kritisierte Moskau scharf.", "Pashinyan's government sharply criticized Moscow."),
    ("Das Treffen in Genf am 14. und 15. Mai war erfolgreich.",
     "The meeting in Geneva on May 14 and 15 was successful."),
    ("Die Inflation lag im Januar bei 7 %.", "Inflation stood at 7% in January."),
    ("Am 9. Februar 2026 stieg der Anteil auf 12,5 Prozent, teilte die Organisation mit.",
     "On 9 February 2026 the share rose to 12.5 per cent, the organisation said."),
    ("Der Sprecher des Kremls, Dmitri Peskow, widersprach.", "Kremlin spokesman Dmitry Peskov disagreed."),
    ("Die Ministerin Annalena Baerbock reiste nach Jerewan.", "Minister Annalena Baerbock travelled to Yerevan."),
    ("Er zitierte den Bericht „Armenia at a crossroads“.", "He quoted the report “Armenia at a crossroads”."),
])
def test_faithful_translations_are_clean(source: str, target: str, engine) -> None:  # type: ignore[no-untyped-def]
    """Ordinals, ranges, times, scales, British spelling, names the termbase does not know: no findings."""
    assert check_texts(source, target, engine=engine) == []
