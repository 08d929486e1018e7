"""Qt widgets, dialogs and item models. Reaches data only through the store and sync APIs."""
