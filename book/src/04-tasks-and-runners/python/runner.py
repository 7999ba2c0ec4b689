# asyncio.Runner: several run() calls on one event loop. A task created in the
# first call is still there in the second; between the calls the loop is not
# running, so the task does not run either.
import asyncio
import time

start = time.monotonic()


def say(what):
    print(f"[{time.monotonic() - start:5.2f}s] {what}")


async def ticker():
    n = 0
    while True:
        await asyncio.sleep(1)
        n += 1
        say(f"ticker: tick {n}")


async def first():
    say("main: run 1: create a ticker task, sleep 2.5s")
    task = asyncio.create_task(ticker())
    await asyncio.sleep(2.5)
    return task


async def second():
    say("main: run 2: sleep 1.8s")
    await asyncio.sleep(1.8)


with asyncio.Runner() as runner:
    task = runner.run(first())
    say("main: between the runs")
    time.sleep(1)
    runner.run(second())
    say("main: done")
    task.cancel()
