"""Find gazetteer places in normalised text and pick a document's home province."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from ecokg.extract.gazetteer import AUTONOMOUS, autonomous_short_form
from ecokg.extract.lexicon import Lexicon, PlaceDef, leading_verb, word_tags
from ecokg.text.numbers import CHINESE_NUMERAL_CHARS
from ecokg.text.segment import SpanSet
from ecokg.text.wordlists import LongestMatch, Match, alternation, ends_with_any, starts_with_any

# Names of the whole country act as scopes ("全国第三"), not as the place a value is about.
NATIONAL_TYPES = ("country",)
WATER_TYPES = ("river", "lake", "reservoir", "sea")
# A division named in full before a reserve says where the reserve is (岳阳市东洞庭湖…保护区).
_FULL_ADMIN_ENDS = ("省", "市", "县", "区", "州", "盟", "旗")
# After a division's short name these begin the name of a water body named after it.
_WATER_AFTER_SHORT = ("江", "河", "湖", "溪", "湾")
_STRETCH = "段"  # 宜昌江段, 某县河段: the stretch of a river in the division
# Conjunctions that open some places' names (和县, 和安县) and join words before others
_CONJUNCTIONS = "和与及或"
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NOT_IN_WATER_NAMES = frozenset("湖河江湾海库港年的和与及在对是为全各入出沿跨条内市县区省镇乡")
_NOT_AFTER_WATER_NAMES = frozenset("泊区库体滨畔")
_WATER_CHARS = frozenset("湖河江湾海库港")
_WETLAND_WORDS = ("湿地",)
# Still water named after a river, by the word that follows the river's name.
_STILL = {"水库": "reservoir", "湖": "lake"}
_RIVER_WORDS = ("江", "河")
# Water words that end too many other words (江西, 江湖): a name only before 流域/干流 (练江流域).
_BASIN_ONLY = ("江",)
_LIST_MARKS = ("、", "和", "及", "与")
# jieba tags of words that name kinds, not places (重点 n, 大型 b, 主要 b, 美丽 a).
_KIND_TAGS = frozenset({"n", "b", "a", "vn", "r", "m", "q", "d"})
# A town's or reserve's name opens a word: after a stop, the start of a line or a particle
# ("在莫干山镇").
# A stem never opens with a determiner (各街镇, 全乡, 每个镇, 该镇), a particle (与梅雨镇并列,
# 到直普村) or a relative year ("去年镇里投入…" is last year, the town's work); excluded in the
# pattern, so "其中城关镇" is tried from 城, not rejected whole from 其.
_TOWN_AT = re.compile(
    r"(?P<stem>(?![各全每该本我其所此在与到为及对是]|[去今明同当上前]年)[\u4e00-\u9fff]{2,4}?)"
    r"(?P<suffix>街道|镇|乡|村)"
)
_NAME_OPENERS = "在对和与及为是到"
_DIVISIONS = ("province", "city", "county")
_WORD_OPENS = rf"(?:(?<=[，,。；;：:、\s（(“”]|[{_NAME_OPENERS}])|(?<=其中)|^)"
_TOWN_NAME = re.compile(_WORD_OPENS + _TOWN_AT.pattern, re.MULTILINE)
# The last character of a stem that makes the word a kind, not a name (城乡镇, 各乡镇, 卫生乡镇),
# or a preposition before the word for a town (也反映到镇上, 下沉至乡).
_NOT_TOWN_STEM_END = frozenset("乡镇村城市县区省各全个街到向往至给从")
# Of these, the words for all of a division (全镇, 各乡), which never end a town's name.
_WHOLE_OF = frozenset("全各每该本")
# ...but 城 ends a subdistrict's name (稠城街道: no word 城街道), and 市 a town's after a name
# character (新市镇, 三市镇; 县市镇 and 城市镇 are kinds).
_NAME_STEM_ENDS = {"城": ("街道",), "市": ("镇", "乡", "街道")}
# A reserve's or park's name holds none of these: "各级自然保护区", "省级以上森林公园" name kinds.
_NOT_IN_AREA_NAMES = frozenset("各级类个处等的全该其所此和与及或将以")
# A river's or lake's basin and main stem are the water body itself (长江流域, 赣江干流).
_WATER_PARTS = ("流域", "干流", "水系", "河口")
# Places a planning region is named after (成都平原经济区, 长株潭城市群, 平潭综合实验区).
_ZONED = ("region", "mountain", "city", "county")
# What a title may name as the place a whole document is about when it names no division.
_PROTECTED = ("park", "wetland")
_TITLE_AREAS = (*WATER_TYPES, *_PROTECTED)
# Places whose name, before 镇/乡/街道/村, opens a town's (海北镇, 凉水河镇, 月亮泡镇).
_TOWN_NAMESAKES = ("city", "county", *WATER_TYPES, "island", "mountain", "region")


@dataclass(frozen=True)
class PlaceHit:
    """A place named at ``[start, end)`` of the normalised text."""

    start: int
    end: int
    place: PlaceDef


@cache
def _matcher(lexicon: Lexicon) -> LongestMatch:
    # A following character of a longer toponym (湖北省 inside 湖北省委 is fine, but 江西 must not
    # match inside 江西省, which the longest match already prefers).
    return LongestMatch(lexicon.place_by_alias, yielding=_CONJUNCTIONS)


def find_places(
    text: str, lexicon: Lexicon, start: int = 0, end: int | None = None
) -> list[PlaceHit]:
    """Every gazetteer place named in ``text[start:end]``, longest name first at each position."""
    # Every extractor asks for a document's places, and names recur from mention to mention:
    # documents and names are remembered apart, so the many names never push a document out.
    remembered = _document_places if len(text) > _LONGEST_NAME else _name_places
    return list(remembered(text, lexicon, start, len(text) if end is None else end))


_LONGEST_NAME = 200


def _find_places(text: str, lexicon: Lexicon, start: int, end: int) -> tuple[PlaceHit, ...]:
    gazetteer = lexicon.words.get("gazetteer", {})
    not_before = tuple(gazetteer.get("short_county_not_before", ()))
    verb_led = tuple(gazetteer.get("verb_led_names") or ())
    verb_led_after = tuple(gazetteer.get("verb_led_after") or ())
    name_not_after = {
        str(end): tuple(words) for end, words in gazetteer.get("name_end_not_after", {}).items()
    }
    urban_areas = tuple(gazetteer.get("urban_area_words") or ())
    species = tuple(gazetteer.get("species_after_short_form") or ())
    unnamed = _unlisted_water(text, lexicon, start, end)
    taken = SpanSet((h.start, h.end) for h in unnamed)
    hits = list(unnamed)
    names = _Names(_matcher(lexicon), text, start, end)
    for m in names:
        alias = m.word
        place = lexicon.place_by_alias[alias]
        stop = m.end
        if place.type == "county" and len(alias) == 2 and text.startswith(not_before, stop):
            continue
        if alias.startswith(verb_led) and text[m.start - 1 : m.start] in verb_led_after:
            continue  # "分局会同县水利局": together with the county's bureau, no 会同县
        if (
            species
            and place.type in _DIVISIONS
            and _is_short(alias, place)
            and text.startswith(species, stop)
        ):
            continue  # "海南长臂猿": a species named after the place
        if (
            place.type in ("city", "county")
            and _is_short(alias, place)
            and text[stop : stop + 1] in _WATER_AFTER_SHORT
            and text[stop + 1 : stop + 2] != _STRETCH
        ):
            continue  # "汨罗江平江段": the river named after the city ("宜昌江段" is the city's)
        if place.type in _TOWN_NAMESAKES and _town_named(text, stop, alias, place, lexicon):
            # "海伦市海北镇": a town that shares its name with 海北州, not the prefecture;
            # "凉水河镇": a town named after a river, not the river
            continue
        if (place.type in WATER_TYPES or _is_short(alias, place)) and _straddles_words(
            text, m.start, stop
        ):
            # "入海河流" holds no 海河, "渤海北部" no 海北, "其中国家…" no 中国: the words are
            # 入海|河流, 渤海|北部, 其中|国家
            continue
        if text.startswith(name_not_after.get(alias[-1], ()), stop):
            continue  # "新建区域" holds no 新建区: 区域 is the word
        if alias.endswith(urban_areas) and _stem_before(text, m.start, alias, lexicon):
            continue  # "璧山城区" is 璧山区's urban area, not 山城区 (鹤壁)
        if place.type == "river" and (still := starts_with_any(text[stop : stop + 2], _STILL)):
            # "东江湖", "新安江水库": the lake or reservoir named after the river
            stop += len(still)
            name = text[m.start : stop]
            place = PlaceDef(name, name, _STILL[still], place.parent, None, ())
        if place.type in WATER_TYPES:
            stop += len(starts_with_any(text[stop : stop + 2], _WATER_PARTS) or "")
        if taken.overlaps(m.start, stop):
            continue  # "厦门湾" is the bay, not the city inside its name
        area = _area_after(lexicon, text, stop, end)
        zone = _region_word(lexicon).match(text, stop, end) if place.type in _ZONED else None
        if area is not None and _is_short(alias, place):
            # "祁连山国家级自然保护区", "崇左白头叶猴国家级自然保护区": the reserve, not the
            # mountain or city its name begins with
            if place.type in _DIVISIONS and not _opens_name(text, m.start, hits):
                continue  # "漳江口红树林…保护区" holds no 江口 (县): the name opens before it
            name = text[m.start : area.end()]
            place = PlaceDef(name, name, "park", place.id if place.code else None, None, ())
            stop = area.end()
        elif zone is not None:  # "成都平原经济区": the planning region, not the plain
            name = text[m.start : zone.end()]
            place = PlaceDef(name, name, "region", place.parent, None, ())
            stop = zone.end()
        hits.append(PlaceHit(m.start, stop, place))
        names.take()
    hits.sort(key=lambda h: (h.start, h.end))
    hits = _resolve_by_home(hits, text, lexicon)
    home = home_province(hits, lexicon)
    hits = _with(hits, _unlisted_areas(text, lexicon, start, end, hits, home))
    hits = _listed_areas(text, lexicon, start, end, hits)
    hits = _listed_stems(text, lexicon, start, end, hits)
    hits = _with(hits, _branch_divisions(text, end, hits, lexicon))
    hits = _with(hits, _listed_waters(text, start, end, hits))
    hits = _with(hits, _unlisted_towns(text, lexicon, start, end, hits))
    hits = _with(hits, _listed_towns(text, lexicon, end, hits))
    return tuple(
        _one_name_per_park(_with(hits, _listed_short_names(text, lexicon, start, end, hits)))
    )


class _Names:
    """The gazetteer's names in a text, leftmost-longest; a name the caller does not take gives
    its characters back, so a name that starts inside it and runs past it is still found
    ("祝贺江苏省": not 贺江, which straddles 祝贺|江苏, but 江苏省). A name wholly inside one not
    taken is no name a reader sees (支流沙颍河 holds no 颍河)."""

    def __init__(self, matcher: LongestMatch, text: str, start: int, end: int) -> None:
        self._matcher, self._text, self._start, self._end = matcher, text, start, end
        self._taken = False

    def __iter__(self) -> Iterator[Match]:
        pos = given_back = self._start
        while (m := next(self._matcher.finditer(self._text, pos, self._end), None)) is not None:
            if m.end <= given_back:
                pos = m.start + 1
                continue
            self._taken = False
            yield m
            if self._taken:
                pos = m.end
            else:
                pos, given_back = m.start + 1, max(given_back, m.end)

    def take(self) -> None:
        """Keep the name last given: the next one starts after it."""
        self._taken = True


_document_places = lru_cache(maxsize=8)(_find_places)
_name_places = lru_cache(maxsize=4096)(_find_places)


@cache
def _short_names(lexicon: Lexicon) -> tuple[dict[str, list[PlaceDef]], LongestMatch | None]:
    """Cities and counties whose short name the gazetteer leaves out because it is a common
    word too (安康市: 安康, well-being), by that short name."""
    short: dict[str, list[PlaceDef]] = {}
    for place in lexicon.places.values():
        stem = _stem(place)
        if stem and place.name.endswith(("市", "县")) and stem not in lexicon.place_by_alias:
            short.setdefault(stem, []).append(place)
    return short, LongestMatch(short) if short else None


def _stem(place: PlaceDef) -> str | None:
    """A city's or county's name without its suffix (安康市: 安康; 门源回族自治县: 门源; 黔南布依族
    苗族自治州: 黔南), when two characters or more are left."""
    if place.type not in ("city", "county"):
        return None
    autonomous = AUTONOMOUS.fullmatch(place.name)
    if autonomous is not None:
        stem = autonomous[1]
    elif place.name.endswith(("市", "县")):
        stem = place.name[:-1]
    else:
        return None
    return stem if len(stem) >= 2 else None


def _listed_short_names(
    text: str, lexicon: Lexicon, start: int, end: int, known: list[PlaceHit]
) -> list[PlaceHit]:
    """Such short names in a list of divisions ("分别为安康、汉中和商洛"): beside a listed city
    or county of the same province the word can only be the place."""
    short, pattern = _short_names(lexicon)
    if pattern is None:
        return []
    divisions = [h for h in known if h.place.type in ("city", "county")]
    ends = {h.end: h for h in divisions}
    starts = {h.start: h for h in divisions}
    taken = SpanSet((h.start, h.end) for h in known)
    found: list[PlaceHit] = []
    for m in pattern.finditer(text, start, end):
        if taken.overlaps(m.start, m.end):
            continue
        before = ends.get(m.start - 1) if text[m.start - 1 : m.start] in _LIST_JOINS else None
        after = starts.get(m.end + 1) if text[m.end : m.end + 1] in _LIST_JOINS else None
        for neighbour in (before, after):
            province = lexicon.province_of(neighbour.place) if neighbour else None
            same = [p for p in short[m.word] if lexicon.province_of(p) == province]
            if province is not None and len(same) == 1:
                found.append(PlaceHit(m.start, m.end, same[0]))
                break
    return found


_LIST_JOINS = ("、", "和", "及", "与")
# A water the gazetteer lacks, listed beside one it has (沙颍河、淇河、伊洛河): a short word ending
# like a river or lake, right after a list mark (not the first part of a port's or a
# reservoir's name: 直湖港, 某河口).
_LISTED_WATER = re.compile(
    r"(?:(?![等和及与或的])[\u4e00-\u9fff]){1,3}?(?P<kind>[河江湖溪])(?![港口湾库道])"
)
_WATER_KINDS = {"河": "river", "江": "river", "溪": "river", "湖": "lake"}
_ITEM_BEFORE_JOIN = re.compile(r"[\u4e00-\u9fff]{2,4}$")  # (searched up to the list mark)
# ...not a word for waters in general or a move along them (入河, 沿江, 江河)
_NOT_LISTED_WATER = frozenset("入出沿跨过大江河内界运")


def _stem_before(text: str, at: int, alias: str, lexicon: Lexicon) -> bool:
    """Whether the character before ``at`` and the first of ``alias`` are the stem of a
    district, county or county-level city (璧 + 山 of 山城区: 璧山区)."""
    stem = text[at - 1 : at] + alias[:1]
    return at > 0 and any(stem + kind in lexicon.place_by_alias for kind in "区县市")


def _listed_waters(text: str, start: int, end: int, known: list[PlaceHit]) -> list[PlaceHit]:
    """Waters the gazetteer lacks listed right after or before a listed river or lake, each
    keyed by its name."""
    taken = SpanSet((h.start, h.end) for h in known)
    waters = [h for h in known if h.place.type in ("river", "lake")]
    found: list[PlaceHit] = []
    for hit in waters:
        after = hit.end + 1
        if text[hit.end : after] in _LIST_JOINS and after < end:
            m = _LISTED_WATER.match(text, after, min(end, after + 4))
            if m is not None:
                found.append(_listed_water(m.start(), m.end(), text, m["kind"]))
        before = hit.start - 1
        if before <= start or text[before] not in _LIST_JOINS:
            continue
        item = _ITEM_BEFORE_JOIN.search(text, max(start, before - 4), before)
        if (
            item is not None
            and item.group(0)[-1] in _WATER_KINDS
            # the item opens a word
            and (item.start() == start or not _is_cjk_char(text[item.start() - 1]))
        ):
            found.append(_listed_water(item.start(), before, text, item.group(0)[-1]))
    unique = {(h.start, h.end): h for h in found}  # (between two listed waters: found twice)
    return [
        h
        for h in unique.values()
        if h.end - h.start >= 2
        and text[h.start] not in _NOT_LISTED_WATER
        and not taken.overlaps(h.start, h.end)
    ]


def _listed_water(begin: int, stop: int, text: str, kind: str) -> PlaceHit:
    name = text[begin:stop]
    return PlaceHit(begin, stop, PlaceDef(name, name, _WATER_KINDS[kind], None, None, ()))


def _is_cjk_char(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _one_name_per_park(hits: list[PlaceHit]) -> list[PlaceHit]:
    """A reserve written once in full and then without its city (天津北大港湿地自然保护区,
    北大港湿地自然保护区) is one reserve, under its full name."""
    parks = {h.place.name: h.place for h in hits if h.place.type == "park"}
    longer: dict[str, list[PlaceDef]] = {}  # name -> the parks whose names end with it
    for name, place in parks.items():
        for i in range(1, len(name)):
            if name[i:] in parks:
                longer.setdefault(name[i:], []).append(place)
    fuller = {name: max(found, key=lambda p: len(p.name)) for name, found in longer.items()}
    if not fuller:
        return hits
    return [
        PlaceHit(h.start, h.end, fuller[h.place.name]) if h.place.name in fuller else h
        for h in hits
    ]


def _is_short(alias: str, place: PlaceDef) -> bool:
    """Whether an alias names a place without the word for its kind of division (江西, 广州 for
    广州市: what follows may go on with the name, 广州海珠国家湿地公园); 黔南州 and 南昌市 say
    it."""
    return not (alias.endswith(_FULL_ADMIN_ENDS) and alias[-1] == place.name[-1])


def _straddles_words(text: str, start: int, end: int) -> bool:
    """Whether the name at ``[start, end)`` begins inside one dictionary word and ends inside
    another (入海|河流), so that a reader sees those words, not the name."""
    if start == 0 or end >= len(text):
        return False
    tags = word_tags()
    return text[start - 1 : start + 1] in tags and text[end - 1 : end + 1] in tags


def _with(hits: list[PlaceHit], more: list[PlaceHit]) -> list[PlaceHit]:
    return sorted([*hits, *more], key=lambda h: (h.start, h.end)) if more else hits


def _unlisted_areas(
    text: str,
    lexicon: Lexicon,
    start: int,
    end: int,
    known: list[PlaceHit],
    home: PlaceDef | None,
) -> list[PlaceHit]:
    """Reserves, parks and planning regions named after no listed place (扎龙国家级自然保护区,
    攀西经济区): a name that opens a word and ends with a protected-area or region word, and
    later short forms of a reserve (扎龙保护区). Keyed by the name, as the entity extractor keys
    a named place it finds by itself; a region lies in the document's home province."""
    settings = lexicon.words.get("gazetteer", {})
    regions = set(settings.get("region_suffixes", ()))
    openers = tuple(settings.get("area_stem_openers", ()))
    inner_openers = tuple(settings.get("area_stem_inner_openers", ()))
    taken = SpanSet((h.start, h.end) for h in known)
    found: list[PlaceHit] = []
    short_forms = _ShortForms(text, start, end)
    for m in _area_name(lexicon).finditer(text, start, end):
        begin = m.start("stem")
        stem = m.group("stem")
        opener = _opening_verb(stem, openers)
        if opener:  # "建设白芨滩国家级自然保护区": the verb opens the clause, not the name
            stem, begin = stem[len(opener) :], begin + len(opener)
        inner = max(
            (stem.rfind(word) + len(word) for word in inner_openers if word in stem), default=0
        )
        if inner:  # "去年在九宫山国家级自然保护区": the clause opens inside the stem
            stem, begin = stem[inner:], begin + inner
        if len(stem) < 2 or any(c in _NOT_IN_AREA_NAMES for c in stem):
            continue
        if taken.overlaps(begin, m.end()):
            continue
        name = text[begin : m.end()]
        taken.add(begin, m.end())
        if m.group("suffix") in regions:
            region = PlaceDef(name, name, "region", home.id if home else None, None, ())
            found.append(PlaceHit(begin, m.end(), region))
            continue
        place = PlaceDef(name, name, "park", None, None, ())
        found.append(PlaceHit(begin, m.end(), place))
        for at, stop in short_forms.of(stem):
            if not taken.overlaps(at, stop):
                found.append(PlaceHit(at, stop, place))
                taken.add(at, stop)
    return found


