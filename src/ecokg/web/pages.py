"""The HTML pages of the research UI: index, type lists, entity pages, document pages, editor.

Every text from the graph or a document is escaped with :func:`html.escape` before it joins the
page; the pages carry no inline script (the editor's script is a static file), so the server can
forbid inline script altogether with its Content-Security-Policy.
"""

from __future__ import annotations

import html
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import quote

from rdflib import URIRef

from ecokg.catalog import canned_queries
from ecokg.counts import read_counts
from ecokg.kg.vocab import ID, PREFIXES, doc_iri
from ecokg.store import KnowledgeGraph, QueryResult, Term
from ecokg.texts import load_source_text
from ecokg.viz.report import script_json

ENTITY_TYPES = (
    "Agency",
    "Person",
    "Regulation",
    "Policy",
    "Programme",
    "Place",
    "Event",
    "Indicator",
    "Theme",
    "Observation",
    "Document",
    "ClaimComparison",
)
# How the index names the totals of :func:`ecokg.counts.read_counts` (as build.json does).
_TOTAL_NAMES = {
    "documents": "篇文档 documents",
    "observations": "条观测 observations",
    "entities": "个实体（按文档计）entities named per document",
    "comparisons": "对跨文档核对 claims compared across documents",
}
VERDICT_ZH = {"conflicting": "相互矛盾", "updated": "数据更新", "corroborated": "相互印证"}
DEFAULT_QUERY = "entities_by_type"
_IRI_OK = re.compile(r"^[^\s<>\"{}|^`\\]+$")


def h(value: object) -> str:
    """Escape text for HTML element content and quoted attribute values."""
    return html.escape(str(value), quote=True)


def tv(term: Term | None) -> str:
    """The lexical value of a result term ("" when unbound)."""
    if term is None:
        return ""
    value = getattr(term, "value", None)
    return str(term) if value is None else str(value)


def href(iri: str) -> str:
    """The page of a resource: ``/id/…`` for ecokg IRIs, ``/resource?iri=…`` for others."""
    if iri.startswith(str(ID)):
        return "/id/" + quote(iri[len(str(ID)) :], safe="/#=,:-_.~")
    return "/resource?iri=" + quote(iri, safe="")


