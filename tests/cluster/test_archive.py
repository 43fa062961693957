"""The Ray path writes what the local run writes, and survives an actor killed mid-run.

Both runs translate the same articles with the tiny model into the same output path (the local
run's directory is moved aside), so that even the paths inside reports and catalogs must agree.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
from pathlib import Path

import pytest

from .conftest import REPO, TINY_MODEL

pytestmark = pytest.mark.usefixtures("ray_session")



@pytest.fixture(scope="module", autouse=True)
def _reproducible_dates():  # type: ignore[no-untyped-def]
    """Both runs date their catalogs by SOURCE_DATE_EPOCH, so that every byte must agree."""
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1770600000"
    yield
    if saved is None:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    else:
        os.environ["SOURCE_DATE_EPOCH"] = saved


def _archive(root: Path) -> list[Path]:
    """The seed articles, a Markdown one, an unreadable one and a repeated article under another
    name, in two folders (mirrored under the output directory, as locally)."""
    seeds = sorted((REPO / "seeds").glob("*.txt"))
    (root / "2025").mkdir(parents=True)
    (root / "2026").mkdir()
    for i, seed in enumerate(seeds):
        shutil.copy(seed, root / ("2025" if i % 2 else "2026") / seed.name)
    (root / "2026" / "kurz.md").write_text("# Paschinjan in Eriwan\n\nAlijew sprach über **Bergkarabach**.\n",
                                           "utf-8")
    (root / "2025" / "kaputt.txt").write_bytes(b"\xff\xfe\x00binary\x00")
    shutil.copy(seeds[0], root / "2025" / "nochmal.txt")
    return [root]


def _outputs(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def local_run(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The archive, and what the local pipeline writes for it (moved to ``local/``)."""
    from termguard.glossary import load_termbase
    from termguard.translate.archive import Batching, translate_archive
    from termguard.translate.engine import load_engine

    root = tmp_path_factory.mktemp("archive")
    inputs = _archive(root / "in")
    termbase = load_termbase()
    reports = list(translate_archive(inputs, root / "out", termbase, load_engine(TINY_MODEL), manifest=False,
                                     resume=False, batching=Batching(**BATCHING)))
    (root / "out").rename(root / "local")
    return root, inputs, termbase, reports


#: One article per batch, so that 8 articles make 8 batches (the local run is given the same).
BATCHING = {"max_documents": 1, "min_documents": 1}


def _cluster_run(root: Path, inputs: list[Path], termbase, each=None):  # type: ignore[no-untyped-def]
    from termguard.cluster import ClusterOptions, translate_archive
    from termguard.translate.archive import Batching

    shutil.rmtree(root / "out", ignore_errors=True)
    reports = []
    for report in translate_archive(inputs, root / "out", termbase, TINY_MODEL, cluster=ClusterOptions(actors=2),
                                    batching=Batching(**BATCHING)):
        reports.append(report)
        if each is not None:
            each(report)
    return reports


def _summary(reports) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [(str(r.source), str(r.edition), str(r.report), str(r.po), r.segments, r.enforced, r.loaded,
             r.transliterated, r.failures, r.model_missing, r.kept_reviewed, r.errors, r.input_error, r.data)
            for r in reports]


def test_outputs_equal_the_local_runs_byte_for_byte(local_run) -> None:  # type: ignore[no-untyped-def]
    root, inputs, termbase, local_reports = local_run
    reports = _cluster_run(root, inputs, termbase)
    local, ray = _outputs(root / "local"), _outputs(root / "out")
    assert sorted(ray) == sorted(local)
    assert len(local) == 3 * 7  # 7 readable articles: edition, report, catalog each
    assert {name.split("/")[0] for name in local} == {"2025", "2026"}
    for name in local:
        assert ray[name] == local[name], name
    assert _summary(reports) == _summary(local_reports)
    unreadable = [r for r in reports if r.input_error]
    assert [r.source.name for r in unreadable] == ["kaputt.txt"]  # its one line, nothing written
    assert str(unreadable[0].source) in (unreadable[0].input_error or "")


