#!/usr/bin/env python3
"""Check the book: every include resolves, no code is pasted by hand, mdbook is silent.

mdbook reports a missing include file as an ERROR but still exits 0, and a missing
anchor produces an empty snippet without a word. So this script checks each
`{{#include path:anchor}}` itself, then builds the book and fails on any WARN or
ERROR line. It also enforces the course's rule that every Rust and Python snippet in
the book comes from a file that is compiled or run: a ```rust or ```python block may
hold only include directives; that the Rust it includes is lesson code, not a demo
wrapper (`fn demo_*`, the binary's harness, stays off the pages); and that every
recorded Python output (`python/<name>.txt`) belongs to a snippet that still exists;
and that every built quiz remembers its reader's answers (`data-quiz-cache-answers`).
"""
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SRC = ROOT / "book" / "src"
INCLUDE = re.compile(r"\{\{#(?:include|rustdoc_include)\s+([^}:\s]+)(?::([^}\s]+))?\s*\}\}")
FENCE = re.compile(r"^```(\w*)")
HARNESS = re.compile(r"^\s*(pub\s+)?fn\s+demo_\w*\s*\(")
problems = []


def anchored(body, anchor):
    """The lines of `body` between `ANCHOR: anchor` and `ANCHOR_END: anchor`, as mdBook
    takes them (without any other anchor lines)."""
    taken, inside = [], False
    for line in body.splitlines():
        if inside and re.search(rf"ANCHOR_END:\s*{re.escape(anchor)}\b", line):
            break
        if inside and "ANCHOR" not in line:
            taken.append(line)
        if not inside and re.search(rf"ANCHOR:\s*{re.escape(anchor)}\b", line):
            inside = True
    return taken


for page in sorted(SRC.rglob("*.md")):
    text = page.read_text(encoding="utf-8")
    rel = page.relative_to(ROOT)
    for match in INCLUDE.finditer(text):
        target = (page.parent / match.group(1)).resolve()
        anchor = match.group(2)
        if not target.is_file():
            problems.append(f"{rel}: include of missing file {match.group(1)}")
            continue
        if anchor and not re.fullmatch(r"\d*(:\d*)?", anchor):
            body = target.read_text(encoding="utf-8")
            if not re.search(rf"ANCHOR:\s*{re.escape(anchor)}\b", body) or not re.search(
                rf"ANCHOR_END:\s*{re.escape(anchor)}\b", body
            ):
                problems.append(f"{rel}: {match.group(1)} has no anchor `{anchor}`")
            elif target.suffix == ".rs":
                wrapper = [l for l in anchored(body, anchor) if HARNESS.match(l)]
                if wrapper:
                    problems.append(
                        f"{rel}: {match.group(1)}:{anchor} shows a demo wrapper "
                        f"({wrapper[0].strip()!r}); anchor the lesson lines, not the harness"
                    )

    # An include inside an indented block (a code block in a list item) inserts the
    # file's lines without the indent, which ends the list item in the middle of the
    # block: the English page then shows the fence itself as code.
    lines = text.splitlines()
    for number, line in enumerate(lines[:-1], 1):
        if re.match(r"^\s+```", line) and INCLUDE.search(lines[number]):
            problems.append(
                f"{rel}:{number + 1}: an include inside an indented code block (in a list?) "
                "loses its indent; put the block at the left margin"
            )

    fence_lang, fence_start, fence_body = None, 0, []
    for number, line in enumerate(text.splitlines(), 1):
        opened = FENCE.match(line)
        if fence_lang is None and opened:
            fence_lang, fence_start, fence_body = opened.group(1), number, []
        elif fence_lang is not None and line.startswith("```"):
            pasted = [l for l in fence_body if l.strip() and not INCLUDE.fullmatch(l.strip())]
            if fence_lang in ("rust", "python", "py") and pasted:
                problems.append(
                    f"{rel}:{fence_start}: a ```{fence_lang} block holds pasted code "
                    f"({pasted[0].strip()!r}); include it from a compiled or tested file"
                )
            fence_lang = None
        elif fence_lang is not None:
            fence_body.append(line)

for recorded in sorted(SRC.glob("*/python/*.txt")):
    if not recorded.with_suffix(".py").is_file():
        problems.append(
            f"{recorded.relative_to(ROOT)}: recorded output of a snippet that does not exist"
        )

# A hint's title is HTML (`<summary>`), where Markdown is not read: a backtick there
# shows as a backtick. Code in a title is written <code>...</code>.
for hints in sorted((ROOT / "exercises").glob("*/*/hints.md")):
    for number, line in enumerate(hints.read_text(encoding="utf-8").splitlines(), 1):
        if "<summary>" in line and "`" in line:
            problems.append(
                f"{hints.relative_to(ROOT)}:{number}: a backtick in a hint's title shows as is; "
                "write <code>...</code>"
            )

build = subprocess.run(
    ["mdbook", "build", str(ROOT / "book")], capture_output=True, text=True
)
noise = [l for l in (build.stdout + build.stderr).splitlines() if re.search(r"\b(WARN|ERROR)\b", l)]
if build.returncode != 0:
    problems.append(f"mdbook build exited with {build.returncode}")
problems += [f"mdbook: {l.strip()}" for l in noise]

# mdbook-quiz reads its options in snake case (`cache_answers`, not `cache-answers`)
# and ignores a key it does not know, silently: then a reader who reloads a finished
# quiz starts it over. So look at what the built pages carry.
quiz_pages = sorted((ROOT / "book" / "build").glob("*/quiz.html"))
if not quiz_pages:
    problems.append("the build has no quiz pages (book/build/*/quiz.html)")
for page in quiz_pages:
    html = page.read_text(encoding="utf-8")
    for attribute in ("data-quiz-cache-answers=", "data-quiz-default-language="):
        if attribute not in html:
            problems.append(
                f"{page.relative_to(ROOT)}: the quiz carries no {attribute} "
                "(book.toml's [preprocessor.quiz] keys are snake case: cache_answers, default_language)"
            )

if problems:
    print("The book has problems:")
    for p in problems:
        print(f"  - {p}")
    sys.exit(1)
print(f"book: {len(list(SRC.rglob('*.md')))} pages, every include resolves, mdbook build is clean")
