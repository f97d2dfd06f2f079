"""When an observation applies: the time stage of the observation pass.

A value takes the time its own clause states, else what its statement or paragraph states before
it, else what the document says once for the whole text (a title naming a finished part of a
year, a campaign's months in its lead, a period defined in brackets), resolved against the
document's date. Running totals hold at a date (cumulative with an as-of date); a change carries
the period it is measured against.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace

from ecokg.extract.base import Period
from ecokg.extract.observation_context import (
    ACTIVITY_UNITS,
    LIST_SEPARATOR,
    NUMBER_RE,
    STREAK_YEARS,
    DocState,
    RawValue,
    Words,
    item_closed,
    lead_in_of,
    said_before,
    statement_start,
)
from ecokg.text.analyzed import AnalyzedDoc
from ecokg.text.numbers import read_number
from ecokg.text.periods import SINCE_WORDS, TimeAnchor, TimeExpr, month_of_date, period_code
from ecokg.text.segment import Sentence, Span
from ecokg.text.wordlists import alternation, ends_with_any, starts_with_any

# Units of things that pile up: a deadline (截至2025年底) makes such a value a running total as of
# it (a count, a capacity, a floor area or a length built); a rate, or the extent of a natural
# area (红树林面积达1.26万公顷), at a deadline keeps its year.
_STOCK_UNITS = ("count", "cny", "tonne", "mu", "m2", "km", "kw", "mw")

_WRITTEN_YEAR = re.compile(r"(?:19|20)\d{2}")

# the years an edition of a report covers, bracketed after its name: 白皮书(2020—2024)
_EDITION_SPAN = re.compile(r"\((?P<first>(?:19|20)\d{2})\s*[—–-]\s*(?P<last>(?:19|20)\d{2})\)")

_RESULTS_FOLLOW = re.compile(r"结果[^，,。；;]{0,6}如下")  # 现将交易结果公告如下
_REPORT_FOLLOWS = re.compile(r"情况[^，,。；;]{0,6}如下")  # 现将有关情况报告如下

_LEAD_PARAGRAPHS = 8  # title, dateline, source line, salutation and the first body paragraphs
# A paragraph opening a section after the first ("二、", "(四)", "3."): the lead is over.
_LATER_SECTION = re.compile(
    r"[\s　]*(?:\(?[二三四五六七八九十][一二三四五六七八九十]*[)、.]|[2-9][.、])"
)

# After 去年/上年: the same part of the year as the time named before ("上年同月", "去年同期").
_SAME_PART = ("同月", "同期", "同季度", "同季")

_STATED_AS = re.compile(r"(?:为|是|达)")

# A time a multiple is taken of ("增至2022年的7.2倍", "是十年前的2.3倍"): the base of a ratio.
_RATIO_OF = re.compile(r"的[约近]?[\d.一二两三四五六七八九十]+倍")

_ENDED = ("完成", "结束", "圆满完成")


def finished_part_named(title: str, anchor: TimeAnchor, words: Words) -> str | None:
    """The part of a year a title names when it had ended by the time of writing ("2025年1—9月
    …审批情况通报" in October, "…2025年上半年…工作进展情况的报告" in July): the period of every
    figure the text gives no time."""
    named = [t.code for t in words.periods.find(title, anchor) if t.code is not None]
    if len(named) != 1 or not re.fullmatch(r"(\d{4})-\d{2}(?:/\1-\d{2})?", named[0]):
        return None
    return named[0] if anchor.month is not None and anchor.has_ended(named[0]) else None


def covered_spans(text: str, times: Sequence[TimeExpr], start: int, end: int) -> list[TimeExpr]:
    """The spans of months (or one month) in ``text[start:end]`` that an examination named there
    may have covered."""
    return [
        t
        for t in times
        if start <= t.start < end
        and t.code
        and ("/" in t.code or t.kind == "month")
        # "督察反馈的问题截至3月底仍有7个": a deadline says when a count held, not what the
        # inspection covered
        and t.as_of is None
        # "已于9月完成督察进驻": nor does the month it ended
        and not text.startswith(_ENDED, t.end)
    ]


def examined_span(doc: AnalyzedDoc, words: Words, times: list[TimeExpr]) -> TimeExpr | None:
    """The span the audit or inspection a document reports on covered: the last span of years
    (or one month) in the first sentence of its lead that says it was carried out
    ("今年6月至8月，…执法检查组…", "…县（市、区）2023年至2025年…资金…进行了专项审计"). Also
    the span of a campaign the title names, when it had ended by the time of writing ("5月至10月，
    …开展…专项执法行动" under "…专项执法行动查处超标柴油货车1932辆")."""
    if any(word in doc.title for word in words.follow_ups):
        return None  # a rectification report speaks of the months after the inspection
    campaigns = [w for w in words.campaigns if w in doc.title]
    for sentence in doc.sentences:
        if sentence.paragraph > _LEAD_PARAGRAPHS:
            return None
        opening = doc.paragraph_spans[sentence.paragraph][0]
        if _LATER_SECTION.match(doc.text, opening):
            return None  # an inspection the fourth section of minutes names is not their subject
        text = doc.text[sentence.span.start : sentence.span.end]
        examination = any(word in text for word in words.examinations)
        campaign = not examination and any(word in text for word in campaigns)
        if not (examination or campaign) or not any(act in text for act in words.examination_acts):
            continue
        spans = covered_spans(doc.text, times, sentence.span.start, sentence.span.end)
        # "2023年6月至7月…开展督察，并于同年10月向我省移交…": the months it covered, not the
        # month something was handed over after it
        ranges = [t for t in spans if "/" in (t.code or "")]
        if spans:
            span = (ranges or spans)[-1]
            # a notice launching a campaign: its months are still to come
            ended = not campaign or doc.time_anchor.has_ended(span.code or "")
            return span if ended else None
    return None


# The name of a period right before the bracket or the linking word that gives its span: a
# run of Chinese characters after the last break ("禁烧期为9月15日至11月30日" names 禁烧期).
_DEFINED_NAME = re.compile(r"[\u4e00-\u9fff]{2,12}$")

_DEFINED_LINKS = ("为", "是", "自", "从", "即")
_DAYS_SPAN = re.compile(r"日\s*(?:至|到|[-—–~～])")


def defined_periods(text: str, times: list[TimeExpr]) -> list[tuple[str, TimeExpr]]:
    """Spans given to the name of a period right before them, in a bracket ("上一个供暖季
    (2025年11月15日至2026年3月15日)", "秋季禁烧期(9月15日至11月30日)") or after a linking word
    ("今年秋季禁烧期为9月15日至11月30日")."""
    found = []
    for t in times:
        # (a span of days within one month is that month: 2月15日至23日)
        spans = "/" in (t.code or "") or (t.code and _DAYS_SPAN.search(text, t.start, t.end))
        if not spans or t.start == 0:
            continue
        before = text[t.start - 1]
        if before in "(（":
            if t.end >= len(text) or text[t.end] not in ")）":
                continue
        elif before not in _DEFINED_LINKS:
            continue
        m = _DEFINED_NAME.search(text, max(0, t.start - 13), t.start - 1)
        if m is not None:
            found.append((m.group(0), t))
    return found


def span_of_title(doc: AnalyzedDoc, words: Words, anchor: TimeAnchor) -> TimeExpr | None:
    """The one span of years a title writes out, when it had ended by the time of writing (《…白皮书
    (2020—2024)》发布 in 2025): what the report looks back on (a headline's 近五年 is news)."""
    spans = [
        t
        for t in words.periods.find(doc.title, anchor)
        if t.kind == "range" and len(_WRITTEN_YEAR.findall(doc.title, t.start, t.end)) == 2
    ]
    spans += [
        TimeExpr(m.start(), m.end(), "range", period_code(first, last), first, last)
        for m in _EDITION_SPAN.finditer(doc.title)
        if (first := int(m["first"])) < (last := int(m["last"]))
    ]
    return spans[0] if len(spans) == 1 and anchor.has_ended(spans[0].code or "") else None


def day_of_results(doc: AnalyzedDoc, words: Words, times: list[TimeExpr]) -> TimeExpr | None:
    """The month of the event a results notice reports on, dated to the day in a lead sentence
    saying it was held, whose paragraph announces its results ("于2025年3月18日组织开展…竞价交易。
    现将交易结果公告如下"), or of the incident a report's lead dates ("2024年11月7日凌晨，…侧翻
    …。现将有关情况报告如下"): the time of the figures the document gives no time of their own."""
    acts = (*words.examination_acts, *words.event_verbs)
    for sentence in doc.sentences:
        if sentence.paragraph > _LEAD_PARAGRAPHS:
            return None
        start, end = sentence.span.start, sentence.span.end
        said = doc.text[start:end]
        rest = doc.text[start : doc.paragraph_spans[sentence.paragraph][1]]
        results = any(act in said for act in acts) and _RESULTS_FOLLOW.search(rest)
        incident = any(w in said for w in words.incidents) and _REPORT_FOLLOWS.search(rest)
        if not (results or incident):
            continue
        days = [
            (t, month)
            for t in times
            if start <= t.start < end and (month := month_of_date(doc.text[t.start : t.end]))
        ]
        if len(days) == 1:
            t, month = days[0]
            return TimeExpr(t.start, t.end, "month", month, t.start_year, t.end_year)
    return None


def period_of(
    state: DocState,
    sentence: Sentence,
    clause: Span,
    num: RawValue,
    paragraph_time: TimeExpr | None,
    is_change: bool,
) -> tuple[Period, str | None]:
    """When the value applies, and for a change the period it is measured against."""
    period, base = _plain_period(state, sentence, clause, num, paragraph_time, is_change)
    if not is_change and _YEAR_SPAN.fullmatch(period.code or ""):
        # "2014年至2024年，…面积由约986公顷增加到约1,286公顷": the value a move starts from is
        # of the span's first year, where it went of the last
        end = _end_of_move(state, clause.start, num)
        if end is not None:
            year = period.start_year if end == "from" else period.end_year
            period = Period(str(year), period.basis, year, year)
    if num.duration and num.unit == "year" and "-" in (period.code or "") and period.end_year:
        # "（秋季禁烧期）已连续三年实现…": a streak of years runs to the end of the last year,
        # not to the months its statement is about
        year = period.end_year
        return Period(str(year), period.basis, year, year), None
    if period.code == "cumulative" or (
        period.as_of is not None and num.unit in _STOCK_UNITS and not is_change
    ):
        # A running total holds at a date: the deadline it names, else the document's date.
        if period.as_of is not None:
            return Period("cumulative", "stated", as_of=period.as_of, as_of_basis="stated"), None
        published = state.doc.document.published
        as_of = published.iso() if published else None
        return Period("cumulative", period.basis, as_of=as_of, as_of_basis="document"), None
    return period, base


_YEAR_SPAN = re.compile(r"\d{4}/\d{4}")


def _end_of_move(state: DocState, start: int, num: RawValue) -> str | None:
    """Whether ``num`` is the value a move starts from ("from") or where it went ("to"), in
    "由A增加到B" and its kin (``change.moves`` in ``quantities.yaml``); None for any other."""
    text, move_to = state.doc.text, state.words.move_to
    if text.endswith(("由", "从"), start, num.start) and move_to.match(text, num.end):
        return "from"
    opening = max(text.rfind("由", start, num.start), text.rfind("从", start, num.start))
    first = NUMBER_RE.search(text, opening, num.start) if opening >= 0 else None
    if first is None or NUMBER_RE.search(text, first.end(), num.start) is not None:
        return None
    moved = move_to.search(text, first.end(), num.start)
    return "to" if moved is not None and moved.end() == num.start else None


def _decided_here(state: DocState, sentence: Sentence, num: RawValue) -> bool:
    """Whether a value is part of what the document itself decides: its paragraph, or the one
    before the item it is in, says before it that the writer decides ("本局决定…", "判决如下：")."""
    words = state.words.decided_here
    lead_in = lead_in_of(state, sentence.paragraph)
    spans = state.doc.paragraph_spans
    stated = state.doc.text[slice(*spans[lead_in])] if lead_in is not None else ""
    return said_before(state, sentence, num.start, words) or any(w in stated for w in words)


def _plain_period(
    state: DocState,
    sentence: Sentence,
    clause: Span,
    num: RawValue,
    paragraph_time: TimeExpr | None,
    is_change: bool,
) -> tuple[Period, str | None]:
    listed = _respective_time(state, sentence, num)
    if listed is not None:
        return Period(listed.code, _basis(listed), listed.start_year, listed.end_year), None
    statement = statement_start(state, sentence)
    in_sentence = [
        t
        for t in state.times_from(statement, num.start)
        if t.end <= num.start
        and t.kind != "cumulative"
        # a change spans from the start point ("从2017年的83.6%…，提高7.07个百分点")
        and (is_change or not _start_point(state, t, num))
        and not (t.start < clause.start and (_in_cause(state, t) or _stated_aside(state, t)))
        and not _names_a_goal(state, t, num)
        and not item_closed(state.doc.text, t.start, num.start)
        # "…，自107年推动以来累计汰换逾6.2万辆；电动机车新领牌数9.1万辆": a span since a time
        # inside a clause is its part's (one set apart by a comma holds for all the statement)
        and not (
            _opens_since(state, t)
            and _PART_BREAK.search(state.doc.text, t.end, num.start)
            and not _FRAMING_SINCE.match(state.doc.text, t.end)
        )
    ]
    # "较2022年的1210.2亿元", "由去年同期的第8位": the time the value itself is of, not a base
    bases = [t for t in in_sentence if is_base(state, t) and not _owns_value(state, t, num)]
    dated = [t for t in in_sentence if t.code and t not in bases]
    results = state.results
    if results is not None and not dated and not num.duration and not is_change:
        # "调查显示，保护区野生动植物种类已达1721种": what the survey found, over its span (not a
        # stock as it stands now)
        return Period(results.code, "context", results.start_year, results.end_year), None
    clause_text = state.doc.text[clause.start : num.start]
    # "截至目前，…办结3402件；其中责令整改1986家，…罚款3156.8万元": a running total's cue opening
    # the statement holds for every part of it.
    opening = state.doc.text[statement : statement + 6]
    own_time = any(t.start >= clause.start for t in dated)
    # "全省建立了24个无人机机场", "已完成整改31个": a stock of what exists or is done by now
    # (a plan's targets, "完成入河排污口整治80个", are of its year, not counts done by now)
    planned = state.planned(clause_text)
    stock = (
        not planned
        and num.unit == "count"
        and not num.duration
        and not own_time
        and (
            (
                any(w in clause_text for w in state.words.stock_verbs)
                and not any(w in clause_text for w in state.words.stock_not)
            )
            or any(w in state.doc.text[num.end : clause.end] for w in state.words.stock_verbs_after)
        )
    )
    if (
        not dated
        and not is_change
        and not num.duration
        and any(w in clause_text for w in state.words.present_stocks)
    ):
        # "全省现有生态管护员17.2万名": a stock as it stands when the text was written
        return Period(None, "none"), None
    # "去年，…补贴共计1286万元": a sum over the time the statement names; with none, a total
    summed = not dated and any(w in clause_text for w in state.words.sums)
    cumulative = stock or (
        not num.duration
        and not planned
        and (
            summed
            or any(w in clause_text for w in state.words.cumulative)
            or starts_with_any(opening, state.words.cumulative) is not None
        )
    )
    base = bases[-1] if (is_change or num.unit == "times") and bases else None
    if base is not None and base.kind != "relative":
        return _change_period(state, base, dated, paragraph_time)
    since_last = state.doc.text[dated[-1].end : num.start] if dated else ""
    yoy_own = "同比" in since_last or "环比" in since_last
    if (
        is_change
        and not yoy_own  # "2024年…；今年1—6月…同比下降1.2个百分点": against last year's same months
        and len({t.code for t in dated if t.kind in ("year", "relative")}) >= 2
    ):
        years = [t.start_year for t in dated if t.start_year is not None]
        return Period(period_code(min(years), max(years)), "stated", min(years), max(years)), None
    period: Period | None = None
    as_of = next((t.as_of for t in reversed(dated) if t.as_of), None)
    if num.duration and dated and dated[-1].kind == "range" and dated[-1].start_year:
        streak = STREAK_YEARS.search(state.doc.text, dated[-1].end, num.end)
        length = read_number(streak["n"]) if streak is not None else None
        if length is not None:
            # "自2020年起连续5年": the streak ends N-1 years after it began
            end = dated[-1].start_year + int(length) - 1
            return Period(str(end), "stated", end, end), None
    if len(dated) >= 2 and dated[-1].kind == "reporting":
        # "去年以来，…全年淘汰燃煤锅炉1268台": the whole of the year the statement opened with,
        # not of the year a report is about
        opened = next(
            (x for x in dated if x.kind in ("year", "relative") and x.as_of is None), None
        )
        if opened is not None and opened.start_year == opened.end_year:
            dated = [*dated[:-1], opened]
    if dated and not (num.duration and dated[-1].kind == "plan"):
        t = dated[-1]
        # A running total in the value's own clause outranks a single year named in an earlier
        # clause ("去年，…累计交易金额25万元"); over a stated span it is the total of the span.
        own_clause = t.start >= clause.start
        if (
            own_clause
            or t.kind in ("range", "plan")
            or _is_span(t)
            or not cumulative
            or (_opens_since(state, t) and not any(w in clause_text for w in state.words.as_of_now))
        ):
            period = Period(t.code, _basis(t), t.start_year, t.end_year, as_of=t.as_of)
            same_part = _same_part_of_year(state, t, dated[:-1], paragraph_time)
            if same_part is not None:
                period = Period(same_part, "stated", t.start_year, t.end_year)
    examined = state.examined
    # (on a page of several articles, only in the article that reports the examination)
    if (
        period is None
        and examined is not None
        and not cumulative
        and num.start < state.examined_end
    ):
        # "此次审计抽查资金近86.7亿元": a finding of the examination, over the span it covered
        return Period(examined.code, "context", examined.start_year, examined.end_year), None
    if period is None and cumulative:
        now = (
            stock
            or any(w in clause_text for w in state.words.as_of_now)
            or starts_with_any(opening, state.words.as_of_now) is not None
        )
        if paragraph_time is not None and _is_span(paragraph_time) and not now:
            # "1—10月…累计出现重污染天数14天", "6月，…。全省累计出现轻度及以上污染27天次":
            # the total over the span (of months, or the month) its section is about
            t = paragraph_time
            return Period(t.code, "context", t.start_year, t.end_year), None
        return Period("cumulative", "stated", as_of=as_of), None
    if period is None and paragraph_time is not None and paragraph_time.code:
        t = paragraph_time
        period = Period(t.code, "context", t.start_year, t.end_year, as_of=t.as_of)
    about = state.anchor.about_within_year
    if period is None and about is not None:
        year = int(about[:4])
        period = Period(about, "document", year, year)
    covered = state.title_span
    if period is None and covered is not None and not num.duration:
        period = Period(covered.code, "document", covered.start_year, covered.end_year)
    if period is None and _in_streak(state, clause, num):
        # "连续9年保持Ⅱ类" with no time of its own runs up to the last year the document looks
        # back on: the year of a yearly summary, the last year of a finished plan period
        closed = state.anchor.closed_year
        if closed is not None:
            period = Period(str(closed), "document", closed, closed)
    if period is None and not is_change and _decided_here(state, sentence, num):
        # "本局决定对你公司…处以罚款46万元": what the document decides is of its own month
        published = state.doc.document.published
        if published is not None and published.month is not None:
            year = published.year
            if state.aims(state.doc.text[statement : num.start], clause_text):
                # "现决定如下：…确保…稳定保持100%": a target the decision sets, of its year
                return Period(str(year), "document", year, year), None
            return Period(f"{year}-{published.month:02d}", "document", year, year), None
    if (
        period is None
        and num.unit in ACTIVITY_UNITS
        and not is_change
        and not planned
        and any(w in clause_text for w in state.words.done_verbs)
    ):
        # "立案查处环境违法案件51件" in a notice giving no time: what was done up to its date
        return Period("cumulative", "document"), None
    if period is None and planned:
        # "三、重点任务 … 完成入河排污口整治80个" in 《…2025年工作要点》: of the plan's year
        plan_year = state.plan_year
        if plan_year is not None:
            period = Period(str(plan_year), "document", plan_year, plan_year)
    if period is None:
        return Period(None, "none"), None
    if base is not None and base.start_year is not None and state.anchor.year is not None:
        # 较上年: as many years before the value's own time as the word says
        back = state.words.periods.relative.get(
            state.doc.text[base.start : base.end], base.start_year - state.anchor.year
        )
        return period, _shift(period.code, back)
    yoy = is_change and "同比" in state.doc.text[statement : num.start]
    return period, _shift(period.code, -1) if yoy else None


def _in_streak(state: DocState, clause: Span, num: RawValue) -> bool:
    """Whether ``num`` is a streak's length or a value its clause says was kept up through one
    ("连续3年保持100%")."""
    streak = STREAK_YEARS.search(state.doc.text, clause.start, clause.end)
    return streak is not None and streak.start() < num.end


_PART_BREAK = re.compile("[；;]")
# "去年以来，全省…；…": a span set apart by a comma frames the whole statement
_FRAMING_SINCE = re.compile(f"(?:{alternation(SINCE_WORDS[:3])})?[，,]")


def _opens_since(state: DocState, t: TimeExpr) -> bool:
    """Whether ``t`` starts a span that runs to now ("今年以来，…累计出动执法人员12.6万人次": a
    total over this year, not a running total)."""
    written = state.doc.text[t.start : t.end + 4]
    return any(w in written for w in SINCE_WORDS[:3])


def _is_span(t: TimeExpr) -> bool:
    """Whether ``t`` is a span a total can be summed over: years, months or one month (not a
    deadline such as 截至2025年7月底, which a running total holds at)."""
    return t.as_of is None and ("/" in (t.code or "") or "-" in (t.code or ""))


def respectively_cue(state: DocState, sentence: Sentence, num: RawValue) -> int:
    """Where the last 分别 of the sentence before ``num`` stands (-1 when none does)."""
    text = state.doc.text
    return max(text.rfind(w, sentence.span.start, num.start) for w in state.words.respectively)


def _respective_time(state: DocState, sentence: Sentence, num: RawValue) -> TimeExpr | None:
    """ "1月、2月、3月细颗粒物浓度分别为28、23、21": the n-th value after 分别 is of the n-th
    time of the list before it."""
    text = state.doc.text
    cue = respectively_cue(state, sentence, num)
    if cue < 0:
        return None
    times = [t for t in state.times_from(sentence.span.start, cue) if t.code]
    run: list[TimeExpr] = []
    for t in times:  # the last run of times joined by 、/和
        if run and not LIST_SEPARATOR.fullmatch(text[run[-1].end : t.start]):
            run = []
        run.append(t)
    order = len(NUMBER_RE.findall(text, cue, num.start))
    return run[order] if len(run) >= 2 and order < len(run) else None


def _stated_aside(state: DocState, t: TimeExpr) -> bool:
    """Whether ``t`` dates one value stated in passing ("…，去年同期为36微克/立方米，同比下降…")."""
    text = state.doc.text
    after = starts_with_any(text[t.end : t.end + 4], state.words.base_after)
    return after is not None and _STATED_AS.match(text, t.end + len(after)) is not None


def _names_a_goal(state: DocState, t: TimeExpr, num: RawValue) -> bool:
    """Whether a plan's period only names its goal ("确保完成“十四五”能耗强度下降目标；…"): the
    goal of the plan, not the time of the values after it (but the time of a value inside the
    goal's name: "“十四五”下降19.5%的约束性目标")."""
    if t.kind != "plan":
        return False
    after = state.doc.text[t.end : min(t.end + _GOAL_REACH, num.start)]
    stop = min((i for i in (after.find(c) for c in "，,；;。（(") if i >= 0), default=len(after))
    return any(0 <= after.find(w) < stop for w in state.words.goal_words)


# How far after a plan's name its goal word may stand ("“十四五”单位地区生产总值能耗下降目标").
_GOAL_REACH = 16


def _in_cause(state: DocState, t: TimeExpr) -> bool:
    """Whether ``t`` stands in a clause giving a cause ("主要受3月上旬…污染过程影响")."""
    text = state.doc.text
    # (a clause is short: looking further back would scan the text once per time)
    reach = max(0, t.start - _CAUSE_REACH)
    opening = max(max(text.rfind(c, reach, t.start) for c in "，,；;。（(") + 1, reach)
    return starts_with_any(text[opening : t.start], state.words.cause_openers) is not None


_CAUSE_REACH = 40


_OF_THAT_TIME = ("的", "同期的", "同月的")


def _owns_value(state: DocState, t: TimeExpr, num: RawValue) -> bool:
    """Whether ``num`` is written as the value of ``t`` ("2022年的1210.2亿元", "去年同期的第8位"),
    not as a multiple of it ("2020年的4.2倍")."""
    return num.unit != "times" and state.doc.text[t.end : num.start] in _OF_THAT_TIME


def _start_point(state: DocState, t: TimeExpr, num: RawValue) -> bool:
    """Whether ``t`` dates only the value a change starts from, and ``num`` is where it went:
    "由2020年的0.12毫克/升降至0.06毫克/升"."""
    text = state.doc.text
    if not text.endswith(("由", "从"), 0, t.start):
        return False
    return NUMBER_RE.search(text, t.end, num.start) is not None


def _same_part_of_year(
    state: DocState, t: TimeExpr, earlier: Sequence[TimeExpr], paragraph_time: TimeExpr | None
) -> str | None:
    """ "3月份…，上年同月为89.2%": the month (or quarter, or months) named before, in the year
    a relative year gives."""
    if t.kind != "relative" or t.start_year is None or state.anchor.year is None:
        return None
    if not state.doc.text.startswith(_SAME_PART, t.end):
        return None
    part = next((e for e in reversed(earlier) if "-" in (e.code or "")), paragraph_time)
    if part is None or part.code is None or "-" not in part.code:
        return None
    return _shift(part.code, t.start_year - int(part.code[:4]))


_DESCRIBED_BASE = re.compile(r"[^，,。；;、：:\d]{2,8}的$")


# How far before a bracket a climate normal's words may end (较常年同期).
_NORMAL_REACH = 8


def is_base(state: DocState, t: TimeExpr) -> bool:
    """Whether a time is what a change is compared with ("较2020年", "与上年相比")."""
    text = state.doc.text
    w = state.words
    # a plan named in quotes is compared with as well: 较“十三五”末
    if ends_with_any(text[max(0, t.start - 4) : t.start].rstrip("“「"), w.base_before) is not None:
        return True
    # "较禁渔前的2020年", "比实施前的2019年": a base described before its year
    described = _DESCRIBED_BASE.search(text, max(0, t.start - 8), t.start)
    if described is not None:
        phrase = described[0][:-1]  # 较禁渔前: the base word, then what describes the time
        if any(0 <= phrase.find(b) < len(phrase) - len(b) for b in w.base_before):
            return True
    if w.periods.opens_record(text, t.end):
        return True  # "为2000年以来最高": the window of a record
    opening = text.rfind("(", max(0, t.start - 2), t.start)
    if opening >= 0 and any(
        m.end() == opening
        for m in w.normals.finditer(text, max(0, opening - _NORMAL_REACH), opening)
    ):
        return True  # "较常年(1991—2020年平均)偏少4.7天": the years the normal is taken over
    # "（去年同期为87.7%）": the value of that time stated outright, not a base
    after = starts_with_any(text[t.end : t.end + 4], w.base_after)
    if after is None:
        return _RATIO_OF.match(text, t.end) is not None
    return not _STATED_AS.match(text, t.end + len(after))


def _change_period(
    state: DocState, base: TimeExpr, dated: list[TimeExpr], paragraph_time: TimeExpr | None
) -> tuple[Period, str | None]:
    """A change against a stated year ("较2020年下降12%"): the value is the change as of its own
    time (the year it is reported for); the year it is compared with is its base period. (With
    both ends written out, "从2017年的…上升到2021年…", the change spans them: see _plain_period.)"""
    if base.start_year is None:
        return Period(None, "none"), None
    own = dated[-1] if dated else paragraph_time
    if own is not None and own.code and own.start_year is not None:
        basis = _basis(own) if own in dated else "context"
        return Period(own.code, basis, own.start_year, own.end_year), base.code
    about = state.anchor.about_within_year
    if about is not None:
        year = int(about[:4])
        return Period(about, "document", year, year), base.code
    now = state.anchor.reporting_year if state.anchor.about else None
    if now is not None and base.end_year is not None and base.end_year < now:
        # "较2022年增长4.8倍" with no time of its own, in a review of 2021/2025: the change up to
        # the end of the period the document reports on
        return Period(period_code(base.end_year, now), "document", base.end_year, now), base.code
    return Period(None, "none"), base.code


def _shift(code: str | None, years: int) -> str | None:
    """The same period ``years`` later (earlier when negative): the base of 同比 or 较上年."""
    if code is None or code == "cumulative":
        return None
    return re.sub(r"\d{4}", lambda m: str(int(m.group(0)) + years), code)


def _basis(t: TimeExpr) -> str:
    return {
        "relative": "relative",
        "same_year": "relative",
        "reporting": "relative",
        "plan": "plan",
    }.get(t.kind, "stated")


def opening_month(state: DocState, heading: int) -> TimeExpr | None:
    """The month of the work the first sentence under a heading dates to the day and says was
    carried out, giving no figure itself ("二、验收监测结果" then "…于2025年1月14日至15日对项目
    开展了验收监测，…"): what the section found is of that month, unless it says otherwise."""
    doc = state.doc
    opening = doc.paragraph_spans.get(heading + 1)
    first = doc.sentence_at(opening[0]) if opening is not None else None
    if first is None:
        return None
    start, end = first.span.start, first.span.end
    said = doc.text[start:end]
    if not any(act in said for act in state.words.examination_acts):
        return None
    times = state.times_from(start, end)
    if (
        len(times) != 1
        or times[0].kind != "month"
        or "日" not in doc.text[times[0].start : times[0].end]
    ):
        return None
    t = times[0]
    rest = doc.text[start : t.start] + doc.text[t.end : end]
    return None if any(c.isdigit() for c in rest) else t


def heading_time(state: DocState, paragraph: int) -> TimeExpr | None:
    """The time a heading names, which the paragraphs under it share (not a base: 较2020年)."""
    start, end = state.doc.paragraph_spans[paragraph]
    named = [t for t in state.times_from(start, end) if t.code and not is_base(state, t)]
    # "一、2025年和“十四五”时期工作回顾": the year first, the plan period has its own paragraph
    return named[0] if named else None


# How far into a statement "…期间" may end to open it ("省第三生态环境保护督察组进驻期间").
_DURING_REACH = 24


def during_span(state: DocState, sentence: Sentence) -> TimeExpr | None:
    """The span of the campaign or inspection a statement opens with ("专项行动期间，…",
    "督察进驻期间，…"): the last span of months stated before it in a sentence that names the
    same campaign or inspection word, or the span of a period defined before ("禁烧期间，…" after
    "秋季禁烧期(9月15日至11月30日)内，…"), or, for a bare "期间", the span stated just before it
    in the paragraph. It holds for that statement, not for the paragraph. A year opening the
    statement ("去年攻坚期间") puts the same campaign's months in that year (see
    :func:`_in_year_of`)."""
    text = state.doc.text
    start = statement_start(state, sentence)  # the parts of a statement after ；share it
    during = text.find("期间", start, min(start + _DURING_REACH, sentence.span.end))
    if during < 0:  # a defined period named in the statement's first clause
        comma = min((c.end for c in sentence.clauses if c.end > start), default=sentence.span.end)
        return _defined_span(state, start, comma)
    events = [w for w in state.words.during_events if w in text[start:during]]
    i = bisect_right(state.time_starts, start - 1)
    if during == start and i > 0:
        # "期间，全省共启动橙色预警3次": the span the paragraph stated just before
        last = state.times[i - 1]
        stated_in = state.doc.sentence_at(last.start)
        if stated_in is not None and stated_in.paragraph == sentence.paragraph:
            return last if "/" in (last.code or "") else None
    if not events:
        return _defined_span(state, start, during + 1)  # "禁烧期间" after 禁烧期 was defined
    # "去年“利剑斩污”专项执法行动期间": the statement dates itself, to the year or finer
    dated = state.times[i] if i < len(state.times) and state.times[i].start < during else None
    for t in reversed(state.times[:i]):
        # (months written out: not a year read as a campaign's months in it, see _in_year_of)
        if t.kind != "month" or "/" not in (t.code or "") or "月" not in text[t.start : t.end]:
            continue
        stated_in = state.doc.sentence_at(t.start)
        if stated_in is None:
            continue
        stated = text[stated_in.span.start : stated_in.span.end]
        if not any(w in stated for w in events):
            continue
        if dated is None:
            return t
        # the same campaign another year: all its name before 期间 follows the months in that
        # sentence ("去年攻坚期间" of "于5月15日至9月30日…开展…攻坚行动"), and names no campaign
        # before them ("巩固去年“利剑斩污”专项执法行动成果，…于2025年4月至10月…开展…")
        named = text[dated.end : during]
        after = text[t.end : stated_in.span.end]
        before = text[stated_in.span.start : t.start]
        same = bool(named) and named in after and named not in before
        return _in_year_of(t, dated) if same else None
    return None


def results_time(state: DocState, sentence: Sentence) -> TimeExpr | None:
    """The time of the survey or assessment whose results a statement opens with ("调查显示，…",
    "评估结果显示，…"): the last time stated before the same word in the sentence that names it
    last (…开展的2024年度生物多样性调查, 在…2024年度海绵城市建设评估中), in the statement's
    paragraph or the one before."""
    text = state.doc.text
    start = statement_start(state, sentence)
    opening = state.words.results_re.match(text, start)
    if opening is None:
        return None
    named = text.rfind(opening["noun"], 0, start)
    stated_in = state.doc.sentence_at(named) if named >= 0 else None
    if stated_in is None or any(
        not _a_heading(state, p) for p in range(stated_in.paragraph + 1, sentence.paragraph)
    ):
        return None  # (a subheading between them does not part the survey from its results)
    # (a plan period names what is assessed: "对我市“十四五”时期…建设开展中期评估")
    stated = [
        t
        for t in state.times_from(stated_in.span.start, named)
        if t.code and t.end <= named and t.kind != "plan" and not is_base(state, t)
    ]
    return stated[-1] if stated else None


def _a_heading(state: DocState, paragraph: int) -> bool:
    """Whether a paragraph is a short line that ends no sentence (a subheading)."""
    line = state.doc.text[slice(*state.doc.paragraph_spans[paragraph])].strip()
    return 0 < len(line) <= _SUBHEADING_MAX and line[-1] not in "。！？!?；;：:，,"


_SUBHEADING_MAX = 30


def _in_year_of(span: TimeExpr, year: TimeExpr) -> TimeExpr | None:
    """A campaign's months within one year (``span``) in the year a statement names
    ("去年攻坚期间" of a campaign run "于5月15日至9月30日" each summer), at the year's words; None
    when the statement names more than a year or the span crosses one."""
    first = span.start_year
    if year.kind not in ("year", "relative") or year.start_year != year.end_year:
        return None
    if first is None or first != span.end_year or year.start_year is None:
        return None
    code = (span.code or "").replace(f"{first}-", f"{year.start_year}-")
    return replace(
        span,
        start=year.start,
        end=year.end,
        code=code,
        start_year=year.start_year,
        end_year=year.start_year,
        explicit=year.explicit,
    )


# The shortest end of a defined name that still names the period in a later statement.
_DEFINED_CORE = 3
# Words for a period that end a defined name (春节假期, 禁渔期), and the shortest stem before
# them that still names it (春节).
_PERIOD_WORDS = ("假期", "期")
_DEFINED_STEM = 2


def _defined_span(state: DocState, start: int, end: int) -> TimeExpr | None:
    """The span of a period defined before (see :func:`defined_periods`) that ``text[start:end]``
    names, by its name or the end of it ("上一个供暖季，西安市…", "据…监测，禁烧期间…")."""
    opening = state.doc.text[start:end]
    for name, t in reversed(state.defined):
        if t.end > start:
            continue
        ends = (name[-n:] for n in range(len(name), _DEFINED_CORE - 1, -1))
        if any(end in opening for end in ends):
            return t
        # "今年春节假期(2月15日至23日)" named again as "春节期间": the name without its word
        # for a period, before 期
        core = next((name[: -len(w)] for w in _PERIOD_WORDS if name.endswith(w)), "")
        stems = (core[-n:] + "期" for n in range(len(core), _DEFINED_STEM - 1, -1))
        if any(stem in opening for stem in stems):
            return t
    return None
