# A chat relay as a list of bounded queues, one per member. `await inbox.put(...)`
# waits for a full inbox, so one member who does not read stalls everyone;
# `put_nowait` never waits, and a full inbox just misses the message.
import asyncio


async def relay(commands, wait_for_each):
    members, dropped = [], 0
    while (command := await commands.get()) is not None:
        kind, value = command
        if kind == "join":
            members.append(value)
            continue
        for inbox in members:
            if wait_for_each:
                await inbox.put(value)  # waits while this inbox is full
            else:
                try:
                    inbox.put_nowait(value)
                except asyncio.QueueFull:
                    dropped += 1  # behind: this member misses this message
    return dropped


async def room(wait_for_each):
    commands = asyncio.Queue()
    sleepy, keen = asyncio.Queue(maxsize=1), asyncio.Queue(maxsize=16)
    task = asyncio.create_task(relay(commands, wait_for_each))
    for command in [("join", sleepy), ("join", keen)]:
        commands.put_nowait(command)
    for text in ["one", "two", "three", "four", "five"]:
        commands.put_nowait(("say", text))
    commands.put_nowait(None)
    try:
        dropped = await asyncio.wait_for(task, timeout=0.5)
        print(f"  the room closed; keen read {keen.qsize()}, sleepy missed {dropped}")
    except asyncio.TimeoutError:
        print(f"  stuck: keen read {keen.qsize()}, the relay waits for sleepy")


print("await inbox.put(...) for each member:")
asyncio.run(room(wait_for_each=True))
print("inbox.put_nowait(...), QueueFull skipped:")
asyncio.run(room(wait_for_each=False))
