"""The built site's machinery: Sphinx extension, plotly renderer, plotly.js bundle, icons, server."""
