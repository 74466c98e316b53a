"""The rule-case table: `tests/data/rules/<ID>/<case>.toml` recipes and their expected findings.

A recipe names a real report, the edits that give it a defect (or none), and the formats to check
it in; `<case>.expected.json` beside it holds what rule `<ID>` finds, exactly. tests/README.md
describes the files; tests/test_rule_cases.py runs them.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.support import docxedit
from tests.support.edits import Edit, edit_docx, edit_html, edit_text
from tests.support.paths import CORPUS, ROOT, RULE_CASES, in_corpus
from tests.support.pdfmaker import render_pdf

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FORMATS = ("txt", "pdf", "docx", "html")
LANGUAGES = ("zh", "en")
RECIPE_KEYS = {"description", "source", "formats", "edits", "docx", "pdf", "args", "scanned", "previous"}
SOURCE_KEYS = {"source", "edits", "docx", "pdf"}
# Edits of a DOCX that the text cannot express (a table row added), by the name of a docxedit function.
DOCX_OPERATIONS = {
    "insert_group_row": docxedit.insert_group_row,
    "set_row_values": docxedit.set_row_values,
    "set_last_row_of_table": docxedit.set_last_row_of_table,
}
# Where the defect is drawn, not where it is: a property of the test's PDF maker, not of the report.
DROPPED_LOCATION_KEYS = ("bbox",)


class RecipeError(ValueError):
    """A recipe that does not say what to check."""


@dataclass(frozen=True)
class Source:
    """A real report and the edits made to it.

    `path` is a file (then it is checked in its own format; a text file also as a PDF rendered from
    it), or a sample's path without suffix (then `.txt`, `.docx` and `.html` are the sample in those
    formats, and the PDF is rendered from the text).
    """

    path: Path
    edits: tuple[Edit, ...] = ()
    docx_edits: tuple[dict, ...] = ()
    published_pdf: Path | None = None
    scanned: bool = False

    def formats(self) -> tuple[str, ...]:
        suffix = self.path.suffix.lstrip(".")
        if not suffix:
            return tuple(fmt for fmt in FORMATS if fmt == "pdf" or self.path.with_suffix(f".{fmt}").exists())
        if suffix == "txt":
            return ("txt", "pdf")
        return (suffix,) if suffix in FORMATS else ()

    def render(self, fmt: str, target: Path) -> Path:
        """The document in format `fmt`, with the edits made, written at `target`."""
        if fmt not in self.formats():
            raise RecipeError(f"{self.path.relative_to(ROOT)} cannot be given as {fmt}")
        if self.scanned and fmt != "pdf":
            raise RecipeError("a scanned report is a PDF")
        if fmt == "pdf" and self.published_pdf is not None:
            return self.published_pdf
        if fmt == "docx" and self.docx_edits:
            return docxedit.edited_copy(self._file(fmt), target, *map(_docx_operation, self.docx_edits))
        suffix = self.path.suffix.lstrip(".")
        if suffix == fmt and fmt != "txt":
            if fmt == "pdf":
                if self.edits:
                    raise RecipeError(f"{self.path.name} is a published PDF: it is checked as it is")
                return self.path
            edit = edit_docx if fmt == "docx" else edit_html
            return edit(self.path, target, self.edits)
        if fmt in ("txt", "pdf"):
            text_file = self.path if suffix == "txt" else self.path.with_suffix(".txt")
            text = edit_text(text_file.read_text(encoding="utf-8"), self.edits)
            if fmt == "txt":
                target.write_text(text, encoding="utf-8")
                return target
            return render_pdf(text.splitlines(), target, text_layer=not self.scanned)
        edit = edit_docx if fmt == "docx" else edit_html
        return edit(self._file(fmt), target, self.edits)

    def _file(self, fmt: str) -> Path:
        return self.path if self.path.suffix else self.path.with_suffix(f".{fmt}")


def _docx_operation(edit: dict):
    arguments = {key: value for key, value in edit.items() if key != "op"}
    return lambda document: DOCX_OPERATIONS[edit["op"]](document, **arguments)


@dataclass(frozen=True)
class RuleCase:
    rule: str
    name: str
    recipe: Path
    description: str
    formats: tuple[str, ...]
    document: Source
    previous: Source | None = None
    args: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return f"{self.rule}/{self.name}"

    @property
    def expected_path(self) -> Path:
        return self.recipe.with_name(f"{self.name}.expected.json")

    def read_expected(self) -> dict | None:
        if not self.expected_path.exists():
            return None
        return json.loads(self.expected_path.read_text(encoding="utf-8"))

    def write_expected(self, expected: dict) -> None:
        text = dumps(expected) + "\n"
        if not self.expected_path.exists() or self.expected_path.read_text(encoding="utf-8") != text:
            self.expected_path.write_text(text, encoding="utf-8")


def load_cases(root: Path = RULE_CASES) -> list[RuleCase]:
    """Every recipe under `root`, in rule and case order."""
    return [read_recipe(path) for path in sorted(root.glob("*/*.toml"))]


def read_recipe(path: Path) -> RuleCase:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RecipeError(f"{path}: {exc}") from None
    where = path.relative_to(ROOT)
    unknown = set(data) - RECIPE_KEYS
    if unknown:
        raise RecipeError(f"{where}: unknown keys {sorted(unknown)}")
    for key in ("description", "source", "formats"):
        if key not in data:
            raise RecipeError(f"{where}: '{key}' is required")
    document = _source(data, where, scanned=bool(data.get("scanned", False)))
    previous = None
    if "previous" in data:
        unknown = set(data["previous"]) - SOURCE_KEYS
        if unknown:
            raise RecipeError(f"{where}: unknown keys in [previous]: {sorted(unknown)}")
        previous = _source(data["previous"], where)
    formats = tuple(data["formats"])
    for fmt in formats:
        if fmt not in document.formats() or (previous and fmt not in previous.formats()):
            raise RecipeError(f"{where}: the source cannot be given as {fmt!r}")
    if not formats or len(set(formats)) != len(formats):
        raise RecipeError(f"{where}: formats must list each format once")
    return RuleCase(
        rule=path.parent.name,
        name=path.stem,
        recipe=path,
        description=data["description"].strip(),
        formats=formats,
        document=document,
        previous=previous,
        args=tuple(_argument(str(arg), path.parent) for arg in data.get("args", ())),
    )


def _argument(given: str, folder: Path) -> str:
    """An argument as given, or, when it names a file beside the recipe ("../x.toml"), that file."""
    beside = folder / given
    return str(beside.resolve()) if given.startswith(".") and beside.is_file() else given


def _path(given: str) -> Path:
    """A recipe's path: relative to the repository, or `corpus/…` in the shared corpus beside it."""
    return CORPUS / given.removeprefix("corpus/") if given.startswith("corpus/") else ROOT / given


