"""Open data: bulk CSV and JSON downloads of every public dataset, the data page that describes them, and
RSS/Atom feeds of what is published (`/lo/data/`, `/en/data/`)."""
