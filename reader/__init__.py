"""Pizhu (批注): a desktop reader for annotating local news.

The package is layered: ``ingest`` (text in), ``text`` (jieba), ``store`` (SQLite),
``exchange`` (export, share, merge) form the core and never import Qt; ``gui`` is the
only client of PySide6.
"""

__version__ = "0.1.0"
