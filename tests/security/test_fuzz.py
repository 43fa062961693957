"""Property-based fuzzing of everything termguard reads (hypothesis).

For every generated termbase (YAML, TOML), configuration, lint input, PO catalog, CSV/TBX file
and article, the command that reads it must: exit 0, 1 or 2; print no traceback; finish within
:data:`SECONDS` without the process's peak memory passing :data:`MEGABYTES`; write nothing but
its outputs; and leave its inputs as they were.

The budget is set by hypothesis profiles (registered in conftest.py): ``ci`` (the default, a
fixed seed and 25 examples per target, under a minute on two cores) and ``thorough``
(``HYPOTHESIS_PROFILE=thorough pytest tests/security/test_fuzz.py``: random, 8x the examples).
"""

from __future__ import annotations

import hashlib
import json
import resource
import time
from collections.abc import Iterable
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[2]
TINY_MODEL = REPO / "tests" / "fixtures" / "model" / "translate-de_en-tiny.argosmodel"
SECONDS = 20.0
#: Peak resident memory of the whole test process (the tiny model included); the alias bomb
#: alone took 2.4 GB.
MEGABYTES = 1536

NAMES = ["Paschinjan", "Alijew", "Eriwan", "Jerewan", "Sangesur", "West-Sangesur", "Bergkarabach", "Pashinyan",
         "Aliyev", "Alyev", "Nakhichevan", "Пашинян", "Trump-Route", "OVKS", "UN", "Straße", "Ǝ", "\u0301"]
PUNCT = [" ", "\n", "\n\n", ".", ",", "„", "“", "\"", "'", "-", "–", "#", "*", "[", "]", "(", ")", "|", "\\", "\t",
         "\r", "\x00", "\ufeff", "<", ">", "&", ":", "=", "+", "@", "`", "\u202e", "\U0001f600"]
WORDS = ["der", "die", "und", "traf", "in", "am", "Montag", "9. Februar 2026", "3,5 Millionen", "Korridor", "msgid",
         "msgstr", "&a", "*a", "!!python/object", "---", "...", "concepts:", "- id:", "{", "}"]

#: Text made of the pieces termguard cares about, in any order.
texty = st.lists(st.sampled_from(NAMES + PUNCT + WORDS) | st.text(max_size=8), max_size=60).map("".join)
scalars = st.none() | st.booleans() | st.integers(-5, 10**12) | st.floats(allow_nan=True) | texty
json_like = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                         | st.dictionaries(st.sampled_from(["id", "kind", "terms", "term", "status", "en", "de",
                                                            "ru", "note", "sources", "see_also", "render",
                                                            "type", "case_sensitive", "inflects", "contested",
                                                            "concepts", "x"]) | texty, inner, max_size=5),
                         max_leaves=25)

VALID_CONCEPT = {"id": "test-pashinyan", "kind": "person", "sources": ["test"],
                 "terms": {"en": [{"term": "Pashinyan", "status": "preferred"}],
                           "de": [{"term": "Paschinjan", "status": "preferred"}]}}


@st.composite
def termbase_data(draw: st.DrawFn) -> object:
    """Termbase-shaped data: a valid concept with one field replaced, or anything at all."""
    if draw(st.booleans()):
        concept = json.loads(json.dumps(VALID_CONCEPT))
        path = draw(st.sampled_from([("id",), ("kind",), ("sources",), ("terms",), ("terms", "en"),
                                     ("terms", "de", 0, "term"), ("terms", "en", 0, "status"), ("note",),
                                     ("see_also",), ("terms", "en", 0, "render"), ("terms", "en", 0, "inflects")]))
        target = concept
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = draw(json_like)
        concepts = [concept] * draw(st.integers(1, 3))
        return {"concepts": concepts}
    return draw(json_like)