# What stands before the first of the reserves listed before one area word (，贺兰山、…).
_ITEM_OPENERS = frozenset("，,。；;：:、（(“”\n 在对和与及为是")
_ITEM_AT_END = re.compile(r"[\u4e00-\u9fff]{2,8}$")


def _listed_areas(
    text: str, lexicon: Lexicon, start: int, end: int, hits: list[PlaceHit]
) -> list[PlaceHit]:
    """Reserves listed before the protected-area word they share after 等 (贺兰山、六盘山、罗山等
    国家级自然保护区): each item is a reserve of that kind, not the mountain it is named after. An
    item is a listed place or a word of two to eight characters; the first one opens a word or
    follows a place (西藏自治区羌塘、…)."""
    suffixes = lexicon.words.get("gazetteer", {}).get("protected_area_suffixes", ())
    ends = {h.end: h for h in hits}
    replaced: dict[tuple[int, int], PlaceHit] = {}
    for m in _shared_area_word(lexicon).finditer(text, start, end):
        suffix = m.group("suffix")
        stop = m.start()
        items: list[tuple[int, int]] = []
        while True:
            known = ends.get(stop)
            if known is not None:
                item = (known.start, stop)
            else:
                word = _ITEM_AT_END.search(text[max(start, stop - 8) : stop])
                if word is None:
                    break
                # "西藏自治区羌塘": the item starts where a place named before it ends
                at = max([stop - len(word.group(0)), *(e for e in ends if stop - 8 < e < stop)])
                if stop - at < 2:
                    break
                item = (at, stop)
            items.append(item)
            if text[item[0] - 1 : item[0]] != "、" or item[0] - 1 <= start:
                break
            stop = item[0] - 1
        if len(items) < 2 or any(c in _NOT_IN_AREA_NAMES for a, b in items for c in text[a:b]):
            continue
        first = items[-1][0]
        if (
            first not in {h.start for h in hits}
            and first not in ends
            and text[first - 1 : first] not in _ITEM_OPENERS
        ):
            continue  # the first item opens a word, follows a place or is a place
        for a, b in items:
            if text[a:b].endswith(tuple(suffixes)):
                continue  # "普达措国家公园、…等国家公园": this one is named in full
            name = text[a:b] + suffix
            replaced[(a, b)] = PlaceHit(a, b, PlaceDef(name, name, "park", None, None, ()))
    if not replaced:
        return hits
    kept = [replaced.pop((h.start, h.end), h) for h in hits]
    return _with(kept, list(replaced.values()))


