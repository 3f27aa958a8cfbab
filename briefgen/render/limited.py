"""Run one piece of untrusted work in a forked child process under a time and memory limit.

Used for user-supplied templates: a template that loops for ever or builds a
huge value must not hang or exhaust the machine.  :func:`run_limited` forks
(POSIX only; see :func:`fork_available`), caps the child's address space with
``RLIMIT_AS`` (its current size plus ``memory_bytes``), arms a timer that
raises :class:`TimeLimit` inside the work after ``seconds``, and kills the
child outright shortly after that if it is stuck in C code.  The work's result
comes back as JSON through a pipe (never pickle: nothing the child sends can
run code in the parent).
"""
from __future__ import annotations

import importlib.util
import json
import os
import select
import signal
import sys
import time
import warnings
from typing import Any, Callable

GRACE_SECONDS = 2.0  # after the in-child timer, how long before the child is killed from outside
MAX_REPLY_BYTES = 256 * 1024 * 1024


class TimeLimit(BaseException):
    """Raised inside the child's work when its time is up (a BaseException so no ``except Exception`` eats it)."""


class LimitExceeded(Exception):
    """The child did not answer: ``kind`` is ``"time"`` (killed at the deadline) or ``"crash"``."""

    def __init__(self, kind: str, detail: str = ""):
        self.kind = kind
        self.detail = detail
        super().__init__(f"{kind}: {detail}" if detail else kind)


def fork_available() -> bool:
    """True where :func:`run_limited` can isolate work in a child (POSIX with ``fork``)."""
    if not hasattr(os, "fork") or sys.platform in ("win32", "emscripten", "wasi"):
        return False
    return importlib.util.find_spec("resource") is not None  # every POSIX CPython has it


def run_limited(work: Callable[[], Any], seconds: float, memory_bytes: int) -> Any:
    """Call ``work()`` in a forked child and return its (JSON-serialisable) result.

    Inside the child, ``work`` sees :class:`TimeLimit` raised after ``seconds``
    and ``MemoryError`` once it allocates more than ``memory_bytes`` beyond what
    the process already used; it should turn both into its own result.  Raises
    :class:`LimitExceeded` if the child had to be killed or died without
    answering.  Call only where :func:`fork_available` is true.
    """
    read_fd, write_fd = os.pipe()
    with warnings.catch_warnings():
        # Python 3.12+ warns that forking a multi-threaded process may deadlock the child.  The
        # child only renders and writes to a pipe, and the parent kills it at the deadline anyway.
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child (coverage does not follow forks)
        _child(read_fd, write_fd, work, seconds, memory_bytes)
    os.close(write_fd)
    try:
        data = _read_reply(read_fd, time.monotonic() + seconds + GRACE_SECONDS)
    except BaseException:
        _kill(pid)
        raise
    finally:
        os.close(read_fd)
    if data is None:
        _kill(pid)
        raise LimitExceeded("time")
    status = _reap(pid)
    if not data:
        raise LimitExceeded("crash", _describe_status(status))
    try:
        return json.loads(data.decode("utf-8"))["result"]
    except (ValueError, KeyError) as exc:
        raise LimitExceeded("crash", f"unreadable answer ({exc})") from None


def _child(read_fd: int, write_fd: int, work: Callable[[], Any], seconds: float,
           memory_bytes: int) -> None:  # pragma: no cover - runs in the child
    code = 0
    try:
        os.close(read_fd)
        _limit_memory(memory_bytes)
        try:
            signal.signal(signal.SIGALRM, _time_up)
            signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001))
        except (ValueError, OSError):  # no timer here: the parent still kills the child at the deadline
            pass
        try:
            result = work()
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        data = json.dumps({"result": result}, ensure_ascii=False).encode("utf-8")
        view = memoryview(data)
        while view:
            view = view[os.write(write_fd, view):]
    except BaseException:
        code = 70
    finally:
        os._exit(code)  # never return into the parent's code (test runners, atexit handlers)


def _time_up(signum: int, frame: Any) -> None:  # pragma: no cover - runs in the child
    raise TimeLimit()


def _limit_memory(extra: int) -> None:  # pragma: no cover - runs in the child
    import resource

    size = _address_space()
    if size is None:
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = size + extra
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft == resource.RLIM_INFINITY or limit < soft:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _address_space() -> int | None:
    """The process's current virtual size in bytes (Linux), or None where it cannot be read."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            pages = int(fh.read().split()[0])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _read_reply(fd: int, deadline: float) -> bytes | None:
    """Everything the child writes until it closes the pipe; None if the deadline passes first."""
    chunks: list[bytes] = []
    total = 0
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            continue
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > MAX_REPLY_BYTES:
            return b""


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    _reap(pid)


def _reap(pid: int) -> int:
    try:
        return os.waitpid(pid, 0)[1]
    except ChildProcessError:
        return 0


def _describe_status(status: int) -> str:
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = str(sig)
        return f"killed by signal {name}"
    if os.WIFEXITED(status):
        return f"exit status {os.WEXITSTATUS(status)}"
    return "ended unexpectedly"
