# Telling two interleaved requests apart in the log: a ContextVar holds the request
# id and a logging.Filter adds it to every record, also in tasks created inside.
import asyncio
import contextvars
import logging
import sys

REQUEST = contextvars.ContextVar("request", default="-")


class AddRequest(logging.Filter):
    def filter(self, record):
        record.request = REQUEST.get()
        return True


handler = logging.StreamHandler(sys.stdout)
handler.addFilter(AddRequest())
handler.setFormatter(logging.Formatter("%(levelname)s request{id=%(request)s}: %(message)s"))
log = logging.getLogger("spans")
log.addHandler(handler)
log.setLevel(logging.INFO)


async def lookup(user, secs):
    await asyncio.sleep(secs)
    log.info("profile loaded user=%r", user)
    return len(user)


async def handle(request_id, user, secs):
    REQUEST.set(request_id)
    log.info("received user=%r", user)
    rows = await asyncio.create_task(lookup(user, secs))  # the context goes with it
    log.info("answered rows=%d", rows)


async def main():
    await asyncio.gather(asyncio.create_task(handle(1, "ada", 0.2)),
                         asyncio.create_task(handle(2, "grace", 0.1)))


asyncio.run(main())
