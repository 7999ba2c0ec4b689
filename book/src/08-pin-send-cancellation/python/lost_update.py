# Python's asyncio has the lost update too: every task reads the balance, then
# awaits, then writes what it read plus its deposit. asyncio.Lock, held across the
# await with `async with`, makes read-await-write one step, at the price of turns.
import asyncio
import time


async def check_fraud(amount):
    await asyncio.sleep(0.1)


class Account:
    def __init__(self):
        self.balance = 0
        self.lock = asyncio.Lock()

    async def deposit_unlocked(self, amount):
        before = self.balance
        await check_fraud(amount)
        self.balance = before + amount

    async def deposit_locked(self, amount):
        async with self.lock:  # held across the await, like tokio's Mutex
            before = self.balance
            await check_fraud(amount)
            self.balance = before + amount


async def main():
    for name in ["deposit_unlocked", "deposit_locked"]:
        account = Account()
        start = time.perf_counter()
        deposit = getattr(account, name)
        await asyncio.gather(*(deposit(10) for _ in range(10)))
        took = time.perf_counter() - start
        print(f"10 deposits of 10, {name}: {account.balance} of 100, in {took:.2f}s")


asyncio.run(main())
