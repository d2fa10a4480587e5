"""Residents, consent, tandem trajectories and AVG duties. Depends on teams only."""
