"""The bundled offline demo: a sample web (forums, reviews, feeds, a Twitter API)
served on 127.0.0.1, and a config that points Molva at it."""
