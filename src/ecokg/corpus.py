"""Read a corpus folder: decode each ``.txt`` file and attach its ``sources.yaml`` metadata.

A corpus is a folder of ``.txt`` files plus an optional ``sources.yaml`` keyed by file stem.
Decoding follows a byte-order mark (UTF-8, UTF-16, UTF-32), else tries UTF-8, then GB18030 and
Big5, and records which one won.
Problems with one file never stop the others: they are returned as :class:`InputError` values.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ecokg.errors import InputError

SOURCES_FILE = "sources.yaml"
_FALLBACK_ENCODINGS = ("gb18030", "big5")
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
# A full date written in the text, used when a document has no metadata date.
_TEXT_DATE_RE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_TEXT_MONTH_RE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?!\s*\d)")
_ISO_DATE_RE = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
# A date with these around it lies ahead of the writing: when a rule takes effect, a deadline.
_AHEAD_BEFORE = re.compile(r"(?:自|从|從|于|於|到|至)\s*$")
_AHEAD_AFTER = re.compile(
    r"\s*(?:底|末)?\s*(?:起|施行|实施|實施|生效|开始|開始|前|以前|之前|期间|期間|到期|[—–~～至-])"
)
_HEADER_LINES, _HEADER_CHARS = 4, 300


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to year, month or day precision (``2025``, ``2025-02``, ``2025-12-05``)."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (YAML may hand over a date or an int)."""
        text = value.isoformat() if hasattr(value, "isoformat") else str(value).strip()
        m = _DATE_RE.match(text)
        if not m:
            raise ValueError(f"not a date (want YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
        year, month, day = (int(g) if g else None for g in m.groups())
        assert year is not None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"month out of range in {value!r}")
        if day is not None and not 1 <= day <= 31:
            raise ValueError(f"day out of range in {value!r}")
        return cls(year, month, day)

    def iso(self) -> str:
        """The ISO 8601 form at the precision known."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class SourceMeta:
    """What ``sources.yaml`` says about one document (every field optional)."""

    title: str | None = None
    kind: str | None = None
    publisher: str | None = None
    published: PartialDate | None = None
    date_certainty: str | None = None
    about_period: str | None = None
    language: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Document:
    """One decoded source text. ``text`` is exactly the decoded file: every span points into it."""

    doc_id: str
    path: Path
    text: str
    encoding: str
    meta: SourceMeta = field(default_factory=SourceMeta)

    @property
    def published(self) -> PartialDate | None:
        """The metadata date, else the latest full date the text states."""
        return self.meta.published or date_from_text(self.text)

    @property
    def date_source(self) -> str:
        """Where :attr:`published` came from: ``metadata``, ``text`` or ``none``."""
        if self.meta.published:
            return "metadata"
        return "text" if date_from_text(self.text) else "none"


def date_from_text(text: str) -> PartialDate | None:
    """The date a text was issued, when no metadata gives it.

    A date in the header (the first lines: a dateline, 发布时间) wins. Otherwise the latest date
    the text states, leaving out dates that lie ahead of the writing: when a rule takes effect
    (自2025年10月1日起施行) and deadlines (2026年6月底前完成). A report is published after what
    it reports, so the latest remaining date is the best estimate.
    """
    header = text[: _header_end(text)]
    dated = sorted(
        (m.start(), d)
        for pattern in (_TEXT_DATE_RE, _ISO_DATE_RE)
        for m in pattern.finditer(header)
        if (d := _partial(m, text))
    )
    if dated:
        return dated[0][1]
    candidates = [d for m in _TEXT_DATE_RE.finditer(text) if (d := _partial(m, text))]
    if not candidates:
        candidates = [d for m in _TEXT_MONTH_RE.finditer(text) if (d := _partial(m, text))]
    return max(candidates) if candidates else None


def _header_end(text: str) -> int:
    """Where the header ends: after the first lines, at most a few hundred characters."""
    end = 0
    for _ in range(_HEADER_LINES):
        nxt = text.find("\n", end + 1)
        if nxt < 0:
            return len(text) if len(text) <= _HEADER_CHARS else _HEADER_CHARS
        end = nxt
    return min(end, _HEADER_CHARS)


def _partial(m: re.Match[str], text: str) -> PartialDate | None:
    """The date of a match, unless its context puts it ahead of the writing."""
    if _AHEAD_BEFORE.search(text[max(0, m.start() - 3) : m.start()]) or _AHEAD_AFTER.match(
        text, m.end()
    ):
        return None
    parts = [int(g) for g in m.groups() if g]
    try:
        return PartialDate.parse("-".join(f"{p:02d}" for p in parts))
    except ValueError:
        return None


# Byte-order marks and the encoding each announces, longest first: the UTF-32 LE mark begins with
# the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes, path: Path | str = "<bytes>") -> tuple[str, str]:
    """Decode source bytes; return ``(text, encoding)`` or raise :class:`InputError`.

    A byte-order mark decides the encoding (UTF-8, UTF-16 or UTF-32, recorded as ``utf-8-sig``,
    ``utf-16``, ``utf-32``); without one, UTF-8, then GB18030 or Big5, whichever reads as more
    plausible Chinese.
    """
    bom = next(((mark, enc) for mark, enc in _BOMS if data.startswith(mark)), None)
    if bom is not None:
        return _decode_with_bom(data, *bom, path), bom[1]
    if not data.strip():
        raise InputError(path, "empty file")
    if b"\x00" in data:
        raise InputError(path, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = []
    for enc in _FALLBACK_ENCODINGS:
        try:
            candidates.append((data.decode(enc), enc))
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise InputError(path, "cannot be decoded as UTF-8, GB18030/GBK or Big5")
    text, enc = max(candidates, key=lambda c: _cjk_plausibility(c[0]))
    if _junk_ratio(text) > _MAX_JUNK:
        raise InputError(path, "looks binary (too many control characters), not text")
    return text, enc


def _decode_with_bom(data: bytes, bom: bytes, encoding: str, path: Path | str) -> str:
    """The text after a byte-order mark, checked as the text of a file without one is."""
    name = "UTF-8" if encoding == "utf-8-sig" else encoding.upper()
    try:
        # The codec named without a byte order reads it from the mark (and drops the mark).
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            path, f"has a {name} BOM but cannot be decoded as {name} ({exc.reason})"
        ) from exc
    if not text.strip():
        raise InputError(path, "empty file")
    if "\x00" in text:
        raise InputError(path, "binary file (contains NUL characters), not text")
    # Most byte strings read as UTF-16 without an error, so a binary file that happens to begin
    # with FF FE is told by what it decodes to: unassigned and control characters.
    if _junk_ratio(text) > _MAX_JUNK:
        raise InputError(
            path,
            f"has a {name} BOM but cannot be decoded as {name} text "
            "(too many unassigned or control characters)",
        )
    return text


# The most frequent Chinese characters in both scripts; a wrong decoding of GBK as Big5 (or back)
# yields rare characters, so the share of common ones tells the right encoding.
_COMMON = set(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说"
    "产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使"
    "点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明"
    "看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料"
    "象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指"
    "環境保護會議發區監測國體這個們為時與產業經濟態設計過還對廳長數"
)


def _cjk_plausibility(text: str) -> float:
    cjk = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not cjk:
        return -_junk_ratio(text)
    return sum(c in _COMMON for c in cjk) / len(cjk) - _junk_ratio(text)


# The share of junk characters above which decoded bytes are taken for a binary file.
_MAX_JUNK = 0.05
# Unicode categories no text is made of: controls, private use, unassigned, surrogates.
_JUNK_CATEGORIES = frozenset({"Cc", "Co", "Cn", "Cs"})


def _junk_ratio(text: str) -> float:
    if not text:
        return 0.0
    # Counted per distinct character: a text has a few thousand, however long it is.
    bad = sum(
        n
        for c, n in Counter(text).items()
        if c not in "\r\n\t" and unicodedata.category(c) in _JUNK_CATEGORIES
    )
    return bad / len(text)


# A document larger than this is refused with a message rather than left to exhaust memory:
# a press release is tens of kilobytes, a whole yearbook a few megabytes.
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024


def read_document(
    path: Path, meta: SourceMeta | None = None, max_bytes: int = MAX_DOCUMENT_BYTES
) -> Document:
    """Read and decode one file; raise :class:`InputError` with the file named on failure."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                path,
                f"too large ({size / 1e6:.3g} MB; the limit is {max_bytes / 1e6:.3g} MB): "
                "split it into documents, or raise the limit with --max-document-mb",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from exc
    text, encoding = decode_bytes(data, path)
    return Document(path.stem, path, text, encoding, meta or SourceMeta())


