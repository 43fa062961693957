"""Issue 12's hostile-input probe, defect by defect: each test reproduces one finding.

The bombs (alias, zip, nesting) and the signals run as the real console script in a subprocess,
bounded in memory and time (conftest.py); the rest run the CLI in-process. The hostile files
are written by tests/fixtures/hostile/generate.py.
"""

from __future__ import annotations

import csv
import io
import marshal
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = Path(sys.executable).parent / "termguard"
TINY_MODEL = REPO / "tests" / "fixtures" / "model" / "translate-de_en-tiny.argosmodel"

ARTICLE = "Paschinjan traf Alijew in Eriwan.\n\nDer Sangesur-Korridor blieb umstritten.\n"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


# --- 1. YAML alias bomb ------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["alias-bomb.yaml", "alias-bomb-9.yaml"])
def test_alias_bomb_termbase_is_refused_at_once(bounded, hostile, name) -> None:
    started = time.monotonic()
    run = bounded("glossary", "validate", hostile[name])
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert f"{name}:2:8: YAML alias *a is not allowed in a termbase" in run.stderr
    assert time.monotonic() - started < 20


def test_alias_bomb_through_configuration_is_refused(bounded, hostile, tmp_path) -> None:
    _write(tmp_path / "termguard.toml", f'termbase = "{hostile["alias-bomb.yaml"]}"\n')
    bounded("lookup", "Paschinjan").assert_clean_error("YAML alias")
    bounded("lint", "-", input="Paschinjan\n").assert_clean_error("YAML alias")


# --- 2. the compiled-termbase cache never runs code ----------------------------------------------

def test_a_planted_pickle_in_the_cache_runs_nothing(tmp_path, monkeypatch, generator) -> None:
    from termguard.glossary import termbase as tb_module

    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    monkeypatch.setenv("TERMGUARD_CACHE_DIR", str(cache))
    marker = tmp_path / "pwned"
    digest = tb_module._digest(tb_module.default_termbase_files())
    payload = generator.pickle_payload(marker)
    for suffix in ("pickle", "json", "marshal"):  # whatever the cache file is called, it holds the payload
        (cache / f"termbase-{digest}.{suffix}").write_bytes(payload)
    tb = tb_module.load_termbase()
    assert not marker.exists()
    assert tb.term_for("Paschinjan") is not None  # rebuilt from the termbase files
    assert marshal.loads((cache / f"termbase-{digest}.marshal").read_bytes())[1] == digest


def test_code_planted_in_the_marshal_cache_is_never_called(tmp_path, monkeypatch) -> None:
    """marshal can carry a code object: in place of the matcher's tables or of a term it fails
    the type checks, the termbase is rebuilt, and the code never runs."""
    from termguard.glossary import termbase as tb_module

    cache = tmp_path / "cache"
    monkeypatch.setenv("TERMGUARD_CACHE_DIR", str(cache))
    marker = tmp_path / "pwned"
    code = compile(f"open({str(marker)!r}, 'w').write('ran')", "<planted>", "exec")
    tb_module.load_termbase()
    [cached] = cache.glob("termbase-*.marshal")
    good = marshal.loads(cached.read_bytes())
    for planted in ((*good[:4], code), (*good[:3], ((code,),), good[4]), code):
        cached.write_bytes(marshal.dumps(planted))
        tb = tb_module.load_termbase()
        assert [m.surface for m in tb.matcher.find("Paschinjan traf Alijew")] == ["Paschinjan", "Alijew"]
        assert not marker.exists()
    assert marshal.loads(cached.read_bytes())[4][0] == good[4][0]  # rewritten as termguard writes it


def test_a_damaged_rules_cache_is_parsed_again(tmp_path, monkeypatch) -> None:
    from termguard.lint import rules as rules_module

    monkeypatch.setenv("TERMGUARD_CACHE_DIR", str(tmp_path / "cache"))
    rules_module.load_rules.cache_clear()
    try:
        shipped = rules_module.load_rules()
        [cached] = (tmp_path / "cache").glob("rules-*.marshal")
        data = marshal.loads(cached.read_bytes())
        data["rules"]["TG101"]["severity"] = 3  # wrong type: not what termguard writes
        cached.write_bytes(marshal.dumps(data))
        rules_module.load_rules.cache_clear()
        assert rules_module.load_rules() == shipped
    finally:
        rules_module.load_rules.cache_clear()


