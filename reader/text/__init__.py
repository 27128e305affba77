"""Chinese text processing on top of jieba, loaded lazily (never on the GUI's start path)."""
