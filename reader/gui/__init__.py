"""The reader window: the only package that imports PySide6."""
