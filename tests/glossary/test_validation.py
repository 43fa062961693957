"""Termbase validation: every problem reported as file:line with exit code 2."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from termguard.errors import TermbaseError
from termguard.glossary import default_termbase_files, load_termbase, validate_termbase_files

GOOD = """\
concepts:
  - id: alpha
    kind: place
    terms:
      en:
        - {term: Alphaville, status: preferred}
      de:
        - {term: Alphastadt, status: preferred}
    sources: [test]
"""


def write(tmp_path: Path, text: str, name: str = "tb.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), "utf-8")
    return path


def only_error(paths) -> TermbaseError:
    errors = validate_termbase_files(paths)
    assert len(errors) == 1, [str(e) for e in errors]
    return errors[0]


def test_shipped_termbase_is_valid_and_large():
    assert validate_termbase_files(default_termbase_files()) == []
    tb = load_termbase(use_cache=False)
    assert len(tb) > 100


def test_good_file_loads(tmp_path):
    tb = load_termbase([write(tmp_path, GOOD)], include_default=False, use_cache=False)
    assert tb["alpha"].preferred("en").text == "Alphaville"


def test_bad_yaml_points_at_line(tmp_path):
    path = write(tmp_path, GOOD.replace("kind: place", "kind: [place"))
    error = only_error([path])
    assert error.path == str(path) and error.line is not None and error.line >= 3
    assert "invalid YAML" in error.message


def test_unknown_field_points_at_its_line(tmp_path):
    path = write(tmp_path, GOOD.replace("    sources: [test]", "    colour: red\n    sources: [test]"))
    error = only_error([path])
    assert error.line == 9 and "unknown field 'colour'" in error.message


def test_missing_preferred_english(tmp_path):
    demoted = GOOD.replace("{term: Alphaville, status: preferred}", "{term: Alphaville, status: admitted}")
    path = write(tmp_path, demoted)
    error = only_error([path])
    assert "no preferred English" in error.message and error.line == 2


def test_duplicate_ids_across_files(tmp_path):
    a = write(tmp_path, GOOD, "a.yaml")
    b = write(tmp_path, GOOD.replace("Alphaville", "Alphatown").replace("Alphastadt", "Alphaort"), "b.yaml")
    error = only_error([a, b])
    assert error.path == str(b) and "duplicate concept id 'alpha'" in error.message and str(a) in error.message


def test_same_surface_form_in_two_concepts(tmp_path):
    text = GOOD + "\n".join("  " + ln if ln else ln for ln in textwrap.dedent("""\
    - id: beta
      kind: place
      terms:
        en:
          - {term: Betaville, status: preferred}
          - {term: Alpha Ville, status: admitted}
      sources: [test]
    """).splitlines()) + "\n"
    path = write(tmp_path, text.replace("Alphaville", "Alpha-Ville", 1))
    error = only_error([path])
    assert "already claimed by concept alpha" in error.message and error.line == 15


def test_see_also_to_missing_id(tmp_path):
    path = write(tmp_path, GOOD.replace("    sources: [test]", "    sources: [test]\n    see_also: [gamma]"))
    error = only_error([path])
    assert "see_also 'gamma'" in error.message and error.line == 2


def test_render_must_name_an_english_term(tmp_path):
    path = write(tmp_path, GOOD.replace("{term: Alphastadt, status: preferred}",
                                        "{term: Alphastadt, status: loaded, render: Nowhere}"))
    assert "render 'Nowhere'" in only_error([path]).message


def test_toml_termbase(tmp_path):
    path = write(tmp_path, """\
    [[concepts]]
    id = "alpha"
    kind = "place"
    sources = ["test"]
    terms.en = [{term = "Alphaville", status = "preferred"}]

    [[concepts]]
    id = "beta"
    kind = "planet"
    sources = ["test"]
    terms.en = [{term = "Betaville", status = "preferred"}]
    """, "tb.toml")
    error = only_error([path])
    assert error.line == 7 and "planet" in error.message


def test_load_raises_the_first_error_with_a_count(tmp_path):
    path = write(tmp_path, GOOD.replace("kind: place", "kind: planet").replace("status: preferred}", "status: wrong}"))
    with pytest.raises(TermbaseError) as info:
        load_termbase([path], include_default=False, use_cache=False)
    assert str(info.value).startswith(f"{path}:") and "more errors" in str(info.value)


def test_user_termbase_overrides_shipped_concept(tmp_path):
    override = write(tmp_path, """\
    concepts:
      - id: nikol-pashinyan
        kind: person
        terms:
          en:
            - {term: Pashinyan, status: preferred}
          de:
            - {term: Paschinian, status: preferred}
        sources: [house style]
    """)
    tb = load_termbase([override], use_cache=False)
    assert tb.term_for("Paschinian").concept_id == "nikol-pashinyan"
    assert tb.term_for("Paschinjan") is None  # the user's concept replaced the shipped one
    assert len(tb) > 100


def test_cache_is_used_and_invalidated_by_content(tmp_path, monkeypatch):
    monkeypatch.setenv("TERMGUARD_CACHE_DIR", str(tmp_path / "cache"))
    path = write(tmp_path, GOOD)
    load_termbase([path], include_default=False)
    assert len(list((tmp_path / "cache").glob("termbase-*.marshal"))) == 1
    path.write_text(GOOD.replace("Alphaville", "Alphaburg"), "utf-8")
    tb = load_termbase([path], include_default=False)
    assert tb["alpha"].preferred("en").text == "Alphaburg"


def test_shipped_termbase_passes_strict_every_concept_has_a_checkable_source():
    assert validate_termbase_files(default_termbase_files(), strict=True) == []


@pytest.mark.parametrize("source, checkable", [
    ("https://en.wikipedia.org/wiki/Syunik_Province", True),
    ("Hürriyet Daily News, 24 January 2026", True),
    ("The White House, 2025-08-08", True),
    ("Reuters, August 8, 2025", True),
    ("Reuters style (wire usage)", False),
    ("CIA World Factbook", False),
    ("state.gov", False),
    ("Public Law 102-511", False),
])
def test_checkable_source_needs_a_url_or_a_date(source, checkable):
    from termguard.glossary.termbase import is_checkable_source

    assert is_checkable_source(source) is checkable


def test_unsourced_concept_is_an_error_only_when_strict(tmp_path):
    path = write(tmp_path, GOOD)  # sources: [test]
    assert validate_termbase_files([path]) == []
    [error] = validate_termbase_files([path], strict=True)
    assert error.path == str(path) and error.line == 2
    assert "concept alpha: no checkable source" in error.message


def test_structured_source_is_checkable_and_validated(tmp_path):
    good = GOOD.replace("sources: [test]",
                        "sources: [{publication: Hürriyet Daily News, date: 2026-01-24, title: Trump post}]")
    path = write(tmp_path, good)
    assert validate_termbase_files([path], strict=True) == []
    tb = load_termbase([path], include_default=False, use_cache=False)
    assert tb["alpha"].sources == ('Hürriyet Daily News, "Trump post", 2026-01-24',)
    bad = write(tmp_path, GOOD.replace("sources: [test]", "sources: [{publication: X, date: 24.01.2026}]"), "b.yaml")
    [error] = validate_termbase_files([bad])
    assert error.line == 9


def test_loaded_name_without_neutral_form_needs_advice(tmp_path):
    loaded_only = GOOD.replace("{term: Alphaville, status: preferred}", "{term: Alpha corridor, status: loaded}")
    [error] = validate_termbase_files([write(tmp_path, loaded_only)])
    assert "no preferred English (en) term" in error.message and "advice" in error.message
    advised = loaded_only.replace("    sources:", "    advice: quote and attribute it\n    sources:")
    assert validate_termbase_files([write(tmp_path, advised, "c.yaml")]) == []
    misplaced = GOOD.replace("    sources:", "    advice: quote it\n    sources:")
    [error] = validate_termbase_files([write(tmp_path, misplaced, "d.yaml")])
    assert "'advice' is for loaded names" in error.message
