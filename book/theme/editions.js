// The language switch: "中文" on an English page, "English" on a Chinese one.
//
// The published site (built by .ci/build-site) holds the English book at its root and
// each translation in a folder named after its language (/zh-CN/), with
// `editions.json` at the root. A page asks for that file; where it is found, the
// switch appears in the menu bar and leads to the same page in the other edition.
// A book served on its own (`cargo course book`, `mdbook serve`) has no such file, so
// it shows no switch rather than a link that leads nowhere.
(function () {
    'use strict';

    const NAMES = { en: 'English', 'zh-CN': '中文' };
    const here = document.documentElement.lang || 'en';
    // `path_to_root` is mdBook's: the way from this page up to its edition's root.
    const bookRoot = new URL((typeof path_to_root === 'string' && path_to_root) || './', location.href);
    const siteRoot = here === 'en' ? bookRoot : new URL('../', bookRoot);
    const page = location.href.startsWith(bookRoot.href)
        ? location.href.slice(bookRoot.href.length)
        : '';

    fetch(new URL('editions.json', siteRoot))
        .then((response) => (response.ok ? response.json() : null))
        .then((editions) => {
            if (!editions || !Array.isArray(editions.translations)) return;
            const other = here === 'en' ? editions.translations[0] : 'en';
            if (!other || other === here) return;
            const target = new URL((other === 'en' ? '' : `${other}/`) + page, siteRoot);
            const link = document.createElement('a');
            link.href = target.href;
            link.hreflang = other;
            link.lang = other;
            link.className = 'course-edition';
            link.textContent = NAMES[other] || other;
            link.title = other === 'en' ? 'Read this page in English' : '阅读本页的中文版';
            const buttons = document.querySelector('.right-buttons');
            if (buttons) buttons.prepend(link);
        })
        .catch(() => {})
        // Says the question is settled, either way (the browser check waits for it).
        .finally(() => {
            document.documentElement.dataset.courseEditions = 'done';
        });
})();
