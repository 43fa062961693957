"""The ASGI application: LibreTranslate's API, termguard's ``/v1/`` API and the glossary page.

A thin layer: every answer comes from the library functions the command line uses
(:func:`termguard.glossary.lookup.lookup`, :func:`termguard.lint.lint_text` and
:func:`termguard.qa.check_texts` with the JSON renderer, :func:`termguard.translate.pipeline.translate_texts`
through :mod:`termguard.serve.translation`).
"""

from __future__ import annotations

import asyncio
import io
import logging
import threading
import time
from collections.abc import Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import anyio
import anyio.to_thread
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from termguard.serve.access import AccessControl
from termguard.serve.batching import Batcher
from termguard.serve.config import ServeConfig
from termguard.serve.languages import Language, detect, language_name, normalize_code
from termguard.serve.metrics import CONTENT_TYPE_LATEST, Metrics
from termguard.serve.params import ApiError, int_param, is_json, missing, read_params, text_param, texts_param
from termguard.serve.spec import openapi_spec
from termguard.serve.translation import FORMATS, TextResult, Translator, plain_translation

__all__ = ["create_app", "ServerState"]

log = logging.getLogger("termguard.serve")
T = TypeVar("T")
STATIC = Path(__file__).resolve().parent / "static"
_LINT_LANGS = ("auto", "de", "en", "ru")
_LINT_FORMATS = ("text", "markdown", "po")
_CHECK_FORMATS = ("text", "markdown")


@dataclass
class ServerState:
    """What one process holds: settings, termbase, engine (once loaded), batcher, metrics."""

    config: ServeConfig
    termbase: Any
    metrics: Metrics = field(default_factory=Metrics)
    translator: Translator | None = None
    not_ready: str | None = "the model is loading"
    batcher: Batcher | None = None
    access: AccessControl | None = None
    started: float = field(default_factory=time.time)
    qa_engine: Any = None
    #: Engines of the other installed pairs (``other_pairs``): plain machine translation, no termbase.
    others: dict[tuple[str, str], Any] = field(default_factory=dict)
    _qa_engine_lock: threading.Lock = field(default_factory=threading.Lock)
    _checkers: anyio.CapacityLimiter | None = None

    def check_engine(self) -> Any:
        """The QA engine over this server's termbase, built on the first check (not per request)."""
        with self._qa_engine_lock:  # checks run on worker threads: build it once
            if self.qa_engine is None:
                from termguard.qa import engine_for

                self.qa_engine = engine_for(self.termbase)
            return self.qa_engine

    async def off_loop(self, work: Callable[..., T], *args: Any) -> T:
        """``work(*args)`` on a worker thread, at most ``config.check_threads`` at a time: lint and
        check of a long text must not hold up the event loop (and with it /health and every other
        request); the bound keeps a flood of them from taking every core from translation."""
        if self._checkers is None:
            self._checkers = anyio.CapacityLimiter(self.config.check_threads)
        return await anyio.to_thread.run_sync(work, *args, limiter=self._checkers)

    @property
    def source_lang(self) -> str:
        return self.translator.engine.from_code if self.translator else self.config.source_lang

    @property
    def target_lang(self) -> str:
        return self.translator.engine.to_code if self.translator else self.config.target_lang

    def languages(self) -> list[Language]:
        """``GET /languages``: the model's pair first, then the other pairs served (``other_pairs``)."""
        pairs = [(self.source_lang, self.target_lang), *self.others]
        targets: dict[str, list[str]] = {}
        for source, target in pairs:
            targets.setdefault(source, [])
            if target not in targets[source]:
                targets[source].append(target)
            targets.setdefault(target, [])
        return [Language(code, tuple(codes)) for code, codes in targets.items()]

    def serves(self, source: str, target: str) -> bool:
        return (source, target) == (self.source_lang, self.target_lang) or (source, target) in self.others


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


# --- LibreTranslate's API ------------------------------------------------------------------------

async def _checked_params(request: Request) -> dict[str, Any]:
    state: ServerState = request.app.state.termguard
    params = await read_params(request, state.config.max_body)
    key = params.get("api_key")
    assert state.access is not None
    state.access.check(key if isinstance(key, str) else None, _client(request))
    return params


