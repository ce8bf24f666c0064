"""Worker processes that die with their parent, even when the parent is killed with SIGKILL.

A killed ``dateline run`` cannot shut its pool down, and a worker busy loading models or processing a
batch never reads the closed task pipe, so it would live on (reparented to init) holding its memory.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
ORPHAN_EXIT = 70  # the exit status of a worker that outlived its parent
WATCH_INTERVAL = 0.5  # seconds between two checks of the parent


def die_with_parent(parent: int, *, interval: float = WATCH_INTERVAL) -> None:
    """End this process as soon as ``parent`` (the pid that started it) is gone.

    Linux: the kernel sends SIGKILL when the parent exits (``PR_SET_PDEATHSIG``). Everywhere: a daemon
    thread waits on multiprocessing's parent sentinel (a pipe that closes when the parent dies) and checks
    the parent pid, then exits.
    """
    set_parent_death_signal()
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(ORPHAN_EXIT)
    threading.Thread(target=_watch, args=(parent, interval), name="dateline-parent-watch", daemon=True).start()


def set_parent_death_signal(sig: int = signal.SIGKILL) -> bool:
    """Ask Linux to send ``sig`` to this process when its parent exits; False where that is not available.

    The signal follows the parent *thread*: start workers from a thread that lives as long as the pool.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return int(libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int, interval: float) -> None:
    process = multiprocessing.parent_process()
    sentinel = getattr(process, "sentinel", None)
    while True:
        if sentinel is not None:
            try:
                if multiprocessing.connection.wait([sentinel], timeout=interval):
                    os._exit(ORPHAN_EXIT)
            except OSError:  # a sentinel that cannot be waited on: fall back to polling the pid
                sentinel = None
        else:
            time.sleep(interval)
        if os.getppid() != parent:
            os._exit(ORPHAN_EXIT)
