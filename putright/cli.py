"""The `putright` command: Django's management commands, plus Putright's own
(interfaces.md). Hyphenated names (`import-register`) map to the command modules
(`import_register`). Bad input exits 1 with one line per problem, never a traceback."""

from __future__ import annotations

import os
import sys

ALIASES = {
    "import-register": "import_register",
    "export-register": "export_register",
    "api-key": "api_key",
    "subject-access": "subject_access",
}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    argv[0] = "putright"
    if len(argv) > 1:
        argv[1] = ALIASES.get(argv[1], argv[1])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "putright.settings")
    from django.core.management import execute_from_command_line

    if "--traceback" in argv or os.environ.get("PUTRIGHT_TRACEBACK"):
        execute_from_command_line(argv)
        return
    try:
        execute_from_command_line(argv)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:
        message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        print(
            f"putright: error: {message} (run again with --traceback for details)", file=sys.stderr
        )
        sys.exit(1)


if __name__ == "__main__":
    main()
