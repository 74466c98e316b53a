"""Options and settings that plugins add through `gkcheck_addoption(parser)`.

`Parser` is an `argparse.ArgumentParser`: a plugin adds command-line options with
`parser.add_argument(...)` as usual. A plugin that wants a value to be settable in the
configuration file (`gkcheck.toml`, `[tool.gkcheck]`, `[[overrides]]`) declares it as a setting:

    @hookimpl
    def gkcheck_addoption(parser):
        parser.add_argument("--region", help="...")
        parser.add_setting("region", kind="string", help="...")

The command line wins over the file; the file's `[[overrides]]` for a path win over its top
level; the setting's default applies last. A setting and an option meet at the same name (dashes
in the file, underscores in Python): `fail-on` in the file is `--fail-on` and `config.get("fail_on")`.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from gkcheck.i18n import LANGUAGES, argparse_help_zh, default_language, help_zh
from gkcheck.patterns import LazyPattern
from gkcheck.textwidth import wrap


class SettingError(ValueError):
    """A configuration value is not valid: the reason in Chinese and English.

    A kind added to `KINDS` may raise a plain ValueError too; its text is then shown in both languages.
    """

    def __init__(self, *, zh: str, en: str):
        super().__init__(en)
        self.zh = zh


def _string(value: Any, base: Path) -> str:
    if not isinstance(value, str):
        raise SettingError(zh="应为字符串", en="expected a string")
    return value


def _boolean(value: Any, base: Path) -> bool:
    if not isinstance(value, bool):
        raise SettingError(zh="应为 true 或 false", en="expected true or false")
    return value


def _count(value: Any, base: Path) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise SettingError(zh="应为不小于 0 的整数", en="expected a whole number ≥ 0")
    return value


def _jobs(value: Any, base: Path) -> int:
    """A number of worker processes; "auto" (or 0) is one per CPU."""
    if value == "auto":
        return 0
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise SettingError(zh='应为不小于 0 的整数或 "auto"', en='expected a whole number ≥ 0 or "auto"')
    return value


def job_count(text: str) -> int:
    """`-j N` on the command line: N worker processes; `-j auto` (or 0) is one per CPU."""
    if text.strip().lower() == "auto":
        return 0
    try:
        count = int(text)
    except ValueError:
        count = -1
    if count < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number ≥ 0 or auto: {text!r}")
    return count


def _seconds(value: Any, base: Path) -> float:
    if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
        raise SettingError(zh="应为大于 0 的秒数", en="expected a number of seconds > 0")
    return float(value)


def _rule_ids(value: Any, base: Path) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not (isinstance(value, list) and all(isinstance(item, str) for item in value)):
        raise SettingError(
            zh='应为规则编号或前缀的列表，例如 ["GK2", "GK501"]',
            en='expected a list of rule ids or prefixes, e.g. ["GK2", "GK501"]',
        )
    return [item.strip().upper() for item in value]


def _path(value: Any, base: Path) -> str:
    if not isinstance(value, str):
        raise SettingError(zh="应为路径", en="expected a path")
    return str(base / value)


def _paths(value: Any, base: Path) -> list[str]:
    value = [value] if isinstance(value, str) else value
    if not (isinstance(value, list) and all(isinstance(item, str) for item in value)):
        raise SettingError(zh="应为路径的列表", en="expected a list of paths")
    return [str(base / item) for item in value]


def _patterns(value: Any, base: Path) -> list[str]:
    value = [value] if isinstance(value, str) else value
    if not (isinstance(value, list) and all(isinstance(item, str) for item in value)):
        raise SettingError(
            zh='应为 .gitignore 式样式的列表，例如 ["old/", "*.bak.pdf"]',
            en='expected a list of .gitignore-style patterns, e.g. ["old/", "*.bak.pdf"]',
        )
    return list(value)


def _profile(value: Any, base: Path) -> str:
    if not isinstance(value, str):
        raise SettingError(zh="应为规则包名称或 .toml 文件路径", en="expected a pack name or a .toml path")
    return str(base / value) if value.endswith(".toml") else value


# How a value written in the configuration file is checked and converted; paths are taken
# relative to the file's folder (`base`).
KINDS: dict[str, Callable[[Any, Path], Any]] = {
    "string": _string,
    "boolean": _boolean,
    "count": _count,
    "jobs": _jobs,
    "seconds": _seconds,
    "rule-ids": _rule_ids,
    "path": _path,
    "paths": _paths,
    "patterns": _patterns,
    "profile": _profile,
}


@dataclass(frozen=True)
class Setting:
    """A value that the configuration file may set: its key, kind, choices and default."""

    name: str
    kind: str = "string"
    default: Any = None
    choices: tuple[str, ...] | None = None
    override: bool = False
    help: str = ""

    @property
    def key(self) -> str:
        """The name in Python (`config.get(key)`) and on the command line's namespace."""
        return self.name.replace("-", "_")

    def convert(self, value: Any, base: Path) -> Any:
        """The value as the program uses it; SettingError (a ValueError) when it is not valid."""
        if self.choices is not None:
            if value not in self.choices:
                choices = ", ".join(self.choices)
                raise SettingError(
                    zh=f"{value!r} 不是 {choices} 之一", en=f"{value!r} is not one of {choices}"
                )
            return value
        return KINDS[self.kind](value, base)


