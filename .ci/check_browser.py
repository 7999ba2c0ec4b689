#!/usr/bin/env python3
"""Open the book's pages, in every edition, in a real browser and check what a reader
sees: every page of the English book, and every page of a translation except its
section pages (whose code and layout are the English page's; `--every-page` opens
them too).

`.ci/check_book.py` proves the book builds; this proves it reads. It builds the
book (the English edition and each translation in `book/po/`, the Chinese one as
`zh-CN`) into a scratch folder as one site, serves it on 127.0.0.1, opens each page in headless
Chromium (Debian's `chromium` and `chromium-driver`, driven by selenium; nothing
downloads a browser) and fails when, on any page:

- a code block (or a table) is cut off at 1400 px or 1280 px (its text is wider
  than its box, so part of a line hides behind a scrollbar); a long line wraps
  instead, except in a compiler's output, which scrolls inside its block so that its
  caret lines keep pointing at the code;
- the page itself scrolls sideways, at 1400 px or at 400 px (a phone);
- an image does not load;
- the browser console shows an error;
- the page is taller than 15,000 px at 1400 px (a chapter is split into section pages);
- fewer than 80% of the book's Python | Rust pairs show side by side at 1400 px
  (mdBook's sidebar open), counted over the whole edition;
- the page offers no link to the same page in the other edition;
- a search typed into the page's own search box does not put a page that explains
  the term first (SEARCHES, in both editions: the Chinese edition's search must find
  Chinese words, which mdBook's own index cannot).

It builds the site with `.ci/build-site`, the very script that builds what is
published, so the pages it opens are the published ones. The summary gives, per
width, how many pairs show side by side and the tallest page.

Each problem names the edition, the page, the width, and the block (which pair and
column, the heading above it, its first line). A screenshot at 1400 and 400 px of each
chapter's overview and a sample of pages (of every page with `--shots`, and, with
`--themes`, in the dark themes and the print layout too) goes to
`target/browser-check/<edition>/`, which git ignores, so a person can look at what
the reader gets. Each edition takes about a minute on two busy cores (two browsers
at once).

    python3 .ci/check_browser.py             # every page in SUMMARY.md, every edition
    python3 .ci/check_browser.py --lang zh-CN   # one edition
    python3 .ci/check_browser.py --themes    # also navy, coal, ayu and print shots
    python3 .ci/check_browser.py --page 03-futures/index.html   # one page

Needs: python3 -m pip install selenium; apt-get install chromium chromium-driver.
"""

import argparse
import base64
import concurrent.futures
import functools
import http.server
import os
import pathlib
import re
import shutil
import socketserver
import subprocess
import sys
import tempfile
import threading
import time

try:
    from selenium import webdriver
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.service import Service
except ImportError:
    sys.exit(
        "check_browser.py needs selenium: python3 -m pip install selenium "
        "(and Debian's chromium and chromium-driver: apt-get install chromium chromium-driver)"
    )

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHOTS = ROOT / "target" / "browser-check"
WIDE, LAPTOP, NARROW, HEIGHT = 1400, 1280, 400, 900
# A page taller than this at 1400 px is a chapter that should have been split into
# section pages (the Rust Book's longest page is about 19,000 px; its median 4,800).
TALLEST = 15000
# At 1400 px with the sidebar open, at least this share of the Python | Rust pairs
# must show side by side: reading the two together is what the pairs are for.
PAIRED_AT_WIDE = 0.8
# Three browsers at once: much of a page's time is spent waiting (fonts, the edition
# switch's request, animation frames), so three overlap well even on two cores.
BROWSERS = 3
# The pages shot by default, besides each chapter's overview (`--shots`: every page).
# Every page is measured either way; the shots are for a person to look at.
SAMPLE = {"introduction.html", "glossary.html", "01-generators/a-generator-that-yields-twice.html",
          "03-futures/a-future-completed-by-a-callback.html", "05-event-loop/step-6-io-a-reactor-and-async-tcp.html",
          "07-threads-processes-async/solution-bounded.html", "08-pin-send-cancellation/pin-a-future-that-must-not-move.html"}
DARK_THEMES = ("navy", "coal", "ayu")

