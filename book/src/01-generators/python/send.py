# `yield` is an expression: `gen.send(x)` resumes the generator and makes the
# suspended `yield` evaluate to x.
def running_total():
    total = 0
    while True:
        value = yield total
        if value is None:
            return total
        total += value


gen = running_total()
print("next(gen)     ->", next(gen))
for value in [5, 3, -10]:
    print(f"gen.send({value:>3}) ->", gen.send(value))
try:
    gen.send(None)
except StopIteration as stop:
    print(f"gen.send(None) -> StopIteration({stop.value})")
