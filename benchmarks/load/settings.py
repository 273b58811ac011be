"""The settings of a load-test run (scripts/load-test): Putright's own, unchanged, with one
more URL, the bare view the API is compared with. Never used outside benchmarks/."""

from putright.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.load.urls"
