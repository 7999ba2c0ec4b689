# No broadcast queue in asyncio: one Queue per member, and a send that puts the
# message in each. Unbounded queues never lose a message, so a member who is away
# makes its queue grow without limit instead.
import asyncio


async def member(name, inbox, delay):
    await asyncio.sleep(delay)
    while (message := await inbox.get()) is not None:
        print(f"{name}: read {message!r}")


async def main():
    inboxes = {"bob": asyncio.Queue(), "carol": asyncio.Queue()}
    members = [
        asyncio.create_task(member("bob", inboxes["bob"], 0)),
        asyncio.create_task(member("carol", inboxes["carol"], 1)),
    ]
    for message in ["hi", "anyone?", "lunch?", "12:30", "at the usual"]:
        for inbox in inboxes.values():
            inbox.put_nowait(message)
        print(f"alice: sent {message!r} to {len(inboxes)}")
        await asyncio.sleep(0.1)
    for inbox in inboxes.values():
        inbox.put_nowait(None)  # the room closes
    await asyncio.gather(*members)


asyncio.run(main())
