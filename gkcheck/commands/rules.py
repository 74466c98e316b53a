"""`gkcheck rules` and `gkcheck --explain ID`: the rules and their documentation."""

from __future__ import annotations

import json
import shutil

import pluggy

from gkcheck.commands import common_options, make_config
from gkcheck.errors import ExitCode, UsageError
from gkcheck.options import Parser
from gkcheck.packs.profile import Profile
from gkcheck.rule import Rule
from gkcheck.ruledocs import rule_doc, summary
from gkcheck.runner import Checker
from gkcheck.streams import write_output
from gkcheck.textwidth import pad, shorten, width


def rules_parser(manager: pluggy.PluginManager) -> Parser:
    parser = Parser(prog="gkcheck rules", description="List the rules of a profile.")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="output format: text or json (default: text)",
    )
    parser.add_argument("--explain", metavar="ID", help="print the documentation of rule ID")
    common_options(parser)
    return parser


def rules_main(argv: list[str]) -> int:
    config = make_config(argv, rules_parser)
    if config.options.explain:
        return explain(config, config.options.explain)
    profile = config.profile_for(None)
    rows = rule_rows(Checker(config), profile)
    if config.options.format == "json":
        listing = {"profile": profile.name, "packs": [layer.name for layer in profile.layers], "rules": rows}
        write_output(json.dumps(listing, ensure_ascii=False, indent=2) + "\n", "json")
    else:
        for line in listing_lines(config, profile, rows):
            print(line)
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
                "summary": summary(item, checker.config.lang),
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


SEVERITY_WORDS = {"error": "错误", "warning": "警告", "info": "提示", "off": "关闭"}
# The listing fits this many columns when the terminal's width is not known.
LISTING_COLUMNS = 100


def listing_lines(config, profile, rows: list[dict]) -> list[str]:
    """`gkcheck rules`: one line per rule, aligned by terminal columns and cut to the terminal's width."""
    columns = shutil.get_terminal_size((LISTING_COLUMNS, 24)).columns
    chain = " → ".join(layer.source for layer in profile.layers)
    lines = [config.text(zh=f"规则包 {profile.name}（{chain}）", en=f"profile {profile.name} ({chain})")]
    names = max((width(row["name"]) for row in rows), default=0)
    for row in rows:
        severity = row["severity"] if row["enabled"] else "off"
        if config.lang != "en":
            severity = SEVERITY_WORDS[severity]
        pack = row["pack"] or row["configured_by"] or ""
        described = row["summary"] if config.lang == "en" else f"{row['title']}：{row['summary']}"
        line = (
            f"{pad(row['id'], 7)} {pad(row['name'], names)} {pad(severity, 7)} {pack + ' ' if pack else ''}"
        )
        lines.append(line + shorten(described, max(20, columns - width(line) - 1)))
    return lines


def explain(config, rule_id: str) -> int:
    checker = Checker(config)
    profile = config.profile_for(None)
    effective = {item.id: item for item in checker.rules_for(profile)}
    for item in checker.all_rules:
        if item.id == rule_id.upper():
            for line in _explanation(config, profile, item, effective):
                print(line)
            return ExitCode.OK
    raise UsageError(
        zh=f"未知的规则 {rule_id!r}（规则列表：gkcheck rules）",
        en=f"unknown rule {rule_id!r} (see: gkcheck rules)",
    )


def _explanation(config, profile: Profile, item: Rule, effective: dict[str, Rule]) -> list[str]:
    severity = effective[item.id].severity if item.id in effective else "off"
    configured = profile.configured_by(item.id, "severity")
    title, doc = rule_doc(item, config.lang)
    if config.lang == "en":
        note = f", set in pack {configured}" if configured else ""
        head = [
            f"{item.id} {item.name} ({item.title_zh})",
            "",
            f"severity: {'disabled' if severity == 'off' else severity} (profile {profile.name}{note}); "
            f"defined in {item.origin}",
            "",
        ]
        params = [f"parameters (profile {profile.name}):"] if item.params else []
    else:
        note = f"，在规则包 {configured} 中设置" if configured else ""
        head = [
            f"{item.id} {item.name}（{title}）",
            "",
            f"级别：{SEVERITY_WORDS[severity]}（规则包 {profile.name}{note}）；定义于 {item.origin}",
            "",
        ]
        params = [f"参数（规则包 {profile.name}）："] if item.params else []
    if params:
        params += [f"  {line}" for line in _param_lines(item, profile, config.lang)] + [""]
    return [*head, *params, doc]


def _param_lines(item: Rule, profile: Profile, lang: str) -> list[str]:
    """`name = value  (set in pack P)` or `(default)`, per parameter; the documentation says the rest."""
    lines = []
    for key, setting in param_settings(item, profile).items():
        if lang == "en":
            where = f"set in pack {setting['set_by']}" if setting["set_by"] else "default"
            lines.append(f"{key} = {item.params[key].toml(setting['value'])}  ({where})")
        else:
            where = f"在规则包 {setting['set_by']} 中设置" if setting["set_by"] else "默认值"
            lines.append(f"{key} = {item.params[key].toml(setting['value'])}（{where}）")
    return lines
