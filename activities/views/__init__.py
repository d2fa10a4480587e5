"""Pages of the activities app (see activities/urls.py)."""
