"""Standard numbers and document numbers: found however they are written, parsed into their
parts and written back in one form."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecokg.text.codes import find_document_numbers, find_standard_codes

SERIES = ("GB", "HJ", r"DB\d{2}")
DASHES = st.sampled_from(["-", "—", "–", "－", " - ", "—"])
BRACKETS = st.sampled_from([("〔", "〕"), ("[", "]"), ("（", "）"), ("(", ")"), ("【", "】")])


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("执行GB 16297—1996大气污染物综合排放标准", "GB 16297-1996"),
        ("《环境空气质量标准》（GB3095-2012）", "GB 3095-2012"),
        ("GB/T 23598—2009 水资源公报编制规程", "GB/T 23598-2009"),
        ("DB43/ 968—2021", "DB43/ 968-2021"),
        ("DB51/3208-2025", "DB51/ 3208-2025"),
        ("DB43/T 1234-2023", "DB43/T 1234-2023"),
        ("HJ 75-2017", "HJ 75-2017"),
    ],
)
def test_standard_numbers_in_one_form(text: str, code: str) -> None:
    found = list(find_standard_codes(text, SERIES))
    assert [str(c) for c in found] == [code]
    assert text[found[0].start : found[0].end].replace(" ", "").startswith(code[:2])


def test_no_standard_in_a_pollutant_or_a_phone_number() -> None:
    assert not list(find_standard_codes("PM2.5-2020年均浓度，电话0731-88888888", SERIES))


@given(
    series=st.sampled_from(["GB", "HJ", "DB43"]),
    number=st.integers(1, 99999),
    year=st.integers(1980, 2039),
    dash=DASHES,
    space=st.sampled_from(["", " "]),
)
def test_any_written_form_parses_back(
    series: str, number: int, year: int, dash: str, space: str
) -> None:
    text = f"执行{series}{space}{number}{dash}{year}标准"
    (code,) = find_standard_codes(text, SERIES)
    assert (code.series, code.number, code.year) == (series, str(number), year)
    assert text[code.start : code.end] == f"{series}{space}{number}{dash}{year}"


@given(
    issuer=st.sampled_from(["湘环发", "黔委厅字", "川府发", "国办发", "环办执法函"]),
    year=st.integers(1990, 2039),
    number=st.integers(1, 9999),
    brackets=BRACKETS,
    lead=st.sampled_from(["", "依据", "印发了", "（"]),
)
def test_document_numbers_parse_into_issuer_year_and_serial(
    issuer: str, year: int, number: int, brackets: tuple[str, str], lead: str
) -> None:
    text = f"{lead}{issuer}{brackets[0]}{year}{brackets[1]}{number}号文件"
    (found,) = find_document_numbers(text, ["依据", "印发", "印发了"])
    assert (found.issuer, found.year, found.number) == (issuer, year, number)
    assert str(found) == f"{issuer}〔{year}〕{number}号"
    assert text[found.start : found.end].startswith(issuer)
