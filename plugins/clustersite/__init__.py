"""clustersite: publish a cluster's homepage, member database, events and newsletter with MkDocs."""

__version__ = "0.1.0"
