# Exercise 3 in Python: every job in a task, at most `limit` at a time, results in
# the order of the jobs.
import asyncio
import time


async def fan_out(jobs, limit):
    permits = asyncio.Semaphore(max(limit, 1))

    async def one(job):
        async with permits:
            return await job

    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(one(job)) for job in jobs]
    return [task.result() for task in tasks]


async def main():
    running = peak = 0

    async def job(value):
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.1)
        running -= 1
        return value

    start = time.monotonic()
    results = await fan_out([job(i) for i in range(10)], 3)
    took = time.monotonic() - start
    print(f"results {results}, peak {peak}, took {took:.1f}s")  # 4 rounds of 0.1s


asyncio.run(main())
