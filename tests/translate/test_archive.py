"""Archives: bounded batches written as they finish, the run manifest and resume, --jobs, compact
reports, the progress display. On the tiny model, end to end (a real subprocess killed with SIGKILL)."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from termguard.cli import _register, app
from termguard.translate.archive import Batching, collect_archive, plan_batches, translate_archive
from termguard.translate.manifest import MANIFEST_NAME
from termguard.translate.pipeline import Options, translate_documents

FIXTURE_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "model"
runner = CliRunner()
_register()


def _corpus():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("termguard_test_corpus", FIXTURE_DIR / "corpus.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def write_archive(root: Path, documents: int, seed: int = 5) -> list[Path]:
    """``documents`` short articles from the tiny model's vocabulary, in a year/month tree."""
    pairs = [de if de.endswith(".") else de + "." for de, _ in _corpus().generate_pairs(documents * 12, seed)
             if "[" not in de]
    paths = []
    for i in range(documents):
        path = root / "2024" / f"{i % 12 + 1:02d}" / f"article-{i:04d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        sentences = pairs[i * 4:(i + 1) * 4]
        path.write_text(f"{' '.join(sentences[:2])}\n\n{' '.join(sentences[2:])}\n", "utf-8")
        paths.append(path)
    return paths


def _outputs(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


SMALL = Batching(max_documents=3, boundary=0)


def test_each_batch_is_written_before_the_next_is_translated(tmp_path: Path, tiny_engine, termbase) -> None:  # type: ignore[no-untyped-def]
    paths = write_archive(tmp_path / "archive", 7)
    out = tmp_path / "out"
    reports = translate_archive([tmp_path / "archive"], out, termbase, tiny_engine, Options(), batching=SMALL)
    first = next(reports)
    assert first.source == paths[0]
    # the first batch's outputs are on disk, complete; the last batch's are not there yet
    for name in ("2024/01/article-0000.txt", "2024/01/article-0000.report.json", "2024/01/article-0000.po"):
        assert (out / name).is_file()
    assert json.loads((out / "2024/01/article-0000.report.json").read_text("utf-8"))["summary"]["segments"] == 4
    assert not (out / "2024/07/article-0006.txt").exists()
    rest = list(reports)
    assert [r.source for r in [first, *rest]] == paths
    assert (out / "2024/07/article-0006.txt").is_file()


def test_a_directory_tree_is_mirrored_and_files_named_keep_their_flat_names(tmp_path: Path, termbase) -> None:  # type: ignore[no-untyped-def]
    archive = tmp_path / "archive"
    for month in ("01", "02"):  # the same name in two folders: no collision under a mirrored tree
        (archive / month).mkdir(parents=True)
        (archive / month / "lead.txt").write_text("Paschinjan traf Alijew in Eriwan.\n", "utf-8")
    single = tmp_path / "single.md"
    single.write_text("Alijew reiste nach Tiflis.\n", "utf-8")
    translate_documents([archive, single], tmp_path / "out", termbase, engine=None)
    assert sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*") if p.is_file()) == [
        "01/lead.po", "01/lead.report.json", "02/lead.po", "02/lead.report.json", "single.po", "single.report.json"]
    # two files named alike, given one by one, would collide in one directory: refused as before
    from termguard.errors import InputError

    with pytest.raises(InputError, match="two inputs are named lead.txt"):
        translate_documents([archive / "01" / "lead.txt", archive / "02" / "lead.txt"], tmp_path / "x", termbase)


