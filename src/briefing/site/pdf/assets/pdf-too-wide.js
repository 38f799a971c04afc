// The PDF edition (briefing.site.pdf.printing), given the charts' class, in print media: anything in the
// article wider than the printed text (a table with cut columns, a chart).
(canvasClass) => {
    const article = document.querySelector('.bd-article');
    const right = article.getBoundingClientRect().right + 1;
    return [...article.querySelectorAll(`table, .${canvasClass} svg.main-svg, pre, img`)]
        .filter(el => el.getClientRects().length && el.getBoundingClientRect().right > right)
        .map(el => `${el.tagName.toLowerCase()} ${el.id || el.className.baseVal || el.className || ''} is
            ${Math.round(el.getBoundingClientRect().width)}px wide, the page ${Math.round(article.getBoundingClientRect().width)}px`
            .replace(/\s+/g, ' '));
}
