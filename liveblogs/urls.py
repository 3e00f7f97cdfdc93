app_name = "liveblogs"
urlpatterns = []
