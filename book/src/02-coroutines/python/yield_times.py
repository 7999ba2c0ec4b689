# A plain generator function made awaitable: `await yield_times(n)` hands control
# back to the event loop n times, then evaluates to n.
import asyncio
from types import coroutine


@coroutine
def yield_times(n):
    for _ in range(n):
        yield
    return n


async def main():
    print("yield_times(3) ->", await yield_times(3))


asyncio.run(main())
