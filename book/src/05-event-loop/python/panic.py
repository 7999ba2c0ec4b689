# An exception inside a task is stored in the task; awaiting the task re-raises it.
# The loop and the other tasks carry on.
import asyncio


async def bad():
    await asyncio.sleep(0)
    return 1 / 0


async def good():
    for _ in range(3):
        await asyncio.sleep(0)
    return "the other task finished"


async def main():
    results = await asyncio.gather(bad(), good(), return_exceptions=True)
    print(f"bad task:  {results[0]!r}")
    print(f"good task: {results[1]!r}")


asyncio.run(main())
print("the loop still runs:", asyncio.run(asyncio.sleep(0, result=2)))
