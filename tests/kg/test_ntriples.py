"""The N-Triples terms ecokg writes as text are the ones pyoxigraph prints."""

from __future__ import annotations

import pyoxigraph as ox
from hypothesis import given
from hypothesis import strategies as st

from ecokg.kg.ntriples import iri, is_valid_iri, literal, statement, term_value, triple_part

_XSD = "http://www.w3.org/2001/XMLSchema#"


@given(st.text())
def test_plain_literal_is_canonical(text: str) -> None:
    assert literal(text) == str(ox.Literal(text))


@given(st.text(), st.sampled_from(["zh-Hans", "zh-Hant", "en", "zh"]))
def test_language_literal_is_canonical(text: str, lang: str) -> None:
    assert literal(text, lang=lang) == str(ox.Literal(text, language=lang))


@given(st.integers(min_value=0, max_value=10**30), st.sampled_from(["integer", "gYear", "string"]))
def test_typed_literal_is_canonical(value: int, kind: str) -> None:
    datatype = _XSD + kind
    expected = str(ox.Literal(str(value), datatype=ox.NamedNode(datatype)))
    assert literal(str(value), datatype=datatype) == expected


@given(st.text(min_size=1))
def test_quad_line_round_trips_through_the_parser(text: str) -> None:
    s, p, g = iri("https://w3id.org/ecokg/id/a"), iri("https://w3id.org/ecokg/def#b"), "https://g/1"
    line = statement(s, p, literal(text), iri(g))
    [quad] = list(ox.parse(line.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    assert quad.object == ox.Literal(text)
    assert quad.graph_name == ox.NamedNode(g)
    [triple] = list(ox.parse(triple_part(line).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    assert triple.object == ox.Literal(text)


@given(st.text(), st.sampled_from([None, "zh-Hans", "en"]), st.sampled_from([None, "integer"]))
def test_term_value_is_what_the_parser_reads(text: str, lang: str | None, kind: str | None) -> None:
    """The claims read a term's value from the term the builder wrote, as the parser would."""
    term = literal(text, lang=lang, datatype=_XSD + kind if kind else None)
    line = statement(iri("https://w3id.org/ecokg/id/a"), iri("https://w3id.org/ecokg/def#b"), term)
    [triple] = list(ox.parse(line.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    assert term_value(term) == triple.object.value == text


def test_term_value_of_odd_literals_and_iris() -> None:
    for text in ['say "x"', "a\\u0041b", "tab\tnew\nline\r", "\x00\x07\x7f\b\f", "𝄞 \\", ""]:
        assert term_value(literal(text)) == text
        assert term_value(str(ox.Literal(text, language="zh-hans"))) == text
    assert term_value(iri("https://w3id.org/ecokg/id/obs/x")) == "https://w3id.org/ecokg/id/obs/x"


def test_only_absolute_iris_are_valid() -> None:
    assert is_valid_iri("https://example.org/a?b=1")
    assert not is_valid_iri("not an iri")
    assert not is_valid_iri("https://example.org/a b")
