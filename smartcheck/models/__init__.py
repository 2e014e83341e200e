"""Learned models (action category, issue tags, sentence vectors) and their trainers."""
