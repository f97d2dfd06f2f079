"""Named entities: agencies, people, places, regulations, policies, programmes and events.

Candidates come from four sources, all driven by data files:

* the lexicon of known names (``data/lexicons/entities.yaml``) and the gazetteer;
* titles in 《》 (``titles.py``), typed by their document-type suffix;
* patterns for names the lexicon lacks (``data/lexicons/entity_patterns.yaml``): a name ends
  with a type word (厅, 督察组, 攻坚战, 专项行动, 试点, 发布会...) and extends to the left over
  word tokens until a boundary (punctuation, a verb that introduces names, a length limit);
  policies written without 《》 after 制定/印发...; "<what> N条" policies; people after their
  post (厅长李军) or before a speaker's colon;
* overlapping candidates are resolved longest first, lexicon before pattern.

Canonical names (province-relative forms, abbreviations, 政府 -> 人民政府) are made by
``resolve.py``; this module only finds and types mentions.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Any

from ecokg.extract.base import Claim, EntityMention, register
from ecokg.extract.lexicon import Lexicon, word_tags
from ecokg.extract.places import NATIONAL_TYPES, find_places
from ecokg.extract.resolve import Resolver
from ecokg.extract.titles import classify_title, title_mentions
from ecokg.extract.topics import off_topic, off_topic_place
from ecokg.text.analyzed import AnalyzedDoc
from ecokg.text.codes import (
    DocumentNumber,
    StandardCode,
    find_document_numbers,
    find_standard_codes,
)
from ecokg.text.furniture import furniture_at, furniture_spans
from ecokg.text.segment import SpanSet
from ecokg.text.tokens import pos_cut
from ecokg.text.wordlists import Affixes, alternation, ends_with_any, starts_with_any

_PUNCT = set("，,。；;：:、！？!?（）()《》【】[]「」『』…—\n\r\t ")
# A count or batch before a name is not part of it ("10个专项攻坚行动", "第二批国家碳达峰试点城市").
_DIGITS = "一二两三四五六七八九十"
_CN_COUNT = _DIGITS + "百"
_LEADING_COUNT = re.compile(
    rf"(?:\d+|[{_DIGITS}]+)?[余多]?[个家件座项名场篇期次部轮份批处条台所户只种套宗起例]"
    r"|第[一二三四五六七八九十\d]+批"
)
_JOINERS = ("与", "及", "和")
_JOINED_TITLES = re.compile(r"(?:法|条例|规定|办法|标准|意见|方案)[和及与、]")
# What a launched campaign's name cannot span: punctuation, 的, or "等10个" (one of a list).
_NOT_IN_NAME = re.compile(rf"[，,。；;：:、！？!?（）()《》“”\s的等]|[\d{_DIGITS}]+[个项]")
_LIST_OF_KINDS = re.compile(rf"[的等]|一批|[\d{_DIGITS}]+[项个批类]")
_BATCH = re.compile(rf"第?[{_DIGITS}\d]+批")
_YEAR_BEFORE = re.compile(r"\d{4}年$")
_ROUND_BEFORE = re.compile(rf"第[{_DIGITS}\d]+轮$")
# A month named before a campaign dates it and is no part of its name (11月全市…专项行动,
# 上月攻坚行动); 月 after other characters may open a name (月亮泡水库).
_MONTH_BEFORE = re.compile(rf"[\d０-９{_DIGITS}十上下本每当次]$")
# A name that counts the items listed before it (科尔沁、浑善达克两大沙地歼灭战).
_COUNTED_HEAD = re.compile(r"([两二三四五六七八九])大")
_CN_NUMBER = {c: i for i, c in enumerate("一二三四五六七八九", 1)} | {"两": 2}
# The time a meeting is named by, before the rest of its name (2025年前三季度…新闻发布会).
_TIME_LEAD = re.compile(r"\d{4}年(?:度|前三季度|上半年|下半年|第[一二三四]季度)?$")
_YEAR_FIRST = re.compile(r"\d{4}年度?")
# A meeting of a division's own body (市政府常务会议) is named by that body.
_OWN_BODY = re.compile(r"[省市县区](?:委|政府|人民政府|人大|政协)")
_BATCH_BEFORE = re.compile(rf"第[{_DIGITS}\d]+批$")
_YEAR_SPAN_BEFORE = re.compile(r"(?<!\d)\d{4}[—–-]\d{4}年$")
# A phase of a programme is one too (三北工程六期), but not a period (六期间) or a count (六期中).
_PHASE = re.compile(rf"[{_DIGITS}]期(?![间内末中])")
# The text before a name ends inside an enumeration ("…黑臭水体整治、").
_OPEN_LIST = re.compile(r"、[^，,。；;：:]*$")
# Waters named by their count in quotes (“五河”, “两江”): a place, the rivers of a province.
_COUNTED_WATERS = re.compile(rf"“([{_DIGITS}]+[河江湖])”")
# A slogan of two short phrases (“美丽湖北，你我共建”) holds a comma and is still one term.
_SLOGAN = re.compile(r"[\u4e00-\u9fff]{2,6}[,，][\u4e00-\u9fff]{2,6}")
# A quoted term short enough to be a campaign's or a slogan's name, as a group.
_QUOTED_TERM = "(“[^“”，。、；\n]{2,14}”)"
_SOURCE_RANK = {"lexicon": 0, "title": 1, "gazetteer": 2, "pattern": 3}


@dataclass(frozen=True)
class Candidate:
    """A possible entity mention in normalised coordinates."""

    start: int
    end: int
    type: str
    surface: str
    source: str
    attributes: tuple[tuple[str, str], ...] = ()
    name: str | None = None  # canonical name when the source knows it (lexicon, titles)
    key: str | None = None


@dataclass(frozen=True)
class _Config:
    lexicon_re: re.Pattern[str]
    lexicon_entries: dict[str, dict[str, Any]]
    known_programmes: Affixes  # the lexicon's programme names and aliases
    known_names: Affixes  # every name and alias of the lexicon's programmes and instruments
    suffix_re: re.Pattern[str]
    suffix_type: dict[str, str]
    suffixes: Affixes  # the words of suffix_type
    agency_prefixes: tuple[str, ...]
    national_starts: Affixes  # 生态环境部, 国家…: a national body opens here
    division_words: frozenset[str]  # 县 of 县水利局: a morpheme jieba would stop at
    relative_divisions: frozenset[str]  # 自治区 of 自治区水利厅: the division the text speaks of
    list_joiners: str  # what joins the items of a list of names (、和)
    collective_agency_starts: tuple[str, ...]
    institution_suffixes: tuple[str, ...]
    min_length: dict[str, int]
    max_length: dict[str, int]
    boundaries: Affixes
    posts: frozenset[str]
    not_agency_words: tuple[str, ...]
    name_ends: tuple[str, ...]
    county_re: re.Pattern[str]
    policy_re: re.Pattern[str]
    numbered_policy_re: re.Pattern[str]
    place_re: re.Pattern[str]
    person_re: re.Pattern[str]
    person_field_re: re.Pattern[str]
    titled_re: re.Pattern[str]
    leading_verbs: Affixes
    party_roles: tuple[str, ...]
    group_members: tuple[str, ...]
    relative_scopes: tuple[str, ...]
    scope_words: tuple[str, ...]
    generic_modifier_re: re.Pattern[str]
    speaker_re: re.Pattern[str]
    transliterated_re: re.Pattern[str]
    appellations: tuple[str, ...]  # 大哥 of 黄大哥: a form of address, no given name
    surnames: str
    compound_surnames: tuple[str, ...]
    joined_ends: tuple[str, ...]
    agency_kinds: tuple[tuple[str, str], ...]
    boundary_pos: frozenset[str]
    name_words: frozenset[str]
    weak_suffixes: tuple[str, ...]
    platform_suffixes: tuple[str, ...]
    award_grades: tuple[str, ...]
    not_before_weak: tuple[str, ...]
    continuations: dict[str, tuple[str, ...]]
    station_bodies: tuple[str, ...]
    weak_holdings: tuple[str, ...]
    dated_sittings: tuple[str, ...]  # a mechanism's type word; with a year first, one sitting
    joint_words: frozenset[str]
    work_area_re: re.Pattern[str]
    yearly_editions: tuple[str, ...]
    programme_holdings: tuple[str, ...]
    instrument_words: Affixes
    building_suffixes: tuple[str, ...]
    created_things: tuple[str, ...]
    counted_tail_re: re.Pattern[str]
    quoted_term_re: re.Pattern[str]
    launch_verbs: dict[str, tuple[str, ...]]  # type word -> verbs that launch or found one
    designated_titles: frozenset[str]  # type words of titles conferred (示范县), with their verbs
    policy_verbs: Affixes
    anchor_words: tuple[str, ...]
    inspection_prefixes: tuple[str, ...]
    batched_events: tuple[str, ...]
    relative_re: re.Pattern[str]
    generic_instrument_words: tuple[str, ...]
    quoted_not_names: frozenset[str]
    bare_heads: frozenset[str]
    follow_up_re: re.Pattern[str]
    follow_up_event_after: tuple[str, ...]
    follow_up_of: dict[str, tuple[str, str]]  # bare work -> (word the text needs, its name)
    standard_series: tuple[str, ...]
    standard_not_starts: tuple[str, ...]
    standard_title_after: re.Pattern[str]
    standard_title_before: re.Pattern[str]
    standard_citers: Affixes  # words that cite a standard before its title (达到, 优于, 按)
    quoted_programme_res: tuple[re.Pattern[str], ...]  # quoted names after launching verbs
    hosted_event_re: re.Pattern[str]
    press_kinds: tuple[str, ...]
    press_topic_re: re.Pattern[str]
    held_press_re: re.Pattern[str]  # "…举行的互花米草除治攻坚新闻发布会": the words after 的
    host_when_re: re.Pattern[str]
    hosted_verbs: Affixes
    observance_re: re.Pattern[str]  # the observance a main venue's event is held for
    # a meeting held under a name that opens with its year: the name runs from the year after
    # the verb that holds it to the kind word, whatever the words between (调查, 同步) are
    held_from_year_re: re.Pattern[str]
    noun_pos: frozenset[str]
    agency_res: tuple[re.Pattern[str], ...]
    programme_res: tuple[re.Pattern[str], ...]
    event_res: tuple[re.Pattern[str], ...]
    policy_res: tuple[re.Pattern[str], ...]
    place_words: tuple[tuple[tuple[str, ...], int, int, frozenset[str], tuple[str, ...]], ...]
    not_place_words: frozenset[str]
    company_form_re: re.Pattern[str]
    verb_led_after: frozenset[str]  # what ends a party that 会同 (together with) may follow
    anonymous_words: tuple[str, ...]
    place_led_suffixes: tuple[str, ...]  # works named from the place they are built on
    place_led_types: frozenset[str]
    coded_heads: Affixes
    scope_led_suffixes: tuple[str, ...]  # meetings named from the scope they gather
    scope_led_types: frozenset[str]
    scope_led_words: Affixes
    campaign_code_re: re.Pattern[str]


@cache
def _config(lexicon: Lexicon) -> _Config:
    p: dict[str, Any] = lexicon.words["entity_patterns"]
    entries: dict[str, dict[str, Any]] = {}
    for entry in lexicon.words.get("entities", []):
        for alias in (entry["name"], *(entry.get("aliases") or ())):
            entries.setdefault(str(alias), entry)
    platforms = tuple(str(w) for w in p["platform_suffixes"])
    suffix_type: dict[str, str] = {}
    grades = tuple(str(w) for w in p["award_grades"])
    titles = tuple(str(w) for w in p["designated_titles"]["titles"])
    suffix_groups = (
        *p["suffixes"].items(),
        ("Programme", platforms),
        ("Programme", titles),
        ("Event", grades),
    )
    for type_, words in suffix_groups:
        for word in words:
            suffix_type.setdefault(str(word), str(type_))
    instruments = [s for words in lexicon.words["instruments"].values() for s in words]
    instruments_long = [s for s in instruments if len(s) > 1]
    policy_words = alternation(s for s in instruments if len(s) >= 2)
    # a title is cited after a verb, or after the title it is joined to (…办法和安徽省…暂行办法,
    # …水污染防治法和…; not after a name that ends as one might: 湖南与…, 指南 being a title's word)
    title_ends = "|".join(sorted({re.escape(w[-2:]) for w in instruments if len(w) >= 2}))
    verbs = rf"{alternation(p['policy_verbs'])}|(?:(?<={title_ends})|(?<=法))[和及与]"
    standards = lexicon.words.get("standards", {})
    title_end = alternation(standards.get("title_ends") or ())
    return _Config(
        lexicon_re=re.compile(alternation(entries)),
        lexicon_entries=entries,
        known_programmes=Affixes(a for a, e in entries.items() if e["type"] == "Programme"),
        known_names=Affixes(
            a
            for a, e in entries.items()
            if e["type"] in ("Programme", "Policy", "Regulation") and len(a) > 3
        ),
        # a lookahead finds every start, so 督察组 is seen inside 生态环境保护督察组
        suffix_re=re.compile(f"(?=({alternation(suffix_type)}))"),
        suffix_type=suffix_type,
        suffixes=Affixes(suffix_type),
        agency_prefixes=tuple(p["agency_prefixes"]),
        national_starts=Affixes(p["agency_levels"]["national_starts"]),
        division_words=frozenset(p["division_words"]),
        relative_divisions=frozenset(p["listed_departments"]["relative_divisions"]),
        list_joiners=str(p["listed_departments"]["joiners"]),
        collective_agency_starts=tuple(p["collective_agency_starts"]),
        institution_suffixes=tuple(p["institution_suffixes"]),
        min_length={str(k): int(v) for k, v in p["min_length"].items()},
        max_length={str(k): int(v) for k, v in p["max_length"].items()},
        # A post ends a name on its left too: 厅长李军 is a person after an agency.
        boundaries=Affixes([*p["left_boundaries"], *p["posts"]]),
        posts=frozenset(p["posts"]),
        not_agency_words=tuple(p["not_agency_words"]),
        name_ends=tuple(sorted({*(s for s in suffix_type if len(s) > 1), *instruments_long})),
        # a county's name holds no quantifier, conjunction or ranking verb (江西各城市, 全省各县,
        # 郑州市和周口市, 位列全市)
        county_re=re.compile(
            rf"[^\W\da-zA-Z各全本该每诸和与及等并列个两对的在为是将]{{2,3}}?"
            rf"(?:{alternation(p['county_suffixes'])})"
        ),
        policy_re=re.compile(
            # a short quoted term may stand inside the name (产业链“1269”行动计划), and short
            # items may share its head (美丽村庄、美丽园区、美丽学校建设指南)
            rf"(?:{verbs})((?:关于)?(?:[\u4e00-\u9fff]{{2,6}}、){{0,8}}"
            rf"(?:[^，,。；;：:、“”《》()（）\s]|“[^“”，,。；;\s]{{1,12}}”){{4,38}}?"
            rf"(?:{policy_words}))"
            r"(?=[，,。；;：:、和及与等\s]|$)"
        ),
        numbered_policy_re=re.compile(
            # one of a list of measures, or one issued: after a comma "<what> N条" counts things
            # (，全年新建成省级幸福河湖86条, ，已移交问责线索14条)
            r"(?:(?<=[、和及与])|(?<=出台)|(?<=制定)|(?<=印发)|(?<=实施))"
            # a package of measures has tens of articles; 美丽河湖156条 is a count of rivers
            r"([^，,。；;：:、“”《》\s和及]{4,16}?[“\"]?(?<!\d)\d{1,2}[”\"]?条)(?=[、，,。和及等])"
        ),
        place_re=re.compile(alternation(p["place_suffixes"])),
        person_re=re.compile(f"(?:{alternation(p['posts'])})"),
        person_field_re=re.compile(
            "(?:"
            + "|".join("[ 　]?".join(map(re.escape, f)) for f in p.get("person_fields", ()))
            + r")[:：][ 　]*"
        ),
        leading_verbs=Affixes(p["leading_verbs"]),
        party_roles=tuple(p.get("party_roles", ())),
        group_members=tuple(p.get("group_members", ())),
        relative_scopes=tuple(p["relative_scopes"]),
        scope_words=tuple(p["scope_words"]),
        generic_modifier_re=re.compile(
            f"(?:[{_CN_COUNT}]+大|{alternation(p['generic_modifiers'])})*"
        ),
        titled_re=re.compile(f"([\u4e00-\u9fff]{{2,3}})(?:{alternation(p['titles_after'])})"),
        speaker_re=re.compile(r"^([\u4e00-\u9fff]{2,3})[:：]\s*$", re.M),
        transliterated_re=_transliterated(lexicon.words),
        appellations=tuple(lexicon.words.get("appellations") or ()),
        surnames=str(lexicon.words.get("surnames", "")),
        compound_surnames=tuple(lexicon.words.get("compound_surnames") or ()),
        # before 和/与/及, an agency's type word or a place's ends the name on the left
        joined_ends=tuple(
            {
                *(w for w, t in suffix_type.items() if t in ("Agency", "Regulation")),
                # 清废行动和危险废物专项整治三年行动: two campaigns
                *(w for w, t in suffix_type.items() if t == "Programme" and len(w) > 1),
                *p["county_suffixes"],
                *p["place_suffixes"],
                "省",
                "法",  # 防沙治沙法和大气污染防治法: two laws
                *p["joined_work_ends"],
            }
        ),
        agency_kinds=tuple((str(k), str(v)) for k, v in p["agency_kinds"]),
        boundary_pos=frozenset(p["boundary_pos"]),
        name_words=frozenset(p["name_words"]),
        weak_suffixes=(*p["weak_suffixes"], *platforms),
        platform_suffixes=platforms,
        award_grades=grades,
        not_before_weak=tuple(p["not_before_weak"]),
        station_bodies=tuple(p.get("station_bodies") or ()),
        continuations={
            str(k): tuple(map(str, v)) for k, v in p.get("type_word_continuations", {}).items()
        },
        weak_holdings=tuple(p["weak_holdings"]),
        dated_sittings=tuple(p["dated_sittings"]),
        joint_words=frozenset(p["joint_words"]),
        counted_tail_re=re.compile(f"[{_CN_COUNT}]+大(?:{alternation(p['generic_modifiers'])})*$"),
        # a quoted term that makes a name specific holds words, not a formula (“1+N”体系)
        quoted_term_re=re.compile(r"“[^”]*[\u4e00-\u9fff][^”]*”"),
        yearly_editions=tuple(p["yearly_editions"]),
        programme_holdings=tuple(p["programme_holdings"]),
        instrument_words=Affixes(instruments_long),
        building_suffixes=tuple(p["building_suffixes"]),
        created_things=tuple(p["created_things"]),
        work_area_re=re.compile(
            f"(?:{alternation(p['scope_prefixes'])})?(?:{alternation(p['work_areas'])})"
        ),
        launch_verbs={
            str(suffix): tuple(group["verbs"])
            for group in (*p["launch_verbs"], {**p["designated_titles"], "suffixes": titles})
            for suffix in group["suffixes"]
        },
        designated_titles=frozenset(titles),
        policy_verbs=Affixes(p["policy_verbs"]),
        anchor_words=tuple(p["anchor_words"]),
        inspection_prefixes=tuple(p["inspection_prefixes"]),
        batched_events=tuple(p["batched_events"]),
        relative_re=re.compile(alternation(p["relative_agencies"])),
        generic_instrument_words=tuple(p["generic_instrument_words"]),
        quoted_not_names=frozenset(p["quoted_not_names"]),
        bare_heads=frozenset(p["bare_heads"]),
        follow_up_re=re.compile(f"“?(?:{alternation(p['follow_ups']['words'])})”?"),
        follow_up_event_after=tuple(p["follow_ups"]["event_after"]),
        follow_up_of={
            str(k): (str(v["needs"]), str(v["name"])) for k, v in p["follow_up_of"].items()
        },
        standard_series=tuple(standards.get("series") or ()),
        standard_not_starts=tuple(standards.get("not_title_starts") or ()),
        # the title after a standard's number, or the end of the one before it, with a (试行) note
        standard_title_after=re.compile(
            rf"\s*《?([\u4e00-\u9fff]{{2,30}}?(?:{title_end})(?:[(（](?:试行|暂行)[)）])?)》?"
        ),
        standard_citers=Affixes(standards.get("citers") or ()),
        standard_title_before=re.compile(
            rf"(?P<type>{title_end})(?P<note>[(（](?:试行|暂行)[)）])?》?\s*[(（]?\s*$"
        ),
        hosted_event_re=re.compile(
            rf"(?:{alternation(p['hosted_events']['verbs'])})"
            r"(?P<event>(?:\d{4}年)?(?:\d{1,2}月份?)?(?:例行)?"
            rf"(?:{alternation(p['hosted_events']['kinds'])}))"
        ),
        press_kinds=tuple(sorted(p["hosted_events"]["kinds"], key=len, reverse=True)),
        press_topic_re=re.compile(
            rf"(?:{alternation(p['hosted_events']['topic_verbs'])})"
            r"(?P<topic>[^,，。；;：:、《》()（）\s]{4,30}?)"
            rf"(?:{alternation(p['hosted_events']['topic_ends'])})?(?=[,，。；;\n]|$)"
        ),
        held_press_re=re.compile(
            rf"(?:{alternation(p['hosted_events']['verbs'])})的"
            r"(?P<topic>“?[\u4e00-\u9fff]{2,20}?”?)"
            rf"(?P<event>{alternation(p['hosted_events']['kinds'])})"
        ),
        hosted_verbs=Affixes(p["hosted_events"]["verbs"]),
        # the observance's name holds no year, date or quote; the host after it is short
        observance_re=re.compile(
            rf"(?P<day>(?![{''.join(p['observance_venues']['ends'])}])[^“”\d年，,。、]{{3,12}}?"
            rf"(?:{alternation(p['observance_venues']['ends'])}))”?[^“”]{{0,8}}"
            rf"(?:{alternation(p['observance_venues']['venues'])})$"
        ),
        held_from_year_re=re.compile(
            rf"(?:{alternation(p['hosted_events']['verbs'])})"
            r"(?P<name>\d{4}年[^，,。；;、：:“”\s]{0,16})$"
        ),
        host_when_re=re.compile(
            rf"(?:于?\d{{1,2}}月\d{{1,2}}日|{alternation(p['hosted_events'].get('when') or ())})+$"
        ),
        quoted_programme_res=(
            re.compile(
                rf"(?:{alternation(p['quoted_programme_verbs'])})了?(?:\d+[个项批家])?{_QUOTED_TERM}"
            ),
            re.compile(
                rf"(?:{alternation(p['quoted_slogan_verbs'])}){_QUOTED_TERM}(?=[，,。；;、])"
            ),
        ),
        noun_pos=frozenset(p["noun_pos"]),
        agency_res=tuple(re.compile(r) for r in p["agency_regexes"]),
        programme_res=tuple(re.compile(r) for r in p["programme_regexes"]),
        event_res=tuple(re.compile(r) for r in p.get("event_regexes") or ()),
        policy_res=tuple(re.compile(r) for r in p["policy_regexes"]),
        place_words=tuple(
            (
                tuple(r["ends"]),
                int(r["length"][0]),
                int(r["length"][1]),
                frozenset(r["tags"]),
                tuple(r.get("not_starts") or ()),
            )
            for r in p["place_words"]
        ),
        not_place_words=frozenset(p["not_place_words"]),
        company_form_re=re.compile(alternation(p["company_forms"])),
        verb_led_after=frozenset(lexicon.words.get("gazetteer", {}).get("verb_led_after") or ()),
        anonymous_words=tuple(p["anonymous_words"]),
        place_led_suffixes=tuple(p["place_led_works"]["suffixes"]),
        place_led_types=frozenset(p["place_led_works"]["place_types"]),
        coded_heads=Affixes(p["coded_campaigns"]["heads"]),
        scope_led_suffixes=tuple(p["scope_led_meetings"]["suffixes"]),
        scope_led_types=frozenset(p["scope_led_meetings"]["place_types"]),
        scope_led_words=Affixes(p["scope_led_meetings"]["scopes"]),
        campaign_code_re=re.compile(p["coded_campaigns"]["code"]),
    )


def agency_kind(name: str, lexicon: Lexicon) -> str:
    """The kind of an agency, from keywords in its name (government department by default)."""
    for keyword, kind in _config(lexicon).agency_kinds:
        if keyword in name:
            return kind
    return "government_department"


_LEVELS = ("province", "city", "county")
# Kinds of body that belong to no level of government (a university in a city is not the city's).
_NOT_GOVERNMENT = ("research_institute", "media", "enterprise")


def agency_level(name: str, lexicon: Lexicon) -> str | None:
    """The level of government of an agency (national, province, city, county, town): the
    lowest division its canonical name names; None when it names none and is not national."""
    levels = lexicon.words["entity_patterns"]["agency_levels"]
    if any(word in name for word in levels["town_words"]):
        return "town"
    named = [h.place.type for h in find_places(name, lexicon) if h.place.type in _LEVELS]
    if named:
        lowest = max(named, key=_LEVELS.index)
        if lowest != "county" and name.endswith(tuple(levels["county_ends"])):
            return "county"  # 承德市生态环境局围场分局
        return lowest
    if name.startswith(tuple(levels["national_starts"])) or name.endswith(
        tuple(levels["national_ends"])
    ):
        return "national"
    return None


@dataclass(frozen=True)
class _Tokens:
    """Word tokens of a text (jieba, with part-of-speech tags), indexed by their offsets."""

    bounds: frozenset[int]
    by_end: dict[int, tuple[int, str, str]]  # end -> (start, word, tag)
    starts: tuple[int, ...]  # where each token starts, in order
    length: int  # of the text

    def snap(self, pos: int) -> int:
        """The start of the token holding ``pos`` (``pos`` itself at a boundary)."""
        if pos in self.bounds or pos >= self.length:
            return pos
        return self.starts[bisect.bisect_right(self.starts, pos) - 1]


@lru_cache(maxsize=4)  # each extractor asks for the same document's tokens; keep a few
def _tokens(text: str) -> _Tokens:
    by_end: dict[int, tuple[int, str, str]] = {}
    pos = 0
    for word, tag in pos_cut(text):
        by_end[pos + len(word)] = (pos, word, tag)
        pos += len(word)
    starts = tuple(start for start, _, _ in by_end.values())
    return _Tokens(frozenset(by_end) | frozenset(starts), by_end, starts, pos)


# A short bracketed aside ending where a name is walked back to: a place the words before it
# are narrowed to ("江湖流域(鄱阳湖)").
_NAMED_ASIDE = re.compile(r"\([\u4e00-\u9fff]{2,8}\)$")
_STRETCH_ENDS = frozenset("段县区市旗")
# A project's phase or stretch after its type word; a campaign's years after its name are not
# part of it (the sets' gold names 滇池保护治理三年攻坚行动 without its 2024—2026年).
_PHASE_ASIDE = re.compile(r"\((?:[一二三四五六七八九十\d]{1,2}期|[\u4e00-\u9fff]{1,6}段)\)")


# A date's units: a name found leftwards ends at one that jieba glued a verb to (月经: 月, 经).
_DATE_UNITS = "年月日"


def _extend_left(text: str, end: int, suffix_start: int, type_: str, cfg: _Config) -> int | None:
    """The start of the name ending at ``end``: walk left over word tokens until a boundary
    (punctuation, a verb or particle that is not at home in names, a number with its counter,
    a boundary word, the length limit)."""
    tokens = _tokens(text)
    if (
        end not in tokens.bounds
        and end < len(text)
        and not _head_follows(text, end, text[suffix_start:end], cfg)
        and not (type_ == "Event" and _locative_follows(text, end, tokens))
    ):
        return None
    limit = max(0, end - cfg.max_length[type_])
    start = pos = head = tokens.snap(suffix_start)  # head: where the type word's token starts
    if (
        type_ == "Event"
        and start < suffix_start
        and (verb := starts_with_any(text[start:suffix_start], cfg.boundaries))
    ):
        return start + len(verb)  # one word "出席会议": the verb ends whatever stands before it
    quoted = False
    while pos > limit:
        if text[pos - 1 : pos] in '”"':
            if quoted and pos == start:
                break  # “林长+检察长”“林长+警长”协作机制: quoted items sharing one type word
            opening = text.rfind("“", limit, pos - 1)
            inner = text[opening + 1 : pos - 1]
            if opening < 0 or (
                any(c in _PUNCT for c in inner if c != "、") and not _SLOGAN.fullmatch(inner)
            ):
                break
            pos = start = opening  # a quoted term is part of the name: “三服务”机制
            quoted = True
            continue
        if (
            text[pos - 1 : pos] == ")"
            and (aside := _NAMED_ASIDE.search(text, max(limit, pos - 10), pos)) is not None
            and (
                (type_ == "Agency" and cfg.suffixes.at_end(aside.group(0)[1:-1]) is None)
                or (type_ == "Programme" and aside.group(0)[-2] in _STRETCH_ENDS)
            )
        ):
            # 江湖流域(鄱阳湖)保护与修复重点实验室: the aside names what the body's words are
            # about, inside its name; an aside naming a body (国家林业和草原局(国家公园管理局))
            # is its other name. A project's aside says which stretch or county of a river or
            # basin it covers: 修河流域(修水县段)…EOD项目
            pos = start = aside.start()
            continue
        if text[pos - 1 : pos] == "、" and _short_item(text, pos, tokens, cfg):
            pos = start = tokens.by_end[pos - 1][0]  # "蓝天、碧水、净土提升攻坚战"
            continue
        if (
            type_ in ("Agency", "Event")
            and (known := cfg.known_programmes.at_end(text[max(0, pos - 12) : pos])) is not None
            and pos - len(known) in tokens.bounds
            and pos - len(known) >= limit
        ):
            # a body or a meeting named after the scheme it runs (河长制工作委员会办公室, 林长制
            # 工作会议): jieba reads the 制 of 河长制 as a verb, which would end the name
            pos = start = pos - len(known)
            continue
        token = tokens.by_end.get(pos)
        if token is None:
            break
        token_start, word, tag = token
        if quoted and tag not in cfg.noun_pos and word not in cfg.name_words:
            break  # before a quoted term only nouns and name words belong to the name
            # (美丽中国“江西样板”, 生态环境执法“铁拳”专项行动)
        if token_start < limit or any(c in _PUNCT for c in word):
            break
        if (
            word[:1] in _DATE_UNITS
            and word[1:] in cfg.boundaries
            and text[token_start - 1 : token_start].isdigit()
        ):
            break  # "2021年10月经…会议": a date, then a verb (jieba reads 月经 as one word)
        if (
            word in cfg.joint_words
            and type_ in ("Programme", "Event")
            and (pos == head or text[pos:head] in cfg.name_words)
        ):
            pos = start = token_start  # 联合大比武, 联合执法行动: a joint event or campaign
            continue
        if (
            type_ == "Agency"
            and (verb := starts_with_any(word, cfg.boundaries)) is not None
            and len(verb) < len(word)
            and (
                (
                    (
                        before := ends_with_any(
                            text[max(0, token_start - 8) : token_start], cfg.suffixes
                        )
                    )
                    and cfg.suffix_type[before] == "Agency"
                )
                or text[token_start - 1 : token_start] in cfg.verb_led_after
            )
        ):
            # 分局会同县水利局: jieba reads 会同县 (a county), but after a body 会同 is its verb
            start = token_start + len(verb)
            break
        if word in cfg.boundaries and not (
            word in cfg.posts and (type_ == "Event" or (type_ == "Agency" and pos == head))
        ):
            # a post names a meeting of its holders (总河长会议, 主任会议) and, right before the
            # type word, the office that serves them (总河长办公室, 河湖长办)
            break
        if type_ == "Agency" and _ends_with_a_verb(word, cfg):
            break
        if (
            tag in cfg.boundary_pos
            and word not in cfg.name_words
            and not (word == "的" and type_ == "Policy")
            and not (_is_cjk(word) and text[token_start - 1 : token_start] == "”" and pos == head)
        ):
            # a word between a quoted term and the type word belongs to the name, whatever its
            # class (“草原管护员+网格员”巡护机制)
            if _division_word_opens(text, token_start, pos, end, type_, tokens, cfg):
                start = token_start  # 督促县水务局: the body of the county the text speaks of
            break
        if tag == "m" and not word.startswith("第") and _counter_follows(text, pos):
            break  # "3个…": a count; an ordinal (第十四届人民代表大会) is part of a name
        if word == "月" and _MONTH_BEFORE.search(text, max(0, token_start - 1), token_start):
            break
        if _BATCH.fullmatch(word) and not _ROUND_BEFORE.search(text, 0, token_start):
            break  # 第三轮…督察第二批督察: the batch is not part of the name, but a batch of
            # a round names one (第三轮第二批中央生态环境保护督察)
        if word[:1] in _JOINERS and len(word) > 1 and _ends_a_name(text, token_start, cfg):
            # "县政府和县森林草原防灭火指挥部": jieba reads 和县 (a county), but after a name
            # 和 joins two bodies
            start = token_start + 1
            break
        if (
            word in _JOINERS
            and (
                text.startswith("“", pos)  # 哈达山水利枢纽和“引松入查”工程: the quote opens a name
                or type_ == "Place"  # 白洋淀和雄安新区: two places; no place's name holds 和
                or _ends_a_name(text, token_start, cfg)
                # "江西与生态环境部卫星环境应用中心": a national body opens after the joiner
                or (type_ == "Agency" and cfg.national_starts.at_start(text[pos : pos + 12]))
                # "荆州与湖南省岳阳市水利局": places joined are no part of the body after them
                or (type_ == "Agency" and _places_joined(tokens, token_start, pos))
                or text.endswith((*cfg.joined_ends, "”"), 0, token_start)
                or cfg.known_names.at_end(
                    text[max(0, token_start - cfg.known_names.longest) : token_start]
                )
            )
        ):
            # "中国环境科学研究院和清华大学", "省生态环境厅与省公安厅", "“清四乱”和…专项行动":
            # two names, not one
            break
        pos = start = token_start
    if type_ in ("Programme", "Event"):
        start = _counted_items(text, start, suffix_start, tokens, cfg)
    while start < suffix_start and text[start] in "的了和与及并在对好":
        start += 1
    if (span := _YEAR_SPAN_BEFORE.search(text, max(0, start - 5), start + 5)) and span.end() == (
        start + 5
    ):
        start = span.start()  # 2025—2026年秋冬季…攻坚行动: the years it spans
    counted = _LEADING_COUNT.match(text, start, suffix_start)
    if counted and (
        counted.group(0)[:-1]
        or text[start - 1 : start].isdigit()
        or text[start - 1 : start] in _DIGITS
    ):
        # "10个专项攻坚行动" names the programme, not "个专项攻坚行动"; a counter's character
        # with no number before it opens a name (台湾电力公司, 台山核电有限公司)
        start = counted.end()
    if type_ == "Event" and (held := cfg.held_from_year_re.search(text, max(0, start - 24), start)):
        start = held.start("name")  # 召开2025年越冬水鸟同步调查结果新闻发布会: named as written
    if text.endswith(cfg.batched_events, 0, end) and (
        batch := _BATCH_BEFORE.search(text, max(0, start - 6), start)
    ):
        start = batch.start()  # 第三批美丽河湖优秀案例: the batch opens the edition's name
    return start


def _division_word_opens(
    text: str, at: int, after: int, end: int, type_: str, tokens: _Tokens, cfg: _Config
) -> bool:
    """Whether the division word from ``at`` to ``after`` (县, which jieba reads as a morpheme)
    opens the agency name ending at ``end``: it stands alone after a verb or punctuation
    (督促县水务局, ，县农业农村局), and a department's name follows, not a bare 分局."""
    if type_ != "Agency" or text[at:after] not in cfg.division_words or end - after < 3:
        return False
    before = tokens.by_end.get(at)
    return (
        before is None
        or any(c in _PUNCT for c in before[1])
        or before[2] in cfg.boundary_pos
        or before[1] in cfg.boundaries
    )


