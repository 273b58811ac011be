"""The resident portal: make a complaint (/complain/) and follow it (/track/), with no account."""
