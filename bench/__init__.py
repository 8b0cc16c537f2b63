"""The benchmark (bench/run.py), the load test (bench/load.py) and the bare-Django baseline they compare to."""
