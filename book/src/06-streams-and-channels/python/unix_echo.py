# The same handler over a unix socket: a path where the address was.
import asyncio
import os
import tempfile


async def handle_echo(reader, writer):
    data = await reader.readline()
    print(f"server: received {data.decode().rstrip()!r}")
    writer.write(data)
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def main():
    with tempfile.TemporaryDirectory() as folder:  # removed afterwards
        path = os.path.join(folder, "echo.sock")
        server = await asyncio.start_unix_server(handle_echo, path)
        async with server:
            reader, writer = await asyncio.open_unix_connection(path)
            writer.write(b"Hello over a unix socket!\n")
            reply = await reader.readline()
            print(f"client: received {reply.decode().rstrip()!r}")
            writer.close()
            await writer.wait_closed()


asyncio.run(main())