def test_a_cache_directory_others_can_write_is_not_used(tmp_path, monkeypatch) -> None:
    from termguard.glossary import load_termbase

    shared = tmp_path / "shared-cache"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("TERMGUARD_CACHE_DIR", str(shared))
    load_termbase()
    assert list(shared.iterdir()) == []


def test_a_damaged_cache_file_is_rebuilt(tmp_path, monkeypatch) -> None:
    from termguard.glossary import load_termbase

    monkeypatch.setenv("TERMGUARD_CACHE_DIR", str(tmp_path / "cache"))
    load_termbase()
    [cached] = (tmp_path / "cache").glob("termbase-*.marshal")
    data = marshal.loads(cached.read_bytes())
    concept = data[3][0]
    term = (*concept[2][0][:5], "yes", *concept[2][0][6:])  # case_sensitive: wrong type, not what termguard writes
    cached.write_bytes(marshal.dumps((*data[:3], ((*concept[:2], (term,), *concept[3:]), *data[3][1:]), data[4])))
    assert load_termbase().term_for("Paschinjan") is not None
    assert marshal.loads(cached.read_bytes())[3][0][2][0][5] in (True, False)
    cached.write_bytes(cached.read_bytes()[:1000])  # truncated
    assert load_termbase().term_for("Paschinjan") is not None


# --- 3. outputs are never written over inputs -----------------------------------------------------

def test_lint_report_over_its_input_is_refused(termguard, tmp_path) -> None:
    source = _write(tmp_path / "in.txt", "Alyev und Paschinian\n")
    termguard("lint", "in.txt", "-o", "in.txt").assert_clean_error("in.txt", "refusing to overwrite")
    assert source.read_text("utf-8") == "Alyev und Paschinian\n"
    (tmp_path / "link.txt").symlink_to(source)
    termguard("lint", "in.txt", "-o", "link.txt").assert_clean_error("a link to an input")
    os.link(source, tmp_path / "hard.txt")
    termguard("lint", "in.txt", "-o", "hard.txt").assert_clean_error("refusing to overwrite")
    assert source.read_text("utf-8") == "Alyev und Paschinian\n"


def test_lint_report_over_a_file_of_a_linted_directory_is_refused(termguard, tmp_path) -> None:
    _write(tmp_path / "docs" / "a.txt", "Alyev\n")
    previous = _write(tmp_path / "docs" / "report.txt", "Paschinian\n")
    termguard("lint", "docs", "-o", "docs/report.txt").assert_clean_error("refusing to overwrite")
    assert previous.read_text("utf-8") == "Paschinian\n"
    fresh = termguard("lint", "docs", "-o", "docs/fresh.txt")  # a new report in the directory is fine
    assert fresh.returncode == 1 and "TG103" in (tmp_path / "docs" / "fresh.txt").read_text("utf-8")


def test_glossary_export_over_its_termbase_is_refused(termguard, tmp_path, generator) -> None:
    termbase = _write(tmp_path / "my.yaml", generator.VALID_TERMBASE)
    termguard("glossary", "export", "-f", "csv", "-t", termbase, "--no-default-termbase",
              "-o", termbase).assert_clean_error("refusing to overwrite")
    assert termbase.read_text("utf-8") == generator.VALID_TERMBASE


def test_glossary_import_over_its_source_is_refused(termguard, tmp_path) -> None:
    exported = termguard("glossary", "export", "-f", "tbx", "-o", "same.tbx")
    assert exported.returncode == 0, exported.stderr
    before = (tmp_path / "same.tbx").read_bytes()
    termguard("glossary", "import", "same.tbx", "-o", "same.tbx").assert_clean_error("refusing to overwrite")
    assert (tmp_path / "same.tbx").read_bytes() == before


def test_translate_output_over_the_termbase_is_refused(termguard, tmp_path, generator) -> None:
    _write(tmp_path / "a.txt", ARTICLE)
    tb = _write(tmp_path / "tb" / "a.yaml", generator.VALID_TERMBASE)
    run = termguard("translate", "a.txt", "-o", "out", "--po", "tb/a.yaml", "-t", tb, "-q")
    run.assert_clean_error("refusing to overwrite")
    assert tb.read_text("utf-8") == generator.VALID_TERMBASE
    assert not (tmp_path / "out").exists()


