# The notes' say_after, with both calls scheduled as tasks before either is awaited.
import asyncio
import time


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)
    return what


async def main():
    print(f"started at {time.strftime('%X')}")
    # create_task schedules the coroutine: it starts at main's next await.
    task1 = asyncio.create_task(say_after(1, "hello"))
    task2 = asyncio.create_task(say_after(2, "world"))
    # A Task is a Future: await it for the coroutine's result.
    hello = await task1
    world = await task2
    print(f"finished at {time.strftime('%X')}: {hello} {world}")  # 2 seconds, not 3


asyncio.run(main())