def message_language(argv: list[str]) -> str:
    """The language of the run before its configuration is read (for help and early errors).

    That is `--lang`, then the `lang` of the configuration file found from the current folder, then
    the system locale, then Chinese.
    """
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv) and argv[index + 1] in LANGUAGES:
            return argv[index + 1]
        if arg.startswith("--lang=") and arg.split("=", 1)[1] in LANGUAGES:
            return arg.split("=", 1)[1]
    return _file_language() or default_language()


def _file_language() -> str | None:
    from gkcheck.configfile import find_config
    from gkcheck.tomlfile import parse_toml

    try:
        found = find_config([])
        if found is None:
            return None
        data = parse_toml(Path(found).read_text(encoding="utf-8"), str(found)).data
    except Exception:  # a broken file is reported when the configuration is read, in its place
        return None
    if Path(found).name == "pyproject.toml":
        data = data.get("tool", {}).get("gkcheck", {})
    lang = data.get("lang")
    return lang if lang in LANGUAGES else None


# argparse's own messages (after "argument NAME: " when they concern one argument), in Chinese.
_ARGPARSE_ZH = [
    (LazyPattern(r"unrecognized arguments: (?P<args>.*)"), "无法识别的参数：{args}"),
    (LazyPattern(r"the following arguments are required: (?P<args>.*)"), "缺少必需的参数：{args}"),
    (
        LazyPattern(r"invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)"),
        "无效的取值 {value}（可选：{choices}）",
    ),
    (LazyPattern(r"expected one argument"), "需要一个取值"),
    (LazyPattern(r"expected at least one argument"), "需要至少一个取值"),
    (LazyPattern(r"invalid int value: (?P<value>.*)"), "无效的整数 {value}"),
    (LazyPattern(r"invalid float value: (?P<value>.*)"), "无效的数字 {value}"),
    (
        LazyPattern(r"expected a whole number ≥ 0 or auto: (?P<value>.*)"),
        "应为不小于 0 的整数或 auto：{value}",
    ),
    (
        LazyPattern(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)"),
        "有歧义的选项 {option}，可能是 {matches}",
    ),
]
_ARGUMENT = LazyPattern(r"argument (?P<name>.+?): (?P<rest>.*)", re.DOTALL)


