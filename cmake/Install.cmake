# `cmake --install` and `cpack -G DEB` (included at the end of the top-level
# CMakeLists.txt, after every target is defined).
#
#   <prefix>/bin/connleak                        the CLI
#   <prefix>/bin/connleak-clangd                 clangd with the checks (CONNLEAK_BUILD_CLANGD)
#   <prefix>/bin/connleak-hook                   the pre-commit hook (tools/pre-commit)
#   <prefix>/<libdir>/connleak/libconnleak.so    the clang-tidy-19 plugin
#   <prefix>/include/connleak/scoped.h           the scope guard the fix-its include
#   <prefix>/share/connleak/models/*.yaml        the built-in models, for reference
#                                                (they are compiled in)
#   <prefix>/share/connleak/pre-commit-hooks.yaml
#   <prefix>/share/doc/connleak/                 README.md, CHANGELOG.md, docs/
#
# test/install/install.test installs into an empty DESTDIR and checks this list.
include(GNUInstallDirs)

install(TARGETS connleak-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS connleak LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/connleak)
if(TARGET connleak-clangd)
  install(TARGETS connleak-clangd RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(PROGRAMS ${CMAKE_SOURCE_DIR}/tools/pre-commit/connleak-hook
        DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${CMAKE_SOURCE_DIR}/include/connleak/scoped.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/connleak)
install(FILES ${CONNLEAK_MODEL_FILES}
        DESTINATION ${CMAKE_INSTALL_DATADIR}/connleak/models)
install(FILES ${CMAKE_SOURCE_DIR}/.pre-commit-hooks.yaml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/connleak RENAME pre-commit-hooks.yaml)
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_SOURCE_DIR}/CHANGELOG.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR})

# cpack -G DEB (run in the build directory) -> connleak_<version>_<arch>.deb.
# Depends: the shared libraries the binaries link (dpkg-shlibdeps: libllvm19,
# libclang-cpp19, libfmt9, and for connleak-clangd gRPC/protobuf/absl), plus
# what is used without being linked: clang-tidy-19 loads the plugin, the
# builtin headers (stddef.h, ...) of the clang resource directory the CLI and
# connleak-clangd pass are in libclang-common-19-dev, and the hook needs
# python3 and git.
set(CPACK_PACKAGE_NAME connleak)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "connleak")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "clang-tidy checks that find connection leaks in C and C++")
set(CPACK_PACKAGE_CONTACT "connleak maintainers <maintainers@users.noreply.github.com>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "clang-tidy-19, libclang-common-19-dev, python3, git")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "clang-tidy checks that find connection leaks in C and C++\n The connleak CLI, the clang-tidy-19 plugin, connleak-clangd (clangd 19 with\n the checks), the pre-commit hook and the scope guard header connleak/scoped.h.")
set(CPACK_GENERATOR DEB)
include(CPack)
