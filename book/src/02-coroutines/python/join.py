# asyncio.gather runs both at once and returns their results in argument order,
# not in the order they finished: ["slow", 1] after 2 s.
import asyncio
import time


async def after(secs, value):
    await asyncio.sleep(secs)
    return value


async def main():
    start = time.monotonic()
    both = await asyncio.gather(after(2, "slow"), after(1, 1))
    print(both, f"after {time.monotonic() - start:.0f} s")


asyncio.run(main())
