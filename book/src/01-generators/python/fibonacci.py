# Python's integers never overflow, so this generator never ends.
from itertools import islice


def fibonacci():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


print(list(islice(fibonacci(), 10)))
print("F(93) =", next(islice(fibonacci(), 93, None)))
