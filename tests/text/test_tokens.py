"""Tests for ecokg.text.tokens: jieba.posseg's words and tags, computed fast."""

from __future__ import annotations

import re
from pathlib import Path

import jieba.posseg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecokg.text import tokens
from ecokg.text.normalize import normalize
from ecokg.text.tokens import pos_cut

REPO = Path(__file__).resolve().parents[2]
TEXTS = sorted(REPO.glob("tests/heldout*/*.txt"))[::7] + sorted(REPO.glob("data/corpus/*.txt"))


def jieba_cut(text: str) -> list[tuple[str, str]]:
    return [(p.word, p.flag) for p in jieba.posseg.cut(text)]


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_same_words_and_tags_as_jieba_on_real_documents(path: Path) -> None:
    text = normalize(path.read_text(encoding="utf-8")).text
    assert pos_cut(text) == jieba_cut(text)


# Common characters, two the tagging model never saw (丂汘), digits, Latin, dots, spaces and
# punctuation: every path of jieba.posseg (dictionary words, unknown runs, numbers, English).
ALPHABET = (
    "生态环境厅长李军江西省鄱阳湖国考断面的了和年月日同比下降上升碧水蓝天丂汘"
    + "0123456789.PMab% \n，。、“”"
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=14))
def test_same_words_and_tags_as_jieba_on_any_text(text: str) -> None:
    assert pos_cut(text) == jieba_cut(text)


def test_no_dictionary_word_is_only_latin_letters_or_digits() -> None:
    # pos_cut reads rjieba's joined runs of single letters and digits as single characters,
    # which holds while the dictionary has no such word.
    tags = tokens._dictionary().tags
    assert not [w for w in tags if re.fullmatch("[A-Za-z0-9]{2,}", w)]


def test_the_words_with_tags_are_the_words_jieba_counts() -> None:
    # pos_cut asks the tags whether a run is a word, where jieba asks for a count above 0.
    jieba.posseg.dt.tokenizer.initialize()
    counted = {w for w, n in jieba.posseg.dt.tokenizer.FREQ.items() if n}
    assert counted == set(tokens._dictionary().tags)


def test_a_hostile_text_costs_no_more_than_its_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    # Characters the model never saw, in one run: jieba would take hours over a few megabytes.
    text = "".join(chr(0x9F80 + i % 80) for i in range(20_000))
    spent = []
    real = tokens._viterbi

    def viterbi(chars: str, limit: int) -> tuple[int, list[tuple[str, str]]] | None:
        found = real(chars, limit)
        spent.append(found[0] if found else limit)  # a run cut short spent its limit
        return found

    monkeypatch.setattr(tokens, "_viterbi", viterbi)
    words = pos_cut(text)
    assert "".join(w for w, _ in words) == text
    # (a run stops at the first character past its limit: one more step of at most 2 x all
    # transitions)
    most = tokens._BUDGET_BASE + tokens._BUDGET_PER_CHAR * len(text) + 2 * len(jieba_trans())
    assert sum(spent) <= most


def jieba_trans() -> list[tuple[object, object]]:
    return [(a, b) for a, ys in tokens.trans_P.items() for b in ys]


def test_words_cover_the_text_exactly() -> None:
    text = "2025年，江西省PM2.5平均浓度为28微克/立方米\r\n同比下降3.4%。"
    assert "".join(w for w, _ in pos_cut(text)) == text
