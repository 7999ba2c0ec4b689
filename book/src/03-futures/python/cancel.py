# Cancelling a task raises CancelledError inside it, at the await where it waits.
import asyncio
import time

start = time.monotonic()


def say(lane, what):
    print(f"[{time.monotonic() - start:5.2f}s] {lane}: {what}")


# ANCHOR: three_steps
async def three_steps():
    for step in (1, 2, 3):
        say(f"step {step}", "start")
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            say(f"step {step}", "CancelledError: cleaning up")
            await asyncio.sleep(0.1)  # cleanup may await; it could even refuse to stop
            raise
        say(f"step {step}", "done")
    say("steps", "all three done")


async def main():
    coro = three_steps()
    coro.close()  # never awaited: nothing ran
    say("caller", "built three_steps() and closed it: nothing ran")
    try:
        await asyncio.wait_for(three_steps(), timeout=1.5)
    except TimeoutError:
        say("caller", "wait_for(three_steps(), 1.5): TimeoutError")
# ANCHOR_END: three_steps


asyncio.run(main())
