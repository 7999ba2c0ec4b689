# A server that shuts down gracefully on SIGTERM: loop.add_signal_handler sets an
# event; the server stops accepting, lets the request in flight finish, and exits.
# (The script sends itself the SIGTERM, so that it runs on its own.)
import asyncio
import os
import signal

in_flight = set()


async def handle(reader, writer):
    task = asyncio.current_task()
    in_flight.add(task)
    try:
        line = (await reader.readline()).decode().strip()
        millis = int(line.split()[1])
        writer.write(f"working {millis}\n".encode())
        await asyncio.sleep(millis / 1000)
        writer.write(f"done {millis}\n".encode())
        await writer.drain()
    finally:
        in_flight.discard(task)
        writer.close()


async def client(port):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"work 300\n")
    print("client:", (await reader.readline()).decode().strip())
    os.kill(os.getpid(), signal.SIGTERM)  # as `kill -TERM <pid>` would
    print("client:", (await reader.readline()).decode().strip())
    writer.close()


async def main():
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print(f"listening on 127.0.0.1:{port}")
    asking = asyncio.create_task(client(port))
    await stop.wait()
    print(f"server: SIGTERM, {len(in_flight)} request(s) in flight")
    server.close()  # stop accepting
    try:
        await asyncio.wait_for(asyncio.gather(*in_flight), timeout=5)  # the grace
    except TimeoutError:
        print("server: grace period over")
    await asking
    print("server: stopped")


asyncio.run(main())
