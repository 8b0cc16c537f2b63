"""What the API reads (read) and accepts (write)."""