def _counted_items(text: str, start: int, end: int, tokens: _Tokens, cfg: _Config) -> int:
    """Where a name that counts its items (两大沙地歼灭战) starts: at the first of the items
    listed right before the count (科尔沁、浑善达克两大…, 科尔沁和浑善达克两大…), when the text
    lists as many; else at ``start`` (the name found so far holds the last item)."""
    count = _COUNTED_HEAD.search(text, start, end)
    if count is None or count.start() == start or _PUNCT.intersection(text[start:end]):
        return start
    wanted, items, pos = _CN_NUMBER[count.group(1)], 1, start
    while items < wanted and pos > 0 and text[pos - 1] in "、和与及":
        item_end = head = pos - 1
        while (
            (token := tokens.by_end.get(head)) is not None
            and (token[2].startswith("n") or token[2] in cfg.noun_pos)
            and token[1] not in cfg.boundaries
            and item_end - token[0] <= 6
        ):
            head = token[0]
        if head == item_end:
            break
        pos, items = head, items + 1
    return pos if items == wanted else start


def _head_follows(text: str, end: int, suffix: str, cfg: _Config) -> bool:
    """Whether the body's head follows its name at ``end`` (局|局长, 总队|总队长), which jieba
    reads as one word with the body's type word; a post of another body (党组|书记) does not
    count."""
    post = cfg.person_re.match(text, end)
    return bool(suffix) and post is not None and post.group(0).startswith((suffix, suffix[-1]))


