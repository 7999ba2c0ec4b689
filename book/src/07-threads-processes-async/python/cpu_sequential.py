import time


def cpu_bound(number):
    return sum(i * i for i in range(number))


def find_sums(numbers):
    return [cpu_bound(number) for number in numbers]


if __name__ == "__main__":
    numbers = [5_000_000 + x for x in range(20)]

    start_time = time.time()
    total = sum(find_sums(numbers))
    duration = time.time() - start_time
    print(f"total {total}, sequentially, in {duration:.3f} seconds")
