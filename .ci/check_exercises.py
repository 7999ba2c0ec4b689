#!/usr/bin/env python3
"""Prove that every exercise's tests fail on the stub and pass on the solution.

For each `exercises/NN-name` crate, run its tests (the unsolved stub) and the tests of
`solutions/NN-name` (the same test file, run against the solved code). Every test must
FAIL on the stub, since a test that passes on `todo!()` checks nothing, and PASS on
the solution. Tests live in `tests::<exercise>::<test>`; the table has a row per
exercise.
"""
import collections
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
RESULT = re.compile(r"^test (\S+) \.\.\. (ok|FAILED|ignored)", re.M)


def package(crate: pathlib.Path) -> str:
    return re.search(r'^name\s*=\s*"([^"]+)"', (crate / "Cargo.toml").read_text(), re.M).group(1)


def run_tests(crate: pathlib.Path) -> dict:
    run = subprocess.run(
        ["cargo", "test", "-q", "-p", package(crate), "--no-fail-fast", "--", "--format=pretty"],
        cwd=ROOT, capture_output=True, text=True,
    )
    results = dict(RESULT.findall(run.stdout))
    if not results:
        sys.exit(f"{crate.relative_to(ROOT)}: no test results (does it compile?)\n{run.stderr[-3000:]}")
    return results


def exercise_of(test: str) -> str:
    parts = test.split("::")
    return parts[1] if len(parts) > 2 and parts[0] == "tests" else parts[0]


# With arguments (`02-coroutines ...`), check only those chapters' exercises.
wanted = set(sys.argv[1:])
rows, failures = [], []
for stub in sorted((ROOT / "exercises").iterdir()):
    if not (stub / "Cargo.toml").is_file() or (wanted and stub.name not in wanted):
        continue
    solved = ROOT / "solutions" / stub.name
    if not (solved / "Cargo.toml").is_file():
        failures.append(f"{stub.name}: no solutions/{stub.name}")
        continue
    on_stub, on_solution = run_tests(stub), run_tests(solved)
    if set(on_stub) != set(on_solution):
        failures.append(f"{stub.name}: the stub and the solution do not run the same tests")
    groups = collections.defaultdict(list)
    for test in on_solution:
        groups[exercise_of(test)].append(test)
    for exercise, tests in groups.items():
        stub_failed = sum(on_stub.get(t) == "FAILED" for t in tests)
        solution_passed = sum(on_solution[t] == "ok" for t in tests)
        rows.append((f"{stub.name}/{exercise}", len(tests), stub_failed, solution_passed))
        failures += [f"{stub.name}: `{t}` passes on the stub, so it tests nothing" for t in tests if on_stub.get(t) == "ok"]
        failures += [f"{stub.name}: `{t}` fails on the solution" for t in tests if on_solution[t] != "ok"]

width = max([len(r[0]) for r in rows] + [8])
print(f"{'exercise':{width}}  tests  stub (must fail)  solution (must pass)")
for name, total, failed, passed in rows:
    stub = f"{failed}/{total} fail" + ("" if failed == total else "  <-- !")
    solution = f"{passed}/{total} pass" + ("" if passed == total else "  <-- !")
    print(f"{name:{width}}  {total:5}  {stub:16}  {solution}")
if failures:
    print("\n" + "\n".join(failures))
    sys.exit(1)
print(f"\nall {len(rows)} exercises: every test fails on the stub and passes on the solution")
