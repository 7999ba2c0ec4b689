# asyncio's Lock, Semaphore, Barrier and Condition, in the demo's four scenes.
import asyncio
import time

START = time.monotonic()


def say(who, what):
    print(f"[{time.monotonic() - START:5.2f}s] {who}: {what}")


async def locked_updates():
    lock, balance = asyncio.Lock(), {"value": 100}

    async def update(who, amount):
        async with lock:
            read = balance["value"]
            await asyncio.sleep(0.1)  # held across the await, as in Rust
            balance["value"] = read + amount
            say(who, f"balance {read} -> {balance['value']}")

    await asyncio.gather(update("alice", 10), update("bob", 20))
    return balance["value"]


async def two_at_a_time():
    permits = asyncio.Semaphore(2)

    async def download(name, secs):
        async with permits:
            say(name, "start")
            await asyncio.sleep(secs)
            say(name, "end")

    # Twice the Rust demo's durations: the same order of events, with 0.1 s between
    # the closest two, so a busy machine cannot swap them.
    jobs = [("a", 0.6), ("b", 0.2), ("c", 0.5), ("d", 0.2), ("e", 0.2)]
    await asyncio.gather(*(download(name, secs) for name, secs in jobs))


async def start_together():
    barrier = asyncio.Barrier(3)

    async def worker(name, loading):
        await asyncio.sleep(loading)
        say(name, "loaded, waiting")
        position = await barrier.wait()
        say(name, "go (leader)" if position == 0 else "go")

    await asyncio.gather(worker("w1", 0.1), worker("w2", 0.3), worker("w3", 0.2))


async def wait_for_stock():
    condition, stock = asyncio.Condition(), {"count": 0}

    async def producer():
        for count in range(1, 6):
            await asyncio.sleep(0.1)
            async with condition:
                stock["count"] = count
                say("producer", f"stock = {count}")
                condition.notify_all()

    task = asyncio.create_task(producer())
    async with condition:
        await condition.wait_for(lambda: stock["count"] >= 3)
        say("consumer", f"woke up with stock = {stock['count']}")
    await task


async def main():
    print("final balance", await locked_updates())
    await two_at_a_time()
    await start_together()
    await wait_for_stock()


asyncio.run(main())
