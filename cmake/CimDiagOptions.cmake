# SPDX-License-Identifier: GPL-3.0-or-later
# The shared compile flags of every cimdiag target, carried by one INTERFACE target.
add_library(cimdiag_options INTERFACE)
add_library(CimDiag::Options ALIAS cimdiag_options)
target_compile_features(cimdiag_options INTERFACE cxx_std_20)
target_include_directories(cimdiag_options INTERFACE ${PROJECT_SOURCE_DIR})
target_compile_definitions(cimdiag_options INTERFACE
    QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_CAST_FROM_BYTEARRAY QURL_NO_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT QT_USE_QSTRINGBUILDER QT_DISABLE_DEPRECATED_BEFORE=0x060400
    CIMDIAG_VERSION="${PROJECT_VERSION}" CIMDIAG_APP_ID="${CIMDIAG_APP_ID}")
target_compile_options(cimdiag_options INTERFACE
    -Wall -Wextra -pedantic -Wold-style-cast -Woverloaded-virtual -Wnon-virtual-dtor
    $<$<BOOL:${CIMDIAG_WERROR}>:-Werror>)
if(CIMDIAG_SANITIZE)
    target_compile_options(cimdiag_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
        -fno-sanitize-recover=undefined)
    target_link_options(cimdiag_options INTERFACE -fsanitize=address,undefined)
endif()

# The sanitizer tree (preset "sanitize": tests/fuzz and the asan-ci tests): clang only. Every library is
# instrumented for libFuzzer's coverage feedback (fuzzer-no-link: the fuzzer's main() is linked into the
# targets alone; in the test programs the hooks are the sanitizer runtime's no-ops) and runs under ASan
# and UBSan; a UBSan report aborts, so libFuzzer records it as a crash with its input and a test fails.
option(CIMDIAG_FUZZ "Build the libFuzzer targets under tests/fuzz (clang only)" OFF)
if(CIMDIAG_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "CIMDIAG_FUZZ needs clang (libFuzzer); configure with the sanitize preset")
    endif()
    target_compile_options(cimdiag_options INTERFACE -fsanitize=fuzzer-no-link,address,undefined
        -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(cimdiag_options INTERFACE -fsanitize=address,undefined)
endif()
