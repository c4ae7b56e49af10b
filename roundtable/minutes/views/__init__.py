"""Views of the minutes, one module per concern (see urls.py)."""
