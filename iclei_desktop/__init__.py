"""ICLEI Desktop: an offline catalogue of the ICLEI East Asia Secretariat's work."""

__version__ = "0.1.0"
