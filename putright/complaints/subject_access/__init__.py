"""Subject access (UK GDPR Article 15; docs/security.md, "Subject access"): everything
Putright holds about one resident, as one document written both as JSON and as a page a
person can read, with the files it refers to.

- ``document``: the document's shape (listings of entries, each a list of facts) and the
  two ways it is written (JSON and self-contained HTML);
- ``parts``: what the apps above add about each complaint (letters, Ombudsman cases, the
  portal's feedback, the access log), each registering its part when it starts, so this
  app imports none of them;
- ``record``: what the residents and complaints apps hold.

The zip itself, and the record that it was produced, are made by the service
``putright.complaints.services.subject_access``.
"""
