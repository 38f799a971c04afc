"""Quotes from the archived articles: each one found word for word in its text in seeds/.

A quote is compared with its archived text after collapsing white space only: quote marks,
apostrophes, dashes and capitals must be as in the source. A quote may leave words out with
' [...] ' between its excerpts; each excerpt must be in the text. When one is not found,
``explain`` finds the closest passage in the source and says where the two first differ, and
notes when only the typography differs (a straight ' typed where the source has a curly ’).
The quote is always shown whole: cutting it could hide the very difference.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem, shown
from .table import Table

QUOTE_SEPARATOR = " [...] "

# Characters that look alike to a reader but not to the comparison.
LOOKALIKES = {
    "'": "'", "’": "'", "‘": "'", "‛": "'", "′": "'",
    '"': '"', "“": '"', "”": '"', "„": '"', "″": '"',
    "-": "-", "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-",
}
CHARACTER_NAMES = {
    "'": "a straight apostrophe '", "’": "a curly apostrophe ’", "‘": "a curly opening quote ‘",
    '"': 'a straight double quote "', "“": "a curly opening double quote “", "”": "a curly closing double quote ”",
    "-": "a hyphen -", "–": "an en dash –", "—": "an em dash —", "‑": "a non-breaking hyphen ‑", "−": "a minus sign −",
}
CLOSE_ENOUGH = 0.5  # below this share of matching words, no passage is called "closest"


def fold(text: str) -> str:
    """Quote marks, apostrophes and dashes reduced to their plain forms."""
    return "".join(LOOKALIKES.get(ch, ch) for ch in text)


def _name(ch: str) -> str:
    return CHARACTER_NAMES.get(ch, repr(ch))


@dataclass
class Passage:
    words: list[str]  # the closest passage in the source, word by word
    ratio: float  # share of the quote's words it matches (after folding, ignoring capitals)
    opcodes: list[tuple[str, int, int, int, int]]  # exact word alignment: quote -> passage


def closest_passage(quote: str, source: str) -> Passage | None:
    """The passage of `source` closest to `quote` (both with white space collapsed)."""
    q_words, s_words = quote.split(), source.split()
    if not q_words or not s_words:
        return None
    q_loose = [fold(w).lower() for w in q_words]
    s_loose = [fold(w).lower() for w in s_words]
    n, margin = len(q_words), 3
    best, best_start = -1.0, 0
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(q_loose)
    for start in range(max(1, len(s_words) - n + 1)):
        matcher.set_seq1(s_loose[start:start + n])
        score = matcher.ratio()
        if score > best:
            best, best_start = score, start
    # Align the quote with the best window and a few words either side, then trim to the match.
    lo = max(0, best_start - margin)
    window, window_loose = s_words[lo:best_start + n + margin], s_loose[lo:best_start + n + margin]
    blocks = [b for b in difflib.SequenceMatcher(None, q_loose, window_loose, autojunk=False).get_matching_blocks() if b.size]
    if not blocks:
        return Passage(s_words[best_start:best_start + n], 0.0, [])
    first, last = blocks[0], blocks[-1]
    begin = max(0, first.b - first.a)  # as many source words before the match as the quote has
    end = min(len(window), last.b + last.size + (n - last.a - last.size))
    words = window[begin:end]
    matched = sum(b.size for b in blocks)
    opcodes = difflib.SequenceMatcher(None, q_words, words, autojunk=False).get_opcodes()
    return Passage(words, matched / n, opcodes)


def _typography_note(quote: str, source_text: str) -> str | None:
    if fold(quote) in fold(source_text):
        return "Only quote marks, apostrophes or dashes differ (straight or curly, hyphen or dash)"
    if fold(quote).lower() in fold(source_text).lower():
        return "Only capitals differ" + ("" if quote.lower() in source_text.lower() else
                                         ", and quote marks, apostrophes or dashes")
    return None


def _first_difference(q_words: list[str], passage: Passage) -> str:
    for tag, i1, i2, j1, j2 in passage.opcodes:
        if tag == "equal":
            continue
        ours = " ".join(q_words[i1:i2][:3])
        theirs = " ".join(passage.words[j1:j2][:3])
        if tag == "delete":
            return f"the quote has {ours!r} where the source has nothing"
        if tag == "insert":
            return (f"the source has {theirs!r} where the quote has nothing"
                    " (to leave words out, write ' [...] ' in their place)")
        detail = ""
        if i2 - i1 == 1 and j2 - j1 == 1:
            detail = _character_detail(q_words[i1], passage.words[j1])
        return f"the quote has {ours!r} where the source has {theirs!r}{detail}"
    return "the words match but their order or spacing differs"


def _character_detail(ours: str, theirs: str) -> str:
    if len(ours) != len(theirs):
        return ""
    pairs = [(a, b) for a, b in zip(ours, theirs, strict=True) if a != b]
    if pairs and all(LOOKALIKES.get(a, a) == LOOKALIKES.get(b, b) for a, b in pairs):
        a, b = pairs[0]
        return f": the quote has {_name(a)} where the source has {_name(b)}"
    return ""


def explain(quote: str, source_id: str, source_text: str, other_sources: dict[str, str]) -> str:
    """The message for a quote (white space collapsed) not found in `source_text`."""
    where = f"seeds/{source_id}.txt"
    lines = [f"quote not found in {where} (compared after collapsing white space only)."]
    note = _typography_note(quote, source_text)
    passage = closest_passage(quote, source_text)
    close = passage is not None and passage.ratio >= CLOSE_ENOUGH
    if close:
        lines[0] += f" First difference: {_first_difference(quote.split(), passage)}."
    if note:
        lines[0] += f" {note}."
    lines.append(f"      quote:  {quote!r}")
    if close:
        lines.append(f"      source: {' '.join(passage.words)!r}")
    elsewhere = [sid for sid, text in sorted(other_sources.items()) if sid != source_id and quote in text]
    if elsewhere:
        lines.append(f"    These exact words are in seeds/{elsewhere[0]}.txt: if that is the source, change source_id to {elsewhere[0]}.")
    elif not close:
        lines.append(f"    No passage in {where} is close to this quote: check source_id, or copy the words from that file.")
    lines.append(f"    Fix: open {where}, copy the words and paste them into the quote (do not retype them),"
                 " then run make check-data again.")
    return "\n".join(lines)


def normalise_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def quote_excerpts(quote: str) -> list[str]:
    return [normalise_space(part) for part in quote.split(QUOTE_SEPARATOR) if part.strip()]


def load_seeds(seeds_dir: Path, problems: list[Problem]) -> dict[str, str]:
    """The archived articles' texts by source id, white space collapsed."""
    if not seeds_dir.is_dir():
        problems.append(Problem(shown(seeds_dir), 0, "", "directory of archived sources is missing: restore seeds/"
                                " from git (git checkout -- seeds)"))
        return {}
    return {p.stem: normalise_space(p.read_text(encoding="utf-8")) for p in sorted(seeds_dir.glob("*.txt"))}


def check_quotes(table: Table, schema: dict, seeds: dict[str, str], problems: list[Problem]) -> None:
    """Every quote column (x-briefing-quote-in names the column of its source) found in its article."""
    for field in schema["fields"]:
        source_column = field.get("x-briefing-quote-in")
        if not source_column:
            continue
        for row, line in table.numbered():
            source_id, quote = row[source_column], row[field["name"]]
            if source_id not in seeds or not quote:
                continue  # quotes on other kinds of source, and missing seeds, are evidence problems (evidence.py)
            for excerpt in quote_excerpts(quote):
                if excerpt not in seeds[source_id]:
                    problems.append(Problem(table.shown, line, field["name"], explain(excerpt, source_id, seeds[source_id], seeds)))
