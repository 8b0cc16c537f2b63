"""Synthetic claims for benchmarks and load tests: vocabulary (the words), build (rows in memory), seed
(written in bulk)."""
