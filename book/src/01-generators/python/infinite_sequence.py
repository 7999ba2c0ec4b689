# The notes' endless generator; itertools.islice plays the part of Rust's `take`.
from itertools import islice


def infinite_sequence():
    num = 0
    while True:
        yield num
        num += 1


print(list(islice(infinite_sequence(), 5)))

# Nothing runs until a value is asked for: a generator expression over an endless
# generator is as lazy as Rust's `map` + `take`.
computed = 0


def counted_sequence():
    global computed
    for num in infinite_sequence():
        computed += 1
        yield num


squares = islice((n * n for n in counted_sequence()), 5)
print("built; values computed:", computed)
print(list(squares), "values computed:", computed)
