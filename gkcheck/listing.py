"""`gkcheck rules` and `gkcheck --explain ID`: the rules and their documentation."""

from __future__ import annotations

import argparse
import json
import sys

from gkcheck.session import Checker


def rules_parser(manager) -> argparse.ArgumentParser:
    from gkcheck.cli import common_options

    parser = argparse.ArgumentParser(prog="gkcheck rules", description="List the rules of a profile.")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--explain", metavar="ID", help="print the documentation of rule ID")
    common_options(parser)
    return parser


def rules_main(argv: list[str]) -> int:
    from gkcheck.cli import EXIT_OK, EXIT_USAGE, _ParseExit, make_config

    try:
        config = make_config(argv, rules_parser)
    except _ParseExit as exc:
        return EXIT_OK if exc.code == 0 else EXIT_USAGE
    if config.options.explain:
        return explain(config, config.options.explain)
    profile = config.profile_for(None)
    rules = Checker(config).rules_for(profile)
    rows = [
        {"id": item.id, "name": item.name, "severity": item.severity, "pack": profile.name,
         "origin": item.origin, "title": item.title_zh, "summary": item.summary}
        for item in rules
    ]
    if config.options.format == "json":
        print(json.dumps({"profile": profile.name, "rules": rows}, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            print(f"{row['id']:<7} {row['name']:<28} {row['severity']:<8} {row['title']}  {row['summary']}")
    return EXIT_OK


def explain(config, rule_id: str) -> int:
    from gkcheck.cli import EXIT_OK, EXIT_USAGE

    checker = Checker(config)
    profile = config.profile_for(None)
    effective = {item.id: item for item in checker.rules_for(profile)}
    for item in checker.all_rules:
        if item.id == rule_id.upper():
            severity = effective[item.id].severity if item.id in effective else "disabled"
            print(f"{item.id} {item.name} ({item.title_zh})\n")
            print(f"severity: {severity} (profile {profile.name}); defined in {item.origin}\n")
            print(item.doc)
            return EXIT_OK
    print(f"gkcheck: unknown rule {rule_id!r} (see: gkcheck rules)", file=sys.stderr)
    return EXIT_USAGE
