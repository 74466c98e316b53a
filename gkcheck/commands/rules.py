"""`gkcheck rules` and `gkcheck --explain ID`: the rules and their documentation."""

from __future__ import annotations

import json

import pluggy

from gkcheck.commands import ParseExit, common_options, make_config
from gkcheck.errors import ExitCode, UsageError
from gkcheck.options import Parser
from gkcheck.packs.profile import Profile
from gkcheck.rule import Rule
from gkcheck.runner import Checker
from gkcheck.streams import write_output


def rules_parser(manager: pluggy.PluginManager) -> Parser:
    parser = Parser(prog="gkcheck rules", description="List the rules of a profile.")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--explain", metavar="ID", help="print the documentation of rule ID")
    common_options(parser)
    return parser


def rules_main(argv: list[str]) -> int:
    try:
        config = make_config(argv, rules_parser)
    except ParseExit as exc:
        return ExitCode.OK if exc.code == 0 else ExitCode.USAGE_ERROR
    if config.options.explain:
        return explain(config, config.options.explain)
    profile = config.profile_for(None)
    rows = rule_rows(Checker(config), profile)
    if config.options.format == "json":
        listing = {"profile": profile.name, "packs": [layer.name for layer in profile.layers], "rules": rows}
        write_output(json.dumps(listing, ensure_ascii=False, indent=2) + "\n", "json")
    else:
        print(f"profile {profile.name} ({' → '.join(layer.source for layer in profile.layers)})")
        for row in rows:
            severity = row["severity"] if row["enabled"] else "off"
            pack = row["pack"] or row["configured_by"] or ""
            print(
                f"{row['id']:<7} {row['name']:<28} {severity:<8} {pack:<14} {row['title']}  {row['summary']}"
            )
    return ExitCode.OK


def rule_rows(checker: Checker, profile) -> list[dict]:
    """Every rule of the profile: effective severity, whether enabled, the pack declaring or setting it."""
    effective = {item.id: item for item in checker.rules_for(profile)}
    packs = {layer.source: layer.name for layer in profile.layers}
    rows = []
    for item in sorted(checker.all_rules, key=lambda rule: rule.id):
        declared_in = packs.get(item.pack) if item.pack else None
        if item.pack is not None and declared_in is None:
            continue  # declared by a pack outside this profile's chain
        if item.id not in effective and profile.rule_settings(item.id).get("enabled", True) is not False:
            continue  # not selected
        rule = effective.get(item.id, item)
        rows.append(
            {
                "id": item.id,
                "name": item.name,
                "severity": rule.severity,
                "default_severity": item.severity,
                "enabled": item.id in effective,
                "pack": declared_in,
                "configured_by": profile.configured_by(item.id),
                "origin": item.origin,
                "title": item.title_zh,
                "summary": item.summary,
                "params": param_settings(item, profile),
            }
        )
    return rows


def param_settings(item: Rule, profile: Profile) -> dict[str, dict]:
    """The rule's declared parameters: kind, default, allowed values, meaning, and the profile's value."""
    settings = profile.rule_settings(item.id)
    out = {}
    for key, param in item.params.items():
        declared = param.to_dict()
        out[key] = {
            **declared,
            "value": settings.get(key, declared["default"]),
            "set_by": profile.configured_by(item.id, key),
        }
    return out


def explain(config, rule_id: str) -> int:
    checker = Checker(config)
    profile = config.profile_for(None)
    effective = {item.id: item for item in checker.rules_for(profile)}
    for item in checker.all_rules:
        if item.id == rule_id.upper():
            severity = effective[item.id].severity if item.id in effective else "disabled"
            print(f"{item.id} {item.name} ({item.title_zh})\n")
            configured = profile.configured_by(item.id, "severity")
            note = f", set in pack {configured}" if configured else ""
            print(f"severity: {severity} (profile {profile.name}{note}); defined in {item.origin}\n")
            if item.params:
                print(f"parameters (profile {profile.name}):")
                for line in _param_lines(item, profile):
                    print(f"  {line}")
                print()
            print(item.doc)
            return ExitCode.OK
    raise UsageError(
        zh=f"未知的规则 {rule_id!r}（规则列表：gkcheck rules）",
        en=f"unknown rule {rule_id!r} (see: gkcheck rules)",
    )


def _param_lines(item: Rule, profile: Profile) -> list[str]:
    """`name = value  (set in pack P)` or `(default)`, per parameter; the documentation says the rest."""
    lines = []
    for key, setting in param_settings(item, profile).items():
        where = f"set in pack {setting['set_by']}" if setting["set_by"] else "default"
        lines.append(f"{key} = {item.params[key].toml(setting['value'])}  ({where})")
    return lines
