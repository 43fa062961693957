"""An archive translated on a Ray cluster: Ray Data carries it, an actor pool runs termguard's pipeline.

The division of labour keeps the outputs those of the local run by construction:

* The driver (where :func:`translate_archive` is called) plans the run exactly as the local run
  does (:mod:`termguard.translate.archive`: the same articles, output names and batches), refuses
  what the local run refuses before anything is written, puts each batch's articles (their
  bytes: the nodes need not see the driver's disk) into one row of a Ray Dataset, and writes what
  comes back through termguard's one writer (:mod:`termguard.io`: atomic, never over an input).
* Each actor of the pool (:class:`ArchiveTranslator`) loads the model and the termbase once, and
  runs the local run's own batch step (:func:`termguard.translate.pipeline.translate_batch`) on
  each batch into a private temporary directory. The engine sees the sentences of the same
  documents together and the technique probe runs over the same sentences as locally, so each
  batch gives the same translations. It sends back each output file's text, with the temporary
  paths in it (report keys, catalog references, error lines) replaced by the driver's.

An existing review catalog in the output directory travels with its article to the actor, so its
reviewed entries are merged exactly as the local run merges them. docs/scale.md says how to run it.
"""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from termguard.errors import InputError, TermguardError
from termguard.locales import N_
from termguard.translate.archive import Batching
from termguard.translate.engine import EngineOptions
from termguard.translate.pipeline import Options, check_output_names, output_paths
from termguard.translate.report import DocumentReport

__all__ = ["ClusterOptions", "ArchiveTranslator", "translate_archive", "ray_available", "RAY_MISSING"]

#: The one line a command prints when the extra is not installed.
RAY_MISSING = N_("Ray is not installed: pip install 'termguard[cluster]'")  # shown through _()


def ray_available() -> bool:
    """Whether ``ray`` (with Ray Data) can be imported here, without importing it."""
    import importlib.util

    return importlib.util.find_spec("ray") is not None and importlib.util.find_spec("ray.data") is not None


@dataclass(frozen=True)
class ClusterOptions:
    """Where and how wide the run goes."""

    #: A running cluster (``ray://head:10001``, ``auto``, ``127.0.0.1:6379``); None starts a local
    #: Ray instance for the run (or uses the one this process already joined).
    address: str | None = None
    #: Actors in the pool: each holds one model and decodes one batch at a time
    #: (0: as many as the cluster's CPUs hold, ``cpus_per_actor`` each).
    actors: int = 0
    #: CPUs each actor reserves (and CTranslate2 threads it runs, unless the engine options set them).
    cpus_per_actor: float = 1.0
    #: Ray Data's progress bars on stderr.
    progress_bars: bool = False


def translate_archive(paths: Sequence[str | Path], out_dir: str | Path, termbase,  # type: ignore[no-untyped-def]
                      model: str | Path | None = None, *, translate: bool = True,
                      options: Options | None = None, engine_options: EngineOptions | None = None,
                      cluster: ClusterOptions | None = None,
                      batching: Batching | None = None) -> Iterator[DocumentReport]:
    """Translate the articles in ``paths`` into ``out_dir`` on Ray, yielding each article's
    :class:`DocumentReport` once its outputs are written (in the local run's order): the same
    files as :func:`termguard.translate.archive.translate_archive` writes with the same
    ``batching`` (edition, report and review catalog each; no run manifest, no resume).

    ``model`` is an ``.argosmodel`` file or package directory that every node can read, or None
    for the package installed on each node; ``translate=False`` runs review-only (reports and
    catalogs, as the local run does without a model). ``termbase`` is the loaded termbase: its
    files are sent to the actors, which load them once each.

    The run-wide review files (``options.po``, ``options.xliff``, ``options.update``) hold every
    article in one file and are written by the local run only: asking for one is an
    :class:`InputError`, as is anything the local run refuses before it starts.
    """
    from termguard.translate.manifest import run_timestamp

    # One date in every catalog of the run, as the local run writes (SOURCE_DATE_EPOCH honoured).
    options = options or Options()
    options = dataclasses.replace(options, catalog_date=options.catalog_date or run_timestamp())
    cluster = cluster or ClusterOptions()
    if options.po is not None or options.xliff is not None or options.update is not None:
        raise InputError("one catalog or XLIFF file for all articles (--po, --xliff, --update) is not written on "
                         "a Ray cluster; translate without --ray, or review the per-article catalogs")
    if cluster.actors < 0 or cluster.cpus_per_actor <= 0:
        raise InputError("CPUs per actor must be positive, actors 0 (automatic) or more")
    if not ray_available():
        raise TermguardError(RAY_MISSING)
    from termguard.translate.archive import collect_archive, plan_batches
    from termguard.translate.write import check_not_input

    out_dir = Path(out_dir)
    items = collect_archive(paths)
    check_output_names((i.source, i.name) for i in items)
    outputs = [output_paths(out_dir, i.name) for i in items]
    termbase_files = [Path(f) for f in getattr(termbase, "files", ())]
    read_only = [*(i.source for i in items), *termbase_files]
    check_not_input([p for out in outputs for k, p in out.items() if translate or k != "edition"], read_only)
    if translate:
        from termguard.translate.engine import load_engine

        load_engine(model, options.source_lang, options.target_lang, engine_options)  # fails here, in one line
    index = {id(item): number for number, item in enumerate(items)}
    plan = [[index[id(item)] for item in batch] for batch in plan_batches(items, batching or Batching())]
    return _translate_planned(items, outputs, plan, read_only, termbase, model if translate else None, translate,
                              options, engine_options, cluster)