def _locative_follows(text: str, end: int, tokens: _Tokens) -> bool:
    """Whether a locative word ends a meeting's name, read by jieba as one word with its last
    character (推进会|上 as 推进|会上, 大会|期间 as 大|会期|间 is not): "在…工作推进会上"."""
    return text[end : end + 1] in "上中后" and end + 1 in tokens.bounds


def _ends_with_a_verb(word: str, cfg: _Config) -> bool:
    """Whether a word longer than a two-character boundary word ends with one (依规问责,
    依法约谈: jieba keeps the manner and the verb as one word); in an instrument's title such
    words belong to the name (江安县贯彻落实…整改方案), in an agency's never."""
    verb = cfg.boundaries.at_end(word)
    return verb is not None and len(verb) >= 2 and len(word) > len(verb)


def _short_item(text: str, pos: int, tokens: _Tokens, cfg: _Config) -> bool:
    """Whether "、" before ``pos`` joins short items of one name (打好蓝天、碧水、净土提升攻坚战),
    not two names of a list (江铜集团、江钨控股集团): the item left of it is one short word
    standing after a boundary or another "、"."""
    left = tokens.by_end.get(pos - 1)
    if left is None or len(left[1]) > 2 or not _is_cjk(left[1]) or left[1] in cfg.posts:
        return False  # 副市长、市总湾长办公室: a post ends the name before the list goes on
    if ends_with_any(left[1], cfg.suffixes) is not None or _ends_a_name(text, pos - 1, cfg):
        return False  # 省委、省政府 and 执法大练兵、应急大演练: each item is a name of its own
    before = tokens.by_end.get(left[0])
    return before is None or before[2] not in cfg.noun_pos


def _places_joined(tokens: _Tokens, start: int, end: int) -> bool:
    """Whether the words right before ``start`` and right after ``end`` (a joiner's ends) are
    both place names (jieba's ns): 荆州|与|湖南省, not 海洋|与|渔业."""
    before = tokens.by_end.get(start)
    i = bisect.bisect_left(tokens.starts, end)
    if before is None or i >= len(tokens.starts) or tokens.starts[i] != end:
        return False
    after_end = tokens.starts[i + 1] if i + 1 < len(tokens.starts) else tokens.length
    after = tokens.by_end.get(after_end)
    return before[2] == "ns" and after is not None and after[2] == "ns"


def _ends_a_name(text: str, pos: int, cfg: _Config) -> bool:
    """Whether a complete name stands before ``pos`` (the text there ends with a type suffix or
    an instrument type such as 行动计划)."""
    return any(text.endswith(suffix, 0, pos) for suffix in cfg.name_ends)


def _counter_follows(text: str, pos: int) -> bool:
    """Whether a number ending at ``pos`` is followed by a counter (961个, 743家)."""
    return text[pos : pos + 1] in "个家件座项名人场篇期次部轮份批处条台所户只种套宗起例"


