import asyncio


async def first_ok(aws):
    tasks = [asyncio.ensure_future(aw) for aw in aws]
    pending = set(tasks)
    try:
        while pending:
            done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                if task.exception() is None:
                    return task.result()
        raise ExceptionGroup("all failed", [task.exception() for task in tasks])
    finally:
        for task in pending:
            task.cancel()


async def mirror(delay, file=None):
    await asyncio.sleep(delay)
    if file is None:
        raise ConnectionError(f"mirror down after {delay}s")
    return file


async def main():
    print(await first_ok([mirror(0.1), mirror(0.3, "from b"), mirror(0.2, "from c")]))
    try:
        await first_ok([mirror(0.3), mirror(0.1), mirror(0.2)])
    except ExceptionGroup as group:
        print([str(error) for error in group.exceptions])


asyncio.run(main())