def _translate_planned(items, outputs, plan, read_only, termbase, model, translate,  # type: ignore[no-untyped-def]
                       options, engine_options, cluster) -> Iterator[DocumentReport]:
    import ray

    started = _connect(ray, cluster.address)
    try:
        actors = cluster.actors or int(ray.cluster_resources().get("CPU", 1) // cluster.cpus_per_actor)
        # An actor beyond one per batch would load a model and never translate.
        cluster = dataclasses.replace(cluster, actors=max(1, min(actors, len(plan))))
        rows = ({"batch": number, "payload": pickle.dumps([_document(i, items[i], outputs[i], options) for i in batch])}
                for number, batch in enumerate(plan))
        done = 0
        results = _run(ray, rows, len(plan), termbase, model, translate, options, engine_options, cluster)
        while True:
            try:
                index, result = next(results)
            except StopIteration:
                break
            except ray.exceptions.RayError as exc:
                raise _one_line(exc) from None
            done += 1
            yield _write_outputs(result, outputs[index], read_only)
    finally:
        if started:
            ray.shutdown()
    if done != len(items):  # never report a run as done that is not
        raise TermguardError(f"the cluster returned {done} of {len(items)} articles")


def _one_line(exc: BaseException) -> TermguardError:
    """What stopped a Ray run, as the one line a command prints: termguard's own error where an
    actor raised one (a node without the model), else the first line of Ray's."""
    seen: BaseException | None = exc
    for _ in range(8):  # Ray wraps an actor's exception a few levels deep
        if seen is None:
            break
        if isinstance(seen, TermguardError):
            return seen
        seen = getattr(seen, "cause", None) or seen.__cause__
    first = next((line for line in str(exc).splitlines() if line.strip()), type(exc).__name__)
    return TermguardError(f"the Ray run failed: {first}")


# --- the driver ----------------------------------------------------------------------------------

def _document(index: int, item, outputs: dict[str, Path], options: Options) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """One article as the actors get it: its bytes, the paths its outputs take, and the reviewed
    catalog already in the output directory (merged by the actor as the local run merges it)."""
    from termguard.translate.po import reference_path

    try:
        data = item.source.read_bytes()
        readable = True
    except OSError:
        data, readable = b"", False  # the actor's reader says why, in the local run's words
    po = outputs["po"]
    return {"index": index, "source": str(item.source), "name": item.name, "data": data, "readable": readable,
            "reference": reference_path(item.source, options.base),
            "outputs": {k: str(p) for k, p in outputs.items()},
            "existing_po": po.read_bytes() if options.per_document_po and po.is_file() else None}


def _connect(ray, address: str | None) -> bool:  # type: ignore[no-untyped-def]
    """Join ``address`` (or start a local instance); True if this call started Ray."""
    if ray.is_initialized():
        return False
    # Nothing leaves the machine but what the run needs: no usage report to Anyscale.
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    address = address or os.environ.get("RAY_ADDRESS") or None  # ray.init's own convention
    try:
        if address is None:
            ray.init(include_dashboard=False, log_to_driver=False, configure_logging=False)
        else:
            ray.init(address=address, log_to_driver=False, configure_logging=False)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        where = address or "a local Ray instance"
        raise TermguardError(f"cannot start or join {where}: {str(exc).splitlines()[0] if str(exc) else exc}") \
            from None
    return True


def _run(ray, rows: Iterator[dict[str, Any]], batches: int, termbase, model,  # type: ignore[no-untyped-def]
         translate: bool, options: Options, engine_options: EngineOptions | None,
         cluster: ClusterOptions) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(index, result)`` for every article, in plan order, as the actors finish its batch."""
    from ray.data import ActorPoolStrategy, DataContext

    _quiet_console_logs()
    context = DataContext.get_current()
    context.enable_progress_bars = cluster.progress_bars
    context.execution_options.preserve_order = True  # reports in the local run's order
    dataset = ray.data.from_items(list(rows), override_num_blocks=max(1, batches))
    results = dataset.map_batches(
        ArchiveTranslator,
        fn_constructor_kwargs={"termbase_files": _termbase_files(termbase), "model": model,
                               "translate": translate, "options": options, "engine_options": engine_options,
                               "cpus": cluster.cpus_per_actor},
        batch_size=1, batch_format="numpy",  # one planned batch per call: the unit Ray retries
        # Ray Data restarts an actor that dies (a node lost, the OOM killer) and retries its batch
        # (max_restarts and max_task_retries are -1 for actor pools).
        compute=ActorPoolStrategy(size=cluster.actors), num_cpus=cluster.cpus_per_actor)
    for row in results.iter_rows():
        yield int(row["index"]), json.loads(row["result"])


def _quiet_console_logs() -> None:
    """Ray Data's INFO lines off the console (they stay in the session's log files): the run's
    progress is termguard's to tell, and a CI log reads the same with and without Ray."""
    import logging

    for handler in logging.getLogger("ray.data").handlers:
        if getattr(getattr(handler, "stream", None), "name", None) == "<stderr>":
            handler.setLevel(logging.ERROR)


