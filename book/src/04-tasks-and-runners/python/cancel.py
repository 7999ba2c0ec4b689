# task.cancel() throws CancelledError into the task at its await; the task can
# catch it and clean up, awaiting as it does (or even refuse to stop).
import asyncio
import time

start = time.monotonic()


def say(what):
    print(f"[{time.monotonic() - start:5.2f}s] {what}")


async def worker(steps):
    done = 0
    try:
        while done < steps:
            await asyncio.sleep(1)
            done += 1
            say(f"worker: step {done}")
        return done
    except asyncio.CancelledError:
        say(f"worker: caught CancelledError after {done} steps")
        await asyncio.sleep(0.1)  # cleanup may await: a goodbye to a peer, a flush
        raise  # swallowing it would keep the task alive
    finally:
        say("worker: finally")


async def main():
    task = asyncio.create_task(worker(5))
    await asyncio.sleep(2.5)
    say("main: task.cancel()")
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        say(f"main: awaiting the task raised CancelledError; task.cancelled() = {task.cancelled()}")


asyncio.run(main())
