#!/usr/bin/env python3
"""The book's translation step, an mdBook preprocessor (see CONTRIBUTING.md).

The translations live in `book/po/<language>.po`, one gettext catalogue per language,
and mdbook-gettext (from mdbook-i18n-helpers) swaps each English paragraph, heading
and list item for its translation. Two things in this book need more than that, and
this script does them:

* **Code stays code.** Every snippet is compiled, tested code included from the
  crates, and every output was recorded from a real run: a translation must not
  touch them. So when the template (`messages.pot`) is extracted, the code blocks
  are left out of it, and a translator never sees a message that is code.
* **The quizzes are translated too.** mdbook-quiz reads each quiz from its TOML file,
  after the other preprocessors, so gettext never sees the questions. Here each
  question's text is put into the page as Markdown (between `<!-- quiz ... -->`
  markers) before gettext runs, so it is extracted and translated like any other
  paragraph; afterwards it is taken out again and written to a translated copy of
  the TOML file (`book/i18n/.quizzes/<language>/`), which mdbook-quiz then draws.
  The programs and answers inside the questions are code blocks: they stay as they
  are, so `cargo test -p quizzes` still proves what every language shows.

In the English book (`book.language = "en"`) the script changes nothing.

`book.toml` runs it after `links` (the includes are resolved) and before `quiz`.
"""
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tomllib

HERE = pathlib.Path(__file__).resolve().parent
QUIZ = re.compile(r"^\{\{#quiz\s+(\S+)\s*\}\}\s*$", re.MULTILINE)
MARKED = re.compile(
    r"^<!-- quiz (?P<file>\S+) (?P<id>\S+) (?P<path>\S+) -->\n(?P<text>.*?)\n?^<!-- /quiz -->$",
    re.MULTILINE | re.DOTALL,
)
# A fenced code block: the opening fence (with its indentation) up to the same fence.
FENCED = re.compile(r"^([ \t]*)(`{3,}|~{3,})[^\n]*\n.*?^[ \t]*\2[ \t]*$\n?", re.MULTILINE | re.DOTALL)
# The fields of a question that the reader sees as text (the rest are names, and the
# compiler error that `cargo test -p quizzes` expects).
TEXT = {("prompt", "prompt"), ("prompt", "distractors"), ("answer", "answer"), ("context",)}


def chapters(items):
    """Every chapter of the book, sub-chapters included."""
    for item in items:
        if isinstance(item, dict) and "Chapter" in item:
            yield item["Chapter"]
            yield from chapters(item["Chapter"]["sub_items"])


def texts(value, path=()):
    """(path, text) for every translatable string in one question."""
    if isinstance(value, str):
        if value.strip() and (path in TEXT or path[:-1] in TEXT):
            yield path, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from texts(inner, path + (key,))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from texts(inner, path + (str(index),))


def folder(chapter):
    """The folder of a chapter's page, which its `{{#quiz}}` paths are relative to."""
    return (root / "src" / chapter["source_path"]).parent


def inline_quizzes(chapter):
    """Replace each `{{#quiz FILE}}` with its questions' text, between markers."""

    def inline(match):
        path = (folder(chapter) / match.group(1)).resolve()
        quiz = tomllib.loads(path.read_text(encoding="utf-8"))
        parts = []
        for question in quiz["questions"]:
            for where, text in texts(question):
                key = ".".join(where)
                name = os.path.relpath(path, root)
                parts.append(f"<!-- quiz {name} {question['id']} {key} -->\n\n{text.strip()}\n\n<!-- /quiz -->")
        return "\n\n".join(parts)

    chapter["content"] = QUIZ.sub(inline, chapter["content"])


def collect_quizzes(chapter, language):
    """Take the (now translated) question text out of the page again, write the
    translated quiz files, and point `{{#quiz}}` at them."""
    found = {}
    for match in MARKED.finditer(chapter["content"]):
        found.setdefault(match["file"], {})[(match["id"], match["path"])] = match["text"].strip() + "\n"
    if not found:
        return
    for file, translated in found.items():
        source = root / file
        quiz = tomllib.loads(source.read_text(encoding="utf-8"))
        for question in quiz["questions"]:
            for where, _ in list(texts(question)):
                text = translated.get((question["id"], ".".join(where)))
                if text is not None:
                    put(question, where, text)
        target = HERE / ".quizzes" / language / source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(to_toml(quiz, source), encoding="utf-8")
        first = True

        def replace(match, file=file, target=target):
            nonlocal first
            if match["file"] != file:
                return match.group(0)
            if first:
                first = False
                relative = os.path.relpath(target, folder(chapter))
                return f"{{{{#quiz {relative}}}}}"
            return ""

        chapter["content"] = MARKED.sub(replace, chapter["content"])


