"""Read a corpus folder: decode each ``.txt`` file and attach its ``sources.yaml`` metadata.

A corpus is a folder of ``.txt`` files plus an optional ``sources.yaml`` keyed by file stem.
Decoding follows a byte-order mark (UTF-8, UTF-16, UTF-32), else tries UTF-8, then GB18030 and
Big5, and records which one won.
Problems with one file never stop the others: they are returned as :class:`InputError` values.
"""

from __future__ import annotations

import codecs
import datetime
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml

from ecokg.errors import InputError, InputWarning, one_line
from ecokg.kg.ntriples import is_valid_iri

SOURCES_FILE = "sources.yaml"
_YAML_NULL, _YAML_MERGE = "tag:yaml.org,2002:null", "tag:yaml.org,2002:merge"
_FALLBACK_ENCODINGS = ("gb18030", "big5")
_DATE_RE = re.compile(r"^([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?$")
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
        try:
            datetime.date(year, month or 1, day or 1)  # a day the calendar has (not 02-30)
        except ValueError as exc:
            raise ValueError(f"not a date ({exc}): {value!r}") from exc
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


# ------------------------------------------------------------------ the schema of sources.yaml


@dataclass(frozen=True)
class MetaField:
    """A key ``sources.yaml`` may give a document: the rule its value follows (as messages
    state it) and the reader of its text, which raises ``ValueError`` when the rule is broken."""

    key: str
    rule: str
    read: Callable[[str], object]


# What text may not hold: control characters other than tab and line breaks, lone surrogates and
# the non-characters U+FFFE/U+FFFF (none can be written to UTF-8 or XML).
_UNFIT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def _text(value: str) -> str:
    if not value.strip() or _UNFIT_TEXT.search(value):
        raise ValueError(value)
    return value


def _one_of(*choices: str) -> Callable[[str], str]:
    def read(value: str) -> str:
        if value not in choices:
            raise ValueError(value)
        return value

    return read


def _period(value: str) -> str:
    """A period in the contract syntax, written canonically (``2024-1/2024-9`` ->
    ``2024-01/2024-09``)."""
    ends = [PartialDate.parse(part) for part in value.split("/")]
    if (
        len(ends) > 2
        or any(end.day is not None for end in ends)
        or len({end.month is None for end in ends}) > 1  # both ends years, or both months
        or ends[0].iso() > ends[-1].iso()
    ):
        raise ValueError(value)
    return "/".join(end.iso() for end in ends)


def _language(value: str) -> str:
    ox.Literal("", language=value)  # the store's own check of a BCP 47 tag
    return value


def _url(value: str) -> str:
    if not is_valid_iri(value):
        raise ValueError(value)
    return value


# Every key a document's entry may have. Anything else is reported and ignored.
SOURCE_FIELDS: tuple[MetaField, ...] = (
    MetaField("title", "text (not empty, no control characters)", _text),
    MetaField("kind", "text (not empty, no control characters)", _text),  # interview, bulletin…
    MetaField("publisher", "text (not empty, no control characters)", _text),
    MetaField("published", "a valid date (YYYY, YYYY-MM or YYYY-MM-DD)", PartialDate.parse),
    MetaField("date_certainty", "one of: stated, estimated", _one_of("stated", "estimated")),
    MetaField("about_period", "a period (YYYY, YYYY-MM, YYYY/YYYY or YYYY-MM/YYYY-MM)", _period),
    MetaField("language", "a language tag (BCP 47, such as zh-Hans or zh-Hant)", _language),
    MetaField("url", "an absolute URL", _url),
)


@dataclass(frozen=True)
class Document:
    """One decoded source text. ``text`` is exactly the decoded file: every span points into it."""

    doc_id: str
    path: Path
    text: str
    encoding: str
    meta: SourceMeta = field(default_factory=SourceMeta)

    @cached_property
    def published(self) -> PartialDate | None:
        """The metadata date, else the latest full date the text states."""
        # cached: every observation's period asks, and reading the text's dates is a full scan
        return self.meta.published or date_from_text(self.text)

    @property
    def date_source(self) -> str:
        """Where :attr:`published` came from: ``metadata``, ``text`` or ``none``."""
        if self.meta.published:
            return "metadata"
        return "text" if self.published else "none"


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
        text, encoding = _decode_with_bom(data, *bom, path), bom[1]
    else:
        text, encoding = _decode_without_bom(data, path)
    if not text.strip():  # whitespace in Python's sense: also the separators U+001C..U+001F
        raise InputError(path, "empty file")
    return text, encoding


def _decode_without_bom(data: bytes, path: Path | str) -> tuple[str, str]:
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


