"""What the chapters call: the duty engine, charts, tables, glue and the chart style."""
