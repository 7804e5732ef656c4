"""Clusters of clusters: partner clusters' member exports, pulled into the repository and shown.

- `partners`: the `network:` option's entries;
- `fetch`: downloading an export with limits (size while streaming, time, http(s) only);
- `exports`: reading an export, pulled or committed, as untrusted input;
- `pull`: `clustersite network pull`, which refreshes `network/<cluster>.json` and never
  runs during a build (the build stays offline and reads only the committed files);
- `matching`: organisations that are members of several clusters.
"""