def compact(iri: str) -> str:
    """``ekg:Observation`` for a vocabulary IRI, the IRI itself otherwise."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and prefix not in ("id",):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def layout(title: str, body: str, scripts: Sequence[str] = ()) -> str:
    """A whole page around ``body`` (``title`` is escaped here; ``body`` is already HTML)."""
    tags = "".join(f'<script src="{h(s)}"></script>' for s in scripts)
    return (
        '<!doctype html>\n<html lang="zh-Hans"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{h(title)} · ecokg</title>"
        '<link rel="icon" href="data:,"><link rel="stylesheet" href="/static/site.css"></head>'
        '<body><nav><a class="brand" href="/">ecokg</a><a href="/query">SPARQL 查询</a>'
        '<a href="/report">报告 report</a><a href="/sparql">endpoint</a></nav>'
        f"<main>{body}</main>{tags}</body></html>\n"
    )


def _value(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    return "" if value is None else str(value)


@dataclass
class Pages:
    """Page builders over one opened knowledge graph."""

    kg: KnowledgeGraph
    corpus: Path | None = None

    # ---------- shared lookups ----------

    def about(self, sparql: str, iri: URIRef, var: str = "x") -> QueryResult:
        """Run ``sparql`` with ``?var`` fixed to ``iri`` (a VALUES clause; the store's own
        substitution only accepts projected variables)."""
        if not _IRI_OK.match(str(iri)):
            return QueryResult([], [])
        head, sep, rest = sparql.partition("WHERE {")
        return self.kg.query(f"{head}{sep} VALUES ?{var} {{ <{iri}> }} {rest}")

    def labels(self, iris: Iterable[str]) -> dict[str, str]:
        """A display label per IRI: zh-Hans label, else any label, else nothing."""
        wanted = sorted({i for i in iris if _IRI_OK.match(i)})
        found: dict[str, tuple[int, str]] = {}
        for chunk in (wanted[i : i + 400] for i in range(0, len(wanted), 400)):
            values = " ".join(f"<{i}>" for i in chunk)
            query = (
                "SELECT ?x ?l WHERE { VALUES ?x { " + values + " } "
                "GRAPH ?g { ?x skos:prefLabel|rdfs:label|dcterms:title ?l } }"
            )
            for row in self.kg.query(query).rows:
                x, label = row[0], row[1]
                if x is None or label is None:
                    continue
                lang = (getattr(label, "language", None) or "").lower()
                rank = {"zh-hans": 0, "zh-hant": 1, "en": 2}.get(lang, 3)
                key = (rank, tv(label))
                if tv(x) not in found or key < found[tv(x)]:
                    found[tv(x)] = key
        return {k: v[1] for k, v in found.items()}

    def link(self, iri: str, labels: dict[str, str]) -> str:
        """An ``<a>`` to a resource's page, named by its label."""
        return f'<a href="{h(href(iri))}">{h(labels.get(iri) or compact(iri))}</a>'

    def _term(self, row: Any, labels: dict[str, str]) -> str:
        if row is None:
            return ""
        if type(row).__name__ == "NamedNode":
            return self.link(tv(row), labels)
        text = h(tv(row))
        lang = getattr(row, "language", None)
        return f'{text} <span class="lang">@{h(lang)}</span>' if lang else text

    # ---------- index and lists ----------

    def index(self) -> str:
        """Documents with their counts (those of ``ecokg query documents`` and
        ``build.json``), the totals, and the entity types with their distinct members."""
        totals = read_counts(self.kg)
        rows = "".join(
            f'<tr data-doc="{h(d.doc)}"><td><a href="{h(href(str(doc_iri(d.doc))))}">'
            f"{h(d.doc)}</a></td><td>{h(d.title)}</td><td>{h(d.type)}</td><td>{h(d.issued)}</td>"
            f'<td class="num">{d.characters}</td>'
            f'<td class="num" data-count="observations">{d.observations}</td>'
            f'<td class="num" data-count="entities">{d.entities}</td></tr>'
            for d in totals.documents
        )
        summary = " · ".join(
            f'<span data-count="{key}">{value}</span> {h(_TOTAL_NAMES[key])}'
            for key, value in totals.totals().items()
        )
        counts = {
            str(r["c"]).rsplit("#", 1)[-1]: r["n"]
            for r in self.kg.query(
                "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?c } "
                "FILTER (STRSTARTS(STR(?c), STR(ekg:))) } GROUP BY ?c"
            ).records()
        }
        types = "".join(
            f'<li><a href="/type/{t}">{t}</a> <span class="count">{h(counts.get(t, 0))}</span></li>'
            for t in ENTITY_TYPES
            if counts.get(t)
        )
        body = (
            "<h1>ecokg 知识图谱</h1>"
            f'<p class="meta">{h(self.kg.location)} · {len(self.kg)} triples</p>'
            f'<p class="totals" id="totals">{summary}</p>'
            '<h2>文档 Documents</h2><table class="list" id="documents"><thead><tr><th>id</th>'
            "<th>标题 title</th><th>类型 kind</th><th>日期 issued</th><th>字数 chars</th>"
            "<th>观测 obs.</th><th>实体 entities</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
            "<h2>实体类型 Entity types</h2>"
            '<p class="meta">每类中不同的资源（一个实体在多篇文档中只计一次）· distinct resources '
            "of each type (an entity named in several documents counts once)</p>"
            f'<ul class="types">{types}</ul>'
            '<h2>查询 Query</h2><p><a href="/query">SPARQL 查询编辑器 query editor</a> · '
            "<code>/sparql</code> (SPARQL 1.1 Protocol, read-only) · "
            '<a href="/report">政策→成效报告 policy→outcome report</a></p>'
        )
        return layout("ecokg", body)

    def type_list(self, name: str) -> str | None:
        """Every resource of one ekg class, with labels in both scripts; None if unknown."""
        if name not in ENTITY_TYPES:
            return None
        rows = self.about(
            """SELECT ?s (MIN(?hans) AS ?zh) (MIN(?hant) AS ?tw) (COUNT(DISTINCT ?g) AS ?docs)
               WHERE { GRAPH ?g { ?s a ?class .
                 OPTIONAL { ?s skos:prefLabel|rdfs:label|dcterms:title ?hans
                            FILTER (LANGMATCHES(LANG(?hans), "zh-Hans") || LANG(?hans) = "") }
                 OPTIONAL { ?s skos:prefLabel ?hant
                            FILTER (LANGMATCHES(LANG(?hant), "zh-Hant")) } } }
               GROUP BY ?s ORDER BY ?zh ?s LIMIT 5000""",
            URIRef(PREFIXES["ekg"] + name),
            var="class",
        ).records()
        items = "".join(
            f'<tr><td><a href="{h(href(str(r["s"])))}">'
            f"{h(_value(r, 'zh') or compact(str(r['s'])))}</a>"
            f'</td><td>{h(_value(r, "tw"))}</td><td class="num">{h(r["docs"])}</td></tr>'
            for r in rows
        )
        body = (
            f'<h1>{h(name)}</h1><p class="meta">{len(rows)}</p>'
            '<table class="list"><thead><tr><th>简体 zh-Hans</th><th>繁體 zh-Hant</th>'
            f"<th>文档 docs</th></tr></thead><tbody>{items}</tbody></table>"
        )
        return layout(name, body)

    # ---------- resource pages ----------

    def resource(self, iri: str) -> str | None:
        """The page of any resource: labels, types, facts, evidence; a document's text."""
        node = URIRef(iri)
        facts = self.about(
            "SELECT DISTINCT ?p ?o ?doc WHERE { GRAPH ?g { ?x ?p ?o "
            "OPTIONAL { ?x prov:wasDerivedFrom/dcterms:identifier ?doc } } } ORDER BY ?p ?o ?doc",
            node,
        ).rows
        incoming = self.about(
            "SELECT DISTINCT ?s ?p WHERE { GRAPH ?g { ?s ?p ?x "
            "FILTER (?p NOT IN (rdf:subject, rdf:object, nif:referenceContext, "
            "prov:wasDerivedFrom)) } } ORDER BY ?p ?s LIMIT 500",
            node,
        ).rows
        if not facts and not incoming:
            return None
        types = sorted({tv(o) for p, o, _ in facts if p and tv(p).endswith("#type") and o})
        if PREFIXES["ekg"] + "Document" in types:
            return self.document(iri)
        iris = {iri, *types}
        for p, o, _ in facts:
            iris.add(tv(p))
            if type(o).__name__ == "NamedNode":
                iris.add(tv(o))
        for s, p in incoming:
            iris.update((tv(s), tv(p)))
        labels = self.labels(iris)
        title = labels.get(iri) or compact(iri)
        parts = [f"<h1>{h(title)}</h1>", f'<p class="iri">{h(iri)}</p>']
        if types:
            parts.append(
                '<p class="types">' + " ".join(self.link(t, labels) for t in types) + "</p>"
            )
        parts.append(self._labels_table(facts))
        parts.append(self._facts_table(facts, labels))
        parts.append(self._claims(node))
        parts.append(self._mentions(node))
        parts.append(self._outcomes(node))
        parts.append(self._observations(node, types))
        if PREFIXES["ekg"] + "ClaimComparison" in types:
            same = "?x a ekg:ClaimComparison . FILTER (?c = ?x)"  # ?x bound in this group
            parts.append(self._comparisons(same, node, None))
        elif PREFIXES["ekg"] + "Observation" in types:
            parts.append(self._comparisons("?c ekg:claimA|ekg:claimB ?x", node, None))
        if incoming:
            rows = "".join(
                f"<tr><td>{self.link(tv(s), labels)}</td><td>{self.link(tv(p), labels)}</td></tr>"
                for s, p in incoming
                if tv(p) not in (PREFIXES["skos"] + "prefLabel",)
            )
            parts.append(
                '<h2>被引用 Referenced by</h2><table class="list"><thead><tr><th>资源</th>'
                f"<th>属性</th></tr></thead><tbody>{rows}</tbody></table>"
            )
        return layout(title, "".join(parts))

    def _labels_table(self, facts: Sequence[Sequence[Any]]) -> str:
        wanted = (PREFIXES["skos"] + "prefLabel", PREFIXES["skos"] + "altLabel")
        rows = sorted(
            {
                (tv(p).rsplit("#", 1)[-1], (getattr(o, "language", "") or ""), tv(o))
                for p, o, _ in facts
                if tv(p) in wanted and o is not None
            }
        )
        if not rows:
            return ""
        items = "".join(
            f'<tr><td>{h(kind)}</td><td>{h(lang)}</td><td class="label">{h(text)}</td></tr>'
            for kind, lang, text in rows
        )
        return (
            '<h2>名称 Labels</h2><table class="list labels"><thead><tr><th></th><th>lang</th>'
            f"<th>label</th></tr></thead><tbody>{items}</tbody></table>"
        )

    def _facts_table(self, facts: Sequence[Sequence[Any]], labels: dict[str, str]) -> str:
        grouped: dict[tuple[str, str], list[str]] = defaultdict(list)
        cells: dict[tuple[str, str], tuple[str, str]] = {}
        for p, o, doc in facts:
            if tv(p).endswith(("#prefLabel", "#altLabel", "#mention")):
                continue
            key = (tv(p), str(o))
            cells[key] = (self.link(tv(p), labels), self._term(o, labels))
            if doc is not None and tv(doc) not in grouped[key]:
                grouped[key].append(tv(doc))
        rows = "".join(
            f"<tr><td>{cells[k][0]}</td><td>{cells[k][1]}</td>"
            f'<td class="docs">{h(" ".join(d[:3] for d in sorted(grouped[k])))}</td></tr>'
            for k in sorted(cells)
        )
        return (
            '<h2>事实 Facts</h2><table class="list facts"><thead><tr><th>属性 property</th>'
            f"<th>值 value</th><th>文档 docs</th></tr></thead><tbody>{rows}</tbody></table>"
        )

    def _quote_cell(self, r: dict[str, Any]) -> str:
        doc_iri = str(r["d"])
        anchor = f"{href(doc_iri)}#char={r['start']},{r['end']}"
        return (
            f'<blockquote class="quote">{h(r["quote"])}</blockquote>'
            f'<a class="src" href="{h(anchor)}">{h(r["doc"])} [{h(r["start"])}–{h(r["end"])}]</a>'
        )

    def _claims(self, node: URIRef) -> str:
        rows = self.about(
            """SELECT DISTINCT ?s ?p ?o ?d ?doc ?quote ?start ?end WHERE { GRAPH ?g {
                 ?c a ekg:RelationClaim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                    ekg:evidence ?m . ?m nif:anchorOf ?quote ; nif:beginIndex ?start ;
                    nif:endIndex ?end ; nif:referenceContext ?d . ?d dcterms:identifier ?doc .
                 FILTER (?s = ?x || ?o = ?x) } } ORDER BY ?p ?s ?o ?doc ?start""",
            node,
        ).records()
        if not rows:
            return ""
        iris = {str(v) for r in rows for k, v in r.items() if k in ("s", "p", "o")}
        labels = self.labels(iris)
        items = "".join(
            f"<tr><td>{self._maybe_link(r['s'], labels)}</td>"
            f"<td>{self.link(str(r['p']), labels)}</td>"
            f"<td>{self._maybe_link(r['o'], labels)}</td><td>{self._quote_cell(r)}</td></tr>"
            for r in rows
        )
        return (
            '<h2>关系及证据 Relations with evidence</h2><table class="list"><thead><tr>'
            "<th>主体</th><th>关系</th><th>客体</th><th>原文 evidence</th></tr></thead>"
            f"<tbody>{items}</tbody></table>"
        )

    def _maybe_link(self, value: object, labels: dict[str, str]) -> str:
        text = str(value)
        if text.startswith(("http://", "https://")):
            return self.link(text, labels)
        return h(text)

    def _mentions(self, node: URIRef) -> str:
        rows = self.about(
            """SELECT DISTINCT ?d ?doc ?quote ?start ?end WHERE { GRAPH ?g {
                 ?x ekg:mention ?m . ?m nif:anchorOf ?quote ; nif:beginIndex ?start ;
                 nif:endIndex ?end ; nif:referenceContext ?d . ?d dcterms:identifier ?doc } }
               ORDER BY ?doc ?start LIMIT 300""",
            node,
        ).records()
        if not rows:
            return ""
        items = "".join(f"<li>{self._quote_cell(r)}</li>" for r in rows)
        return f'<h2>提及 Mentions ({len(rows)})</h2><ul class="mentions">{items}</ul>'

    def _outcomes(self, node: URIRef) -> str:
        rows = self.about(
            """SELECT DISTINCT ?obs ?basis ?ind ?value ?period ?d ?doc ?quote ?start ?end WHERE {
                 GRAPH ?g { ?link a ekg:OutcomeLink ; ekg:linkedEntity ?x ; ekg:observation ?obs ;
                   ekg:linkBasis ?basis ; ekg:evidence ?m .
                   ?m nif:anchorOf ?quote ; nif:beginIndex ?start ; nif:endIndex ?end ;
                      nif:referenceContext ?d . ?d dcterms:identifier ?doc .
                   ?obs ekg:indicator ?ind ; ekg:value ?value .
                   OPTIONAL { ?obs ekg:period ?period } } }
               ORDER BY ?basis ?doc ?start LIMIT 500""",
            node,
        ).records()
        return self._value_table("政策→成效 Policy→outcome links", rows, basis=True)

    def _observations(self, node: URIRef, types: Sequence[str]) -> str:
        ekg = PREFIXES["ekg"]
        if ekg + "Indicator" in types:
            where = "?obs ekg:indicator ?x ."
        elif ekg + "Place" in types:
            where = "?obs ekg:place ?x ."
        elif ekg + "Theme" in types:
            where = "?obs ekg:theme ?x ."
        else:
            return ""
        rows = self.about(
            "SELECT DISTINCT ?obs ?ind ?value ?period ?d ?doc ?quote ?start ?end WHERE { "
            f"GRAPH ?g {{ ?obs a ekg:Observation . {where} ?obs ekg:indicator ?ind ; "
            "ekg:value ?value ; ekg:evidence ?m . OPTIONAL { ?obs ekg:period ?period } "
            "?m nif:anchorOf ?quote ; nif:beginIndex ?start ; nif:endIndex ?end ; "
            "nif:referenceContext ?d . ?d dcterms:identifier ?doc } } "
            "ORDER BY ?period ?doc ?start LIMIT 500",
            node,
        ).records()
        return self._value_table("观测 Observations", rows, basis=False)

    def _value_table(self, heading: str, rows: Sequence[dict[str, Any]], *, basis: bool) -> str:
        """Observations as a table (with each link's basis first, for policy→outcome links)."""
        if not rows:
            return ""
        labels = self.labels(str(r["ind"]) for r in rows)
        items = "".join(
            "<tr>"
            + (f"<td>{h(r['basis'])}</td>" if basis else "")
            + f"<td>{self.link(str(r['ind']), labels)}</td>"
            f'<td class="num"><a href="{h(href(str(r["obs"])))}">{h(r["value"])}</a></td>'
            f"<td>{h(_value(r, 'period'))}</td><td>{self._quote_cell(r)}</td></tr>"
            for r in rows
        )
        first = "<th>依据 basis</th>" if basis else ""
        return (
            f'<h2>{h(heading)} ({len(rows)})</h2><table class="list"><thead><tr>{first}'
            "<th>指标 indicator</th><th>数值 value</th><th>时期 period</th><th>原文 source</th>"
            f"</tr></thead><tbody>{items}</tbody></table>"
        )

    # ---------- documents ----------

    def document(self, iri: str) -> str | None:
        """A document's text with every extracted fact highlighted at its span."""
        node = URIRef(iri)
        meta = self.about(
            """SELECT ?id ?title ?kind ?issued ?lang ?enc ?chars ?sha WHERE { GRAPH ?g {
                 ?x dcterms:identifier ?id . OPTIONAL { ?x dcterms:title ?title }
                 OPTIONAL { ?x dcterms:type ?kind } OPTIONAL { ?x dcterms:issued ?issued }
                 OPTIONAL { ?x dcterms:language ?lang } OPTIONAL { ?x ekg:encoding ?enc }
                 OPTIONAL { ?x ekg:characterCount ?chars }
                 OPTIONAL { ?x ekg:textSha256 ?sha } } }""",
            node,
        ).records()
        if not meta:
            return None
        m = meta[0]
        doc_id = str(m["id"])
        text = load_source_text(
            Path(self.kg.location), doc_id, _value(m, "sha") or None, self.corpus
        )
        spans = self._spans(node)
        info = " · ".join(
            h(v)
            for v in (
                doc_id,
                _value(m, "kind"),
                _value(m, "issued"),
                _value(m, "lang"),
                _value(m, "enc"),
                f"{_value(m, 'chars')} 字",
            )
            if v
        )
        parts = [f'<h1>{h(_value(m, "title") or doc_id)}</h1><p class="meta">{info}</p>']
        parts.append(
            '<p class="legend"><mark class="ev">观测证据 evidence</mark> '
            '<a class="hl obs">数值 value</a> '
            + " ".join(f'<a class="hl ent {t}">{t}</a>' for t in ENTITY_TYPES[:7])
            + "</p>"
        )
        if text is None:
            parts.append(
                '<p class="warn">原文不可用：此构建未保存文本（texts/），'
                "请重新构建或用 --corpus 指定语料。 The source text is not in this build "
                "(texts/); rebuild, or serve with --corpus.</p>"
            )
        else:
            parts.append(f'<div class="doc-text" id="text">{highlight(text, spans)}</div>')
        parts.append(self._comparisons("?c prov:wasDerivedFrom ?x", node, iri))
        parts.append(self._doc_observations(node))
        return layout(_value(m, "title") or doc_id, "".join(parts))

    def _spans(self, doc: URIRef) -> list[Span]:
        spans: list[Span] = []
        ents = self.about(
            """SELECT DISTINCT ?e ?class ?label ?start ?end WHERE { GRAPH ?g {
                 ?e ekg:mention ?m ; a ?class . ?m nif:referenceContext ?x ;
                 nif:beginIndex ?start ; nif:endIndex ?end .
                 OPTIONAL { ?e skos:prefLabel ?label FILTER (LANGMATCHES(LANG(?label), "zh-Hans")) }
                 FILTER (STRSTARTS(STR(?class), STR(ekg:))) } }""",
            doc,
        ).records()
        for r in ents:
            kind = str(r["class"]).rsplit("#", 1)[-1]
            spans.append(
                Span(
                    int(str(r["start"])),
                    int(str(r["end"])),
                    "ent " + kind,
                    href(str(r["e"])),
                    f"{kind}: {_value(r, 'label')}",
                )
            )
        obs = self.about(
            """SELECT DISTINCT ?obs ?label ?vs ?ve ?es ?ee WHERE { GRAPH ?g {
                 ?obs a ekg:Observation ; ekg:valueSpan ?v ; ekg:evidence ?ev .
                 ?v nif:referenceContext ?x ; nif:beginIndex ?vs ; nif:endIndex ?ve .
                 ?ev nif:beginIndex ?es ; nif:endIndex ?ee .
                 OPTIONAL { ?obs rdfs:label ?label } } }""",
            doc,
        ).records()
        for r in obs:
            label = _value(r, "label")
            spans.append(
                Span(int(str(r["vs"])), int(str(r["ve"])), "obs", href(str(r["obs"])), label)
            )
            spans.append(Span(int(str(r["es"])), int(str(r["ee"])), "ev", "", label))
        return spans

    def _comparisons(self, pattern: str, node: URIRef, this_doc: str | None) -> str:
        """The claims compared across documents that ``pattern`` (inside the comparisons'
        graph) ties to ``?x`` (``?c`` is the comparison), conflicts first, each with both
        sentences side by side and their values marked; on a document's page its own claim
        is labelled as such."""
        found = self.about(
            "SELECT DISTINCT ?c ?v ?reason ?a ?b WHERE { "
            "GRAPH ?gc { ?c a ekg:ClaimComparison ; ekg:verdict ?v ; ekg:reason ?reason ; "
            f"ekg:claimA ?a ; ekg:claimB ?b . {pattern} }} }} ORDER BY ?c LIMIT 500",
            node,
        ).records()
        if not found:
            return ""
        claims = self._compared_claims({str(r[k]) for r in found for k in ("a", "b")})
        labels = self.labels({c["ind"] for c in claims.values()})
        order = {v: i for i, v in enumerate(VERDICT_ZH)}
        rows = sorted(
            (r for r in found if str(r["a"]) in claims and str(r["b"]) in claims),
            key=lambda r: (order.get(str(r["v"]).rsplit("#", 1)[-1], 9), str(r["c"])),
        )
        items = []
        for r in rows:
            verdict = str(r["v"]).rsplit("#", 1)[-1]
            a, b = claims[str(r["a"])], claims[str(r["b"])]
            sides = "".join(
                self._claim_side(claim, tag, this_doc)
                for claim, tag in ((a, "a 较早"), (b, "b 较晚"))
            )
            items.append(
                f'<div class="claim-pair {h(verdict)}" data-verdict="{h(verdict)}">'
                f'<h3><span class="badge {h(verdict)}">{h(VERDICT_ZH.get(verdict, ""))} '
                f"{h(verdict)}</span> {self.link(a['ind'], labels)} "
                f'<a class="src" href="{h(href(str(r["c"])))}">比对 comparison</a></h3>'
                f'<p class="reason">{h(r["reason"])}</p><div class="pair">{sides}</div></div>'
            )
        return (
            f"<h2>跨文档核对 Claims compared across documents ({len(items)})</h2>"
            f'<div class="claims">{"".join(items)}</div>'
        )

    def _compared_claims(self, iris: Iterable[str]) -> dict[str, dict[str, Any]]:
        wanted = sorted(i for i in iris if _IRI_OK.match(i))
        if not wanted:
            return {}
        values = " ".join(f"<{i}>" for i in wanted)
        rows = self.kg.query(
            "SELECT ?obs ?ind ?value ?d ?doc ?quote ?start ?end ?vs ?ve ?asOf ?issued WHERE { "
            f"VALUES ?obs {{ {values} }} GRAPH ?g {{ ?obs ekg:indicator ?ind ; ekg:value ?value ; "
            "ekg:evidence ?m ; ekg:valueSpan ?vm ; prov:wasDerivedFrom ?d . "
            "?m nif:anchorOf ?quote ; nif:beginIndex ?start ; nif:endIndex ?end . "
            "?vm nif:beginIndex ?vs ; nif:endIndex ?ve . ?d dcterms:identifier ?doc . "
            "OPTIONAL { ?obs ekg:asOf ?asOf } OPTIONAL { ?d dcterms:issued ?issued } } }"
        ).records()
        return {
            str(r["obs"]): {
                "obs": str(r["obs"]),
                "ind": str(r["ind"]),
                "value": r["value"],
                "d": str(r["d"]),
                "doc": str(r["doc"]),
                "quote": str(r["quote"]),
                "start": int(str(r["start"])),
                "end": int(str(r["end"])),
                "vs": int(str(r["vs"])),
                "ve": int(str(r["ve"])),
                "when": _value(r, "asOf") or _value(r, "issued"),
            }
            for r in rows
        }

    def _claim_side(self, claim: dict[str, Any], tag: str, this_doc: str | None) -> str:
        quote, start = claim["quote"], claim["start"]
        a, b = claim["vs"] - start, claim["ve"] - start
        if 0 <= a < b <= len(quote):
            sentence = f"{h(quote[:a])}<mark>{h(quote[a:b])}</mark>{h(quote[b:])}"
        else:
            sentence = h(quote)
        mine = claim["d"] == this_doc
        who = "本文 this document" if mine else claim["doc"]
        anchor = f"{href(claim['d'])}#char={claim['start']},{claim['end']}"
        if mine:
            anchor = f"#char={claim['start']},{claim['end']}"
        when = f" · {h(claim['when'])}" if claim["when"] else ""
        return (
            f'<div class="side{" this" if mine else ""}"><div class="what">{h(tag)} · {h(who)} · '
            f'<a href="{h(href(claim["obs"]))}">{h(claim["value"])}</a>{when}</div>'
            f'<blockquote class="quote">{sentence}</blockquote>'
            f'<a class="src" href="{h(anchor)}">{h(claim["doc"])} '
            f"[{h(claim['start'])}–{h(claim['end'])}]</a></div>"
        )

    def _doc_observations(self, doc: URIRef) -> str:
        rows = self.about(
            """SELECT DISTINCT ?obs ?ind ?value ?period ?place ?start ?end ?quote WHERE { GRAPH ?g {
                 ?obs a ekg:Observation ; prov:wasDerivedFrom ?x ; ekg:indicator ?ind ;
                   ekg:value ?value ; ekg:evidence ?m . ?m nif:anchorOf ?quote ;
                   nif:beginIndex ?start ; nif:endIndex ?end .
                 OPTIONAL { ?obs ekg:period ?period } OPTIONAL { ?obs ekg:place ?place } } }
               ORDER BY ?start ?end ?obs""",
            doc,
        ).records()
        if not rows:
            return ""
        labels = self.labels(
            {str(r["ind"]) for r in rows} | {str(r["place"]) for r in rows if r["place"]}
        )
        items = "".join(
            f'<tr><td><a href="#char={h(r["start"])},{h(r["end"])}">{h(r["start"])}</a></td>'
            f"<td>{self.link(str(r['ind']), labels)}</td>"
            f'<td class="num"><a href="{h(href(str(r["obs"])))}">{h(r["value"])}</a></td>'
            f"<td>{h(_value(r, 'period'))}</td>"
            f"<td>{self.link(str(r['place']), labels) if r['place'] else ''}</td>"
            f'<td class="quote-cell">{h(r["quote"])}</td></tr>'
            for r in rows
        )
        return (
            f'<h2>观测 Observations ({len(rows)})</h2><table class="list"><thead><tr><th>位置</th>'
            "<th>指标 indicator</th><th>数值 value</th><th>时期 period</th><th>地点 place</th>"
            f"<th>原文 quote</th></tr></thead><tbody>{items}</tbody></table>"
        )

    # ---------- query editor ----------

    def query_editor(self, nonce: str) -> str:
        """The SPARQL editor: the canned queries as examples, the data its script needs
        (prefixes and vocabulary to complete, document titles to show, the style ``nonce`` of
        this answer's Content-Security-Policy) in a JSON element."""
        examples = canned_queries()
        options = "".join(
            f'<option value="{h(q.name)}"{" selected" if q.name == DEFAULT_QUERY else ""}>'
            f"{h(q.title)}</option>"
            for q in examples.values()
        )
        first = examples.get(DEFAULT_QUERY)
        start = first.text if first else "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 10"
        data = {
            "examples": {
                q.name: {"title": q.title, "learn": q.learn, "text": q.text}
                for q in examples.values()
            },
            **self.editor_data,
            "nonce": nonce,
        }
        body = (
            "<h1>SPARQL 查询 Query</h1>"
            '<div class="editor"><div class="examples"><label>示例 examples '
            f'<select id="examples">{options}</select></label>'
            f'<p id="example-learn" class="meta">{h(first.learn if first else "")}</p></div>'
            f'<textarea id="query" spellcheck="false" rows="16">{h(start)}</textarea>'
            '<div class="buttons"><button id="run" type="button">运行 Run</button> '
            '<button id="csv" type="button">下载 CSV</button> '
            '<button id="json" type="button">下载 JSON</button> '
            '<span id="status" class="meta"></span></div>'
            '<p class="meta">Ctrl+Enter 运行 run · Ctrl+Space 补全前缀与词汇 complete prefixes '
            "and terms · 点击表头排序 click a column heading to sort</p></div>"
            '<div class="results"><table id="results" class="list"></table></div>'
            '<p class="meta">编辑器 editor: CodeMirror 6 (MIT, '
            '<a href="/static/codemirror.LICENSE.txt">licences</a>)</p>'
            f'<script type="application/json" id="editor-data">{script_json(data)}</script>'
        )
        return layout("SPARQL", body, scripts=["/static/codemirror.js", "/static/query.js"])

    @cached_property
    def editor_data(self) -> dict[str, Any]:
        """What the editor's script needs besides the examples, read once per server."""
        return {
            "idBase": str(ID),
            "prefixes": PREFIXES,
            "terms": self._vocabulary(),
            "documents": {
                str(r["doc"]): {"page": href(str(r["d"])), "title": _value(r, "title")}
                for r in self.kg.query(
                    "SELECT ?d ?doc ?title WHERE { GRAPH ?g { ?d a ekg:Document ; "
                    "dcterms:identifier ?doc OPTIONAL { ?d dcterms:title ?title } } }"
                ).records()
            },
        }

    def _vocabulary(self) -> list[str]:
        """Prefixed names to complete: the classes and properties the ontology declares and
        the predicates of one document graph (all documents use the same ones; reading one
        keeps this quick on a large graph)."""
        declared = self.kg.query(
            "SELECT DISTINCT ?t WHERE { GRAPH ?g { ?t a ?kind } VALUES ?kind { owl:Class "
            "owl:ObjectProperty owl:DatatypeProperty } }"
        ).rows
        graphs = [g for g in self.kg.named_graphs() if g.startswith(str(ID) + "graph/")]
        used = (
            self.kg.query(f"SELECT DISTINCT ?t WHERE {{ GRAPH <{graphs[0]}> {{ ?s ?t ?o }} }}").rows
            if graphs and _IRI_OK.match(graphs[0])
            else []
        )
        names = {compact(tv(row[0])) for row in [*declared, *used]}
        return sorted(n for n in names if ":" in n and "://" not in n)


