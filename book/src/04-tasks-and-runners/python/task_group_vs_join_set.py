# What asyncio.TaskGroup does on the way out of its block, three ways: it waits for
# every task; when the body raises, it cancels the tasks and waits for them; when a
# task raises, it cancels the others and raises an ExceptionGroup. A cancelled task
# sees CancelledError, and its except/finally blocks may await.
import asyncio
import time

start = time.monotonic()


def say(what):
    print(f"[{time.monotonic() - start:5.2f}s] {what}")


async def job(name, secs, fails=False):
    try:
        await asyncio.sleep(secs)
        if fails:
            say(f"{name}: fails")
            raise ValueError(f"{name} failed")
        say(f"{name}: done")
        return name
    except asyncio.CancelledError:
        say(f"{name}: CancelledError; cleanup may await")
        await asyncio.sleep(0.1)  # say goodbye to a peer, flush a buffer...
        raise
    finally:
        say(f"{name}: finally")


async def main():
    global start
    print("1. Leaving the block waits for every task:")
    start = time.monotonic()
    async with asyncio.TaskGroup() as group:
        group.create_task(job("a", 1))
        group.create_task(job("b", 0.5))
    say("main: every task is done")

    print("\n2. The body fails while a task runs:")
    start = time.monotonic()
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(job("c", 1))
            await asyncio.sleep(0.5)
            say("main: the body raises")
            raise RuntimeError("the body failed")
    except* RuntimeError as caught:
        say(f"main: the group raised {caught!r}")

    print("\n3. A job fails:")
    start = time.monotonic()
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(job("d", 1, fails=True))
            group.create_task(job("e", 2))
    except* ValueError as caught:
        say(f"main: the group raised {caught!r}")


asyncio.run(main())
