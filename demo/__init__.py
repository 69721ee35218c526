"""The demo association: plain data modules (`demo.data`) and the builders that write them through
the apps' services (`demo.builders`), run by `manage.py seed_demo`. The benchmark
(`manage.py bench_reports`) lives here too: neither belongs to the domain apps."""