def _termbase_files(termbase) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """The termbase as the actors rebuild it: the user's files by content (the cluster's nodes
    need not see the driver's disk), the shipped termbase by reference to the installed one."""
    from termguard.glossary.termbase import default_termbase_files

    shipped = {str(p) for p in default_termbase_files()}
    files = [str(f) for f in getattr(termbase, "files", ())]
    return {"include_default": any(f in shipped for f in files),
            "files": [(Path(f).name, Path(f).read_bytes()) for f in files if f not in shipped]}


def _write_outputs(result: dict[str, Any], planned: dict[str, Path], read_only: Sequence[Path]) -> DocumentReport:
    """Write one article's outputs as the actor produced them; its :class:`DocumentReport`."""
    from termguard.translate.write import write_text

    fields = result["report"]
    for key in ("edition", "po", "report"):
        if result["files"].get(key) is not None:
            write_text(planned[key], result["files"][key], read_only)
    paths = {key: Path(fields[key]) if fields.get(key) is not None else None
             for key in ("source", "edition", "report", "po")}
    return DocumentReport(**{**fields, **paths})


# --- the actors ----------------------------------------------------------------------------------

class ArchiveTranslator:
    """One actor of the pool: a model and a termbase loaded once, then batches of articles.

    Ray Data constructs it once per actor and calls it with each batch (a dict of columns, the
    rows made by the driver); it returns one row per article: ``index`` and ``result`` (JSON:
    the output files' text and the report's fields).
    """

    def __init__(self, termbase_files: dict[str, Any], model: str | Path | None, translate: bool,
                 options: Options, engine_options: EngineOptions | None, cpus: float = 1.0) -> None:
        from termguard.glossary import load_termbase
        from termguard.translate.engine import load_engine

        self._home = tempfile.TemporaryDirectory(prefix="termguard-ray-")
        home = Path(self._home.name)
        termbase_dir = home / "termbase"
        termbase_dir.mkdir()
        paths = []
        for number, (name, data) in enumerate(termbase_files["files"]):
            path = termbase_dir / f"{number}-{name}"  # keeps the suffix: YAML or TOML
            path.write_bytes(data)
            paths.append(path)
        self.termbase = load_termbase(paths, include_default=termbase_files["include_default"])
        self.options = options
        self.engine = None
        if translate:
            engine_options = engine_options or EngineOptions()
            if engine_options.inter_threads <= 0 and engine_options.intra_threads <= 0:
                # As many decoding threads as CPUs reserved: N actors on a node must not each take all its cores.
                engine_options = dataclasses.replace(engine_options, inter_threads=max(1, int(cpus)), intra_threads=1)
            self.engine = load_engine(model, options.source_lang, options.target_lang, engine_options)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list]:
        from termguard.translate.pipeline import translate_batch

        out: dict[str, list] = {"index": [], "result": []}
        for payload in batch["payload"]:
            documents = pickle.loads(bytes(payload))
            with tempfile.TemporaryDirectory(dir=self._home.name) as work:
                for document, report in zip(documents, self._translate(documents, Path(work), translate_batch),
                                            strict=True):
                    out["index"].append(document["index"])
                    out["result"].append(json.dumps(_result(report, document, Path(work)), ensure_ascii=False))
        return out

    def _translate(self, documents: list[dict[str, Any]], root: Path, translate_batch) -> list[DocumentReport]:  # type: ignore[no-untyped-def]
        """The local run's batch step on ``documents``, copied under ``root`` (each keeps its file
        name: its format and the edition's checks go by it)."""
        named = []
        for number, document in enumerate(documents):
            source = root / "in" / str(number) / Path(document["source"]).name
            source.parent.mkdir(parents=True)
            if document["readable"]:
                source.write_bytes(document["data"])
            outputs = output_paths(root / "out", document["name"])
            if document["existing_po"] is not None:  # the reviewed catalog in OUT: merged as locally
                outputs["po"].parent.mkdir(parents=True, exist_ok=True)
                outputs["po"].write_bytes(document["existing_po"])
            named.append((source, outputs))
        # The catalogs' references are rewritten afterwards: a base no input lies under makes them absolute.
        options = dataclasses.replace(self.options, results={}, base=root / "base")
        read_only = [source for source, _ in named] + [Path(f) for f in self.termbase.files]
        reports, _ = translate_batch(named, self.termbase, self.engine, options, read_only)
        return reports  # type: ignore[no-any-return]


