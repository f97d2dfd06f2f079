"""Words with part-of-speech tags, exactly as ``jieba.posseg.cut`` gives them, computed fast.

jieba.posseg spends its time in two places: the dictionary route over each run of Chinese
characters (a DAG and a dynamic programme, in Python) and a hidden Markov model over runs of
single characters that the dictionary does not join into words. Here rjieba (jieba's algorithm
in Rust, with jieba's dictionary) computes the route, and the unknown runs go through
jieba.posseg's own model with an exact Viterbi that only visits the transitions the model has;
its results are memoised, since the same runs recur everywhere (年, 2025年, 同比).

The model's cost per character is large, and for a character it has never seen (every state
is possible) very large; a text made to be hostile could be almost nothing else. So a call
spends at most a budget of model steps that grows with the text's length (far more than real
texts use); past it, unknown runs are left as single characters with their dictionary tags, as
jieba leaves runs that the dictionary knows as a whole.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import jieba
import jieba.posseg
import rjieba
from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P

jieba.setLogLevel(logging.WARNING)  # no notes on stderr when its dictionary loads

Token = tuple[str, str]  # (word, part-of-speech tag)
State = tuple[str, str]  # (B/M/E/S position in a word, tag)

# jieba.posseg's blocks: the dictionary is consulted over runs of these characters only.
_BLOCK = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&._]+)")
_SPACE = re.compile(r"(\r\n|\s)")
# Inside an unknown run: Chinese characters go through the model, numbers and Latin do not.
_RUN_HAN = re.compile("([\u4e00-\u9fd5]+)")
_RUN_SKIP = re.compile(r"([.0-9]+|[a-zA-Z0-9]+)")
_NUM = re.compile(r"[.0-9]+")
_ENG = re.compile("[a-zA-Z0-9]+")
_MIN_FLOAT = -3.14e100  # jieba's log-probability of an emission the model never saw
# Model steps (state pairs visited, 100 to 180 ns each) a call may spend: a fixed allowance plus
# an amount per character. The real documents of the tests take at most 220,000 in all and 25
# per character on average; a hostile 5 MB text is held to some 20 to 30 s.
_BUDGET_BASE = 1_000_000
_BUDGET_PER_CHAR = 32


@dataclass(frozen=True)
class _Dictionary:
    tags: dict[str, str]  # word of jieba's dictionary -> tag


@cache
def _dictionary() -> _Dictionary:
    # jieba.posseg reads the words and tags when imported. jieba's frequency table (FREQ) is not
    # loaded (0.6 s per process): a run is a word of the dictionary when FREQ gives it a count
    # above 0, which it does to exactly the words that have tags (the prefixes of words it
    # holds at 0), so the tags answer the same (see the tests).
    return _Dictionary(jieba.posseg.dt.word_tag_tab)


def pos_cut(text: str) -> list[Token]:
    """``[(word, tag), ...]`` covering ``text``: what ``jieba.posseg.cut(text)`` yields."""
    dictionary = _dictionary()
    budget = _Budget(_BUDGET_BASE + _BUDGET_PER_CHAR * len(text))
    out: list[Token] = []
    # re.split with a group alternates: text between blocks, block, text between blocks...
    for i, piece in enumerate(_BLOCK.split(text)):
        if i % 2:
            _cut_block(piece, dictionary, budget, out)
            continue
        # Between blocks stand no letters, digits or dots (they would be in a block), so
        # jieba tags every character "x", a line break (\r\n too) or space as one word.
        for j, part in enumerate(_SPACE.split(piece)):
            if j % 2:
                out.append((part, "x"))
            else:
                out.extend((char, "x") for char in part)
    return out


def _cut_block(block: str, dictionary: _Dictionary, budget: _Budget, out: list[Token]) -> None:
    """jieba.posseg's ``__cut_DAG``: words of the dictionary route, unknown runs of single
    characters through the model. rjieba's route joins single Latin letters and digits into
    one word (no word of the dictionary is Latin or digits alone), so such words are runs
    of single characters too."""
    tags = dictionary.tags
    run: list[str] = []
    for word in rjieba.cut(block, False):
        if len(word) == 1 or (word.isascii() and word.isalnum()):
            run.append(word)
            continue
        if run:
            _cut_run("".join(run), dictionary, budget, out)
            run = []
        out.append((word, tags.get(word, "x")))
    if run:
        _cut_run("".join(run), dictionary, budget, out)


def _cut_run(run: str, dictionary: _Dictionary, budget: _Budget, out: list[Token]) -> None:
    tags = dictionary.tags
    if len(run) == 1:
        out.append((run, tags.get(run, "x")))
    elif run in tags:
        out.extend((char, tags.get(char, "x")) for char in run)
    else:
        out.extend(_unknown_run(run, budget))


def _unknown_run(run: str, budget: _Budget) -> Iterator[Token]:
    """jieba.posseg's ``__cut_detail``: Chinese through the model, numbers "m", Latin "eng"."""
    for i, piece in enumerate(_RUN_HAN.split(run)):
        if i % 2:
            yield from _model_words(piece, budget)
            continue
        for part in _RUN_SKIP.split(piece):
            if not part:
                continue
            if _NUM.match(part):
                yield part, "m"
            elif _ENG.match(part):
                yield part, "eng"
            else:
                yield part, "x"


