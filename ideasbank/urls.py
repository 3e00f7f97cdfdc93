app_name = "ideasbank"
urlpatterns = []
