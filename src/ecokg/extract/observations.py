"""Observations: every quantitative claim, with indicator, value, unit, hedge, period and place.

The extractor reads one sentence at a time. For each number it decides, from the words around it
(all loaded from the lexicon files), whether it is a measured value at all (dates, codes, ordinals
and numbers inside names are not), what unit it has, how it is hedged, which indicator it
measures, when and where it applies, and whether it is a result, a target or a forecast.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache, lru_cache

from ecokg.extract.base import Claim, EntityMention, IndicatorRef, Observation, Period, register
from ecokg.extract.lexicon import IndicatorDef, Lexicon, PlaceDef, leading_verb, word_tags
from ecokg.extract.observation_context import (
    ACTIVITY_UNITS,
    CN_DIGITS,
    CN_NUMERALS,
    FULL_NAME_ENDS,
    LIST_SEPARATOR,
    MAGNITUDE_HEDGES,
    NUMBER_RE,
    STREAK_YEARS,
    DocState,
    RawValue,
    Words,
    item_closed,
    lead_in_of,
    said_before,
    statement_start,
    statement_starts,
    words_of,
)
from ecokg.extract.observation_periods import (
    covered_spans,
    day_of_results,
    defined_periods,
    during_span,
    examined_span,
    finished_part_named,
    heading_time,
    is_base,
    opening_month,
    period_of,
    respectively_cue,
    results_time,
    span_of_title,
)
from ecokg.extract.places import (
    ASIDE,
    NATIONAL_TYPES,
    WATER_TYPES,
    PlaceHit,
    common_division,
    document_locality,
    find_places,
    home_province,
    jurisdiction,
    named_division,
    party_division,
    source_division,
)
from ecokg.extract.topics import article_end, is_caption, off_topic
from ecokg.kg.vocab import minted_indicator_iri, slug
from ecokg.text.analyzed import AnalyzedDoc
from ecokg.text.furniture import furniture_spans, page_publisher
from ecokg.text.numbers import ARABIC_NUMBER, plain, read_number, round_to
from ecokg.text.periods import SINCE_WORDS, TimeExpr, month_code, to_the_day
from ecokg.text.segment import Sentence, Span
from ecokg.text.tokens import pos_cut
from ecokg.text.wordlists import LongestMatch, any_of, ends_with_any, starts_with_any

# Separators inside a clause after which a new subject starts ("42次、中心组…12次").
_SUBJECT_BREAK = re.compile(r"[、]|以及|并且|同时")
_NOUN_STOP = re.compile(
    r"[，,。；;：:、！？!?（()）“”\"《》\s]|(?<![A-Za-z.0-9])\d|和|及|与|等|的|中(?=[仍尚还共]?有)"
)
_NAMED_WITH_NUMBERS = ("Policy", "Programme", "Regulation", "Event")
_FROM_BOTTOM = "倒数"
_RANK_MOVE = re.compile(
    rf"由[^，,。；;第]{{0,10}}?的?(?:第[{CN_DIGITS}\d]{{1,3}}[位名]"
    r"(?:升|降|上升|下降|提升|跃升|回落|后退|前移)[至到为])?$"
)  # 永州市一家…公司, 某…公司: not a name
# "由多到少排名第九": the order a ranking counts in (_COUNTS_UP: from the least up)
_RANK_ORDERS = "多到少|高到低|大到小|优到劣|好到差|少到多|低到高|小到大|劣到优|差到好"
_COUNTS_UP = ("少到多", "低到高", "小到大", "劣到优", "差到好")
_RANK_ORDER = re.compile(
    rf"(?:由|从|按)(?P<order>{_RANK_ORDERS})(?:的?顺序)?(?P<verb>排名|排序|排列|依次排名)?$"
)
_DATE_AFTER = re.compile(r"\s*[年月日号]")
_QUOTED = re.compile(r"“[^“”\n]{1,40}”|《[^《》\n]{1,80}》|「[^「」\n]{1,40}」")
_LEADING_MARKS = "#■□●○◆◇▲△★☆·.．。》 \u3000"
_MONTH_SPAN = re.compile(r"(?P<year>\d{4})-\d{2}/(?P=year)-(?P<last>\d{2})")
_QUOTED_MODIFIER = re.compile(r"“[^“”\n]{1,12}”|「[^「」\n]{1,12}」")
_NO_QUOTES = str.maketrans("", "", "“”「」")
_QUOTED_VALUE = re.compile(rf"{ARABIC_NUMBER}\+")
_ARABIC_YEAR_LIKE = re.compile(r"^\d{4}$")
# The high end of a range right after a number or its unit ("0.05—0.08毫克/升", "10%～15%").
# (a high end after 至 may be below zero: "介于-12.6%至-8.4%之间")
_RANGE_HIGH = re.compile(rf"\s*[-—–~～至]\s*(?P<hi>(?:(?<=至)[-−])?{ARABIC_NUMBER}(?:[万亿])?)")
_MINUS = "-−"


@lru_cache(maxsize=256)
def _list_tail_with_unit(unit: str) -> re.Pattern[str]:
    """The rest of a list whose items each repeat ``unit`` (none: the unit comes after the last)."""
    return re.compile(rf"(?:\s*(?:、|和|及|与)\s*{ARABIC_NUMBER}(?:{re.escape(unit)})?)+")


# Later members of a list that share the last member's unit ("30、32微克/立方米").
_LIST_TAIL = _list_tail_with_unit("")
# "分别提高2.1个和1.4个百分点": each member says 个, the last says what of
_POINTS_LIST = re.compile(f"个{_list_tail_with_unit('个').pattern}百分点")
# Units of amounts that add up over places (a rate or a rank does not).
_SUMMED_UNITS = ("count", "cny", "tonne", "mu", "hectare", "km2", "km", "m3", "kwh")
_BASIN = "流域"
# A bare word for a protected area refers to the one its paragraph named that ends so
# ("保护区内丹顶鹤…" after 扎龙国家级自然保护区, "园区内藏羚羊…" after 三江源国家公园).
_AREA_WORDS = {"保护区": "保护区", "园区": "公园"}
_PROTECTED_TYPES = ("park", "wetland")
_KIND_MARKS = frozenset("各级类")
# A share of sections is the jurisdiction's, even after a river opened the statement.
_SECTIONS = "断面"
# Shares of these sets are the jurisdiction's, whatever river its statement opened with
# ("黄河干流…保持Ⅱ类；地级城市集中式饮用水水源地水质达标率保持100%").
_JURISDICTION_SETS = (_SECTIONS, "水源地")
_COMPARED_WITH = ("与", "较", "比", "相比")
# A paragraph opening by comparing with the same period a year before ("与去年同期相比，…").
_SAME_PERIOD_OPENING = re.compile(r"(?:与|和|较|同)(?:去年|上年)同期(?:相比|比较)?[，,]")
_NAMED_AS = re.compile(r"[^，,。；;\d]{0,6}?(?:依次为|分别是|分别为|为|是)")
_COUNT_OF_NAMED = re.compile(rf"\d+个{_NAMED_AS.pattern}.*$")
_DIVISION_TYPES = ("province", "city", "county", "town")
_LEAD_CHARS = 400
_BUREAU = re.compile(r"(?:生态环境|环境保护|环保)局")
_SOURCE_BEFORE = ("经", "据", "由")
_OBJECT_MARKERS = ("对", "将", "把")
_DISPOSAL = ("将", "把")  # before a quantity, 将 marks its object, not the future
_DONE_TO = re.compile(
    r"被(?:依法依规|依纪依法|依法|依规|分别)?(?P<done>[^，,。；;、\d]{2,10}?)(?=$|[，,。；;、]|处理)"
)
# What counted things have not done ("11家未完成深度治理"): a metric of its own, not a noun.
_NOT_DONE = re.compile(r"[尚仍还]?(?:未|没有)(?P<done>[^，,。；;、\d]{2,10}?)(?=$|[，,。；;、])")
# "城区周边仍有砖瓦窑企业…": what there is comes after the word saying it is there.
_EXISTING = re.compile(r"[仍尚还中]有")
# A sentence that goes on with the one before it.
_CONTINUED = ("其中", "其中，", "其中,")
_AVERAGE_GAP = re.compile(
    r"(?P<cmp>高于|低于|多于|少于|比|较)(?P<area>全国|全省|全市|全区|全县)?[^，,。；;\d]{0,10}?"
    r"平均(?:水平|值)?(?P<dir>高出|高|低|多|少)?$"
)
# A place written as part of an agency's name ("六安市生态环境局", "衡阳市人民政府").
_AGENCY_AFTER = re.compile(
    r"(?:生态环境|环境保护|环保|水利|林业|自然资源|住建|住房和城乡建设)(?:局|厅)|人民政府|政府|"
    r"(?:中级)?人民法院|人民检察院|检察院"
)
_BRANCH = re.compile(r"(?:[市县区])?分局")
# "(以下简称“12个城市”)": the words before it list the members of a set it names.
_DEFINES_SET = "以下简称"
_PARTNER = re.compile(r"(?:[与同较比]|向(?:上游|下游|邻近|周边)?)$")
# "全国平均水平(87.2%)", "全国339个地级及以上城市平均为84.7%", "高于全省平均水平(35微克/立方米)":
# the average of the country or of the jurisdiction the word names, quoted for comparison.
_AVERAGE_OF = re.compile(
    r"(?:全国(?:\d+个)?|(?P<word>全省|全市|全区|全县))[^，,。；;\d]{0,10}平均(?:水平|值)?[为是(（]$"
)
# "比全国平均水平", "城市平均", "低于南昌市同期均值": an average quoted to compare with. A
# comparator or an area word must stand before the average ("总磷均值" is a metric).
_COMPARISON_ONLY = re.compile(
    r"(?:比|较|高于|低于)[^，,。；;\d]{0,12}(?:平均水平|平均值|均值|平均)"
    r"|[^，,。；;\d]{0,12}(?:全国|全省|全市|城市|同期|上年|去年)(?:平均水平|平均值|均值|平均)"
    r"|(?:平均水平|平均值|均值|平均)"
)
_COMPARISON_ONLY = re.compile(rf"(?:{_COMPARISON_ONLY.pattern})(?:为|是|达到|达|约为)?")
# Words that may open a clause before its subject: a time, a filler.
# What may follow places that a value is of alone: "辽源市为19.8个", "延边州、辽源市均为41个".
_PLACES_TAIL = re.compile(r"[均都各]?为")
_CLAUSE_OPENER = re.compile(
    r"^(?:同期|同年|当年|今年|去年|上年|本月|当月|其中|同时|此外|另外|\d{4}年(?:\d{1,2}月)?|"
    r"\d{1,2}(?:[-—–~～至]\d{1,2})?月份?)+"
)
# A label that points back at the metric just reported ("这一比率", "该指标").
_ANAPHORIC_LABEL = re.compile(r"(?:这一|该|此)(?:比率|比例|指标|数值|数字|浓度)$")
# Words that frame a ranking without naming what is ranked ("按照…评价", "从…看").
_RANK_FRAME = re.compile(r"^(?:按照|根据|按|从|就|以)|(?:评价|来看|看|排名|排序|,.*)$")
# How a section heading opens: "一、", "(二)", "3.", "#".
_SECTION_NUMBER = re.compile(
    r"#+|[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d{1,2}[.、]"
)
# The label of a case or an item opening a paragraph about one place.
_ITEM_LABEL = re.compile(
    rf"(?:典型)?案例[一二三四五六七八九十\d]{{1,3}}[：:]|{_SECTION_NUMBER.pattern}"
)
# Longest line taken for a heading.
_HEADING_MAX = 40
# "到2027年，…", "力争到2027年底": a deadline that opens a statement or one of its clauses.
_DUE_YEAR = re.compile(
    r"(?:^|[，,：:；;]|力争|争取|确保|计划|预计|建议|提出|明确|要求)到(?P<year>\d{4})年"
)
# A deadline opening a clause: "2025年底前，…", "2026年6月底前，…", "到今年底，…" (this year's
# end, still ahead).
_DUE_BEFORE = re.compile(
    r"(?:^|[，,：:；;])(?P<year>\d{4})年(?:(?P<month>\d{1,2})月(?:\d{1,2}日)?)?[底末]?之?前[，,]"
)
_DUE_THIS_YEAR = re.compile(r"(?:^|[，,：:；;]|力争|争取|确保|计划)到(?:今年)?年?底[，,]")
# The words naming a set after its count (an aside in brackets among them): "个设区市(州)".
_SET_WORDS = r"(?:[^，,。；;：:、\s\d(]|\([^()]{0,8}\)){1,14}?"
# A set that the rest of the sentence is about: "11个设区市中，", "3个县（区）内，", "16个地市中有".
# (a bracket may list the kinds of a set: "全省117个县(市、区)中")
_SCOPE_IN = re.compile(
    _SET_WORDS + r"(?:之中|当中|中|内|里)(?=[，,：:；;]|有|$|居|排|位列|位居|列第)"
)
# "42个反馈问题中已完成整改24个", "11个断面中Ⅱ—Ⅲ类…": 中 after a set opens what is said of its
# members, unless it is part of a word (集中, 中心, 中央, 中标, 中期, 重中之重…)
_MEMBERS_IN = re.compile(
    _SET_WORDS + r"(?<=[\u4e00-\u9fff)]{2})(?<!集)中"
    r"(?=[\u4e00-\u9fffⅠ-Ⅻ])(?![心国央部型度期华游水学小段等层标间转试医药和队共之断铁石科介])"
)
# ...but what an inspection found is its finding ("暗访发现的23个问题中仍有4个…")
_FOUND_BEFORE = re.compile(r"(?:发现|查出|排查出|检查出)的?$")
# "与全省14个市(州)比较": the set a place's figures are compared with, which ends its clause
_COMPARED_SET = re.compile(
    r"(?:[^，,。；;：:\s\d(]|\([^()]{0,8}\)){1,10}?(?:比较|相比|对比)(?=[，,])"
)
_WITH = re.compile(r"[与同和跟]")
# The divisions a place is made of, listed after 辖 ("全市辖16个镇(办、处)、2个街道")
_MADE_UP_OF = re.compile(r"辖(?:[^，,。；;辖]{0,16}、)?$")
# A unitless number that is the value of an index or a coefficient ("生态质量指数为75.05",
# "指数分别为53.6和51.2", "灌溉水有效利用系数提高到0.612", "水体pH值为2.3", "降水pH年均值范围为
# 4.97～6.84", "(PUE)为1.42").
# (not a rule's range, "pH值应控制在6～9之间", nor a class's bound, "AQI大于100之不良站日数")
_NOT_A_READING = r"(?!应|须|控制|限|要求|[大小高低]于|等于)"
_INDEX_BEFORE = re.compile(
    r"(?:指数|系数|[pP][hH][^，,。；;\d]{0,3}?值)(?:\([A-Za-z]{2,6}\))?"
    rf"(?:{_NOT_A_READING}[^，,。；;\d]){{0,4}}"
    r"(?:[\d.]+\s*(?:、|和|及|[～~]|[^，,。；;\d]{1,3}(?:到|至|为))\s*)*$|"
    rf"\b(?:CWQI|EQI|AQI|WQI|PUE|NDVI|RSEI)\)?(?:{_NOT_A_READING}[^，,。；;\d]){{0,4}}$"
)
_NAME_LIST_SPLIT = re.compile(r"和|、|及|与")
# A bracketed aside ("省控断面(含国考断面)"): it qualifies, it does not set the subject.
_SHARE_ENDS = ("率", "比例", "占比", "比重")
_RATE_OF_CHANGE = re.compile(r"(?:下降|增长|提升|削减)率$")
# "比例为0": a share of nothing, written without its percent sign.
_SHARE_BEFORE = re.compile(r"(?:比例|比率|率)(?:为|是|达|降至)?$")
# Units of a measure taken over a set (a mean, a share), as opposed to counts and sums.
_MEASURE_UNITS = ("percent", "percentage_point", "ug_per_m3", "mg_per_m3", "mg_per_l", "index")
# "4个区获评国家生态文明建设示范区": what a counted set of places was awarded.
_AWARDED = re.compile(
    r"(?:获评|入选|获批|被命名为|成功创建|创建为|获得)(?P<title>[^，,。；;、]{4,24})"
)
# "分列第二、第三", "分列第11名和第10名": a rank continuing a list of ranks.
_RANK_CONTINUED = re.compile(r"第[一二三四五六七八九十\d]{1,3}[位名]?[、和与及]$")
# The verb right before a rank, with the place it names in words ("咸阳排名末位(第12名)").
_CLAUSE_ENDS = frozenset(["", *"，,。；;、！!？?"])
_EACH_RANKED = re.compile(r"均(?:居|列|位居|位列|排名)")  # 两项指标均居…, 数量均居…
_RANK_VERB_BEFORE = re.compile(r"(?:排名|位列|位居|分列|居|列)(?:(?:末位|首位|最后)\()?$")
# The peer group of a rank written between its scope and the rank: "全国8个试点碳市场第一".
# The extremes a record of past years ranks a value by (第二高, 第三少), and the words before
# the ordinal that name that record (以来, 同期, 历史).
_RECORD_EXTREMES = "高低多少"
_RECORD_EXTREMES_LOW = "低少"
_RECORD_WINDOW = re.compile(r"(?:以来|同期|历史)的?$")
_RECORD_SCOPE = "历史"
# ... and what is left of that record's name in the ranked metric's label
_RECORD_TAIL = re.compile(
    r"(?:为|是)?(?:近\d+年|[^，,。；;为是]*记录)?(?:以来)?(?:历史)?(?:同期)?$"
)
_PEER_GROUP = re.compile(r"(?:\d{1,3}个|各)[^，,。；;\d]{1,8}")
# "全国8个试点碳市场第一": the size of a rank's peer group.
_PEER_BEFORE_RANK = re.compile(r"[^，,。；;\d]{1,8}(?=第[一二三四五六七八九十\d]|首)")
_PARTS_OF = re.compile(rf"分之(?P<part>{ARABIC_NUMBER}|[{CN_DIGITS}百]+)")
# "…督察组共受理", "全省累计建成": a total's actor ends before these words.
_ACTOR_TOTAL = re.compile(r"共计|总计|合计|累计|(?<=[组厅局部委办院省市县区])共")


def _home_of_text(text: str, places: list[PlaceHit], lexicon: Lexicon) -> PlaceDef | None:
    """The province a text names most, if it names it three times or comes back to it in
    another paragraph: an example from one province in a commentary on the country is not what
    the figures are about."""
    home = home_province(places, lexicon)
    own = [h.start for h in places if home is not None and lexicon.province_of(h.place) == home]
    return home if len(own) >= 3 or (own and text.find("\n", own[0], own[-1]) >= 0) else None


def _state(doc: AnalyzedDoc, lexicon: Lexicon) -> DocState:
    words = words_of(lexicon)
    anchor = doc.time_anchor
    if anchor.title_year is None and anchor.year is not None:
        # "衡水市去年深层地下水水位回升2.87米" in February 2025: a headline of last year names it
        back = {words.periods.relative[w] for w in words.periods.relative if w in doc.title}
        if len(back) == 1 and (offset := next(iter(back))) < 0:
            anchor = replace(anchor, title_year=anchor.year + offset)
    if anchor.about is None:
        anchor = replace(anchor, about=finished_part_named(doc.title, anchor, words))
    # a title of another year than the one of writing is about that year (2024年…满意度达88.7% in
    # 2025, 关于提前下达2025年…资金预算的通知 in 2024)
    elsewhen = (
        anchor.year is not None
        and anchor.title_year is not None
        and anchor.title_year != anchor.year
    )
    if (
        anchor.about is None
        and anchor.title_year
        and (elsewhen or any(w in doc.title for w in words.reports))
    ):
        # "2023年湖南省生态环境状况公报", published in 2024, "2024年天津市公众生态环境满意度达88.7%"
        # in February 2025, "海北镇2024年…工作总结" in December 2024: a title looking back on one
        # year dates every figure the text gives no time
        anchor = replace(anchor, about=str(anchor.title_year))
    title_span = span_of_title(doc, words, anchor)
    if anchor.about is None and title_span is not None:
        # "《…白皮书(2020—2024)》发布" in 2025: the review ends in 2024 (“十四五”以来 up to then)
        anchor = replace(anchor, about=title_span.code)
    times = words.periods.find(doc.text, anchor, in_titles=False)
    places = find_places(doc.text, lexicon)
    # The province of the division the title speaks for outweighs the places the text names
    # (a Jiangxi notice comparing itself with Fujian is still about Jiangxi).
    in_text = [p.place for p in places if p.place.code]
    locality = document_locality(doc.title, lexicon, None, doc.publisher, in_text)
    if locality is None and not doc.publisher:
        # A page whose title names no place and whose metadata no publisher speaks for the
        # body its own source line or breadcrumb names ("信息来源：无锡市生态环境局")
        page = page_publisher(doc, lexicon.words.get("furniture", {}))
        locality = document_locality(page, lexicon, None)
    if locality is None:
        # (the title, dateline and first paragraph: where a report says whom it heard from)
        locality = source_division(doc.text[:_LEAD_CHARS], lexicon)
    home = jurisdiction("province", locality, lexicon) or _home_of_text(doc.text, places, lexicon)
    if locality is not None and locality.type in WATER_TYPES:
        # "珠三角九市攜手治水 西江北江東江…": a river crosses provinces, and a title naming it
        # says which water the story is about, not whose province 全省 is
        home = home_province(places, lexicon) or home
    # Quoted terms are names ("1269"行动计划), except a quoted hedged value ("20+"微克/立方米).
    blocked = [
        (m.start(), m.end())
        for m in _QUOTED.finditer(doc.text)
        if not _QUOTED_VALUE.fullmatch(m.group(0)[1:-1])
    ]
    blocked += [(m.start(), m.end()) for m in words.name_re.finditer(doc.text)]
    # "九台区", "六盘水市", "十堰市": a listed division's name holds no number
    blocked += [
        (p.start, p.end)
        for p in places
        if p.place.code and any(c in CN_NUMERALS for c in doc.text[p.start : p.end])
    ]
    blocked.sort()
    examined = examined_span(doc, words, times) or day_of_results(doc, words, times)
    return DocState(
        doc,
        lexicon,
        words,
        times,
        [t.start for t in times],
        places,
        [p.start for p in places],
        home,
        locality or home,
        anchor,
        blocked,
        frozenset(p.end for p in places),
        _place_names(doc.text, places),
        examined=examined,
        party=party_division(doc.text[:_LEAD_CHARS], locality, lexicon),
        furniture=[
            (f.start, f.end) for f in furniture_spans(doc, lexicon.words.get("furniture", {}))
        ],
        examined_end=article_end(doc, lexicon, examined.start) if examined is not None else 0,
        defined=defined_periods(doc.text, times),
        title_span=title_span,
        blocked_reach=_reach(blocked),
        statements={
            s.span.start: start
            for s, start in zip(doc.sentences, statement_starts(doc, doc.sentences), strict=True)
        },
    )


def _place_names(text: str, places: Sequence[PlaceHit]) -> LongestMatch | None:
    names = {text[p.start : p.end] for p in places if p.end - p.start >= 2}
    return LongestMatch(names) if names else None


def _reach(spans: Sequence[tuple[int, int]]) -> list[int]:
    """For sorted spans, the furthest end among the first 1, 2, ... of them."""
    return list(itertools.accumulate((end for _, end in spans), max))


def _in_blocked(state: DocState, start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies inside a quoted term, a title or a name."""
    # Spans are sorted by start: those before the insertion point start at or before ``start``.
    i = bisect_right(state.blocked, (start, 10**12))
    return i > 0 and state.blocked_reach[i - 1] >= end


