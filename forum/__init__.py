"""Officers' network discussions: categories, threads, numbered posts, read state, moderation."""
