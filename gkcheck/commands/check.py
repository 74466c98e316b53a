"""`gkcheck PATH...`: check reports, write the outputs, exit by the worst outcome.

The core adds only the options of the run itself; loaders, reporters, waivers and the structure
builder add theirs in their own `gkcheck_addoption`.
"""

from __future__ import annotations

import argparse
import sys

import pluggy

from gkcheck import __version__
from gkcheck.collect import special_files
from gkcheck.commands import FAIL_ON_CHOICES, add_core_settings, common_options, make_config
from gkcheck.config import Config
from gkcheck.errors import ExitCode, UsageError
from gkcheck.interrupts import SignalGuard, exit_status
from gkcheck.options import Parser, job_count
from gkcheck.outputs import OutputLocks, PartialResults, try_output, unwritable, write_atomically
from gkcheck.session import Session, find_inputs
from gkcheck.streams import write_output


class _IdsAction(argparse.Action):
    """`--select GK1,GK2 --select GK5` → ["GK1", "GK2", "GK5"]."""

    def __call__(self, parser, namespace, values, option_string=None):
        ids = [item.strip().upper() for item in str(values).split(",") if item.strip()]
        setattr(namespace, self.dest, [*(getattr(namespace, self.dest) or []), *ids])


def check_parser(manager: pluggy.PluginManager) -> Parser:
    """The parser of the check command: the core's options, then every plugin's."""
    parser = Parser(
        prog="gkcheck",
        description="检查政府信息公开工作年度报告 / Check government information-disclosure annual reports.",
        epilog=(
            "subcommands: gkcheck inspect FILE [--json]; gkcheck rules [--format json] [--explain ID]; "
            "gkcheck cache info|clean"
        ),
    )
    formats = available_formats(manager)
    parser.add_argument("paths", nargs="*", metavar="PATH", help="report files or folders")
    parser.add_argument(
        "--format", default="text", help=f"output format: {', '.join(formats)} (default: text)"
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write the --format output to FILE")
    parser.add_argument(
        "--select",
        action=_IdsAction,
        metavar="IDS",
        help="only rules with these id prefixes (GK3 = all GK3xx)",
    )
    parser.add_argument(
        "--extend-select", action=_IdsAction, metavar="IDS", help="add rules to the selection"
    )
    parser.add_argument(
        "--ignore", action=_IdsAction, metavar="IDS", help="skip rules with these id prefixes"
    )
    parser.add_argument(
        "--fail-on", choices=FAIL_ON_CHOICES, help="lowest severity that fails (default: error)"
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=job_count,
        metavar="N",
        help="check N files in parallel (default auto, or 0: one per CPU)",
    )
    parser.add_argument(
        "--timeout", type=float, metavar="SECONDS", help="give up on a document after SECONDS (default: 120)"
    )
    parser.add_argument("-q", "--quiet", action="count", default=0, help="less output")
    parser.add_argument("--explain", metavar="ID", help="print the documentation of rule ID and exit")
    parser.add_argument("--version", action="version", version=f"gkcheck {__version__}")
    common_options(parser)
    add_core_settings(parser)
    manager.hook.gkcheck_addoption(parser=parser)
    return parser


def available_formats(manager: pluggy.PluginManager) -> list[str]:
    """The output formats the registered reporters name, in registration order."""
    names = [name for group in reversed(manager.hook.gkcheck_report_formats()) for name in group]
    return list(dict.fromkeys(names))


def check_main(argv: list[str]) -> int:
    config = make_config(argv, check_parser)
    if config.get("explain"):
        from gkcheck.commands.rules import explain

        return explain(config, config.get("explain"))
    if not config.options.paths:
        raise UsageError(
            zh="未指定要检查的文件（例如：gkcheck sample_reports/）",
            en="no files given (try: gkcheck sample_reports/)",
        )
    check_formats(config)
    config.profile_for(None)  # a wrong --profile is a usage error before any file is read
    paths = find_inputs(config.options.paths, config)
    for special in special_files(config):
        print(
            config.text(zh=f"gkcheck：跳过特殊文件 {special}", en=f"gkcheck: skipped special file {special}"),
            file=sys.stderr,
        )
    if config.get("show_files"):
        write_output("".join(f"{path}\n" for path in paths), "text")
        return ExitCode.OK
    if not paths:
        readers = ", ".join(loader_names(config))
        print(
            config.text(
                zh=f"gkcheck：没有找到可检查的报告（已安装的读取插件：{readers}）",
                en=f"gkcheck: no reports found (the installed loaders read: {readers})",
            ),
            file=sys.stderr,
        )
        return ExitCode.NO_REPORTS
    session = Session(config, paths)
    outputs = [path for _format, path in output_files(config)]
    for path in outputs:  # an output that cannot be written is known before the first file
        try_output(path)
    stopped = config.text(zh="gkcheck：已中断", en="gkcheck: interrupted")
    with OutputLocks(outputs), SignalGuard(stopped) as guard:
        partial = (
            PartialResults(beside, config.lang, config.get("fail_on"))
            if (beside := partial_beside(config))
            else None
        )
        if partial is not None:
            session.listeners.append(partial.add)
        written = False
        try:
            session.run()
            guard.stop_raising()
            written = write_outputs(session)
        finally:
            if partial is not None:
                partial.finish(keep=bool(session.results) and not written)
                if partial.path.exists():
                    print(
                        config.text(
                            zh=f"gkcheck：已完成的结果保存在 {partial.path}（每行一份报告）",
                            en=f"gkcheck: the finished results are kept in {partial.path} (a report a line)",
                        ),
                        file=sys.stderr,
                    )
    status = exit_code(session, guard.received, written)
    if session.interrupted and not session.stdout_closed:
        done, total = len(session.results), len(paths)
        print(
            config.text(
                zh=f"gkcheck：已中断，已检查 {done}/{total} 个文件，结果已写出",
                en=f"gkcheck: interrupted: {done} of {total} files checked, their results written",
            ),
            file=sys.stderr,
        )
    config.hook.gkcheck_session_finish(session=session, exitstatus=status)
    return status


def loader_names(config: Config) -> list[str]:
    """The names of the plugins that claim files in folders (the loaders)."""
    implementations = config.hook.gkcheck_collect_file.get_hookimpls()
    return [item.plugin_name for item in implementations]


def partial_beside(config: Config) -> str | None:
    """The output the partial results are kept beside while running: the JSON one, else the first."""
    files = output_files(config)
    return next((path for name, path in files if name == "json"), files[0][1] if files else None)


def output_files(config: Config) -> list[tuple[str, str]]:
    """The files to write, (format, path): the --format output with -o, then the plugins' own."""
    files = [(config.get("format"), config.get("output"))] if config.get("output") else []
    for group in reversed(config.hook.gkcheck_output_files(config=config)):
        files.extend(group)
    return files


def check_formats(config: Config) -> None:
    """Every requested format must be one a registered reporter names."""
    known = available_formats(config.pluginmanager)
    for format_name in [config.get("format"), *(name for name, _path in output_files(config))]:
        if format_name not in known:
            raise UsageError(
                zh=f"未知的输出格式 {format_name!r}（可用：{', '.join(known) or '无'}；输出插件被禁用？）",
                en=f"unknown output format {format_name!r} (known: {', '.join(known) or 'none'}; "
                "was its reporter plugin blocked?)",
            )


def render(session: Session, format_name: str) -> str:
    text = session.config.hook.gkcheck_render(format=format_name, session=session)
    if text is None:
        raise UsageError(
            zh=f"没有插件生成 {format_name} 格式的输出",
            en=f"no plugin rendered the {format_name} format",
        )
    return text


def write_outputs(session: Session) -> bool:
    """Write every output; one that fails is reported and the others are still written.

    Returns whether all were written.
    """
    config = session.config
    if not config.get("output") and not session.stdout_closed:
        write_output(render(session, config.get("format")), config.get("format"))
    written = True
    for format_name, path in output_files(config):
        try:
            write_atomically(path, render(session, format_name))
        except OSError as exc:
            written = False
            print(
                config.text(
                    zh=f"gkcheck：{exc_text(path, exc, 'zh')}", en=f"gkcheck: {exc_text(path, exc, 'en')}"
                ),
                file=sys.stderr,
            )
    return written


def exc_text(path: str, exc: OSError, lang: str) -> str:
    return unwritable(path, exc).text(lang)


def exit_code(session: Session, signum: int | None = None, written: bool = True) -> int:
    if session.interrupted or signum is not None:
        return exit_status(session.stopped_by or signum)
    if not written:
        return ExitCode.INTERNAL_ERROR
    fail_on = session.config.get("fail_on")
    outcomes = {result.outcome(fail_on) for result in session.results} - {"passed"}
    if not outcomes or (outcomes == {"failed"} and session.config.get("exit_zero")):
        return ExitCode.OK  # --exit-zero (a plugin's setting) forgives failed rules, not errors
    return ExitCode.FAILED


def check_config(argv: list[str]) -> Config:
    """The configuration `gkcheck ARGV...` would check with (for tests, benchmarks and tools)."""
    return make_config(argv, check_parser)
