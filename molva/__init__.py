"""Molva: a self-hosted monitor of what people say about a company and its competitors."""

__version__ = "0.1.0"
