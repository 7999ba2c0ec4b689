# asyncio.run: a new event loop for each call, closed at the end. Tasks still
# running when the coroutine returns are cancelled.
import asyncio


async def answer():
    await asyncio.sleep(0.01)
    return 42


async def spawn_and_return(log):
    async def hour_long():
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            log.append("cancelled by asyncio.run")
            raise

    asyncio.create_task(hour_long())
    await asyncio.sleep(0)  # let the task start


print("asyncio.run(answer()) =", asyncio.run(answer()))
log = []
asyncio.run(spawn_and_return(log))
print("the leftover task:", log)
