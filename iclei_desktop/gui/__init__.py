"""The Qt layer: main window, one module per tab, item models and dialogs."""