def test_an_output_directory_that_is_an_input_file_is_one_line(termguard, tmp_path) -> None:
    _write(tmp_path / "a.txt", ARTICLE)
    termguard("translate", "a.txt", "-o", "a.txt", "-q").assert_clean_error("a.txt is a file, not a directory")
    assert (tmp_path / "a.txt").read_text("utf-8") == ARTICLE


# --- 4. same stem, different extension -------------------------------------------------------------

def test_same_stem_different_extension_is_refused_before_writing(termguard, tmp_path) -> None:
    _write(tmp_path / "in" / "a.txt", ARTICLE)
    _write(tmp_path / "in" / "a.md", "# Eriwan\n\nAlijew sprach.\n")
    run = termguard("translate", "in", "-o", "out", "-q")
    run.assert_clean_error("a.report.json", "a.po")
    assert not (tmp_path / "out").exists()


# --- 5. build never passes the source off as an edition --------------------------------------------

@pytest.fixture
def catalogs(termguard, tmp_path) -> dict[str, Path]:
    _write(tmp_path / "a.txt", ARTICLE)
    _write(tmp_path / "b.txt", "Lawrow sprach in Moskau.\n")
    for name in ("a", "b"):
        run = termguard("translate", f"{name}.txt", "-o", "out", "-q", "--model", TINY_MODEL)
        assert run.returncode in (0, 1), run.stderr
    return {"a": tmp_path / "out" / "a.po", "b": tmp_path / "out" / "b.po"}


def test_build_with_another_articles_catalog_fails(termguard, tmp_path, catalogs) -> None:
    run = termguard("build", catalogs["b"], "--source", "a.txt", "-o", "edition.txt")
    run.assert_clean_error("holds none of the 2 sentences of a.txt")
    assert not (tmp_path / "edition.txt").exists()
    assert termguard("build", catalogs["a"], "-o", "edition.txt").returncode == 0


@pytest.mark.parametrize("content", ["this is not\na PO file at all\n\x01\x02\n", "# only a comment\n",
                                     'msgid "Paschinjan traf\n', 'msgid "x"\n'])
def test_build_with_an_unparseable_catalog_fails(termguard, tmp_path, content) -> None:
    _write(tmp_path / "a.txt", ARTICLE)
    _write(tmp_path / "bad.po", content)
    termguard("build", "bad.po", "--source", "a.txt", "-o", "edition.txt").assert_clean_error("bad.po")
    assert not (tmp_path / "edition.txt").exists()


def test_build_refuses_an_unterminated_msgstr(termguard, tmp_path, generator) -> None:
    _write(tmp_path / "article.txt", "Paschinjan traf Alijew.\n")
    # the reviewer's closing quote is missing: polib alone reads "Pashinyan met Aliyev" (no ".")
    _write(tmp_path / "broken.po", generator.unterminated_po())
    run = termguard("build", "broken.po", "--source", "article.txt", "-o", "edition.txt")
    run.assert_clean_error("broken.po:8: not a valid PO file: unterminated")
    assert not (tmp_path / "edition.txt").exists()


def test_build_refuses_duplicate_msgids(termguard, tmp_path, generator) -> None:
    _write(tmp_path / "article.txt", "Paschinjan traf Alijew.\n")
    _write(tmp_path / "dup.po", generator.duplicate_po())
    run = termguard("build", "dup.po", "--source", "article.txt", "-o", "edition.txt")
    run.assert_clean_error("duplicate msgid", "first at line")
    assert not (tmp_path / "edition.txt").exists()


# --- 7. CSV formula injection ------------------------------------------------------------------------

def test_csv_export_neutralises_formulas_and_round_trips(termguard, tmp_path, hostile, generator) -> None:
    run = termguard("glossary", "export", "-f", "csv", "-t", hostile["formula-termbase.yaml"],
                    "--no-default-termbase", "-o", "terms.csv")
    assert run.returncode == 0, run.stderr
    rows = list(csv.DictReader(io.StringIO((tmp_path / "terms.csv").read_text("utf-8"))))
    cells = [cell for row in rows for cell in row.values()]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'=cmd|' /C calc'!A0" in cells
    back = termguard("glossary", "import", "terms.csv", "-o", "back.yaml")
    assert back.returncode == 0, back.stderr
    import yaml

    terms = {t["term"] for c in yaml.safe_load((tmp_path / "back.yaml").read_text("utf-8"))["concepts"]
             for items in c["terms"].values() for t in items}
    assert set(generator.FORMULAS) <= terms


