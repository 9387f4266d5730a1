"""The two files the site loads are generated from assets/: they must match
the sources, or an edit would never reach readers."""

from scripts.assets import BUNDLES, stale_bundles


def test_generated_css_and_js_match_their_sources():
    assert stale_bundles() == [], "run `make assets`"


def test_generated_files_carry_no_comments():
    # Comments stay in the sources; readers should not download them.
    for bundle in BUNDLES:
        assert "/*" not in bundle.path.read_text(encoding="utf-8"), bundle.output
