// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/StatusColors.h"

namespace cimdiag {

namespace {
// Hues in degrees: red, amber, green. Saturation stays high; lightness is chosen per palette.
constexpr int kRedHue = 0;
constexpr int kAmberHue = 38;
constexpr int kGreenHue = 130;

QColor tone(int hue, const QPalette &palette, int lightLightness, int darkLightness)
{
    return QColor::fromHsl(hue, 200, StatusColors::isDark(palette) ? darkLightness : lightLightness);
}
} // namespace

bool StatusColors::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < palette.color(QPalette::WindowText).lightness();
}

QColor StatusColors::fill(CheckStatus status, const QPalette &palette)
{
    switch (status) {
    case CheckStatus::Passed:
        return tone(kGreenHue, palette, 110, 120);
    case CheckStatus::Warning:
        return tone(kAmberHue, palette, 130, 140);
    case CheckStatus::Failed:
        return tone(kRedHue, palette, 115, 125);
    case CheckStatus::Running:
        return palette.color(QPalette::Highlight);
    case CheckStatus::Skipped:
        return palette.color(QPalette::Mid);
    case CheckStatus::Pending:
        break;
    }
    return Qt::transparent;
}

QColor StatusColors::textOn(const QColor &background)
{
    // Relative luminance (sRGB weights); 0.5 splits where black and white text read equally well.
    const double luminance = 0.2126 * background.redF() + 0.7152 * background.greenF() + 0.0722 * background.blueF();
    return luminance > 0.5 ? QColor(Qt::black) : QColor(Qt::white);
}

QColor StatusColors::errorText(const QPalette &palette)
{
    // Text needs more contrast than a fill: dark red on light windows, light red on dark ones.
    return tone(kRedHue, palette, 95, 170);
}

QColor StatusColors::warningText(const QPalette &palette)
{
    return tone(kAmberHue, palette, 80, 160);
}

QColor StatusColors::successText(const QPalette &palette)
{
    return tone(kGreenHue, palette, 70, 160);
}

} // namespace cimdiag
