# cmake/install.cmake - what `cmake --install` puts where, included once
# from the top-level CMakeLists.txt after the targets are defined.
#
#   bin/semm                            the command-line tool (Runtime)
#   lib/libsemm.so.*                    the shared library (Runtime)
#   lib/libsemm.so, lib/libsemm.a       link names and static library
#   include/semm/*.h                    the public headers
#   lib/pkgconfig/semm.pc               for pkg-config
#   lib/cmake/semm/                     for find_package(semm): semm::semm
#   share/semm/models/*.json            the shipped models,
#   share/semm/questionnaires/...       questionnaires and example data
#   share/man/man1/semm.1               the manual page
#
# Components: Runtime (tool, shared library, data, manual) and Development
# (headers, static library, link name, pkg-config and CMake files), for
# `cmake --install build --component Runtime`.
#
# The CMake package exports only the shared library, as semm::semm. Its
# dependencies (cJSON, libxlsxwriter, GSL, libcsv, libreadstat, SQLite,
# nettle) are linked
# PRIVATE and do not reach consumers, so find_package(semm) needs nothing
# else. The static library needs them at link time: semmConfig.cmake
# builds semm::semm_static by hand when the component "static" is asked
# for (exporting it directly would export the project's own imported
# targets semm_csv and semm_readstat and its private flags target).
# pkg-config covers the static case with Requires.private and
# Libs.private.

include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(SEMM_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/semm)
set(SEMM_INSTALL_DATADIR ${CMAKE_INSTALL_DATADIR}/semm)

# ---- the tool finds model and questionnaire ids in the installed data
# folder (after $SEMM_DATA_DIR and the current folder; see cli_util.c).
# The folder is fixed when the build is configured: `cmake --install
# --prefix P` moves the files but not this default.
target_compile_definitions(semm_cli_obj PRIVATE
  SEMM_DATA_DIR="${CMAKE_INSTALL_FULL_DATADIR}/semm")

# ---- programs and libraries
set_target_properties(semm_shared PROPERTIES EXPORT_NAME semm)
install(TARGETS semm
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT Runtime)
install(TARGETS semm_shared EXPORT semmTargets
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT Runtime
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT Runtime
    NAMELINK_COMPONENT Development
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT Development)
install(TARGETS semm_static
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT Development)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/semm
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT Development
  FILES_MATCHING PATTERN "*.h")

# ---- CMake package: semmTargets.cmake (semm::semm), semmConfig.cmake,
# semmConfigVersion.cmake; all relocatable.
install(EXPORT semmTargets NAMESPACE semm::
  DESTINATION ${SEMM_INSTALL_CMAKEDIR} COMPONENT Development)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/semmConfig.cmake.in
  ${PROJECT_BINARY_DIR}/semmConfig.cmake
  INSTALL_DESTINATION ${SEMM_INSTALL_CMAKEDIR}
  PATH_VARS CMAKE_INSTALL_INCLUDEDIR CMAKE_INSTALL_LIBDIR SEMM_INSTALL_DATADIR)
# SOVERSION is the major version, so the package promises the same.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/semmConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/semmConfig.cmake
  ${PROJECT_BINARY_DIR}/semmConfigVersion.cmake
  DESTINATION ${SEMM_INSTALL_CMAKEDIR} COMPONENT Development)

# ---- pkg-config. The prefix is the one actually installed into (it may be
# given at install time: `cmake --install build --prefix P`), so semm.pc is
# written by an install script; everything else is filled in now.
foreach(kind LIBDIR INCLUDEDIR DATADIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${kind}}")
    set(SEMM_PC_${kind} "${CMAKE_INSTALL_${kind}}")
  else()
    set(SEMM_PC_${kind} "\${prefix}/${CMAKE_INSTALL_${kind}}")
  endif()
endforeach()
set(SEMM_PC_PREFIX "@SEMM_PC_PREFIX@") # left for the install script
configure_file(${CMAKE_CURRENT_LIST_DIR}/semm.pc.in
  ${PROJECT_BINARY_DIR}/semm-install/semm.pc.in @ONLY)
configure_file(${CMAKE_CURRENT_LIST_DIR}/semm_install_pc.cmake.in
  ${PROJECT_BINARY_DIR}/semm-install/semm_install_pc.cmake @ONLY)
install(SCRIPT ${PROJECT_BINARY_DIR}/semm-install/semm_install_pc.cmake
  COMPONENT Development)

# ---- shipped definitions and example data, and the manual page
install(DIRECTORY ${PROJECT_SOURCE_DIR}/models/
  DESTINATION ${SEMM_INSTALL_DATADIR}/models COMPONENT Runtime
  FILES_MATCHING PATTERN "*.json")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/questionnaires/
  DESTINATION ${SEMM_INSTALL_DATADIR}/questionnaires COMPONENT Runtime
  FILES_MATCHING PATTERN "*.json" PATTERN "examples" EXCLUDE)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/questionnaires/examples
  DESTINATION ${SEMM_INSTALL_DATADIR}/questionnaires COMPONENT Runtime)
install(FILES ${PROJECT_SOURCE_DIR}/docs/semm.1
  DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT Runtime)

# ---- say so when the tool will not find its data by itself
install(CODE "
  if(NOT \"\${CMAKE_INSTALL_PREFIX}\" STREQUAL \"${CMAKE_INSTALL_PREFIX}\")
    message(STATUS \"semm: installing into \${CMAKE_INSTALL_PREFIX}, but \"
      \"the build was configured for ${CMAKE_INSTALL_PREFIX}: the semm tool \"
      \"looks for model and questionnaire ids in \"
      \"${CMAKE_INSTALL_FULL_DATADIR}/semm. Set SEMM_DATA_DIR, or configure \"
      \"with -DCMAKE_INSTALL_PREFIX=\${CMAKE_INSTALL_PREFIX}.\")
  endif()" COMPONENT Runtime)
