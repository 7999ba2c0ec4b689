# asyncio.start_server and asyncio.open_connection: a line goes to the server and
# comes back. Port 0 lets the OS pick a free port.
import asyncio


async def handle_echo(reader, writer):
    data = await reader.readline()
    message = data.decode().rstrip("\n")
    peer = writer.get_extra_info("peername")
    print(f"server: received {message!r} from {peer}")
    writer.write(data)
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def tcp_echo_client(port, message):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"{message}\n".encode())
    await writer.drain()
    reply = (await reader.readline()).decode().rstrip("\n")
    print(f"client: received {reply!r}")
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle_echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print(f"server: serving on 127.0.0.1:{port}")
    async with server:
        await tcp_echo_client(port, "Hello World!")


asyncio.run(main())
