# Exercise 2: asyncio.wait with a timeout hands back two unordered sets.
import asyncio


async def job(value, secs, fails=False):
    await asyncio.sleep(secs)
    if fails:
        raise RuntimeError(f"{value} broke")
    return value


async def main():
    tasks = [
        asyncio.create_task(job("a", 1)),
        asyncio.create_task(job("b", 5)),
        asyncio.create_task(job("c", 2, fails=True)),
    ]
    done, pending = await asyncio.wait(tasks, timeout=3)
    for task in pending:
        task.cancel()
    # What your gather_partial returns instead, in argument order:
    outcomes = []
    for task in tasks:
        if task in pending:
            outcomes.append("Unfinished")
        elif task.exception() is not None:
            outcomes.append(f"Failed({task.exception()})")
        else:
            outcomes.append(f"Done({task.result()})")
    print(outcomes)  # ['Done(a)', 'Unfinished', 'Failed(c broke)']


asyncio.run(main())
