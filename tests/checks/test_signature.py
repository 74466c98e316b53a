"""GK202 year consistency, GK204 signature, GK205 publication deadline on real and edited reports."""

from __future__ import annotations

from tests.support.paths import DATA, SAMPLE_REPORTS, SAMPLES
from tests.support.results import check_rule

SAMPLE_003 = SAMPLES / "003_35beedbe3e7b0ed3.txt"
CLEAN_002 = DATA / "clean" / "002_repaired.txt"
SIGNED_003 = "2024年1月15日"


# GK202 year consistency


# GK204 signature


# GK205 publication deadline


def test_provincial_pack_sets_an_earlier_deadline(gkcheck, tmp_path):
    pack = tmp_path / "early.toml"
    pack.write_text(
        '[pack]\nname = "early"\nextends = "national"\n\n[rules.GK205]\ndepartment = "01-10"\n',
        encoding="utf-8",
    )
    sample = SAMPLE_REPORTS / "003_35beedbe3e7b0ed3.pdf"
    assert check_rule(gkcheck, sample, "GK205")["outcome"] == "passed"
    (finding,) = check_rule(gkcheck, sample, "GK205", "--profile", str(pack))["findings"]
    assert (finding["expected"], finding["actual"]) == ("2024-01-10", "2024-01-15")


def test_malformed_deadline_in_a_pack_is_a_usage_error(gkcheck, tmp_path):
    pack = tmp_path / "bad.toml"
    pack.write_text(
        '[pack]\nname = "bad"\nextends = "national"\n\n[rules.GK205]\ndepartment = "Jan 31"\n',
        encoding="utf-8",
    )
    run = gkcheck(SAMPLE_REPORTS / "003_35beedbe3e7b0ed3.pdf", "--select", "GK205", "--profile", str(pack))
    assert run.exit_code == 4
    assert "[rules.GK205] department = 'Jan 31'" in run.stderr and "Traceback" not in run.stderr


# GK205 with the publication date of a web page


def test_html_page_publication_date_meta_tag(gkcheck, tmp_path):
    page = (SAMPLES / "002_587a12f256707b84.html").read_text(encoding="utf-8")  # no signature
    assert "<head>" in page
    dated = tmp_path / "002.html"
    dated.write_text(
        page.replace("<head>", '<head><meta name="PubDate" content="2024-02-20 09:30">', 1), encoding="utf-8"
    )
    (finding,) = check_rule(gkcheck, dated, "GK205")["findings"]
    assert (finding["expected"], finding["actual"]) == ("2024-01-31", "2024-02-20")
    assert check_rule(gkcheck, SAMPLES / "002_587a12f256707b84.html", "GK205")["outcome"] == "skipped"
