# Exercise 3: a future completed from another thread.
import asyncio
import threading


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    threading.Thread(target=lambda: loop.call_soon_threadsafe(fut.set_result, 42)).start()
    print(await fut)  # 42

    # A future whose setter is gone is never set: only a timeout gets you out.
    lost = loop.create_future()
    try:
        await asyncio.wait_for(lost, timeout=0.5)
    except TimeoutError:
        print("never set: waited until the timeout")


asyncio.run(main())
