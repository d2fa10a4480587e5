"""Views of the casework app, one module per part of the work."""