def _model_words(chars: str, budget: _Budget) -> tuple[Token, ...]:
    """The model's words for a run of Chinese characters while the budget lasts (once it is
    spent, single characters). A run read before costs what it cost then and a run that does
    not fit spends what is left either way, so what a text yields never depends on what was
    read before it."""
    known = _memo.get(chars)
    found = _words_of(chars, budget.left) if known is None and budget.left > 0 else known
    if found is None or found[0] > budget.left:
        budget.left = 0
        tags = _dictionary().tags
        return tuple((char, tags.get(char, "x")) for char in chars)
    cost, words = found
    budget.left -= cost
    if known is None and len(chars) <= _MEMO_LONGEST:
        if len(_memo) >= _MEMO_SIZE:
            _memo.clear()
        _memo[chars] = found
    return words


# Runs read by the model: (cost, words). Real runs are a few characters long (at most 9 in the
# tests' documents); longer ones never recur and are not kept.
_memo: dict[str, tuple[int, tuple[Token, ...]]] = {}
_MEMO_SIZE = 1 << 16
_MEMO_LONGEST = 32


@dataclass
class _Budget:
    """Model steps left to one call."""

    left: int


def _words_of(chars: str, limit: int) -> tuple[int, tuple[Token, ...]] | None:
    """jieba.posseg's ``__cut``: the words and tags of the most likely state sequence, with the
    steps it took; None when that takes more than ``limit`` steps."""
    found = _viterbi(chars, limit)
    if found is None:
        return None
    steps, states = found
    words: list[Token] = []
    begin = after = 0
    for i, (position, tag) in enumerate(states):
        if position == "B":
            begin = i
        elif position == "E":
            words.append((chars[begin : i + 1], tag))
            after = i + 1
        elif position == "S":
            words.append((chars[i], tag))
            after = i + 1
    if after < len(chars):
        words.append((chars[after:], states[after][1]))
    return steps, tuple(words)


@cache
def _all_states() -> tuple[State, ...]:
    return tuple(trans_P)


def _viterbi(chars: str, limit: int) -> tuple[int, list[State]] | None:
    """jieba.posseg.viterbi's best path, found by visiting only the transitions that exist, and
    the steps (state pairs) that took; None past ``limit`` steps.

    jieba scores every (previous, next) pair, a missing transition at minus infinity; every
    next state it scores has a previous state with a transition to it, so the pairs without
    one never win, and leaving them out changes no result. Sums are formed in jieba's order
    and ties go to the greater state, as ``max`` over ``(score, state)`` does.
    """
    every = _all_states()
    fanout = _fanout()
    first = chars[0]
    scores: dict[State, float] = {
        y: start_P[y] + emit_P[y].get(first, _MIN_FLOAT) for y in char_state_tab_P.get(first, every)
    }
    steps = len(scores)
    if steps > limit:
        return None
    back: list[dict[State, State]] = []
    for char in chars[1:]:
        prev = [(y0, v0) for y0, v0 in scores.items() if trans_P[y0]]
        states = char_state_tab_P.get(char)
        followed = sum(fanout[y0] for y0, _ in prev)
        best = None
        # a character's few states ask the few previous ones (pull); when it may be in any
        # state, the previous states' transitions are followed instead (push)
        if states is not None and len(states) * len(prev) <= followed:
            best = _pull(prev, states, char)
            steps += len(states) * len(prev)
        if not best:
            expected = {y for y0, _ in prev for y in trans_P[y0]}
            allowed = set(states or every) & expected or expected or set(every)
            best = _push(prev, allowed, char)
            steps += 2 * followed
        if steps > limit:
            return None
        scores = {y: s for y, (s, _) in best.items()}
        back.append({y: y0 for y, (_, y0) in best.items()})
    state = max((v, y) for y, v in scores.items())[1]
    path = [state]
    for step in reversed(back):
        state = step[state]
        path.append(state)
    path.reverse()
    return steps, path


Scored = dict[State, tuple[float, State]]  # state -> (score, the previous state it came from)


def _pull(prev: list[tuple[State, float]], states: tuple[State, ...], char: str) -> Scored:
    """The best way into each of ``states`` that some previous state leads to."""
    best: Scored = {}
    for y in states:
        emit = emit_P[y].get(char, _MIN_FLOAT)
        top = None
        for y0, v0 in prev:
            p = trans_P[y0].get(y)
            if p is not None:
                score = (v0 + p + emit, y0)
                if top is None or score > top:
                    top = score
        if top is not None:
            best[y] = top
    return best


def _push(prev: list[tuple[State, float]], allowed: set[State], char: str) -> Scored:
    """The best way into each ``allowed`` state, following every previous state's transitions."""
    emit = {y: emit_P[y].get(char, _MIN_FLOAT) for y in allowed}
    best: Scored = {}
    for y0, v0 in prev:
        for y, p in trans_P[y0].items():
            if y in emit:
                score = (v0 + p + emit[y], y0)
                if y not in best or score > best[y]:
                    best[y] = score
    return best


@cache
def _fanout() -> dict[State, int]:
    return {y0: len(ys) for y0, ys in trans_P.items()}
