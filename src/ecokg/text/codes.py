"""Identifiers that instruments carry: standard numbers (GB 3095-2012, GB/T 23598—2009,
DB43/ 968-2021) and document numbers (湘环发〔2024〕21号).

Both are parsed into their parts and written back in one canonical form, so the same instrument
cited with a full-width dash, an em dash, other brackets or no space is recognised as itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

_DASH = r"\s*[-—–－~]\s*"
_YEAR = r"(?P<year>(?:19|20)\d{2})"


@dataclass(frozen=True)
class StandardCode:
    """A standard's number: issuing series (GB, HJ, DB43), kind (T recommended, Z guidance),
    serial number and year."""

    series: str
    kind: str
    number: str
    year: int
    start: int
    end: int

    def __str__(self) -> str:
        series = f"{self.series}/{self.kind}" if self.kind else self.series
        slash = "/" if self.series.startswith("DB") and not self.kind else ""
        return f"{series}{slash} {self.number}-{self.year}"


@dataclass(frozen=True)
class DocumentNumber:
    """A document number (文号): issuer code (湘环发: 湘 the province, 环 the department, 发 the
    kind of document), year and serial number."""

    issuer: str
    year: int
    number: int
    start: int
    end: int

    def __str__(self) -> str:
        return f"{self.issuer}〔{self.year}〕{self.number}号"


@cache
def _standard_re(series: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(
        rf"(?<![A-Za-z])(?P<series>{'|'.join(series)})(?:\s*/\s*(?P<kind>[TZ]))?\s*/?\s*"
        rf"(?P<number>\d{{1,6}}(?:\.\d{{1,3}})?){_DASH}{_YEAR}(?!\d)"
    )


def find_standard_codes(text: str, series: Iterable[str]) -> Iterator[StandardCode]:
    """Every standard number in ``text`` of one of the ``series`` (regular expressions such as
    ``GB``, ``HJ``, ``DB\\d{2}``)."""
    for m in _standard_re(tuple(series)).finditer(text):
        yield StandardCode(
            m["series"], m["kind"] or "", m["number"], int(m["year"]), m.start(), m.end()
        )


_DOC_NUMBER = re.compile(
    rf"(?P<issuer>[\u4e00-\u9fff]{{2,12}})\s*[〔\[［(（【]\s*{_YEAR}\s*[〕\]］)）】]\s*"
    r"(?P<number>\d{1,4})\s*号"
)


def find_document_numbers(text: str, not_in_issuer: Iterable[str] = ()) -> Iterator[DocumentNumber]:
    """Every document number in ``text``. The issuer code is the run of characters before the
    bracket, after the last word of ``not_in_issuer`` in that run (长沙市依据湘环发〔2024〕21号:
    湘环发)."""
    words = [w for w in set(not_in_issuer) if w]
    for m in _DOC_NUMBER.finditer(text):
        issuer, start = m["issuer"], m.start()
        cut = max((issuer.rfind(w) + len(w) for w in words if w in issuer[:-1]), default=0)
        if cut < len(issuer):
            issuer, start = issuer[cut:], start + cut
        yield DocumentNumber(issuer, int(m["year"]), int(m["number"]), start, m.end())
