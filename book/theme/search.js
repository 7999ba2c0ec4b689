// Search that finds Chinese as well as English, on the published site.
//
// mdBook's own search splits text at spaces and runs an English pipeline, so its index
// holds no Chinese words at all: in the Chinese edition 取消 or 唤醒器 found nothing.
// The published site (.ci/build-site) is also indexed by Pagefind's extended build,
// which segments Chinese, one index per language, in `pagefind/` at the site's root.
// Where that index is found, this takes over mdBook's search box: the same box, the
// same keys, the same list of results, filled from Pagefind for the page's own
// language. A book served on its own (`cargo course book`) has no Pagefind index and
// keeps mdBook's search.
(function () {
    'use strict';

    const bar = document.getElementById('mdbook-searchbar');
    const list = document.getElementById('mdbook-searchresults');
    const outer = document.getElementById('mdbook-searchresults-outer');
    const header = document.getElementById('mdbook-searchresults-header');
    if (!bar || !list || !outer || !header) return;

    const chinese = (document.documentElement.lang || '').startsWith('zh');
    const bookRoot = new URL((typeof path_to_root === 'string' && path_to_root) || './', location.href);
    const siteRoot = chinese ? new URL('../', bookRoot) : bookRoot;
    const LIMIT = 10;

    let pagefind = null; // the module, once it has loaded
    let asked = '';
    let latest = 0;

    const words = {
        one: (q) => (chinese ? `“${q}”的搜索结果：1 条` : `1 search result for '${q}':`),
        many: (n, q) => (chinese ? `“${q}”的搜索结果：${n} 条` : `${n} search results for '${q}':`),
        none: (q) => (chinese ? `没有找到“${q}”。` : `No search results for '${q}'.`),
    };

    async function search(query) {
        const ticket = ++latest;
        const found = await pagefind.search(query);
        const shown = await Promise.all(found.results.slice(0, LIMIT).map((r) => r.data()));
        if (ticket !== latest) return; // a newer query has been typed meanwhile
        const count = shown.length;
        header.innerText = count === 0 ? words.none(query)
            : count === 1 ? words.one(query) : words.many(count, query);
        list.replaceChildren(...shown.map((page) => {
            const item = document.createElement('li');
            const link = document.createElement('a');
            link.href = new URL(page.url.replace(/^\//, ''), siteRoot).href;
            link.textContent = (page.meta && page.meta.title) || page.url;
            const teaser = document.createElement('span');
            teaser.className = 'teaser';
            teaser.setAttribute('aria-label', 'Search Result Teaser');
            // Pagefind's excerpt is the page's own text, escaped, with <mark> around hits.
            teaser.innerHTML = page.excerpt;
            item.append(link, teaser);
            return item;
        }));
        outer.classList.remove('hidden');
        document.documentElement.dataset.courseSearch = query;
    }

    function onKey(event) {
        if (event.target !== bar || pagefind === null) return;
        // Ours, not mdBook's: its keyup handler would search its own index.
        event.stopPropagation();
        const query = bar.value.trim();
        if (query === asked) return;
        asked = query;
        if (query === '') {
            outer.classList.add('hidden');
            return;
        }
        search(query).catch(() => {});
    }

    import(new URL('pagefind/pagefind.js', siteRoot).href)
        .then(async (module) => {
            await module.options({ baseUrl: '/', excerptLength: 24 });
            await module.init();
            pagefind = module;
            // Before mdBook's own listener, which sits on the box itself.
            window.addEventListener('keyup', onKey, true);
            document.documentElement.dataset.courseSearchEngine = 'pagefind';
        })
        .catch(() => {
            document.documentElement.dataset.courseSearchEngine = 'mdbook';
        });
})();
