# A bounded asyncio.Queue: put() waits while the queue is full, so the producer
# runs at the consumer's pace.
import asyncio
import time


async def main(capacity):
    start = time.monotonic()
    stamp = lambda: f"[{time.monotonic() - start:5.2f}s]"
    queue = asyncio.Queue(maxsize=capacity)

    async def producer():
        for item in range(5):
            await queue.put(item)  # waits while full
            print(stamp(), f"producer: sent {item}")
        await queue.put(None)  # the sentinel: Rust drops the Sender instead

    async def consumer():
        while (item := await queue.get()) is not None:
            print(stamp(), f"consumer: got {item}")
            await asyncio.sleep(0.25)

    await asyncio.gather(producer(), consumer())


print("capacity 2, the consumer takes 250ms a value:")
asyncio.run(main(2))
