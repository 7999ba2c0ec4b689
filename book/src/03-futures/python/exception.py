# The result may be an exception: set_exception makes `await fut` raise.
import asyncio
import threading
import time

start = time.monotonic()


def say(what):
    print(f"[{time.monotonic() - start:5.2f}s] {what}")


def legacy_get(url, on_done, closed=False):
    """A callback-style client; a closed one forgets its callbacks."""
    if closed:
        return  # on_done is never called

    def work():
        time.sleep(0.2)
        if url.startswith("http://"):
            on_done(f"<h1>{url}</h1>", None)
        else:
            on_done(None, ValueError(f"`{url}` is not an http:// URL"))

    threading.Thread(target=work).start()


async def get(url, closed=False):
    loop = asyncio.get_running_loop()
    fut = loop.create_future()

    def on_done(page, error):
        if error is None:
            loop.call_soon_threadsafe(fut.set_result, page)
        else:
            loop.call_soon_threadsafe(fut.set_exception, error)

    legacy_get(url, on_done, closed)
    return await fut


async def main():
    for url in ["http://example.com", "ftp://example.com"]:
        try:
            say(f"{url}: {await get(url)}")
        except ValueError as error:
            say(f"{url}: raised {error!r}")
    try:
        # Nobody will ever set this future; without a timeout, this waits forever.
        await asyncio.wait_for(get("http://example.com", closed=True), timeout=1)
    except TimeoutError:
        say("closed client: still waiting after 1 s, gave up")


asyncio.run(main())
