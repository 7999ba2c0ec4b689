# Exercise 1: what asyncio.wait_for does, which your `timeout` does too.
import asyncio
import time


async def download(secs):
    await asyncio.sleep(secs)
    return "page"


async def main():
    start = time.monotonic()
    print(await asyncio.wait_for(download(1), timeout=2))  # page, after 1 s
    try:
        await asyncio.wait_for(download(3), timeout=2)
    except TimeoutError:
        print(f"gave up after {time.monotonic() - start - 1:.0f} s")
    # A result that is ready at once wins even with no time at all.
    done = asyncio.get_running_loop().create_future()
    done.set_result("ready")
    print(await asyncio.wait_for(done, timeout=0))


asyncio.run(main())
