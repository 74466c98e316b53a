"""Rule packs: TOML files that configure the rules and declare checks without code.

- `profile`: reading and validating pack files, and merging them along `extends` into a `Profile`;
- `schema`: the pack format, which `profile` checks each file against, and `[rules.ID]` parameters;
- `condition`: the safe `when =` expression language of declared checks;
- `declared`: the built-in plugin that turns `[checks.ID]` tables into rules;
- `packs_folder()`: where the built-in packs (`rules/` in the source tree) are.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:  # pragma: no cover - Python 3.10
        from importlib.abc import Traversable

# The built-in packs live in the top-level `rules/` folder of the source tree; setuptools ships it
# as the package `gkcheck.rulepacks` (see [tool.setuptools.package-dir] in pyproject.toml).
PACKS_PACKAGE = "gkcheck.rulepacks"


def packs_folder() -> Traversable:
    """The folder of the built-in packs and table templates.

    In a source tree (a checkout, an editable install, `python -m gkcheck` from the tree) it is
    the tree's own `rules/`; in an installed package, the package data.
    """
    source_tree = Path(__file__).resolve().parents[2]
    if (source_tree / "pyproject.toml").is_file() and (source_tree / "rules" / "national.toml").is_file():
        return source_tree / "rules"
    from importlib import resources  # only an installed package needs it

    return resources.files(PACKS_PACKAGE)
