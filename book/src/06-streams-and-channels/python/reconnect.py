# Exercise 5 in Python: connect with exponential back-off, then give up.
import asyncio
import socket
import time


async def connect_with_backoff(host, port, first=0.1, attempts=4):
    delay = first
    for attempt in range(1, attempts + 1):
        try:
            return await asyncio.open_connection(host, port)
        except OSError:
            if attempt == attempts:
                raise ConnectionError(f"gave up after {attempt} attempts")
            await asyncio.sleep(delay)
            delay *= 2


async def main():
    with socket.socket() as probe:  # a port with nothing listening on it
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    start = time.monotonic()
    try:
        await connect_with_backoff("127.0.0.1", port)
    except ConnectionError as error:
        print(f"{error}, after {time.monotonic() - start:.2f}s")


asyncio.run(main())
