"""The decoded source texts a build keeps beside its graph, so facts can be shown in context.

The NIF offsets of every fact index the decoded original text, which the graph itself does not
hold (only its length and SHA-256). A build therefore keeps each decoded text as UTF-8 in
``OUT_DIR/texts/<doc slug>.txt``; the report and the web pages read it from there. For a build
made before texts were kept, the text can be read from the corpus folder instead, and is only
used when its SHA-256 matches the one recorded in the graph.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

from ecokg.corpus import read_document
from ecokg.errors import EcokgError
from ecokg.kg.vocab import slug

TEXTS_DIR = "texts"
GRAPHS_DIR = "graphs"


def text_path(out_dir: Path, doc_id: str) -> Path:
    """Where a build keeps the decoded text of one document."""
    return out_dir / TEXTS_DIR / f"{slug(doc_id)}.txt"


def graph_file(out_dir: Path, doc_id: str) -> Path:
    """Where a build keeps the TriG of one document's graph."""
    return out_dir / GRAPHS_DIR / f"{slug(doc_id)}.trig"


def load_source_text(
    out_dir: Path, doc_id: str, sha256: str | None = None, corpus: Path | None = None
) -> str | None:
    """The decoded text of a document, or None when neither the build nor the corpus has it.

    With ``sha256`` given, a text whose digest differs (the file changed since the build) is
    not returned: its offsets would highlight the wrong characters.
    """
    candidates: list[str] = []
    kept = text_path(out_dir, doc_id)
    if kept.is_file():
        candidates.append(kept.read_text(encoding="utf-8"))
    if corpus is not None:
        source = corpus / f"{doc_id}.txt"
        if source.is_file():
            # An undecodable file is simply not a usable text.
            with contextlib.suppress(EcokgError):
                candidates.append(read_document(source).text)
    for text in candidates:
        if sha256 is None or hashlib.sha256(text.encode("utf-8")).hexdigest() == sha256:
            return text
    return None
