#!/usr/bin/env python
"""Generated corpora of real-style text for scale benchmarks (issue 14).

Real paragraphs of the project's texts (``data/corpus/*.txt``, ``tests/heldout*/*.txt`` and
``tests/seedgold/*.txt`` when there are any) are reshuffled with a seeded RNG into documents of
a realistic size, and every number is changed: each run of digits becomes another run of the
same length (not starting with 0 unless the original did). Each document gets a title line (a
real title from the sources' ``sources.yaml``, numbers changed too) and a ``sources.yaml``
entry with a publication date. The same seed gives the same corpus; another seed gives another
corpus, so no cache keyed on text can skip work between runs.

Paragraphs without digits (about an eighth of the source characters) necessarily repeat
verbatim in a corpus larger than the sources; :class:`CorpusStats` reports that share.

Usage (from the repository root)::

    python benchmarks/realstyle.py OUT_DIR --mb 8 --seed 1
    python benchmarks/realstyle.py OUT_DIR --mb 5 --single-line   # one line, no punctuation
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
MB = 1_000_000  # corpus sizes are decimal megabytes of UTF-8 .txt bytes
SOURCES_FILE = "sources.yaml"

MIN_DOC_CHARS = 3_000
MAX_DOC_CHARS = 20_000

# ASCII and full-width digit runs are changed separately, each keeping its own script.
_DIGIT_RUN = re.compile(r"[0-9]+|[０-９]+")
_TO_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
# What a single-line document keeps: CJK ideographs (basic block and extension A) and digits.
_NOT_CJK_OR_DIGIT = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff0-9０-９]+")
# Publication dates of generated documents are spread over this range.
_FIRST_DATE = dt.date(2015, 1, 1)
_DATE_SPAN_DAYS = (dt.date(2025, 12, 31) - _FIRST_DATE).days


@dataclass(frozen=True)
class Sources:
    """The real material a corpus is made of: paragraphs and document titles."""

    paragraphs: tuple[str, ...]
    titles: tuple[str, ...]
    files: tuple[Path, ...]


@dataclass(frozen=True)
class CorpusStats:
    """What was generated. ``verbatim_share``: share of the paragraph characters whose paragraph
    already occurred earlier in the corpus with the same text (only digit-free paragraphs can)."""

    path: str
    seed: int
    documents: int
    bytes: int
    chars: int
    paragraphs: int
    digit_runs_changed: int
    verbatim_share: float


def source_files(repo: Path = REPO) -> list[Path]:
    """The project's real texts, sorted so a seed always sees the same material.

    Gold ``.jsonl`` files are never read; only ``.txt`` documents are."""
    patterns = ("data/corpus/*.txt", "tests/heldout*/*.txt", "tests/seedgold/*.txt")
    return sorted({p for pattern in patterns for p in repo.glob(pattern) if p.is_file()})


def _titles(files: Iterable[Path]) -> list[str]:
    titles: list[str] = []
    for folder in sorted({f.parent for f in files}):
        sources = folder / SOURCES_FILE
        if not sources.is_file():
            continue
        data = yaml.safe_load(sources.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            continue
        for entry in data.values():
            title = entry.get("title") if isinstance(entry, dict) else None
            if isinstance(title, str) and title.strip():
                titles.append(" ".join(title.split()))
    return titles


def load_sources(files: Sequence[Path] | None = None) -> Sources:
    """Read the paragraphs (non-empty lines, stripped) and titles of the real texts.

    Files that are not UTF-8 are skipped: the generator writes UTF-8 and its size is counted
    in UTF-8 bytes, and the decoding tests' odd encodings are not what a scale run measures."""
    paths = list(files) if files is not None else source_files()
    paragraphs: list[str] = []
    used: list[Path] = []
    for path in paths:
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            continue
        used.append(path)
        paragraphs.extend(line.strip() for line in text.splitlines() if line.strip())
    if not paragraphs:
        raise ValueError("no UTF-8 source paragraphs found")
    titles = _titles(used)
    if not titles:
        # Short lines stand in for titles when no sources.yaml names any.
        titles = [p for p in paragraphs if len(p) <= 40] or [paragraphs[0][:40]]
    return Sources(tuple(paragraphs), tuple(titles), tuple(used))


