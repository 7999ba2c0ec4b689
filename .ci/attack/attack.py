#!/usr/bin/env python3
"""The attack suite: every server of the course, abused on 127.0.0.1, with figures.

Each server is started on its own, the way a learner starts it
(`<chapter binary> serve <server> --addr 127.0.0.1:0`), and its first stdout line,
`listening on ADDR`, says where. Its stdout and stderr are then never read: a
server must not block on its own log. Then, against one process per server:

  clients    1,000 clients connected at once, each one request, every reply right
  long line  100 MB without a newline; resident memory must stay bounded
  garbage    1 MB of random bytes, then a normal request must still work
  cycles     20,000 connect/close (half closed politely, half reset) after 5,000
             to warm up, a round trip every 200; resident memory and open
             descriptors flat
  emfile     the server's open-file limit lowered under 50 clients: accept fails
             (EMFILE); once they leave and the limit is back, it serves again
  no reader  a client that sends and never reads; others are still served,
             memory bounded
  pipelined  1,000 requests in one write, then half-close: every reply arrives,
             then a clean end (no reset)
  sigterm    SIGTERM while 50 clients talk: every reply written arrives, no reset,
             the server exits 0 within its grace period
  sighup     the same with SIGHUP (a closed terminal), on a fresh process: a
             graceful stop too, never the default death

Cases of one server (rules of its protocol, its own limits):

  http       smuggling (two different Content-Length headers: 400, then closed,
             never a second request), plus length (`Content-Length: +3`: 400),
             no host (HTTP/1.1 without Host: 400), head (HEAD answered without a
             body), absolute (`GET http://host/site/1`: served), headers (more
             header lines than the limit: 431), conn cap (1,100 idle
             connections: past the cap of 1,024 each gets 503 and is closed)
  kv         memory (200 SETs of 1 MB: refused with ERR once the store is full,
             resident memory bounded, room again after DEL)

Slow cases wait out a server's timer, so each runs on a process of its own, on a
thread beside the others:

  http       slow head (a request head sent a byte a second: cut off with 408 at
             the request deadline, however often a byte comes)
  kv         lock-out (the client cap filled by connections that then go quiet
             and never hang up, at the default limits: a newcomer is served
             within the idle limit and the grace period, 35 s)

Python 3.11 standard library only; 127.0.0.1 only; every wait has a deadline and
the whole run an alarm, so it stops by itself. Prints a table of figures and exits
1 if any case failed.

    python3 .ci/attack/attack.py --bin-dir target/debug [--only kv,http]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field, replace

MB = 1024 * 1024
LONG_LINE = 100 * MB
CYCLES = 20_000
CLIENTS = 1_000
PIPELINED = 1_000
LOAD_CLIENTS = 50
HTTP_CONNECTION_CAP = 1_024  # `serve http`'s default --max-connections
HTTP_REQUEST_DEADLINE_S = 10  # the whole request head must arrive within this
KV_IDLE_S = 30  # `serve kv`'s default --idle-secs
KV_GRACE_S = 5  # `serve kv`'s default --grace-secs: how long a closing connection drains
KV_MEMORY_MB = 32  # `serve kv`'s default --max-memory-mb
TOTAL_LIMIT_S = 240  # the alarm: the suite never outlives this


# ---------------------------------------------------------------- the servers


@dataclass
class Kind:
    """How to talk to one kind of server: one request, and its reply."""

    name: str
    # Requests one connection may make (the line echo answers one, then closes).
    per_connection: int

    def request(self, i: int) -> bytes:
        raise NotImplementedError

    def read_reply(self, reader, i: int) -> None:
        """Read reply `i` from a binary file object; raise if it is wrong."""
        raise NotImplementedError

    def pipelined_replies(self, n: int) -> int:
        return min(n, self.per_connection)


class StreamEcho(Kind):
    def __init__(self):
        super().__init__("stream echo", per_connection=10**9)

    def request(self, i):
        return b"hello %d\n" % i

    def read_reply(self, reader, i):
        line = reader.readline()
        if line != b"hello %d\n" % i:
            raise AssertionError(f"echo {i}: got {line[:60]!r}")


class LineEcho(StreamEcho):
    def __init__(self):
        Kind.__init__(self, "line echo", per_connection=1)


class KeyValue(Kind):
    def __init__(self):
        super().__init__("key-value", per_connection=10**9)

    def request(self, i):
        return b"SET k%d v%d\n" % (i, i)

    def read_reply(self, reader, i):
        line = reader.readline()
        if line != b"OK\n":
            raise AssertionError(f"SET {i}: got {line[:60]!r}")


class Http(Kind):
    def __init__(self):
        super().__init__("http", per_connection=10**9)

    def request(self, i):
        return b"GET /site/%d HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n" % i

    def read_reply(self, reader, i):
        status = reader.readline()
        if not status.startswith(b"HTTP/1.1 200 "):
            raise AssertionError(f"GET {i}: got {status[:60]!r}")
        length = None
        while True:
            header = reader.readline()
            if header in (b"\r\n", b"\n", b""):
                break
            name, _, value = header.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        if length is None:
            raise AssertionError(f"GET {i}: no content-length")
        body = reader.read(length)
        if len(body) != length:
            raise AssertionError(f"GET {i}: {len(body)} of {length} body bytes")


class Jobs(Kind):
    """Chapter 9's service: `ping` answers `pong`."""

    def __init__(self):
        super().__init__("jobs", per_connection=10**9)

    def request(self, i):
        return b"ping\n"

    def read_reply(self, reader, i):
        line = reader.readline()
        if line != b"pong\n":
            raise AssertionError(f"ping {i}: got {line[:60]!r}")


