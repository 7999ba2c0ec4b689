"""The chapter's benchmark rows on asyncio (or uvloop), as the Rust bench runs them.

With no arguments it runs a tiny version of every row (so CI can run it quickly);
`cargo run --release -p ch05-event-loop -- bench` passes the full sizes and reads
the `<row> <milliseconds>` lines it prints.
"""
import argparse
import asyncio
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
    args = parser.parse_args()
    runner = asyncio.run
    if args.loop == "uvloop":
        import uvloop  # only with --loop uvloop

        runner = uvloop.run
    rows = {
        "spawn": lambda: spawn(args.tasks),
        "yields": lambda: yields(args.yield_tasks, args.yields),
        "sleeps": lambda: sleeps(args.sleeps),
        "echo": lambda: echo(args.clients, args.rounds),
    }
    for row in args.rows.split(","):
        took = runner(rows[row]())
        print(f"{row} {took * 1000:.3f}")


if __name__ == "__main__":
    main()
