# Python asks nothing of what a task uses: a task may read a local list of the
# coroutine that created it, and share it with other tasks, with no lock, because
# every task runs on the loop's one thread and the garbage collector keeps the
# list alive for as long as anyone refers to it.
import asyncio


async def greet_all():
    names = ["hello", "world"]
    greeted = []

    async def greet(index, delay):
        await asyncio.sleep(delay)
        greeted.append(names[index])

    await asyncio.gather(asyncio.create_task(greet(0, 2)), asyncio.create_task(greet(1, 1)))
    return greeted


print(asyncio.run(greet_all()))
