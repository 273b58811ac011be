"""The staff workspace's pages, one module per part of the work (style.md: views validate at
the edge and call services; selectors read)."""
