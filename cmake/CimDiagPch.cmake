# SPDX-License-Identifier: GPL-3.0-or-later
# Precompiled headers: the Qt and standard headers nearly every source includes. Parsing them is most
# of the cost of a small translation unit (CimType.cpp: 1.8 s without, 0.5 s with, g++ -O2 -g), and CI
# builds every tree from scratch on 2 cores (docs/ci.md). Only system headers go in: a project header
# in a PCH would rebuild everything whenever it changes.
#
# The dev preset turns this off so that a source missing an #include of its own fails there.
option(CIMDIAG_PCH "Precompile the common Qt and standard headers" ON)

set(CIMDIAG_PCH_CORE_HEADERS
    <QByteArray> <QCoreApplication> <QDateTime> <QDir> <QElapsedTimer> <QFile> <QFileInfo> <QHash>
    <QHostAddress> <QJsonArray> <QJsonDocument> <QJsonObject> <QList> <QLocale> <QMap> <QObject> <QPointer>
    <QRegularExpression> <QSet> <QSslCertificate> <QSslConfiguration> <QSslSocket> <QString> <QStringList>
    <QTcpSocket> <QTimer> <QUrl> <QVariant> <QNetworkAccessManager> <QNetworkReply>
    <algorithm> <array> <chrono> <functional> <limits> <memory> <optional> <vector>)
set(CIMDIAG_PCH_WIDGETS_HEADERS
    <QAbstractItemModel> <QAction> <QApplication> <QBoxLayout> <QComboBox> <QHeaderView> <QLabel> <QLineEdit>
    <QPushButton> <QWidget>)
set(CIMDIAG_PCH_TEST_HEADERS <QProcess> <QSignalSpy> <QTemporaryDir> <QTest>)

# cimdiag_precompile_headers(target [WIDGETS] [TEST]): the target gets its own precompiled header of
# the core list, plus the widget and QtTest lists when asked (they need those Qt modules linked).
function(cimdiag_precompile_headers target)
    if(NOT CIMDIAG_PCH)
        return()
    endif()
    cmake_parse_arguments(ARG "WIDGETS;TEST" "" "" ${ARGN})
    set(headers ${CIMDIAG_PCH_CORE_HEADERS})
    if(ARG_WIDGETS)
        list(APPEND headers ${CIMDIAG_PCH_WIDGETS_HEADERS})
    endif()
    if(ARG_TEST)
        list(APPEND headers ${CIMDIAG_PCH_TEST_HEADERS})
    endif()
    target_precompile_headers(${target} PRIVATE ${headers})
endfunction()

# cimdiag_reuse_precompiled_headers(target host): the target uses host's precompiled header instead
# of making its own (every test executable would otherwise spend seconds on one). The compiler
# checks that the flags and macros match; host must be a target of the same directory with the same
# libraries, so that they do.
function(cimdiag_reuse_precompiled_headers target host)
    if(CIMDIAG_PCH)
        target_precompile_headers(${target} REUSE_FROM ${host})
    endif()
endfunction()