@cache
def _shared_kind_word(lexicon: Lexicon) -> re.Pattern[str] | None:
    kinds = lexicon.words.get("gazetteer", {}).get("shared_kind_words") or ()
    if not kinds:
        return None
    return re.compile(rf"(?:[\d一二两三四五六七八九十]+大|等)?(?P<kind>{alternation(kinds)})")


def _listed_stems(
    text: str, lexicon: Lexicon, start: int, end: int, hits: list[PlaceHit]
) -> list[PlaceHit]:
    """Places listed by their stems before the kind word they share (巴丹吉林、腾格里、乌兰布和、
    库布其4大沙漠; 科尔沁、浑善达克两大沙地): an item that, with the kind word, is a place of the
    gazetteer is that place, and not a city of the same stem (呼伦贝尔 of 呼伦贝尔沙地). Two
    items at least, joined by 、 (or 和, 及, 与 before the last)."""
    pattern = _shared_kind_word(lexicon)
    if pattern is None:
        return hits
    replaced: list[PlaceHit] = []
    for m in pattern.finditer(text, start, end):
        kind = m.group("kind")
        stop = m.start()
        items: list[PlaceHit] = []
        while True:
            place = None
            for size in range(8, 1, -1):  # the longest stem the gazetteer knows
                if stop - size < start:
                    continue
                place = lexicon.place_by_alias.get(text[stop - size : stop] + kind)
                if place is not None:
                    items.append(PlaceHit(stop - size, stop, place))
                    break
            if place is None:
                break
            at = items[-1].start
            if text[at - 1 : at] not in _LIST_JOINS or at - 1 <= start:
                break
            stop = at - 1
        if len(items) >= 2:
            replaced.extend(items)
    if not replaced:
        return hits
    taken = SpanSet((h.start, h.end) for h in replaced)
    return _with([h for h in hits if not taken.overlaps(h.start, h.end)], replaced)


