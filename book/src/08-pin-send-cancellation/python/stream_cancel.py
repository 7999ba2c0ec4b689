# The frames as an async generator, read with the same heartbeat: each step of the
# generator, anext(frames), gets only until the next tick. Cancelling that step raises
# CancelledError *inside* the generator, at its await, and the exception ends it: the
# generator is finished, and the next anext() raises StopAsyncIteration.
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


async def frames(reader):
    while True:
        try:
            yield await reader.readexactly(8)
        except asyncio.IncompleteReadError:
            return


async def main():
    server = await asyncio.start_server(send_in_halves, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    loop = asyncio.get_running_loop()
    start = loop.time()
    next_tick = start + HEARTBEAT
    stream = frames(reader)
    received = []
    while True:
        try:
            frame = await asyncio.wait_for(anext(stream), next_tick - loop.time())
            print(f"[{loop.time() - start:5.2f}s] reader: frame {frame.decode()}")
            received.append(frame.decode())
        except TimeoutError:  # the step was cancelled, and the generator with it
            print(f"[{loop.time() - start:5.2f}s] heartbeat: tick")
            next_tick += HEARTBEAT
        except StopAsyncIteration:
            print(f"[{loop.time() - start:5.2f}s] reader: the generator is finished")
            break
    print("received", received)
    print("still in the reader's buffer:", await reader.read())
    writer.close()
    server.close()
    await server.wait_closed()


asyncio.run(main())
