"""The exceptions ecokg raises; each carries one readable message for the CLI to print."""

from __future__ import annotations

import http.client
import urllib.error


class EcokgError(Exception):
    """Base class: the message is meant for a person and is printed as is."""


class InputError(EcokgError):
    """A source file or metadata file cannot be used."""

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # Worker processes send these back; the default pickling would call __init__ with the
        # message alone, fail in the parent and break the whole process pool.
        return (type(self), (self.path, self.reason))


class InputWarning(InputError):
    """Something in an input was ignored without losing anything else (an unknown metadata key,
    an entry naming no document): reported, but it does not make a build fail."""


class QueryError(EcokgError):
    """A query is invalid or failed in the store."""


class QuerySyntaxError(QueryError):
    """The text is not a SPARQL 1.1 query."""


class RefusedQuery(QueryError):
    """A well-formed query ecokg will not run here (read-only, local, within its limits)."""


class QueryTooLarge(RefusedQuery):
    """A query longer than the endpoint accepts, or an answer larger than it returns."""


class QueryTooDeep(RefusedQuery):
    """A query nested deeper than the parsers can safely follow."""


class StoreError(EcokgError):
    """A knowledge-graph location cannot be opened, read or written."""


class PushError(StoreError):
    """A push stopped part-way; ``written`` are the graphs the store confirmed before that."""

    def __init__(self, cause: EcokgError, written: list[str], total: int) -> None:
        if written:
            done = (
                f"{len(written)} of {total} graphs were written before it stopped "
                f"(in sorted order, the last <{written[-1]}>)"
            )
        else:
            done = f"none of the {total} graphs was written"
        super().__init__(f"{cause} — {done}")
        self.written = written


class ServeError(EcokgError):
    """The local endpoint cannot start (address in use, unknown host)."""


# Transport failures of an HTTP exchange: the connection (OSError, of which urllib's URLError and
# TimeoutError are kinds) or the answer (http.client's exceptions: cut off, not HTTP at all).
TransportFailure = OSError | http.client.HTTPException


def unreachable(where: str, what: str, exc: TransportFailure, timeout: float) -> StoreError:
    """The error for an exchange with a store that failed or ran out of time (``what``: store,
    endpoint), naming what went wrong: refused, no answer within ``timeout``, an answer cut off
    or one that is not HTTP.

    urllib reports a timeout as a ``TimeoutError`` or as a ``URLError`` wrapping one.
    """
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, TimeoutError):
        return StoreError(f"{where}: no complete answer within the {timeout:g} s time limit")
    if isinstance(reason, http.client.IncompleteRead):
        expected = f" of {len(reason.partial) + reason.expected}" if reason.expected else ""
        return StoreError(
            f"{where}: the {what}'s answer was cut off after {len(reason.partial)}{expected} bytes"
        )
    if isinstance(reason, http.client.RemoteDisconnected):
        return StoreError(f"{where}: the {what} closed the connection without an answer")
    if isinstance(reason, http.client.HTTPException):
        return StoreError(f"{where}: the {what} did not answer in HTTP ({brief(reason)})")
    return StoreError(f"{where}: cannot reach the {what} ({reason}); is it running?")


def one_line(message: str) -> str:
    """A message on one line: engines' messages (SPARQL syntax errors) span several."""
    return " ".join(message.split())


def brief(exc: BaseException) -> str:
    """Another library's exception as a short part of a message: one line, 200 characters."""
    return one_line(str(exc))[:200] or type(exc).__name__


def internal_error(exc: BaseException) -> str:
    """The line for a failure ecokg did not expect: a bug to report, with its traceback."""
    name = type(exc).__name__
    return f"internal error: {name}: {brief(exc)} (run with --debug for the traceback)"
