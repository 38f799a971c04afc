"""Checks of a built site: pages and links, the browser driver, screenshots."""
