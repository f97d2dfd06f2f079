"""Read SPARQL text once, the way the specification says, before anything parses it.

SPARQL 1.1 (section 19.2) expands codepoint escapes (``\\u0053``) over the *whole* query before
the grammar sees it. Parsers disagree on that step (rdflib expands ``\\u`` with four or eight
digits; Oxigraph only inside IRIs and strings), so a checker and an engine reading the same
text can see different queries: an escaped backslash ends a string for one and not the other,
and a clause hidden from the checker runs in the engine. :func:`lex_query` removes the
disagreement at its root: it expands the escapes once, refuses text in which an escape would
survive for a second reading, checks strings and IRIs strictly, drops comments, and returns the
text that both the checker and the engine are then given, with the keywords and the nesting
depth it saw.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ecokg.errors import QuerySyntaxError

_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# After one expansion nothing may still look like an escape to a parser that expands again
# (rdflib's pattern is case-insensitive and takes four or eight digits after either letter).
_SURVIVING_ESCAPE = re.compile(r"\\[uU][0-9A-Fa-f]{4}")

_ECHAR = r"\\[tbnrf\\\"']"
_TOKEN = re.compile(
    rf"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>
        \"\"\"(?:(?:\"|\"\")?(?:[^\"\\]|{_ECHAR}))*\"\"\"
      | '''(?:(?:'|'')?(?:[^'\\]|{_ECHAR}))*'''
      | \"(?:[^\"\\\n\r]|{_ECHAR})*\"
      | '(?:[^'\\\n\r]|{_ECHAR})*'
    )
  | (?P<iri><[^<>\"{{}}|^`\\\x00-\x20]*>)
  | (?P<escape>\\[_~.\-!$&'()*+,;=/?\#@%])
  | (?P<open>[{{(\[])
  | (?P<close>[}})\]])
  | (?P<quote>[\"'])
  | (?P<backslash>\\)
  | (?P<other>[^\s\#\"'<\\{{}}()\[\]]+|<)
    """,
    re.VERBOSE,
)
# A keyword is a bare word: not a variable (?x $x), a prefix or local name (ex:a), a language tag
# (@en) or part of a number (1e3).
_KEYWORD = re.compile(r"(?<![\w?$:@\\.-])[A-Za-z]+(?![\w:])")


@dataclass(frozen=True)
class LexedQuery:
    """A query read once: the text to hand on, its bare keywords (upper case), its depth."""

    text: str
    keywords: frozenset[str]
    depth: int


def expand_codepoints(text: str) -> str:
    """Replace ``\\uXXXX`` and ``\\UXXXXXXXX`` by their characters (SPARQL 1.1, 19.2)."""

    def character(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise QuerySyntaxError(
                f"SPARQL syntax error: {match.group(0)} is not a Unicode character"
            )
        return chr(code)

    return _CODEPOINT.sub(character, text)


def lex_query(text: str) -> LexedQuery:
    """Expand escapes, check strings and IRIs, drop comments; raise QuerySyntaxError if bad."""
    expanded = expand_codepoints(text)
    survivor = _SURVIVING_ESCAPE.search(expanded)
    if survivor:
        raise QuerySyntaxError(
            f"SPARQL syntax error: a codepoint escape produces another escape "
            f"({survivor.group(0)!r} at character {survivor.start()}); write the character itself"
        )
    kept: list[str] = []
    code: list[str] = []  # the text outside strings, IRIs and comments, for keywords
    depth = max_depth = 0
    position = 0
    while position < len(expanded):
        match = _TOKEN.match(expanded, position)
        assert match is not None  # 'other' and the one-character groups match anything left
        kind = match.lastgroup
        token = match.group(0)
        if kind == "quote":
            raise QuerySyntaxError(
                f"SPARQL syntax error: unterminated or badly escaped string at character "
                f"{position} (string escapes are \\t \\b \\n \\r \\f \\\\ \\\" \\')"
            )
        if kind == "backslash":
            raise QuerySyntaxError(f"SPARQL syntax error: stray backslash at character {position}")
        if kind == "open":
            depth += 1
            max_depth = max(max_depth, depth)
        elif kind == "close":
            depth -= 1
        if kind == "comment":
            code.append(" ")
        else:
            kept.append(token)
            # An escaped character stays part of its name, so the name's tail is no keyword.
            code.append({"string": " ", "iri": " ", "escape": "_"}.get(kind or "", token))
        position = match.end()
    keywords = frozenset(word.upper() for word in _KEYWORD.findall("".join(code)))
    return LexedQuery("".join(kept), keywords, max_depth)