def _result(report: DocumentReport, document: dict[str, Any], root: Path) -> dict[str, Any]:
    """One article's outputs and report fields, with the actor's temporary paths replaced by
    the ones the driver writes (and the article's own name, as the user gave it)."""
    renames = {str(report.source): document["source"]}
    for key in ("edition", "report", "po"):
        produced = getattr(report, key)
        if produced is not None:
            renames[str(produced)] = document["outputs"][key]
    files: dict[str, str | None] = {}
    for key in ("edition", "report", "po"):
        produced = getattr(report, key)
        if produced is None or not Path(produced).is_file():
            files[key] = None
            continue
        text = Path(produced).read_text("utf-8")
        if key == "po":
            text = _rereferenced(Path(produced), report.source, document["reference"], root / "base")
        elif key == "report":
            text = _renamed(text, renames, escape=True)
        files[key] = text
    fields = {}
    for field in dataclasses.fields(report):
        value = getattr(report, field.name)
        if isinstance(value, Path):
            value = str(value)
        fields[field.name] = value
    fields = json.loads(_renamed(json.dumps(fields, ensure_ascii=False), renames, escape=True))
    return {"files": files, "report": fields}


def _renamed(text: str, renames: dict[str, str], escape: bool = False) -> str:
    """``text`` with each path of ``renames`` replaced (longest first; as a JSON string's
    contents with ``escape``). Temporary paths are unique enough to be replaced as text."""
    for old in sorted(renames, key=len, reverse=True):
        new = renames[old]
        if escape:
            old, new = json.dumps(old, ensure_ascii=False)[1:-1], json.dumps(new, ensure_ascii=False)[1:-1]
        text = text.replace(old, new)
    return text


def _rereferenced(po_path: Path, source: Path, reference: str, base: Path) -> str:
    """The catalog's text with the ``#:`` references to the actor's copy of the article made
    the driver's (line wrapping as the local run's writer wraps them)."""
    from termguard.translate.po import catalog_text, read_catalog, reference_path

    catalog = read_catalog(po_path)
    temporary = reference_path(source, base)
    for entry in catalog:
        entry.occurrences = [(reference if path == temporary else path, line) for path, line in entry.occurrences]
    return catalog_text(catalog)  # type: ignore[no-any-return]
