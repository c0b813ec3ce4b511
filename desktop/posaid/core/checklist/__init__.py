"""The guided checklist: content, walk, inference, verdicts."""
