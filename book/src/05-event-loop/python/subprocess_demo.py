# A child process on the loop: its stdout is a stream the loop watches, its exit
# is awaited, and meanwhile another task keeps running.
import asyncio
import time

start = time.monotonic()


def say(what):
    print(f"[{time.monotonic() - start:5.2f}s] {what}")


async def ticker(waiting):
    while waiting.is_set():
        await asyncio.sleep(0.2)
        say("ticker: the loop is not blocked")


async def main():
    script = "echo first line; sleep 0.5; echo second line"
    child = await asyncio.create_subprocess_exec(
        "sh", "-c", script, stdout=asyncio.subprocess.PIPE)
    say("started the child")
    waiting = asyncio.Event()
    waiting.set()
    tick = asyncio.create_task(ticker(waiting))
    while line := await child.stdout.readline():
        say(f"child says: {line.decode().rstrip()}")
    status = await child.wait()
    waiting.clear()
    say(f"child exited: {status}")
    await tick


asyncio.run(main())
