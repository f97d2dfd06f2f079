"""Bad input is read or refused one item at a time (a number, a metadata field, a character),
never a whole document, and every output stays valid.

Each test states the exact outcome and checks that nothing else was lost: the other documents
are built and their facts are there.
"""

from __future__ import annotations

import csv
import datetime
import html
import io
import json
import re
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path
from xml.etree import ElementTree

import pyoxigraph as ox
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from conftest import run_cli
from ecokg.api import BuildSummary, build
from ecokg.corpus import Document, PartialDate, date_from_text, decode_bytes, load_sources
from ecokg.errors import InputError
from ecokg.export import export_bytes
from ecokg.extract.base import Claim, Observation
from ecokg.extract.lexicon import Lexicon, load_lexicon
from ecokg.pipeline import extract
from ecokg.store import QueryResult, open_kg
from ecokg.text.analyzed import AnalyzedDoc
from ecokg.text.normalize import normalize
from ecokg.text.numbers import NUMBER_PATTERN, parse_number
from ecokg.text.periods import PeriodFinder, TimeAnchor
from ecokg.viz.report import report_html
from ecokg.web.results import serialize

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
# One sentence with one observation the extractor always finds (PM2.5 27 µg/m³ in 2024).
GOOD = "江西省生态环境厅发布：2024年全省PM2.5平均浓度为27微克/立方米。"
OTHER = "南昌市2024年PM2.5平均浓度为30微克/立方米。"


