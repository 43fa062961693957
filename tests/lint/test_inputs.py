"""Inputs: directory walks, include/exclude, .gitignore, and every kind of bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, "utf-8")
    return path


def findings(result) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    assert "Traceback" not in result.output
    return [(f["path"], f["code"]) for f in json.loads(result.stdout)["findings"]]


def test_directories_are_walked_recursively_in_order(cli, tmp_path) -> None:
    for name in ("b/z.txt", "a.md", "b/a/deep.po", "c/ignored.py", "c/readme.markdown"):
        write(tmp_path / "tree" / name, 'msgid "Sangesur"\nmsgstr "Zangezur"\n' if name.endswith(".po")
              else "Sangesur\n")
    got = findings(cli("lint", "tree", "-f", "json"))
    assert [p for p, _ in got] == ["tree/a.md", "tree/b/a/deep.po", "tree/b/a/deep.po", "tree/b/z.txt",
                                   "tree/c/readme.markdown"]


def test_include_and_exclude_globs(cli, tmp_path) -> None:
    for name in ("keep.txt", "drafts/old.txt", "notes.rst", "archive/2020/x.md"):
        write(tmp_path / name, "Sangesur\n")
    assert {p for p, _ in findings(cli("lint", ".", "-f", "json", "--include", "*.rst"))} == {"./notes.rst"}
    got = {p for p, _ in findings(cli("lint", ".", "-f", "json", "--extend-exclude", "drafts",
                                      "--extend-exclude", "archive/**"))}
    assert got == {"./keep.txt"}


def test_gitignore_is_respected(cli, tmp_path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".gitignore", "build-out/\n*.tmp.txt\n")
    write(tmp_path / "docs" / ".gitignore", "private.md\n")
    for name in ("a.txt", "x.tmp.txt", "build-out/b.txt", "docs/private.md", "docs/public.md"):
        write(tmp_path / name, "Sangesur\n")
    assert {p for p, _ in findings(cli("lint", "docs", ".", "-f", "json"))} == {
        "docs/public.md", "./a.txt", "./docs/public.md"}
    everything = {p for p, _ in findings(cli("lint", ".", "-f", "json", "--no-respect-gitignore"))}
    assert "./build-out/b.txt" in everything and "./docs/private.md" in everything
    # a file named explicitly is linted even if ignored (as in ruff), unless --force-exclude
    assert findings(cli("lint", "x.tmp.txt", "-f", "json")) == [("x.tmp.txt", "TG101")]


def test_force_exclude_applies_to_named_files(cli, tmp_path) -> None:
    write(tmp_path / "drafts" / "a.txt", "Sangesur\n")
    assert findings(cli("lint", "drafts/a.txt", "-f", "json", "--extend-exclude", "drafts",
                        "--force-exclude")) == []


def test_bad_inputs_each_get_one_line_and_the_rest_is_linted(cli, tmp_path) -> None:
    write(tmp_path / "good.txt", "Sangesur\n")
    write(tmp_path / "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    write(tmp_path / "latin1.txt", "Präsident über Sangesur\n".encode("latin-1"))
    write(tmp_path / "empty.txt", "")
    write(tmp_path / "blank.md", "  \n\n")
    result = cli("lint", "missing.txt", "binary.txt", "latin1.txt", "empty.txt", "blank.md", "good.txt")
    lines = result.stdout.splitlines()
    assert lines[:6] == [
        "missing.txt:1:1: TG901 cannot read input: no such file or directory",
        "binary.txt:1:1: TG902 binary file skipped (contains NUL bytes)",
        "latin1.txt:1:1: TG903 not valid UTF-8 at line 1; file skipped (use --encoding)",
        "empty.txt:1:1: TG904 empty file, nothing to lint",
        "blank.md:1:1: TG904 empty file, nothing to lint",
        "good.txt:1:1: TG101 loaded term `Sangesur` (syunik); neutral form: `Sjunik`",
    ]
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_invalid_utf8_reports_its_line(cli, tmp_path) -> None:
    write(tmp_path / "a.txt", b"ok\nok\nbad \xff here\n")
    assert "at line 3" in cli("lint", "a.txt").stdout


def test_encoding_option_reads_other_encodings(cli, tmp_path) -> None:
    write(tmp_path / "latin1.txt", "Präsident über Sangesur\n".encode("latin-1"))
    result = cli("lint", "latin1.txt", "--encoding", "latin-1")
    assert result.stdout.startswith("latin1.txt:1:16: TG101")
    assert result.exit_code == 1


def test_utf8_bom_is_not_a_character(cli, tmp_path) -> None:
    write(tmp_path / "bom.txt", "\ufeffSangesur\n".encode())
    assert cli("lint", "bom.txt").stdout.startswith("bom.txt:1:1: TG101")


def test_empty_file_alone_exits_0(cli, tmp_path) -> None:
    write(tmp_path / "empty.txt", "")
    assert cli("lint", "empty.txt").exit_code == 0


def test_only_input_errors_exit_2_even_with_fail_on_none(cli, tmp_path) -> None:
    assert cli("lint", "nope.txt", "--fail-on", "none").exit_code == 2
    assert cli("lint", "nope.txt", "--ignore", "TG901").exit_code == 0


def test_unreadable_file(cli, tmp_path, monkeypatch) -> None:
    target = write(tmp_path / "secret.txt", "Sangesur\n")
    write(tmp_path / "other.txt", "Sangesur\n")
    if os.geteuid() == 0:  # root reads anything: simulate the permission error instead
        import builtins

        real_open = builtins.open

        def fake_open(path, *args, **kwargs):  # type: ignore[no-untyped-def]
            if str(path).endswith("secret.txt"):
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr("termguard.lint.read.open", fake_open, raising=False)
    else:
        target.chmod(0)
    result = cli("lint", ".")
    assert "./secret.txt:1:1: TG901 cannot read input: permission denied" in result.stdout
    assert "./other.txt:1:1: TG101" in result.stdout
    assert result.exit_code == 2


def test_directory_with_thousands_of_files(cli, tmp_path) -> None:
    for i in range(2000):
        write(tmp_path / "corpus" / f"{i // 100:02d}" / f"{i:04d}.txt",
              "Sangesur\n" if i % 500 == 0 else "Nichts.\n")
    result = cli("lint", "corpus")
    assert "Found 4 findings (4 errors) in 2,000 files." in result.stdout


def test_not_a_regular_file(cli, tmp_path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(tmp_path / "pipe")
    result = cli("lint", "pipe")
    assert result.stdout.startswith("pipe:1:1: TG901 cannot read input: not a regular file")
    assert result.exit_code == 2


def test_large_plain_text_is_read_in_chunks_with_right_lines(lint, mini_tb, tmp_path, monkeypatch) -> None:
    from termguard.lint import LintSettings, lint_paths
    from termguard.lint import read as read_module

    monkeypatch.setattr(read_module, "CHUNK_SIZE", 64)
    lines = [f"Zeile {i} ohne Namen." for i in range(200)]
    lines[150] = "Hier steht „Sangesur“ und dann Sangesur."
    write(tmp_path / "big.txt", "\n".join(lines) + "\n")
    got = [(f.line, f.column, f.code) for f in lint_paths([str(tmp_path / "big.txt")], mini_tb, LintSettings())]
    first = lines[150].index("Sangesur") + 1
    second = lines[150].rindex("Sangesur") + 1
    assert got == [(151, first, "TG102"), (151, second, "TG101")]


def test_jobs_give_the_same_output(cli, tmp_path) -> None:
    for i in range(40):
        write(tmp_path / f"{i:02d}.txt", "Sangesur und Alyev.\n" if i % 3 else "Nichts.\n")
    write(tmp_path / "z.txt", b"\x00")
    one = cli("lint", ".", "-f", "json")
    four = cli("lint", ".", "-f", "json", "--jobs", "4")
    assert one.stdout == four.stdout
    assert one.exit_code == four.exit_code == 2


def test_jobs_split_files_into_tasks_by_size_and_keep_stdin_in_its_place(mini_tb, tmp_path, monkeypatch) -> None:
    """Many small tasks (each file its own), a large file among them, and stdin between two
    directories: the same findings, in the same order, as one process."""
    import io

    from termguard.lint import LintSettings, LintStats, lint_paths
    from termguard.lint import run as run_module

    for name in ("a", "b"):
        for i in range(12):
            text = "Sangesur und Alyev.\n" * (1 + i % 4) if i % 3 else "Nichts.\n"
            write(tmp_path / name / f"{i:02d}.txt", text)
    write(tmp_path / "a" / "large.txt", "Nichts hier.\n" * 3000 + "Alyev am Ende.\n")
    monkeypatch.setattr(run_module, "_TASK_BYTES", 64)
    targets = [str(tmp_path / "a"), "-", str(tmp_path / "b")]

    def run(jobs: int) -> tuple[list[tuple[str, int, str]], int]:
        stats = LintStats()
        found = [(f.path, f.line, f.code) for f in lint_paths(targets, mini_tb, LintSettings(), stats=stats,
                 jobs=jobs, stdin=io.BytesIO(b"Erst Alyev, dann Sangesur.\n"))]
        return found, stats.files

    one, two = run(1), run(2)
    assert len(one[0]) > 30
    assert two == one
    paths = [p for p, _, _ in one[0]]
    assert paths.index("<stdin>") > paths.index(str(tmp_path / "a" / "large.txt"))
    assert paths.index("<stdin>") < min(i for i, p in enumerate(paths) if p.startswith(str(tmp_path / "b")))
    assert one[1] == 26


def test_jobs_end_their_workers_without_terminating_them(mini_tb, tmp_path, monkeypatch) -> None:
    """A run lets its workers exit on their own, whether it finished or its reader stopped early:
    Pool.terminate (what ``with Pool()`` ends in) signalled workers that could hold a queue's
    lock, and about one run in 100 hung. The early stop skips the tasks still queued."""
    import multiprocessing
    from multiprocessing import pool as pool_module

    from termguard.lint import LintSettings, lint_paths
    from termguard.lint import run as run_module

    for i in range(40):
        write(tmp_path / f"{i:02d}.txt", "Sangesur und Alyev.\n" * 50)
    terminated: list[int] = []
    terminate = pool_module.Pool.terminate

    def recording_terminate(self):  # type: ignore[no-untyped-def]
        terminated.append(len(self._pool))
        terminate(self)

    monkeypatch.setattr(pool_module.Pool, "terminate", recording_terminate)
    found = list(lint_paths([str(tmp_path)], mini_tb, LintSettings(), jobs=2))
    assert len(found) >= 80
    assert terminated == []
    assert multiprocessing.active_children() == []

    # A reader that stops early: the tasks still queued are skipped, not linted to the end.
    for i in range(400):
        write(tmp_path / "big" / f"{i:03d}.txt", "Sangesur und Alyev.\n" * 1250)  # 25 KB
    linted = multiprocessing.get_context("fork").Value("i", 0)
    lint_input = run_module._lint_input

    def counting_lint_input(*args):  # type: ignore[no-untyped-def]
        with linted.get_lock():  # in a worker (forked after the patch): the count is shared memory
            linted.value += 1
        return lint_input(*args)

    monkeypatch.setattr(run_module, "_lint_input", counting_lint_input)
    stream = lint_paths([str(tmp_path / "big")], mini_tb, LintSettings(), jobs=2)
    assert next(stream).path.endswith("000.txt")
    stream.close()  # the reader stops early (| head)
    assert terminated == []
    assert multiprocessing.active_children() == []
    assert linted.value < 300  # without the skip, all 400