def _snapshot(root: Path) -> dict[str, str]:
    out = {}
    for path in sorted(root.rglob("*")):
        key = str(path.relative_to(root))
        if path.is_symlink():
            out[key] = "link:" + str(path.readlink())
        elif path.is_file():
            out[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            out[key] = "dir"
    return out


@pytest.fixture
def fuzz_cli(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """fuzz_cli(workdir, args, outputs, codes) -> exit code, after every property is checked."""
    from typer.testing import CliRunner

    from termguard.cli import _register, app

    _register()
    home = tmp_path_factory.mktemp("fuzz-home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("TERMGUARD_CACHE_DIR", str(tmp_path_factory.mktemp("fuzz-cache")))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(home / "argos-packages"))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/")
    runner = CliRunner()

    def run(workdir: Path, args: list[str], outputs: Iterable[str] = (), codes: Iterable[int] = (0, 1, 2)) -> int:
        monkeypatch.chdir(workdir)
        before = _snapshot(workdir)
        started = time.perf_counter()
        result = runner.invoke(app, args)
        elapsed = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss << 10  # KiB on Linux
        shown = f"termguard {' '.join(args)}\nstdout: {result.stdout[-1500:]}\nstderr: {result.stderr[-1500:]}"
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"uncaught {type(result.exception).__name__}: {result.exception}\n{shown}") \
                from result.exception
        assert result.exit_code in set(codes), shown
        assert "Traceback" not in result.stderr, shown
        if result.exit_code == 2 and not outputs:
            assert result.stderr.strip(), shown  # an error says what it is (lint -o: in the report)
        assert elapsed < SECONDS, f"took {elapsed:.1f} s\n{shown}"
        assert peak < MEGABYTES << 20, f"peak memory {peak >> 20} MB\n{shown}"
        after = _snapshot(workdir)
        allowed = tuple(outputs)
        for key, digest in before.items():  # inputs (and everything else present) unchanged
            if not key.startswith(allowed) or not allowed:
                assert after.get(key) == digest, f"{key} changed or vanished\n{shown}"
        for key in set(after) - set(before):  # new files only where outputs go
            assert allowed and key.startswith(allowed), f"unexpected file {key}\n{shown}"
        return result.exit_code

    return run


def _workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


# --- termbases -----------------------------------------------------------------------------------------

@given(data=termbase_data())
def test_yaml_termbase(fuzz_cli, tmp_path_factory, data) -> None:  # type: ignore[no-untyped-def]
    work = _workdir(tmp_path_factory)
    (work / "tb.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    fuzz_cli(work, ["glossary", "validate", "tb.yaml"])
    fuzz_cli(work, ["lookup", "Paschinjan", "-t", "tb.yaml", "--no-default-termbase"])


YAML_PIECES = ["concepts:", "\n", "  ", "- ", "id: x", "kind: person", "terms:", "en:", "{", "}", "[", "]", "&a ",
               "*a", "<<: *a", "!!str ", "!!python/object:os.system ", "? ", ": ", "'", '"', "#", "---\n", "...\n",
               "\t", "%YAML 1.1\n", "|\n", ">-\n", "\x00", "\ufeff", "Paschinjan", "status: preferred"]


@given(text=st.lists(st.sampled_from(YAML_PIECES) | texty, max_size=40).map("".join))
@example(text="!!python/object:os.system ")  # found by the thorough profile: a traceback once
@example(text="? concepts:")  # (a mapping as a mapping key: the same)
def test_raw_yaml_termbase(fuzz_cli, tmp_path_factory, text) -> None:  # type: ignore[no-untyped-def]
    work = _workdir(tmp_path_factory)
    (work / "tb.yaml").write_text(text, "utf-8", errors="surrogatepass")
    fuzz_cli(work, ["glossary", "validate", "tb.yaml"])


TOML_PIECES = ["[[concepts]]\n", "id = \"x\"\n", "kind = \"person\"\n", "sources = [\"a\"]\n", "[concepts.terms]\n",
               "en = [{term = \"Pashinyan\", status = \"preferred\"}]\n", "de = [", "{", "}", "[", "]", "a.b.c",
               " = ", "\"", "'''", "\"\"\"", "#", "\n", ",", "1979-05-27T07:32:00Z", "inf", "nan", "0x1F", "true"]


@given(text=st.lists(st.sampled_from(TOML_PIECES) | texty, max_size=40).map("".join))
def test_toml_termbase(fuzz_cli, tmp_path_factory, text) -> None:  # type: ignore[no-untyped-def]
    work = _workdir(tmp_path_factory)
    (work / "tb.toml").write_text(text, "utf-8", errors="surrogatepass")
    fuzz_cli(work, ["glossary", "validate", "tb.toml"])
    fuzz_cli(work, ["glossary", "list", "-t", "tb.toml", "--no-default-termbase"])


# --- configuration ---------------------------------------------------------------------------------------

def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)) and value == value and abs(value) != float("inf"):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))} = {_toml_value(v)}" for k, v in value.items()) + "}"
    return json.dumps(str(value))