class _SourcesLoader(yaml.SafeLoader):
    """YAML read so that the schema decides what a value is: every scalar but null stays text
    (PyYAML would raise at ``2023-02-30``, read ``yes`` as True and a file stem ``001`` as 1),
    and a key given twice is noted (PyYAML keeps the last one silently)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.repeated: list[tuple[str, int]] = []  # (key, line)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[str] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    self.repeated.append((key_node.value, key_node.start_mark.line + 1))
                seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)


# Only null and merge keys keep their YAML meaning: every other plain scalar stays text.
_SourcesLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag in (_YAML_NULL, _YAML_MERGE)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_sources(corpus_dir: Path) -> tuple[dict[str, SourceMeta], list[InputError]]:
    """Parse ``sources.yaml`` against :data:`SOURCE_FIELDS`; never fatal.

    Each bad value gives one message naming the file, the document, the key and the value, and
    only that field is dropped; an unknown key is reported (an :class:`InputWarning`) and
    ignored. A file that is not YAML gives one message with its line, and no metadata.
    """
    path = corpus_dir / SOURCES_FILE
    if not path.exists():
        return {}, []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        return {}, [InputError(path, f"cannot be read ({exc.strerror or exc}); no metadata used")]
    except UnicodeDecodeError:
        return {}, [InputError(path, "is not UTF-8 text; no metadata used")]
    loader = _SourcesLoader(text)
    try:
        raw = loader.get_single_data()
    except yaml.YAMLError as exc:
        return {}, [
            InputError(path, f"malformed YAML {_yaml_problem(exc, text)}; no metadata used")
        ]
    finally:
        loader.dispose()
    problems: list[InputError] = [
        InputWarning(path, f"line {line}: {key!r} is given twice; the last one counts")
        for key, line in loader.repeated
    ]
    if raw is None:
        return {}, problems
    if not isinstance(raw, dict):
        return {}, [
            InputError(
                path,
                "malformed metadata (the top level must map file names to "
                "entries); no metadata used",
            )
        ]
    metas: dict[str, SourceMeta] = {}
    for doc, entry in raw.items():
        meta, messages = _read_entry(entry)
        problems.extend(kind(path, f"{doc}: {message}") for kind, message in messages)
        if meta is not None:
            metas[str(doc)] = meta
    return metas, problems


def _yaml_problem(exc: yaml.YAMLError, text: str) -> str:
    """Where a YAML error is and what it is, on one line."""
    if isinstance(exc, yaml.MarkedYAMLError) and (mark := exc.problem_mark or exc.context_mark):
        where, what = f"at line {mark.line + 1}", exc.problem or exc.context
    elif isinstance(exc, yaml.reader.ReaderError):
        where = f"at line {text.count(chr(10), 0, exc.position) + 1}"
        what = f"character U+{exc.character:04X} is not allowed"
    else:
        where, what = "", str(exc)
    return one_line(f"{where} ({what})")


def _read_entry(entry: object) -> tuple[SourceMeta | None, list[tuple[type[InputError], str]]]:
    """One document's metadata, each field read by its rule, and the messages about it."""
    if entry is None:
        return SourceMeta(), []
    if not isinstance(entry, dict):
        return None, [(InputError, "entry ignored: it must map keys to values")]
    rules = {f.key: f for f in SOURCE_FIELDS}
    values: dict[str, Any] = {}
    messages: list[tuple[type[InputError], str]] = []
    for key, value in entry.items():
        field_ = rules.get(str(key))
        if field_ is None:
            allowed = ", ".join(rules)
            messages.append((InputWarning, f"unknown key {key!r} ignored (the keys are {allowed})"))
        elif value is None:
            continue
        elif not isinstance(value, str):
            messages.append((InputError, f"{key} {_shown(value)} is not a single value; ignored"))
        else:
            try:
                values[field_.key] = field_.read(value.strip())
            except ValueError:
                messages.append(
                    (InputError, f"{key} {_shown(value)} is not {field_.rule}; ignored")
                )
    return SourceMeta(**values), messages


def _shown(value: object) -> str:
    """A value as a message quotes it, cut short when long."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def list_corpus(corpus_dir: Path) -> tuple[list[tuple[Path, SourceMeta]], list[InputError]]:
    """The folder's ``.txt`` files in name order with their metadata, without reading them.

    A build hands these to its workers, which read each file themselves, so the texts of a
    corpus never pass through one process all at once.
    """
    if not corpus_dir.is_dir():
        raise InputError(corpus_dir, "not a folder")
    metas, problems = load_sources(corpus_dir)
    paths = sorted(corpus_dir.glob("*.txt"))
    stems = {path.stem for path in paths}
    problems += [
        InputWarning(
            corpus_dir / SOURCES_FILE,
            f"{doc}: no document {doc}.txt in the corpus (entries are keyed by the file name "
            "without .txt); entry unused",
        )
        for doc in metas
        if doc not in stems
    ]
    return [(path, metas.get(path.stem) or SourceMeta()) for path in paths], problems


def iter_corpus(corpus_dir: Path) -> Iterator[Document | InputError]:
    """Yield each document of the folder in name order, or the error that stopped it."""
    files, problems = list_corpus(corpus_dir)
    yield from problems
    for path, meta in files:
        try:
            yield read_document(path, meta)
        except InputError as exc:
            yield exc