def _language(state: ServerState, code: str | None, name: str, allow_auto: bool = False) -> str:
    if code is None:
        raise missing(name)
    code = normalize_code(code)
    if allow_auto and code == "auto":
        return code
    if code not in {lang.code for lang in state.languages()}:
        raise ApiError(400, f"{code} is not supported")
    return code


def _pair_error(source: str, target: str) -> ApiError:
    return ApiError(400, f"{language_name(target)} ({target}) is not available as a target language from "
                         f"{language_name(source)} ({source})")


def _check_limits(config: ServeConfig, texts: list[str], is_list: bool) -> None:
    if is_list and config.batch_limit != -1 and len(texts) > config.batch_limit:
        raise ApiError(400, f"Invalid request: request ({len(texts)}) exceeds text limit ({config.batch_limit})")
    chars = sum(len(t) for t in texts)
    if config.char_limit != -1 and chars > config.char_limit:
        raise ApiError(400, f"Invalid request: request ({chars}) exceeds text limit ({config.char_limit})")


async def _translate(state: ServerState, fmt: str, texts: list[str]) -> list[TextResult]:
    if state.translator is None or state.batcher is None:
        raise ApiError(503, f"Translation is not available: {state.not_ready}")
    results: list[TextResult] = await state.batcher.submit(fmt, texts)
    m = state.metrics
    m.texts.inc(len(results))
    m.qa_failures.inc(sum(r.failures for r in results))
    m.loaded_terms.inc(sum(r.loaded for r in results))
    return results


async def _translate_other(state: ServerState, source: str, target: str, fmt: str, texts: list[str]) -> list[str]:
    """A pair other than the model's (``other_pairs``): the installed engine's translation as it is."""
    if fmt != "text":
        raise ApiError(400, f"{fmt} format is not supported from {language_name(source)} ({source}) to "
                            f"{language_name(target)} ({target}): termguard keeps markup only on its own pair")
    assert state.batcher is not None
    editions: list[str] = await state.batcher.submit(("plain", source, target), texts)
    state.metrics.texts.inc(len(editions))
    return editions


def _report_headers(results: list[TextResult]) -> dict[str, str]:
    # LibreTranslate clients read only the body; these say what termguard found, never silently.
    return {"X-Termguard-Failures": str(sum(r.failures for r in results)),
            "X-Termguard-Loaded-Terms": str(sum(r.loaded for r in results))}


async def translate(request: Request) -> Response:
    """``POST /translate``."""
    state: ServerState = request.app.state.termguard
    params = await _checked_params(request)
    texts, is_list = texts_param(params, is_json(request))
    source = _language(state, text_param(params, "source"), "source", allow_auto=True)
    target = _language(state, text_param(params, "target"), "target")
    fmt = text_param(params, "format") or "text"
    if fmt not in FORMATS:
        raise ApiError(400, f"{fmt} format is not supported")
    alternatives = int_param(params, "alternatives")
    if alternatives < 0:
        raise ApiError(400, "Invalid request: alternatives parameter must be >= 0")
    if alternatives > state.config.alternatives_limit:
        raise ApiError(400, f"Invalid request: alternatives parameter must be <= {state.config.alternatives_limit}")
    _check_limits(state.config, texts, is_list)
    detected: list[dict[str, object]] = []
    if source == "auto":
        codes = tuple(lang.code for lang in state.languages())
        # As LibreTranslate: a short text (40 characters or fewer) takes the detection of all texts.
        overall = detect("\n".join(texts), codes, state.source_lang)[0]
        detected = [detect(t, codes, state.source_lang)[0] if len(t) > 40 else overall for t in texts]
        for d in detected:
            if not state.serves(str(d["language"]), target):
                raise _pair_error(str(d["language"]), target)
        sources = {str(d["language"]) for d in detected}
        if len(sources) > 1:
            raise ApiError(400, "Invalid request: the texts are in different languages "
                                f"({', '.join(sorted(sources))}); send each language on its own")
        source = sources.pop()
    elif not state.serves(source, target):
        raise _pair_error(source, target)
    if (source, target) != (state.source_lang, state.target_lang):
        editions = await _translate_other(state, source, target, fmt, texts)
        return JSONResponse(_libretranslate_body(editions, is_list, detected, alternatives),
                            headers={"X-Termguard-Enforced": "false"})
    results = await _translate(state, fmt, texts)
    body = _libretranslate_body([r.edition for r in results], is_list, detected, alternatives)
    return JSONResponse(body, headers={**_report_headers(results), "X-Termguard-Enforced": "true"})


