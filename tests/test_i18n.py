"""The interface speaks German and English: catalogs complete and fresh, the CLI in German under a
German locale, numbers in the UI language's format, the web page in the browser's language."""

from __future__ import annotations

import gettext
import io
import os
import string
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from termguard.locales import LOCALE_DIR, format_number, language_from_env, ui_language_scope
from termguard.locales.catalogs import extract, po_files

REPO = Path(__file__).resolve().parents[1]
GERMAN_PO = LOCALE_DIR / "de" / "LC_MESSAGES" / "termguard.po"
FIX = ("run `make catalogs` (extract + update + compile), translate the listed entries in {po} "
       "(drop their fuzzy flag), then run `make catalogs` again and commit the .po and .mo")


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return entry.msgctxt, entry.msgid


@pytest.fixture(scope="module")
def fresh_template(tmp_path_factory: pytest.TempPathFactory) -> polib.POFile:
    """Every message of the code, rules.yaml and the web page, extracted now with babel."""
    pot = extract(tmp_path_factory.mktemp("catalogs") / "termguard.pot")
    return polib.pofile(str(pot))


def test_there_is_a_german_catalog() -> None:
    assert GERMAN_PO in po_files()


def test_german_catalog_covers_every_message(fresh_template: polib.POFile) -> None:
    """A message in the code (or rules.yaml, or the page) that the German catalog lacks, or has
    only empty or fuzzy, fails here with its msgid and where it comes from."""
    po = polib.pofile(str(GERMAN_PO))
    translated = {_key(e): e for e in po if e.translated() and not e.obsolete}
    missing = [e for e in fresh_template if _key(e) not in translated]
    assert len(fresh_template) > 300, "the extraction found too few messages: is babel.cfg read?"
    lines = [f"  {e.msgid!r}" + (f" (context {e.msgctxt!r})" if e.msgctxt else "")
             + f"  from {', '.join(f'{p}:{n}' for p, n in e.occurrences[:2])}" for e in missing]
    assert not missing, (f"{len(missing)} message(s) missing from {GERMAN_PO.relative_to(REPO)} "
                         f"(untranslated, fuzzy or absent):\n" + "\n".join(lines) + "\nFix: "
                         + FIX.format(po=GERMAN_PO.relative_to(REPO)))
    for entry in fresh_template:
        if entry.msgid_plural:
            assert translated[_key(entry)].msgid_plural == entry.msgid_plural, entry.msgid


