# Many tasks: asyncio.TaskGroup to start and wait for them, as_completed for the
# order in which they finish.
import asyncio


async def fetch(name, secs):
    await asyncio.sleep(secs)
    return name


async def main():
    jobs = [("slow", 3), ("quick", 1), ("middle", 2), ("also quick", 1)]
    finished = []
    for next_done in asyncio.as_completed([fetch(name, secs) for name, secs in jobs]):
        finished.append(await next_done)
    print("finished in the order", finished)

    # Leaving a TaskGroup waits for every task; if one fails, it cancels the rest.
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(fetch(name, secs)) for name, secs in jobs]
    print("results in the order started:", [task.result() for task in tasks])


asyncio.run(main())
