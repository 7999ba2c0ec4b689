# The notes' example, completed: two coroutines awaited one after the other.
# Each `await` waits for its coroutine to finish: 1 s + 2 s = 3 s.
import asyncio
import time


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)


async def main():
    print(f"started at {time.strftime('%X')}")

    await say_after(1, "hello")
    await say_after(2, "world")

    print(f"finished at {time.strftime('%X')}")


asyncio.run(main())
