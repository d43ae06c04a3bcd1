"""Defaults shared across layers, kept here so that reading them imports nothing heavy."""

# Texts longer than this are cut (W001): bounded time and memory whatever the input.
DEFAULT_MAX_LENGTH = 100_000