# A city's bureau and its branch for one of its divisions: 济南市生态环境局章丘分局.
_BRANCH = re.compile(r"[\u4e00-\u9fff]{1,10}?局(?P<stem>[\u4e00-\u9fff]{1,4}?)分局")


def _branch_divisions(
    text: str, end: int, hits: list[PlaceHit], lexicon: Lexicon
) -> list[PlaceHit]:
    """A division named by its stem in its city bureau's branch (济南市生态环境局章丘分局: 章丘区,
    which the gazetteer does not take by its stem alone, as a district's stem is often a word):
    after a city's name, the branch's stem that one of the city's divisions begins with."""
    found = []
    taken = SpanSet((h.start, h.end) for h in hits)
    for hit in hits:
        if hit.place.type not in ("city", "province"):  # 北京市生态环境局朝阳分局
            continue
        m = _BRANCH.match(text, hit.end, end)
        if m is None:
            continue
        place = _division_stems(lexicon).get((hit.place.id, m["stem"]))
        if place is not None and not taken.overlaps(*m.span("stem")):
            found.append(PlaceHit(m.start("stem"), m.end("stem"), place))
    return found


@cache
def _division_stems(lexicon: Lexicon) -> dict[tuple[str, str], PlaceDef]:
    """The county-level divisions by their city and their stem (章丘区: 370100, 章丘)."""
    stems: dict[tuple[str, str], PlaceDef] = {}
    for place in lexicon.places.values():
        if place.type != "county" or place.parent is None:
            continue
        autonomous = AUTONOMOUS.fullmatch(place.name)
        stem = autonomous[1] if autonomous else place.name[:-1]
        if len(stem) >= 2:
            stems.setdefault((place.parent, stem), place)
    return stems


class _ShortForms:
    """Where a reserve's stem stands before 保护区 (扎龙保护区) in ``text[start:end]``, as
    ``re.finditer(stem + "保护区")`` finds them, from one index of every 保护区 by the stems
    before it. A stem asked for again yields nothing: what it found then is taken since."""

    WORD = "保护区"
    LONGEST_STEM = 8

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text, self._start, self._end = text, start, end
        self._index: dict[str, list[int]] | None = None
        self._asked: set[str] = set()

    def of(self, stem: str) -> list[tuple[int, int]]:
        """The spans of ``stem`` + 保护区, left to right, none overlapping the one before."""
        if stem in self._asked:
            return []
        self._asked.add(stem)
        if self._index is None:
            self._index = {}
            text, at = self._text, self._text.find(self.WORD, self._start, self._end)
            while at >= 0:
                for size in range(1, self.LONGEST_STEM + 1):
                    if at - size >= self._start:
                        self._index.setdefault(text[at - size : at], []).append(at)
                at = text.find(self.WORD, at + len(self.WORD), self._end)
        spans: list[tuple[int, int]] = []
        for at in self._index.get(stem, ()):
            if not spans or at - len(stem) >= spans[-1][1]:
                spans.append((at - len(stem), at + len(self.WORD)))
        return spans


@cache
def _region_word(lexicon: Lexicon) -> re.Pattern[str]:
    suffixes = lexicon.words.get("gazetteer", {}).get("region_suffixes", ())
    # "关中平原经济区": a word may stand between the place and the region word
    return re.compile(
        rf"[^\W\d_{''.join(sorted(_NOT_IN_AREA_NAMES))}]{{0,2}}?(?:{alternation(suffixes)})"
    )


@cache
def _area_name(lexicon: Lexicon) -> re.Pattern[str]:
    settings = lexicon.words.get("gazetteer", {})
    suffixes = [*settings.get("protected_area_suffixes", ()), *settings.get("region_suffixes", ())]
    return re.compile(
        rf"{_WORD_OPENS}(?P<stem>[\u4e00-\u9fff]{{2,8}}?)(?P<suffix>{alternation(suffixes)})",
        re.MULTILINE,
    )


def _unlisted_towns(
    text: str, lexicon: Lexicon, start: int, end: int, known: list[PlaceHit]
) -> list[PlaceHit]:
    """Towns, townships, subdistricts and villages (莫干山镇, 菖蒲乡, 新华街道, 孙楼村), which no
    gazetteer lists: a name of two to four characters that opens a word (after a stop, 在, 和…)
    and ends with such a word. Keyed by the county named last before it, so 城关镇 of two
    counties are two places."""
    settings = lexicon.words.get("gazetteer", {})
    suffixes: dict[str, str] = settings.get("town_suffixes", {})
    if not suffixes:
        return []
    not_stems = tuple(settings.get("town_not_stems", ()))
    not_after = settings.get("town_not_after", {})
    not_words = tuple(settings.get("town_not_words", ()))
    not_before = tuple(settings.get("town_not_before", ()))
    openers = tuple(settings.get("area_stem_openers", ()))
    taken = SpanSet((h.start, h.end) for h in known)
    counties = [h for h in known if h.place.type == "county"]
    county_starts = [h.start for h in counties]
    found: list[PlaceHit] = []
    # "德清县莫干山镇": a town also opens right after its county
    after_county = [m for h in counties if (m := _TOWN_AT.match(text, h.end, end))]
    glued = {m.start() for m in after_county}
    # "重点排查羊口镇", "完成千人桥镇": or right after a verb
    after_verb = [
        m for m in _TOWN_AT.finditer(text, start, end) if leading_verb(m.group("stem"), keep=2)
    ]
    after_verb += _towns_after_verbs(text, start, end)
    candidates = sorted(
        [*_TOWN_NAME.finditer(text, start, end), *after_county, *after_verb],
        key=lambda m: m.start(),
    )
    i = 0
    while i < len(candidates):
        m = candidates[i]
        i += 1
        stem, suffix = m.group("stem"), m.group("suffix")
        if suffix not in suffixes or text[m.end() : m.end() + 1] in not_after.get(suffix, ""):
            continue  # "乡村", "乡镇": the word goes on
        if text.startswith(not_before, m.end()):
            continue
        # "徽城镇5个、雄村镇4个": a kind word (小城镇, 美丽村镇) is never counted right after itself
        counted = text[m.end() : m.end() + 1].isdigit()
        if stem.endswith(not_stems) or stem in not_stems or (stem + suffix).endswith(not_words):
            continue
        if stem[-1] in _WHOLE_OF or (
            stem[-1] in _NOT_TOWN_STEM_END and not counted and not _name_stem(stem, suffix)
        ):
            continue  # "实现了全镇14个行政村…": the whole town, whatever is counted after it
        begin = m.start("stem")
        verb = _opening_verb(stem, openers)
        if verb and len(stem) - len(verb) >= 2:
            stem, begin = stem[len(verb) :], begin + len(verb)  # "完成长寿镇": 长寿镇
        if "的" in stem or (m.start() not in glued and word_tags().get(stem[-2:], "")[:1] == "v"):
            continue  # "严格落实镇…", "整洁的村": a clause before the word, not a name
            # (right after its county it is a name: 南浔区练市镇)
        if taken.overlaps(begin, m.end()) or any(f.start == begin for f in found[-2:]):
            continue  # (a town after a verb is a candidate of both readings)
        before = bisect_left(county_starts, begin)  # the county named last before it
        county = counties[before - 1].place if before else None
        name = stem + suffix
        place = PlaceDef(
            town_key(county, name), name, suffixes[suffix], county.id if county else None, None, ()
        )
        found.append(PlaceHit(begin, m.end(), place))
        village = _TOWN_AT.match(text, m.end(), end)
        if village is not None and suffixes.get(village.group("suffix")) == "village":
            # "文福镇白湖村": a village opens right after its town too
            insort(candidates, village, lo=i, key=lambda m: m.start())
            glued.add(village.start())
    return found


