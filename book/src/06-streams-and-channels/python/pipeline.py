# Exercise 2 in Python: source -> square -> sink, joined by queues of size 1.
import asyncio
import time


async def source(inputs, out, start):
    for n in inputs:
        await out.put(n)  # waits while `out` is full
        print(f"[{time.monotonic() - start:5.2f}s] source: sent {n}")
    await out.put(None)


async def square(inp, out):
    while (n := await inp.get()) is not None:
        await out.put(n * n)
    await out.put(None)


async def sink(inp, work):
    results = []
    while (n := await inp.get()) is not None:
        results.append(n)
        await asyncio.sleep(work)
    return results


async def main():
    start = time.monotonic()
    numbers, squares = asyncio.Queue(1), asyncio.Queue(1)
    _, _, results = await asyncio.gather(
        source(range(6), numbers, start), square(numbers, squares), sink(squares, 0.1)
    )
    print(results)


asyncio.run(main())
