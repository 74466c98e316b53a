"""The command line's parser: no abbreviations."""

from __future__ import annotations


def test_options_are_not_abbreviated(gkcheck, tmp_path):
    # pytest's --co must not be read as --config, nor --sel as --select.
    for option in ("--co", "--sel"):
        run = gkcheck(option, "GK1", tmp_path)
        assert run.exit_code == 4
        assert f"无法识别的参数：{option}" in run.stderr
