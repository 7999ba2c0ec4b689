# The same frames as the Rust demo, sent in halves, read with a heartbeat: each
# readexactly gets only until the next tick, and is cancelled (CancelledError at its
# await) when the tick comes first. Nothing is lost: the bytes already received stay
# in the StreamReader's buffer, which belongs to the reader, not to the coroutine.
import asyncio

FRAMES = [b"AAAAaaaa", b"BBBBbbbb", b"CCCCcccc", b"DDDDdddd"]
HEARTBEAT = 0.4


async def send_in_halves(reader, writer):
    start = asyncio.get_running_loop().time()
    for index, frame in enumerate(FRAMES):
        for half in range(2):
            at = start + 0.05 + 0.5 * index + 0.3 * half
            await asyncio.sleep(at - asyncio.get_running_loop().time())
            writer.write(frame[4 * half : 4 * half + 4])
            await writer.drain()
    writer.close()


async def main():
    server = await asyncio.start_server(send_in_halves, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    loop = asyncio.get_running_loop()
    start = loop.time()
    next_tick = start + HEARTBEAT
    received = []
    while True:
        try:
            frame = await asyncio.wait_for(reader.readexactly(8), next_tick - loop.time())
            print(f"[{loop.time() - start:5.2f}s] reader: frame {frame.decode()}")
            received.append(frame.decode())
        except TimeoutError:  # readexactly was cancelled; its bytes are kept
            print(f"[{loop.time() - start:5.2f}s] heartbeat: tick")
            next_tick += HEARTBEAT
        except asyncio.IncompleteReadError:
            print(f"[{loop.time() - start:5.2f}s] reader: end of stream")
            break
    print("received", received)
    writer.close()
    server.close()
    await server.wait_closed()


asyncio.run(main())
