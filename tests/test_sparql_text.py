"""Reading SPARQL text once: escapes, strings, comments, keywords and depth."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecokg.errors import QuerySyntaxError
from ecokg.sparql_text import expand_codepoints, lex_query

QUERIES = Path(__file__).resolve().parents[1] / "queries"


@pytest.mark.parametrize(
    ("text", "keywords"),
    [
        ('SELECT * { ?s ?p "SERVICE <http://a> {}" }', {"SELECT"}),
        ("SELECT * { ?s ?p '''it's \"SERVICE\"''' }", {"SELECT"}),
        ("SELECT * { ?s ?p ?o } # SERVICE <http://a> {}", {"SELECT"}),
        ("SELECT ?service { ?service ex:SERVICE service:x }", {"SELECT"}),
        ("SELECT * { ?s ex:a\\'b ?o FILTER(?o > 1e3) }", {"SELECT", "FILTER"}),
        ("SELECT * { <http://a#SERVICE> ?p ?o }", {"SELECT"}),
        ('ASK { ?s ?p "x"@en, "1"^^xsd:int }', {"ASK"}),
        ("SELECT * {} \\u0053ERVICE", {"SELECT", "SERVICE"}),
    ],
)
def test_keywords_are_the_bare_words_outside_strings_iris_and_comments(
    text: str, keywords: set[str]
) -> None:
    assert lex_query(text).keywords == keywords


def test_comments_are_dropped_and_iris_kept() -> None:
    lexed = lex_query("SELECT * # note\n{ <http://a#b> ?p ?o }")
    assert lexed.text == "SELECT * \n{ <http://a#b> ?p ?o }"


def test_depth_counts_every_kind_of_bracket() -> None:
    assert lex_query("SELECT * { FILTER((1)) ?s ?p [ ?q 1 ] }").depth == 3
    assert lex_query('SELECT * { ?s ?p "{{{((" }').depth == 1


@pytest.mark.parametrize(
    "text",
    [
        'SELECT * { ?s ?p "\\u005C" }',  # expands to an unterminated string
        'SELECT * { ?s ?p "\\q" }',  # not a string escape
        'SELECT * { ?s ?p "\\u005Cu0041" }',  # an escape that makes an escape
        'SELECT * { ?s ?p "\\U005C" }',  # rdflib would expand this; Oxigraph would not
        'SELECT * { ?s ?p "\\uD800" }',  # a surrogate is not a character
        "SELECT * { ?s ?p ?o } \\",
        'SELECT * { ?s ?p "open }',
    ],
)
def test_text_two_readers_could_disagree_on_is_refused(text: str) -> None:
    with pytest.raises(QuerySyntaxError):
        lex_query(text)


def test_codepoint_escapes_expand_once() -> None:
    assert expand_codepoints("\\u0041\\U0001F600\\u005C") == "A\U0001f600\\"


@pytest.mark.parametrize("path", sorted(QUERIES.glob("*.rq")), ids=lambda p: p.stem)
def test_every_canned_query_reads_unchanged_but_for_comments(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    lexed = lex_query(text)
    assert "SERVICE" not in lexed.keywords
    assert lexed.text.split() == lex_query(lexed.text).text.split()


@given(st.text(alphabet=st.sampled_from(list("SELCTVR{}()[]<>#\"'\\u005Cab:?. \n")), max_size=80))
def test_reading_is_a_fixed_point(text: str) -> None:
    """Whatever is accepted reads the same the second time: a checker and an engine given the
    returned text see one query."""
    try:
        lexed = lex_query(text)
    except QuerySyntaxError:
        return
    again = lex_query(lexed.text)
    assert (again.text, again.keywords, again.depth) == (lexed.text, lexed.keywords, lexed.depth)


@given(st.text(max_size=40))
def test_any_string_literal_hides_its_content(value: str) -> None:
    escaped = (
        value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    try:
        lexed = lex_query(f'SELECT * {{ ?s ?p "{escaped}" }}')
    except QuerySyntaxError:
        # Only text that spells a codepoint escape may be refused.
        assert "\\u" in value.lower()
        return
    assert lexed.keywords == {"SELECT"}
