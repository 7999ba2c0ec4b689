# asyncio.run drives one coroutine. Here it waits on a Future that another thread
# completes: the thread cannot touch the loop directly, so it asks the loop to set
# the result with call_soon_threadsafe, which also wakes the loop from its select().
import asyncio
import threading
import time


def work(loop, future):
    time.sleep(0.2)
    print("worker: done, waking the loop")
    loop.call_soon_threadsafe(future.set_result, 42)


async def main():
    loop = asyncio.get_running_loop()
    future = loop.create_future()
    threading.Thread(target=work, args=(loop, future)).start()
    print("main: awaiting the future; the loop sleeps in select()")
    print(f"main: got {await future}")


asyncio.run(main())
