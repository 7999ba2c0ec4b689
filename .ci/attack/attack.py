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
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field

MB = 1024 * 1024
LONG_LINE = 100 * MB
CYCLES = 20_000
CLIENTS = 1_000
PIPELINED = 1_000
LOAD_CLIENTS = 50
TOTAL_LIMIT_S = 170  # the alarm: the suite never outlives this


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


@dataclass
class Server:
    name: str  # as in the table
    package: str  # the chapter binary
    args: list[str]  # after `serve`
    kind: Kind
    unix: bool = False


SERVERS = [
    Server("ch05 echo", "ch05-event-loop", ["echo"], StreamEcho()),
    Server("ch05 tokio_echo", "ch05-event-loop", ["tokio_echo"], StreamEcho()),
    Server("ch06 tcp_echo", "ch06-streams-and-channels", ["tcp_echo"], LineEcho()),
    Server("ch06 unix_echo", "ch06-streams-and-channels", ["unix_echo"], LineEcho(), unix=True),
    Server(
        "ch06 kv",
        "ch06-streams-and-channels",
        ["kv", "--max-clients", "5000", "--idle-secs", "3", "--grace-secs", "5"],
        KeyValue(),
    ),
    Server(
        "ch07 http",
        "ch07-threads-processes-async",
        ["http", "--latency-ms", "0", "--body-size", "1024"],
        Http(),
    ),
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


def die_with_parent() -> None:
    """In the child, before exec: SIGKILL when the suite dies, however it dies."""
    try:
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: the `finally` that kills each server still applies


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

    def case(self, running: Running, name: str, body) -> None:
        started = time.monotonic()
        try:
            figures = body(running) or ""
            ok, problem = True, ""
            if name != "sigterm" and not running.alive():
                ok, problem = False, f"the server died (exit {running.proc.returncode})"
        except Exception as error:  # noqa: BLE001: every failure is a row of the table
            ok, figures, problem = False, "", f"{type(error).__name__}: {error}"
        took = time.monotonic() - started
        self.results.append(Result(running.server.name, name, ok, took, figures, problem))
        mark = "ok  " if ok else "FAIL"
        print(f"  {mark} {name:<10} {took:6.2f}s  {figures}  {problem}", flush=True)


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
    running.proc.send_signal(signal.SIGTERM)
    try:
        code = running.proc.wait(timeout=12)
    except subprocess.TimeoutExpired:
        raise AssertionError("still running 12s after SIGTERM") from None
    exited = time.monotonic() - sent_at
    for thread in threads:
        thread.join(5)
    if problems:
        raise AssertionError(f"{len(problems)} clients lost replies, first: {problems[0]}")
    if code != 0:
        raise AssertionError(f"exit code {code}, not 0")
    return f"{answered[0]} replies, {ended[0]} clean goodbyes, exit 0 after {exited:.2f}s"


def goodbye(error: str) -> bool:
    """A reply slot that holds the end of the stream, or a BYE line."""
    return "got b''" in error or "got b'BYE" in error


CASES = [
    ("clients", case_clients),
    ("long line", case_long_line),
    ("garbage", case_garbage),
    ("cycles", case_cycles),
    ("emfile", case_emfile),
    ("no reader", case_no_reader),
    ("pipelined", case_pipelined),
    ("sigterm", case_sigterm),
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


def run_all(options, suite: Suite, skipped: list[str]) -> None:
    with tempfile.TemporaryDirectory(prefix="attack-") as tmp:
        for server in SERVERS:
            if options.only and not any(
                word in server.name for word in options.only.split(",")
            ):
                continue
            if not has_server(options.bin_dir, server):
                skipped.append(server.name)
                print(f"\n{server.name}: skipped (`serve {server.args[0]}` is not there yet)")
                continue
            print(f"\n{server.name} ({server.kind.name})", flush=True)
            try:
                running = Running(server, options.bin_dir, tmp)
            except Exception as error:  # noqa: BLE001
                suite.results.append(Result(server.name, "start", False, 0, "", str(error)))
                print(f"  FAIL start: {error}")
                continue
            try:
                for name, body in CASES:
                    if not running.alive():
                        break
                    suite.case(running, name, body)
            finally:
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
    print(f"\n{'server':<16} {'case':<10} {'result':<6} {'time':>7}  figures")
    for r in suite.results:
        verdict = "ok" if r.ok else "FAIL"
        print(f"{r.server:<16} {r.case:<10} {verdict:<6} {r.took:6.2f}s  {r.figures or r.problem}")
    for name in skipped:
        print(f"{name:<16} {'(all)':<10} {'skip':<6} {'':>7}  the serve subcommand is not there yet")
    print(f"\n{len(suite.results) - len(failed)} passed, {len(failed)} failed, "
          f"{len(skipped)} servers skipped, in {total:.1f}s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
