import asyncio
import time


async def spawn_all(coros):
    tasks = [asyncio.create_task(coro) for coro in coros]  # all running now
    results = []
    for task in tasks:
        try:
            results.append(await task)
        except Exception as error:
            results.append(error)
    return results


async def job(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise RuntimeError(f"{name} broke")
    return name


async def main():
    start = time.perf_counter()
    results = await spawn_all([job("a", 0.3), job("b", 0.1, fail=True), job("c", 0.2)])
    print(results, f"in {time.perf_counter() - start:.1f}s")


asyncio.run(main())
