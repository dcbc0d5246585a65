"""Analysis of statute text: cross-references, amendment texts, impact (pure functions, no models)."""
