# asyncio.get_running_loop() (tokio: Handle::current()): the loop running this
# coroutine, as a handle that a worker thread can use to run coroutines on it.
import asyncio
import threading

PRICES = {"apple": 3, "pear": 4}
ran_on = set()


async def fetch_price(item):
    ran_on.add(threading.current_thread().name)
    await asyncio.sleep(0.1)
    return PRICES[item]


# Sync code on a worker thread, calling back into the loop through its handle: the
# coroutine runs on the loop's thread, and this thread only waits for its result.
def legacy_total(loop, items):
    print("legacy_total runs on", threading.current_thread().name)
    return sum(asyncio.run_coroutine_threadsafe(fetch_price(i), loop).result() for i in items)


async def total_via_legacy(items):
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, legacy_total, loop, items)


print("legacy_total:", asyncio.run(total_via_legacy(["apple", "pear", "apple"])))
print("fetch_price ran on", ", ".join(sorted(ran_on)))

# Outside a running loop there is no loop to hand out.
try:
    asyncio.get_running_loop()
except RuntimeError as error:
    print("get_running_loop() outside a loop: RuntimeError:", error)
