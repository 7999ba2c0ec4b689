def averager():
    total, count, average = 0.0, 0, None
    while True:
        value = yield average
        if value is None:
            return (count, average)
        total += value
        count += 1
        average = total / count


gen = averager()
print(next(gen))
print(gen.send(10.0), gen.send(20.0), gen.send(0.0))
try:
    gen.send(None)
except StopIteration as stop:
    print("returned", stop.value)