def test_reviewed_catalog_entries_are_kept_as_locally(local_run) -> None:  # type: ignore[no-untyped-def]
    """A reviewer's work in OUT/<stem>.po is merged on the actor exactly as the local run merges it."""
    import polib

    from termguard.cluster import ClusterOptions, translate_archive
    from termguard.translate import translate_documents
    from termguard.translate.engine import load_engine

    root, inputs, termbase, _ = local_run
    name = str(sorted((root / "local").rglob("0*.po"))[0].relative_to(root / "local"))
    reviewed = polib.pofile(str(root / "local" / name))
    entry = next(e for e in reviewed if e.msgstr)
    entry.msgstr, entry.flags = "A translation a reviewer approved.", []
    out = root / "reviewed"
    (out / name).parent.mkdir(parents=True)
    reviewed.save(str(out / name))
    local_reports = translate_documents(inputs, out, termbase, load_engine(TINY_MODEL))
    out.rename(root / "reviewed-local")
    (out / name).parent.mkdir(parents=True)  # the Ray run writes into the same path as the local one did
    reviewed.save(str(out / name))
    reports = list(translate_archive(inputs, out, termbase, TINY_MODEL, cluster=ClusterOptions(actors=2)))
    assert _outputs(out) == _outputs(root / "reviewed-local")
    assert "A translation a reviewer approved." in (out / name).read_text("utf-8")
    assert [r.kept_reviewed for r in reports] == [r.kept_reviewed for r in local_reports]
    assert sum(r.kept_reviewed for r in reports) == 1


def _our_actors(token: str) -> dict[int, str]:
    """This session's Ray Data actors running the translator, pid to process title (Ray's
    ``ray::MapWorker(MapBatches(ArchiveTranslator)).submit`` while one runs a batch). They are
    found by the token in their environment: another session's Ray processes are never touched."""
    actors = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if b"ArchiveTranslator" in cmdline and f"TERMGUARD_RAY_TEST={token}".encode() in environ.split(b"\0"):
            actors[int(entry.name)] = cmdline.replace(b"\0", b" ").decode(errors="replace").strip()
    return actors


def _kill(pids) -> None:  # type: ignore[no-untyped-def]
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):  # it ended on its own meanwhile
            os.kill(pid, signal.SIGKILL)


def test_an_actor_killed_mid_run_is_replaced_and_nothing_is_lost_or_duplicated(  # type: ignore[no-untyped-def]
        local_run, ray_session) -> None:
    """Every translator actor is killed (SIGKILL, as the OOM killer or a lost node would) while one
    runs a batch, so that batch must be run again; and the actors then running are killed again
    once the first batch is written. Ray starts new actors, retries their batches, and the run
    ends with every output, once, as the local run wrote it.

    (Killed only at the first report, as this test once was, the run could be over: Ray had
    finished every batch before the first report reached the driver, nothing needed replacing.)
    """
    import threading

    root, inputs, termbase, local_reports = local_run
    first: set[int] = set()  # the actors killed mid-batch
    later: set[int] = set()  # their successors, killed after the first report
    seen: set[int] = set()
    stop = threading.Event()

    def watch() -> None:
        while not stop.wait(0.01):
            actors = _our_actors(ray_session)
            seen.update(actors)
            if not first and any(title.endswith(".submit") for title in actors.values()):
                _kill(actors)
                first.update(actors)

    reports: list = []

    def after_each_report(report) -> None:  # type: ignore[no-untyped-def]
        reports.append(report)
        if len(reports) == 1 and first:  # the first batch is written: the actors now running go too
            later.update(set(_our_actors(ray_session)) - first)
            _kill(later)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        _cluster_run(root, inputs, termbase, each=after_each_report)
    finally:
        stop.set()
        watcher.join()
    assert first and len(reports) == 8
    assert seen - first, "no new actor took over the batches of the killed ones"
    assert _outputs(root / "out") == _outputs(root / "local")
    assert [str(r.source) for r in reports] == [str(r.source) for r in local_reports]  # each once
    assert _summary(reports) == _summary(local_reports)


def test_translate_ray_command_writes_and_says_what_the_local_command_does(local_run) -> None:  # type: ignore[no-untyped-def]
    """``termguard translate ARCHIVE -o OUT --ray``: the same files, lines and exit code as without
    --ray (the local command also writes its run manifest, which the Ray path does not)."""
    from typer.testing import CliRunner

    from termguard.cli import _register, app
    from termguard.translate.manifest import MANIFEST_NAME

    _register()
    root, inputs, _, _ = local_run
    out = root / "cli"
    args = ["translate", *map(str, inputs), "-o", str(out), "--model", str(TINY_MODEL)]
    local = CliRunner().invoke(app, args)
    (out / MANIFEST_NAME).unlink()
    out.rename(root / "cli-local")
    ray = CliRunner().invoke(app, [*args, "--ray", "--ray-actors", "2"])
    assert local.exit_code == 2  # kaputt.txt cannot be read; the other articles are written
    assert ray.exit_code == local.exit_code, ray.output
    assert ray.stderr == local.stderr
    assert "kaputt.txt" in ray.stderr and "Traceback" not in ray.output
    assert _outputs(out) == _outputs(root / "cli-local")
