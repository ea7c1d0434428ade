"""The benchmark behind `make bench`: what the policy layer costs a help center of 10 to
1,000 articles, measured against the same help center built as plain Material."""
