"""The coordinators' cross-city view. Reads the other apps; nothing imports it."""
