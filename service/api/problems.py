"""The HTTP edge: request ids, reading bodies within limits, and every error as RFC 9457 problem+json."""

from __future__ import annotations

import json
import logging
import re
import uuid
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.errors import InputError, LLMError
from service.schemas import Problem
from service.telemetry import request_id_var

log = logging.getLogger(__name__)
T = TypeVar("T", bound=BaseModel)
PROBLEM_JSON = "application/problem+json"
_VALID_ID = re.compile(r"^[\w.:-]{1,128}$")


def problem_response(status: int, title: str, detail: str, *, errors: list[dict[str, Any]] | None = None,
                     headers: dict[str, str] | None = None, instance: str | None = None) -> JSONResponse:
    rid = request_id_var.get()
    body = Problem(type=f"https://crosscheck.dev/problems/{status}", title=title, status=status,
                   detail=detail, instance=instance, request_id=rid, errors=errors)
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status, media_type=PROBLEM_JSON,
                        headers={"X-Request-ID": rid, **(headers or {})})


class RequestIdMiddleware:
    """Gives every request an id (the client's ``X-Request-ID`` if sane), echoes it on every response, and
    turns any unhandled exception into a problem+json 500 instead of a traceback."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        sent = dict(scope.get("headers") or [])
        incoming = sent.get(b"x-request-id", b"").decode("latin-1")
        rid = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(rid)
        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"x-request-id"]
                headers.append((b"x-request-id", rid.encode()))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            log.exception("unhandled error (request %s)", rid)
            if not started:
                response = problem_response(500, "Internal error",
                                            "the service failed unexpectedly; quote the request id")
                await response(scope, receive, send)
        finally:
            request_id_var.reset(token)


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it exceeds ``limit`` bytes (never held whole)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise InputError(413, "Body too large", f"the body has {int(declared):,} bytes; the limit is {limit:,}")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise InputError(413, "Body too large", f"the body exceeds the limit of {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def parse_body(raw: bytes, content_type: str, model: type[T], text_field: str | None) -> T:
    """Decode a JSON (or, when ``text_field`` is set, ``text/plain``) body into ``model``."""
    media = content_type.split(";")[0].strip().lower()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(415, "Body is not UTF-8", f"could not decode the body as UTF-8 at byte {exc.start}") from None
    if media == "text/plain" and text_field:
        data: Any = {text_field: text}
    elif media == "application/json" or media.endswith("+json"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(400, "Malformed JSON", f"{exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    else:
        accepted = "application/json or text/plain" if text_field else "application/json"
        raise InputError(415, "Unsupported media type", f"send {accepted}, not {media or 'no content type'}")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors(include_url=False, include_context=False)) from exc


def install(app: FastAPI) -> None:
    """Register the problem+json handlers and the request id middleware."""

    @app.exception_handler(InputError)
    async def _input(request: Request, exc: InputError) -> JSONResponse:
        return problem_response(exc.status, exc.title, exc.detail, instance=request.url.path)

    @app.exception_handler(LLMError)
    async def _llm(request: Request, exc: LLMError) -> JSONResponse:
        log.warning("llm error %s (%s): %s", exc.status, exc.model, exc.detail)
        headers = {"Retry-After": str(max(1, round(exc.retry_after)))} if exc.retry_after else None
        return problem_response(exc.status, exc.title, f"model {exc.model}: {exc.detail}", headers=headers,
                                instance=request.url.path)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
                  for e in exc.errors()]
        first = errors[0] if errors else {"loc": [], "msg": "invalid request"}
        loc: list[object] = first["loc"]  # type: ignore[assignment]
        where = ".".join(str(p) for p in loc if p != "body") or "body"
        return problem_response(422, "Invalid request", f"{where}: {first['msg']}", errors=errors,
                                instance=request.url.path)

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> JSONResponse:
        return problem_response(exc.status_code, _TITLES.get(exc.status_code, "HTTP error"), str(exc.detail),
                                headers=dict(exc.headers or {}), instance=request.url.path)

    app.add_middleware(RequestIdMiddleware)


_TITLES = {404: "Not found", 405: "Method not allowed", 401: "Unauthorized", 413: "Body too large"}
