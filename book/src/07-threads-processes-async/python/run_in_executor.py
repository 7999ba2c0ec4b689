import asyncio
import concurrent.futures
import time


def cpu_bound(number):
    return sum(i * i for i in range(number))


async def heartbeat(beats):
    # Runs only when the event loop is free: it shows the loop kept going.
    for _ in range(beats):
        await asyncio.sleep(0.05)
        print("  the event loop is free", flush=True)


async def main():
    loop = asyncio.get_running_loop()
    with concurrent.futures.ProcessPoolExecutor() as pool:
        started = time.time()
        job = loop.run_in_executor(pool, cpu_bound, 3_000_000)
        total, _ = await asyncio.gather(job, heartbeat(3))
        print(f"cpu_bound(3_000_000) = {total}, awaited in {time.time() - started:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
