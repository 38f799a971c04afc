"""The reference chapters (part two): one module per page, on the shared pieces of ``common``.

A reference page is prose with tables and charts: its code cells call its module's
``glue_page()`` to glue the values the prose shows (it returns what the other cells reuse), and one
function per table or chart, which returns it. The rows a page relies on are named once, at the
top of its module, in RELIED_ON.
"""
