# requires: requests
import concurrent.futures
import threading
import time

import requests

import local_server

thread_local = threading.local()


def get_session():
    if not hasattr(thread_local, "session"):
        thread_local.session = requests.Session()
    return thread_local.session


def download_site(url):
    session = get_session()
    with session.get(url) as response:
        # The notes print f"Read {len(response.content)} from {url}" here; we check
        # the page instead, and print one line at the end.
        response.raise_for_status()
        assert len(response.content) == local_server.BODY_SIZE, url
        return len(response.content)


def download_all_sites(sites):
    with concurrent.futures.ThreadPoolExecutor(max_workers=5) as executor:
        return list(executor.map(download_site, sites))


if __name__ == "__main__":
    sites = local_server.start()  # the notes' 80 sites, served on 127.0.0.1
    start_time = time.time()
    sizes = download_all_sites(sites)
    duration = time.time() - start_time
    print(f"Downloaded {len(sizes)} sites ({sum(sizes)} bytes) in {duration:.3f} seconds with 5 threads")
