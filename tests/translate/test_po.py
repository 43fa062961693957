"""Review catalogs: translate --po → edit → build, and --update keeping reviewed work.

These use :class:`IdentityEngine` (placeholders restored, the rest copied) so they test the
catalog logic alone; test_engine.py runs the same round trip on the real tiny model.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest
from typer.testing import CliRunner

from termguard.cli import _register, app
from termguard.translate.build import build_edition
from termguard.translate.engine import IdentityEngine
from termguard.translate.pipeline import Options, translate_documents
from termguard.translate.po import MACHINE_NOTE, read_catalog

DATA = Path(__file__).parent / "data"
runner = CliRunner()
_register()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    shutil.copy(DATA / "article.txt", path)
    return path


def _translate(article: Path, out: Path, termbase, **options) -> None:  # type: ignore[no-untyped-def]
    translate_documents([article], out, termbase, engine=IdentityEngine(), options=Options(**options))


def test_catalog_entries_are_fuzzy_machine_output_with_references(article: Path, tmp_path: Path, termbase,  # type: ignore[no-untyped-def]
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _translate(article, tmp_path / "out", termbase, po=tmp_path / "all.po")
    catalog = polib.pofile(str(tmp_path / "all.po"))
    assert len(catalog) == 5
    assert all(e.fuzzy and e.msgstr for e in catalog)
    entry = catalog.find("Paschinjans Regierung sprach von einem Durchbruch.")
    assert entry.occurrences == [("article.txt", "2")]
    # the identity engine copies the inline genitive "Pashinyans" (a real model makes it "Pashinyan's")
    assert entry.msgstr == "Pashinyans Regierung sprach von einem Durchbruch."
    assert catalog.percent_translated() == 0  # fuzzy entries count as untranslated in gettext


def test_po_round_trip_translate_edit_build(article: Path, tmp_path: Path, termbase,  # type: ignore[no-untyped-def]
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    po = tmp_path / "review.po"
    _translate(article, tmp_path / "out", termbase, po=po)
    catalog = polib.pofile(str(po))
    title = catalog.find("Paschinjan trifft Alijew in Eriwan")
    title.msgstr, title.flags = "Pashinyan meets Aliyev in Yerevan", []
    last = catalog.find("Lawrow kritisierte den Sangesur-Korridor.")
    last.msgstr, last.flags = "", []
    catalog.save(str(po))

    result = runner.invoke(app, ["build", str(po), "-o", str(tmp_path / "edition.txt")])
    assert result.exit_code == 1, result.output  # written, but one sentence is still German
    assert "still holds 1 source sentence" in result.stderr
    edition = (tmp_path / "edition.txt").read_text("utf-8").splitlines()
    source = article.read_text("utf-8").splitlines()
    assert len(edition) == len(source)  # one paragraph out per paragraph in
    assert edition[0] == "Pashinyan meets Aliyev in Yerevan"
    assert edition[1] == ""
    assert edition[2].startswith("Premierminister Pashinyan traf")  # fuzzy: machine output
    assert edition[5] == "Lawrow kritisierte den Sangesur-Korridor."  # untranslated: source kept, listed
    assert "untranslated: Lawrow kritisierte den Sangesur-Korridor." in result.stderr
    assert "1 reviewed, 3 unreviewed (machine output), 1 untranslated" in result.stderr


def test_update_keeps_reviewed_entries_and_retires_removed_ones(article: Path, tmp_path: Path, termbase,  # type: ignore[no-untyped-def]
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    po = tmp_path / "review.po"
    _translate(article, tmp_path / "out", termbase, po=po)
    catalog = polib.pofile(str(po))
    kept = catalog.find("Paschinjan trifft Alijew in Eriwan")
    kept.msgstr, kept.flags, kept.tcomment = "Pashinyan meets Aliyev in Yerevan", [], "checked by R."
    gone = catalog.find("Lawrow kritisierte den Sangesur-Korridor.")
    gone.msgstr, gone.flags = "Lavrov criticized the so-called Zangezur corridor.", []
    catalog.save(str(po))

    text = article.read_text("utf-8").replace("Lawrow kritisierte den Sangesur-Korridor.",
                                              "Lawrow lobte den Sangesur-Korridor.")
    article.write_text(text, "utf-8")
    result = runner.invoke(app, ["translate", str(article), "-o", str(tmp_path / "out2"), "--update", str(po),
                                 "-q"])
    # no model installed here: the update still runs in review-only mode and keeps everything
    assert result.exit_code == 3
    updated = read_catalog(po)
    entry = updated.find("Paschinjan trifft Alijew in Eriwan")
    assert entry.msgstr == "Pashinyan meets Aliyev in Yerevan" and not entry.fuzzy
    assert entry.tcomment == "checked by R."
    retired = [e for e in updated if e.obsolete]
    assert [(e.msgid, e.msgstr) for e in retired] == [
        ("Lawrow kritisierte den Sangesur-Korridor.", "Lavrov criticized the so-called Zangezur corridor.")]
    new = updated.find("Lawrow lobte den Sangesur-Korridor.")
    assert new is not None and new.msgstr == ""
    # the edited sentence shows its reviewed predecessor, as msgmerge would (#| msgid), plus its translation
    assert new.previous_msgid == "Lawrow kritisierte den Sangesur-Korridor."
    unwrapped = re.sub(r"-\s+", "-", " ".join(new.comment.split()))  # (polib wraps comments at 78)
    assert "Lavrov criticized the so-called Zangezur corridor." in unwrapped
    assert "#| msgid \"Lawrow kritisierte den Sangesur-Korridor.\"" in po.read_text("utf-8")
    # unreviewed machine output of unchanged sentences survives a review-only run
    assert updated.find("Alijew besuchte am 9. Februar 2026 Nachitschewan.").msgstr


def test_update_with_engine_replaces_only_unreviewed(article: Path, tmp_path: Path, termbase,  # type: ignore[no-untyped-def]
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    po = tmp_path / "review.po"
    _translate(article, tmp_path / "out", termbase, po=po)
    catalog = polib.pofile(str(po))
    for entry in catalog:
        entry.msgstr, entry.flags = f"REVIEWED {entry.msgid}", []
        break
    machine = catalog[1].msgstr
    catalog[1].msgstr = "half-edited by a reviewer"  # still fuzzy: an unfinished edit
    catalog.save(str(po))
    _translate(article, tmp_path / "out", termbase, update=po)
    updated = read_catalog(po)
    assert updated[0].msgstr.startswith("REVIEWED") and not updated[0].fuzzy
    # the fuzzy edit survives, still fuzzy (as msgmerge keeps it); this run's output is in a note
    assert updated[1].msgstr == "half-edited by a reviewer" and updated[1].fuzzy
    def flat(text: str) -> str:  # (polib wraps comments at 78)
        return re.sub(r"-\s+", "-", " ".join(text.split()))

    assert flat(MACHINE_NOTE + machine) in flat(updated[1].comment)
    # untouched machine output is simply the same output again: no note
    assert all(MACHINE_NOTE not in e.comment for e in list(updated)[2:])
    assert not [e for e in updated if e.obsolete]


def test_per_document_catalog_is_merged_not_overwritten(article: Path, tmp_path: Path, termbase,  # type: ignore[no-untyped-def]
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    _translate(article, out, termbase)
    catalog = polib.pofile(str(out / "article.po"))
    catalog[0].msgstr, catalog[0].flags = "Human title", []
    catalog.save(str(out / "article.po"))
    reports = translate_documents([article], out, termbase, engine=IdentityEngine())
    assert reports[0].kept_reviewed == 1
    assert polib.pofile(str(out / "article.po"))[0].msgstr == "Human title"


def test_build_from_a_catalog_of_a_markdown_article_keeps_markup(tmp_path: Path, termbase,  # type: ignore[no-untyped-def]
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "a.md"
    shutil.copy(DATA / "article.md", article)
    _translate(article, tmp_path / "out", termbase, po=tmp_path / "a.po")
    result = build_edition(tmp_path / "a.po")
    edition = (tmp_path / "out" / "a.md").read_text("utf-8")
    assert result.text == edition  # the catalog's machine output rebuilds the edition exactly
    assert "```bash\ntermguard translate seeds/ -o editions/   # Paschinjan bleibt hier unverändert\n```" in edition
    assert "[Reuters](https://www.reuters.com/world/armenia-azerbaijan)" in edition
    assert "| Name | Form |\n|------|------|\n| Pashinyan | Pashinyan |" in edition  # cells translated


def test_build_with_unknown_source_is_one_clear_error(tmp_path: Path) -> None:
    po = tmp_path / "x.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: en\\n"\n\n#: gone.txt:1\nmsgid "A"\nmsgstr "B"\n', "utf-8")
    result = runner.invoke(app, ["build", str(po), "-o", str(tmp_path / "e.txt")])
    assert result.exit_code == 2
    assert "references gone.txt, which cannot be found" in result.stderr


def test_broken_po_is_one_clear_error(tmp_path: Path) -> None:
    po = tmp_path / "x.po"
    po.write_text('msgid "A"\nmsgstr "B\n', "utf-8")
    result = runner.invoke(app, ["build", str(po), "-o", str(tmp_path / "e.txt")])
    assert result.exit_code == 2
    assert result.stderr.startswith("termguard: error: ") and "Traceback" not in result.output


def test_build_a_catalog_of_several_articles_into_a_directory(tmp_path: Path, termbase,  # type: ignore[no-untyped-def]
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "src").mkdir()
    shutil.copy(DATA / "article.txt", tmp_path / "src" / "one.txt")
    shutil.copy(DATA / "article.md", tmp_path / "src" / "two.md")
    translate_documents([tmp_path / "src"], tmp_path / "out", termbase, engine=IdentityEngine(),
                        options=Options(po=tmp_path / "all.po"))
    result = runner.invoke(app, ["build", "all.po", "-o", "final/"])
    assert result.exit_code == 0, result.output
    for name in ("one.txt", "two.md"):
        assert (tmp_path / "final" / name).read_text("utf-8") == (tmp_path / "out" / name).read_text("utf-8")
    single = runner.invoke(app, ["build", "all.po", "-o", "x.txt"])
    assert single.exit_code == 2 and "covers 2 articles" in single.stderr


# --- what a translator sees in the catalog's comments ----------------------------------------

SEED_TEXT = """Armenien und Georgien liegen im Südkaukasus. Paschinjan traf Alijew in Eriwan.

