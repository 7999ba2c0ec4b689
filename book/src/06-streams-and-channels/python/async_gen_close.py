# An async generator left half-way: its finally runs only when someone closes it.
# Breaking out of `async for` does not; aclose() (or contextlib.aclosing) does, and
# otherwise it stays open until it is garbage-collected or, as here, until
# asyncio.run shuts the loop down.
import asyncio
import contextlib


async def ticks(name):
    try:
        for n in range(1, 10):
            yield n
            await asyncio.sleep(0)
    finally:
        print(f"{name}: finally (closed)")


async def main():
    left = ticks("left open")
    async for n in left:
        if n == 2:
            break
    print("main: broke out of the first loop")

    async with contextlib.aclosing(ticks("aclosing")) as closing:
        async for n in closing:
            if n == 2:
                break
    print("main: left the aclosing block")
    await asyncio.sleep(0.1)
    print("main returns")


asyncio.run(main())