def _libretranslate_body(editions: list[str], is_list: bool, detected: list[dict[str, object]],
                         alternatives: int) -> dict[str, Any]:
    body: dict[str, Any] = {}
    if is_list:
        body["translatedText"] = editions
        if detected:
            body["detectedLanguage"] = detected
        if alternatives:
            # termguard answers only with the translation it verified; it offers no unchecked alternatives.
            body["alternatives"] = [[] for _ in editions]
    else:
        body["translatedText"] = editions[0]
        if detected:
            body["detectedLanguage"] = detected[0]
        if alternatives:
            body["alternatives"] = []
    return body


async def detect_language(request: Request) -> Response:
    """``POST /detect``."""
    state: ServerState = request.app.state.termguard
    params = await _checked_params(request)
    q = params.get("q")
    if isinstance(q, list):
        q = "\n".join(item for item in q if isinstance(item, str))
    if not q:
        raise missing("q")
    if not isinstance(q, str):
        raise ApiError(400, "Invalid request: q must be a string")
    _check_limits(state.config, [q], False)
    return JSONResponse(detect(q, tuple(lang.code for lang in state.languages()), state.source_lang))


async def languages(request: Request) -> Response:
    """``GET /languages``: the model's pair (libretranslatepy sends its GET with a form body: ignored)."""
    state: ServerState = request.app.state.termguard
    return JSONResponse([lang.as_dict() for lang in state.languages()])


async def frontend_settings(request: Request) -> Response:
    state: ServerState = request.app.state.termguard
    config = state.config
    return JSONResponse({
        "charLimit": config.char_limit,
        "frontendTimeout": config.frontend_timeout,
        "apiKeys": bool(config.api_keys),
        "keyRequired": config.require_api_key,
        "suggestions": False,
        "filesTranslation": False,
        "supportedFilesFormat": [],
        "language": {"source": {"code": state.source_lang, "name": language_name(state.source_lang)},
                     "target": {"code": state.target_lang, "name": language_name(state.target_lang)}},
    })


async def suggest(request: Request) -> Response:
    return _error(403, "Suggestions are disabled on this server.")


async def translate_file(request: Request) -> Response:
    return _error(403, "Files translation are disabled on this server.")


async def health(request: Request) -> Response:
    """Liveness (LibreTranslate's ``{"status": "ok"}``): the process answers."""
    return JSONResponse({"status": "ok"})


async def ready(request: Request) -> Response:
    """Readiness: 200 once the model is loaded, else 503 with the reason."""
    state: ServerState = request.app.state.termguard
    body: dict[str, Any] = {"ready": state.not_ready is None, "model": state.translator.model_name
                            if state.translator else None, "reason": state.not_ready,
                            "other_pairs": [f"{s}-{t}" for s, t in state.others],
                            "pending": state.batcher.pending if state.batcher else 0}
    return JSONResponse(body, status_code=200 if state.not_ready is None else 503)


async def spec(request: Request) -> Response:
    return JSONResponse(openapi_spec(request.app.state.termguard.config))


async def metrics(request: Request) -> Response:
    state: ServerState = request.app.state.termguard
    return Response(state.metrics.exposition(), media_type=CONTENT_TYPE_LATEST)


# --- termguard's own API -------------------------------------------------------------------------

async def _json_object(request: Request) -> dict[str, Any]:
    state: ServerState = request.app.state.termguard
    if request.method == "GET":
        return dict(request.query_params)
    return await read_params(request, state.config.max_body)


async def v1_lookup(request: Request) -> Response:
    """``GET /v1/lookup?q=Paschinjans``: what ``termguard lookup --json`` prints."""
    from termguard.glossary.lookup import lookup

    state: ServerState = request.app.state.termguard
    params = await _json_object(request)
    concept_id = text_param(params, "id")
    if concept_id is not None:  # a see-also link names a concept by its id
        return JSONResponse(_concept_answer(state.termbase, concept_id))
    query = text_param(params, "q")
    if query is None:
        raise missing("q")
    if len(query) > 200:
        raise ApiError(400, "Invalid request: q is longer than 200 characters")
    limit = int_param(params, "limit", 5)
    if not 1 <= limit <= 50:
        raise ApiError(400, "Invalid request: limit must be between 1 and 50")
    return JSONResponse(lookup(query, state.termbase, limit=limit).as_dict())


