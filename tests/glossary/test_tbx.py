"""TBX both ways: the 2008 TBX-Basic form CAT tools import, the 2019 form, and a real consumer reading it."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from termguard.cli import _register, app
from termguard.glossary import load_termbase
from termguard.glossary.exchange import concept_to_dict, export_termbase, import_termbase

_register()
runner = CliRunner()


def _comparable(termbase) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    return {c.id: concept_to_dict(c) for c in termbase}


@pytest.mark.parametrize("fmt", ["tbx", "tbx-2019"])
def test_both_forms_round_trip_the_shipped_termbase(termbase, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    exported = tmp_path / "termbase.tbx"  # one suffix for both: the reader goes by the root element
    exported.write_text(export_termbase(termbase, fmt), "utf-8")
    back = tmp_path / "back.yaml"
    back.write_text(import_termbase(exported), "utf-8")
    reloaded = load_termbase([back], include_default=False, use_cache=False)
    assert _comparable(reloaded) == _comparable(termbase)
    # what the round trip must carry is really in the shipped termbase
    kept = [concept_to_dict(c) for c in reloaded]
    assert any(t["status"] == "loaded" for c in kept for ts in c["terms"].values() for t in ts)
    assert any("type" in t for c in kept for ts in c["terms"].values() for t in ts)
    assert any(c.get("see_also") for c in kept) and any(c.get("contested") for c in kept)
    assert all(c["sources"] for c in kept) and any(c.get("note") for c in kept)


def test_tbx_is_the_2008_martif_form_with_tig_elements(termbase) -> None:  # type: ignore[no-untyped-def]
    from defusedxml import ElementTree

    root = ElementTree.fromstring(export_termbase(termbase, "tbx").encode())
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    assert [c.tag for c in root] == ["martifHeader", "text"]
    entry = root.find(".//termEntry[@id='syunik']")
    statuses = {tig.findtext("term"): tig.findtext("termNote[@type='administrativeStatus']")
                for tig in entry.iter("tig")}
    assert statuses["Sangesur"] == "deprecatedTerm-admn-sts"  # loaded: deprecated for CAT tools ...
    assert statuses["Syunik"] == "preferredTerm-admn-sts"
    sangesur = next(t for t in entry.iter("tig") if t.findtext("term") == "Sangesur")
    assert "termguard:status=loaded" in [n.text for n in sangesur.findall("note")]  # ... and loaded for us


def test_tbx_2019_is_the_iso_30042_2019_form(termbase) -> None:  # type: ignore[no-untyped-def]
    from defusedxml import ElementTree

    root = ElementTree.fromstring(export_termbase(termbase, "tbx-2019").encode())
    ns = "{urn:iso:std:iso:30042:ed-2}"
    assert root.tag == f"{ns}tbx" and root.get("type") == "TBX-Basic" and root.get("style") == "dca"
    assert len(root.findall(f".//{ns}conceptEntry")) == len(termbase)
    assert root.find(f".//{ns}termSec/{ns}term") is not None


_CONSUMER = textwrap.dedent("""
    import json, sys
    import translate
    from translate.storage import tbx
    store = tbx.tbxfile.parsestring(open(sys.argv[1], "rb").read(), sourcelanguage="de", targetlanguage="en")
    print(json.dumps({
        "module": translate.__file__,
        "units": [{"id": u.getid(), "de": [(t.text, t.deprecated) for t in u.get_source_terms()],
                   "en": [(t.text, t.deprecated) for t in u.get_target_terms()]} for u in store.units],
    }))
""")


def test_translate_toolkit_reads_every_concept(termbase, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tbx_file = tmp_path / "termguard.tbx"
    result = runner.invoke(app, ["glossary", "export", "--format", "tbx", "-o", str(tbx_file)])
    assert result.exit_code == 0, result.output
    # From a temporary directory: in the repository root, its translate/ folder would shadow the toolkit.
    run = subprocess.run([sys.executable, "-c", _CONSUMER, str(tbx_file)], cwd=tmp_path, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    read = json.loads(run.stdout)
    assert "site-packages" in read["module"]
    units = {u["id"]: u for u in read["units"]}
    assert len(read["units"]) == len(termbase) == len(units)
    for concept in termbase:
        unit = units[concept.id]
        for lang in ("de", "en"):
            expected = [[t.text, t.status in ("deprecated", "loaded")] for t in concept.terms_in(lang)]
            assert unit[lang] == expected, (concept.id, lang)


def test_cli_exports_both_forms_and_imports_them(tmp_path: Path) -> None:
    for fmt in ("tbx", "tbx-2019"):
        out = tmp_path / f"{fmt}.tbx"
        result = runner.invoke(app, ["glossary", "export", "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        yaml_out = tmp_path / f"{fmt}.yaml"
        result = runner.invoke(app, ["glossary", "import", str(out), "-o", str(yaml_out)])
        assert result.exit_code == 0, result.output
        assert runner.invoke(app, ["glossary", "validate", str(yaml_out)]).exit_code == 0


@pytest.mark.parametrize("body", [
    '<!DOCTYPE martif [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    '<martif type="TBX-Basic"><text><body><termEntry id="x"><note>&b;</note></termEntry></body></text></martif>',
    '<!DOCTYPE martif [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    '<martif type="TBX-Basic"><text><body><termEntry id="x"><note>&x;</note></termEntry></body></text></martif>',
])
def test_hostile_tbx_is_refused_in_one_line(tmp_path: Path, body: str) -> None:
    bad = tmp_path / "hostile.tbx"
    bad.write_text(body, "utf-8")
    result = runner.invoke(app, ["glossary", "import", str(bad)])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "refusing unsafe XML" in result.output


def test_a_tbx_with_a_dtd_reference_is_read(tmp_path: Path) -> None:
    """TBX-Basic files from CAT tools name their DTD; that is fine (it is never fetched)."""
    tbx = tmp_path / "cat.tbx"
    tbx.write_text('<?xml version="1.0"?>\n<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n'
                   '<martif type="TBX-Basic" xml:lang="en"><text><body>'
                   '<termEntry id="c1"><descrip type="subjectField">place</descrip>'
                   '<langSet xml:lang="de"><tig><term>Eriwan</term>'
                   '<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig></langSet>'
                   '<langSet xml:lang="en"><tig><term>Yerevan</term></tig></langSet>'
                   '</termEntry></body></text></martif>', "utf-8")
    imported = import_termbase(tbx)
    assert "Eriwan" in imported and "Yerevan" in imported
