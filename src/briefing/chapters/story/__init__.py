"""The story chapters (part one): one module per chapter, on the shared pieces of ``record``.

A story chapter is prose: its code cells call one function of its module to glue the values the
prose shows, one to draw each chart, and ``record.behind(...)`` for the folded tables of the
record behind the chapter.
"""