def _read_number(state: DocState, m: re.Match[str], sentence: Sentence) -> RawValue | None:
    """Decide whether the number at ``m`` is a measured value; return its value and unit."""
    text = state.doc.text
    w = state.words
    raw = m.group(0)
    s, e = m.start(), m.end()
    negative = raw[0] in _MINUS
    raw = raw[1:] if negative else raw
    chinese = raw[0] in CN_DIGITS or raw[0] in "百千"
    if _in_blocked(state, s, e):
        return None
    before = text[max(sentence.span.start, s - 8) : s]
    if ends_with_any(before, w.skip_before) and not before.endswith("第"):
        return None
    hedge = next((h for h in MAGNITUDE_HEDGES if h in raw), None)
    if hedge is not None:
        raw = raw.replace(hedge, "")  # "3000余万": 3000万, more than that
    value = read_number(raw.replace(" ", ""))  # "1.27 亿" (a non-breaking space removed)
    if value is None:
        return None
    if negative:
        value = -value
    rest = text[e : min(sentence.span.end, e + 12)]
    fraction = _read_fraction(state, s, e, value, sentence)
    if fraction is not None:
        return fraction
    # Ordinals: 第N is a rank within a scope (全国第三), otherwise a label (第三轮).
    if before.endswith("第"):
        window = text[max(sentence.span.start, s - 16) : s - 1]
        return _read_rank(state, s - 1, s, e, value, window, rest)
    top = w.rank_top.search(text, max(sentence.span.start, s - 16), s)
    if top is not None:
        return _read_top(state, top, s, e, value, rest)
    move = ends_with_any(before, w.rank_moves)
    if move is not None and rest.startswith(("位", "名")):
        # "较上年前移3位": a change of the rank, its number 3 lower
        moved = w.rank_moves[move]
        return RawValue(s - len(move), e + 1, s, e, value, "rank", "exact", moved=moved)
    if before.endswith("翻") and rest.startswith("番") and value == value.to_integral_value():
        # "翻一番" doubles: a rise of one time the base, as "增长1倍" is; "翻两番", of three
        return RawValue(s, e + 1, s, e, Decimal(2) ** int(value) - 1, "times", "exact")
    if before.endswith("连续") and rest.startswith("年"):
        return RawValue(s - 2, e + 1, s, e, value, "year", "exact", duration=True)
    um = w.unit_re.match(rest)
    assert um is not None
    unit_form = um.group("unit")
    # (the score may be named in an earlier part of the statement: "…得分分别为…；甲市为91.2分")
    scored = unit_form == "分" and any(
        word in text[statement_start(state, sentence) : s] for word in w.score_words
    )
    if rest.startswith(w.date_suffixes) and not (unit_form and len(unit_form) > 1) and not scored:
        return None
    after = e + len(unit_form or "")
    if (unit_form in w.count_forms and text.startswith(w.skip_after_count, after)) or (
        w.unit_forms.get(unit_form or "") == "day" and text.startswith(w.skip_after_days, after)
    ):
        return None  # "30个工作日内", "15天内": a deadline, not a count or a duration
    index_context = not chinese and _INDEX_BEFORE.search(text, sentence.span.start, s) is not None
    high: Decimal | None = None
    rm = _RANGE_HIGH.match(text, e + (um.end() if unit_form else 0), sentence.span.end)
    if rm is not None and not chinese:
        # A range: the unit (and any hedge) comes after its high end; a date range is no value.
        um = w.unit_re.match(text, rm.end(), sentence.span.end)
        assert um is not None
        long_unit = um.group("unit") is not None and len(um.group("unit")) > 1  # 分贝, not 分
        if text.startswith(w.date_suffixes, rm.end()) and not long_unit:
            return None
        if um.group("unit") is None and not index_context:
            return None
        hi = rm.group("hi")
        high = read_number(hi.lstrip(_MINUS))
        if high is not None and hi[0] in _MINUS:
            high = -high
        if high is None or high <= value:
            return None
        unit_form, e, rest = um.group("unit"), rm.end(), text[rm.end() : sentence.span.end]
        um = w.unit_re.match(rest)
        assert um is not None
    elif unit_form == "个" and _POINTS_LIST.match(text, e, sentence.span.end):
        unit_form = "个百分点"  # (the span stays this number's and its 个)
    elif unit_form is None and not chinese:
        lm = _LIST_TAIL.match(text, e, sentence.span.end)
        shared = w.unit_re.match(text, lm.end(), sentence.span.end) if lm else None
        if shared is not None and shared.group("unit"):
            unit_form = shared.group("unit")  # the list's unit; the span stays this number's
    if unit_form is None:
        if chinese or _ARABIC_YEAR_LIKE.match(raw):
            return None
        if raw == "0" and _SHARE_BEFORE.search(text, sentence.span.start, s):
            unit = "percent"  # "劣Ⅴ类水质断面比例为0"
        elif index_context:
            unit = "index"
        else:
            return None
    else:
        unit = w.unit_forms[unit_form]
    # 一 with a counter is an article ("一批"), never with 倍 ("同比增长近一倍"); spelled-out
    # counts (两批, 三个) and durations are common, spelled-out measures rare.
    big = raw.endswith(("万", "亿")) and unit in ("cny", "tonne", "mu")  # 逾百亿元
    article = raw == "一" and unit != "times"
    if chinese and (article or (unit not in ("count", "times", "year", "day") and not big)):
        return None
    if chinese and unit_form == "类":
        return None  # "海水四类标准", "一、二类": a class of water, not a count
    if re.match(r"[A-Za-z]", text[e + um.end() : e + um.end() + 1]) and unit_form is None:
        return None
    qualifier = "exact"
    start = s
    q_before = _hedge_before(text[max(sentence.span.start, s - 6) : s], w)
    if q_before:
        qualifier, width = q_before
        start = s - width
    elif unit == "percent":
        qualifier = _distant_hedge(text[max(sentence.span.start, s - 20) : s], w) or qualifier
    if um.group("infix"):
        qualifier = w.q_infix[um.group("infix")]
    elif hedge is not None:
        qualifier = w.q_infix[hedge]
    if um.group("after"):
        qualifier = w.q_after[um.group("after")]
    end = e + um.end()
    if raw.endswith(("万", "亿")) and unit == "count" and not unit_form:
        return None
    if unit == "count" and w.anaphor_count.match(text, s):
        return None  # "两项指标均居中部第一": the number points back at values, it is not one
    if high is not None:
        return RawValue(start, end, s, e, value, unit, "range", max_value=high)
    return RawValue(start, end, s, e, value, unit, qualifier)


# A digit after N成 counts hundredths (八成五: 85 percent).
_CN_DIGIT = {c: read_number(c) or 0 for c in "一二三四五六七八九"}


def _read_fraction(
    state: DocState, s: int, e: int, value: Decimal, sentence: Sentence
) -> RawValue | None:
    """ "九成以上" (90 percent, lower bound), "近三成", "四分之一" (25 percent)."""
    text, w = state.doc.text, state.words
    percent: Decimal | None = None
    m = _PARTS_OF.match(text, e, sentence.span.end)
    if m is not None and value > 0:
        part = read_number(m["part"])
        if part is None:
            return None
        # to one decimal, as statistics state a percentage (三分之一: 33.3)
        percent = round_to(part * 100 / value, 1)
        end = m.end()
    elif (
        text.startswith(w.tenths, e)
        and 1 <= value <= 9
        and value == value.to_integral_value()
        and not text.startswith(w.tenths_idioms, s)
        and not text.startswith(w.not_after_tenths, e + len(w.tenths))
    ):
        percent, end = value * 10, e + len(w.tenths)
        if text.startswith("半", end):  # "两成半": and a half tenth
            percent, end = percent + 5, end + 1
        elif (digit := _CN_DIGIT.get(text[end : end + 1])) is not None and (
            text[end : end + 2] not in word_tags()  # (七成一样: the digit opens a word)
        ):
            percent, end = percent + digit, end + 1  # "八成五": 85 percent
    if percent is None:
        return None
    qualifier, start = "exact", s
    hedge = _hedge_before(text[max(sentence.span.start, s - 6) : s], w)
    if hedge:
        qualifier, start = hedge[0], s - hedge[1]
    else:
        qualifier = _distant_hedge(text[max(sentence.span.start, s - 20) : s], w) or qualifier
    after = starts_with_any(text[end : end + 3], w.q_after)
    if after:
        qualifier, end = w.q_after[after], end + len(after)
    return RawValue(start, end, s, e, plain(percent), "percent", qualifier, fraction=True)


def _a_parameter(state: DocState, clause: Span, num: RawValue) -> bool:
    """Whether a value sets or places rather than measures: what a standard allows ("排放限值
    分别为10 mg/m³…", "执行5 mg/m³的特别排放限值"), how often a rule or a routine has something
    done ("每月巡河不少于2次"), where something lies ("位于…以南约120公里")."""
    w, text = state.words, state.doc.text
    if w.limits_before.search(text, clause.start, num.start) or w.limits_after.match(
        text[num.end : num.end + 12]
    ):
        return True
    if (
        num.unit == "count"
        and text.endswith("次", num.start, num.end)
        and num.value == num.value.to_integral_value()
        and w.frequency_before.search(text, clause.start, num.start)
    ):
        return True
    return (
        num.unit in _LENGTH_UNITS
        and w.location_before.search(text, clause.start, num.start) is not None
    )


def _is_scope(state: DocState, num: RawValue, clause: Span) -> bool:
    """Whether a count only says which set its sentence is about: "全省11个设区市中，…",
    "17个重点城市PM2.5浓度介于…" (a measure of the set follows in the same clause), or which
    places it goes on to name ("较低的3个地区为康平县、…")."""
    text = state.doc.text
    if (
        _SCOPE_IN.match(text, num.end, clause.end + 1)
        or _PEER_BEFORE_RANK.match(text, num.end, clause.end)
        or (
            _MEMBERS_IN.match(text, num.end, clause.end)
            and not _FOUND_BEFORE.search(text, clause.start, num.start)
        )
    ):
        return True
    if _COMPARED_SET.match(text, num.end, clause.end + 1) and _WITH.search(
        text, clause.start, num.start
    ):
        return True  # "与全省14个市(州)比较，…": the set a place is compared with
    named = _NAMED_AS.match(text, num.end, clause.end)
    if (
        named is not None
        and any(word in named.group(0) for word in state.words.scope_sets)
        and _names_place(state, named.end(), named.end() + 2)
    ):
        return True  # "浓度较低的3个地区为康平县、法库县和新民市": the places are named
    if _MADE_UP_OF.search(text, clause.start, num.start):
        return True  # "全市辖16个镇(办、处)、2个街道", "所辖22个县": what a division is made of
    assessed = text[max(clause.start, num.start - 3) : num.start]
    if assessed[:1] == "对" and assessed[1:] in state.words.jurisdictions:
        # "对全区14个设区市2024年度…工作进行了考核": all the divisions an assessment covers
        return any(word in text[num.end : num.end + 6] for word in state.words.scope_sets)
    if _DEFINES_SET in text[num.end : clause.end] and any(
        word in text[num.end : num.end + 8] for word in state.words.scope_sets
    ):
        return True  # "全省10个设区市和杨凌示范区(以下简称“12个城市”)": a set defined
    for m in NUMBER_RE.finditer(text, num.end, clause.end):
        # "9个县(市、区)", "339个地级及以上城市": neither is a list of sets
        between = re.sub(r"\([^()]*\)|及以[上下]", "", text[num.end : m.start()])
        if re.search(r"[、和及与]", between) or not any(
            word in between[:12] for word in state.words.scope_sets
        ):
            return False
        if "指数" in between:
            return True
        high = _RANGE_HIGH.match(text, m.end(), clause.end)
        um = state.words.unit_re.match(text, high.end() if high else m.end(), clause.end)
        unit = um.group("unit") if um else None
        return unit is not None and state.words.unit_forms[unit] in _MEASURE_UNITS
    return False


def _is_threshold(state: DocState, num: RawValue, clause: Span, sentence: Sentence) -> bool:
    """Whether a value only sets a threshold for what is counted next: "PM2.5平均浓度高于35微克/
    立方米的重点城市有4个", "罚款超过100万元的案件达42起"; or draws an area ("周边5公里范围内")."""
    text = state.doc.text
    if text.startswith(state.words.area_bounds, num.end):
        return True  # "水库周边5公里范围内未发现火点": the length draws an area
    if not text.startswith("的", num.end) or num.qualifier not in ("lower_bound", "upper_bound"):
        return False  # "全球98%的白鹤、80%的东方白鹳": shares, each a finding
    for m in NUMBER_RE.finditer(text, num.end, clause.end):
        later = _read_number(state, m, sentence)
        if later is not None:
            return later.unit == "count"  # "90%以上的生态系统、85%以上的物种": shares, not a bar
    return False


def _read_half(state: DocState, m: re.Match[str]) -> RawValue:
    """ "过半", "半数以上": more than (or about) half, as a percentage."""
    qualifier = state.words.half[m.group(0)]
    return RawValue(
        m.start(), m.end(), m.start(), m.end(), Decimal(50), "percent", qualifier, fraction=True
    )


# A hedge standing apart from the share it qualifies: before 占 and what the share is of
# ("约占全省排放总量的八成"), or before the 为 of a list dealt out ("分别约为三成和两成").
_DISTANT_HEDGE = re.compile(
    r"(?:(?P<share>[\u4e00-\u9fff]{1,2})占[^，,。；;\d%]{0,14}|分别(?P<list>[\u4e00-\u9fff]{1,2})为"
    r"[^，,。；;]{0,16}[、和及与])$"
)


def _distant_hedge(before: str, w: Words) -> str | None:
    """The qualifier a hedge apart from its share gives it (see ``_DISTANT_HEDGE``), if any."""
    m = _DISTANT_HEDGE.search(before)
    if m is None:
        return None
    if m["share"]:
        hedge = ends_with_any(m["share"], w.q_before)
        return w.q_before[hedge] if hedge else None
    return w.q_before.get(m["list"])


def _hedge_before(before: str, w: Words) -> tuple[str, int] | None:
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


def _read_top(
    state: DocState, top: re.Match[str], s: int, e: int, value: Decimal, rest: str
) -> RawValue | None:
    """ "位居全国前十" (a rank of 10 at most), "位列全省前三名", "位居全省后两位": a rank among
    the first or last N, which ends its clause (else it introduces a list or names a set)."""
    tail = starts_with_any(rest, ("位", "名")) or ""
    if rest[len(tail) : len(tail) + 1] not in _CLAUSE_ENDS or value < 1:
        # "排名前三位的城市依次为…" (a list read as one), "对排名后三位且…的县市区" (a set)
        return None
    scope_word = next((word for word in state.words.rank_scope_words if word in top["scope"]), None)
    return RawValue(
        top.start(),  # the verb and the scope are no part of what is ranked
        e + len(tail),
        s,
        e,
        value,
        "rank",
        "upper_bound",
        rank_scope=state.words.rank_scopes.get(scope_word) if scope_word else None,
        rank_scope_word=scope_word,
        top=top["dir"],
    )


def _read_first(state: DocState, m: re.Match[str], sentence: Sentence) -> RawValue | None:
    """ "居全省首位", "以17个居首": first in its scope, read as 第一 would be; "并列全市最少":
    first from the bottom."""
    text = state.doc.text
    s, e = m.start(), m.end()
    window = text[max(sentence.span.start, s - 16) : s]
    rest = text[e : min(sentence.span.end, e + 12)]
    groups = m.groupdict()
    low = groups.get("low") is not None or groups.get("last") is not None
    return _read_rank(state, s, s, e, Decimal(1), window, rest, bottom=low)


