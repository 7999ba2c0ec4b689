# While the loop waits for its only timer, its thread sleeps inside select():
# the thread's CPU time barely moves.
import asyncio
import time


async def main():
    cpu, wall = time.thread_time(), time.monotonic()
    await asyncio.sleep(0.3)
    cpu, wall = time.thread_time() - cpu, time.monotonic() - wall
    print(f"waited {wall * 1000:.2f}ms for one timer;", end=" ")
    print(f"the loop's thread used {cpu * 1000:.2f}ms of CPU")


asyncio.run(main())
