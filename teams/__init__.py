"""Locations, organisations, people, memberships and the access policy. Imports no other app."""