def _read_rank(
    state: DocState,
    at: int,
    s: int,
    e: int,
    value: Decimal,
    window: str,
    rest: str,
    *,
    bottom: bool = False,
) -> RawValue | None:
    """A rank whose ordinal word (第, 首) stands at ``at``, its number at ``s``:``e``, with the
    ``window`` of text before the ordinal and the ``rest`` after the number; ``bottom``: the
    word itself counts from the last (最少)."""
    w = state.words
    scope_word = None
    # "排名倒数第一", "位列全省倒数第九": counted from the last
    written_bottom = window.endswith(_FROM_BOTTOM)
    if written_bottom:
        window = window[: -len(_FROM_BOTTOM)]
    bottom = bottom or written_bottom
    # "由多到少排名第九": the order the ranking counts in, no move (from the bottom when it
    # counts up from the least)
    order = _RANK_ORDER.search(window)
    if order is not None:
        bottom = bottom or order["order"] in _COUNTS_UP
        window = window[: order.start()] + (order["verb"] or "排名")
    # "在全市排名由去年同期的第五位升至第二位": both ranks, in the scope before 由
    moved = _RANK_MOVE.search(window)
    if moved is not None:
        window = window[: moved.start()]
    for word in w.rank_scope_words:
        pos = window.rfind(word)
        gap = window[pos + len(word) :] if pos >= 0 else ""
        # "全国第三", "全国8个试点碳市场第一" (the peer group named between scope and rank)
        if pos >= 0 and (len(gap) <= 4 or _PEER_GROUP.fullmatch(gap)):
            scope_word = word
            break
    tail = starts_with_any(rest, ("位", "名", "个"))
    # "为1961年以来历史同期第二高", "为近20年同期第三少": a place in the record of past years
    record = scope_word is None and rest[:1] in _RECORD_EXTREMES and _RECORD_WINDOW.search(window)
    if record:
        bottom = bottom or rest[0] in _RECORD_EXTREMES_LOW
        scope_word = _RECORD_SCOPE
    elif scope_word is None:
        tied = window.endswith("并列")  # "并列第一": a shared rank needs no counter
        verb = _RANK_VERB_BEFORE.search(window)
        # "高明区居第一", "三水区第二", "累计成交额列第二", "分列第二、第三", "排名末位(第12名)"
        held = (s - 1) in state.place_ends or (
            verb is not None and (s - 1 - len(verb.group(0))) in state.place_ends
        )
        listed = _RANK_CONTINUED.search(window) is not None
        counted = starts_with_any(rest, w.ordinal_counters) is not None or rest.startswith("个")
        # "安徽省第四生态环境保护督察组": a place before an ordinal that names a team or round
        if (held and counted) or not (tied or held or listed or (verb is not None and not counted)):
            return None
    elif starts_with_any(rest, w.ordinal_counters) and tail is None:
        return None
    end = e + (len(tail) if tail else 0)
    return RawValue(
        at - (len(_FROM_BOTTOM) if written_bottom else 0),
        end,
        s,
        e,
        value,
        "rank",
        "exact",
        rank_scope=(
            "historical" if record else w.rank_scopes.get(scope_word) if scope_word else None
        ),
        rank_scope_word=scope_word,
        top="后" if bottom else None,
    )


# ---------------------------------------------------------------------------- context


def _subject(state: DocState, clause_start: int, limit: int) -> str:
    """The words of the clause before the number and after any earlier value or list break."""
    text = state.doc.text
    piece_start = clause_start
    for m in _SUBJECT_BREAK.finditer(text, clause_start, limit):
        opened = text.count("(", clause_start, m.start()) - text.count(")", clause_start, m.start())
        if opened <= 0:  # "水质优良(一、二类)面积比例": a list inside brackets breaks nothing
            piece_start = m.end()
    for m in NUMBER_RE.finditer(text, piece_start, limit):
        # Cut after an earlier value ("42次、…12次"), not after a date ("从2017年的83.6%",
        # "1—9月累计立案") nor inside a bracketed aside ("比全省平均水平(35微克/立方米)低").
        if _in_time(state, m.start()) or text.count("(", piece_start, m.start()) > text.count(
            ")", piece_start, m.start()
        ):
            continue
        if m.group(0)[0].isdigit() and not _DATE_AFTER.match(text, m.end()):
            um = state.words.unit_re.match(text, m.end(), limit)
            peers = _PEER_BEFORE_RANK.match(text, um.end(), limit + 2) if um else None
            if peers is not None and peers.end() == limit:
                # "完成量居全区12个盟市第一": the peers of a rank are no part of what is ranked
                return text[piece_start : m.start()]
            piece_start = max(piece_start, um.end() if um else m.end())
    return text[piece_start:limit]


_RANK_AFTER_SCOPE = re.compile(rf"[^，,。；;]{{0,3}}?(?:第|[前后][{CN_DIGITS}\d])")
_LEVEL_SCOPES = {"county": "全市", "city": "全省", "province": "全国"}


def _scope_ranked_before(
    state: DocState, sentence: Sentence, num: RawValue
) -> tuple[str, str] | None:
    """The scope of the last rank stated earlier in the sentence ("全省第三", "全区前三名")."""
    text = state.doc.text
    best: tuple[int, str] | None = None
    statement = statement_start(state, sentence)  # (the part after ；goes on with it)
    for word in state.words.rank_scope_words:
        pos = text.rfind(word, statement, num.start)
        ranked = pos >= 0 and _RANK_AFTER_SCOPE.match(text, pos + len(word)) is not None
        if ranked and (best is None or pos > best[0]):
            best = (pos, word)
    return (best[1], state.words.rank_scopes[best[1]]) if best else None


def _implied_scope(state: DocState, place: PlaceDef | None) -> tuple[str, str] | None:
    """The peer group a rank with none stated is among, from the level of what is ranked."""
    word = _LEVEL_SCOPES.get(place.type) if place is not None else None
    scope = state.words.rank_scopes.get(word) if word else None
    return (word, scope) if word and scope else None


def _streak_predicate(state: DocState, num: RawValue, clause: Span) -> str:
    """What has lasted: the words after the clause's last 连续N年, up to a stop."""
    text = state.doc.text
    start = num.end
    for streak in STREAK_YEARS.finditer(text, num.start, clause.end):
        start = streak.end()
    words = re.split(r"[，,。；;、…“”\s]", text[start : clause.end], maxsplit=1)[0]
    return words[:12] if len(words) >= 2 else ""


def _streak_state(state: DocState, predicate: str) -> str | None:
    """The lexicon's one name for the state a streak keeps (Ⅱ类水质), if it names one."""
    for pattern, name in state.words.streak_states:
        if pattern.search(predicate):
            return name
    return None


def _recent_with_head(state: DocState, label: str) -> IndicatorRef | None:
    """A bare head noun (达标率, 优良率) names the metric just reported that ends with it."""
    if not 2 <= len(label) <= 4:
        return None
    last = state.last_indicator
    return last if last is not None and last.label.endswith(label) else None


def _in_time(state: DocState, pos: int) -> bool:
    """Whether ``pos`` lies inside a time expression."""
    i = bisect_right(state.time_starts, pos) - 1
    return i >= 0 and state.times[i].end > pos


_COMPARED_BY = re.compile(r"多|少|增|减|上升|下降|提高|降低|提升|偏|高出|低出")
_LENGTH_UNITS = ("km", "m")
_BASE_OPENER = re.compile(r"(?:较之?|相较于?|相比于?)(?![高低好差大小多少为快慢强弱轻重])")
_STREAK_IN_LABEL = re.compile(r"(?:已经|已|均)?" + STREAK_YEARS.pattern)
_LABEL_ASIDES = re.compile(r"\d{4}年|[“”\"‘’「」]|\([^()]*\)|\($")


def _clean_label(subject: str, state: DocState) -> str:
    """Strip times, hedges, linking verbs and place-holder words from a subject phrase."""
    w = state.words
    label = subject
    for expr in state.words.periods.find(label, state.anchor)[::-1]:
        # A comparison goes with its time ("较2020年", "与上年相比"): neither names the metric.
        start = expr.start - len(ends_with_any(label[: expr.start], w.base_before) or "")
        # The word for the period's end goes with it (较去年底, 比上年末, 到2026年底前).
        closing = (
            starts_with_any(label[expr.end :], (*w.periods.period_end, *w.periods.month_parts))
            or ""
        )
        end = expr.end + len(closing)
        end += bool(closing) and label.startswith("前", end)
        after = (*w.base_after, *SINCE_WORDS)
        end += len(starts_with_any(label[end:], after) or "")
        label = label[:start] + label[end:]
    # "较台风前", "较9月上旬", "较治理前": what a change is measured against, whatever it is, is
    # no part of the metric's name either (较好, 较低 are no comparison)
    base = _BASE_OPENER.search(label)
    if base is not None:
        # (with nothing before the base, what follows its comparison is the label: 较国家下达任务
        # |多完成96家)
        verb = _COMPARED_BY.search(label, base.end())
        label = label[: base.start()] or (label[verb.start() :] if verb else "")
    # "…记录数量已连续四年保持在50万只以上": how long a state lasted names no metric
    label = _STREAK_IN_LABEL.sub("", label)
    actors = list(_ACTOR_TOTAL.finditer(label))
    if actors and len(label) - actors[-1].end() >= 2:
        label = label[actors[-1].end() :]  # "督察组共受理…举报": who counted is not what was
    # A bracketed aside (淀山湖(上海部分)总磷) or an opening bracket before the value is no
    # part of the metric's name.
    label = _LABEL_ASIDES.sub("", label)
    label = w.normals.sub("", label)
    changed = True
    while changed and label:
        if _COMPARISON_ONLY.fullmatch(label):
            return ""  # before 平均为 loses its 均 to the linkers
        changed = False
        word = ends_with_any(label, w.strippable)
        if word:
            label = label[: -len(word)]
            changed = True
        # (after the marks a heading or a list item opens with: "# ", "■ ", "1. ", "》 ")
        new = w.label_openers.sub("", label.lstrip(_LEADING_MARKS))
        if state.place_names is not None:  # before the gazetteer's: 陕南生态示范区, not 陕南
            named = list(state.place_names.finditer(new))
            if named and len(new) - named[-1].end >= 2:
                # "依托鹭鸶洲湿地公园监测到越冬水鸟": the metric is named after the last place
                new = new[named[-1].end :]
            elif named and named[0].start == 0:
                new = new[named[0].end :]
        new = w.admin_prefix.sub("", new)
        if new != label:
            label, changed = new, True
    label = label.strip(" ,，、:：的()")
    # "比全国平均水平(87.2%)", "城市平均为…": a comparison names no metric of its own.
    return "" if _COMPARISON_ONLY.fullmatch(label) else label


def _measured(state: DocState, label: str, num: RawValue) -> str:
    """``label`` with the noun its value's unit or counter implies ("总磷均值" in mg/L is 总磷浓度,
    "执法检查…家次" counts enterprises), so wordings that leave it out meet the scheme."""
    w = state.words
    noun = w.unit_nouns.get(num.unit)
    if noun is None:
        written = state.doc.text[num.num_end : num.end]
        noun = next((n for c, n in w.counter_nouns.items() if c in written), None)
    if not label or noun is None or noun in label:
        return label
    return label[: len(label) - len(ends_with_any(label, w.averaging_words) or "")] + noun


def _changed(
    state: DocState, sentence: Sentence, clause: Span, previous: IndicatorRef | None
) -> IndicatorRef | None:
    """What a change without a subject of its own is a change of: the metric a value-less clause
    before it names ("PM2.5浓度改善幅度最大的为鄂州市，同比下降13.2%"), else the last one
    reported."""
    last = _clause_before(sentence, clause)
    if last is not None and not NUMBER_RE.search(state.doc.text, last.start, last.end):
        named = _named_before(state, last.start, last.end)
        if named is not None:
            return named
    if previous is None and state.doc.text.startswith(_CONTINUED, sentence.span.start):
        # "9个县市区PM2.5平均浓度下降…。其中，衡东县下降4微克/立方米": named the sentence before
        before = _previous_sentence(state, sentence)
        if before is not None:
            previous = _named_before(state, before.span.start, before.span.end)
    return previous or state.last_indicator


def _list_member(
    state: DocState, clause: Span, num: RawValue, subject: str
) -> tuple[str, int, int]:
    """For a value in a list sharing one subject ("同比分别下降6.1%和3.4%"): the list's subject,
    the value's position in the list and the list's length; else (subject, 0, 1)."""
    text = state.doc.text

    def separated(subject: str, end: int) -> bool:
        # "和" before the value, or "、" (which ends a subject piece of its own: "312.6吨、845.3吨")
        return bool(LIST_SEPARATOR.fullmatch(subject)) or (not subject and text[end - 1] == "、")

    starts = (  # the numbers before it, wanted only when the subject is a list separator
        [m.start() for m in NUMBER_RE.finditer(text, clause.start, num.start)]
        if separated(subject, num.start)
        else []
    )
    position = 0
    end = num.start
    while separated(subject, end) and starts:
        head = starts.pop()
        if _in_time(state, head):
            break
        subject = _subject(state, clause.start, head)
        end = head
        position += 1
    um = state.words.unit_re.match(text, num.num_end, clause.end)
    tail = _LIST_TAIL.match(text, num.num_end)
    if tail is None and um is not None:
        # "312.6吨、845.3吨和67.9吨": each item with its unit
        tail = _list_tail_with_unit(um.group(0)).match(text, um.end())
    later = len(NUMBER_RE.findall(tail.group(0))) if tail else 0
    members = position + later + 1
    if members > 1 and any(word in subject for word in state.words.respectively):
        subject = _with_names_listed_before(state, clause.start, end - len(subject), end)
    return subject, position, members


def _with_shared_head(names: list[str], position: int, measures: tuple[str, ...]) -> str:
    """The n-th name of a list whose last name carries the measure they share ("二氧化硫、氮氧化物、
    颗粒物排放量": 二氧化硫排放量): a name that is no measure itself takes the last one's words
    after its first (a leading 总 stays with that first word: 总磷 | 浓度)."""
    name = names[position]
    if position == len(names) - 1 or name.endswith(measures):
        return name
    last = pos_cut(names[-1])
    first = 1
    while first < len(last) and last[first - 1][1] == "b":
        first += 1
    head = "".join(word for word, _ in last[first:])
    return name if not head.endswith(measures) or name.endswith(head) else name + head


def _with_names_listed_before(state: DocState, clause_start: int, start: int, end: int) -> str:
    """A list's subject with the names listed before it ("二氧化硫、氮氧化物、颗粒物排放量分别为"):
    the pieces before each 、 that hold no value of their own."""
    text = state.doc.text
    while start - 1 > clause_start and text[start - 1] == "、":
        piece = _subject(state, clause_start, start - 1)
        if not piece or piece[-1] in "、，," or start - 1 - len(piece) < clause_start:
            break
        start -= 1 + len(piece)
    return text[start:end]


def _named_before(state: DocState, start: int, end: int) -> IndicatorRef | None:
    """The scheme indicator named last in ``text[start:end]``."""
    window = state.doc.text[start:end]
    best: tuple[int, int, IndicatorDef] | None = None
    for ind in state.lexicon.indicators:
        for m in ind.pattern.finditer(window):
            key = (m.end(), m.end() - m.start())
            if best is None or key > best[:2]:
                best = (*key, ind)
    return _ref(best[2]) if best else None


def _in_context(state: DocState, sentence: Sentence, pos: int, ref: IndicatorRef) -> IndicatorRef:
    """The narrower metric a generic one stands for where its paragraph names the narrower set
    ("全省国控断面…。其中，水质优良比例为90.8%")."""
    generic = ref.base or ref
    narrowing = state.words.indicator_context.get(generic.iri)
    if narrowing is None:
        return ref
    narrower, set_words = narrowing
    start = state.doc.paragraph_spans[sentence.paragraph][0]
    if sentence.paragraph > 0 and _is_heading(state, sentence.paragraph - 1):
        start = state.doc.paragraph_spans[sentence.paragraph - 1][0]
    before = ASIDE.sub("", state.doc.text[start:pos])
    words = list(set_words.finditer(before))
    if not words or words[-1].group("cue") is None:
        return ref
    if ref.base is None:
        return _ref(narrower)
    suffix_iri = ref.iri[len(generic.iri) + 2 :]
    return _derived(_ref(narrower), suffix_iri, ref.label[len(generic.label) :])


def _is_share(ref: IndicatorRef) -> bool:
    """Whether an indicator is a share (a rate or proportion), by how it is named."""
    return ref.base is None and ref.label.endswith(_SHARE_ENDS)


def _at_span_end(period: Period) -> Period:
    """A span of months within a year as its last month (2024-01/2024-03 -> 2024-03): the time
    of a level (a balance, a herd) reported for the span. Other periods as they are."""
    span = _MONTH_SPAN.fullmatch(period.code or "")
    if span is None:
        return period
    year = int(span["year"])
    return Period(month_code(year, int(span["last"])), period.basis, year, year)


def _noun_after(state: DocState, pos: int, limit: int) -> str:
    """The noun phrase after a value ("42个|省直单位", "98%的|白鹤"), up to a stop word."""
    text = state.doc.text
    if text.startswith("的", pos):
        pos += 1
    if text.startswith("/", pos):
        return ""  # "0.38个/立方米": what the count is per, no noun
    # A quoted modifier opens the noun ("12处“千人以上”水源地"); the quotes are no part of it.
    quoted = _QUOTED_MODIFIER.match(text, pos, limit)
    if quoted and ends_with_any(
        text[max(0, pos - 3) : pos].removesuffix("的"), state.words.occasion_counters
    ):
        return ""  # "两批“回头看”": what was done each time
    start, pos = pos, quoted.end() if quoted else pos
    end = min(limit, pos + 12)
    m = _NOUN_STOP.search(text, pos, end)
    end = m.start() if m else end
    for i in range(pos, end):
        if starts_with_any(text[i:end], state.words.noun_stops):
            end = i
            break
    return text[start:end].translate(_NO_QUOTES)


@lru_cache(maxsize=8192)  # labels recur: 优良天数比例, 总磷浓度
def _match_indicator(
    lexicon: Lexicon, text: str, unit: str | None
) -> tuple[IndicatorDef, int] | None:
    """The scheme indicator whose pattern matches ``text`` nearest its end, then longest (scheme
    order breaks ties): a Chinese noun phrase ends with its head ("围绕督察反馈问题…公益诉讼案件"
    counts cases, not problems)."""
    if _any_indicator(lexicon, unit).search(text) is None:
        return None  # most texts name no indicator: one scan instead of one per indicator
    best: tuple[IndicatorDef, int] | None = None
    best_key = (-1, -1)
    for ind in _indicators_for(lexicon, unit):
        for m in ind.pattern.finditer(text):
            key = (m.end(), m.end() - m.start())
            if key > best_key:
                best, best_key = (ind, m.end() - m.start()), key
    return best


@lru_cache(maxsize=256)
def _indicators_for(lexicon: Lexicon, unit: str | None) -> tuple[IndicatorDef, ...]:
    """The scheme's indicators, in order, that a value in ``unit`` can be a value of."""
    return tuple(
        ind
        for ind in lexicon.indicators
        if unit is None or ind.unit is None or _same_kind(lexicon, ind.unit, unit)
    )


@lru_cache(maxsize=256)
def _any_indicator(lexicon: Lexicon, unit: str | None) -> re.Pattern[str]:
    """A pattern matching where any of :func:`_indicators_for` matches."""
    return any_of(tuple(ind.pattern for ind in _indicators_for(lexicon, unit)))


def _same_kind(lexicon: Lexicon, a: str, b: str) -> bool:
    """Whether two units measure one quantity (兆瓦 and 千瓦, 公顷 and 亩)."""
    unit_a, unit_b = lexicon.units.get(a), lexicon.units.get(b)
    return a == b or (
        unit_a is not None
        and unit_b is not None
        and unit_a.kind is not None
        and unit_a.kind == unit_b.kind
    )


def _ref(ind: IndicatorDef) -> IndicatorRef:
    return IndicatorRef(str(ind.iri), ind.label, True, ind.theme)


def _rewritten(state: DocState, label: str) -> str:
    """``label`` as the lexicon's rewrites write it (one way for each wording of a metric)."""
    for pattern, replacement in state.words.label_rewrites:
        label = pattern.sub(replacement, label)
    return label


def _minted(
    state: DocState, label: str, theme: str | None, *, header: bool = False
) -> IndicatorRef:
    """An indicator named after its words in the text, written the one way the lexicon's
    rewrites give (总氮平均浓度 and 总氮浓度 are one metric; the period says how it was
    averaged). ``header``: the label is a table's column header, the table's own name for it."""
    label = _rewritten(state, label)
    # "新增完成农村生活污水治理行政村41个", "记录水鸟约6.8万只": how the text reports a count
    # (the period tells new from total) is no part of what is counted; a header's verbs tell its
    # columns apart (检控个案数目, 定罪个案数目)
    while not header and (verb := leading_verb(label, keep=4)):
        label = label[len(verb) :]
    return IndicatorRef(str(minted_indicator_iri(label)), label, False, theme)


