# asyncio.wait_for, asyncio.timeout and asyncio.timeout_at (Python 3.11+).
import asyncio
import time

start = time.monotonic()


def say(lane, what):
    print(f"[{time.monotonic() - start:5.2f}s] {lane}: {what}")


async def job(name, secs):
    say(name, "start")
    try:
        await asyncio.sleep(secs)
    except asyncio.CancelledError:
        say(name, "cancelled")
        raise
    say(name, "done")
    return f"{name} after {secs}s"


# ANCHOR: notes
async def long_running_task():
    return await job("long_running_task", 1)


async def notes_example():  # the notes' own example
    async with asyncio.timeout(10):
        await long_running_task()
# ANCHOR_END: notes


# ANCHOR: wait_for
async def with_timeout():
    say("caller", f"quick: {await asyncio.wait_for(job('quick', 1), timeout=2)}")
    try:
        await asyncio.wait_for(job("slow", 3), timeout=2)
    except TimeoutError:
        say("caller", "slow: TimeoutError")
# ANCHOR_END: wait_for


# ANCHOR: timeout_at
async def steps_before_deadline():
    loop = asyncio.get_running_loop()
    finished = []
    try:
        async with asyncio.timeout_at(loop.time() + 4):
            for name, secs in [("first", 1), ("second", 2), ("third", 3)]:
                finished.append(await job(name, secs))
    except TimeoutError:
        say("deadline", "passed")
    say("caller", f"finished in time: {finished}")
# ANCHOR_END: timeout_at


async def main():
    global start
    for example in (notes_example, with_timeout, steps_before_deadline):
        print(f"\n{example.__name__}:")
        start = time.monotonic()
        await example()


asyncio.run(main())
