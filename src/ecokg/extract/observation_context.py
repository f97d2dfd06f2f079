"""What the observation pass knows about one document while it reads it: the lexicon's word lists
compiled once, a number read as a value, the document's state (its times, places and defined
periods) and where each statement starts. Shared by the reading of values and of their time."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, cached_property
from typing import Any

from ecokg.errors import InputError
from ecokg.extract.base import IndicatorRef
from ecokg.extract.lexicon import IndicatorDef, Lexicon, PlaceDef
from ecokg.extract.places import WATER_TYPES, PlaceHit
from ecokg.text.analyzed import AnalyzedDoc
from ecokg.text.numbers import ARABIC_NUMBER, CHINESE_NUMERAL_CHARS
from ecokg.text.periods import PeriodFinder, TimeAnchor, TimeExpr
from ecokg.text.segment import MAX_SENTENCE, Sentence
from ecokg.text.wordlists import Affixes, LongestMatch, alternation, starts_with_any

CN_DIGITS = "〇零一二两三四五六七八九十"

CN_NUMERALS = CHINESE_NUMERAL_CHARS

# Words a minus sign may follow ("ΔEI为-0.62", "介于-12.6%至18.4%之间", "、-0.48"): after
# anything else a dash joins a range or a code (1-6月, 30万-50万元, GB 3095-2012).
SIGN_AFTER = "为是至于到从、和与及，,（(：:约达 "
NUMBER_RE = re.compile(
    rf"(?:(?<=[{SIGN_AFTER}])[-−](?=\d)|(?<![A-Za-z0-9.\-/−]))"
    # "3000余万元", "10多万人": a hedge may stand before the magnitude (see MAGNITUDE_HEDGES)
    rf"(?:{ARABIC_NUMBER}(?:\s?[余多]?[十百千]?[万亿])*|[{CN_DIGITS}][{CN_NUMERALS}]*"
    # "近百种", "逾百亿元": a round hundred or thousand after a hedge
    rf"|(?<=[近逾超约])[百千][{CN_NUMERALS}]*)"
)

# Hedges a number may hold before its magnitude (3000余万元: more than 30 million).
MAGNITUDE_HEDGES = ("余", "多")

# Units of what a government does or spends: such a figure is about the jurisdiction, not the
# river or lake its clause names.
ACTIVITY_UNITS = ("count", "cny")

LIST_SEPARATOR = re.compile(r"\s*(?:、|和|及|与)\s*")

STREAK_YEARS = re.compile(r"连续(?P<n>[\d一二两三四五六七八九十]{1,3})年")

FULL_NAME_ENDS = ("市", "县", "区", "州", "盟", "旗")

FULL_NAMES = ("省", "自治区", *FULL_NAME_ENDS)

_PART_BREAK = re.compile(r"[；;]")
_ITEM_OPENERS = ("其中", "、")


def item_closed(text: str, start: int, end: int) -> bool:
    """Whether what stands at ``start`` opens an item (after 其中, or listed after 、) whose part
    of the statement a ； closes before ``end``: in "其中上半年83家次、下半年103家次；抽查报告
    2364份" neither half-year nor a place named there holds for the report count."""
    item = text[max(0, start - 3) : start].rstrip("，,").endswith(_ITEM_OPENERS)
    return item and _PART_BREAK.search(text, start, end) is not None


