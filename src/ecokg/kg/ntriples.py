"""Canonical N-Triples terms written as strings, without building RDF term objects.

A build writes millions of statements; formatting them as text directly is several times faster
than creating rdflib terms and converting them. The forms are exactly those pyoxigraph prints
(canonical N-Triples: escapes for quotes, backslashes and control characters, lower-case
language tags, no ``xsd:string`` datatype), so a statement written here and the same statement
parsed from Turtle and printed by pyoxigraph are the same line, and sorting and de-duplicating
lines is sorting and de-duplicating statements.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f]')
_UNESCAPES = {escape[1]: char for char, escape in _ESCAPES.items()}
_ESCAPED = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")


def _escape_char(m: re.Match[str]) -> str:
    char = m.group()
    return _ESCAPES.get(char) or f"\\u{ord(char):04X}"


def iri(value: str) -> str:
    """An IRI term (the caller guarantees a valid IRI, as every minted ecokg IRI is)."""
    return f"<{value}>"


def is_valid_iri(value: str) -> bool:
    """True when ``value`` is an absolute IRI that N-Triples can carry."""
    try:
        ox.NamedNode(value)
    except ValueError:
        return False
    return "://" in value or value.startswith("urn:")


def literal(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    """A literal term: plain, language-tagged or typed."""
    body = _NEEDS_ESCAPE.sub(_escape_char, text)
    if lang:
        return f'"{body}"@{lang.lower()}'
    if datatype and datatype != _XSD_STRING:
        return f'"{body}"^^<{datatype}>'
    return f'"{body}"'


def _unescape_char(m: re.Match[str]) -> str:
    code = m.group(1) or m.group(2)
    return chr(int(code, 16)) if code else _UNESCAPES[m.group(3)]


def term_value(term: str) -> str:
    """The IRI of an IRI term or the lexical form of a literal term: the inverse of :func:`iri`
    and :func:`literal` (what pyoxigraph's ``.value`` gives for the term it parses)."""
    if term.startswith("<"):
        return term[1:-1]
    body = term[1 : term.rindex('"')]  # a tag or datatype IRI after it holds no quote
    return _ESCAPED.sub(_unescape_char, body) if "\\" in body else body


def statement(subject: str, predicate: str, obj: str, graph: str | None = None) -> str:
    """One N-Triples (or, with ``graph``, N-Quads) line, without its line break."""
    if graph is None:
        return f"{subject} {predicate} {obj} ."
    return f"{subject} {predicate} {obj} {graph} ."


def triple_part(quad_line: str) -> str:
    """The N-Triples line of an N-Quads line written by :func:`statement` with a graph.

    The graph is an IRI, which has no spaces, so it is the second-last space-separated field.
    """
    head, _graph, _dot = quad_line.rsplit(" ", 2)
    return f"{head} ."
