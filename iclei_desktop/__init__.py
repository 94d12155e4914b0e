"""ICLEI Desktop: an offline catalogue of the ICLEI East Asia Secretariat's work."""

# The one place the version is written: pyproject.toml (hatch), --version, the About box,
# exported files and the AppStream release (tests/test_desktop_files.py) all read it.
__version__ = "0.1.0"

# The reverse-DNS id a desktop knows the app by: the .desktop and metainfo file names, the
# icon name, and QGuiApplication.desktopFileName, which docks use to match window to launcher.
APP_ID = "org.iclei.eastasia.IcleiDesktop"
