# Exercise 5 in Python: ask every source at once, the first Some wins, and the
# lookups still running are cancelled on the way out.
import asyncio
import time


class Table:
    def __init__(self, name, entries, delay=0.0):
        self.name, self.entries, self.delay = name, entries, delay

    async def lookup(self, key):
        await asyncio.sleep(self.delay)
        return self.entries.get(key)


async def first_answer(sources, key):
    pending = {asyncio.create_task(s.lookup(key)): s for s in sources}
    try:
        while pending:
            done, _ = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                source = pending.pop(task)
                if (value := task.result()) is not None:
                    return source.name, value
        return None
    finally:
        for task in pending:
            task.cancel()


async def main():
    sources = [
        Table("far", {"key": "far value"}, 0.3),
        Table("quick", {}),
        Table("near", {"key": "near value"}, 0.1),
    ]
    start = time.perf_counter()
    print(await first_answer(sources, "key"), f"after {time.perf_counter() - start:.1f}s")


asyncio.run(main())
