# An exception inside a task is kept in the task and raised where it is awaited;
# the other tasks carry on.
import asyncio


async def buggy_job():
    await asyncio.sleep(1)
    sizes = []
    return sizes[0]  # IndexError


async def steady_job():
    await asyncio.sleep(2)
    return 42


async def main():
    buggy = asyncio.create_task(buggy_job())
    steady = asyncio.create_task(steady_job())
    try:
        await buggy
    except IndexError as error:
        print(f"buggy task raised: {error!r}")
    print(f"steady task: {await steady}")


asyncio.run(main())
