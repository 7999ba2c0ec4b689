# A task nobody keeps a reference to usually runs on: what it awaits holds it (here
# the sleep's timer holds a callback into the task). The asyncio docs still say to
# keep a reference, for the task whose awaited future nobody else holds: the garbage
# collector can take that one mid-run.
import asyncio
import gc


async def sleeper():
    await asyncio.sleep(0.1)
    print("sleeper: finished, though nobody kept its task")


async def waiter():
    try:
        await asyncio.get_running_loop().create_future()  # nobody else holds it
    finally:
        print("waiter: finally, as the garbage collector takes the task")


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(lambda loop, context: print("loop:", context["message"]))
    asyncio.create_task(sleeper())  # the tasks are not kept
    asyncio.create_task(waiter())
    await asyncio.sleep(0)  # both start, and suspend
    gc.collect()
    await asyncio.sleep(0.2)
    print("main ends")


asyncio.run(main())
