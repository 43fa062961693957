"""Maintaining the UI catalogs with babel: extract the template, update the translations, compile.

``make catalogs`` (``python -m termguard.locales.catalogs``) runs the three steps in one:

1. **extract** every message of the code (``_()``, ``ngettext()``, ``pgettext()``, ``N_()``,
   ``N_plural()``), of ``lint/rules.yaml`` (rule messages and fixes, :func:`extract_rules_yaml`)
   and of the web page (``serve/static``) into ``locales/termguard.pot``, as ``babel.cfg`` maps them;
2. **update** each ``locales/<lang>/LC_MESSAGES/termguard.po`` from the template (new messages
   arrive empty, changed ones fuzzy: both count as missing until a translator fills them in);
3. **compile** each ``.po`` into the ``.mo`` that :mod:`termguard.locales` loads at run time.

The folders searched are the ones ``pyproject.toml`` maps into the ``termguard`` namespace, so a
new subsystem's messages are found without touching this file. Babel is imported here only:
nothing on the command line's start-up path imports this module.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

__all__ = ["KEYWORDS", "REPO", "POT", "source_dirs", "extract", "update", "compile_catalogs", "po_files", "coverage",
           "extract_rules_yaml", "main"]

REPO = Path(__file__).resolve().parent.parent
LOCALES = REPO / "locales"
POT = LOCALES / "termguard.pot"
MAPPING = REPO / "babel.cfg"
#: The marking functions besides babel's defaults (_, gettext, ngettext, pgettext...).
KEYWORDS = ("N_", "N_plural:1,2")


def source_dirs(repo: Path = REPO) -> list[str]:
    """The folders of the ``termguard`` namespace (pyproject's ``package-dir``), relative to ``repo``."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]

    with open(repo / "pyproject.toml", "rb") as f:
        mapping = tomllib.load(f)["tool"]["setuptools"]["package-dir"]
    return sorted(set(mapping.values()))


def _pybabel(*args: str) -> None:
    from babel.messages.frontend import CommandLineInterface

    status = CommandLineInterface().run(["pybabel", "-q", *args])
    if status:
        raise SystemExit(f"pybabel {args[0]} failed ({status})")


def extract(output: Path = POT, repo: Path = REPO) -> Path:
    """Extract every message into the template ``output`` (``locales/termguard.pot``)."""
    args = ["extract", "-F", str(repo / "babel.cfg"), "-o", str(output), "--no-wrap", "--sort-by-file",
            "--add-comments=TRANSLATORS:",
            "--omit-header"]
    for keyword in KEYWORDS:
        args += ["-k", keyword]
    # Relative paths, so the template's references (#: lint/render.py:60) name the repository's files.
    import os

    cwd = os.getcwd()
    os.chdir(repo)
    try:
        _pybabel(*args, *source_dirs(repo))
    finally:
        os.chdir(cwd)
    return output


def po_files(locales: Path = LOCALES) -> list[Path]:
    """The translated catalogs: ``locales/<lang>/LC_MESSAGES/termguard.po``."""
    return sorted(locales.glob("*/LC_MESSAGES/termguard.po"))


#: Header lines babel rewrites on every run: a .po that differs only in them is left as it was.
_VOLATILE = ('"POT-Creation-Date:', '"PO-Revision-Date:')


def _settled(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.startswith(_VOLATILE)]


def update(template: Path = POT, locales: Path = LOCALES) -> None:
    """Merge the template into every ``.po`` (babel keeps translations; changed msgids become fuzzy).
    A catalog whose messages did not change keeps its file as it was (no date-only diffs to merge)."""
    before = {p: p.read_text("utf-8") for p in po_files(locales)}
    _pybabel("update", "-i", str(template), "-d", str(locales), "-D", "termguard", "--no-wrap",
             "--ignore-obsolete")
    for path, text in before.items():
        if _settled(path.read_text("utf-8")) == _settled(text):
            path.write_text(text, "utf-8")


def coverage(po_path: Path) -> tuple[int, int]:
    """(translated, total) messages of a catalog; fuzzy and empty ones are not translated."""
    import polib

    catalog = polib.pofile(str(po_path))
    entries = [e for e in catalog if not e.obsolete]
    return sum(1 for e in entries if e.translated()), len(entries)


def compile_catalogs(locales: Path = LOCALES) -> None:
    """Compile every ``.po`` into its ``.mo`` (fuzzy entries are left out, as gettext does)."""
    _pybabel("compile", "-d", str(locales), "-D", "termguard", "--statistics")


#: A rules.yaml line that opens a rule (``  TG101:``) and one that holds a translatable field.
_RULE_LINE = re.compile(r"^  (TG\d+):\s*$")
_FIELD_LINE = re.compile(r"^    (message|fix):")


def extract_rules_yaml(fileobj: IO[bytes], keywords: Any, comment_tags: Any,
                       options: dict[str, Any]) -> Iterator[tuple[int, str, str, list[str]]]:
    """A babel extractor for ``lint/rules.yaml``: each rule's ``message`` and ``fix`` templates.

    Rule codes and names are not messages (they stay the same in every language); the templates'
    ``{fields}`` must stay as they are in the translation (the catalog test checks it).
    """
    import yaml

    text = fileobj.read().decode("utf-8")
    rules = yaml.safe_load(text)["rules"]
    code = None
    for lineno, line in enumerate(text.splitlines(), 1):
        if m := _RULE_LINE.match(line):
            code = m.group(1)
        elif (m := _FIELD_LINE.match(line)) and code in rules:
            value = rules[code].get(m.group(1)) or ""
            if value:
                comment = f"{code} {rules[code]['name']}: {m.group(1)} (keep every {{field}} as it is)"
                yield lineno, "_", value, [comment]


def main(argv: list[str] | None = None) -> int:
    """``make catalogs``: extract, update and compile in one step."""
    extract()
    update()
    compile_catalogs()
    print(f"catalogs: extracted {POT.relative_to(REPO)}, updated and compiled each .po:", file=sys.stderr)
    complete = True
    for path in po_files():
        done, total = coverage(path)
        complete = complete and done == total
        print(f"  {path.relative_to(REPO)}: {done} of {total} messages translated", file=sys.stderr)
    if not complete:
        print("catalogs: translate the empty and fuzzy entries, then run `make catalogs` again", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
