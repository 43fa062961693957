"""XLIFF review files: translate --xliff → edit in a CAT tool → build, --update keeping reviewed work,
both versions valid against the OASIS schemas and read by Translate Toolkit, hostile files refused.

Most tests use :class:`IdentityEngine` (placeholders restored, the rest copied) so they test the
XLIFF logic alone; the last one runs the round trip on the real tiny model.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from termguard.cli import _register, app
from termguard.translate.engine import IdentityEngine
from termguard.translate.pipeline import Options, translate_documents
from termguard.translate.xliff import MACHINE_SUBSTATE, NS_12, NS_20, NS_GLS, read_xliff

DATA = Path(__file__).parent / "data"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SCHEMAS = Path(__file__).resolve().parents[1] / "fixtures" / "xliff"
runner = CliRunner()
_register()

SENTENCES = ["Paschinjan trifft Alijew in Eriwan", "Premierminister Paschinjan traf am Montag Präsident Alijew "
             "in Eriwan.", "Paschinjans Regierung sprach von einem Durchbruch.",
             "Alijew besuchte am 9. Februar 2026 Nachitschewan.", "Lawrow kritisierte den Sangesur-Korridor."]


@pytest.fixture
def article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "article.txt"
    shutil.copy(DATA / "article.txt", path)
    return path


def _translate(article: Path, termbase, machine: bool = True, **options) -> None:  # type: ignore[no-untyped-def]
    translate_documents([article], article.parent / "out", termbase, engine=IdentityEngine() if machine else None,
                        options=Options(**options))


# --- the OASIS schemas --------------------------------------------------------------------------

def _schema(version: str):  # type: ignore[no-untyped-def]
    from lxml import etree

    class Local(etree.Resolver):
        """xml.xsd from the fixtures, whatever location a schema names it by; nothing is fetched."""

        def resolve(self, url, pubid, context):  # type: ignore[no-untyped-def]
            if url.endswith("xml.xsd"):
                return self.resolve_filename(str(SCHEMAS / "xml.xsd"), context)
            return None

    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(Local())
    name = "xliff-core-1.2-strict.xsd" if version == "1.2" else "xliff-core-2.0.xsd"
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name), parser))


def assert_valid(path: Path, version: str) -> None:
    from lxml import etree

    schema = _schema(version)
    document = etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False))
    assert schema.validate(document), "\n".join(str(e) for e in schema.error_log)


def test_the_shipped_schemas_are_the_oasis_files() -> None:
    digests = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in SCHEMAS.glob("*.xsd")}
    assert digests == {
        "xliff-core-1.2-strict.xsd": "be380cd73e632f358f8082b4304d435282494e5a01a3432639610568b323d552",
        "xliff-core-2.0.xsd": "86869fdd384cc4c0bfda9097ded6b2058ccdc027973d5ce6177fceac17e96f89",
        "xml.xsd": "4811c301144dd763dca0cd9f8d0b4029c0a4ad1d84c73132c2531ec5f06ac340",
    }


def test_the_schemas_reject_what_the_standard_forbids(tmp_path: Path) -> None:
    """The validation can fail: a 1.2 trans-unit without <source>, a 2.0 state outside the list."""
    bad12 = tmp_path / "bad12.xlf"
    bad12.write_text(f'<xliff xmlns="{NS_12}" version="1.2"><file original="a" source-language="de" '
                     'datatype="plaintext"><body><trans-unit id="1"><target>x</target></trans-unit></body>'
                     '</file></xliff>', "utf-8")
    bad20 = tmp_path / "bad20.xlf"
    bad20.write_text(f'<xliff xmlns="{NS_20}" version="2.0" srcLang="de"><file id="f"><unit id="u">'
                     '<segment state="approved"><source>x</source></segment></unit></file></xliff>', "utf-8")
    with pytest.raises(AssertionError):
        assert_valid(bad12, "1.2")
    with pytest.raises(AssertionError):
        assert_valid(bad20, "2.0")


@pytest.mark.parametrize("version", ["1.2", "2.0"])
@pytest.mark.parametrize("machine", [True, False], ids=["machine", "review-only"])
def test_written_xliff_validates_against_the_oasis_schema(article: Path, termbase, version: str,  # type: ignore[no-untyped-def]
                                                          machine: bool) -> None:
    xlf = article.parent / "review.xlf"
    _translate(article, termbase, machine=machine, xliff=xlf, xliff_version=version)
    assert_valid(xlf, version)


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_an_updated_file_with_retired_units_and_reviewer_notes_validates(article: Path, termbase,  # type: ignore[no-untyped-def]
                                                                         version: str) -> None:
    xlf = article.parent / "review.xlf"
    _translate(article, termbase, xliff=xlf, xliff_version=version)
    _review(xlf, version, {"Lawrow kritisierte den Sangesur-Korridor.": "Lavrov criticised the corridor."},
            note="checked by R.")
    article.write_text(article.read_text("utf-8").replace("kritisierte", "lobte"), "utf-8")
    _translate(article, termbase, update=xlf)
    assert_valid(xlf, version)
    retired = read_xliff(xlf).retired
    assert [(u.source, u.target) for u in retired] == [("Lawrow kritisierte den Sangesur-Korridor.",
                                                        "Lavrov criticised the corridor.")]


# --- what a unit carries ------------------------------------------------------------------------------

def _units(xlf: Path, version: str) -> list:
    from defusedxml import ElementTree

    ns = NS_12 if version == "1.2" else NS_20
    root = ElementTree.parse(str(xlf)).getroot()
    return root.findall(f".//{{{ns}}}{'trans-unit' if version == '1.2' else 'unit'}")


def test_xliff_12_units_machine_target_states_and_notes(article: Path, termbase) -> None:  # type: ignore[no-untyped-def]
    xlf = article.parent / "review.xlf"
    _translate(article, termbase, xliff=xlf)
    units = _units(xlf, "1.2")
    q = f"{{{NS_12}}}"
    assert [u.findtext(f"{q}source") for u in units] == SENTENCES
    assert [u.get("id") for u in units] == ["p1-s1", "p2-s1", "p2-s2", "p3-s1", "p4-s1"]  # paragraphs kept
    for unit in units:
        target = unit.find(f"{q}target")
        assert target.get("state") == "needs-review-translation" and target.get("state-qualifier") == "mt-suggestion"
        assert unit.get("approved") == "no" and target.text
    # notes say what the target does not already show: no "termbase: Lawrow → Lavrov" under a target
    # that reads "Lavrov", but the loaded term's short advice, first in priority
    lavrov = units[4]
    notes = {n.text: n.get("priority") for n in lavrov.findall(f"{q}note")}
    assert "Lavrov" in lavrov.findtext(f"{q}target")
    assert not any(n.startswith("termbase:") for n in notes)
    loaded = [n for n in notes if n.startswith("LOADED Sangesur-Korridor → “Zangezur corridor”: ")]
    assert len(loaded) == 1 and "quote and attribute" in loaded[0] and notes[loaded[0]] == "1"
    assert len(loaded[0]) <= 160  # the long concept note stays in `termguard lookup`
    dated = [n.text for n in units[3].findall(f"{q}note")]
    assert "localised: 9. Februar 2026 → February 9, 2026" in dated


def test_xliff_20_units_glossary_module_and_review_pending(article: Path, termbase) -> None:  # type: ignore[no-untyped-def]
    xlf = article.parent / "review.xlf"
    _translate(article, termbase, xliff=xlf, xliff_version="2.0")
    q, g = f"{{{NS_20}}}", f"{{{NS_GLS}}}"
    units = _units(xlf, "2.0")
    assert [u.get("id") for u in units] == ["p1-s1", "p2-s1", "p2-s2", "p3-s1", "p4-s1"]
    segment = units[0].find(f"{q}segment")
    assert segment.get("state") == "translated" and segment.get("subState") == MACHINE_SUBSTATE
    entries = units[0].findall(f"{g}glossary/{g}glossEntry")
    pairs = [(e.findtext(f"{g}term"), e.findtext(f"{g}translation")) for e in entries]
    assert pairs == [("Paschinjan", "Pashinyan"), ("Alijew", "Aliyev"), ("Eriwan", "Yerevan")]
    # the Glossary module's content model: one term, then translations and at most one definition
    for entry in entries:
        tags = [c.tag for c in entry]
        assert tags[0] == f"{g}term" and tags.count(f"{g}term") == 1 and len(tags) > 1
        assert set(tags[1:]) <= {f"{g}translation", f"{g}definition"} and tags.count(f"{g}definition") <= 1
    loaded = units[4]
    definition = loaded.findtext(f"{g}glossary/{g}glossEntry[{g}term='Sangesur-Korridor']/{g}definition")
    assert "Syunik" in definition
    notes = loaded.findall(f"{q}notes/{q}note")
    assert any(n.text.startswith("LOADED Sangesur-Korridor → “Zangezur corridor”: ") and n.get("priority") == "1"
               for n in notes)
    # the notes leave out the names the target already shows; the glossary keeps every unit's terms
    assert not any(n.text.startswith("termbase:") for n in notes)
    glossary = {(e.findtext(f"{g}term"), e.findtext(f"{g}translation"))
                for e in loaded.findall(f"{g}glossary/{g}glossEntry")}
    assert glossary == {("Lawrow", "Lavrov"), ("Sangesur-Korridor", "Zangezur corridor")}
    assert [{e.findtext(f"{g}term") for e in u.findall(f"{g}glossary/{g}glossEntry")} for u in units] == [
        {"Paschinjan", "Alijew", "Eriwan"}, {"Paschinjan", "Alijew", "Eriwan"}, {"Paschinjans"},
        {"Alijew", "Nachitschewan"}, {"Lawrow", "Sangesur-Korridor"}]
    # the glossary precedes notes and segment, as the 2.0 unit content model requires
    assert [c.tag for c in loaded] == [f"{g}glossary", f"{q}notes", f"{q}segment"]


def test_review_only_xliff_has_no_targets_but_the_termbase_names(article: Path, termbase) -> None:  # type: ignore[no-untyped-def]
    for version in ("1.2", "2.0"):
        xlf = article.parent / f"review-{version}.xlf"
        result = runner.invoke(app, ["translate", str(article), "-o", "out", "--xliff", str(xlf),
                                     "--xliff-version", version, "-q"])
        assert result.exit_code == 3  # no model: review files and reports only, said in one line
        assert "wrote review catalogs and reports only" in result.stderr
        read = read_xliff(xlf)
        assert [u.source for u in read.units] == SENTENCES and not any(u.target for u in read.units)
        # no target shows the names, so the translator is told them: 1.2 in the unit's termbase note
        # (one line per unit), 2.0 in the unit's glossary as well
        units = _units(xlf, version)
        ns = NS_12 if version == "1.2" else NS_20
        notes = [[n.text for n in u.iter(f"{{{ns}}}note")] for u in units]
        assert "termbase: Paschinjan → Pashinyan; Alijew → Aliyev; Eriwan → Yerevan" in notes[0]
        assert "termbase: Lawrow → Lavrov" in notes[4]
        if version == "2.0":
            gloss = [(e.findtext(f"{{{NS_GLS}}}term"), e.findtext(f"{{{NS_GLS}}}translation"))
                     for e in units[0].iter(f"{{{NS_GLS}}}glossEntry")]
            assert gloss == [("Paschinjan", "Pashinyan"), ("Alijew", "Aliyev"), ("Eriwan", "Yerevan")]


# --- the review round trip ----------------------------------------------------------------------------

_CAT_TOOL = textwrap.dedent("""
    # Translate Toolkit as a CAT tool: confirm some targets, correct one, add a translator note.
    import json, sys
    from translate.storage import xliff, xliff2
    path, version, edits, note = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), sys.argv[4]
    store = (xliff.xlifffile if version == "1.2" else xliff2.Xliff2File).parsefile(path)
    seen = []
    for unit in store.units:
        seen.append({"source": unit.source, "target": unit.target, "fuzzy": unit.isfuzzy()})
        if unit.source in edits:
            unit.target = edits[unit.source]
            if version == "1.2":
                unit.markfuzzy(False)
            else:
                unit.markapproved(True)
            if note:
                unit.addnote(note, origin="translator")
    store.savefile(path)
    print(json.dumps(seen))
