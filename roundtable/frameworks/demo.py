"""Demo data of the results frameworks: the shipped data files, loaded by the ordinary loaders."""

from .services import SHIPPED_FRAMEWORK_FILES, framework_load_file, sdgs_load


def load(stdout) -> None:
    stdout.write(str(sdgs_load()))
    for path in SHIPPED_FRAMEWORK_FILES:
        stdout.write(str(framework_load_file(path=path)))