@dataclass(frozen=True)
class Span:
    """A highlighted span of a document: ``kind`` is a CSS class, ``link`` a page."""

    start: int
    end: int
    kind: str
    link: str
    title: str


def highlight(text: str, spans: Sequence[Span]) -> str:
    """The text as escaped HTML, with every span marked; overlapping spans nest by length.

    The text is cut at every span boundary. Each piece is escaped, wrapped in ``<mark>`` when
    inside an observation's evidence, and linked to the innermost (shortest) entity or value
    span covering it. Each span's first piece carries an ``id="char=start,end"`` anchor, so
    ``/id/doc/…#char=s,e`` links (the span IRIs) scroll to it.
    """
    n = len(text)
    valid = [s for s in spans if 0 <= s.start < s.end <= n]
    cuts = sorted({0, n, *(s.start for s in valid), *(s.end for s in valid)})
    starts: dict[int, list[Span]] = defaultdict(list)
    for s in valid:
        starts[s.start].append(s)
    active: list[Span] = []
    anchored: set[str] = set()
    out: list[str] = []
    for a, b in itertools.pairwise(cuts):
        active = [s for s in active if s.end > a] + starts.get(a, [])
        for s in sorted(starts.get(a, []), key=lambda s: (s.start, -s.end)):
            anchor = f"char={s.start},{s.end}"
            if anchor not in anchored:
                anchored.add(anchor)
                out.append(f'<span class="anchor" id="{anchor}"></span>')
        piece = h(text[a:b])
        links = [s for s in active if s.kind != "ev"]
        if links:
            inner = min(links, key=lambda s: (s.end - s.start, s.kind != "obs", s.link))
            piece = (
                f'<a class="hl {h(inner.kind)}" href="{h(inner.link)}" title="{h(inner.title)}">'
                f"{piece}</a>"
            )
        if any(s.kind == "ev" for s in active):
            piece = f'<mark class="ev">{piece}</mark>'
        out.append(piece)
    return "".join(out)
