"""The public API: every exported name is the object rule and plugin authors expect."""

from __future__ import annotations

import subprocess
import sys
import types

import gkcheck
from tests.support.paths import SAMPLE_REPORTS


def test_every_exported_name_resolves_to_an_object_not_a_module():
    import gkcheck.rule  # noqa: F401  (binds the submodule on the package, as any import of it does)

    for name in gkcheck.__all__:
        value = getattr(gkcheck, name)
        assert not isinstance(value, types.ModuleType), name
    assert callable(gkcheck.rule) and gkcheck.rule.__module__ == "gkcheck.rule"


def test_version_starts_without_loading_the_engine():
    code = "import sys, gkcheck.cli; gkcheck.cli.main(['--version']); print(sorted(sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    version, modules = done.stdout.splitlines()
    assert version == f"gkcheck {gkcheck.__version__}"
    loaded = eval(modules)
    assert not [
        name for name in loaded if name.split(".")[0] in ("pdfplumber", "pdfminer", "pypdfium2", "docx")
    ]
    assert "gkcheck.manager" not in loaded and "pluggy" not in loaded


def test_a_pdf_run_does_not_import_the_word_library():
    sample = sorted(SAMPLE_REPORTS.glob("*.pdf"))[0]
    code = (
        "import sys, contextlib, io, gkcheck.cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    gkcheck.cli.main(['-q', '--no-cache', {str(sample)!r}])\n"
        "print('docx' in sys.modules, 'pypdfium2' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]
