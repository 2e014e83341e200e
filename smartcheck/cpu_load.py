"""Whether the machine has a core to spare for a batch worker, not counting our own work.

The 1-minute load average counts this process and its workers too: right after one large
batch it still shows that batch's work, so a second batch would see a busy machine and give up
its worker. `OwnLoad` keeps this process's part of the load average (its and its workers' CPU
use, averaged the way the kernel averages the run queue) so that only other jobs' load decides.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Iterable

LOAD_MINUTE_S = 60.0  # the time constant of the kernel's 1-minute load average


def cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) of another process so far; 0 when it cannot be read."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


class OwnLoad:
    """This process's and its workers' share of the 1-minute load average, estimated."""

    def __init__(self) -> None:
        """Start with no share; the first reading covers the time since this was made."""
        self.at = time.monotonic()
        self.cpu = time.process_time()
        self.share = 0.0

    def update(self, worker_pids: Iterable[int] = ()) -> float:
        """Read the CPU used since the last reading and fold its rate into the average."""
        now = time.monotonic()
        cpu = time.process_time() + sum(cpu_seconds(pid) for pid in worker_pids)
        elapsed = max(now - self.at, 1e-6)
        rate = max(0.0, cpu - self.cpu) / elapsed
        decay = math.exp(-elapsed / LOAD_MINUTE_S)
        self.share = self.share * decay + rate * (1 - decay)
        self.at, self.cpu = now, cpu
        return self.share


def _children() -> list[int]:
    """Process ids of this process's live multiprocessing children (every engine's workers)."""
    import multiprocessing

    return [child.pid for child in multiprocessing.active_children() if child.pid]


OWN_LOAD = OwnLoad()  # one per process: every engine in it, and all their workers


def idle_core() -> bool:
    """Whether about a core is free: the 1-minute load average less this process's and its
    workers' share is below the cores less half a core (true where there is no load average)."""
    try:
        load = os.getloadavg()[0]
    except OSError:
        return True
    return load - OWN_LOAD.update(_children()) < (os.cpu_count() or 1) - 0.5