# Everything the check measures, in one script run inside the page. A block is
# "cut off" when its text is wider than the box that shows it; one pixel of slack
# absorbs sub-pixel rounding.
MEASURE = r"""
const describe = (pre) => {
  const pair = pre.closest('.side-by-side');
  const code = pre.querySelector('code') || pre;
  const first = (code.textContent.split('\n').find((l) => l.trim()) || '').trim();
  let where = 'code block';
  if (pair) {
    const pairs = [...document.querySelectorAll('.side-by-side')];
    const label = pre.closest('.side-by-side > div')?.querySelector('p')?.textContent.trim();
    where = `pair ${pairs.indexOf(pair) + 1} (${label || 'column'})`;
  }
  const heading = (() => {
    let node = pre;
    while (node && node !== document.body) {
      let prev = node.previousElementSibling;
      while (prev) {
        if (/^H[1-6]$/.test(prev.tagName)) return prev.textContent.trim();
        prev = prev.previousElementSibling;
      }
      node = node.parentElement;
    }
    return '(top)';
  })();
  return `${where} under "${heading}", starting ${JSON.stringify(first.slice(0, 60))}`;
};
const cut = [];
for (const pre of document.querySelectorAll('main pre')) {
  // A compiler's output scrolls inside its block on purpose (course.js): wrapped, its
  // caret lines would no longer point at the code.
  if (pre.classList.contains('course-compiler')) continue;
  for (const box of [pre, pre.querySelector('code')]) {
    if (box && box.scrollWidth > box.clientWidth + 1) {
      cut.push(`${describe(pre)}: ${box.scrollWidth}px of text in a ${box.clientWidth}px box`);
      break;
    }
  }
}
// A table too wide for the text column scrolls inside its wrapper: cut off too.
for (const wrapper of document.querySelectorAll('main .table-wrapper')) {
  if (wrapper.scrollWidth > wrapper.clientWidth + 1) {
    const first = (wrapper.querySelector('th, td')?.textContent || '').trim();
    cut.push(`table starting ${JSON.stringify(first.slice(0, 40))}: `
      + `${wrapper.scrollWidth}px of table in a ${wrapper.clientWidth}px box`);
  }
}
// mdBook's text area scrolls on its own (.content has overflow-y: auto), so a page
// that is too wide can scroll sideways inside it rather than in the window.
const sideways = ['html', 'body', '.page-wrapper', '.page', '#mdbook-content']
  .map((selector) => [selector, document.querySelector(selector)])
  .filter(([, box]) => box && box.scrollWidth > box.clientWidth + 1)
  .map(([selector, box]) => `${selector} is ${box.scrollWidth}px wide in ${box.clientWidth}px`);
const doc = document.documentElement;
const images = [...document.images]
  .filter((img) => !img.complete || img.naturalWidth === 0)
  .map((img) => img.getAttribute('src'));
const pairs = [...document.querySelectorAll('main .side-by-side')];
const edition = document.querySelector('.right-buttons a.course-edition');
return {
  cut,
  pairs: pairs.length,
  paired: pairs.filter((pair) => pair.classList.contains('course-paired')).length,
  edition: edition ? edition.href : null,
  sideways: sideways.length ? sideways.join('; ') : null,
  images,
  height: Math.max(doc.scrollHeight, document.body.scrollHeight),
  ready: document.readyState,
};
"""


def pages():
    """The book's pages in reading order: the links in SUMMARY.md, as built HTML."""
    summary = (ROOT / "book" / "src" / "SUMMARY.md").read_text(encoding="utf-8")
    found = []
    for link in re.findall(r"\]\(([^)]+\.md)\)", summary):
        html = re.sub(r"\.md$", ".html", link)
        if html not in found:
            found.append(html)
    return found


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory):
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def browser(profile):
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not all(pathlib.Path(p).is_file() for p in (options.binary_location, driver_path)):
        sys.exit("check_browser.py needs Debian's chromium and chromium-driver: "
                 "apt-get install chromium chromium-driver")
    return webdriver.Chrome(options=options, service=Service(driver_path))


def set_viewport(driver, width, height=HEIGHT, media=""):
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": media})


