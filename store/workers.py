"""Who is doing what to the store: this process's identity (host and pid), kept
with the runs it starts and the alerts it claims, and whether a holder on this
host is still alive. A holder on another host is judged by its lease instead."""

from __future__ import annotations

import itertools
import os
import socket
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Iterator


@dataclass(frozen=True)
class Worker:
    host: str
    pid: int
    token: str  # unique per process


@cache
def this_worker() -> Worker:
    return Worker(socket.gethostname()[:60], os.getpid(), uuid.uuid4().hex[:12])


_in_flight: set[str] = set()


@contextmanager
def new_claim() -> Iterator[str]:
    """A claim for one batch of work (host:pid:token:n), held while the block runs.
    Once the block is left — done, or broken off by an exception — anything still
    marked with the claim was abandoned mid-way."""
    worker = this_worker()
    claim = f"{worker.host}:{worker.pid}:{worker.token}:{next(_numbers)}"
    _in_flight.add(claim)
    try:
        yield claim
    finally:
        _in_flight.discard(claim)


_numbers = itertools.count(1)


def holder_is_dead(claim: str | None) -> bool:
    """True when `claim` was made on this host by a process that no longer runs,
    or by this process and then abandoned. Unknown (False): a claim of another
    host (judge it by its lease), or no claim at all."""
    if not claim:
        return False
    host, pid, *_ = claim.split(":") + ["", ""]
    if host != this_worker().host or not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return claim not in _in_flight
    return not pid_alive(int(pid))


def pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True