def _lexicon_candidates(doc: AnalyzedDoc, lexicon: Lexicon, cfg: _Config) -> Iterator[Candidate]:
    bounds = _tokens(doc.text).bounds
    for m in cfg.lexicon_re.finditer(doc.text):
        entry = cfg.lexicon_entries[m.group(0)]
        # (an occasion's words go on with when: 世界水日前后, which jieba reads 水|日前|后)
        around = entry["type"] == "Event" and doc.text.startswith(_AROUND_AN_OCCASION, m.end())
        if m.end() not in bounds and m.end() < len(doc.text) and not around:
            continue  # 生态环境部 inside 生态环境部门, 环境保护法 inside 环境保护法律
        if entry["type"] == "Programme" and doc.text.startswith(cfg.programme_holdings, m.end()):
            continue  # 生态保护补偿资金: the money, not the programme
        attrs = []
        if entry.get("kind"):
            attrs.append(("agencyType", str(entry["kind"])))
        for key in ("theme", "status", "en"):
            if entry.get(key):
                attrs.append((key, str(entry[key])))
        if entry["type"] in ("Policy", "Regulation"):
            kind = classify_title(str(entry["name"]), lexicon)
            attrs.append(("instrumentType", kind[1] if kind else "文件"))
        start, end, name = m.start(), m.end(), str(entry["name"])
        year = _YEAR_BEFORE.search(doc.text, max(0, start - 5), start)
        if year and name.endswith(cfg.yearly_editions):
            start, name = year.start(), year.group(0) + name  # 2025年政府工作报告: one edition
        phase = _PHASE.match(doc.text, end) if entry["type"] == "Programme" else None
        if phase is not None:
            end, name = phase.end(), name + phase.group(0)  # “三北”工程六期
        yield Candidate(
            start,
            end,
            str(entry["type"]),
            doc.text[start:end],
            "lexicon",
            tuple(attrs),
            name=name,
        )


# Words after an occasion's name saying when around it something happened.
_AROUND_AN_OCCASION = ("前后", "前夕", "期间", "当天", "当日", "之际", "前", "后")


# A second branch named right after a city bureau's branch (…局广饶分局和垦利分局, …局杭锦旗分局
# 会同达拉特旗分局): a county's short name and 分局, nothing of another body.
_SIBLING_BRANCH = re.compile(
    r"(?:、|和|及|与|会同)(?P<branch>(?![省市县区])[^\W\d_a-zA-Z局厅委办处所站队]{2,5}?分局)"
)


def _agency_candidates(doc: AnalyzedDoc, lexicon: Lexicon, cfg: _Config) -> Iterator[Candidate]:
    """Province-relative agencies (省委, 省政府) and agencies inside institutions."""
    bounds = _tokens(doc.text).bounds
    for m in cfg.relative_re.finditer(doc.text):
        if any(
            doc.text.startswith(words, m.start() + 1 - len(words))
            for words in cfg.collective_agency_starts
        ):
            continue  # 区人民政府 of 各县市区人民政府: every county's, no one body
        if m.end() in bounds or m.end() == len(doc.text):
            yield Candidate(
                m.start(),
                m.end(),
                "Agency",
                m.group(0),
                "lexicon",
                _agency_attrs(m.group(0), lexicon),
            )
    for regex in cfg.agency_res:
        for m in regex.finditer(doc.text):
            start = _extend_left(doc.text, m.end(), m.start(), "Agency", cfg)
            if start is not None:
                yield Candidate(
                    start,
                    m.end(),
                    "Agency",
                    doc.text[start : m.end()],
                    "pattern",
                    _agency_attrs(m.group(0), lexicon),
                )
                if (sibling := _SIBLING_BRANCH.match(doc.text, m.end())) is not None:
                    # 东营市生态环境局广饶分局和垦利分局: the second is the same bureau's too
                    bureau = doc.text[start : m.end()]
                    bureau = bureau[: bureau.rfind("局", 0, len(bureau) - 2) + 1]
                    name = bureau + sibling.group("branch")
                    yield Candidate(
                        sibling.start("branch"),
                        sibling.end("branch"),
                        "Agency",
                        sibling.group("branch"),
                        "pattern",
                        _agency_attrs(name, lexicon),
                        name=name,
                    )


def _registered_companies(doc: AnalyzedDoc, lexicon: Lexicon, cfg: _Config) -> Iterator[Candidate]:
    """A company under its registered name (…有限公司, …有限责任公司) opening its line, as a table
    or a list writes it: the whole run from the line's start is the name, whatever verbs jieba
    reads in it (全国碳排放权注册登记结算有限责任公司, 辽宁鞍澄钢铁集团有限公司). A run
    holding a word that introduces a name (由, 对, 会同) is a clause, left to the word walk; one
    holding 某 or 一家 names a company the text keeps anonymous."""
    text = doc.text
    for m in cfg.company_form_re.finditer(text):
        start = m.start()
        while start > 0 and text[start - 1] not in _PUNCT and m.end() - start < 30:
            start -= 1
        opening = start  # (the run opens its line: the role a list gives it is no part of it)
        while (role := starts_with_any(text[start : m.start()], cfg.leading_verbs)) is not None:
            start += len(role)
        start = _after_roles(text, start, m.start(), cfg)
        run = text[start : m.start()]
        if (
            len(run) < 2
            or (opening > 0 and text[opening - 1] not in "\n\r\t ")
            or not _is_cjk(run)
            or any(w in run for w in cfg.anonymous_words)
            or any(cfg.boundaries.at_end(run[:i]) for i in range(1, len(run) + 1))
        ):
            continue
        name = text[start : m.end()]
        yield Candidate(start, m.end(), "Agency", name, "pattern", _agency_attrs(name, lexicon))


def _after_roles(text: str, start: int, end: int, cfg: _Config) -> int:
    """Where a name found between ``start`` and ``end`` begins after the last role a party plays
    before it (被告, 全资子公司: "集团全资子公司丰源冶炼有限公司" is 丰源冶炼有限公司)."""
    cut = max(
        (at + len(role) for role in cfg.party_roles if (at := text.rfind(role, start, end)) >= 0),
        default=start,
    )
    return cut if cut < end else start


def _quoted_programmes(doc: AnalyzedDoc, cfg: _Config) -> Iterator[Candidate]:
    """Quoted campaign names after a verb that launches them (开展“绿盾2022”), and quoted names
    that end like a programme or event ("2025未来地球：科学与应用大会")."""
    for regex in cfg.programme_res:
        for m in regex.finditer(doc.text):
            yield Candidate(m.start(), m.end(), "Programme", m.group(0), "pattern")
    for regex in cfg.event_res:
        for m in regex.finditer(doc.text):
            yield Candidate(m.start(), m.end(), "Event", m.group(0), "pattern")
    for m in itertools.chain.from_iterable(r.finditer(doc.text) for r in cfg.quoted_programme_res):
        name = m.group(1).strip("“”")
        if _COUNTED_WATERS.fullmatch(m.group(1)):
            continue  # 推进“五河”…清理整治: the waters the work is on (a place)
        if name not in cfg.quoted_not_names and not _generic(
            name, ends_with_any(name, cfg.suffixes) or "", "", cfg
        ):
            yield Candidate(m.start(1), m.end(1), "Programme", m.group(1), "pattern")
    for m in _QUOTED_NAME.finditer(doc.text):
        name = m.group(1)
        suffix = ends_with_any(name, cfg.suffixes)
        type_ = cfg.suffix_type.get(suffix or "")
        if (
            suffix
            and type_ in ("Programme", "Event")
            and len(name) > len(suffix) + 1
            and not _generic(name, suffix, "", cfg)
        ):
            yield Candidate(m.start(1), m.end(1), type_, name, "pattern")


def _follow_ups(doc: AnalyzedDoc, cfg: _Config) -> Iterator[Candidate]:
    """Follow-up checks named by the work they revisit (督察整改“回头看”, 燃煤锅炉清零“回头看”):
    the words before them, as far as a name reaches; after an inspection (省级生态环境保护
    督察“回头看”) an event. Launched alone (开展“回头看”) they name nothing."""
    text = doc.text
    for m in cfg.follow_up_re.finditer(text):
        at = m.start()
        start = _extend_left(text, at, at, "Programme", cfg)
        if start is None:
            continue
        while (verb := starts_with_any(text[start:at], cfg.leading_verbs)) is not None:
            start += len(verb)
        head = text[start:at]
        implied = cfg.follow_up_of.get(head)
        if implied is not None and implied[0] in text:
            # 整改“回头看” in a text about an inspection: the inspection's rectification checks
            name = implied[1] + text[at : m.end()].strip("“”")
            yield Candidate(
                start, m.end(), "Programme", text[start : m.end()], "pattern", name=name
            )
            continue
        if len(head) < 3 or not _is_cjk(head) or cfg.generic_modifier_re.fullmatch(head):
            continue
        inner = ends_with_any(head, cfg.suffixes)
        if head.endswith(_JOINERS) or (
            inner is not None
            and cfg.suffix_type[inner] == "Programme"
            and inner not in cfg.weak_suffixes
        ):
            continue  # 整改及“回头看”: two kinds of work; 专项行动“回头看”: the campaign is named
        type_ = "Event" if head.endswith(cfg.follow_up_event_after) else "Programme"
        yield Candidate(start, m.end(), type_, text[start : m.end()], "pattern")


# "<issuer>关于[贯彻落实]<subject>的<type>": the parts of a title that may name other things.
_TITLE_PARTS = re.compile(
    r"(?P<issuer>[^《》关]{2,24}?)?关于(?:贯彻落实|贯彻执行|贯彻|落实|实施|执行"
    r"|(?P<drafting>制定|编制|起草|修订|修改))?(?P<subject>[^《》的]{2,60})的"
)
# A quoted phrase with no sentence punctuation inside (a colon may join a title and subtitle).
_QUOTED_NAME = re.compile(r"“([^“”，,。；;！？!?\n]{4,40})”")


def _hosted_events(doc: AnalyzedDoc, cfg: _Config) -> Iterator[Candidate]:
    """Press conferences named by their host: "青海省生态环境厅召开10月例行新闻发布会" names
    青海省生态环境厅10月例行新闻发布会 (the span is what follows the verb); one that presents a
    topic right after it, as a headline writes it, is named by the topic (举行新闻发布会介绍全省黄河
    流域生态环境保护有关情况: 全省黄河流域生态环境保护新闻发布会)."""
    text = doc.text
    for m in cfg.hosted_event_re.finditer(text):
        event = m.group("event")
        topic = cfg.press_topic_re.match(text, m.end()) if event in cfg.press_kinds else None
        if topic is not None:
            # the span runs over the topic, which names nothing else
            name = topic.group("topic") + event
            yield Candidate(m.start("event"), topic.end(), "Event", name, "pattern")
            continue
        host_end = m.start()
        if when := cfg.host_when_re.search(text, max(0, host_end - 12), host_end):
            host_end = when.start()  # …厅日前召开…: the host stands before when it held it
        suffix = ends_with_any(text[max(0, host_end - 8) : host_end], cfg.suffixes)
        if suffix is None or cfg.suffix_type[suffix] != "Agency":
            continue
        start = _extend_left(text, host_end, host_end - len(suffix), "Agency", cfg)
        if start is None or start >= host_end - len(suffix):
            continue
        host = text[start:host_end]
        yield Candidate(m.start("event"), m.end("event"), "Event", host + event, "pattern")
    for m in cfg.held_press_re.finditer(text):
        # "省政府新闻办举行的互花米草除治攻坚新闻发布会": all the words between 的 and the kind
        # name it, verbs of its topic (除治) too; a kind alone (例行新闻发布会) names none
        name = text[m.start("topic") : m.end("event")].replace("“", "").replace("”", "")
        kind = ends_with_any(name, cfg.press_kinds) or ""
        if len(name) - len(kind) >= 4:
            yield Candidate(m.start("topic"), m.end("event"), "Event", name, "pattern")


def _standard_candidates(doc: AnalyzedDoc, cfg: _Config) -> Iterator[Candidate]:
    """Standards cited by number, with the title written next to it (GB 16297—1996大气污染物综合
    排放标准, 地表水环境质量标准（GB 3838-2002）) or alone: by a title the lexicon knows it by,
    the title the text gives it elsewhere, else by the number itself."""
    text = doc.text
    found = [
        (code, _titled_standard(text, code, cfg))
        for code in find_standard_codes(text, cfg.standard_series)
    ]
    titles = {str(code): c.name or c.surface for code, c in found if c is not None}
    for code, candidate in found:
        if candidate is not None:
            yield candidate
        elif _cited_alone(text, code.start, code.end):
            # "超过GB 16297-1996规定限值" after "GB 16297-1996大气污染物综合排放标准": that standard
            title = titles.get(str(code))
            attrs = _standard_attrs(code)
            yield Candidate(
                code.start, code.end, "Regulation", title or str(code), "pattern", attrs, name=title
            )


def _standard_attrs(code: StandardCode) -> tuple[tuple[str, str], ...]:
    return (("standardCode", str(code)), ("instrumentType", "标准"))


def _titled_standard(text: str, code: StandardCode, cfg: _Config) -> Candidate | None:
    """A standard's number with its title written next to it, or known to the lexicon."""
    attrs = _standard_attrs(code)
    m = cfg.standard_title_after.match(text, code.end)
    if m is not None and not m.group(1).startswith(cfg.standard_not_starts):
        return Candidate(code.start, m.end(1), "Regulation", m.group(1), "pattern", attrs)
    lead = cfg.standard_title_before.search(text, max(0, code.start - 12), code.start)
    if lead is not None and not text[lead.start() : lead.end()].rstrip("（( ").endswith("》"):
        # the title ends with its type word or its (试行) note
        end = lead.end("note") if lead.group("note") else lead.end("type")
        start = _extend_left(text, end, lead.start(), "Regulation", cfg)
        if start is not None:
            # a verb of the title's own (除治, 还田, 净化) stops the walk over words; the clause
            # before the number holds the whole title, after the word that cites it (严格执行|
            # 互花米草除治技术规程, 稳定达到|城镇污水处理厂污染物排放标准)
            start = _clause_title_start(text, lead.start(), cfg)
        if start is not None and start < lead.start():
            return Candidate(start, end, "Regulation", text[start:end], "pattern", attrs)
    known = cfg.lexicon_entries.get(str(code))
    if known is None:
        return None
    name = str(known["name"])
    return Candidate(code.start, code.end, "Regulation", name, "lexicon", attrs, name=name)


