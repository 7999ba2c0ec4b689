# The same two coroutines handed to asyncio.gather: they wait at the same time,
# so the whole takes max(1 s, 2 s) = 2 s.
import asyncio
import time


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)


async def main():
    print(f"started at {time.strftime('%X')}")

    await asyncio.gather(say_after(1, "hello"), say_after(2, "world"))

    print(f"finished at {time.strftime('%X')}")


asyncio.run(main())
