"""Views of the directory, one module per screen family."""
