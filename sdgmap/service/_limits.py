"""Limits and error answers of the HTTP service: bad input gets a clear 4xx, never a 500.

The body limit is checked before anything is parsed: first the declared Content-Length,
then the bytes as they stream in (a chunked body declares no length).
"""

import re

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from ..errors import Errors
from ._schemas import ErrorAnswer, Problem

_CODE = re.compile(r"^\[(E\d{3})\]")


class BodyTooLarge(HTTPException):
    """Raised while the body streams in, as soon as it passes the limit."""

    def __init__(self, size: str, limit: int) -> None:
        super().__init__(413, Errors.E040.format(size=size, limit=limit))


class BodyLimit:
    """ASGI middleware: answer 413 to a body over ``max_bytes`` without reading it whole."""

    def __init__(self, app, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        if b"content-type" not in headers and scope.get("method") == "POST":
            # A body sent with no Content-Type (curl -d without -H, some HTTP clients) is read as JSON,
            # the only body this service takes.
            scope = {**scope, "headers": [*scope["headers"], (b"content-type", b"application/json")]}
        declared = headers.get(b"content-length")
        if declared is not None:
            text = declared.decode("latin-1")
            if not text.isdigit():
                await error_answer(400, Errors.E044.format(value=text))(scope, receive, send)
                return
            if int(text) > self.max_bytes:
                await error_answer(413, Errors.E040.format(size=f"{int(text)} bytes", limit=self.max_bytes))(
                    scope, receive, send
                )
                return
        received = 0

        async def counted_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(f"more than {self.max_bytes} bytes sent", self.max_bytes)
            return message

        await self.app(scope, counted_receive, send)


def error_answer(status: int, detail: str, problems: list[Problem] = ()) -> JSONResponse:
    code = _CODE.match(detail)
    answer = ErrorAnswer(status=status, code=code.group(1) if code else None, detail=detail, errors=list(problems))
    return JSONResponse(answer.model_dump(mode="json"), status_code=status)


def _problems(error: RequestValidationError) -> list[Problem]:
    problems = []
    for item in error.errors():
        loc = [part for part in item.get("loc", ()) if part != "body"]
        message = item.get("msg", "invalid").removeprefix("Value error, ")
        if item.get("type") == "json_invalid":
            message, loc = f"{item.get('ctx', {}).get('error', message)} (at character {loc[0] if loc else 0})", []
        elif item.get("type") == "model_attributes_type" and isinstance(item.get("input"), bytes):
            message += " (send the body as JSON with `Content-Type: application/json`)"
        problems.append(Problem(loc=[p if isinstance(p, int) else str(p) for p in loc], msg=message))
    return problems


async def _on_invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
    problems = _problems(error)
    if any(item.get("type") == "json_invalid" for item in error.errors()):
        return error_answer(400, Errors.E041.format(reason=problems[0].msg), problems)
    if len(problems) == 1 and _CODE.match(problems[0].msg):  # one of our own rules, already worded
        return error_answer(422, problems[0].msg, problems)
    summary = "; ".join(f"{'.'.join(map(str, p.loc)) or 'body'}: {p.msg.rstrip('.')}" for p in problems[:5])
    if len(problems) > 5:
        summary += f"; and {len(problems) - 5} more"
    return error_answer(422, Errors.E042.format(problems=summary), problems)


async def _on_http_error(request: Request, error: HTTPException) -> JSONResponse:
    detail = error.detail if isinstance(error.detail, str) else str(error.detail)
    if error.status_code == 400 and not _CODE.match(detail):  # FastAPI could not decode the body
        detail = Errors.E041.format(reason="it cannot be decoded (send UTF-8 JSON)")
    response = error_answer(error.status_code, detail)
    if error.headers:
        response.headers.update(error.headers)
    return response


def install_error_answers(app: FastAPI) -> None:
    """Render validation and HTTP errors as :class:`ErrorAnswer` JSON."""
    app.add_exception_handler(RequestValidationError, _on_invalid_request)
    app.add_exception_handler(HTTPException, _on_http_error)
