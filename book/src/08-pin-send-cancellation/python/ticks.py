# asyncio has no interval: a periodic loop is written by hand, and what it does after
# a slow turn is whatever the loop says. Sleeping a period after each turn adds the
# slow work to that gap (every tick after it is late); sleeping until start + n * period
# fires the missed ticks back to back, as tokio's default, Burst, does. The work on
# tick 2 takes 0.35 s, as in the Rust demo.
import asyncio

PERIOD, SLOW = 0.1, 0.35


async def tick_times(catch_up):
    loop = asyncio.get_running_loop()
    start = loop.time()
    times = []
    for n in range(1, 7):
        times.append(f"{(loop.time() - start) * 1000:.0f}ms")
        if n == 2:
            await asyncio.sleep(SLOW)
        if catch_up:
            await asyncio.sleep(max(0.0, start + n * PERIOD - loop.time()))
        else:
            await asyncio.sleep(PERIOD)
    return times


async def main():
    print("sleep(period) each turn:   ", " ".join(await tick_times(catch_up=False)))
    print("sleep until start + n*period:", " ".join(await tick_times(catch_up=True)))


asyncio.run(main())
