"""Run the stages over a corpus: read -> normalise -> extract -> build RDF -> validate.

Each document is processed on its own, so one bad document is reported and skipped without
sinking the build, and documents can be processed in parallel (``jobs > 1``).
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from ecokg.corpus import Document, iter_corpus
from ecokg.errors import InputError

# Importing the extractor modules registers them.
from ecokg.extract import entities, observations, relations  # noqa: F401
from ecokg.extract.base import Claim, EntityMention, Observation, registry
from ecokg.extract.lexicon import Lexicon, load_lexicon
from ecokg.kg.build import build_document_graph
from ecokg.text.analyzed import AnalyzedDoc
from ecokg.validate import ValidationReport, validate_graph

Progress = Callable[[str], None]


@dataclass
class DocumentResult:
    """What one document produced."""

    doc_id: str
    path: str
    encoding: str
    chars: int
    graph: Graph
    observations: int
    entities: int
    report: ValidationReport


@dataclass
class CorpusRun:
    """All documents' results plus the problems met on the way."""

    results: list[DocumentResult] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)

    @property
    def report(self) -> ValidationReport:
        """The merged validation report."""
        merged = ValidationReport()
        for result in self.results:
            merged.extend(result.report)
        return merged


def extract(doc: AnalyzedDoc, lexicon: Lexicon, names: Sequence[str] | None = None) -> list[Claim]:
    """Run the registered extractors (or the named ones) over an analysed document."""
    claims: list[Claim] = []
    for _, extractor in registry.get(names):
        claims.extend(extractor(doc, lexicon, tuple(claims)))
    return claims


def process_document(
    document: Document,
    lexicon: Lexicon,
    extractors: Sequence[str] | None = None,
    validate: bool = True,
) -> DocumentResult:
    """All stages for one decoded document."""
    analyzed = AnalyzedDoc.of(document)
    claims = extract(analyzed, lexicon, extractors)
    graph = build_document_graph(document, claims, lexicon)
    report = validate_graph(graph) if validate else ValidationReport()
    return DocumentResult(
        document.doc_id,
        str(document.path),
        document.encoding,
        len(document.text),
        graph,
        sum(isinstance(c, Observation) for c in claims),
        len({(c.type, c.key) for c in claims if isinstance(c, EntityMention)}),
        report,
    )


def _work(
    args: tuple[Document, tuple[str, ...] | None, bool, tuple[Path, ...]],
) -> DocumentResult | InputError:
    document, names, validate, lexicon_dirs = args
    try:
        return process_document(document, load_lexicon(lexicon_dirs), names, validate)
    except Exception as exc:  # one bad document must not sink the build
        detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
        return InputError(document.path, f"extraction failed ({detail})")


def run_corpus(
    corpus_dir: Path,
    *,
    extractors: Sequence[str] | None = None,
    validate: bool = True,
    jobs: int = 1,
    lexicon_dirs: Sequence[Path] = (),
    progress: Progress | None = None,
) -> CorpusRun:
    """Process every document of ``corpus_dir``; results come back in file-name order."""
    run = CorpusRun()
    documents: list[Document] = []
    for item in iter_corpus(corpus_dir):
        if isinstance(item, InputError):
            run.problems.append(item)
        else:
            documents.append(item)
    names = tuple(extractors) if extractors is not None else None
    tasks = [(d, names, validate, tuple(lexicon_dirs)) for d in documents]
    outcomes: Iterable[DocumentResult | InputError]
    if jobs > 1 and len(tasks) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            outcomes = list(_report(pool.map(_work, tasks, chunksize=4), progress))
    else:
        outcomes = list(_report(map(_work, tasks), progress))
    for outcome in outcomes:
        if isinstance(outcome, InputError):
            run.problems.append(outcome)
        else:
            run.results.append(outcome)
    return run


def _report(
    outcomes: Iterable[DocumentResult | InputError], progress: Progress | None
) -> Iterable[DocumentResult | InputError]:
    for outcome in outcomes:
        if progress is not None:
            progress(outcome.doc_id if isinstance(outcome, DocumentResult) else outcome.path)
        yield outcome
