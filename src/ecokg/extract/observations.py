"""Observations: every quantitative claim, with indicator, value, unit, hedge, period and place.

The extractor reads one sentence at a time. For each number it decides, from the words around it
(all loaded from the lexicon files), whether it is a measured value at all (dates, codes, ordinals
and numbers inside names are not), what unit it has, how it is hedged, which indicator it
measures, when and where it applies, and whether it is a result, a target or a forecast.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from ecokg.extract.base import Claim, EntityMention, IndicatorRef, Observation, Period, register
from ecokg.extract.lexicon import IndicatorDef, Lexicon, PlaceDef
from ecokg.extract.places import NATIONAL_TYPES, PlaceHit, find_places, home_province
from ecokg.extract.topics import off_topic
from ecokg.kg.vocab import minted_indicator_iri, slug
from ecokg.text.analyzed import AnalyzedDoc
from ecokg.text.numbers import ARABIC_NUMBER, parse_number
from ecokg.text.periods import PeriodFinder, TimeAnchor, TimeExpr, period_code
from ecokg.text.segment import Sentence, Span
from ecokg.text.wordlists import alternation, ends_with_any, starts_with_any

_CN_DIGIT_START = "〇零一二两三四五六七八九十"
_CN_ALL = "〇零一二两三四五六七八九十百千万亿"
_NUMBER = re.compile(
    rf"(?<![A-Za-z0-9.\-/])(?:{ARABIC_NUMBER}(?:[十百千]?[万亿])*|[{_CN_DIGIT_START}][{_CN_ALL}]*)"
)
# Separators inside a clause after which a new subject starts ("42次、中心组…12次").
_SUBJECT_BREAK = re.compile(r"[、]|以及|并且|同时")
_NOUN_STOP = re.compile(r"[，,。；;：:、！？!?（(“”\"《》\s]|(?<![A-Za-z.0-9])\d|和|及|与|等|的")
_NAMED_WITH_NUMBERS = ("Policy", "Programme", "Regulation", "Event")
_DATE_AFTER = re.compile(r"\s*[年月日号]")
_QUOTED = re.compile(r"“[^“”\n]{1,40}”|《[^《》\n]{1,80}》|「[^「」\n]{1,40}」")
_ARABIC_YEAR_LIKE = re.compile(r"^\d{4}$")
# Labels are trimmed of these leading words: they say where or when, not what.
_LEADING_NOISE = re.compile(
    r"^(?:其中|同时|此外|另外|目前|截至|截止|通过|全省|全市|全县|全国|全球|我省|我市|本省|全年|在|对|共|各|累计)+"
)


@dataclass(frozen=True)
class _Words:
    """The lexicon's word lists, compiled for fast use."""

    unit_forms: dict[str, str]
    unit_re: re.Pattern[str]
    q_before: dict[str, str]
    q_infix: dict[str, str]
    q_after: dict[str, str]
    linkers: tuple[str, ...]
    rank_verbs: tuple[str, ...]
    noun_stops: tuple[str, ...]
    change_up: tuple[str, ...]
    change_down: tuple[str, ...]
    rank_scopes: dict[str, str]
    ordinal_counters: tuple[str, ...]
    target_cues: tuple[str, ...]
    forecast_cues: tuple[str, ...]
    date_suffixes: tuple[str, ...]
    skip_before: tuple[str, ...]
    name_re: re.Pattern[str]
    periods: PeriodFinder
    cumulative: tuple[str, ...]


def _invert(groups: Mapping[str, Iterable[str]]) -> dict[str, str]:
    return {word: key for key, words in groups.items() for word in words}


