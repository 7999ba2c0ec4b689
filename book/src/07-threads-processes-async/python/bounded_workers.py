import asyncio
import time


async def download_site(seconds):
    await asyncio.sleep(seconds)  # stands in for the network
    return seconds


async def download_bounded(sites, limit):
    # `limit` workers take the next site from a shared iterator: only `limit`
    # coroutines exist at any time, however many sites there are.
    results = [None] * len(sites)
    todo = iter(enumerate(sites))

    async def worker():
        for index, site in todo:
            results[index] = await download_site(site)

    await asyncio.gather(*(worker() for _ in range(limit)))
    return results


if __name__ == "__main__":
    started = time.time()
    results = asyncio.run(download_bounded([1.0, 0.1, 0.1, 0.1, 0.1], 2))
    print(f"{results} in {time.time() - started:.1f} s")
