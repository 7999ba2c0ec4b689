# The notes' example, with the two say_after calls run as concurrent tasks:
# "hello" after 1 s, "world" after 2 s, all done in 2 s rather than 3.
import asyncio
import time


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)


async def main():
    print(f"started at {time.strftime('%X')}")
    hello = asyncio.create_task(say_after(1, "hello"))
    world = asyncio.create_task(say_after(2, "world"))
    await hello
    await world
    print(f"finished at {time.strftime('%X')}")


asyncio.run(main())
