"""Turn one document's claims into the statements of its named graph.

Every extracted node (observation, entity, minted indicator) carries ``prov:wasDerivedFrom`` its
document and links to :class:`ekg:Mention` spans that give the exact character offsets into the
decoded original text and quote it (``nif:anchorOf``), so each fact can be clicked back to its
sentence. Nothing here depends on order or hashing: the same claims give the same triples.

Statements are canonical N-Triples lines (:mod:`ecokg.kg.ntriples`), not rdflib objects: a
document's graph goes straight to its shard file, and a corpus of millions of statements never
passes through an in-memory RDF graph.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from rdflib import Graph
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from ecokg.corpus import Document, PartialDate
from ecokg.extract.base import (
    Claim,
    EntityMention,
    IndicatorRef,
    Membership,
    Observation,
    OutcomeLink,
    Relation,
)
from ecokg.extract.lexicon import Lexicon
from ecokg.extract.places import split_town_key
from ecokg.kg.ntriples import iri, is_valid_iri, literal, triple_part
from ecokg.kg.vocab import (
    EKG,
    ID,
    IND,
    NIF,
    ORG,
    digest,
    doc_iri,
    entity_iri,
    graph_iri,
    observation_iri,
    span_iri,
)
from ecokg.reconcile import COMPARED_PREDICATES, document_claims
from ecokg.reconcile import Claim as ComparableClaim
from ecokg.text.analyzed import SourceSpan
from ecokg.text.normalize import readable, to_simplified, to_traditional

_QUALIFIERS = {
    "exact": iri(EKG.exact),
    "approx": iri(EKG.approx),
    "lower_bound": iri(EKG.lowerBound),
    "upper_bound": iri(EKG.upperBound),
    "range": iri(EKG.range),
}
# "en" becomes a label
_LITERAL_ATTRIBUTES = (
    "instrumentType",
    "agencyType",
    "status",
    "standardCode",
    "documentNumber",
    "issuerCode",
    "serialNumber",
    "adminLevel",
)
_PREDICATES = {
    "issued": "issued",
    "leads": "leads",
    "aboutPlace": "aboutPlace",
    "addressesTheme": "theme",
    "issuedYear": "issuedYear",
    "plannedPeriod": "plannedPeriod",
    "status": "status",
    "partOf": "partOf",
}
_MODALITIES = {
    "achieved": iri(EKG.achieved),
    "target": iri(EKG.target),
    "forecast": iri(EKG.forecast),
}
# The predicates and classes every document uses, as terms (formatted once).
_TYPE, _LABEL, _PREF, _ALT = iri(RDF.type), iri(RDFS.label), iri(SKOS.prefLabel), iri(SKOS.altLabel)
_DERIVED, _MENTION, _EVIDENCE = iri(PROV.wasDerivedFrom), iri(EKG.mention), iri(EKG.evidence)
_NAMES = iri(EKG.names)
_PART_OF = iri(EKG.partOf)
# Datatypes as strings: an rdflib namespace attribute makes a new, validated URIRef each time.
_INTEGER, _DECIMAL = str(XSD.integer), str(XSD.decimal)
_YEAR, _YEAR_MONTH, _DATE = str(XSD.gYear), str(XSD.gYearMonth), str(XSD.date)


def script_tag(surface: str) -> str:
    """``zh-Hant`` when a surface form is written in traditional characters, else ``zh-Hans``."""
    return "zh-Hant" if to_simplified(surface) != surface else "zh-Hans"


def _date_literal(date: PartialDate) -> str:
    if date.month is None:
        return literal(date.iso(), datatype=_YEAR)
    if date.day is None:
        return literal(date.iso(), datatype=_YEAR_MONTH)
    return literal(date.iso(), datatype=_DATE)


@cache  # rdflib makes a new URIRef at every namespace attribute access: too slow per statement
def _term(namespace: str, name: str) -> str:
    return iri(f"{namespace}{name}")


def _integer(value: int) -> str:
    return literal(str(value), datatype=_INTEGER)


def _decimal(value: Decimal) -> str:
    return literal(_decimal_lexical(value), datatype=_DECIMAL)


class GraphBuilder:
    """Accumulates the statements of one document's named graph (as N-Triples terms)."""

    def __init__(self, document: Document, lexicon: Lexicon) -> None:
        self.document = document
        self.lexicon = lexicon
        self.doc_iri = doc_iri(document.doc_id)
        self.doc = iri(self.doc_iri)
        self.graph_iri = graph_iri(document.doc_id)
        # Each statement is kept as its finished N-Quads line: formatted once, and the set of
        # lines is the set of statements (one graph, canonical terms).
        self._quads: set[str] = set()
        self._tail = f" {iri(self.graph_iri)} ."
        self._spans: dict[tuple[int, int], str] = {}
        # A place's statements depend on its name and key only: a place named by many
        # observations is described once.
        self._places: dict[tuple[str, str], str] = {}
        # The statements the reconciliation pass reads (as terms), so its claims are made
        # without parsing the lines back.
        self._compared: list[tuple[str, str, str]] = []
        self._add_document()

    def add(self, s: str, p: str, o: str) -> None:
        """Add one statement; each part is an N-Triples term."""
        self._quads.add(f"{s} {p} {o}{self._tail}")
        if p in COMPARED_PREDICATES:
            self._compared.append((s, p, o))

    def comparable(self) -> list[ComparableClaim]:
        """The graph's comparable observations (:func:`ecokg.reconcile.document_claims`)."""
        return list(document_claims(self._compared))

    def lines(self) -> list[bytes]:
        """The graph as sorted N-Quads lines (named by the document's graph IRI) in UTF-8.

        Encoded before sorting: UTF-8 keeps the order of code points, and byte strings sort
        faster than text with Chinese in it (a third less for sorting, joining and encoding).
        """
        return sorted(line.encode() for line in self._quads)

    def _add_document(self) -> None:
        d, doc = self.document, self.doc
        meta = d.meta
        self.add(doc, _TYPE, _term(EKG, "Document"))
        self.add(doc, _term(DCTERMS, "identifier"), literal(d.doc_id))
        self.add(doc, _term(EKG, "sourceFile"), literal(d.path.name))
        self.add(doc, _term(EKG, "encoding"), literal(d.encoding))
        self.add(doc, _term(EKG, "characterCount"), _integer(len(d.text)))
        digest = hashlib.sha256(d.text.encode("utf-8")).hexdigest()
        self.add(doc, _term(EKG, "textSha256"), literal(digest))
        self.add(doc, _term(EKG, "dateSource"), literal(d.date_source))
        if d.published:
            self.add(doc, _term(DCTERMS, "issued"), _date_literal(d.published))
        if meta.title:
            self.add(doc, _term(DCTERMS, "title"), literal(meta.title, lang=meta.language or "zh"))
        for prop, value in (
            (DCTERMS.type, meta.kind),
            (DCTERMS.publisher, meta.publisher),
            (DCTERMS.language, meta.language),
            (EKG.dateCertainty, meta.date_certainty),
            (EKG.aboutPeriod, meta.about_period),
        ):
            if value:
                self.add(doc, iri(prop), literal(value))
        if meta.url:
            url = iri(meta.url) if is_valid_iri(meta.url) else literal(meta.url)
            self.add(doc, _term(DCTERMS, "source"), url)

    def span(self, span: SourceSpan) -> str:
        """The mention node of an original-text span (created once, referenced many times)."""
        known = self._spans.get((span.start, span.end))
        if known is not None:
            return known
        node = iri(span_iri(self.document.doc_id, span.start, span.end))
        self._spans[span.start, span.end] = node
        self.add(node, _TYPE, _term(EKG, "Mention"))
        self.add(node, _term(NIF, "beginIndex"), _integer(span.start))
        self.add(node, _term(NIF, "endIndex"), _integer(span.end))
        self.add(node, _term(NIF, "anchorOf"), literal(span.text))
        self.add(node, _term(NIF, "referenceContext"), self.doc)
        return node

    def add_claims(self, claims: Iterable[Claim]) -> None:
        """Add every claim in order, then say which entities each relation's evidence names."""
        mentions: list[tuple[int, int, str]] = []
        evidence: set[tuple[int, int, str]] = set()
        for claim in claims:
            if isinstance(claim, Observation):
                self.add_observation(claim)
            elif isinstance(claim, EntityMention):
                node = self.add_entity(claim)
                mentions.append((claim.span.start, claim.span.end, node))
            elif isinstance(claim, Relation):
                self.add_relation(claim)
                span = claim.evidence
                evidence.add((span.start, span.end, self.span(span)))
            elif isinstance(claim, Membership):
                self.add_membership(claim)
            else:
                self.add_outcome_link(claim)
        self._names_in_evidence(sorted(mentions), sorted(evidence))

    def _names_in_evidence(
        self, mentions: list[tuple[int, int, str]], evidence: list[tuple[int, int, str]]
    ) -> None:
        # Who else the clause stating a relation names (ekg:names): a query pairing agencies
        # named together need not compare the offsets of every mention with every clause.
        starts = [start for start, _, _ in mentions]
        for start, end, span in evidence:
            for _, m_end, node in mentions[bisect_left(starts, start) : bisect_right(starts, end)]:
                if m_end <= end:
                    self.add(span, _NAMES, node)

    def _theme(self, name: str | None) -> str | None:
        theme = self.lexicon.themes.get(name) if name else None
        return iri(theme.iri) if theme is not None else None

    def add_entity(self, mention: EntityMention) -> str:
        """An entity node (one IRI per real thing) with this mention attached."""
        kind, _, key = mention.key.partition(":")
        node = iri(entity_iri(kind or mention.type, key or mention.name))
        self.add(node, _TYPE, _term(EKG, mention.type))
        self._labels(node, mention.name)
        english = mention.attribute("en")
        if english:
            self.add(node, _PREF, literal(english, lang="en"))
        # The name as the source writes it (its script, its spacing), without markup.
        surface = " ".join(readable(mention.span.text).split())
        if surface and surface != mention.name:
            self.add(node, _ALT, literal(surface, lang=script_tag(surface)))
        self.add(node, _MENTION, self.span(mention.span))
        self.add(node, _DERIVED, self.doc)
        for name, value in mention.attributes:
            if name == "theme" and (theme := self._theme(value)):
                self.add(node, _term(EKG, "theme"), theme)
            elif name in _LITERAL_ATTRIBUTES:
                self.add(node, _term(EKG, name), literal(value))
            elif name == "issuedYear":  # the year of its document number
                self.add(node, _term(EKG, "issuedYear"), literal(value, datatype=_YEAR))
        return node

    def _entity_node(self, key: str, type_: str | None) -> str:
        kind, _, rest = key.partition(":")
        node = iri(entity_iri(kind, rest))
        if kind == "place":
            # A place the gazetteer lacks (a reserve, a lake found by its repeated name) is keyed
            # by its name, which is then its label.
            known = self.lexicon.places.get(rest)
            self._place(known.name if known else split_town_key(rest)[1], key)
        elif type_:
            self.add(node, _TYPE, _term(EKG, type_))
        return node

    def _claim_node(self, kind: str, *parts: str) -> str:
        return iri(ID[f"{kind}/{self.graph_iri.split('/')[-1]}/{digest('|'.join(parts))}"])

    def add_relation(self, rel: Relation) -> str:
        """The relation as a direct triple plus a claim node that holds its evidence."""
        subject = self._entity_node(rel.subject_key, rel.subject_type)
        predicate = _term(EKG, _PREDICATES[rel.predicate])
        # The claim IRI hashes the object's IRI or lexical form, as it always has.
        obj: str
        obj_text: str
        if rel.obj_key is not None:
            obj = self._entity_node(rel.obj_key, rel.obj_type)
            obj_text = obj[1:-1]
        elif rel.predicate == "addressesTheme" and (theme := self._theme(rel.value)):
            obj, obj_text = theme, theme[1:-1]
        else:
            obj_text = str(rel.value)
            datatype = _YEAR if rel.predicate == "issuedYear" else None
            obj = literal(obj_text, datatype=datatype)
        self.add(subject, predicate, obj)
        node = self._claim_node(
            "claim",
            subject[1:-1],
            predicate[1:-1],
            obj_text,
            f"{rel.evidence.start}-{rel.evidence.end}",
        )
        self.add(node, _TYPE, _term(EKG, "RelationClaim"))
        self.add(node, _term(RDF, "subject"), subject)
        self.add(node, _term(RDF, "predicate"), predicate)
        self.add(node, _term(RDF, "object"), obj)
        self.add(node, _EVIDENCE, self.span(rel.evidence))
        self.add(node, _DERIVED, self.doc)
        return node

    def add_membership(self, member: Membership) -> str:
        """A person's post in an agency (W3C ORG membership) with its evidence."""
        person = self._entity_node(member.person_key, "Person")
        key = "|".join((member.person_key, member.agency_key or "", member.post))
        node = iri(ID[f"membership/{digest(key)}"])
        self.add(node, _TYPE, _term(ORG, "Membership"))
        self.add(node, _term(ORG, "member"), person)
        self.add(node, _term(EKG, "post"), literal(member.post, lang="zh-Hans"))
        if member.agency_key:
            agency = self._entity_node(member.agency_key, "Agency")
            self.add(node, _term(ORG, "organization"), agency)
            self.add(person, _term(ORG, "memberOf"), agency)
        self.add(node, _EVIDENCE, self.span(member.evidence))
        self.add(node, _DERIVED, self.doc)
        return node

    def add_outcome_link(self, link: OutcomeLink) -> str:
        """A policy or programme reported with an observation, saying how the link was made."""
        entity = self._entity_node(link.entity_key, link.entity_type)
        obs_iri = observation_iri(
            self.document.doc_id, link.observation.start, link.observation.end, link.part
        )
        obs = iri(obs_iri)
        self.add(entity, _term(EKG, "reportedWith"), obs)
        node = self._claim_node("link", link.entity_key, str(obs_iri))
        self.add(node, _TYPE, _term(EKG, "OutcomeLink"))
        self.add(node, _term(EKG, "linkedEntity"), entity)
        self.add(node, _term(EKG, "observation"), obs)
        self.add(node, _term(EKG, "linkBasis"), literal(link.basis))
        self.add(node, _EVIDENCE, self.span(link.evidence))
        self.add(node, _DERIVED, self.doc)
        return node

    def _labels(self, node: str, name: str) -> None:
        """The canonical name in simplified script, and in traditional script when it differs."""
        self.add(node, _PREF, literal(name, lang="zh-Hans"))
        traditional = to_traditional(name)
        if traditional != name:
            self.add(node, _PREF, literal(traditional, lang="zh-Hant"))

    def _place(self, name: str, key: str) -> str:
        known = self._places.get((name, key))
        if known is not None:
            return known
        kind, _, ident = key.partition(":")
        node = iri(entity_iri(kind, ident))
        self._places[name, key] = node
        self.add(node, _TYPE, _term(EKG, "Place"))
        self._labels(node, name)
        place = self.lexicon.places.get(ident)
        if place is None:
            county = self.lexicon.places.get(split_town_key(ident)[0] or "")
            if county is not None:  # a town the gazetteer lacks is still inside its county
                self.add(node, _PART_OF, self._place(county.name, f"place:{county.id}"))
            return node
        if place.en:
            self.add(node, _PREF, literal(place.en, lang="en"))
        self.add(node, _term(EKG, "placeType"), literal(place.type))
        if place.code:
            self.add(node, _term(EKG, "divisionCode"), literal(place.code))
        parent = self.lexicon.places.get(place.parent) if place.parent else None
        if parent is not None and place.code and parent.code:
            # The chain up to the province, so a query can follow ekg:partOf+ from any county.
            self.add(node, _PART_OF, self._place(parent.name, f"place:{parent.id}"))
        return node

    def _indicator(self, ref: IndicatorRef, evidence: str) -> str:
        node = iri(ref.iri)
        self.add(node, _TYPE, _term(EKG, "Indicator"))
        self.add(node, _PREF, literal(ref.label, lang="zh-Hans"))
        if theme := self._theme(ref.theme):
            self.add(node, _term(EKG, "theme"), theme)
        if ref.in_scheme and ref.base is None:
            self.add(node, _term(SKOS, "inScheme"), _term(IND, "scheme"))
        else:
            # Minted from the text: an extracted node, so it carries its provenance.
            self.add(node, _DERIVED, self.doc)
            self.add(node, _MENTION, evidence)
        if ref.base is not None:
            base = self._indicator(ref.base, evidence)
            self.add(node, _term(SKOS, "broader"), base)
            if "change" in ref.iri:
                self.add(node, _term(EKG, "changeOf"), base)
        return node

    def add_observation(self, obs: Observation) -> str:
        """An observation node with its value, unit, hedge, period, place and spans."""
        node = iri(
            observation_iri(
                self.document.doc_id, obs.value_span.start, obs.value_span.end, obs.part
            )
        )
        quote = self.span(obs.quote)
        value_span = self.span(obs.value_span)
        period = obs.period
        self.add(node, _TYPE, _term(EKG, "Observation"))
        self.add(node, _term(EKG, "indicator"), self._indicator(obs.indicator, value_span))
        self.add(node, _term(EKG, "value"), _decimal(obs.value))
        self.add(node, _term(EKG, "unit"), iri(self.lexicon.units[obs.unit].iri))
        self.add(node, _term(EKG, "qualifier"), _QUALIFIERS[obs.qualifier])
        self.add(node, _term(EKG, "modality"), _MODALITIES[obs.modality])
        self.add(node, _term(EKG, "periodBasis"), literal(period.basis))
        if period.code:
            self.add(node, _term(EKG, "period"), literal(period.code))
        if period.start_year is not None:
            self.add(node, _term(EKG, "periodStartYear"), _integer(period.start_year))
        if period.end_year is not None:
            self.add(node, _term(EKG, "periodEndYear"), _integer(period.end_year))
        if obs.place and obs.place_key:
            self.add(node, _term(EKG, "place"), self._place(obs.place, obs.place_key))
        if theme := self._theme(obs.theme):
            self.add(node, _term(EKG, "theme"), theme)
        if obs.change_direction:
            self.add(node, _term(EKG, "changeDirection"), literal(obs.change_direction))
        if obs.rank_scope:
            self.add(node, _term(EKG, "rankScope"), literal(obs.rank_scope))
        if obs.max_value is not None:
            self.add(node, _term(EKG, "maxValue"), _decimal(obs.max_value))
        if obs.base_period:
            self.add(node, _term(EKG, "basePeriod"), literal(obs.base_period))
        if period.as_of:
            self.add(node, _term(EKG, "asOf"), _date_literal(PartialDate.parse(period.as_of)))
            self.add(node, _term(EKG, "asOfBasis"), literal(period.as_of_basis or "stated"))
        for again in obs.also:
            self.add(node, _term(EKG, "alsoStatedIn"), self.span(again))
        self.add(node, _EVIDENCE, quote)
        self.add(node, _term(EKG, "valueSpan"), value_span)
        self.add(node, _DERIVED, self.doc)
        label = f"{obs.indicator.label} {_decimal_lexical(obs.value)} {obs.unit}"
        self.add(node, _LABEL, literal(label, lang="zh-Hans"))
        return node


def _decimal_lexical(value: Decimal) -> str:
    """Canonical xsd:decimal lexical form: no exponent, no trailing zeros."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


@dataclass(frozen=True)
class DocumentStatements:
    """One document's named graph, and what the reconciliation pass reads of it."""

    lines: list[bytes]  # sorted N-Quads, UTF-8
    comparable: list[ComparableClaim]  # its comparable observations (ecokg.reconcile)


def document_statements(
    document: Document, claims: Iterable[Claim], lexicon: Lexicon
) -> DocumentStatements:
    """The named graph of one document as sorted N-Quads lines, with its comparable claims."""
    builder = GraphBuilder(document, lexicon)
    builder.add_claims(claims)
    return DocumentStatements(builder.lines(), builder.comparable())


def build_document_graph(document: Document, claims: Iterable[Claim], lexicon: Lexicon) -> Graph:
    """The named graph of one document as an rdflib graph (for notebooks and tests)."""
    graph = Graph(identifier=graph_iri(document.doc_id))
    lines = document_statements(document, claims, lexicon).lines
    data = "\n".join(triple_part(line.decode()) for line in lines)
    graph.parse(data=data, format="nt")
    return graph
