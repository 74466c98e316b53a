"""`python -m gkcheck` runs the command line."""

import sys

from gkcheck.cli import main

sys.exit(main())
