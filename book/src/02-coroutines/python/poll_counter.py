import asyncio


class Counted:
    """Await `inner`, and count how often the event loop resumed it."""

    def __init__(self, inner):
        self.inner, self.polls = inner.__await__(), 0

    def __await__(self):
        while True:
            self.polls += 1
            try:
                request = self.inner.send(None)
            except StopIteration as done:
                return done.value, self.polls
            yield request  # pass the inner's request up to the loop


async def main():
    print(await Counted(asyncio.sleep(1, result="slept")))


asyncio.run(main())