@dataclass(frozen=True)
class Words:
    """The lexicon's word lists, compiled for fast use."""

    unit_forms: dict[str, str]
    unit_re: re.Pattern[str]
    q_before: dict[str, str]
    q_infix: dict[str, str]
    q_after: dict[str, str]
    linkers: tuple[str, ...]
    rank_verbs: Affixes
    noun_stops: Affixes
    bare_heads: frozenset[str]
    change_up: Affixes
    change_down: Affixes
    magnitude: re.Pattern[str]  # a change's size named before it; group "up" or "down"
    move_to: re.Pattern[str]  # "增加到", "降至": where a move from one value went
    rank_scopes: dict[str, str]
    rank_scope_words: tuple[str, ...]  # longest first
    rank_list: re.Pattern[str]
    rank_after_places: re.Pattern[str]
    rank_top: re.Pattern[str]
    rank_moves: dict[str, str]
    respectively: tuple[str, ...]
    # after places listed together, a word that makes the value each one's (within the words
    # after the list)
    each_one_after: re.Pattern[str]
    # those that, opening a clause, still say "each" (均, 并列; 各 there opens 各级, 各地)
    each_one_opening: tuple[str, ...]
    year_on_year: tuple[str, ...]
    stock_verbs: tuple[str, ...]
    present_stocks: tuple[str, ...]
    stock_verbs_after: tuple[str, ...]
    level_metrics: Affixes
    stock_not: tuple[str, ...]
    done_verbs: tuple[str, ...]
    decided_here: tuple[str, ...]
    writer_words: tuple[str, ...]
    count_forms: frozenset[str]
    skip_after_count: tuple[str, ...]
    skip_after_days: tuple[str, ...]
    scope_sets: Affixes
    area_bounds: tuple[str, ...]
    province_wide: tuple[str, ...]
    jurisdictions: dict[str, str]
    share_of_whole: re.Pattern[str]  # 合计占, then the whole's jurisdiction word if named
    label_rewrites: tuple[tuple[re.Pattern[str], str], ...]
    ordinal_counters: Affixes
    occasion_counters: Affixes
    target_cues: tuple[str, ...]
    future_times: tuple[str, ...]
    future_openers: tuple[str, ...]
    target_openers: Affixes
    target_headings: tuple[str, ...]
    target_headings_not: tuple[str, ...]
    # A cue used as a noun (按照…要求, 管控要求的): a requirement met, no target set
    cue_as_noun: re.Pattern[str]
    goal_nouns: Affixes
    examinations: tuple[str, ...]
    campaigns: tuple[str, ...]
    during_events: tuple[str, ...]
    results_re: re.Pattern[str]  # "调查结果显示": a statement opening with a survey's results
    event_verbs: tuple[str, ...]
    examination_acts: tuple[str, ...]
    incidents: tuple[str, ...]
    follow_ups: tuple[str, ...]
    forecast_cues: tuple[str, ...]
    date_suffixes: tuple[str, ...]
    score_words: tuple[str, ...]
    rule_parameters: tuple[str, ...]
    quota_words: tuple[str, ...]
    limits_before: re.Pattern[str]  # a standard's limit names the values after it
    limits_after: re.Pattern[str]  # ...or the value before it
    frequency_before: re.Pattern[str]  # 每月…: a number of times is how often, not how many
    location_before: re.Pattern[str]  # 以南约…公里: where something lies
    skip_before: Affixes
    name_re: re.Pattern[str]
    periods: PeriodFinder
    cumulative: Affixes
    sums: tuple[str, ...]
    # who says what follows ("白皮书显示，") or from where it looks ("从全年看，"), before its time
    lead_in: re.Pattern[str]
    cause_openers: tuple[str, ...]
    goal_words: tuple[str, ...]
    reports: tuple[str, ...]
    # A flattened table: its caption's unit, a line of a name and a number, a group's subtotal
    table_unit: re.Pattern[str]
    table_row: re.Pattern[str]
    table_total: re.Pattern[str]
    # A table in columns: what splits its cells, a header cell, a cell's number, a total row
    cell_separator: re.Pattern[str]
    narrow_separator: re.Pattern[str]
    year_row: re.Pattern[str]
    header_cell: re.Pattern[str]
    count_header: re.Pattern[str]
    scope_header: re.Pattern[str]
    grid_number: re.Pattern[str]
    category_row: re.Pattern[str]
    total_rows: tuple[str, ...]
    as_of_now: tuple[str, ...]
    anaphor_count: re.Pattern[str]
    base_before: Affixes
    measure_ends: tuple[str, ...]
    normals: re.Pattern[str]
    base_after: Affixes
    admin_prefix: re.Pattern[str]
    label_openers: re.Pattern[str]
    unit_nouns: dict[str, str]
    averaging_words: Affixes
    counter_nouns: dict[str, str]
    living_counters: str
    evaluatives: Affixes
    streak_states: tuple[tuple[re.Pattern[str], str], ...]
    # generic indicator IRI -> (narrower one, "cue|other" set words as one pattern, cue group)
    indicator_context: dict[str, tuple[IndicatorDef, re.Pattern[str]]]
    tenths: str
    not_after_tenths: tuple[str, ...]
    tenths_idioms: tuple[str, ...]
    half: dict[str, str]
    half_re: re.Pattern[str]
    first_re: re.Pattern[str]  # a rank of 1 written without a numeral (首位)
    # words that keep a company anonymous (某, 一家; the entity patterns' list)
    anonymous_words: tuple[str, ...]
    strippable: Affixes  # what a subject phrase may end with that names no metric


