# Exercise 4 in Python: readexactly is cancel safe for free, because the bytes it has
# seen stay in the StreamReader's buffer; a cut-short frame raises
# IncompleteReadError.
import asyncio


async def read_frame(reader):
    try:
        length = (await reader.readexactly(1))[0]
    except asyncio.IncompleteReadError as end:
        if end.partial:
            raise
        return None  # a clean end, between two frames
    return await reader.readexactly(length)


async def main():
    reader = asyncio.StreamReader()
    reader.feed_data(b"\x03one\x03two\x05thr")  # two frames and a half
    reader.feed_data(b"ee")
    reader.feed_eof()
    while (frame := await read_frame(reader)) is not None:
        print(frame)


asyncio.run(main())
