"""One file per schema change, applied in order by `smartcheck db upgrade` and on start."""
