# Exercise 1 in Python: asyncio.wait_for is the timeout, and the deadline counts
# from the call. There is nothing to pin: the coroutine and the timer are objects
# on the heap, referred to from wherever.
import asyncio
import time


async def work(seconds, value):
    await asyncio.sleep(seconds)
    return value


async def main():
    print(await asyncio.wait_for(work(0.1, "done"), timeout=0.3))
    start = time.perf_counter()
    try:
        await asyncio.wait_for(work(0.3, "late"), timeout=0.1)
    except TimeoutError:
        print(f"timed out after {time.perf_counter() - start:.1f}s")


asyncio.run(main())