def _source(data: dict, where: Path, scanned: bool = False) -> Source:
    path = _path(data["source"])
    if not (path.exists() or path.with_suffix(".txt").exists() or in_corpus(path)):
        raise RecipeError(f"{where}: no document at {data['source']}")
    edits = []
    for edit in data.get("edits", ()):
        if set(edit) != {"old", "new"}:
            raise RecipeError(f"{where}: an edit has 'old' and 'new', not {sorted(edit)}")
        if edit["old"] == edit["new"]:
            raise RecipeError(f"{where}: an edit that changes nothing: {edit['old']!r}")
        edits.append((edit["old"], edit["new"]))
    docx_edits = tuple(data.get("docx", ()))
    for edit in docx_edits:
        if edit.get("op") not in DOCX_OPERATIONS:
            raise RecipeError(f"{where}: a docx edit names one of {sorted(DOCX_OPERATIONS)} as 'op'")
    published_pdf = _path(data["pdf"]) if "pdf" in data else None
    if published_pdf is not None and (edits or not (published_pdf.exists() or in_corpus(published_pdf))):
        raise RecipeError(f"{where}: 'pdf' names a published PDF, checked as it is (no edits)")
    return Source(path, tuple(edits), docx_edits, published_pdf, scanned)


def dumps(value, indent: int = 0, width: int = 120) -> str:
    """JSON for people to read: a list or object of plain values on one line when it fits."""
    inline = json.dumps(value, ensure_ascii=False)
    if not isinstance(value, (dict, list)):
        return inline
    plain = not isinstance(value, (dict, list)) or all(
        not isinstance(item, (dict, list))
        or (isinstance(item, list) and not any(isinstance(x, (dict, list)) for x in item))
        for item in (value.values() if isinstance(value, dict) else value)
    )
    if plain and indent + len(inline) <= width or not value:
        return inline
    inner = " " * (indent + 2)
    if isinstance(value, dict):
        items = [
            f"{inner}{json.dumps(key, ensure_ascii=False)}: {dumps(item, indent + 2, width)}"
            for key, item in value.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    items = [f"{inner}{dumps(item, indent + 2, width)}" for item in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"


# The findings of a rule, as the expected files hold them.


def rule_result(document: dict, path: Path, rule: str) -> dict:
    """The result of `rule` for the report of `path` in a JSON run, without run-specific fields."""
    (report,) = [report for report in document["reports"] if report["path"] == str(path)]
    assert report["error"] is None, report["error"]
    (result,) = [result for result in report["results"] if result["rule"] == rule]
    kept = {"outcome": result["outcome"], "severity": result["severity"]}
    if result.get("reason") is not None:
        kept["reason"] = result["reason"]
    kept["findings"] = [_finding(finding) for finding in result["findings"]]
    return kept


def _finding(finding: dict) -> dict:
    kept = {key: value for key, value in finding.items() if key != "location"}
    location = finding.get("location") or {}
    kept["location"] = {key: value for key, value in location.items() if key not in DROPPED_LOCATION_KEYS}
    return kept


def merge_languages(by_language: dict[str, dict]) -> dict:
    """One result from the runs in each language: messages and reasons as {"zh": …, "en": …}."""
    zh, en = by_language["zh"], by_language["en"]
    merged = dict(zh)
    if "reason" in zh or "reason" in en:
        merged["reason"] = {"zh": zh.get("reason"), "en": en.get("reason")}
    if len(zh["findings"]) != len(en["findings"]):
        raise AssertionError(f"{len(zh['findings'])} findings in Chinese, {len(en['findings'])} in English")
    findings = []
    for zh_finding, en_finding in zip(zh["findings"], en["findings"]):
        rest_zh = {key: value for key, value in zh_finding.items() if key != "message"}
        rest_en = {key: value for key, value in en_finding.items() if key != "message"}
        assert rest_zh == rest_en, ("the languages disagree beyond the message", rest_zh, rest_en)
        findings.append({"message": {"zh": zh_finding["message"], "en": en_finding["message"]}, **rest_zh})
    merged["findings"] = findings
    assert {key: value for key, value in zh.items() if key not in ("reason", "findings")} == {
        key: value for key, value in en.items() if key not in ("reason", "findings")
    }
    return merged


def merge_formats(rule: str, by_format: dict[str, dict]) -> dict:
    """The expected file: one result for all formats, each finding's location given per format.

    The formats must agree on everything but where a finding is; a recipe lists only the formats in
    which its defect reads the same.
    """
    results = list(by_format.values())
    first = results[0]
    for fmt, result in by_format.items():
        if _without_locations(result) != _without_locations(first):
            raise AssertionError(
                f"{rule}: {fmt} and {next(iter(by_format))} disagree beyond the locations:\n"
                f"{json.dumps(_without_locations(result), ensure_ascii=False)}\n"
                f"{json.dumps(_without_locations(first), ensure_ascii=False)}"
            )
    expected = {"rule": rule, **{key: value for key, value in first.items() if key != "findings"}}
    expected["findings"] = [
        {
            **{key: value for key, value in finding.items() if key != "location"},
            "location": {fmt: by_format[fmt]["findings"][index]["location"] for fmt in by_format},
        }
        for index, finding in enumerate(first["findings"])
    ]
    return expected


def for_format(expected: dict, fmt: str) -> dict:
    """What the run in `fmt` must give: the expected file with that format's locations."""
    result = {key: value for key, value in expected.items() if key not in ("rule", "findings")}
    findings = []
    for finding in expected["findings"]:
        if fmt not in finding["location"]:
            raise AssertionError(f"no {fmt} location in the expected file: run with --update-rule-cases")
        findings.append({**finding, "location": finding["location"][fmt]})
    result["findings"] = findings
    return result


def _without_locations(result: dict) -> dict:
    return {
        **result,
        "findings": [
            {key: value for key, value in f.items() if key != "location"} for f in result["findings"]
        ],
    }