def _listed_towns(text: str, lexicon: Lexicon, end: int, known: list[PlaceHit]) -> list[PlaceHit]:
    """The items listed after a town (明水街道、埠村街道、刁镇), towns however short or odd their
    stems, which the reading of single names leaves out (刁镇: one character; 埠村街道: a stem
    ending with 村): an item between two 、 is a name whole when it ends with a town's word; the
    last one is the shortest stem before the word the list's towns share (else any town word)."""
    settings = lexicon.words.get("gazetteer", {})
    suffixes: dict[str, str] = settings.get("town_suffixes", {})
    not_stems = set(settings.get("town_not_stems", ()))
    taken = SpanSet((h.start, h.end) for h in known)
    starts = {h.start: h for h in known}
    found: list[PlaceHit] = []
    for hit in known:
        if hit.place.type != "town" or not text.startswith(_LIST_JOINS, hit.end):
            continue
        shared = ends_with_any(hit.place.name, tuple(suffixes)) or ""
        at = hit.end
        while at < end and text[at] in _LIST_JOINS:
            if at + 1 in starts:  # named already: the list goes on after it
                at = starts[at + 1].end
                continue
            item = _town_item(text, at + 1, end, shared, suffixes)
            if item is None or item[1] in not_stems or taken.overlaps(at + 1, item[0]):
                break
            stop, stem, suffix = item
            name = stem + suffix
            county = lexicon.places.get(hit.place.parent) if hit.place.parent else None
            place = PlaceDef(
                town_key(county, name), name, suffixes[suffix], hit.place.parent, None, ()
            )
            found.append(PlaceHit(at + 1, stop, place))
            at = stop
    return found


def _town_item(
    text: str, at: int, end: int, shared: str, suffixes: Mapping[str, str]
) -> tuple[int, str, str] | None:
    """The end, stem and town word of the list item at ``at`` (see :func:`_listed_towns`)."""
    stop = min((i for i in (text.find(j, at, end) for j in _LIST_JOINS) if i >= 0), default=-1)
    words = [w for w in suffixes if stop > at and text.endswith(w, at, stop)]
    if words and 1 <= stop - at - len(words[0]) <= 4 and _CJK.match(text, at):
        return stop, text[at : stop - len(words[0])], words[0]  # what two joins enclose
    for choice in ([shared], [w for w in suffixes if w not in (shared, "村")]):
        for size in range(1, 5):
            stem = text[at : at + size]
            word = next((w for w in choice if text.startswith(w, at + size)), None)
            if word is None:
                continue
            if _NOT_IN_TOWN_NAMES.intersection(stem) or not all(_CJK.match(c) for c in stem):
                break
            return at + size + len(word), stem, word
    return None


def _opening_verb(stem: str, openers: tuple[str, ...]) -> str:
    """The verb opening a place's stem: by jieba's dictionary, or one of ``openers`` (words it
    tags otherwise: 流经塘川镇, 涉…保护区), the longer of the two (涉及江那镇: 涉及, not 涉)."""
    return max(starts_with_any(stem, openers) or "", leading_verb(stem, keep=2), key=len)


# A town's name after the verb that opens it, longer than _TOWN_AT's stems leave room for
# (完成千人桥镇): the verb and two to four characters; not villages, which verbs make (打造…村).
# ...whose stem holds no particle or division word (纳入了由镇…, 镇区主街道, 周立新到车江镇).
_NOT_IN_TOWN_NAMES = frozenset("了的和与及由在对将以到为是各全每该本镇乡村区县市")
_VERB_TOWN = re.compile(r"(?P<stem>[\u4e00-\u9fff]{4,7}?)(?P<suffix>街道|镇|乡)")


def _towns_after_verbs(text: str, start: int, end: int) -> list[re.Match[str]]:
    """Towns named right after a verb of two or three characters (推进淖毛湖镇, 完成千人桥镇),
    one per town word: the leftmost reading whose verb leaves a stem of two to four."""
    found: list[re.Match[str]] = []
    for word in re.finditer("街道|镇|乡", text[start:end]):
        stop = start + word.end()
        for at in range(max(start, start + word.start() - 7), start + word.start() - 3):
            m = _VERB_TOWN.fullmatch(text, at, stop)
            if m is None:
                continue
            verb = leading_verb(m.group("stem"), keep=2)
            rest = m.group("stem")[len(verb) :] if verb else ""
            if (
                rest
                and len(rest) <= 4
                and not _NOT_IN_TOWN_NAMES.intersection(rest)
                and not leading_verb(rest, keep=2)  # 的位于南港镇: the verb right before it
            ):
                found.append(m)
                break
    return found


def _town_named(text: str, stop: int, alias: str, place: PlaceDef, lexicon: Lexicon) -> bool:
    """Whether a division's short name ending at ``stop`` opens the name of a town or village
    (海北镇, 南平乡), which the towns' own pass finds."""
    if not _is_short(alias, place):
        return False
    settings = lexicon.words.get("gazetteer", {})
    suffix = starts_with_any(text[stop : stop + 2], tuple(settings.get("town_suffixes", {})))
    if suffix is None:
        return False
    after = text[stop + len(suffix) : stop + len(suffix) + 1]
    return after == "" or after not in settings.get("town_not_after", {}).get(suffix, "")


def _name_stem(stem: str, suffix: str) -> bool:
    """Whether a stem ending like a kind word (城, 市) still names a town before ``suffix``."""
    return suffix in _NAME_STEM_ENDS.get(stem[-1], ()) and stem[-2] not in _NOT_TOWN_STEM_END


def town_key(county: PlaceDef | None, name: str) -> str:
    """A town's id: its county's code and its name, since two counties may each have a 新城镇."""
    return f"{county.id}-{name}" if county is not None else name


def split_town_key(ident: str) -> tuple[str | None, str]:
    """The county id and the name in a town's id (None and the id for any other place)."""
    county, sep, name = ident.partition("-")
    return (county, name) if sep and county.isdigit() else (None, ident)


