# A blocking call in async code: asyncio.to_thread runs it on a pool thread, and the
# task awaits the result while the loop goes on with the others.
import asyncio
import hashlib
import time


def checksum(data):
    time.sleep(0.2)  # a synchronous library call that blocks
    return hashlib.sha256(data).hexdigest()[:16]


async def tick():
    for _ in range(3):
        await asyncio.sleep(0.05)
        print("the loop is free")


async def main():
    digest, _ = await asyncio.gather(asyncio.to_thread(checksum, b"data"), tick())
    print("checksum", digest)


asyncio.run(main())
