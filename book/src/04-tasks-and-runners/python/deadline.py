# Exercise 2 in Python: run some work as a task, cancel it at the deadline, and
# report the steps it finished.
import asyncio


class Progress:
    def __init__(self):
        self.steps = []

    def done(self, step):
        self.steps.append(step)

    def finished(self):
        return list(self.steps)


async def run_until(deadline, work):
    progress = Progress()
    task = asyncio.create_task(work(progress))
    done, _ = await asyncio.wait({task}, timeout=deadline)
    if not done:
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            return progress.finished(), "cancelled"
    if task.exception():
        return progress.finished(), "panicked"
    return progress.finished(), "finished"


async def three_steps(progress):
    for step in ["a", "b", "c"]:
        await asyncio.sleep(0.1)
        progress.done(step)


async def main():
    print(await run_until(0.25, three_steps))  # (['a', 'b'], 'cancelled')
    print(await run_until(1.0, three_steps))  # (['a', 'b', 'c'], 'finished')


asyncio.run(main())
