"""The benchmark of issue 6 and the load test of issue 8: `make bench` and `make load`."""
