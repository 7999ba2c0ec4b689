# An async generator is an async iterator: `async for` awaits each value.
import asyncio
import time


async def ticker(n, every):
    for i in range(n):
        await asyncio.sleep(every)
        yield i


async def from_queue(queue):
    # A queue as an async iterator; None marks the end.
    while (item := await queue.get()) is not None:
        yield item


async def main():
    start = time.monotonic()
    async for tick in ticker(3, 0.1):
        print(f"[{time.monotonic() - start:5.2f}s] tick {tick}")

    queue = asyncio.Queue(2)

    async def producer():
        for word in ["a", "stream", "is", "like", "a", "channel"]:
            await queue.put(word)
        await queue.put(None)

    asyncio.create_task(producer())
    shouted = [word.upper() async for word in from_queue(queue) if len(word) > 2]
    print(f"from a channel: {shouted}")


asyncio.run(main())
