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
from termguard.locales import _

model_app = typer.Typer(help=_("Argos Translate models: list installed ones, install from the index or a file."),
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
        skipped = _(" ({n} done before)").format(n=state.documents_skipped) if state.documents_skipped else ""
        eta = state.eta_seconds
        clock = "" if eta is None else f"{int(eta // 3600)}:{int(eta % 3600 // 60):02d}:{int(eta % 60):02d}"
        eta_text = _(", ETA {clock}").format(clock=clock) if clock else ""
        line = _("{label}: {done}/{total} documents{skipped}, {sentences} sentences, {rate} sentences/s{eta}").format(
            label=self.label, done=done, total=state.documents_total, skipped=skipped,
            sentences=state.sentences_done, rate=f"{state.sentences_per_second:.1f}", eta=eta_text)
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

    bar = _Bar(_("Downloading {package}").format(package=f"translate-{from_code}_{to_code}"), show)
    try:
        return install_from_index(from_code, to_code, timeout=timeout, progress=bar.bytes)
    finally:
        bar.close()


@app.command(help=_(
    "Translate German articles into English editions with the termbase enforced.\n\n"
    "Writes, per article, OUTPUT/<name> (the edition, same format), OUTPUT/<stem>.report.json and "
    "OUTPUT/<stem>.po (review catalog; reviewed entries of an existing one are kept); with --po or --xliff, "
    "also one PO catalog or XLIFF file (for CAT tools) for all inputs. Without a model, writes the catalogs "
    "and reports only.\n\n"
    "Exit codes: 0 done; 1 some segment failed verification (see the reports); 2 usage or input error; 3 no "
    "model, review catalogs and reports only (0 with --install-model, where that is the expected offline "
    "outcome)."))
def translate(
    paths: list[Path] = typer.Argument(..., help=_("German articles (.txt, .md) or directories of them.")),
    output: Path = typer.Option(Path("editions"), "--output", "-o", help=_("Directory for editions, reports, "
                                "catalogs (never an input file).")),
    from_code: str = typer.Option("de", "--from", help=_("Source language (an installed argos pair).")),
    to_code: str = typer.Option("en", "--to", help=_("Target language.")),
    model: Path | None = typer.Option(None, "--model", help=_("Use this .argosmodel file or package "
                                      "directory instead of the installed model.")),
    po: Path | None = typer.Option(None, "--po", help=_("Also write one review catalog for all inputs.")),
    update: Path | None = typer.Option(None, "--update", help=_("Re-translate into this reviewed catalog (.po) "
                                       "or XLIFF file (.xlf), keeping every reviewed translation whose source "
                                       "sentence is unchanged.")),
    xliff: Path | None = typer.Option(None, "--xliff", help=_("Also write one XLIFF review file for all inputs "
                                      "(for CAT tools; an existing file is merged, as with --update).")),
    xliff_version: str | None = typer.Option(None, "--xliff-version", help=_("XLIFF 1.2 or 2.0 (default: the "
                                             "version of the file merged, else 1.2).")),
    fmt: str = typer.Option("auto", "--format", help=_("Input format: auto (by suffix), text or markdown.")),
    locale: str = typer.Option("en_US", "--locale", help=_("House style of the edition: en_US (“…”, "
                               "February 9, 2026) or en_GB (‘…’, 9 February 2026).")),
    beam_size: int = typer.Option(2, "--beam-size", min=1, max=16, help=_("Beam size of the first pass "
                                  "(n-best = min(beam, 4)).")),
    retry_beam_size: int = typer.Option(4, "--retry-beam-size", min=1, max=16, help=_("Beam size for segments "
                                        "that failed verification.")),
    threads: int = typer.Option(0, "--threads", min=0, help=_("CPU threads: parallel single-threaded CTranslate2 "
                                 "workers (0: automatic, one per core up to 4).")),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help=_("Sentences per CTranslate2 batch.")),
    technique: list[str] = typer.Option(["placeholder", "inline", "plain"], "--technique",
                                        help=_("Enforcement techniques in the order tried (repeatable).")),
    align: bool = typer.Option(True, "--align/--no-align", help=_("Write a term the engine got wrong over the "
                               "output words aligned to it (listed in the report).")),
    install_model: bool = typer.Option(False, "--install-model", help=_("If no model is installed, try to "
                                       "install one from the argos package index first (the main job).")),
    index_timeout: float = typer.Option(5.0, "--index-timeout", help=_("Seconds to wait for the package index.")),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=_("No progress bar and no per-file lines.")),
    review_html: bool = typer.Option(False, "--review-html", help=_("Also write OUTPUT/<stem>.review.html, the "
                                     "side-by-side review page of each article (see 'termguard review').")),
    jobs: int = typer.Option(1, "--jobs", "-j", help=_("Worker processes, each with its own model; the "
                             "articles are shared between them (outputs are those of --jobs 1).")),
    resume: bool = typer.Option(True, "--resume/--no-resume", help=_("Skip the articles the run manifest in "
                                "OUTPUT records as done with the same input, termbase, model and options "
                                "(--no-resume: translate every article again).")),
    full_report: bool = typer.Option(False, "--full-report", help=_("Every segment in the reports (default: "
                                     "the summary and the segments that need a look; docs/archives.md).")),
    termbase: list[Path] | None = TermbaseOption,
    no_default_termbase: bool = NoDefaultOption,
    ray: bool = typer.Option(False, "--ray", help=_("Translate on Ray (pip install 'termguard[cluster]'): the "
                             "cluster at --ray-address or $RAY_ADDRESS, else Ray started on this machine "
                             "(docs/scale.md).")),
    ray_address: str | None = typer.Option(None, "--ray-address", metavar="ADDRESS", help=_("The Ray cluster "
                                           "to join (implies --ray), e.g. ray://head:10001 or auto.")),
    ray_actors: int = typer.Option(0, "--ray-actors", min=0, help=_("With --ray: model-holding actors "
                                   "(0: one per CPU of the cluster).")),
) -> None:
    from termguard.locales.editions import edition_style
    from termguard.translate.archive import translate_archive
    from termguard.translate.engine import load_engine
    from termguard.translate.models import NetworkError, find_installed
    from termguard.translate.pipeline import Options
    from termguard.translate.protect import TECHNIQUES
    from termguard.translate.xliff import VERSIONS

    if fmt not in ("auto", "text", "markdown"):
        raise fail(_("unknown --format {value!r} ({allowed})").format(value=fmt, allowed="auto, text, markdown"))
    ray = ray or ray_address is not None
    if ray:
        from termguard.cluster import RAY_MISSING, ray_available

        if not ray_available():
            raise fail(_(RAY_MISSING))
    if xliff_version is not None and xliff_version not in VERSIONS:
        raise fail(_("unknown --xliff-version {value!r} ({allowed})").format(value=xliff_version,
                                                                             allowed=", ".join(VERSIONS)))
    try:
        locale = edition_style(locale).name
    except TermguardError as exc:
        raise fail(exc) from None
    for t in technique:
        if t not in TECHNIQUES:
            raise fail(_("unknown --technique {value!r} ({allowed})").format(value=t, allowed=", ".join(TECHNIQUES)))
    # A progress display on a terminal; never in CI logs or a pipe (TERMGUARD_PROGRESS=1 forces it).
    show = not quiet and (bool(os.environ.get("TERMGUARD_PROGRESS"))
                          or (sys.stderr.isatty() and not os.environ.get("CI")))
    if jobs < 1:
        raise fail(_("--jobs must be at least 1, not {jobs}").format(jobs=jobs))
    if jobs > 1 and (po or update or xliff):  # said, not silently dropped
        typer.echo(_("termguard: --jobs {jobs} ignored: --po, --xliff and --update build one catalog of all "
                     "articles in one process").format(jobs=jobs), err=True)
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
                typer.echo(_("termguard: installed {package} {version} into {path}").format(
                    package=package.code, version=package.version, path=package.path.parent), err=True)
                engine = load_engine(None, from_code, to_code, options)
            except NetworkError:
                missing_reason = _("and the package index is unreachable")
            except EngineUnavailableError as exc:
                missing_reason = _("and none could be installed ({error})").format(error=exc)
    except TermguardError as exc:
        raise fail(exc) from None

    run = Options(source_lang=from_code, target_lang=to_code, fmt=fmt, po=po, update=update, techniques=technique,
                  edition_locale=locale, align=align, xliff=xliff, xliff_version=xliff_version,
                  full_report=full_report)
    display = _ArchiveProgress(_("Translating ({pair})").format(pair=f"{from_code}→{to_code}"), show)
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
                typer.echo(_("termguard: error: {error}").format(error=page_error), err=True)
            if r.input_error:  # never hidden by --quiet: each is something not written, or written wrong
                typer.echo(_("termguard: error: {error}").format(error=r.input_error), err=True)
            for e in r.errors:
                typer.echo(f"termguard: {r.source}: {e['code']} {e['stage']}: {e['message']}", err=True)
            if not quiet and not r.input_error and not r.resumed:
                written = [str(p) for p in (r.edition, r.report, r.po, page) if p is not None]
                kept = _(", {n} reviewed kept").format(n=r.kept_reviewed) if r.kept_reviewed else ""
                typer.echo(_("{path}: {segments} segments, {enforced} terms enforced, {loaded} loaded, {verify} to "
                             "verify, {failed} failed{kept} → {written}").format(
                    path=r.source, segments=r.segments, enforced=r.enforced, loaded=r.loaded,
                    verify=r.transliterated, failed=r.failures, kept=kept, written=", ".join(written)), err=True)
    except TermguardError as exc:
        raise fail(exc) from None
    except OSError as exc:  # a full disk, a read-only directory: what was written stays whole
        raise fail(_("{path}: cannot write: {reason}").format(path=exc.filename or output,
                                                              reason=exc.strerror)) from None
    finally:
        documents.close()  # an interrupt here still records the finished documents (the run manifest)
        display.close()

    if not quiet:
        if resumed:
            typer.echo(_("{n} document(s) already done by an earlier run (the run manifest in {output}): "
                         "skipped").format(n=resumed, output=output), err=True)
        if run.results.get("catalog_path"):
            stats = run.results.get("catalog")
            similar = _(", {n} edited sentence(s) shown their reviewed translation").format(n=stats.similar) \
                if stats and stats.similar else ""
            fuzzy = _(", {n} unreviewed edit(s) kept").format(n=stats.kept_fuzzy) if stats and stats.kept_fuzzy else ""
            extra = " " + _("({kept} reviewed entries kept{fuzzy}, {obsolete} obsolete{similar})").format(
                kept=stats.kept, fuzzy=fuzzy, obsolete=stats.obsolete, similar=similar) if stats else ""
            typer.echo(_("catalog: {path}{extra}").format(path=run.results["catalog_path"], extra=extra), err=True)
        if run.results.get("xliff_path"):
            stats = run.results.get("xliff")
            extra = " " + _("({kept} reviewed units kept, {obsolete} retired)").format(
                kept=stats.kept, obsolete=stats.obsolete) if stats else ""
            typer.echo(_("xliff: {path}{extra}").format(path=run.results["xliff_path"], extra=extra), err=True)
    if had_input_errors or page_errors:
        raise typer.Exit(EXIT_USAGE)  # the other articles were written; each unreadable one has its line
    if engine is None:
        reason = f" {missing_reason}" if missing_reason else ""
        typer.echo(_("termguard: no {pair} model installed{reason}: wrote review catalogs and reports only (run "
                     "'termguard model install' or pass --model PATH)").format(pair=f"{from_code}→{to_code}",
                                                                                reason=reason), err=True)
        raise typer.Exit(EXIT_OK if install_model else EXIT_NO_MODEL)
    if failed:
        typer.echo(_("termguard: {n} segment(s) failed verification; see \"failures\" in the reports").format(
            n=failed), err=True)
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
        return None, _("{path}: cannot write the review: {reason}").format(path=page, reason=exc.strerror)
    except OutputRefusedError as exc:  # a directory where the page goes: one line, the other pages still
        return None, _("{path}: cannot write the review: {reason}").format(path=page, reason=exc.message)
    return page, None


