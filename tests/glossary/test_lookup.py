"""`termguard lookup`: any spelling, inflection, script or small typo."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from termguard.cli import _register, app
from termguard.glossary.lookup import lookup

_register()
runner = CliRunner()


@pytest.mark.parametrize("query, preferred, how", [
    ("Paschinjan", "Pashinyan", "exact"),
    ("Paschinian", "Pashinyan", "fuzzy"),
    ("Nakhichevan", "Nakhchivan", "exact"),
    ("Alijews", "Aliyev", "inflected"),
    ("Sangesur", "Syunik", "exact"),
    ("Սյունիք", "Syunik", "exact"),
    ("Пашинян", "Pashinyan", "exact"),
    ("Пашиняна", "Pashinyan", "inflected"),
    ("jerewan", "Yerevan", "exact"),
])
def test_lookup_resolves_every_kind_of_query(termbase, query, preferred, how):
    answer = lookup(query, termbase)
    assert answer.found
    assert answer.hits[0].concept.preferred("en").text == preferred
    assert answer.hits[0].how == how


def test_loaded_query_reports_status_and_note(termbase):
    hit = lookup("West-Sangesur", termbase).hits[0]
    assert hit.term.status == "loaded" and hit.concept.contested and hit.concept.note


def test_unknown_query_suggests_and_transliterates(termbase):
    answer = lookup("Schewardnadse", termbase)
    if answer.found:  # the termbase may know him; then a truly unknown name
        answer = lookup("Tschachalidse", termbase)
    assert not answer.found
    assert answer.transliteration is not None
    assert answer.transliteration.text.endswith("dze")


def test_cli_lookup_json_has_the_documented_keys():
    result = runner.invoke(app, ["lookup", "--json", "Paschinjans"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["query"] == "Paschinjans"
    match = data["matches"][0]
    assert match["id"] == "nikol-pashinyan"
    assert match["preferred"] == {"en": "Pashinyan", "de": "Paschinjan"}
    assert match["status_of_query"] == "preferred" and match["contested"] is False
    assert {"note", "how", "score", "terms"} <= set(match)


def test_cli_lookup_text_shows_variants_and_how_it_matched():
    result = runner.invoke(app, ["lookup", "Nakhichevan"])
    assert result.exit_code == 0
    assert "Nakhchivan" in result.stdout and "deprecated" in result.stdout and "exact" in result.stdout


def test_cli_lookup_unknown_exits_1_with_a_clear_message():
    result = runner.invoke(app, ["lookup", "Qqxzzyv"])
    assert result.exit_code == 1
    assert "no term matches 'Qqxzzyv'" in result.stdout


def test_cli_lookup_with_a_broken_user_termbase_exits_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("concepts: [\n", "utf-8")
    result = runner.invoke(app, ["lookup", "-t", str(bad), "Paschinjan"])
    assert result.exit_code == 2
    assert str(bad) in result.output and "Traceback" not in result.output


def test_installed_console_script_runs_without_loading_the_engine(tmp_path):
    exe = Path(sys.executable).with_name("termguard")
    assert exe.exists(), "the console script must be installed"
    env = dict(os.environ, TERMGUARD_CACHE_DIR=str(tmp_path))
    out = subprocess.run([str(exe), "lookup", "--json", "Пашинян"], capture_output=True, text=True, env=env,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["matches"][0]["preferred"]["en"] == "Pashinyan"
    probe = ("import sys; from termguard.cli import main; sys.argv=['termguard','lookup','Eriwan'];\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "heavy = [m for m in ('argostranslate', 'torch', 'ctranslate2', 'stanza') if m in sys.modules]\n"
             "print('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60)
    assert "HEAVY []" in out.stdout, out.stdout + out.stderr


@pytest.mark.parametrize("query, lookalike", [("Kirants", "Iran"), ("Südarmenien", "Armenia"), ("Astara", "Astana"),
                                              ("Stepanavan", "Stepanakert"), ("Gori", "Goris")])
def test_a_different_name_that_looks_alike_is_not_passed_off_as_a_match(query, lookalike):
    result = runner.invoke(app, ["lookup", query, "--json"])
    assert result.exit_code == 1, result.stdout
    answer = json.loads(result.stdout)
    assert answer["found"] is False and answer["matches"] == []


def test_the_shipped_fuzzy_cutoff_is_the_calibrated_one():
    """On the labelled typos and look-alikes, no other cut-off makes fewer mistakes."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    try:
        from lookup_calibration import DATA, best_candidates, read_labels
    finally:
        sys.path.pop(0)
    from termguard.glossary.lookup import FUZZY_CUTOFF

    scored = best_candidates(read_labels(DATA))

    def errors(cutoff: float) -> int:
        missed = sum(1 for _, exp, cid, s in scored if exp is not None and not (cid == exp and s >= cutoff))
        passed_off = sum(1 for _, exp, _, s in scored if exp is None and s >= cutoff)
        return missed + passed_off

    assert errors(FUZZY_CUTOFF) == min(errors(c) for c in range(50, 100))
    assert errors(FUZZY_CUTOFF) <= len(scored) // 10  # at most 10% of the labelled look-ups wrong


@pytest.mark.parametrize("query, english", [("Artur Wanezjan", "Artur Vanetsyan"),
                                            ("Arkadi Dworkowitsch", "Arkady Dvorkovich"),
                                            ("Urmiasee", "Lake Urmia"), ("Dsoraget", "Dzoraget")])
def test_an_unknown_name_is_offered_in_english_press_spelling_word_by_word(query, english):
    result = runner.invoke(app, ["lookup", query, "--json"])
    assert result.exit_code == 1
    answer = json.loads(result.stdout)
    assert answer["transliteration"]["text"] == english and answer["transliteration"]["verified"] is False


def test_araks_is_the_aras_river_not_agarak():
    result = runner.invoke(app, ["lookup", "Araks", "--json"])
    assert result.exit_code == 0
    assert [m["id"] for m in json.loads(result.stdout)["matches"]] == ["aras-river"]
