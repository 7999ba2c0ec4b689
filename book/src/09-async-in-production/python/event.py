# asyncio.Event keeps a flag: a task that waits after set() returns at once, and
# set() wakes every task already waiting. Nothing is lost on one thread.
import asyncio


async def main():
    ready = asyncio.Event()
    ready.set()                       # the producer is quick...
    await asyncio.wait_for(ready.wait(), timeout=0.2)  # ...a late waiter still passes
    print("a late waiter after set(): woken")

    ready.clear()
    waiters = [asyncio.create_task(ready.wait()) for _ in range(3)]
    await asyncio.sleep(0)            # let them start waiting
    ready.set()
    ready.clear()                     # a pulse: they were waiting, so they all wake
    print("three waiters, set() then clear():", await asyncio.gather(*waiters))


asyncio.run(main())
