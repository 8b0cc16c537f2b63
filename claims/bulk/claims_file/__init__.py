"""Claims files: the JSON that fixtures/ ships, or a newsroom's own (format, reader, loader)."""