def put(value, where, text):
    for key in where[:-1]:
        value = value[int(key)] if isinstance(value, list) else value[key]
    last = where[-1]
    if isinstance(value, list):
        value[int(last)] = text
    else:
        value[last] = text


def toml_value(value):
    # JSON's string escapes (\n, \", \\, \uXXXX) are TOML's basic-string escapes too.
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(inner) for inner in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"no TOML for {value!r}")


def to_toml(quiz, source):
    lines = [f"# Made from {source.name} and its translation; edit those, not this file.\n"]
    for question in quiz["questions"]:
        lines.append("\n[[questions]]\n")
        lines.extend(f"{json.dumps(k)} = {toml_value(v)}\n" for k, v in question.items())
    return "".join(lines)


def without_code(text):
    """The page without its code blocks: code is never a message to translate."""
    return FENCED.sub("", text)


def protect_code(text):
    """Each code block swapped for a `<!-- code N -->` placeholder, which gettext
    passes through untouched (gettext would otherwise look up the strings and
    comments inside code, and could rewrite a literal that happens to equal a
    translated phrase). Returns the page and the blocks, without their indentation."""
    blocks = []

    def hide(match):
        indent = match.group(1)
        lines = match.group(0).splitlines(keepends=True)
        blocks.append("".join(line[len(indent):] if line.startswith(indent) else line for line in lines))
        return f"{indent}<!-- code {len(blocks) - 1} -->\n"

    return FENCED.sub(hide, text), blocks


PLACEHOLDER = re.compile(r"^([ \t]*)<!-- code (\d+) -->[ \t]*$\n?", re.MULTILINE)


def restore_code(text, blocks):
    """Put the code blocks back where their placeholders ended up."""

    def show(match):
        indent = match.group(1)
        block = blocks[int(match.group(2))]
        return "".join(indent + line if line.strip() else line for line in block.splitlines(keepends=True))

    restored = PLACEHOLDER.sub(show, text)
    if not restored.endswith("\n") and text.endswith("\n"):
        restored += "\n"
    return restored


# Emphasis as mdbook-gettext writes it back, and what it must not touch: inline
# code and link targets.
UNDERSCORED = re.compile(r"_([^_`\n]+)_")
LITERAL = re.compile(r"(`+)[^`]*?\1|\]\([^)]*\)|<[a-z]+://[^>]*>")
CHINESE = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def star_emphasis(text):
    """`_强调_` as `*强调*`. mdbook-gettext writes emphasis back with underscores, and
    CommonMark does not read `_` as emphasis between two letters, which is what
    Chinese characters count as (被_丢弃_，shows its underscores). `*` has no such
    rule. Only emphasis with Chinese in it or beside it changes, so an English
    `snake_case_name` outside backticks stays as it is."""

    def star(match):
        piece = match.string
        before = piece[match.start() - 1 : match.start()]
        after = piece[match.end() : match.end() + 1]
        if CHINESE.search(match.group(1) + before + after):
            return f"*{match.group(1)}*"
        return match.group(0)

    pieces, last = [], 0
    for literal in LITERAL.finditer(text):
        pieces += [UNDERSCORED.sub(star, text[last : literal.start()]), literal.group(0)]
        last = literal.end()
    pieces.append(UNDERSCORED.sub(star, text[last:]))
    return "".join(pieces)


def gettext(context, book):
    """Run mdbook-gettext on the book, as mdBook would have."""
    if shutil.which("mdbook-gettext") is None:
        sys.exit(
            "error: the translated book needs mdbook-gettext: "
            "cargo install mdbook-i18n-helpers --version 0.4.0 --locked"
        )
    done = subprocess.run(
        ["mdbook-gettext"],
        input=json.dumps([context, book]),
        capture_output=True,
        text=True,
        cwd=root,
    )
    sys.stderr.write(done.stderr)
    if done.returncode != 0:
        sys.exit(f"error: mdbook-gettext failed with {done.returncode}")
    return json.loads(done.stdout)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "supports":
        sys.exit(0)
    context, book = json.load(sys.stdin)
    root = pathlib.Path(context["root"])
    language = context["config"]["book"].get("language", "en")
    if context["renderer"] == "xgettext":
        # Extracting the template: the quizzes' text in, the code out.
        for chapter in chapters(book["items"]):
            inline_quizzes(chapter)
            chapter["content"] = without_code(chapter["content"])
    elif language != "en":
        code = {}
        for chapter in chapters(book["items"]):
            inline_quizzes(chapter)
            chapter["content"], code[chapter["source_path"]] = protect_code(chapter["content"])
        book = gettext(context, book)
        for chapter in chapters(book["items"]):
            chapter["content"] = restore_code(star_emphasis(chapter["content"]), code[chapter["source_path"]])
            collect_quizzes(chapter, language)
    json.dump(book, sys.stdout, ensure_ascii=False)
