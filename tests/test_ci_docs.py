"""docs/en/ci.md and docs/zh/ci.md: the snippets parse, their gkcheck commands are valid, and the
files each CI step reads are the files gkcheck is told to write; the local pre-commit hook runs."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from gkcheck.commands.check import check_parser
from gkcheck.manager import make_plugin_manager
from tests.support.paths import ROOT, SAMPLE_REPORTS

DOCS = [ROOT / "docs" / "en" / "ci.md", ROOT / "docs" / "zh" / "ci.md"]
FENCE = re.compile(r"^```(\w+)\n(.*?)^```", re.DOTALL | re.MULTILINE)


def blocks(doc: Path, language: str) -> list[str]:
    return [body for lang, body in FENCE.findall(doc.read_text(encoding="utf-8")) if lang == language]


def gkcheck_commands(text: str) -> list[list[str]]:
    """Every `gkcheck ...` command in a snippet (a YAML string, a Groovy `sh '...'`, a shell line)."""
    found = re.findall(r"(?:^|(?<=['\"\s]))(gkcheck [^'\"\n]*)", text, re.MULTILINE)
    return [shlex.split(command)[1:] for command in found]


def option(argv: list[str], name: str) -> str:
    return argv[argv.index(name) + 1]


@pytest.mark.parametrize("doc", DOCS, ids=lambda doc: doc.parent.name)
def test_every_yaml_snippet_parses(doc):
    snippets = [yaml.safe_load(body) for body in blocks(doc, "yaml")]
    assert len(snippets) == 4 and all(isinstance(snippet, dict) for snippet in snippets)


@pytest.mark.parametrize("doc", DOCS, ids=lambda doc: doc.parent.name)
def test_every_gkcheck_command_is_valid(doc):
    parser = check_parser(make_plugin_manager())
    bodies = [body for language in ("yaml", "groovy", "sh") for body in blocks(doc, language)]
    commands = [argv for body in bodies for argv in gkcheck_commands(body)]
    assert len(commands) == 3
    for argv in commands:
        parser.parse_args(argv)  # exits (a test error) on an unknown option


@pytest.mark.parametrize("doc", DOCS, ids=lambda doc: doc.parent.name)
def test_each_ci_reads_the_files_gkcheck_writes(doc):
    github, gitlab, remote, local = [yaml.safe_load(body) for body in blocks(doc, "yaml")][:4]
    steps = github["jobs"]["gkcheck"]["steps"]
    (check,) = [gkcheck_commands(step["run"])[0] for step in steps if "gkcheck " in step.get("run", "")]
    (upload,) = [
        step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif")
    ]
    assert option(check, "--format") == "github" and upload["with"]["sarif_file"] == option(check, "--sarif")
    assert upload["if"] == "always()" and github["permissions"]["security-events"] == "write"

    job = gitlab["gkcheck"]
    (argv,) = [gkcheck_commands(line)[0] for line in job["script"] if line.startswith("gkcheck ")]
    reports = job["artifacts"]["reports"]
    assert reports == {"codequality": option(argv, "--gitlab"), "junit": option(argv, "--junit-xml")}
    assert job["artifacts"]["when"] == "always"

    (groovy,) = blocks(doc, "groovy")
    (jenkins,) = gkcheck_commands(groovy)
    assert f"junit '{option(jenkins, '--junit-xml')}'" in groovy

    (manifest,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert remote["repos"][0]["hooks"][0]["id"] == manifest["id"]
    assert local["repos"][0]["hooks"][0]["files"] == manifest["files"]


def test_the_local_pre_commit_hook_blocks_a_defective_report(tmp_path):
    (body,) = [body for body in blocks(DOCS[0], "yaml") if "repo: local" in body]
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / ".pre-commit-config.yaml").write_text(body, encoding="utf-8")
    shutil.copy(SAMPLE_REPORTS / "001_c779024abbc6666e.pdf", folder / "2021.pdf")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "home")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"  # this checkout's gkcheck
    for command in (["git", "init", "-q"], ["git", "add", "."]):
        subprocess.run(command, cwd=folder, check=True)
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run"], cwd=folder, env=env, capture_output=True, text=True
    )
    assert (
        done.returncode == 1
        and "—— 2021.pdf ——" in done.stdout
        and "\nGK302 template-version [错误]\n" in done.stdout
    )
