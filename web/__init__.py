"""The smartcheck web front end (Flask + htmx)."""
