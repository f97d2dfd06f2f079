"""The canned research queries in ``queries/``: what each tells, and how parameters bind.

Every ``.rq`` file starts with a header of ``# key: value`` comment lines (``title``, ``learn``,
``columns``, ``parameters``), continued on indented comment lines. Parameters are variables the
query returns in every row (never from an OPTIONAL part); binding one keeps the rows where it
has that value, on the embedded store and on a remote endpoint alike.

A parameter value given as text (``--param k=v``) becomes an RDF term by one rule:

- ``<http://...>`` is an IRI, and so is ``prefix:name`` for a project prefix (``ekg:``, ``id:``,
  ``ind:``, ``theme:``... as in queries);
- an integer (``2022``) is an ``xsd:integer``, a decimal number (``27.5``) an ``xsd:decimal``;
- ``"..."`` (in double quotes) is the string inside, whatever it looks like;
- anything else is a plain string literal.

The term is bound as a term, never pasted into the query text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ecokg.errors import QueryError
from ecokg.kg.vocab import PREFIXES
from ecokg.resources import resource_dir

_HEADER_LINE = re.compile(r"#\s?(?P<key>[a-z]+):\s*(?P<value>.*)")
_CONTINUATION = re.compile(r"#\s+(?P<value>\S.*)")
_PARAMETER = re.compile(r"\?(?P<name>\w+)\s*(?:\((?P<about>(?:[^()]|\([^()]*\))*)\))?")
_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?\d*\.\d+")
_PREFIXED = re.compile(r"(?P<prefix>[A-Za-z][\w-]*):(?P<local>[\w.-]+(?:/[\w.-]+)*)")


@dataclass(frozen=True)
class CannedQuery:
    """One file of ``queries/`` with its header."""

    name: str
    path: Path
    title: str
    learn: str
    columns: list[str] = field(default_factory=list)
    parameters: dict[str, str] = field(default_factory=dict)  # variable -> what it takes

    @property
    def text(self) -> str:
        """The SPARQL text."""
        return self.path.read_text(encoding="utf-8")


def read_header(text: str) -> dict[str, str]:
    """The ``# key: value`` lines at the top of a query, continuation lines joined."""
    header: dict[str, str] = {}
    key = ""
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if match := _HEADER_LINE.match(line):
            key = match.group("key")
            header[key] = match.group("value").strip()
        elif key and (match := _CONTINUATION.match(line)):
            header[key] = f"{header[key]} {match.group('value').strip()}"
    return header


def parse_parameters(text: str) -> dict[str, str]:
    """``?agency (an agency IRI), ?year (...)`` -> {"agency": "an agency IRI", ...}."""
    if text.strip().lower() in ("", "none"):
        return {}
    return {m.group("name"): (m.group("about") or "").strip() for m in _PARAMETER.finditer(text)}


def canned_queries() -> dict[str, CannedQuery]:
    """Every canned query by name, sorted by name."""
    found: dict[str, CannedQuery] = {}
    for path in sorted(resource_dir("queries").glob("*.rq")):
        header = read_header(path.read_text(encoding="utf-8"))
        columns = [c.strip() for c in header.get("columns", "").split(",") if c.strip()]
        found[path.stem] = CannedQuery(
            path.stem,
            path,
            header.get("title", path.stem),
            header.get("learn", ""),
            [c.split(" ")[0] for c in columns],
            parse_parameters(header.get("parameters", "")),
        )
    return found


def param_term(value: str) -> Node:
    """The RDF term a ``--param`` value stands for (the rule in this module's docstring)."""
    if len(value) >= 2 and value.startswith("<") and value.endswith(">"):
        return _iri(value[1:-1])
    if len(value) >= 2 and value.startswith('"') and value.endswith('"'):
        return Literal(value[1:-1])
    if _INTEGER.fullmatch(value):
        return Literal(int(value), datatype=XSD.integer)
    if _DECIMAL.fullmatch(value):
        return Literal(Decimal(value), datatype=XSD.decimal)
    prefixed = _PREFIXED.fullmatch(value)
    if prefixed and prefixed.group("prefix") in PREFIXES:
        return _iri(PREFIXES[prefixed.group("prefix")] + prefixed.group("local"))
    return Literal(value)


def _iri(text: str) -> URIRef:
    try:
        ox.NamedNode(text)  # validates; rdflib would accept "http://x> } ..." with a warning
    except ValueError as exc:
        raise QueryError(f"<{text}> is not a valid IRI ({exc})") from exc
    return URIRef(text)


def parse_param(text: str) -> tuple[str, Node]:
    """``name=value`` (as given to ``--param``) -> (variable name, RDF term)."""
    name, sep, value = text.partition("=")
    name = name.strip().removeprefix("?")
    if not sep or not re.fullmatch(r"\w+", name):
        raise QueryError(f"--param {text!r}: expected NAME=VALUE")
    return name, param_term(value)
