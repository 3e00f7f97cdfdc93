"""Views of the members app, one module per journey: account, councils, people, map."""
