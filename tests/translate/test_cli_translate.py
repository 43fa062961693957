"""The translate/build/model commands, without a model (the model paths are in test_engine.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from termguard.cli import _register, app

DATA = Path(__file__).parent / "data"
runner = CliRunner()
_register()


def test_no_model_is_one_clear_line_and_exit_3(tmp_path: Path) -> None:
    result = runner.invoke(app, ["translate", str(DATA / "article.txt"), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 3
    assert result.stderr.strip().splitlines() == [
        "termguard: no de→en model installed: wrote review catalogs and reports only "
        "(run 'termguard model install' or pass --model PATH)"]
    # (the run manifest records what is done, for a re-run to resume: docs/archives.md)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        ".termguard-run.json", "article.po", "article.report.json"]
    assert "Traceback" not in result.output


def test_install_model_offline_falls_back_to_review_only_with_exit_0(tmp_path: Path) -> None:
    # The conftest points the package index at a closed port and refuses connections.
    result = runner.invoke(app, ["translate", str(DATA / "article.txt"), "-o", str(tmp_path / "out"), "-q",
                                 "--install-model", "--index-timeout", "1"])
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().splitlines() == [
        "termguard: no de→en model installed and the package index is unreachable: wrote review catalogs "
        "and reports only (run 'termguard model install' or pass --model PATH)"]
    report = json.loads((tmp_path / "out" / "article.report.json").read_text("utf-8"))
    assert report["model_missing"] is True


def test_model_install_without_network_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["model", "install", "--timeout", "1"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("termguard: error: cannot reach http://127.0.0.1:9/index.json")


def test_model_install_rejects_a_non_package(tmp_path: Path) -> None:
    bogus = tmp_path / "x.argosmodel"
    bogus.write_text("not a zip", "utf-8")
    result = runner.invoke(app, ["model", "install", str(bogus)])
    assert result.exit_code == 2
    assert "not an argos package" in result.stderr


def test_model_status_honours_argos_packages_dir(offline_argos: dict[str, str]) -> None:
    result = runner.invoke(app, ["model", "status"])
    assert result.exit_code == 0
    assert f"package directories: {offline_argos['ARGOS_PACKAGES_DIR']}" in result.stdout
    assert "no argos packages installed" in result.stdout


def test_missing_input_is_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["translate", str(tmp_path / "nope.txt"), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"termguard: error: {tmp_path / 'nope.txt'}: no such file or directory"


def test_output_onto_input_is_refused(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Eriwan.\n", "utf-8")
    result = runner.invoke(app, ["translate", str(article), "-o", str(tmp_path), "--po", str(article)])
    assert result.exit_code == 2
    assert "refusing to overwrite an input file" in result.stderr
    assert article.read_text("utf-8") == "Eriwan.\n"


def test_bad_technique_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["translate", str(DATA / "article.txt"), "--technique", "magic"])
    assert result.exit_code == 2 and "unknown --technique 'magic'" in result.stderr


def test_lookup_and_lint_do_not_import_the_engine() -> None:
    code = (
        "import sys\n"
        "from termguard.cli import _register, app\n"
        "_register()\n"
        "from typer.testing import CliRunner\n"
        "r = CliRunner().invoke(app, ['lookup', 'Paschinjan'])\n"
        "assert r.exit_code == 0, r.output\n"
        "r = CliRunner().invoke(app, ['lint', '-', '--stdin-filename', 'a.txt'], input='Paschinjan kam.')\n"
        "assert r.exit_code in (0, 1), r.output\n"
        "heavy = [m for m in ('argostranslate', 'ctranslate2', 'sentencepiece', 'torch', 'stanza', 'polib')"
        " if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