def argparse_message_zh(message: str) -> str:
    """An argparse error message in Chinese; one it does not know stays in English."""
    argument = _ARGUMENT.fullmatch(message)
    rest = argument.group("rest") if argument else message
    for pattern, template in _ARGPARSE_ZH:
        found = pattern.fullmatch(rest)
        if found:
            fields = found.groupdict()
            if "choices" in fields:  # 'a', 'b' before Python 3.12.8, a, b after
                fields["choices"] = re.sub(r"'([^']*)'", r"\1", fields["choices"])
            text = template.format(**fields)
            return f"参数 {argument.group('name')}：{text}" if argument else text
    return message


class Parser(argparse.ArgumentParser):
    """The command line of `gkcheck`, which also collects the settings plugins declare.

    Its own errors are in Chinese unless `--lang en` is on the command line.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # No abbreviations: `--co` (pytest's collect-only) must not be taken for `--config`.
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)
        self.settings: dict[str, Setting] = {}
        self.lang: str | None = None

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        self.lang = message_language(list(sys.argv[1:] if args is None else args))
        return super().parse_known_args(args, namespace)

    def format_help(self) -> str:
        if self.lang == "en":
            return super().format_help()
        return self._in_chinese(super().format_help)

    def format_usage(self) -> str:
        if self.lang == "en":
            return super().format_usage()
        return argparse_help_zh(super().format_usage())

    def _in_chinese(self, format_text: Callable[[], str]) -> str:
        """Help in Chinese: the built-ins' help texts and argparse's own words translated."""
        saved = [(action, action.help) for action in self._actions]
        description, epilog = self.description, self.epilog
        formatter_class = self.formatter_class
        try:
            for action, text in saved:
                action.help = help_zh(text) or text
            self.description = help_zh(_english_part(description)) or description
            self.epilog = help_zh(epilog) or epilog
            self.formatter_class = WideHelpFormatter
            return argparse_help_zh(format_text())
        finally:
            for action, text in saved:
                action.help = text
            self.description, self.epilog = description, epilog
            self.formatter_class = formatter_class

    def error(self, message: str) -> NoReturn:
        """Print the usage line and the message, in the language of `--lang`, and exit 2 (as argparse)."""
        if (self.lang or message_language(sys.argv[1:])) == "en":
            super().error(message)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: 错误: {argparse_message_zh(message)}\n")

    def add_reading_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        """`add_argument` for an option that changes what is read of a file (an engine, a resolution).

        `gkcheck inspect` offers these options too, so that it shows what a check with them reads.
        """
        action = self.add_argument(*args, **kwargs)
        action.reads_files = True  # type: ignore[attr-defined]
        return action

    def add_setting(
        self,
        name: str,
        *,
        kind: str = "string",
        default: Any = None,
        choices: tuple[str, ...] | list[str] | None = None,
        override: bool = False,
        help: str = "",
    ) -> Setting:
        """Declare `name` (as written in the file, e.g. "fail-on") settable in the configuration file.

        :param kind: how the file's value is checked: one of `KINDS` ("string", "boolean",
            "count", "jobs", "seconds", "rule-ids", "path", "paths", "profile"); ignored with `choices`.
        :param default: the value when neither the command line nor the file sets it.
        :param choices: the values allowed.
        :param override: whether `[[overrides]]` may set it for some paths.
        """
        if kind not in KINDS:
            raise ValueError(f"add_setting({name!r}): unknown kind {kind!r} (known: {', '.join(KINDS)})")
        if name in self.settings:
            raise ValueError(f"add_setting({name!r}): the setting is declared twice")
        setting = Setting(name, kind, default, tuple(choices) if choices else None, override, help)
        self.settings[name] = setting
        return setting


def _english_part(text: str | None) -> str | None:
    """The English part of a two-language text: "中文 / English" → "English"; other texts as they are."""
    return text.split(" / ", 1)[1] if text and " / " in text else text


class WideHelpFormatter(argparse.HelpFormatter):
    """Help wrapped by terminal columns, so that Chinese lines fit the terminal too."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(" ".join(text.split()), width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap(" ".join(text.split()), width - len(indent)))
