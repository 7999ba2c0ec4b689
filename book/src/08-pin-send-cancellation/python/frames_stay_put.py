# A coroutine's frame lives on the heap, and every name for it holds a reference.
# "Moving" a task from one list to another moves a reference; the frame, and the
# buffer its locals point into, never move, so a view into a local is always safe.
import asyncio


async def self_borrowing(addresses):
    buffer = bytearray(b"\x07" * 64)
    view = memoryview(buffer)  # a "borrow" of the frame's own local
    for _ in range(3):
        addresses.append(id(buffer))
        await asyncio.sleep(0)  # suspended here, view and buffer kept in the frame
    return sum(view)


async def main():
    addresses = []
    task = asyncio.create_task(self_borrowing(addresses))
    await asyncio.sleep(0)  # the task has run to its first await
    moved = [task]  # a new reference in a list; nothing is copied
    print("awaited after moving:", await moved.pop())
    print(f"the buffer was at {len(set(addresses))} address over {len(addresses)} steps")


asyncio.run(main())
