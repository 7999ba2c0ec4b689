# Cleanup that awaits, on cancellation: CancelledError is raised at the task's await,
# and its finally block may await as long as it likes before the task ends.
import asyncio

loop_start = None


def say(lane, what):
    print(f"[{asyncio.get_running_loop().time() - loop_start:5.2f}s] {lane}: {what}")


class Connection:
    def __init__(self, name):
        self.name = name

    async def close(self):
        await asyncio.sleep(0.1)  # goodbye, flush, close-notify
        say(self.name, "closed properly")


async def serve(connection):
    try:
        await asyncio.Event().wait()  # work on the connection for ever
    finally:
        await connection.close()  # runs on cancel too, and awaits


async def main():
    global loop_start
    loop_start = asyncio.get_running_loop().time()
    task = asyncio.create_task(serve(Connection("conn")))
    await asyncio.sleep(0.2)
    task.cancel()
    try:
        await task  # returns only after the finally block has finished
    except asyncio.CancelledError:
        say("main", "cancelled the task, awaited it, went on")


asyncio.run(main())