@dataclass
class Server:
    name: str  # as in the table
    package: str  # the chapter binary
    args: list[str]  # after `serve`
    kind: Kind
    unix: bool = False
    # Cases of this server only (names in OWN_CASES), run after the common ones.
    own: tuple[str, ...] = ()


SERVERS = [
    Server("ch05 echo", "ch05-event-loop", ["echo"], StreamEcho()),
    Server("ch05 tokio_echo", "ch05-event-loop", ["tokio_echo"], StreamEcho()),
    Server("ch06 tcp_echo", "ch06-streams-and-channels", ["tcp_echo"], LineEcho()),
    Server("ch06 unix_echo", "ch06-streams-and-channels", ["unix_echo"], LineEcho(), unix=True),
    Server(
        "ch06 kv",
        "ch06-streams-and-channels",
        # Lines of 1 MiB, so that the memory case can send values of 1 MB.
        ["kv", "--max-clients", "5000", "--idle-secs", "3", "--grace-secs", "5",
         "--max-line", "1048576"],
        KeyValue(),
        own=("memory",),
    ),
    Server(
        "ch07 http",
        "ch07-threads-processes-async",
        ["http", "--latency-ms", "0", "--body-size", "1024"],
        Http(),
        own=("smuggling", "plus length", "no host", "head", "absolute", "headers", "conn cap"),
    ),
    Server("ch09 jobs", "ch09-async-in-production", ["jobs"], Jobs()),
]


# ---------------------------------------------------------------- measuring


def rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def open_fds(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


class Peak:
    """The highest resident memory of `pid` while the `with` block runs."""

    def __init__(self, pid: int):
        self.pid, self.peak, self.stop = pid, 0, threading.Event()

    def __enter__(self):
        self.peak = rss_kb(self.pid)
        self.thread = threading.Thread(target=self.watch, daemon=True)
        self.thread.start()
        return self

    def watch(self):
        while not self.stop.is_set():
            try:
                self.peak = max(self.peak, rss_kb(self.pid))
            except OSError:
                return
            time.sleep(0.005)

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


def settle(pid: int, fds_at_most: int, limit_s: float = 3.0) -> int:
    """Wait (bounded) for the server to close what it should; the fds then."""
    deadline = time.monotonic() + limit_s
    fds = open_fds(pid)
    while fds > fds_at_most and time.monotonic() < deadline:
        time.sleep(0.02)
        fds = open_fds(pid)
    return fds


# ---------------------------------------------------------------- a running server


def _prctl():
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None  # not Linux: the `finally` that kills each server still applies


# Looked up once, here: the function below runs in the child between fork and exec,
# where other threads of the suite (the slow cases) may hold locks an import takes.
PRCTL = _prctl()


def die_with_parent() -> None:
    """In the child, before exec: SIGKILL when the suite dies, however it dies."""
    if PRCTL is not None:
        pr_set_pdeathsig = 1
        PRCTL(pr_set_pdeathsig, signal.SIGKILL)


class Running:
    def __init__(self, server: Server, bin_dir: str, tmp: str):
        self.server = server
        binary = os.path.join(bin_dir, server.package)
        args = [binary, "serve", *server.args]
        if server.unix:
            self.path = os.path.join(tmp, server.args[0] + ".sock")
            args += ["--path", self.path]
        else:
            args += ["--addr", "127.0.0.1:0"]
        # stdout and stderr are pipes nobody reads after the first line: a server
        # that blocks on its log freezes here, one that panics on it dies.
        self.proc = subprocess.Popen(
            args,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            preexec_fn=die_with_parent,
        )
        first = self.first_line()
        if not first.startswith("listening on "):
            raise AssertionError(f"first line {first!r}, not `listening on ...`")
        where = first.removeprefix("listening on ")
        if not server.unix:
            host, port = where.rsplit(":", 1)
            self.addr = (host, int(port))
        self.pid = self.proc.pid

    def first_line(self) -> str:
        result = []
        reader = threading.Thread(
            target=lambda: result.append(self.proc.stdout.readline()), daemon=True
        )
        reader.start()
        reader.join(10)
        if not result:
            raise AssertionError("no first line within 10s")
        return result[0].decode(errors="replace").strip()

    def connect(self, timeout: float = 10.0) -> socket.socket:
        if self.server.unix:
            # A full unix backlog answers EAGAIN at once, where TCP would wait:
            # try again for a while, as a TCP connect would.
            deadline = time.monotonic() + timeout
            while True:
                sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                sock.settimeout(timeout)
                try:
                    sock.connect(self.path)
                    break
                except BlockingIOError:
                    sock.close()
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.001)
        else:
            sock = socket.create_connection(self.addr, timeout=timeout)
        return sock

    async def open(self):
        if self.server.unix:
            return await asyncio.open_unix_connection(self.path, limit=4 * MB)
        return await asyncio.open_connection(*self.addr, limit=4 * MB)

    def alive(self) -> bool:
        return self.proc.poll() is None

    def one_request(self, i: int = 7) -> None:
        """A normal client still gets a right answer."""
        with self.connect() as sock, sock.makefile("rb") as reader:
            sock.sendall(self.server.kind.request(i))
            self.server.kind.read_reply(reader, i)

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