""")


def _review(xlf: Path, version: str, edits: dict[str, str], note: str = "") -> list[dict]:
    """Edit ``xlf`` with Translate Toolkit, from a temporary directory so that the repository's
    translate/ folder does not shadow the toolkit's ``translate`` package."""
    run = subprocess.run([sys.executable, "-c", _CAT_TOOL, str(xlf.resolve()), version, json.dumps(edits), note],
                         cwd=xlf.parent.parent, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_translate_toolkit_reads_every_unit(article: Path, termbase, version: str) -> None:  # type: ignore[no-untyped-def]
    xlf = article.parent / "review.xlf"
    _translate(article, termbase, xliff=xlf, xliff_version=version)
    seen = _review(xlf, version, {})
    assert [u["source"] for u in seen] == SENTENCES
    assert all(u["target"] for u in seen)
    if version == "1.2":  # an unreviewed machine target is what the toolkit calls fuzzy
        assert all(u["fuzzy"] for u in seen)


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_translate_edit_in_a_cat_tool_then_build(article: Path, termbase, version: str) -> None:  # type: ignore[no-untyped-def]
    xlf = article.parent / "review.xlf"
    result = runner.invoke(app, ["translate", str(article), "-o", "out", "--xliff", str(xlf),
                                 "--xliff-version", version, "-q"])
    assert result.exit_code == 3
    _translate(article, termbase, xliff=xlf)  # the machine pass (IdentityEngine), merged into the same file
    assert read_xliff(xlf).version == version  # an existing file keeps its version
    _review(xlf, version, {"Paschinjan trifft Alijew in Eriwan": "Pashinyan meets Aliyev in Yerevan",
                           "Lawrow kritisierte den Sangesur-Korridor.":
                               "Lavrov criticised what Baku calls the “Zangezur corridor.”"})
    result = runner.invoke(app, ["build", str(xlf), "-o", "edition.txt"])
    assert result.exit_code == 0, result.output
    edition = Path("edition.txt").read_text("utf-8").splitlines()
    source = article.read_text("utf-8").splitlines()
    assert len(edition) == len(source)  # one paragraph out per paragraph in
    assert edition[0] == "Pashinyan meets Aliyev in Yerevan"
    assert edition[5] == "Lavrov criticised what Baku calls the “Zangezur corridor.”"
    assert edition[2].startswith("Premierminister Pashinyan traf")  # unreviewed: machine output, listed
    assert "2 reviewed, 3 unreviewed (machine output), 0 untranslated" in result.stderr


def test_build_from_xliff_equals_build_from_po(article: Path, termbase) -> None:  # type: ignore[no-untyped-def]
    """The same review in PO and in XLIFF gives the same edition, byte for byte."""
    import polib

    po, xlf = article.parent / "review.po", article.parent / "review.xlf"
    _translate(article, termbase, po=po, xliff=xlf)
    catalog = polib.pofile(str(po))
    entry = catalog.find("Paschinjans Regierung sprach von einem Durchbruch.")
    entry.msgstr, entry.flags = "Pashinyan's government spoke of a breakthrough.", []
    catalog.save(str(po))
    _review(xlf, "1.2", {"Paschinjans Regierung sprach von einem Durchbruch.":
                         "Pashinyan's government spoke of a breakthrough."})
    assert runner.invoke(app, ["build", str(po), "-o", "from-po.txt"]).exit_code == 0
    assert runner.invoke(app, ["build", str(xlf), "-o", "from-xliff.txt"]).exit_code == 0
    assert Path("from-po.txt").read_bytes() == Path("from-xliff.txt").read_bytes()
    assert "Pashinyan's government spoke of a breakthrough." in Path("from-xliff.txt").read_text("utf-8")


def test_a_target_typed_into_a_review_only_file_counts_as_reviewed(article: Path, termbase) -> None:  # type: ignore[no-untyped-def]
    """No model, no state: a person typed the translation, and build takes it as reviewed."""
    xlf = article.parent / "review.xlf"
    _translate(article, termbase, machine=False, xliff=xlf)
    text = xlf.read_text("utf-8").replace(
        "<source>Paschinjan trifft Alijew in Eriwan</source>",
        "<source>Paschinjan trifft Alijew in Eriwan</source><target>Pashinyan meets Aliyev in Yerevan</target>")
    xlf.write_text(text, "utf-8")
    result = runner.invoke(app, ["build", str(xlf), "-o", "edition.txt"])
    # the edition is written, and build exits 1 because four sentences are still German (listed)
    assert result.exit_code == 1, result.output
    assert Path("edition.txt").read_text("utf-8").startswith("Pashinyan meets Aliyev in Yerevan\n")
    assert "1 reviewed, 0 unreviewed (machine output), 4 untranslated" in result.stderr
    assert "still holds 4 source sentence(s)" in result.stderr


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_update_keeps_reviewed_targets_whose_source_is_unchanged(article: Path, termbase, version: str) -> None:  # type: ignore[no-untyped-def]
    xlf = article.parent / "review.xlf"
    _translate(article, termbase, xliff=xlf, xliff_version=version)
    _review(xlf, version, {"Paschinjan trifft Alijew in Eriwan": "Pashinyan meets Aliyev in Yerevan",
                           "Lawrow kritisierte den Sangesur-Korridor.": "Lavrov criticised the corridor."},
            note="checked by R.")
    article.write_text(article.read_text("utf-8").replace("kritisierte", "lobte"), "utf-8")
    result = runner.invoke(app, ["translate", str(article), "-o", "out2", "--update", str(xlf)])
    assert result.exit_code == 3  # review-only: everything is kept all the same
    assert f"xliff: {xlf} (1 reviewed units kept, 1 retired)" in result.stderr
    updated = read_xliff(xlf)
    assert updated.version == version
    units = {u.source: u for u in updated.units}
    kept = units["Paschinjan trifft Alijew in Eriwan"]
    assert kept.reviewed and kept.target == "Pashinyan meets Aliyev in Yerevan"
    assert [text for _, text in kept.reviewer_notes] == ["checked by R."]
    # unreviewed machine output of unchanged sentences survives the review-only run
    assert units["Alijew besuchte am 9. Februar 2026 Nachitschewan."].target
    edited = units["Lawrow lobte den Sangesur-Korridor."]
    assert not edited.target and not edited.reviewed
    assert "reviewed translation of the previous sentence (Lawrow kritisierte den Sangesur-Korridor.): " \
           "Lavrov criticised the corridor." in xlf.read_text("utf-8")
    assert [u.target for u in updated.retired] == ["Lavrov criticised the corridor."]
    # a second update neither loses the retired unit nor duplicates it
    runner.invoke(app, ["translate", str(article), "-o", "out2", "--update", str(xlf)])
    assert [u.target for u in read_xliff(xlf).retired] == ["Lavrov criticised the corridor."]
    # the sentence comes back: its reviewed translation comes back with it
    article.write_text(article.read_text("utf-8").replace("lobte", "kritisierte"), "utf-8")
    runner.invoke(app, ["translate", str(article), "-o", "out2", "--update", str(xlf)])
    back = {u.source: u for u in read_xliff(xlf).units}["Lawrow kritisierte den Sangesur-Korridor."]
    assert back.reviewed and back.target == "Lavrov criticised the corridor."


def test_update_with_a_model_replaces_only_unreviewed_targets(article: Path, termbase) -> None:  # type: ignore[no-untyped-def]
    xlf = article.parent / "review.xlf"
    _translate(article, termbase, xliff=xlf)
    _review(xlf, "1.2", {SENTENCES[0]: "REVIEWED title"})
    xlf.write_text(xlf.read_text("utf-8").replace(">Pashinyans Regierung sprach von einem Durchbruch.<",
                                                  ">stale machine output<"), "utf-8")
    _translate(article, termbase, update=xlf)
    units = read_xliff(xlf).units
    assert units[0].target == "REVIEWED title" and units[0].reviewed
    assert units[2].target != "stale machine output" and not units[2].reviewed
    assert not read_xliff(xlf).retired


# --- hostile and broken files -------------------------------------------------------------------------

HOSTILE = {
    "external entity": '<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
                       f'<xliff xmlns="{NS_12}" version="1.2"><file original="article.txt" source-language="de" '
                       'datatype="plaintext"><body><trans-unit id="p1-s1"><source>&xxe;</source></trans-unit>'
                       '</body></file></xliff>',
    "billion laughs": '<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY lol "lol">'
                      + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
                                for i in range(1, 10))
                      + f']>\n<xliff xmlns="{NS_12}" version="1.2"><file original="article.txt" '
                      'source-language="de" datatype="plaintext"><body><trans-unit id="p1-s1">'
                      '<source>&lol9;</source></trans-unit></body></file></xliff>',
}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_hostile_xliff_is_refused_with_one_line_and_exit_2(article: Path, kind: str) -> None:
    xlf = article.parent / "hostile.xlf"
    xlf.write_text(HOSTILE[kind], "utf-8")
    before = xlf.read_bytes()
    for args in (["build", str(xlf), "-o", "edition.txt"],
                 ["translate", str(article), "-o", "out", "--update", str(xlf)],
                 ["translate", str(article), "-o", "out", "--xliff", str(xlf)]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert result.stderr.count("\n") == 1 and "refusing unsafe XML" in result.stderr
        assert "Traceback" not in result.output
    assert xlf.read_bytes() == before  # the input is never overwritten
    assert not Path("edition.txt").exists() and not Path("out").exists()  # refused before any work


def test_broken_xliff_is_one_clear_error(article: Path) -> None:
    xlf = article.parent / "broken.xlf"
    xlf.write_text(f'<xliff xmlns="{NS_12}" version="1.2"><file original="article.txt">', "utf-8")
    result = runner.invoke(app, ["build", str(xlf), "-o", "edition.txt"])
    assert result.exit_code == 2 and "invalid XML" in result.stderr and f"{xlf}:1:" in result.stderr
    po_like = article.parent / "notxliff.xlf"
    po_like.write_text("<html><body/></html>", "utf-8")
    result = runner.invoke(app, ["build", str(po_like), "-o", "edition.txt"])
    assert result.exit_code == 2 and "not an XLIFF file" in result.stderr


def test_unknown_xliff_version_is_a_usage_error(article: Path) -> None:
    result = runner.invoke(app, ["translate", str(article), "--xliff", "r.xlf", "--xliff-version", "2.1"])
    assert result.exit_code == 2 and "--xliff-version" in result.stderr


# --- on the real tiny model ------------------------------------------------------------------------------

def test_xliff_round_trip_on_the_model(tiny_model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "a.txt"
    article.write_text("Paschinjan und Alijew trafen sich in Eriwan.\n\nDie Regierung in Baku schwieg.\n", "utf-8")
    result = runner.invoke(app, ["translate", str(article), "-o", "out", "--model", str(tiny_model),
                                 "--xliff", "review.xlf", "--xliff-version", "2.0", "-q"])
    assert result.exit_code in (0, 1), result.output
    assert_valid(Path("review.xlf"), "2.0")
    machine = Path("out/a.txt").read_text("utf-8").split("\n")
    units = read_xliff("review.xlf").units
    assert [u.target for u in units] == [machine[0], machine[2]]  # the targets are the edition's sentences
    assert all(not u.reviewed for u in units)
    _review(Path("review.xlf"), "2.0", {units[0].source: "Pashinyan and Aliyev met in Yerevan."})
    result = runner.invoke(app, ["build", "review.xlf", "-o", "final.txt"])
    assert result.exit_code == 0, result.output
    final = Path("final.txt").read_text("utf-8").split("\n")
    assert final[0] == "Pashinyan and Aliyev met in Yerevan." and final[2] == machine[2]


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_a_seed_article_goes_xliff_edit_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, termbase,  # type: ignore[no-untyped-def]
                                              version: str) -> None:
    """The issue's acceptance path on a shipped seed: translate --xliff → edited target → build."""
    monkeypatch.chdir(tmp_path)
    seed = tmp_path / "seed.txt"
    shutil.copy(SEEDS / "000_4c22258b9561486f.txt", seed)
    xlf = tmp_path / "seed.xlf"
    _translate(seed, termbase, xliff=xlf, xliff_version=version)
    assert_valid(xlf, version)
    units = read_xliff(xlf).units
    assert len(units) == 36  # every segment of the article is a unit
    assert len({(u.block, u.index) for u in units}) == len(units)
    edits = {units[0].source: "US Vice President Vance seals strategic partnership in the South Caucasus",
             units[5].source: "EDITED BY A REVIEWER."}
    _review(xlf, version, edits)
    result = runner.invoke(app, ["build", str(xlf), "-o", "edition.txt"])
    assert result.exit_code == 0, result.output
    edition = Path("edition.txt").read_text("utf-8")
    assert edition.splitlines()[0] == edits[units[0].source]
    assert "EDITED BY A REVIEWER." in edition and units[5].source not in edition
    assert len(edition.splitlines()) == len(seed.read_text("utf-8").splitlines())
    assert f"2 reviewed, {len(units) - 2} unreviewed (machine output), 0 untranslated (source kept), " \
           "0 not in catalog" in result.stderr


_TMX_READER = textwrap.dedent("""
    import json, sys
    from translate.storage import tmx
    store = tmx.tmxfile.parsefile(sys.argv[1])
    print(json.dumps([[u.source, u.target] for u in store.units]))
""")


def test_build_tmx_holds_the_reviewed_pairs_only(article: Path, termbase) -> None:  # type: ignore[no-untyped-def]
    xlf = article.parent / "review.xlf"
    _translate(article, termbase, xliff=xlf)
    edits = {SENTENCES[0]: "Pashinyan meets Aliyev in Yerevan", SENTENCES[3]: "Aliyev visited Nakhchivan on "
             "February 9, 2026."}
    _review(xlf, "1.2", edits)
    result = runner.invoke(app, ["build", str(xlf), "-o", "edition.txt", "--tmx", "memory.tmx"])
    assert result.exit_code == 0, result.output
    assert "memory.tmx: 2 reviewed sentence pair(s) (TMX 1.4)" in result.stderr
    run = subprocess.run([sys.executable, "-c", _TMX_READER, str(article.parent / "memory.tmx")],
                         cwd=article.parent / "out", capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == [[s, t] for s, t in edits.items()]  # unreviewed machine output stays out


def test_a_reviewed_unit_stays_in_its_own_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                                  termbase) -> None:
    """The same sentence in a new article listed first does not take the reviewed unit away."""
    monkeypatch.chdir(tmp_path)
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Paschinjan trifft Alijew in Eriwan\n", "utf-8")
    b.write_text("Paschinjan trifft Alijew in Eriwan\n\nLawrow kritisierte den Sangesur-Korridor.\n", "utf-8")
    xlf = tmp_path / "review.xlf"
    translate_documents([a], tmp_path / "out", termbase, engine=IdentityEngine(), options=Options(xliff=xlf))
    _review(xlf, "1.2", {"Paschinjan trifft Alijew in Eriwan": "Pashinyan meets Aliyev in Yerevan"})
    translate_documents([b, a], tmp_path / "out", termbase, engine=IdentityEngine(), options=Options(update=xlf))
    units = {(u.ref, u.source): u for u in read_xliff(xlf).units}
    assert units[("a.txt", "Paschinjan trifft Alijew in Eriwan")].target == "Pashinyan meets Aliyev in Yerevan"
    assert not units[("b.txt", "Paschinjan trifft Alijew in Eriwan")].reviewed
