"""Review packs in the app: preview, print, save, and batches for many partners."""
from ui.packs.pyside_refcount_fix import pin_bools

# Pack jobs emit signals from worker threads many times per batch; see the module.
pin_bools()
