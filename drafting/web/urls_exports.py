"""Stable export URLs: /bills/<pk>/export/<doc>.<fmt> (doc: amendment, comparison, consolidated;
fmt: html, pdf, docx; amendment.xml is the Akoma Ntoso rendering)."""

from django.urls import path

from drafting.web import exports

urlpatterns = [
    path(
        "bills/<int:pk>/export/amendment.xml",
        exports.export_document,
        {"doc": "amendment", "fmt": "xml"},
        name="export_akn",
    ),
    path("bills/<int:pk>/export/<slug:doc>.<slug:fmt>", exports.export_document, name="export"),
]