# What ends the words of a standard's title on its left: a conjunction, a bracket, a quote.
_TITLE_STOP = re.compile(r"[^\u4e00-\u9fff]|[和及与或]")


def _clause_title_start(text: str, pos: int, cfg: _Config) -> int:
    """Where a standard's title ending in a type word at ``pos`` starts, walking left over
    characters to a conjunction or punctuation, or to a boundary word of two or more characters
    (执行, 落实) that introduces it; ``pos`` itself when nothing stands before it."""
    limit = max(0, pos - cfg.max_length["Regulation"])
    start = pos
    while start > limit and not _TITLE_STOP.match(text, start - 1):
        before = text[max(0, start - 6) : start]
        word = cfg.boundaries.at_end(before)
        if start < pos and (
            (word is not None and len(word) > 1) or cfg.standard_citers.at_end(before)
        ):
            break
        start -= 1
    return start


# What may follow a standard's number cited alone: no title runs on from it.
_AFTER_BARE_CODE = re.compile(r"(?:$|[^\u4e00-\u9fff]|[和及与或等的规要中限一二三])")


def _cited_alone(text: str, start: int, end: int) -> bool:
    """Whether a standard's number stands alone: not in brackets after a title (《…》（GB 3847-
    2018）) and not followed by words that may be its title (HJ 941-2018企业…方法)."""
    if text[start - 1 : start] in "(（" and text[max(0, start - 2) : start - 1] in "》标准范法":
        return False
    return _AFTER_BARE_CODE.match(text, end) is not None


def _title_candidates(doc: AnalyzedDoc, lexicon: Lexicon) -> Iterator[Candidate]:
    for start, end, type_, name, doc_type in title_mentions(doc, lexicon):
        yield Candidate(
            start,
            end,
            type_,
            doc.text[start:end],
            "title",
            (("instrumentType", doc_type),),
            name=name,
        )


def _place_candidates(doc: AnalyzedDoc, lexicon: Lexicon, cfg: _Config) -> Iterator[Candidate]:
    for hit in find_places(doc.text, lexicon):
        if hit.place.type in NATIONAL_TYPES:
            continue  # 全国 and 中国 are scopes, not places a graph should hold as entities
        yield Candidate(
            hit.start,
            hit.end,
            "Place",
            doc.text[hit.start : hit.end],
            "gazetteer",
            name=hit.place.name,
            key=f"place:{hit.place.id}",
        )
    for waters in _COUNTED_WATERS.finditer(doc.text):
        yield Candidate(waters.start(1), waters.end(1), "Place", waters.group(1), "pattern")
    # a county the gazetteer lacks stands right after its province or city (岳阳市湘阴县); after
    # a county come its towns (平江县启动伍市镇)
    hits = [h for h in find_places(doc.text, lexicon) if h.place.type in ("province", "city")]
    for hit in hits:
        pos = hit.end
        while (m := cfg.county_re.match(doc.text, pos)) is not None:
            known = find_places(m.group(0), lexicon)
            if known and known[0].start == 0 and known[0].end == len(m.group(0)):
                break  # a place the gazetteer knows
            yield Candidate(m.start(), m.end(), "Place", m.group(0), "pattern")
            pos = m.end() + 1 if doc.text[m.end() : m.end() + 1] == "、" else len(doc.text)
    for w_start, w_end, word in _place_words(doc.text, cfg):
        known = find_places(word, lexicon)
        if not any(h.start == 0 and h.end == len(word) for h in known):  # 岳阳县 is not 岳阳
            yield Candidate(w_start, w_end, "Place", word, "pattern")
    known_ends = {h.end: h.start for h in find_places(doc.text, lexicon)}
    for m in cfg.place_re.finditer(doc.text):
        start = _extend_left(doc.text, m.end(), m.start(), "Place", cfg)
        if start is None:
            continue
        named = known_ends.get(m.end(), start)
        if named > start and not find_places(doc.text[start:named], lexicon):
            # "紧盯祁连山自然保护区", "优化调整者腊水库、…": the gazetteer's name is the place,
            # the words before it, no place, are the clause's
            start = named
        # "推进亚洲象国家公园", "在仙米国家森林公园": the verb or preposition opens the clause
        while (verb := starts_with_any(doc.text[start : m.start()], cfg.leading_verbs)) or (
            verb := starts_with_any(doc.text[start : m.start()], cfg.boundaries)
        ):
            start += len(verb)
        start = _after_divisions(doc.text, start, m.start(), lexicon)
        start = _after_listed_place(doc.text, start, m.start(), lexicon, cfg)
        if "、" in doc.text[start : m.start()]:
            continue  # "水污染治理、自然保护区": a list of kinds, no name
        if m.end() - start >= cfg.min_length["Place"] and start < m.start():
            yield Candidate(start, m.end(), "Place", doc.text[start : m.end()], "pattern")


def _after_listed_place(text: str, start: int, stop: int, lexicon: Lexicon, cfg: _Config) -> int:
    """Where a park's name starts after a place listed before it (高邮湖和|盐城…国家级自然保护区):
    the joiner ends that item, and is no part of either name."""
    for hit in reversed(find_places(text[start:stop], lexicon)):
        joiner = start + hit.end
        if joiner < stop - 1 and text[joiner] in cfg.list_joiners:
            return joiner + 1
    return start


def _after_divisions(text: str, start: int, stop: int, lexicon: Lexicon) -> int:
    """Where a park's or reserve's name starts after the divisions written in full before it
    (湖南省岳阳市|东洞庭湖国家级自然保护区): they say where it is, and are no part of its name."""
    pos = start
    for hit in find_places(text[start:stop], lexicon):
        written = text[start + hit.start : start + hit.end]
        if start + hit.start != pos or hit.place.type not in ("province", "city", "county"):
            break
        if written != hit.place.name:
            break  # a short form (龙海九龙江口…) is part of the name
        pos = start + hit.end
    return pos


def _place_words(text: str, cfg: _Config) -> Iterator[tuple[int, int, str]]:
    """Words jieba reads as a proper name that end like a county, a city or a river
    (金堂县, 冷水江市, 锦江): places the gazetteer lacks."""
    last = {end[-1] for ends, *_ in cfg.place_words for end in ends}
    for end, (start, word, tag) in _tokens(text).by_end.items():
        if word[-1] not in last:
            continue  # most words: no rule's ending ends them
        if word in cfg.not_place_words or not _is_cjk(word) or word[0] in "各全本该每诸":
            continue
        if any(
            word.endswith(ends)
            and low <= len(word) <= high
            and tag in tags
            and not word.startswith(not_starts)
            for ends, low, high, tags, not_starts in cfg.place_words
        ):
            yield start, end, word


def _suffix_candidates(doc: AnalyzedDoc, lexicon: Lexicon, cfg: _Config) -> Iterator[Candidate]:
    text = doc.text
    tokens = _tokens(text)
    for m in cfg.suffix_re.finditer(text):
        suffix = m.group(1)
        s_start, s_end = m.start(1), m.end(1)
        type_ = cfg.suffix_type[suffix]
        longer = ends_with_any(text[max(0, s_end - cfg.suffixes.longest) : s_end], cfg.suffixes)
        if longer is not None and len(longer) > len(suffix) and cfg.suffix_type[longer] != type_:
            continue  # 会议 of 联席会议: the longer type word says what the name is
        if text.startswith(cfg.continuations.get(suffix, ()), s_end):
            continue  # 机制 of 机制砂 (machine-made sand): a longer word, no type word
        if len(suffix) == 1 and s_start not in tokens.bounds:
            word = text[tokens.snap(s_start) : s_end]
            if word.endswith(cfg.not_agency_words):
                continue  # 部 of 干部 (and of 党员干部), 局 of 布局, 办 of 举办
        post = cfg.person_re.match(text, s_start)
        if post is not None and post.end() > s_end:
            continue  # 党组 of 党组书记, 局 of 局长: a post, the body is named before it
        start = _extend_left(text, s_end, s_start, type_, cfg)
        if start is None:
            continue
        if suffix in cfg.launch_verbs:
            start = _launch_start(text, start, s_start, tokens, cfg.launch_verbs[suffix], cfg)
        if suffix in cfg.place_led_suffixes:
            start = _place_led_start(text, start, s_start, lexicon, cfg)
        if suffix in cfg.scope_led_suffixes:
            start = _scope_led_start(text, start, s_start, lexicon, cfg)
        while (verb := starts_with_any(text[start:s_start], cfg.leading_verbs)) is not None:
            start += len(verb)  # "奋力建设美丽中国先行区": the programme is 美丽中国先行区
        start = _after_roles(text, start, s_start, cfg)
        if text[start:s_end].endswith(cfg.group_members):
            continue  # 公司 of 生产型子公司: a company by its place in its group
        closed = starts_with_any(text[start:s_start], cfg.suffixes)
        if (
            closed is not None
            and text[start - 1 : start] == "”"
            and cfg.suffix_type[closed] == type_
        ):
            # “三北”工程黄河“几字弯”攻坚战: the type word after a quoted term closes that name,
            # the next one starts after it
            start += len(closed)
        opening = text.rfind("“", start, s_start)
        if (
            opening >= 0
            and "”" not in text[opening:s_end]
            and _all_divisions(text[start:opening], lexicon)
        ):
            # the name stands inside quotes, and is what they hold, after the divisions it is
            # of (以广东省“百县千镇万村高质量发展工程”为牵引); words before the quote are part of it
            # (洱海保护治理“八大攻坚战”)
            start = opening + 1
        if type_ == "Regulation":
            # a local regulation's name starts at its province or city, the last one named
            # before it (湘潭市全面实施湖南省湘江保护条例: 湖南省湘江保护条例)
            divisions = _divisions(text[start:s_start], lexicon)
            start += divisions[-1] if divisions else 0
        if type_ == "Agency" and not _plausible(
            text[start:s_end], type_, suffix, text[max(0, start - 12) : start], lexicon, cfg
        ):
            # 问责沈阳市生态环境局: a word jieba takes for a noun stands before the body, which
            # starts at the division it names
            start += _first_division(text[start:s_start], lexicon) or 0
        surface = text[start:s_end]
        if type_ == "Programme" and suffix in cfg.dated_sittings and _YEAR_FIRST.match(surface):
            type_ = "Event"  # 2025年塔里木河流域水资源管理联席会议: that year's sitting
        if type_ == "Programme" and (code := _quoted_alone(text, start, s_end, cfg)):
            if text[code:s_end] in cfg.bare_heads:
                yield Candidate(start, code, type_, text[start:code], "pattern")
            else:  # the words it covers are no other name: the span holds them
                name = text[start + 1 : code - 1]
                yield Candidate(start, s_end, type_, surface, "pattern", name=name)
            continue
        if (
            type_ in ("Programme", "Event")
            and text.endswith("”等", 0, start)
            and not text.startswith("“", start)
        ):
            # “河长+警长”“河长+检察长”等协作机制: the quoted items listed share the type words
            # after 等, unless those name what the items are kept in (…等重大项目建设台账); one
            # quoted item closes a list of kinds of work (环评、…搞“一刀切”等专项整治)
            items = list(_quoted_items(text, start - 1, surface, type_))
            if len(items) > 1 and not text.startswith(cfg.programme_holdings, s_end):
                yield from items
            continue
        if len(surface) < cfg.min_length[type_] or start >= s_start or surface in cfg.suffix_type:
            continue  # nothing but a type word (发布会, or 新闻发布会 seen as 新闻 + 发布会)
        if type_ == "Programme" and starts_with_any(text[s_end : s_end + 6], cfg.instrument_words):
            continue  # 省级美丽建设|规划纲要: the programme's words begin a document's title
        if (
            type_ == "Programme"
            and suffix in cfg.weak_suffixes
            and text.startswith(cfg.weak_holdings, s_end)
        ):
            continue  # 创造更多江西改革经验: the experience of a reform, no programme
        built = text[start:s_start]
        if suffix == "建设" and built.endswith(cfg.institution_suffixes):
            # 推进…重点实验室建设: the institution being built is what the text names
            attrs = _agency_attrs(built, lexicon)
            yield Candidate(start, s_start, "Agency", built, "pattern", attrs)
            continue
        if not _plausible(surface, type_, suffix, text[max(0, start - 12) : start], lexicon, cfg):
            continue
        scope = starts_with_any(surface, cfg.scope_words) if type_ == "Programme" else None
        if (
            scope is not None
            and len(surface) - len(scope) >= cfg.min_length[type_]
            and _plausible(
                surface[len(scope) :],
                type_,
                ends_with_any(surface, cfg.suffixes) or suffix,  # 三年行动, not 行动
                text[max(0, start - 12) : start],  # a verb before the scope launches it
                lexicon,
                cfg,
            )
        ):
            # 全省…三年行动 is that campaign where it goes on; a name that needs the scope to be
            # one (全省大气污染防治联合攻关) is the province's own and keeps it
            start, surface = start + len(scope), surface[len(scope) :]
        attrs = _agency_attrs(surface, lexicon) if type_ == "Agency" else ()
        if type_ == "Regulation":
            attrs = (("instrumentType", (classify_title(surface, lexicon) or ("", suffix))[1]),)
        if type_ == "Event" and (hosted := _hosted_by_division(text, start, s_end, lexicon, cfg)):
            yield Candidate(
                hosted[0], s_end, type_, text[hosted[0] : s_end], "pattern", name=hosted[1]
            )
            continue
        if suffix in cfg.award_grades:
            name = surface[: -len(suffix)] + "奖"  # the award, whatever grade was won
            yield Candidate(start, s_end, type_, surface, "pattern", attrs, name=name)
            continue
        if type_ == "Programme" and (phase := _PHASE_ASIDE.match(text, s_end)) is not None:
            # 桑干河(大同段)生态保护修复工程(一期), 海洋生态修复项目(大鹏湾段): the phase or
            # stretch in brackets tells one project from its siblings
            s_end = phase.end()
            surface = text[start:s_end]
        yield Candidate(start, s_end, type_, surface, "pattern", attrs)
        if type_ in ("Programme", "Event"):
            yield from _quoted_siblings(text, start, s_end, type_)


