#!/usr/bin/env python3
"""The translation catalogues (`book/po/<language>.po`): keep them in step with the book.

    python3 book/i18n/catalogue.py update [LANG]   extract the template, merge it into LANG.po
    python3 book/i18n/catalogue.py check [LANG]    fail if LANG.po lags behind the English
    python3 book/i18n/catalogue.py stats [LANG]    how much is translated, page by page
    python3 book/i18n/catalogue.py pending [LANG]  the messages LANG.po lags on, as a PO file to fill in
    python3 book/i18n/catalogue.py fill FILE.po... [--lang LANG]
                                                   update LANG.po, then take the translations in FILE.po

LANG is zh-CN unless given. `update` needs GNU gettext's msgmerge (Debian: `apt-get
install gettext`); `check` and `stats` need only mdbook and Python.

The template (`book/po/messages.pot`, not committed: it is made from the English pages
every time) holds every paragraph, heading, list item, table cell, hint and quiz text
of the book, and no code (see preprocessor.py). `check` extracts it afresh and fails
when a message of the introduction, chapters 0 to 9 (their quizzes, exercises and
solutions included) or the glossary has no translation, or only a fuzzy one (a
translation of an older English text, which msgmerge marks for review). So a change to
the English text cannot land without its translation. See CONTRIBUTING.md.
"""
import json
import os
import pathlib
import re
import shutil
import signal
import subprocess
import sys
import tempfile

BOOK = pathlib.Path(__file__).resolve().parent.parent
PO = BOOK / "po"
# The pages whose every message must be translated: the front matter by name, and
# every page of a chapter (its overview, its section pages, quiz, exercises and
# solutions).
KEPT_IN_STEP = re.compile(
    r"^src/(SUMMARY|introduction|before-you-start|further-reading|glossary|0\d-why-async"
    r"|0\d-[a-z-]+/[a-z0-9-]+)\.md$"
)


class Entry:
    """One message of a PO file: its comments, flags, msgid and msgstr."""

    def __init__(self):
        self.comments = []
        self.references = []
        self.flags = set()
        self.msgctxt = None
        self.msgid = ""
        self.msgstr = ""
        self.obsolete = False

    @property
    def fuzzy(self):
        return "fuzzy" in self.flags


def unquote(text):
    return json.loads(text)


