"""The canned research queries in ``queries/``: what each tells, and how parameters bind.

Every ``.rq`` file starts with a header of ``# key: value`` comment lines (``title``, ``learn``,
``columns``, ``parameters``, ``example``), continued on indented comment lines. A column is
``name (what it holds)``; ``name (label of other)`` names the thing of column ``other``. A
parameter is ``?name (KIND [ARG] [>= COLUMN]: what it is)`` (:class:`Parameter`). Parameters are
variables the query returns in every row (never from an OPTIONAL part); binding one keeps the
rows where it has that value, on the embedded store and on a remote endpoint alike; a ``>=``
parameter keeps the rows whose column reaches it. :func:`header_problems` says what a header
lacks, and :func:`queries_markdown` writes them all as ``docs/queries.md``.

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


KINDS = ("iri", "label", "code", "choice", "integer", "document", "term")
_SPEC = re.compile(r"(?P<kind>[a-z]+)(?:\s+(?P<arg>[^\s>]+))?(?:\s*>=\s*(?P<column>\w+))?")
_LABEL_OF = re.compile(r"label of (?P<column>\w+)")
_COLUMN = re.compile(r"(?P<name>\w+)\s*(?:\((?P<about>(?:[^()]|\([^()]*\))*)\))?")


@dataclass(frozen=True)
class Column:
    """A column a query returns, with what it holds (``label of X``: the name of column X)."""

    name: str
    about: str

    @property
    def label_of(self) -> str | None:
        """The column whose thing this column names, when it is a label column."""
        match = _LABEL_OF.match(self.about)
        return match.group("column") if match else None


@dataclass(frozen=True)
class Parameter:
    """A parameter of a canned query: ``?name (KIND [ARG] [>= COLUMN]: what it is)``.

    KIND is ``iri`` (a thing of the classes ARG, ``A|B``, or of any class: an IRI or a name),
    ``label`` (the canonical label of a thing of class ARG: a name or an IRI), ``code`` (the
    ``skos:notation`` of a concept of class ARG, or its name), ``choice`` (one of the terms
    ARG, ``a|b``, by the ``--param`` rule), ``integer`` (ARG ``lo..hi`` bounds it),
    ``document`` (a document identifier or title) or ``term`` (any term; an IRI must exist).
    ``>= COLUMN`` keeps the rows whose COLUMN is at least the value instead of binding the
    variable.
    """

    name: str
    kind: str
    arg: str
    at_least: str | None
    about: str

    @property
    def options(self) -> list[str]:
        """The classes of ``iri``/``label``/``code`` or the values of ``choice`` (ARG split)."""
        return [a for a in self.arg.split("|") if a] if self.kind != "integer" else []

    @property
    def bounds(self) -> tuple[int | None, int | None]:
        """The ``lo..hi`` bounds of an integer (either may be missing)."""
        lo, _, hi = self.arg.partition("..")
        return (int(lo) if lo else None, int(hi) if hi else None)


@dataclass(frozen=True)
class CannedQuery:
    """One file of ``queries/`` with its header."""

    name: str
    path: Path
    title: str
    learn: str
    columns: list[str] = field(default_factory=list)
    parameters: dict[str, Parameter] = field(default_factory=dict)
    column_docs: dict[str, Column] = field(default_factory=dict)
    example: str = ""

    @property
    def text(self) -> str:
        """The SPARQL text."""
        return self.path.read_text(encoding="utf-8")

    def label_columns(self) -> dict[str, str]:
        """Label column -> the column of the thing it names."""
        return {
            c.name: c.label_of
            for c in self.column_docs.values()
            if c.label_of is not None and c.label_of in self.column_docs
        }


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
            # "a|" at a line's end goes on with the next option, without a space.
            joiner = "" if header[key].endswith("|") else " "
            header[key] = f"{header[key]}{joiner}{match.group('value').strip()}"
    return header


def parse_columns(text: str) -> dict[str, Column]:
    """``doc (document identifier), title (label of doc)`` -> columns by name, in order."""
    return {
        m.group("name"): Column(m.group("name"), (m.group("about") or "").strip())
        for m in _COLUMN.finditer(text)
    }


def parse_parameters(text: str) -> dict[str, Parameter]:
    """``?agency (iri ekg:Agency: the agency; unbound = all), ...`` -> parameters by name.

    A parameter without ``KIND:`` is a ``term`` (any value by the ``--param`` rule).
    """
    if text.strip().lower() in ("", "none"):
        return {}
    found: dict[str, Parameter] = {}
    for m in _PARAMETER.finditer(text):
        about = (m.group("about") or "").strip()
        spec, sep, rest = about.partition(": ")
        parsed = _SPEC.fullmatch(spec.strip()) if sep else None
        if parsed is None or parsed.group("kind") not in KINDS:
            found[m.group("name")] = Parameter(m.group("name"), "term", "", None, about)
            continue
        found[m.group("name")] = Parameter(
            m.group("name"),
            parsed.group("kind"),
            parsed.group("arg") or "",
            parsed.group("column"),
            rest.strip(),
        )
    return found


def parse_query(path: Path) -> CannedQuery:
    """A ``.rq`` file with its header read."""
    header = read_header(path.read_text(encoding="utf-8"))
    columns = parse_columns(header.get("columns", ""))
    return CannedQuery(
        path.stem,
        path,
        header.get("title", path.stem),
        header.get("learn", ""),
        list(columns),
        parse_parameters(header.get("parameters", "")),
        columns,
        header.get("example", ""),
    )


def canned_queries() -> dict[str, CannedQuery]:
    """Every canned query by name, sorted by name."""
    return {p.stem: parse_query(p) for p in sorted(resource_dir("queries").glob("*.rq"))}


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


def split_param(text: str) -> tuple[str, str]:
    """``name=value`` (as given to ``--param``) -> (variable name, value text)."""
    name, sep, value = text.partition("=")
    name = name.strip().removeprefix("?")
    if not sep or not re.fullmatch(r"\w+", name):
        raise QueryError(f"--param {text!r}: expected NAME=VALUE")
    return name, value


def parse_param(text: str) -> tuple[str, Node]:
    """``name=value`` (as given to ``--param``) -> (variable name, RDF term)."""
    name, value = split_param(text)
    return name, param_term(value)


def projected_variables(text: str) -> list[str]:
    """The variables the (outermost) SELECT of a query returns, read from its text: ``?x`` at
    the top level of the projection and ``(... AS ?x)``. Empty for ``SELECT *`` and other
    forms."""
    body = "\n".join(line.split("#", 1)[0] for line in text.splitlines())
    match = re.search(
        r"\bSELECT\b(?P<projection>.*?)\bWHERE\b|\bSELECT\b(?P<bare>.*?)\{", body, re.S
    )
    if match is None:
        return []
    projection = match.group("projection") or match.group("bare") or ""
    found: list[str] = []
    depth = 0
    for token in re.finditer(r"\(|\)|\bAS\s+\?(?P<alias>\w+)|\?(?P<var>\w+)", projection):
        if token.group(0) == "(":
            depth += 1
        elif token.group(0) == ")":
            depth -= 1
        elif token.group("alias"):
            found.append(token.group("alias"))
        elif depth == 0 and token.group("var"):
            found.append(token.group("var"))
    return found


def header_problems(query: CannedQuery) -> list[str]:
    """What a query's header lacks or gets wrong (empty when it documents the query fully)."""
    header = read_header(query.text)
    problems = [f"no '# {key}:' line" for key in HEADER_KEYS if not header.get(key)]
    problems += [
        f"column {c.name} has no description" for c in query.column_docs.values() if not c.about
    ]
    returned = projected_variables(query.text)
    if returned != query.columns:
        problems.append(f"the header lists columns {query.columns}, the query returns {returned}")
    problems += [
        f"column {c.name} is a label of {c.label_of}, which is no column"
        for c in query.column_docs.values()
        if c.label_of is not None and c.label_of not in query.columns
    ]
    for p in query.parameters.values():
        where = f"parameter ?{p.name}"
        if not p.about:
            problems.append(f"{where} has no 'KIND: description'")
        if p.at_least is None and p.name not in query.columns:
            problems.append(f"{where} is no column the query returns (binding it filters nothing)")
        if p.at_least is not None and p.at_least not in query.columns:
            problems.append(f"{where} bounds {p.at_least}, which is no column")
        if p.kind in ("label", "code", "choice") and not p.options:
            problems.append(f"{where} ({p.kind}) names no class or values")
    example = query.example.split()
    if example[:3] != ["ecokg", "query", query.name]:
        problems.append(f"the example does not start with 'ecokg query {query.name}'")
    return problems


