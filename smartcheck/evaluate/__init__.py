"""Measure the engine against hand-coded data: action category and SMART agreement."""
