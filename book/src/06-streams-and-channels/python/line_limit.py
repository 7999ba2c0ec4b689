# StreamReader's limit: `readuntil` refuses a line longer than the limit instead of
# buffering it, and a peer that hangs up mid-line gives IncompleteReadError, whose
# `.partial` is the half line (`readline()` would return it as if it were whole).
import asyncio


async def skip_line(reader):
    """Throw away the rest of a long line, up to its newline, a piece at a time."""
    while True:
        try:
            await reader.readuntil(b"\n")
            return
        except asyncio.LimitOverrunError as error:
            await reader.readexactly(error.consumed)


async def read_lines(data, limit):
    reader = asyncio.StreamReader(limit=limit)
    reader.feed_data(data)
    reader.feed_eof()
    while True:
        try:
            line = await reader.readuntil(b"\n")
            print(f"  line {line!r}")
        except asyncio.LimitOverrunError:
            print("  too long: skipped up to its newline")
            await skip_line(reader)
        except asyncio.IncompleteReadError as error:
            if error.partial:
                print(f"  hung up mid-line: {error.partial!r} is not a command")
            return


print("limit=8:")
asyncio.run(read_lines(b"GET a\n" + b"x" * 200 + b"DEL all\nGET b\nSET c", limit=8))