def test_csv_export_with_a_byte_order_mark_for_excel(termguard, tmp_path) -> None:
    assert termguard("glossary", "export", "-f", "csv", "--bom", "-o", "excel.csv").returncode == 0
    data = (tmp_path / "excel.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfconcept_id,")
    assert termguard("glossary", "export", "-f", "csv", "-o", "plain.csv").returncode == 0
    assert (tmp_path / "plain.csv").read_bytes() == data[3:]
    assert termguard("glossary", "import", "excel.csv", "-o", "back.yaml").returncode == 0


# --- 8. model archives are bounded -------------------------------------------------------------------

def test_zip_bomb_model_is_refused_and_leaves_nothing(bounded, tmp_path, hostile) -> None:
    _write(tmp_path / "a.txt", ARTICLE)
    run = bounded("translate", "a.txt", "-o", "out", "--model", hostile["zip-bomb.argosmodel"], "-q")
    run.assert_clean_error("zip bomb")
    models = tmp_path / "cache" / "models"
    assert not models.exists() or not any(models.rglob("*"))
    bounded("model", "install", hostile["zip-bomb.argosmodel"]).assert_clean_error("zip bomb")
    packages = tmp_path / "argos" / "packages"
    assert not packages.exists() or not any(packages.iterdir())


def test_archive_size_limit_at_its_edge(tmp_path, monkeypatch) -> None:
    import zipfile

    from termguard import limits
    from termguard.errors import InputError
    from termguard.translate import models

    total = sum(i.file_size for i in zipfile.ZipFile(TINY_MODEL).infolist())
    monkeypatch.setattr(limits, "MAX_MODEL_UNPACKED_BYTES", total)
    archive, _, _ = models._check_archive(TINY_MODEL)  # exactly at the limit: accepted
    archive.close()
    monkeypatch.setattr(limits, "MAX_MODEL_UNPACKED_BYTES", total - 1)
    with pytest.raises(InputError, match="would unpack to"):
        models._check_archive(TINY_MODEL)
    monkeypatch.setattr(limits, "MAX_MODEL_MEMBERS", len(zipfile.ZipFile(TINY_MODEL).infolist()) - 1)
    with pytest.raises(InputError, match="holds .* files"):
        models._check_archive(TINY_MODEL)


# --- 9. no tracebacks: corrupt model files, deeply nested TOML ------------------------------------

@pytest.mark.parametrize("name", ["corrupt-model-bin", "corrupt-sentencepiece", "corrupt-config"])
def test_corrupt_model_file_is_one_line_and_exit_2(termguard, tmp_path, hostile, name) -> None:
    _write(tmp_path / "a.txt", ARTICLE)
    run = termguard("translate", "a.txt", "-o", "out", "--model", hostile[f"{name}.argosmodel"], "-q")
    run.assert_clean_error("damaged model")
    assert len(run.lines) == 1


@pytest.mark.parametrize("name", ["deep.toml", "dotted.toml", "deep.yaml"])
def test_deeply_nested_termbase_is_one_line_and_exit_2(bounded, hostile, name) -> None:
    run = bounded("lookup", "Paschinjan", "-t", hostile[name])
    run.assert_clean_error(name)
    assert len(run.lines) == 1


def test_deeply_nested_configuration_is_one_line_and_exit_2(bounded, hostile) -> None:
    run = bounded("lookup", "Paschinjan", cwd=hostile["deep-config/termguard.toml"].parent)
    run.assert_clean_error("termguard.toml", "nested deeper than")


# --- 10. interrupted writes -----------------------------------------------------------------------------