def _concept_answer(termbase: Any, concept_id: str) -> dict[str, Any]:
    """``lookup``'s answer for one concept named by its id (what a see-also link points at)."""
    from termguard.glossary.lookup import LookupAnswer, LookupHit

    try:
        concept = termbase[concept_id]
    except KeyError:
        raise ApiError(404, f"no concept with the id {concept_id!r}") from None
    term = concept.preferred("en") or concept.terms[0]
    return LookupAnswer(concept_id, [LookupHit(concept, term, "id", 100.0)]).as_dict()


async def v1_lint(request: Request) -> Response:
    """``POST /v1/lint`` ``{"text", "lang", "format"}``: what ``termguard lint --format json`` prints."""
    state: ServerState = request.app.state.termguard
    params = await _json_object(request)
    text = text_param(params, "text") or text_param(params, "q")
    if text is None:
        raise missing("text")
    lang = text_param(params, "lang") or "auto"
    fmt = text_param(params, "format") or "text"
    if lang not in _LINT_LANGS:
        raise ApiError(400, f"{lang} is not supported (lint reads {', '.join(_LINT_LANGS)})")
    if fmt not in _LINT_FORMATS:
        raise ApiError(400, f"{fmt} format is not supported")
    _check_limits(state.config, [text], False)
    return Response(await state.off_loop(_lint_json, state.termbase, text, lang, fmt), media_type="application/json")


def _lint_json(termbase: Any, text: str, lang: str, fmt: str) -> str:
    """``termguard lint --format json`` on one text (blocking: runs on a worker thread)."""
    from termguard.lint import LintStats, RenderContext, lint_text, render
    from termguard.lint.settings import LintSettings

    settings = LintSettings()
    findings = lint_text(text, "<text>", lang, fmt, termbase=termbase, settings=settings)
    stats = LintStats(files=1)
    for finding in findings:
        stats.add(finding, settings.rules[finding.code].is_input)
    out = io.StringIO()
    render("json", findings, out, RenderContext(stats=stats, rules=settings.rules))
    return out.getvalue()


async def v1_check(request: Request) -> Response:
    """``POST /v1/check`` ``{"source", "target", "format"}``: what ``termguard check SOURCE TARGET
    --format json`` prints for those texts (the edition's findings carry the path ``<edition>``)."""
    state: ServerState = request.app.state.termguard
    params = await _json_object(request)
    source = text_param(params, "source")
    if source is None:
        raise missing("source")
    target = text_param(params, "target")
    if target is None:
        raise missing("target")
    fmt = text_param(params, "format") or "text"
    if fmt not in _CHECK_FORMATS:
        raise ApiError(400, f"{fmt} format is not supported (check reads {', '.join(_CHECK_FORMATS)})")
    _check_limits(state.config, [source, target], False)
    return Response(await state.off_loop(_check_json, state, source, target, fmt), media_type="application/json")


def _check_json(state: ServerState, source: str, target: str, fmt: str) -> str:
    """``termguard check --format json`` on one pair (blocking: runs on a worker thread)."""
    from termguard.errors import InputError
    from termguard.lint import LintStats, RenderContext, render
    from termguard.qa import check_texts, validate_pair

    try:
        validate_pair(source, target)
    except InputError as exc:
        raise ApiError(400, f"Invalid request: {exc}") from None
    engine = state.check_engine()
    findings = check_texts(source, target, fmt, path="<edition>", engine=engine)
    stats = LintStats(files=1)
    for finding in findings:
        stats.add(finding, engine.rules[finding.code].is_input)
    out = io.StringIO()
    render("json", findings, out, RenderContext(stats=stats, rules=engine.rules, by_rule=True))
    return out.getvalue()


