// Draws every figure of the page from its JSON block with the site's own plotly.js, and keeps
// chart text and grid colours in step with the light or dark theme of the page.
(function () {
  "use strict";
  function themeColours() {
    var dark = document.documentElement.dataset.theme === "dark";
    return dark
      ? { text: "#e6e6e6", grid: "rgba(255,255,255,0.15)", hoverbg: "#222831" }
      : { text: "#222222", grid: "rgba(0,0,0,0.12)", hoverbg: "#ffffff" };
  }
  function themed(layout) {
    var c = themeColours();
    layout.font = Object.assign({}, layout.font, { color: c.text });
    ["xaxis", "yaxis"].forEach(function (axis) {
      layout[axis] = Object.assign({}, layout[axis], { gridcolor: c.grid, linecolor: c.grid });
    });
    layout.hoverlabel = Object.assign({}, layout.hoverlabel, { bgcolor: c.hoverbg, font: Object.assign({}, (layout.hoverlabel || {}).font, { color: c.text }) });
    return layout;
  }
  function draw() {
    document.querySelectorAll("script.briefing-plotly-data").forEach(function (block) {
      var target = document.getElementById(block.dataset.target);
      if (!target || target.dataset.drawn) return;
      var figure = JSON.parse(block.textContent);
      target.dataset.drawn = "1";
      window.Plotly.newPlot(target, figure.data, themed(figure.layout || {}), {
        responsive: true, displaylogo: false, modeBarButtonsToRemove: ["sendDataToCloud"],
      });
    });
  }
  function retheme() {
    document.querySelectorAll(".briefing-plotly-canvas[data-drawn]").forEach(function (target) {
      window.Plotly.relayout(target, themed(Object.assign({}, target.layout)));
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
  new MutationObserver(retheme).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
})();
