# asyncio.TaskGroup: when one task fails, the group cancels the others, waits for
# their cleanup, and raises the failure as an ExceptionGroup.
import asyncio
import time

START = time.monotonic()


def say(who, what):
    print(f"[{time.monotonic() - START:5.2f}s] {who}: {what}")


async def job(name, secs, fails=False):
    say(name, "started")
    try:
        await asyncio.sleep(secs)
    except asyncio.CancelledError:
        say(name, "cancelled")
        raise
    if fails:
        say(name, "failed")
        raise RuntimeError(f"job {name!r} failed")
    say(name, "done")
    return name


async def main():
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(job("slow", 0.3))
            group.create_task(job("broken", 0.1, fails=True))
            group.create_task(job("slower", 0.5))
    except* RuntimeError as failures:
        print("the group raised", [str(error) for error in failures.exceptions])


asyncio.run(main())
