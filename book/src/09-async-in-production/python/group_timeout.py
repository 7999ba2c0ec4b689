# asyncio.timeout around a TaskGroup: at the deadline every task is cancelled, and
# the block waits for their cleanup before it raises TimeoutError.
import asyncio
import time

START = time.monotonic()


def say(who, what):
    print(f"[{time.monotonic() - START:5.2f}s] {who}: {what}")


async def job(name, secs):
    say(name, "started")
    try:
        await asyncio.sleep(secs)
    except asyncio.CancelledError:
        say(name, "cancelled")
        raise
    say(name, "done")


async def main():
    try:
        async with asyncio.timeout(0.2):
            async with asyncio.TaskGroup() as group:
                for name, secs in [("quick", 0.1), ("slow", 0.3), ("slower", 0.4)]:
                    group.create_task(job(name, secs))
    except TimeoutError:
        say("main", "TimeoutError, after every task's cleanup")


asyncio.run(main())
