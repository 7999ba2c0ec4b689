# Breakfast one step at a time: 3 + 1 + 2 + 1 = 7 s. The exercise: 4 s.
import asyncio
import time


async def step(what, secs):
    print(f"{what}...")
    await asyncio.sleep(secs)
    print(f"{what}: done")


async def breakfast_in_turn():
    await step("boil the kettle", 3)
    await step("brew the tea", 1)  # needs the boiled kettle
    await step("toast the bread", 2)
    await step("butter the toast", 1)  # needs the toast


start = time.monotonic()
asyncio.run(breakfast_in_turn())
print(f"breakfast in {time.monotonic() - start:.0f} s")
