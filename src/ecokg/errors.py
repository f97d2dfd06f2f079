"""The exceptions ecokg raises; each carries one readable message for the CLI to print."""

from __future__ import annotations


class EcokgError(Exception):
    """Base class: the message is meant for a person and is printed as is."""


class InputError(EcokgError):
    """A source file or metadata file cannot be used."""

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


class QueryError(EcokgError):
    """A query is invalid or failed in the store."""


class StoreError(EcokgError):
    """A knowledge-graph location cannot be opened or written."""
