"""A digest section as another app would add one (settings.DIGEST_SECTIONS)."""


def review_due(person, *, today):
    return {
        "title": "Borging",
        "items": [{"text": "Herzien: de borging", "url": "https://example.invalid/borging/"}],
    }