def corpus(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    """A corpus folder holding ``files`` (text is written as UTF-8)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    return folder


def claims(text: str, lexicon: Lexicon) -> list[Claim]:
    """What extraction makes of one document with this text."""
    return extract(AnalyzedDoc.of(Document("t", Path("t.txt"), text, "utf-8")), lexicon)


def values(found: list[Claim]) -> set[Decimal]:
    return {c.value for c in found if isinstance(c, Observation)}


@cache
def period_finder() -> PeriodFinder:
    # Hypothesis runs a test many times; a function-scoped fixture would not be shared.
    return PeriodFinder(load_lexicon().words)


def built(summary: BuildSummary) -> dict[str, int]:
    """Each built document's observation count."""
    return {d.doc_id: d.observations for d in summary.documents}


# ----------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    "text",
    [
        "1234567890123456789012345678901",  # 31 digits
        "1234567890123456789012345678901万",
        "1.2345678901234567890123456789012",  # 32 significant digits: no silent rounding
        "1亿亿亿亿",  # 10**32
        "1" + "亿" * 100_000,  # would overflow the decimal context
        "一" + "亿" * 5000,
    ],
)
def test_a_number_too_long_to_hold_exactly_is_refused_with_value_error(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


def test_numbers_up_to_28_digits_are_exact() -> None:
    assert parse_number("9999999999999999999999999999") == Decimal("9" * 28)
    assert parse_number("99999999999999999999亿") == Decimal("9" * 20 + "0" * 8)
    assert parse_number("１２３") == 123  # full-width digits
    assert parse_number("0.1234567890123456789012345678") == Decimal(
        "0.1234567890123456789012345678"
    )


@pytest.mark.parametrize(
    ("bad", "found"),
    [
        ("罚款1234567890123456789012345678901万元。", set()),
        ("PM10浓度为5-123456789012345678901234567890123微克/立方米。", set()),  # a range's end
        ("南昌市排名第12345678901234567890123456789012。", set()),
        ("单位：万元\n南昌市  12345678901234567890123456789012\n", set()),  # a table row
        ("全省11个设区市空气质量排名第十十的城市为南昌市。", {11}),  # a rank that is no numeral
        # A share of 10**30 percent is nonsense, but it is what the text says: read, not a crash.
        ("达标率为1分之9999999999999999999999999999。", {Decimal("9" * 28 + "00")}),
    ],
    ids=["amount", "range-end", "rank", "table-row", "rank-numeral", "share"],
)
def test_a_number_that_cannot_be_read_is_skipped_not_its_document(
    lexicon: Lexicon, bad: str, found: set[Decimal]
) -> None:
    assert values(claims(f"{bad}\n{GOOD}", lexicon)) == {Decimal(27), *found}


def test_a_document_with_an_overlong_number_is_built(tmp_path: Path) -> None:
    folder = corpus(
        tmp_path,
        {"big.txt": f"全年罚没款1234567890123456789012345678901万元。{GOOD}", "ok.txt": OTHER},
    )
    summary = build(folder, tmp_path / "out")
    assert summary.problems == []
    assert built(summary) == {"big": 1, "ok": 1}
    assert summary.violations == 0


# ----------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("bom", "codec", "name"),
    [
        (b"\xff\xfe", "utf-16-le", "utf-16"),
        (b"\xfe\xff", "utf-16-be", "utf-16"),
        (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32"),
    ],
)
def test_utf16_and_utf32_with_a_bom_are_read(bom: bytes, codec: str, name: str) -> None:
    assert decode_bytes(bom + GOOD.encode(codec)) == (GOOD, name)


def test_a_utf16_document_builds_and_records_its_encoding(tmp_path: Path) -> None:
    folder = corpus(tmp_path, {"wide.txt": GOOD.encode("utf-16"), "ok.txt": OTHER})
    summary = build(folder, tmp_path / "out")
    assert summary.problems == [] and summary.violations == 0
    assert built(summary) == {"ok": 1, "wide": 1}
    assert {d.doc_id: d.encoding for d in summary.documents}["wide"] == "utf-16"


# ----------------------------------------------------------------------------- sources.yaml

DATE_RULE = "a valid date (YYYY, YYYY-MM or YYYY-MM-DD)"
TEXT_RULE = "text (not empty, no control characters)"


def graph_text(out: Path, doc: str) -> str:
    return (out / "graphs" / f"{doc}.trig").read_text(encoding="utf-8")


def test_an_unquoted_impossible_date_drops_only_that_field(tmp_path: Path) -> None:
    folder = corpus(
        tmp_path,
        {
            "doc3.txt": GOOD,
            "ok.txt": OTHER,
            "sources.yaml": "doc3:\n  title: 江西省状况\n  published: 2023-02-30\n"
            "ok:\n  published: 2024-05\n",
        },
    )
    summary = build(folder, tmp_path / "out")
    sources = folder / "sources.yaml"
    assert summary.problems == [
        f"{sources}: doc3: published '2023-02-30' is not {DATE_RULE}; ignored"
    ]
    assert built(summary) == {"doc3": 1, "ok": 1}
    assert '"江西省状况"@zh' in graph_text(tmp_path / "out", "doc3")  # the entry's other fields
    assert '"2024-05"^^xsd:gYearMonth' in graph_text(tmp_path / "out", "ok")


def test_bad_metadata_values_are_blamed_on_sources_yaml_not_on_the_text(tmp_path: Path) -> None:
    folder = corpus(
        tmp_path,
        {
            "a.txt": GOOD,
            "b.txt": OTHER,
            "sources.yaml": "a:\n  title: 甲\n  language: zh Hans\n  about_period: last year\n"
            'b:\n  title: "\\ud800"\n  publisher: [x, y]\n  date_certainty: sure\n'
            "  url: 人民网\n  kind: 公报\n",
        },
    )
    summary = build(folder, tmp_path / "out")
    sources = folder / "sources.yaml"
    assert summary.problems == [
        f"{sources}: a: about_period 'last year' is not a period "
        "(YYYY, YYYY-MM, YYYY/YYYY or YYYY-MM/YYYY-MM); ignored",
        f"{sources}: a: language 'zh Hans' is not a language tag "
        "(BCP 47, such as zh-Hans or zh-Hant); ignored",
        f"{sources}: b: date_certainty 'sure' is not one of: stated, estimated; ignored",
        f"{sources}: b: publisher ['x', 'y'] is not a single value; ignored",
        f"{sources}: b: title '\\ud800' is not {TEXT_RULE}; ignored",
        f"{sources}: b: url '人民网' is not an absolute URL; ignored",
    ]
    assert built(summary) == {"a": 1, "b": 1} and summary.violations == 0
    assert '"甲"@zh' in graph_text(tmp_path / "out", "a")
    assert '"公报"' in graph_text(tmp_path / "out", "b")


def test_a_yaml_syntax_error_is_one_line_with_its_line_number(tmp_path: Path) -> None:
    folder = corpus(
        tmp_path,
        {"a.txt": GOOD, "b.txt": OTHER, "sources.yaml": "a:\n  title: [unclosed\nb:\n  kind: x\n"},
    )
    done = run_cli("build", str(folder), "-o", str(tmp_path / "out"))
    sources = folder / "sources.yaml"
    assert done.returncode == 1 and "Traceback" not in done.stderr
    (line,) = [line for line in done.stderr.splitlines() if "sources.yaml" in line]
    assert line.endswith(
        f"{sources}: malformed YAML at line 3 (expected ',' or ']', but got ':'); no metadata used"
    )
    assert sorted(p.stem for p in (tmp_path / "out" / "graphs").glob("*.trig")) == ["a", "b"]


def test_unknown_keys_warn_and_values_stay_text(tmp_path: Path) -> None:
    folder = corpus(
        tmp_path,
        {
            "001.txt": GOOD,
            "sources.yaml": "001:\n  kind: yes\n  published: 2024-05\n  colour: red\n"
            "doc9:\n  title: 无\n",
        },
    )
    metas, problems = load_sources(folder)
    assert metas["001"].kind == "yes"  # not True, and the stem 001 is not the number 1
    assert metas["001"].published == PartialDate(2024, 5)
    sources = folder / "sources.yaml"
    unknown = (
        f"{sources}: 001: unknown key 'colour' ignored (the keys are title, kind, publisher, "
        "published, date_certainty, about_period, language, url)"
    )
    assert [str(p) for p in problems] == [unknown]
    summary = build(folder, tmp_path / "out")
    assert summary.problems == [] and summary.ok
    assert summary.warnings == [
        unknown,
        f"{sources}: doc9: no document doc9.txt in the corpus (entries are keyed by the file "
        "name without .txt); entry unused",
    ]
    assert json.loads((tmp_path / "out" / "build.json").read_text())["warnings"] == summary.warnings


# ----------------------------------------------------------------------------- fuzz

ENCODINGS = {"utf-8", "utf-8-sig", "utf-16", "utf-32", "gb18030", "big5"}


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=200),
        st.builds(
            bytes.__add__,
            st.sampled_from([b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\xef\xbb\xbf"]),
            st.binary(max_size=200),
        ),
    )
)
def test_decoding_any_bytes_gives_text_or_one_input_error(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data, "x.txt")
    except InputError as exc:
        assert str(exc).startswith("x.txt: ") and "\n" not in str(exc)
    else:
        assert encoding in ENCODINGS and text.strip()