async def v1_translate(request: Request) -> Response:
    """``POST /v1/translate`` ``{"q": text or [texts], "format"}``: each edition with its report."""
    state: ServerState = request.app.state.termguard
    params = await _checked_params(request)
    texts, is_list = texts_param(params, True)
    fmt = text_param(params, "format") or "text"
    if fmt not in FORMATS:
        raise ApiError(400, f"{fmt} format is not supported")
    _check_limits(state.config, texts, is_list)
    results = await _translate(state, fmt, texts)
    return JSONResponse({"from": state.source_lang, "to": state.target_lang,
                         "model": state.translator.model_name if state.translator else None,
                         "results": [{"edition": r.edition, "report": r.report} for r in results]},
                        headers=_report_headers(results))


#: The page loads only its own files and talks only to this server.
_PAGE_HEADERS = {"Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; base-uri 'none'",
                 "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


async def index(request: Request) -> Response:
    from starlette.responses import HTMLResponse

    from termguard.serve.page import page_language, render_page

    # The page speaks the browser's language (Accept-Language), with the command line's catalogs.
    lang = page_language(request.headers.get("accept-language"))
    return HTMLResponse(render_page(lang), headers={**_PAGE_HEADERS, "Content-Language": lang,
                                                    "Vary": "Accept-Language"})


async def static_file(request: Request) -> Response:
    name = request.path_params["name"]
    # Only the files shipped in static/ by their exact names: nothing a client names is opened.
    if name not in _STATIC_FILES:
        raise ApiError(404, "Not Found")
    return FileResponse(STATIC / name, media_type=_STATIC_FILES[name], headers=_PAGE_HEADERS)


_STATIC_FILES = {"app.js": "text/javascript; charset=utf-8", "style.css": "text/css; charset=utf-8"}


# --- errors, metrics, life cycle -----------------------------------------------------------------

def _api_errors(handler: Callable[[Request], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
    async def wrapped(request: Request) -> Response:
        try:
            return await handler(request)
        except ApiError as exc:
            return _error(exc.status, exc.message, exc.headers)

    wrapped.__name__ = handler.__name__
    wrapped.__doc__ = handler.__doc__
    return wrapped


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return _error(exc.status_code, str(exc.detail), dict(exc.headers or {}))


async def _server_error(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error answering %s %s", request.method, request.url.path)
    return _error(500, "Cannot translate text: internal error")


class _Instrumented:
    """Counts and times every request by route (unknown paths are one label: no cardinality blow-up)."""

    def __init__(self, app: ASGIApp, metrics: Metrics, routes: set[str]) -> None:
        self.app = app
        self.metrics = metrics
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        endpoint = path if path in self.routes else "other"
        status = 500
        started = time.perf_counter()

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        self.metrics.in_flight.inc()
        try:
            await self.app(scope, receive, send_status)
        finally:
            self.metrics.in_flight.dec()
            self.metrics.requests.labels(endpoint, scope.get("method", ""), str(status)).inc()
            self.metrics.latency.labels(endpoint).observe(time.perf_counter() - started)


def _load_engine(state: ServerState) -> None:
    """Load the model and warm it up (in a thread: the server answers /health meanwhile)."""
    from termguard.errors import TermguardError
    from termguard.translate.engine import load_engine

    config = state.config
    if config.other_pairs:
        _load_other_pairs(state)
    try:
        engine = load_engine(config.model, config.source_lang, config.target_lang)
        translator = Translator(state.termbase, engine, config.edition_locale)
        translator.warm_up()
    except TermguardError as exc:
        state.not_ready = str(exc)
        log.warning("termguard serve: no translation (%s); look-up and lint work", exc)
        return
    except Exception as exc:  # noqa: BLE001 - a broken model file must not take the glossary down
        state.not_ready = f"the model could not be loaded: {exc}"
        log.warning("termguard serve: %s", state.not_ready)
        return
    state.translator = translator
    state.not_ready = None
    state.metrics.model_ready.set(1)
    log.info("termguard serve: model %s loaded", translator.model_name)


def _load_other_pairs(state: ServerState) -> None:
    """The engines of every other installed argos pair (the newest package of each), warmed up."""
    from termguard.translate import models
    from termguard.translate.engine import ArgosEngine

    own = (state.config.source_lang, state.config.target_lang)
    pairs = sorted({(p.from_code, p.to_code) for p in models.installed_packages() if p.type == "translate"})
    for pair in pairs:
        package = models.find_installed(*pair)
        if pair == own or package is None:
            continue
        try:
            engine = ArgosEngine(package.path)
            engine.translate_batch(["test"])
        except Exception as exc:  # noqa: BLE001 - one broken package must not cost the others
            log.warning("termguard serve: not serving %s→%s (%s)", *pair, exc)
            continue
        state.others[pair] = engine
        log.info("termguard serve: also serving %s→%s with %s (no termbase enforcement)", *pair, engine.name)


def _runs_in_flight(config: ServeConfig) -> int:
    """Engine runs at a time: one per CTranslate2 worker, so that every core decodes (with batching
    the next batch forms while these run; without, single requests run side by side, as in a
    threaded server: the fair baseline of bench/serve_bench.py)."""
    from termguard.translate.engine import EngineOptions

    return EngineOptions().threads()[0]


def create_app(config: ServeConfig | None = None, termbase: Any = None, load_model: bool = True) -> Starlette:
    """The application for ``config``. ``termbase`` defaults to the configured one; with
    ``load_model=False`` only look-up, lint and the page work (translation answers 503)."""
    config = config or ServeConfig()
    if termbase is None:
        from termguard.glossary import load_termbase

        paths = list(config.termbase)
        termbase = load_termbase(paths, include_default=not config.no_default_termbase)
    state = ServerState(config=config, termbase=termbase)
    state.access = AccessControl(config)
    if not load_model:
        state.not_ready = "started without a model (look-up and lint only)"

    @asynccontextmanager
    async def lifespan(app: Starlette):  # type: ignore[no-untyped-def]
        def run(key: Any, texts: list[str]) -> list[Any]:
            if isinstance(key, tuple):  # ("plain", source, target): another installed pair
                return plain_translation(state.others[(key[1], key[2])], texts)
            assert state.translator is not None
            return state.translator.translate(str(key), texts)

        state.batcher = Batcher(run, max_texts=config.batch_size, max_wait=config.batch_wait_ms / 1000.0,
                                enabled=config.batching, on_run=state.metrics.observe_batch,
                                runs_in_flight=_runs_in_flight(config))
        state.batcher.start()
        loading = asyncio.get_running_loop().run_in_executor(None, _load_engine, state) if load_model else None
        try:
            yield
        finally:
            if loading is not None:
                await loading
            await state.batcher.stop()  # answers every request already queued

    wrap = _api_errors
    routes = [
        Route("/", index, methods=["GET"]),
        Route("/static/{name}", wrap(static_file), methods=["GET"]),
        Route("/translate", wrap(translate), methods=["POST"]),
        Route("/detect", wrap(detect_language), methods=["POST"]),
        Route("/languages", wrap(languages), methods=["GET"]),
        Route("/frontend/settings", wrap(frontend_settings), methods=["GET"]),
        Route("/suggest", suggest, methods=["POST"]),
        Route("/translate_file", translate_file, methods=["POST"]),
        Route("/health", health, methods=["GET"]),
        Route("/ready", ready, methods=["GET"]),
        Route("/spec", spec, methods=["GET"]),
        Route("/metrics", metrics, methods=["GET"]),
        Route("/v1/lookup", wrap(v1_lookup), methods=["GET", "POST"]),
        Route("/v1/lint", wrap(v1_lint), methods=["POST"]),
        Route("/v1/check", wrap(v1_check), methods=["POST"]),
        Route("/v1/translate", wrap(v1_translate), methods=["POST"]),
    ]
    middleware = []
    if config.cors_origins:
        middleware.append(Middleware(CORSMiddleware, allow_origins=list(config.cors_origins),
                                     allow_methods=["GET", "POST"], allow_headers=["Content-Type", "Authorization"]))
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                    exception_handlers={HTTPException: _http_error, Exception: _server_error})
    app.state.termguard = state
    known = {r.path for r in routes if "{" not in r.path}
    app.add_middleware(_Instrumented, metrics=state.metrics, routes=known)
    from termguard.serve.page import UiLanguageMiddleware

    app.add_middleware(UiLanguageMiddleware)  # messages (findings, errors) in the client's Accept-Language
    return app