def change_numbers(text: str, rng: random.Random) -> tuple[str, int]:
    """Replace every digit run by a different run of the same length; return it and the count.

    A run that did not start with 0 gets a new one that does not either (so 2023 can become
    7481, never 0481); one that did may start with any digit."""
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        run = match.group()
        full_width = not run[0].isascii()
        original = run.translate({ord(c): ord("0") + int(c) for c in run}) if full_width else run
        n = len(original)
        low = 0 if original[0] == "0" else 10 ** (n - 1)
        while True:
            new = str(rng.randrange(low, 10**n)).zfill(n)
            if new != original:
                break
        return new.translate(_TO_FULL_WIDTH) if full_width else new

    return _DIGIT_RUN.sub(replace, text), count


def _deck(items: Sequence[str], rng: random.Random) -> Iterator[str]:
    """Endless reshuffled passes over ``items``: every paragraph is used as often as any other
    (up to one pass), so a big corpus keeps the sources' mix of kinds of text."""
    order = list(range(len(items)))
    while True:
        rng.shuffle(order)
        for i in order:
            yield items[i]


def _stem(seed: int, index: int) -> str:
    # Shaped like the real corpus's stems (NNN_hex); the seed is in the hash so two corpora
    # never share a document IRI.
    digest = hashlib.sha1(f"realstyle:{seed}:{index}".encode()).hexdigest()[:16]
    return f"{index:05d}_{digest}"


def _date(rng: random.Random) -> str:
    return (_FIRST_DATE + dt.timedelta(days=rng.randrange(_DATE_SPAN_DAYS + 1))).isoformat()


