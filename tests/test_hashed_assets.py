"""Our style sheet and script are published under content-hashed names; every page must
reach them under the new name, and nothing else may be renamed with them (a reader
would get an unstyled page, or a link to a file that does not exist)."""

from __future__ import annotations

import pytest

from helpcenter.publishing.hashed_assets import rewrite_references

RENAMED = {"assets/help-center.css": "assets/help-center.0123456789.css",
           "assets/help-center.js": "assets/help-center.abcdefabcd.js"}


@pytest.mark.parametrize("reference", [
    '<link rel="stylesheet" href="assets/help-center.css">',
    '<link rel="stylesheet" href="../../assets/help-center.css">',
    "<script src='/assets/help-center.js' defer></script>",
    '<script src="https://help.example/assets/help-center.js?v=2"></script>',
    '<link rel="preload" href="../assets/help-center.css#top">',
])
def test_every_way_a_page_refers_to_our_assets_reaches_the_hashed_name(reference):
    rewritten = rewrite_references(reference, RENAMED)
    assert "help-center.0123456789.css" in rewritten or "help-center.abcdefabcd.js" in rewritten
    assert rewrite_references(rewritten, RENAMED) == rewritten  # and only once


@pytest.mark.parametrize("other", [
    '<a href="myassets/help-center.css">',  # another folder whose name ends the same
    '<link href="assets/help-center.css.map">',  # another file that starts the same
    "<p>Styles live in assets/help-center.css.</p>",  # prose, not a reference
    '<a href="old-assets/help-center.js">',
])
def test_names_that_only_contain_an_assets_name_are_left_alone(other):
    assert rewrite_references(other, RENAMED) == other


def test_a_page_referring_to_both_assets_several_times_gets_every_one_renamed():
    page = ('<link href="../assets/help-center.css"><script src="../assets/help-center.js"></script>'
            '<a href="myassets/help-center.css">x</a><link href="/assets/help-center.css">')
    assert rewrite_references(page, RENAMED) == (
        '<link href="../assets/help-center.0123456789.css">'
        '<script src="../assets/help-center.abcdefabcd.js"></script>'
        '<a href="myassets/help-center.css">x</a><link href="/assets/help-center.0123456789.css">')