@app.command(help=_(
    "Assemble the final edition from a reviewed catalog (PO or XLIFF).\n\n"
    "Reviewed entries give their translation; unreviewed ones (fuzzy, or an XLIFF target still pending review) "
    "fall back to the machine output and untranslated ones to the source sentence; both are listed on stderr.\n\n"
    "Exit codes: 0 every sentence came from the catalog; 1 the edition was written but still holds source "
    "sentences (untranslated, or not in the catalog; listed); 2 usage or input error (a catalog that is not "
    "valid PO or XLIFF, holds a msgid twice, or belongs to another article), nothing written."))
def build(
    catalog: Path = typer.Argument(..., help=_("A reviewed PO catalog or XLIFF file (.xlf, 1.2 or 2.0) written "
                                   "by 'termguard translate'.")),
    output: Path = typer.Option(..., "--output", "-o", help=_("The edition to write (a directory, one edition "
                                "per article, when the catalog covers several).")),
    source: Path | None = typer.Option(None, "--source", help=_("The source article (default: the one the "
                                       "catalog references).")),
    fmt: str = typer.Option("auto", "--format", help=_("Source format: auto, text or markdown.")),
    tmx: Path | None = typer.Option(None, "--tmx", help=_("Also write the reviewed sentence pairs as a TMX 1.4 "
                                    "translation memory (for a CAT tool's memory).")),
) -> None:
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
        raise fail(_("cannot write the edition: {reason}").format(reason=exc.strerror)) from None
    for result, out in results:
        typer.echo(_("{path}: {reviewed} reviewed, {unreviewed} unreviewed (machine output), {untranslated} "
                     "untranslated (source kept), {missing} not in catalog").format(
            path=out, reviewed=result.reviewed, unreviewed=len(result.unreviewed),
            untranslated=len(result.untranslated), missing=len(result.missing)), err=True)
        for label, items in ((_("unreviewed"), result.unreviewed), (_("untranslated"), result.untranslated),
                             (_("not in catalog"), result.missing)):
            for sentence in items:
                typer.echo(f"  {label}: {sentence}", err=True)
    if tmx is not None:
        count = len(dict.fromkeys(pair for result, _ in results for pair in result.memory))
        typer.echo(_("{path}: {n} reviewed sentence pair(s) (TMX 1.4)").format(path=tmx, n=count), err=True)
    german = sum(result.source_sentences for result, _ in results)
    if german:
        typer.echo(_("termguard: the edition still holds {n} source sentence(s) (listed above)").format(n=german),
                   err=True)
        raise typer.Exit(1)


