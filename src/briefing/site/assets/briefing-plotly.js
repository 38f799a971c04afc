// Draws each figure of the page from its JSON block with the site's own plotly.js, and keeps
// chart text and grid colours in step with the light or dark theme of the page.
//
// plotly.js (data-plotly on this script's tag, relative to it) runs only when a chart comes into
// view: the text of a chapter paints and responds without waiting for 1.2 MB of chart code to
// download and run (on a phone, running it blocks the page for half a second). Once the page has
// loaded, the file is fetched in the background (prefetch, not run), so a chart scrolled to is
// drawn at once. window.briefingDrawAllFigures() draws every chart now (printing, tests).
(function () {
  "use strict";
  var script = document.currentScript;
  var plotlyUrl = new URL(script.dataset.plotly, script.src).href;
  var plotlyLoaded = null;

  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!plotlyLoaded) {
      plotlyLoaded = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = plotlyUrl;
        tag.onload = function () { resolve(window.Plotly); };
        tag.onerror = function () { reject(new Error("briefing: could not load " + plotlyUrl)); };
        document.head.appendChild(tag);
      });
    }
    return plotlyLoaded;
  }
  function themeColours() {
    var dark = document.documentElement.dataset.theme === "dark";
    return dark
      ? { text: "#e6e6e6", grid: "rgba(255,255,255,0.1)", hoverbg: "#222831" }  // softer: 0.15 glared
      : { text: "#222222", grid: "rgba(0,0,0,0.2)", hoverbg: "#ffffff" };  // 0.12 vanished on white
  }
  function themed(layout) {
    var c = themeColours();
    layout.font = Object.assign({}, layout.font, { color: c.text });
    // Every axis: a chart of stacked panels has xaxis2, yaxis2, ... too.
    var axes = Object.keys(layout).filter(function (key) { return /^[xy]axis\d*$/.test(key); });
    ["xaxis", "yaxis"].concat(axes).forEach(function (axis) {
      layout[axis] = Object.assign({}, layout[axis], { gridcolor: c.grid, linecolor: c.grid });
    });
    layout.hoverlabel = Object.assign({}, layout.hoverlabel, { bgcolor: c.hoverbg, font: Object.assign({}, (layout.hoverlabel || {}).font, { color: c.text }) });
    return layout;
  }
  function canvases() {
    return Array.prototype.slice.call(document.querySelectorAll(".briefing-plotly-canvas"));
  }
  function draw(target) {
    if (!target.briefingDrawing) {
      target.briefingDrawing = loadPlotly().then(function (Plotly) {
        var block = target.parentNode.querySelector("script.briefing-plotly-data");
        var figure = JSON.parse(block.textContent);
        target.dataset.drawn = "1";
        return Plotly.newPlot(target, figure.data, themed(figure.layout || {}), {
          responsive: true, displaylogo: false, modeBarButtonsToRemove: ["sendDataToCloud"],
        });
      });
      target.briefingDrawing.catch(function (error) { console.error(error); });
    }
    return target.briefingDrawing;
  }
  function drawAll() {
    return Promise.all(canvases().map(draw));
  }
  function retheme() {
    document.querySelectorAll(".briefing-plotly-canvas[data-drawn]").forEach(function (target) {
      if (target.layout) window.Plotly.relayout(target, themed(Object.assign({}, target.layout)));
    });
  }
  function start() {
    if (!("IntersectionObserver" in window)) { drawAll(); return; }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { observer.unobserve(entry.target); draw(entry.target); }
      });
    });
    canvases().forEach(function (target) { observer.observe(target); });
  }
  function prefetch() {
    if (window.Plotly || plotlyLoaded) return;
    var hint = document.createElement("link");
    hint.rel = "prefetch";
    hint.as = "script";
    hint.href = plotlyUrl;
    document.head.appendChild(hint);
  }
  window.briefingDrawAllFigures = drawAll;
  // Charts not yet drawn are drawn for printing when plotly.js is already there; each chart's
  // data is also in a table on the page.
  // Drawn charts are narrowed to the printed page (A4 or Letter less the margins) while printing.
  var PRINT_WIDTH = 680;
  window.addEventListener("beforeprint", function () {
    if (!window.Plotly) return;
    drawAll();
    document.querySelectorAll(".briefing-plotly-canvas[data-drawn]").forEach(function (target) {
      if (target.layout && target.clientWidth > PRINT_WIDTH) window.Plotly.relayout(target, { width: PRINT_WIDTH });
    });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll(".briefing-plotly-canvas[data-drawn]").forEach(function (target) {
      if (target.layout && target.layout.width === PRINT_WIDTH) window.Plotly.relayout(target, { width: null, autosize: true });
    });
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  if (document.readyState === "complete") prefetch();
  else window.addEventListener("load", prefetch);
  new MutationObserver(retheme).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
})();
