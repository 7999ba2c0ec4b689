# How Python uses many cores: one asyncio loop per process, all listening on one
# port (SO_REUSEPORT), and the kernel deals out the connections. Process 0 is blocked
# for 0.5 s by a blocking call; the connections the kernel gave it wait, although
# process 1 is idle: no process can take work from another.
import asyncio
import multiprocessing
import socket
import time

PROCESSES = 2
CONNECTIONS = 20


# ANCHOR: serve
def serve(index, port, ready):
    blocked = False

    async def handle(reader, writer):
        nonlocal blocked
        await reader.readline()
        if index == 0 and not blocked:
            blocked = True
            time.sleep(0.5)  # a blocking call: this whole loop stops
        writer.write(f"{index}\n".encode())
        await writer.drain()
        writer.close()

    async def main():
        server = await asyncio.start_server(handle, "127.0.0.1", port, reuse_port=True)
        ready.put(index)
        async with server:
            await server.serve_forever()

    asyncio.run(main())
# ANCHOR_END: serve


async def ask(port):
    start = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"hello\n")
    answer = await reader.readline()
    writer.close()
    return int(answer), time.perf_counter() - start


async def clients(port):
    return await asyncio.gather(*(ask(port) for _ in range(CONNECTIONS)))


def main():
    with socket.socket() as probe:  # a free port for the servers to share
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    ready = multiprocessing.Queue()
    servers = [
        multiprocessing.Process(target=serve, args=(index, port, ready), daemon=True)
        for index in range(PROCESSES)
    ]
    for server in servers:
        server.start()
    for _ in servers:
        ready.get(timeout=10)
    answers = asyncio.run(clients(port))
    for index in range(PROCESSES):
        waits = [took for who, took in answers if who == index]
        print(f"process {index}: its connections waited up to {max(waits):.1f}s")
    for server in servers:
        server.terminate()


if __name__ == "__main__":
    main()
