# Exercise 2 in Python: count under no lock at all (one thread, and no await between
# the read and the write), then save. The ten saves overlap.
import asyncio
import time


class Site:
    def __init__(self):
        self.counts = {}
        self.saved = []

    async def save(self, page, count):
        await asyncio.sleep(0.1)
        self.saved.append((page, count))


async def visit(site, page):
    site.counts[page] = site.counts.get(page, 0) + 1
    count = site.counts[page]
    await site.save(page, count)
    return count


async def main():
    site = Site()
    start = time.perf_counter()
    counts = await asyncio.gather(*(visit(site, "home") for _ in range(10)))
    print(sorted(counts), f"in {time.perf_counter() - start:.1f}s")


asyncio.run(main())