def test_batches_are_planned_from_names_and_sizes_and_resynchronise(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    write_archive(archive, 60)
    items = collect_archive([archive])
    plan = [[i.name for i in b] for b in plan_batches(items)]
    assert sum(len(b) for b in plan) == 60 and len(plan) > 1
    # an article added early moves the boundaries around it only: the later batches stay as they were
    new = archive / "2024" / "01" / "article-0000a.txt"
    new.write_text("Paschinjan traf Alijew.\n", "utf-8")
    replanned = [[i.name for i in b] for b in plan_batches(collect_archive([archive]))]
    assert replanned[-1] == plan[-1] and replanned[-2] == plan[-2]


def test_unchanged_documents_are_skipped_and_a_changed_one_is_translated_again(  # type: ignore[no-untyped-def]
        tmp_path: Path, tiny_engine, termbase, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = write_archive(tmp_path / "archive", 7)
    out = tmp_path / "out"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the first run's date: 2023-11-14 22:13

    def run(**kwargs):  # type: ignore[no-untyped-def]
        return list(translate_archive([tmp_path / "archive"], out, termbase, tiny_engine,
                                      kwargs.pop("options", Options()), batching=SMALL, **kwargs))

    first = run()
    assert not any(r.resumed for r in first) and (out / MANIFEST_NAME).is_file()
    before = _outputs(out)
    again = run()
    assert all(r.resumed for r in again)
    assert [(r.segments, r.failures) for r in again] == [(r.segments, r.failures) for r in first]
    assert _outputs(out) == before  # nothing rewritten

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # a later run: 2027-01-15 08:00
    assert all(r.resumed for r in run()) and _outputs(out) == before  # (the manifest too)
    paths[4].write_text("Alijew besuchte Nachitschewan.\n", "utf-8")  # batch 2 of 3 (documents 3-5)
    changed = run()
    assert [r.resumed for r in changed] == [True] * 3 + [False] * 3 + [True]
    # the catalogs written again carry the new run's date, the others keep theirs
    assert b"2027-01-15 08:00+0000" in (out / "2024/05/article-0004.po").read_bytes()
    assert b"2023-11-14 22:13+0000" in (out / "2024/01/article-0000.po").read_bytes()
    assert "Nakhchivan" in (out / "2024/05/article-0004.txt").read_text("utf-8")
    # a deleted output is written again; other options translate everything again
    (out / "2024/01/article-0000.txt").unlink()
    assert [r.resumed for r in run()][:3] == [False] * 3
    assert not any(r.resumed for r in run(options=Options(edition_locale="en_GB")))
    # without resume every document is translated, into the same bytes
    assert not any(r.resumed for r in run(options=Options(edition_locale="en_GB"), resume=False))


def test_one_unreadable_article_costs_its_batch_mates_nothing(tmp_path: Path, tiny_engine, termbase) -> None:  # type: ignore[no-untyped-def]
    paths = write_archive(tmp_path / "archive", 3)
    paths[1].write_bytes(b"\xff\xfe\x00binary\x00")
    reports = list(translate_archive([tmp_path / "archive"], tmp_path / "out", termbase, tiny_engine, Options(),
                                     batching=SMALL))
    assert [bool(r.input_error) for r in reports] == [False, True, False]
    assert (tmp_path / "out" / "2024/01/article-0000.txt").is_file()
    assert (tmp_path / "out" / "2024/03/article-0002.txt").is_file()
    manifest = json.loads((tmp_path / "out" / MANIFEST_NAME).read_text("utf-8"))
    assert sorted(manifest["documents"]) == ["2024/01/article-0000.txt", "2024/03/article-0002.txt"]


def test_jobs_two_writes_what_jobs_one_writes(tmp_path: Path, tiny_engine, termbase,  # type: ignore[no-untyped-def]
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    write_archive(tmp_path / "archive", 8)
    monkeypatch.chdir(tmp_path)  # relative output directories: the reports name "j1/..." and "j2/..."
    one = list(translate_archive(["archive"], "j1", termbase, tiny_engine, Options(), batching=SMALL, jobs=1))
    two = list(translate_archive(["archive"], "j2", termbase, tiny_engine, Options(), batching=SMALL, jobs=2))
    assert [r.source for r in two] == [r.source for r in one]
    j1, j2 = _outputs(tmp_path / "j1"), _outputs(tmp_path / "j2")
    assert j1.keys() == j2.keys() and len(j1) == 8 * 3 + 1
    for name in j1:
        assert j2[name].replace(b"j2/", b"j1/") == j1[name], name


def test_the_default_report_is_compact_and_the_full_one_is_opt_in(tmp_path: Path, tiny_engine, termbase) -> None:  # type: ignore[no-untyped-def]
    article = tmp_path / "a.txt"
    article.write_text("Paschinjan traf Alijew in Eriwan.\n\nDas Abkommen wurde unterzeichnet.\n\n"
                       "Die Regierung sprach über West-Sangesur.\n", "utf-8")
    compact_dir, full_dir = tmp_path / "compact", tmp_path / "full"
    translate_documents([article], compact_dir, termbase, tiny_engine, Options())
    translate_documents([article], full_dir, termbase, tiny_engine, Options(full_report=True))
    compact = json.loads((compact_dir / "a.report.json").read_text("utf-8"))
    full = json.loads((full_dir / "a.report.json").read_text("utf-8"))
    assert len(full["segments"]) == full["summary"]["segments"] == 3 and "report" not in full
    assert compact["report"] == "compact" and compact["summary"] == full["summary"]
    assert compact["needs_review"] == full["needs_review"]
    looked_at = [s for s in full["segments"] if s["failures"] or s["warnings"] or s["loaded"] or s["repaired"]
                 or s["transliterated"]]
    assert [(s["paragraph"], s["index"]) for s in compact["segments"]] == \
        [(s["paragraph"], s["index"]) for s in looked_at]
    assert compact["segments_omitted"] == 3 - len(looked_at)
    # the loaded term is never left out: it is there with its note
    assert any(x["concept"] for s in compact["segments"] for x in s.get("loaded", []))
    assert len((compact_dir / "a.report.json").read_bytes()) < len((full_dir / "a.report.json").read_bytes())
    # `termguard review` reads the compact report
    result = runner.invoke(app, ["review", str(compact_dir / "a.report.json"), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 0, result.output
    assert "Sangesur" in (tmp_path / "r.html").read_text("utf-8")


def test_progress_is_quiet_off_a_terminal_and_in_ci(tmp_path: Path, sp_model: Path,  # type: ignore[no-untyped-def]
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    write_archive(tmp_path / "archive", 2)
    args = ["translate", str(tmp_path / "archive"), "--model", str(sp_model), "--no-resume"]
    monkeypatch.delenv("TERMGUARD_PROGRESS", raising=False)
    quiet = runner.invoke(app, [*args, "-o", str(tmp_path / "a")])  # CliRunner's stderr is no terminal
    assert "documents" not in quiet.stderr and "\r" not in quiet.stderr
    monkeypatch.setenv("TERMGUARD_PROGRESS", "1")
    shown = runner.invoke(app, [*args, "-o", str(tmp_path / "b")])
    assert "2/2 documents" in shown.stderr and "sentences/s" in shown.stderr and "ETA" in shown.stderr
    forced_quiet = runner.invoke(app, [*args, "-o", str(tmp_path / "c"), "--quiet"])
    assert "documents" not in forced_quiet.stderr


def test_jobs_with_a_combined_catalog_says_it_is_ignored(tmp_path: Path, sp_model: Path) -> None:
    write_archive(tmp_path / "archive", 2)
    result = runner.invoke(app, ["translate", str(tmp_path / "archive"), "--model", str(sp_model), "-q",
                                 "-o", str(tmp_path / "out"), "--po", str(tmp_path / "all.po"), "--jobs", "2"])
    assert "--jobs 2 ignored" in result.stderr
    assert (tmp_path / "all.po").exists()  # the run itself goes on, in one process


def _cli(archive: Path, out: str, cwd: Path, model: Path, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "termguard", "translate", str(archive), "-o", out, "--model",
                             str(model), "-q"], cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_run_resumes_to_the_bytes_of_an_uninterrupted_one(tmp_path: Path, sp_model: Path,  # type: ignore[no-untyped-def]
                                                                   how: signal.Signals) -> None:
    archive = tmp_path / "archive"
    write_archive(archive, 48)
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    for run in ("killed", "whole"):
        (tmp_path / run).mkdir()

    # Both runs begin "at" one moment (the catalogs carry the run's date); the resumed run below
    # runs later and must date its catalogs as the run it continues (from the manifest).
    begin = {**env, "SOURCE_DATE_EPOCH": "1700000000"}
    whole = _cli(archive, "out", tmp_path / "whole", sp_model, begin)
    killed = _cli(archive, "out", tmp_path / "killed", sp_model, begin)
    out = tmp_path / "killed" / "out"
    # SIGKILL once the manifest records a batch (what is recorded is skipped on resume), SIGTERM
    # as soon as the second batch writes (the first is recorded: the manifest is saved on the way out)
    first_batch = len(plan_batches(collect_archive([archive]))[0])
    deadline = time.monotonic() + 300
    while killed.poll() is None and time.monotonic() < deadline and not (
            (out / MANIFEST_NAME).exists() if how == signal.SIGKILL
            else len(list(out.rglob("*.report.json"))) > first_batch):
        time.sleep(0.02)
    killed.send_signal(how)
    killed.wait(60)
    assert whole.wait(600) in (0, 1), whole.stderr.read() if whole.stderr else ""
    done_before = len(list(out.rglob("*.report.json")))
    assert 0 < done_before < 48, ("the run was to be stopped between its first and its last batch",
                                  killed.returncode, killed.stderr.read() if killed.stderr else "")
    if how == signal.SIGTERM:  # the handler removes its temporary files; SIGKILL may leave one mid-write
        assert not [p for p in out.rglob(".*") if p.name != MANIFEST_NAME]
    assert (out / MANIFEST_NAME).exists()

    resumed = subprocess.run([sys.executable, "-m", "termguard", "translate", str(archive), "-o", "out",
                              "--model", str(sp_model)], cwd=tmp_path / "killed", env=env, capture_output=True,
                             text=True, timeout=600)
    assert resumed.returncode in (0, 1), resumed.stderr
    assert "already done by an earlier run" in resumed.stderr
    assert _outputs(out) == _outputs(tmp_path / "whole" / "out")  # no temporary file left either
    assert b"2023-11-14 22:13+0000" in (out / "2024/12/article-0047.po").read_bytes()
