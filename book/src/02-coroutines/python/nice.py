# types.coroutine turns a plain generator function into an awaitable. With asyncio,
# its bare `yield` hands control back to the event loop for one turn: other tasks
# run, then this one carries on. asyncio.sleep(0) is written this way.
import asyncio
from types import coroutine


@coroutine
def nice():
    yield


async def worker(name, pause):
    for step in range(1, 4):
        print(f"{name}{step}", end=" ")
        if pause:
            await nice()


async def main():
    for how, pause in [("no await between steps", False), ("await nice()", True)]:
        print(f"{how:24}", end=" ")
        await asyncio.gather(worker("a", pause), worker("b", pause))
        print()


asyncio.run(main())
