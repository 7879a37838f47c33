# SPDX-License-Identifier: GPL-3.0-or-later
# Translations (issue #9): translations/cimdiag_<lang>.ts, compiled by lrelease into .qm files that are
# embedded in cimdiag_core as :/i18n/cimdiag_<lang>.qm, so cimdiag, cimdiag-cli and cimdiag-sim all
# carry them (core/i18n/AppTranslator loads them). Included from the top-level CMakeLists.txt after
# core/, ui/ and app/ so the targets exist; see translations/README.md for the workflow.
#
# Not qt_add_translations(): in Qt 6.4 its lupdate step reads a project file that only exists after
# the <target>_lupdate target ran, and the CI check (TranslationsUpToDate) must run lupdate with
# exactly the same sources and options. Both use the list file written here.
find_package(Qt6 6.4 REQUIRED COMPONENTS LinguistTools)

# Writes content to path only when it differs, so an unchanged file keeps its time stamp.
function(cimdiag_write_if_changed path content)
    if(EXISTS ${path})
        file(READ ${path} old)
        if(old STREQUAL content)
            return()
        endif()
    endif()
    file(WRITE ${path} "${content}")
endfunction()

set(CIMDIAG_TRANSLATION_LANGUAGES de fr ja)
set(CIMDIAG_TS_FILES "")
foreach(language IN LISTS CIMDIAG_TRANSLATION_LANGUAGES)
    list(APPEND CIMDIAG_TS_FILES ${PROJECT_SOURCE_DIR}/translations/cimdiag_${language}.ts)
endforeach()

# The hint catalogue is JSON, which lupdate cannot read; HintCatalogue::hint() translates its title,
# cause and remedy with QCoreApplication::translate("cimdiag::Hint", text). A generated C++ file of
# QT_TRANSLATE_NOOP entries (one per text, the failure-mode id as translator comment) is what lupdate
# reads instead. Regenerated whenever hints.json changes (it is a configure dependency).
set(CIMDIAG_HINTS_JSON ${PROJECT_SOURCE_DIR}/resources/hints/hints.json)
set(CIMDIAG_HINT_STRINGS ${CMAKE_BINARY_DIR}/translations/HintStrings.cpp)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CIMDIAG_HINTS_JSON})
file(READ ${CIMDIAG_HINTS_JSON} hints_text)
string(JSON hint_count LENGTH "${hints_text}" hints)
math(EXPR hint_last "${hint_count} - 1")
set(hint_strings "// Generated from resources/hints/hints.json by translations/CimDiagTranslations.cmake; do not edit.
// Only lupdate reads this file (it is not compiled): it puts the hint texts into the .ts files under the
// context HintCatalogue looks them up in.
#include <QtGlobal>

static const char *const kHintTexts[] = {
")
foreach(index RANGE ${hint_last})
    string(JSON hint_id GET "${hints_text}" hints ${index} id)
    foreach(field title cause remedy)
        string(JSON text GET "${hints_text}" hints ${index} ${field})
        string(REPLACE "\\" "\\\\" text "${text}")
        string(REPLACE "\"" "\\\"" text "${text}")
        string(REPLACE "\n" "\\n" text "${text}")
        string(APPEND hint_strings "    //: Failure mode ${hint_id}, ${field}\n    QT_TRANSLATE_NOOP(\"cimdiag::Hint\", \"${text}\"),\n")
    endforeach()
endforeach()
string(APPEND hint_strings "};\n")
cimdiag_write_if_changed(${CIMDIAG_HINT_STRINGS} "${hint_strings}")

# Every file with user-facing strings: the programs, the widgets (.ui forms included) and core (check
# results, hints, CLI messages). Tests are not translated.
file(GLOB_RECURSE CIMDIAG_LUPDATE_SOURCES CONFIGURE_DEPENDS
    ${PROJECT_SOURCE_DIR}/app/*.cpp ${PROJECT_SOURCE_DIR}/app/*.h
    ${PROJECT_SOURCE_DIR}/core/*.cpp ${PROJECT_SOURCE_DIR}/core/*.h
    ${PROJECT_SOURCE_DIR}/ui/*.cpp ${PROJECT_SOURCE_DIR}/ui/*.h ${PROJECT_SOURCE_DIR}/ui/*.ui)
list(SORT CIMDIAG_LUPDATE_SOURCES)
list(APPEND CIMDIAG_LUPDATE_SOURCES ${CIMDIAG_HINT_STRINGS})
# -I lets lupdate follow the project's includes, so tr() in a .cpp finds its Q_OBJECT class and namespace.
list(JOIN CIMDIAG_LUPDATE_SOURCES "\n" lupdate_list)
set(CIMDIAG_LUPDATE_LIST ${CMAKE_BINARY_DIR}/translations/lupdate-sources.lst)
cimdiag_write_if_changed(${CIMDIAG_LUPDATE_LIST} "-I${PROJECT_SOURCE_DIR}\n${lupdate_list}\n")
# No source locations (line numbers would make every edit a .ts change), no obsolete messages (the
# check must fail when a string is gone, and translators should not see dead ones).
set(CIMDIAG_LUPDATE_OPTIONS -locations none -no-obsolete -silent)

# Writes into the source tree, so it is never part of the normal build: run it by hand.
add_custom_target(update_translations
    COMMAND Qt6::lupdate ${CIMDIAG_LUPDATE_OPTIONS} @${CIMDIAG_LUPDATE_LIST} -ts ${CIMDIAG_TS_FILES}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    COMMENT "lupdate: refreshing translations/cimdiag_*.ts from the sources"
    VERBATIM)

# lrelease on every build (the .qm files follow the .ts files) and the .qm files embedded in core.
qt_add_lrelease(cimdiag_core TS_FILES ${CIMDIAG_TS_FILES} QM_FILES_OUTPUT_VARIABLE CIMDIAG_QM_FILES OPTIONS -silent)
qt_add_resources(cimdiag_core cimdiag_translations
    PREFIX /i18n
    BASE ${CMAKE_CURRENT_BINARY_DIR}
    FILES ${CIMDIAG_QM_FILES})
