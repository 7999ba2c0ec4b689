# "The latest value": a plain attribute, and an Event that says it changed.
import asyncio


class Watch:
    def __init__(self, value):
        self.value, self.closed = value, False
        self.changed = asyncio.Event()

    def send(self, value):
        self.value = value  # replaces it; never waits
        self.changed.set()


async def thermometer(watch):
    for reading in range(1, 11):
        await asyncio.sleep(0.1)
        watch.send(reading)
    watch.closed = True


async def main():
    watch = Watch(0)
    task = asyncio.create_task(thermometer(watch))
    shown = []
    while True:
        await watch.changed.wait()
        watch.changed.clear()
        shown.append(watch.value)
        if watch.closed:
            break
        await asyncio.sleep(0.23)  # a slow redraw
    await task
    print(f"a display that takes 230ms to redraw showed {shown}")


asyncio.run(main())