Blinken sprach über die abgeschnittene Exklave Bergkarabach. Die Bevölkerung von Bergkarabach floh.

Baku fordert den Sangesur-Korridor, sagte Alijew. Der Sangesur-Korridor soll 41.000 Menschen dienen.
"""


def _review_catalog(tmp_path: Path, termbase, text: str = SEED_TEXT):  # type: ignore[no-untyped-def]
    source = tmp_path / "a.txt"
    source.write_text(text, "utf-8")
    translate_documents([source], tmp_path / "out", termbase, engine=None)
    return polib.pofile(str(tmp_path / "out" / "a.po"))


def test_trivial_termbase_forms_are_not_commented_and_names_are_one_line(tmp_path: Path, termbase) -> None:  # type: ignore[no-untyped-def]
    catalog = _review_catalog(tmp_path, termbase)
    comments = "\n".join(e.comment for e in catalog)
    assert "Armenien → Armenia" not in comments and "Georgien → Georgia" not in comments
    entry = catalog.find("Paschinjan traf Alijew in Eriwan.")
    assert entry.comment.splitlines()[0] == "termbase: Paschinjan → Pashinyan; Alijew → Aliyev; Eriwan → Yerevan"


def test_translation_note_shown_once_with_the_concept_link(tmp_path: Path, termbase) -> None:  # type: ignore[no-untyped-def]
    catalog = _review_catalog(tmp_path, termbase)
    first = catalog.find("Blinken sprach über die abgeschnittene Exklave Bergkarabach.")
    flat = " ".join(first.comment.split())
    assert "'Exklave' is wrong" in flat and "(termguard lookup nagorno-karabakh)" in flat
    second = catalog.find("Die Bevölkerung von Bergkarabach floh.")
    assert "Exklave" not in second.comment and "termguard lookup" not in second.comment


def test_loaded_term_comment_is_short_and_links_once(tmp_path: Path, termbase) -> None:  # type: ignore[no-untyped-def]
    catalog = _review_catalog(tmp_path, termbase)
    first = catalog.find("Baku fordert den Sangesur-Korridor, sagte Alijew.")
    second = catalog.find("Der Sangesur-Korridor soll 41.000 Menschen dienen.")
    for entry in (first, second):
        loaded = [n for n in " ".join(entry.comment.split("\n")).split("LOADED ")[1:]]
        assert len(loaded) == 1 and len(loaded[0]) <= 200 and "TRIPP" in loaded[0]
        assert "Matcher" not in entry.comment and "compound" not in entry.comment
    assert "(termguard lookup zangezur-corridor)" in " ".join(first.comment.split())
    assert "termguard lookup" not in second.comment


def test_localisations_are_shown_in_the_entry(tmp_path: Path, termbase) -> None:  # type: ignore[no-untyped-def]
    catalog = _review_catalog(tmp_path, termbase)
    entry = catalog.find("Der Sangesur-Korridor soll 41.000 Menschen dienen.")
    assert "localised: 41.000 → 41,000" in entry.comment
