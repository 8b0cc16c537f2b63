"""The API's views, one module per family of endpoints (claims, catalogue, feed, root)."""
