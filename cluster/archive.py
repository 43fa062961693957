"""An archive translated on a Ray cluster: Ray Data reads it, an actor pool runs termguard's pipeline.

The division of labour keeps the outputs those of the local run by construction:

* The driver (where ``translate_archive`` is called) names every output with the local run's rule
  (flat by base name; two inputs with one name or one stem are refused before anything runs),
  refuses to write over an input, reads each article's bytes into a Ray Dataset row and writes
  what comes back through termguard's one writer (:mod:`termguard.io`: atomic, never over an input).
* Each actor of the pool (:class:`ArchiveTranslator`, one per CPU asked for) loads the model and
  the termbase once, and runs the public :func:`termguard.translate.translate_documents` on its
  batch of articles into a private temporary directory. It sends back each output file's text
  with the temporary paths in it (report keys, catalog references, error lines) replaced by the
  paths the driver writes to, and the :class:`DocumentReport` of each article.

An existing review catalog in the output directory travels with its article to the actor, so
its reviewed entries are merged exactly as a local run merges them. What a batch boundary can
change is said in docs/scale.md ("Same outputs as the local run").
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from termguard.errors import InputError, TermguardError
from termguard.translate.engine import EngineOptions
from termguard.translate.pipeline import Options, collect_inputs
from termguard.translate.report import DocumentReport

__all__ = ["ClusterOptions", "ArchiveTranslator", "translate_archive", "ray_available", "RAY_MISSING"]

#: The one line a command prints when the extra is not installed.
RAY_MISSING = "Ray is not installed: pip install 'termguard[cluster]'"


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
    #: Articles per ``map_batches`` call: the unit Ray retries when an actor dies.
    batch_documents: int = 8
    #: Ray Data's progress bars on stderr.
    progress_bars: bool = False


def translate_archive(paths: Sequence[str | Path], out_dir: str | Path, termbase,  # type: ignore[no-untyped-def]
                      model: str | Path | None = None, *, translate: bool = True,
                      options: Options | None = None, engine_options: EngineOptions | None = None,
                      cluster: ClusterOptions | None = None,
                      progress: Callable[[DocumentReport], None] | None = None) -> list[DocumentReport]:
    """Translate the articles in ``paths`` into ``out_dir`` on Ray: the same files as
    :func:`termguard.translate.translate_documents` (edition, report and review catalog each).

    ``model`` is an ``.argosmodel`` file or package directory that every node can read, or None
    for the package installed on each node; ``translate=False`` runs review-only (reports and
    catalogs, as the local run does without a model). ``termbase`` is the loaded termbase: its
    files are sent to the actors, which load them once each. ``progress(report)`` is called as
    each article's outputs are written. The reports come back in the local run's order
    (unreadable articles first, then the others in input order).

    The run-wide review files (``options.po``, ``options.xliff``, ``options.update``) hold every
    article in one file and are written by the local run only: asking for one is an
    :class:`InputError`.
    """
    options = options or Options()
    cluster = cluster or ClusterOptions()
    if options.po is not None or options.xliff is not None or options.update is not None:
        raise InputError("one catalog or XLIFF file for all articles (--po, --xliff, --update) is not written on "
                         "a Ray cluster; translate without --ray, or review the per-article catalogs")
    if cluster.actors < 0 or cluster.batch_documents < 1 or cluster.cpus_per_actor <= 0:
        raise InputError("batch size and CPUs per actor must be positive, actors 0 (automatic) or more")
    if not ray_available():
        raise TermguardError(RAY_MISSING)
    out_dir = Path(out_dir)
    inputs = collect_inputs(paths)
    planned = _plan_outputs(inputs, out_dir)
    read_only = [*inputs, *(Path(f) for f in getattr(termbase, "files", ()))]
    from termguard.translate.write import check_not_input

    check_not_input([p for plan in planned for k, p in plan.items() if translate or k != "edition"], read_only)
    if translate:
        from termguard.translate.engine import load_engine

        load_engine(model, options.source_lang, options.target_lang, engine_options)  # fails here, in one line
    rows = [_row(i, path, plan, options) for i, (path, plan) in enumerate(zip(inputs, planned, strict=True))]

    import ray

    started = _connect(ray, cluster.address)
    try:
        if cluster.actors == 0:
            cpus = ray.cluster_resources().get("CPU", 1)
            cluster = dataclasses.replace(cluster, actors=max(1, int(cpus // cluster.cpus_per_actor)))
        results = _run(ray, rows, termbase, model if translate else None, translate, options, engine_options, cluster)
        reports: dict[int, DocumentReport] = {}
        for index, result in results:
            reports[index] = _write_outputs(result, planned[index], read_only)
            if progress:
                progress(reports[index])
    finally:
        if started:
            ray.shutdown()
    missing = [str(inputs[i]) for i in range(len(inputs)) if i not in reports]
    if missing:  # Ray returned without them: never report a run as done that is not
        raise TermguardError(f"the cluster returned no result for {len(missing)} article(s): {', '.join(missing[:3])}")
    ordered = [reports[i] for i in range(len(inputs))]
    return [r for r in ordered if r.input_error] + [r for r in ordered if not r.input_error]


# --- the driver ----------------------------------------------------------------------------------

def _plan_outputs(inputs: Sequence[Path], out_dir: Path) -> list[dict[str, Path]]:
    """Each input's edition, report and catalog paths: flat by base name, as the local run
    names them (translate.pipeline), and refused for the same clashes with the same words."""
    names: dict[str, Path] = {}
    stems: dict[str, Path] = {}
    planned = []
    for path in inputs:
        if path.name in names:
            raise InputError(f"two inputs are named {path.name} ({names[path.name]} and {path}); "
                             "their editions would collide in one --output directory", path)
        if path.stem in stems:
            raise InputError(f"{stems[path.stem]} and {path} would share {path.stem}.report.json and "
                             f"{path.stem}.po; translate them into different --output directories", path)
        names[path.name], stems[path.stem] = path, path
        planned.append({"edition": out_dir / path.name, "report": out_dir / f"{path.stem}.report.json",
                        "po": out_dir / f"{path.stem}.po"})
    return planned


def _row(index: int, path: Path, plan: dict[str, Path], options: Options) -> dict[str, Any]:
    """One Dataset row: the article's bytes, the names its outputs get, and the reviewed
    catalog already in the output directory (merged by the actor as the local run merges it)."""
    from termguard.translate.po import reference_path

    try:
        data = path.read_bytes()
    except OSError:
        data = b""  # the actor's reader says why it cannot be read, as the local run does
    po = plan["po"]
    existing = po.read_bytes() if options.per_document_po and po.is_file() else None
    return {"index": index, "source": str(path), "name": path.name, "data": data,
            "reference": reference_path(path, options.base),
            "edition": str(plan["edition"]), "report": str(plan["report"]), "po": str(po),
            "existing_po": existing if existing is not None else b"", "has_po": existing is not None}


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


def _run(ray, rows: list[dict[str, Any]], termbase, model, translate: bool,  # type: ignore[no-untyped-def]
         options: Options, engine_options: EngineOptions | None,
         cluster: ClusterOptions) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(index, result)`` for every row as the actors finish their batches."""
    from ray.data import ActorPoolStrategy, DataContext

    DataContext.get_current().enable_progress_bars = cluster.progress_bars
    blocks = max(1, math.ceil(len(rows) / cluster.batch_documents))
    dataset = ray.data.from_items(rows, override_num_blocks=blocks)
    results = dataset.map_batches(
        ArchiveTranslator,
        fn_constructor_kwargs={"termbase_files": _termbase_files(termbase), "model": model,
                               "translate": translate, "options": options, "engine_options": engine_options,
                               "cpus": cluster.cpus_per_actor},
        batch_size=cluster.batch_documents, batch_format="numpy",
        compute=ActorPoolStrategy(size=cluster.actors), num_cpus=cluster.cpus_per_actor,
        # An actor that dies (a node lost, the OOM killer) is restarted and its batch retried.
        max_restarts=-1, max_task_retries=-1)
    for row in results.iter_rows():
        yield int(row["index"]), json.loads(row["result"])