def _prepare(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    if any(out_dir.glob("*.txt")) or (out_dir / SOURCES_FILE).exists():
        raise FileExistsError(f"{out_dir} already holds a corpus; give an empty folder")


def _yaml_entry(stem: str, title: str, published: str, kind: str) -> str:
    # JSON strings are valid YAML double-quoted scalars, so titles with colons or quotes are
    # safe without a YAML writer.
    return (
        f"{stem}:\n  title: {json.dumps(title, ensure_ascii=False)}\n"
        f"  kind: {kind}\n  published: {published}\n  date_certainty: stated\n"
        "  language: zh-Hans\n"
    )


def _truncate_utf8(text: str, max_bytes: int) -> str:
    return text.encode("utf-8")[:max_bytes].decode("utf-8", errors="ignore")


def generate_corpus(
    out_dir: Path,
    mb: float,
    seed: int = 0,
    *,
    sources: Sources | None = None,
    min_chars: int = MIN_DOC_CHARS,
    max_chars: int = MAX_DOC_CHARS,
) -> CorpusStats:
    """Write a corpus of about ``mb`` MB (UTF-8 bytes of .txt) into ``out_dir``.

    Documents hold a title line, then reshuffled real paragraphs (numbers changed) separated
    by blank lines, until a target drawn uniformly from ``min_chars``..``max_chars``
    characters. The last paragraph of the corpus is cut so the total lands on the requested
    size (overshooting by at most a title line)."""
    src = sources or load_sources()
    _prepare(out_dir)
    rng = random.Random(f"realstyle-corpus:{seed}")
    target = int(mb * MB)
    deck = _deck(src.paragraphs, rng)
    seen: set[int] = set()
    total_bytes = total_chars = n_paragraphs = runs = verbatim_chars = para_chars = 0
    entries: list[str] = []
    index = 0
    full = False  # set when the corpus reached its size inside a document
    while total_bytes < target and not full:
        title, changed = change_numbers(rng.choice(src.titles), rng)
        runs += changed
        doc_chars = rng.randint(min_chars, max_chars)
        parts = [title]
        size = len(title.encode("utf-8")) + 1  # the final newline
        chars = len(title)
        while chars < doc_chars and not full:
            para, changed = change_numbers(next(deck), rng)
            runs += changed
            room = target - total_bytes - size - 2  # 2: the blank line before it
            if len(para.encode("utf-8")) >= room:
                # The corpus ends here: cutting at a character boundary may leave it a byte
                # or two short, which must not start a document holding only a title.
                full = True
                para = _truncate_utf8(para, max(room, 0))
                if not para:
                    break
            key = hash(para)
            if key in seen:
                verbatim_chars += len(para)
            seen.add(key)
            para_chars += len(para)
            n_paragraphs += 1
            parts.append(para)
            size += len(para.encode("utf-8")) + 2
            chars += len(para)
        text = "\n\n".join(parts) + "\n"
        stem = _stem(seed, index)
        (out_dir / f"{stem}.txt").write_text(text, encoding="utf-8", newline="\n")
        entries.append(_yaml_entry(stem, title, _date(rng), "generated real-style text"))
        total_bytes += len(text.encode("utf-8"))
        total_chars += len(text)
        index += 1
    header = f"# Generated by benchmarks/realstyle.py: {mb} MB, seed {seed}.\n"
    (out_dir / SOURCES_FILE).write_text(header + "".join(entries), encoding="utf-8")
    return CorpusStats(
        path=str(out_dir),
        seed=seed,
        documents=index,
        bytes=total_bytes,
        chars=total_chars,
        paragraphs=n_paragraphs,
        digit_runs_changed=runs,
        verbatim_share=verbatim_chars / para_chars if para_chars else 0.0,
    )


def generate_single_line(
    out_dir: Path, mb: float, seed: int = 0, *, sources: Sources | None = None
) -> CorpusStats:
    """Write one document of about ``mb`` MB that is a single line without punctuation.

    Reshuffled real paragraphs, numbers changed, reduced to their CJK ideographs and digits
    (no punctuation, spaces, Latin letters or line breaks), joined end to end. The worst case
    for anything that splits text into sentences or paragraphs before working on it."""
    src = sources or load_sources()
    _prepare(out_dir)
    rng = random.Random(f"realstyle-line:{seed}")
    target = int(mb * MB)
    deck = _deck(src.paragraphs, rng)
    pieces: list[str] = []
    size = runs = n_paragraphs = 0
    while size < target:
        para, changed = change_numbers(next(deck), rng)
        piece = _NOT_CJK_OR_DIGIT.sub("", para)
        if not piece:
            continue
        runs += changed
        n_paragraphs += 1
        piece = _truncate_utf8(piece, target - size)
        pieces.append(piece)
        size += len(piece.encode("utf-8"))
    text = "".join(pieces)
    stem = _stem(seed, 0)
    (out_dir / f"{stem}.txt").write_text(text, encoding="utf-8", newline="\n")
    title, _ = change_numbers(rng.choice(src.titles), rng)
    header = f"# Generated by benchmarks/realstyle.py: one line of {mb} MB, seed {seed}.\n"
    entry = _yaml_entry(stem, title, _date(rng), "generated single line without punctuation")
    (out_dir / SOURCES_FILE).write_text(header + entry, encoding="utf-8")
    return CorpusStats(
        path=str(out_dir),
        seed=seed,
        documents=1,
        bytes=size,
        chars=len(text),
        paragraphs=n_paragraphs,
        digit_runs_changed=runs,
        verbatim_share=0.0,
    )


def corpus_chars(corpus_dir: Path) -> int:
    """Decoded characters of the corpus's .txt files (what characters/s divides)."""
    return sum(len(p.read_text(encoding="utf-8")) for p in sorted(corpus_dir.glob("*.txt")))


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: generate one corpus and print its statistics as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out_dir", type=Path, help="empty or new folder for the corpus")
    parser.add_argument("--mb", type=float, default=1.0, help="size in MB of UTF-8 .txt bytes")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--single-line",
        action="store_true",
        help="one document that is a single line without punctuation",
    )
    args = parser.parse_args(argv)
    generate = generate_single_line if args.single_line else generate_corpus
    stats = generate(args.out_dir, args.mb, args.seed)
    print(json.dumps(asdict(stats), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
