# SPDX-License-Identifier: GPL-3.0-or-later
# CPack: a Debian package and a tarball of what `cmake --install` installs (the three programs, the
# desktop file, AppStream metainfo, icons and man pages).
#   cpack --config <builddir>/CPackConfig.cmake            both, into the current directory
#   cpack --config <builddir>/CPackConfig.cmake -G DEB -B <dir>
# tests/packaging/deb-package.sh builds the .deb, unpacks it and runs the programs from it.
set(CPACK_PACKAGE_NAME cimdiag)
set(CPACK_PACKAGE_VENDOR "The cimdiag developers")
set(CPACK_PACKAGE_CONTACT "The cimdiag developers <cimdiag@users.noreply.github.com>")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/cimdiag/cimdiag")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "CIM/WBEM connection diagnostics")
# The extended description (Debian policy 3.4.1: what it is, for whom, what it does).
# Lines under 80 columns, "." for an empty line.
set(CPACK_PACKAGE_DESCRIPTION
    "cimdiag finds out why a CIM/WBEM client cannot talk to a CIM server that
speaks CIM-XML over HTTP or HTTPS (DMTF DSP0200/DSP0201, ports 5988 and
5989), such as VMware ESXi's sfcbd, OpenPegasus, SFCB, baseboard management
controllers and SMI-S providers. It checks name resolution, TCP, TLS
(protocol, cipher, certificate chain), HTTP and CIM-XML, authentication, the
interop namespace and a sample enumeration, and names the cause and the
remedy of each problem with its evidence.
.
The package holds the desktop app (cimdiag), the command-line diagnosis and
CIM-XML decoder (cimdiag-cli), and a CIM-XML server simulator with failure
scenarios (cimdiag-sim).")
set(CPACK_GENERATOR "DEB;TGZ")
# The ci preset builds with debug information (RelWithDebInfo); a package carries stripped programs.
set(CPACK_STRIP_FILES ON)
set(CPACK_THREADS 0) # compress with every core

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # cimdiag_<version>-<release>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# dpkg-shlibdeps (dpkg-dev, which needs file) computes the library packages. The Qt platform plugins
# are loaded at run time, so no linker-level scan finds them: without qt6-qpa-plugins the desktop app
# aborts with "could not find the Qt platform plugin".
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins")
# A CIM client that is not cimdiag, to try against cimdiag-sim.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "sblim-wbemcli")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

include(CPack)
