import itertools


def numbered(lines):
    number = 0
    for line in lines:
        number += 1
        if line.strip():
            yield f"{number}: {line}"


print(list(numbered(["a", "", "b", "  ", "c"])))

# Lazy: it reads only as far as it yields, so an endless input is fine.
endless = (f"line {n}" if n % 2 else "" for n in itertools.count(1))
print(list(itertools.islice(numbered(endless), 3)))
