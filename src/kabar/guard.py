"""Guards of the per-document function: what an unexpected exception becomes, and how long one document
may take.

In a batch (an ingest) a bug met by one document must not stop the others: the exception becomes a recorded
reject, `internal-error`, that names the exception and where in kabar it arose. Tests and debugging want
the opposite, the exception itself: `set_error_policy("raise")` (as spaCy's `set_error_handler`), or the
environment variable `KABAR_ON_ERROR=raise`. Worker processes get the policy with their work, not from
this module's state.

`time_limit` stops a document that runs too long (a pathological input: a scan that grows faster than
the text) with `DocumentTimeout`, a `BaseException` so that no `except Exception` in a stage swallows it.
It uses the process's interval timer, so it applies in the main thread of a process (the CLI, the
workers of the process pool); elsewhere (threads, Dask's worker threads) documents run unbounded.
"""

from __future__ import annotations

import os
import signal
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import PurePath
from typing import Literal

ErrorPolicy = Literal["record", "raise"]
POLICIES: tuple[ErrorPolicy, ...] = ("record", "raise")
# Characters of an exception's message kept in a reject's detail.
MAX_MESSAGE = 200

_policy: ErrorPolicy = "raise" if os.environ.get("KABAR_ON_ERROR") == "raise" else "record"


def error_policy() -> ErrorPolicy:
    """What an unexpected exception in the per-document function becomes: a reject, or raised."""
    return _policy


def set_error_policy(policy: ErrorPolicy) -> ErrorPolicy:
    """Set the policy of this process; returns the previous one."""
    global _policy
    if policy not in POLICIES:
        raise ValueError(f"error policy {policy!r}: choose one of {', '.join(POLICIES)}")
    previous, _policy = _policy, policy
    return previous


class DocumentTimeout(BaseException):  # a signal, as KeyboardInterrupt, not an error: no `except Exception` stops it
    """One document took longer than its time limit."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"over the time limit of {seconds:g} s")


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise `DocumentTimeout` in the block after `seconds` (None or 0: no limit; no limit off the main
    thread, where signals cannot be delivered)."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise DocumentTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def describe(exc: BaseException) -> str:
    """`KeyError: '’' (stage quotes@1) at kabar/extract/quotes.py:162 in _pair_in_paragraph`: the exception,
    its message, the stage it arose in and the deepest frame of kabar's own code it passed through (else
    the deepest frame)."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "kabar" in PurePath(f.filename).parts]
    message = str(exc)
    message = message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 1] + "…"
    text = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    stages = [note for note in getattr(exc, "__notes__", ()) if note.startswith("stage ")]
    text += f" ({stages[0]})" if stages else ""
    if not frames:
        return text
    frame = (ours or frames)[-1]
    parts = PurePath(frame.filename).parts
    where = "/".join(parts[parts.index("kabar"):]) if "kabar" in parts else PurePath(frame.filename).name
    return f"{text} at {where}:{frame.lineno} in {frame.name}"
