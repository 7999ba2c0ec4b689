# "Never expose Future objects in user-facing APIs": expose a coroutine function.
import asyncio
import threading
import time

failures_left = 2


def legacy_get(url, on_done):
    """A flaky callback-style client: its first two requests fail."""

    def work():
        global failures_left
        time.sleep(0.1)
        if failures_left > 0:
            failures_left -= 1
            on_done(None, ConnectionError(f"{url} is unavailable, try again"))
        else:
            on_done(f"<h1>{url}</h1>", None)

    threading.Thread(target=work).start()


def get_future(url):
    """Internal: one request as a bare Future."""
    loop = asyncio.get_running_loop()
    fut = loop.create_future()

    def on_done(page, error):
        if error is None:
            loop.call_soon_threadsafe(fut.set_result, page)
        else:
            loop.call_soon_threadsafe(fut.set_exception, error)

    legacy_get(url, on_done)
    return fut


# ANCHOR: fetch
# Don't hand callers get_future()'s Future: they could set_result() on it, it is
# tied to one loop, and a retry cannot be added without changing what it returns.
async def fetch(url, attempts=3):
    for attempt in range(1, attempts + 1):
        try:
            return await get_future(url)
        except ConnectionError:
            if attempt == attempts:
                raise
# ANCHOR_END: fetch


async def main():
    start = time.monotonic()
    page = await fetch("http://flaky.example")
    print(f"[{time.monotonic() - start:5.2f}s] fetch, 3 attempts: {page!r}")


asyncio.run(main())