def _results_re(results: Mapping[str, list[str]]) -> re.Pattern[str]:
    return re.compile(
        rf"(?P<noun>{alternation(results['nouns'])})(?:结果)?(?:{alternation(results['verbs'])})"
    )


def _invert(groups: Mapping[str, Iterable[str]]) -> dict[str, str]:
    return {word: key for key, words in groups.items() for word in words}


@cache
def words_of(lexicon: Lexicon) -> Words:
    w: dict[str, Any] = lexicon.words
    unit_forms = lexicon.unit_for_surface()
    q = w["qualifiers"]
    after_forms = _invert(q["after"])
    return Words(
        unit_forms=unit_forms,
        unit_re=re.compile(
            rf"\s*(?P<infix>{alternation(_invert(q['infix']))})?[”’」\"]?\s*"
            rf"(?P<unit>{alternation(unit_forms)})?(?P<after>{alternation(after_forms)})?"
        ),
        q_before=_invert(q["before"]),
        q_infix=_invert(q["infix"]),
        q_after=after_forms,
        linkers=tuple(w["linkers"]),
        rank_verbs=Affixes(w["rank_verbs"]),
        noun_stops=Affixes(w["noun_stops"]),
        bare_heads=frozenset(w["bare_heads"]),
        change_up=Affixes(w["change"]["up"]),
        change_down=Affixes(w["change"]["down"]),
        move_to=re.compile(
            rf"[^，,。；;\d]{{0,3}}(?:{alternation(w['change']['moves'])})(?:到|至|为)"
        ),
        magnitude=re.compile(
            f"(?:(?P<up>{alternation(w['change']['magnitude']['up'])})"
            f"|(?P<down>{alternation(w['change']['magnitude']['down'])}))"
            r"(?:最大|最小|最高|最低|较大|较小|明显)?(?:的是[^，,。；;]{0,12})?(?:为|达到|达|是)?$"
        ),
        rank_scopes={str(k): str(v) for k, v in w["rank_scopes"].items()},
        rank_scope_words=tuple(sorted(map(str, w["rank_scopes"]), key=len, reverse=True)),
        rank_list=re.compile(w["rank_list"]),
        rank_after_places=re.compile(w["rank_after_places"]),
        rank_top=re.compile(w["rank_top"]),
        rank_moves={str(k): str(v) for k, v in w["rank_moves"].items()},
        respectively=tuple(w["respectively"]),
        # (digits only in a pollutant's name: 柳州、桂林PM2.5平均浓度均为…)
        each_one_after=re.compile(
            rf"(?:[^，,。；;\d]|(?<=[A-Za-z])[\d.]+){{0,12}}?(?:{alternation(w['each_one'])})"
        ),
        each_one_opening=tuple(word for word in w["each_one"] if word not in w["label_openers"]),
        year_on_year=tuple(w["change"]["year_on_year"]),
        stock_verbs=tuple(w["periods"]["stock_verbs"]),
        present_stocks=tuple(w["periods"].get("present_stocks", ())),
        stock_verbs_after=tuple(w["periods"]["stock_verbs_after"]),
        level_metrics=Affixes(w["periods"]["level_metrics"]),
        stock_not=tuple(w["periods"]["stock_not"]),
        done_verbs=tuple(w["periods"]["done_verbs"]),
        decided_here=tuple(w["periods"].get("decided_here", ())),
        writer_words=tuple(w.get("writer_words", ())),
        count_forms=frozenset(f for f, code in unit_forms.items() if code == "count"),
        skip_after_count=tuple(w["skip"]["after_count"]),
        skip_after_days=tuple(w["skip"]["after_days"]),
        scope_sets=Affixes(w["scope_sets"]),
        area_bounds=tuple(w["area_bounds"]),
        province_wide=tuple(w["province_wide"]),
        jurisdictions={str(k): str(v) for k, v in w["jurisdictions"].items()},
        share_of_whole=re.compile(
            rf"(?:{alternation(w['share_of_whole'])})(?P<whole>全国|"
            rf"{alternation(w['jurisdictions'])})?"
        ),
        label_rewrites=tuple((re.compile(p), str(r)) for p, r in w["indicator_label_rewrites"]),
        ordinal_counters=Affixes(w["ordinal_counters"]),
        occasion_counters=Affixes(w["occasion_counters"]),
        target_cues=tuple(w["modality"]["target"]),
        future_times=tuple(w["modality"]["future_times"]),
        future_openers=tuple(w["modality"]["future_openers"]),
        target_openers=Affixes(w["modality"]["target_openers"]),
        target_headings=tuple(w["modality"]["target_headings"]),
        target_headings_not=tuple(w["modality"]["target_headings_not"]),
        cue_as_noun=re.compile("|".join(w["modality"]["cue_as_noun"])),
        goal_nouns=Affixes(w["modality"]["goal_nouns"]),
        examinations=tuple(w["periods"]["examinations"]),
        campaigns=tuple(w["periods"].get("campaigns", ())),
        during_events=tuple(w["periods"].get("during_events", ())),
        results_re=_results_re(w["periods"]["survey_results"]),
        event_verbs=tuple(w["periods"].get("event_verbs", ())),
        examination_acts=tuple(w["periods"]["examination_acts"]),
        incidents=tuple(w["periods"]["incidents"]),
        follow_ups=tuple(w["periods"]["follow_ups"]),
        forecast_cues=tuple(w["modality"]["forecast"]),
        date_suffixes=tuple(w["skip"]["date_suffixes"]),
        score_words=tuple(w["skip"]["score_words"]),
        rule_parameters=tuple(w["skip"]["rule_parameters"]),
        quota_words=tuple(w["skip"]["quota_words"]),
        limits_before=re.compile(w["skip"]["limits_before"]),
        limits_after=re.compile(w["skip"]["limits_after"]),
        frequency_before=re.compile(w["skip"]["frequency_before"]),
        location_before=re.compile(w["skip"]["location_before"]),
        skip_before=Affixes(w["skip"]["before"]),
        name_re=re.compile("|".join(f"(?:{p})" for p in w["skip"]["name_patterns"])),
        periods=PeriodFinder(w),
        cumulative=Affixes(w["periods"]["cumulative"]),
        sums=tuple(w["periods"]["sums"]),
        lead_in=re.compile(
            rf"[^，,。；;]{{0,24}}"
            rf"(?:{alternation([*w['periods']['lead_in'], *w['periods']['framings']])})[，,]"
            rf"|(?:{alternation(w['periods']['basis_openers'])})[^，,。；;]{{0,24}}[，,]"
        ),
        cause_openers=tuple(w["periods"]["cause_openers"]),
        goal_words=tuple(w["periods"]["goal_words"]),
        reports=tuple(w["periods"]["annual_reports"]),
        table_unit=re.compile(w["tables"]["unit"]),
        table_row=re.compile(w["tables"]["row"]),
        table_total=re.compile(w["tables"]["total"]),
        cell_separator=re.compile(w["tables"]["cell_separator"]),
        narrow_separator=re.compile(w["tables"]["narrow_separator"]),
        year_row=re.compile(w["tables"]["year_row"]),
        header_cell=re.compile(w["tables"]["header_cell"]),
        count_header=re.compile(w["tables"]["count_header"]),
        scope_header=re.compile(
            rf"(?:{alternation(w['tables']['scope_header_prefixes'])})?"
            rf"(?:{alternation(w['scope_sets'])})数"
        ),
        grid_number=re.compile(w["tables"]["grid_number"]),
        category_row=re.compile(w["tables"]["category_row"]),
        total_rows=tuple(w["tables"]["total_rows"]),
        as_of_now=tuple(w["periods"]["as_of_now"]),
        anaphor_count=re.compile(
            rf"(?P<n>[{CN_DIGITS}\d]+)(?:{alternation(w['anaphora']['nouns'])})"
            rf"(?={alternation(w['anaphora']['verbs'])})"
        ),
        base_before=Affixes(w["change"]["base_before"]),
        measure_ends=tuple(w["measure_ends"]),
        normals=re.compile(
            f"(?:{alternation(w['change']['base_before'])})(?:{alternation(w['change']['normals'])})"
        ),
        base_after=Affixes(w["change"]["base_after"]),
        label_openers=re.compile("^(?:" + "|".join(w["label_openers"]) + ")+"),
        unit_nouns={str(k): str(v) for k, v in w["unit_nouns"].items()},
        averaging_words=Affixes(w["averaging_words"]),
        counter_nouns={str(k): str(v) for k, v in w["counter_nouns"].items()},
        living_counters="".join(w["living_counters"]),
        evaluatives=Affixes(w["evaluatives"]),
        streak_states=tuple((re.compile(p), str(n)) for p, n in w["streak_states"]),
        indicator_context={
            str(_indicator(lexicon, c["generic"]).iri): (
                _indicator(lexicon, c["narrower"]),
                re.compile(f"(?P<cue>{c['cue']})|{c['other']}"),
            )
            for c in w["indicator_context"]
        },
        tenths=str(w["fractions"]["tenths"]),
        not_after_tenths=tuple(w["fractions"]["not_after_tenths"]),
        tenths_idioms=tuple(w["fractions"].get("tenths_idioms", ())),
        half={str(k): str(v) for k, v in w["fractions"]["half"].items()},
        half_re=re.compile(alternation(w["fractions"]["half"])),
        first_re=re.compile(w["first_place"]),
        anonymous_words=tuple(lexicon.words["entity_patterns"]["anonymous_words"]),
        strippable=Affixes(
            [
                *w["linkers"],
                *w["rank_verbs"],
                *_invert(q["before"]),
                *w["change"]["up"],
                *w["change"]["down"],
                *map(str, w["rank_scopes"]),
                *w["evaluatives"],
            ]
        ),
        # A place opening a label says where, not what ("四川省二氧化硫排放量", "巢湖全湖总磷
        # 平均浓度", "长江干流江西段"): the observation's place holds it, so one metric keeps one
        # indicator.
        admin_prefix=re.compile(
            "^(?:"
            + alternation(
                alias
                for alias, place in lexicon.place_by_alias.items()
                if (place.type in ("province", "city", "county") and alias.endswith(FULL_NAMES))
                or place.type in (*WATER_TYPES, "region")
            )
            + r"|全湖|全流域|全区|干流|[\u4e00-\u9fff]{2,3}段|[-—–、,:：])+"
        ),
    )


