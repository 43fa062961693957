"""The glossary page in the reader's language: ``static/index.html`` rendered with the UI catalogs.

The browser's ``Accept-Language`` picks the language (:func:`termguard.locales.negotiate`); the
page's own texts are translated on the server (a Jinja2 template with ``_()``), and the texts its
script writes (``_("…")`` in ``static/app.js``) travel with the page as a JSON object of
translations, so the script needs no second request and the Content-Security-Policy no inline code.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from termguard.locales import UI_LANGUAGES, negotiate, translations, ui_language_scope

__all__ = ["render_page", "script_messages", "page_language", "UiLanguageMiddleware"]

STATIC = Path(__file__).resolve().parent / "static"


def page_language(accept_language: str | None) -> str:
    """The UI language for a request's ``Accept-Language`` header (English without one)."""
    return negotiate(accept_language or "")


@cache
def _script_msgids() -> tuple[str, ...]:
    """The messages ``static/app.js`` looks up, found the way ``make catalogs`` finds them (babel)."""
    from babel.messages.extract import extract

    with open(STATIC / "app.js", "rb") as f:
        found = extract("javascript", f, {"_": None})
        return tuple(dict.fromkeys(str(msg) for _line, msg, _comments, _context in found))


def script_messages(lang: str) -> dict[str, str]:
    """Each message of the page's script with its translation into ``lang`` (empty for English)."""
    if lang == UI_LANGUAGES[0]:
        return {}
    catalog = translations(lang)
    return {msgid: catalog.gettext(msgid) for msgid in _script_msgids()}


@cache
def _template() -> Any:
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(STATIC)), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    return env.get_template("index.html")


@cache
def render_page(lang: str) -> str:
    """The page in ``lang`` (rendered once per language)."""
    catalog = translations(lang)
    return _template().render(lang=lang, messages=script_messages(lang), _=catalog.gettext)


class UiLanguageMiddleware:
    """Each HTTP request is answered in its ``Accept-Language``: finding messages of ``/v1/lint`` and
    ``/v1/check``, the page. Codes, names and JSON keys are the same in every language; a request
    without the header gets English, the messages' source language."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        header = next((v.decode("latin-1") for k, v in scope.get("headers", ()) if k == b"accept-language"), None)
        with ui_language_scope(page_language(header)):
            await self.app(scope, receive, send)