def _termbase_files(termbase) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """The termbase as the actors rebuild it: the user's files by content (the cluster's nodes
    need not see the driver's disk), the shipped termbase by reference to the installed one."""
    from termguard.glossary.termbase import default_termbase_files

    shipped = {str(p) for p in default_termbase_files()}
    files = [str(f) for f in getattr(termbase, "files", ())]
    return {"include_default": any(f in shipped for f in files),
            "files": [(Path(f).name, Path(f).read_bytes()) for f in files if f not in shipped]}


def _write_outputs(result: dict[str, Any], plan: dict[str, Path], read_only: Sequence[Path]) -> DocumentReport:
    """Write one article's outputs as the actor produced them; its :class:`DocumentReport`."""
    from termguard.translate.write import write_text

    fields = result["report"]
    for key in ("edition", "po", "report"):
        if result["files"].get(key) is not None:
            write_text(plan[key], result["files"][key], read_only)
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
        from termguard.translate.pipeline import translate_documents

        with tempfile.TemporaryDirectory(dir=self._home.name) as work:
            root = Path(work)
            rows = [{key: batch[key][i] for key in batch} for i in range(len(batch["index"]))]
            by_input: dict[str, dict[str, Any]] = {}
            for row in rows:
                source = root / "in" / str(int(row["index"])) / str(row["name"])
                source.parent.mkdir(parents=True)
                source.write_bytes(bytes(row["data"]))
                by_input[str(source)] = row
                if bool(row["has_po"]):  # the reviewed catalog already in OUT: merged as the local run merges it
                    (root / "out").mkdir(exist_ok=True)
                    (root / "out" / Path(str(row["po"])).name).write_bytes(bytes(row["existing_po"]))
            # The catalogs' references are rewritten below: a base no input lies under makes them absolute.
            options = dataclasses.replace(self.options, results={}, base=root / "base")
            reports = translate_documents(list(by_input), root / "out", self.termbase, self.engine, options)
            out = {"index": [], "result": []}
            for report in reports:
                row = by_input[str(report.source)]
                out["index"].append(int(row["index"]))
                out["result"].append(json.dumps(_result(report, row, root), ensure_ascii=False))
        return out


