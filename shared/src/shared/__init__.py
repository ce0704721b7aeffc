"""The marketplace's shared kernel. It never imports a service project."""
