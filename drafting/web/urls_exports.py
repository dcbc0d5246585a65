"""URL patterns of this part of the browser UI (filled in by its feature)."""

urlpatterns: list = []
