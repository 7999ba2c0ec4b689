# Exercise 3 in Python: batches on a steady rhythm, the rest sent when the input
# closes (None), no empty batches.
import asyncio


async def batch(input, output, period):
    loop = asyncio.get_running_loop()
    gathered, next_flush = [], loop.time() + period
    while True:
        try:
            message = await asyncio.wait_for(input.get(), next_flush - loop.time())
        except TimeoutError:
            if gathered:
                await output.put(gathered)
                gathered = []
            next_flush += period
            continue
        if message is None:
            if gathered:
                await output.put(gathered)
            await output.put(None)
            return
        gathered.append(message)


async def main():
    input, output = asyncio.Queue(), asyncio.Queue()
    batcher = asyncio.create_task(batch(input, output, 0.1))
    for n in range(1, 10):
        await asyncio.sleep(0.03)
        await input.put(str(n))
    await input.put(None)
    while (got := await output.get()) is not None:
        print(got)
    await batcher


asyncio.run(main())
