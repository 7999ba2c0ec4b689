# asyncio.gather: argument order, and what return_exceptions changes.
import asyncio
import time

start = time.monotonic()


def say(lane, what):
    print(f"[{time.monotonic() - start:5.2f}s] {lane}: {what}")


# ANCHOR: job
async def job(name, secs, fails=False):
    say(name, "start")
    try:
        await asyncio.sleep(secs)
    except asyncio.CancelledError:
        say(name, "cancelled")
        raise
    if fails:
        say(name, "failed")
        raise RuntimeError(f"job {name} failed")
    say(name, "done")
    return f"{name} after {secs}s"
# ANCHOR_END: job


# ANCHOR: order
async def in_order():
    results = await asyncio.gather(job("a", 3), job("b", 1), job("c", 2))
    print("results:", results)
# ANCHOR_END: order


# ANCHOR: return_exceptions
async def return_exceptions():
    results = await asyncio.gather(
        job("a", 3), job("b", 1, fails=True), job("c", 2), return_exceptions=True
    )
    print("results:", results)
# ANCHOR_END: return_exceptions


# ANCHOR: first_error
async def first_error():
    try:
        await asyncio.gather(job("a", 3), job("b", 1, fails=True), job("c", 2))
    except RuntimeError as error:
        say("caller", f"gather raised {error!r}")
    await asyncio.sleep(3)  # the other two are still running
    say("caller", "3 s later")
# ANCHOR_END: first_error


async def main():
    global start
    for example in (in_order, return_exceptions, first_error):
        print(f"\n{example.__name__}:")
        start = time.monotonic()
        await example()


asyncio.run(main())
