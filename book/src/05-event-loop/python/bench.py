"""The chapter's benchmark rows on asyncio (or uvloop), as the Rust bench runs them.

With no arguments it runs a tiny version of every row (so CI can run it quickly);
`cargo run --release -p ch05-event-loop -- bench` passes the full sizes and reads
the `<row> <milliseconds>` lines it prints. For the multi-thread table it passes
`--processes N`: the echo row then runs as Python uses many cores, one process per
worker, each with its own loop and its own listening socket on one shared port.
"""
import argparse
import asyncio
import multiprocessing
import socket
import time

MESSAGE = b"x" * 64


async def spawn(n):
    start = time.perf_counter()
    tasks = [asyncio.create_task(asyncio.sleep(0, i)) for i in range(n)]
    for task in tasks:
        await task
    return time.perf_counter() - start


async def yields(tasks, each):
    async def yielder():
        for _ in range(each):
            await asyncio.sleep(0)

    start = time.perf_counter()
    running = [asyncio.create_task(yielder()) for _ in range(tasks)]
    for task in running:
        await task
    return time.perf_counter() - start


async def sleeps(n):
    start = time.perf_counter()
    tasks = [asyncio.create_task(asyncio.sleep((1 + i % 10) / 1000)) for i in range(n)]
    for task in tasks:
        await task
    return time.perf_counter() - start


async def handle_echo(reader, writer):
    while data := await reader.read(4096):
        writer.write(data)
        await writer.drain()
    writer.close()


async def client(port, rounds):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for _ in range(rounds):
        writer.write(MESSAGE)
        await writer.drain()
        assert await reader.readexactly(len(MESSAGE)) == MESSAGE
    writer.close()


async def echo(clients, rounds):
    server = await asyncio.start_server(handle_echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    start = time.perf_counter()
    await asyncio.gather(*(client(port, rounds) for _ in range(clients)))
    took = time.perf_counter() - start
    server.close()
    return took


def echo_process(loop, port, clients, rounds, ready, done, stop):
    """One worker process: an echo server on the shared port, and its share of the
    clients (the kernel hands each connection to any of the processes' sockets)."""

    async def work():
        server = await asyncio.start_server(handle_echo, "127.0.0.1", port, reuse_port=True)
        running = asyncio.get_running_loop()
        await running.run_in_executor(None, ready.wait)
        await asyncio.gather(*(client(port, rounds) for _ in range(clients)))
        done.put(clients)
        # Keep serving until every process is done: our socket takes others' clients.
        await running.run_in_executor(None, stop.wait)
        server.close()

    runner(loop)(work())


def echo_processes(processes, clients, rounds, loop):
    """The echo row on `processes` processes sharing one port with SO_REUSEPORT."""
    # Reserve a port for them all: a bound socket that never listens takes no
    # connections, and SO_REUSEPORT lets the workers bind the same port.
    holder = socket.socket()
    holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    holder.bind(("127.0.0.1", 0))
    port = holder.getsockname()[1]
    context = multiprocessing.get_context("fork")
    ready = context.Barrier(processes + 1)
    done, stop = context.Queue(), context.Event()
    shares = [clients // processes + (i < clients % processes) for i in range(processes)]
    workers = [
        context.Process(target=echo_process, args=(loop, port, share, rounds, ready, done, stop))
        for share in shares
    ]
    for worker in workers:
        worker.start()
    ready.wait()
    start = time.perf_counter()
    for _ in workers:
        done.get()
    took = time.perf_counter() - start
    stop.set()
    for worker in workers:
        worker.join()
    holder.close()
    return took


def runner(loop):
    if loop == "uvloop":
        import uvloop  # only with --loop uvloop

        return uvloop.run
    return asyncio.run


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--loop", choices=["asyncio", "uvloop"], default="asyncio")
    parser.add_argument("--rows", default="spawn,yields,sleeps,echo")
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--yield-tasks", type=int, default=100)
    parser.add_argument("--yields", type=int, default=10)
    parser.add_argument("--sleeps", type=int, default=100)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--processes", type=int, default=1, help="echo: a process per worker")
    args = parser.parse_args()
    run = runner(args.loop)
    rows = {
        "spawn": lambda: spawn(args.tasks),
        "yields": lambda: yields(args.yield_tasks, args.yields),
        "sleeps": lambda: sleeps(args.sleeps),
        "echo": lambda: echo(args.clients, args.rounds),
    }
    for row in args.rows.split(","):
        if row == "echo" and args.processes > 1:
            took = echo_processes(args.processes, args.clients, args.rounds, args.loop)
        else:
            took = run(rows[row]())
        print(f"{row} {took * 1000:.3f}")


if __name__ == "__main__":
    main()
