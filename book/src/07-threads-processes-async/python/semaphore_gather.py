import asyncio
import time


async def download_site(seconds):
    await asyncio.sleep(seconds)  # stands in for the network
    return seconds


async def download_all_sites(sites, limit):
    semaphore = asyncio.Semaphore(limit)

    async def bounded(site):
        async with semaphore:  # the permit is held until the block ends
            return await download_site(site)

    return await asyncio.gather(*(bounded(site) for site in sites))


if __name__ == "__main__":
    started = time.time()
    # One slow site and four quick ones, 2 at a time: the quick ones take turns in
    # the second slot while the slow one runs, so it all takes 1.0 s, not 1.2 s.
    results = asyncio.run(download_all_sites([1.0, 0.1, 0.1, 0.1, 0.1], 2))
    print(f"{results} in {time.time() - started:.1f} s")
