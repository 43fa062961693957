"""``GET /spec``: the API described as a Swagger 2.0 document, as LibreTranslate serves its own."""

from __future__ import annotations

from typing import Any

from termguard import __version__
from termguard.serve.config import ServeConfig

__all__ = ["openapi_spec"]


def _form(name: str, description: str, required: bool = False, kind: str = "string") -> dict[str, Any]:
    return {"in": "formData", "name": name, "type": kind, "required": required, "description": description}


_ERROR = {"description": "Error", "schema": {"$ref": "#/definitions/error-response"}}
_API_KEY = _form("api_key", "API key (where the server has keys)")


def openapi_spec(config: ServeConfig) -> dict[str, Any]:
    """The Swagger document of this server's endpoints (paths, parameters, answers)."""
    errors = {"400": _ERROR, "403": _ERROR, "429": _ERROR, "503": _ERROR}
    return {
        "swagger": "2.0",
        "info": {"title": "termguard (LibreTranslate-compatible)", "version": __version__,
                 "description": "Termbase-enforced, verified German-to-English translation, termbase look-up "
                                "and lint. Limits: "
                                f"{config.char_limit} characters and {config.batch_limit} texts per request."},
        "consumes": ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"],
        "produces": ["application/json"],
        "definitions": {
            "error-response": {"type": "object", "properties": {"error": {"type": "string"}}},
            "translate": {"type": "object", "properties": {
                "translatedText": {"description": "Translated text(s): a list for a list q"},
                "detectedLanguage": {"description": "For source=auto: {confidence, language} (a list for a list q)"},
                "alternatives": {"type": "array", "description": "Always empty: only verified translations"}}},
            "language": {"type": "object", "properties": {
                "code": {"type": "string"}, "name": {"type": "string"},
                "targets": {"type": "array", "items": {"type": "string"}}}},
        },
        "paths": {
            "/translate": {"post": {
                "tags": ["translate"], "summary": "Translate text (termbase enforced, verified)",
                "parameters": [_form("q", "Text, or (JSON) a list of texts", True),
                               _form("source", "Source language code or 'auto'", True),
                               _form("target", "Target language code", True),
                               _form("format", "text (default) or html"),
                               _form("alternatives", "Number of alternatives (answered with none)", kind="integer"),
                               _API_KEY],
                "responses": {"200": {"description": "Translated text", "schema": {"$ref": "#/definitions/translate"},
                                      "headers": {"X-Termguard-Failures": {"type": "integer"},
                                                  "X-Termguard-Loaded-Terms": {"type": "integer"},
                                                  "X-Termguard-Enforced": {
                                                      "type": "boolean", "description": "false: another installed "
                                                      "pair (other_pairs), no termbase or verification"}}},
                              **errors}}},
            "/detect": {"post": {"tags": ["translate"], "summary": "Detect the language of a text",
                                 "parameters": [_form("q", "Text", True), _API_KEY],
                                 "responses": {"200": {"description": "[{confidence 0-100, language}]"}, **errors}}},
            "/languages": {"get": {"tags": ["translate"], "summary": "Supported languages",
                                   "responses": {"200": {"description": "Languages", "schema": {
                                       "type": "array", "items": {"$ref": "#/definitions/language"}}}}}},
            "/frontend/settings": {"get": {"tags": ["frontend"], "summary": "Frontend settings",
                                           "responses": {"200": {"description": "Settings"}}}},
            "/health": {"get": {"summary": "Liveness", "responses": {"200": {"description": '{"status": "ok"}'}}}},
            "/ready": {"get": {"summary": "Readiness: model loaded, or why not",
                               "responses": {"200": {"description": "Ready"}, "503": {"description": "Not ready"}}}},
            "/metrics": {"get": {"summary": "Prometheus metrics", "produces": ["text/plain"],
                                 "responses": {"200": {"description": "Metrics"}}}},
            "/v1/lookup": {"get": {"tags": ["termguard"], "summary": "Look a name up (termguard lookup --json)",
                                   "parameters": [{"in": "query", "name": "q", "type": "string", "required": True},
                                                  {"in": "query", "name": "limit", "type": "integer"}],
                                   "responses": {"200": {"description": "Look-up answer"}, "400": _ERROR}}},
            "/v1/lint": {"post": {"tags": ["termguard"], "summary": "Lint a text (termguard lint --format json)",
                                  "parameters": [_form("text", "Text", True), _form("lang", "auto, de, en or ru"),
                                                 _form("format", "text, markdown or po")],
                                  "responses": {"200": {"description": "Findings and summary"}, "400": _ERROR}}},
            "/v1/check": {"post": {"tags": ["termguard"], "summary": "Check an English edition against its German "
                                   "source (termguard check SOURCE TARGET --format json)",
                                   "parameters": [_form("source", "German source text", True),
                                                  _form("target", "English edition", True),
                                                  _form("format", "text or markdown")],
                                   "responses": {"200": {"description": "Findings and summary"}, "400": _ERROR}}},
            "/v1/translate": {"post": {"tags": ["termguard"], "summary": "Translate with termguard's report",
                                       "parameters": [_form("q", "Text or list of texts", True),
                                                      _form("format", "text or html"), _API_KEY],
                                       "responses": {"200": {"description": "Editions and per-segment reports"},
                                                     **errors}}},
        },
    }