# ---------------------------------------------------------------- the cases


@dataclass
class Result:
    server: str
    case: str
    ok: bool
    took: float
    figures: str
    problem: str = ""


@dataclass
class Suite:
    results: list[Result] = field(default_factory=list)

    def case(self, running: Running, name: str, body, beside: bool = False) -> None:
        """Run one case; `beside` when it runs on a thread beside the others (its
        line then names its server)."""
        started = time.monotonic()
        try:
            figures = body(running) or ""
            ok, problem = True, ""
            ending = name in (ending for ending, _ in ENDING_CASES)
            if not ending and not running.alive():
                ok, problem = False, f"the server died (exit {running.proc.returncode})"
        except Exception as error:  # noqa: BLE001: every failure is a row of the table
            ok, figures, problem = False, "", f"{type(error).__name__}: {error}"
        took = time.monotonic() - started
        self.results.append(Result(running.server.name, name, ok, took, figures, problem))
        mark = "ok  " if ok else "FAIL"
        where = f"({running.server.name}, beside) " if beside else ""
        print(f"  {mark} {where}{name:<11} {took:6.2f}s  {figures}  {problem}", flush=True)


def case_clients(running: Running) -> str:
    kind = running.server.kind

    async def one(i: int, connected: asyncio.Event, all_in: asyncio.Event, count):
        reader, writer = await running.open()
        count[0] += 1
        if count[0] == CLIENTS:
            all_in.set()
        await asyncio.wait_for(all_in.wait(), 20)  # all 1,000 are connected at once
        writer.write(kind.request(i))
        await writer.drain()
        data = await asyncio.wait_for(read_one(reader, kind, i), 20)
        writer.close()
        return data

    async def main():
        all_in, count = asyncio.Event(), [0]
        results = await asyncio.wait_for(
            asyncio.gather(
                *(one(i, None, all_in, count) for i in range(CLIENTS)), return_exceptions=True
            ),
            40,
        )
        failures = [r for r in results if isinstance(r, BaseException)]
        if failures:
            raise AssertionError(f"{len(failures)} of {CLIENTS} failed, first: {failures[0]!r}")

    with Peak(running.pid) as peak:
        asyncio.run(main())
    return f"{CLIENTS} replies right, peak {peak.peak // 1024} MB"


