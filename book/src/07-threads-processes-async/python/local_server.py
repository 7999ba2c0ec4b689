"""The local HTTP server the Python originals download from, instead of the web.

A ThreadingHTTPServer on 127.0.0.1 that waits LATENCY before each answer and sends
a page of BODY_SIZE bytes: the same server as the Rust chapter's, so the times can be
compared. HTTP/1.1 with keep-alive, so that a requests.Session reuses its connection.

start() runs it in a process of its own. A server thread inside the client's
process would share the client's GIL, and every client would be timed with the
server's work added in (the Rust server runs on threads of its own, in parallel).
"""
import http.server
import os
import subprocess
import sys
import threading
import time
import urllib.request

LATENCY = 0.050
BODY_SIZE = 1024
PAGE = (b"asynchronous programming, step by step. " * (BODY_SIZE // 40 + 1))[:BODY_SIZE]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like the Rust server
    # Headers and body go out in two writes; without this, Nagle's algorithm holds
    # the body back until the client's delayed ACK, 40 ms later.
    disable_nagle_algorithm = True

    def do_GET(self):
        time.sleep(LATENCY)
        ok = self.path.startswith("/site/")
        body = PAGE if ok else b"no such page\n"
        self.send_response(200 if ok else 404)
        self.send_header("content-type", "text/plain")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # no line per request
        pass


class Server(http.server.ThreadingHTTPServer):
    request_queue_size = 128  # 80 connections at once must not overflow the backlog
    daemon_threads = True


def serve():
    """Serve on a free port of 127.0.0.1, print the port, and serve until stdin closes
    (it does when the parent process ends, however it ends)."""
    server = Server(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()
    os._exit(0)


def start():
    """Start the server in a child process; return the 80 sites."""
    child = subprocess.Popen(
        [sys.executable, __file__, "--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    port = int(child.stdout.readline())
    return [f"http://127.0.0.1:{port}/site/{n}" for n in range(80)]


if __name__ == "__main__" and sys.argv[1:] == ["--serve"]:
    serve()
elif __name__ == "__main__":
    sites = start()
    with urllib.request.urlopen(sites[0]) as response:
        print(f"GET {sites[0]} -> {response.status}, {len(response.read())} bytes")
