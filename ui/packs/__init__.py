"""Review packs in the app: preview, print, save, and batches for many partners."""
