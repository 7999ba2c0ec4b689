# The colouring problem: time.sleep inside a coroutine stalls every other task on
# the loop; run_in_executor (or asyncio.to_thread) and an async API do not.
import asyncio
import time


def lookup_blocking(takes):
    time.sleep(takes)
    return "found"


async def scene(how):
    start = time.monotonic()
    ticks = []

    def say(what):
        print(f"[{time.monotonic() - start:5.2f}s] {what}")

    async def ticker():
        for n in range(1, 7):
            await asyncio.sleep(0.5)
            ticks.append(time.monotonic() - start)
            say(f"ticker: tick {n}")

    async def job():
        await asyncio.sleep(0.7)
        say(f"job: lookup starts ({how})")
        if how == "blocking":
            found = lookup_blocking(1.5)
        elif how == "run_in_executor":
            loop = asyncio.get_running_loop()
            found = await loop.run_in_executor(None, lookup_blocking, 1.5)
        else:
            await asyncio.sleep(1.5)
            found = "found"
        say(f"job: lookup done: {found}")

    await asyncio.gather(ticker(), job())
    gaps = [b - a for a, b in zip([0.0] + ticks, ticks)]
    print(f"largest gap between ticks: {max(gaps):.2f}s (the ticker's rhythm is 0.50s)\n")


for how in ["blocking", "run_in_executor", "async"]:
    asyncio.run(scene(how))