config_keys = st.sampled_from(["termbase", "no_default_termbase", "lint", "translate", "unknown"])
lint_keys = st.sampled_from(["select", "ignore", "extend-select", "fail-on", "lang", "encoding", "exclude",
                             "include", "per-file-ignores", "severity", "respect-gitignore", "termbase", "x"])
config_values = st.sampled_from(["tb.yaml", ["tb.yaml"], "missing.yaml", True, "yes", 0, ["TG1", "TG103"], "TG",
                                 "warning", "none", "de", "auto", "latin-1", "no-such-codec", {"*.txt": ["TG1"]},
                                 {"TG103": "error"}, {"TG103": "loud"}, ["**"], [], {}]) | json_like


@given(top=st.dictionaries(config_keys, config_values, max_size=4),
       lint=st.dictionaries(lint_keys, config_values, max_size=5))
def test_configuration(fuzz_cli, tmp_path_factory, top, lint) -> None:  # type: ignore[no-untyped-def]
    work = _workdir(tmp_path_factory)
    (work / "tb.yaml").write_text(yaml.safe_dump({"concepts": [VALID_CONCEPT]}), "utf-8")
    (work / "a.txt").write_text("Paschinjan traf Alyev.\n", "utf-8")
    lines = [f"{k} = {_toml_value(v)}" for k, v in top.items() if k != "lint"]
    lines += ["[lint]"] + [f"{json.dumps(k)} = {_toml_value(v)}" for k, v in lint.items()]
    (work / "termguard.toml").write_text("\n".join(lines) + "\n", "utf-8")
    fuzz_cli(work, ["lint", "a.txt", "-f", "json", "-o", "report.json"], outputs=["report.json"])
    fuzz_cli(work, ["lookup", "Paschinjan"])


# --- lint input ------------------------------------------------------------------------------------------

@given(data=st.binary(max_size=300) | texty.map(lambda t: t.encode("utf-8", "surrogatepass")),
       suffix=st.sampled_from([".txt", ".md", ".po", ".pot", ".markdown"]),
       lang=st.sampled_from(["de", "en", "ru", "auto"]), fmt=st.sampled_from(["text", "json", "sarif", "github"]))
def test_lint_input(fuzz_cli, tmp_path_factory, data, suffix, lang, fmt) -> None:  # type: ignore[no-untyped-def]
    work = _workdir(tmp_path_factory)
    (work / f"in{suffix}").write_bytes(data)
    code = fuzz_cli(work, ["lint", f"in{suffix}", "--lang", lang, "-f", fmt, "-o", "out.report"],
                    outputs=["out.report"])
    if fmt in ("json", "sarif") and code in (0, 1):
        json.loads((work / "out.report").read_text("utf-8"))


# --- PO catalogs ----------------------------------------------------------------------------------------

