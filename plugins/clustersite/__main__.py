"""`python -m clustersite` is the `clustersite` command."""

from .commands import main

main()