def _indicator(lexicon: Lexicon, local_name: str) -> IndicatorDef:
    found = [i for i in lexicon.indicators if str(i.iri).rsplit("/", 1)[-1] == local_name]
    if not found:
        raise InputError("quantities.yaml indicator_context", f"no scheme indicator {local_name!r}")
    return found[0]


@dataclass(frozen=True)
class RawValue:
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
    max_value: Decimal | None = None
    fraction: bool = False  # written as a fraction word (九成, 过半, 四分之一)
    top: str | None = None  # 前 or 后 of a rank among the first or last N (位列全区前三名)
    moved: str | None = None  # the direction a rank's number moved (前移3位: down)


@dataclass
class DocState:
    """What the extractor knows about the document as it reads it."""

    doc: AnalyzedDoc
    lexicon: Lexicon
    words: Words
    times: list[TimeExpr]
    time_starts: list[int]
    places: list[PlaceHit]
    place_starts: list[int]
    home: PlaceDef | None  # the province the document's places fall in most often
    locality: PlaceDef | None  # the division the document speaks for (its title says)
    anchor: TimeAnchor
    blocked: list[tuple[int, int]]
    place_ends: frozenset[int] = frozenset()
    # The places this document names, as they are written: one opening a label says where
    # (淀山湖总磷, 临港新片区开展…), so the metric keeps one indicator across documents.
    place_names: LongestMatch | None = None
    rank_base: IndicatorRef | None = None  # what the paragraph's last rank list ranked
    last_indicator: IndicatorRef | None = None  # the metric last reported, for 这一比率
    last_unit: str | None = None  # the unit it was reported in
    # Per unit, the metric last reported in it and the paragraph it was reported in: a place
    # alone with a value goes on with it ("火点数…分别为312个…，占…65.5%。四平市121个").
    unit_metrics: dict[str, tuple[int, IndicatorRef]] = field(default_factory=dict)
    # The span an audit or inspection the document reports on covered (its lead says), the
    # time of the findings the text gives no time of their own.
    examined: TimeExpr | None = None
    examined_end: int = 0  # where the article that reports the examination ends
    # The time of the survey whose results the current statement gives (see results_time).
    results: TimeExpr | None = None
    # Page furniture (links to other stories, bylines): no figure of the document is in it.
    furniture: list[tuple[int, int]] = field(default_factory=list)
    # The county a decision's party is at (see ecokg.extract.places.party_division): the place
    # of what the decision found, not of what its writer did ("本局决定…罚款").
    party: PlaceDef | None = None
    # Periods the text names and defines with their span in brackets ("上一个供暖季(2025年11月
    # 15日至2026年3月15日)"): the name and the span, in text order.
    defined: list[tuple[str, TimeExpr]] = field(default_factory=list)
    # The span of years a report's title says it looks back on (白皮书(2020—2024)), the time of
    # the figures the text and its paragraphs give no time of their own.
    title_span: TimeExpr | None = None
    # The river or lake the current section's heading names ("一、乌江干流：…"): what its
    # measures of water are about when their paragraph names none.
    section_water: PlaceDef | None = None
    # The level of the heading of the section of targets the text is in ("二、主要目标": 1), if any.
    target_section: int | None = None
    # metric IRI -> (start of the statement it was last reported in, the place it was about)
    reported_at: dict[str, tuple[int, PlaceDef | None]] = field(default_factory=dict)
    statements: dict[int, int] = field(default_factory=dict)  # sentence start -> statement start
    # the furthest end of blocked[0], ..., blocked[i]: does a span starting by then reach past?
    blocked_reach: list[int] = field(default_factory=list)

    @cached_property
    def plan_year(self) -> int | None:
        """The year a plan's targets are for: the one year its title names (《…2025年工作要点》),
        else the year it was written in."""
        found = self.words.periods.find(self.doc.title, self.anchor)
        years = {t.start_year for t in found if t.kind == "year"}
        return years.pop() if len(years) == 1 else self.anchor.year

    def planned(self, clause_text: str) -> bool:
        """Whether a value whose clause reads ``clause_text`` is a plan's target by its section
        ("三、重点任务"): not what the section says is done already (已完成…)."""
        return self.target_section is not None and "已" not in clause_text

    def aims(self, statement: str, clause_text: str) -> bool:
        """Whether the words before a value set a target: a cue in its clause (确保, 力争; not one
        used as a noun, 达到考核目标) or an opener of its statement (到2027年，…)."""
        w = self.words
        as_verbs = w.cue_as_noun.sub("", clause_text)
        if any(cue in as_verbs for cue in w.target_cues):
            return True
        if starts_with_any(statement, w.target_openers) is not None:
            return True
        # "今年将再新增…，补植…": a statement opened by a time to come and a cue of intent (not
        # one that goes on to what is done already: "今年计划完成2300万亩，上半年已完成1470万亩")
        when = starts_with_any(statement, w.future_times)
        after = statement[len(when) :].lstrip("，,") if when else ""
        return (
            when is not None
            and starts_with_any(after, w.future_openers) is not None
            and "已" not in after
        )

    def times_from(self, start: int, end: int) -> list[TimeExpr]:
        """The times the text states from ``start`` up to ``end`` (by where they start)."""
        starts = self.time_starts
        return self.times[bisect_left(starts, start) : bisect_left(starts, end)]


