"""The pipeline without a model: review catalogs and reports, nothing invented."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polib
import pytest

from termguard.errors import InputError
from termguard.translate.pipeline import Options, translate_documents

DATA = Path(__file__).parent / "data"


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(DATA / "article.txt", src / "article_txt.txt")
    shutil.copy(DATA / "article.md", src / "article_md.md")
    return src


def test_review_only_writes_catalogs_and_reports_not_editions(articles: Path, tmp_path: Path, termbase) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    before = {p.name: p.read_bytes() for p in articles.iterdir()}
    reports = translate_documents([articles], out, termbase, engine=None, options=Options(full_report=True))
    assert sorted(p.name for p in out.iterdir()) == [
        "article_md.po", "article_md.report.json", "article_txt.po", "article_txt.report.json"]
    assert all(r.model_missing and r.edition is None for r in reports)
    assert {p.name: p.read_bytes() for p in articles.iterdir()} == before  # inputs untouched

    data = json.loads((out / "article_txt.report.json").read_text("utf-8"))
    assert data["model_missing"] is True and data["edition"] is None
    first = data["segments"][0]
    assert first["output"] is None
    assert {(e["source"], e["target"]) for e in first["enforced"]} >= {("Paschinjan", "Pashinyan"),
                                                                       ("Alijew", "Aliyev"), ("Eriwan", "Yerevan")}
    loaded = [item for s in data["segments"] for item in s["loaded"]]
    assert [(x["source"], x["rendering"]) for x in loaded] == [("Sangesur-Korridor", "Zangezur corridor")]
    assert loaded[0]["note"]
    assert any(item["kind"] == "loaded term" for item in data["needs_review"])


def test_review_catalog_has_every_segment_with_empty_msgstr(articles: Path, tmp_path: Path, termbase) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    reports = translate_documents([articles / "article_txt.txt"], out, termbase, engine=None)
    catalog = polib.pofile(str(out / "article_txt.po"))
    assert len(catalog) == reports[0].segments == 5
    assert all(e.msgstr == "" and not e.fuzzy for e in catalog)
    assert catalog.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert catalog.metadata["Language"] == "en"
    korridor = catalog.find("Lawrow kritisierte den Sangesur-Korridor.")
    assert korridor is not None and "LOADED Sangesur-Korridor → “Zangezur corridor”" in korridor.comment
    assert "termbase: Lawrow → Lavrov" in korridor.comment
    assert korridor.occurrences[0][1] == "4"  # the fourth paragraph (non-blank line)


def test_localized_spans_are_listed(articles: Path, tmp_path: Path, termbase) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    translate_documents([articles / "article_md.md"], out, termbase, engine=None, options=Options(full_report=True))
    data = json.loads((out / "article_md.report.json").read_text("utf-8"))
    localized = {(x["source"], x["target"]) for s in data["segments"] for x in s["localized"]}
    assert {("9. Februar 2026", "February 9, 2026"), ("41.000", "41,000"),
            ("11 Millionen US-Dollar", "$11 million")} <= localized
    # nothing in the code block or the code span was matched
    sources = [s["source"] for s in data["segments"]]
    assert not any("Paschinjan bleibt" in s for s in sources)


def test_output_over_an_input_is_refused(articles: Path, termbase) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="refusing to overwrite an input"):
        translate_documents([articles / "article_txt.txt"], articles, termbase, engine=None,
                            options=Options(po=articles / "article_txt.txt"))


def test_same_name_in_two_directories_is_refused(tmp_path: Path, termbase) -> None:  # type: ignore[no-untyped-def]
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "x.txt").write_text("Eriwan.\n", "utf-8")
    with pytest.raises(InputError, match="two inputs are named x.txt"):
        translate_documents([tmp_path / "a", tmp_path / "b"], tmp_path / "out", termbase)


def test_unknown_names_are_listed_as_auto_transliterated(tmp_path: Path, termbase) -> None:  # type: ignore[no-untyped-def]
    article = tmp_path / "n.txt"
    article.write_text("Der Abgeordnete Kusnezow traf Paschinjan in Eriwan.\n", "utf-8")
    reports = translate_documents([article], tmp_path / "out", termbase)
    names = reports[0].data["segments"][0]["transliterated"]
    assert [(n["source"], n["text"], n["note"]) for n in names] == [
        ("Kusnezow", "Kusnetsov", "auto-transliterated, verify")]
    assert reports[0].data["needs_review"] == [
        {"at": "1.1", "kind": "auto-transliterated, verify", "detail": "Kusnezow → Kusnetsov"}]
    entry = polib.pofile(str(tmp_path / "out" / "n.po"))[0]
    assert "auto-transliterated, verify: Kusnezow → Kusnetsov" in entry.comment


def test_transliterated_name_is_protected_with_genitive(termbase) -> None:  # type: ignore[no-untyped-def]
    from termguard.translate.document import Segment
    from termguard.translate.pipeline import analyse_segment
    from termguard.translate.protect import protect
    from termguard.translate.restore import restore

    text = "Kusnezow traf Sachartschenko in Eriwan."
    segment = protect(analyse_segment(Segment(text, 0, len(text)), termbase, Options(), False))
    assert segment.protected == "[1] traf [2] in [3]."
    assert restore("[1] met [2] in [3].", segment.placeholders).text == "Kusnetsov met Sakharchenko in Yerevan."
