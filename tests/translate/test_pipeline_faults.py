"""Issue 10's pipeline defects, end to end through the CLI on the tiny genuine model.

Each test feeds the article a user reported (or the smallest one that shows the defect) to
``termguard translate`` and asserts on the edition and the report a user would read.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from termguard.cli import _register, app

runner = CliRunner()
_register()


def _translate(tiny_model: Path, tmp_path: Path, files: dict[str, str]):  # type: ignore[no-untyped-def]
    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    for name, text in files.items():
        (src / name).write_text(text, "utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["translate", *(str(src / n) for n in files), "-o", str(out),
                                 "--model", str(tiny_model), "-q"])
    return result, out


def _report(out: Path, name: str) -> dict:
    return json.loads((out / f"{Path(name).stem}.report.json").read_text("utf-8"))


def test_abbreviation_in_brackets_costs_no_file_its_edition(tiny_model: Path, tmp_path: Path) -> None:
    files = {"a.txt": "Paschinjan traf Alijew in Eriwan (s. o.).\n", "b.txt": "Paschinjan traf Alijew in Eriwan.\n"}
    result, out = _translate(tiny_model, tmp_path, files)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert (out / "b.txt").read_text("utf-8") == "Pashinyan met Aliyev in Yerevan.\n"
    edition = (out / "a.txt").read_text("utf-8")
    assert edition.startswith("Pashinyan met Aliyev in Yerevan")