async def read_one(reader: asyncio.StreamReader, kind: Kind, i: int) -> None:
    """The async twin of Kind.read_reply, through a small in-memory file."""
    import io

    if isinstance(kind, Http):
        head = await reader.readuntil(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n"):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        body = await reader.readexactly(length)
        kind.read_reply(io.BytesIO(head + body), i)
    else:
        kind.read_reply(io.BytesIO(await reader.readline()), i)


def case_long_line(running: Running) -> str:
    before = rss_kb(running.pid)
    sent = 0
    chunk = b"x" * MB
    with Peak(running.pid) as peak, running.connect(timeout=5) as sock:
        # A stream echo sends it all back: read it on the side, or it blocks.
        drained = threading.Thread(target=drain, args=(sock, 30), daemon=True)
        drained.start()
        deadline = time.monotonic() + 30
        try:
            while sent < LONG_LINE and time.monotonic() < deadline:
                sock.sendall(chunk)
                sent += len(chunk)
        except OSError:
            pass  # the server hung up on the line: allowed, it is too long
        try:
            sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        drained.join(30)
    grew = (peak.peak - before) // 1024
    if grew > 64:
        raise AssertionError(f"resident memory grew {grew} MB for one long line")
    running.one_request()
    return f"{sent // MB} MB sent, RSS {before // 1024} -> peak {peak.peak // 1024} MB"


def drain(sock: socket.socket, limit_s: float) -> None:
    deadline = time.monotonic() + limit_s
    try:
        while time.monotonic() < deadline:
            if not sock.recv(1 << 16):
                return
    except OSError:
        return


def case_garbage(running: Running) -> str:
    rng = random.Random(6)
    garbage = rng.randbytes(MB)
    with running.connect(timeout=5) as sock:
        drained = threading.Thread(target=drain, args=(sock, 10), daemon=True)
        drained.start()
        try:
            sock.sendall(garbage)
            sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        drained.join(10)
    running.one_request()
    return "1 MB of random bytes; a normal request still answered"


def case_cycles(running: Running) -> str:
    def cycle(n: int) -> None:
        deadline = time.monotonic() + 30
        for i in range(n):
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"only {i} of {n} connect/close cycles in 30s: connects wait for "
                    "SYN retries, the server accepts too slowly for its listen backlog"
                )
            if i % 200 == 199:
                # A round trip now and then: once it is answered, the server has
                # accepted every connection before it. Without it a busy machine
                # lets thousands queue up, and memory measures the size of that
                # burst (the `clients` case's business), not what 20,000 leave.
                running.one_request(i)
            sock = running.connect(timeout=5)
            if i % 2:
                # A reset instead of a goodbye, and no TIME_WAIT left behind.
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\0\0\0\0\0\0\0")
            sock.close()

    # Warm up: memory reaches its high-water mark for a burst of connections (the
    # allocator keeps what it got); from there, 20,000 more must not add to it.
    cycle(5_000)
    running.one_request()
    fds_before = settle(running.pid, 0, 0.5)
    rss_before = rss_kb(running.pid)
    cycle(CYCLES)
    running.one_request()
    fds_after = settle(running.pid, fds_before + 2)
    rss_after = rss_kb(running.pid)
    grew = (rss_after - rss_before) / 1024
    if grew > 8:
        raise AssertionError(f"RSS grew {grew:.1f} MB over {CYCLES} connections")
    if fds_after > fds_before + 2:
        raise AssertionError(f"open fds {fds_before} -> {fds_after}: connections leak")
    return (
        f"RSS {rss_before / 1024:.1f} -> {rss_after / 1024:.1f} MB, "
        f"fds {fds_before} -> {fds_after}"
    )


def case_emfile(running: Running) -> str:
    soft, hard = resource.prlimit(running.pid, resource.RLIMIT_NOFILE)
    fds = open_fds(running.pid)
    resource.prlimit(running.pid, resource.RLIMIT_NOFILE, (fds + 10, hard))
    clients = []
    try:
        for _ in range(50):
            try:
                clients.append(running.connect(timeout=2))
            except OSError:
                break
        time.sleep(0.3)  # the server meets EMFILE, backs off, tries again
        for sock in clients:
            sock.close()
    finally:
        resource.prlimit(running.pid, resource.RLIMIT_NOFILE, (soft, hard))
    settle(running.pid, fds + 2)
    running.one_request()
    return f"limit {fds + 10} fds under {len(clients)} clients; serving again after"


def case_no_reader(running: Running) -> str:
    kind = running.server.kind
    before = rss_kb(running.pid)
    sock = running.connect(timeout=5)
    sock.setblocking(False)
    sent, stuck_at = 0, None
    requests = b"".join(kind.request(i) for i in range(1000))
    deadline = time.monotonic() + 2
    with Peak(running.pid) as peak:
        while time.monotonic() < deadline:
            try:
                sent += sock.send(requests)
            except BlockingIOError:
                stuck_at = stuck_at or time.monotonic()
                time.sleep(0.01)
            except OSError:
                break  # the server closed on us: allowed
            if kind.per_connection == 1 and sent:
                break
        # Meanwhile, another client is served as usual.
        running.one_request()
    sock.close()
    grew = (peak.peak - before) // 1024
    if grew > 64:
        raise AssertionError(f"resident memory grew {grew} MB for a client that never reads")
    return f"{sent // 1024} KB sent unread, others served, peak +{grew} MB"


def case_pipelined(running: Running) -> str:
    kind = running.server.kind
    burst = b"".join(kind.request(i) for i in range(PIPELINED))
    expect = kind.pipelined_replies(PIPELINED)
    with running.connect(timeout=10) as sock, sock.makefile("rb") as reader:
        sender = threading.Thread(target=send_then_half_close, args=(sock, burst), daemon=True)
        sender.start()
        for i in range(expect):
            kind.read_reply(reader, i)
        rest = reader.read()  # must end cleanly: a reset raises here
        sender.join(10)
    if rest:
        raise AssertionError(f"{len(rest)} unexpected bytes after the replies: {rest[:60]!r}")
    return f"{expect} of {expect} replies, then a clean end"


def send_then_half_close(sock: socket.socket, data: bytes) -> None:
    try:
        sock.sendall(data)
        sock.shutdown(socket.SHUT_WR)
    except OSError:
        pass  # a line echo answers the first line and may close before the rest


def case_sigterm(running: Running) -> str:
    return stop_under_load(running, signal.SIGTERM)


def case_sighup(running: Running) -> str:
    # A closed terminal, or `kill -HUP`: by default it kills the process on the spot,
    # mid-reply. The course's servers treat it as SIGTERM.
    return stop_under_load(running, signal.SIGHUP)