def _unlisted_water(text: str, lexicon: Lexicon, start: int, end: int) -> list[PlaceHit]:
    """Lakes, bays, reservoirs, rivers and channels the lexicon lacks (筼筜湖, 马銮湾, 东平水道):
    a name of one to three characters before such a word, which the text repeats (a name is
    written more than once; a phrase that happens to end so is not), or writes once where only
    a name can stand: before 流域/干流 (练江流域), or as a reservoir whose stem is no common
    word (鹤地水库, not 病险水库). Listed water bodies, and names whose stem is a common word
    (重点水库, 近岸海域), are left to the lexicon."""
    settings = lexicon.words.get("gazetteer", {})
    suffixes: dict[str, str] = settings.get("water_suffixes", {})
    not_stems = set(settings.get("water_not_stems", ()))
    if not suffixes:
        return []
    found: list[PlaceHit] = []
    count = _NameCounts(text, suffixes)

    not_after: dict[str, str] = settings.get("water_not_after", {})
    towns = tuple(settings.get("town_suffixes", {}))
    for m in _water_suffix_re(tuple(sorted(suffixes))).finditer(text, start, end):
        suffix, following = m.group(0), text[m.end() : m.end() + 1]
        if following and (
            following in _NOT_AFTER_WATER_NAMES or following in not_after.get(suffix, "")
        ):
            continue  # "高原湖泊", "湖区", "河长": the word goes on, it names no water body
        if text.startswith(towns, m.end()):
            continue  # "露水河镇", "露水河村": the town or village named after the water
        basin = starts_with_any(text[m.end() : m.end() + 2], _WATER_PARTS) is not None
        tail = text[max(0, m.end() - 5) : m.end()]
        if (suffix in _BASIN_ONLY and not basin) or _ends_with_listed_water(tail, lexicon, True):
            continue  # "江西", "江湖"; "赤水河", "澜沧江" are listed
        if _inside_division_name(text, lexicon, m.end()) or _opens_province(
            text, lexicon, m.start()
        ):
            # "联合防城港市…": the 港 of a city written in full names no water; "通报河南省…":
            # nor does the 河 that opens a province's name
            continue
        best = None
        for size in (4, 3, 2, 1):
            stem = text[max(0, m.start() - size) : m.start()]
            name = stem + suffix
            if (
                len(stem) == size
                and (size > 1 or (basin and suffix in _RIVER_WORDS))
                # "维多利亚港": four characters when the dictionary knows them as one place name
                and (size < 4 or word_tags().get(stem) == "ns")
                and _water_stem(stem, suffix, not_stems)
                and name not in lexicon.place_by_alias
                # "全省黄河流域": 黄河 is listed; a name ending with a listed one is no new name
                and not _ends_with_listed_water(name, lexicon)
                and (
                    count.of(name) >= 2
                    or basin
                    or _named_reservoir(text, m.start() - size, stem, suffix)
                    or _listed_name(text, m.start() - size, m.end(), stem, suffix)
                    or _after_division(text, lexicon, m.start() - size, stem)
                )
                # the longer name, unless the shorter is also written alone (龙羊峡水库)
                and (best is None or count.of(name) > count.of(best))
            ):
                best = name
        if best is None:
            continue
        begin = m.end() - len(best)
        if found and found[-1].end > begin:
            if suffix not in _WETLAND_WORDS or found[-1].start < begin:
                continue
            found.pop()  # 北大港|湿地: the wetland named after the water is the name
        # Keyed by its name, as the entity extractor keys a named place it finds by itself.
        place = PlaceDef(best, best, suffixes[suffix], None, None, ())
        stop = m.end()
        area = _area_after(lexicon, text, stop, end)
        if area is not None:  # "东寨港国家级自然保护区": the reserve named after the water
            name = text[begin : area.end()]
            place, stop = PlaceDef(name, name, "park", None, None, ()), area.end()
        found.append(PlaceHit(begin, stop, place))
    return found


class _NameCounts:
    """How often the text writes a name of a water body (``text.count(name)``: the whole text,
    without overlaps), from one index of where each water word stands by the characters
    before it, instead of a scan of the whole text for every name."""

    LONGEST_STEM = 4

    def __init__(self, text: str, suffixes: Iterable[str]) -> None:
        self._text, self._suffixes = text, tuple(suffixes)
        self._starts: dict[str, set[int]] | None = None
        self._counts: dict[str, int] = {}

    def of(self, name: str) -> int:
        """``text.count(name)`` for a name that ends with a water word."""
        if name in self._counts:
            return self._counts[name]
        if self._starts is None:
            self._starts = {}
            text = self._text
            for suffix in self._suffixes:
                at = text.find(suffix)
                while at >= 0:
                    for size in range(1, self.LONGEST_STEM + 1):
                        if at >= size:
                            name_at = text[at - size : at + len(suffix)]
                            self._starts.setdefault(name_at, set()).add(at - size)
                    at = text.find(suffix, at + 1)
        count, free = 0, 0
        for start in sorted(self._starts.get(name, ())):
            if start >= free:  # str.count does not count overlapping occurrences
                count, free = count + 1, start + len(name)
        self._counts[name] = count
        return count


def _water_stem(stem: str, suffix: str, not_stems: set[str]) -> bool:
    """Whether ``stem`` can begin a water body's name: Chinese characters, no common word, no
    particle or other water word ("太湖湖体", "美丽河湖", "2024年太湖"), except the river a
    reservoir or lake is named after (新丰江水库)."""
    inner = stem[:-1] if suffix == "水库" and stem[-1:] in _RIVER_WORDS and len(stem) > 1 else stem
    # a wetland is named after the water it lies by (北大港湿地, 闽江河口湿地, 少海湿地)
    barred = _NOT_IN_WATER_NAMES - _WATER_CHARS if suffix in _WETLAND_WORDS else _NOT_IN_WATER_NAMES
    return (
        all("\u4e00" <= c <= "\u9fff" for c in stem)
        and stem not in not_stems
        and stem[-2:] not in not_stems
        and not any(c in barred for c in inner)
    )


def _listed_name(text: str, begin: int, end: int, stem: str, suffix: str) -> bool:
    """A name written once in a list of names of the same kind ("罗源湾、兴化湾和湄洲湾",
    "平潭岛、东山岛、湄洲岛"), whose stem is no common noun or attribute by jieba's dictionary
    (a list makes the name: 兴化 is tagged a verb)."""
    tags = word_tags()
    if len(stem) < 2 or tags.get(stem) in _KIND_TAGS:
        return False
    if begin > 0 and text[begin - 1 : begin + 1] in tags:
        return False  # "其中罗源湾": 中 ends the word 其中, the name begins after it
    if text[begin - 1 : begin] in _LIST_MARKS and text.endswith(suffix, 0, begin - 1):
        return True
    after = text[end : end + 1]
    return after in _LIST_MARKS and _same_kind_after(suffix).match(text, end + 1) is not None


@cache
def _same_kind_after(suffix: str) -> re.Pattern[str]:
    return re.compile(rf"[\u4e00-\u9fff]{{2,4}}?{re.escape(suffix)}")


def _after_division(text: str, lexicon: Lexicon, begin: int, stem: str) -> bool:
    """A name written once right after the full name of the division it lies in ("厦门市筼筜湖",
    "常德市穿紫河"), whose stem is no common noun or attribute by jieba's dictionary."""
    tags = word_tags()
    if len(stem) < 2 or any(c in CHINESE_NUMERAL_CHARS or c == "第" for c in stem):
        return False  # "江西省第一大湖": a rank, not a name
    # "…县建立塘河长制", "…市加快环湖…": a stem opening with a verb or common word is a phrase
    if any(tags.get(stem[:n]) in (*_KIND_TAGS, "v") for n in range(2, len(stem) + 1)):
        return False
    for size in range(2, 9):
        place = lexicon.place_by_alias.get(text[max(0, begin - size) : begin])
        if place is not None and place.type in _RANKED and place.name == text[begin - size : begin]:
            return True
    return False


def _named_reservoir(text: str, begin: int, stem: str, suffix: str) -> bool:
    """A reservoir written once under a name that opens its word ("；鹤地水库呈…", "、飞来峡水库")
    and is no common word by jieba's dictionary (病险水库, 骨干水库 are kinds)."""
    if suffix != "水库" or len(stem) < 2 or (begin > 0 and _is_cjk_char(text[begin - 1])):
        return False
    return word_tags().get(stem) in (None, "ns", "nr")


def _opens_province(text: str, lexicon: Lexicon, at: int) -> bool:
    """Whether a province's name (河南, 湖北省) starts at ``at``."""
    for size in range(2, 4):
        place = lexicon.place_by_alias.get(text[at : at + size])
        if place is not None and place.type == "province":
            return True
    return False


def _inside_division_name(text: str, lexicon: Lexicon, at: int) -> bool:
    """Whether the characters before ``at`` open a listed division's full name that the text
    writes out there (防城港|市, 连云港|市)."""
    for size in range(2, 5):
        place = lexicon.place_by_alias.get(text[max(0, at - size) : at])
        if (
            place is not None
            and place.type not in WATER_TYPES
            and len(place.name) > size
            and text.startswith(place.name, at - size)
        ):
            return True
    return False


@cache
def _ends_with_listed_water(name: str, lexicon: Lexicon, whole: bool = False) -> bool:
    """Whether ``name`` ends with a listed water body's name shorter than itself (or, with
    ``whole``, as long as itself)."""
    for size in range(2, len(name) + whole):
        place = lexicon.place_by_alias.get(name[-size:])
        if place is not None and place.type in WATER_TYPES:
            return True
    return False


