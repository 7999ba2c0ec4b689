# Calling a coroutine function runs none of its body; create_task starts it without
# anyone awaiting it; a coroutine that is never awaited never runs (and Python warns
# at run time, when it is garbage-collected).
import asyncio
import gc


async def traced(name):
    print(f"{name}: line 1 runs")
    await asyncio.sleep(1)
    print(f"{name}: line 2 runs")


async def main():
    coro = traced("coroutine")
    print("main: called traced(), kept the coroutine, did not await it")
    await asyncio.sleep(1)
    print("main: 1 s later, nothing of it has run; await it")
    await coro

    task = asyncio.create_task(traced("task"))
    print("main: created a task, did not await it")
    await asyncio.sleep(2)
    print("main: 2 s later, the task has run both lines")
    await task

    never = traced("never")
    del never  # RuntimeWarning: coroutine 'traced' was never awaited
    gc.collect()
    print("main: dropped a coroutine; no line of it ran")


asyncio.run(main())
