# asyncio.shield: the timeout cancels the wait, not the work.
import asyncio
import time

start = time.monotonic()


def say(lane, what):
    print(f"[{time.monotonic() - start:5.2f}s] {lane}: {what}")


async def save():
    say("save", "start")
    try:
        await asyncio.sleep(3)
    except asyncio.CancelledError:
        say("save", "cancelled")
        raise
    say("save", "done")
    return "save after 3s"


# ANCHOR: unshielded
async def unshielded():
    try:
        await asyncio.wait_for(save(), timeout=1.5)
    except TimeoutError:
        say("caller", "TimeoutError")
# ANCHOR_END: unshielded


# ANCHOR: shielded
async def shielded():
    task = asyncio.create_task(save())
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout=1.5)
    except TimeoutError:
        say("caller", "gave up waiting; the save goes on")
    # ... the caller does other things; later, the result is still there.
    say("caller", f"later, the save's result: {await task!r}")
# ANCHOR_END: shielded


async def main():
    global start
    for example in (unshielded, shielded):
        print(f"\n{example.__name__}:")
        start = time.monotonic()
        await example()


asyncio.run(main())
