# requires: requests
import time

import requests

import local_server


def download_site(url, session):
    with session.get(url) as response:
        response.raise_for_status()
        assert len(response.content) == local_server.BODY_SIZE, url
        return len(response.content)


def download_all_sites(sites):
    with requests.Session() as session:
        return [download_site(url, session) for url in sites]


if __name__ == "__main__":
    sites = local_server.start()
    start_time = time.time()
    sizes = download_all_sites(sites)
    duration = time.time() - start_time
    print(f"Downloaded {len(sizes)} sites ({sum(sizes)} bytes) in {duration:.3f} seconds, sequentially")
