# async def methods on a Protocol just work: any object with the method will do,
# in a generic function, in a spawned task, or in a list of mixed types. And there
# is no async lambda, but a nested async def closes over (and changes) a local.
import asyncio
from typing import Protocol


class Fetch(Protocol):
    async def fetch(self, key: str) -> str | None: ...


class Memory:
    def __init__(self, table):
        self.table = table

    async def fetch(self, key):
        return self.table.get(key)


class Remote(Memory):
    async def fetch(self, key):
        await asyncio.sleep(0.2)
        return self.table.get(key)


async def first_found(sources: list[Fetch], key: str) -> str | None:
    for source in sources:
        if (value := await source.fetch(key)) is not None:
            return value
    return None


async def retry(attempts, pause, operation):
    for attempt in range(1, attempts + 1):
        try:
            return await operation(attempt)
        except RuntimeError:
            if attempt == attempts:
                raise
            await asyncio.sleep(pause)


async def main():
    remote = Remote({"home": "/index.html"})
    spawned = asyncio.create_task(remote.fetch("home"))  # no Send question asked
    print("spawned fetch:", await spawned)
    sources = [Memory({"home": "cached"}), Remote({"about": "/about.html"})]
    for key in ["home", "about", "nowhere"]:
        print(f"first_found({key!r}):", await first_found(sources, key))

    tried = []

    async def flaky(attempt):  # closes over `tried`, and appends across an await
        tried.append(attempt)
        await asyncio.sleep(0.05)
        if attempt <= 2:
            raise RuntimeError(f"attempt {attempt}: busy")
        return f"attempt {attempt}: done"

    print(await retry(5, 0.1, flaky), "tried", tried)


asyncio.run(main())
