# Testing a coroutine with the standard library: IsolatedAsyncioTestCase gives each
# test a fresh loop. There is no paused clock: a timeout test waits for real (so it
# uses a short limit), or patches the loop's time.
import asyncio
import time
import unittest


async def ask(reader, writer, question, limit):
    async with asyncio.timeout(limit):
        writer.write(f"{question}\n".encode())
        answer = await reader.readline()
    if not answer:
        raise ConnectionError("the peer hung up")
    return answer.decode().rstrip("\n")


class Peer:
    """A scripted peer: check what is written, answer what the script says."""

    def __init__(self, expect, answer=None):
        self.expect, self.answer = expect, answer
        self.buffer = asyncio.StreamReader()

    def write(self, data):
        assert data == self.expect, f"wrote {data!r}, expected {self.expect!r}"
        if self.answer is not None:
            self.buffer.feed_data(self.answer)

    async def readline(self):
        return await self.buffer.readline()


class AskTests(unittest.IsolatedAsyncioTestCase):
    async def test_the_scripted_peer_gives_the_answer(self):
        peer = Peer(b"PING\n", b"PONG\n")
        self.assertEqual(await ask(peer, peer, "PING", 2), "PONG")

    async def test_a_silent_peer_times_out(self):
        peer = Peer(b"PING\n")
        started = time.monotonic()
        with self.assertRaises(TimeoutError):
            await ask(peer, peer, "PING", 0.2)
        self.assertGreaterEqual(time.monotonic() - started, 0.2)  # real time, really spent


unittest.main(argv=["testing"], verbosity=2, exit=True)
