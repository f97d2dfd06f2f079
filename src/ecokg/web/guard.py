"""Read-only guard for SPARQL sent to the local endpoint.

The request text is read once by :func:`ecokg.sparql_text.lex_query` (codepoint escapes
expanded, strings and IRIs checked, comments dropped); the checks below and the engine both get
that one text, so no escape or comment can show the checker one query and the engine another.
Refused: any SPARQL Update (including LOAD), SERVICE (federation would make the server fetch
remote data on a caller's behalf), FROM / FROM NAMED naming a graph that is not in this
knowledge graph (the server never dereferences a dataset IRI), and queries longer or deeper than
the limits below. Text that is not a query is a syntax error.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Collection, Iterator
from typing import Any
from urllib.parse import urljoin

from pyparsing import ParseException
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

from ecokg.errors import QuerySyntaxError, QueryTooDeep, QueryTooLarge, RefusedQuery
from ecokg.kg.vocab import PREFIXES
from ecokg.sparql_text import lex_query

__all__ = ["MAX_QUERY_CHARS", "QuerySyntaxError", "RefusedQuery", "check_query"]

# pyparsing grammars keep state while parsing; one parse at a time across server threads.
_PARSE_LOCK = threading.Lock()
MAX_QUERY_CHARS = 100_000
# rdflib's parser recurses through dozens of Python frames per bracket and reaches Python's
# recursion limit at about 26 nested parentheses; queries are refused well before that.
MAX_CHECKED_DEPTH = 24
_UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD"}


def check_query(text: str, local_graphs: Collection[str]) -> str:
    """The text to run for a request's ``text``, or :class:`RefusedQuery` / a syntax error.

    Run the returned text, never ``text`` itself: it is what the checks saw.
    """
    if len(text) > MAX_QUERY_CHARS:
        raise QueryTooLarge(f"query too long ({len(text)} characters; at most {MAX_QUERY_CHARS})")
    if not text.strip():
        raise QuerySyntaxError("empty query")
    lexed = lex_query(text)
    if lexed.depth > MAX_CHECKED_DEPTH:
        raise QueryTooDeep(
            f"query nested {lexed.depth} levels deep (brackets, braces and parentheses); this "
            f"endpoint accepts at most {MAX_CHECKED_DEPTH}"
        )
    if "SERVICE" in lexed.keywords:
        raise RefusedQuery(
            "SERVICE is refused: this endpoint only answers from its own knowledge graph and "
            "never queries remote endpoints"
        )
    with _PARSE_LOCK:
        try:
            parsed = parseQuery(lexed.text)
        except ParseException as exc:
            if lexed.keywords & _UPDATE_KEYWORDS:
                raise RefusedQuery(
                    "this endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, "
                    "CREATE, DROP, ...) is refused"
                ) from exc
            raise QuerySyntaxError(f"SPARQL syntax error: {exc}") from exc
        except RecursionError as exc:
            raise QueryTooDeep("query nested too deeply for this endpoint's checker") from exc
        except Exception as exc:  # rdflib raises a few other errors on odd input
            raise QuerySyntaxError(f"SPARQL syntax error: {exc}") from exc
    prologue, query = parsed[0], parsed[1]
    base, prefixes = _prologue(prologue)
    for node in _walk(query):
        if not _named(node, "DatasetClause"):
            continue
        ref = node["default"] if "default" in node else node["named"]
        iri = _resolve(ref, base, prefixes)
        if iri not in local_graphs:
            raise RefusedQuery(
                f"FROM <{iri}> is refused: not a graph of this knowledge graph, and this "
                "endpoint never loads remote data (its graphs are listed by "
                "SELECT DISTINCT ?g { GRAPH ?g {} })"
            )
    return lexed.text


def _named(node: Any, name: str) -> bool:
    return isinstance(node, CompValue) and node.name == name


def _walk(node: Any) -> Iterator[Any]:
    """Every node of a parse tree (CompValues are dicts, the rest lists of parse results)."""
    stack = [node]
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple) or type(item).__name__ == "ParseResults":
            stack.extend(list(item))


def _prologue(prologue: Any) -> tuple[str, dict[str, str]]:
    base = ""
    prefixes = dict(PREFIXES)  # the store knows these without declarations
    for decl in prologue:
        if _named(decl, "Base"):
            base = str(decl["iri"])
        elif _named(decl, "PrefixDecl"):
            prefix = str(decl["prefix"]) if "prefix" in decl else ""
            prefixes[prefix] = urljoin(base, str(decl["iri"]))
    return base, prefixes


def _resolve(ref: Any, base: str, prefixes: dict[str, str]) -> str:
    if _named(ref, "pname"):
        prefix = str(ref["prefix"]) if "prefix" in ref else ""
        if prefix not in prefixes:
            raise QuerySyntaxError(f"SPARQL syntax error: undeclared prefix {prefix}:")
        local = str(ref["localname"]) if "localname" in ref else ""
        return prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)  # graph\/x is graph/x
    return urljoin(base, str(ref))
