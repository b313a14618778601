from django.urls import path

from home.visits import views

urlpatterns = [
    path("count", views.count, name="visits_count"),
]
