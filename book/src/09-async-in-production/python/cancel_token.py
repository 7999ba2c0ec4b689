# Cancellation you ask for: an asyncio.Event as the stop signal. One worker races its
# wait against the event; the other looks at it only between steps.
import asyncio
import time

START = time.monotonic()


def say(who, what):
    print(f"[{time.monotonic() - START:5.2f}s] {who}: {what}")


async def interruptible(stop, step):
    done = 0
    while True:
        try:
            await asyncio.wait_for(stop.wait(), timeout=step)
            break  # stop was set
        except TimeoutError:
            done += 1
    say("poller", f"stopped at once, {done} steps done")


async def careful(stop, step):
    done = 0
    while not stop.is_set():
        await asyncio.sleep(step)
        done += 1
    say("writer", f"stopped after finishing step {done}")


async def main():
    stop = asyncio.Event()
    workers = [asyncio.create_task(interruptible(stop, 0.3)),
               asyncio.create_task(careful(stop, 0.3))]
    await asyncio.sleep(1.0)
    say("main", "cancel")
    stop.set()
    await asyncio.gather(*workers)  # TaskTracker.wait()
    say("main", "every worker has stopped")


asyncio.run(main())
