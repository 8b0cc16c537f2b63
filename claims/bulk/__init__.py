"""Data in and out in bulk: claims files (claims_file), the whole-database backup (backup), and synthetic
claims for benchmarks (synthetic)."""
