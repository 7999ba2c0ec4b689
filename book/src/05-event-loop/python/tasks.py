# create_task puts a coroutine on the loop's ready queue; `await asyncio.sleep(0)`
# sends the task to the back of the queue, so three tasks take turns.
import asyncio


async def worker(name):
    for step in range(1, 4):
        print(f"task {name}: step {step}")
        await asyncio.sleep(0)
    return f"{name} done"


async def main():
    tasks = [asyncio.create_task(worker(name)) for name in "abc"]
    print("main: spawned 3 tasks; none has run yet")
    results = [await task for task in tasks]
    print(f"main: joined {results}")


asyncio.run(main())
