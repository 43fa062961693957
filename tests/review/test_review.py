"""The review page: built from translate's report, a reviewed catalog and lint findings; escaped."""

from __future__ import annotations

import json
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from typer.testing import CliRunner

from termguard.cli import _register, app
from termguard.errors import InputError
from termguard.review import (
    Item,
    Review,
    Row,
    Section,
    read_report,
    render_review,
    review_from_catalog,
    review_from_report,
)
from termguard.review.html import pieces

HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)> </textarea>"\''


class _Page(HTMLParser):
    """Tags, attributes and the text of every element with an id, as a browser would read them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.scripts if self._in_script else self.text).append(data)


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def _report(source: str, output: str, note: str) -> dict:
    return {"termguard_report": 1, "source": "a.txt", "from": "de", "to": "en", "model": "tiny",
            "segments": [{"paragraph": 1, "index": 1, "source": source, "output": output,
                          "enforced": [{"concept": "syunik", "source": "Sangesur", "target": "“Zangezur”",
                                        "status": "loaded"}],
                          "loaded": [{"concept": "syunik", "source": "Sangesur", "rendering": "“Zangezur”",
                                      "note": note}],
                          "transliterated": [], "localized": [], "repaired": [],
                          "failures": [{"reason": f"number {HOSTILE} missing", "concept": None, "expected": None,
                                        "source": None}]}]}


def test_hostile_text_renders_as_text_never_as_markup() -> None:
    source = f"Sangesur {HOSTILE}"
    html = render_review(review_from_report(_report(source, f"“Zangezur” {HOSTILE}", HOSTILE)))
    page = _parse(html)
    assert [t for t, _ in page.tags if t == "script"] == ["script"]  # the page's own script only
    assert not [t for t, _ in page.tags if t in ("img", "textarea")]
    assert all(not k.startswith("on") for _, attrs in page.tags for k in attrs)
    assert "alert" not in "".join(page.scripts)
    text = "".join(page.text)
    assert source in text and f"“Zangezur” {HOSTILE}" in text  # shown exactly as written
    assert f"number {HOSTILE} missing" in text and HOSTILE in text
    titles = [a["title"] for t, a in page.tags if t == "mark" and a.get("title")]
    assert any(HOSTILE in (title or "") for title in titles)  # the hover note, as text


def test_page_is_self_contained() -> None:
    html = render_review(review_from_report(_report("Sangesur.", "“Zangezur”.", "note")))
    page = _parse(html)
    assert not [t for t, _ in page.tags if t in ("link", "img", "iframe", "object", "embed")]
    assert not [a for _, a in page.tags if "src" in a or (a.get("href") or "#").split("#")[0]]
    assert "default-src 'none'" in html  # the browser itself refuses anything from outside


def test_pieces_keep_every_character_and_merge_a_shared_span() -> None:
    text = "Paschinjan traf Alijew."
    enforced, repaired, failure = Item("enforced", "e"), Item("verify", "r"), Item("problem", "p")
    out = pieces(text, [((0, 10), enforced, "a"), ((0, 10), repaired, "b"), ((5, 20), failure, "c"),
                        ((30, 40), failure, "d")])
    assert "".join(p.text for p in out) == text
    # the problem claims its span first; the two items on 0..10 overlap it partly and stay in the list only
    assert [(p.text, p.category, p.links) for p in out if p.category] == [("injan traf Alij", "problem", "c")]
    out = pieces(text, [((0, 10), enforced, "a"), ((0, 10), repaired, "b")])
    assert [(p.category, p.links) for p in out if p.category] == [("verify", "b a")]


def test_report_of_a_seed_article_has_linked_loaded_term_with_note(seed_editions: Path) -> None:
    data = read_report(seed_editions / "000_4c22258b9561486f.report.json")
    review = review_from_report(data)
    loaded = [(row, item) for row in review.rows for item in row.items if item.category == "loaded"]
    assert loaded, "the seed article's loaded term must be an item"
    row, item = loaded[0]
    assert item.note and "Syunik" in item.note
    assert item.source_span and row.source[slice(*item.source_span)] == "Sangesur-Korridor"
    assert item.target_span and row.target is not None
    assert row.target[slice(*item.target_span)].casefold() == "zangezur corridor"
    counts = review.counts()
    assert counts["rows"] == data["summary"]["segments"]
    # Problems: every failure, every warning at warning severity, each stage error; an info (a loaded
    # term kept in quotation marks) is the loaded item's rule code, not a problem.
    warnings = [w for s in data["segments"] for w in s["warnings"]]
    assert counts["problem"] == (data["summary"]["failures"] + len(data["errors"])
                                 + sum(1 for w in warnings if w["severity"] != "info"))
    assert counts["loaded"] == data["summary"]["loaded"]
    assert any(w["code"] == "TG102" for w in warnings), "the seed article's quoted loaded term has its info"
    assert item.code == "TG102" and item.severity == "info"
    # The edition check's findings (termguard check SOURCE EDITION) are each on a segment row, with their code.
    shown = {(i.code, i.message) for r in review.rows for i in r.items}
    loaded_codes = {(i.code, i.concept) for r in review.rows for i in r.items if i.category == "loaded"}
    assert data["check"]["findings"]
    for finding in data["check"]["findings"]:
        assert ((finding["code"], finding["message"]) in shown
                or finding["severity"] == "info" and (finding["code"], finding["concept"]) in loaded_codes), finding
    assert all(r.label != "edition" for r in review.rows)  # translate listed each one with its segment
    number = next(i for r in review.rows for i in r.items if i.code == "TG305")
    row = next(r for r in review.rows if number in r.items)
    assert number.target_span and row.target and row.target[slice(*number.target_span)].isdigit()
    enforced = [i for r in review.rows for i in r.items if i.category == "enforced" and i.concept]
    assert enforced and all(i.source_span for i in enforced)  # every enforced term is found in its sentence


def test_qa_findings_in_a_report_keep_their_rule_code_and_severity() -> None:
    data = _report("Der Vertrag läuft 99 Jahre für Sangesur.", "The treaty runs for 9 years for “Zangezur”.", "n")
    segment = data["segments"][0]
    segment["failures"] = [{"code": "TG305", "severity": "error", "reason": "number `99` (99) became `9`",
                            "concept": None, "expected": "99", "source": "99"}]
    segment["warnings"] = [{"code": "TG330", "severity": "warning", "reason": "German quotation marks",
                            "concept": None, "expected": None, "source": None}]
    row = review_from_report(data).rows[0]
    problems = [(i.code, i.severity, i.message) for i in row.items if i.category == "problem"]
    assert problems == [("TG305", "error", "number `99` (99) became `9`"),
                        ("TG330", "warning", "German quotation marks")]
    number = next(i for i in row.items if i.code == "TG305")
    assert number.source_span and row.source[slice(*number.source_span)] == "99"
    html = render_review(review_from_report(data))
    assert '<code class="rule">TG305</code>' in html and '<code class="rule">TG330</code>' in html


def _check_finding(code: str, severity: str, message: str, surface: str, line: int = 1) -> dict:
    return {"path": "a.txt", "line": line, "column": 1, "end_line": line, "end_column": 2, "code": code,
            "rule": "r", "severity": severity, "message": message, "surface": surface, "concept": None,
            "suggestion": None, "note": None, "quoted": False, "lang": "en"}


def test_edition_check_findings_and_stage_errors_are_on_the_page_with_their_codes() -> None:
    data = _report("Der Vertrag läuft 99 Jahre für Sangesur.", "The treaty runs 99 years for “Zangezur” in 2030.", "n")
    segment = data["segments"][0]
    segment["failures"] = []
    segment["warnings"] = [{"code": "TG331", "severity": "warning", "reason": "German typography", "concept": None,
                            "expected": None, "source": "“"}]
    data["check"] = {"findings": [
        _check_finding("TG331", "warning", "German typography", "“"),  # translate listed it on its segment
        _check_finding("TG305", "error", "number `2030` in the edition is not in the source", "2030"),
        _check_finding("TG313", "warning", "edition paragraph 2 has no source paragraph", "", line=3),
    ], "summary": {"findings": 3, "by_severity": {"info": 0, "warning": 2, "error": 1}, "by_code": {}}}
    data["errors"] = [{"code": "TG906", "stage": "write catalog", "message": "catalog.po: cannot merge"}]
    review = review_from_report(data)
    problems = {i.code: (r, i) for r in review.rows for i in r.items if i.category == "problem"}
    assert sorted(problems) == ["TG305", "TG313", "TG331", "TG906"]
    assert review.counts()["problem"] == 4  # the finding translate listed on its segment is counted once
    row, number = problems["TG305"]  # not on any segment: placed on the row whose edition holds it
    assert row.label == "1.1" and row.target and number.target_span
    assert row.target[slice(*number.target_span)] == "2030"
    assert problems["TG313"][0].label == "edition"  # no place in any segment: listed on its own row
    assert problems["TG313"][1].message.startswith("edition line 3: ")
    stage, error = problems["TG906"]
    assert review.rows[0] is stage and "write catalog" in error.message and error.severity == "error"
    assert review.facts["edition check"] == "3 findings (error: 1, warning: 2, info: 0)"
    html = render_review(review)
    for code in ("TG305", "TG313", "TG331", "TG906"):
        assert f'<code class="rule">{code}</code>' in html


def test_transliterated_name_is_marked_verify_in_both_columns(tmp_path: Path, termbase, tiny_engine) -> None:  # type: ignore[no-untyped-def]
    from termguard.translate.pipeline import translate_documents

    article = tmp_path / "a.txt"
    article.write_text("Der georgische Minister Tschachalidse traf Paschinjan in Eriwan.\n", "utf-8")
    translate_documents([article], tmp_path / "out", termbase, tiny_engine)
    row = review_from_report(read_report(tmp_path / "out" / "a.report.json")).rows[0]
    name = next(i for i in row.items if i.category == "verify" and "auto-transliterated" in i.message)
    assert name.source_span and row.source[slice(*name.source_span)] == "Tschachalidse"
    assert row.target is not None and name.target_span
    assert row.target[slice(*name.target_span)] == "Chakhalidze"
    page = _parse(render_review(review_from_report(read_report(tmp_path / "out" / "a.report.json"))))
    marks = [a for t, a in page.tags if t == "mark" and "hl-verify" in (a.get("class") or "")
             and (a.get("title") or "").startswith("auto-transliterated, verify: Tschachalidse")]
    assert len(marks) == 2 and marks[0]["data-links"] == marks[1]["data-links"]  # linked across columns


def test_report_without_model_shows_source_and_says_why(tmp_path: Path, termbase) -> None:  # type: ignore[no-untyped-def]
    from termguard.translate.pipeline import translate_documents

    article = tmp_path / "a.txt"
    article.write_text("Paschinjan traf Alijew in Eriwan.\n\nLawrow kritisierte den Sangesur-Korridor.\n", "utf-8")
    translate_documents([article], tmp_path / "out", termbase, engine=None)
    review = review_from_report(read_report(tmp_path / "out" / "a.report.json"))
    assert all(r.target is None and r.status == "not translated" for r in review.rows)
    assert "No translation model" in review.sections[0].notices[0]
    html = render_review(review)
    assert "(no edition text)" in html and "Sangesur-Korridor" in html


@pytest.mark.parametrize("content, message", [
    ("{not json", "not JSON"),
    ('{"findings": []}', "not a termguard translate report"),
])
def test_bad_report_is_one_input_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "r.report.json"
    path.write_text(content, "utf-8")
    with pytest.raises(InputError, match=message):
        read_report(path)


def _catalog(tmp_path: Path, termbase, entries: dict[str, tuple[str, bool]], kind: str) -> Path:  # type: ignore[no-untyped-def]
    """A review file written by translate (no model), then edited: {source: (translation, reviewed)}."""
    from termguard.translate.pipeline import Options, translate_documents
    from termguard.translate.xliff import read_xliff, xliff_text

    article = tmp_path / "a.txt"
    article.write_text("\n\n".join(entries) + "\n", "utf-8")
    if kind == "xliff":
        path = tmp_path / "review.xlf"
        translate_documents([article], tmp_path / "out", termbase, engine=None, options=Options(xliff=path))
        xliff = read_xliff(path)
        for unit in xliff.units:
            unit.target, unit.reviewed = entries[unit.source]
        path.write_text(xliff_text(xliff), "utf-8")
        return path
    translate_documents([article], tmp_path / "out", termbase, engine=None)
    path = tmp_path / "out" / "a.po"
    catalog = polib.pofile(str(path))
    for entry in catalog:
        msgstr, reviewed = entries[entry.msgid]
        entry.msgstr = msgstr
        if not reviewed:
            entry.flags.append("fuzzy")
    catalog.save(str(path))
    return path


@pytest.mark.parametrize("kind", ["po", "xliff"])
def test_reviewed_catalog_shows_the_edited_text_and_its_problems(tmp_path: Path, termbase, kind: str) -> None:  # type: ignore[no-untyped-def]
    path = _catalog(tmp_path, termbase, {
        "Paschinjan traf Alijew mit 5593 Beamten.": ("Pashinian met Aliyev with 593 officials.", True),
        "Lawrow kritisierte den Sangesur-Korridor.": ("Lavrov criticized the “Zangezur corridor”.", False),
        "Alijew reiste nach Eriwan.": ("", False),
    }, kind)
    review = review_from_catalog(path, termbase)
    rows = {r.source: r for r in review.rows}
    edited = rows["Paschinjan traf Alijew mit 5593 Beamten."]
    assert edited.status == "reviewed" and edited.target == "Pashinian met Aliyev with 593 officials."
    problems = {(i.code, i.message) for i in edited.items if i.category == "problem"}
    # The QA engine of `termguard check` (TG3xx) checks the pair: the term, and the number it changed.
    assert ("TG301", "`Paschinjan` (nikol-pashinyan) is not rendered as `Pashinyan` in the edition; it has the "
            "deprecated form `Pashinian`") in problems
    assert ("TG305", "number `5593` (5,593) became `593`") in problems
    number = next(i for i in edited.items if i.code == "TG305")
    assert edited.target[slice(*number.target_span)] == "593"  # type: ignore[misc]
    # The wrong form is one problem (TG301 names it), not also lint's TG103 at the same place.
    term = next(i for i in edited.items if i.code == "TG301")
    assert edited.target[slice(*term.target_span)] == "Pashinian"  # type: ignore[misc]
    assert "TG103" not in {i.code for i in edited.items}
    loaded = rows["Lawrow kritisierte den Sangesur-Korridor."]
    assert loaded.status is not None and loaded.status.startswith("unreviewed")
    assert [i.category for i in loaded.items if i.category != "enforced"] == ["loaded"]  # faithful: no problem
    assert rows["Alijew reiste nach Eriwan."].target is None
    assert rows["Alijew reiste nach Eriwan."].status == "untranslated"
    assert review.facts["reviewed"] == "1"
    result = _invoke("review", str(path), "-o", str(tmp_path / "page.html"))
    assert result.exit_code == 0, result.output
    assert "Pashinian" in (tmp_path / "page.html").read_text("utf-8")


def _invoke(*args: str):  # type: ignore[no-untyped-def]
    _register()
    return CliRunner().invoke(app, list(args))


def test_cli_review_writes_the_page_and_reports_counts(seed_editions: Path, tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    result = _invoke("review", str(seed_editions / "002_d26d82337f58783c.report.json"), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "segments" in result.output and "loaded" in result.output
    html = out.read_text("utf-8")
    assert "Sangesur" in html and 'class="finding f-loaded"' in html


def test_cli_review_default_name_next_to_the_input(seed_editions: Path, tmp_path: Path) -> None:
    report = tmp_path / "x.report.json"
    report.write_text((seed_editions / "001_64b6a3730c4cd442.report.json").read_text("utf-8"), "utf-8")
    assert _invoke("review", str(report)).exit_code == 0
    assert (tmp_path / "x.review.html").is_file()


@pytest.mark.parametrize("name, content, message", [
    ("r.report.json", "{oops", "not JSON"),
    ("notes.txt", "hello", "cannot review a .txt file"),
    ("missing.report.json", None, "no such report"),
    ("m.report.json", '{"termguard_report": 1, "segments": [{"source": "x", "enforced": [{"source": "x"}]}]}',
     "malformed report"),
])
def test_cli_review_bad_input_is_one_line_and_exit_2(tmp_path: Path, name: str, content: str | None,
                                                     message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, "utf-8")
    result = _invoke("review", str(path), "-o", str(tmp_path / "out.html"))
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out.html").exists()


def test_lint_format_html_shows_each_file_with_its_findings(tmp_path: Path) -> None:
    text = tmp_path / "edition.en.txt"
    text.write_text("Ilham Alyev visited Nakhichevan.\n\nA clean paragraph.\n\n<u>Pashinyan</u> spoke.\n", "utf-8")
    out = tmp_path / "lint.html"
    result = _invoke("lint", str(text), "--lang", "en", "--format", "html", "-o", str(out))
    assert result.exit_code == 1, result.output
    page = _parse(out.read_text("utf-8"))
    assert not [t for t, _ in page.tags if t == "u"] and "<u>Pashinyan</u>" in "".join(page.text)
    marks = [a for t, a in page.tags if t == "mark"]
    assert sum("TG103" in (a.get("title") or "") for a in marks) == 2
    rows = [a for t, a in page.tags if t == "div" and "row" in (a.get("class") or "").split()]
    assert len(rows) == 3 and sum("clean" in (a.get("class") or "") for a in rows) == 2


def test_translate_review_html_writes_a_page_per_article(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Lawrow kritisierte den Sangesur-Korridor.\n", "utf-8")
    result = _invoke("translate", str(article), "-o", str(tmp_path / "out"), "--review-html")
    assert result.exit_code == 3  # no model installed: reports, catalogs and the review pages
    page = (tmp_path / "out" / "a.review.html").read_text("utf-8")
    assert "Sangesur-Korridor" in page and 'class="finding f-loaded"' in page


def test_review_model_rejects_an_unknown_category() -> None:
    with pytest.raises(ValueError, match="unknown review category"):
        Item("nice", "x")
    review = Review("t", [Section("s", [Row("1", "a"), Row("2", "b", "c", [Item("problem", "p")])])])
    assert review.counts()["needs_review"] == 1
    assert json.dumps(review.counts())


def test_findings_without_their_text_are_still_listed() -> None:
    from termguard.lint import lint_text
    from termguard.review import review_from_findings

    text = "Ilham Alyev visited Nakhichevan.\n\nA clean paragraph.\n"
    found = lint_text(text, path="<stdin>", lang="en")
    review = review_from_findings(found, "termguard lint")
    assert [r.items[0].code for r in review.rows] == ["TG103", "TG103"]
    assert "cannot be read again" in review.sections[0].notices[0]
    found = [replace(f, path="edition.txt") for f in found]
    rows = review_from_findings(found, read_text=lambda path: text).rows  # the same findings, text at hand
    assert [r.source for r in rows] == ["Ilham Alyev visited Nakhichevan.", "A clean paragraph."]
    assert [rows[0].source[slice(*i.source_span)] for i in rows[0].items if i.source_span] == ["Alyev",
                                                                                              "Nakhichevan"]


def test_translate_review_html_that_cannot_be_written_costs_nothing_else(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text("Lawrow kritisierte den Sangesur-Korridor.\n", "utf-8")
    (tmp_path / "out" / "a.review.html").mkdir(parents=True)  # where a's page should go: not writable
    result = _invoke("translate", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(tmp_path / "out"),
                     "--review-html")
    assert result.exit_code == 2
    assert "a.review.html: cannot write the review" in result.output and "Traceback" not in result.output
    assert (tmp_path / "out" / "a.report.json").is_file() and (tmp_path / "out" / "b.review.html").is_file()
