import asyncio

total = 0


async def worker(adds):
    global total
    for _ in range(adds):
        seen = total
        await asyncio.sleep(0)  # another task may run here...
        total = seen + 1  # ...and its add is overwritten


async def shared_total(workers, adds):
    await asyncio.gather(*(worker(adds) for _ in range(workers)))
    return total


print(asyncio.run(shared_total(4, 100)), "of", 4 * 100)
