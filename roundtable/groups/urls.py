from django.urls import path

from . import views

app_name = "groups"

urlpatterns = [
    path("", views.group_list, name="list"),
    path("new/", views.group_create, name="create"),
    path("<slug:code>/", views.group_detail, name="detail"),
    path("<slug:code>/edit/", views.group_edit, name="edit"),
    path("<slug:code>/chairs/", views.chairs, name="chairs"),
    path("<slug:code>/chairs/add/", views.chair_add, name="chair_add"),
    path("<slug:code>/chairs/<int:pk>/end/", views.chair_end, name="chair_end"),
    path("<slug:code>/chairs/<int:pk>/change/", views.chair_change, name="chair_change"),
    path("<slug:code>/tor/add/", views.tor_upload, name="tor_upload"),
    path("<slug:code>/tor/<int:pk>/", views.tor_download, name="tor_download"),
    path("<slug:code>/tor/<int:pk>/delete/", views.tor_delete, name="tor_delete"),
]
