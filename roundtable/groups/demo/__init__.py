"""Demo of the Round Table structure: forums, SWGs and sub-SWGs, chairs and co-chairs (with past terms and
rotations due), and the stakeholder lists. Runs after the directory's and the frameworks' demos (it links
their records); the data is in `data`, `loader` writes it idempotently.
"""

from .loader import load

__all__ = ["load"]
