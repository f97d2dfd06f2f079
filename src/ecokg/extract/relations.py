"""Relations between the entities and observations found before, each with its evidence span.

* agency **issued** a policy or regulation (印发/出台/制定… between them in one sentence), agency
  **leads** a programme or event (牵头/组织/开展…);
* an instrument or programme is **about a place** named in it, **addresses** the themes whose
  keywords its name holds, has an **issued year** or a **planned period** stated in its clause
  and a **status** (in force, drafting, completed, ongoing) from the words around it;
* a programme is **part of** a programme whose name it extends;
* a person **holds a post** in the agency named right before the post (省生态环境厅厅长李军);
* policies, regulations and programmes are **reported with** observations: in the same
  sentence, the same paragraph, or (weakest) sharing theme and place in the same document.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from functools import cache, lru_cache
from typing import Any

from ecokg.extract.base import (
    Claim,
    EntityMention,
    Membership,
    Observation,
    OutcomeLink,
    Relation,
    register,
)
from ecokg.extract.lexicon import Lexicon, PlaceDef
from ecokg.extract.places import NATIONAL_TYPES, find_places, home_province
from ecokg.text.analyzed import AnalyzedDoc, SourceSpan
from ecokg.text.periods import PeriodFinder, TimeAnchor
from ecokg.text.segment import Sentence
from ecokg.text.wordlists import alternation

INSTRUMENTS = ("Policy", "Regulation")
ACTIVITIES = ("Programme", "Event")
LINKABLE = ("Policy", "Regulation", "Programme")
_SUB_PROGRAMME = re.compile(r"(?:专项行动|行动|试点|工程|考核|攻关)$")


@cache
def _words(lexicon: Lexicon) -> dict[str, Any]:
    p = lexicon.words["entity_patterns"]
    return {
        "issue": re.compile(alternation(p["issue_verbs"])),
        "lead": re.compile(alternation(p["lead_verbs"])),
        "status": [(status, tuple(words)) for status, words in p["status_cues"].items()],
        "periods": PeriodFinder(lexicon.words),
    }


def _norm(m: EntityMention) -> tuple[int, int]:
    assert m.norm_span is not None
    return m.norm_span


def _by_sentence(
    doc: AnalyzedDoc, mentions: Sequence[EntityMention]
) -> dict[int, list[EntityMention]]:
    """Mentions grouped by the start of the sentence they begin in, in their own order (one pass,
    not one scan of every mention per sentence)."""
    groups: dict[int, list[EntityMention]] = {}
    for m in mentions:
        sentence = doc.sentence_at(_norm(m)[0])
        if sentence is not None:
            groups.setdefault(sentence.span.start, []).append(m)
    return groups


def _agency_relations(
    doc: AnalyzedDoc, words: dict[str, Any], mentions: list[EntityMention], sentence: Sentence
) -> Iterator[Relation]:
    """Agency -> verb -> instrument/programme, the agency being the last one before the verb."""
    text = doc.text
    evidence = doc.source_span(sentence.span.start, sentence.span.end)
    agencies = [m for m in mentions if m.type == "Agency"]
    for target in mentions:
        if target.type not in (*INSTRUMENTS, *ACTIVITIES):
            continue
        t_start = _norm(target)[0]
        before = [a for a in agencies if _norm(a)[1] <= t_start]
        if not before:
            continue
        agency = before[-1]
        between = text[_norm(agency)[1] : t_start]
        verbs = words["issue"] if target.type in INSTRUMENTS else words["lead"]
        if verbs.search(between) and not re.search(r"[。；;]", between):
            predicate = "issued" if target.type in INSTRUMENTS else "leads"
            yield Relation(agency.key, "Agency", predicate, evidence, target.key, target.type)


def _status(doc: AnalyzedDoc, words: dict[str, Any], mention: EntityMention) -> str | None:
    sentence = doc.sentence_at(_norm(mention)[0])
    if sentence is None:
        return None
    clause = next((c for c in sentence.clauses if c.contains(_norm(mention)[0])), sentence.span)
    context = doc.text[clause.start : clause.end].replace(doc.text[slice(*_norm(mention))], "")
    for status, cues in words["status"]:
        if any(cue in context for cue in cues):
            return str(status)
    return None


def _attribute_relations(
    doc: AnalyzedDoc,
    lexicon: Lexicon,
    words: dict[str, Any],
    mention: EntityMention,
    anchor: TimeAnchor,
) -> Iterator[Relation]:
    evidence = mention.span
    for hit in find_places(mention.name, lexicon):
        if hit.place.type not in NATIONAL_TYPES:
            yield Relation(
                mention.key, mention.type, "aboutPlace", evidence, f"place:{hit.place.id}", "Place"
            )
    for code in _themes_named(lexicon, mention.name):
        yield Relation(mention.key, mention.type, "addressesTheme", evidence, value=code)
    sentence = doc.sentence_at(_norm(mention)[0])
    if sentence is not None and mention.type in (*INSTRUMENTS, "Programme"):
        m_start, m_end = _norm(mention)
        clause = next((c for c in sentence.clauses if c.contains(m_start)), sentence.span)
        # A planned period is written in the name or its clause ("三年行动方案（2023—2025年）").
        for expr in words["periods"].find(doc.text[clause.start : max(clause.end, m_end)], anchor):
            if expr.kind == "range" and expr.code:
                yield Relation(
                    mention.key, mention.type, "plannedPeriod", evidence, value=expr.code
                )
                break
        # The year an instrument was issued: the last year named before it in its sentence,
        # when an issuing verb stands between them ("2024年，…厅印发《…》").
        before = doc.text[sentence.span.start : m_start]
        if mention.type in INSTRUMENTS and words["issue"].search(before):
            years = [
                e
                for e in words["periods"].find(before, anchor)
                if e.kind in ("year", "relative", "same_year", "month") and e.code
            ]
            if years:
                sentence_span = doc.source_span(sentence.span.start, sentence.span.end)
                yield Relation(
                    mention.key,
                    mention.type,
                    "issuedYear",
                    sentence_span,
                    value=str(years[-1].code)[:4],
                )
    if mention.type in (*INSTRUMENTS, "Programme"):
        status = mention.attribute("status") or _status(doc, words, mention)
        if status:
            yield Relation(mention.key, mention.type, "status", evidence, value=status)


def _memberships(mentions: list[EntityMention], doc: AnalyzedDoc) -> Iterator[Membership]:
    """A person named after a post (厅长李军) holds it in the agency that ends at most two
    characters before the post (the first such mention)."""
    agencies: dict[int, tuple[int, EntityMention]] = {}  # end -> (order, first agency ending there)
    for order, a in enumerate(mentions):
        if a.type == "Agency":
            agencies.setdefault(_norm(a)[1], (order, a))
    for person in mentions:
        post = person.attribute("post")
        if person.type != "Person" or not post:
            continue
        post_start = _norm(person)[0] - len(post)
        ending = [agencies[e] for e in range(post_start - 2, post_start + 1) if e in agencies]
        agency = min(ending, key=lambda found: found[0])[1] if ending else None
        evidence = doc.source_span(_norm(agency)[0] if agency else post_start, _norm(person)[1])
        yield Membership(person.key, agency.key if agency else None, post, evidence)


def _part_of(mentions: Sequence[EntityMention]) -> Iterator[Relation]:
    programmes = {m.name: m for m in mentions if m.type == "Programme"}
    for name, mention in sorted(programmes.items()):
        if not _SUB_PROGRAMME.search(name):
            continue
        for other, parent in programmes.items():
            if other != name and name.startswith(other) and len(other) >= 4:
                yield Relation(
                    mention.key, "Programme", "partOf", mention.span, parent.key, "Programme"
                )


def _outcome_links(
    doc: AnalyzedDoc,
    lexicon: Lexicon,
    mentions: Sequence[EntityMention],
    observations: Sequence[Observation],
    obs_norm: dict[int, tuple[int, int]],
) -> Iterator[OutcomeLink]:
    """Each linkable mention with the observations of its paragraph (same sentence, same
    paragraph) and those elsewhere that share a theme and the place it is about: looked up by
    paragraph and by (theme, place), not by trying every pair of mention and observation."""
    home = home_province(find_places(doc.text, lexicon), lexicon)
    best: dict[tuple[str, int], OutcomeLink] = {}
    rank = {"same_sentence": 0, "same_paragraph": 1, "shared_theme_place": 2}
    sentences = {i: doc.sentence_at(span[0]) for i, span in obs_norm.items()}
    in_paragraph: dict[int, list[int]] = {}
    by_theme_place: dict[tuple[str | None, str | None], list[int]] = {}
    for index, obs in enumerate(observations):
        o_sentence = sentences[index]
        if o_sentence is not None:
            in_paragraph.setdefault(o_sentence.paragraph, []).append(index)
            by_theme_place.setdefault((obs.theme, obs.place_key), []).append(index)

    def keep(mention: EntityMention, index: int, basis: str, evidence: SourceSpan) -> None:
        key = (mention.key, index)
        if key not in best or rank[basis] < rank[best[key].basis]:
            obs = observations[index]
            best[key] = OutcomeLink(
                mention.key, mention.type, obs.value_span, basis, evidence, obs.part
            )

    for mention in mentions:
        if mention.type not in LINKABLE or mention.norm_span is None:
            continue
        m_sentence = doc.sentence_at(mention.norm_span[0])
        if m_sentence is None:
            continue
        paragraph = m_sentence.paragraph
        # A piece of an overlong line is no paragraph of the writer's: its values are only
        # linked within their sentence (else every mention of a megabyte line meets every value).
        whole = paragraph not in doc.cut_paragraphs
        for index in in_paragraph.get(paragraph, ()):
            if sentences[index] == m_sentence:
                evidence = doc.source_span(m_sentence.span.start, m_sentence.span.end)
                keep(mention, index, "same_sentence", evidence)
            elif whole:
                keep(
                    mention,
                    index,
                    "same_paragraph",
                    doc.source_span(*doc.paragraph_spans[paragraph]),
                )
        place = _place_key(lexicon, mention, home)
        for code in _themes_named(lexicon, mention.name):
            for index in by_theme_place.get((code, place), ()):
                o_sentence = sentences[index]
                if o_sentence is not None and (o_sentence.paragraph != paragraph or not whole):
                    keep(mention, index, "shared_theme_place", mention.span)
    yield from (best[k] for k in sorted(best))


@lru_cache(maxsize=4096)  # a name recurs with every mention
def _themes_named(lexicon: Lexicon, name: str) -> tuple[str, ...]:
    """The themes whose keywords a name holds, by code."""
    return tuple(
        sorted(
            code for code, theme in lexicon.themes.items() if any(k in name for k in theme.keywords)
        )
    )


def _place_key(lexicon: Lexicon, mention: EntityMention, home: PlaceDef | None) -> str | None:
    """The place a named instrument or programme is about: named in it, else the home province."""
    for hit in find_places(mention.name, lexicon):
        if hit.place.type not in NATIONAL_TYPES:
            return f"place:{hit.place.id}"
    return f"place:{home.id}" if home else None


@register("relations")
def extract_relations(
    doc: AnalyzedDoc, lexicon: Lexicon, claims: Sequence[Claim] = ()
) -> Iterable[Claim]:
    """Relations, memberships and policy->outcome links among the claims found before."""
    words = _words(lexicon)
    mentions = [c for c in claims if isinstance(c, EntityMention) and c.norm_span]
    observations = [c for c in claims if isinstance(c, Observation)]
    anchor = doc.time_anchor
    out: list[Claim] = []
    by_sentence = _by_sentence(doc, mentions)
    for sentence in doc.sentences:
        in_sentence = by_sentence.get(sentence.span.start, [])
        out.extend(_agency_relations(doc, words, in_sentence, sentence))
    seen: set[tuple[str, str, str | None, str | None]] = set()
    for mention in mentions:
        for rel in _attribute_relations(doc, lexicon, words, mention, anchor):
            key = (rel.subject_key, rel.predicate, rel.obj_key, rel.value)
            if key not in seen:  # one relation per entity and value, at its first mention
                seen.add(key)
                out.append(rel)
    out.extend(_memberships(mentions, doc))
    out.extend(_part_of(mentions))
    obs_norm = {i: _value_norm_span(doc, o) for i, o in enumerate(observations)}
    out.extend(_outcome_links(doc, lexicon, mentions, observations, obs_norm))
    return out


def _value_norm_span(doc: AnalyzedDoc, obs: Observation) -> tuple[int, int]:
    """Where an observation's value stands in the normalised text."""
    lo = bisect_left(doc.norm.offsets.starts, obs.value_span.start)
    return lo, lo + 1
