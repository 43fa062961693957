"""``termguard translate``, ``termguard build`` and ``termguard model``: offline English editions.

Everything heavy (ctranslate2, sentencepiece, polib, argostranslate.package) is imported inside
the command functions, so other commands start without it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import typer

from termguard.cli import app, fail
from termguard.cli.options import NoDefaultOption, TermbaseOption, open_termbase
from termguard.errors import EngineUnavailableError, OutputRefusedError, TermguardError

model_app = typer.Typer(help="Argos Translate models: list installed ones, install from the index or a file.",
                        no_args_is_help=True)
app.add_typer(model_app, name="model")

#: Exit codes of ``termguard translate`` (docs/translate.md).
EXIT_OK, EXIT_FAILURES, EXIT_USAGE, EXIT_NO_MODEL = 0, 1, 2, 3


class _Bar:
    """A progress bar on stderr whose length is known only when the pipeline says so."""

    def __init__(self, label: str, show: bool) -> None:
        self.label = label
        self.show = show
        self.bar: Any = None  # click's ProgressBar, opened when the length is known

    def start(self, total: int) -> None:
        if self.show and total:
            self.bar = typer.progressbar(length=total, label=self.label, file=sys.stderr, show_pos=True)
            self.bar.__enter__()

    def step(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def bytes(self, done: int, total: int) -> None:
        if not self.show or not total:
            return
        if self.bar is None:
            self.bar = typer.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


class _ArchiveProgress:
    """One line on stderr, redrawn at most twice a second: documents and sentences done, rate, ETA."""

    def __init__(self, label: str, show: bool) -> None:
        self.label = label
        self.show = show
        self.drawn = 0  # width of the line on screen
        self.last = 0.0

    def update(self, state: Any) -> None:
        import time

        if not self.show or time.monotonic() - self.last < 0.5:
            return
        self.last = time.monotonic()
        done = state.documents_done + state.documents_skipped
        skipped = f" ({state.documents_skipped} done before)" if state.documents_skipped else ""
        eta = state.eta_seconds
        eta_text = "" if eta is None else f", ETA {int(eta // 3600)}:{int(eta % 3600 // 60):02d}:{int(eta % 60):02d}"
        line = (f"{self.label}: {done}/{state.documents_total} documents{skipped}, {state.sentences_done} sentences, "
                f"{state.sentences_per_second:.1f} sentences/s{eta_text}")
        sys.stderr.write("\r" + line.ljust(self.drawn))
        sys.stderr.flush()
        self.drawn = len(line)

    def clear(self) -> None:
        if self.drawn:
            sys.stderr.write("\r" + " " * self.drawn + "\r")
            sys.stderr.flush()
            self.drawn = 0
            self.last = 0.0

    def close(self) -> None:
        self.clear()


def _options(beam_size: int, retry_beam_size: int, threads: int, batch_size: int):  # type: ignore[no-untyped-def]
    from termguard.translate.engine import EngineOptions

    return EngineOptions(beam_size=beam_size, num_hypotheses=min(beam_size, 4), retry_beam_size=retry_beam_size,
                         inter_threads=threads, intra_threads=1 if threads else 0, max_batch_size=batch_size)


def _install_with_bar(from_code: str, to_code: str, timeout: float, show: bool):  # type: ignore[no-untyped-def]
    from termguard.translate.models import install_from_index

    bar = _Bar(f"Downloading translate-{from_code}_{to_code}", show)
    try:
        return install_from_index(from_code, to_code, timeout=timeout, progress=bar.bytes)
    finally:
        bar.close()


@app.command()
def translate(
    paths: list[Path] = typer.Argument(..., help="German articles (.txt, .md) or directories of them."),
    output: Path = typer.Option(Path("editions"), "--output", "-o", help="Directory for editions, reports, "
                                "catalogs (never an input file)."),
    from_code: str = typer.Option("de", "--from", help="Source language (an installed argos pair)."),
    to_code: str = typer.Option("en", "--to", help="Target language."),
    model: Path | None = typer.Option(None, "--model", help="Use this .argosmodel file or package "
                                      "directory instead of the installed model."),
    po: Path | None = typer.Option(None, "--po", help="Also write one review catalog for all inputs."),
    update: Path | None = typer.Option(None, "--update", help="Re-translate into this reviewed catalog (.po) "
                                       "or XLIFF file (.xlf), keeping every reviewed translation whose source "
                                       "sentence is unchanged."),
    xliff: Path | None = typer.Option(None, "--xliff", help="Also write one XLIFF review file for all inputs "
                                      "(for CAT tools; an existing file is merged, as with --update)."),
    xliff_version: str | None = typer.Option(None, "--xliff-version", help="XLIFF 1.2 or 2.0 (default: the "
                                             "version of the file merged, else 1.2)."),
    fmt: str = typer.Option("auto", "--format", help="Input format: auto (by suffix), text or markdown."),
    locale: str = typer.Option("en_US", "--locale", help="House style of the edition: en_US (“…”, "
                               "February 9, 2026) or en_GB (‘…’, 9 February 2026)."),
    beam_size: int = typer.Option(2, "--beam-size", min=1, max=16, help="Beam size of the first pass "
                                  "(n-best = min(beam, 4))."),
    retry_beam_size: int = typer.Option(4, "--retry-beam-size", min=1, max=16, help="Beam size for segments "
                                        "that failed verification."),
    threads: int = typer.Option(0, "--threads", min=0, help="CPU threads: parallel single-threaded CTranslate2 "
                                 "workers (0: automatic, one per core up to 4)."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Sentences per CTranslate2 batch."),
    technique: list[str] = typer.Option(["placeholder", "inline", "plain"], "--technique",
                                        help="Enforcement techniques in the order tried (repeatable)."),
    align: bool = typer.Option(True, "--align/--no-align", help="Write a term the engine got wrong over the "
                               "output words aligned to it (listed in the report)."),
    install_model: bool = typer.Option(False, "--install-model", help="If no model is installed, try to "
                                       "install one from the argos package index first (the main job)."),
    index_timeout: float = typer.Option(5.0, "--index-timeout", help="Seconds to wait for the package index."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no per-file lines."),
    review_html: bool = typer.Option(False, "--review-html", help="Also write OUTPUT/<stem>.review.html, the "
                                     "side-by-side review page of each article (see 'termguard review')."),
    jobs: int = typer.Option(1, "--jobs", "-j", help="Worker processes, each with its own model; the "
                             "articles are shared between them (outputs are those of --jobs 1)."),
    resume: bool = typer.Option(True, "--resume/--no-resume", help="Skip the articles the run manifest in "
                                "OUTPUT records as done with the same input, termbase, model and options "
                                "(--no-resume: translate every article again)."),
    full_report: bool = typer.Option(False, "--full-report", help="Every segment in the reports (default: "
                                     "the summary and the segments that need a look; docs/archives.md)."),
    termbase: list[Path] | None = TermbaseOption,
    no_default_termbase: bool = NoDefaultOption,
    ray: bool = typer.Option(False, "--ray", help="Translate on Ray (pip install 'termguard[cluster]'): the "
                             "cluster at --ray-address or $RAY_ADDRESS, else Ray started on this machine "
                             "(docs/scale.md)."),
    ray_address: str | None = typer.Option(None, "--ray-address", metavar="ADDRESS", help="The Ray cluster "
                                           "to join (implies --ray), e.g. ray://head:10001 or auto."),
    ray_actors: int = typer.Option(0, "--ray-actors", min=0, help="With --ray: model-holding actors "
                                   "(0: one per CPU of the cluster)."),
) -> None:
    """Translate German articles into English editions with the termbase enforced.

    Writes, per article, OUTPUT/<name> (the edition, same format), OUTPUT/<stem>.report.json and
    OUTPUT/<stem>.po (review catalog; reviewed entries of an existing one are kept); with --po
    or --xliff, also one PO catalog or XLIFF file (for CAT tools) for all inputs. Without a
    model, writes the catalogs and reports only.

    Exit codes: 0 done; 1 some segment failed verification (see the reports); 2 usage or input
    error; 3 no model, review catalogs and reports only (0 with --install-model, where that is
    the expected offline outcome).
    """
    from termguard.locales import edition_style
    from termguard.translate.archive import translate_archive
    from termguard.translate.engine import load_engine
    from termguard.translate.models import NetworkError, find_installed
    from termguard.translate.pipeline import Options
    from termguard.translate.protect import TECHNIQUES
    from termguard.translate.xliff import VERSIONS

    if fmt not in ("auto", "text", "markdown"):
        raise fail(f"unknown --format {fmt!r} (auto, text, markdown)")
    ray = ray or ray_address is not None
    if ray:
        from termguard.cluster import RAY_MISSING, ray_available

        if not ray_available():
            raise fail(RAY_MISSING)
    if xliff_version is not None and xliff_version not in VERSIONS:
        raise fail(f"unknown --xliff-version {xliff_version!r} ({', '.join(VERSIONS)})")
    try:
        locale = edition_style(locale).name
    except TermguardError as exc:
        raise fail(exc) from None
    for t in technique:
        if t not in TECHNIQUES:
            raise fail(f"unknown --technique {t!r} ({', '.join(TECHNIQUES)})")
    # A progress display on a terminal; never in CI logs or a pipe (TERMGUARD_PROGRESS=1 forces it).
    show = not quiet and (bool(os.environ.get("TERMGUARD_PROGRESS"))
                          or (sys.stderr.isatty() and not os.environ.get("CI")))
    if jobs < 1:
        raise fail(f"--jobs must be at least 1, not {jobs}")
    try:
        tb = open_termbase(termbase, no_default_termbase)
    except TermguardError as exc:
        raise fail(exc) from None

    engine = None
    missing_reason = ""
    options = _options(beam_size, retry_beam_size, threads, batch_size)
    try:
        if model is not None:
            engine = load_engine(model, from_code, to_code, options)
        elif find_installed(from_code, to_code) is not None:
            engine = load_engine(None, from_code, to_code, options)
        elif install_model:
            try:
                package = _install_with_bar(from_code, to_code, index_timeout, show)
                typer.echo(f"termguard: installed {package.code} {package.version} into {package.path.parent}",
                           err=True)
                engine = load_engine(None, from_code, to_code, options)
            except NetworkError:
                missing_reason = "and the package index is unreachable"
            except EngineUnavailableError as exc:
                missing_reason = f"and none could be installed ({exc})"
    except TermguardError as exc:
        raise fail(exc) from None

    run = Options(source_lang=from_code, target_lang=to_code, fmt=fmt, po=po, update=update, techniques=technique,
                  edition_locale=locale, align=align, xliff=xliff, xliff_version=xliff_version,
                  full_report=full_report)
    display = _ArchiveProgress(f"Translating ({from_code}→{to_code})", show)
    failed = resumed = 0
    had_errors = had_input_errors = False
    page_errors: list[str] = []
    if ray:
        from termguard.cli.ray_run import translate_on_ray

        documents = translate_on_ray(paths, output, tb, model, engine is not None, run, options, ray_address,
                                     ray_actors)
    else:
        documents = translate_archive(paths, output, tb, engine, run, jobs=jobs, resume=resume, manifest=True,
                                      on_progress=display.update)
    try:
        for r in documents:
            # Each document is reported as it is written; only the counts are kept (an archive of
            # thousands of articles must not hold their reports).
            page, page_error = _write_review(r) if review_html and not r.resumed else (None, None)
            failed += r.failures
            had_errors = had_errors or bool(r.errors)
            had_input_errors = had_input_errors or bool(r.input_error)
            resumed += r.resumed
            display.clear()
            if page_error:
                page_errors.append(page_error)
                typer.echo(f"termguard: error: {page_error}", err=True)
            if r.input_error:  # never hidden by --quiet: each is something not written, or written wrong
                typer.echo(f"termguard: error: {r.input_error}", err=True)
            for e in r.errors:
                typer.echo(f"termguard: {r.source}: {e['code']} {e['stage']}: {e['message']}", err=True)
            if not quiet and not r.input_error and not r.resumed:
                written = [str(p) for p in (r.edition, r.report, r.po, page) if p is not None]
                kept = f", {r.kept_reviewed} reviewed kept" if r.kept_reviewed else ""
                typer.echo(f"{r.source}: {r.segments} segments, {r.enforced} terms enforced, {r.loaded} loaded, "
                           f"{r.transliterated} to verify, {r.failures} failed{kept} → {', '.join(written)}",
                           err=True)
    except TermguardError as exc:
        raise fail(exc) from None
    except OSError as exc:  # a full disk, a read-only directory: what was written stays whole
        raise fail(f"{exc.filename or output}: cannot write: {exc.strerror}") from None
    finally:
        documents.close()  # an interrupt here still records the finished documents (the run manifest)
        display.close()

    if not quiet:
        if resumed:
            typer.echo(f"{resumed} document(s) already done by an earlier run (the run manifest in {output}): "
                       "skipped", err=True)
        if run.results.get("catalog_path"):
            stats = run.results.get("catalog")
            similar = f", {stats.similar} edited sentence(s) shown their reviewed translation" \
                if stats and stats.similar else ""
            fuzzy = f", {stats.kept_fuzzy} unreviewed edit(s) kept" if stats and stats.kept_fuzzy else ""
            extra = f" ({stats.kept} reviewed entries kept{fuzzy}, {stats.obsolete} obsolete{similar})" if stats else ""
            typer.echo(f"catalog: {run.results['catalog_path']}{extra}", err=True)
        if run.results.get("xliff_path"):
            stats = run.results.get("xliff")
            extra = f" ({stats.kept} reviewed units kept, {stats.obsolete} retired)" if stats else ""
            typer.echo(f"xliff: {run.results['xliff_path']}{extra}", err=True)
    if had_input_errors or page_errors:
        raise typer.Exit(EXIT_USAGE)  # the other articles were written; each unreadable one has its line
    if engine is None:
        reason = f" {missing_reason}" if missing_reason else ""
        typer.echo(f"termguard: no {from_code}→{to_code} model installed{reason}: wrote review catalogs and "
                   f"reports only (run 'termguard model install' or pass --model PATH)", err=True)
        raise typer.Exit(EXIT_OK if install_model else EXIT_NO_MODEL)
    if failed:
        typer.echo(f"termguard: {failed} segment(s) failed verification; see \"failures\" in the reports",
                   err=True)
    if failed or had_errors:
        raise typer.Exit(EXIT_FAILURES)


def _write_review(r: Any) -> tuple[Path | None, str | None]:
    """The review page of one document's report, next to it (``<stem>.review.html``), or the
    line saying why it could not be written (the other pages are written all the same)."""
    from termguard.review import review_from_report, write_review

    if r.report is None or not r.data:
        return None, None
    page = r.report.with_name(r.report.name.removesuffix(".report.json") + ".review.html")
    try:
        write_review(review_from_report(r.data), page)
    except OSError as exc:
        return None, f"{page}: cannot write the review: {exc.strerror}"
    except OutputRefusedError as exc:  # a directory where the page goes: one line, the other pages still
        return None, f"{page}: cannot write the review: {exc.message}"
    return page, None


@app.command()
def build(
    catalog: Path = typer.Argument(..., help="A reviewed PO catalog or XLIFF file (.xlf, 1.2 or 2.0) written "
                                   "by 'termguard translate'."),
    output: Path = typer.Option(..., "--output", "-o", help="The edition to write (a directory, one edition "
                                "per article, when the catalog covers several)."),
    source: Path | None = typer.Option(None, "--source", help="The source article (default: the one the "
                                       "catalog references)."),
    fmt: str = typer.Option("auto", "--format", help="Source format: auto, text or markdown."),
    tmx: Path | None = typer.Option(None, "--tmx", help="Also write the reviewed sentence pairs as a TMX 1.4 "
                                    "translation memory (for a CAT tool's memory)."),
) -> None:
    """Assemble the final edition from a reviewed catalog (PO or XLIFF).

    Reviewed entries give their translation; unreviewed ones (fuzzy, or an XLIFF target still
    pending review) fall back to the machine output and untranslated ones to the source
    sentence; both are listed on stderr.

    Exit codes: 0 every sentence came from the catalog; 1 the edition was written but still
    holds source sentences (untranslated, or not in the catalog; listed); 2 usage or input
    error (a catalog that is not valid PO or XLIFF, holds a msgid twice, or belongs to another
    article), nothing written.
    """
    from termguard.config import find_config
    from termguard.translate.build import build_edition, catalog_sources, read_review
    from termguard.translate.write import check_not_input, write_text

    try:
        review = read_review(catalog)
        sources = catalog_sources(review) if source is None else [source]
        if source is None and (output.is_dir() or (len(sources) > 1 and not output.suffix)):
            targets: list[tuple[Path | None, Path]] = [(s, output / s.name) for s in sources]  # one per article
        else:
            targets = [(source, output)]
        results = []
        for src, out in targets:
            result = build_edition(catalog, src, fmt)
            check_not_input([out, *([tmx] if tmx else [])], [result.source, catalog, find_config()])
            results.append((result, out))
        for result, out in results:
            write_text(out, result.text, [result.source, catalog])
        if tmx is not None:
            from termguard.translate.tmx import tmx_text

            pairs = [pair for result, _ in results for pair in result.memory]
            write_text(tmx, tmx_text(pairs, review.source_lang, review.target_lang), [catalog])
    except TermguardError as exc:
        raise fail(exc) from None
    except OSError as exc:
        raise fail(f"cannot write the edition: {exc.strerror}") from None
    for result, out in results:
        typer.echo(f"{out}: {result.reviewed} reviewed, {len(result.unreviewed)} unreviewed (machine output), "
                   f"{len(result.untranslated)} untranslated (source kept), {len(result.missing)} not in catalog",
                   err=True)
        for label, items in (("unreviewed", result.unreviewed), ("untranslated", result.untranslated),
                             ("not in catalog", result.missing)):
            for sentence in items:
                typer.echo(f"  {label}: {sentence}", err=True)
    if tmx is not None:
        count = len(dict.fromkeys(pair for result, _ in results for pair in result.memory))
        typer.echo(f"{tmx}: {count} reviewed sentence pair(s) (TMX 1.4)", err=True)
    german = sum(result.source_sentences for result, _ in results)
    if german:
        typer.echo(f"termguard: the edition still holds {german} source sentence(s) (listed above)", err=True)
        raise typer.Exit(1)


@model_app.command("status")
def model_status() -> None:
    """List installed argos packages (tokenizer, and whether termguard can translate with each) and the
    directories searched."""
    from termguard.translate.models import installed_packages, package_dirs

    dirs = package_dirs()
    typer.echo("package directories: " + ", ".join(str(d) for d in dirs))
    packages = installed_packages()
    if not packages:
        typer.echo("no argos packages installed (run 'termguard model install')")
        return
    for p in packages:
        check = p.check()
        usable = "usable" if check.usable else f"not usable: {check.problem}"
        typer.echo(f"{p.pair}  {p.code} {p.version}  {p.type}  tokenizer: {check.tokenizer_name}  {usable}  {p.path}")


@model_app.command("install")
def model_install(
    path: Path | None = typer.Argument(None, help="An .argosmodel file to install offline (default: download "
                                       "from the argos package index)."),
    from_code: str = typer.Option("de", "--from", help="Source language of the package to download."),
    to_code: str = typer.Option("en", "--to", help="Target language."),
    timeout: float = typer.Option(5.0, "--timeout", help="Seconds to wait for the package index."),
) -> None:
    """Install a translation package: translate-de_en from the index by default, or a file."""
    from termguard.translate.models import install_file

    try:
        if path is not None:
            package = install_file(path)
        else:
            package = _install_with_bar(from_code, to_code, timeout, sys.stderr.isatty())
    except TermguardError as exc:
        raise fail(exc) from None
    typer.echo(f"installed {package.code} {package.version} ({package.pair}) into {package.path}")
