"""What the build publishes besides the pages, and how a build reaches readers.

`site_files.publish(...)` writes policy.json and its schema, the policy-changes feed
and links.json into a built site; `link_directory.py` also draws support's Link
directory page; `site_swap.build_into_place(...)` runs a build into a staging folder
and swaps it in only when it succeeded, so readers never see half a site.
"""