def _hosted_by_division(
    text: str, start: int, end: int, lexicon: Lexicon, cfg: _Config
) -> tuple[int, str] | None:
    """A meeting named by its time (a year first) and topic right after the division that
    holds it (福建省南平市召开2023年市级总河长会议, 江津区召开2025年前三季度…新闻发布会) is that
    division's: its name starts with the division, its span with the time."""
    lead = _TIME_LEAD.search(text, max(0, start - 12), start)
    at = lead.start() if lead else start
    if not text[at : at + 1].isdigit():
        return None  # 成都市召开大气污染防治工作会议: a topic alone names the meeting
    verb = cfg.hosted_verbs.at_end(text[max(0, at - cfg.hosted_verbs.longest) : at])
    year = _YEAR_FIRST.match(text, start)
    body = year.end() if year else start  # 2025年全省…工作会议: what follows the year
    if verb is None or _OWN_BODY.match(text, body) or text.startswith(cfg.scope_words, body):
        return None  # 遵义市召开市政府常务会议, …召开全市…大会: the name says whose it is
    host_end = at - len(verb)
    if when := cfg.host_when_re.search(text, max(0, host_end - 12), host_end):
        host_end = when.start()
    window = max(0, host_end - 12)
    hits = [
        h
        for h in find_places(text[window:host_end], lexicon)
        if window + h.end == host_end and h.place.type in ("province", "city", "county")
    ]
    if not hits or find_places(text[start:end], lexicon)[:1]:
        return None  # no division holds it, or the name says where already
    return at, text[window + hits[-1].start : host_end] + text[at:end]


# A quoted campaign name at the start of a name.
_QUOTED_START = re.compile(r"“[^“”,，。；;\s]{2,14}”")


def _quoted_alone(text: str, start: int, end: int, cfg: _Config) -> int | None:
    """The end of the quoted words that name the campaign from ``start`` to ``end`` alone, when
    only a bare head follows them (“静音护考”行动), or when they are a campaign's code (its year
    in it) and words saying what it covers stand before its head (“清风2026”涉危废企业专项行动)."""
    quoted = _QUOTED_START.match(text, start, end)
    if quoted is None:
        return None
    rest = text[quoted.end() : end]
    if rest in cfg.bare_heads:
        return quoted.end()
    head = ends_with_any(rest, cfg.coded_heads)
    if (
        head is not None
        and cfg.campaign_code_re.search(quoted.group(0))
        and len(rest) - len(head) >= 2
        and rest[: -len(head)] not in cfg.joint_words  # “护水2026”联合执法行动 is joint
    ):
        # “碧海2026”近岸海域专项执法行动: a coded campaign, and what it covers
        return quoted.end()
    return None


def _quoted_siblings(text: str, start: int, end: int, type_: str) -> Iterator[Candidate]:
    """The quoted items before a name that opens with a quoted item, each named with the same
    type words: “林长+检察长”“林长+警长”协作机制 names 林长+检察长协作机制 too."""
    if not text.startswith("“", start) or (close := text.find("”", start, end)) < 0:
        return
    yield from _quoted_items(text, start, text[close + 1 : end], type_)


def _quoted_items(text: str, pos: int, head: str, type_: str) -> Iterator[Candidate]:
    """The quoted items ending at ``pos`` (one after another, or with 、 between), each named
    with ``head``, the type words they share."""
    while pos > 1 and (text[pos - 1] == "”" or text[pos - 2 : pos] == "”、"):
        closing = pos - 1 if text[pos - 1] == "”" else pos - 2
        opening = text.rfind("“", max(0, closing - 16), closing)
        item = text[opening + 1 : closing]
        if opening < 0 or not item or any(c in _PUNCT for c in item):
            return
        yield Candidate(
            opening, closing + 1, type_, text[opening : closing + 1], "pattern", name=item + head
        )
        pos = opening


def _divisions(text: str, lexicon: Lexicon) -> list[int]:
    """Where ``text`` names a province, city or county."""
    return [
        h.start
        for h in find_places(text, lexicon)
        if h.place.type in ("province", "city", "county")
    ]


def _all_divisions(text: str, lexicon: Lexicon) -> bool:
    """Whether ``text`` is nothing but places (none at all included)."""
    return sum(h.end - h.start for h in find_places(text, lexicon)) == len(text)


def _first_division(text: str, lexicon: Lexicon) -> int | None:
    return next(iter(_divisions(text, lexicon)), None)


def _collective(name: str, lexicon: Lexicon) -> bool:
    """Whether an agency's name is a division's name and a head that means all such bodies
    there (江苏人民法院: the courts of Jiangsu), no one body."""
    rule = lexicon.words["entity_patterns"]["collective_bodies"]
    hits = find_places(name, lexicon)
    return (
        bool(hits)
        and hits[0].start == 0
        and hits[0].place.type in rule["divisions"]
        and name[hits[0].end :] in rule["heads"]
    )


def _agency_attrs(name: str, lexicon: Lexicon) -> tuple[tuple[str, str], ...]:
    return (("agencyType", agency_kind(name, lexicon)),)


def _plausible(
    surface: str, type_: str, suffix: str, before: str, lexicon: Lexicon, cfg: _Config
) -> bool:
    """Filters for pattern names whose suffix alone is too common to trust (``before``: the
    text just left of the name)."""
    if (
        type_ == "Agency"
        and suffix == _STATION
        and not surface[: -len(_STATION)].endswith(cfg.station_bodies)
    ):
        return False  # 空气自动监测站, 太平监测站: a monitoring site, not the body that runs it
    if type_ == "Agency":
        return not surface.startswith(cfg.collective_agency_starts) and (
            surface.startswith(cfg.agency_prefixes)
            or surface.endswith(cfg.institution_suffixes)
            or _starts_with_place(surface, lexicon)
        )
    if type_ == "Regulation" and suffix == "条例":
        # a local regulation names its province or city: 云南省生物多样性保护条例
        return _starts_with_place(surface, lexicon) or surface.startswith(cfg.relative_scopes)
    if type_ == "Event" and suffix.endswith("督察"):
        return surface.startswith(cfg.inspection_prefixes) or _starts_with_place(surface, lexicon)
    if type_ in ("Programme", "Event") and _generic(surface, suffix, before, cfg):
        return False
    if type_ == "Programme" and suffix in cfg.designated_titles:
        return _launched(before, surface, suffix, cfg)  # 获评…示范县: the title conferred
    if type_ == "Programme" and _placed(surface, lexicon, cfg):
        return False
    if type_ == "Programme" and suffix == "创建":
        return surface[: -len(suffix)].rstrip('”"').endswith(cfg.created_things)
    if type_ == "Programme" and suffix in cfg.weak_suffixes:
        if surface[: -len(suffix)].endswith(cfg.not_before_weak):
            return False  # 监督管理体制机制: how a field is governed
        return (
            any(word in surface for word in cfg.anchor_words)
            or bool(cfg.quoted_term_re.search(surface))
            or bool(find_places(surface, lexicon))
            or (surface.startswith(cfg.relative_scopes) and suffix not in cfg.platform_suffixes)
            or _launched(before, surface, suffix, cfg)
            or _builds_a_named_thing(surface, suffix, cfg)
        )
    return True


def _placed(surface: str, lexicon: Lexicon, cfg: _Config) -> bool:
    """Whether a programme's name is only divisions (and a launching verb or scope) before a
    field of work (河南省生态文明建设) or a programme the lexicon knows (石嘴山市无废城市建设):
    the divisions say where that work or programme goes on (a basin's project is its own:
    闽江流域山水林田湖草沙一体化保护和修复工程)."""
    known = cfg.known_programmes.at_end(surface)
    head = surface[: len(surface) - len(known)] if known else surface
    pos = 0
    while pos < len(head):
        hits = [
            h
            for h in find_places(head[pos:], lexicon)
            if h.start == 0 and h.place.type in ("province", "city", "county")
        ]
        if hits:
            pos += max(h.end for h in hits)
        elif word := starts_with_any(head[pos:], cfg.leading_verbs):
            pos += len(word)
        else:
            break
    if pos == 0:
        return False
    rest = head[pos:]
    # (a weak type word alone after the divisions names no work: 湖口县|整治, 深州市|建设; a
    # strong one names the place's own: 湖北|碳排放权交易市场)
    return (
        (known is not None and not rest)
        or bool(cfg.work_area_re.fullmatch(rest))
        or (known is None and (not rest or rest in cfg.weak_suffixes))
    )


_STATION = "监测站"


def _generic(surface: str, suffix: str, before: str, cfg: _Config) -> bool:
    """Whether a programme or event name names no particular one: a field of work
    (国家生态文明建设), only generic words or a count before its type word (专项攻坚行动, 三大工程,
    全球性会议), or the count that closes a list (…整治、鄱阳湖总磷全域系统治理五大专项行动: the
    five are the list)."""
    if cfg.work_area_re.fullmatch(surface):
        return True
    longest = ends_with_any(surface, cfg.suffixes) or suffix  # 攻坚行动, not 行动
    head = surface[: len(surface) - len(longest)]
    if cfg.generic_modifier_re.fullmatch(head):
        return True
    return bool(cfg.counted_tail_re.search(head)) and bool(_OPEN_LIST.search(before))


def _builds_a_named_thing(surface: str, suffix: str, cfg: _Config) -> bool:
    """Whether a weak type word follows a name that is strong on its own (清新空气示范区|建设,
    跨省流域联防联控联席会议|制度): the programme builds or institutes that named thing."""
    head = surface[: len(surface) - len(suffix)]
    inner = ends_with_any(head, cfg.suffixes)
    return (
        suffix in cfg.building_suffixes
        and inner is not None
        and cfg.suffix_type[inner] in ("Programme", "Event")
        and inner not in cfg.weak_suffixes
        and len(head) > len(inner) + 1
        and len(head) >= cfg.min_length[cfg.suffix_type[inner]]  # 联席会议制度 names none
    )


def _launch_start(
    text: str, start: int, s_start: int, tokens: _Tokens, verbs: Sequence[str], cfg: _Config
) -> int:
    """Where a name starts when a verb that launches or founds it stands further left than the
    word tokens reach: word classes stop at verbs inside the name (化肥农药|减量|行动,
    温室气体|自愿|减排项目开发试点), the launching verb does not (深入实施化肥农药减量行动,
    成立自愿减排降碳联盟)."""
    lower = max(0, s_start - cfg.max_length["Programme"])
    found = []
    for verb in verbs:
        i = text.rfind(verb, lower, start)
        if i < 0:
            continue
        pos = i + len(verb)
        if text.startswith("了", pos):
            pos += 1  # 实施了…三年行动
        between = text[pos:s_start]
        if pos not in tokens.bounds or _NOT_IN_NAME.search(between):
            continue
        joined = any(  # 开展清废行动和…三年行动: the verb launches two names
            c in _JOINERS and between.endswith(cfg.joined_ends, 0, j) for j, c in enumerate(between)
        )
        if not joined:
            found.append(pos)
    return max(found, default=start)


def _scope_led_start(text: str, start: int, s_start: int, lexicon: Lexicon, cfg: _Config) -> int:
    """Where the name of a meeting starts when the word walk stopped at a verb inside it
    (全市长江禁捕|退捕|工作会议, 衡水市地下水超采|综合治理工作推进会): at the first scope word or
    division of the run of words before it, which no word that ends a name breaks."""
    tokens = _tokens(text)
    if s_start not in tokens.bounds:
        return start  # 主持会议: the type word is part of a word (a verb's object)
    limit = max(0, s_start - cfg.max_length["Event"])
    pos = run = tokens.snap(start)
    while pos > limit:
        token = tokens.by_end.get(pos)
        if token is None or token[0] < limit or not _is_cjk(token[1]):
            break
        if token[1] in cfg.boundaries:
            break
        pos = run = token[0]
    if run >= start:
        return start
    places = {
        run + h.start
        for h in find_places(text[run:start], lexicon)
        if h.place.type in cfg.scope_led_types
    }
    for at in sorted(tokens.bounds & set(range(run, start))):
        if at in places or cfg.scope_led_words.at_start(text[at:start]):
            return at
    return start


def _place_led_start(text: str, start: int, s_start: int, lexicon: Lexicon, cfg: _Config) -> int:
    """Where the name of a work (…工程) starts when the word walk stopped at a verb inside it
    (抚仙湖径流区生态|搬迁|工程, 梅山镇污水处理厂提标|扩建|工程): at the last place of the kinds
    works are named after, in the same run of words before the type word, with no word that
    ends a name between (在, 实施, …)."""
    lower = s_start
    while lower > max(0, s_start - cfg.max_length["Programme"]) and _is_cjk(text[lower - 1]):
        lower -= 1
    hits = [
        h for h in find_places(text[lower:start], lexicon) if h.place.type in cfg.place_led_types
    ]
    if not hits:
        return start
    at = lower + max(h.start for h in hits)
    tokens = _tokens(text)
    if at not in tokens.bounds:
        return start
    pos = s_start
    while pos > at:
        token = tokens.by_end.get(pos)
        if token is None or token[1] in cfg.boundaries:
            return start  # 高密市建筑垃圾…在市政道路工程: a word that ends a name
        pos = token[0]
    return min(at, start)


