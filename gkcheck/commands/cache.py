"""`gkcheck cache info` and `gkcheck cache clean`: the cache's size, and emptying it."""

from __future__ import annotations

from pathlib import Path

import pluggy

from gkcheck.cache import cache_info, clean_cache, default_cache_dir
from gkcheck.commands import common_options, make_config
from gkcheck.errors import ExitCode
from gkcheck.options import Parser


def cache_parser(manager: pluggy.PluginManager) -> Parser:
    parser = Parser(prog="gkcheck cache", description="Show or empty the cache.")
    parser.add_argument("action", choices=("info", "clean"), help="info: where and how big; clean: empty it")
    parser.add_argument(
        "--cache-dir", metavar="DIR", help="the cache folder (default: the user cache folder)"
    )
    common_options(parser)
    return parser


def cache_main(argv: list[str]) -> int:
    config = make_config(argv, cache_parser)
    folder = Path(config.get("cache-dir") or default_cache_dir())
    english = config.lang == "en"
    if config.options.action == "clean":
        removed = clean_cache(folder)
        print(
            f"removed {removed} entries from {folder}" if english else f"已从 {folder} 删除 {removed} 条缓存"
        )
        return ExitCode.OK
    found = cache_info(folder)
    (documents, _), (results, _) = found["documents"], found["results"]
    megabytes = sum(size for _count, size in found.values()) / 1_000_000
    print(
        f"{folder}: {documents} documents, {results} results, {megabytes:.1f} MB"
        if english
        else f"{folder}：缓存 {documents} 份文档、{results} 份检查结果，共 {megabytes:.1f} MB"
    )
    return ExitCode.OK
