import asyncio


class Latch:
    def __init__(self, count):
        self.remaining, self.done = count, asyncio.Event()
        if count == 0:
            self.done.set()

    def count_down(self):
        self.remaining = max(0, self.remaining - 1)
        if self.remaining == 0:
            self.done.set()  # wakes whoever waits

    async def wait(self):
        await self.done.wait()


async def download(latch, name, seconds):
    await asyncio.sleep(seconds)
    print("downloaded", name)
    latch.count_down()


async def main():
    latch = Latch(3)
    for name, seconds in [("a", 0.3), ("b", 0.1), ("c", 0.2)]:
        asyncio.create_task(download(latch, name, seconds))
    await latch.wait()
    print("all three are in")


asyncio.run(main())
