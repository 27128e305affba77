"""Out and across: Markdown / JSON export, shareable databases, merge."""
