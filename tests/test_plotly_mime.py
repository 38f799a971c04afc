"""The figure block written into pages: JSON that no text from the data can break out of."""

from __future__ import annotations

from briefing.site import plotly_mime

AWKWARD = "ends </script><script>alert(1)</script> and opens <!-- a comment"


def test_figure_text_cannot_end_the_block_and_comes_back_unchanged():
    figure = {"data": [{"type": "scatter", "x": [1], "y": [2], "hovertext": [AWKWARD]}],
              "layout": {"meta": {"description": "A chart."}, "title": {"text": AWKWARD}}}
    markup, _ = plotly_mime.figure_html(figure)
    block = markup.split(f'class="{plotly_mime.DATA_CLASS}"', 1)[1]
    json_text = block.split(">", 1)[1].split("</script>", 1)[0]
    assert "<" not in json_text, "a '<' inside the JSON block"
    assert block.split("</script>", 1)[1].startswith("</div>"), "the block ends where the figure's JSON ends"
    (read_back,) = plotly_mime.figures_in("<p>page</p>" + markup + "<p>more</p>")
    assert read_back["data"][0]["hovertext"] == [AWKWARD]
    assert read_back["layout"]["title"]["text"] == AWKWARD