# A paragraph's opening item mark: （一）, (2), 一、, 3., 4、, ①.
ITEM_MARK = re.compile(
    r"\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十\d]{1,2}[.．、](?!\d)|[①-⑳])"
)


def said_before(state: DocState, sentence: Sentence, pos: int, words: Iterable[str]) -> bool:
    """Whether the paragraph of ``sentence`` says one of ``words`` before ``pos``."""
    start = state.doc.paragraph_spans[sentence.paragraph][0]
    return any(w in state.doc.text[start:pos] for w in words)


def lead_in_of(state: DocState, paragraph: int) -> int | None:
    """The paragraph the items of a list follow ("经查，存在以下环境违法行为：", "判决如下："), for
    a paragraph that is one of its items (opens with an item mark); None for any other."""
    spans = state.doc.paragraph_spans
    if not ITEM_MARK.match(state.doc.text, spans[paragraph][0]):
        return None
    while paragraph > 0 and ITEM_MARK.match(state.doc.text, spans[paragraph][0]):
        paragraph -= 1
    return paragraph


def statement_start(state: DocState, sentence: Sentence) -> int:
    """Where the statement a sentence belongs to starts: sentences split at ；/; share the time
    named in an earlier part ("2024年，…；其中，…")."""
    return state.statements[sentence.span.start]


