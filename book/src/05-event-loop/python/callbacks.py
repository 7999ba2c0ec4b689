# The loop's two queues: call_soon appends to the ready deque (FIFO); call_later
# pushes on a heap ordered by deadline, whatever order the calls were made in.
import asyncio
import time

start = time.monotonic()


def say(what):
    print(f"[{time.monotonic() - start:5.2f}s] callback: {what}")


async def main():
    loop = asyncio.get_running_loop()
    for delay, what in [(0.3, "later 0.3 s"), (0.1, "later 0.1 s"), (0.2, "later 0.2 s")]:
        loop.call_later(delay, say, what)
    for what in ["soon 1", "soon 2"]:
        loop.call_soon(say, what)
    print(f"[{time.monotonic() - start:5.2f}s] main: scheduled 3 call_later and 2 call_soon")
    await asyncio.sleep(0.4)


asyncio.run(main())
