# The coroutine the exercise desugars: two awaits, and `greeting`, made between
# them, is alive across the second.
import asyncio


async def two_steps(name):
    print(f"{name}: step 1")
    await asyncio.sleep(1)
    greeting = f"hello, {name}"
    print(f"{name}: step 2")
    await asyncio.sleep(2)
    print(f"{name}: done")
    return greeting


print(asyncio.run(two_steps("ada")))
