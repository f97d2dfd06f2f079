"""Canonical names: one name (and so one IRI) per real thing, across documents and scripts.

Rules, in order: quotes and spaces go; a province-relative name (省生态环境厅, 全省…会议, 省级…规划)
gets the document's home province (江西省生态环境厅); a department's short form gets its full
name (省工信厅 -> 江西省工业和信息化厅); 省政府 -> 省人民政府; an abbreviation whose characters
appear in order in a longer name of the same kind in the same document resolves to it
(省督察办 -> 江西省生态环境保护督察办公室).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from functools import cache

from ecokg.extract.lexicon import Lexicon, PlaceDef
from ecokg.extract.places import find_places, home_province
from ecokg.text.analyzed import AnalyzedDoc
from ecokg.text.wordlists import starts_with_any

_NOISE = re.compile(r"[“”\"‘’'「」\s]")
_JUDICIAL = ("中级人民法院", "人民法院", "人民检察院", "中院")
_BRANCH = "分局"
_LIST_MARKER = re.compile(r"^\d{1,2}[.．、]")  # "1.专项行动…": the item's number
_YEAR_LEAD = re.compile(r"^\d{4}年度?")  # 2025年全省…工作会议: the year stands before 全省
_RELATIVE_PREFIXES = ("我省", "全省", "本省", "省级", "省")
# In an autonomous region, 自治区 (and 我区, 全区) is the region; in a municipality, 市 is it.
_REGION_PREFIXES = ("自治区", "我区", "全区", "本区")
_MUNICIPALITY_PREFIXES = ("我市", "全市", "本市", "市")
# The same for a city: 市委, 市生态环境局 and 市级… are the city the text is speaking of.
_CITY_PREFIXES = ("我市", "全市", "本市", "市级", "市")
# ...but 市场 (market), 市民 (citizens) or 市直 (all municipal bodies) name no city.
_NOT_CITY = ("市场", "市民", "市区", "市县", "市州", "市直", "市域", "市内", "市外")
# The same for a county: 县委, 县人民政府 (but 县城, 县域, 县级以上 name none).
_COUNTY_PREFIXES = ("我县", "全县", "本县", "县级", "县")
_NOT_COUNTY = ("县城", "县域", "县区", "县市", "县乡", "县级以上", "县直", "县内", "县外")
# ...and for a district: 区委, 区生态环境局 (but 区域, 区内 name none; in an autonomous region 我区
# and 全区 are the region).
_DISTRICT_PREFIXES = ("我区", "全区", "本区", "区级", "区")
_NOT_DISTRICT = ("区域", "区内", "区外", "区县", "区市", "区级以上", "区间", "区划", "区位", "区直")
_DIVISION_PREFIXES = (
    ("city", _CITY_PREFIXES, _NOT_CITY),
    ("county", _COUNTY_PREFIXES, _NOT_COUNTY),
    ("district", _DISTRICT_PREFIXES, _NOT_DISTRICT),
)
# "省以下" means "below the province", not "the province's".
_NOT_RELATIVE = ("省以下", "省直", "省内", "省外", "省份")
# Abbreviations are short (督察办, 环科规划院); a longer name is a name of its own, and a single
# character after the province (省委 -> 委) is a type word, not an abbreviation.
_MIN_ABBREVIATION, _MAX_ABBREVIATION = 2, 6
_SHORT_LIST = re.compile(r"^(?:[\u4e00-\u9fff]{1,2}、)+[\u4e00-\u9fff]{1,2}(?=[\u4e00-\u9fff])")
# A round of the central inspection is one national event, whichever province a text says it
# visited ("我省第三轮中央生态环境保护督察") and however short its name (第二轮中央督察); a
# bare round (第二轮督察) in a text about the central inspection is that round.
_CENTRAL = "中央生态环境保护督察"
_STATE = "中华人民共和国"
_CENTRAL_ROUND = re.compile(
    r"(第[一二三四五六七八九十\d]+轮)中央(?:生态环境保护|生态环保|环境保护|环保)?督察$"
)
# A province's own inspection, and one round of it (湖南省第三轮生态环境保护督察).
_PROVINCIAL = "生态环境保护督察"
_PROVINCIAL_ROUND = re.compile(rf"第[一二三四五六七八九十\d]+轮{_PROVINCIAL}")
_BARE_ROUND = re.compile(r"^(第[一二三四五六七八九十\d]+轮)(?:生态环境保护)?督察$")
# 省政府 -> 省人民政府, also inside a name (省政府常务会议, 省政府办公厅).
# A special administrative region's government is its 政府 (香港特别行政区政府): no 人民政府.
_GOVERNMENT = re.compile(r"(?<!特别行政)(省|市|县|区|自治区|自治州)政府")
_SPECIAL_REGION = "特别行政区"


@cache
def _known_agencies(lexicon: Lexicon) -> dict[str, str]:
    """The lexicon's agencies: alias -> name."""
    return {
        str(alias): str(entry["name"])
        for entry in lexicon.words.get("entities", [])
        if entry["type"] == "Agency"
        for alias in entry.get("aliases") or ()
    }