def _result(report: DocumentReport, row: dict[str, Any], root: Path) -> dict[str, Any]:
    """One article's outputs and report fields, with the actor's temporary paths replaced by
    the ones the driver writes (and the article's own name, as the user gave it)."""
    renames = {str(report.source): str(row["source"])}
    for key in ("edition", "report", "po"):
        produced = getattr(report, key)
        if produced is not None:
            renames[str(produced)] = str(row[key])
    files: dict[str, str | None] = {}
    for key in ("edition", "report", "po"):
        produced = getattr(report, key)
        if produced is None or not Path(produced).is_file():
            files[key] = None
            continue
        text = Path(produced).read_text("utf-8")
        if key == "po":
            text = _rereferenced(Path(produced), report.source, str(row["reference"]))
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


def _rereferenced(po_path: Path, source: Path, reference: str) -> str:
    """The catalog's text with the ``#:`` references to the actor's copy of the article made
    the driver's (line wrapping as the local run's writer wraps them)."""
    from termguard.translate.po import catalog_text, read_catalog, reference_path

    catalog = read_catalog(po_path)
    temporary = reference_path(source, po_path.parent.parent / "base")
    for entry in catalog:
        entry.occurrences = [(reference if path == temporary else path, line) for path, line in entry.occurrences]
    return catalog_text(catalog)  # type: ignore[no-any-return]
