// The PDF edition (briefing.site.pdf.printing), given the charts' class (briefing.site.plotly_mime.CANVAS_CLASS):
// draws every chart now (briefing-plotly.js), then reports the ones without an SVG.
async (canvasClass) => {
    const canvases = [...document.querySelectorAll('.' + canvasClass)];
    if (canvases.length && typeof window.briefingDrawAllFigures !== 'function') return ['the drawing script is missing'];
    if (canvases.length) {
        try { await window.briefingDrawAllFigures(); } catch (error) { return [String(error)]; }
    }
    await document.fonts.ready;
    return canvases.map((c, i) => c.querySelector('svg.main-svg') && c.querySelector('.xtick, .ytick, .pielayer, .slice')
        ? null : `chart ${i + 1} (${c.id}) did not draw`).filter(Boolean);
}
