def countdown(start):
    yield "ready"
    n = start
    while n > 0:
        yield str(n)
        n -= 1
    yield "liftoff!"


print(list(countdown(3)))
print(list(countdown(0)))
