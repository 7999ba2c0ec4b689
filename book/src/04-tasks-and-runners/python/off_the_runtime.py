# Exercise 1 in Python: a blocking call moved off the loop with run_in_executor,
# so the ticker keeps ticking while the call waits for it.
import asyncio
import queue
import time


async def off_the_runtime(call):
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, call)


async def main():
    ticks = queue.Queue()

    async def ticker():
        for n in range(1, 4):
            await asyncio.sleep(0.005)
            ticks.put(n)

    def wait_for_three_ticks():
        until = time.monotonic() + 1
        seen = 0
        while seen < 3 and time.monotonic() < until:
            try:
                ticks.get(timeout=max(0.0, until - time.monotonic()))
                seen += 1
            except queue.Empty:
                break
        return seen

    ticking = asyncio.create_task(ticker())
    print("ticks seen by the blocking call:", await off_the_runtime(wait_for_three_ticks))
    await ticking


asyncio.run(main())