def stop_under_load(running: Running, sig: signal.Signals) -> str:
    """`sig` while 50 clients talk: no reply lost, no reset, exit 0."""
    kind = running.server.kind
    answered, ended, problems = [0], [0], []
    lock = threading.Lock()
    started = threading.Barrier(LOAD_CLIENTS + 1)

    def client(c: int) -> None:
        i = c * 1_000_000
        waited = False
        while True:
            try:
                sock = running.connect(timeout=10)
            except OSError:
                return  # the listener is closed: shutdown has begun
            here = 0  # replies on this connection
            with sock, sock.makefile("rb") as reader:
                while here < kind.per_connection:
                    if not waited:
                        waited = True
                        started.wait(10)
                    try:
                        sock.sendall(kind.request(i))
                        kind.read_reply(reader, i)
                    except AssertionError as error:
                        # Only a goodbye, or the clean end, may stand for a reply.
                        with lock:
                            ended[0] += 1
                            if not goodbye(str(error)):
                                problems.append(str(error))
                        return
                    except OSError as error:
                        # A connection still in the listener's backlog when the
                        # listener closes is reset by the kernel (a unix socket's
                        # peer sees a broken pipe instead): it was never accepted,
                        # so no reply was lost. A reset after replies is.
                        never_accepted = (ConnectionResetError, BrokenPipeError)
                        if here > 0 or not isinstance(error, never_accepted):
                            with lock:
                                problems.append(f"after {here} replies: {error!r}")
                        return
                    with lock:
                        answered[0] += 1
                    here += 1
                    i += 1

    threads = [threading.Thread(target=client, args=(c,), daemon=True) for c in range(LOAD_CLIENTS)]
    for thread in threads:
        thread.start()
    started.wait(10)
    time.sleep(0.3)
    sent_at = time.monotonic()
    running.proc.send_signal(sig)
    try:
        code = running.proc.wait(timeout=12)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"still running 12s after {sig.name}") from None
    exited = time.monotonic() - sent_at
    for thread in threads:
        thread.join(5)
    if code < 0:
        lost = f"; {len(problems)} clients lost replies" if problems else ""
        raise AssertionError(f"killed by {signal.Signals(-code).name}{lost}, not a graceful stop")
    if problems:
        raise AssertionError(f"{len(problems)} clients lost replies, first: {problems[0]}")
    if code != 0:
        raise AssertionError(f"exit code {code}, not 0")
    return f"{answered[0]} replies, {ended[0]} clean goodbyes, exit 0 after {exited:.2f}s"


def goodbye(error: str) -> bool:
    """A reply slot that holds the end of the stream, or a goodbye line (`BYE` from
    the key-value server, `bye: ...` from chapter 9's service)."""
    return any(f"got b'{said}" in error for said in ("'", "BYE", "bye:"))



# ---------------------------------------------------------------- cases of one server


@dataclass
class Answer:
    """One HTTP answer, as read off the wire."""

    status: int
    headers: dict[str, str]
    body: bytes

    def __str__(self) -> str:
        return str(self.status)


def http_exchange(running: Running, request: bytes, heads: int = 0) -> list[Answer]:
    """Send `request` (one or more requests), half-close, and read every answer
    until the server closes. The first `heads` answers are to HEAD requests, so
    they carry no body. Something that is not an answer ends the list."""
    answers: list[Answer] = []
    with running.connect(timeout=5) as sock, sock.makefile("rb") as reader:
        sock.sendall(request)
        sock.shutdown(socket.SHUT_WR)
        while True:
            status = reader.readline()
            if not status.startswith(b"HTTP/1.1 "):
                if status:
                    answers.append(Answer(0, {}, status))
                return answers
            headers = {}
            while (line := reader.readline()) not in (b"\r\n", b"\n", b""):
                name, _, value = line.partition(b":")
                headers[name.strip().lower().decode()] = value.strip().decode()
            length = int(headers.get("content-length", "0"))
            body = b"" if len(answers) < heads else reader.read(length)
            answers.append(Answer(int(status.split()[1]), headers, body))


def refused_then_closed(answers: list[Answer], status: int, what: str) -> str:
    """The one answer is `status` with `connection: close`, and nothing follows."""
    if [a.status for a in answers] != [status]:
        said = ", ".join(str(a) for a in answers) or "nothing"
        raise AssertionError(f"{what}: answered {said}, not one {status} then the end")
    if answers[0].headers.get("connection") != "close":
        raise AssertionError(f"{what}: the {status} does not say `connection: close`")
    return f"{what}: {status}, then closed"


def case_smuggling(running: Running) -> str:
    # Which length ends the first request? A proxy that takes the first (37) sees
    # one request; a server that takes the last (0) sees a second one hidden in the
    # body, `GET /smuggled`. RFC 9112 section 6.3: 400, and close.
    request = (
        b"GET /site/1 HTTP/1.1\r\nHost: x\r\nContent-Length: 37\r\nContent-Length: 0\r\n\r\n"
        b"GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n"
    )
    return refused_then_closed(
        http_exchange(running, request), 400, "two different Content-Length headers"
    )


