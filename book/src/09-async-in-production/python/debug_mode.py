# asyncio's debug mode: every step of every task is timed, and a step longer than
# loop.slow_callback_duration (0.1 s) is logged with the task that took it.
import asyncio
import logging
import sys
import time

logging.basicConfig(stream=sys.stdout, level=logging.WARNING, format="%(levelname)s %(message)s")


async def fetch():
    await asyncio.sleep(0.3)  # waits: fine


async def report():
    await asyncio.sleep(0.1)
    time.sleep(0.2)  # blocks the loop: logged


async def main():
    await asyncio.gather(asyncio.create_task(fetch(), name="fetch"),
                         asyncio.create_task(report(), name="report"))


asyncio.run(main(), debug=True)
