# asyncio.wait(FIRST_COMPLETED) hands back the winners and the losers: the losers
# keep running, as tasks, until somebody cancels them. And the timeout pitfall
# exists here too: a timeout per message is an idle timeout; one deadline for the
# whole loop is asyncio.timeout() around it.
import asyncio


async def send_every(queue, count, every):
    for n in range(1, count + 1):
        await asyncio.sleep(every)
        await queue.put(n)
    await queue.put(None)  # "the channel is closed"


async def until_quiet(queue, limit):
    received = []
    try:
        while (message := await asyncio.wait_for(queue.get(), limit)) is not None:
            received.append(message)
    except TimeoutError:
        pass
    return received


async def until_deadline(queue, limit):
    received = []
    try:
        async with asyncio.timeout(limit):
            while (message := await queue.get()) is not None:
                received.append(message)
    except TimeoutError:
        pass
    return received


async def main():
    slow = asyncio.create_task(asyncio.sleep(0.5, result="slow"))
    quick = asyncio.create_task(asyncio.sleep(0.1, result="quick"))
    done, pending = await asyncio.wait({slow, quick}, return_when=asyncio.FIRST_COMPLETED)
    print("done:", [task.result() for task in done], "pending:", len(pending))
    print("the loser is still running, and finishes:", await slow)

    for receive in [until_quiet, until_deadline]:
        queue = asyncio.Queue()
        sender = asyncio.create_task(send_every(queue, 6, 0.3))
        print(f"{receive.__name__}: {await receive(queue, 1.0)}")
        sender.cancel()


asyncio.run(main())
