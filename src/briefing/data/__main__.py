"""``python -m briefing.data [DATA_DIR]``: validate the data package and report every problem."""

from .validate import main

raise SystemExit(main())
