"""The CI gate's options: --exit-zero, -x/--exitfirst, --output-format."""

from __future__ import annotations

from tests.support.paths import SAMPLE_REPORTS

SAMPLES = sorted(SAMPLE_REPORTS.glob("*.pdf"))  # 001 is the one that fails


def test_exit_zero_forgives_failed_rules(gkcheck):
    assert gkcheck(*SAMPLES, "-q", "-q").exit_code == 1
    run = gkcheck(*SAMPLES, "--exit-zero", "--format", "json")
    assert run.exit_code == 0
    assert [report["outcome"] for report in run.json()["reports"]].count("failed") == 1


def test_exit_zero_does_not_hide_an_unreadable_file(gkcheck, tmp_path):
    assert gkcheck(SAMPLES[0], tmp_path / "missing.pdf", "--exit-zero", "-q", "-q").exit_code == 1


def test_exit_zero_can_be_set_in_the_configuration_file(gkcheck, tmp_path):
    (tmp_path / "gkcheck.toml").write_text("exit-zero = true\n", encoding="utf-8")
    assert gkcheck(*SAMPLES, "--config", tmp_path / "gkcheck.toml", "-q", "-q").exit_code == 0


def test_exitfirst_stops_after_the_first_failing_report(gkcheck):
    for jobs in ("1", "2"):
        run = gkcheck(*SAMPLES, "-x", "-j", jobs, "--format", "json")
        assert run.exit_code == 1
        assert [report["path"] for report in run.json()["reports"]] == [str(path) for path in SAMPLES[:2]]
    text = gkcheck(*SAMPLES, "--exitfirst", "--lang", "en", "-q", "-q").stdout
    assert "-x: stopped after the first report that did not pass, 2 of 5 checked" in text


def test_exitfirst_checks_everything_when_all_pass(gkcheck):
    run = gkcheck(*SAMPLES, "-x", "--ignore", "GK302", "--format", "json")
    assert run.exit_code == 0 and len(run.json()["reports"]) == 5


def test_output_format_is_another_name_for_format(gkcheck):
    assert gkcheck(SAMPLES[0], "--output-format", "sarif").json()["version"] == "2.1.0"
    assert gkcheck(SAMPLES[0], "--output-format", "nope").exit_code == 4
