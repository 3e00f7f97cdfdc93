"""Accounts services: identity from a sign-in provider, data export, erasure, retention."""