@cache
def _words(lexicon: Lexicon) -> _Words:
    w: dict[str, Any] = lexicon.words
    unit_forms = lexicon.unit_for_surface()
    q = w["qualifiers"]
    after_forms = _invert(q["after"])
    return _Words(
        unit_forms=unit_forms,
        unit_re=re.compile(
            rf"\s*(?P<infix>{alternation(_invert(q['infix']))})?\s*"
            rf"(?P<unit>{alternation(unit_forms)})?(?P<after>{alternation(after_forms)})?"
        ),
        q_before=_invert(q["before"]),
        q_infix=_invert(q["infix"]),
        q_after=after_forms,
        linkers=tuple(w["linkers"]),
        rank_verbs=tuple(w["rank_verbs"]),
        noun_stops=tuple(w["noun_stops"]),
        change_up=tuple(w["change"]["up"]),
        change_down=tuple(w["change"]["down"]),
        rank_scopes={str(k): str(v) for k, v in w["rank_scopes"].items()},
        ordinal_counters=tuple(w["ordinal_counters"]),
        target_cues=tuple(w["modality"]["target"]),
        forecast_cues=tuple(w["modality"]["forecast"]),
        date_suffixes=tuple(w["skip"]["date_suffixes"]),
        skip_before=tuple(w["skip"]["before"]),
        name_re=re.compile("|".join(f"(?:{p})" for p in w["skip"]["name_patterns"])),
        periods=PeriodFinder(w),
        cumulative=tuple(w["periods"]["cumulative"]),
    )


@dataclass(frozen=True)
class _Number:
    """A number that reads as a measured value, before indicator and context are attached."""

    start: int  # of the whole value expression (hedge included)
    end: int
    num_start: int
    num_end: int
    value: Decimal
    unit: str
    qualifier: str
    rank_scope: str | None = None
    rank_scope_word: str | None = None
    duration: bool = False


@dataclass
class _DocState:
    """What the extractor knows about the document as it reads it."""

    doc: AnalyzedDoc
    lexicon: Lexicon
    words: _Words
    times: list[TimeExpr]
    time_starts: list[int]
    places: list[PlaceHit]
    place_starts: list[int]
    home: PlaceDef | None
    anchor: TimeAnchor
    blocked: list[tuple[int, int]]


def _anchor(doc: AnalyzedDoc) -> TimeAnchor:
    published = doc.document.published
    return TimeAnchor(published.year if published else None, doc.document.meta.about_period)


def _state(doc: AnalyzedDoc, lexicon: Lexicon) -> _DocState:
    words = _words(lexicon)
    anchor = _anchor(doc)
    times = words.periods.find(doc.text, anchor)
    places = find_places(doc.text, lexicon)
    blocked = [(m.start(), m.end()) for m in _QUOTED.finditer(doc.text)]
    blocked += [(m.start(), m.end()) for m in words.name_re.finditer(doc.text)]
    return _DocState(
        doc,
        lexicon,
        words,
        times,
        [t.start for t in times],
        places,
        [p.start for p in places],
        home_province(places, lexicon),
        anchor,
        sorted(blocked),
    )