def _opens_name(text: str, at: int, hits: list[PlaceHit]) -> bool:
    """Whether a name may open at ``at``: at a stop, a word that opens names (see
    ``_WORD_OPENS``), 的 (位于…的安吉小鲵…保护区) or a verb (推进若尔盖国家公园创建), or right
    after a place named before it (广西崇左…)."""
    tags = word_tags()
    return (
        at == 0
        or not _is_cjk_char(text[at - 1])
        or text[at - 1] in _NAME_OPENERS
        or text[at - 1] == "的"
        or any(tags.get(text[at - size : at], "")[:1] in ("v", "p") for size in (2, 3))
        or any(h.end == at for h in hits)
    )


def _area_after(lexicon: Lexicon, text: str, stop: int, end: int) -> re.Match[str] | None:
    """A protected-area word a few characters after a place's name (祁连山国家级自然保护区,
    崇左白头叶猴国家级自然保护区), unless a list runs between them (罗山等国家级自然保护区)."""
    area = _protected_area(lexicon).match(text, stop, min(end, stop + 16))
    if area is None or any(c in _NOT_IN_AREA_NAMES for c in text[stop : area.start("suffix")]):
        return None
    return area


@cache
def _shared_area_word(lexicon: Lexicon) -> re.Pattern[str]:
    """等 and the kind of protected area the items listed before it share (等国家级自然保护区)."""
    suffixes = lexicon.words.get("gazetteer", {}).get("protected_area_suffixes", ())
    return re.compile(rf"等(?P<suffix>{alternation(suffixes)})")


@cache
def _protected_area(lexicon: Lexicon) -> re.Pattern[str]:
    suffixes = lexicon.words.get("gazetteer", {}).get("protected_area_suffixes", ())
    return re.compile(rf"[\u4e00-\u9fff]{{0,6}}?(?P<suffix>{alternation(suffixes)})")


