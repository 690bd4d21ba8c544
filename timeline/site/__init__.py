"""The site: build it (render every output in memory), publish it atomically, watch the data, serve it."""
