"""A plugin whose loader kills the process checking any file named *poison*: a worker dying
the way an out-of-memory kill would end it. Only ever used with --jobs > 1."""

import os

from gkcheck import hookimpl


@hookimpl(tryfirst=True)
def gkcheck_load_document(path, head, config):
    if "poison" in os.path.basename(path):
        os._exit(9)
    return None