@cache
def _water_suffix_re(suffixes: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(alternation(suffixes))


def _resolve_by_home(hits: list[PlaceHit], text: str, lexicon: Lexicon) -> list[PlaceHit]:
    """Names read in the light of the province the text's other places point to: a name that
    several places share (鼓楼区) is the one in that province (without one, the first in code
    order); a county named by its stem alone (德清, 五河) counts only inside that province,
    where a reader would take it for the county."""
    shared = lexicon.place_candidates

    def doubtful(hit: PlaceHit) -> bool:
        name = text[hit.start : hit.end]
        # "县政府和县森林…指挥部": a conjunction after a word may open no name (和县)
        joined = name[0] in _CONJUNCTIONS and _CJK.match(text, hit.start - 1) is not None
        return (
            name in shared
            # (肃南县 is 肃南裕固族自治县 wherever it stands: a stem written with its type)
            or (
                hit.place.type == "county"
                and name not in (hit.place.name, autonomous_short_form(hit.place.name))
                and _is_short(name, hit.place)  # (圣安多尼堂区 is 花王堂区 by another name)
            )
            or (joined and hit.start > 0)
        )

    home = home_province([h for h in hits if not doubtful(h)], lexicon)
    out = []
    for hit in hits:
        name = text[hit.start : hit.end]
        found = shared.get(name)
        if found is not None and home is not None:
            inside = [p for p in found if lexicon.province_of(p) == home]
            if inside:
                hit = PlaceHit(hit.start, hit.end, inside[0])
        elif doubtful(hit) and lexicon.province_of(hit.place) != home:
            continue
        out.append(hit)
    return out


def home_province(hits: Iterable[PlaceHit], lexicon: Lexicon) -> PlaceDef | None:
    """The province a document is mostly about: the one its places fall in most often."""
    counts: Counter[str] = Counter()
    for hit in hits:
        province = lexicon.province_of(hit.place)
        if province is not None:
            counts[province.id] += 1
    if not counts:
        return None
    best = max(sorted(counts), key=lambda pid: counts[pid])
    return lexicon.places[best]


def document_locality(
    title: str,
    lexicon: Lexicon,
    home: PlaceDef | None,
    publisher: str = "",
    in_text: Sequence[PlaceDef] = (),
) -> PlaceDef | None:
    """The place a document speaks for: the most specific division its title names (a county's
    notice, 湖州市生态环境局德清分局…, speaks for 德清县; a township's summary for the
    township), also by the short name of a division the text (``in_text``) names in full
    ("乳源公布去年GEP…" over 广东省韶关市乳源瑶族自治县), else the one its publisher names
    (铜仁市生态环境局思南分局: 思南县), else a park or river basin its title names, else its
    home province."""
    # "…公益诉讼案件1.2万余件(报纸版面，含泾县督察整改进展)": an aside says what else the
    # page holds, not whom the document speaks for, unless it is only a division's name: the
    # party a letter or plan is made out to ("…目标责任书(主簿镇)")
    parties = {
        (h.start - 1, h.end + 1) for h in find_places(title, lexicon) if h.place.type in _RANKED
    }
    title = ASIDE.sub(lambda m: m[0] if m.span() in parties else "", title)
    media = _media_names(lexicon)
    if media is not None:
        # "新疆新闻联播丨塔里木河下游…": the programme's label, not the story, names 新疆
        title = "".join(p for p in _TITLE_LABELS.split(title) if not media.search(p))
    headline = _headline_place(title, lexicon)
    if headline is not None:
        return headline  # "蕉岭：三年攻坚…": a headline opening with a short name is its story
    hits = find_places(title, lexicon)
    basin = _basin_of_division(title, hits)
    if basin is not None:
        return basin
    named = [h.place for h in hits if h.place.type in _RANKED]
    parts = [h.place for h in hits if _PART_OF_WHOLE.match(title, h.end)]
    if len(parts) < len(named):
        # "十年间广西海草床面积增加约三成　合浦海域占全区近六成": a division weighed against the
        # whole the title names is a part of the story, not whom it speaks for
        named = [p for p in named if p not in parts]
    towns = {h.end for h in hits if h.place.type == "town"}
    village = next((h.place for h in hits if h.place.type == "village" and h.start in towns), None)
    if village is not None:
        return village  # "婺源县江湾镇汪口村…公示": a village's own notice speaks for the village
    if not named:
        named = [p for p in dict.fromkeys(in_text) if _short_form_in(title, p, hits)]
    national = _national_title(title, lexicon)
    if not named and not national:
        # "皖江法治报(安徽省人民检察院通报；泾县人民政府公示)": several publishers speak for
        # what their divisions share; one (铜仁市生态环境局思南分局) for its most specific; a
        # newspaper (梅州日报) names where it is printed, not whom the document speaks for
        own = [
            [h.place for h in find_places(part, lexicon) if h.place.type in _RANKED]
            for part in _PARTIES.split(publisher)
            if not (media and media.search(part))
        ]
        shared = common_division([min(p, key=_rank) for p in own if p], lexicon)
        named = [shared] if shared is not None else []
    if not named:
        # "生态环境部通报…全国环境空气质量状况": a national document speaks for the country, not
        # for the province most of its examples lie in
        if national:
            return lexicon.place_by_alias.get("全国", home)
        # "滇南亚洲象国家公园2025年度工作报告", "皖浙新安江流域横向生态补偿…": a report on a
        # park or a river basin speaks for it, not for the province it lies in; a title saying
        # 我市 ("胶州湾…去年达到84.6% 我市湾长制工作…") speaks for the division that writes it
        areas = [h.place for h in hits if h.place.type in _TITLE_AREAS]
        return areas[0] if areas and not _SPEAKER.search(title) else home
    most = min(named, key=_rank)
    reserves = [
        h.place
        for h in hits
        if h.place.type in _PROTECTED and common_division([h.place, most], lexicon) == most
    ]
    if reserves:
        # "海南长臂猿种群增至7群42只——海南热带雨林国家公园旗舰物种保护观察": a park within the
        # division the title names is what the story is about
        return reserves[0]
    peers = list(dict.fromkeys(p for p in named if _rank(p) == _rank(most)))
    if len(peers) > 1:
        # "省生态环境厅公开约谈安阳、焦作、鹤壁三市政府": divisions a title lists side by side
        # are what it is about, the division holding them all is whom it speaks for
        return common_division(peers, lexicon) or most
    return most


def party_division(lead: str, locality: PlaceDef | None, lexicon: Lexicon) -> PlaceDef | None:
    """The county a decision's party is at, by the address lines of its head ("当事人：…公司",
    "地址：邯郸市峰峰矿区新坡镇"), when it lies within the document's locality and all such
    lines agree: what the decision found is the party's, there (a city bureau's penalty on a
    plant in one of its districts)."""
    opening = _address_line(lexicon)
    if opening is None:
        return None
    counties = {
        h.place
        for m in opening.finditer(lead)
        for h in find_places(m["address"], lexicon)
        if h.place.type == "county"
    }
    if len(counties) != 1:
        return None
    county = counties.pop()
    if locality is not None and common_division([county, locality], lexicon) != locality:
        return None
    return county


@cache
def _address_line(lexicon: Lexicon) -> re.Pattern[str] | None:
    lines = lexicon.words.get("gazetteer", {}).get("address_lines", ())
    if not lines:
        return None
    return re.compile(rf"^\s*(?:{alternation(lines)})\s*[:：](?P<address>.*)$", re.MULTILINE)


def source_division(lead: str, lexicon: Lexicon) -> PlaceDef | None:
    """The most specific division named in the body a report's lead says its figures came from
    ("记者从海南州林业和草原局获悉": 海南藏族自治州), if any."""
    verbs = lexicon.words.get("gazetteer", {}).get("learned_from", ())
    for verb in verbs:
        at = lead.find(verb)
        opening = lead.rfind("从", 0, at) if at > 0 else -1
        if opening >= 0 and at - opening <= _SOURCE_REACH:
            named = [h.place for h in find_places(lead[opening:at], lexicon)]
            divisions = [p for p in named if p.type in _RANKED]
            if divisions:
                return min(divisions, key=_rank)
    return None


# How long the body between 从 and 获悉 may be (a date and a bureau's full name).
_SOURCE_REACH = 30


def _basin_of_division(title: str, hits: Sequence[PlaceHit]) -> PlaceDef | None:
    """The river whose basin a title names right after a division (《陕西省渭河流域…条例》): the
    document speaks for that basin, not for all of the division ("全省黄河流域" is the province's
    part of a river it shares)."""
    for before, hit in itertools.pairwise(hits):
        if (
            before.place.type in _RANKED
            and before.end == hit.start
            and hit.place.type == "river"
            and _BASIN in title[hit.start : hit.end + len(_BASIN)]  # (the hit may hold it)
        ):
            return hit.place
    return None


_BASIN = "流域"
# A division speaking of itself: 我省, 我市, 我县, 我区, 我州, 我盟, 我旗.
_SPEAKER = re.compile("我[省市县区州盟旗]")
_RANKED = {"town": 0, "county": 1, "city": 2, "province": 3}
# What follows a division weighed against its whole in a title (合浦海域占全区近六成,
# 宜春居全省首位); not the nation: a province ranked in the country still speaks for itself.
_PART_OF_WHOLE = re.compile(r"[^，,。；;\s]{0,6}?(?:占全|居全|位居全|位列全|列全)[省区市县]")
_TITLE_OPENER = re.compile(r"\s*([\u4e00-\u9fff]{2,4})[：:]")


@cache
def _media_names(lexicon: Lexicon) -> re.Pattern[str] | None:
    words = lexicon.words.get("gazetteer", {}).get("media_words", ())
    return re.compile(alternation(words)) if words else None


# The bars that set a column's or programme's label off a headline (局长访谈丨…, …｜密山分局).
_TITLE_LABELS = re.compile(r"\s*[丨｜|]\s*")
# A bracketed aside: "(报纸版面，含…)", "淀山湖(上海部分)".
ASIDE = re.compile(r"\([^()]*\)")
_PARTIES = re.compile(r"[()；;，,、]")


def named_division(line: str, lexicon: Lexicon) -> PlaceDef | None:
    """The most specific division a line (a section's heading) names, if any; a headline may
    name it by its short name before a colon ("# 门源：浩门河畔生态美")."""
    short = _headline_place(line.lstrip("# "), lexicon)
    if short is not None:
        return short
    named = [h.place for h in find_places(line, lexicon) if h.place.type in _RANKED]
    if not named:
        return None
    narrowest = min(named, key=_rank)
    peers = list(dict.fromkeys(p for p in named if _rank(p) == _rank(narrowest)))
    # "# 省级督察进驻江门肇庆": a section on two cities speaks for what holds them both
    return common_division(peers, lexicon) if len(peers) > 1 else narrowest


def _headline_place(title: str, lexicon: Lexicon) -> PlaceDef | None:
    """The division a headline opening with its short name and a colon is about (蕉岭：…)."""
    opener = _TITLE_OPENER.match(title)
    short = _short_names(lexicon)[0].get(opener[1], []) if opener is not None else []
    return short[0] if len(short) == 1 else None


def _short_forms(place: PlaceDef) -> tuple[str, ...]:
    """How a text that named a city or county in full may name it after: 宜昌 for 宜昌市, 乳源
    and 乳源县 for 乳源瑶族自治县, 黔南 and 黔南州 for 黔南布依族苗族自治州."""
    stem = _stem(place)
    if stem is None:
        return ()
    # an autonomous county or prefecture keeps its type: 乳源县, 黔南州
    return (stem, stem + place.name[-1]) if AUTONOMOUS.fullmatch(place.name) else (stem,)


def _short_form_in(text: str, place: PlaceDef, hits: list[PlaceHit]) -> bool:
    """Whether ``text`` names ``place`` by a short form outside the places found in it (盐城 in
    盐城湿地珍禽国家级自然保护区 is the reserve's name), and not as a water named after it
    (胶州湾)."""
    taken = SpanSet((h.start, h.end) for h in hits)
    for form in _short_forms(place):
        for m in re.finditer(re.escape(form), text):
            after = text[m.end() : m.end() + 2]
            water = after[:1] in _WATER_AFTER_SHORT and after[1:] != _STRETCH
            if not water and not taken.overlaps(m.start(), m.end()):
                return True
    return False


def _rank(place: PlaceDef) -> int:
    return _RANKED[place.type]


def common_division(places: list[PlaceDef], lexicon: Lexicon) -> PlaceDef | None:
    """The most specific division that holds every one of ``places`` (None if none does)."""
    if not places:
        return None

    def chain(place: PlaceDef) -> list[PlaceDef]:
        out = [place]
        while out[-1].parent and out[-1].parent in lexicon.places and len(out) < 8:
            out.append(lexicon.places[out[-1].parent])
        return out

    shared = [p for p in chain(places[0]) if all(p in chain(q) for q in places[1:])]
    return next((p for p in shared if p.type in _RANKED), None)


# The nation as the peer group of a rank (居全国第三, 全国首位, 位居全国前列), not as a scope.
_NATIONAL_RANK = re.compile(r"全国(?:第|首|前|领先)")


def _national_title(title: str, lexicon: Lexicon) -> bool:
    """Whether a title speaks for the whole country: it names a national body or the nation,
    other than as the peers a division is ranked among, and no division speaks of itself
    ("我省EOD项目入库数居全国第三" is the province's)."""
    if _SPEAKER.search(title):
        return False
    text = _NATIONAL_RANK.sub("", title)
    return any(word in text for word in _national_words(lexicon))


def _national_words(lexicon: Lexicon) -> tuple[str, ...]:
    return tuple(lexicon.words.get("gazetteer", {}).get("national_title_words", ()))


def _county_level_city(place: PlaceDef) -> bool:
    """A county-level division that is a city (义乌市, 项城市), not a district (江北区)."""
    return place.type == "county" and place.name.endswith("市")


def jurisdiction(word_level: str, locality: PlaceDef | None, lexicon: Lexicon) -> PlaceDef | None:
    """What 全省/全市/全县 means in a document speaking for ``locality``: the division of that
    level that contains it (None when the document speaks for no such division)."""
    current = locality
    seen: set[str] = set()
    while current is not None and current.id not in seen:
        if current.type == word_level:
            return current
        if word_level == "city" and current.type == "province" and current.name.endswith("市"):
            return current  # 全市 in a district of 天津市 is the municipality
        if word_level == "city" and current is locality and _county_level_city(current):
            return current  # 全市 in a page of 义乌市 (a county-level city) is 义乌市 itself
        seen.add(current.id)
        current = lexicon.places.get(current.parent) if current.parent else None
    return None
