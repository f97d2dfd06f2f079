"""Document shards: the statements of one document's graph in their own N-Quads file.

A build writes one shard per document (``OUT/shards/<key>.nq``, sorted lines), the comparable
observations the reconciliation pass reads (``<key>.claims``) and a small JSON record beside it
with the document's counts. The key is a hash of everything the shard depends
on: the decoded text, the file name and metadata, the ecokg code, the lexicons and ontology, and
the extractors run. A later build into the same folder takes a shard whose key it finds in the
previous build instead of extracting again, so adding ten documents to a corpus processes ten.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from functools import cache
from pathlib import Path

from ecokg import __version__
from ecokg.corpus import Document
from ecokg.outputs import write_atomic
from ecokg.resources import resource_dir

SHARDS_DIR = "shards"
CLAIMS_SUFFIX = ".claims"  # a shard's comparable observations (see ecokg.reconcile)
SLICE_SUFFIX = ".slice"  # what the union's shapes read of a checked shard (see ecokg.slices)
_PACKAGE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class ShardInfo:
    """What one document's shard holds (also its ``.json`` record)."""

    key: str
    doc_id: str
    file: str
    encoding: str
    chars: int
    statements: int
    observations: int
    entities: int
    graph: str  # the IRI of the document's named graph
    checked: bool = False  # the graph satisfies the per-document shapes (checked by its worker)
    reused: bool = False  # taken from the previous build (not part of the record)

    def to_json(self) -> str:
        """The record, deterministic."""
        record = asdict(self)
        record.pop("reused")
        return json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> ShardInfo:
        """Read a record written by :meth:`to_json`."""
        return cls(**json.loads(text))


def _hash_files(paths: Iterable[Path], root: Path, digest: hashlib._Hash) -> None:
    for path in sorted(paths):
        digest.update(str(path.relative_to(root)).encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")


@cache
def code_fingerprint() -> str:
    """A hash of ecokg's own source: a shard made by other code is never reused."""
    digest = hashlib.sha256(__version__.encode("utf-8"))
    _hash_files(_PACKAGE.rglob("*.py"), _PACKAGE, digest)
    return digest.hexdigest()


@cache
def _data_fingerprint(extra_dirs: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for name in ("lexicons", "ontology", "shapes"):  # shapes: a shard records its own check
        root = resource_dir(name)
        _hash_files((p for p in root.rglob("*") if p.is_file()), root, digest)
    for extra in extra_dirs:
        root = Path(extra)
        _hash_files((p for p in root.rglob("*") if p.is_file()), root, digest)
    return digest.hexdigest()


def settings_fingerprint(lexicon_dirs: Sequence[Path], extractors: Sequence[str] | None) -> str:
    """The hash of the code, the data and the choice of extractors a build runs with."""
    data = _data_fingerprint(tuple(str(Path(d).resolve()) for d in lexicon_dirs))
    names = "*" if extractors is None else ",".join(extractors)
    return hashlib.sha256(f"{code_fingerprint()}|{data}|{names}".encode()).hexdigest()


def shard_key(document: Document, fingerprint: str) -> str:
    """The key of a document's shard: changes whenever anything its graph depends on changes."""
    digest = hashlib.sha256(fingerprint.encode("utf-8"))
    head = (document.doc_id, document.path.name, document.encoding, repr(document.meta))
    digest.update(json.dumps(head, ensure_ascii=False).encode("utf-8"))
    digest.update(document.text.encode("utf-8"))
    return digest.hexdigest()[:32]


def shard_path(out_dir: Path, key: str) -> Path:
    """Where a build keeps the shard of a key."""
    return out_dir / SHARDS_DIR / f"{key}.nq"


def shard_bytes(lines: Iterable[bytes]) -> bytes:
    """A shard's content: its N-Quads lines (already sorted, UTF-8)."""
    data = b"\n".join(lines)
    return data + b"\n" if data else b""


def claims_path(shard: Path) -> Path:
    """Where the claims of a shard (one JSON line per comparable observation) are kept."""
    return shard.with_suffix(CLAIMS_SUFFIX)


def slice_path(shard: Path) -> Path:
    """Where the slice of a shard (N-Triples, see :mod:`ecokg.slices`) is kept."""
    return shard.with_suffix(SLICE_SUFFIX)


def write_shard(
    out_dir: Path, info: ShardInfo, data: bytes, claims: bytes, union_slice: bytes | None
) -> None:
    """Write a shard (:func:`shard_bytes`), its claims for the reconciliation pass, its slice
    (a shard its worker checked has one) and its record (last: a shard with a record is whole)."""
    path = shard_path(out_dir, info.key)
    write_atomic(path, data)
    write_atomic(claims_path(path), claims)
    if union_slice is not None:
        write_atomic(slice_path(path), union_slice)
    write_atomic(path.with_suffix(".json"), info.to_json().encode("utf-8"))


def reuse_shard(previous: Path, out_dir: Path, key: str) -> ShardInfo | None:
    """Take the shard of ``key`` from a previous build into ``out_dir``, if it is there."""
    old = shard_path(previous, key)
    record = old.with_suffix(".json")
    if not (old.is_file() and record.is_file()):
        return None
    try:
        info = ShardInfo.from_json(record.read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError):
        return None  # a damaged record is rebuilt, never trusted
    claims, sliced = claims_path(old), slice_path(old)
    if not claims.is_file() or (info.checked and not sliced.is_file()):
        return None
    new = shard_path(out_dir, key)
    new.parent.mkdir(parents=True, exist_ok=True)
    pairs = [(old, new), (claims, claims_path(new))]
    if sliced.is_file():  # every shard its worker checked, whether it held or not
        pairs.append((sliced, slice_path(new)))
    for src, dst in (*pairs, (record, new.with_suffix(".json"))):
        try:
            os.link(src, dst)  # the old build is replaced, never edited: sharing the file is safe
        except OSError:
            write_atomic(dst, src.read_bytes())
    return replace(info, reused=True)
