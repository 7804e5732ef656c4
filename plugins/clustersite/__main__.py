"""`python -m clustersite` is the `clustersite` command."""

from .cli import main

main()
