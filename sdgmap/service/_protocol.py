"""uvicorn's HTTP/1.1 protocol, answering a request it cannot parse with our JSON error.

uvicorn rejects a malformed request (a ``Content-Length`` that is not a number...) before the
app sees it, with a plain-text 400. This protocol sends the documented :class:`ErrorAnswer`
instead: E044 for a bad ``Content-Length``, no code for other malformed requests.
"""

from __future__ import annotations

import json
import re

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from ..errors import Errors

_CONTENT_LENGTH = re.compile(rb"^content-length[ \t]*:[ \t]*(.*?)[ \t]*\r?$", re.IGNORECASE | re.MULTILINE)
_KEEP = 16 * 1024  # the request head is read from the first bytes


class JSONErrorsH11Protocol(H11Protocol):
    """Pass as ``http=`` to uvicorn (``sdgmap serve`` does)."""

    def data_received(self, data: bytes) -> None:
        head = getattr(self, "_sdgmap_head", b"")
        if len(head) < _KEEP:
            self._sdgmap_head = (head + data)[:_KEEP]
        super().data_received(data)

    def send_400_response(self, msg: str) -> None:
        declared = _CONTENT_LENGTH.search(getattr(self, "_sdgmap_head", b"").split(b"\r\n\r\n")[0])
        if declared and not declared.group(1).isdigit():
            value = declared.group(1).decode("latin-1")
            answer = {"status": 400, "code": "E044", "detail": Errors.E044.format(value=value), "errors": []}
        else:
            answer = {"status": 400, "code": None, "detail": msg, "errors": []}
        body = json.dumps(answer).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                   (b"connection", b"close")]
        self.transport.write(self.conn.send(h11.Response(status_code=400, headers=headers, reason=b"Bad Request")))
        self.transport.write(self.conn.send(h11.Data(data=body)))
        self.transport.write(self.conn.send(h11.EndOfMessage()))
        self.transport.close()