def read(path):
    """The entries of a PO file (the header is the entry whose msgid is empty)."""
    entries, entry, field = [], Entry(), None
    for number, raw in enumerate(pathlib.Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = raw
        if line.startswith("#~"):
            entry.obsolete = True
            line = line[2:].lstrip()
            if not line:
                continue
        try:
            if not line.strip():
                if field is not None:
                    entries.append(entry)
                entry, field = Entry(), None
            elif line.startswith("#:"):
                entry.references.extend(line[2:].split())
            elif line.startswith("#,"):
                entry.flags.update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                entry.comments.append(line)
            elif line.startswith('"'):
                setattr(entry, field, (getattr(entry, field) or "") + unquote(line))
            else:
                keyword, _, rest = line.partition(" ")
                if keyword not in ("msgctxt", "msgid", "msgstr"):
                    raise ValueError(keyword)
                if keyword == "msgid" and field == "msgstr":
                    entries.append(entry)
                    entry = Entry()
                field = keyword
                setattr(entry, field, unquote(rest))
        except (ValueError, TypeError):
            # A hand edit gone wrong: say where, rather than show a traceback.
            sys.exit(f"error: {path}:{number}: not a line of a PO file: {raw[:80]}")
    if field is not None:
        entries.append(entry)
    return entries


def extract(into):
    """Extract the template from the English book into `into`/messages.pot."""
    env = dict(os.environ)
    env["MDBOOK_OUTPUT"] = json.dumps({"xgettext": {"pot-file": "messages.pot", "granularity": 0}})
    env.pop("MDBOOK_BOOK__LANGUAGE", None)
    done = subprocess.run(["mdbook", "build", str(BOOK), "-d", str(into)], env=env, capture_output=True, text=True)
    if done.returncode != 0 or "ERROR" in done.stderr or "WARN" in done.stderr:
        sys.exit(f"error: extracting the template failed:\n{done.stderr}")
    return pathlib.Path(into) / "messages.pot"


def lagging(template, catalogue):
    """The template's messages on kept-in-step pages that `catalogue` does not translate
    (missing, empty or fuzzy), as (page, msgid, why)."""
    translated = {(e.msgctxt, e.msgid): e for e in read(catalogue) if not e.obsolete}
    problems = []
    for entry in read(template):
        if not entry.msgid:
            continue
        pages = [ref.split(":")[0] for ref in entry.references]
        kept = [page for page in pages if KEPT_IN_STEP.match(page)]
        if not kept:
            continue
        found = translated.get((entry.msgctxt, entry.msgid))
        if found is None or not found.msgstr:
            problems.append((kept[0], entry.msgid, "untranslated"))
        elif found.fuzzy:
            problems.append((kept[0], entry.msgid, "fuzzy"))
    return problems


def check(language):
    catalogue = PO / f"{language}.po"
    if not catalogue.exists():
        sys.exit(f"error: there is no {catalogue.relative_to(BOOK.parent)}")
    with tempfile.TemporaryDirectory() as scratch:
        template = extract(scratch)
        problems = lagging(template, catalogue)
    if problems:
        print(f"{catalogue.relative_to(BOOK.parent)} lags behind the English book:")
        for page, msgid, why in problems[:40]:
            first = msgid.splitlines()[0]
            print(f"  {why:12} {page}: {first[:90]}")
        if len(problems) > 40:
            print(f"  ... and {len(problems) - 40} more")
        print(
            f"\n{len(problems)} message(s) to translate. Run `python3 book/i18n/catalogue.py update {language}`,\n"
            f"translate them in {catalogue.relative_to(BOOK.parent)} (and clear the fuzzy marks), see CONTRIBUTING.md."
        )
        sys.exit(1)
    print(f"{catalogue.relative_to(BOOK.parent)}: every message of the book is translated")


def update(language):
    if shutil.which("msgmerge") is None:
        sys.exit("error: `update` needs msgmerge, from GNU gettext (Debian: apt-get install gettext)")
    PO.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        template = PO / "messages.pot"
        shutil.copyfile(extract(scratch), template)
    catalogue = PO / f"{language}.po"
    if catalogue.exists():
        subprocess.run(
            ["msgmerge", "--quiet", "--update", "--backup=none", "--no-wrap", str(catalogue), str(template)],
            check=True,
        )
    else:
        subprocess.run(
            ["msginit", "--no-translator", "--no-wrap", "-l", language, "-i", str(template), "-o", str(catalogue)],
            check=True,
        )
    stats(language, template)


def quote(text):
    return json.dumps(text, ensure_ascii=False)


def write(path, entries):
    """Write `entries` back as a PO file (msgmerge rewraps it the same way every time)."""
    out = []
    for e in entries:
        lines = list(e.comments)
        if e.references:
            lines.append("#: " + " ".join(e.references))
        if e.flags:
            lines.append("#, " + ", ".join(sorted(e.flags)))
        body = []
        if e.msgctxt is not None:
            body.append(f"msgctxt {quote(e.msgctxt)}")
        body.append(f"msgid {quote(e.msgid)}")
        body.append(f"msgstr {quote(e.msgstr)}")
        if e.obsolete:
            body = ["#~ " + line for line in body]
        out.append("\n".join(lines + body))
    pathlib.Path(path).write_text("\n\n".join(out) + "\n", encoding="utf-8")


def pending(language):
    """Print the lagging messages as a PO file: translate it, then `fill` it in."""
    with tempfile.TemporaryDirectory() as scratch:
        template = extract(scratch)
        wanted = {msgid for _, msgid, _ in lagging(template, PO / f"{language}.po")}
        old = {e.msgid: e.msgstr for e in read(PO / f"{language}.po") if not e.obsolete}
        for entry in read(template):
            if entry.msgid in wanted:
                wanted.discard(entry.msgid)
                if old.get(entry.msgid):
                    print("# the translation of an older English text:")
                    for line in old[entry.msgid].splitlines():
                        print(f"#   {line}")
                print("#: " + " ".join(entry.references))
                print(f"msgid {quote(entry.msgid)}")
                print('msgstr ""\n')


def fill(language, fragments):
    """Merge the template into LANG.po, then take every translation the fragments give."""
    update(language)
    given = {}
    for fragment in fragments:
        for e in read(fragment):
            if e.msgid and e.msgstr and not e.fuzzy:
                given[(e.msgctxt, e.msgid)] = e.msgstr
    catalogue = PO / f"{language}.po"
    entries = read(catalogue)
    taken = 0
    for e in entries:
        if not e.obsolete and (e.msgctxt, e.msgid) in given:
            e.msgstr = given[(e.msgctxt, e.msgid)]
            e.flags.discard("fuzzy")
            taken += 1
    # Messages the book no longer has are dropped (git keeps the old translations).
    write(catalogue, [e for e in entries if not e.obsolete])
    subprocess.run(["msgcat", "--no-wrap", "-o", str(catalogue), str(catalogue)], check=True)
    print(f"took {taken} translation(s) from {len(fragments)} file(s)")
    stats(language)


def stats(language, template=None):
    with tempfile.TemporaryDirectory() as scratch:
        template = template or extract(scratch)
        problems = lagging(template, PO / f"{language}.po")
        total = {}
        for entry in read(template):
            if entry.msgid and entry.references:
                # Counted on its first page, as `lagging` names it.
                page = entry.references[0].split(":")[0]
                total[page] = total.get(page, 0) + 1
    left = {}
    for page, _, _ in problems:
        left[page] = left.get(page, 0) + 1
    for page in sorted(total):
        print(f"  {page:48} {total[page] - left.get(page, 0):4} of {total[page]:4} translated")
    print(f"{len(problems)} message(s) left to translate")


if __name__ == "__main__":
    # A closed pipe (`... | head`) ends the listing quietly.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    command = sys.argv[1] if len(sys.argv) > 1 else "help"
    language = sys.argv[2] if len(sys.argv) > 2 else "zh-CN"
    if command == "check":
        check(language)
    elif command == "update":
        update(language)
    elif command == "stats":
        stats(language)
    elif command == "pending":
        pending(language)
    elif command == "fill":
        args = sys.argv[2:]
        language = "zh-CN"
        if "--lang" in args:
            at = args.index("--lang")
            language = args[at + 1]
            del args[at : at + 2]
        fill(language, args)
    else:
        print(__doc__)
        sys.exit(0 if command in ("help", "-h", "--help") else 2)
