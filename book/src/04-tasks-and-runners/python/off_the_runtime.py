# Exercise 2 in Python: a blocking call moved off the loop with run_in_executor,
# so the ticker keeps ticking while the call waits for it; and a call given up on
# before a thread was free for it never runs.
import asyncio
import concurrent.futures
import queue
import threading
import time


async def off_the_runtime(call):
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, call)


async def main():
    ticks = queue.Queue()

    async def ticker():
        for n in range(1, 4):
            await asyncio.sleep(0.005)
            ticks.put(n)

    def wait_for_three_ticks():
        until = time.monotonic() + 1
        seen = 0
        while seen < 3 and time.monotonic() < until:
            try:
                ticks.get(timeout=max(0.0, until - time.monotonic()))
                seen += 1
            except queue.Empty:
                break
        return seen

    ticking = asyncio.create_task(ticker())
    print("ticks seen by the blocking call:", await off_the_runtime(wait_for_three_ticks))
    await ticking

    # One thread for blocking calls, kept busy by a first call until released. A
    # second call waits for it; its awaiter gives up (wait_for cancels it), and
    # run_in_executor cancels the waiting call too, so it never runs.
    loop = asyncio.get_running_loop()
    ran = []
    release = threading.Event()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as one_thread:
        first = loop.run_in_executor(one_thread, release.wait)
        second = loop.run_in_executor(one_thread, lambda: ran.append("second"))
        try:
            await asyncio.wait_for(second, timeout=0.01)
        except TimeoutError:
            pass
        release.set()
        await first
    print("the call given up on before it started ran:", bool(ran))


asyncio.run(main())
