"""Demo of the Round Table structure: organisations, people, forums, SWGs and sub-SWGs, chairs and co-chairs,
stakeholder lists and the demo accounts (password `demo`).

Called by `manage.py load_demo` after the frameworks demo, through `load(stdout)`. The data is in
`organisations`, `people` and `groups`; `loader` writes it, idempotently (a second run changes nothing).
"""

from .loader import PASSWORD, load

__all__ = ["PASSWORD", "load"]
