"""The plan of approach (Bijlage 1). Depends on teams only."""
