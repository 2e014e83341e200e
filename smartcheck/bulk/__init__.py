"""Bulk checks: a file streamed in chunks through one engine, worker processes or Dask."""
