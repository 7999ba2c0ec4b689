# Exercise 1 in Python: every line back to its sender, many clients at once.
import asyncio

handlers = set()


async def handle(reader, writer):
    handlers.add(asyncio.current_task())
    async for line in reader:  # one line at a time, until the client's EOF
        writer.write(line)
        await writer.drain()
    writer.close()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        quiet = await asyncio.open_connection("127.0.0.1", port)
        busy = await asyncio.open_connection("127.0.0.1", port)
        busy[1].write(b"I was second\n")
        print("echo:", (await busy[0].readline()).decode().rstrip())
        for _, writer in (quiet, busy):
            writer.close()
            await writer.wait_closed()
        await asyncio.gather(*handlers)  # each ends at its client's EOF


asyncio.run(main())
