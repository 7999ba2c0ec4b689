# contextvars: each task sees its own request id, and create_task copies the current
# context into the new task, so a child sees its parent's id.
import asyncio
import contextvars
import time

REQUEST_ID = contextvars.ContextVar("request_id", default=None)
START = time.monotonic()


def step(what):
    print(f"[{time.monotonic() - START:5.2f}s] request {REQUEST_ID.get()}: {what}")


async def handle(request_id, pause):
    REQUEST_ID.set(request_id)
    step("parsed")
    await asyncio.sleep(pause)
    step("answered")


async def child_sees(request_id):
    REQUEST_ID.set(request_id)
    return await asyncio.create_task(asyncio.sleep(0, REQUEST_ID.get()))


async def main():
    await asyncio.gather(asyncio.create_task(handle(1, 0.2)),
                         asyncio.create_task(handle(2, 0.1)))
    print("inside request 7, a child task sees", await asyncio.create_task(child_sees(7)))


asyncio.run(main())