@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_interrupted_report_write_leaves_no_temp_file_and_says_so(tmp_path, termguard_env, signum) -> None:
    line = "Paschinian traf Alyev in Jerewan und sprach über den Sangesur-Korridor. " * 20 + "\n"
    _write(tmp_path / "big.txt", line * 4000)
    _write(tmp_path / "report.json", "previous report\n")
    process = subprocess.Popen([str(SCRIPT), "lint", "big.txt", "-f", "json", "-o", "report.json"], cwd=tmp_path,
                               env=termguard_env, stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 30
    while not list(tmp_path.glob(".report.json.*.tmp")):  # the write has begun
        assert process.poll() is None and time.monotonic() < deadline, "lint ended before it was interrupted"
        time.sleep(0.005)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 128 + signum
    assert "Traceback" not in stderr
    name = signal.Signals(signum).name
    assert f"termguard: interrupted ({name}); not written (an earlier version, if any, is kept): report.json" \
        in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.txt", "cache", "home", "report.json"]
    assert (tmp_path / "report.json").read_text("utf-8") == "previous report\n"


def test_ctrl_c_ends_a_parallel_lint_and_its_workers(tmp_path, termguard_env) -> None:
    """Ctrl-C in a terminal signals lint --jobs and its workers alike. A worker that died of it
    could hold the pool's task-queue lock, and the parent then waited for it for ever (2 and 3
    runs in 30 hung). The workers leave the signal to the parent, which stops the run."""
    line = "Paschinian traf Alyev in Jerewan und sprach über den Sangesur-Korridor. " * 20 + "\n"
    for i in range(300):
        _write(tmp_path / "corpus" / f"{i:03d}.txt", line * 20)  # 300 files of 30 KB
    for attempt in range(3):
        process = subprocess.Popen([str(SCRIPT), "lint", "--jobs", "2", "corpus"], cwd=tmp_path, env=termguard_env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   start_new_session=True)  # a process group, as a terminal's job is
        assert process.stdout is not None
        for _ in range(1 + 200 * attempt):  # the run is under way: its findings are coming
            assert process.stdout.readline(), "lint ended before it was interrupted"
        os.killpg(process.pid, signal.SIGINT)
        try:
            _, stderr = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            pytest.fail("lint --jobs 2 hung after Ctrl-C")
        assert process.returncode == 130, stderr
        assert "Traceback" not in stderr and "termguard: interrupted (SIGINT)" in stderr
        with pytest.raises(ProcessLookupError):  # nothing is left in the group: no worker outlived the run
            os.killpg(process.pid, 0)


# --- 11. the smaller items ----------------------------------------------------------------------------

def test_csv_yes_no_columns_are_checked(termguard, hostile) -> None:
    termguard("glossary", "import", hostile["maybe.csv"]).assert_clean_error(
        "maybe.csv:2: column case_sensitive: 'maybe' is not true or false")


def test_empty_termbase_directory_is_an_error(termguard, hostile) -> None:
    run = termguard("glossary", "validate", hostile["empty-termbase-dir"])
    run.assert_clean_error("directory holds no termbase files")
    assert "OK" not in run.stdout


def test_binary_configuration_error_names_the_file(termguard, hostile) -> None:
    run = termguard("lookup", "Paschinjan", cwd=hostile["binary-config/termguard.toml"].parent)
    run.assert_clean_error("binary-config/termguard.toml: configuration file is not UTF-8 text")


def test_quoted_boolean_in_configuration_says_what_is_wrong(termguard, hostile) -> None:
    run = termguard("lookup", "Paschinjan", cwd=hostile["string-bool-config/termguard.toml"].parent)
    run.assert_clean_error("'no_default_termbase' must be true or false", "not 'yes'")


def test_empty_lookup_is_a_usage_error(termguard) -> None:
    for query in ("", "   "):
        run = termguard("lookup", query)
        run.assert_clean_error("the query is empty")


def test_tbx_note_with_xinclude_is_refused_not_dropped(termguard, hostile) -> None:
    termguard("glossary", "import", hostile["xinclude.tbx"]).assert_clean_error("XInclude")


# --- already safe, kept so ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["entity-bomb.tbx", "external-entity.tbx"])
def test_tbx_entities_are_refused(bounded, hostile, name) -> None:
    run = bounded("glossary", "import", hostile[name])
    run.assert_clean_error("refusing unsafe XML")
    assert "root:" not in run.stdout + run.stderr  # nothing of /etc/passwd
