// The PDF edition (briefing.site.pdf.printing), given [the site's address, the ids cross-referenced,
// the page map (docname#id -> page), the source list's link]: prepares a chapter for print. Each link gets
// what it points to (data attributes the print CSS shows); hidden jump targets make Chromium record where
// each cross-referenced id is printed.
([base, targets, pages, sourceLink]) => {
    const here = new URL(location.href);
    // The record behind a story chapter is folded on the web; paper shows it.
    for (const fold of document.querySelectorAll('details.briefing-record')) fold.open = true;
    for (const a of document.querySelectorAll('.bd-article a[href]')) {
        const url = new URL(a.getAttribute('href'), here);
        if (a.classList.contains('headerlink')) continue;
        if (!url.href.startsWith(base)) {
            if (/^https?:$/.test(url.protocol)) a.dataset.pdfUrl = url.href;
            continue;
        }
        const path = url.pathname.slice(new URL(base).pathname.length);
        if (a.classList.contains('source-link')) {
            a.href = sourceLink;
        } else if (path.endsWith('.html')) {
            const key = path.replace(/\.html$/, '') + '#' + decodeURIComponent(url.hash.slice(1));
            const page = pages[key] || pages[path.replace(/\.html$/, '') + '#'];
            const sameSpot = path === here.pathname.slice(new URL(base).pathname.length) && !url.hash;
            if (!sameSpot) a.dataset.pdfPage = page ? String(page) : '00';
        } else {
            a.dataset.pdfFile = path;  // a download on the site: data/..., sources/...
        }
    }
    const box = document.createElement('div');
    box.className = 'briefing-pdf-targets';
    box.setAttribute('aria-hidden', 'true');
    for (const id of targets) {
        if (!document.getElementById(id)) continue;
        const a = document.createElement('a');
        a.href = '#' + id;
        a.textContent = '.';
        box.appendChild(a);
    }
    document.body.appendChild(box);
}
