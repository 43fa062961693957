"""Export to CSV/TBX/PO and import back: the termbase survives the round trip."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from typer.testing import CliRunner

from termguard.cli import _register, app
from termguard.glossary import load_termbase
from termguard.glossary.exchange import concept_to_dict, export_termbase, import_termbase

_register()
runner = CliRunner()


def comparable(termbase) -> dict[str, dict]:
    return {c.id: concept_to_dict(c) for c in termbase}


@pytest.mark.parametrize("fmt", ["csv", "tbx", "tbx-2019"])
def test_export_then_import_gives_back_the_same_termbase(termbase, tmp_path, fmt):
    exported = tmp_path / f"termbase.{fmt}"
    exported.write_text(export_termbase(termbase, fmt), "utf-8")
    back = tmp_path / "back.yaml"
    back.write_text(import_termbase(exported), "utf-8")
    reloaded = load_termbase([back], include_default=False, use_cache=False)
    assert comparable(reloaded) == comparable(termbase)


def test_tbx_is_tbx_basic_with_loaded_terms_deprecated(termbase):
    from defusedxml import ElementTree

    root = ElementTree.fromstring(export_termbase(termbase, "tbx-2019").encode())
    assert root.tag == "{urn:iso:std:iso:30042:ed-2}tbx" and root.get("type") == "TBX-Basic"
    ns = {"t": "urn:iso:std:iso:30042:ed-2"}
    entry = root.find(".//t:conceptEntry[@id='syunik']", ns)
    statuses = {ts.find("t:term", ns).text: ts.find("t:termNote[@type='administrativeStatus']", ns).text
                for ts in entry.iter("{urn:iso:std:iso:30042:ed-2}termSec")}
    assert statuses["Sangesur"] == "deprecatedTerm-admn-sts"
    assert statuses["Syunik"] == "preferredTerm-admn-sts"


def test_po_export_opens_with_polib(termbase):
    catalog = polib.pofile(export_termbase(termbase, "po"))
    entry = catalog.find("Paschinjan")
    assert entry.msgstr == "Pashinyan" and entry.msgctxt == "nikol-pashinyan"


def test_cli_export_import_round_trip(tmp_path):
    tbx = tmp_path / "out.tbx"
    result = runner.invoke(app, ["glossary", "export", "--format", "tbx", "-o", str(tbx)])
    assert result.exit_code == 0, result.output
    yaml_out = tmp_path / "imported.yaml"
    result = runner.invoke(app, ["glossary", "import", str(tbx), "-o", str(yaml_out)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["glossary", "validate", str(yaml_out)])
    assert result.exit_code == 0 and result.stdout.startswith("OK:")


def test_import_of_broken_files_is_one_clear_error(tmp_path: Path):
    bad = tmp_path / "bad.tbx"
    bad.write_text("<tbx><text><body><conceptEntry>", "utf-8")
    result = runner.invoke(app, ["glossary", "import", str(bad)])
    assert result.exit_code == 2 and "invalid XML" in result.output
    csv_file = tmp_path / "bad.csv"
    csv_file.write_text("foo,bar\n1,2\n", "utf-8")
    result = runner.invoke(app, ["glossary", "import", str(csv_file)])
    assert result.exit_code == 2 and "lacks the column" in result.output
