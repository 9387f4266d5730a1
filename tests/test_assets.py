"""The two files the site loads are generated from assets/: they must match
the sources, or an edit would never reach readers."""

from scripts.assets import BUNDLES, stale_bundles


def test_generated_css_and_js_match_their_sources():
    assert stale_bundles() == [], "run `make assets`"


def test_generated_files_carry_no_comments():
    # Comments stay in the sources; readers should not download them.
    for bundle in BUNDLES:
        assert "/*" not in bundle.path.read_text(encoding="utf-8"), bundle.output


def test_every_script_source_is_bundled_and_none_shares_through_window(tmp_path):
    # A module no entry imports would never reach readers; the bundles share
    # nothing through window.atn (each imports what it uses).
    import json
    import subprocess

    from scripts.assets import ESBUILD, SOURCES

    reached = set()
    for bundle in BUNDLES:
        if bundle.module:
            meta = tmp_path / f"{bundle.output}.json"
            subprocess.run([str(ESBUILD), str(SOURCES / bundle.sources[0]), "--bundle", f"--metafile={meta}",
                            "--outfile=/dev/null", "--log-level=error"], check=True, cwd=SOURCES.parent.parent)
            reached |= {str((SOURCES.parent.parent / name).resolve()) for name in json.loads(meta.read_text())["inputs"]}
        else:
            reached |= {str((SOURCES / name).resolve()) for name in bundle.sources}
    scripts = sorted((SOURCES / "javascripts").glob("*.js"))
    assert [s.name for s in scripts if str(s.resolve()) not in reached] == []
    assert [s.name for s in scripts if "window.atn." in s.read_text(encoding="utf-8")] == []


def test_every_pinned_package_carries_its_hashes():
    """pip checks every file it installs against these and refuses a pin
    that has none, so a pin added without `make pins` would stop `make
    install` on a fresh machine (scripts/pins.py)."""
    from scripts.pins import PIN_FILES, pins, unhashed

    assert all(pins(path.read_text(encoding="utf-8")) for path in PIN_FILES)
    assert [problem for path in PIN_FILES for problem in unhashed(path)] == []
