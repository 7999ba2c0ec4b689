# One task owns the dict; others send it commands on a Queue, each with a Future
# for the reply (loop.create_future(), as the notes recommend).
import asyncio


async def store(commands):
    data = {}
    while (command := await commands.get()) is not None:
        op, key, value, reply = command
        if op == "set":
            reply.set_result(data.get(key))
            data[key] = value
        elif op == "get":
            reply.set_result(data.get(key))
        elif op == "delete":
            reply.set_result(data.pop(key, None))


async def ask(commands, op, key, value=None):
    reply = asyncio.get_running_loop().create_future()
    await commands.put((op, key, value, reply))
    return await reply


async def main():
    commands = asyncio.Queue(32)
    owner = asyncio.create_task(store(commands))
    print('set("lang", "rust")   ->', await ask(commands, "set", "lang", "rust"))
    print('set("lang", "python") ->', await ask(commands, "set", "lang", "python"))
    print('get("lang")           ->', await ask(commands, "get", "lang"))
    print('delete("lang")        ->', await ask(commands, "delete", "lang"))
    print('get("lang")           ->', await ask(commands, "get", "lang"))
    await commands.put(None)
    await owner


asyncio.run(main())
