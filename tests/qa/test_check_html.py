"""`termguard check --format html`: the edition side by side with its source, each QA finding on its row."""

from __future__ import annotations

import json
import re
from pathlib import Path

from termguard.qa import check_pairings
from termguard.review import review_from_check

SOURCE = ("Paschinjan traf Alijew in Eriwan.\n\n"
          "Der Vertrag läuft 99 Jahre.\n\n"
          "Lawrow kritisierte den Plan am Montag in Moskau vor Journalisten.\n\n"
          "Die Gespräche enden am 12. März.\n")
EDITION = ("Pashinyan met Aliyev in Yerevan.\n\n"
           "The treaty runs for 9 years.\n\n"
           "Lavrov criticised the plan on Monday in Moscow in front of journalists.\n\n"
           "The talks end on 12 March.\n")


def _files(tmp_path: Path, edition_text: str = EDITION) -> tuple[Path, Path]:
    source, edition = tmp_path / "a.de.txt", tmp_path / "a.en.txt"
    source.write_text(SOURCE, "utf-8")
    edition.write_text(edition_text, "utf-8")
    return source, edition


def test_check_review_pairs_each_paragraph_with_its_edition_and_marks_the_findings(tmp_path: Path) -> None:
    source, edition = _files(tmp_path)
    review = review_from_check(check_pairings([str(source), str(edition)]))
    rows = {r.source.split()[0]: r for r in review.rows}
    assert rows["Paschinjan"].target == "Pashinyan met Aliyev in Yerevan." and not rows["Paschinjan"].items
    treaty = rows["Der"]
    assert treaty.target == "The treaty runs for 9 years."
    number = next(i for i in treaty.items if i.code == "TG305")
    assert number.category == "problem" and number.target_span
    assert treaty.target[slice(*number.target_span)] == "9"
    assert [r.source.split()[0] for r in review.rows] == ["Paschinjan", "Der", "Lawrow", "Die"]  # reading order


def test_check_review_shows_each_missing_paragraph_on_its_own_row(tmp_path: Path) -> None:
    # Two paragraphs left out one after the other: both are missing before the same edition paragraph.
    source, edition = _files(tmp_path, "Pashinyan met Aliyev in Yerevan.\n\nThe talks end on 12 March.\n")
    review = review_from_check(check_pairings([str(source), str(edition)]))
    missing = [r for r in review.rows if r.status == "missing in the edition"]
    assert [r.source.split()[0] for r in missing] == ["Der", "Lawrow"]
    assert all(r.target is None and [i.code for i in r.items] == ["TG312"] for r in missing)
    assert [i.message for r in missing for i in r.items][1].endswith("`Lawrow kritisierte den Plan am Montag in "
                                                                     "Moskau vor Journalisten.`")
    assert [r.source.split()[0] for r in review.rows] == ["Paschinjan", "Der", "Lawrow", "Die"]  # reading order


def test_check_format_html_writes_a_page_with_every_finding(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source, edition = _files(tmp_path)
    as_json = cli("check", str(source), str(edition), "--format", "json")
    assert as_json.exit_code == 1
    codes = sorted(f["code"] for f in json.loads(as_json.stdout)["findings"])
    page = tmp_path / "check.html"
    result = cli("check", str(source), str(edition), "--format", "html", "-o", str(page))
    assert result.exit_code == 1, result.output  # the exit code does not depend on the format
    html = page.read_text("utf-8")
    assert html.startswith("<!doctype html>") and "default-src 'none'" in html
    listed = re.findall(r'<li class="finding f-\w+" id="[^"]+" tabindex="-1"><code class="rule">(TG\d+)</code>', html)
    assert sorted(listed) == codes and "TG305" in codes
    assert '<section class="doc two">' in html  # source and edition side by side
    assert re.search(r'<mark class="hl hl-problem" data-links="[^"]+" title="TG305 [^"]*">9</mark>', html)
    assert "Lawrow kritisierte den Plan am Montag" in html


def test_check_format_html_of_a_catalog_marks_the_msgstr(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    po = tmp_path / "a.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "Der Vertrag läuft 99 Jahre."\nmsgstr "The treaty runs for 9 years."\n\n'
                  'msgid "Paschinjan traf Alijew."\nmsgstr "Pashinyan met Aliyev."\n', "utf-8")
    review = review_from_check(check_pairings([str(po)]))
    assert [(r.source, r.target) for r in review.rows] == [
        ("Der Vertrag läuft 99 Jahre.", "The treaty runs for 9 years."),
        ("Paschinjan traf Alijew.", "Pashinyan met Aliyev.")]
    number = next(i for i in review.rows[0].items if i.code == "TG305")
    assert review.rows[0].target[slice(*number.target_span)] == "9"  # type: ignore[index,misc]
    assert review.counts()["problem"] == 1 and not review.rows[1].items
    result = cli("check", str(po), "--format", "html", "-o", str(po))
    assert result.exit_code == 2 and "Traceback" not in result.output  # never over its input