def screenshot(driver, path, width, height, media=""):
    """A full-page PNG: the viewport stretched to the page's height for one shot."""
    height = min(height, 30000)
    set_viewport(driver, width, height, media)
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {"format": "png", "captureBeyondViewport": False, "optimizeForSpeed": True},
    )
    path.write_bytes(base64.b64decode(shot["data"]))
    set_viewport(driver, width, media=media)


def open_page(driver, url, theme=None):
    driver.get(url)
    if theme is not None:
        # mdBook keeps the reader's theme in localStorage and applies it on load.
        driver.execute_script("localStorage.setItem('mdbook-theme', arguments[0]);", theme)
        driver.get(url)
    settle(driver)


def settle(driver):
    """Wait until the page has loaded, its fonts are in, and course.js has laid the
    code blocks out (it runs on the next animation frame after a change)."""
    driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        // editions.js marks the page once it knows whether to offer the other
        // edition (it asks the server for editions.json); give it up to 3 s.
        const asked = () => new Promise((resolve) => {
            const since = Date.now();
            const poll = () => (document.documentElement.dataset.courseEditions
                || Date.now() - since > 3000) ? resolve() : setTimeout(poll, 20);
            poll();
        });
        const settle = () => Promise.all([document.fonts.ready, asked()]).then(
            () => requestAnimationFrame(() => requestAnimationFrame(() => done(true))));
        if (document.readyState === 'complete') settle();
        else window.addEventListener('load', settle);
        """
    )


def console_errors(driver):
    errors = []
    for entry in driver.get_log("browser"):
        if entry.get("level") == "SEVERE":
            errors.append(entry.get("message", "").strip())
    return errors


# What a reader searches for, and the chapters whose pages explain it: the first
# result must come from one of them. The query is typed into the page's own search
# box, which on the built site answers from Pagefind's index (book/theme/search.js).
SEARCHES = {
    "en": [
        ("waker", ["03-futures/"]),
        ("cancel safety", ["08-pin-send-cancellation/"]),
        ("JoinSet", ["04-tasks-and-runners/"]),
    ],
    "zh-CN": [
        ("唤醒器", ["03-futures/"]),
        ("取消", ["03-futures/", "08-pin-send-cancellation/"]),
        ("运行时", ["04-tasks-and-runners/", "05-event-loop/"]),
        ("固定", ["08-pin-send-cancellation/"]),
    ],
}


def search(driver, base, edition):
    """Type each of the edition's queries into the search box; return (problems, lines)."""
    problems, lines = [], []
    start = base + ("" if edition == "en" else f"{edition}/") + "introduction.html"
    for query, chapters in SEARCHES.get(edition, []):
        open_page(driver, start)
        engine = driver.execute_script("return document.documentElement.dataset.courseSearchEngine")
        if engine != "pagefind":
            problems.append(f"{edition}: the search box does not use the site's index (engine: {engine})")
            break
        driver.execute_script("document.getElementById('mdbook-search-toggle').click();")
        bar = driver.find_element("id", "mdbook-searchbar")
        bar.send_keys(query)
        found = []
        for _ in range(100):
            if driver.execute_script("return document.documentElement.dataset.courseSearch") == query:
                found = driver.execute_script(
                    "return [...document.querySelectorAll('#mdbook-searchresults li > a')]"
                    ".map((a) => [a.textContent, new URL(a.href).pathname]);"
                )
                break
            time.sleep(0.05)
        first = found[0] if found else None
        lines.append(f"  {edition} search {query!r}: " + (
            "; ".join(f"{title} ({path})" for title, path in found[:3]) if found else "nothing"))
        inside = first[1].split(f"/{edition}/", 1)[-1].lstrip("/") if first else ""
        if not first or not any(inside.startswith(chapter) for chapter in chapters):
            problems.append(
                f"{edition}: searching {query!r} puts {first[0] + ' (' + first[1] + ')' if first else 'nothing'} "
                f"first, not a page of {' or '.join(chapters)}"
            )
    return problems, lines


def section_page(page):
    """A chapter's section or solution page (not its overview, quiz, exercises or
    solutions list). A translation's section pages hold the English page's very code
    blocks (check_translation.py proves it) in the same layout, with other prose; the
    browser looks at them in English, and at a translation's other pages, to keep
    the check within CI's time (`--every-page` opens them all)."""
    folder, _, name = page.rpartition("/")
    return bool(folder) and name not in ("index.html", "quiz.html", "exercises.html", "solutions.html")


