"""A plugin as a third party writes it, using only gkcheck's hooks and public helpers.

- a loader for gzip-compressed text reports (`*.txt.gz`), found in folders too;
- a reporter for `--format csv`: one row per rule result;
- an option, `--csv-delimiter`, that `gkcheck.toml` may set as `csv-delimiter = ";"`.
"""

import csv
import gzip
import io

from gkcheck import hookimpl
from gkcheck.loaders.txt import decode, read_text


@hookimpl
def gkcheck_addoption(parser):
    parser.add_argument("--csv-delimiter", metavar="CHAR", help="field separator of the CSV output")
    parser.add_setting("csv-delimiter", default=",", help="field separator of the CSV output")


@hookimpl
def gkcheck_collect_file(file_path, config):
    return True if file_path.name.endswith(".txt.gz") else None


@hookimpl
def gkcheck_load_document(path, head, config):
    if not head.startswith(b"\x1f\x8b"):
        return None
    with open(path, "rb") as handle:
        text, encoding = decode(gzip.decompress(handle.read()))
    return read_text(path, text, encoding)


@hookimpl
def gkcheck_report_formats():
    return ["csv"]


@hookimpl
def gkcheck_render(format, session):
    if format != "csv":
        return None
    out = io.StringIO()
    writer = csv.writer(out, delimiter=session.config.get("csv_delimiter"), lineterminator="\n")
    writer.writerow(["file", "rule", "outcome", "findings"])
    for report in session.results:
        for result in report.results:
            writer.writerow([report.path, result.rule_id, result.outcome, len(result.findings)])
    return out.getvalue()
