# Bridge callback code to await: loop.create_future(), completed from another thread.
import asyncio
import threading
import time

start = time.monotonic()


def say(what):
    print(f"[{time.monotonic() - start:5.2f}s] {what}")


# ANCHOR: legacy
def legacy_get(url, on_done):
    """A callback-style client: returns at once, calls on_done(page, error) later
    on a worker thread."""

    def work():
        time.sleep(0.5)
        if url.startswith("http://"):
            on_done(f"<h1>{url}</h1>", None)
        else:
            on_done(None, ValueError(f"`{url}` is not an http:// URL"))

    threading.Thread(target=work).start()
# ANCHOR_END: legacy


# ANCHOR: bridge
async def get(url):
    loop = asyncio.get_running_loop()
    fut = loop.create_future()

    def on_done(page, error):
        say(f"callback: on the main thread? {threading.current_thread() is threading.main_thread()}")
        # A Future is not thread-safe: hand the result over to the loop's thread.
        if error is None:
            loop.call_soon_threadsafe(fut.set_result, page)
        else:
            loop.call_soon_threadsafe(fut.set_exception, error)

    legacy_get(url, on_done)
    return await fut
# ANCHOR_END: bridge


async def main():
    page = await get("http://example.com")
    say(f"page: {page}")


asyncio.run(main())
