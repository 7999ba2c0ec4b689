# requires: aiohttp
import asyncio
import time

import aiohttp

import local_server


async def download_site(session, url):
    async with session.get(url) as response:
        response.raise_for_status()
        return len(await response.read())


async def download_all_sites(sites, limit):
    semaphore = asyncio.Semaphore(limit)
    async with aiohttp.ClientSession() as session:

        async def bounded(url):
            async with semaphore:  # at most `limit` requests in flight
                return await download_site(session, url)

        return await asyncio.gather(*(bounded(url) for url in sites))


if __name__ == "__main__":
    sites = local_server.start()
    start_time = time.time()
    sizes = asyncio.run(download_all_sites(sites, 5))
    duration = time.time() - start_time
    print(f"Downloaded {len(sizes)} sites ({sum(sizes)} bytes) in {duration:.3f} seconds, 5 at a time")
