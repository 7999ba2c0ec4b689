# requires: aiohttp
import asyncio
import time

import aiohttp

import local_server


async def download_site(session, url):
    async with session.get(url) as response:
        response.raise_for_status()
        body = await response.read()
        assert len(body) == local_server.BODY_SIZE, url
        return len(body)


async def download_all_sites(sites):
    async with aiohttp.ClientSession() as session:
        tasks = [download_site(session, url) for url in sites]
        return await asyncio.gather(*tasks)


if __name__ == "__main__":
    sites = local_server.start()
    start_time = time.time()
    sizes = asyncio.run(download_all_sites(sites))
    duration = time.time() - start_time
    print(f"Downloaded {len(sizes)} sites ({sum(sizes)} bytes) in {duration:.3f} seconds with asyncio")