@settings(max_examples=200, deadline=None)
@given(
    st.text(st.characters(exclude_categories=("Cc", "Cs", "Co", "Cn")), min_size=1, max_size=80),
    st.sampled_from(["utf-16", "utf-32", "utf-8-sig"]),  # Python writes each with its BOM
)
@example(GOOD, "utf-16")
def test_text_behind_a_bom_comes_back_as_written(text: str, codec: str) -> None:
    assume(text.strip())
    assert decode_bytes(text.encode(codec)) == (text, codec)


NUMBER_TEXTS = st.one_of(
    st.from_regex(NUMBER_PATTERN, fullmatch=True),
    st.builds(
        str.__add__,
        st.text("0123456789", min_size=1, max_size=40),
        st.sampled_from(
            ["", "万", "亿", "千万", "万亿", "亿亿亿亿", ".5", ".000000000000000000001"]
        ),
    ),
    st.text("0123456789,.万亿千百十一二两三零〇１２３", max_size=40),
    st.text(max_size=20),
)


@settings(max_examples=400, deadline=None)
@given(NUMBER_TEXTS)
@example("1" + "0" * 40)
@example("一" + "亿" * 40)
def test_a_number_is_read_exactly_or_refused_with_value_error(text: str) -> None:
    try:
        value = parse_number(text)
    except ValueError:
        return
    assert parse_number(format(value, "f")) == value  # it round-trips as the graph writes it
    arabic = re.fullmatch(r"\s*([\d,.]+)([十百千万亿]*)\s*", text)
    if arabic:
        digits, multipliers = arabic.groups()
        power = sum({"十": 1, "百": 2, "千": 3, "万": 4, "亿": 8}[c] for c in multipliers)
        exact = Fraction(Decimal(digits.replace(",", ""))) * 10**power
        assert Fraction(value) == exact  # nothing rounded


# fmt: off
DATE_WORDS = [
    "截至", "截止", "底", "至", "—", "上半年", "前三季度", "十四五", "去年", "今年", "同年",
    "以来", "全年", "累计", "，", "。", "\n", "2024年", "2021—2025年", "1—9月",
]
# fmt: on
DATE_PIECES = st.one_of(
    st.builds(
        "{}年{}月{}日".format,
        st.integers(1940, 2110),
        st.integers(0, 14),
        st.integers(0, 40),
    ),
    st.builds("{}月{}日".format, st.integers(0, 14), st.integers(0, 40)),
    st.sampled_from(DATE_WORDS),
    st.text("0123456789年月日号底至-", max_size=8),
)
DATE_TEXTS = st.lists(DATE_PIECES, max_size=10).map("".join)
ANCHORS = st.sampled_from(
    [TimeAnchor(2025, "2024"), TimeAnchor(None), TimeAnchor(2024, "2021/2025")]
)


