"""Load a knowledge graph into a SPARQL 1.1 Graph Store Protocol endpoint.

Each named graph (one per document, plus the ontology) is sent with ``PUT ?graph=<iri>``, which
replaces that graph on the server: pushing twice leaves the same statements, never duplicates.
Bodies are sorted Turtle, which every Graph Store implementation reads.
"""

from __future__ import annotations

import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field

from ecokg.errors import StoreError, unreachable
from ecokg.kg.serialize import sorted_quads, turtle_bytes
from ecokg.store import KnowledgeGraph

DEFAULT_TIMEOUT = 60.0
PASSWORD_VARIABLE = "ECOKG_STORE_PASSWORD"

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
    """PUT every named graph of ``kg`` to a Graph Store Protocol endpoint.

    ``user`` authenticates with the password in ``$ECOKG_STORE_PASSWORD`` (HTTP Basic or Digest,
    whichever the server asks for). Any failure (store down, too slow, HTTP error) raises one
    :class:`~ecokg.errors.StoreError` naming the store and the graph.
    """
    if not store_url.lower().startswith(("http://", "https://")):
        raise StoreError(f"{store_url}: the store URL must start with http:// or https://")
    opener = _opener(store_url, user)
    names = kg.named_graphs()
    summary = PushSummary(store_url)
    for done, name in enumerate(names, start=1):
        graph = kg.graph(name)
        body = turtle_bytes(sorted_quads([graph]))
        _put(opener, graph_url(store_url, name, graph_param), body, name, timeout)
        summary.graphs.append(name)
        summary.triples += len(graph)
        if progress is not None:
            progress(name, done, len(names))
    return summary


def _opener(store_url: str, user: str | None) -> urllib.request.OpenerDirector:
    if user is None:
        return urllib.request.build_opener()
    password = os.environ.get(PASSWORD_VARIABLE)
    if password is None:
        raise StoreError(f"--user {user}: set the password in ${PASSWORD_VARIABLE}")
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, store_url, user, password)
    return urllib.request.build_opener(
        urllib.request.HTTPBasicAuthHandler(passwords),
        urllib.request.HTTPDigestAuthHandler(passwords),
    )


def _put(
    opener: urllib.request.OpenerDirector, url: str, body: bytes, graph: str, timeout: float
) -> None:
    request = urllib.request.Request(
        url, data=body, method="PUT", headers={"Content-Type": "text/turtle; charset=utf-8"}
    )
    store = url.split("?", 1)[0]
    try:
        with opener.open(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        detail = " ".join(exc.read().decode("utf-8", "replace").split())[:200]
        raise StoreError(
            f"{store}: the store refused graph <{graph}>: HTTP {exc.code} {exc.reason}"
            + (f" ({detail})" if detail else "")
        ) from exc
    except OSError as exc:  # URLError and TimeoutError are OSErrors too
        raise unreachable(store, "store", exc, timeout) from exc
