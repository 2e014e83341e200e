"""Reports of checked recommendations: summary, terminal, JSON/CSV and HTML formats."""
