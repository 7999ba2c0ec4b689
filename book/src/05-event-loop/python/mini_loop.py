# A whole event loop in Python, from scratch, on generators: a ready queue, a timer
# heap and a selector, the three parts this chapter builds in Rust. A task is a
# generator that yields what it waits for: ("sleep", seconds), ("read", sock) or
# ("write", sock).
import heapq
import itertools
import selectors
import socket
import time
from collections import deque


class Loop:
    def __init__(self):
        self.ready = deque()          # tasks to step, first in first out
        self.timers = []              # (deadline, seq, task), a min-heap
        self.seq = itertools.count()  # breaks ties: first set, first fired
        self.selector = selectors.DefaultSelector()

    def spawn(self, task):
        self.ready.append(task)

    def step(self, task):
        try:
            kind, arg = next(task)
        except StopIteration:
            return
        if kind == "sleep":
            heapq.heappush(self.timers, (time.monotonic() + arg, next(self.seq), task))
        else:  # "read" or "write": wait until the socket is ready
            event = selectors.EVENT_READ if kind == "read" else selectors.EVENT_WRITE
            self.selector.register(arg, event, task)

    def run(self):
        while self.ready or self.timers or self.selector.get_map():
            # Sleep in the OS until the next deadline, not at all if work is ready.
            timeout = 0 if self.ready else (
                max(0, self.timers[0][0] - time.monotonic()) if self.timers else None)
            for key, _ in self.selector.select(timeout):
                self.selector.unregister(key.fileobj)
                self.ready.append(key.data)
            while self.timers and self.timers[0][0] <= time.monotonic():
                self.ready.append(heapq.heappop(self.timers)[2])
            for _ in range(len(self.ready)):  # only what was ready at the start
                self.step(self.ready.popleft())


def say_after(delay, what, start):
    yield "sleep", delay
    print(f"[{time.monotonic() - start:5.2f}s] {what}")


def echo_once(server):
    yield "read", server
    conn, _ = server.accept()
    conn.setblocking(False)
    yield "read", conn
    data = conn.recv(100)
    yield "write", conn
    conn.send(data)
    conn.close()


def client(port, start):
    sock = socket.create_connection(("127.0.0.1", port))
    sock.setblocking(False)
    yield "write", sock
    sock.send(b"ping")
    yield "read", sock
    print(f"[{time.monotonic() - start:5.2f}s] client got {sock.recv(100)!r}")
    sock.close()


server = socket.create_server(("127.0.0.1", 0))
server.setblocking(False)
start = time.monotonic()
loop = Loop()
loop.spawn(say_after(0.2, "world", start))
loop.spawn(say_after(0.1, "hello", start))
loop.spawn(echo_once(server))
loop.spawn(client(server.getsockname()[1], start))
loop.run()
print(f"[{time.monotonic() - start:5.2f}s] every task finished")