def load_sources(corpus_dir: Path) -> tuple[dict[str, SourceMeta], list[InputError]]:
    """Parse ``sources.yaml``; a malformed file or entry is reported, never fatal."""
    path = corpus_dir / SOURCES_FILE
    if not path.exists():
        return {}, []
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return {}, [InputError(path, f"malformed metadata, ignored ({reason})")]
    if raw is None:
        return {}, []
    if not isinstance(raw, dict):
        return {}, [InputError(path, "malformed metadata, ignored (top level must be a mapping)")]
    metas: dict[str, SourceMeta] = {}
    problems: list[InputError] = []
    for key, entry in raw.items():
        try:
            metas[str(key)] = _parse_meta(entry)
        except ValueError as exc:
            problems.append(InputError(path, f"entry {key!r} ignored: {exc}"))
    return metas, problems


def _parse_meta(entry: Any) -> SourceMeta:
    if not isinstance(entry, dict):
        raise ValueError("must be a mapping of fields")
    known = set(SourceMeta.__dataclass_fields__)
    unknown = sorted(set(map(str, entry)) - known)
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(unknown)}")
    values: dict[str, Any] = {k: (None if v is None else str(v)) for k, v in entry.items()}
    if entry.get("published") is not None:
        values["published"] = PartialDate.parse(entry["published"])
    return SourceMeta(**values)


def list_corpus(corpus_dir: Path) -> tuple[list[tuple[Path, SourceMeta]], list[InputError]]:
    """The folder's ``.txt`` files in name order with their metadata, without reading them.

    A build hands these to its workers, which read each file themselves, so the texts of a
    corpus never pass through one process all at once.
    """
    if not corpus_dir.is_dir():
        raise InputError(corpus_dir, "not a folder")
    metas, problems = load_sources(corpus_dir)
    files = [
        (path, metas.get(path.stem) or SourceMeta()) for path in sorted(corpus_dir.glob("*.txt"))
    ]
    return files, problems


def iter_corpus(corpus_dir: Path) -> Iterator[Document | InputError]:
    """Yield each document of the folder in name order, or the error that stopped it."""
    files, problems = list_corpus(corpus_dir)
    yield from problems
    for path, meta in files:
        try:
            yield read_document(path, meta)
        except InputError as exc:
            yield exc