@model_app.command("status", help=_(
    "List installed argos packages (tokenizer, and whether termguard can translate with each) and the "
    "directories searched."))
def model_status() -> None:
    from termguard.translate.models import installed_packages, package_dirs

    dirs = package_dirs()
    typer.echo(_("package directories: {dirs}").format(dirs=", ".join(str(d) for d in dirs)))
    packages = installed_packages()
    if not packages:
        typer.echo(_("no argos packages installed (run 'termguard model install')"))
        return
    for p in packages:
        check = p.check()
        usable = _("usable") if check.usable else _("not usable: {problem}").format(problem=check.problem)
        tokenizer = _("tokenizer: {name}").format(name=check.tokenizer_name)
        typer.echo(f"{p.pair}  {p.code} {p.version}  {p.type}  {tokenizer}  {usable}  {p.path}")


@model_app.command("install", help=_(
    "Install a translation package: translate-de_en from the index by default, or a file."))
def model_install(
    path: Path | None = typer.Argument(None, help=_("An .argosmodel file to install offline (default: download "
                                       "from the argos package index).")),
    from_code: str = typer.Option("de", "--from", help=_("Source language of the package to download.")),
    to_code: str = typer.Option("en", "--to", help=_("Target language.")),
    timeout: float = typer.Option(5.0, "--timeout", help=_("Seconds to wait for the package index.")),
) -> None:
    from termguard.translate.models import install_file

    try:
        if path is not None:
            package = install_file(path)
        else:
            package = _install_with_bar(from_code, to_code, timeout, sys.stderr.isatty())
    except TermguardError as exc:
        raise fail(exc) from None
    typer.echo(_("installed {package} {version} ({pair}) into {path}").format(
        package=package.code, version=package.version, pair=package.pair, path=package.path))
