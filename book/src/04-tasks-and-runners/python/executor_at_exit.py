# run_in_executor's default pool, and what asyncio.run does with a job still running
# in it when main returns: it waits for the job (since 3.12, for at most 5 minutes).
import asyncio
import concurrent.futures
import os
import time


def blocking_job():
    time.sleep(1)
    print("the blocking job finishes")


async def main():
    loop = asyncio.get_running_loop()
    loop.run_in_executor(None, blocking_job)  # started, and never awaited
    await asyncio.sleep(0.1)
    print("main returns")


# The pool run_in_executor(None, ...) creates is a ThreadPoolExecutor() of this size
# (_max_workers is private; it is read here only to show the figure).
pool = concurrent.futures.ThreadPoolExecutor()
print("default pool size == min(32, os.cpu_count() + 4):", pool._max_workers == min(32, os.cpu_count() + 4))
start = time.monotonic()
asyncio.run(main())
print(f"asyncio.run returned after {time.monotonic() - start:.1f}s")
