"""Real recommendations: the store, its file readers, similar search and near-duplicates."""
