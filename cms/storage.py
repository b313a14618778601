from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files.

    JavaScript is not rewritten: vendored Leaflet files carry source-map comments for
    maps their packages leave out, which would otherwise stop collectstatic.
    """

    patterns = tuple(
        (extension, rules)
        for extension, rules in CompressedManifestStaticFilesStorage.patterns
        if extension != "*.js"
    )
