import concurrent.futures
import os
import time


def cpu_bound(number):
    return sum(i * i for i in range(number))


def find_sums(numbers):
    # Threads, for a CPU job: the GIL lets one run Python code at a time.
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count()) as executor:
        return list(executor.map(cpu_bound, numbers))


if __name__ == "__main__":
    numbers = [5_000_000 + x for x in range(20)]

    start_time = time.time()
    total = sum(find_sums(numbers))
    duration = time.time() - start_time
    print(f"total {total}, {os.cpu_count()} threads, in {duration:.3f} seconds")
