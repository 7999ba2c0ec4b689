# The pattern of aiohttp's StreamReader (aiohttp/streams.py), cut down to one read
# method: a coroutine that finds no data parks on a bare Future, and the protocol's
# data_received callback, which the event loop calls when bytes arrive, completes it.
import asyncio


class StreamReader:
    def __init__(self):
        self._buffer = bytearray()
        self._eof = False
        self._waiter = None  # the Future a reading coroutine is parked on, if any

    # Called from the protocol's callbacks: plain functions, never awaited.
    def feed_data(self, data):
        self._buffer.extend(data)
        self._wake()

    def feed_eof(self):
        self._eof = True
        self._wake()

    def _wake(self):
        waiter, self._waiter = self._waiter, None
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    # The public API is a coroutine; the Future never leaves this class.
    async def readany(self):
        while not self._buffer and not self._eof:
            self._waiter = asyncio.get_running_loop().create_future()
            await self._waiter
        data, self._buffer = bytes(self._buffer), bytearray()
        return data


class Protocol(asyncio.Protocol):
    def __init__(self, reader):
        self.reader = reader

    def data_received(self, data):  # a callback: the event loop calls it
        print(f"callback:  data_received({data!r})")
        self.reader.feed_data(data)

    def connection_lost(self, exc):
        self.reader.feed_eof()


async def main():
    async def send_slowly(_, writer):  # a local server that sends two chunks
        for chunk in (b"hello ", b"world"):
            await asyncio.sleep(0.2)
            writer.write(chunk)
            await writer.drain()
        writer.close()

    server = await asyncio.start_server(send_slowly, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader = StreamReader()
    loop = asyncio.get_running_loop()
    await loop.create_connection(lambda: Protocol(reader), "127.0.0.1", port)
    while data := await reader.readany():
        print(f"coroutine: readany() -> {data!r}")
    print("coroutine: end of stream")
    server.close()
    await server.wait_closed()


asyncio.run(main())
