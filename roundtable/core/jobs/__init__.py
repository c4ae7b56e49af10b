"""Jobs: the record of a background task that a person follows (its progress, its outcome) on a page.

The machinery that starts and runs them is in `roundtable.core.tasks`; this package holds the model,
who may see a job, and its page.
"""
