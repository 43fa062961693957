"""Each limit of termguard/limits.py at its edge, the output rule of termguard/io.py, and how far
configuration discovery reaches (docs/security.md)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from termguard import limits
from termguard.config import find_config
from termguard.errors import ConfigError, InputError, OutputRefusedError, TermbaseError
from termguard.glossary import validate_termbase_files
from termguard.io import (
    check_writable,
    open_atomic,
    remove_leftovers,
    unfinished_files,
    write_atomic,
    written_files,
)


def _nested_yaml(termbase: str, depth: int) -> str:
    """``termbase`` with an ``x-extra`` value that nests ``depth`` levels in all (counting the top mapping)."""
    return termbase + "x-extra: " + "[" * (depth - 1) + "]" * (depth - 1) + "\n"


# --- YAML ----------------------------------------------------------------------------------------------

def test_yaml_nesting_limit_at_its_edge(tmp_path: Path, generator) -> None:  # type: ignore[no-untyped-def]
    at = tmp_path / "at.yaml"
    at.write_text(_nested_yaml(generator.VALID_TERMBASE, limits.MAX_NESTING), "utf-8")
    over = tmp_path / "over.yaml"
    over.write_text(_nested_yaml(generator.VALID_TERMBASE, limits.MAX_NESTING + 1), "utf-8")
    # at the limit the file parses and only the schema objects (an unknown field), never the depth
    assert not [e for e in validate_termbase_files([at]) if "nested" in e.message]
    [error] = validate_termbase_files([over])
    assert error.message == f"nested deeper than {limits.MAX_NESTING} levels (termguard's limit)"
    assert (error.path, error.line) == (str(over), 8)


def test_yaml_anchor_without_alias_is_fine_but_any_alias_is_refused(tmp_path: Path, generator) -> None:  # type: ignore[no-untyped-def]
    termbase = generator.VALID_TERMBASE
    anchored = tmp_path / "anchored.yaml"
    anchored.write_text(termbase.replace("sources: [test]", "sources: &src [test]"), "utf-8")
    assert validate_termbase_files([anchored]) == []
    one_alias = tmp_path / "alias.yaml"
    one_alias.write_text(termbase.replace("sources: [test]", "sources: &src [test]") + "x-again: *src\n", "utf-8")
    [error] = validate_termbase_files([one_alias])
    assert (error.line, error.col) == (8, 10) and "YAML alias *src is not allowed" in error.message


def test_yaml_merge_key_is_an_alias_too(tmp_path: Path) -> None:
    merged = tmp_path / "merged.yaml"
    merged.write_text("base: &b {kind: person}\nconcepts:\n  - <<: *b\n    id: x\n", "utf-8")
    assert "YAML alias *b" in validate_termbase_files([merged])[0].message


# --- TOML ----------------------------------------------------------------------------------------------

def test_toml_nesting_limit_at_its_edge() -> None:
    def nested(depth: int) -> str:  # the top table is level 1, each array one more
        return "x = " + "[" * (depth - 1) + "]" * (depth - 1) + "\n"

    assert limits.parse_toml(nested(limits.MAX_NESTING), "t.toml", ConfigError)
    with pytest.raises(ConfigError, match=f"nested deeper than {limits.MAX_NESTING} levels"):
        limits.parse_toml(nested(limits.MAX_NESTING + 1), "t.toml", ConfigError)
    dotted = ".".join(["a"] * limits.MAX_NESTING) + " = 1\n"  # the top table and 31 more, by a dotted key
    assert limits.parse_toml(dotted, "t.toml", ConfigError)
    with pytest.raises(ConfigError, match="nested deeper"):
        limits.parse_toml("a." + dotted, "t.toml", ConfigError)
    with pytest.raises(ConfigError, match="nested deeper"):  # deep enough to exhaust tomllib's recursion
        limits.parse_toml(nested(50_000), "t.toml", ConfigError)


# --- sizes ---------------------------------------------------------------------------------------------

def test_read_limited_at_its_edge(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 100)
    assert limits.read_limited(path, 100, InputError, "file") == b"x" * 100
    with pytest.raises(InputError, match="file is larger than 99 bytes"):
        limits.read_limited(path, 99, InputError, "file")


@pytest.mark.parametrize("limit_name, reader, error", [
    ("MAX_TERMBASE_BYTES", "termbase", TermbaseError),
    ("MAX_CONFIG_BYTES", "config", ConfigError),
    ("MAX_CATALOG_BYTES", "catalog", InputError),
])
def test_each_reader_honours_its_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit_name: str,
                                            reader: str, error: type, generator) -> None:  # type: ignore[no-untyped-def]
    from termguard.config import load_config
    from termguard.glossary import load_termbase
    from termguard.translate.po import read_catalog

    text = {"termbase": generator.VALID_TERMBASE, "config": "no_default_termbase = false\n",
            "catalog": 'msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgid "a"\nmsgstr "b"\n'}[reader]
    path = tmp_path / {"termbase": "t.yaml", "config": "termguard.toml", "catalog": "c.po"}[reader]
    path.write_text(text, "utf-8")
    load = {"termbase": lambda p: load_termbase([p], include_default=False, use_cache=False),
            "config": load_config, "catalog": read_catalog}[reader]
    monkeypatch.setattr(limits, limit_name, len(text.encode()))
    load(path)  # exactly at the limit
    monkeypatch.setattr(limits, limit_name, len(text.encode()) - 1)
    with pytest.raises(error, match="is larger than"):
        load(path)


def test_an_endless_file_is_not_read_to_its_end(tmp_path: Path) -> None:
    from termguard.glossary import load_termbase

    with pytest.raises(TermbaseError, match="larger than"):
        load_termbase(["/dev/zero"], include_default=False, use_cache=False)


# --- the output rule -----------------------------------------------------------------------------------

def test_check_writable(tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text("x", "utf-8")
    assert check_writable(tmp_path / "out.txt", [source]) == tmp_path / "out.txt"
    for same in (source, tmp_path / "sub" / ".." / "in.txt"):
        (tmp_path / "sub").mkdir(exist_ok=True)
        with pytest.raises(OutputRefusedError, match="refusing to overwrite an input file"):
            check_writable(same, [source])
    (tmp_path / "link").symlink_to(source)
    with pytest.raises(OutputRefusedError, match="a link to an input file"):
        check_writable(tmp_path / "link", [source])
    os.link(source, tmp_path / "hard")
    with pytest.raises(OutputRefusedError):
        check_writable(tmp_path / "hard", [source])
    with pytest.raises(OutputRefusedError, match="is a directory"):
        check_writable(tmp_path, [])
    with pytest.raises(OutputRefusedError, match="in.txt is a file, not a directory"):
        check_writable(source / "deeper" / "out.txt", [])
    assert isinstance(OutputRefusedError("x"), InputError)  # exit 2 like any bad command line


def test_open_atomic_keeps_the_old_file_and_no_temp_on_failure(tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    out.write_text("old", "utf-8")
    with pytest.raises(RuntimeError), open_atomic(out) as fh:
        fh.write("half of the new")
        assert out in unfinished_files()
        raise RuntimeError("stop")
    assert out.read_text("utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]
    assert out in unfinished_files() and out not in written_files()
    write_atomic(out, "new")
    assert out.read_text("utf-8") == "new" and out in written_files() and out not in unfinished_files()
    assert oct(out.stat().st_mode & 0o777) == "0o644"


def test_leftovers_of_a_killed_write_are_removed_and_nothing_else(tmp_path: Path) -> None:
    # What SIGKILL leaves mid-write (open_atomic's own name for a temporary file) and what it must not touch.
    (tmp_path / "2024").mkdir()
    leftover = tmp_path / "2024" / ".a.txt.k3x_9qzb.tmp"
    keep = [tmp_path / "a.txt", tmp_path / ".notes.tmp", tmp_path / "a.txt.tmp", tmp_path / ".termguard-run.json"]
    for path in [leftover, *keep]:
        path.write_text("x", "utf-8")
    assert remove_leftovers(tmp_path) == 1
    assert not leftover.exists() and all(p.exists() for p in keep)
    with open_atomic(tmp_path / "b.txt") as fh:  # the name it looks for is the one open_atomic gives
        fh.write("y")
        (temporary,) = [p for p in tmp_path.iterdir() if p.name.startswith(".b.txt.")]
    (tmp_path / "2024" / temporary.name).write_text("cut off", "utf-8")
    assert remove_leftovers(tmp_path) == 1 and (tmp_path / "b.txt").read_text("utf-8") == "y"


def test_write_atomic_bytes_and_byte_order_mark(tmp_path: Path) -> None:
    assert write_atomic(tmp_path / "b.bin", b"\x00\x01").read_bytes() == b"\x00\x01"
    assert write_atomic(tmp_path / "t.csv", "a,b\n", "utf-8-sig").read_bytes() == b"\xef\xbb\xbfa,b\n"


# --- configuration discovery -----------------------------------------------------------------------------

def test_configuration_above_the_repository_root_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "termguard.toml").write_text("[lint]\nignore = ['TG']\n", "utf-8")  # planted above
    repo = tmp_path / "work" / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "docs" / "de").mkdir(parents=True)
    assert find_config(repo / "docs" / "de") is None
    (repo / "pyproject.toml").write_text("[tool.termguard]\nno_default_termbase = false\n", "utf-8")
    assert find_config(repo / "docs" / "de") == (repo / "pyproject.toml").resolve()
    (repo / "docs" / "termguard.toml").write_text("", "utf-8")
    assert find_config(repo / "docs" / "de") == (repo / "docs" / "termguard.toml").resolve()


def test_configuration_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    (home / "articles" / "2026").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    (tmp_path / "termguard.toml").write_text("", "utf-8")  # above home: never
    assert find_config(home / "articles" / "2026") is None
    (home / "termguard.toml").write_text("", "utf-8")  # up to home: yes
    assert find_config(home / "articles" / "2026") == (home / "termguard.toml").resolve()
    elsewhere = tmp_path / "elsewhere" / "deeper"
    elsewhere.mkdir(parents=True)
    (tmp_path / "elsewhere" / "termguard.toml").write_text("", "utf-8")
    assert find_config(elsewhere) is None  # outside home and any repository: the directory itself only
    (elsewhere / "termguard.toml").write_text("", "utf-8")
    assert find_config(elsewhere) == (elsewhere / "termguard.toml").resolve()
