"""The library: SQLAlchemy models, sessions, library operations, search, anchoring."""
