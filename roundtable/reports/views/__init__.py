"""Views of the reports app, one module per concern (see urls.py): the Round Table meetings (cycles),
the progress reports, and the recommendations and road map."""