def _derived(base: IndicatorRef, suffix_iri: str, suffix_label: str) -> IndicatorRef:
    return IndicatorRef(
        f"{base.iri}--{suffix_iri}", base.label + suffix_label, base.in_scheme, base.theme, base
    )


def _theme(state: DocState, *texts: str) -> str | None:
    """The theme whose keywords the first of ``texts`` that holds any holds most often."""
    for text in texts:
        best = _theme_of(state.lexicon, text)
        if best is not None:
            return best
    return None


@lru_cache(maxsize=8192)
def _theme_of(lexicon: Lexicon, text: str) -> str | None:
    # a score sums each keyword's count; a keyword whose first character the text lacks counts
    # nothing, so only the few keywords that may occur are counted (not every keyword per text)
    scores = dict.fromkeys(lexicon.themes, 0)
    by_first = _theme_keywords(lexicon)
    for char in by_first.keys() & set(text):
        for code, keyword in by_first[char]:
            scores[code] += text.count(keyword)
    best = max(sorted(scores), key=lambda c: scores[c]) if scores else None
    return best if best and scores[best] > 0 else None


@cache
def _theme_keywords(lexicon: Lexicon) -> dict[str, list[tuple[str, str]]]:
    """(theme code, keyword) pairs by the keyword's first character."""
    by_first: dict[str, list[tuple[str, str]]] = {}
    for code, theme in lexicon.themes.items():
        for keyword in theme.keywords:
            by_first.setdefault(keyword[:1], []).append((code, keyword))
    return by_first


def _place(
    state: DocState,
    sentence: Sentence,
    clause: Span,
    num: RawValue,
    topic: PlaceHit | None,
    water_state: bool = False,
) -> PlaceDef | None:
    """Where a value applies: a place named in its clause, else the sentence's or paragraph's
    opening place, else the document's home province. 全国 right before a count is national.
    A measure of water (``water_state``) with no place in its clause belongs to the river or lake
    its paragraph last named; a value of what lies in several rivers or lakes listed together
    ("洣水、攸水4个省控以上断面…达标率100%") is the division's that holds them."""
    found = _named_place(state, sentence, clause, num, topic, water_state)
    if (
        found is not None
        and found.type in WATER_TYPES
        and _counted_in_waters(state, sentence, num, found)
    ):
        return state.locality
    return found


_COUNT_AFTER = re.compile(r"(?:\d+|[一二两三四五六七八九十]+)个")


def _counted_in_waters(state: DocState, sentence: Sentence, num: RawValue, place: PlaceDef) -> bool:
    """Whether ``place`` is one of two or more rivers or lakes listed in the sentence before a
    count of what lies in them (sections, sites), ahead of the value."""
    for run in _place_runs(state, sentence.span.start, num.start):
        if (
            len(run) >= 2
            and any(h.place == place for h in run)
            and all(h.place.type in WATER_TYPES for h in run)
            and _COUNT_AFTER.match(state.doc.text, run[-1].end) is not None
        ):
            return True
    return False


def _named_place(
    state: DocState,
    sentence: Sentence,
    clause: Span,
    num: RawValue,
    topic: PlaceHit | None,
    water_state: bool = False,
) -> PlaceDef | None:
    text = state.doc.text
    average = _AVERAGE_OF.search(text, clause.start, num.start) if num.unit != "rank" else None
    if num.unit != "rank" and (
        text[max(clause.start, num.start - 3) : num.start].endswith("全国")
        or (average is not None and average.group("word") is None)
    ):
        # "全国平均水平(87.2%)": the country's figure the province is compared with
        return state.lexicon.place_by_alias.get("全国")
    if average is not None:
        whole = _jurisdiction_word(state, average.group("word"))
        if whole is not None:
            return whole
    whole = _share_of_whole(state, clause, num)
    if whole is not None:
        return whole
    respectively = _respective_place(state, sentence, num)
    if respectively is not None:
        return respectively
    together = _listed_whole(state, clause, num)
    if together is not None:
        return together
    lo = bisect_right(state.place_starts, clause.start - 1)
    hi = bisect_right(state.place_starts, num.start - 1)
    activity = num.unit in ACTIVITY_UNITS and not _counts_living(state, num)
    for i in reversed(range(lo, hi)):
        hit = state.places[i]
        if hit.end > num.start:
            continue
        if _is_peer_group(hit.place) and (
            (hit.place.type in NATIONAL_TYPES and state.locality is not None)
            or num.unit == "rank"
            or not _opens(text[clause.start : hit.start])
        ):
            # 全国 and 长江经济带 are where a value is compared, not where it is, unless a region
            # opens the clause ("京津冀及周边地区PM2.5平均浓度为39微克/立方米"); 全国 opening a
            # clause is often a name's first word (全国碳市场纳入我省…), except in a document
            # that speaks for no division ("去年，全国地级及以上城市PM2.5平均浓度…" in a commentary)
            continue
        if num.unit == "rank" and ends_with_any(
            text[clause.start : hit.start], state.words.rank_verbs
        ):
            continue  # "改善幅度居开封市第一": the city is what the county is ranked in
        before = state.places[i - 1] if i > lo else None
        if before is not None and before.end == hit.start and before.place.type in WATER_TYPES:
            continue  # "太湖湖州水域", "东苕溪德清段": a stretch of the water body
        if any(word in text[hit.end : num.start] for word in ("等", _DEFINES_SET)):
            # "赣州和资溪等7个市", "10个设区市和杨凌示范区、韩城市(以下简称“12个城市”)": members
            # of a list, not the place of the value
            continue
        runs = _place_runs(state, clause.start, hit.end)
        listed_from = runs[-1][0].start if runs and runs[-1][-1] is hit else hit.start
        if _after_partner(text, listed_from):
            # "与湖南并列第一", "较全国平均", "向(下游)泸州市支付", "与勐腊县、江城县开展联合巡护":
            # compared with, given to or joined by, not the place itself
            continue
        if (
            text[hit.start - 1 : hit.start] == "("
            and before is not None
            and before.end == hit.start - 1
            and before.place.type in (*WATER_TYPES, "region")
        ):
            continue  # "淀山湖(上海部分)", "三峡库区(重庆段)": which part, still the whole
        if hit.place.type in WATER_TYPES:
            if activity and (num.unit == "count" or not _names_basin(text, hit)):
                # "整治漓江入河排污口1236个", "实施黄河流域治理项目19个": work done by a
                # government, not the river's state; but "投入赤水河流域保护治理资金" is
                # spent on the basin
                continue
            opener = _clause_opener(state, clause, i)
            if opener is not None and opener.end < hit.start:  # (嘉兴南湖 is the lake)
                return opener.place  # "东坝头镇完成黄河滩区生态造林3200亩": the town's work
        return hit.place
    whole = _jurisdiction_word(state, text[clause.start : num.start], clause.start)
    if whole is not None:
        return whole  # "全省为35": the whole jurisdiction, whatever was named before
    for word in (_BASIN, *_AREA_WORDS):
        referred = _bare_reference(state, sentence, clause.start, num.start, word)
        if referred is not None:
            return referred
    statement = statement_start(state, sentence)
    if text.startswith("全国", statement) and not any(
        w in text[statement : num.start] for w in state.words.jurisdictions
    ):
        # "全国碳市场…，重点排放单位2096家" (but "全国碳市场纳入我省企业90家" is the province's)
        return state.lexicon.place_by_alias.get("全国")
    # "长江干流九江段水质保持Ⅱ类；全市25个国考断面中，…优良比例为96.0%": the whole
    # jurisdiction a later clause turned to, before the water the paragraph last named
    taken_over = _later_jurisdiction(state, sentence, clause)
    if taken_over is not None:
        return taken_over
    if water_state:
        water = _paragraph_water(state, sentence, num.start)
        if water is not None:
            return water
    judged = _judged_place(state, sentence, clause)
    if judged is not None:
        return judged.place
    opening = _opening_place(state, sentence.span.start)
    if opening is not None:
        return opening.place
    earlier = _statement_subject(state, sentence, clause)
    section_share = any(word in text[clause.start : num.start] for word in _JURISDICTION_SETS)
    if earlier is not None and (
        water_state or (not activity and not section_share) or earlier.place.type not in WATER_TYPES
    ):
        # a river opening an earlier clause is the subject of what is measured of it, not of
        # what a government did there
        return earlier.place
    if topic is not None and not (activity and topic.place.type in WATER_TYPES):
        # a river or lake the paragraph went on about holds no work done (巡河4.2万人次, 查处
        # 非法捕捞案件237件, 全年共办理行政处罚案件286件): that is the jurisdiction's
        return topic.place
    if state.locality is not None and state.locality.type in NATIONAL_TYPES:
        # "…发布会": "全省优良天数比率为98.9%…；PM2.5平均浓度为19.1" goes on about the province
        return _statement_jurisdiction(state, statement, num.start) or state.locality
    if state.party is not None and not said_before(
        state, sentence, num.start, state.words.writer_words
    ):
        # "地址：邯郸市峰峰矿区…": what the decision found is its party's; what its writer did
        # ("本局决定…处以罚款46万元", "去年，本局共作出…决定312件") stays at home
        return state.party
    return state.locality


def _statement_jurisdiction(state: DocState, statement: int, end: int) -> PlaceDef | None:
    """The whole jurisdiction (全省) the last clause of ``text[statement:end]`` opening with one
    names."""
    text = state.doc.text
    found = None
    for m in _CLAUSE_SPLIT.finditer(text, statement, end):
        if starts_with_any(_CLAUSE_OPENER.sub("", m.group(0)), state.words.jurisdictions):
            found = _jurisdiction_word(state, m.group(0), m.start()) or found
    return found


_CLAUSE_SPLIT = re.compile(r"[^，,；;。]+")


def _after_partner(text: str, pos: int) -> bool:
    """Whether the place at ``pos`` is compared with, given to or joined by (与, 较, 向下游)."""
    return _PARTNER.search(text, max(0, pos - 3), pos) is not None


def _share_of_whole(state: DocState, clause: Span, num: RawValue) -> PlaceDef | None:
    """The whole a share of several members is of (三市合计占全省的六成以上: the province; 合计占
    名录单位的近三成: the document's own division): a time series of the share is the whole's,
    whichever members make it up that year."""
    if num.unit != "percent":
        return None
    shares = list(state.words.share_of_whole.finditer(state.doc.text, clause.start, num.start))
    if not shares:
        return None
    share = shares[-1]  # the last one before the value
    word = share["whole"]
    if word == "全国":
        return state.lexicon.place_by_alias.get("全国")
    if word:
        return _jurisdiction_word(state, word, share.start())
    i = bisect_left(state.place_starts, share.end())
    if i < len(state.places) and state.places[i].start == share.end():
        return state.places[i].place  # 合计占秦岭范围的近七成: the whole is named
    return state.locality


def _listed_whole(state: DocState, clause: Span, num: RawValue) -> PlaceDef | None:
    """ "在龙华区、美兰区建成收集平台3个", "歙县、休宁县等地累计关停企业170余家": one value for
    divisions listed together is their total, so it is about the division that holds them all
    (a list read with 分别 gives each its own value; that is read before). Only amounts add
    up: a rank or a rate shared by a list (并列第三) is each member's."""
    if num.unit not in _SUMMED_UNITS:
        return None
    text = state.doc.text
    runs = _place_runs(state, clause.start, num.start)
    run = runs[-1] if runs else []
    if len(run) < 2 or any(h.place.type not in _DIVISION_TYPES for h in run):
        return None
    if _after_partner(text, run[0].start):
        return None  # "与甘德县、达日县开展联合巡护": joined by them, not their total
    parents = {h.place.parent for h in run}
    if len(parents) != 1 or None in parents:
        return None
    return state.lexicon.places.get(next(iter(parents)) or "")


def _counts_living(state: DocState, num: RawValue) -> bool:
    """Whether a count counts living things (约6.8万只, 17种, 3万株): the state of a river, lake
    or reserve, not work done there."""
    written = state.doc.text[num.num_end : num.end]
    return any(c in state.words.living_counters for c in written)


def _clause_opener(state: DocState, clause: Span, before: int) -> PlaceHit | None:
    """A division or town opening ``clause`` before its ``before``-th place: the clause's subject,
    of which a later river or lake is only the object."""
    lo = bisect_right(state.place_starts, clause.start - 1)
    if lo >= before:
        return None
    hit = state.places[lo]
    opening = state.doc.text[clause.start : hit.start]
    if hit.place.type in _DIVISION_TYPES and (opening == "" or _CLAUSE_OPENER.fullmatch(opening)):
        return hit
    return None


def _opens(before: str) -> bool:
    """Whether a place after ``before`` opens its clause (nothing, or only a time, before it)."""
    return not before or _CLAUSE_OPENER.fullmatch(before) is not None


def _is_peer_group(place: PlaceDef) -> bool:
    """The country, or a region across provinces (长江经济带, 京津冀): what a place is ranked or
    compared among. A region inside one province (关中地区, 苏北) is a place values are about."""
    return place.type in NATIONAL_TYPES or (place.type == "region" and place.parent is None)


