"""Home, search, the incident list model and the first-start welcome."""
