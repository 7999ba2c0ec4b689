# What asyncio says about itself: the tasks that are alive, and little more.
import asyncio


async def main():
    print("alive tasks at the start:", len(asyncio.all_tasks()))  # main itself
    sleepers = [asyncio.create_task(asyncio.sleep(0.2)) for _ in range(10)]
    print("ten sleeping tasks created:", len(asyncio.all_tasks()))
    await asyncio.gather(*sleepers)
    print("the ten have ended:", len(asyncio.all_tasks()))


asyncio.run(main())
