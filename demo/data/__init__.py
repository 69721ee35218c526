"""The demo association as plain data: who works there, with whom, for which funders, and the
shares and volumes its activity follows (from the reference reports in docs/reference/).
The builders in `demo.builders` turn it into records."""
