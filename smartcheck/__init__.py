"""smartcheck — a SMART writing assistant for UPR recommendations."""
