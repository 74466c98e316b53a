"""The text lines of a page's characters, as pdfplumber's `extract_text_lines()` gives them, found faster.

pdfplumber clusters the characters into lines by their tops, splits each line, sorted by x0, into
words, then builds a text map holding a tuple for every letter and space, clusters the words into
lines again by their tops, and finds the lines in the map's text with a regular expression. Where
every character stands upright and holds one letter, the same lines come from the same steps
without the text map: the line is its words joined by single spaces, its box theirs.
`text_lines` gives None where the characters are not so (pdfplumber's own is then asked); the
tests compare the two on every page of every sample and corpus PDF.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby
from typing import Any

Char = dict[str, Any]


def text_lines(chars: list[Char]) -> list[dict[str, Any]] | None:
    """`extract_text_lines(return_chars=False)` of pdfplumber for `chars` (default settings), or None."""
    from pdfplumber.utils.text import DEFAULT_X_TOLERANCE, DEFAULT_Y_TOLERANCE, LIGATURES

    if not all(char["upright"] and len(char["text"]) == 1 for char in chars):
        return None
    words: list[tuple[str, float, float, float, float]] = []
    for line in _clusters(chars, _top, DEFAULT_Y_TOLERANCE):
        word: list[Char] = []
        for char in sorted(line, key=_x0):
            if char["text"].isspace():
                _add_word(words, word, LIGATURES)
                word = []
                continue
            if word:
                last = word[-1]
                if (
                    char["x0"] < last["x0"]
                    or char["x0"] > last["x1"] + DEFAULT_X_TOLERANCE
                    or abs(char["top"] - last["top"]) > DEFAULT_Y_TOLERANCE
                ):
                    _add_word(words, word, LIGATURES)
                    word = []
            word.append(char)
        _add_word(words, word, LIGATURES)
    cluster_of = _cluster_index([word[2] for word in words], DEFAULT_Y_TOLERANCE)
    lines = []
    for _cluster, group in groupby(words, key=lambda word: cluster_of[word[2]]):
        members = list(group)
        lines.append(
            {
                "text": " ".join(word[0] for word in members),
                "x0": min(word[1] for word in members),
                "top": min(word[2] for word in members),
                "x1": max(word[3] for word in members),
                "bottom": max(word[4] for word in members),
            }
        )
    return lines


def _top(char: Char) -> float:
    return char["top"]


def _x0(char: Char) -> float:
    return char["x0"]


def _add_word(words: list, chars: list[Char], ligatures: dict[str, str]) -> None:
    """The word of `chars` as (text, x0, top, x1, bottom), as pdfplumber's `merge_chars` makes it."""
    if chars:
        words.append(
            (
                "".join(ligatures.get(text, text) for text in (char["text"] for char in chars)),
                min(char["x0"] for char in chars),
                min(char["top"] for char in chars),
                max(char["x1"] for char in chars),
                max(char["bottom"] for char in chars),
            )
        )


def _clusters(items: list[Char], key: Callable[[Char], float], tolerance: float) -> list[list[Char]]:
    """As pdfplumber's `cluster_objects`: items grouped by clusters of `key`, in cluster order."""
    if not items:
        return []
    cluster_of = _cluster_index([key(item) for item in items], tolerance)
    ordered = sorted(items, key=lambda item: cluster_of[key(item)])
    return [list(group) for _cluster, group in groupby(ordered, key=lambda item: cluster_of[key(item)])]


def _cluster_index(values: list[float], tolerance: float) -> dict[float, int]:
    """As pdfplumber's `make_cluster_dict`: each value's cluster, chained within `tolerance`."""
    index: dict[float, int] = {}
    cluster, last = -1, None
    for value in sorted(set(values)):
        if last is None or value > last + tolerance:
            cluster += 1
        index[value] = cluster
        last = value
    return index
