"""Domain types and the local SQLite store. Plain Python: never imports Qt, ui or desktop."""