def editions():
    """English, and every translation that has a catalogue in book/po/."""
    return ["en", *sorted(p.stem for p in (ROOT / "book" / "po").glob("*.po"))]


def look(todo, base, profile, themes, shots):
    """Open each page (`edition/page.html`) at both widths (and in every theme and
    print, with `themes`); return the problems seen, and leave a screenshot of each
    view in SHOTS."""
    problems, page = [], "(start-up)"
    # Per width: pairs seen, pairs side by side, and each page's height.
    stats = {width: {"pairs": 0, "paired": 0, "heights": {}} for width in (WIDE, LAPTOP, NARROW)}
    driver = browser(profile)
    try:
        console_errors(driver)  # drop anything from start-up
        for page in todo:
            edition, _, inside = page.partition("/")
            # The site holds the English book at its root, a translation in its folder.
            url = base + (inside if edition == "en" else page)
            (SHOTS / edition).mkdir(parents=True, exist_ok=True)
            stem = edition + "/" + inside.removesuffix(".html").replace("/", "_")
            for width in (WIDE, LAPTOP, NARROW):
                # Loaded at the desktop width and at the phone's, as a reader would:
                # mdBook decides on load whether the sidebar shows. The laptop width
                # is the desktop page made narrower (the sidebar stays, as it does
                # for a reader who narrows the window), laid out again by course.js.
                set_viewport(driver, width)
                if width == LAPTOP:
                    settle(driver)
                else:
                    open_page(driver, url)
                seen = driver.execute_script(MEASURE)
                stats[width]["pairs"] += seen["pairs"]
                stats[width]["paired"] += seen["paired"]
                stats[width]["heights"][page] = seen["height"]
                if width != NARROW:
                    problems += [(page, f"{page} at {width}px: {c}") for c in seen["cut"]]
                if width == WIDE and seen["height"] > TALLEST:
                    problems.append((page, f"{page} is {seen['height']}px tall at {width}px "
                                           f"(at most {TALLEST}): split it into section pages"))
                if width == WIDE:
                    wanted = base + ("zh-CN/" if edition == "en" else "") + inside
                    if seen["edition"] != wanted:
                        problems.append((page, f"{page}: the edition switch leads to "
                                               f"{seen['edition']}, not {wanted}"))
                if seen["sideways"]:
                    sideways = f"the page scrolls sideways ({seen['sideways']})"
                    problems.append((page, f"{page} at {width}px: {sideways}"))
                problems += [(page, f"{page}: image {src} did not load") for src in seen["images"]]
                errors = console_errors(driver)
                problems += [(page, f"{page} at {width}px: console: {e}") for e in errors]
                if width != LAPTOP and (shots or inside in SAMPLE or inside.endswith("index.html")):
                    screenshot(driver, SHOTS / f"{stem}-{width}.png", width, seen["height"])
            if not themes:
                continue
            for theme in DARK_THEMES:
                set_viewport(driver, WIDE)
                open_page(driver, url, theme=theme)
                seen = driver.execute_script(MEASURE)
                problems += [(page, f"{page} in {theme}: {c}") for c in seen["cut"]]
                errors = console_errors(driver)
                problems += [(page, f"{page} in {theme}: console: {e}") for e in errors]
                screenshot(driver, SHOTS / f"{stem}-{theme}.png", WIDE, seen["height"])
            driver.execute_script("localStorage.removeItem('mdbook-theme');")
            set_viewport(driver, 800, media="print")
            open_page(driver, url)
            seen = driver.execute_script(MEASURE)
            screenshot(driver, SHOTS / f"{stem}-print.png", 800, seen["height"], media="print")
    except WebDriverException as error:
        problems.append((page, f"{page}: the browser failed: {error.msg}"))
    finally:
        driver.quit()
    return problems, stats


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--themes", action="store_true", help="also shoot the dark themes and print"
    )
    parser.add_argument("--page", action="append", help="only this page (build-relative .html)")
    parser.add_argument(
        "--every-page", action="store_true",
        help="a translation's section pages too (by default only English ones are opened)",
    )
    parser.add_argument(
        "--shots", action="store_true",
        help="a screenshot of every page (by default: each chapter's overview and a sample)",
    )
    parser.add_argument(
        "--lang", action="append", help="only this edition (en, zh-CN); every edition by default"
    )
    args = parser.parse_args()

    langs = args.lang or editions()
    todo = [
        f"{lang}/{page}"
        for lang in langs
        for page in (args.page or pages())
        if args.page or args.every_page or lang == "en" or not section_page(page)
    ]
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.rglob("*.png"):
        old.unlink()

    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="book-check-") as scratch:
        # A build of our own, with the script that builds the published site, so that
        # nobody's `mdbook build` or `mdbook serve` can change the pages under the
        # browser while it looks at them.
        built = pathlib.Path(scratch) / "site"
        build = subprocess.run(
            [str(ROOT / ".ci" / "build-site"), str(built)], capture_output=True, text=True
        )
        if build.returncode != 0:
            sys.exit(f".ci/build-site failed:\n{build.stdout}{build.stderr}")
        server = serve(built)
        try:
            base = f"http://127.0.0.1:{server.server_address[1]}/"
            # BROWSERS browsers, each with its share of the pages.
            shares = [todo[i::BROWSERS] for i in range(BROWSERS)]
            with concurrent.futures.ThreadPoolExecutor(BROWSERS) as pool:
                profiles = [pathlib.Path(scratch) / f"profile{n}" for n in range(BROWSERS)]
                found = pool.map(
                    lambda n: look(shares[n], base, profiles[n], args.themes, args.shots or bool(args.page)),
                    range(BROWSERS),
                )
                by_page = {}
                stats = {}
                for share_problems, share_stats in found:
                    for page, problem in share_problems:
                        by_page.setdefault(page, []).append(problem)
                    for width, figures in share_stats.items():
                        total = stats.setdefault(width, {"pairs": 0, "paired": 0, "heights": {}})
                        total["pairs"] += figures["pairs"]
                        total["paired"] += figures["paired"]
                        total["heights"].update(figures["heights"])
            search_lines = []
            if not args.page:
                driver = browser(pathlib.Path(scratch) / "profile-search")
                try:
                    set_viewport(driver, WIDE)
                    for lang in langs:
                        found, lines = search(driver, base, lang)
                        by_page.setdefault(f"{lang}/(search)", []).extend(found)
                        search_lines += lines
                finally:
                    driver.quit()
            problems = []
            for page in [*todo, *(p for p in by_page if p not in todo)]:
                # The same image or console line at both widths is one problem.
                problems += list(dict.fromkeys(by_page.get(page, [])))
        finally:
            server.shutdown()

    took = time.monotonic() - started
    summary = []
    for width in (WIDE, LAPTOP, NARROW):
        figures = stats[width]
        heights = figures["heights"]
        tallest = max(heights, key=heights.get) if heights else None
        over = sum(1 for h in heights.values() if h > TALLEST)
        summary.append(
            f"  {width:>4}px: {figures['paired']} of {figures['pairs']} pairs side by side; "
            f"tallest page {heights.get(tallest, 0)}px ({tallest}); {over} page(s) over {TALLEST}px"
        )
    wide = stats[WIDE]
    if wide["pairs"] and wide["paired"] < PAIRED_AT_WIDE * wide["pairs"]:
        problems.append(
            f"only {wide['paired']} of {wide['pairs']} pairs show side by side at {WIDE}px "
            f"(at least {PAIRED_AT_WIDE:.0%}): see book/theme/course.js"
        )
    print("\n".join(summary + search_lines))
    if problems:
        print(f"The book ({', '.join(langs)}), opened in Chromium, has {len(problems)} problem(s):")
        for problem in problems:
            print(f"  - {problem}")
        print(f"Screenshots: {SHOTS.relative_to(ROOT)}/ ({took:.0f}s)")
        sys.exit(1)
    print(
        f"browser: {len(todo)} pages ({', '.join(langs)}) at {WIDE}, {LAPTOP} and {NARROW}px: no code cut off, "
        f"no sideways scroll, every image loads, a quiet console, no page over {TALLEST}px, "
        f"the other edition one click away; screenshots in "
        f"{SHOTS.relative_to(ROOT)}/ ({took:.0f}s)"
    )


if __name__ == "__main__":
    main()
