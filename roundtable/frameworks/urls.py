from django.urls import include, path

from . import views

app_name = "frameworks"

urlpatterns = [
    path("", views.framework_list, name="list"),
    path("", include("roundtable.frameworks.indicator_urls")),
    path("<slug:code>/", views.framework_detail, name="detail"),
    path("<slug:code>/edit/", views.framework_edit, name="edit"),
    path("<slug:code>/items/add/", views.item_add, name="item_add"),
    path("<slug:code>/items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("<slug:code>/items/<int:pk>/delete/", views.item_delete, name="item_delete"),
]