HEADER_KEYS = ("title", "learn", "columns", "parameters", "example")
_KIND_TEXT = {
    "iri": "IRI or name",
    "label": "name or IRI",
    "code": "code or name",
    "choice": "one of",
    "integer": "integer",
    "document": "document id or title",
    "term": "IRI or value",
}


def queries_markdown() -> str:
    """``docs/queries.md``: every canned query's header as a reference page."""
    queries = canned_queries()
    out = [
        "# Canned queries",
        "",
        "<!-- Generated from the headers of queries/*.rq by `ecokg queries --markdown`;"
        " edit the headers, not this file (tests/test_query_docs.py checks it is current). -->",
        "",
        "Run one with `ecokg query NAME --kg out [-p PARAMETER=VALUE ...]`. Names of things",
        "come in the script `--lang` asks for (`zh-Hans`, the default, `zh-Hant` or `en`; without",
        "a name in that language, the simplified one, converted for `zh-Hant`). A parameter that",
        "is a thing",
        "takes its IRI (`ind:pm25-annual-mean`, `<https://...>`) or any of its names in either",
        "script (`PM2.5年均浓度`); a value that fits nothing is an error with the closest matches.",
        "A bound parameter keeps the rows where its column has that value; `>= COLUMN` keeps those",
        "where the column is at least the value. On a terminal, `--format table` leaves out the",
        "columns a label column names (`--wide` shows every column in full).",
        "",
        "| query | title | parameters |",
        "|---|---|---|",
    ]
    for q in queries.values():
        params = ", ".join(f"`?{p}`" for p in q.parameters) or "none"
        out.append(f"| [`{q.name}`](#{q.name}) | {q.title} | {params} |")
    for q in queries.values():
        out += [
            "",
            f"## {q.name}",
            "",
            f"**{q.title}**: {q.learn}",
            "",
            "| column | what |",
            "|---|---|",
        ]
        out += [f"| `{c.name}` | {_cell(c.about)} |" for c in q.column_docs.values()]
        out.append("")
        if q.parameters:
            out += ["| parameter | takes | allowed | what |", "|---|---|---|---|"]
            for p in q.parameters.values():
                allowed = _allowed(p)
                out.append(f"| `?{p.name}` | {_KIND_TEXT[p.kind]} | {allowed} | {_cell(p.about)} |")
        else:
            out.append("No parameters.")
        out += ["", "```sh", q.example, "```"]
    return "\n".join(out) + "\n"


def _allowed(p: Parameter) -> str:
    if p.kind == "integer":
        bounds = f"{p.arg}" if p.arg else "any"
        return f"{bounds}, keeps `{p.at_least}` >= it" if p.at_least else bounds
    if p.kind in ("iri", "label"):
        return " or ".join(f"a `{o}`" for o in p.options) or "anything named in the graph"
    if p.kind == "code":
        return f"a `skos:notation` of a `{p.arg}`"
    if p.kind == "choice":
        return " ".join(f"`{o}`" for o in p.options)
    if p.kind == "document":
        return "a document in the graph"
    return "any"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