def _launched(before: str, surface: str, suffix: str, cfg: _Config) -> bool:
    """Whether a campaign-like name (…行动, …试点) stands right after a verb that launches it
    (开展执法稽查行动, 稳步推进排污权储备交易试点), or continues a list that does."""
    verbs = cfg.launch_verbs.get(suffix, ())
    if not verbs or len(surface) < cfg.min_length["Programme"] + 1:
        return False
    if before.endswith("、"):
        return bool(re.search(f"(?:{'|'.join(verbs)})[^，。；、]{{4,}}、$", before))
    return before.endswith(verbs)


def _starts_with_place(surface: str, lexicon: Lexicon) -> bool:
    hits = find_places(surface, lexicon)
    return bool(hits) and hits[0].start == 0


def _policy_candidates(doc: AnalyzedDoc, lexicon: Lexicon, cfg: _Config) -> Iterator[Candidate]:
    for regex in cfg.policy_res:
        for m in regex.finditer(doc.text):
            kind = classify_title(m.group(0), lexicon)
            attrs = (("instrumentType", kind[1] if kind else "规划"),)
            yield Candidate(m.start(), m.end(), "Policy", m.group(0), "pattern", attrs)
    for regex in (cfg.policy_re, cfg.numbered_policy_re):
        for m in regex.finditer(doc.text):
            start = m.start(1)
            # "实施美丽江西建设规划纲要", "发布743家…清单": the verb or count is not the name
            while (
                verb := starts_with_any(doc.text[start : m.end(1)], cfg.policy_verbs)
            ) is not None:
                start += len(verb)
            if doc.text.startswith("了", start):
                start += 1  # 编制了…整改方案
            counted = _LEADING_COUNT.match(doc.text, start, m.end(1))
            if counted and (len(counted[0]) > 1 or doc.text[start : start + 2] not in word_tags()):
                start = counted.end()  # (but 根据项目支出…办法: 项 opens the word 项目)
            items = doc.text[start : m.end(1)].split("、")
            if len(items) > 1 and (
                any(classify_title(item, lexicon) for item in items[:-1])
                or _LIST_OF_KINDS.search(doc.text, start, m.end(1))
            ):
                # 规划纲要、实施方案 is a list of titles; 涉水、涉气…的地方性法规, 挥发性有机物、
                # 工业废水高氯酸盐等13项标准 describe kinds of instrument, not one
                continue
            surface = doc.text[start : m.end(1)]
            if len(surface) < cfg.min_length["Policy"] or any(
                word in surface for word in cfg.generic_instrument_words
            ):
                continue  # 按照有关规定, 各项规定: no particular instrument
            if _JOINED_TITLES.search(surface):
                # 项目支出绩效评价管理办法和安徽省省级…暂行办法: two instruments, each a title
                yield from _joined_titles(doc.text, start, m.end(1), lexicon, cfg)
                continue
            if (
                regex is cfg.policy_re
                and starts_with_any(surface, cfg.leading_verbs)
                and "的" not in surface
            ):
                continue  # 通过加强防灾减灾规划 is doing, not a title (加强…的实施意见 is one)
            kind = classify_title(surface, lexicon)
            type_, doc_type = kind if kind else ("Policy", "条")
            yield Candidate(
                start, m.end(1), type_, surface, "pattern", (("instrumentType", doc_type),)
            )


def _joined_titles(
    text: str, start: int, end: int, lexicon: Lexicon, cfg: _Config
) -> Iterator[Candidate]:
    """The titles joined in ``text[start:end]`` (黑土地保护法和吉林省黑土地保护条例), each that
    reads as one."""
    cuts = [m.end() - 1 for m in _JOINED_TITLES.finditer(text, start, end)]
    for begin, stop in zip([start, *(c + 1 for c in cuts)], [*cuts, end], strict=True):
        title = text[begin:stop]
        kind = classify_title(title, lexicon)
        if kind is not None and len(title) >= cfg.min_length["Policy"]:
            yield Candidate(begin, stop, kind[0], title, "pattern", (("instrumentType", kind[1]),))


def _person_candidates(doc: AnalyzedDoc, cfg: _Config) -> Iterator[Candidate]:
    found = list(_introduced_people(doc, cfg))
    yield from found
    # "市总河长袁东海出席…。袁东海在讲话中指出": a name the text introduced, written again alone,
    # is that person again, and holds no place (东海) of its own
    introduced = {c.start for c in found}
    for name in sorted({c.surface for c in found if len(c.surface) >= _REPEATED_NAME_MIN}):
        for m in re.finditer(re.escape(name), doc.text):
            if m.start() not in introduced:
                yield Candidate(m.start(), m.end(), "Person", name, "pattern")


# (a two-character name, 王强, may be part of any word)
_REPEATED_NAME_MIN = 3


def _introduced_people(doc: AnalyzedDoc, cfg: _Config) -> Iterator[Candidate]:
    """People the text introduces: by a post or title, a form's field or a speaker's line."""
    text = doc.text
    tokens = _tokens(text)
    for m in cfg.person_re.finditer(text):
        pos = m.end()
        field = text[pos : pos + 1] in ":："
        if field:
            pos += 1  # "法定代表人：王建军", "村委会主任：俞国平": a form's field and its value
        if text[pos : pos + 1] == " " and text[pos + 1 : pos + 2] != " ":
            pos += 1  # "【同期】自治区水利厅副厅长　李建新": a caption sets the name apart
        if (named := cfg.transliterated_re.match(text, pos)) is not None:
            # "副局长次仁多吉在活动上介绍": a name transliterated, with no Han surname
            stop: int | None = named.end("name")
        elif cfg.surnames and text[pos : pos + 1] in cfg.surnames:
            stop = _name_end(text, pos, tokens, cfg.compound_surnames)
            if stop is not None and text[pos + 1 : stop] in cfg.appellations:
                continue  # "村民黄大哥说": how the text calls him
        else:
            continue
        if stop is not None and field and not _FIELD_END.match(text, stop):
            continue  # "主持人：谢谢周局长": after a speaker's colon, what is said
        if stop is not None:
            yield Candidate(pos, stop, "Person", text[pos:stop], "pattern", (("post", m.group(0)),))
    for m in cfg.titled_re.finditer(text):
        # "…学院温家洪教授": a name right before an academic title, starting at a word boundary
        start = m.start(1)
        for begin in (start, start + 1):
            end = m.end(1)
            name = text[begin:end]
            if len(name) >= 2 and name[0] in cfg.surnames and begin in tokens.bounds:
                yield Candidate(begin, end, "Person", name, "pattern")
                break
    for m in cfg.person_field_re.finditer(text):
        yield from _field_names(text, m.end(), cfg)
    for m in cfg.speaker_re.finditer(text):
        if m.group(1)[0] in cfg.surnames:
            yield Candidate(m.start(1), m.end(1), "Person", m.group(1), "pattern")


def _field_names(text: str, pos: int, cfg: _Config) -> Iterator[Candidate]:
    """The people a form's field names ("联名人：刘海涛、其其格、张建军"), each up to 、, a bracket
    or the end of the field; a name with no Han surname (其其格) counts when the field holds one
    that has one."""
    names: list[tuple[int, int]] = []
    while True:
        item = _FIELD_ITEM.match(text, pos)
        if item is None:
            break
        names.append(item.span(1))
        if text[item.end() : item.end() + 1] != "、":
            break
        pos = item.end() + 1
    if any(text[a] in cfg.surnames for a, _ in names):
        for a, b in names:
            yield Candidate(a, b, "Person", text[a:b], "pattern", (("post", "field"),))


# An item of a form field's list of people: a name, then 、, a bracket, a space or the line's end.
_FIELD_ITEM = re.compile(r"([\u4e00-\u9fff·]{2,6}?)(?=[、（(\s]|$)", re.M)


# What ends a form field's value: the line, or the space before the next field.
_FIELD_END = re.compile(r"\s|$")


def _transliterated(words: Mapping[str, Any]) -> re.Pattern[str]:
    """A transliterated name of three to ten syllables (and middle dots) before a cue (two
    would be common words too: 多次)."""
    chars = re.escape(str(words.get("transliterated_name_chars") or ""))
    cues = words.get("transliterated_name_cues") or ()
    if not chars or not cues:
        return re.compile("(?!)")
    # (a caption's line may end with the name: "…副局长　阿不都热合曼·吐尔逊")
    return re.compile(
        rf"(?P<name>[{chars}](?:·?[{chars}]){{2,9}})(?={alternation(cues)}|[ \t]*(?:\n|$))"
    )


def _is_cjk(chunk: str) -> bool:
    return _CJK.fullmatch(chunk) is not None


_CJK = re.compile("[\u4e00-\u9fff]+")


def _name_end(text: str, pos: int, tokens: _Tokens, compound: Sequence[str]) -> int | None:
    """The end of a two- or three-character personal name starting at ``pos``: the word jieba
    sees there, or a surname (one character, or two: 欧阳) joined to the one- or two-character
    word after it."""
    if pos not in tokens.bounds:
        # "处长孙丽娟": jieba reads 处处|长孙|丽娟, the post's last character joined to the
        # surname; the name is the surname and the given name jieba tags as one
        given = tokens.by_end.get(pos + 3)
        if text[pos - 1 : pos + 1] not in compound or given is None or given[0] != pos + 1:
            return None
        return pos + 3 if given[2].startswith("nr") else None
    if text.startswith(tuple(compound), pos):
        for end in (pos + 4, pos + 3):
            if end in tokens.bounds and _is_cjk(text[pos:end]):
                return end
    for end in (pos + 3, pos + 2):
        token = tokens.by_end.get(end)
        if token is not None and token[0] == pos and _is_cjk(text[pos:end]):
            given = tokens.by_end.get(end + 1)
            if end == pos + 2 and given is not None and given[0] == end and given[2][:1] in "n":
                return end + 1  # "高雅琴主持": jieba reads the word 高雅, the name goes on
            return end
    first = tokens.by_end.get(pos + 1)
    if first is not None and first[0] == pos:
        for end in (pos + 3, pos + 2):
            token = tokens.by_end.get(end)
            if token is not None and token[0] == pos + 1 and _is_cjk(text[pos:end]):
                return end
    return None


