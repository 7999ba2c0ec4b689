# Async code from plain sync code: asyncio.run, or a Runner kept for several calls.
# (From a worker thread back into a running loop: running_loop.py.)
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


# And the mistake: asyncio.run inside a running loop is refused.
async def nested():
    coro = fetch_price("apple")
    try:
        asyncio.run(coro)
    except RuntimeError as error:
        coro.close()
        print("asyncio.run inside a loop:", error)


asyncio.run(nested())