def _fields(text: str) -> set[tuple[str, str | None, str | None]]:
    return {(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(text)
            if name is not None}


def test_translations_keep_every_placeholder() -> None:
    """``{surface}`` or ``{n}`` lost or renamed in a translation would crash or garble a message."""
    broken = []
    for entry in polib.pofile(str(GERMAN_PO)):
        if not entry.translated():
            continue
        if entry.msgid_plural:
            expected = _fields(entry.msgid) | _fields(entry.msgid_plural)
            forms = list(entry.msgstr_plural.values())
        else:
            expected, forms = _fields(entry.msgid), [entry.msgstr]
        for form in forms:
            got = _fields(form)
            if got - expected or (not entry.msgid_plural and got != expected):
                broken.append(f"{entry.msgid!r}: {sorted(got)} != {sorted(expected)}")
    assert not broken, "\n".join(broken)


def test_compiled_catalogs_match_their_po_files() -> None:
    """The shipped .mo is what babel compiles from the .po now (never stale)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po_path in po_files():
        mo_path = po_path.with_suffix(".mo")
        assert mo_path.is_file(), f"{mo_path} is missing: " + FIX.format(po=po_path.relative_to(REPO))
        buffer = io.BytesIO()
        with open(po_path, "rb") as f:
            write_mo(buffer, read_po(f))
        buffer.seek(0)
        fresh = gettext.GNUTranslations(buffer)
        with open(mo_path, "rb") as f:
            shipped = gettext.GNUTranslations(f)
        fresh_catalog = fresh._catalog  # type: ignore[attr-defined]
        shipped_catalog = shipped._catalog  # type: ignore[attr-defined]
        stale = sorted(str(k) for k in set(fresh_catalog) ^ set(shipped_catalog)
                       | {k for k in fresh_catalog if shipped_catalog.get(k) != fresh_catalog[k]})
        assert not stale, (f"{mo_path.relative_to(REPO)} is stale against its .po ({len(stale)} message(s), "
                           f"e.g. {stale[:3]}): run `make catalogs` and commit the .mo")


def test_typer_still_has_the_messages_the_catalog_translates_for_it() -> None:
    """locales/framework.py lists typer's gettext messages: each must still be in typer's (or click's) code."""
    import typer

    from termguard.locales.framework import MESSAGES

    roots = [Path(typer.__file__).parent]
    try:
        import click

        roots.append(Path(click.__file__).parent)
    except ModuleNotFoundError:
        pass
    source = "\n".join(p.read_text("utf-8") for root in roots for p in root.rglob("*.py"))
    gone = [m for m in MESSAGES if f'"{m}"' not in source]
    assert not gone, f"no longer in typer's source (remove from locales/framework.py): {gone}"


@pytest.mark.parametrize(("environ", "expected"), [
    ({"LANG": "de_DE.UTF-8"}, "de"),
    ({"LANG": "de_AT.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, "en"),
    ({"LANGUAGE": "de", "LC_ALL": "en_US.UTF-8"}, "de"),
    ({"LC_ALL": "de_CH.UTF-8"}, "de"),
    ({"LANG": "fr_FR.UTF-8"}, "en"),
    ({}, "en"),
])
def test_language_follows_the_environment(environ: dict[str, str], expected: str) -> None:
    assert language_from_env(environ) == expected


def test_summary_counts_in_the_ui_language() -> None:
    """Plural rules and digit grouping of the UI language in the lint summary."""
    from termguard.lint import LintStats, RenderContext, render

    stats = LintStats(files=12345)
    out = io.StringIO()
    with ui_language_scope("de"):
        render("text", [], out, RenderContext(stats=stats))
        assert format_number(1234567) == "1.234.567"
    assert out.getvalue() == "Keine Befunde in 12.345 Dateien.\n"
    out = io.StringIO()
    render("text", [], out, RenderContext(stats=LintStats(files=1)))
    assert out.getvalue() == "No findings in 1 file.\n"


def _installed_cli() -> Path:
    script = Path(sys.executable).parent / "termguard"
    if not script.is_file():
        pytest.skip("no installed termguard console script next to this interpreter")
    return script


def _german_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    return {**env, "LANG": "de_DE.UTF-8", **extra}


def test_installed_cli_speaks_german_under_a_german_locale(tmp_path: Path) -> None:
    cli = _installed_cli()

    def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(cli), *args], cwd=tmp_path, env=env or _german_env(), capture_output=True,
                              text=True, timeout=120)

    help_ = run("--help")
    assert help_.returncode == 0
    assert help_.stdout.startswith("Aufruf: termguard")
    for german in ("Befehle:", "Optionen:", "Diese Hilfe anzeigen und beenden.", "--ui-lang"):
        assert german in help_.stdout, help_.stdout
    lint_help = " ".join(run("lint", "--help").stdout.split())  # as wrapped for the terminal
    assert "belastete, nicht empfohlene und uneinheitliche Benennungen" in lint_help
    assert "--fail-on" in lint_help and "Exit-Codes" in lint_help  # options and codes stay as they are

    bad_option = run("lint", "--no-such-option")
    assert bad_option.returncode == 2
    assert "Fehler: Unbekannte Option: --no-such-option" in bad_option.stderr
    assert "Hilfe mit 'termguard lint --help'." in bad_option.stderr

    (tmp_path / "artikel.txt").write_text("Das Projekt, das auch als Sangesur-Korridor bekannt ist, umgeht "
                                          "russisches Gebiet. Der Präsident Alijew sprach.\n", "utf-8")
    linted = run("lint", "artikel.txt", "--lang", "de")
    assert linted.returncode == 1, linted.stderr
    first = linted.stdout.splitlines()[0]
    assert first.startswith("artikel.txt:1:") and " TG101 belastete Benennung `Sangesur-Korridor`" in first
    assert linted.stdout.splitlines()[-1].endswith("in 1 Datei gefunden.")
    assert "Befund" in linted.stdout.splitlines()[-1]

    missing = run("lint", "fehlt.txt")
    assert missing.returncode == 2
    assert "TG901 Eingabe kann nicht gelesen werden: Datei oder Verzeichnis nicht gefunden" in missing.stdout

    empty_query = run("lookup", " ")
    assert empty_query.returncode == 2 and "bitte einen Namen zum Nachschlagen angeben" in empty_query.stderr

    # Machine formats keep their keys and codes; --ui-lang en and a non-German locale give English.
    as_json = run("lint", "artikel.txt", "--lang", "de", "--format", "json")
    assert '"code": "TG101"' in as_json.stdout and '"message": "belastete Benennung' in as_json.stdout
    english = run("--ui-lang", "en", "lint", "artikel.txt", "--lang", "de")
    assert "TG101 loaded term `Sangesur-Korridor`" in english.stdout
    assert english.stdout.splitlines()[-1].startswith("Found ")
    c_locale = run("lint", "artikel.txt", env=_german_env(LANG="C.UTF-8"))
    assert "loaded term" in c_locale.stdout


def test_forced_german_reaches_worker_processes(tmp_path: Path) -> None:
    """``--ui-lang de`` under an English locale: findings found in ``--jobs`` workers are German too."""
    cli = _installed_cli()
    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text("Paschinian traf Alijew in Sangesur.\n", "utf-8")
    env = {**_german_env(), "LANG": "en_US.UTF-8"}
    result = subprocess.run([str(cli), "--ui-lang", "de", "lint", "--jobs", "2", "--lang", "de", "."],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    findings = [line for line in result.stdout.splitlines() if ": TG" in line]
    assert findings and all("loaded term" not in line and "deprecated" not in line for line in findings), \
        result.stdout


def test_review_page_in_german(tmp_path: Path) -> None:
    """The HTML report (lint --format html) speaks the UI language: headings, legend, counts, findings."""
    cli = _installed_cli()
    (tmp_path / "artikel.txt").write_text("Der Sangesur-Korridor verbindet Aserbaidschan mit Nachitschewan.\n",
                                          "utf-8")
    done = subprocess.run([str(cli), "lint", "artikel.txt", "--lang", "de", "--format", "html", "-o", "seite.html"],
                          cwd=tmp_path, env=_german_env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    page = (tmp_path / "seite.html").read_text("utf-8")
    assert '<html lang="de">' in page
    for german in ("<h2>Belastete Benennungen (", "nur Probleme", "Dateien mit Befunden", "belastete Benennung `",
                   "Form der Termbank durchgesetzt", 'data-msg-none="kein Befund anzuzeigen"'):
        assert german in page, german
    assert "only problems" not in page and "Loaded terms" not in page


def test_review_of_a_catalog_dates_its_last_revision_in_the_ui_language(tmp_path: Path) -> None:
    import datetime

    from termguard.review.from_catalog import _revision_date

    po = tmp_path / "artikel.po"
    po.write_text('msgid ""\nmsgstr ""\n"PO-Revision-Date: 2026-02-09 10:15+0000\\n"\n', "utf-8")
    revised = _revision_date(po)
    assert revised == datetime.date(2026, 2, 9)
    with ui_language_scope("de"):
        from termguard.locales import format_date

        assert format_date(revised) == "9. Februar 2026"
    assert format_date_en(revised) == "February 9, 2026"


def format_date_en(day: object) -> str:
    from termguard.locales import format_date

    with ui_language_scope("en"):
        return format_date(day)  # type: ignore[arg-type]
