"""Seeing the news over time: statistics, entities, related stories, agreement.

Pure Python over the library's tables (no Qt): the CLI and the windows call the same
functions. Heavy helpers (numpy, datasketch, jieba) load only when used.
"""