def _in_blocked(state: _DocState, start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies inside a quoted term, a title or a name."""
    # Spans are sorted by start: those before the insertion point start at or before ``start``.
    i = bisect_right(state.blocked, (start, 10**12))
    return any(e >= end for _, e in state.blocked[:i])


def _read_number(state: _DocState, m: re.Match[str], sentence: Sentence) -> _Number | None:
    """Decide whether the number at ``m`` is a measured value; return its value and unit."""
    text = state.doc.text
    w = state.words
    raw = m.group(0)
    s, e = m.start(), m.end()
    chinese = raw[0] in _CN_DIGIT_START
    if _in_blocked(state, s, e):
        return None
    before = text[max(sentence.span.start, s - 8) : s]
    if ends_with_any(before, w.skip_before) and not before.endswith("第"):
        return None
    try:
        value = parse_number(raw)
    except ValueError:
        return None
    rest = text[e : min(sentence.span.end, e + 12)]
    # Ordinals: 第N is a rank within a scope (全国第三), otherwise a label (第三轮).
    if before.endswith("第"):
        return _read_rank(state, s, e, value, before, rest)
    if before.endswith("连续") and rest.startswith("年"):
        return _Number(s - 2, e + 1, s, e, value, "year", "exact", duration=True)
    um = w.unit_re.match(rest)
    assert um is not None
    unit_form = um.group("unit")
    if rest.startswith(w.date_suffixes) and not (unit_form and len(unit_form) > 1):
        return None
    if unit_form is None:
        if chinese or _ARABIC_YEAR_LIKE.match(raw) or "." not in raw:
            return None
        if not re.search(r"指数[^，,。；;]{0,3}$", text[sentence.span.start : s]):
            return None
        unit = "index"
    else:
        unit = w.unit_forms[unit_form]
    # 一 with a counter is an article ("一批"); spelled-out counts (两批, 三个) and durations are
    # common, spelled-out measures rare.
    if chinese and (raw == "一" or unit not in ("count", "times", "year", "day")):
        return None
    if re.match(r"[A-Za-z]", text[e + um.end() : e + um.end() + 1]) and unit_form is None:
        return None
    qualifier = "exact"
    start = s
    q_before = _hedge_before(text[max(sentence.span.start, s - 6) : s], w)
    if q_before:
        qualifier, width = q_before
        start = s - width
    if um.group("infix"):
        qualifier = w.q_infix[um.group("infix")]
    if um.group("after"):
        qualifier = w.q_after[um.group("after")]
    end = e + um.end()
    if raw.endswith(("万", "亿")) and unit == "count" and not unit_form:
        return None
    return _Number(start, end, s, e, value, unit, qualifier)


def _hedge_before(before: str, w: _Words) -> tuple[str, int] | None:
    """A hedge word right before the number, possibly followed by a linking verb (超过…, 达…)."""
    word = ends_with_any(before, w.q_before)
    if word is not None:
        return w.q_before[word], len(word)
    linker = ends_with_any(before, ("达到", "达", "到", "为"))
    if linker is None:
        return None
    word = ends_with_any(before[: -len(linker)], w.q_before)
    if word is None:
        return None
    return w.q_before[word], len(word) + len(linker)


def _read_rank(
    state: _DocState, s: int, e: int, value: Decimal, before: str, rest: str
) -> _Number | None:
    w = state.words
    scope_word = None
    window = before[:-1]
    for word in sorted(w.rank_scopes, key=len, reverse=True):
        pos = window.rfind(word)
        if pos >= 0 and len(window) - pos - len(word) <= 4:
            scope_word = word
            break
    tail = starts_with_any(rest, ("位", "名", "个"))
    if scope_word is None:
        if tail not in ("位", "名") or not re.search(r"(?:排名|位列|位居|居|列)$", window):
            return None
    elif starts_with_any(rest, w.ordinal_counters) and tail is None:
        return None
    end = e + (len(tail) if tail else 0)
    return _Number(
        s - 1,
        end,
        s,
        e,
        value,
        "rank",
        "exact",
        rank_scope=w.rank_scopes.get(scope_word) if scope_word else None,
        rank_scope_word=scope_word,
    )


# ---------------------------------------------------------------------------- context


def _subject(state: _DocState, clause_start: int, limit: int) -> str:
    """The words of the clause before the number and after any earlier value or list break."""
    text = state.doc.text
    piece_start = clause_start
    for m in _SUBJECT_BREAK.finditer(text, clause_start, limit):
        piece_start = m.end()
    for m in _NUMBER.finditer(text, piece_start, limit):
        # Cut after an earlier value ("42次、…12次"), not after a date ("从2017年的83.6%").
        if m.group(0)[0].isdigit() and not _DATE_AFTER.match(text, m.end()):
            um = state.words.unit_re.match(text, m.end(), limit)
            piece_start = max(piece_start, um.end() if um else m.end())
    return text[piece_start:limit]


def _clean_label(subject: str, state: _DocState) -> str:
    """Strip times, hedges, linking verbs and place-holder words from a subject phrase."""
    w = state.words
    label = subject
    for expr in state.words.periods.find(label, state.anchor)[::-1]:
        label = label[: expr.start] + label[expr.end :]
    label = re.sub(r"\d{4}年|[“”\"‘’「」]", "", label)
    strippable = (
        *w.linkers,
        *w.rank_verbs,
        *w.q_before,
        *w.change_up,
        *w.change_down,
        *w.rank_scopes,
    )
    changed = True
    while changed and label:
        changed = False
        word = ends_with_any(label, strippable)
        if word:
            label = label[: -len(word)]
            changed = True
        new = _LEADING_NOISE.sub("", label)
        if new != label:
            label, changed = new, True
    return label.strip(" ,，、:：的")


def _noun_after(state: _DocState, pos: int, limit: int) -> str:
    """The noun phrase after a value ("42个|省直单位", "98%的|白鹤"), up to a stop word."""
    text = state.doc.text
    if text.startswith("的", pos):
        pos += 1
    end = min(limit, pos + 12)
    m = _NOUN_STOP.search(text, pos, end)
    end = m.start() if m else end
    for i in range(pos, end):
        if starts_with_any(text[i:end], state.words.noun_stops):
            return text[pos:i]
    return text[pos:end]


def _match_indicator(
    lexicon: Lexicon, text: str, unit: str | None
) -> tuple[IndicatorDef, int] | None:
    """The scheme indicator whose pattern matches ``text`` longest (scheme order breaks ties)."""
    best: tuple[IndicatorDef, int] | None = None
    for ind in lexicon.indicators:
        if unit is not None and ind.unit is not None and ind.unit != unit:
            continue
        for m in ind.pattern.finditer(text):
            if best is None or m.end() - m.start() > best[1]:
                best = (ind, m.end() - m.start())
    return best


def _ref(ind: IndicatorDef) -> IndicatorRef:
    return IndicatorRef(str(ind.iri), ind.label, True, ind.theme)


def _minted(label: str, theme: str | None) -> IndicatorRef:
    return IndicatorRef(str(minted_indicator_iri(label)), label, False, theme)


def _derived(base: IndicatorRef, suffix_iri: str, suffix_label: str) -> IndicatorRef:
    return IndicatorRef(
        f"{base.iri}--{suffix_iri}", base.label + suffix_label, base.in_scheme, base.theme, base
    )


def _theme(state: _DocState, *texts: str) -> str | None:
    for text in texts:
        scores = {
            code: sum(text.count(k) for k in theme.keywords)
            for code, theme in state.lexicon.themes.items()
        }
        best = max(sorted(scores), key=lambda c: scores[c]) if scores else None
        if best and scores[best] > 0:
            return best
    return None


def _period(
    state: _DocState,
    sentence: Sentence,
    clause: Span,
    num: _Number,
    paragraph_time: TimeExpr | None,
    is_change: bool,
) -> Period:
    lo = bisect_right(state.time_starts, sentence.span.start - 1)
    hi = bisect_right(state.time_starts, num.start - 1)
    in_sentence = [t for t in state.times[lo:hi] if t.end <= num.start and t.kind != "cumulative"]
    dated = [t for t in in_sentence if t.code]
    if is_change and len({t.code for t in dated if t.kind in ("year", "relative")}) >= 2:
        years = [t.start_year for t in dated if t.start_year is not None]
        return Period(period_code(min(years), max(years)), "stated", min(years), max(years))
    if dated:
        t = dated[-1]
        if not num.duration or t.kind != "plan":
            return Period(t.code, _basis(t), t.start_year, t.end_year)
    clause_text = state.doc.text[clause.start : num.start]
    if not num.duration and any(word in clause_text for word in state.words.cumulative):
        return Period("cumulative", "stated")
    if paragraph_time is not None and paragraph_time.code:
        t = paragraph_time
        return Period(t.code, "context", t.start_year, t.end_year)
    about = state.anchor.about_year
    if about is not None:
        return Period(str(about), "document", about, about)
    return Period(None, "none")


def _basis(t: TimeExpr) -> str:
    return {
        "relative": "relative",
        "same_year": "relative",
        "reporting": "relative",
        "plan": "plan",
    }.get(t.kind, "stated")


def _place(
    state: _DocState, sentence: Sentence, clause: Span, num: _Number, topic: PlaceHit | None
) -> PlaceDef | None:
    """Where a value applies: a place named in its clause, else the sentence's or paragraph's
    opening place, else the document's home province. 全国 right before a count is national."""
    text = state.doc.text
    if num.unit != "rank" and text[max(clause.start, num.start - 3) : num.start].endswith("全国"):
        return state.lexicon.place_by_alias.get("全国")
    lo = bisect_right(state.place_starts, clause.start - 1)
    hi = bisect_right(state.place_starts, num.start - 1)
    for hit in reversed(state.places[lo:hi]):
        if hit.place.type in NATIONAL_TYPES or hit.end > num.start:
            continue
        if "等" in text[hit.end : num.start]:
            continue  # "赣州和资溪等7个市": members of a list, not the place of the count
        return hit.place
    opening = _opening_place(state, sentence.span.start)
    if opening is not None:
        return opening.place
    if topic is not None:
        return topic.place
    return state.home


def _modality(state: _DocState, clause_text: str, period: Period) -> str:
    w = state.words
    if any(cue in clause_text for cue in w.forecast_cues):
        return "forecast"
    if any(cue in clause_text for cue in w.target_cues):
        return "target"
    if (
        re.search(r"到\d{4}年", clause_text)
        and period.start_year
        and state.anchor.year
        and (period.start_year > state.anchor.year)
    ):
        return "target"
    return "achieved"


def _change_cue(subject: str, w: _Words) -> tuple[str, str] | None:
    trimmed = subject.rstrip("了达到为至")
    for direction, words in (("up", w.change_up), ("down", w.change_down)):
        word = ends_with_any(trimmed, words)
        if word:
            return direction, word
    return None


@register("observations")
def extract_observations(
    doc: AnalyzedDoc, lexicon: Lexicon, claims: Sequence[Claim] = ()
) -> Iterable[Observation]:
    """Every quantitative claim of the document (see the module docstring).

    Numbers inside the names of policies and programmes found before ("服务重大项目建设10条",
    "八大标志性战役30个专项行动") are part of the name, not values.
    """
    state = _state(doc, lexicon)
    names = [
        c.norm_span
        for c in claims
        if isinstance(c, EntityMention) and c.norm_span and c.type in _NAMED_WITH_NUMBERS
    ]
    if names:
        state.blocked = sorted([*state.blocked, *names])
    text = doc.text
    paragraph = -1
    paragraph_time: TimeExpr | None = None
    topic: PlaceHit | None = None
    for sentence in doc.sentences:
        if sentence.paragraph != paragraph:
            paragraph, paragraph_time = sentence.paragraph, None
            topic = _opening_place(state, sentence.span.start)
        previous: IndicatorRef | None = None
        lead = _leading_time(state, sentence)
        if lead is not None:
            paragraph_time = lead
        for clause in sentence.clauses:
            if off_topic(doc, lexicon, sentence, clause):
                continue
            for m in _NUMBER.finditer(text, clause.start, clause.end):
                num = _read_number(state, m, sentence)
                if num is None:
                    continue
                obs = _observation(state, sentence, clause, num, previous, paragraph_time, topic)
                if obs is None:
                    continue
                previous = obs.indicator.base or obs.indicator
                yield obs


def _previous_clause(state: _DocState, sentence: Sentence, clause: Span) -> str:
    """The clause before ``clause`` in the sentence ("Ⅰ-Ⅱ类水质比例不降反升，|达86.4%")."""
    earlier = [c for c in sentence.clauses if c.end <= clause.start]
    return state.doc.text[earlier[-1].start : earlier[-1].end] if earlier else ""


def _leading_time(state: _DocState, sentence: Sentence) -> TimeExpr | None:
    """A time expression opening the sentence sets the time of what follows in the paragraph."""
    i = bisect_right(state.time_starts, sentence.span.start - 1)
    if i < len(state.times):
        t = state.times[i]
        if t.start - sentence.span.start <= 2 and t.code and t.kind != "cumulative":
            return t
    return None


def _opening_place(state: _DocState, pos: int) -> PlaceHit | None:
    """A sub-provincial place standing at ``pos`` (a sentence or paragraph about that place)."""
    i = bisect_right(state.place_starts, pos - 1)
    if i < len(state.places):
        hit = state.places[i]
        if hit.start - pos <= 1 and hit.place.type not in ("province", *NATIONAL_TYPES):
            return hit
    return None


def _observation(
    state: _DocState,
    sentence: Sentence,
    clause: Span,
    num: _Number,
    previous: IndicatorRef | None,
    paragraph_time: TimeExpr | None,
    topic: PlaceHit | None,
) -> Observation | None:
    text = state.doc.text
    lex = state.lexicon
    w = state.words
    raw_subject = _subject(state, clause.start, num.start)
    change = (
        _change_cue(raw_subject, w)
        if num.unit in ("percentage_point", "percent", "times")
        else None
    )
    label = _clean_label(raw_subject, state)
    after_unit = _noun_after(state, num.end, clause.end)
    if num.unit == "percent" and not label and text.startswith("的", num.end) and after_unit:
        label = after_unit + "占比"  # "98%的白鹤": a share of something
    indicator: IndicatorRef | None = None
    if not label and num.unit not in ("rank", "count") and change is None:
        if previous is not None and not num.duration:
            indicator = previous  # "从2017年的83.6%上升到2021年的90.67%": the same indicator
        else:
            before = _previous_clause(state, sentence, clause)
            label = after_unit or ("" if re.search(r"\d", before) else _clean_label(before, state))
    context = f"{label}|{after_unit}"
    if indicator is not None:
        pass
    elif num.unit == "rank":
        matched = _match_indicator(lex, label, None)
        base = _ref(matched[0]) if matched else previous
        if base is None and (label or after_unit):
            base = _minted(label or after_unit, None)
        if base is None:
            return None
        scope = num.rank_scope_word or ""
        indicator = _derived(
            base, f"rank-{num.rank_scope or slug(scope or 'unscoped')}", f"{scope}排名"
        )
    elif change is not None:
        matched = _match_indicator(lex, label, None)
        if matched and re.search(r"(?:下降|增长|提升|削减)率$", matched[0].label):
            indicator = _ref(matched[0])
        else:
            base = _ref(matched[0]) if matched else previous
            if base is None and label:
                base = _minted(label, None)
            if base is None:
                return None
            yoy = "同比" in raw_subject
            indicator = _derived(
                base, "yoy-change" if yoy else "change", "同比变化" if yoy else "变化"
            )
    else:
        matched = _match_indicator(lex, context, num.unit)
        if matched:
            indicator = _ref(matched[0])
        else:
            noun = after_unit if len(after_unit) >= 2 or num.unit == "count" else ""
            name = (noun if num.unit == "count" else "") or label or noun
            if num.duration and (label or noun):
                indicator = _derived(_minted(label or noun, None), "consecutive-years", "连续年数")
            if indicator is not None:
                pass
            elif num.unit == "count" and not name.endswith(("数", "量")):
                name += "人数" if text[num.end - 1 : num.end] in "人名" else "数"
            elif num.unit == "percent" and not label and noun:
                name = noun + "占比"
            if indicator is None:
                if len(name) < 2 or name == "数":
                    return None
                indicator = _minted(name, None)
    clause_text = text[clause.start : clause.end]
    theme = indicator.theme or _theme(
        state, context, clause_text, text[sentence.span.start : sentence.span.end]
    )
    period = _period(state, sentence, clause, num, paragraph_time, change is not None)
    place = _place(state, sentence, clause, num, topic)
    quote = state.doc.source_span(clause.start, clause.end)
    return Observation(
        indicator=indicator,
        value=num.value,
        unit=num.unit,
        qualifier=num.qualifier,
        period=period,
        place=place.name if place else None,
        place_key=f"place:{place.id}" if place else None,
        quote=quote,
        value_span=state.doc.source_span(num.start, num.end),
        modality=_modality(state, text[clause.start : num.start], period),
        theme=theme,
        change_direction=change[0] if change else None,
        rank_scope=num.rank_scope,
    )
