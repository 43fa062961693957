"""Reading request parameters as LibreTranslate does: a JSON object, an urlencoded or multipart
form, or the query string, within a size limit, with its error messages."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl

from starlette.requests import Request

__all__ = ["ApiError", "read_body", "read_params", "text_param", "texts_param", "int_param", "missing"]


class ApiError(Exception):
    """An answer of ``{"error": message}`` with ``status``."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def missing(name: str) -> ApiError:
    return ApiError(400, f"Invalid request: missing {name} parameter")


async def read_body(request: Request, limit: int) -> bytes:
    """The body, refused with 413 as soon as it is known to exceed ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, f"Invalid request: request body ({int(declared)} bytes) exceeds the limit ({limit})")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"Invalid request: request body exceeds the limit ({limit} bytes)")
        chunks.append(chunk)
    return b"".join(chunks)


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def is_json(request: Request) -> bool:
    media = _media_type(request)
    return media == "application/json" or media.endswith("+json")


async def read_params(request: Request, limit: int) -> dict[str, Any]:
    """The request's parameters: the JSON object for a JSON body; otherwise the query string, then
    the form (first value of a name wins, as Flask's ``request.values``)."""
    body = await read_body(request, limit)
    if is_json(request):
        try:
            data = json.loads(body.decode("utf-8"))
        except UnicodeDecodeError:
            raise ApiError(400, "Invalid request: the body is not valid UTF-8") from None
        except ValueError:
            raise ApiError(400, "Invalid JSON format") from None
        if not isinstance(data, dict):
            raise ApiError(400, "Invalid JSON format")
        return data
    params: dict[str, Any] = {}
    for key, value in request.query_params.multi_items():
        params.setdefault(key, value)
    media = _media_type(request)
    if media == "application/x-www-form-urlencoded" or (not media and body):
        try:
            pairs = parse_qsl(body.decode("ascii"), keep_blank_values=True, encoding="utf-8", errors="strict")
        except UnicodeDecodeError:
            raise ApiError(400, "Invalid request: the form is not valid UTF-8") from None
        for key, value in pairs:
            params.setdefault(key, value)
    elif media == "multipart/form-data":
        for key, value in (await _multipart(request, body)).items():
            params.setdefault(key, value)
    return params


async def _multipart(request: Request, body: bytes) -> dict[str, str]:
    from starlette.requests import Request as Replayed

    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    try:
        form = await Replayed(request.scope, receive).form(max_files=0, max_fields=100)
    except Exception as exc:  # noqa: BLE001 - starlette raises HTTPException or MultiPartException
        raise ApiError(400, f"Invalid request: malformed multipart form ({getattr(exc, 'detail', exc)})") from None
    found: dict[str, str] = {}
    for key, value in form.multi_items():
        if isinstance(value, str):
            found.setdefault(key, value)
    return found


def text_param(params: dict[str, Any], name: str) -> str | None:
    """A string parameter (None or empty: absent); another JSON type is a 400."""
    value = params.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ApiError(400, f"Invalid request: {name} must be a string")
    return value


def texts_param(params: dict[str, Any], from_json: bool) -> tuple[list[str], bool]:
    """``q`` as a list of texts, and whether it was a list. Empty is missing; a form's line
    endings become ``\\n`` (LibreTranslate does so to count characters consistently)."""
    q = params.get("q")
    if q is None or q == "" or q == []:
        raise missing("q")
    if isinstance(q, str):
        return ([q] if from_json else ["\n".join(q.splitlines())]), False
    if isinstance(q, list) and all(isinstance(item, str) for item in q):
        return list(q), True
    raise ApiError(400, "Invalid request: q must be a string or a list of strings")


def int_param(params: dict[str, Any], name: str, default: int = 0) -> int:
    value = params.get(name)
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        raise ApiError(400, f"Invalid request: {name} parameter is not a number")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ApiError(400, f"Invalid request: {name} parameter is not a number") from None