def case_plus_length(running: Running) -> str:
    request = b"GET /site/1 HTTP/1.1\r\nHost: x\r\nContent-Length: +3\r\n\r\nabc"
    return refused_then_closed(http_exchange(running, request), 400, "Content-Length: +3")


def case_no_host(running: Running) -> str:
    answers = http_exchange(running, b"GET /site/1 HTTP/1.1\r\n\r\n")
    said = refused_then_closed(answers, 400, "HTTP/1.1 without Host")
    old = http_exchange(running, b"GET /site/1 HTTP/1.0\r\n\r\n")
    if [a.status for a in old] != [200]:
        raise AssertionError(f"HTTP/1.0 without Host (allowed): answered {old}")
    return f"{said}; HTTP/1.0 without it: 200"


def case_head(running: Running) -> str:
    # HEAD then GET on one connection: a HEAD answer with a body would be read as
    # the start of the next answer.
    request = (
        b"HEAD /site/1 HTTP/1.1\r\nHost: x\r\n\r\n"
        b"GET /site/2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    answers = http_exchange(running, request, heads=1)
    if [a.status for a in answers] != [200, 200]:
        raise AssertionError(f"HEAD then GET: answered {', '.join(map(str, answers))}")
    head, get = answers
    if head.headers.get("content-length") != "1024" or len(get.body) != 1024:
        raise AssertionError(
            f"HEAD says content-length {head.headers.get('content-length')}, "
            f"the GET after it got {len(get.body)} bytes"
        )
    return "HEAD: 200 with content-length 1024 and no body; the GET after it intact"


def case_absolute(running: Running) -> str:
    # The form a client sends to a proxy; a server must accept it (RFC 9112 3.2.2).
    host, port = running.addr
    request = f"GET http://{host}:{port}/site/1 HTTP/1.1\r\nHost: {host}:{port}\r\n"
    answers = http_exchange(running, request.encode() + b"Connection: close\r\n\r\n")
    if [a.status for a in answers] != [200] or len(answers[0].body) != 1024:
        said = ", ".join(f"{a.status} ({len(a.body)} bytes)" for a in answers) or "nothing"
        raise AssertionError(f"GET http://{host}:{port}/site/1: answered {said}")
    return "GET http://HOST:PORT/site/1: 200"


def case_headers(running: Running) -> str:
    filler = b"".join(b"X-Filler-%d: x\r\n" % i for i in range(100))
    request = b"GET /site/1 HTTP/1.1\r\nHost: x\r\n" + filler + b"\r\n"
    return refused_then_closed(http_exchange(running, request), 431, "100 header lines")


def case_conn_cap(running: Running) -> str:
    extra = 76
    socks: list[socket.socket] = []
    try:
        for _ in range(HTTP_CONNECTION_CAP + extra):
            socks.append(running.connect(timeout=5))
        # Those past the cap get a 503 and the end of the stream; the others wait.
        refused: set[int] = set()
        deadline = time.monotonic() + 3
        while len(refused) < extra and time.monotonic() < deadline:
            for n, sock in enumerate(socks):
                if n in refused:
                    continue
                sock.setblocking(False)
                try:
                    said = sock.recv(4096)
                except BlockingIOError:
                    continue
                except OSError as error:
                    raise AssertionError(f"connection {n}: {error!r}, not a 503") from None
                if not said.startswith(b"HTTP/1.1 503 "):
                    raise AssertionError(f"connection {n}: got {said[:60]!r}, not a 503")
                refused.add(n)
            time.sleep(0.05)
        fds = open_fds(running.pid)
        if not refused:
            raise AssertionError(
                f"all {len(socks)} idle connections accepted ({fds} open fds): no cap"
            )
        if not extra <= len(refused) <= extra + 10:
            raise AssertionError(f"{len(refused)} of {len(socks)} refused, not {extra}")
    finally:
        for sock in socks:
            sock.close()
    settle(running.pid, 20)
    running.one_request()
    return f"{len(socks)} idle connections: {len(refused)} got 503 (server fds then: {fds})"


def case_memory(running: Running) -> str:
    sets = 200
    value = b"v" * (MB - 64)  # "SET bigN <value>" stays under --max-line 1 MiB
    before = rss_kb(running.pid)
    with running.connect(timeout=30) as sock, sock.makefile("rb") as reader:

        def send_all(lines) -> None:
            try:
                for line in lines:
                    sock.sendall(line)
            except OSError:
                pass

        sets_sent = threading.Thread(
            target=send_all,
            args=((b"SET big%d " % i + value + b"\n" for i in range(sets)),),
            daemon=True,
        )
        with Peak(running.pid) as peak:
            sets_sent.start()
            replies = [reader.readline() for _ in range(sets)]
            sets_sent.join(30)
        after = rss_kb(running.pid)
        stored = [i for i, reply in enumerate(replies) if reply == b"OK\n"]
        refused = [reply for reply in replies if reply.startswith(b"ERR")]
        # Make room again for the cases after this one: DEL what was stored.
        send_all([b"DEL big%d\n" % i for i in stored])
        for _ in stored:
            reader.readline()
    if len(stored) + len(refused) != sets:
        odd = next(r for r in replies if r != b"OK\n" and not r.startswith(b"ERR"))
        raise AssertionError(f"a SET of 1 MB answered {odd[:60]!r}")
    grew = (peak.peak - before) // 1024
    if not refused:
        raise AssertionError(
            f"all {sets} SETs of 1 MB stored, RSS {before // 1024} -> {after // 1024} MB: "
            "no memory limit"
        )
    if grew > KV_MEMORY_MB + 48:
        raise AssertionError(f"RSS grew {grew} MB for a store limited to {KV_MEMORY_MB} MB")
    running.one_request()  # after the DELs, a SET is stored again
    why = refused[0].decode(errors="replace").strip()
    return (
        f"{len(stored)} of {sets} SETs of 1 MB stored, then {why[:40]!r}; "
        f"RSS {before // 1024} -> {after // 1024} MB (peak {peak.peak // 1024})"
    )


def case_slow_head(running: Running) -> str:
    # A request head that never finishes: one byte a second, so that a limit on each
    # read (60 s) never fires. The whole head has a deadline.
    head = b"GET /site/1 HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"z" * 100
    limit = HTTP_REQUEST_DEADLINE_S + 3
    with running.connect(timeout=limit) as sock:
        started = time.monotonic()
        for byte in head:
            if time.monotonic() - started > limit:
                raise AssertionError(f"still reading a trickled head after {limit}s")
            try:
                sock.sendall(bytes([byte]))
            except OSError:
                break  # the server closed on us
            ready, _, _ = select.select([sock], [], [], 1.0)
            if ready:
                break
        said = b""
        try:
            said = sock.recv(4096)
        except OSError:
            pass
        took = time.monotonic() - started
    if took > limit:
        raise AssertionError(f"a head trickled for {took:.0f}s was not cut off")
    status = said.split(b"\r\n", 1)[0].decode(errors="replace")
    if not status.startswith("HTTP/1.1 408 "):
        raise AssertionError(f"cut off after {took:.1f}s with {status!r}, not a 408")
    return f"a byte a second: {status} after {took:.1f}s"


def case_lock_out(running: Running) -> str:
    cap = 20  # the server runs with --max-clients 20
    quiet = []
    try:
        for i in range(cap):
            sock = running.connect(timeout=5)
            reader = sock.makefile("rb")
            sock.sendall(b"SET quiet%d 1\n" % i)
            if reader.readline() != b"OK\n":
                raise AssertionError(f"quiet client {i} was not served")
            quiet.append((sock, reader))
        # The cap is full of connections that say nothing more, and do not hang up
        # when told BYE. How long until a newcomer is served? At most the idle limit,
        # then the grace period a closing connection gives its client to hang up.
        started = time.monotonic()
        limit = KV_IDLE_S + KV_GRACE_S + 3
        while True:
            took = time.monotonic() - started
            if took > limit:
                raise AssertionError(
                    f"{cap} quiet connections kept every newcomer out for {took:.0f}s"
                )
            with running.connect(timeout=5) as sock, sock.makefile("rb") as reader:
                sock.sendall(b"SET newcomer 1\n")
                reply = reader.readline()
            if reply == b"OK\n":
                break
            if not reply.startswith(b"ERR"):
                raise AssertionError(f"a newcomer got {reply[:60]!r}")
            time.sleep(1)
    finally:
        for sock, reader in quiet:
            reader.close()
            sock.close()
    return f"cap of {cap} filled by quiet clients: a newcomer served after {took:.0f}s"

CASES = [
    ("clients", case_clients),
    ("long line", case_long_line),
    ("garbage", case_garbage),
    ("cycles", case_cycles),
    ("emfile", case_emfile),
    ("no reader", case_no_reader),
    ("pipelined", case_pipelined),
]

# Cases of one server, by the names in `Server.own`.
OWN_CASES = {
    "smuggling": case_smuggling,
    "plus length": case_plus_length,
    "no host": case_no_host,
    "head": case_head,
    "absolute": case_absolute,
    "headers": case_headers,
    "conn cap": case_conn_cap,
    "memory": case_memory,
}

# The cases that end the server: each runs last, on a process of its own.
ENDING_CASES = [("sigterm", case_sigterm), ("sighup", case_sighup)]


@dataclass
class Slow:
    """A case that waits out a timer of the server: on a process of its own, with
    these arguments after `serve`, on a thread beside the other cases."""

    server: str
    case: str
    args: list[str]
    body: object


SLOW_CASES = [
    Slow("ch07 http", "slow head", ["http", "--latency-ms", "0"], case_slow_head),
    # The default idle limit: that is the figure under test.
    Slow("ch06 kv", "lock-out", ["kv", "--max-clients", "20"], case_lock_out),
]


# ---------------------------------------------------------------- main


class OutOfTime(BaseException):
    """Raised by the alarm; a BaseException, so no case mistakes it for its own."""


def has_server(bin_dir: str, server: Server) -> bool:
    binary = os.path.join(bin_dir, server.package)
    if not os.path.exists(binary):
        return False
    helped = subprocess.run(
        [binary, "serve", "--help"], capture_output=True, timeout=20, stdin=subprocess.DEVNULL
    )
    return helped.returncode == 0 and server.args[0].encode() in helped.stdout


def start(suite: Suite, server: Server, bin_dir: str, tmp: str) -> Running | None:
    try:
        return Running(server, bin_dir, tmp)
    except Exception as error:  # noqa: BLE001
        suite.results.append(Result(server.name, "start", False, 0, "", str(error)))
        print(f"  FAIL start ({server.name} {' '.join(server.args)}): {error}", flush=True)
        return None


def run_all(options, suite: Suite, skipped: list[str]) -> None:
    servers = []
    for server in SERVERS:
        if options.only and not any(word in server.name for word in options.only.split(",")):
            continue
        if has_server(options.bin_dir, server):
            servers.append(server)
        else:
            skipped.append(server.name)
            print(f"\n{server.name}: skipped (`serve {server.args[0]}` is not there yet)")
    with tempfile.TemporaryDirectory(prefix="attack-") as tmp:
        # The slow cases mostly wait: each on a server of its own, on a thread beside
        # the rest. The servers are started here, on the main thread, which lives
        # until the end (a child is killed when the thread that started it ends).
        beside: list[tuple[Running, threading.Thread]] = []
        try:
            for slow in SLOW_CASES:
                server = next((s for s in servers if s.name == slow.server), None)
                if server is None:
                    continue
                running = start(suite, replace(server, args=slow.args), options.bin_dir, tmp)
                if running is not None:
                    thread = threading.Thread(
                        target=suite.case, args=(running, slow.case, slow.body, True), daemon=True
                    )
                    thread.start()
                    beside.append((running, thread))
            for server in servers:
                print(f"\n{server.name} ({server.kind.name})", flush=True)
                run_server(suite, server, options.bin_dir, tmp)
            for _, thread in beside:
                thread.join()
        finally:
            for running, _ in beside:
                running.kill()


def run_server(suite: Suite, server: Server, bin_dir: str, tmp: str) -> None:
    """The common cases, the server's own, then each ending case on a fresh process."""
    running = start(suite, server, bin_dir, tmp)
    try:
        cases = CASES + [(name, OWN_CASES[name]) for name in server.own]
        for name, body in cases:
            if running is None or not running.alive():
                break
            suite.case(running, name, body)
        for name, body in ENDING_CASES:
            if running is None or not running.alive():
                if running is not None:
                    running.kill()
                running = start(suite, server, bin_dir, tmp)
                if running is None:
                    return
            suite.case(running, name, body)
    finally:
        if running is not None:
            running.kill()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin-dir", required=True, help="where the chapter binaries are")
    parser.add_argument("--only", help="comma-separated server names to run (e.g. kv,http)")
    parser.add_argument(
        "--limit-s", type=int, default=TOTAL_LIMIT_S, help="stop the whole run after this long"
    )
    options = parser.parse_args()

    def out_of_time(*_):
        raise OutOfTime(f"the suite ran past {options.limit_s}s")

    # Stops by itself, whatever hangs: the exception unwinds through the `finally`
    # that kills the server under test.
    signal.signal(signal.SIGALRM, out_of_time)
    signal.alarm(options.limit_s)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = min(hard, 8192)
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))  # the servers inherit it
    if want < CLIENTS * 2 + 100:
        print(f"open-file limit {want} is below {CLIENTS * 2 + 100}: raise it", file=sys.stderr)
        return 1

    suite, skipped = Suite(), []
    started = time.monotonic()
    try:
        run_all(options, suite, skipped)
    except OutOfTime as error:
        suite.results.append(Result("(suite)", "time", False, 0, "", str(error)))

    total = time.monotonic() - started
    failed = [r for r in suite.results if not r.ok]
    print(f"\n{'server':<16} {'case':<11} {'result':<6} {'time':>7}  figures")
    order = {server.name: n for n, server in enumerate(SERVERS)}
    for r in sorted(suite.results, key=lambda r: order.get(r.server, len(order))):
        verdict = "ok" if r.ok else "FAIL"
        print(f"{r.server:<16} {r.case:<11} {verdict:<6} {r.took:6.2f}s  {r.figures or r.problem}")
    for name in skipped:
        print(f"{name:<16} {'(all)':<11} {'skip':<6} {'':>7}  the serve subcommand is not there yet")
    print(f"\n{len(suite.results) - len(failed)} passed, {len(failed)} failed, "
          f"{len(skipped)} servers skipped, in {total:.1f}s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
