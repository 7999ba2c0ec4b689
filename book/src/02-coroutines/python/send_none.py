# A coroutine is a state machine too, and can be driven by hand: each send(None)
# runs the body to its next suspension (Rust: a poll that returns Pending), and
# StopIteration carries the return value (Rust: Poll::Ready(value)).
from types import coroutine


@coroutine
def suspend():
    yield "suspended"  # what the driver gets back from send()


async def two_awaits():
    print("body: started")
    await suspend()
    print("body: after the first await")
    await suspend()
    print("body: after the second await")
    return "finished"


coro = two_awaits()
print("called two_awaits(): nothing ran")
print("send(None) ->", coro.send(None))
print("send(None) ->", coro.send(None))
try:
    coro.send(None)
except StopIteration as stop:
    print("send(None) -> StopIteration:", stop.value)
