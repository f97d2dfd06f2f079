"""Load a knowledge graph into a SPARQL 1.1 Graph Store Protocol endpoint.

Each named graph (one per document, plus the ontology) is sent with ``PUT ?graph=<iri>``, which
replaces that graph on the server: pushing twice leaves the same statements, never duplicates.
Bodies are sorted Turtle, which every Graph Store implementation reads.
"""

from __future__ import annotations

import os
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field

from ecokg.errors import EcokgError, PushError, StoreError
from ecokg.kg.serialize import sorted_quads, turtle_bytes
from ecokg.store import KnowledgeGraph
from ecokg.transport import Deadline, check_url, exchange

# A deadline for the whole push (not per request): ten minutes lets a large graph go to a
# slow store; --timeout shortens it.
DEFAULT_TIMEOUT = 600.0
PASSWORD_VARIABLE = "ECOKG_STORE_PASSWORD"
# The Graph Store Protocol's answers to a PUT that stored the graph (200/204 replaced, 201 created);
# anything else, 206 included, means it was not stored as sent.
STORED = (200, 201, 204)

# (graph IRI, graphs done, graphs in all), called after each graph is stored
PushProgress = Callable[[str, int, int], None]


@dataclass
class PushSummary:
    """What a push stored: named graphs and statements."""

    url: str
    graphs: list[str] = field(default_factory=list)
    triples: int = 0


def graph_url(store_url: str, graph: str, graph_param: str = "graph") -> str:
    """The Graph Store URL of one named graph: ``store_url?graph=<percent-encoded IRI>``."""
    query = urllib.parse.urlencode({graph_param: graph})
    return f"{store_url}{'&' if '?' in store_url else '?'}{query}"


def push(
    kg: KnowledgeGraph,
    store_url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    graph_param: str = "graph",
    user: str | None = None,
    progress: PushProgress | None = None,
) -> PushSummary:
    """PUT every named graph of ``kg`` to a Graph Store Protocol endpoint, within ``timeout``.

    ``timeout`` is a deadline for the whole push, however the store answers (slowly, never, a
    byte at a time). ``user`` authenticates with the password in ``$ECOKG_STORE_PASSWORD`` (HTTP
    Basic or Digest, whichever the server asks for). A graph is stored when the store answers 200,
    201 or 204 with its whole body. Any other answer, or a store that is down, too slow or cuts
    its answer off, raises a :class:`~ecokg.errors.PushError` naming the store and the graph and
    saying which graphs were written before (a bad URL or missing password: a StoreError first).
    """
    check_url(store_url, "store")
    deadline = Deadline(timeout)
    auth = _auth(store_url, user)
    names = kg.named_graphs()
    summary = PushSummary(store_url)
    for done, name in enumerate(names, start=1):
        try:
            graph = kg.graph(name)  # read here: a remote source may fail part-way too
            body = turtle_bytes(sorted_quads([graph]))
            _put(graph_url(store_url, name, graph_param), body, name, deadline, auth)
        except EcokgError as exc:
            raise PushError(exc, summary.graphs, len(names)) from exc
        summary.graphs.append(name)
        summary.triples += len(graph)
        if progress is not None:
            progress(name, done, len(names))
    return summary


def _auth(store_url: str, user: str | None) -> list[urllib.request.BaseHandler]:
    if user is None:
        return []
    password = os.environ.get(PASSWORD_VARIABLE)
    if password is None:
        raise StoreError(f"--user {user}: set the password in ${PASSWORD_VARIABLE}")
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, store_url, user, password)
    return [
        urllib.request.HTTPBasicAuthHandler(passwords),
        urllib.request.HTTPDigestAuthHandler(passwords),
    ]


def _put(
    url: str,
    body: bytes,
    graph: str,
    deadline: Deadline,
    auth: list[urllib.request.BaseHandler],
) -> None:
    request = urllib.request.Request(
        url, data=body, method="PUT", headers={"Content-Type": "text/turtle; charset=utf-8"}
    )
    store = url.split("?", 1)[0]
    answer = exchange(request, deadline, where=store, what="store", handlers=auth)
    if answer.status not in STORED:
        raise StoreError(f"{store}: the store refused graph <{graph}>: {answer.describe()}")
