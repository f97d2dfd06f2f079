"""What extractors return, and the registry that names them.

An extractor is any callable ``(AnalyzedDoc, Lexicon) -> Iterable[Claim]``. Registering one under a
name (``@register("observations")``) makes it available to the pipeline by that name, the way
spaCy components are; third-party code can add its own without editing ecokg.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ecokg.extract.lexicon import Lexicon
from ecokg.text.analyzed import AnalyzedDoc, SourceSpan

ENTITY_TYPES = ("Agency", "Person", "Regulation", "Policy", "Programme", "Place", "Event")


@dataclass(frozen=True)
class EntityMention:
    """A named thing found in a document.

    ``name`` is the canonical simplified name; ``key`` identifies the real thing across documents
    (a gazetteer id, or the canonical name itself); ``span`` is where the text names it.
    """

    type: str
    name: str
    key: str
    span: SourceSpan
    attributes: tuple[tuple[str, str], ...] = ()
    norm_span: tuple[int, int] | None = None  # where it stands in the normalised text

    def attribute(self, name: str) -> str | None:
        """The value of one attribute, if set."""
        return dict(self.attributes).get(name)

    def __post_init__(self) -> None:
        if self.type not in ENTITY_TYPES:
            raise ValueError(f"unknown entity type {self.type!r}")


@dataclass(frozen=True)
class IndicatorRef:
    """The indicator an observation measures: a scheme concept or one minted from the text."""

    iri: str
    label: str
    in_scheme: bool
    theme: str | None = None
    base: IndicatorRef | None = None  # for a change or rank: the indicator it is about


@dataclass(frozen=True)
class Period:
    """The time a value refers to, in the contract's syntax, and how it was found."""

    code: str | None  # "2022", "2021/2025", "2025-12", "cumulative", or None (no stated time)
    basis: str  # stated | relative | plan | context | document | none
    start_year: int | None = None
    end_year: int | None = None
    # For a running total: the date it holds at (ISO at the precision known), and whether the
    # text states it (截至2025年10月底) or it is the document's own date.
    as_of: str | None = None
    as_of_basis: str | None = None  # stated | document


@dataclass(frozen=True)
class Observation:
    """A quantitative claim with its evidence."""

    indicator: IndicatorRef
    value: Decimal
    unit: str
    qualifier: str
    period: Period
    place: str | None
    place_key: str | None
    quote: SourceSpan
    value_span: SourceSpan
    modality: str = "achieved"
    theme: str | None = None
    change_direction: str | None = None
    rank_scope: str | None = None
    max_value: Decimal | None = None  # high end of a range (qualifier "range")
    base_period: str | None = None  # what a change is measured against (同比, 较2020年)
    part: int = 0  # which of the observations one number makes (see kg.vocab.observation_iri)
    also: tuple[SourceSpan, ...] = ()  # the same claim stated again in the document


@dataclass(frozen=True)
class Relation:
    """A relation between an entity and another entity or a value, with its evidence.

    ``predicate`` is a local name of the ontology (issued, leads, aboutPlace, addressesTheme,
    issuedYear, plannedPeriod, status, partOf); ``obj_key`` names an entity, ``value`` a literal.
    """

    subject_key: str
    subject_type: str
    predicate: str
    evidence: SourceSpan
    obj_key: str | None = None
    obj_type: str | None = None
    value: str | None = None


@dataclass(frozen=True)
class Membership:
    """A person holding a post in an agency (厅长李军 of 江西省生态环境厅)."""

    person_key: str
    agency_key: str | None
    post: str
    evidence: SourceSpan


@dataclass(frozen=True)
class OutcomeLink:
    """A policy, regulation or programme reported together with an observation.

    ``basis`` says how: same_sentence, same_paragraph, or shared_theme_place (same document,
    same theme and place); the evidence is the sentence or paragraph, or the entity's mention.
    """

    entity_key: str
    entity_type: str
    observation: SourceSpan  # the observation's value span: identifies it, with its part
    basis: str
    evidence: SourceSpan
    part: int = 0  # which of the observations the number makes (see Observation.part)


Claim = EntityMention | Observation | Relation | Membership | OutcomeLink
# An extractor reads the document, the lexicon and the claims of the extractors before it.
Extractor = Callable[[AnalyzedDoc, Lexicon, Sequence[Claim]], Iterable[Claim]]


@dataclass
class Registry:
    """Named extractors, run in registration order unless a list of names is given."""

    extractors: dict[str, Extractor] = field(default_factory=dict)

    def register(self, name: str) -> Callable[[Extractor], Extractor]:
        """Decorator: register ``func`` under ``name``."""

        def add(func: Extractor) -> Extractor:
            self.extractors[name] = func
            return func

        return add

    def get(self, names: Iterable[str] | None = None) -> list[tuple[str, Extractor]]:
        """The extractors to run, by name (all when ``names`` is None)."""
        if names is None:
            return list(self.extractors.items())
        missing = [n for n in names if n not in self.extractors]
        if missing:
            known = ", ".join(self.extractors)
            raise KeyError(f"unknown extractor(s) {', '.join(missing)} (known: {known})")
        return [(n, self.extractors[n]) for n in names]


registry = Registry()
register = registry.register
