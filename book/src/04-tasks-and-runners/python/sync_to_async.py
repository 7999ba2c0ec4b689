# Async code from sync code: asyncio.run (or a kept Runner) from plain sync code;
# run_coroutine_threadsafe from a worker thread back into the running loop.
import asyncio

PRICES = {"apple": 3, "pear": 4}


async def fetch_price(item):
    await asyncio.sleep(0.1)
    if item not in PRICES:
        raise KeyError(f"no price for {item!r}")
    return PRICES[item]


# Plain sync code: a Runner kept for several calls, as BlockingPrices keeps a Runtime.
with asyncio.Runner() as runner:
    print("apple:", runner.run(fetch_price("apple")))
    print("pear: ", runner.run(fetch_price("pear")))
    try:
        runner.run(fetch_price("kiwi"))
    except KeyError as error:
        print("kiwi:  error:", error)


# Sync code called from async code on a worker thread, calling back into the loop.
def legacy_total(loop, items):
    return sum(asyncio.run_coroutine_threadsafe(fetch_price(i), loop).result() for i in items)


async def total_via_legacy(items):
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, legacy_total, loop, items)


print("legacy_total:", asyncio.run(total_via_legacy(["apple", "pear", "apple"])))


# And the mistake: asyncio.run inside a running loop is refused.
async def nested():
    coro = fetch_price("apple")
    try:
        asyncio.run(coro)
    except RuntimeError as error:
        coro.close()
        print("asyncio.run inside a loop:", error)


asyncio.run(nested())
