#!/usr/bin/env python3
"""Check that the Chinese edition keeps in step with the English book.

1. `book/po/zh-CN.po` translates every message of the English pages (no message
   missing, none fuzzy): `book/i18n/catalogue.py check` extracts the template afresh.
2. The Chinese book builds without a warning, and every page of it is in Chinese
   (a page left in English would mean the translation step did not run).
3. The code is the same code: every code block of every page, and every question
   of every quiz (its id, its programs, its answers' code and the compiler error it
   expects), is identical in the two editions, and no Markdown shows as text. Only the prose differs; so the
   proofs behind the English book (`cargo test`, `cargo test -p quizzes`, the
   recorded outputs) hold for the Chinese one too.

    python3 .ci/check_translation.py [LANG]    (LANG: zh-CN unless given)
"""
import html
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"
PRE = re.compile(r"<pre\b.*?</pre>", re.DOTALL)
QUIZ = re.compile(r'data-quiz-questions="([^"]*)"')
FENCE = re.compile(r"```.*?```", re.DOTALL)
CJK = re.compile(r"[\u4e00-\u9fff]")
# Emphasis or a link that the renderer did not take as Markdown: `**`, `_强调_`, `](`.
LEAKED = re.compile(r"\*\*|(?<![\w*])\*[^\s*]|_[^_\s]{1,20}_|\]\(")


def build(language, into):
    env = dict(os.environ, MDBOOK_BOOK__LANGUAGE=language)
    done = subprocess.run(
        ["mdbook", "build", str(BOOK), "--dest-dir", str(into)], env=env, capture_output=True, text=True
    )
    noise = [line for line in (done.stdout + done.stderr).splitlines() if re.search(r"\b(WARN|ERROR)\b", line)]
    if done.returncode != 0 or noise:
        sys.exit(f"error: the {language} book does not build cleanly:\n{done.stdout}{done.stderr}")


def quiz_code(page):
    """Each quiz question on a page without its prose: what must not differ."""
    questions = []
    for data in QUIZ.findall(page):
        for question in json.loads(html.unescape(data))["questions"]:
            fixed = {k: v for k, v in question.items() if k not in ("prompt", "answer", "context")}
            code = FENCE.findall(json.dumps(question, ensure_ascii=False))
            questions.append((json.dumps(fixed, sort_keys=True), code))
    return questions


def main():
    language = sys.argv[1] if len(sys.argv) > 1 else "zh-CN"
    lag = subprocess.run([sys.executable, str(BOOK / "i18n" / "catalogue.py"), "check", language])
    if lag.returncode != 0:
        sys.exit(lag.returncode)
    problems = []
    with tempfile.TemporaryDirectory(prefix="translation-check-") as scratch:
        english, translated = pathlib.Path(scratch) / "en", pathlib.Path(scratch) / language
        build("en", english)
        build(language, translated)
        pages = sorted(p.relative_to(english) for p in english.rglob("*.html"))
        for page in pages:
            if page.name in ("print.html", "toc.html", "404.html"):
                continue
            ours = translated / page
            if not ours.is_file():
                problems.append(f"{page}: missing from the {language} book")
                continue
            en_html, our_html = (english / page).read_text(encoding="utf-8"), ours.read_text(encoding="utf-8")
            if f'lang="{language}"' not in our_html:
                problems.append(f"{page}: not marked lang=\"{language}\"")
            # The page's own text: no code, no quiz data, no tags.
            prose = re.sub(r"<pre\b.*?</pre>|<code\b.*?</code>", "", our_html.split("<main>")[-1], flags=re.DOTALL)
            prose = html.unescape(re.sub(r"<[^>]+>", "", QUIZ.sub("", prose)))
            if not CJK.search(prose):
                problems.append(f"{page}: no Chinese on the page (was it translated at all?)")
            for leak in LEAKED.finditer(prose):
                around = prose[max(0, leak.start() - 25) : leak.end() + 25].replace("\n", " ")
                problems.append(f"{page}: Markdown shows as text (a translation broke it): ...{around}...")
            en_code, our_code = PRE.findall(en_html), PRE.findall(our_html)
            if en_code != our_code:
                changed = next((i for i, (a, b) in enumerate(zip(en_code, our_code)) if a != b), min(len(en_code), len(our_code)))
                problems.append(f"{page}: code block {changed + 1} differs from the English one")
            if quiz_code(en_html) != quiz_code(our_html):
                problems.append(f"{page}: a quiz question's id, programs or expected answers differ from the English")
            if "<!-- code " in our_html or "<!-- quiz " in our_html:
                problems.append(f"{page}: a placeholder of book/i18n/preprocessor.py was left in")
    if problems:
        print(f"The {language} book is out of step with the English one:")
        for problem in problems:
            print(f"  - {problem}")
        sys.exit(1)
    print(
        f"{language} book: {len(pages)} pages build cleanly and are translated; every code block and "
        f"quiz program is the English one"
    )


if __name__ == "__main__":
    main()
