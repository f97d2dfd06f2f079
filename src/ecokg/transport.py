"""HTTP exchanges with a store or an endpoint (``ecokg push``, ``--kg http://...``).

Three rules keep a misbehaving server from producing a false success or a hang:

- **A total deadline.** urllib's timeout limits each socket operation: a server that trickles one
  byte a second never trips it. Every exchange here runs under a :class:`Deadline`; the time left
  is the socket timeout, and a watchdog shuts the connection down when it runs out, so the whole
  exchange (connection, request, headers, body) ends by then.
- **No redirects.** A redirect would send the request (graphs, credentials, the query) to a place
  nobody named; it is returned as an answer for the caller to report.
- **Whole answers only.** The body is read to its end; an answer cut off or not HTTP at all
  raises, and the caller decides which status codes mean success.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import Message
from typing import Any

from ecokg import __version__
from ecokg.errors import StoreError, one_line, unreachable

USER_AGENT = f"ecokg/{__version__}"
# Characters that are never part of a URL but that http.client would refuse with its own error.
_NOT_IN_URL = frozenset(" \t\r\n\x00")
_DETAIL_TYPES = ("text/plain", "application/json")


class Deadline:
    """A point in time by which a whole operation (a push, a query) must be done."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._end = time.monotonic() + seconds

    def left(self) -> float:
        """Seconds left (0 when past)."""
        return max(0.0, self._end - time.monotonic())


def check_url(url: str, what: str) -> None:
    """Raise a :class:`StoreError` unless ``url`` is an http(s) URL with a host (and valid port)."""
    try:
        parts = urllib.parse.urlsplit(url)
        port_ok = parts.port is None or parts.port > 0  # .port raises past 65535
    except ValueError as exc:
        raise StoreError(f"{url}: not a valid {what} URL ({exc})") from exc
    if parts.scheme.lower() not in ("http", "https"):
        raise StoreError(f"{url}: the {what} URL must start with http:// or https://")
    if not parts.hostname or not port_ok or _NOT_IN_URL.intersection(url):
        raise StoreError(f"{url}: not a valid {what} URL")


@dataclass
class Answer:
    """A complete HTTP answer, whatever its status."""

    status: int
    reason: str
    headers: Message
    body: bytes

    @property
    def content_type(self) -> str:
        """The media type without parameters (``text/html``)."""
        return self.headers.get_content_type()

    def describe(self) -> str:
        """The status for a message: ``HTTP 500 Internal Server Error (detail)``.

        The detail is the body when it is plain text or JSON (what stores put their error
        messages in); an HTML page says nothing a line could hold.
        """
        text = f"HTTP {self.status} {self.reason}".rstrip()
        if 300 <= self.status < 400:
            return f"{text}, redirecting to {self.headers.get('Location')} (not followed)"
        if self.content_type in _DETAIL_TYPES:
            detail = one_line(self.body.decode("utf-8", "replace"))[:200]
            if detail:
                text += f" ({detail})"
        return text


def exchange(
    request: urllib.request.Request,
    deadline: Deadline,
    *,
    where: str,
    what: str,
    handlers: Sequence[urllib.request.BaseHandler] = (),
) -> Answer:
    """Send ``request`` and read the whole answer by the deadline; any status is returned.

    ``handlers`` add to urllib's (authentication). Raises a :class:`StoreError` naming ``where``
    (the URL without its query) when the server cannot be reached, time runs out, or the answer is
    cut off or not HTTP.
    """
    left = deadline.left()
    if left <= 0:
        raise unreachable(where, what, TimeoutError(), deadline.seconds)
    request.add_header("User-Agent", USER_AGENT)
    watch = _Watch()
    opener = urllib.request.build_opener(
        _NoRedirect(), _WatchedHTTPHandler(watch), _WatchedHTTPSHandler(watch), *handlers
    )
    timer = threading.Timer(left, watch.fire)
    timer.daemon = True
    timer.start()
    try:
        try:
            response = opener.open(request, timeout=left)
        except urllib.error.HTTPError as exc:  # an error status is an answer too
            response = exc
        with response:
            body = response.read()
        return Answer(response.status or 0, response.reason or "", response.headers, body)
    except (OSError, http.client.HTTPException) as exc:
        # Once the watchdog has shut the connection, whatever broke is the deadline's doing.
        failure = TimeoutError() if watch.fired else exc
        raise unreachable(where, what, failure, deadline.seconds) from exc
    finally:
        timer.cancel()


class _Watch:
    """The sockets of one exchange, shut down when its deadline passes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self.fired = False

    def add(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.fired:
                _shut(sock)

    def fire(self) -> None:
        with self._lock:
            self.fired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    # The plain socket's shutdown, also for a TLS socket (whose own would drop its TLS state under
    # the thread reading it): a read blocked on it returns at once.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _WatchedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, watch: _Watch, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._watch = watch

    def connect(self) -> None:
        super().connect()
        self._watch.add(self.sock)


class _WatchedHTTPSConnection(_WatchedHTTPConnection, http.client.HTTPSConnection):
    pass


class _WatchedHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, watch: _Watch) -> None:
        super().__init__()
        self._watch = watch

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        def connection(*args: Any, **kwargs: Any) -> http.client.HTTPConnection:
            return _WatchedHTTPConnection(self._watch, *args, **kwargs)

        return self.do_open(connection, req)


class _WatchedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, watch: _Watch) -> None:
        super().__init__()
        self._watch = watch

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        def connection(*args: Any, **kwargs: Any) -> http.client.HTTPConnection:
            return _WatchedHTTPSConnection(self._watch, *args, **kwargs)

        return self.do_open(connection, req)  # the default context: certificates verified


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Leave a redirect unfollowed: urllib then hands it on as an ``HTTPError`` answer."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None
