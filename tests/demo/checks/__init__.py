"""Checks of the seeded demo, one module per service; tests/demo/test_seeded_demo.py runs them
on the demo seeded once for the run."""
