# The key-value line server in asyncio: one dict, many clients, a line limit,
# error replies, and a shutdown that says BYE to the connected clients.
import asyncio

store = {}
stopping = asyncio.Event()
handlers = set()


def answer(line):
    name, _, rest = line.strip().partition(" ")
    key, _, value = rest.strip().partition(" ")
    match name.upper():
        case "GET" if key and not value:
            return f"VALUE {store[key]}" if key in store else "NOT_FOUND"
        case "SET" if key and value:
            store[key] = value
            return "OK"
        case "DEL" if key and not value:
            return f"DELETED {store.pop(key)}" if key in store else "NOT_FOUND"
        case "GET" | "SET" | "DEL":
            return f"ERR wrong arguments for {name.upper()}"
        case _:
            return f"ERR unknown command {name!r}; try GET, SET, DEL or QUIT"


async def handle(reader, writer):
    handlers.add(asyncio.current_task())
    try:
        while True:
            line = asyncio.ensure_future(reader.readline())
            stop = asyncio.ensure_future(stopping.wait())
            done, _ = await asyncio.wait({line, stop}, return_when=asyncio.FIRST_COMPLETED)
            if line not in done:  # stopping, and no line under way
                line.cancel()
                writer.write(b"BYE server shutting down\n")
                break
            stop.cancel()
            try:
                data = line.result()
            except ValueError:  # the StreamReader's limit: LimitOverrunError
                writer.write(b"ERR line too long\n")
                continue
            if not data.endswith(b"\n"):  # end of stream, maybe mid-line
                break
            if data.strip().upper() == b"QUIT":
                writer.write(b"BYE see you\n")
                break
            writer.write(f"{answer(data.decode())}\n".encode())
            await writer.drain()
        await writer.drain()
    finally:
        writer.close()
        handlers.discard(asyncio.current_task())


async def request(writer, reader, line):
    writer.write(f"{line}\n".encode())
    return (await reader.readline()).decode().rstrip()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0, limit=64)
    port = server.sockets[0].getsockname()[1]
    alice = await asyncio.open_connection("127.0.0.1", port)
    bob = await asyncio.open_connection("127.0.0.1", port)
    for who, (reader, writer), line in [
        ("alice", alice, "SET greeting hello world"),
        ("bob", bob, "GET greeting"),
        ("bob", bob, "FETCH greeting"),
        ("bob", bob, "SET essay " + "blah " * 20),
    ]:
        print(f"{who:>5}: {line[:26]:<26} -> {await request(writer, reader, line)}")

    print("--- the server is told to shut down")
    server.close()  # stop accepting
    stopping.set()  # tell the handlers
    print(f"alice: (idle)                      -> {(await alice[0].readline()).decode().rstrip()}")
    await asyncio.wait_for(asyncio.gather(*handlers), timeout=2)  # the grace period


asyncio.run(main())
