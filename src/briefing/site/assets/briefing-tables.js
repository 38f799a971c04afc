// Tables for every reader: on a phone each row as a block of labelled values (briefing.css), a
// visible cue on a table that still scrolls sideways, and the quote behind a source link for
// readers who cannot hover (touch screens): the first tap shows it under the link, the next one
// follows the link.
(() => {
  // Each cell gets its column's name, from the header row, so the page carries it only once.
  document.querySelectorAll('table.briefing-table').forEach((table) => {
    const names = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
    table.querySelectorAll('tbody tr').forEach((row) => [...row.children].forEach((cell, i) => {
      if (names[i]) cell.dataset.label = names[i];
    }));
    table.classList.add('stacks');
  });

  const HINT = 'briefing-scroll-hint';
  const markScrolling = () => document.querySelectorAll('.briefing-table-wrap').forEach((wrap) => {
    const scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
    const before = wrap.previousElementSibling;
    const hint = before && before.classList.contains(HINT) ? before : null;
    wrap.classList.toggle('scrolls', scrolls);
    if (scrolls && !hint) {
      const note = document.createElement('p');
      note.className = HINT;
      note.textContent = 'This table is wider than the screen: scroll it sideways for more columns →';
      wrap.before(note);
    } else if (!scrolls && hint) {
      hint.remove();
    }
  });
  markScrolling();
  window.addEventListener('resize', markScrolling);

  document.addEventListener('click', (event) => {
    const link = event.target.closest('a.source-link[title]');
    if (!link || window.matchMedia('(hover: hover)').matches) return;
    const shown = link.nextElementSibling;
    if (shown && shown.classList.contains('briefing-quote')) return;  // second tap: follow the link
    event.preventDefault();
    const quote = document.createElement('span');
    quote.className = 'briefing-quote';
    quote.setAttribute('role', 'note');
    quote.textContent = link.classList.contains('cite') ? link.title : `“${link.title}”`;
    link.after(quote);
  });
})();
