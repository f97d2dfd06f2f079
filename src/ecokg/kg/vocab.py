"""Namespaces and deterministic, ASCII IRI minting.

IRIs depend only on what is extracted (names, file stems, character offsets), never on run order,
hash seeds or the machine, so two builds of the same corpus give byte-identical graphs.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

BASE = "https://w3id.org/ecokg/"
EKG = Namespace(BASE + "def#")
ID = Namespace(BASE + "id/")
IND = Namespace(BASE + "id/indicator/")
THEME = Namespace(BASE + "id/theme/")
EUNIT = Namespace(BASE + "id/unit/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ORG = Namespace("http://www.w3.org/ns/org#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = Namespace("http://qudt.org/vocab/unit/")
CUR = Namespace("http://qudt.org/vocab/currency/")

# Prefixes written into every serialisation, in this order.
PREFIXES: dict[str, str] = {
    "ekg": str(EKG),
    "id": str(ID),
    "ind": str(IND),
    "theme": str(THEME),
    "eunit": str(EUNIT),
    "unit": str(UNIT),
    "cur": str(CUR),
    "qudt": str(QUDT),
    "nif": str(NIF),
    "prov": str(PROV),
    "org": str(ORG),
    "eli": str(ELI),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
}

_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,80}$")
_UNSAFE_CHARS = re.compile(r"[^A-Za-z0-9_.-]+")


def digest(text: str, length: int = 12) -> str:
    """A short, stable hex digest of ``text`` (SHA-1 of its UTF-8 bytes)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


@lru_cache(maxsize=65536)  # a build asks for the same names and document ids again and again
def slug(text: str) -> str:
    """An ASCII path segment for ``text``: itself when already safe, else ASCII part + digest."""
    if _SAFE.match(text):
        return text
    ascii_part = _UNSAFE_CHARS.sub("-", text).strip("-.")[:40]
    return f"{ascii_part}-{digest(text)}" if ascii_part else f"h{digest(text)}"


@lru_cache(maxsize=4096)  # every span's IRI starts with its document's
def doc_iri(doc_id: str) -> URIRef:
    """The IRI of a source document."""
    return ID[f"doc/{slug(doc_id)}"]


def graph_iri(doc_id: str) -> URIRef:
    """The IRI of the named graph holding what was extracted from one document."""
    return ID[f"graph/{slug(doc_id)}"]


def span_iri(doc_id: str, start: int, end: int) -> URIRef:
    """A character span of a document, in the RFC 5147 ``#char=start,end`` form NIF uses."""
    return URIRef(f"{doc_iri(doc_id)}#char={start},{end}")


def observation_iri(doc_id: str, start: int, end: int, part: int = 0) -> URIRef:
    """An observation, identified by where its number stands in its document.

    ``part`` tells apart the observations one number makes ("两项指标均居中部第一": two ranks).
    """
    suffix = f"/{part}" if part else ""
    return ID[f"obs/{slug(doc_id)}/{start}-{end}{suffix}"]


@lru_cache(maxsize=65536)  # an entity or place is named again at every mention
def entity_iri(kind: str, key: str) -> URIRef:
    """A named entity: ``kind`` is its class in lower case, ``key`` its canonical name or id."""
    return ID[f"{kind.lower()}/{slug(key)}"]


def minted_indicator_iri(label: str) -> URIRef:
    """An indicator missing from the scheme, named after its label in the text."""
    return IND[f"x-{digest(label)}"]
