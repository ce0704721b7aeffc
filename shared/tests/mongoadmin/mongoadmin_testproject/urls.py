from django.contrib import admin
from django.urls import path

urlpatterns = [path("admin/mongoadmin/", admin.site.urls)]
