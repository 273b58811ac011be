"""Following a complaint at /track/: by private link, or by reference, email and a code."""
