# Shortcuts for the packaging scripts; the tests have scripts/test.sh.
.PHONY: dist check-dist clean-dist

# The one-folder application in dist/iclei-desktop (PyInstaller, in packaging/.build-venv).
dist:
	packaging/build.sh

# The frozen app alone, with a clean environment: --self-test, and an old catalogue upgraded.
check-dist:
	packaging/check-frozen.sh

clean-dist:
	rm -rf build/pyinstaller dist/iclei-desktop
