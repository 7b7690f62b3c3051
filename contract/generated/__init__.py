"""Generated from the effective spec by ``ohmock spec build``; do not edit by hand."""
