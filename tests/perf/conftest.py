# Benchmarks are run by hand (`python tests/perf/bench_*.py`) and reported, never timed in CI.
collect_ignore_glob = ["bench_*.py"]
