"""Turn one document's claims into its named graph.

Every extracted node (observation, entity, minted indicator) carries ``prov:wasDerivedFrom`` its
document and links to :class:`ekg:Mention` spans that give the exact character offsets into the
decoded original text and quote it (``nif:anchorOf``), so each fact can be clicked back to its
sentence. Nothing here depends on order or hashing: the same claims give the same triples.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
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
from ecokg.text.analyzed import SourceSpan
from ecokg.text.normalize import to_simplified, to_traditional

_QUALIFIERS = {
    "exact": EKG.exact,
    "approx": EKG.approx,
    "lower_bound": EKG.lowerBound,
    "upper_bound": EKG.upperBound,
    "range": EKG.range,
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
_MODALITIES = {"achieved": EKG.achieved, "target": EKG.target, "forecast": EKG.forecast}


def script_tag(surface: str) -> str:
    """``zh-Hant`` when a surface form is written in traditional characters, else ``zh-Hans``."""
    return "zh-Hant" if to_simplified(surface) != surface else "zh-Hans"


def _date_literal(date: PartialDate) -> Literal:
    if date.month is None:
        return Literal(date.iso(), datatype=XSD.gYear)
    if date.day is None:
        return Literal(date.iso(), datatype=XSD.gYearMonth)
    return Literal(date.iso(), datatype=XSD.date)


class GraphBuilder:
    """Accumulates the triples of one document's named graph."""

    def __init__(self, document: Document, lexicon: Lexicon) -> None:
        self.document = document
        self.lexicon = lexicon
        self.doc = doc_iri(document.doc_id)
        self.graph = Graph(identifier=graph_iri(document.doc_id))
        self._add_document()

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        """Add one triple."""
        self.graph.add((s, p, o))

    def _add_document(self) -> None:
        d, doc = self.document, self.doc
        meta = d.meta
        self.add(doc, RDF.type, EKG.Document)
        self.add(doc, DCTERMS.identifier, Literal(d.doc_id))
        self.add(doc, EKG.sourceFile, Literal(d.path.name))
        self.add(doc, EKG.encoding, Literal(d.encoding))
        self.add(doc, EKG.characterCount, Literal(len(d.text), datatype=XSD.integer))
        digest = hashlib.sha256(d.text.encode("utf-8")).hexdigest()
        self.add(doc, EKG.textSha256, Literal(digest))
        self.add(doc, EKG.dateSource, Literal(d.date_source))
        if d.published:
            self.add(doc, DCTERMS.issued, _date_literal(d.published))
        if meta.title:
            self.add(doc, DCTERMS.title, Literal(meta.title, lang=meta.language or "zh"))
        for prop, value in (
            (DCTERMS.type, meta.kind),
            (DCTERMS.publisher, meta.publisher),
            (DCTERMS.language, meta.language),
            (EKG.dateCertainty, meta.date_certainty),
            (EKG.aboutPeriod, meta.about_period),
        ):
            if value:
                self.add(doc, prop, Literal(value))
        if meta.url:
            self.add(
                doc, DCTERMS.source, URIRef(meta.url) if "://" in meta.url else Literal(meta.url)
            )

    def span(self, span: SourceSpan) -> URIRef:
        """The mention node of an original-text span (created once, referenced many times)."""
        node = span_iri(self.document.doc_id, span.start, span.end)
        self.add(node, RDF.type, EKG.Mention)
        self.add(node, NIF.beginIndex, Literal(span.start, datatype=XSD.integer))
        self.add(node, NIF.endIndex, Literal(span.end, datatype=XSD.integer))
        self.add(node, NIF.anchorOf, Literal(span.text))
        self.add(node, NIF.referenceContext, self.doc)
        return node

    def add_claims(self, claims: Iterable[Claim]) -> None:
        """Add every claim in order."""
        for claim in claims:
            if isinstance(claim, Observation):
                self.add_observation(claim)
            elif isinstance(claim, EntityMention):
                self.add_entity(claim)
            elif isinstance(claim, Relation):
                self.add_relation(claim)
            elif isinstance(claim, Membership):
                self.add_membership(claim)
            else:
                self.add_outcome_link(claim)

    def add_entity(self, mention: EntityMention) -> URIRef:
        """An entity node (one IRI per real thing) with this mention attached."""
        kind, _, key = mention.key.partition(":")
        node = entity_iri(kind or mention.type, key or mention.name)
        self.add(node, RDF.type, EKG[mention.type])
        self._labels(node, mention.name)
        english = mention.attribute("en")
        if english:
            self.add(node, SKOS.prefLabel, Literal(english, lang="en"))
        if mention.span.text != mention.name:
            surface = " ".join(mention.span.text.split())
            self.add(node, SKOS.altLabel, Literal(surface, lang=script_tag(surface)))
        self.add(node, EKG.mention, self.span(mention.span))
        self.add(node, PROV.wasDerivedFrom, self.doc)
        for name, value in mention.attributes:
            if name == "theme" and value in self.lexicon.themes:
                self.add(node, EKG.theme, self.lexicon.themes[value].iri)
            elif name in _LITERAL_ATTRIBUTES:
                self.add(node, EKG[name], Literal(value))
            elif name == "issuedYear":  # the year of its document number
                self.add(node, EKG.issuedYear, Literal(value, datatype=XSD.gYear))
        return node

    def _entity_node(self, key: str, type_: str | None) -> URIRef:
        kind, _, rest = key.partition(":")
        node = entity_iri(kind, rest)
        if kind == "place":
            # A place the gazetteer lacks (a reserve, a lake found by its repeated name) is keyed
            # by its name, which is then its label.
            known = self.lexicon.places.get(rest)
            self._place(known.name if known else split_town_key(rest)[1], key)
        elif type_:
            self.add(node, RDF.type, EKG[type_])
        return node

    def _claim_node(self, kind: str, *parts: str) -> URIRef:
        return ID[f"{kind}/{self.graph.identifier.split('/')[-1]}/{digest('|'.join(parts))}"]

    def add_relation(self, rel: Relation) -> URIRef:
        """The relation as a direct triple plus a claim node that holds its evidence."""
        subject = self._entity_node(rel.subject_key, rel.subject_type)
        predicate = EKG[_PREDICATES[rel.predicate]]
        obj: URIRef | Literal
        if rel.obj_key is not None:
            obj = self._entity_node(rel.obj_key, rel.obj_type)
        elif rel.predicate == "addressesTheme" and rel.value in self.lexicon.themes:
            obj = self.lexicon.themes[rel.value].iri
        elif rel.predicate == "issuedYear":
            obj = Literal(str(rel.value), datatype=XSD.gYear)
        else:
            obj = Literal(str(rel.value))
        self.add(subject, predicate, obj)
        node = self._claim_node(
            "claim",
            str(subject),
            str(predicate),
            str(obj),
            f"{rel.evidence.start}-{rel.evidence.end}",
        )
        self.add(node, RDF.type, EKG.RelationClaim)
        self.add(node, RDF.subject, subject)
        self.add(node, RDF.predicate, predicate)
        self.add(node, RDF.object, obj)
        self.add(node, EKG.evidence, self.span(rel.evidence))
        self.add(node, PROV.wasDerivedFrom, self.doc)
        return node

    def add_membership(self, member: Membership) -> URIRef:
        """A person's post in an agency (W3C ORG membership) with its evidence."""
        person = self._entity_node(member.person_key, "Person")
        key = "|".join((member.person_key, member.agency_key or "", member.post))
        node = ID[f"membership/{digest(key)}"]
        self.add(node, RDF.type, ORG.Membership)
        self.add(node, ORG.member, person)
        self.add(node, EKG.post, Literal(member.post, lang="zh-Hans"))
        if member.agency_key:
            agency = self._entity_node(member.agency_key, "Agency")
            self.add(node, ORG.organization, agency)
            self.add(person, ORG.memberOf, agency)
        self.add(node, EKG.evidence, self.span(member.evidence))
        self.add(node, PROV.wasDerivedFrom, self.doc)
        return node

    def add_outcome_link(self, link: OutcomeLink) -> URIRef:
        """A policy or programme reported with an observation, saying how the link was made."""
        entity = self._entity_node(link.entity_key, link.entity_type)
        obs = observation_iri(self.document.doc_id, link.observation.start, link.observation.end)
        self.add(entity, EKG.reportedWith, obs)
        node = self._claim_node("link", link.entity_key, str(obs))
        self.add(node, RDF.type, EKG.OutcomeLink)
        self.add(node, EKG.linkedEntity, entity)
        self.add(node, EKG.observation, obs)
        self.add(node, EKG.linkBasis, Literal(link.basis))
        self.add(node, EKG.evidence, self.span(link.evidence))
        self.add(node, PROV.wasDerivedFrom, self.doc)
        return node

    def _labels(self, node: URIRef, name: str) -> None:
        """The canonical name in simplified script, and in traditional script when it differs."""
        self.add(node, SKOS.prefLabel, Literal(name, lang="zh-Hans"))
        traditional = to_traditional(name)
        if traditional != name:
            self.add(node, SKOS.prefLabel, Literal(traditional, lang="zh-Hant"))

    def _place(self, name: str, key: str) -> URIRef:
        kind, _, ident = key.partition(":")
        node = entity_iri(kind, ident)
        self.add(node, RDF.type, EKG.Place)
        self._labels(node, name)
        place = self.lexicon.places.get(ident)
        if place is None:
            county = self.lexicon.places.get(split_town_key(ident)[0] or "")
            if county is not None:  # a town the gazetteer lacks is still inside its county
                self.add(node, EKG.partOf, self._place(county.name, f"place:{county.id}"))
            return node
        if place.en:
            self.add(node, SKOS.prefLabel, Literal(place.en, lang="en"))
        self.add(node, EKG.placeType, Literal(place.type))
        if place.code:
            self.add(node, EKG.divisionCode, Literal(place.code))
        parent = self.lexicon.places.get(place.parent) if place.parent else None
        if parent is not None and place.code and parent.code:
            # The chain up to the province, so a query can follow ekg:partOf+ from any county.
            self.add(node, EKG.partOf, self._place(parent.name, f"place:{parent.id}"))
        return node

    def _indicator(self, ref: IndicatorRef, evidence: URIRef) -> URIRef:
        node = URIRef(ref.iri)
        self.add(node, RDF.type, EKG.Indicator)
        self.add(node, SKOS.prefLabel, Literal(ref.label, lang="zh-Hans"))
        if ref.theme and ref.theme in self.lexicon.themes:
            self.add(node, EKG.theme, self.lexicon.themes[ref.theme].iri)
        if ref.in_scheme and ref.base is None:
            self.add(node, SKOS.inScheme, IND.scheme)
        else:
            # Minted from the text: an extracted node, so it carries its provenance.
            self.add(node, PROV.wasDerivedFrom, self.doc)
            self.add(node, EKG.mention, evidence)
        if ref.base is not None:
            base = self._indicator(ref.base, evidence)
            self.add(node, SKOS.broader, base)
            if "change" in ref.iri:
                self.add(node, EKG.changeOf, base)
        return node

    def add_observation(self, obs: Observation) -> URIRef:
        """An observation node with its value, unit, hedge, period, place and spans."""
        node = observation_iri(
            self.document.doc_id, obs.value_span.start, obs.value_span.end, obs.part
        )
        quote = self.span(obs.quote)
        value_span = self.span(obs.value_span)
        self.add(node, RDF.type, EKG.Observation)
        self.add(node, EKG.indicator, self._indicator(obs.indicator, value_span))
        self.add(node, EKG.value, Literal(_decimal_lexical(obs.value), datatype=XSD.decimal))
        self.add(node, EKG.unit, self.lexicon.units[obs.unit].iri)
        self.add(node, EKG.qualifier, _QUALIFIERS[obs.qualifier])
        self.add(node, EKG.modality, _MODALITIES[obs.modality])
        self.add(node, EKG.periodBasis, Literal(obs.period.basis))
        if obs.period.code:
            self.add(node, EKG.period, Literal(obs.period.code))
        if obs.period.start_year is not None:
            self.add(
                node, EKG.periodStartYear, Literal(obs.period.start_year, datatype=XSD.integer)
            )
        if obs.period.end_year is not None:
            self.add(node, EKG.periodEndYear, Literal(obs.period.end_year, datatype=XSD.integer))
        if obs.place and obs.place_key:
            self.add(node, EKG.place, self._place(obs.place, obs.place_key))
        if obs.theme and obs.theme in self.lexicon.themes:
            self.add(node, EKG.theme, self.lexicon.themes[obs.theme].iri)
        if obs.change_direction:
            self.add(node, EKG.changeDirection, Literal(obs.change_direction))
        if obs.rank_scope:
            self.add(node, EKG.rankScope, Literal(obs.rank_scope))
        if obs.max_value is not None:
            high = Literal(_decimal_lexical(obs.max_value), datatype=XSD.decimal)
            self.add(node, EKG.maxValue, high)
        if obs.base_period:
            self.add(node, EKG.basePeriod, Literal(obs.base_period))
        if obs.period.as_of:
            self.add(node, EKG.asOf, _date_literal(PartialDate.parse(obs.period.as_of)))
            self.add(node, EKG.asOfBasis, Literal(obs.period.as_of_basis or "stated"))
        for again in obs.also:
            self.add(node, EKG.alsoStatedIn, self.span(again))
        self.add(node, EKG.evidence, quote)
        self.add(node, EKG.valueSpan, value_span)
        self.add(node, PROV.wasDerivedFrom, self.doc)
        label = f"{obs.indicator.label} {_decimal_lexical(obs.value)} {obs.unit}"
        self.add(node, RDFS.label, Literal(label, lang="zh-Hans"))
        return node


def _decimal_lexical(value: Decimal) -> str:
    """Canonical xsd:decimal lexical form: no exponent, no trailing zeros."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def build_document_graph(document: Document, claims: Iterable[Claim], lexicon: Lexicon) -> Graph:
    """The named graph of one document."""
    builder = GraphBuilder(document, lexicon)
    builder.add_claims(claims)
    return builder.graph