def _resolve_overlaps(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Keep the longest of overlapping candidates; at equal length the surer source wins, then
    one that knows its name (“河长+检察长” of “河长+检察长”“河长+警长”机制 is named with 机制)."""
    ordered = sorted(
        candidates,
        key=lambda c: (
            -(c.end - c.start),
            _SOURCE_RANK[c.source],
            c.name is None,
            c.start,
            c.type,
        ),
    )
    taken = SpanSet()
    kept = []
    for cand in ordered:
        if cand.start >= cand.end or taken.overlaps(cand.start, cand.end):
            continue  # (no candidate is empty: a name has characters)
        taken.add(cand.start, cand.end)
        kept.append(cand)
    return sorted(kept, key=lambda c: (c.start, c.end))


def find_candidates(doc: AnalyzedDoc, lexicon: Lexicon) -> list[Candidate]:
    """Every entity candidate of the document after overlap resolution.

    A place named inside the name of a programme, policy or event (鄱阳湖 in
    鄱阳湖总磷污染控制专项行动) is a mention of that place too; inside an agency's name
    (北京大学, 湖南省生态环境厅) it is not.
    """
    cfg = _config(lexicon)
    kept = _resolve_overlaps(_pooled(doc, lexicon, cfg))
    places = [c for c in _place_candidates(doc, lexicon, cfg) if c.source == "gazetteer"]
    kept_set = set(kept)
    inside = _covered(kept, lambda c: c.type not in ("Agency", "Place", "Person"))
    named = _covered(kept, lambda c: c.type in ("Agency", "Place"))
    nested = [
        p
        for p in places
        if p not in kept_set and inside(p.start, p.end, True) and not named(p.start, p.end, False)
    ]
    inner = list(_title_parts(doc, lexicon, cfg, kept))
    inner += [o for c in kept if c.type == "Event" and (o := _observance(c, cfg)) is not None]
    shared = [
        c
        for c in _listed_departments(doc.text, lexicon, cfg, kept)
        if not named(c.start, c.end, False)
    ]
    found = sorted({*kept, *nested, *inner, *shared}, key=lambda c: (c.start, c.end, c.type))
    return _numbered(doc, lexicon, found)


def _observance(event: Candidate, cfg: _Config) -> Candidate | None:
    """The observance whose main venue an event is (六五环境日 of
    2023年“六五环境日”滨海新区主场活动): the text names the observance too, as others do alone."""
    m = cfg.observance_re.search(event.surface)
    if m is None:
        return None
    start = event.start + m.start("day")
    return Candidate(start, start + len(m["day"]), "Event", m["day"], "pattern")


def _listed_departments(
    text: str, lexicon: Lexicon, cfg: _Config, kept: Sequence[Candidate]
) -> Iterator[Candidate]:
    """Departments listed after one named with its division share that division: in
    "自治区自然资源厅、水利厅、林业局" the 水利厅 and the 林业局 are the region's too."""
    departments = _department_words(lexicon)
    for cand in kept:
        dept = ends_with_any(cand.surface, departments) if cand.type == "Agency" else None
        division = cand.surface[: -len(dept)] if dept else ""
        if not division or not (
            division in cfg.division_words
            or division in cfg.relative_divisions
            or sum(h.end - h.start for h in find_places(division, lexicon)) == len(division)
        ):
            continue
        pos, bounds = cand.end, _tokens(text).bounds
        while text[pos : pos + 1] in cfg.list_joiners and pos < len(text):
            item = starts_with_any(text[pos + 1 : pos + 1 + departments.longest], departments)
            end = pos + 1 + len(item) if item else pos
            if not item or (end not in bounds and end < len(text)):
                break  # 、财政厅长: no department
            surface = division + item
            yield Candidate(
                pos + 1, end, "Agency", surface, "pattern", _agency_attrs(surface, lexicon)
            )
            pos = end


@cache
def _department_words(lexicon: Lexicon) -> Affixes:
    """The standard departments of a division's government, by full and short name."""
    words = []
    for entry in lexicon.words.get("provincial_departments", []):
        words += [str(entry["name"]), *(str(s) for s in entry.get("short") or ())]
    return Affixes(words)


_CITED_AFTER = re.compile(r"》?\s*[(（]?\s*$")  # 《…》（湘环发〔2024〕21号）, …标准（GB 3838-2002）


def _numbered(doc: AnalyzedDoc, lexicon: Lexicon, found: list[Candidate]) -> list[Candidate]:
    """Instruments with the number cited right after them: a standard's number as an attribute;
    a document number (文号) as attributes (issuer code, year, serial number), which
    :func:`extract_entities` makes the key, so a short and a full title with one number are one
    instrument. A document number cited alone is one more mention of the instrument that
    carries it in the document."""
    text = doc.text
    # the instruments by their ends, with the last of them (in text order) ending by each end
    by_end = sorted((c.end, i) for i, c in enumerate(found) if c.type in ("Policy", "Regulation"))
    ends = [end for end, _ in by_end]
    last = list(itertools.accumulate((i for _, i in by_end), max))

    def cited(start: int) -> int | None:
        """The last instrument ending before ``start``, if only a bracket stands between."""
        n = bisect.bisect_right(ends, start)
        if n and _CITED_AFTER.fullmatch(text, found[last[n - 1]].end, start):
            return last[n - 1]
        return None

    for code in find_standard_codes(text, _config(lexicon).standard_series):
        i = cited(code.start)
        if i is not None and "standardCode" not in dict(found[i].attributes):
            attrs = (*found[i].attributes, ("standardCode", str(code)))
            found[i] = replace(found[i], attributes=attrs)
    bare = []
    keys: dict[str, Candidate] = {}
    for number in find_document_numbers(text, lexicon.words.get("document_number_not_issuer", ())):
        i = cited(number.start)
        if i is None:
            bare.append(number)
            continue
        found[i] = replace(found[i], attributes=(*found[i].attributes, *_number_parts(number)))
        keys.setdefault(str(number), found[i])
    taken = SpanSet((c.start, c.end) for c in found)
    for number in bare:
        if (titled := keys.get(str(number))) is not None:
            found.append(replace(titled, start=number.start, end=number.end, source="pattern"))
        elif (titled := _titled_by_number(text, number, taken, lexicon)) is not None:
            found.append(titled)  # 印发的岷江流域总磷污染控制工作方案（川环发〔2025〕6号）
        else:
            continue
        taken.add(found[-1].start, found[-1].end)
    return sorted(found, key=lambda c: (c.start, c.end, c.type))


def _titled_by_number(
    text: str, number: DocumentNumber, found: SpanSet, lexicon: Lexicon
) -> Candidate | None:
    """An instrument named without 《》 right before its document number in brackets: the
    words back from its type word (…工作方案, …实施意见) to where a name stops (where no
    candidate ``found`` already stands)."""
    cfg = _config(lexicon)
    end = number.start  # the bracket before the number, past any space
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if not text.endswith(("(", "（"), 0, end):
        return None
    end -= 1
    words = cfg.instrument_words
    word = ends_with_any(text[max(0, end - words.longest) : end], words)
    if word is None or found.overlaps(end - len(word), end):
        return None
    start = _extend_left(text, end, end - len(word), "Policy", cfg)
    if start is None:
        return None
    about = text.rfind("关于", max(0, end - cfg.max_length["Policy"]), start)
    if about >= 0 and not any(c in _PUNCT for c in text[about:start]):
        start = about  # 关于进一步加强…的实施意见: the title runs from 关于
    if end - start < cfg.min_length["Policy"]:
        return None
    surface = text[start:end]
    kind = classify_title(surface, lexicon) or ("Policy", word)
    attrs = (("instrumentType", kind[1]), *_number_parts(number))
    return Candidate(start, end, kind[0], surface, "pattern", attrs)


def _number_parts(number: DocumentNumber) -> tuple[tuple[str, str], ...]:
    return (
        ("documentNumber", str(number)),
        ("issuerCode", number.issuer),
        ("serialNumber", str(number.number)),
        ("issuedYear", str(number.year)),
    )


def _covered(
    kept: Sequence[Candidate], keep: Callable[[Candidate], bool]
) -> Callable[[int, int, bool], bool]:
    """A lookup over the kept candidates that pass ``keep`` (they do not overlap one another, so
    sorted by start they are sorted by end too): does one contain ``[start, end)`` (``whole``)
    or merely overlap it?"""
    spans = sorted((c.start, c.end) for c in kept if keep(c))
    starts = [s for s, _ in spans]

    def lookup(start: int, end: int, whole: bool) -> bool:
        i = bisect.bisect_right(starts, start) - 1  # the last one starting at or before start
        if whole:
            return i >= 0 and spans[i][1] >= end
        j = bisect.bisect_left(starts, end)  # those starting before end may overlap
        return any(spans[k][1] > start for k in range(max(i, 0), j))

    return lookup


def _title_parts(
    doc: AnalyzedDoc, lexicon: Lexicon, cfg: _Config, kept: Iterable[Candidate]
) -> Iterator[Candidate]:
    """Names inside a title: its issuer (《省生态环境厅党组关于…的工作方案》) and the instrument
    it carries out (《关于贯彻落实生态环境损害赔偿管理规定的实施意见》)."""
    for title in kept:
        if title.source != "title":
            continue
        m = _TITLE_PARTS.match(doc.text, title.start, title.end)
        if m is None:
            continue
        issuer = m.group("issuer")
        if issuer and cfg.suffix_type.get(ends_with_any(issuer, cfg.suffixes) or "") == "Agency":
            attrs = _agency_attrs(issuer, lexicon)
            yield Candidate(m.start("issuer"), m.end("issuer"), "Agency", issuer, "pattern", attrs)
        # (an instrument being drafted, 《关于制定…规划的建议》, is not yet one to name)
        kind = None if m.group("drafting") else classify_title(m.group("subject"), lexicon)
        if kind is not None:
            yield Candidate(
                m.start("subject"),
                m.end("subject"),
                kind[0],
                m.group("subject"),
                "pattern",
                (("instrumentType", kind[1]),),
            )


# The end of an English sentence a name found by its words ran back into ("…by 2027.中国科学院
# 南海海洋研究所", "…fishing nets.新区"): the name starts after it.
_ENGLISH_END = re.compile(r"[\x00-\x7f]*[.!?]\s*(?=[\u4e00-\u9fff])")


def _pooled(doc: AnalyzedDoc, lexicon: Lexicon, cfg: _Config) -> list[Candidate]:
    return [
        trimmed
        for c in _all_candidates(doc, lexicon, cfg)
        if (trimmed := _after_english(c, cfg)) is not None
    ]


def _after_english(c: Candidate, cfg: _Config) -> Candidate | None:
    lead = _ENGLISH_END.match(c.surface)
    if lead is None or c.source == "lexicon":
        return c
    surface = c.surface[lead.end() :]
    if len(surface) < cfg.min_length.get(c.type, 2) or surface in cfg.suffix_type:
        return None
    name = c.name[lead.end() :] if c.name and c.name.startswith(c.surface[: lead.end()]) else c.name
    return replace(c, start=c.start + lead.end(), surface=surface, name=name)


def _all_candidates(doc: AnalyzedDoc, lexicon: Lexicon, cfg: _Config) -> list[Candidate]:
    return [
        *_lexicon_candidates(doc, lexicon, cfg),
        *_title_candidates(doc, lexicon),
        *_standard_candidates(doc, cfg),
        *_agency_candidates(doc, lexicon, cfg),
        *_registered_companies(doc, lexicon, cfg),
        *_quoted_programmes(doc, cfg),
        *_hosted_events(doc, cfg),
        *_follow_ups(doc, cfg),
        *_place_candidates(doc, lexicon, cfg),
        *_suffix_candidates(doc, lexicon, cfg),
        *_policy_candidates(doc, lexicon, cfg),
        *_person_candidates(doc, cfg),
    ]


@register("entities")
def extract_entities(
    doc: AnalyzedDoc, lexicon: Lexicon, claims: Sequence[Claim] = ()
) -> Iterable[EntityMention]:
    """Entity mentions with canonical names and keys (one key per real thing)."""
    return _press_conferences_by_topic(list(_mentions(doc, lexicon)), _config(lexicon))


def _press_conferences_by_topic(mentions: list[EntityMention], cfg: _Config) -> list[EntityMention]:
    """A press conference named only by its host (省政府新闻办新闻发布会, 安徽省公安厅新闻发布会)
    in a document that names one by its topic is that one: the last named before it, else the
    first after it (a transcript welcomes its readers to the conference its title names)."""

    def host_only(name: str) -> bool | None:
        """None for no press conference; whether one is named by its host alone."""
        kind = next((k for k in cfg.press_kinds if name.endswith(k)), None)
        if kind is None:
            return None
        suffix = ends_with_any(name[: -len(kind)], cfg.suffixes)
        return suffix is not None and cfg.suffix_type[suffix] == "Agency"

    topics = [m for m in mentions if m.type == "Event" and host_only(m.name) is False]
    if not topics:
        return mentions
    result = []
    for m in mentions:
        if m.type == "Event" and host_only(m.name):
            at = m.norm_span[0] if m.norm_span else 0
            before = [t for t in topics if t.norm_span and t.norm_span[0] < at]
            topic = before[-1] if before else topics[0]
            m = replace(m, name=topic.name, key=topic.key)
        result.append(m)
    return result


def _number_keys(
    kept: Sequence[Candidate], resolver: Resolver, known: Mapping[str, Mapping[str, Any]]
) -> dict[str, str]:
    """The key of each instrument's name cited with a document number: the number, so that a
    short and a full title with one number are one instrument wherever either recurs; but an
    instrument the lexicon knows keeps its name, which every other document citing it without
    the number also gives it (one node across documents)."""
    names: dict[str, str] = {}
    by_number: dict[str, str] = {}
    for cand in kept:
        if not (number := dict(cand.attributes).get("documentNumber")):
            continue
        name = cand.name or resolver.canonical(cand.type, cand.surface, pos=cand.start)
        names[name] = number
        if (entry := known.get(name)) is not None:
            by_number[number] = str(entry["name"])
    return {name: by_number.get(number, number) for name, number in names.items()}


def _mentions(doc: AnalyzedDoc, lexicon: Lexicon) -> Iterator[EntityMention]:
    resolver = Resolver(doc, lexicon)
    furniture = furniture_spans(doc, lexicon.words.get("furniture", {}))
    kept = []
    for cand in find_candidates(doc, lexicon):
        if cand.type == "Agency" and (
            doc.text[max(0, cand.start - 1) : cand.start] == "某"
            or _config(lexicon).company_form_re.fullmatch(cand.surface)
        ):
            continue  # 某新材料公司, 某…有限公司: a party the text keeps anonymous names no entity
        spot = furniture_at(furniture, cand.start, cand.end)
        if spot is not None and not (
            spot.publisher
            and cand.type == "Agency"
            and dict(cand.attributes).get("agencyType") != "media"
        ):
            continue  # 责任编辑：…, 新华社长沙5月1日电: the page's, not the article's
        sentence = doc.sentence_at(cand.start)
        # a title names its own topic, but not in an article about something else
        check = off_topic_place if cand.source == "title" else off_topic
        if sentence is not None and check(doc, lexicon, sentence):
            continue
        kept.append(cand)
    for cand in kept:
        canonical = resolver.canonical(cand.type, cand.surface, False, cand.start)
        resolver.know(cand.type, [cand.name or canonical])
    numbered = _number_keys(kept, resolver, _config(lexicon).lexicon_entries)
    for cand in kept:
        if cand.source in ("title", "lexicon") and cand.name:  # already canonical
            resolved: tuple[str, str] | None = (cand.name, f"{cand.type.lower()}:{cand.name}")
        else:
            resolved = resolver.resolve(cand.type, cand.surface, cand.name, cand.key, cand.start)
        if resolved is None or resolved[0] in _config(lexicon).suffix_type:
            continue  # nothing left but a type word ("1.专项行动": 专项行动)
        name, key = resolved
        if cand.type == "Agency" and _collective(name, lexicon):
            continue
        if cand.type in ("Policy", "Regulation") and name in numbered:
            key = f"{cand.type.lower()}:{numbered[name]}"
        attributes = cand.attributes
        kind = dict(attributes).get("agencyType")
        if (
            cand.type == "Agency"
            and kind not in _NOT_GOVERNMENT
            and (level := agency_level(name, lexicon)) is not None
        ):
            attributes = (*attributes, ("adminLevel", level))
        yield EntityMention(
            cand.type,
            name,
            key,
            doc.source_span(cand.start, cand.end),
            attributes,
            (cand.start, cand.end),
        )
