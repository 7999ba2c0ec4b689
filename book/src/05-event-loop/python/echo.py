# The asyncio documentation's echo server, on 127.0.0.1 and a free port, with three
# clients. Each connection is handled by its own task.
import asyncio


async def handle_echo(reader, writer):
    while data := await reader.read(4096):
        writer.write(data)
        await writer.drain()
    writer.close()


async def ask(port, word):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"{word}\n".encode())
    reply = await reader.readexactly(len(word) + 1)
    writer.close()
    return f"sent {word!r}, got back {reply.decode().strip()!r}"


async def main():
    server = await asyncio.start_server(handle_echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print(f"serving on 127.0.0.1:{port}")
    for line in await asyncio.gather(*(ask(port, w) for w in ["hello", "bonjour", "hallo"])):
        print(line)
    server.close()


asyncio.run(main())