def _names_place(state: DocState, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` names a place or a whole jurisdiction (全省, 我市)."""
    i = bisect_right(state.place_starts, start - 1)
    if i < len(state.places) and state.places[i].start < end:
        return True
    return _jurisdiction_word(state, state.doc.text[start:end]) is not None


def _in_furniture(state: DocState, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies within one piece of page furniture."""
    i = bisect_right(state.furniture, (start, len(state.doc.text))) - 1
    return i >= 0 and state.furniture[i][0] <= start and end <= state.furniture[i][1]


def _sets_a_rule(w: Words, named: str) -> bool:
    """Whether a metric's words name a parameter of a rule ("考核权重", not a quota met:
    "消纳责任权重")."""
    for quota in w.quota_words:
        named = named.replace(quota, "")
    return any(word in named for word in w.rule_parameters)


# A count right before another ("7群42只"): the next counts the same, by another counter.
_COUNT_JUST_BEFORE = re.compile(r"\d\s*(?P<counter>[\u4e00-\u9fff]{1,2})$")


def _counted_just_before(state: DocState, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends with a count ("增至7群"; not a month, "10月")."""
    m = _COUNT_JUST_BEFORE.search(state.doc.text, start, end)
    return m is not None and state.words.unit_forms.get(m["counter"]) == "count"


def _names_part(state: DocState, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` names a place, a whole jurisdiction or a time."""
    i = bisect_right(state.time_starts, start - 1)
    in_time = i < len(state.times) and state.times[i].start < end
    return in_time or _names_place(state, start, end)


def _only_places(state: DocState, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is places and nothing else: one place, or a list of them
    before 均为 ("延边州、辽源市均为41个"), after an opener (其中) and before a plain 为."""
    text = state.doc.text
    words = _CLAUSE_OPENER.sub("", text[start:end])
    at = end - len(words)
    runs = _place_runs(state, at, end)
    if len(runs) != 1 or runs[0][0].start != at:
        return False
    rest = text[runs[0][-1].end : end]
    if rest == "":
        return len(runs[0]) == 1
    # a list needs its 均 ("…、…为" deals out nothing); one place may go without it
    return _PLACES_TAIL.fullmatch(rest) is not None and (
        len(runs[0]) == 1 or rest[:1] in state.words.each_one_opening
    )


def _carried_metric(state: DocState, sentence: Sentence, unit: str) -> IndicatorRef | None:
    """The metric a place alone with a value in ``unit`` goes on with: the one just reported,
    else the one last reported in that unit earlier in the paragraph."""
    if state.last_indicator is not None and state.last_unit == unit:
        return state.last_indicator
    paragraph, metric = state.unit_metrics.get(unit, (-1, None))
    return metric if paragraph == sentence.paragraph else None


def _jurisdiction_word(state: DocState, clause_text: str, at: int | None = None) -> PlaceDef | None:
    """The place a clause opening with 全省/全市/全县 is about, in this document ("同期全省…"
    and "今年全市…" open with it too). In a document that speaks for no division of that level
    (a feature on a river basin), the one its paragraph last named before ``at``."""
    clause_text = _CLAUSE_OPENER.sub("", clause_text)
    word = starts_with_any(clause_text, state.words.jurisdictions)
    if word is None:
        return None
    level = state.words.jurisdictions[word]
    if level == "own":
        return state.locality  # "辖区近岸海域…": the jurisdiction of whoever speaks
    if level == "basin":
        # "全流域累计投入…": the river the document speaks for, else the one last named
        if state.locality is not None and state.locality.type in WATER_TYPES:
            return state.locality
        return _last_of(state, 0, at, ("river",)) if at is not None else None
    if level == "region":
        # 全区: the autonomous region a document speaks for, else the district it speaks for.
        province = state.home or jurisdiction("province", state.locality, state.lexicon)
        if province is not None and province.name.endswith("自治区"):
            return province
        level = "county"
    if level == "province":
        province = state.home or jurisdiction("province", state.locality, state.lexicon)
        if province is None and at is not None:
            # "生态环境部…发布会": 全省 in a national document is the province just named
            return _last_of(state, 0, at, ("province",)) or state.locality
        return province
    whole = jurisdiction(level, state.locality, state.lexicon)
    if whole is None and at is not None:
        sentence = state.doc.sentence_at(at)
        start = (
            state.doc.paragraph_spans[sentence.paragraph][0]
            if sentence is not None
            else state.doc.text.rfind("\n", 0, at) + 1
        )
        whole = _last_of(state, start, at, (level,))
        if whole is None and (state.locality is None or state.locality.type not in _DIVISION_TYPES):
            # "去年全镇…" in a diary on a lake: the town the text named first (its lead names
            # whose diary it is)
            whole = _first_of(state, at, level)
    return whole or state.locality


def _first_of(state: DocState, end: int, type_: str) -> PlaceDef | None:
    """The place of ``type_`` named first before ``end``."""
    return next((h.place for h in _places_in(state, 0, end) if h.place.type == type_), None)


def _bare_reference(
    state: DocState, sentence: Sentence, start: int, end: int, word: str
) -> PlaceDef | None:
    """The place a bare 流域, 保护区 or 园区 in ``text[start:end]`` refers to ("2024年流域共监测到
    鱼类142种", "清退保护区内养殖塘1200余亩"): the basin ("赤水河流域"), reserve or park its
    paragraph last named (a reserve: the text last named; an answer goes on about the reserve
    the paragraph before presented)."""
    text = state.doc.text
    at = text.find(word, start, end)
    if at < 0:
        return None
    first = state.doc.paragraph_spans[sentence.paragraph][0] if word == _BASIN else 0
    lo = bisect_right(state.place_starts, first - 1)
    hi = bisect_right(state.place_starts, at - 1)
    if (hi > lo and state.places[hi - 1].end > at) or at in state.place_ends:
        return None  # "赤水河流域", "扎龙国家级自然保护区": the word is part of a name
    if any(c in _KIND_MARKS for c in text[max(start, at - 4) : at]):
        return None  # "全省各级自然保护区", "各类保护区": a kind, not the one named before
    for hit in reversed(state.places[lo:hi]):
        if word == _BASIN and hit.place.type in WATER_TYPES and _names_basin(text, hit):
            return hit.place
        ending = _AREA_WORDS.get(word)
        if ending and hit.place.type in _PROTECTED_TYPES and hit.place.name.endswith(ending):
            return hit.place
    return None


def _area_opening(state: DocState, sentence: Sentence) -> PlaceHit | None:
    """A bare 保护区 or 园区 opening the sentence or its second clause (after a time or an aside)
    makes the reserve it refers to what the paragraph goes on about ("今年春季迁徙季，保护区共监测到
    鸟类约62万只；东方白鹳繁殖雏鸟逾800只")."""
    text = state.doc.text
    for clause in sentence.clauses[:2]:
        part = text[clause.start : clause.end]
        rest = _CLAUSE_OPENER.sub("", part)
        word = starts_with_any(rest, tuple(_AREA_WORDS))
        if word is not None:
            at = clause.start + len(part) - len(rest)
            place = _bare_reference(state, sentence, at, at + len(word), word)
            return PlaceHit(at, at + len(word), place) if place is not None else None
    return None


def _names_basin(text: str, hit: PlaceHit) -> bool:
    """Whether a water body is named as a basin ("赤水河流域")."""
    return text.endswith(_BASIN, hit.start, hit.end) or text.startswith(_BASIN, hit.end)


def _paragraph_water(state: DocState, sentence: Sentence, pos: int) -> PlaceDef | None:
    """The river, lake or sea last named in the paragraph before ``pos``, else the one its
    section's heading names."""
    start, _ = state.doc.paragraph_spans[sentence.paragraph]
    return _last_of(state, start, pos, WATER_TYPES) or state.section_water


def _places_in(state: DocState, start: int, end: int) -> list[PlaceHit]:
    """The places named starting in ``text[start:end]``, in text order."""
    lo = bisect_right(state.place_starts, start - 1)
    return state.places[lo : bisect_right(state.place_starts, end - 1)]


def _last_of(state: DocState, start: int, end: int, types: Sequence[str]) -> PlaceDef | None:
    """The place of one of ``types`` named last in ``text[start:end]``."""
    return next(
        (h.place for h in reversed(_places_in(state, start, end)) if h.place.type in types), None
    )


def _later_jurisdiction(state: DocState, sentence: Sentence, clause: Span) -> PlaceDef | None:
    """The whole jurisdiction an earlier clause of the sentence (or of its part after ；) turned to
    ("长江芜湖段水质稳定保持Ⅱ类，全市国考断面…；县级…水源地水质达标率保持100%"), unless a
    place opens a clause since."""
    text = state.doc.text
    for earlier in reversed([c for c in sentence.clauses if c.end <= clause.start]):
        words = _CLAUSE_OPENER.sub("", text[earlier.start : earlier.end])
        word = starts_with_any(words, state.words.jurisdictions)
        if word is not None:
            whole = _jurisdiction_word(state, words, earlier.start)
            level = state.words.jurisdictions[word]
            # "桂林市…介绍，去年全市共…" in a provincial paper: which city is the opening's to say
            return whole if whole is not None and level in (whole.type, "region", "own") else None
        opened_at = earlier.end - len(words)  # past 其中, 去年: "其中蒙阴县最低" opens with it
        if earlier.start == sentence.span.start or _opening_place(state, opened_at):
            return None  # a place opening the sentence is the opening rule's
    return None


def _clause_before(sentence: Sentence, clause: Span) -> Span | None:
    """The last clause of the sentence that ends before ``clause`` starts."""
    earlier = [c for c in sentence.clauses if c.end <= clause.start]
    return earlier[-1] if earlier else None


def _judges(state: DocState, words: str) -> bool:
    """Whether ``words`` only judge something against its peers (最低, 相对较高)."""
    return bool(words) and ends_with_any(words, state.words.evaluatives) == words


def _judged_place(state: DocState, sentence: Sentence, clause: Span) -> PlaceHit | None:
    """The place the clause right before the value's judges against its peers, when that is all
    the clause says ("南京市为28微克/立方米，扬州市最低，为25微克/立方米"): the value is its."""
    before = _clause_before(sentence, clause)
    if before is None:
        return None
    text = state.doc.text
    for hit in _places_in(state, before.start, before.end):
        opening = _CLAUSE_OPENER.sub("", text[before.start : hit.start].lstrip("，,；; "))
        if not opening and _judges(state, text[hit.end : before.end].rstrip("，,；; ")):
            return hit
    return None


def _statement_subject(state: DocState, sentence: Sentence, clause: Span) -> PlaceHit | None:
    """A place opening an earlier clause of the statement ("2024年，鄱阳湖总磷浓度为…，同比下降
    3.2%；其中，丰水期为…"): the later clauses go on about it."""
    text = state.doc.text
    statement = statement_start(state, sentence)
    lo = bisect_right(state.place_starts, statement - 1)
    hi = bisect_right(state.place_starts, clause.start - 1)
    before_clause = _clause_before(sentence, clause)
    for hit in reversed(state.places[lo:hi]):
        if hit.place.type in NATIONAL_TYPES or text[hit.end : hit.end + 1] in ("、", "和", "与"):
            continue  # "青浦区、浦东新区分别查处…": members of a list, not the statement's subject
        before = text[max(statement, hit.start - 2) : hit.start]
        if before[-1:] in "、和与及" and hit.place.type in WATER_TYPES:
            return None  # "长江干流…连续7年、赣江干流…": several subjects, none for what follows
        opening = re.split(r"[，,；;：:\s]", text[statement : hit.start])[-1]
        if opening == "" or _CLAUSE_OPENER.fullmatch(opening):
            if item_closed(text, hit.start, clause.start):
                # "其中蒙阴县比例最低，为91.4%；电子运单使用率为99.9%": the item's part is over
                continue
            # the place opens its clause, perhaps after a time ("…方面，去年太湖最大水华面积…")
            return _narrowest(state, hit)
        if before_clause is None:
            continue
        if hit.end == before_clause.end and text[hit.start - 1 : hit.start] in "为是":
            return hit  # "O3浓度最高的为荆州市，为151微克/立方米"
        if hit.end < before_clause.end and _judges(state, text[hit.end : before_clause.end]):
            return hit  # "PM2.5平均浓度炎陵县最低，为13微克/立方米"
    return None


def _respective_place(state: DocState, sentence: Sentence, num: RawValue) -> PlaceDef | None:
    """ "南昌市、九江市PM2.5浓度分别为30、32": the n-th value after 分别 is the n-th place."""
    text = state.doc.text
    cue = respectively_cue(state, sentence, num)
    if cue < 0:
        return None
    # The places listed in the cue's own clause ("思明区位列第一，湖里区、翔安区分列第二、第三")
    listing = max(sentence.span.start, text.rfind(",", sentence.span.start, cue) + 1)
    listed = _places_between(state, listing, cue)
    if not listed and listing > sentence.span.start:
        # "…的是甲镇、乙镇和丙镇，分别为33、34和35": or those of the clause before
        listing = max(sentence.span.start, text.rfind(",", sentence.span.start, listing - 1) + 1)
        hits = _hits_between(state, listing, cue)
        joined = all(
            LIST_SEPARATOR.fullmatch(text[a.end : b.start]) for a, b in itertools.pairwise(hits)
        )
        listed = [h.place for h in hits] if joined else []
    order = len(NUMBER_RE.findall(text, cue, num.start))
    return listed[order] if len(listed) >= 2 and order < len(listed) else None


def _place_runs(state: DocState, start: int, end: int) -> list[list[PlaceHit]]:
    """The places named in ``text[start:end]``, grouped into lists joined by 、和及与."""
    text = state.doc.text
    runs: list[list[PlaceHit]] = []
    for hit in _hits_between(state, start, end):
        if hit.end > end:
            break
        if runs and LIST_SEPARATOR.fullmatch(text[runs[-1][-1].end : hit.start]):
            runs[-1].append(hit)
        else:
            runs.append([hit])
    return runs


def _ranked_run(state: DocState, sentence: Sentence, num: RawValue) -> list[PlaceDef]:
    """The places listed last before a rank among the first or last N, in its part of the
    sentence ("赣州市、吉安市、抚州市考核得分分别为…，位列全省前三名")."""
    text = state.doc.text
    start = max(sentence.span.start, *(text.rfind(c, 0, num.start) + 1 for c in "；;"))
    runs = _place_runs(state, start, num.start)
    return [h.place for h in runs[-1]] if runs else []


def _values_listed(state: DocState, sentence: Sentence, num: RawValue) -> int:
    """How many values the sentence lists after its last 分别 before ``num`` (0 when none)."""
    cue = respectively_cue(state, sentence, num)
    return len(NUMBER_RE.findall(state.doc.text, cue, num.start)) if cue >= 0 else 0


def _places_each(
    state: DocState, sentence: Sentence, clause: Span, num: RawValue
) -> list[PlaceDef]:
    """The places a value is each one's own: listed together before 均, 各 or 并列 in its clause
    ("衡东县、常宁市均为31微克/立方米"), or in the clause before when its own opens with that
    word ("上饶市和宜春市均为91.2分，并列第五": the rank is both's). Empty when no such list is
    written (or a 分别 deals the values out one by one)."""
    text = state.doc.text
    each = state.words.each_one_after
    spans = [(clause, num.start)]
    earlier = [c for c in sentence.clauses if c.end <= clause.start]
    if earlier and text.startswith(state.words.each_one_opening, clause.start):
        spans.append((earlier[-1], earlier[-1].end))
    for span, limit in spans:
        runs = _place_runs(state, span.start, limit)
        run = runs[-1] if runs else []
        if len(run) < 2 or _after_partner(text, run[0].start):
            continue
        between = text[run[-1].end : num.start]
        if any(word in between for word in state.words.respectively):
            return []
        if span is not clause or each.match(text, run[-1].end, limit):
            return [h.place for h in run]
    return []


def _hits_between(state: DocState, start: int, end: int) -> list[PlaceHit]:
    lo = bisect_right(state.place_starts, start - 1)
    hi = bisect_right(state.place_starts, end - 1)
    return [h for h in state.places[lo:hi] if h.place.type not in NATIONAL_TYPES]


def _places_between(state: DocState, start: int, end: int) -> list[PlaceDef]:
    return [h.place for h in _hits_between(state, start, end)]


def _bracketed_goal(state: DocState, sentence: Sentence, num: RawValue) -> str | None:
    """The goal a bracket that holds the value spells out ("年度目标(…)"), with the words
    before its noun, else None."""
    text = state.doc.text
    opened = text.rfind("(", sentence.span.start, num.start)
    if opened < 0 or ")" in text[opened : num.start]:
        return None
    before = text[max(sentence.span.start, opened - 8) : opened]
    noun = ends_with_any(before, state.words.goal_nouns)
    return before[-len(noun) - 2 :] if noun else None


_WHOLE_YEAR = ("年度", "全年")


def _value_modality(
    state: DocState, sentence: Sentence, clause: Span, num: RawValue, period: Period
) -> str:
    """:func:`_modality` of a value, read with the places named before it blanked out, so that
    a cue word inside a name (将 in 将乐县) is not read as a cue."""
    start = statement_start(state, sentence)  # (never after the clause's start)
    text = state.doc.text
    parts, at = [], start
    for hit in _hits_between(state, start, num.start):
        if hit.start >= at and hit.end <= num.start:
            parts += [text[at : hit.start], "　" * (hit.end - hit.start)]
            at = hit.end
    parts.append(text[at : num.start])
    statement = "".join(parts)
    clause_text = statement[clause.start - start :].removesuffix("将")
    if _GOAL_AFTER.match(text, num.end):
        return "target"  # "超过国家下达的21.5%目标": the goal's own value
    if _BEYOND_GOAL.search(clause_text):
        return "achieved"  # "…目标1.3个百分点": by how much the result passed it
    return _modality(state, statement, clause_text, period)


# A value naming a goal ("国家下达的21.5%目标"), and the margin a result passed one by.
_GOAL_AFTER = re.compile(r"的?(?:年度|约束性|考核)?目标(?![值任])")
_BEYOND_GOAL = re.compile(r"(?:超过|超出|高于|优于)[^，,。；;]{0,20}目标$")


def _modality(state: DocState, statement: str, clause_text: str, period: Period) -> str:
    """Result, target or forecast. Cue words count in the value's own clause; a statement that
    opens with a target cue or with 到<year> not yet past when written (力争到2027年，…) makes
    every value in it a target."""
    w = state.words
    if any(cue in clause_text for cue in w.forecast_cues):
        return "forecast"
    if state.planned(clause_text):
        return "target"  # under "二、主要目标": what the plan sets, not what it reports
    if state.aims(statement, clause_text):
        return "target"
    year = state.anchor.year
    if year is None or period.code == "cumulative":
        return "achieved"
    due = _DUE_YEAR.search(statement) or _DUE_BEFORE.search(statement)
    if due and int(due["year"]) >= year and not _due_passed(state, due):
        return "target"
    if _DUE_THIS_YEAR.search(statement) and "已" not in clause_text:
        return "target"
    return "achieved"


def _due_passed(state: DocState, due: re.Match[str]) -> bool:
    """Whether a deadline of the year of writing names a month already past when written
    ("2025年6月底前，完成整改" in a report of October 2025 tells what was done by then)."""
    anchor = state.anchor
    month = due.groupdict().get("month")
    return (
        month is not None
        and anchor.month is not None
        and int(due["year"]) == anchor.year
        and int(month) < anchor.month
    )


def _change_cue(subject: str, w: Words) -> tuple[str, str] | None:
    # "下降了", "增长达": still a change; "提高到", "降至", "上升为" give the new level.
    if subject.endswith(("至", "到", "为")) and not subject.endswith(("达到", "同比为")):
        return None
    trimmed = subject.rstrip("了达到")
    for direction, words in (("up", w.change_up), ("down", w.change_down)):
        word = ends_with_any(trimmed, words)
        if word:
            return direction, word
    return None


@register("observations")
def extract_observations(
    doc: AnalyzedDoc, lexicon: Lexicon, claims: Sequence[Claim] = ()
) -> Iterable[Observation]:
    """Every quantitative claim of the document (see the module docstring), each once.

    Numbers inside the names of policies and programmes found before ("服务重大项目建设10条",
    "八大标志性战役30个专项行动") are part of the name, not values. A claim the document
    states again (a headline repeating its story) is one observation with both spans.
    """
    first: dict[tuple[object, ...], Observation] = {}
    for obs in _read_observations(doc, lexicon, claims):
        if _in_english(doc.document.text, obs.value_span.start):
            continue  # a bilingual release's English paragraph restates the Chinese one
        key = (
            obs.indicator.iri,
            obs.value,
            obs.unit,
            obs.qualifier,
            obs.max_value,
            obs.period.code,
            obs.place_key,
            obs.modality,
            obs.part,
        )
        if key in first:
            kept = first[key]
            first[key] = replace(kept, also=(*kept.also, obs.value_span))
        else:
            first[key] = obs
    return _distinct_parts(_fold_headlines(doc, list(first.values())))


# Words of Latin letters between the last Chinese character and a value ("…监测。Monitoring shows
# live coral cover rose from 18.6%"): two or more, one of them a lower-case word, make the value's
# sentence English (abbreviations such as "COD Cr" before a value do not).
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_LAST_CJK = re.compile(r"[\u4e00-\u9fff][^\u4e00-\u9fff]*$")


def _in_english(text: str, at: int) -> bool:
    before = text[max(0, at - 80) : at]
    last = _LAST_CJK.search(before)
    tail = before[last.start() + 1 :] if last is not None else before
    words = _LATIN_WORD.findall(tail)
    return len(words) >= 2 and any(w.islower() and len(w) >= 3 for w in words)


def _distinct_parts(found: list[Observation]) -> list[Observation]:
    """Each observation a part number of its own among those its number makes: an observation's
    IRI is its number's span and part, and readings that each number their own (the ranks of
    "居全市前三位" and a change of rank at the same words) must not mint one IRI for two."""
    taken: dict[tuple[int, int], set[int]] = {}
    out = []
    for obs in found:
        used = taken.setdefault((obs.value_span.start, obs.value_span.end), set())
        part = obs.part
        while part in used:
            part += 1
        used.add(part)
        out.append(obs if part == obs.part else replace(obs, part=part))
    return out


# A table's row ("铁西区    6    50.0    1"): cells of numbers, no headline.
_ROW_OF_CELLS = re.compile(r"(?:(?:\t+|[ \u3000]{2,})[-+]?\d[\d,.]*%?){2,}$")


def _fold_headlines(doc: AnalyzedDoc, found: list[Observation]) -> list[Observation]:
    """A figure in a headline that the story states again ("去年新发现物种236种" over "全省共发现
    并发表新物种236种") is one observation: what the story says of it (indicator, time, place),
    quoted where it is first stated, with the story's sentence as another span."""
    text = doc.document.text
    breaks = [m.start() for m in re.finditer("\n", text)]
    headline_lines: dict[tuple[int, int], bool] = {}
    # the original spans of the line breaks the normalised text keeps
    offsets = doc.norm.offsets
    kept = [
        (offsets.starts[m.start()], offsets.ends[m.start()]) for m in re.finditer("\n", doc.text)
    ]
    kept_starts = [k[0] for k in kept]

    def _kept_break(pos: int) -> bool:
        i = bisect_right(kept_starts, pos) - 1
        return i >= 0 and kept[i][0] <= pos < kept[i][1]

    def in_headline(obs: Observation) -> bool:
        # the line from the last break before the value to the first one after it
        before = bisect_left(breaks, obs.value_span.start)
        after = bisect_left(breaks, obs.value_span.end)
        start = breaks[before - 1] + 1 if before else 0
        end = breaks[after] if after < len(breaks) else len(text)
        if (start, end) not in headline_lines:  # each line read once, however long
            line = text[start:end].strip()
            # a line the normaliser joined to the next (a layout break inside a sentence:
            # "…均为100%，并列⏎第一；") is part of the story, not a headline
            headline_lines[(start, end)] = (
                (end == len(text) or _kept_break(end))
                and (
                    line.startswith("#")
                    or (len(line) <= _HEADING_MAX and line[-1:] not in "。！？!?；;：:，,")
                )
                and not _ROW_OF_CELLS.search(line)
            )
        return headline_lines[(start, end)]

    flags = [in_headline(o) for o in found]
    headlines = [o for o, flag in zip(found, flags, strict=True) if flag]
    if not headlines:
        return found
    out = [o for o, flag in zip(found, flags, strict=True) if not flag]
    # the first observation of each value and unit in the story, for its headline to join (a
    # rank, also in its scope: a headline's 全国…排名第二 is not a city second in its province)
    first: dict[tuple[Decimal, str, str | None], int] = {}

    def key(o: Observation) -> tuple[Decimal, str, str | None]:
        return o.value, o.unit, o.rank_scope

    for i, o in enumerate(out):
        first.setdefault(key(o), i)
    for head in headlines:
        body = first.get(key(head))
        if body is None:
            first[key(head)] = len(out)
            out.append(head)
        else:
            story = out[body]
            out[body] = replace(
                story,
                quote=head.quote,
                value_span=head.value_span,
                also=(story.value_span, *story.also, *head.also),
            )
    return sorted(out, key=lambda o: (o.value_span.start, o.part))


def _in_name(state: DocState, hit: PlaceHit, names: Sequence[tuple[int, int]]) -> bool:
    """Whether a place is part of one of the ``names`` (not "永州市一家再生资源公司" nor "永州市的
    某公司", which say where a company the text keeps anonymous is)."""
    after = (*state.words.anonymous_words, "的")
    return not state.doc.text.startswith(after, hit.end) and any(
        start <= hit.start and hit.end <= end for start, end in names
    )


def _read_observations(
    doc: AnalyzedDoc, lexicon: Lexicon, claims: Sequence[Claim]
) -> Iterator[Observation]:
    state = _state(doc, lexicon)
    names = [
        c.norm_span
        for c in claims
        if isinstance(c, EntityMention) and c.norm_span and c.type in _NAMED_WITH_NUMBERS
    ]
    if names:
        state.blocked = sorted([*state.blocked, *names])
        state.blocked_reach = _reach(state.blocked)
    companies = [
        c.norm_span
        for c in claims
        if isinstance(c, EntityMention)
        and c.norm_span
        and c.attribute("agencyType") == "enterprise"
    ]
    if companies:
        # "定西绿源再生资源回收有限公司…加工再生颗粒318吨": a company's name says where it was
        # registered, not where its figures are
        state.places = [h for h in state.places if not _in_name(state, h, companies)]
        state.place_starts = [h.start for h in state.places]
    text = doc.text
    locality = state.locality
    paragraph = -1
    paragraph_time: TimeExpr | None = None
    section_time: TimeExpr | None = None  # the time a heading sets ("一、10月份空气质量状况")
    topic: PlaceHit | None = None
    # (the statement a part's own place opened, the topic to return to after it)
    aside: tuple[int, PlaceHit | None] | None = None
    span_lead: TimeExpr | None = None  # the span the last sentence opened with
    table: _Table | None = None  # the flattened table being read, once its unit is declared
    grid: _Grid | None = None  # the table in columns being read, once its header is found
    reported: dict[str, IndicatorRef] = {}  # unit -> the metric last reported in it
    for sentence in doc.sentences:
        state.results = None  # (set below for a statement giving a survey's results)
        if sentence.paragraph != paragraph:
            paragraph, topic, state.rank_base, aside = sentence.paragraph, None, None, None
            cells = _cells(state, *doc.paragraph_spans[paragraph])
            grid, cells = _grid_from(state, paragraph, cells, grid)
            if grid is not None:
                yield from _grid_row(state, sentence, paragraph, cells, grid)
            table = _table_from(state, paragraph, table, reported)
            if table is not None:
                row = _table_row(state, sentence, paragraph, table, section_time)
                if row is not None:
                    yield row
                    continue
            entry = _entry_month(state, paragraph) if paragraph > 0 else None
            if paragraph > 0 and (entry is not None or _is_heading(state, paragraph)):
                section_time = (
                    entry or heading_time(state, paragraph) or opening_month(state, paragraph)
                )
                state.section_water = _last_of(state, *doc.paragraph_spans[paragraph], WATER_TYPES)
                # "# 泾县公示…整改进展" on a page of the province's news: the section speaks
                # for the division its heading names, the next one for the document's again
                line = text[slice(*doc.paragraph_spans[paragraph])]
                state.locality = named_division(line, lexicon) or locality
                state.target_section = _target_section(state, line)
            items_time = _listed_after(state, paragraph) if section_time is None else None
            if items_time is not None:
                paragraph_time = items_time
            elif section_time is not None or not _SAME_PERIOD_OPENING.match(
                text, sentence.span.start
            ):
                # (a paragraph opening "与去年同期相比，…" goes on with the period of the one
                # before it, now compared with a year earlier)
                paragraph_time = section_time
            _reporting_in_section(state, paragraph, section_time)
        if grid is not None:
            continue  # a header or a row of a table in columns: read above
        if is_caption(doc, lexicon, paragraph):
            continue  # a photo caption repeats the story it illustrates
        if _in_furniture(state, sentence.span.start, sentence.span.end):
            continue  # "· 九龙江流域生态补偿资金去年下达9.6亿元": a link to another story
        # A sentence that opens with a city or county by its full name makes it what the
        # paragraph is about from there on ("萍乡市扎实推进…。…该市…"); "全省…" returns to the
        # province.
        statement = statement_start(state, sentence)
        # (a "statement" opening with a comma follows a stray "?" of conversion debris)
        if aside is not None and aside[0] != statement and text[statement] not in "，,":
            topic, aside = aside[1], None
        opening = _opening_place(state, sentence.span.start)
        full = opening is not None and text[opening.start : opening.end].endswith(FULL_NAME_ENDS)
        if opening is not None and (topic is None or full):
            if statement != sentence.span.start and aside is None:
                # "…；金台区排查发现隐患97个。全年完成…": a place opening a part after ；
                # is that part's, and the next statement returns to what came before
                aside = (statement, topic)
            topic = opening
        elif text.startswith(state.words.province_wide, sentence.span.start):
            topic = None
        elif topic is None:
            topic = _area_opening(state, sentence)
        recent: list[IndicatorRef] = []
        lead = _leading_time(state, sentence)
        # "去年攻坚期间，…": a year opening the statement puts the campaign's months in it
        during = (
            during_span(state, sentence)
            if lead is None or lead.kind in ("year", "relative")
            else None
        )
        if during is not None and lead is not None:
            if during.start != lead.start:
                during = None  # "2024年禁烧期间": a defined span of another year is not this one
            else:
                # the year's own words now read as the campaign's months in that year
                state.times[bisect_left(state.time_starts, lead.start)] = during
        lead = during or lead
        # "调查显示，…": the survey's time, for this statement's figures with none of their own
        state.results = results_time(state, sentence) if lead is None else None
        lead = lead or state.results
        if (
            lead is None
            and span_lead is not None
            and (
                text.startswith(_CONTINUED, sentence.span.start)
                # "…。其中，审结…218件；审结…167件": and of the parts of that 其中 statement
                or statement_start(state, sentence) != sentence.span.start
            )
        ):
            lead = span_lead  # "2020年至2024年，…受理28436件。其中，刑事案件6512件": that span's
        span_lead = None
        # A time opening a statement holds for the paragraph from there on; one opening a part
        # after ；("…同比上升2.6个百分点；去年10月份这一比率为88.8%") only for that part.
        carried = paragraph_time
        if lead is not None:
            paragraph_time = lead
        consumed = 0  # end of the last value read: the high end of a range is not a value
        valued = False  # whether the sentence gave a value
        ranked, listed = _rank_lists(state, sentence, paragraph_time)
        for clause in sentence.clauses:
            if off_topic(doc, lexicon, sentence, clause):
                continue
            for m in _value_matches(state, clause):
                if m.start() < consumed or any(a <= m.start() < b for a, b in listed):
                    continue
                if m.re is state.words.half_re:
                    num: RawValue | None = _read_half(state, m)
                elif m.re is state.words.first_re:
                    num = _read_first(state, m, sentence)
                else:
                    num = _read_number(state, m, sentence)
                if num is None:
                    continue
                consumed = num.num_end
                if num.unit == "count" and _is_scope(state, num, clause):
                    continue
                if _is_threshold(state, num, clause, sentence):
                    continue
                found = _observation(state, sentence, clause, num, recent, paragraph_time, topic)
                valued = valued or bool(found)
                for obs in found:
                    base = obs.indicator.base or obs.indicator
                    if not _tally_of_places(state, obs, base):
                        # "9个县市区PM2.5浓度下降，3个县市区上升；…下降4微克/立方米": a tally of
                        # places is never the metric the next values go on about
                        if base in recent:
                            recent.remove(base)
                        recent.append(base)
                        if not num.duration:  # "连续5年未发生…": a streak is no metric to go on
                            state.last_indicator = base
                        # a change is in its own unit, and a rank's metric in another
                        if obs.change_direction is None and not num.duration and obs.unit != "rank":
                            state.last_unit = obs.unit
                            state.unit_metrics[obs.unit] = (paragraph, base)
                            if obs.modality == "achieved":
                                reported[obs.unit] = base
                    yield obs
        yield from ranked
        if topic is not None and _lists_each(state, topic):
            # "谯城区、涡阳县、蒙城县…分别为…。分行业看，…": each member had its value; the next
            # statement is about the whole again
            topic = None
        if topic is not None and any(
            c.start > sentence.span.start
            and _jurisdiction_word(state, text[c.start : c.end]) is not None
            for c in sentence.clauses
        ):
            topic = None  # the sentence turned to the whole jurisdiction, and so goes the text
        if during is not None:
            # "督察期间，…受理举报856件。…仍有11个…": the span holds for its own statement only,
            # and for a 其中 after it ("专项行动期间，…立案2315件。其中，查封扣押326件")
            paragraph_time, span_lead = carried, during
        elif lead is not None and lead.kind == "range":
            # "2021年至2024年，…": a span is the time of its own sentence (and of a 其中 after it)
            paragraph_time, span_lead = carried, lead
        elif lead is not None and _moves_on(state, sentence, lead):
            paragraph_time = carried  # "上半年…，下半年…实现全年转升为降": the lead is spent
        elif lead is not None and statement_start(state, sentence) != sentence.span.start:
            paragraph_time = carried
        elif lead is not None and not valued and _tells_an_event(state, sentence, lead):
            paragraph_time = carried  # "10月，…在鄂尔多斯市召开现场会。全区…": a date, not a period
        elif lead is not None and (stated := _time_after_day(state, sentence, lead)) is not None:
            # "4月21日，记者从…会上获悉，2024年，全州…。全州…完成投资3.84亿元": the day the news
            # was told; the year it tells of goes on
            paragraph_time = stated
        elif lead is None and not valued and (examined := _examined_in(state, sentence)):
            # "约谈通报了9月至10月省级暗查暗访发现的问题。暗访组共发现问题137个": what the
            # examination found, over the months it covered
            paragraph_time = examined


def _examined_in(state: DocState, sentence: Sentence) -> TimeExpr | None:
    """The months an examination a sentence names covered ("通报了9月至10月省级暗查暗访发现的
    问题"), if it names one with its span."""
    said = state.doc.text[sentence.span.start : sentence.span.end]
    if not any(word in said for word in state.words.examinations):
        return None
    start, end = sentence.span.start, sentence.span.end
    spans = covered_spans(state.doc.text, state.times_from(start, end), start, end)
    return spans[-1] if spans else None


@dataclass(frozen=True)
class _Table:
    """A table flattened to lines of a name and a number, in the unit its caption declares
    ("各市清算结果如下(单位：万元)：", then "阿坝州　　6300"), of the metric last reported in
    that unit."""

    unit: str
    multiplier: str  # 万, 亿 or ""
    indicator: IndicatorRef


def _table_from(
    state: DocState, paragraph: int, table: _Table | None, reported: Mapping[str, IndicatorRef]
) -> _Table | None:
    """The table in force at ``paragraph``: one its line declares, else the one before unless
    the line is prose (ends a sentence), which closes it."""
    w = state.words
    line = state.doc.text[slice(*state.doc.paragraph_spans[paragraph])].strip()
    declared = w.table_unit.search(line)
    if declared is None:
        return None if table is None or line.endswith(("。", "！", "？", "!", "?")) else table
    written = declared["unit"]
    multiplier = written[0] if written[0] in ("万", "亿") else ""
    unit = w.unit_forms.get(written[len(multiplier) :])
    if unit is None:
        return None
    indicator = reported.get(unit)
    if indicator is None:
        caption = _clean_label(line[: declared.start()].split("如下")[0], state)
        if len(caption) < 2:
            return None
        indicator = _minted(state, caption, None)
    return _Table(unit, multiplier, indicator)


def _table_row(
    state: DocState,
    sentence: Sentence,
    paragraph: int,
    table: _Table,
    section_time: TimeExpr | None,
) -> Observation | None:
    """The value of a table line naming a place ("阿坝州　　6300"), or of a group heading that
    gives its subtotal ("(一)岷江流域(合计21600)"), else None."""
    start, end = state.doc.paragraph_spans[paragraph]
    text = state.doc.text
    m = state.words.table_row.fullmatch(text, start, end) or state.words.table_total.search(
        text, start, end
    )
    if m is None:
        return None
    place = _last_place(state, start, m.start("num"))
    value = read_number(m["num"].replace(",", "") + table.multiplier)
    if place is None or value is None:
        return None
    at = (m.start("num"), m.end("num"))
    num = RawValue(*at, *at, value, table.unit, "exact")
    return _table_value(
        state, sentence, Span(start, end), place, num, table.indicator, section_time
    )


def _last_place(state: DocState, start: int, end: int) -> PlaceDef | None:
    """The last place named within ``[start, end)`` (a table line's name)."""
    hits = [h for h in _hits_between(state, start, end) if h.end <= end]
    return hits[-1].place if hits else None


def _table_value(
    state: DocState,
    sentence: Sentence,
    line: Span,
    place: PlaceDef,
    num: RawValue,
    indicator: IndicatorRef,
    time: TimeExpr | None,
) -> Observation:
    """The observation of a value a table line gives for a place, dated by ``time`` (its
    section's or caption's) unless the line says otherwise."""
    period, _ = period_of(state, sentence, line, num, time, False)
    return Observation(
        indicator=indicator,
        value=num.value,
        unit=num.unit,
        qualifier="exact",
        period=period,
        place=place.name,
        place_key=f"place:{place.id}",
        quote=state.doc.source_span(line.start, line.end),
        value_span=state.doc.source_span(num.start, num.end),
        modality="achieved",
        theme=indicator.theme,
    )


@dataclass(frozen=True)
class _Column:
    """A metric column of a table in columns: its indicator, unit and the multiplier its
    header writes before the unit ("治理面积(万亩)")."""

    indicator: IndicatorRef
    unit: str
    multiplier: str  # 万, 亿 or ""
    label: str  # the header's words for the metric


# Punctuation of a sentence, which no row of a table holds (a comma between digits groups them).
_SENTENCE_MARKS = re.compile(r"[。；;:：!?！？、]|(?<!\d),|,(?!\d{3}(?!\d))")


@dataclass(frozen=True)
class _Grid:
    """A table in columns: one entry per cell after the row's name (None where the header
    names no metric with its unit), and the time its caption line gives."""

    columns: tuple[_Column | None, ...]
    time: TimeExpr | None
    narrow: bool = False  # cells one space apart


def _cells(state: DocState, start: int, end: int, narrow: bool = False) -> list[tuple[int, int]]:
    """The spans of a line's cells (split by tabs or runs of spaces; ``narrow``: by any space,
    in a line that holds no sentence's punctuation)."""
    w = state.words
    separator = w.cell_separator
    if narrow:
        if _SENTENCE_MARKS.search(state.doc.text, start, end):
            return []
        separator = w.narrow_separator
    spans, at = [], start
    for sep in separator.finditer(state.doc.text, start, end):
        if sep.start() > at:
            spans.append((at, sep.start()))
        at = sep.end()
    if at < end:
        spans.append((at, end))
    return spans


def _grid_from(
    state: DocState, paragraph: int, cells: list[tuple[int, int]], grid: _Grid | None
) -> tuple[_Grid | None, list[tuple[int, int]]]:
    """The table in columns in force at ``paragraph`` (whose line has ``cells``): the one before
    while the line has its number of cells, else a new one when the line is a header
    ("县(市)\t治理面积(万亩)\t…") naming at least two metrics with their units; and the line's
    cells as that table splits them."""
    start, end = state.doc.paragraph_spans[paragraph]
    split = _cells(state, start, end, narrow=True) if grid is not None and grid.narrow else cells
    if grid is not None and len(split) == len(grid.columns) + 1:
        return grid, split
    if len(split) < 3:
        narrow = _cells(state, start, end, narrow=True)
        header = _grid_from(state, paragraph, narrow, None)[0] if len(narrow) >= 3 else None
        return (replace(header, narrow=True), narrow) if header is not None else (None, cells)
    text, w = state.doc.text, state.words
    columns: list[_Column | None] = []
    for cell in split[1:]:
        written = ""
        if m := w.header_cell.fullmatch(text, *cell):
            written = m["unit"]
        elif (m := w.count_header.fullmatch(text, *cell)) and not w.scope_header.fullmatch(
            m["label"]
        ):
            written = "个"  # "Ⅴ类点位数": a count; "监测点位数" counts the rows' scope
        multiplier = written[:1] if written[:1] in ("万", "亿") else ""
        unit = w.unit_forms.get(written[len(multiplier) :])
        if m is None or unit is None:
            columns.append(None)
            continue
        label = m["label"].strip()
        found = _match_indicator(state.lexicon, label, unit)
        theme = _theme(state, label, text[start:end])
        indicator = _ref(found[0]) if found else _minted(state, label, theme, header=True)
        columns.append(_Column(indicator, unit, multiplier, label))
    if sum(c is not None for c in columns) < 2:
        return None, cells
    # The caption above the header dates the table ("表1 2024年度…完成情况").
    time = (
        heading_time(state, paragraph - 1) if paragraph - 1 in state.doc.paragraph_spans else None
    )
    return _Grid(tuple(columns), time), cells


def _grid_row(
    state: DocState,
    sentence: Sentence,
    paragraph: int,
    cells: list[tuple[int, int]],
    grid: _Grid,
) -> Iterator[Observation]:
    """The values of a row (with ``cells``) of a table in columns that names a place in its
    first cell, one per metric column (none for the header, a total row or a row naming no
    place)."""
    start, end = state.doc.paragraph_spans[paragraph]
    text, w = state.doc.text, state.words
    name = text[slice(*cells[0])]
    if name.startswith(w.total_rows):
        return
    time = grid.time
    year = w.year_row.fullmatch(name)
    if year is not None:
        # "2022　3,214　412": a year's row, of the place the document speaks for
        place = state.locality
        first = int(year["year"])
        time = TimeExpr(cells[0][0], cells[0][1], "year", str(first), first, first)
    else:
        place = _last_place(state, *cells[0])
    category = None
    if place is None and year is None and w.category_row.fullmatch(name):
        # "耕地　283612.45　9.35": a category of the place the table is of
        place, category = state.locality, name
    if place is None:
        return
    for column, (cell_start, cell_end) in zip(grid.columns, cells[1:], strict=True):
        m = w.grid_number.fullmatch(text, cell_start, cell_end)
        if column is None or m is None:
            continue
        digits = m.group(0).lstrip("+-").replace(",", "")
        value = read_number(digits + column.multiplier)
        if value is None:
            continue
        if m.group(0).startswith("-"):
            value = -value  # "较上年度变化(公顷)　-1215.33": a fall
        num = RawValue(cell_start, cell_end, cell_start, cell_end, value, column.unit, "exact")
        line = Span(start, end)
        indicator = column.indicator
        if category is not None:
            indicator = _minted(state, category + column.label, indicator.theme, header=True)
        yield _table_value(state, sentence, line, place, num, indicator, time)


# "在2024年度全省…考核中", "全省…评估结果中": an assessment a place is ranked in, named in a clause
# before the rank (the words between 在 or a clause start and 中).
_ASSESSMENT = re.compile(
    r"(?:^|[，,；;]|在)(?P<name>[^，,。；;在]{2,30}?(?:考核|评估|评价|考评|评比|测评|排名))(?:结果)?中[，,]"
)


def _assessment_frame(state: DocState, sentence: Sentence, clause: Span) -> re.Match[str] | None:
    """The last assessment named in a clause of the statement before ``clause``."""
    found = None
    for m in _ASSESSMENT.finditer(state.doc.text, statement_start(state, sentence), clause.start):
        found = m
    return found


def _assessment_scope(state: DocState, frame: re.Match[str] | None) -> tuple[str, str] | None:
    """The scope an assessment before a rank names ("在全省…评估中": provincial)."""
    if frame is None:
        return None
    word = next((w for w in state.words.rank_scope_words if w in frame["name"]), None)
    return (word, state.words.rank_scopes[word]) if word else None


def _assessment_named(state: DocState, frame: re.Match[str] | None) -> str | None:
    """The name of the assessment ``frame`` (see :func:`_assessment_frame`) without its scope
    and time ("全省生态环境保护考核" -> 生态环境保护考核)."""
    if frame is None:
        return None
    name = _clean_label(frame["name"], state)
    # (考核 alone names no assessment: "在全市考核中")
    return name if len(name) >= _ASSESSMENT_NAME_MIN else None


_ASSESSMENT_NAME_MIN = 4


def _tells_an_event(state: DocState, sentence: Sentence, lead: TimeExpr) -> bool:
    """Whether a sentence opened by a month or a day and giving no value tells what happened
    then (a meeting held, a plan issued): the date is the event's, not the figures' after it."""
    day = to_the_day(state.doc.text, lead)
    if (lead.kind != "month" and not day) or "/" in (lead.code or ""):
        return False
    said = state.doc.text[lead.end : sentence.span.end]
    return any(verb in said for verb in state.words.event_verbs)


def _time_after_day(state: DocState, sentence: Sentence, lead: TimeExpr) -> TimeExpr | None:
    """The last year or month a sentence opened by a day states after it (not a base), if any."""
    if not to_the_day(state.doc.text, lead):
        return None
    stated = [
        t
        for t in state.times_from(lead.end, sentence.span.end)
        if t.code and t.kind in ("year", "month") and not is_base(state, t)
    ]
    return stated[-1] if stated else None


def _moves_on(state: DocState, sentence: Sentence, lead: TimeExpr) -> bool:
    """Whether a sentence opened by part of a year goes on to another part of that year, or to
    the whole of it."""
    code = lead.code or ""
    if "-" not in code or to_the_day(state.doc.text, lead):
        return False  # (a day is the day something happened, see _time_after_day)
    return any(
        t.code
        and t.code != lead.code
        and t.start_year == lead.start_year
        and t.kind in ("month", "year")
        and not is_base(state, t)
        # "一季度，…，截至3月底已完成整改117个": where a running total stands at the span's end
        # is no other part of the year
        and not (t.as_of is not None and t.code == code.rsplit("/", 1)[-1])
        for t in state.times_from(lead.end, sentence.span.end)
    )


def _tally_of_places(state: DocState, obs: Observation, base: IndicatorRef) -> bool:
    """Whether an observation counts places of a set (县市区, 城市, 断面) by what they did."""
    return (
        obs.unit == "count"
        and not base.in_scheme
        and starts_with_any(base.label, state.words.scope_sets) is not None
    )


def _target_section(state: DocState, heading: str) -> int | None:
    """The level of the section of targets a heading opens ("二、2025年主要目标", "三、重点任务"),
    or keeps open (a subheading inside it); None once a heading of its level or above ends it."""
    mark = _SECTION_NUMBER.match(heading)
    level = _heading_level(mark[0]) if mark is not None else 0
    current = state.target_section
    if current is not None and level > current:
        return current
    w = state.words
    sets = any(h in heading for h in w.target_headings)
    return level if sets and not any(n in heading for n in w.target_headings_not) else None


def _heading_level(mark: str) -> int:
    """How deep a section number sits: "#"s count, then 一、, (一), 1. (the usual outline)."""
    if mark.startswith("#"):
        return len(mark)
    if mark.startswith("("):
        return 2
    return 3 if mark[0].isdigit() else 1


def _is_heading(state: DocState, paragraph: int) -> bool:
    """A numbered short line that ends no sentence: a section heading ("一、10月份全省环境空气质量
    状况", "(二)水环境"). A dateline or source line is no heading."""
    start, end = state.doc.paragraph_spans[paragraph]
    line = state.doc.text[start:end].rstrip()
    return (
        0 < len(line) <= _HEADING_MAX
        and line[-1] not in "。！？!?；;：:，,"
        and _SECTION_NUMBER.match(line) is not None
    )


# A diary's or log's entry line: a day and its weekday, perhaps the weather ("1月6日　星期一　晴");
# a dateline, which gives the year, is no entry.
_ENTRY_DATE = re.compile(
    r"\s*(?P<month>\d{1,2})月\d{1,2}日\s*(?:星期|周)[一二三四五六日天](?:\s*\S{1,6})?\s*"
)


def _entry_month(state: DocState, paragraph: int) -> TimeExpr | None:
    """The month of a line dating the entry after it: the entry's figures are of that month, not
    of the span the whole diary covers (a day alone, elsewhere, dates an event, not figures)."""
    start, end = state.doc.paragraph_spans[paragraph]
    line = _ENTRY_DATE.fullmatch(state.doc.text, start, end)
    day = heading_time(state, paragraph) if line is not None else None
    if line is None or day is None or day.code is None:
        return None
    code = day.code
    if not _YEAR_OR_MONTH.fullmatch(code):
        return None
    return replace(day, kind="month", code=f"{code[:4]}-{int(line.group('month')):02d}")


_YEAR_OR_MONTH = re.compile(r"\d{4}(?:-\d{2})?")


def _listed_after(state: DocState, paragraph: int) -> TimeExpr | None:
    """The time of the items a lead-in lists ("于2024年10月17日…检查…。经查，存在以下违法行为：",
    then "（一）…排放浓度为18.6毫克/立方米"): the last time the lead-in ending with a colon
    states, for each item after it."""
    lead_in = lead_in_of(state, paragraph)
    if lead_in is None:
        return None
    start, end = state.doc.paragraph_spans[lead_in]
    said = state.doc.text[start:end].rstrip()
    if not said.endswith(("：", ":")):
        return None
    if any(w in said[said.rfind("。") + 1 :] for w in state.words.decided_here):
        # "…7月、8月…超标。为…，现决定如下：": what the document decides is to come, not of the
        # months the lead-in looked back on
        return None
    stated = [
        t
        for t in state.times_from(start, end)
        if t.code and t.kind in ("year", "month") and not is_base(state, t)
    ]
    return stated[-1] if stated else None


def _reporting_in_section(state: DocState, paragraph: int, section_time: TimeExpr | None) -> None:
    """Under a heading naming one year ("一、2024年工作回顾"), 全年 and 一年来 mean that year,
    not the year of the document (a work report delivered in February 2025)."""
    if section_time is None or section_time.kind != "year" or section_time.start_year is None:
        return
    start, end = state.doc.paragraph_spans[paragraph]
    lo = bisect_right(state.time_starts, start - 1)
    hi = bisect_right(state.time_starts, end - 1)
    year = section_time.start_year
    for i in range(lo, hi):
        t = state.times[i]
        if t.kind == "reporting" and t.start_year != year:
            state.times[i] = replace(t, code=str(year), start_year=year, end_year=year)


def _value_matches(state: DocState, clause: Span) -> list[re.Match[str]]:
    """Numbers, fraction words without a numeral (过半) and firsts (首位), of a clause in text
    order."""
    text = state.doc.text
    found = list(NUMBER_RE.finditer(text, clause.start, clause.end))
    words = ((("半",), state.words.half_re), (("首", "最", "末"), state.words.first_re))
    clause_text = text[clause.start : clause.end]
    for hints, pattern in words:
        if any(hint in clause_text for hint in hints):
            found += pattern.finditer(text, clause.start, clause.end)
    return sorted(found, key=lambda m: m.start())


def _rank_lists(
    state: DocState, sentence: Sentence, paragraph_time: TimeExpr | None
) -> tuple[list[Observation], list[tuple[int, int]]]:
    """Ranks given to listed places: "排名前三位的城市依次为神农架林区、恩施州，十堰市与宜昌市并列
    第三" (1, 2, 3, 3), "排名后三位的城市(从第17名到第15名)依次为…" (17, 16, 15), "排名第一的是
    信阳市", "漯河市(第16位)", "三门峡市、南阳市并列第二". Without stated positions a bottom list
    counts from the bottom (倒数排名). Also the spans the lists cover, whose numbers are read."""
    text = state.doc.text
    found: list[Observation] = []
    covered: list[tuple[int, int]] = []
    base: IndicatorRef | None = None  # "…前三位…，排名后两位的城市为…": the same ranking
    for m in state.words.rank_list.finditer(text, sentence.span.start, sentence.span.end):
        run, end = _place_run(state, m.end(), sentence.span.end)
        rank = _first_rank(m)
        if not run or (m["dir"] and len(run) < 2) or rank is None:
            continue
        covered.append((m.start(), end))
        clause_start = max(
            (c.start for c in sentence.clauses if c.start <= m.start()), default=sentence.span.start
        )
        # What is ranked: named before the cue in its statement ("按照环境空气质量综合指数评价，
        # 10月份排名前三位…"), else the ranking of the paragraph's earlier list.
        statement = statement_start(state, sentence)
        subject = _RANK_FRAME.sub("", _clean_label(text[clause_start : m.start()], state))
        if not subject and state.rank_base is None:
            subject = _RANK_FRAME.sub("", _clean_label(text[statement : m.start()], state))
        matched = _match_indicator(state.lexicon, subject, None)
        if matched:
            base = _ref(matched[0])
        elif subject:
            base = _minted(state, subject, None)
        else:
            base = state.rank_base
        if base is None:
            continue
        state.rank_base = base
        before = text[sentence.span.start : m.start()]
        scope_word = next((w for w in state.words.rank_scope_words if w in before), "")
        scope = state.words.rank_scopes.get(scope_word)
        if scope is None:
            implied = _implied_scope(state, run[0][0].place)
            if implied is not None:
                scope_word, scope = implied
        first, step = rank
        bottom = first is None and all(stated is None for _, stated, _ in run)
        indicator = _derived(
            base,
            f"rank-{scope or 'unscoped'}" + ("-from-bottom" if bottom else ""),
            f"{scope_word}{'倒数' if bottom else ''}排名",
        )
        quote = state.doc.source_span(clause_start, end)
        position = first or 1
        for hit, stated, tied in run:
            value = stated if stated is not None else Decimal(position)
            num = RawValue(hit.start, hit.end, hit.start, hit.end, value, "rank", "exact")
            clause = Span(clause_start, end)
            period, _ = period_of(state, sentence, clause, num, paragraph_time, False)
            found.append(
                Observation(
                    indicator=indicator,
                    value=value,
                    unit="rank",
                    qualifier="exact",
                    period=period,
                    place=hit.place.name,
                    place_key=f"place:{hit.place.id}",
                    quote=quote,
                    value_span=state.doc.source_span(hit.start, hit.end),
                    modality="achieved",
                    theme=indicator.theme or _theme(state, subject),
                    rank_scope=scope,
                )
            )
            if not tied:
                position = int(value) + step
    return found, covered


def _first_rank(m: re.Match[str]) -> tuple[int | None, int] | None:
    """The rank of a list's first place and the step to the next: 排名前N (1, +1),
    (从第17名到第15名) (17, -1), 排名第一的是 (1), 排名末位 (unknown: from the bottom); None
    when the list states a position that is no number (排名第十十)."""
    if m["first"] and m["last"]:
        first, last = read_number(m["first"]), read_number(m["last"])
        if first is None or last is None:
            return None
        return int(first), (-1 if last < first else 1)
    at = m["at"]
    if at and at.startswith("第"):
        stated = read_number(at[1:])
        return None if stated is None else (int(stated), 1)
    if at == "首位" or m["dir"] == "前":
        return 1, 1
    return None, 1


def _place_run(
    state: DocState, pos: int, limit: int
) -> tuple[list[tuple[PlaceHit, Decimal | None, bool]], int]:
    """The places listed from ``pos`` (joined by 、和及与 or a comma before the next place), each
    with the rank written after it or after the group it shares one with ("十堰市与宜昌市并列第三",
    "漯河市(第16位)"), and whether that rank is shared. Also where the run ends."""
    text = state.doc.text
    run: list[tuple[PlaceHit, Decimal | None, bool]] = []
    group: list[PlaceHit] = []  # places since the last stated rank
    i = bisect_right(state.place_starts, pos - 1)
    end = pos
    while i < len(state.places):
        hit = state.places[i]
        if hit.start != pos or hit.place.type in NATIONAL_TYPES or hit.start >= limit:
            break
        group.append(hit)
        end = hit.end
        after = state.words.rank_after_places.match(text[hit.end : min(limit, hit.end + 12)])
        if after is not None:
            value = read_number(after["n"])
            shared = bool(after["tied"]) and len(group) > 1
            run.extend((g, value, shared) for g in group)
            group = []
            end = hit.end + after.end()
        nxt = text[end : end + 1]
        if nxt not in ("、", "和", "及", "与", ","):
            break
        if nxt == ",":
            # "神农架林区、恩施州，十堰市与宜昌市并列第三": a comma closes a group of places
            run.extend((g, None, False) for g in group)
            group = []
        pos = end + 1
        i += 1
    run.extend((g, None, False) for g in group)
    return run, end


def _previous_sentence(state: DocState, sentence: Sentence) -> Sentence | None:
    """The sentence before ``sentence`` in its paragraph."""
    pos = sentence.span.start - 1
    while pos >= 0 and state.doc.text[pos].isspace():
        pos -= 1
    before = state.doc.sentence_at(pos) if pos >= 0 else None
    return before if before is not None and before.paragraph == sentence.paragraph else None


def _counted_before_list(state: DocState, sentence: Sentence, clause: Span) -> str:
    """What the counts a clause opening with 分别 deals out are counts of, named by the clause
    before after its places ("九江市、南昌市立案数居全省前两位，分别为126件和98件") or its last
    的 ("涉及未批先建、超标排放的案件最多，分别为215件和173件"); "" for any other clause."""
    text = state.doc.text
    earlier = [c for c in sentence.clauses if c.end <= clause.start]
    if not earlier or not text.startswith(state.words.respectively, clause.start):
        return ""
    before = earlier[-1]
    hits = _hits_between(state, before.start, before.end)
    start = hits[-1].end if hits else before.start
    j = bisect_left(state.time_starts, start)
    if j < len(state.times) and state.times[j].start == start:
        start = state.times[j].end  # "…永安市去年制发碳票数量居全市前三位": the counts' time
    words = text[start : before.end]
    words = words[: len(words) - len(ends_with_any(words, state.words.evaluatives) or "")]
    if "的" in words:
        return _clean_label(words.rsplit("的", 1)[1], state)
    return _clean_label(_clause_topic(state, words), state)


def _previous_clause(state: DocState, sentence: Sentence, clause: Span) -> str:
    """The clause before ``clause`` in the sentence ("Ⅰ-Ⅱ类水质比例不降反升，|达86.4%")."""
    earlier = [c for c in sentence.clauses if c.end <= clause.start]
    return state.doc.text[earlier[-1].start : earlier[-1].end] if earlier else ""


def _clause_topic(state: DocState, clause_text: str) -> str:
    """The noun phrase opening a clause ("全市饮用水水源地水质|全部达到Ⅲ类标准"): words up to the
    first verb, adverb or preposition by jieba's dictionary, stop word, digit or list mark."""
    tags = word_tags()

    def word_at(j: int) -> tuple[int, str]:
        rest = clause_text[j:]
        size = next((k for k in (5, 4, 3, 2) if rest[:k] in tags), 1)
        return size, tags.get(rest[:size], "n")

    i = 0
    while i < len(clause_text):
        rest = clause_text[i:]
        if (
            rest[0].isdigit()
            or rest[0] in "，,、("
            or starts_with_any(rest, state.words.noun_stops)
        ):
            break
        size, tag = word_at(i)
        # a verbal noun is a noun (生活饮用水, 监测点位) unless a verb follows it (违规堆存)
        follows = word_at(i + size)[1] if i + size < len(clause_text) else ""
        verbal = tag == "vn" and follows[:1] == "v" and follows != "vn"
        if i and (tag[:1] in ("d", "p") or (tag[:1] == "v" and tag != "vn") or verbal):
            break
        i += size
    return clause_text[:i]


# The label of the item a paragraph is about, before a colon ("张掖黑河湿地国家级自然保护区：").
_ITEM_COLON = re.compile(r"[^，,。；;：:\n\d]{2,24}[：:]")


# A name of part of a year opening the bracket that gives its months: 春季(, 采暖季（
_NAMED_SPAN_OPENING = re.compile(r"[\u4e00-\u9fff]{1,4}[(（]")


def _leading_time(state: DocState, sentence: Sentence) -> TimeExpr | None:
    """A time expression opening the sentence sets the time of what follows in the paragraph."""
    i = bisect_right(state.time_starts, sentence.span.start - 1)
    if state.doc.text.startswith(_COMPARED_WITH, sentence.span.start):
        return None  # "与“十四五”开局前的2020年同期相比，…": the base, not the time of what follows
    # "(一)11月份。受…影响，…": a section's number may stand before its time, and so may who
    # says it ("白皮书显示，2020年至2024年，…", "据统计，…")
    numbered = _SECTION_NUMBER.match(state.doc.text, sentence.span.start)
    begin = numbered.end() if numbered else sentence.span.start
    said = state.words.lead_in.match(state.doc.text, begin)
    # "祁连山国家公园甘肃片区：去年核查…": or the label of the item the paragraph is about (a
    # place, a reserve, a river; "数据是最有力的证明：…" is a framing)
    label = _ITEM_COLON.match(state.doc.text, begin)
    if label is not None and not _names_place(state, begin, label.end()):
        label = None
    starts = (said.end(), begin) if said else (label.end(), begin) if label else (begin,)
    # "从全年情况看，今年1—11月，…": the time right after a framing outranks one inside it
    for start in starts:
        j = bisect_right(state.time_starts, start - 1, lo=i)
        if j < len(state.times):
            t = state.times[j]
            if (
                t.start - start <= 2
                and t.code
                and t.kind != "cumulative"
                and not is_base(state, t)  # "与去年同期相比，…": compared with, not when
            ):
                finer = state.times[j + 1] if j + 1 < len(state.times) else None
                if (
                    finer is not None
                    and "-" in (finer.code or "")
                    and (
                        finer.start == t.end  # "今年1—10月": the months of that year
                        # "2025年春季(3—5月)": the months that name stands for
                        or (
                            finer.start_year == t.start_year
                            and _NAMED_SPAN_OPENING.fullmatch(state.doc.text, t.end, finer.start)
                            is not None
                        )
                    )
                ):
                    return finer
                return t
    return None


def _opening_place(state: DocState, pos: int) -> PlaceHit | None:
    """A sub-provincial place standing at ``pos`` (a sentence or paragraph about that place),
    after the label of a case or an item ("典型案例二：宿州市…案。", "(一)葫芦岛市…问题。")."""
    label = _ITEM_LABEL.match(state.doc.text, pos)
    if label is not None:
        pos = label.end()
    i = bisect_right(state.place_starts, pos - 1)
    if i < len(state.places):
        hit = state.places[i]
        if hit.start - pos <= 1 and hit.place.type not in ("province", *NATIONAL_TYPES):
            narrowest = _narrowest(state, hit)
            if (
                narrowest is hit
                and state.doc.text[hit.start - 1 : hit.start] in _SOURCE_BEFORE
                and _AGENCY_AFTER.match(state.doc.text, hit.end)
            ):
                return None  # "经六安市生态环境局核算，…": who computed it, not where it is
            if _EXAMPLE_OF_SET.match(state.doc.text, narrowest.end):
                return None  # "汤旺河、伊春河等6个国考断面…": examples of the set it is about
            frame = _ASSESSMENT.match(state.doc.text, pos)
            if frame is not None and frame.end() > hit.end:
                return None  # "在铁岭市…年度考核中，开原市位列第二": who ranks, not the subject
            return _with_peers(state, narrowest)
    return None


# What follows the examples of a counted set a sentence opens with (…、伊春河等6个国考断面).
_EXAMPLE_OF_SET = re.compile(r"[^，,。；;]{0,30}?等\s*[\d一二两三四五六七八九十几多]+[个条座处家]")

# What joins two divisions (or two of their bodies) a sentence opens with: "广州与佛山",
# "广州市生态环境局与佛山市生态环境局…".
_PEER_JOIN = re.compile(r"(?:[^，,。；;、]{0,8}?(?:局|厅|政府|党委))?(?:[、和与及]|以及)")

_EACH_OF = re.compile(r"[^，,。；;]{0,12}?(?:均|分别|都|各|依次|并列)")


def _with_peers(state: DocState, hit: PlaceHit) -> PlaceHit:
    """ "广州与佛山之间…，两市累计投入…": a division opening a sentence together with its peers
    opens it on all of them, the division that holds them."""
    run = _peer_run(state, hit)
    if len(run) == 1 or _EACH_OF.match(state.doc.text, run[-1].end):
        return hit  # "衡东县、常宁市均为31微克/立方米": the same value of each of them
    shared = common_division([h.place for h in run], state.lexicon)
    return PlaceHit(hit.start, hit.end, shared) if shared is not None else hit


def _lists_each(state: DocState, hit: PlaceHit) -> bool:
    """Whether ``hit`` opens a list of peers given a value each (谯城区、涡阳县、蒙城县…分别为)."""
    run = _peer_run(state, hit)
    return len(run) > 1 and _EACH_OF.match(state.doc.text, run[-1].end) is not None


def _peer_run(state: DocState, hit: PlaceHit) -> list[PlaceHit]:
    """``hit`` and the divisions of its type joined to it (广州与佛山, 衡东县、常宁市)."""
    text = state.doc.text
    run = [hit]
    i = bisect_right(state.place_starts, hit.start)
    while i < len(state.places):
        after = state.places[i]
        if after.start < run[-1].end:
            i += 1
            continue
        if after.place.type != hit.place.type or not _PEER_JOIN.fullmatch(
            text, run[-1].end, after.start
        ):
            break
        run.append(after)
        i += 1
    return run


def _narrowest(state: DocState, hit: PlaceHit) -> PlaceHit:
    """The division written right after ``hit`` inside it, if any: "淄博市桓台县" is the county."""
    i = bisect_right(state.place_starts, hit.start)
    while i < len(state.places):
        inner = state.places[i]
        between = state.doc.text[hit.end : inner.start]
        if inner.place.parent != hit.place.id or not (
            # "潍坊市生态环境局寿光分局": the branch of the city's bureau in the county
            between == ""
            or (_BUREAU.fullmatch(between) and _BRANCH.match(state.doc.text, inner.end))
        ):
            break
        hit, i = inner, i + 1
    return hit


def _observation(
    state: DocState,
    sentence: Sentence,
    clause: Span,
    num: RawValue,
    recent: Sequence[IndicatorRef],
    paragraph_time: TimeExpr | None,
    topic: PlaceHit | None,
) -> list[Observation]:
    """The observations a value makes: one, or one per indicator a "两项指标" rank points back at.

    ``recent`` are the indicators of the sentence's earlier values, last one last.
    """
    text = state.doc.text
    lex = state.lexicon
    w = state.words
    previous = recent[-1] if recent else None
    raw_subject = _subject(state, clause.start, num.start)
    head_subject, position, members = _list_member(state, clause, num, raw_subject)
    named: list[str] = []
    head_label = ""
    if members > 1 and any(word in head_subject for word in w.respectively):
        head_label = _clean_label(head_subject, state)
        named = [n for n in _NAME_LIST_SPLIT.split(head_label) if n]
        if not head_label and len(recent) >= members:
            # "罚没款1.02亿元、案件3120件，同比分别下降6.1%和3.4%": the n-th value goes with the
            # n-th metric just reported. The members already read have moved to the end of
            # ``recent``, so this one's metric is always the first of the last ``members``.
            previous = recent[len(recent) - members]
    raw_subject = head_subject
    if len(named) == members:
        # "处罚决定数和罚没金额同比分别增长6.8%和12.4%": the n-th value is of the n-th name
        raw_subject = head_subject.replace(
            head_label, _with_shared_head(named, position, w.measure_ends)
        )
    cleaned = _clean_label(raw_subject, state)
    if num.unit in _MEASURE_UNITS and cleaned in w.scope_sets:
        cleaned = ""  # "长三角地区41个城市为28微克/立方米": the cities are where, not what
    if _ANAPHORIC_LABEL.search(cleaned) or (not cleaned and _COMPARISON_ONLY.search(raw_subject)):
        # "去年10月份这一比率为88.8%", "；同期全国城市平均为85.1%": the metric of the statement
        # before
        previous = previous or state.last_indicator
    # "同比下降6.5%", "同比上升2微克/立方米", "较2020年增加9种": a change of what came before.
    change = _change_cue(raw_subject, w) if num.unit not in ("rank", "year") else None
    if num.moved is not None:
        change = (num.moved, text[num.start : num.num_start])
    label = _ANAPHORIC_LABEL.sub("", cleaned)
    # "高于全国平均水平8.3个百分点", "比全省平均水平高8微克/立方米": a difference from an average
    plain_subject = ASIDE.sub("", raw_subject)
    gap = _AVERAGE_GAP.search(plain_subject) if num.unit not in ("rank", "year") else None
    if gap is not None:
        up = gap.group("cmp") in ("高于", "多于") or (gap.group("dir") or "")[:1] in ("高", "多")
        change = ("up" if up else "down", gap.group(0))
        label = _clean_label(plain_subject[: gap.start()], state)
    if change is None and num.unit in ("percent", "percentage_point"):
        magnitude = w.magnitude.search(raw_subject) or (
            None if label else w.magnitude.search(_previous_clause(state, sentence, clause))
        )
        if magnitude is not None:
            change = ("up" if magnitude.group("up") else "down", magnitude.group(0))
            label = _clean_label(raw_subject[: magnitude.start()], state) if label else ""
            if not label:
                # the metric last named in the sentence ("六个市PM2.5浓度下降，其中…降幅最大")
                previous = _named_before(state, sentence.span.start, num.start) or previous
    after_unit = _noun_after(state, num.end, clause.end)
    goal = text.startswith("的", num.end) and bool(starts_with_any(after_unit, w.goal_nouns))
    if goal:
        after_unit = ""  # the goal is of the metric named before it, which keeps its name
    if raw_subject.endswith(_DISPOSAL) and len(after_unit) >= 2 and num.unit != "count":
        # "某化工企业将约3.2万吨工业固体废物违规堆存": who acted comes before 将, what was
        # measured after the value
        label = _clause_topic(state, after_unit) or after_unit
    if not label and num.fraction and change is None:
        # "九成以上国考断面达到或优于Ⅲ类": the share of what follows that is as it says
        label = text[num.end : clause.end].strip().removeprefix("的") + "比例"
    if num.unit == "percent" and not label and text.startswith("的", num.end) and after_unit:
        label = after_unit + "占比"  # "98%的白鹤": a share of something
    indicators: list[IndicatorRef] = []
    if not label and num.unit not in ("rank", "count") and change is None:
        if previous is not None and not num.duration:
            indicators = [previous]  # "从2017年的83.6%上升到2021年的90.67%": the same indicator
        else:
            before_clauses = [c for c in sentence.clauses if c.end <= clause.start]
            before = _previous_clause(state, sentence, clause)
            # "PM2.5平均浓度较低的3个地区为康平县、…，分别为35…": the metric comes before the
            # count of the places it names; "九江市、萍乡市等6个市考核等次为良好": the places
            # counted name none
            before = _COUNT_OF_NAMED.sub("", before).removesuffix("等")
            # An earlier clause with a value of its own names that value, not this one (O3 and
            # PM2.5 are names, not values; 1—10月 is no value).
            at = before_clauses[-1].start if before_clauses else clause.start
            valued = any(
                not _in_time(state, m.start())
                for m in NUMBER_RE.finditer(text, at, at + len(before))
            )
            label = after_unit or ("" if valued else _clean_label(before, state))
            if not label and ends_with_any(before, w.evaluatives):
                # "PM2.5浓度方面，玉树州最低，为13微克/立方米": the metric the sentence names;
                # "…炎陵县最低，为13；醴陵市最高，为24微克/立方米": else the one just reported
                spoken_of = _match_indicator(
                    lex, text[sentence.span.start : clause.start], num.unit
                )
                last = [state.last_indicator] if state.last_indicator else []
                indicators = [_ref(spoken_of[0])] if spoken_of else last
            elif (
                not label
                and not num.duration
                and (carried := _carried_metric(state, sentence, num.unit)) is not None
                and _names_place(state, clause.start, num.start)
            ):
                # "…浓度为36微克/立方米；川南地区为41微克/立方米": a place alone goes on with
                # the metric just reported
                indicators = [carried]
    elif (
        not label
        and num.unit == "count"
        and change is None
        and (carried := _carried_metric(state, sentence, "count")) is not None
        and _only_places(state, clause.start, num.start)
    ):
        # "…处置突发环境事件7起。…其中陈仓区3起、渭滨区2起": so do places alone with counts,
        # also after a share of the same metric ("…占全省火点总数的65.5%。四平市121个")
        indicators = [carried]
    elif not label and not after_unit and num.unit == "count" and change is None:
        label = _counted_before_list(state, sentence, clause)
        judged = _previous_clause(state, sentence, clause)
        if not label and ends_with_any(judged, w.evaluatives):
            label = _clean_label(judged, state)  # "白山市火点最少，仅3个": of what it judges
    if change is None or num.unit != "times":  # "增长4.8倍" is a change, not an exceedance
        label = _measured(state, label, num)
    context = f"{label}|{after_unit}"
    each = _places_each(state, sentence, clause, num)
    ranked = _ranked_run(state, sentence, num) if num.top else []
    if len(ranked) != num.value:
        ranked = []  # "连续四年位居全国前五": the place is among the first five
    # "海沧海关、泉州海关、漳州海关查证量分别为620吨、480吨和390吨，居关区前三": the N values listed
    # take the first N ranks in order, whatever names the items
    in_order = not ranked and num.top and _values_listed(state, sentence, num) == num.value
    if indicators:
        pass
    elif num.unit == "rank":
        if num.rank_scope == "historical":
            label = _RECORD_TAIL.sub("", label)  # "平均气温为历史同期(第二高)": of 平均气温
        label = _RANK_ORDER.sub("", label)  # "沙尘日数由多到少(排名第九)": of 沙尘日数
        frame = _assessment_frame(state, sentence, clause)
        if num.rank_scope is None:
            # "排名全省第三，…与萍乡市并列第一": among the peers of the sentence's last rank, else
            # (高明区居第一) a county among its city's counties, a city in its province, a
            # province in the country
            implied = (
                _assessment_scope(state, frame)
                or _scope_ranked_before(state, sentence, num)
                or _implied_scope(
                    state,
                    next(iter(ranked or each), None) or _place(state, sentence, clause, num, topic),
                )
            )
            if implied is not None:
                num = replace(num, rank_scope_word=implied[0], rank_scope=implied[1])
        anaphor = w.anaphor_count.search(raw_subject)
        count = read_number(anaphor.group("n")) if anaphor is not None else None
        each_ranked = _EACH_RANKED.search(raw_subject) is not None
        names = [n for n in _NAME_LIST_SPLIT.split(label) if n] if each_ranked else []
        if count is not None and recent:
            bases = list(recent[-int(count) :])
        elif len(names) >= 2:
            # "立案数和罚款金额均居全省第一": a rank of each metric named
            bases = [
                _ref(matched[0])
                if (matched := _match_indicator(lex, n, None))
                else _minted(state, n, None)
                for n in names
            ]
        elif each_ranked and len(recent) >= 2 and not _match_indicator(lex, label, None):
            # "创建国家级绿色工厂43家、省级绿色工厂118家，数量均居全省第一": of each value reported
            bases = list(recent)
        else:
            matched = _match_indicator(lex, label, None)
            base = _ref(matched[0]) if matched else previous
            if base is None and (label or after_unit):
                base = _minted(state, label or after_unit, None)
            if base is None and (assessed := _assessment_named(state, frame)):
                # "在全省生态环境保护考核中，我市排名第三": a place in that assessment
                base = _minted(state, assessed, None)
            if base is None:
                # "思明区位列全市第一": the ranking the paragraph is about
                base = state.rank_base or state.last_indicator
            bases = [base] if base is not None else []
        scope = num.rank_scope_word or ""
        bottom = num.top == "后"
        indicators = [
            _derived(
                base,
                f"rank-{num.rank_scope or slug(scope or 'unscoped')}"
                + ("-from-bottom" if bottom else "")
                + ("-change" if num.moved else ""),
                f"{scope}{'倒数' if bottom else ''}排名{'变化' if num.moved else ''}",
            )
            for base in bases
        ]
    elif gap is not None and change is not None:
        base = _named_before(state, clause.start, clause.start + len(label)) if label else None
        base = base or previous or state.last_indicator
        if base is not None:
            area = gap.group("area") or ""
            indicators = [
                _derived(
                    base,
                    f"gap-{w.rank_scopes.get(area) or slug(area or 'stated')}-average",
                    f"与{area}平均差值",
                )
            ]
    elif change is not None:
        # A change in points is a change of a share (优良天数比率, not 优良天数).
        of_unit = "percent" if num.unit == "percentage_point" else None
        if of_unit and previous is not None and not _is_share(previous):
            # "优良率为96.2%，优良天数88天，同比上升2.3个百分点": points are a share's change
            previous = next((r for r in reversed(recent) if _is_share(r)), previous)
        matched = _match_indicator(lex, label, of_unit) or _match_indicator(lex, label, None)
        if matched and _RATE_OF_CHANGE.search(matched[0].label):
            indicators = [_ref(matched[0])]
        elif goal and previous is not None and _RATE_OF_CHANGE.search(previous.label):
            indicators = [previous]  # "下降19.6%，…下降19.5%的约束性目标": the same rate's goal
        else:
            # A subject of its own names what changed; an empty one refers to the last value.
            base = (
                _ref(matched[0])
                if matched
                else (
                    _minted(state, label, None)
                    if label
                    else _changed(state, sentence, clause, previous)
                )
            )
            if base is not None:
                # "与上年同期相比，…下降": the comparison may open the sentence
                said = text[statement_start(state, sentence) : num.start]
                prior = _previous_sentence(state, sentence)
                if said.startswith(_CONTINUED) and prior is not None:
                    # "与去年同期相比，9个县市区…下降。其中，衡东县…下降4微克/立方米"
                    said = text[prior.span.start : prior.span.end] + said
                yoy = any(word in raw_subject for word in w.year_on_year) or (
                    # "比2020年下降23.3%" after a 同比 names its own base
                    not any(word in raw_subject for word in w.base_before)
                    and any(word in said for word in w.year_on_year)
                )
                indicators = [
                    _derived(base, "yoy-change" if yoy else "change", "同比变化" if yoy else "变化")
                ]
    elif num.duration:
        # "PM2.5年均浓度连续五年保持在…": how long a state of the indicator has lasted; with no
        # metric before it ("长江干流江西段连续八年、赣江干流连续五年保持Ⅱ类水质") the state is
        # what the clause says after its last streak.
        matched = _match_indicator(lex, label, None)
        base = _ref(matched[0]) if matched else None
        predicate = _streak_predicate(state, num, clause)
        state_name = _streak_state(state, text[num.end : clause.end])
        if base is None and state_name:
            # "湖心水质已连续6年稳定保持Ⅱ类", "出省断面连续9年Ⅱ类进Ⅱ类出": the state kept is the
            # metric, whatever the clause calls the water
            base = _minted(state, state_name, None)
        if base is None and (label or predicate or after_unit):
            base = _minted(state, label or predicate or after_unit, None)
        if base is not None:
            indicators = [_derived(base, "consecutive-years", "连续年数")]
    else:
        awarded = _AWARDED.match(text, num.end + len(after_unit), clause.end)
        if num.unit == "count" and len(after_unit) <= 1 and awarded:
            # "4个区获评国家生态文明建设示范区": a count of the title they won
            context = awarded.group("title") + "|"
        elif num.unit == "count" and not label and raw_subject.endswith(_OBJECT_MARKERS):
            # "对63名相关责任人进行问责": what was done to the counted names the metric
            context = f"{after_unit}|{text[num.end : clause.end]}"
        elif num.unit == "count" and not label and text[num.end - 1 : num.end] in "人名":
            noun_end = num.end + text.startswith("的", num.end) + len(after_unit)
            passive = _DONE_TO.match(text, noun_end, clause.end)
            if passive:
                # "3名相关责任人被依法刑事拘留": people are counted by what was done to them
                after_unit = passive["done"]
                context = f"{after_unit}人数|"
        counted = num.unit == "count" and label
        if counted and (not_done := _NOT_DONE.match(text, num.end, clause.end)):
            # "砖瓦窑企业11家未完成深度治理", "46个排污口中有17个未纳入监管": those not done
            noun = _EXISTING.split(label)[-1].removesuffix("中")
            after_unit = f"{noun}未{not_done['done']}"
        # The words the label drops (已完成, 均为) can still name the metric: "52个问题已完成44个".
        matched = _match_indicator(lex, context, num.unit) or _match_indicator(
            lex, raw_subject, num.unit
        )
        head = _recent_with_head(state, label) if not matched else None
        if not matched and head is None and _rewritten(state, label) in w.bare_heads:
            # "氨氮平均浓度为2.36毫克/升，超过Ⅲ类标准1.4倍": of the pollutant just measured;
            # "…水源地水质全部达到Ⅲ类标准，达标率为100%": of what the clause before is about
            nouns = [n for n in w.unit_nouns.values() if not label.endswith(n)]
            measured = ends_with_any(previous.label, nouns) if previous else None
            about = (
                previous.label[: -len(measured)]
                if previous and measured
                else _clean_label(
                    _clause_topic(state, _previous_clause(state, sentence, clause)), state
                )
            )
            if about:
                label = about + label
                matched = _match_indicator(lex, label, num.unit)
        if matched:
            indicators = [_ref(matched[0])]
        elif head is not None:
            indicators = [head]  # "累计达标率亦为100%": the 达标率 just reported
        else:
            noun = after_unit if len(after_unit) >= 2 or num.unit == "count" else ""
            name = (noun if num.unit == "count" else "") or label or noun
            if num.unit == "count" and not name.endswith(("数", "量")):
                name += "人数" if text[num.end - 1 : num.end] in "人名" else "数"
            elif num.unit == "percent" and not label and noun:
                name = noun + "占比"
            if len(name) >= 2 and name != "数":
                indicators = [_minted(state, name, None)]
            elif (
                not name.strip("数")
                and previous
                and (
                    _names_part(state, clause.start, num.start)
                    or _counted_just_before(state, clause.start, num.start)
                )
            ):
                # "整治17个，其中徽城镇5个", "检查186家次，其中上半年83家次、下半年103家次": the
                # same count, by place or by part of the period; "增至7群42只": of the same, by
                # another counter
                indicators = [previous]
    named = [(i.base or i).label for i in indicators] + [text[clause.start : num.start]]
    if not indicators or any(_sets_a_rule(w, n) for n in named):
        return []  # "考核权重由3%提高到6%": both values set a rule
    if _a_parameter(state, clause, num):
        return []
    indicators = [_in_context(state, sentence, num.start, i) for i in indicators]
    clause_text = text[clause.start : clause.end]
    sentence_text = text[sentence.span.start : sentence.span.end]
    period, base_period = period_of(
        state, sentence, clause, num, paragraph_time, change is not None
    )
    bracket = _bracketed_goal(state, sentence, num)
    if bracket is not None:
        # "对照年度目标(全省PM2.5平均浓度控制在38微克/立方米以内…)": the goals the bracket
        # spells out; a year's goal is of the whole year the section's months fall in
        goal = True
        year = period.start_year
        whole = any(word in bracket for word in _WHOLE_YEAR)
        if whole and year is not None and year == period.end_year:
            period = Period(str(year), period.basis, year, year)
    measured = (indicators[0].base or indicators[0]).label
    if ends_with_any(measured, w.level_metrics) and period.code is not None:
        period = _at_span_end(period)
    # The theme the words around the value suggest, for indicators that have none of their own.
    text_theme = (
        None
        if all(i.theme for i in indicators)
        else _theme(state, context, clause_text, sentence_text)
    )
    theme = indicators[0].theme or text_theme
    # A concentration in water is measured in a river or lake; shares of sections are the
    # jurisdiction's (annotators of every set agree on the first, not on the second).
    water_state = num.unit == "mg_per_l" or (theme == "water" and num.unit == "index")
    place = _place(state, sentence, clause, num, topic, water_state)
    statement = statement_start(state, sentence)
    base = indicators[0].base or indicators[0]
    if (
        change is not None
        and not _names_place(state, clause.start, num.start)
        and _respective_place(state, sentence, num) is None
    ):
        # "太湖总磷平均浓度为0.056毫克/升，同比下降5.1%": a change is of the place its level was
        # (unless a list says whose it is: "甲市、乙市…分别为…，同比分别下降…")
        earlier = state.reported_at.get(base.iri)
        if earlier is not None and earlier[0] == statement:
            place = earlier[1]
    elif change is None and text.count("(", clause.start, num.start) <= text.count(
        ")", clause.start, num.start
    ):
        # (an average quoted in brackets, "高于全省平均水平(35微克/立方米)", is no level of the
        # statement's own place)
        state.reported_at[base.iri] = (statement, place)
    # (a number word may run past a clause the segmenter cut out of an overlong line: 九|成以上)
    quote = state.doc.source_span(clause.start, max(clause.end, num.end))
    # the first (or last) N ranks go to the N places listed, in list order
    placed: list[tuple[PlaceDef | None, Decimal, str]] = (
        [(where, Decimal(n), "exact") for n, where in enumerate(ranked, 1)]
        if ranked
        else [(place, Decimal(n), "exact") for n in range(1, int(num.value) + 1)]
        if in_order
        else [(where, num.value, num.qualifier) for where in each]
        if each
        else [(place, num.value, num.qualifier)]
    )
    modality = "target" if goal else _value_modality(state, sentence, clause, num, period)
    return [
        Observation(
            indicator=indicator,
            value=value,
            unit=num.unit,
            qualifier=qualifier,
            period=period,
            place=where.name if where else None,
            place_key=f"place:{where.id}" if where else None,
            quote=quote,
            value_span=state.doc.source_span(num.start, num.end),
            modality=modality,
            theme=indicator.theme or text_theme,
            change_direction=change[0] if change else None,
            rank_scope=num.rank_scope,
            max_value=num.max_value,
            base_period=base_period,
            part=part,
        )
        for part, ((where, value, qualifier), indicator) in enumerate(
            itertools.product(placed, indicators)
        )
    ]
