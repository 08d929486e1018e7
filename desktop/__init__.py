"""App bootstrap, settings, paths, background jobs and printing (wires models, sync and ui)."""
