"""Legal text without models: anchoring quotes, re-anchoring, diffs and Markdown."""