@cache
def _inside_departments(lexicon: Lexicon) -> frozenset[str]:
    """Departments whose full name is written inside the names of their parts too."""
    return frozenset(
        str(entry["name"])
        for entry in lexicon.words.get("provincial_departments", [])
        if entry.get("inside")
    )


@cache
def _departments(lexicon: Lexicon) -> dict[str, str]:
    """Short form -> full name of standard government departments."""
    table = {}
    for entry in lexicon.words.get("provincial_departments", []):
        for short in entry.get("short") or ():
            table[str(short)] = str(entry["name"])
    return table


def _autonomous_short(written: str, full: str) -> bool:
    """Whether ``written`` is the short form of an autonomous prefecture or county that keeps
    its type (大理州 for 大理白族自治州, 丰宁县 for 丰宁满族自治县): its bodies are named by the
    full name, a short form is how a text writes it."""
    return full.endswith(("自治州", "自治县")) and written.endswith(full[-1])


def is_subsequence(short: str, long: str) -> bool:
    """Whether the characters of ``short`` appear in ``long`` in order."""
    chars = iter(long)
    return all(c in chars for c in short)


class _NamedBefore:
    """Divisions of one kind in text order, with what :meth:`Resolver.division_at` asks of
    those named before a position: the last one, and the one named most often (the latest on a
    tie), kept for every prefix as the list is read once."""

    def __init__(self, named: Sequence[tuple[int, PlaceDef]]) -> None:
        self.starts = [start for start, _ in named]
        self.places = [place for _, place in named]
        self.most_named: list[PlaceDef] = []
        counts: dict[str, int] = {}
        first: dict[str, int] = {}  # when each place was first named (a tie goes to the first)
        best: tuple[int, int, int] | None = None  # (count, latest start, -first) of the leader
        for start, place in named:
            counts[place.id] = counts.get(place.id, 0) + 1
            first.setdefault(place.id, len(first))
            # only the place just named gained: it leads now or the leader stays
            key = (counts[place.id], start, -first[place.id])
            if best is None or key > best:
                best = key
                self.most_named.append(place)
            else:
                self.most_named.append(self.most_named[-1])

    def count_before(self, pos: int) -> int:
        """How many were named before ``pos``."""
        return bisect_left(self.starts, pos)


