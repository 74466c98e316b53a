"""A plugin whose loader fails in a chosen way on files whose name says so: `raise-usage-*`,
`raise-recursion-*`, `raise-oserror-*`, `raise-keyerror-*`, and `stuck-*` (blocks SIGALRM and
sleeps, so only the main process's clock can end it). Every other file goes to the real loaders."""

import os
import signal
import time

from gkcheck import UsageError, hookimpl


@hookimpl(tryfirst=True)
def gkcheck_load_document(path, head, config):
    name = os.path.basename(path)
    if name.startswith("raise-usage"):
        raise UsageError(zh="插件认为该文件的设置有误", en="the plugin finds this file's settings wrong")
    if name.startswith("raise-recursion"):
        raise RecursionError("maximum recursion depth exceeded")
    if name.startswith("raise-oserror"):
        raise OSError(22, "Invalid argument")
    if name.startswith("raise-keyerror"):
        raise KeyError("word/styles.xml")
    if name.startswith("stuck"):
        if hasattr(signal, "pthread_sigmask"):
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    return None