po_strings = texty.map(lambda t: '"' + t.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"')
po_lines = st.one_of(
    st.tuples(st.sampled_from(["msgid", "msgstr", "msgctxt", "msgid_plural", "msgstr[0]", "msgstr[1]", "#~ msgid",
                               "#| msgid"]), po_strings).map(" ".join),
    po_strings,
    st.sampled_from(["#, fuzzy", "#: article.txt:1", "#. note", "# comment", "", 'msgstr "unterminated',
                     'msgid "a" "b"', '"', "msgid", 'msgstr[x] "y"', '"Content-Type: text/plain; charset=UTF-8\\n"',
                     'msgid "Paschinjan traf Alijew."', 'msgstr "Pashinyan met Aliyev."']),
)


@given(lines=st.lists(po_lines, max_size=25))
def test_po_catalog(fuzz_cli, tmp_path_factory, lines) -> None:  # type: ignore[no-untyped-def]
    work = _workdir(tmp_path_factory)
    (work / "article.txt").write_text("Paschinjan traf Alijew.\n", "utf-8")
    (work / "c.po").write_text('msgid ""\nmsgstr ""\n"Language: en\\n"\n\n' + "\n".join(lines) + "\n", "utf-8",
                               errors="surrogatepass")
    fuzz_cli(work, ["lint", "c.po", "-f", "json", "-o", "lint.json"], outputs=["lint.json"])
    fuzz_cli(work, ["build", "c.po", "--source", "article.txt", "-o", "edition.txt"], outputs=["edition.txt"])


# --- CSV and TBX ----------------------------------------------------------------------------------------

CSV_COLUMNS = ["concept_id", "kind", "lang", "term", "status", "type", "render", "case_sensitive", "inflects",
               "term_note", "concept_note", "sources", "see_also", "contested"]
cells = st.sampled_from(["x-test", "person", "en", "de", "preferred", "loaded", "true", "maybe", "", "=1+1",
                         "'=1+1", "Pashinyan", "a | b", '"', "\n", ","]) | texty


@given(columns=st.lists(st.sampled_from(CSV_COLUMNS), min_size=1, max_size=8, unique=True),
       rows=st.lists(st.lists(cells, max_size=10), max_size=6))
def test_csv_import(fuzz_cli, tmp_path_factory, columns, rows) -> None:  # type: ignore[no-untyped-def]
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(columns)
    writer.writerows(rows)
    work = _workdir(tmp_path_factory)
    (work / "t.csv").write_text(buf.getvalue(), "utf-8", errors="surrogatepass")
    fuzz_cli(work, ["glossary", "import", "t.csv", "-o", "out.yaml"], outputs=["out.yaml"])


TBX_TAGS = ["tbx", "text", "body", "conceptEntry", "termEntry", "langSec", "langSet", "termSec", "tig", "term",
            "termNote", "note", "descrip", "admin", "ref", "xi:include"]


@st.composite
def tbx_element(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(st.sampled_from(TBX_TAGS))
    attrs = draw(st.dictionaries(st.sampled_from(["id", "type", "xml:lang", "target", "href"]),
                                 st.sampled_from(["x", "en", "de", "administrativeStatus", "termType",
                                                  "preferredTerm-admn-sts", "subjectField", "source", ""]),
                                 max_size=3))
    text = draw(texty).replace("&", "&amp;").replace("<", "&lt;").replace("\x00", "")
    children = "".join(draw(st.lists(tbx_element(depth + 1), max_size=3))) if depth < 4 else ""
    attr_text = "".join(f' {k}="{v}"' for k, v in attrs.items())
    return f"<{tag}{attr_text}>{text}{children}</{tag}>"


@given(body=tbx_element(), raw=st.booleans(), junk=st.sampled_from(["", "<!DOCTYPE x [<!ENTITY e 'x'>]>",
                                                                  "<!DOCTYPE x SYSTEM 'file:///etc/passwd'>", "<"]))
def test_tbx_import(fuzz_cli, tmp_path_factory, body, raw, junk) -> None:  # type: ignore[no-untyped-def]
    work = _workdir(tmp_path_factory)
    root = ('<tbx xmlns="urn:iso:std:iso:30042:ed-2" xmlns:xi="http://www.w3.org/2001/XInclude">'
            f"<text><body>{body}</body></text></tbx>")
    (work / "t.tbx").write_text(("" if raw else '<?xml version="1.0" encoding="UTF-8"?>\n') + junk + root, "utf-8",
                                errors="surrogatepass")
    fuzz_cli(work, ["glossary", "import", "t.tbx", "-o", "out.yaml"], outputs=["out.yaml"])


# --- translate input ------------------------------------------------------------------------------------

@given(text=texty, suffix=st.sampled_from([".txt", ".md"]))
@example(text="s", suffix=".txt")  # found by the thorough profile: an IndexError once
def test_translate_input(fuzz_cli, tmp_path_factory, text, suffix) -> None:  # type: ignore[no-untyped-def]
    work = _workdir(tmp_path_factory)
    (work / f"article{suffix}").write_text(text, "utf-8", errors="surrogatepass")
    fuzz_cli(work, ["translate", f"article{suffix}", "-o", "out", "--model", str(TINY_MODEL), "-q"], outputs=["out"])