class Resolver:
    """Canonicalises the names found in one document."""

    def __init__(self, doc: AnalyzedDoc, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._doc = doc
        hits = find_places(doc.text, lexicon)
        self.home: PlaceDef | None = home_province(hits, lexicon)
        # cities and counties of the home province in text order, for 市委, 市生态环境局, 县委
        self._divisions = {
            kind: [
                (h.start, h.place)
                for h in hits
                if h.place.type == kind
                and (self.home is None or lexicon.province_of(h.place) == self.home)
            ]
            for kind in ("city", "county")
        }
        county_cities = [(s, p) for s, p in self._divisions["county"] if p.name.endswith("市")]
        if len(county_cities) > len(self._divisions["city"]):
            # a text about a county-level city (丹江口市, 密山市) names it more often than its
            # prefecture: its 市委, 市政府 and 市农业农村局 are that city's
            self._divisions["city"] = sorted([*self._divisions["city"], *county_cities])
        regional = self.home is not None and self.home.name.endswith("自治区")
        self._divisions["district"] = [
            (start, place)
            for start, place in self._divisions["county"]
            if place.name.endswith("区") and not regional
        ]
        self._named = {kind: _NamedBefore(named) for kind, named in self._divisions.items()}
        self._division_starts = sorted(s for named in self._divisions.values() for s, _ in named)
        self._long_names: dict[str, set[str]] = {}
        patterns = lexicon.words["entity_patterns"]
        self._designations = (
            *patterns["level_designations"],
            *patterns["designated_titles"]["titles"],
        )
        self._undated = frozenset(lexicon.words["entity_patterns"]["undated_types"])
        self._branch_parents = tuple(patterns.get("branch_parents") or ())

    def know(self, type_: str, names: Iterable[str]) -> None:
        """Register full names seen in the document, for abbreviation lookup."""
        self._long_names.setdefault(type_, set()).update(names)

    def _designation(self, name: str) -> bool:
        """Whether ``name`` is a level of designation (省级低碳试点), which keeps its 省级."""
        return name.startswith(("省级", "市级")) and name.endswith(self._designations)

    def division_at(self, pos: int, kind: str = "city") -> PlaceDef | None:
        """The city, county or district (``kind``) of the home province a text speaks of at
        ``pos``: the last one its sentence names before it; else the one named most often before
        it (the latest on a tie); else the first one named after it."""
        named = self._named[kind]
        before = named.count_before(pos)
        sentence = self._doc.sentence_at(pos)
        if before and sentence is not None and named.starts[before - 1] >= sentence.span.start:
            return named.places[before - 1]  # "遵义市召开市政府常务会议": the sentence names it
        if before:
            return named.most_named[before - 1]
        return named.places[0] if named.places else None

    def canonical(
        self, type_: str, surface: str, expand: bool = True, pos: int | None = None
    ) -> str:
        """The canonical simplified name of a surface form (``expand``: resolve abbreviations
        against the names registered with :meth:`know`; ``pos``: where the form stands, for
        names relative to a city)."""
        name = _LIST_MARKER.sub("", _NOISE.sub("", surface))
        # 蓝天、碧水、净土提升攻坚战 -> 蓝天碧水净土提升攻坚战: short items fuse into one name
        name = _SHORT_LIST.sub(lambda m: m.group(0).replace("、", ""), name)
        if type_ in self._undated and (year := _YEAR_LEAD.match(name)):
            # 2026年清风护绿专项行动: the year says when the campaign goes on, not which one (a
            # span of years, 2025—2026年秋冬季…攻坚行动, does not start with a year alone)
            name = name[year.end() :]
        year = _YEAR_LEAD.match(name)
        lead, body = (year.group(0), name[year.end() :]) if year else ("", name)
        for kind, prefixes, not_relative in _DIVISION_PREFIXES:
            prefix = starts_with_any(body, prefixes)
            if (
                prefix
                and len(body) > len(prefix)
                and pos is not None
                and type_ != "Place"
                and not body.startswith(not_relative)
                and (division := self.division_at(pos, kind)) is not None  # only for 市…/县…/区…
            ):
                rest = body[len(prefix) :]
                if len(division.name) == 2 and prefix == division.name[-1] and rest[0] == "委":
                    rest = body  # 攸县's 县委 is 攸县县委: a one-character stem keeps its 县
                # 2025年全市…工作会议 is the city's as much as 全市…工作会议 is
                name = lead + division.name + rest
                break
        if (
            self.home is not None
            and type_ != "Place"
            and not name.startswith(_NOT_RELATIVE)
            and not self._designation(name)
        ):
            year = _YEAR_LEAD.match(name)
            lead, body = (year.group(0), name[year.end() :]) if year else ("", name)
            for prefix in self._home_prefixes():
                if body.startswith(prefix) and len(body) > len(prefix):
                    if prefix in _MUNICIPALITY_PREFIXES and body.startswith(_NOT_CITY):
                        break  # 市场监管局 in a Chongqing text is no 重庆市场…
                    name = lead + self.home.name + body[len(prefix) :]
                    break
        if type_ == "Event":
            name = self._inspection_round(name, expand, pos)
        if type_ == "Event" and self.home is not None and "省级" in name:
            # 第三轮省级生态环境保护督察 of Hunan is not Sichuan's: 湖南省第三轮生态环境保护督察
            name = self.home.name + name.removeprefix(self.home.name).replace("省级", "", 1)
        if type_ == "Event" and self.home is not None and expand:
            name = self._provincial_round(name)
        name = _GOVERNMENT.sub(lambda m: f"{m.group(1)}人民政府", name)
        if type_ == "Regulation" and name.endswith("法") and not name.startswith(_STATE):
            # only the national legislature passes 法: 长江保护法 is 中华人民共和国长江保护法
            name = _STATE + name
        if type_ == "Agency":
            name = self._with_city(
                self._city_branch(self._full_division(self._without_province(name)))
            )
            name = self._expand_department(name)
            if expand:
                name = self._expand_abbreviation(type_, name)
            # 省环科规划院 of a Jiangxi text is 江西省环科规划院, which the lexicon knows by name
            name = _known_agencies(self.lexicon).get(name, name)
        return name

    def _without_province(self, name: str) -> str:
        """湖南省长沙市生态环境局 is 长沙市生态环境局: a city's or county's body is named by its
        own division, the province before it only says where that is."""
        hits = find_places(name, self.lexicon)
        if (
            len(hits) > 1
            and hits[0].start == 0
            and hits[0].place.type == "province"
            and not hits[0].place.name.endswith("市")  # 天津市西青区: a municipality's district
            and hits[1].start == hits[0].end
            and hits[1].place.type in ("city", "county")
            and self.lexicon.province_of(hits[1].place) == hits[0].place
        ):
            return name[hits[1].start :]
        return name

    def _inspects_own_divisions(self, pos: int | None) -> bool:
        """Whether the clause before ``pos`` inspects (对…) cities or counties of the home
        province."""
        sentence = self._doc.sentence_at(pos) if pos is not None else None
        if sentence is None or pos is None:
            return False
        opening = self._doc.text.rfind("对", sentence.span.start, pos)
        starts = self._division_starts
        after = bisect_right(starts, opening)  # the first division named after 对
        return opening >= 0 and after < len(starts) and starts[after] < pos

    def _full_division(self, name: str) -> str:
        """湖州中级人民法院 is 湖州市中级人民法院: a court or procuratorate named by its city's
        short form (companies and special courts, 鞍山宏岫矿业有限公司, 西安铁路运输中级法院,
        are named so officially), and any body of an autonomous prefecture or county named by
        its short form (大理州生态环境局)."""
        hits = find_places(name, self.lexicon)
        if hits and hits[0].start == 0 and hits[0].place.type in ("city", "county"):
            written, end = name[: hits[0].end], hits[0].end
            full = hits[0].place.name
            if written != full and (
                name.startswith(_JUDICIAL, end) or _autonomous_short(written, full)
            ):
                return full + name[end:]
        return name

    def _city_branch(self, name: str) -> str:
        """涡阳县分局 is 亳州市生态环境局涡阳县分局 in a text that names 亳州市生态环境局: a
        county's branch named alone is the branch of its city's bureau the text speaks of."""
        hits = find_places(name, self.lexicon)
        if not hits or hits[0].start != 0 or name[hits[0].end :] != _BRANCH:
            return name
        city = self.lexicon.places.get(hits[0].place.parent or "")
        known = self._long_names.get("Agency", set())
        if hits[0].place.type != "county" or city is None:
            return name
        parents = [city.name + p for p in self._branch_parents if city.name + p in known]
        return parents[0] + name if len(parents) == 1 else name

    def _divisions_in(self, name: str) -> int:
        return sum(h.place.type in ("city", "county") for h in find_places(name, self.lexicon))

    def _with_city(self, name: str) -> str:
        """江津区生态环境局 is 重庆市江津区生态环境局: many cities have a 鼓楼区, so a district's
        body is named with its city (or municipality)."""
        hits = find_places(name, self.lexicon)
        if not hits or hits[0].start != 0 or hits[0].place.type != "county":
            return name
        district = hits[0].place
        parent = self.lexicon.places.get(district.parent or "")
        if district.name.endswith("区") and name.startswith(district.name) and parent is not None:
            return parent.name + name
        return name

    def _home_prefixes(self) -> tuple[str, ...]:
        """The words that name the home province in a name relative to it."""
        name = self.home.name if self.home is not None else ""
        if name.endswith("自治区"):
            return _REGION_PREFIXES + _RELATIVE_PREFIXES
        if name.endswith("市"):  # 天津市: its 市生态环境局
            return _MUNICIPALITY_PREFIXES + _RELATIVE_PREFIXES
        return _RELATIVE_PREFIXES

    def _inspection_round(self, name: str, expand: bool, pos: int | None) -> str:
        if central := _CENTRAL_ROUND.search(name):
            return central.group(1) + _CENTRAL  # also 第二轮中央督察, 第一轮中央生态环保督察
        bare = _BARE_ROUND.match(name)
        if bare is None:
            return name
        if self.home is not None and self._inspects_own_divisions(pos):
            # "完成对鹰潭、宜春、吉安的第二轮督察": the province inspects its own cities
            return self.home.name + bare.group(1) + "生态环境保护督察"
        if _CENTRAL in self._doc.text:
            return bare.group(1) + _CENTRAL
        # 第二轮督察 after 湖南省第二轮生态环境保护督察 is that round
        longer = {
            n
            for n in self._long_names.get("Event", ())
            if bare.group(1) in n and n.endswith("督察") and n != name
        }
        return longer.pop() if expand and len(longer) == 1 else name

    def _provincial_round(self, name: str) -> str:
        """The province's inspection named without its round (岳阳市公开省级生态环境保护督察整改
        方案) is the one round of it the document names (湖南省第三轮生态环境保护督察)."""
        assert self.home is not None
        if name != self.home.name + _PROVINCIAL:
            return name
        rounds = {
            n
            for n in self._long_names.get("Event", ())
            if _PROVINCIAL_ROUND.fullmatch(n.removeprefix(self.home.name))
        }
        return rounds.pop() if len(rounds) == 1 else name

    def _expand_department(self, name: str) -> str:
        """A standard department written by its short form right after its division is named in
        full, at the end of the name (市人大常委会 -> 市人民代表大会常务委员会) or, for the bodies
        whose parts carry the full name, inside it (无锡市中院环境资源审判庭 is 无锡市中级人民法院
        环境资源审判庭); a body whose own name ends like one is not a department (厦门海事法院 is
        no 厦门海事人民法院)."""
        at = 0
        for hit in find_places(name, self.lexicon):
            if hit.start != at:
                break
            at = hit.end
        if at == 0 or name.endswith(_SPECIAL_REGION, 0, at):
            return name  # (a special administrative region's bodies have names of their own)
        inside = _inside_departments(self.lexicon)
        for short, full in sorted(_departments(self.lexicon).items(), key=lambda kv: -len(kv[0])):
            if not name.startswith(short, at) or name.startswith(full, at):
                continue
            if at + len(short) == len(name) or full in inside:
                return name[:at] + full + name[at + len(short) :]
        return name

    def _expand_abbreviation(self, type_: str, name: str) -> str:
        core = (
            name[len(self.home.name) :] if self.home and name.startswith(self.home.name) else name
        )
        if not _MIN_ABBREVIATION <= len(core) <= _MAX_ABBREVIATION:
            return name
        longer = [
            n
            for n in self._long_names.get(type_, ())
            if len(n) > len(name) + 1
            and name[-1] in n[-3:]
            and is_subsequence(name, n)
            and not n.startswith(name)  # 生态环境厅党组 is a body of the 厅, not its full name
            # 重庆市生态环境局 is no short form of 重庆市江津区生态环境局: a short form drops words,
            # never a division
            and self._divisions_in(n) == self._divisions_in(name)
        ]
        return longer[0] if len(longer) == 1 else name

    def resolve(
        self, type_: str, surface: str, name: str | None, key: str | None, pos: int | None = None
    ) -> tuple[str, str] | None:
        """``(canonical name, identity key)`` for a mention at ``pos``, or None when nothing is
        left."""
        if key is not None and name is not None:
            return name, key
        canonical = self.canonical(type_, name or surface, pos=pos)
        if len(canonical) < 2:
            return None
        return canonical, f"{type_.lower()}:{canonical}"