def is_iso_date(text: str) -> bool:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` naming a day the calendar has."""
    m = re.fullmatch(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", text)
    if m is None:
        return False
    year, month, day = (int(g) if g else None for g in m.groups())
    try:
        datetime.date(year or 0, month or 1, day or 1)
    except ValueError:
        return False
    return True


def assert_iso_period(code: str) -> None:
    """A period code is one ISO year or month, or a range of two of the same precision."""
    ends = code.split("/")
    assert len(ends) <= 2 and all(is_iso_date(end) and len(end) <= 7 for end in ends), code
    assert ends[0] <= ends[-1] and len(ends[0]) == len(ends[-1]), code


@settings(max_examples=300, deadline=None)
@given(DATE_TEXTS, ANCHORS)
@example("截至2025年2月30日，累计建成100座。", TimeAnchor(2025, "2024"))
@example("截至2月0日，累计完成5万亩。", TimeAnchor(2025, "2024"))
def test_time_expressions_are_valid_iso_periods_and_dates(text: str, anchor: TimeAnchor) -> None:
    for expr in period_finder().find(text, anchor):
        assert 0 <= expr.start < expr.end <= len(text)
        if expr.code not in (None, "cumulative"):
            assert_iso_period(expr.code)
        as_of = getattr(expr, "as_of", None)  # 56a3591 had no deadlines
        assert as_of is None or is_iso_date(as_of), expr
    issued = date_from_text(text)
    assert issued is None or is_iso_date(issued.iso())


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=20), st.from_regex(r"\d{4}(-\d{1,2}){0,3}", fullmatch=True)))
@example("2023-02-30")
def test_a_date_is_a_calendar_date_or_a_value_error(text: str) -> None:
    try:
        date = PartialDate.parse(text)
    except ValueError:
        return
    assert is_iso_date(date.iso())


# ----------------------------------------------------------------------------- cleaning

# What a page copied from the web leaves in a text: every kind of markup remnant.
HTML_TEXT = (
    '<p>南昌市<span style="color:red">生态&amp;环境局</span></p><!-- 编辑：张三 -->'
    '<script type="text/javascript">var a="江西省发展改革委";</script><style>p{x:1}</style>'
    "印发&lt;通知&gt;&nbsp;。<br/>"
)


def test_html_remnants_are_removed_in_cleaning_with_exact_offsets() -> None:
    norm = normalize(HTML_TEXT)
    assert norm.text == "南昌市生态&环境局印发<通知> 。"
    i = norm.text.index("生态&环境局")
    start, end = norm.original_span(i, i + 6)
    assert HTML_TEXT[start:end] == "生态&amp;环境局"
    for k, char in enumerate(norm.text):  # every character points at itself or its entity
        start, end = norm.original_span(k, k + 1)
        assert HTML_TEXT[start:end] == char or html.unescape(HTML_TEXT[start:end]) in (char, "\xa0")
    # A block that never closes loses only its tag (and costs no scan per opening).
    assert normalize("甲<script>乙<!--丙" * 3000).text == "甲乙<!--丙" * 3000


def test_invisible_characters_are_removed_in_cleaning_with_exact_offsets() -> None:
    original = "江西\x01省\u202e生态\u200b环境厅\x0c第二页\ufeff\x7f"
    norm = normalize(original)
    assert norm.text == "江西省生态环境厅\n第二页"
    start, end = norm.original_span(2, 5)  # 省生态
    assert original[start:end] == "省\u202e生态"


HOSTILE = (
    "江西省生态环境厅印发《关于加强\x01大气<!-- x -->污染防治的\u202e通知》。"
    '九江市生态环境局启动"><script>alert(1)</script>{{x}}\\u0000\\专项行动。'
    f"{GOOD}"
)


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildSummary]:
    tmp = tmp_path_factory.mktemp("hostile")
    folder = corpus(tmp, {"hostile.txt": HOSTILE, "ok.txt": OTHER})
    return tmp / "out", build(folder, tmp / "out")


LABELS = """
SELECT ?label WHERE { GRAPH ?g { ?s ?p ?label
  VALUES ?p { <http://www.w3.org/2000/01/rdf-schema#label>
              <http://www.w3.org/2004/02/skos/core#prefLabel>
              <http://www.w3.org/2004/02/skos/core#altLabel> } } }
"""
MENTIONS = """
SELECT ?doc ?b ?e ?q WHERE { GRAPH ?g {
  ?m <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#referenceContext> ?d ;
     <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex> ?b ;
     <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#endIndex> ?e ;
     <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf> ?q .
  ?d <http://purl.org/dc/terms/identifier> ?doc } }
"""


def test_hostile_text_builds_with_clean_labels_and_exact_quotes(
    hostile_build: tuple[Path, BuildSummary],
) -> None:
    out, summary = hostile_build
    assert summary.problems == [] and summary.violations == 0
    assert built(summary) == {"hostile": 1, "ok": 1}
    kg = open_kg(out)
    labels = {str(row[0].value) for row in kg.query(LABELS).rows}
    assert "关于加强大气污染防治的通知" in labels
    assert any(label.endswith('">{{x}}\\u0000\\专项行动') for label in labels), labels
    for label in labels:
        assert not re.search("[\x00-\x1f\u202e]|<!--|<script|&amp;", label), label
    texts = {d: (out / "texts" / f"{d}.txt").read_text(encoding="utf-8") for d in built(summary)}
    rows = kg.query(MENTIONS).rows
    assert rows
    for doc, b, e, quote in rows:
        assert texts[doc.value][int(b.value) : int(e.value)] == quote.value


OBJECTS = "SELECT DISTINCT ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
RDF_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}


@pytest.mark.parametrize("fmt", ["ttl", "trig", "nt", "nq", "jsonld", "graphml", "gexf", "csv"])
def test_every_export_of_a_hostile_text_parses(
    hostile_build: tuple[Path, BuildSummary], fmt: str
) -> None:
    """The quotes keep the text's control characters and markup exactly; RDF exports escape
    them (every value comes back), the XML ones hold only what XML can."""
    kg = open_kg(hostile_build[0])
    data = export_bytes(kg, fmt)
    if fmt in ("graphml", "gexf"):
        ElementTree.fromstring(data)
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
        assert len(rows) == 3  # the header and each document's observation
    else:
        values = {q.object.value for q in ox.parse(data, format=RDF_FORMATS[fmt])}
        assert values == {row[0].value for row in kg.query(OBJECTS).rows}
        assert any("\x01" in v and "\u202e" in v for v in values)  # a quote, as written


def test_the_report_of_a_hostile_text_holds_its_text_as_data(
    hostile_build: tuple[Path, BuildSummary],
) -> None:
    page = report_html(open_kg(hostile_build[0]))
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\u202e]", page)
    _, _, rest = page.partition('<script type="application/json" id="ecokg-data">')
    data, _, _ = rest.partition("</script>")
    assert "<" not in data and json.loads(data)
    assert page.count("<script") == 2  # the data and the report's own code, nothing from the text


def test_graphml_and_gexf_of_labels_with_control_characters_are_xml(tmp_path: Path) -> None:
    """Labels read from any RDF (here a file; a remote store alike) may hold what XML cannot."""
    ekg, skos = "https://w3id.org/ecokg/def#", "http://www.w3.org/2004/02/skos/core#"
    agency, policy = "https://w3id.org/ecokg/id/agency/x", "https://w3id.org/ecokg/id/policy/y"
    nt = tmp_path / "g.nt"
    nt.write_text(
        f"<{agency}> <{RDF_TYPE}> <{ekg}Agency> .\n<{policy}> <{RDF_TYPE}> <{ekg}Policy> .\n"
        f"<{agency}> <{ekg}issued> <{policy}> .\n"
        f'<{agency}> <{skos}prefLabel> "生态\\u0001环境\\u000B局\\uFFFE"@zh-hans .\n'
        f'<{policy}> <{skos}prefLabel> "通知\\u001F"@zh-hans .\n',
        encoding="utf-8",
    )
    for fmt in ("graphml", "gexf"):
        root = ElementTree.fromstring(export_bytes(open_kg(nt), fmt))
        texts = [e.text for e in root.iter()] + [v for e in root.iter() for v in e.attrib.values()]
        assert "生态环境局" in texts and "通知" in texts, fmt


def test_sparql_xml_results_of_literals_with_control_characters_are_xml() -> None:
    result = QueryResult(["label"], [[ox.Literal("生态\x01环境\x0b局\ufffe", language="zh-hans")]])
    body, _ = serialize(result, ["xml"])
    texts = [e.text for e in ElementTree.fromstring(body).iter()]
    assert "生态环境局" in texts