# What ends a statement; and the longest a statement reaches back: real ones are under 250
# characters, only a text cut into sentences of no stop of their own has longer ones.
_STATEMENT_STOPS = re.compile(r"[。！？!?\n]")

_LONGEST_STATEMENT = MAX_SENTENCE


def statement_starts(doc: AnalyzedDoc, sentences: Sequence[Sentence]) -> list[int]:
    """The statement start of each of ``sentences`` (in text order): just after the last stop
    before it, past any indent, but not so far back that the statement outgrows
    ``_LONGEST_STATEMENT`` (then at the earliest sentence of its paragraph that keeps it within)."""
    text = doc.text
    after_stops = [0, *(m.end() for m in _STATEMENT_STOPS.finditer(text))]
    starts = []
    earliest = 0  # index into sentences of the earliest one the statement may open with
    for i, sentence in enumerate(sentences):
        while earliest < i and (
            sentences[earliest].paragraph != sentence.paragraph
            or sentence.span.end - sentences[earliest].span.start > _LONGEST_STATEMENT
        ):
            earliest += 1
        last_stop = after_stops[bisect_right(after_stops, sentence.span.start) - 1]
        pos = max(last_stop, sentences[earliest].span.start)
        while pos < sentence.span.start and text[pos].isspace():
            pos += 1  # an indented paragraph starts at its first character
        starts.append(pos)
    return starts
