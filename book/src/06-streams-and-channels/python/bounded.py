# Ten jobs, at most three at a time: a Semaphore around each, and gather.
import asyncio
import time


async def main():
    start = time.monotonic()
    limit = asyncio.Semaphore(3)
    running = most = 0

    async def job(n):
        nonlocal running, most
        async with limit:
            running += 1
            most = max(most, running)
            await asyncio.sleep(0.25)
            running -= 1
            return n

    finished = await asyncio.gather(*(job(n) for n in range(10)))
    took = time.monotonic() - start
    print(f"{len(finished)} jobs, at most {most} at once, done in [{took:5.2f}s]")


asyncio.run(main())
