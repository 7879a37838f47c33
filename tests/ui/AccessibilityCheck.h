// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractScrollArea>
#include <QHeaderView>
#include <QScrollBar>
#include <QStringList>
#include <QWidget>

namespace cimdiag {

/// What the issue asks of every interactive widget (#5): a stable objectName for tests and an
/// accessible name for screen readers. Interactive here means it takes keyboard focus; Qt's own
/// parts of composite widgets (headers, scroll bars, viewports) are the composite's business.
/// Header-only: tests/CMakeLists.txt builds each tests/ui/Test*.cpp alone.
class AccessibilityCheck final
{
public:
    AccessibilityCheck() = delete;

    /// Descriptions ("QPushButton 'copyFingerprintButton': no accessible name") of every focusable
    /// descendant of root (and root itself when focusable) that lacks an objectName or an
    /// accessible name.
    static QStringList unnamedInteractiveWidgets(const QWidget *root)
    {
        QStringList problems;
        QList<const QWidget *> widgets {root};
        for (const QWidget *child : root->findChildren<QWidget *>())
            widgets.append(child);
        for (const QWidget *widget : std::as_const(widgets)) {
            if (widget->focusPolicy() == Qt::NoFocus || isQtInternal(widget))
                continue;
            const QString what
                = QStringLiteral("%1 '%2'").arg(QLatin1String(widget->metaObject()->className()), widget->objectName());
            if (widget->objectName().isEmpty())
                problems.append(what + QStringLiteral(": no objectName"));
            if (widget->accessibleName().isEmpty())
                problems.append(what + QStringLiteral(": no accessible name"));
        }
        return problems;
    }

private:
    static bool isQtInternal(const QWidget *widget)
    {
        if (widget->objectName().startsWith(QLatin1String("qt_")))
            return true;
        if (qobject_cast<const QHeaderView *>(widget) || qobject_cast<const QScrollBar *>(widget))
            return true;
        // A scroll area's viewport belongs to the scroll area.
        const auto *area = qobject_cast<const QAbstractScrollArea *>(widget->parentWidget());
        return area && area->viewport() == widget;
    }
};

} // namespace cimdiag
