// Give each code block the width its longest line needs, so no line is cut off.
//
// mdBook's text column is 750 px wide: about 85 characters of code. The course's
// snippets run up to 100 characters, and its Python | Rust pairs put two of them side
// by side. So, after the page is laid out (and again when the window or the sidebar
// changes), each block is measured:
//
// - a pair goes side by side whenever the page area beside the sidebar has room for
//   two readable columns (a laptop with the sidebar open does), breaking out of the
//   text column, centred on it: each column as wide as its longest line where both
//   fit, otherwise in a smaller code font, with any line still too long wrapped in
//   its column; on a phone or a narrow window it stacks, Python above Rust;
// - a compiler's output never wraps (its caret lines point at columns): where it is
//   wider than the page area, it scrolls inside its block;
// - every other block (and every stacked pair, as one) that is wider than the text
//   column widens into the page's margins, centred; all such blocks on a page share
//   one width, so that their edges line up;
// - a block still wider than the page area wraps its long lines (at desktop widths;
//   on a phone a code block scrolls inside itself, and program output wraps).
//
// Without JavaScript, and in print, pairs stack and blocks keep mdBook's layout
// (course.css); print wraps long lines.
(function () {
    'use strict';

    const DESKTOP = 1080; // mdBook's own breakpoint between phone and desktop layouts
    const GAP = 16; // px between the two columns of a pair (course.css: --pair-gap)
    // The narrowest column a pair is put side by side with: about 60 characters of
    // code at the pair's compact size.
    const MIN_COLUMN = 400;

    // The width a block needs to show its longest line whole: the text's own width
    // (measured with a Range, so scrollbars and current widths do not matter) plus the
    // padding and borders around it.
    function naturalWidth(pre) {
        const code = pre.querySelector('code') || pre;
        const range = document.createRange();
        range.selectNodeContents(code);
        const left = code.getBoundingClientRect().left;
        let text = 0;
        for (const rect of range.getClientRects()) text = Math.max(text, rect.right - left);
        const codeStyle = getComputedStyle(code);
        const preStyle = getComputedStyle(pre);
        const px = (style, ...names) =>
            names.reduce((sum, name) => sum + (parseFloat(style[name]) || 0), 0);
        const sides = ['paddingRight', 'borderLeftWidth', 'borderRightWidth'];
        const around = code === pre ? 0 : px(codeStyle, ...sides);
        return Math.ceil(text + around + px(preStyle, 'paddingLeft', ...sides)) + 2;
    }

    // rustc's diagnostics draw with columns: a caret line (`^^^ borrowed here`) sits
    // under the code it points at. Wrapped, the drawing falls apart, so a compiler's
    // output keeps its lines and scrolls inside its block instead (course-compiler).
    const COMPILER = /^(error|warning)(\[E\d{4}\])?: /m;
    function isCompilerOutput(pre) {
        const code = pre.querySelector('code.language-text');
        return Boolean(code) && COMPILER.test(code.textContent) && /^\s*(-->|\d*\s*\|)/m.test(code.textContent);
    }

    function reset(element) {
        element.style.width = '';
        element.style.marginLeft = '';
        element.style.marginRight = '';
        element.style.gridTemplateColumns = '';
        element.classList.remove('course-wide', 'course-wrap', 'course-paired', 'course-compact',
            'course-compiler');
    }

    // Centre `element` on the text column, `width` px wide.
    function widen(element, width, column) {
        if (width <= column) return;
        const overhang = (width - column) / 2;
        element.style.width = `${width}px`;
        element.style.marginLeft = `-${overhang}px`;
        element.style.marginRight = `-${overhang}px`;
        element.classList.add('course-wide');
    }

    function layout() {
        const main = document.querySelector('#mdbook-content main')
            || document.querySelector('main');
        if (!main) return;
        const content = main.parentElement;
        const blocks = [...main.querySelectorAll('pre')];
        const pairs = [...main.querySelectorAll('.side-by-side')];
        blocks.forEach(reset);
        pairs.forEach(reset);

        const column = main.clientWidth;
        const contentStyle = getComputedStyle(content);
        // The whole page area beside the sidebar, less a small margin each side.
        const room = Math.floor(content.clientWidth
            - parseFloat(contentStyle.paddingLeft) - parseFloat(contentStyle.paddingRight) - 8);
        const desktop = window.innerWidth >= DESKTOP;
        const need = new Map(blocks.map((pre) => [pre, naturalWidth(pre)]));

        // Pairs first. A pair goes side by side wherever the page area gives each
        // column at least MIN_COLUMN px, which is true at laptop widths with the
        // sidebar open: the point of a pair is to read the two programs together.
        // - Both columns fit whole: each gets its share by its longest line.
        // - Otherwise the pair takes the whole page area, its code a size smaller
        //   (course-compact), and each column gets its share by its longest line but
        //   never less than MIN_COLUMN; a line still longer than its column wraps
        //   (course-wrap), so nothing is ever cut off or hidden behind a scrollbar.
        // Only below that (a phone, a narrow window) does a pair stack.
        const stacked = [];
        for (const pair of pairs) {
            const columns = [...pair.children];
            const pres = (col) => [...col.querySelectorAll('pre')];
            // What each column needs for its longest line (a floor keeps a short or
            // empty column from shrinking to nothing).
            const needOf = (col) => Math.max(160, ...pres(col).map((pre) => naturalWidth(pre)));
            const gaps = GAP * (columns.length - 1);
            let needs = columns.map((col) => Math.max(160, ...pres(col).map((pre) => need.get(pre))));
            if (!desktop || columns.length < 2 || room < MIN_COLUMN * columns.length + gaps) {
                stacked.push(pair);
                continue;
            }
            pair.classList.add('course-paired');
            if (needs.reduce((a, b) => a + b, 0) + gaps > room) {
                pair.classList.add('course-compact');
                needs = columns.map(needOf);
            }
            const together = needs.reduce((a, b) => a + b, 0) + gaps;
            let widths = needs;
            if (together > room) {
                // Share the room in proportion to what each column needs, so that the
                // longer program (Rust's, as a rule) wraps no more than the shorter
                // one; no column gets less than MIN_COLUMN.
                const avail = room - gaps;
                const total = needs.reduce((a, b) => a + b, 0);
                widths = needs.map((n) => Math.max(MIN_COLUMN, (avail * n) / total));
                const over = widths.reduce((a, b) => a + b, 0) - avail;
                if (over > 0) {
                    // A column raised to the floor takes its extra from the others.
                    const above = widths.filter((w) => w > MIN_COLUMN).reduce((a, b) => a + b, 0);
                    widths = widths.map((w) => (w > MIN_COLUMN ? w - (over * w) / above : w));
                }
                columns.forEach((col, i) => {
                    for (const pre of pres(col)) {
                        if (naturalWidth(pre) > widths[i] + 1) pre.classList.add('course-wrap');
                    }
                });
            }
            pair.style.gridTemplateColumns = widths.map((w) => `minmax(0, ${w}fr)`).join(' ');
            widen(pair, Math.min(room, widths.reduce((a, b) => a + b, 0) + gaps), column);
        }

        // Then everything else, as single blocks; a stacked pair moves as one, so its
        // Python and Rust keep the same left edge, under their labels.
        const units = [
            ...stacked.map((pair) => [pair, [...pair.querySelectorAll('pre')]]),
            ...blocks.filter((pre) => !pre.closest('.side-by-side')).map((pre) => [pre, [pre]]),
        ].map(([element, pres]) => [element, Math.max(0, ...pres.map((pre) => need.get(pre)))])
            .filter(([, width]) => width > column + 1);
        if (desktop) {
            // One wide width for the whole page, so that the widened blocks line up
            // with each other instead of each sticking out by its own amount.
            const wide = Math.min(room, Math.max(column, ...units.map(([, width]) => width)));
            for (const [element, width] of units) {
                widen(element, wide, column);
                if (element.tagName === 'PRE' && isCompilerOutput(element)) {
                    element.classList.add('course-compiler');
                } else if (width > wide) {
                    const pres = element.querySelectorAll('pre');
                    pres.forEach((pre) => pre.classList.add('course-wrap'));
                    if (element.tagName === 'PRE') element.classList.add('course-wrap');
                }
            }
        } else {
            // On a phone a block scrolls inside itself, except program output, whose
            // long lines wrap: nobody wants to scroll sideways through a log.
            for (const pre of blocks) {
                const output = pre.querySelector('code.language-text');
                if (isCompilerOutput(pre)) {
                    pre.classList.add('course-compiler');
                } else if (output && need.get(pre) > pre.clientWidth + 1) {
                    pre.classList.add('course-wrap');
                }
            }
        }
    }

    let pending = null;
    function schedule() {
        if (pending !== null) cancelAnimationFrame(pending);
        pending = requestAnimationFrame(() => {
            pending = null;
            layout();
        });
    }

    layout();
    if (document.fonts) document.fonts.ready.then(schedule);
    window.addEventListener('load', schedule);
    window.addEventListener('resize', schedule);
    // Showing or hiding the sidebar changes the page area: lay out again once its
    // slide has finished.
    const wrapper = document.querySelector('.page-wrapper');
    if (wrapper) wrapper.addEventListener('transitionend', schedule);
    new MutationObserver(schedule).observe(document.documentElement, {
        attributes: true,
        attributeFilter: ['class'],
    });
})();
