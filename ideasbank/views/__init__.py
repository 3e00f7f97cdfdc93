"""The ideas bank's pages, one module per journey; ideasbank/urls.py maps them."""
