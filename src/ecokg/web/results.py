"""SPARQL 1.1 query results in the standard formats (JSON, XML, CSV, TSV; N-Triples for graphs).

Content negotiation follows the SPARQL 1.1 Protocol: a ``format=`` parameter wins, then the
Accept header (with q-values), then JSON for tables and booleans and N-Triples for graphs.
"""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from ecokg.store import QueryResult, Term
from ecokg.xmlsafe import xml_safe

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

TABLE_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES = {"ntriples": "application/n-triples", "turtle": "text/turtle"}
_ALIASES = {
    "application/json": "json",
    "application/sparql-results+json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "text/turtle": "turtle",
    "nt": "ntriples",
    "ttl": "turtle",
}


def negotiate(format_param: str | None, accept: str | None) -> list[str]:
    """Format names the client prefers, best first (may be empty: use the default)."""
    if format_param:
        name = format_param.strip().lower()
        return [_ALIASES.get(name, name)]
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate((accept or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        mime = fields[0].lower()
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if mime in _ALIASES and q > 0:
            ranked.append((-q, i, _ALIASES[mime]))
    return [name for _, _, name in sorted(ranked)]


def serialize(result: QueryResult, preferred: list[str]) -> tuple[bytes, str]:
    """The body and content type of a result in the first preferred format that fits it."""
    if result.triples is not None:
        name = next((p for p in preferred if p in GRAPH_TYPES), "ntriples")
        return _ntriples(result).encode("utf-8"), GRAPH_TYPES[name] + "; charset=utf-8"
    name = next((p for p in preferred if p in TABLE_TYPES), "json")
    body = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}[name](result)
    return body.encode("utf-8"), TABLE_TYPES[name] + "; charset=utf-8"


def known_format(name: str) -> bool:
    """Whether ``format=name`` names a format this endpoint writes."""
    return name in TABLE_TYPES or name in GRAPH_TYPES


def _term_json(term: Term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        cell = {"type": "literal", "value": term.value}
        if term.language:
            cell["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            cell["datatype"] = term.datatype.value
        return cell
    return {"type": "triple", "value": str(term)}


def _json(result: QueryResult) -> str:
    if result.boolean is not None:
        return json.dumps({"head": {}, "boolean": result.boolean})
    bindings = [
        {v: _term_json(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
        for row in result.rows
    ]
    return json.dumps(
        {"head": {"vars": result.variables}, "results": {"bindings": bindings}},
        ensure_ascii=False,
    )


def _term_xml(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        value = escape(xml_safe(term.value))  # a literal may hold what XML cannot
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{value}</literal>"
        if term.datatype.value != _XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{value}</literal>"
        return f"<literal>{value}</literal>"
    return f"<literal>{escape(xml_safe(str(term)))}</literal>"


def _xml(result: QueryResult) -> str:
    out = [
        '<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>'
    ]
    out += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    out.append("</head>")
    if result.boolean is not None:
        out.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in result.rows:
            out.append("<result>")
            for v, t in zip(result.variables, row, strict=True):
                if t is not None:
                    out.append(f"<binding name={quoteattr(v)}>{_term_xml(t)}</binding>")
            out.append("</result>")
        out.append("</results>")
    out.append("</sparql>\n")
    return "\n".join(out)


def _csv(result: QueryResult) -> str:
    # SPARQL 1.1 CSV: lexical forms only, CRLF line ends.
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if result.boolean is not None:
        writer.writerows([["boolean"], ["true" if result.boolean else "false"]])
        return buffer.getvalue()
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else getattr(t, "value", str(t)) for t in row])
    return buffer.getvalue()


def _tsv(result: QueryResult) -> str:
    # SPARQL 1.1 TSV: terms in Turtle/N-Triples syntax, variables with their "?".
    if result.boolean is not None:
        return "?boolean\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join("?" + v for v in result.variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _ntriples(result: QueryResult) -> str:
    return "".join(f"{s} {p} {o} .\n" for s, p, o in result.triples or [])
