"""The words and text lines of a page's characters, as pdfplumber gives them, found faster.

pdfplumber clusters the characters into lines by their tops, splits each line, sorted by x0, into
words, then builds a text map holding a tuple for every letter and space, clusters the words into
lines again by their tops, and finds the lines in the map's text with a regular expression. Where
every character stands upright and holds one letter, the same lines come from the same steps
without the text map: the line is its words joined by single spaces, its box theirs.
`upright_words`, `upright_text_lines` and `upright_text` give None where the characters are not so;
`words`, `text_lines` and `chars_text` then ask pdfplumber's own. The tests compare the upright
ones with pdfplumber's on every page of every sample and corpus PDF.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby
from typing import Any

Char = dict[str, Any]


def words(chars: list[Char]) -> list[dict[str, Any]]:
    """`extract_words()` of pdfplumber for `chars` (default settings)."""
    found = upright_words(chars)
    if found is None:
        from pdfplumber.utils.text import extract_words

        return extract_words(chars)
    return found


def text_lines(chars: list[Char]) -> list[dict[str, Any]]:
    """`extract_text_lines(return_chars=False)` of pdfplumber for `chars` (default settings)."""
    found = upright_text_lines(chars)
    if found is None:
        from pdfplumber.utils.text import chars_to_textmap

        return chars_to_textmap(chars).extract_text_lines(return_chars=False)
    return found


def chars_text(chars: list[Char]) -> str:
    """`extract_text()` of pdfplumber for `chars` (default settings, no layout)."""
    found = upright_text(chars)
    if found is None:
        from pdfplumber.utils.text import extract_text

        return extract_text(chars)
    return found


def upright_words(chars: list[Char]) -> list[dict[str, Any]] | None:
    """`words(chars)` where every character stands upright and holds one letter, else None."""
    from pdfplumber.utils.text import DEFAULT_X_TOLERANCE, DEFAULT_Y_TOLERANCE

    if not all(char["upright"] and len(char["text"]) == 1 for char in chars):
        return None
    found: list[dict[str, Any]] = []
    for line in _clusters(chars, _top, DEFAULT_Y_TOLERANCE):
        word: list[Char] = []
        for char in sorted(line, key=_x0):
            if char["text"].isspace():
                _add_word(found, word)
                word = []
                continue
            if word:
                last = word[-1]
                if (
                    char["x0"] < last["x0"]
                    or char["x0"] > last["x1"] + DEFAULT_X_TOLERANCE
                    or abs(char["top"] - last["top"]) > DEFAULT_Y_TOLERANCE
                ):
                    _add_word(found, word)
                    word = []
            word.append(char)
        _add_word(found, word)
    return found


def upright_text_lines(chars: list[Char]) -> list[dict[str, Any]] | None:
    """`text_lines(chars)` where every character stands upright and holds one letter, else None."""
    from pdfplumber.utils.text import DEFAULT_Y_TOLERANCE

    found = upright_words(chars)
    if found is None:
        return None
    cluster_of = _cluster_index([word["top"] for word in found], DEFAULT_Y_TOLERANCE)
    lines = []
    for _cluster, group in groupby(found, key=lambda word: cluster_of[word["top"]]):
        members = list(group)
        lines.append(
            {
                "text": " ".join(word["text"] for word in members),
                "x0": min(word["x0"] for word in members),
                "top": min(word["top"] for word in members),
                "x1": max(word["x1"] for word in members),
                "bottom": max(word["bottom"] for word in members),
            }
        )
    return lines


def upright_text(chars: list[Char]) -> str | None:
    """`chars_text(chars)` where every character stands upright and holds one letter, else None.

    Its words clustered into lines by their tops, a line's words joined by spaces, lines by newlines.
    """
    from pdfplumber.utils.text import DEFAULT_Y_TOLERANCE

    found = upright_words(chars)
    if found is None:
        return None
    lines = _clusters(found, _top, DEFAULT_Y_TOLERANCE)
    return "\n".join(" ".join(word["text"] for word in line) for line in lines)


def _top(char: Char) -> float:
    return char["top"]


def _x0(char: Char) -> float:
    return char["x0"]


def _add_word(words: list[dict[str, Any]], chars: list[Char]) -> None:
    """The word of `chars`, as pdfplumber's `merge_chars` makes it."""
    from pdfplumber.utils.text import LIGATURES

    if not chars:
        return
    x0, top = min(char["x0"] for char in chars), min(char["top"] for char in chars)
    x1, bottom = max(char["x1"] for char in chars), max(char["bottom"] for char in chars)
    texts: list[str] = [char["text"] for char in chars]
    words.append(
        {
            "text": "".join(LIGATURES.get(text, text) for text in texts),
            "x0": x0,
            "x1": x1,
            "top": top,
            "doctop": top + (chars[0]["doctop"] - chars[0]["top"]),
            "bottom": bottom,
            "upright": chars[0]["upright"],
            "height": bottom - top,
            "width": x1 - x0,
            "direction": "ltr",
        }
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
