"""Typed models of the site's data: what a valid member, event, issue or profile is."""
