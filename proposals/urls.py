"""Reference pages: instruments, obligations, proposals."""

app_name = "proposals"

urlpatterns: list = []
