"""Adapters to external site engines. Only these modules import an engine."""
