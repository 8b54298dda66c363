"""Governing documents as official Word and PDF documents."""
